/**
 * One store, many builders: ten `candyce-env build` processes at once on one store
 * (the compiled command line, lib/cli.js, as the hub's neighbours run it). Each lock is
 * built exactly once, the others wait and reuse it, and nobody removes another's build.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { lockId, parseSoftwareList, resolve, writeLock } from '../src';
import {
  removeTemporaryDirectories,
  requirements,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const CLI = path.resolve(__dirname, '..', 'lib', 'cli.js');

/** Run `candyce-env build folder --store store` in its own process. */
function build(
  folder: string,
  store: string,
  index: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(done => {
    const child = spawn(
      process.execPath,
      [CLI, 'build', folder, '--store', store],
      {
        env: {
          ...process.env,
          PATH: `${VENV_BIN}:${process.env.PATH}`,
          PIP_CONFIG_FILE: '/dev/null',
          PIP_NO_INDEX: '1',
          PIP_FIND_LINKS: index
        }
      }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += String(chunk)));
    child.stderr.on('data', chunk => (stderr += String(chunk)));
    child.on('close', code => done({ code: code ?? 1, stdout, stderr }));
  });
}

describe('ten builders on one store, from separate processes', () => {
  const source = tinyIndex();
  afterAll(removeTemporaryDirectories);

  it('builds each lock once while the other processes wait, and loses no build', async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    // Five different locks, each asked for by two processes.
    const lists = ['alpha', 'alpha==1.0', 'beta==1.0', 'delta', 'ipykernel'];
    const folders: string[] = [];
    const ids: string[] = [];
    for (const text of lists) {
      const folder = temporaryDirectory('parallel-list');
      const lock = await resolve(
        parseSoftwareList([requirements(text)]),
        source
      );
      await writeLock(path.join(folder, 'candyce-lock.json'), lock);
      folders.push(folder);
      ids.push(lockId(lock));
    }
    const store = temporaryDirectory('parallel-store');
    const started = Date.now();
    const results = await Promise.all(
      [...folders, ...folders].map(folder =>
        build(folder, store, source.findLinks![0])
      )
    );
    const seconds = (Date.now() - started) / 1000;

    const failures = results.filter(result => result.code !== 0);
    expect(failures.map(result => result.stderr)).toEqual([]);
    for (const id of ids) {
      const mine = results.filter(result => result.stdout.includes(id));
      expect(mine).toHaveLength(2);
      // Built by one process; the other waited and reused it.
      expect(
        mine.filter(result => /construit en/.test(result.stdout))
      ).toHaveLength(1);
      expect(
        mine.filter(result => /déjà construit/.test(result.stdout))
      ).toHaveLength(1);
    }
    expect(fs.readdirSync(path.join(store, 'envs')).sort()).toEqual(
      [...ids].sort()
    );
    // The figure for the report: ten processes, five locks.
    process.stdout.write(
      `parallel builds: 10 processes, 5 locks, ${failures.length} failed, ${seconds.toFixed(1)} s\n`
    );
  }, 240000);
});
