/**
 * The sandbox, for features other than the spawner: how to run a command the way users'
 * servers run (bubblewrap with the system read-only, a home of its own, no network, the
 * hub's data folder hidden, optionally as an account of its own). The autograder runs
 * learners' notebooks with it.
 *
 * The spawner owns these parts (`hub/src/spawner/`); this module is the part of them
 * another feature may rely on. Import from here, not from the spawner's files.
 */
export { withAccountPaths } from '../spawner/accountPaths';
export { OutputTail } from '../spawner/output';
export { signalQuietly } from '../spawner/processes';
export { buildSandboxArgv } from '../spawner/sandbox';
export type { ISandboxPaths } from '../spawner/sandbox';
export { buildJupyterEnv } from '../spawner/server';
export type { ISystemAccount } from '../spawner/types';
