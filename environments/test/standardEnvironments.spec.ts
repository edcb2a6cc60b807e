/**
 * The standard environments of `binder-configs/`, as the set-up built them into the
 * repository's store (`.environments`, or `CANDYCE_ENVIRONMENTS_DIR`): each lock is
 * valid and agrees with its software list, its environment is in the store under the
 * lock's id, and `pip freeze` there lists exactly the lock's packages (issue #6).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { lockId, parseSoftwareList, readLock, type ILock } from '../src';
import { VENV_BIN } from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
const CONFIGS = path.join(REPO, 'binder-configs');
const STORE =
  process.env.CANDYCE_ENVIRONMENTS_DIR ?? path.join(REPO, '.environments');
const STANDARD = [
  'python-base',
  'snt',
  'nsi',
  'maths',
  'physique-chimie',
  'data-science'
];
const NAMES = fs
  .readdirSync(CONFIGS, { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name)
  .sort();

/** PEP 503 normalized project name. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

it('has every standard environment of the issue', () => {
  expect(NAMES).toEqual(expect.arrayContaining(STANDARD));
});

describe.each(NAMES)('binder-configs/%s', name => {
  const folder = path.join(CONFIGS, name);
  let lock: ILock;

  beforeAll(async () => {
    lock = await readLock(path.join(folder, 'candyce-lock.json'));
  });

  it('has a lock that agrees with its software list', () => {
    const list = parseSoftwareList(
      ['requirements.txt', 'runtime.txt'].map(file => ({
        path: file,
        content: fs.readFileSync(path.join(folder, file), 'utf8')
      }))
    );
    expect(list.problems).toEqual([]);
    expect(list.python).toBe('3.11');
    expect(lock.python.version).toBe(list.python);
    const locked = new Set(lock.packages.map(item => normalize(item.name)));
    expect(locked).toContain('ipykernel');
    for (const requirement of list.requirements) {
      const project = /^[A-Za-z0-9._-]+/.exec(requirement.text)![0];
      expect(locked).toContain(normalize(project));
    }
  });

  it('is built in the store under its lock id, with the same lock', async () => {
    const id = lockId(lock);
    const environment = path.join(STORE, 'envs', id);
    if (!fs.existsSync(environment)) {
      throw new Error(
        `${name} (${id.slice(0, 16)}) is not built in ${STORE}: run ./candyce test, or node environments/lib/cli.js build binder-configs/${name} --store ${STORE}`
      );
    }
    const stored = await readLock(path.join(environment, 'candyce-lock.json'));
    expect(lockId(stored)).toBe(id);
  });

  it('has exactly the locked packages (pip freeze)', () => {
    const python = path.join(STORE, 'envs', lockId(lock), 'bin', 'python');
    const freeze = execFileSync(
      path.join(VENV_BIN, 'python'),
      ['-m', 'pip', '--python', python, 'freeze', '--all'],
      { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } }
    )
      .toString()
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [project, version] = line.split('==');
        return `${normalize(project)}==${version}`;
      })
      .sort();
    const expected = lock.packages
      .map(item => `${normalize(item.name)}==${item.version}`)
      .sort();
    expect(freeze).toEqual(expected);
  });
});
