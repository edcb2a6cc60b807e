/**
 * The standard environments of `binder-configs/`: each folder is a software list
 * (`requirements.txt`, `runtime.txt`) and its lock (`candyce-lock.json`), which the hub
 * knows from its start and never collects; `seed-environments.json` gives each seed
 * resource of the library its environment.
 */
import { lockId, type ILock, type ISoftwareFile } from '@candyce/environments';
import * as fs from 'fs';
import * as path from 'path';

/** Where the repository keeps them. */
export const BINDER_CONFIGS_DIR = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'binder-configs'
);

/** The lock file of a standard environment's folder. */
const LOCK_FILE = 'candyce-lock.json';

/** The human names of the standard environments: folder name → name. */
const NAMES_FILE = 'environment-names.json';

/** A standard environment. */
export interface IStandardEnvironment {
  /** Its folder's name (`python-base`). */
  name: string;
  /** Its human name (« Python — Mathématiques »), from `environment-names.json`. */
  title: string;
  id: string;
  lock: ILock;
  /** The software list it was resolved from. */
  files: ISoftwareFile[];
}

/**
 * Read the standard environments (folders with a `candyce-lock.json`), by name.
 *
 * @throws when a lock is not JSON (a broken checkout): the hub must not start with
 *   environments it cannot name.
 */
export function readStandardEnvironments(
  dir = BINDER_CONFIGS_DIR
): IStandardEnvironment[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const titles = Private.titles(path.join(dir, NAMES_FILE));
  const found: IStandardEnvironment[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const folder = path.join(dir, entry.name);
    if (!entry.isDirectory() || !fs.existsSync(path.join(folder, LOCK_FILE))) {
      continue;
    }
    const lock = JSON.parse(
      fs.readFileSync(path.join(folder, LOCK_FILE), 'utf8')
    ) as ILock;
    const files = ['requirements.txt', 'runtime.txt']
      .filter(name => fs.existsSync(path.join(folder, name)))
      .map(name => ({
        path: name,
        content: fs.readFileSync(path.join(folder, name), 'utf8')
      }));
    found.push({
      name: entry.name,
      title: titles[entry.name] ?? `Python — ${entry.name}`,
      id: lockId(lock),
      lock,
      files
    });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The environment id of each seed resource (`seed-environments.json`: folder name of the
 * resource → name of a standard environment); resources it does not name, or that name
 * an unknown environment, have none.
 */
export function seedEnvironmentIds(
  standard: readonly IStandardEnvironment[],
  file = path.join(BINDER_CONFIGS_DIR, 'seed-environments.json')
): Map<string, string> {
  if (!fs.existsSync(file)) {
    return new Map();
  }
  const bySlug = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
    string,
    string
  >;
  const byName = new Map(standard.map(env => [env.name, env.id]));
  const ids = new Map<string, string>();
  for (const [slug, name] of Object.entries(bySlug)) {
    const id = byName.get(name);
    if (id) {
      ids.set(slug, id);
    }
  }
  return ids;
}

namespace Private {
  /** The names file's entries (none when it is missing). */
  export function titles(file: string): Record<string, string> {
    if (!fs.existsSync(file)) {
      return {};
    }
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >;
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string'
      )
    );
  }
}
