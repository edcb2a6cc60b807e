import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';

import { Config, ConfigSchema } from './schema';

/**
 * A configuration that cannot be used; its message says which key and why.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ENV_PREFIX = 'CANDYCE_';

/**
 * Load the configuration: defaults, then the JSON file named by `CANDYCE_CONFIG` (if
 * any), then `CANDYCE_<KEY>` environment variables (`CANDYCE_DATA_DIR` sets `dataDir`).
 *
 * This is the only place that reads `process.env`.
 *
 * @throws {ConfigError} for an unreadable file, an unknown key or a bad value.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd()
): Config {
  const fromFile = env.CANDYCE_CONFIG
    ? Private.readFile(path.resolve(cwd, env.CANDYCE_CONFIG))
    : {};
  const raw = { ...fromFile, ...Private.fromEnv(env) };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(Private.describe(parsed.error));
  }
  const config = parsed.data;
  return {
    ...config,
    dataDir: path.resolve(cwd, config.dataDir),
    venvDir: path.resolve(cwd, config.venvDir),
    environmentsDir:
      config.environmentsDir && path.resolve(cwd, config.environmentsDir),
    // Folders, not pages: relative to where the hub starts, as pip would read them.
    packageFindLinks: config.packageFindLinks.map(link =>
      /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : path.resolve(cwd, link)
    )
  };
}

/**
 * The database URL, defaulting to a SQLite file in the data folder.
 */
export function databaseUrl(config: Config): string {
  return (
    config.databaseUrl ?? `sqlite:${path.join(config.dataDir, 'candyce.db')}`
  );
}

/**
 * The environments store, defaulting to a folder of the data folder.
 */
export function environmentsDir(config: Config): string {
  return config.environmentsDir ?? path.join(config.dataDir, 'environments');
}

namespace Private {
  export function readFile(file: string): Record<string, unknown> {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (reason) {
      throw new ConfigError(
        `cannot read the configuration file ${file}: ${(reason as Error).message}`
      );
    }
    try {
      const value = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error('it is not a JSON object');
      }
      return value;
    } catch (reason) {
      throw new ConfigError(
        `the configuration file ${file} is not valid JSON: ${(reason as Error).message}`
      );
    }
  }

  /** CANDYCE_SESSION_IDLE_MINUTES → sessionIdleMinutes, for the schema's keys only. */
  export function fromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
    const keys = Object.keys(ConfigSchema.shape);
    const byEnvName = new Map(
      keys.map(key => [
        ENV_PREFIX + key.replace(/[A-Z]/g, c => `_${c}`).toUpperCase(),
        key
      ])
    );
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      const key = byEnvName.get(name);
      if (key && value !== undefined) {
        values[key] = value;
      }
    }
    return values;
  }

  export function describe(error: z.ZodError): string {
    return error.issues
      .map(issue => {
        const key = issue.path.join('.') || '(root)';
        return issue.code === 'unrecognized_keys'
          ? `unknown configuration key(s): ${issue.keys.join(', ')}`
          : `${key}: ${issue.message}`;
      })
      .join('; ');
  }
}
