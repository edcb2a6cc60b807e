/**
 * Environments benchmark (issue 6): the standard environments of `binder-configs/`,
 * built by the engine (`@candyce/environments`) into a content-addressed store, side by
 * side with the plain way, `python -m venv` then `pip install -r requirements.txt`.
 *
 *   npm run bench:environments      # ≈ 20 min on 2 cores
 *
 * 1. Cold builds, one after the other into one empty store: the later environments find
 *    most of their files in the pool and hard-link them. Disk: `du` of the store (hard
 *    links counted once) after each build, and `du` of each environment alone (what it
 *    would take without sharing).
 * 2. The same environment again: `ensure` on the store that built it, on a freshly opened
 *    store (a new process, as when a hub restarts), and the whole `candyce-env build`
 *    command line. Target: no rebuild, under 1 s.
 * 3. Each environment alone in an empty store (the first of the sequence already is).
 * 4. The peer: `python3.11 -m venv` and `pip install -r requirements.txt` of the same
 *    list, per environment, each on its own.
 *
 * pip's cache is warm for every build (the locks were resolved on this machine), for the
 * engine and the peer alike: the figures are installation, compilation and storage, not
 * the network. `BENCH_ENVIRONMENTS=maths,nsi` picks environments; `BENCH_ALONE=0` and
 * `BENCH_PEER=0` skip parts 3 and 4.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import {
  EnvironmentStore,
  lockId,
  readLock,
  type ILock
} from '@candyce/environments';

import { describeMachine, median, printTable, verdict } from './common/report';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIGS = path.join(ROOT, 'binder-configs');
const CLI = path.join(ROOT, 'environments', 'lib', 'cli.js');
// On the repository's file system, like the set-up's store: hard links need one.
const SCRATCH = path.join(ROOT, 'bench', '.scratch', 'environments');
const NAMES = (
  process.env.BENCH_ENVIRONMENTS ??
  'python-base,snt,nsi,maths,physique-chimie,data-science'
).split(',');
const ALONE = process.env.BENCH_ALONE !== '0';
const PEER = process.env.BENCH_PEER !== '0';
/** The target of issue 6 for an environment that is already built. */
const REUSE_TARGET_MS = 1000;
const REUSE_RUNS = 20;

/** What is measured for one environment. */
interface IFigures {
  name: string;
  packages: number;
  /** Seconds of the build in sequence (after the previous environments). */
  sequenceSeconds: number;
  /** Seconds of the build alone in an empty store. */
  aloneSeconds?: number;
  /** Bytes the store grew by with this environment (du, links counted once). */
  addedBytes: number;
  /** Bytes of the environment on its own (du): what it takes without sharing. */
  ownBytes: number;
  /** `ensure` once built: on the same store, a freshly opened one, the command line. */
  reuseMs: number[];
  reuseOpenMs: number[];
  reuseCliMs: number[];
  rebuilt: boolean;
  peerSeconds?: number;
  peerBytes?: number;
}

async function main(): Promise<void> {
  console.log(`Environments benchmark — ${describeMachine()}`);
  const locks = new Map<string, ILock>();
  for (const name of NAMES) {
    locks.set(
      name,
      await readLock(path.join(CONFIGS, name, 'candyce-lock.json'))
    );
  }
  removeScratch();
  fs.mkdirSync(SCRATCH, { recursive: true });

  // 1. In sequence, one store.
  const storeDir = path.join(SCRATCH, 'store');
  const store = await EnvironmentStore.open(storeDir);
  const figures: IFigures[] = [];
  let before = du([storeDir]);
  for (const name of NAMES) {
    const lock = locks.get(name)!;
    const result = await store.ensure(lock);
    const after = du([storeDir]);
    figures.push({
      name,
      packages: lock.packages.length,
      sequenceSeconds: result.ms / 1000,
      addedBytes: after - before,
      ownBytes: du([result.path]),
      reuseMs: [],
      reuseOpenMs: [],
      reuseCliMs: [],
      rebuilt: false
    });
    before = after;
    console.log(
      `  ${name}: built in ${(result.ms / 1000).toFixed(1)} s in sequence`
    );
  }
  const storeBytes = du([storeDir]);

  // 2. Already built.
  for (const item of figures) {
    const lock = locks.get(item.name)!;
    for (let i = 0; i < REUSE_RUNS; i++) {
      const result = await store.ensure(lock);
      item.reuseMs.push(result.ms);
      item.rebuilt ||= result.built;
      const started = performance.now();
      const reopened = await EnvironmentStore.open(storeDir);
      item.rebuilt ||= (await reopened.ensure(lock)).built;
      item.reuseOpenMs.push(performance.now() - started);
    }
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const cli = spawnSync(
        process.execPath,
        [CLI, 'build', path.join(CONFIGS, item.name), '--store', storeDir],
        { encoding: 'utf8' }
      );
      item.reuseCliMs.push(performance.now() - started);
      if (cli.status !== 0 || !cli.stdout.includes('déjà construit')) {
        item.rebuilt = true;
      }
    }
  }

  // 3. Alone, each in an empty store (the first one of the sequence already was).
  if (ALONE) {
    figures[0].aloneSeconds = figures[0].sequenceSeconds;
    for (const item of figures.slice(1)) {
      const dir = path.join(SCRATCH, `alone-${item.name}`);
      const alone = await EnvironmentStore.open(dir);
      const result = await alone.ensure(locks.get(item.name)!);
      item.aloneSeconds = result.ms / 1000;
      await alone.collect(new Set());
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(
        `  ${item.name}: built in ${item.aloneSeconds.toFixed(1)} s alone`
      );
    }
  }

  // 4. The peer: a plain venv and pip, per environment.
  const peerDirs: string[] = [];
  if (PEER) {
    for (const item of figures) {
      const dir = path.join(SCRATCH, `venv-${item.name}`);
      const started = performance.now();
      execFileSync(`python${locks.get(item.name)!.python.version}`, [
        '-m',
        'venv',
        dir
      ]);
      execFileSync(
        path.join(dir, 'bin', 'pip'),
        [
          'install',
          '--quiet',
          '--disable-pip-version-check',
          '-r',
          path.join(CONFIGS, item.name, 'requirements.txt')
        ],
        { stdio: ['ignore', 'ignore', 'ignore'] }
      );
      item.peerSeconds = (performance.now() - started) / 1000;
      item.peerBytes = du([dir]);
      peerDirs.push(dir);
      console.log(
        `  ${item.name}: venv + pip in ${item.peerSeconds.toFixed(1)} s`
      );
    }
  }

  console.log('');
  console.log('Cold builds (s), pip cache warm');
  printTable(
    ['environment', 'packages', 'alone', 'in sequence', 'peer venv + pip'],
    figures.map(item => [
      item.name,
      String(item.packages),
      seconds(item.aloneSeconds),
      seconds(item.sequenceSeconds),
      seconds(item.peerSeconds)
    ])
  );
  console.log('');
  console.log('Disk (du, hard links counted once)');
  printTable(
    ['environment', 'added to the store', 'without sharing', 'peer venv'],
    [
      ...figures.map(item => [
        item.name,
        mb(item.addedBytes),
        mb(item.ownBytes),
        mb(item.peerBytes)
      ]),
      [
        'all',
        mb(storeBytes),
        mb(figures.reduce((sum, item) => sum + item.ownBytes, 0)),
        PEER ? mb(du(peerDirs)) : '–'
      ]
    ]
  );
  console.log('');
  console.log(
    `Already built (ms, ${REUSE_RUNS} runs; command line: 3 runs, Node's start included)`
  );
  printTable(
    [
      'environment',
      'ensure p50',
      'ensure max',
      'open + ensure p50',
      'candyce-env build p50',
      'rebuilt'
    ],
    figures.map(item => [
      item.name,
      item.reuseMs.length ? median(item.reuseMs).toFixed(2) : '–',
      item.reuseMs.length ? Math.max(...item.reuseMs).toFixed(2) : '–',
      median(item.reuseOpenMs).toFixed(1),
      median(item.reuseCliMs).toFixed(0),
      item.rebuilt ? 'YES' : 'no'
    ])
  );
  const worst = Math.max(
    ...figures.flatMap(item => [...item.reuseOpenMs, ...item.reuseCliMs])
  );
  const met = worst < REUSE_TARGET_MS && figures.every(item => !item.rebuilt);
  console.log(
    `Target: no rebuild and under ${REUSE_TARGET_MS} ms once built (worst ${worst.toFixed(0)} ms): ${verdict(met)}`
  );
  console.log(
    `Ids: ${figures.map(item => `${item.name} ${lockId(locks.get(item.name)!).slice(0, 16)}`).join(', ')}`
  );

  await store.collect(new Set());
  removeScratch();
}

/** Disk bytes of paths together (`du`: each hard-linked file once). */
function du(paths: string[]): number {
  const output = execFileSync('du', ['-s', '-c', '-B1', ...paths], {
    encoding: 'utf8'
  });
  const total = output.trim().split('\n').pop()!;
  return Number(total.split(/\s+/)[0]);
}

/** Remove the scratch folder, read-only environments included. */
function removeScratch(): void {
  if (fs.existsSync(SCRATCH)) {
    execFileSync('chmod', ['-R', 'u+w', SCRATCH]);
    fs.rmSync(SCRATCH, { recursive: true, force: true });
  }
}

function seconds(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(1);
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 1e6).toFixed(0)} MB`;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
