import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { socketUrl } from '../src/spawner/address';
import { readProcess, readProcessIdentity } from '../src/spawner/processes';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { HubProcess } from './helpers/hubProcess';
import { Browser, passwordOf, readJson, startTestHub } from './hubHarness';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');

/**
 * Users' servers outlive the hub, and the next hub takes them back. Real hubs (the first
 * two in child processes, so that one can really crash), a real `jupyter lab` under
 * bubblewrap, real processes for the records that must be forgotten.
 */
describe('a hub restart re-attaches to the servers still running', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-reattach-'));
  const env = {
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: dataDir,
    CANDYCE_VENV_DIR: VENV_DIR,
    CANDYCE_CULL_INTERVAL_SECONDS: '0',
    CANDYCE_LOG_LEVEL: 'info'
  };
  const children: HubProcess[] = [];
  const strays: number[] = [];
  let hub: Awaited<ReturnType<typeof startTestHub>> | null = null;

  /** The database, opened for a moment (a hub may hold it too: SQLite in WAL mode). */
  async function withDb<T>(
    work: (db: ReturnType<typeof openDatabase>) => Promise<T>
  ): Promise<T> {
    const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
    try {
      await migrate(db);
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    await withDb(async db => {
      const users = new UserService(new UserStore(db), {
        maxFailures: 5,
        lockMinutes: 15
      });
      for (const name of ['ada', 'bob', 'eve', 'joe', 'zoe', 'ted']) {
        await users.create({
          name,
          displayName: `Compte ${name}`,
          roles: ['learner'],
          password: passwordOf(name)
        });
      }
    });
  });

  afterAll(async () => {
    for (const child of children) {
      await child.stop('SIGKILL');
    }
    if (hub) {
      await hub.registry.stopAll();
      await hub.close();
    }
    for (const pid of strays) {
      Reattach.killQuietly(pid);
    }
    // Whatever went wrong, no server of this data dir may outlive the test.
    for (const pid of Reattach.processesMentioning(dataDir)) {
      Reattach.killQuietly(pid);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the server through a hub crash and a graceful hub stop; the next hub proxies to the same process, counts its idleness and stops it', async () => {
    // Hub A starts ada's server; ada writes a file through the proxy.
    const a = await HubProcess.start(env);
    children.push(a);
    const ada = new Browser(a.url);
    expect((await ada.login('ada', passwordOf('ada'))).status).toBe(303);
    const { xsrfToken } = await readJson(await ada.get('/hub/api/v1/me'));
    const start = await ada.request('POST', '/hub/api/v1/users/ada/server', {
      headers: { 'X-Candyce-XSRF': xsrfToken }
    });
    expect(start.status).toBe(202);
    const status = await Reattach.untilServerAnswers(ada);
    await Reattach.writeFile(ada, 'notes.txt', 'Écrit avant la panne.');
    const recorded = await withDb(db =>
      db.selectFrom('servers').selectAll().executeTakeFirstOrThrow()
    );
    expect(recorded.base_url).toBe('/user/ada/');
    // Its Unix socket, and nothing secret: the table has no secret any more.
    expect(recorded.url).toMatch(/^http\+unix:\/\/%2F.*server\.sock$/);
    expect(Object.keys(recorded)).not.toContain('secret');
    const pid = Number(recorded.pid);
    expect(readProcess(pid)).toMatchObject({ ppid: a.pid, pgrp: pid });

    // Hub A crashes: the server runs on, no longer the hub's child.
    expect(await a.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(readProcess(pid)).toMatchObject({ pgrp: pid });
    expect(readProcess(pid)!.ppid).not.toBe(a.pid);

    // Hub B takes it back: same process (pid, and the server's own start time), the file.
    const b = await HubProcess.start(env);
    children.push(b);
    expect(b.logs).toContainEqual(
      expect.objectContaining({
        msg: 'user server recorded by the last hub',
        userId: recorded.user_id,
        outcome: 'attached'
      })
    );
    const atB = Reattach.moveTo(ada, b.url);
    expect(await Reattach.readFile(atB, 'notes.txt')).toBe(
      'Écrit avant la panne.'
    );
    const statusAtB = await readJson(await atB.get('/user/ada/api/status'));
    expect(statusAtB.started).toBe(status.started);
    await Reattach.writeFile(atB, 'notes.txt', 'Écrit après la panne.');

    // Hub B stops as a service manager stops it: the server runs on
    // (stopServersOnExit is false by default).
    expect(await b.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(readProcess(pid)).toMatchObject({ pgrp: pid });

    // Hub C (in this process) takes it back too, with its recorded activity.
    const activity = (
      await withDb(db =>
        db.selectFrom('servers').selectAll().executeTakeFirstOrThrow()
      )
    ).last_activity_at;
    hub = await startTestHub(env, dataDir);
    const adaUser = (await hub.users.getByName('ada'))!;
    expect(hub.registry.running(adaUser)?.server.pid).toBe(pid);
    expect(hub.registry.list()).toEqual([
      expect.objectContaining({
        userId: adaUser.id,
        lastActivityAt: Date.parse(activity),
        openSockets: 0
      })
    ]);
    const atC = Reattach.moveTo(ada, hub.url);
    expect(await Reattach.readFile(atC, 'notes.txt')).toBe(
      'Écrit après la panne.'
    );
    expect(
      (await readJson(await atC.get('/user/ada/api/status'))).started
    ).toBe(status.started);

    // Stop works on a server this hub did not start: it and its sandbox are gone.
    const stop = await atC.request('DELETE', '/hub/api/v1/users/ada/server', {
      headers: { 'X-Candyce-XSRF': xsrfToken }
    });
    expect(stop.status).toBe(204);
    expect(readProcess(pid)).toBeNull();
    await Reattach.until(
      () =>
        Reattach.processesMentioning(path.join(dataDir, 'homes')).length === 0
    );
    expect(
      await withDb(db => db.selectFrom('servers').selectAll().execute())
    ).toEqual([]);
    await hub.close();
    hub = null;
  }, 240_000);

  it('forgets a record whose process died or whose pid is now another process (left alone) or that names a loopback port (a hub before Unix sockets), and ends a process of its own that does not answer as the server on its socket or has no record', async () => {
    const users = await withDb(async db => {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'name'])
        .execute();
      return Object.fromEntries(rows.map(row => [row.name, row.id]));
    });
    /** A process of the hub's kind: the leader of its own session. */
    const sleeper = (logFile = '/dev/null') => {
      const out = fs.openSync(logFile, 'w');
      const child = spawn('sleep', ['120'], {
        detached: true,
        stdio: ['ignore', out, 'ignore']
      });
      fs.closeSync(out);
      strays.push(child.pid!);
      return child;
    };
    // bob: his server's process has died since.
    const dead = sleeper();
    const deadIdentity = readProcessIdentity(dead.pid!)!;
    dead.kill('SIGKILL');
    await new Promise(resolve => dead.once('exit', resolve));
    // eve: her pid now belongs to another process (another start time).
    const other = sleeper();
    const otherIdentity = readProcessIdentity(other.pid!)!;
    // joe: the process is the recorded one, but nothing answers on its socket.
    const silent = sleeper();
    // zoe: the process is the recorded one, but its socket answers 403 to the hub's
    // signed identity.
    const refusing = sleeper();
    const impostor = http.createServer((_request, response) => {
      response.statusCode = 403;
      response.end();
    });
    const impostorSocket = path.join(dataDir, 'impostor.sock');
    await new Promise<void>(resolve =>
      impostor.listen(impostorSocket, resolve)
    );
    // ted: the process is the recorded one, answering, but recorded on a loopback port
    // (a hub from before Unix sockets): not taken back.
    const onPort = sleeper();
    const portServer = http.createServer((_request, response) => {
      response.end('{}');
    });
    await new Promise<void>(resolve =>
      portServer.listen(0, '127.0.0.1', resolve)
    );
    const rows = [
      { name: 'bob', pid: dead.pid!, identity: deadIdentity },
      {
        name: 'eve',
        pid: other.pid!,
        identity: {
          ...otherIdentity,
          startTicks: otherIdentity.startTicks - 1
        }
      },
      {
        name: 'joe',
        pid: silent.pid!,
        identity: readProcessIdentity(silent.pid!)!,
        url: socketUrl(path.join(dataDir, 'nothing-there.sock'))
      },
      {
        name: 'zoe',
        pid: refusing.pid!,
        identity: readProcessIdentity(refusing.pid!)!,
        url: socketUrl(impostorSocket)
      },
      {
        name: 'ted',
        pid: onPort.pid!,
        identity: readProcessIdentity(onPort.pid!)!,
        url: `http://127.0.0.1:${(portServer.address() as AddressInfo).port}`
      }
    ];
    // A server whose record was lost: its output goes to the hub's log folder (the file
    // deleted since, as when a data folder is emptied). And a process that only looks
    // alike: its output goes elsewhere.
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const lost = sleeper(path.join(dataDir, 'logs', 'perdu.log'));
    fs.rmSync(path.join(dataDir, 'logs', 'perdu.log'));
    const unrelated = sleeper(path.join(dataDir, 'ailleurs.log'));
    const now = new Date().toISOString();
    await withDb(db =>
      db
        .insertInto('servers')
        .values(
          rows.map(row => ({
            user_id: users[row.name],
            url: row.url ?? socketUrl(path.join(dataDir, 'gone.sock')),
            pid: row.pid,
            base_url: `/user/${row.name}/`,
            spawner_state: JSON.stringify({
              ...row.identity,
              sandboxed: false
            }),
            started_at: now,
            last_activity_at: now
          }))
        )
        .execute()
    );

    try {
      hub = await startTestHub(env, dataDir);
      expect(hub.registry.list()).toEqual([]);
      expect(
        await withDb(db => db.selectFrom('servers').selectAll().execute())
      ).toEqual([]);
      // Not ours: left alone. Ours but not the server, or without a record: ended.
      expect(readProcess(other.pid!)).not.toBeNull();
      expect(readProcess(unrelated.pid!)).not.toBeNull();
      expect(readProcess(silent.pid!)).toBeNull();
      expect(readProcess(refusing.pid!)).toBeNull();
      expect(readProcess(lost.pid!)).toBeNull();
      // Recorded on a port: forgotten, not signalled (its output is not the hub's).
      expect(readProcess(onPort.pid!)).not.toBeNull();
    } finally {
      impostor.close();
      portServer.close();
    }
  });
});

namespace Reattach {
  /** Wait up to `ms` for `condition`, then assert it. */
  export async function until(
    condition: () => boolean,
    ms = 5000
  ): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(condition()).toBe(true);
  }

  /** Poll the server's status through the proxy until it answers (90 s at most). */
  export async function untilServerAnswers(
    browser: Browser
  ): Promise<{ started: string }> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const response = await browser.get('/user/ada/api/status');
      if (response.status === 200) {
        return readJson(response);
      }
      await response.arrayBuffer();
      if (Date.now() > deadline) {
        throw new Error(`the server did not answer: ${response.status}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  /** The same browser (cookies) on another hub's URL. */
  export function moveTo(browser: Browser, url: string): Browser {
    const moved = new Browser(url);
    moved.cookies = browser.cookies;
    return moved;
  }

  /**
   * Write a text file through the proxy, with JupyterLab's anti-CSRF cookie and header
   * (the lab page sets the cookie).
   */
  export async function writeFile(
    browser: Browser,
    name: string,
    content: string
  ): Promise<void> {
    if (!browser.cookies.has('_xsrf')) {
      const page = await browser.request('GET', '/user/ada/lab', {
        headers: { accept: 'text/html' }
      });
      await page.arrayBuffer();
    }
    const response = await browser.request(
      'PUT',
      `/user/ada/api/contents/${name}`,
      {
        json: { type: 'file', format: 'text', content },
        headers: { 'X-XSRFToken': browser.cookies.get('_xsrf') ?? '' }
      }
    );
    expect([200, 201]).toContain(response.status);
    await response.arrayBuffer();
  }

  /** Read a text file through the proxy. */
  export async function readFile(
    browser: Browser,
    name: string
  ): Promise<string> {
    const response = await browser.get(
      `/user/ada/api/contents/${name}?type=file&format=text`
    );
    expect(response.status).toBe(200);
    return (await readJson(response)).content;
  }

  /** The processes whose command line mentions `marker`. */
  export function processesMentioning(marker: string): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || readProcess(Number(entry)) === null) {
        continue;
      }
      try {
        const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (commandLine.includes(marker)) {
          found.push(Number(entry));
        }
      } catch {
        // it ended meanwhile
      }
    }
    return found;
  }

  /** SIGKILL a process of this test, if it still runs. */
  export function killQuietly(pid: number): void {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
