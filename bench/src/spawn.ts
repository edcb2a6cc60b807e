/**
 * Spawn benchmark: from an authenticated browser request for `/user/<name>/lab` to
 * JupyterLab answering it, over cold spawns (the user's server is stopped before each),
 * for Candyce with its bubblewrap sandbox and without, JupyterHub 5 (LocalProcessSpawner,
 * DummyAuthenticator, configurable-http-proxy) and `jupyter lab` started alone (the
 * floor), all in the same run, interleaved.
 *
 * The client behaves like a browser without delays of its own: it follows redirects and
 * `Refresh` headers (Candyce's progress page), clicks « Launch server » and follows the
 * progress event stream (JupyterHub's pages). Logging in is not timed.
 *
 * Settings: BENCH_SPAWNS (10).
 */
import * as http from 'http';
import { setTimeout as sleep } from 'timers/promises';

import {
  CANDYCE_VENV,
  findUserServer,
  hubIdentityKey,
  ICandyceHub,
  IUserServer,
  loginCandyce,
  startCandyce,
  stopOwnServer
} from './common/candyce';
import { IHop, WebResponse } from './common/http';
import {
  actLikeJupyterHubPages,
  BENCH_VENV,
  ensureBenchVenv,
  IJupyterHub,
  loginJupyterHub,
  startJupyterHub,
  stopJupyterHubServer
} from './common/jupyterhub';
import { startLab } from './common/lab';
import {
  describeMachine,
  median,
  percentile,
  printTable,
  ratio,
  verdict
} from './common/report';

const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 10);

/**
 * One contestant: how to do one cold spawn and how long it took.
 */
interface IContestant {
  readonly label: string;
  spawn(): Promise<ISpawnTimes>;
}

/**
 * How long one cold spawn took.
 */
interface ISpawnTimes {
  /** From the request to JupyterLab's page received. */
  readonly ms: number;
  readonly hops: IHop[];
  /**
   * Candyce only: when the server itself first answered `/lab` (probed beside the
   * hub every 50 ms), from the request; what comes after is the hub's lag.
   */
  readonly serverReadyMs?: number;
}

async function main(): Promise<void> {
  const versions = await ensureBenchVenv();
  console.log(`Spawn benchmark — ${describeMachine()}`);
  console.log(
    `JupyterHub ${versions.jupyterhub}, JupyterLab ${versions.jupyterlab} in ${BENCH_VENV}; Candyce's JupyterLab from ${CANDYCE_VENV}`
  );
  console.log(`${SPAWNS} cold spawns each, interleaved, nothing pinned\n`);
  const stops: (() => Promise<void>)[] = [];
  try {
    const sandboxed = await startCandyce({ sandbox: 'bubblewrap' });
    stops.push(sandboxed.stop);
    const plain = await startCandyce({ sandbox: 'none' });
    stops.push(plain.stop);
    const jupyterhub = await startJupyterHub();
    stops.push(jupyterhub.stop);
    const contestants: IContestant[] = [
      Private.candyce('Candyce, bubblewrap sandbox', sandboxed),
      Private.candyce('Candyce, CANDYCE_SANDBOX=none', plain),
      Private.jupyterHub(jupyterhub),
      Private.floor('floor: jupyter lab alone (Candyce env)', CANDYCE_VENV),
      Private.floor('floor: jupyter lab alone (stock env)', BENCH_VENV)
    ];
    const times = new Map<string, number[]>(
      contestants.map(contestant => [contestant.label, []])
    );
    const serverReady = new Map<string, number[]>(
      contestants.map(contestant => [contestant.label, []])
    );
    // A first spawn of each, untimed, so that no one pays for a cold disk cache.
    for (const contestant of contestants) {
      const { hops } = await contestant.spawn();
      console.log(
        `${contestant.label}, warm-up: ${Private.describeHops(hops)}`
      );
    }
    console.log('');
    for (let round = 0; round < SPAWNS; round++) {
      // Rotate the order so that no one always follows the same neighbour.
      for (let i = 0; i < contestants.length; i++) {
        const contestant = contestants[(round + i) % contestants.length];
        const result = await contestant.spawn();
        times.get(contestant.label)!.push(result.ms);
        if (result.serverReadyMs !== undefined) {
          serverReady.get(contestant.label)!.push(result.serverReadyMs);
        }
      }
      process.stdout.write(`round ${round + 1}/${SPAWNS} done\r`);
    }
    console.log('');
    const floor = median(
      times.get('floor: jupyter lab alone (Candyce env)') ?? []
    );
    const jhMedian = median(times.get('JupyterHub 5') ?? []);
    printTable(
      ['', 'median', 'p95', 'min', 'max', '× floor (Candyce env)'],
      contestants.map(contestant => {
        const values = times.get(contestant.label)!;
        return [
          contestant.label,
          Private.seconds(median(values)),
          Private.seconds(percentile(values, 95)),
          Private.seconds(Math.min(...values)),
          Private.seconds(Math.max(...values)),
          ratio(median(values) / floor)
        ];
      })
    );
    console.log(
      '\nCandyce: where the time goes (medians; server ready = the server itself answers /lab, probed every 50 ms beside the hub)'
    );
    printTable(
      ['', 'server ready', 'page received', 'hub lag after ready'],
      [...serverReady]
        .filter(([, values]) => values.length)
        .map(([label, values]) => {
          const total = times.get(label)!;
          const lags = total.map((value, i) => value - values[i]);
          return [
            label,
            Private.seconds(median(values)),
            Private.seconds(median(total)),
            Private.seconds(median(lags))
          ];
        })
    );
    console.log('\nTargets (medians)');
    for (const label of [
      'Candyce, bubblewrap sandbox',
      'Candyce, CANDYCE_SANDBOX=none'
    ]) {
      const value = median(times.get(label)!);
      console.log(
        `- ${label}: ${ratio(value / jhMedian)} of JupyterHub (target ≤ 1: ${verdict(value <= jhMedian)}), ${ratio(value / floor)} of the floor (target ≤ 1.30×: ${verdict(value <= 1.3 * floor)})`
      );
    }
  } finally {
    for (const stop of stops.reverse()) {
      await stop();
    }
  }
}

namespace Private {
  const USER = 'eleve1';

  /**
   * One GET on a Unix socket: its status, or null if nothing answered within 5 s.
   */
  export function getStatus(
    socketPath: string,
    urlPath: string,
    headers: Record<string, string>
  ): Promise<number | null> {
    return new Promise(resolve => {
      const request = http.get({
        socketPath,
        path: urlPath,
        headers,
        agent: false,
        timeout: 5000
      });
      request.once('response', response => {
        response.resume();
        resolve(response.statusCode ?? null);
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(null));
    });
  }

  export function candyce(label: string, hub: ICandyceHub): IContestant {
    return {
      label,
      spawn: async () => {
        const client = await loginCandyce(hub, USER);
        const watching = new AbortController();
        const start = performance.now();
        const serverReady = watchServer(hub, watching.signal);
        const { response, hops } = await client.load(`/user/${USER}/lab`);
        const ms = performance.now() - start;
        watching.abort();
        const serverReadyMs = (await serverReady) - start;
        await Private.checkLab(response, hops);
        await stopOwnServer(client, USER);
        return { ms, hops, serverReadyMs };
      }
    };
  }

  /**
   * Find the user's server in the hub's process tree and probe its `/lab` directly on
   * its Unix socket (with an identity signed with the hub's key) every 50 ms; resolve
   * with the time
   * (`performance.now()`) it first answered 200, or NaN if aborted before.
   */
  async function watchServer(
    hub: ICandyceHub,
    signal: AbortSignal
  ): Promise<number> {
    let server: IUserServer | null = null;
    const key = hubIdentityKey(hub);
    while (!signal.aborted) {
      try {
        server ??= findUserServer(hub, USER);
        const status = await Private.getStatus(
          server.socketPath,
          `/user/${USER}/lab`,
          {
            'X-Candyce-Identity': key.sign({
              name: USER,
              displayName: USER,
              role: 'learner',
              color: '#1d4f9a'
            })
          }
        );
        if (status === 200) {
          return performance.now();
        }
      } catch {
        // not started or not listening yet
      }
      await sleep(50);
    }
    return NaN;
  }

  export function jupyterHub(hub: IJupyterHub): IContestant {
    return {
      label: 'JupyterHub 5',
      spawn: async () => {
        const client = await loginJupyterHub(hub, 'root');
        const start = performance.now();
        const { response, hops } = await client.load(
          '/user/root/lab',
          (page, url) => actLikeJupyterHubPages(client, page, url)
        );
        const ms = performance.now() - start;
        await Private.checkLab(response, hops);
        await stopJupyterHubServer(hub, 'root');
        return { ms, hops };
      }
    };
  }

  export function floor(label: string, venvDir: string): IContestant {
    return {
      label,
      spawn: async () => {
        const lab = await startLab(venvDir);
        await lab.stop();
        return {
          ms: lab.readyMs,
          hops: [{ url: `${lab.baseUrl}lab`, status: 200, atMs: lab.readyMs }]
        };
      }
    };
  }

  /**
   * The load must end on JupyterLab's page.
   */
  export async function checkLab(
    response: WebResponse,
    hops: readonly IHop[]
  ): Promise<void> {
    const html = await response.text();
    const last = hops[hops.length - 1];
    if (
      response.status !== 200 ||
      !new URL(last.url).pathname.endsWith('/lab') ||
      !html.includes('jupyter-config-data')
    ) {
      throw new Error(
        `the spawn did not end on JupyterLab: ${describeHops(hops)}`
      );
    }
  }

  /**
   * `GET /user/x/lab 303 (2 ms) → …`, with the time each answer arrived.
   */
  export function describeHops(hops: readonly IHop[]): string {
    const counts = new Map<string, number>();
    const parts: string[] = [];
    for (const hop of hops) {
      const pathname = new URL(hop.url, 'http://x').pathname;
      const key = `${pathname} ${hop.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts.get(key) === 1 || hop === hops[hops.length - 1]) {
        parts.push(
          `${pathname} ${hop.status} @${(hop.atMs / 1000).toFixed(2)} s`
        );
      }
    }
    return `${hops.length} hops: ${parts.join(' → ')}`;
  }

  export function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(2)} s`;
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
