/**
 * Spawners: how the hub runs each user's JupyterLab.
 */
export * from './types';
export * from './errors';
export {
  ILocalProcessSpawnerOptions,
  ISpawnerLogger,
  LocalProcessSpawner
} from './local';
