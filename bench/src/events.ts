/**
 * News delivery benchmark (issue 19): how long a piece of news takes to reach 1,000
 * connected clients (BENCH_CLIENTS) of the hub's event stream, `GET
 * /hub/api/v1/events`, over real HTTP, beside a peer measured in the same run: a bare
 * Node `http` server fanning the same server-sent events out to as many connections
 * (no session, no journal: the floor of SSE on this machine and Node).
 *
 * Candyce: a teacher hands out an assignment (`POST /assignments`) to a class of 1,000
 * pupils, BENCH_ROUNDS times; each pupil's stream gets `assignment.new`. Latency is
 * measured from the event's publication (its `at`, set by the hub before it journals
 * the event) and from the start of the teacher's request, to each client's receipt.
 * Peer: `POST /publish` to the fan-out server, which stamps `at` and writes to all.
 *
 * `--origins subdomain` (the default): each pupil's stream is opened where JupyterLab
 * opens it, on the pupil's server's origin (`<name>.localhost:<port>/hub/api/v1/events`)
 * with that origin's cookie; `--origins path`: on the hub's origin with the session
 * cookie (as in path mode, and as the hub's own pages in both); `subdomain,path` runs
 * both, one hub after the other.
 *
 * The hub runs in its own process on port 8100 (BENCH_HUB_PORT; the path-mode hub of a
 * two-mode run on BENCH_PATH_HUB_PORT, the peer on BENCH_PEER_PORT), accounts, sessions
 * and servers' cookies made in its data folder before it starts (password hashing and
 * the hand-over are not what is measured: a browser gets that cookie from the hub's
 * hand-over, which needs the server running, and 1,000 servers do not run on one
 * machine; the cookie is the same signed value, made with the hub's own key). The
 * clients are one Node process for all, so its own parsing costs each the same.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { CookieJar } from '@candyce/hub/lib/auth/cookies';
import { sessionIdHash, SessionService } from '@candyce/hub/lib/auth/sessions';
import { ClassService } from '@candyce/hub/lib/classes/service';
import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { SERVER_COOKIE_KEY_FILE } from '@candyce/hub/lib/origins/gate';
import { ServerCookies } from '@candyce/hub/lib/origins/serverCookies';
import { Signer } from '@candyce/hub/lib/origins/signed';
import { UserService } from '@candyce/hub/lib/users/service';
import { UserStore } from '@candyce/hub/lib/users/store';

import {
  hubRss,
  OriginsMode,
  originsModes,
  startCandyce
} from './common/candyce';
import { loopbackLookup, waitForHttp } from './common/http';
import { Launched } from './common/processes';
import {
  describeMachine,
  mib,
  ms,
  percentile,
  printTable
} from './common/report';

const SETTINGS = {
  clients: Number(process.env.BENCH_CLIENTS ?? 1000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 20),
  hubPort: Number(process.env.BENCH_HUB_PORT ?? 8100),
  pathHubPort: Number(process.env.BENCH_PATH_HUB_PORT ?? 8102),
  peerPort: Number(process.env.BENCH_PEER_PORT ?? 8101),
  origins: originsModes(process.argv.slice(2))
};

/** What one side measured. */
interface IMeasure {
  /** From publication (`at`) to receipt, every client of every round. */
  fromPublication: number[];
  /** From the start of the triggering request to receipt. */
  fromRequest: number[];
  /** Receipts expected and missing. */
  expected: number;
  missing: number;
  /** Time to open every stream. */
  connectMs: number;
  /** The server's resident memory with every stream open. */
  rss: number;
}

async function main(): Promise<void> {
  console.log(`News delivery benchmark — ${describeMachine()}`);
  console.log(
    `${SETTINGS.clients} connected clients, ${SETTINGS.rounds} rounds; servers' origins: ${SETTINGS.origins.join(', ')}; hub on ${SETTINGS.hubPort}, peer on ${SETTINGS.peerPort}\n`
  );
  const candyce = new Map<OriginsMode, IMeasure>();
  for (const [i, origins] of SETTINGS.origins.entries()) {
    candyce.set(
      origins,
      await measureHub(
        origins,
        i === 0 ? SETTINGS.hubPort : SETTINGS.pathHubPort
      )
    );
  }
  const peer = await startPeer();
  let bare: IMeasure;
  try {
    bare = await measure(
      Array.from({ length: SETTINGS.clients }, () => ({
        url: `http://127.0.0.1:${SETTINGS.peerPort}/events`,
        cookie: ''
      })),
      async () => {
        await request(
          `http://127.0.0.1:${SETTINGS.peerPort}`,
          'POST',
          '/publish',
          ''
        );
      },
      () => rssOf(peer.pid)
    );
  } finally {
    await peer.stop();
  }
  console.log('');
  printTable(
    [
      `news to ${SETTINGS.clients} SSE clients, ${SETTINGS.rounds} rounds`,
      'p50',
      'p95',
      'max',
      'missing',
      'connect all',
      'server RSS'
    ],
    [
      ...[...candyce].flatMap(([origins, measured]) => [
        row(
          `Candyce hub (${origins}), from publication`,
          measured,
          measured.fromPublication
        ),
        row(
          `Candyce hub (${origins}), from the teacher’s request`,
          measured,
          measured.fromRequest
        )
      ]),
      row(
        'bare Node http SSE fan-out, from publication',
        bare,
        bare.fromPublication
      ),
      row(
        'bare Node http SSE fan-out, from the request',
        bare,
        bare.fromRequest
      )
    ]
  );
  console.log(
    '\nCandyce journals each event per recipient (SQLite, synchronous = FULL) before it writes to the streams; the peer writes at once and keeps nothing.'
  );
}

/**
 * A hub in one origins mode, with a class of pupils each holding a stream: in subdomain
 * mode on their servers' origins with those origins' cookies, else on the hub's origin.
 */
async function measureHub(
  origins: OriginsMode,
  port: number
): Promise<IMeasure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-'));
  const world = await prepare(dataDir);
  const hub = await startCandyce({ sandbox: 'none', dataDir, port, origins });
  try {
    // The teacher's page calls the hub's API by script: on 127.0.0.1, which the hub
    // answers as its own host for calls (no DNS for `localhost` needed).
    const api = `http://127.0.0.1:${port}`;
    const teacher = `candyce-session=${world.teacher}`;
    const me = (await request(api, 'GET', '/hub/api/v1/me', teacher)) as {
      xsrfToken: string;
    };
    const cookies = new CookieJar(false);
    let round = 0;
    return await measure(
      world.pupils.map(pupil =>
        origins === 'subdomain'
          ? {
              url: `${hub.serverOrigin(pupil.name)}/hub/api/v1/events`,
              cookie: `${cookies.serverName}=${pupil.serverCookie}`
            }
          : {
              url: `${hub.url}/hub/api/v1/events`,
              cookie: `${cookies.sessionName}=${pupil.session}`
            }
      ),
      async () => {
        round++;
        await request(api, 'POST', '/hub/api/v1/assignments', teacher, {
          headers: { 'X-Candyce-XSRF': me.xsrfToken },
          json: {
            title: `Devoir ${round}`,
            classIds: [world.classId],
            source: {
              home: {
                path: 'cours/devoir.ipynb',
                files: [{ path: 'devoir.ipynb', content: NOTEBOOK }]
              }
            }
          }
        });
      },
      () => hubRss(hub)
    );
  } finally {
    await hub.stop();
  }
}

function row(label: string, measured: IMeasure, values: number[]): string[] {
  return [
    label,
    ms(percentile(values, 50)),
    ms(percentile(values, 95)),
    ms(Math.max(...values)),
    `${measured.missing}/${measured.expected}`,
    ms(measured.connectMs),
    mib(measured.rss)
  ];
}

/**
 * Open one stream per cookie, then trigger `rounds` pieces of news, one after the
 * other, each once every client has the one before (or after 10 s).
 */
async function measure(
  streams: { url: string; cookie: string }[],
  trigger: () => Promise<void>,
  rss: () => number
): Promise<IMeasure> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const started = performance.now();
  const clients = await Promise.all(
    streams.map(({ url, cookie }) => openStream(url, cookie, agent))
  );
  const connectMs = performance.now() - started;
  const fromPublication: number[] = [];
  const fromRequest: number[] = [];
  let missing = 0;
  const memory = rss();
  for (let round = 0; round < SETTINGS.rounds; round++) {
    const received: number[] = [];
    const atOf: number[] = [];
    for (const client of clients) {
      client.onEvent = (at, when) => {
        received.push(when);
        atOf.push(when - at);
      };
    }
    const requestStart = Date.now();
    await trigger();
    const deadline = Date.now() + 10_000;
    while (received.length < clients.length && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 2));
    }
    missing += clients.length - received.length;
    fromPublication.push(...atOf);
    fromRequest.push(...received.map(when => when - requestStart));
  }
  for (const client of clients) {
    client.close();
  }
  agent.destroy();
  return {
    fromPublication,
    fromRequest,
    expected: clients.length * SETTINGS.rounds,
    missing,
    connectMs,
    rss: memory
  };
}

/** One open stream: calls `onEvent(at, receivedAt)` per event, in epoch ms. */
interface IStream {
  onEvent: (at: number, receivedAt: number) => void;
  close(): void;
}

function openStream(
  url: string,
  cookie: string,
  agent: http.Agent
): Promise<IStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent, headers: cookie ? { cookie } : {}, lookup: loopbackLookup },
      response => {
        if (response.statusCode !== 200) {
          reject(new Error(`${url}: HTTP ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let pending = '';
        const stream: IStream = {
          onEvent: () => undefined,
          close: () => request.destroy()
        };
        response.on('data', (chunk: string) => {
          const now = Date.now();
          pending += chunk;
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, end);
            pending = pending.slice(end + 2);
            const data = block
              .split('\n')
              .find(line => line.startsWith('data: '));
            if (data) {
              const event = JSON.parse(data.slice(6)) as { at: string };
              stream.onEvent(Date.parse(event.at), now);
            }
          }
        });
        response.on('error', () => undefined);
        resolve(stream);
      }
    );
    request.on('error', reject);
  });
}

/** A request whose answer must be 2xx; its JSON if any. */
async function request(
  origin: string,
  method: string,
  url: string,
  cookie: string,
  options: { json?: unknown; headers?: Record<string, string> } = {}
): Promise<unknown> {
  const response = await fetch(origin + url, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(options.json !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers
    },
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined
  });
  const text = await response.text();
  if (response.status >= 300) {
    throw new Error(`${method} ${url}: HTTP ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** A pupil of the class: her hub session, and her server origin's cookie. */
interface IPupil {
  name: string;
  session: string;
  serverCookie: string;
}

/**
 * A teacher, a class of pupils and a session each (and the cookie of each pupil's
 * server's origin, made with the key the hub will load), before the hub starts.
 */
async function prepare(
  dataDir: string
): Promise<{ teacher: string; pupils: IPupil[]; classId: string }> {
  const serverCookies = new ServerCookies(
    Signer.persistent(path.join(dataDir, 'secrets'), SERVER_COOKIE_KEY_FILE),
    new CookieJar(false).serverName,
    false
  );
  const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
  try {
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: 5,
      lockMinutes: 15
    });
    const sessions = new SessionService(db, { idleMinutes: 600, maxHours: 12 });
    const classes = new ClassService(db);
    const teacher = await users.create({
      name: 'prof',
      displayName: 'Professeur',
      roles: ['teacher']
    });
    const klass = await classes.create({ name: 'Banc', level: '2de' });
    await classes.addMember(klass.id, teacher.id, 'teacher');
    const pupils: IPupil[] = [];
    for (let i = 0; i < SETTINGS.clients; i++) {
      const pupil = await users.create({
        name: `eleve${String(i).padStart(4, '0')}`,
        displayName: `Élève ${i}`,
        roles: ['learner']
      });
      await classes.addMember(klass.id, pupil.id, 'learner');
      const session = (await sessions.create(pupil.id)).token;
      pupils.push({
        name: pupil.name,
        session,
        serverCookie: serverCookies.make({
          userId: pupil.id,
          serverName: pupil.name,
          sessionHash: sessionIdHash(session)
        })
      });
    }
    return {
      teacher: (await sessions.create(teacher.id)).token,
      pupils,
      classId: klass.id
    };
  } finally {
    await db.destroy();
  }
}

/** The peer: a bare Node `http` server fanning server-sent events out. */
async function startPeer(): Promise<Launched> {
  const script = `
    const http = require('http');
    const streams = new Set();
    let id = 0;
    http.createServer((request, response) => {
      if (request.url === '/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        response.write('retry: 3000\\n\\n');
        streams.add(response);
        request.on('close', () => streams.delete(response));
      } else if (request.url === '/publish' && request.method === 'POST') {
        const event = { id: ++id, kind: 'assignment.new', at: new Date().toISOString(),
          data: { assignmentId: 'x', title: 'Devoir', className: 'Banc' } };
        const lines = 'id: ' + event.id + '\\ndata: ' + JSON.stringify(event) + '\\n\\n';
        for (const stream of streams) stream.write(lines);
        response.end();
      } else {
        response.statusCode = 404;
        response.end();
      }
    }).listen(${SETTINGS.peerPort}, '127.0.0.1');
  `;
  const peer = new Launched([process.execPath, '-e', script]);
  await waitForHttp(`http://127.0.0.1:${SETTINGS.peerPort}/none`, {
    statuses: [404],
    stillRunning: () => !peer.hasExited,
    timeoutMs: 10000,
    intervalMs: 50
  });
  return peer;
}

/** A process's resident memory, in bytes. */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** The notebook handed out each round, base64. */
const NOTEBOOK = Buffer.from(
  JSON.stringify({
    cells: [
      {
        cell_type: 'markdown',
        id: 'consigne',
        metadata: {},
        source: ['# Devoir']
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  })
).toString('base64');

main().catch(error => {
  console.error(error);
  process.exit(1);
});
