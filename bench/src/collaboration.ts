/**
 * Convergence latency of real-time collaboration (issue 19): an edit typed by one editor
 * of a notebook, until every other editor has it, with 2, 10 and 30 editors typing at
 * once; through the Candyce hub to a pupil's `jupyter lab` with jupyter-collaboration,
 * and to `y-websocket`'s own server (npm, the reference Yjs relay) serving the same
 * document, in the same run on the same machine. `--origins subdomain` (the default)
 * reaches the pupil's server on its own origin with the cookie the hub hands over,
 * `--origins path` under the hub's, `--origins subdomain,path` both side by side.
 * See bench/README.md.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';

import {
  enterServer,
  findUserServer,
  hubIdentityKey,
  loginCandyce,
  ICandyceHub,
  originsModes,
  REPO_DIR,
  startCandyce,
  stopOwnServer
} from './common/candyce';
import { Editors, IRoom, seedNotebook } from './common/editors';
import { waitForHttp, WebClient } from './common/http';
import { cpuMs, Launched, rssBytes } from './common/processes';
import {
  describeMachine,
  mib,
  ms,
  percentile,
  printTable
} from './common/report';

const SETTINGS = {
  editors: (process.env.BENCH_EDITORS ?? '2,10,30').split(',').map(Number),
  seconds: Number(process.env.BENCH_SECONDS ?? 15),
  /** Each editor types one character every this many ms (≈ 3 per second). */
  intervalMs: Number(process.env.BENCH_INTERVAL_MS ?? 300),
  hubPort: Number(process.env.BENCH_HUB_PORT ?? 8110),
  /** The path-mode hub's, when both modes run. */
  pathHubPort: Number(process.env.BENCH_PATH_HUB_PORT ?? 8112),
  origins: originsModes(process.argv.slice(2)),
  yWebsocketPort: Number(process.env.BENCH_Y_WEBSOCKET_PORT ?? 8111),
  pupil: 'eleve3'
};
const FIRST_SOURCE = "print('Bonjour')\n";

/** What one contestant did with one number of editors. */
interface IResult {
  latencies: number[];
  edits: number;
  converged: boolean;
  /** CPU time of the server (and of the hub in front of it) per wall-clock second. */
  serverCpu: number;
  hubCpu: number | null;
  serverRss: number;
}

/** A server under test: how to reach a fresh notebook room, and what to measure. */
interface IContestant {
  name: string;
  room(editors: number): Promise<IRoom>;
  seed?: (doc: import('yjs').Doc) => void;
  serverPid: number;
  hubPid: number | null;
}

async function main(): Promise<void> {
  // y-websocket's client listens to the process's exit once per editor.
  process.setMaxListeners(0);
  console.log(describeMachine());
  console.log(
    `${SETTINGS.seconds} s per run, each editor typing a character every ${SETTINGS.intervalMs} ms; servers' origins: ${SETTINGS.origins.join(', ')}\n`
  );
  const hubs: ICandyceHub[] = [];
  const pupils: { hub: ICandyceHub; client: WebClient }[] = [];
  const yServer = new Launched(
    [
      process.execPath,
      path.join(REPO_DIR, 'node_modules', 'y-websocket', 'bin', 'server.cjs')
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(SETTINGS.yWebsocketPort)
      }
    }
  );
  try {
    const candyce: IContestant[] = [];
    for (const [i, origins] of SETTINGS.origins.entries()) {
      const hub = await startCandyce({
        port: i === 0 ? SETTINGS.hubPort : SETTINGS.pathHubPort,
        origins
      });
      hubs.push(hub);
      const client = await loginCandyce(hub, SETTINGS.pupil);
      pupils.push({ hub, client });
      candyce.push(...(await candyceContestants(hub, client, i === 0)));
    }
    // Through the hub(s) first, then the server without the hub.
    candyce.sort(
      (a, b) => Number(a.hubPid === null) - Number(b.hubPid === null)
    );
    await waitForHttp(`http://127.0.0.1:${SETTINGS.yWebsocketPort}/`, {
      statuses: [200],
      timeoutMs: 10_000
    });
    const reference: IContestant = {
      name: 'y-websocket 2.1 (npm)',
      room: async editors => ({
        serverUrl: `ws://127.0.0.1:${SETTINGS.yWebsocketPort}`,
        roomName: `collab-${editors}-${Date.now()}`
      }),
      seed: seedNotebook(FIRST_SOURCE),
      serverPid: yServer.pid,
      hubPid: null
    };
    const rows: string[][] = [];
    for (const editors of SETTINGS.editors) {
      for (const contestant of [...candyce, reference]) {
        const result = await measure(contestant, editors);
        rows.push([
          `${contestant.name}, ${editors} editors`,
          String(result.edits),
          String(result.latencies.length),
          ms(percentile(result.latencies, 50)),
          ms(percentile(result.latencies, 95)),
          ms(percentile(result.latencies, 99)),
          result.converged ? 'yes' : 'NO',
          `${(result.serverCpu * 100).toFixed(0)} %`,
          result.hubCpu === null
            ? '–'
            : `${(result.hubCpu * 100).toFixed(0)} %`,
          mib(result.serverRss)
        ]);
      }
    }
    console.log('');
    printTable(
      [
        '',
        'edits',
        'arrivals',
        'p50',
        'p95',
        'p99',
        'same text',
        'server CPU',
        'hub CPU',
        'server RSS'
      ],
      rows
    );
    console.log(
      '\nAn arrival is one edit reaching one other editor (edits × (editors − 1)). ' +
        'Server: jupyter-lab (Candyce) or the y-websocket process; CPU time per ' +
        'wall-clock second from /proc, RSS at the end of the run.'
    );
  } finally {
    for (const { client } of pupils) {
      await stopOwnServer(client, SETTINGS.pupil).catch(() => undefined);
    }
    await yServer.stop();
    for (const hub of hubs) {
      await hub.stop();
    }
  }
}

/**
 * The pupil's server started through the hub and entered as a browser does (in
 * subdomain mode, on its own origin with the cookie the hub hands over); each run gets
 * a notebook of its own. With `direct`, also the same server without the hub.
 */
async function candyceContestants(
  hub: ICandyceHub,
  pupil: WebClient,
  direct: boolean
): Promise<IContestant[]> {
  const base = `/user/${SETTINGS.pupil}`;
  const origin = hub.serverOrigin(SETTINGS.pupil);
  const me = (await (await pupil.request('GET', '/hub/api/v1/me')).json()) as {
    xsrfToken: string;
  };
  await (
    await pupil.request('POST', `/hub/api/v1/users/${SETTINGS.pupil}/server`, {
      headers: { 'x-candyce-xsrf': me.xsrfToken }
    })
  ).arrayBuffer();
  // The home page's « Ouvrir mon espace de travail », until the server answers; the
  // lab page sets JupyterLab's anti-CSRF cookie on the server's origin.
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await enterServer(pupil, hub, SETTINGS.pupil);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
  // What JupyterLab's own calls send from its page.
  const headers = {
    'x-xsrftoken': pupil.cookie('_xsrf', origin) ?? '',
    origin
  };
  const server = findUserServer(hub, SETTINGS.pupil);
  const key = hubIdentityKey(hub);
  const notebookRoom = async (editors: number) => {
    const file = `collab-${editors}-${Date.now()}.ipynb`;
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          id: 'cellule-1',
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: FIRST_SOURCE
        }
      ]
    };
    const put = await pupil.request(
      'PUT',
      `${origin}${base}/api/contents/${file}`,
      { json: { type: 'notebook', content: notebook }, headers }
    );
    await put.arrayBuffer();
    const session = await pupil.request(
      'PUT',
      `${origin}${base}/api/collaboration/session/${file}`,
      { json: { format: 'json', type: 'notebook' }, headers }
    );
    if (put.status !== 201 || session.status !== 201) {
      throw new Error(`notebook ${put.status}, session ${session.status}`);
    }
    const { fileId, sessionId } = (await session.json()) as {
      fileId: string;
      sessionId: string;
    };
    return { roomName: `json:notebook:${fileId}`, params: { sessionId } };
  };
  const roomUrl = `${origin}${base}/api/collaboration/room`;
  const contestants: IContestant[] = [
    {
      name: `Candyce hub (${hub.origins}) + jupyter-collaboration`,
      room: async editors => ({
        ...(await notebookRoom(editors)),
        serverUrl: roomUrl.replace('http', 'ws'),
        headers: { cookie: pupil.cookieHeader(roomUrl), origin }
      }),
      serverPid: server.labPid,
      hubPid: hub.process.pid
    }
  ];
  if (direct) {
    contestants.push({
      // The same server on its Unix socket, with the identity header the hub would add:
      // what the hub's proxy costs.
      name: 'jupyter-collaboration, no hub',
      room: async editors => ({
        ...(await notebookRoom(editors)),
        serverUrl: `ws+unix://${server.socketPath}:${base}/api/collaboration/room`,
        headers: {
          'X-Candyce-Identity': key.sign(
            {
              name: SETTINGS.pupil,
              displayName: 'Banc d’essai',
              role: 'learner',
              color: '#1a2b3c'
            },
            Math.floor(Date.now() / 1000),
            300
          )
        }
      }),
      serverPid: server.labPid,
      hubPid: null
    });
  }
  return contestants;
}

/**
 * Connect `count` editors, let them type for the set time, and wait for every edit to
 * arrive everywhere (10 s at most).
 */
async function measure(
  contestant: IContestant,
  count: number
): Promise<IResult> {
  const editors = await Editors.connect(
    await contestant.room(count),
    count,
    contestant.seed
  );
  try {
    let edits = 0;
    const typing = (seconds: number) =>
      new Promise<void>(resolve => {
        const timers = Array.from({ length: count }, (_, i) =>
          setTimeout(() => {
            timers[i] = setInterval(() => {
              editors.type(i);
              edits++;
            }, SETTINGS.intervalMs);
          }, Math.random() * SETTINGS.intervalMs)
        );
        setTimeout(() => {
          timers.forEach(timer => clearInterval(timer));
          resolve();
        }, seconds * 1000);
      });
    await typing(2); // warm-up, not counted
    await drain(editors);
    editors.take();
    edits = 0;
    const cpu0 = cpuMs(contestant.serverPid);
    const hub0 = contestant.hubPid ? cpuMs(contestant.hubPid) : 0;
    const t0 = performance.now();
    await typing(SETTINGS.seconds);
    await drain(editors);
    const wall = performance.now() - t0;
    const result: IResult = {
      latencies: editors.take(),
      edits,
      converged: editors.pending === 0 && editors.converged(),
      serverCpu: (cpuMs(contestant.serverPid) - cpu0) / wall,
      hubCpu: contestant.hubPid
        ? (cpuMs(contestant.hubPid) - hub0) / wall
        : null,
      serverRss: rssBytes(contestant.serverPid)
    };
    console.error(
      `${contestant.name}, ${count} editors: p50 ${ms(percentile(result.latencies, 50))}, ` +
        `p95 ${ms(percentile(result.latencies, 95))}`
    );
    return result;
  } finally {
    editors.close();
  }
}

async function drain(editors: Editors): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (editors.pending > 0 && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
