/**
 * What the servers registry hands out: handles to running servers, their states, and
 * summaries for the admin page and the culler.
 */
import { IRunningServer, ISpawnProgress } from '../spawner/types';

/**
 * A server the hub can proxy to. Nothing secret goes with it: the hub proves itself to
 * the server by signing identities with its own key (`IdentityKey`), and the server's
 * socket is open to nobody else.
 */
export interface IServerHandle {
  server: IRunningServer;
}

/**
 * Where a user's server stands.
 */
export type ServerState =
  | { kind: 'stopped' }
  | { kind: 'starting'; progress: ISpawnProgress }
  | { kind: 'running'; handle: IServerHandle }
  | { kind: 'failed'; message: string };

/**
 * What `ServerRegistry.reattach` did with a recorded server: took it back, forgot
 * it because it no longer runs (or cannot be told apart from another process), or
 * stopped it because it runs but does not answer as the server the hub started.
 */
export interface IReattachOutcome {
  userId: string;
  outcome: 'attached' | 'gone' | 'stopped';
}

/**
 * A running server as the admin page and the culler see it.
 */
export interface IServerSummary {
  userId: string;
  /** When it started (ms since the epoch). */
  startedAt: number;
  /** Its last proxied request or WebSocket activity (ms since the epoch). */
  lastActivityAt: number;
  /** WebSocket connections open through the proxy (kernels, collaboration). */
  openSockets: number;
}
