/**
 * Locks: the complete, exact result of resolving a software list. Its identity is the
 * SHA-256 of its canonical JSON, so the same lock is the same environment anywhere.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { ILockedConda } from './conda';
import { EnvironmentError } from './errors';
import type { IPythonInfo } from './python';

/** One installed distribution, exactly. */
export interface ILockedPackage {
  /** Project name, as its metadata spells it. */
  name: string;
  /** Exact version. */
  version: string;
  /** File name of the wheel or sdist resolved (its tags say where it fits). */
  file: string;
  /** SHA-256 of that file, hex. */
  sha256: string;
}

/** A lock: everything needed to rebuild the same environment. */
export interface ILock {
  /** Format version of the lock. */
  lockVersion: 1;
  /** The Python the lock was resolved for. */
  python: {
    /** `sys.implementation.name`, e.g. `cpython`. */
    implementation: string;
    /** `major.minor`, e.g. `3.11`. */
    version: string;
  };
  /** The platform the lock was resolved on. */
  platform: {
    /** `sys.platform`, e.g. `linux`. */
    system: string;
    /** `platform.machine()`, e.g. `x86_64`. */
    machine: string;
    /** The most specific wheel tag of the resolving interpreter, for information. */
    tag: string;
  };
  /** Every package of the environment, sorted by name. */
  packages: ILockedPackage[];
  /**
   * The `postBuild` script run in the build's sandbox once the packages are installed
   * (postBuild.ts); part of the lock, so that another script is another environment.
   * Absent when there is none, or when it is not run (then locks stay as they were).
   */
  postBuild?: string;
  /**
   * The conda packages solved against a deployment's channels (conda.ts), installed
   * into the environment before postBuild. Absent without conda channels.
   */
  conda?: ILockedConda;
}

/** How many hex characters of an id to show to people. */
export const SHORT_ID_LENGTH = 16;

/** The environment id of a lock: the SHA-256 (hex) of its canonical JSON. */
export function lockId(lock: ILock): string {
  return createHash('sha256').update(canonicalJson(lock)).digest('hex');
}

/** The first characters of an id, enough to tell environments apart on screen. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

/** JSON with sorted keys and sorted packages: the same lock always gives the same text. */
export function canonicalJson(lock: ILock): string {
  const packages = [...lock.packages].sort((a, b) =>
    Private.compare(Private.normalize(a.name), Private.normalize(b.name))
  );
  return JSON.stringify(Private.sortKeys({ ...lock, packages }));
}

/** The lock as a pip requirements file with hashes (`--require-hashes` installs it). */
export function lockToRequirements(lock: ILock): string {
  return lock.packages
    .map(item => `${item.name}==${item.version} --hash=sha256:${item.sha256}\n`)
    .join('');
}

/** Write a lock (canonical JSON, pretty-printed) atomically. */
export async function writeLock(file: string, lock: ILock): Promise<void> {
  const text = JSON.stringify(JSON.parse(canonicalJson(lock)), null, 2) + '\n';
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text);
  await fs.rename(temporary, file);
}

/** Read a lock written by `writeLock`, checking its shape. */
export async function readLock(file: string): Promise<ILock> {
  const lock = JSON.parse(await fs.readFile(file, 'utf8'));
  if (!Private.isLock(lock)) {
    throw new EnvironmentError(
      'invalid-list',
      `Le fichier « ${path.basename(file)} » n’est pas un verrou d’environnement valide.`
    );
  }
  return lock;
}

/**
 * Refuse a lock resolved for another platform than the interpreter's: another system,
 * machine, Python or implementation, or a wheel whose tags this interpreter refuses.
 *
 * @throws EnvironmentError `platform-mismatch`, in French
 */
export function checkLockFits(lock: ILock, python: IPythonInfo): void {
  const wanted = `${lock.platform.system}/${lock.platform.machine}, ${lock.python.implementation} ${lock.python.version}`;
  const here = `${python.system}/${python.machine}, ${python.implementation} ${python.version}`;
  if (wanted !== here) {
    throw new EnvironmentError(
      'platform-mismatch',
      `Ce verrou a été résolu pour ${wanted} ; cet environnement ne peut pas être construit ici (${here}). Résolvez à nouveau la liste de logiciels sur ce serveur.`
    );
  }
  if (!python.tags.length) {
    return;
  }
  const accepted = new Set(python.tags);
  for (const item of lock.packages) {
    const tags = Private.wheelTags(item.file);
    if (tags && !tags.some(tag => accepted.has(tag))) {
      throw new EnvironmentError(
        'platform-mismatch',
        `Le paquet ${item.name} ${item.version} du verrou (${item.file}) ne convient pas à ce serveur (${here}). Résolvez à nouveau la liste de logiciels sur ce serveur.`
      );
    }
  }
}

namespace Private {
  /** PEP 503 normalized project name. */
  export function normalize(name: string): string {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
  }

  /** Compare by code units, whatever the locale. */
  export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** A copy of a JSON value with every object's keys sorted. */
  export function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map(sortKeys);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort(compare)
          .map(key => [key, sortKeys((value as Record<string, unknown>)[key])])
      );
    }
    return value;
  }

  /** The tags a wheel file name declares (`py3-none-any`…), or null for an sdist. */
  export function wheelTags(file: string): string[] | null {
    if (!file.endsWith('.whl')) {
      return null;
    }
    const parts = file.slice(0, -4).split('-');
    const [pythons, abis, platforms] = parts.slice(-3).map(p => p.split('.'));
    const tags: string[] = [];
    for (const py of pythons) {
      for (const abi of abis) {
        for (const platform of platforms) {
          tags.push(`${py}-${abi}-${platform}`);
        }
      }
    }
    return tags;
  }

  /** Whether a parsed JSON value has the shape of a lock. */
  export function isLock(value: unknown): value is ILock {
    const lock = value as ILock;
    return (
      !!lock &&
      lock.lockVersion === 1 &&
      typeof lock.python?.version === 'string' &&
      typeof lock.python?.implementation === 'string' &&
      typeof lock.platform?.system === 'string' &&
      typeof lock.platform?.machine === 'string' &&
      (lock.postBuild === undefined || typeof lock.postBuild === 'string') &&
      (lock.conda === undefined ||
        (Array.isArray(lock.conda.channels) &&
          Array.isArray(lock.conda.packages))) &&
      Array.isArray(lock.packages) &&
      lock.packages.every(
        item =>
          typeof item.name === 'string' &&
          typeof item.version === 'string' &&
          typeof item.file === 'string' &&
          /^[0-9a-f]{64}$/.test(item.sha256)
      )
    );
  }
}
