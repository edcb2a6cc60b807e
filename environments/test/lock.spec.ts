import fs from 'node:fs';
import path from 'node:path';

import {
  canonicalJson,
  checkLockFits,
  lockId,
  lockToRequirements,
  readLock,
  shortId,
  writeLock,
  type ILock,
  type IPythonInfo
} from '../src';
import { removeTemporaryDirectories, temporaryDirectory } from './helpers';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const lock: ILock = {
  lockVersion: 1,
  python: { implementation: 'cpython', version: '3.11' },
  platform: {
    system: 'linux',
    machine: 'x86_64',
    tag: 'cp311-cp311-manylinux_2_36_x86_64'
  },
  packages: [
    {
      name: 'beta',
      version: '2.0',
      file: 'beta-2.0-py3-none-any.whl',
      sha256: HASH_B
    },
    {
      name: 'Alpha',
      version: '1.1',
      file: 'alpha-1.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      sha256: HASH_A
    }
  ]
};

const here: IPythonInfo = {
  path: '/usr/bin/python3.11',
  version: '3.11',
  fullVersion: '3.11.2',
  implementation: 'cpython',
  system: 'linux',
  machine: 'x86_64',
  tags: ['cp311-cp311-manylinux_2_17_x86_64', 'py3-none-any']
};

describe('locks', () => {
  afterAll(removeTemporaryDirectories);
  it('have a canonical JSON: sorted keys and packages, whatever the order given', () => {
    const reordered: ILock = {
      packages: [...lock.packages].reverse(),
      platform: { tag: lock.platform.tag, machine: 'x86_64', system: 'linux' },
      python: { version: '3.11', implementation: 'cpython' },
      lockVersion: 1
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(lock));
    expect(canonicalJson(lock)).toMatch(
      /^\{"lockVersion":1,"packages":\[\{"file":"alpha-/
    );
    expect(lockId(reordered)).toBe(lockId(lock));
    expect(shortId(lockId(lock))).toHaveLength(16);
  });

  it('change id when anything changes', () => {
    const other = {
      ...lock,
      python: { implementation: 'cpython', version: '3.12' }
    };
    expect(lockId(other)).not.toBe(lockId(lock));
  });

  it('become a requirements file with hashes', () => {
    expect(lockToRequirements(lock)).toBe(
      `beta==2.0 --hash=sha256:${HASH_B}\nAlpha==1.1 --hash=sha256:${HASH_A}\n`
    );
  });

  it('are written and read back, and refused when malformed', async () => {
    const dir = temporaryDirectory('lock');
    const file = path.join(dir, 'lock.json');
    await writeLock(file, lock);
    expect(lockId(await readLock(file))).toBe(lockId(lock));
    fs.writeFileSync(
      file,
      JSON.stringify({ ...lock, packages: [{ name: 'x' }] })
    );
    await expect(readLock(file)).rejects.toMatchObject({
      code: 'invalid-list',
      message:
        'Le fichier « lock.json » n’est pas un verrou d’environnement valide.'
    });
  });

  it('fit only the platform, Python and wheel tags they were resolved for', () => {
    expect(() => checkLockFits(lock, here)).not.toThrow();
    expect(() => checkLockFits(lock, { ...here, machine: 'aarch64' })).toThrow(
      'Ce verrou a été résolu pour linux/x86_64, cpython 3.11 ; cet environnement ne peut pas être construit ici (linux/aarch64, cpython 3.11). Résolvez à nouveau la liste de logiciels sur ce serveur.'
    );
    expect(() => checkLockFits(lock, { ...here, version: '3.12' })).toThrow(
      /^Ce verrou a été résolu pour linux\/x86_64, cpython 3\.11 ;/
    );
    // An older glibc than the wheel needs: same system and machine, tags refused.
    expect(() =>
      checkLockFits(lock, {
        ...here,
        tags: ['cp311-cp311-manylinux_2_12_x86_64', 'py3-none-any']
      })
    ).toThrow(/^Le paquet Alpha 1\.1 du verrou \(alpha-1\.1-cp311-/);
  });
});
