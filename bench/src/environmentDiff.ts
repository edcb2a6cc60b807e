/**
 * One package more (issue 21, point 4): a teacher adds a package to a notebook whose
 * environment is built. How long resolving the new list and building its lock take,
 * for Candyce (uv, one cache in the store, the nearest built environment's files and
 * bytecode reused), beside the plain ways, in the same run:
 *
 * - pip: `pip install --dry-run` of the list, then `python -m venv` and
 *   `pip install -r` of it into a fresh venv (pip's own cache as it is on this machine);
 * - cold uv: `uv pip compile`, then `uv venv` and `uv pip install --compile-bytecode`
 *   of the lock, each with an empty cache.
 *
 *   npm run bench:environment-diff      # ≈ 3 min on 2 cores
 *
 * The list: `binder-configs/maths` plus one package (`BENCH_EXTRA_PACKAGE`, default
 * tqdm). The base environment is built first in an empty store (its time is printed
 * too). Candyce's resolution is timed with a warm cache: uv's cache in the store,
 * warmed by resolving the base list first (what the hub's first resolution does); the
 * index is this machine's pip configuration (PyPI, and local mirrors if configured).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import {
  EnvironmentStore,
  lockId,
  lockToRequirements,
  parseSoftwareList,
  resolve,
  type ILock,
  type ISoftwareFile
} from '@candyce/environments';

import { describeMachine, median, printTable, verdict } from './common/report';

const ROOT = path.resolve(__dirname, '..', '..');
const BASE = path.join(ROOT, 'binder-configs', 'maths');
const UV = path.join(ROOT, '.venv', 'bin', 'uv');
// On the repository's file system, like the set-up's store: hard links need one.
const SCRATCH = path.join(ROOT, 'bench', '.scratch', 'environment-diff');
const EXTRA = process.env.BENCH_EXTRA_PACKAGE ?? 'tqdm';
const RESOLVE_RUNS = 3;
/** Issue 21's targets. */
const RESOLVE_TARGET_S = 5;
const BUILD_TARGET_S = 15;

async function main(): Promise<void> {
  console.log(`Environment one package away — ${describeMachine()}`);
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  const baseFiles = readList(BASE);
  const plusFiles = baseFiles.map(file =>
    file.path === 'requirements.txt'
      ? { ...file, content: `${file.content.trimEnd()}\n${EXTRA}\n` }
      : file
  );
  const python = findPython(baseFiles);
  fs.writeFileSync(
    path.join(SCRATCH, 'requirements.txt'),
    plusFiles.find(file => file.path === 'requirements.txt')!.content
  );

  // Candyce: the base environment, then the list one package away.
  const store = await EnvironmentStore.open(path.join(SCRATCH, 'store'), {
    uv: UV
  });
  const withUv = { uv: UV, uvCacheDir: store.uvCacheDir };
  let started = performance.now();
  const baseLock = await resolve(parseSoftwareList(baseFiles), withUv);
  const coldResolve = seconds(started);
  const baseBuild = await store.ensure(baseLock);
  console.log(
    `  base (${baseLock.packages.length} packages): resolved in ${coldResolve.toFixed(1)} s (cold cache), built in ${(baseBuild.ms / 1000).toFixed(1)} s`
  );
  const resolveTimes: number[] = [];
  let plusLock: ILock | null = null;
  for (let i = 0; i < RESOLVE_RUNS; i++) {
    started = performance.now();
    plusLock = await resolve(parseSoftwareList(plusFiles), withUv);
    resolveTimes.push(seconds(started));
  }
  const pipLock = await resolve(parseSoftwareList(plusFiles));
  const sameLock = lockId(pipLock) === lockId(plusLock!);
  const diffBuild = await store.ensure(plusLock!);
  console.log(
    `  + ${EXTRA}: resolved in ${median(resolveTimes).toFixed(2)} s, built in ${(diffBuild.ms / 1000).toFixed(1)} s`
  );

  // pip: resolve, then a fresh venv and pip install.
  const requirements = path.join(SCRATCH, 'requirements.txt');
  started = performance.now();
  sh(python, [
    '-m',
    'pip',
    'install',
    '--dry-run',
    '--ignore-installed',
    '--quiet',
    '-r',
    requirements
  ]);
  const pipResolve = seconds(started);
  started = performance.now();
  const pipVenv = path.join(SCRATCH, 'pip-venv');
  sh(python, ['-m', 'venv', pipVenv]);
  sh(path.join(pipVenv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '-r',
    requirements
  ]);
  const pipBuild = seconds(started);

  // Cold uv: an empty cache for each step.
  const pinned = path.join(SCRATCH, 'pinned.txt');
  fs.writeFileSync(pinned, lockToRequirements(plusLock!));
  const sources = uvSources(python);
  started = performance.now();
  sh(UV, [
    'pip',
    'compile',
    '--quiet',
    '--python',
    python,
    '--cache-dir',
    path.join(SCRATCH, 'uv-cold-resolve'),
    ...sources,
    requirements
  ]);
  const uvResolve = seconds(started);
  started = performance.now();
  const uvVenv = path.join(SCRATCH, 'uv-venv');
  sh(UV, ['venv', '--quiet', '--python', python, uvVenv]);
  sh(UV, [
    'pip',
    'install',
    '--quiet',
    '--python',
    path.join(uvVenv, 'bin', 'python'),
    '--cache-dir',
    path.join(SCRATCH, 'uv-cold-build'),
    '--no-deps',
    '--require-hashes',
    // Bytecode too, as pip and Candyce give it: the same environment, ready to start.
    '--compile-bytecode',
    ...sources,
    '-r',
    pinned
  ]);
  const uvBuild = seconds(started);

  console.log('');
  printTable(
    ['', `resolve maths + ${EXTRA}`, 'build it (maths built)'],
    [
      [
        'Candyce (uv, warm cache, reuse)',
        `${median(resolveTimes).toFixed(2)} s`,
        `${(diffBuild.ms / 1000).toFixed(1)} s`
      ],
      [
        'pip (fresh venv)',
        `${pipResolve.toFixed(2)} s`,
        `${pipBuild.toFixed(1)} s`
      ],
      ['uv, cold cache', `${uvResolve.toFixed(2)} s`, `${uvBuild.toFixed(1)} s`]
    ]
  );
  console.log('');
  console.log(
    `Target resolve < ${RESOLVE_TARGET_S} s (warm cache): ${verdict(median(resolveTimes) < RESOLVE_TARGET_S)}; build < ${BUILD_TARGET_S} s: ${verdict(diffBuild.ms / 1000 < BUILD_TARGET_S)}.`
  );
  console.log(
    `uv's lock is pip's (same id ${lockId(plusLock!).slice(0, 16)}): ${sameLock ? 'yes' : 'NO'}. Candyce's build: +${(diffBuild.addedBytes / 2 ** 20).toFixed(1)} MiB on disk.`
  );
  fs.rmSync(path.join(SCRATCH, 'pip-venv'), { recursive: true, force: true });
  fs.rmSync(path.join(SCRATCH, 'uv-venv'), { recursive: true, force: true });
  await store.collect(new Set());
  fs.rmSync(SCRATCH, { recursive: true, force: true });
}

/** A software list folder's files. */
function readList(folder: string): ISoftwareFile[] {
  return ['requirements.txt', 'runtime.txt']
    .filter(name => fs.existsSync(path.join(folder, name)))
    .map(name => ({
      path: name,
      content: fs.readFileSync(path.join(folder, name), 'utf8')
    }));
}

/** `python3.X` of the list's runtime.txt, as the engine finds it. */
function findPython(files: ISoftwareFile[]): string {
  const runtime = files.find(file => file.path === 'runtime.txt');
  const version = /python-(\d+\.\d+)/.exec(runtime?.content ?? '')?.[1];
  return execFileSync('sh', ['-c', `command -v python${version ?? '3'}`])
    .toString()
    .trim();
}

/** The index options pip is configured with, for uv (which reads none of them). */
function uvSources(python: string): string[] {
  const config = execFileSync(python, [
    '-m',
    'pip',
    'config',
    'list'
  ]).toString();
  const value = (key: string) =>
    new RegExp(`^(?::env:|global|install)\\.${key}='(.*)'$`, 'm').exec(
      config
    )?.[1];
  const args = ['--index-strategy', 'unsafe-best-match'];
  const index = value('index-url');
  if (index) {
    args.push('--index-url', index);
  }
  for (const extra of value('extra-index-url')?.split(/\s+/) ?? []) {
    args.push('--extra-index-url', extra);
  }
  for (const link of value('find-links')?.split(/\s+/) ?? []) {
    args.push('--find-links', link);
  }
  return args.filter(Boolean);
}

/** Run a tool; its messages are shown only when it fails. */
function sh(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
