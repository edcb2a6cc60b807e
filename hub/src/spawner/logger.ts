/**
 * The spawner's logger: a leaf module, so that the spawner's options and its limits
 * (which log how they are enforced) do not import each other.
 */

/**
 * Where the spawner writes what happens; a pino logger fits.
 */
export interface ISpawnerLogger {
  /** Normal events: a server starts, is ready, stops. */
  info(fields: object, message?: string): void;
  /** Something went wrong for one user. */
  warn(fields: object, message?: string): void;
  /** Something went wrong for the platform. */
  error(fields: object, message?: string): void;
}

/**
 * A logger that drops everything (the spawner's without `logger`).
 */
export const silentLogger: ISpawnerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined
};
