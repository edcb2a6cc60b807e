/**
 * @packageDocumentation
 * @module telemetry
 *
 * Candyce's learning traces: xAPI 1.0.3 statements of what the user does, sent to the
 * hub's LRS (or the deployment's) within the user's consent.
 */
import { telemetryPlugin } from './plugin';

export * from './consent';
export * from './credentials';
export * from './emitter';
export * from './queue';
export * from './sender';
export * from './statements';
export * from './storage';
export * from './vocabulary';

export default [telemetryPlugin];
