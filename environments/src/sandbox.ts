/**
 * The engine's own bubblewrap sandbox, for the scripts a software list brings
 * (`postBuild`): the machine is not there, only what a shell and a Python need, read-only;
 * the environment being built is the one folder that can be written, with a throwaway
 * `/tmp` (and home in it); no network, no other process, no capability.
 *
 * The hub's sandbox of users' servers (hub/src/spawner/sandbox.ts) starts from the whole
 * system read-only and hides the hub's data; a build script needs much less, so this one
 * starts from nothing and lists what it shows: the hub's data, the homes, the host's
 * `/tmp` and the repository are simply absent, whatever their paths.
 */
import fs from 'node:fs';
import path from 'node:path';

import { run } from './process';

/** The bubblewrap executable. */
export const BWRAP = 'bwrap';

/** System folders shown read-only (or as the symlinks they are, on merged-/usr systems). */
const SYSTEM_DIRS = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32'
];

/**
 * The few files of `/etc` a shell and a Python read; not `/etc` whole, which holds the
 * machine's secrets (`shadow`, keys, the hub's configuration).
 */
const ETC_FILES = [
  '/etc/passwd',
  '/etc/group',
  '/etc/nsswitch.conf',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/alternatives',
  '/etc/localtime',
  '/etc/mime.types',
  '/etc/python3',
  '/etc/ssl/certs'
];

/** What a sandbox shows besides the system. */
export interface ISandboxMounts {
  /** Folders shown read-only at their own path (a Python installation…). */
  readOnly: string[];
  /** Folders shown read-write: host path → path inside the sandbox. */
  writable: { from: string; to: string }[];
  /** The working folder inside the sandbox. */
  cwd: string;
}

/**
 * The `bwrap` arguments (without `bwrap`) that run `command` with only `mounts` besides
 * the system: the root is an empty tmpfs made read-only once everything is in place, so
 * writing anywhere but the writable folders and `/tmp` fails (EROFS), even as root.
 */
export function sandboxArguments(
  mounts: ISandboxMounts,
  command: readonly string[]
): string[] {
  for (const dir of [
    ...mounts.readOnly,
    ...mounts.writable.flatMap(item => [item.from, item.to]),
    mounts.cwd
  ]) {
    if (!path.isAbsolute(dir)) {
      throw new Error(`Sandbox paths must be absolute: ${dir}`);
    }
  }
  const system = SYSTEM_DIRS.flatMap(dir => Private.showPath(dir));
  const etc = ETC_FILES.flatMap(file => Private.showPath(file));
  return [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--hostname',
    'candyce-build',
    ...system,
    ...etc,
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
    ...mounts.readOnly.flatMap(dir => ['--ro-bind', dir, dir]),
    ...mounts.writable.flatMap(item => ['--bind', item.from, item.to]),
    '--remount-ro',
    '/',
    '--chdir',
    mounts.cwd,
    '--',
    ...command
  ];
}

let available: Promise<boolean> | undefined;

/**
 * Whether bubblewrap can make a sandbox here (installed, and allowed to: user
 * namespaces, or root). Asked once per process.
 */
export function sandboxAvailable(): Promise<boolean> {
  available ??= run(
    BWRAP,
    sandboxArguments({ readOnly: [], writable: [], cwd: '/' }, [
      '/bin/sh',
      '-c',
      'exit 0'
    ])
  ).then(
    result => result.code === 0,
    () => false
  );
  return available;
}

namespace Private {
  /** Show a system path as it is: read-only, or as the same symlink; nothing if absent. */
  export function showPath(file: string): string[] {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return [];
    }
    if (stat.isSymbolicLink()) {
      return ['--symlink', fs.readlinkSync(file), file];
    }
    return ['--ro-bind', file, file];
  }
}
