import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests, from Debian's `postgresql` package: initdb
 * into a temporary folder, a postmaster on a free loopback port and a private Unix
 * socket, trust authentication on loopback only. Nothing outside the folder is touched
 * (the cluster the Debian package creates is not used).
 */
export interface ITestPostgres {
  /** PostgreSQL major version, e.g. `15`. */
  version: string;
  /** The superuser's URL to a database of the cluster. */
  url(database: string): string;
  /** A new empty database; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stop the postmaster and remove the folder. */
  stop(): Promise<void>;
}

/** The cluster's superuser (no password: trust on loopback). */
const SUPERUSER = 'candyce';

/**
 * The binaries folder of the newest PostgreSQL installed from Debian's packages, or
 * null. When `CI` is set a missing PostgreSQL is an error, not a skip.
 *
 * @throws {Error} in CI when PostgreSQL is not installed.
 */
export function findPostgres(): { version: string; binDir: string } | null {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(version =>
          ['initdb', 'postgres'].every(binary =>
            fs.existsSync(path.join(root, version, 'bin', binary))
          )
        )
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) {
    return {
      version: versions[0],
      binDir: path.join(root, versions[0], 'bin')
    };
  }
  const message =
    'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): ' +
    'apt-get install postgresql (Debian), as .ci/run does.';
  if (process.env.CI) {
    throw new Error(message);
  }
  console.warn(`SKIPPED: the PostgreSQL tests. ${message}`);
  return null;
}

/**
 * Start a throwaway cluster. As root, initdb and the postmaster run as the `postgres`
 * system user (PostgreSQL refuses to run as root), which owns the temporary folder.
 */
export async function startPostgres(found: {
  version: string;
  binDir: string;
}): Promise<ITestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-pg-'));
  const dataDir = path.join(dir, 'data');
  const asOwner = Private.runAs(dir);
  Private.run(asOwner, path.join(found.binDir, 'initdb'), [
    '--pgdata',
    dataDir,
    '--username',
    SUPERUSER,
    '--auth',
    'trust',
    '--encoding',
    'UTF8',
    '--no-sync',
    '--no-instructions',
    ...Private.localeArgs(found.version)
  ]);
  // Loopback only, written out rather than relying on initdb's defaults.
  fs.writeFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    ['local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n')
  );
  const port = await Private.freePort();
  const [command, ...prefix] = [
    ...asOwner,
    path.join(found.binDir, 'postgres')
  ];
  const child = spawn(
    command,
    [
      ...prefix,
      '-D',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `port=${port}`,
      '-c',
      `unix_socket_directories=${dir}`,
      // A throwaway cluster: durability is not wanted, speed is.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off'
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  // If the test process dies without afterAll, do not leave a postmaster behind.
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  const url = (database: string) =>
    `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    process.removeListener('exit', onExit);
    await Private.terminate(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Private.waitReady(url('postgres'), child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  let count = 0;
  return {
    version: found.version,
    url,
    createDatabase: async name => {
      const database = name ?? `candyce_test_${++count}`;
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      return url(database);
    },
    stop
  };
}

namespace Private {
  /** The command prefix that runs a binary as the owner of `dir`. */
  export function runAs(dir: string): string[] {
    if (process.getuid?.() !== 0) {
      return [];
    }
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(dir, uid, gid);
    return [
      'setpriv',
      `--reuid=${uid}`,
      `--regid=${gid}`,
      '--clear-groups',
      '--'
    ];
  }

  export function run(prefix: string[], binary: string, args: string[]): void {
    const [command, ...rest] = [...prefix, binary];
    try {
      execFileSync(command, [...rest, ...args], { stdio: 'pipe' });
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`${path.basename(binary)} failed: ${output}`);
    }
  }

  /**
   * A French ICU collation where the server supports it (15+): a production server in
   * France sorts text that way, unlike SQLite's binary order, and tests should see it.
   */
  export function localeArgs(version: string): string[] {
    return Number(version) >= 15
      ? [
          '--locale',
          'C.UTF-8',
          '--locale-provider',
          'icu',
          '--icu-locale',
          'fr-FR'
        ]
      : ['--locale', 'C.UTF-8'];
  }

  export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
  }

  export async function waitReady(
    url: string,
    child: ChildProcess,
    stderr: () => string
  ): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`postgres exited at start: ${stderr()}`);
      }
      const client = new Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) {
          throw new Error(
            `postgres not ready after 30 s: ${(error as Error).message}\n${stderr()}`
          );
        }
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    }
  }

  /** Fast shutdown (SIGINT), then SIGKILL if it lingers. */
  export async function terminate(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>(resolve => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
