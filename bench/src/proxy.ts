/**
 * Proxy benchmark: the Candyce hub's proxy against configurable-http-proxy (CHP), both in
 * front of the same running JupyterLab, in the same run, with the same load (wrk).
 *
 * - HTTP: requests/s and p50/p99 latency of `GET /user/<name>/api/contents` and of a
 *   JupyterLab static asset. Through the hub, each request carries the session cookie and
 *   the hub checks the session and the right to the server before forwarding (or, for a
 *   versioned asset that server already sent, answering from memory); through
 *   CHP, the request carries the signed identity header the hub would add (CHP checks
 *   nothing, as in JupyterHub where the server checks its own cookie). Both reach the
 *   server on its Unix socket. There is no "direct" row: the server listens on no TCP
 *   port, and wrk speaks only TCP.
 * - WebSocket: 20,000 open/close cycles of `/user/<name>/api/events/subscribe` through
 *   each proxy, with the proxy's RSS and open descriptors before and after.
 *
 * CPUs: both proxies on CPU 0 (one loaded at a time), wrk and the JupyterLab server on
 * CPU 1. Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_ROUNDS (3),
 * BENCH_WS_CYCLES (20000; 0: none), BENCH_WS_CONCURRENCY (10), BENCH_VERBOSE (1: each
 * round's figures on stderr), BENCH_CASES and BENCH_ENCODINGS (words of the cases and
 * encodings to run, e.g. `static` and `gzip`; all by default).
 */
import { setTimeout as sleep } from 'timers/promises';
import WebSocket from 'ws';

import { userColor } from '@candyce/hub/lib/servers/colors';

import {
  findUserServer,
  hubIdentityKey,
  ICandyceHub,
  IUserServer,
  loginCandyce,
  startCandyce
} from './common/candyce';
import { IChp, startChp } from './common/chp';
import { WebClient } from './common/http';
import {
  cpuMs,
  descendants,
  openFiles,
  pin,
  rssBytes
} from './common/processes';
import {
  describeMachine,
  median,
  mib,
  ms,
  printTable,
  ratio,
  verdict
} from './common/report';
import { hasWrk, IWrkResult, runWrk } from './common/wrk';

const PROXY_CPU = '0';
const LOAD_CPU = '1';
const USER = 'eleve1';

const SETTINGS = {
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  wsCycles: Number(process.env.BENCH_WS_CYCLES ?? 20000),
  wsConcurrency: Number(process.env.BENCH_WS_CONCURRENCY ?? 10),
  /** Print each round's figures on stderr (BENCH_VERBOSE=1). */
  verbose: process.env.BENCH_VERBOSE === '1',
  /** Only the cases whose name contains one of these words (BENCH_CASES=static). */
  cases: (process.env.BENCH_CASES ?? '').split(',').filter(Boolean),
  /** Only these encodings (BENCH_ENCODINGS=gzip: the compressed runs). */
  encodings: (process.env.BENCH_ENCODINGS ?? '').split(',').filter(Boolean)
};

/**
 * One way to reach the server: its base URL and the headers its requests carry.
 */
interface IRoute {
  readonly label: string;
  readonly origin: string;
  readonly headers: () => Record<string, string>;
  /** The proxy's process id (0 for none). */
  readonly proxyPid: number;
}

/**
 * What a route achieved: wrk's figures and the CPU each request cost.
 */
interface IMeasure extends IWrkResult {
  /** CPU milliseconds per request of the proxy process (NaN without a proxy). */
  readonly proxyCpuMs: number;
  /** CPU milliseconds per request of the JupyterLab server. */
  readonly serverCpuMs: number;
}

async function main(): Promise<void> {
  if (!(await hasWrk())) {
    throw new Error('wrk is missing: apt-get install wrk');
  }
  console.log(`Proxy benchmark — ${describeMachine()}`);
  console.log(
    `wrk: 1 thread, ${SETTINGS.connections} connections, ${SETTINGS.seconds} s per run, ${SETTINGS.rounds} rounds alternated; proxies on CPU ${PROXY_CPU}, wrk and JupyterLab on CPU ${LOAD_CPU}\n`
  );
  const hub = await startCandyce({ cpu: PROXY_CPU });
  let chp: IChp | null = null;
  try {
    const client = await loginCandyce(hub, USER);
    const lab = await client.load(`/user/${USER}/lab`);
    const labHtml = await lab.response.text();
    if (lab.response.status !== 200) {
      throw new Error(`/user/${USER}/lab answered ${lab.response.status}`);
    }
    const server = findUserServer(hub, USER);
    for (const pid of [server.rootPid, ...descendants(server.rootPid)]) {
      await pin(pid, LOAD_CPU);
    }
    chp = await startChp({ cpu: PROXY_CPU });
    await chp.addRoute(`/user/${USER}`, server.url);

    const routes = Private.routes(hub, chp, client);
    const asset = Private.pickAsset(labHtml);
    const assetSize = (
      await (
        await fetch(routes[0].origin + asset, { headers: routes[0].headers() })
      ).arrayBuffer()
    ).byteLength;
    console.log(
      `Hub sandbox: ${hub.sandbox}; static asset: ${asset} (${(assetSize / 1024).toFixed(1)} KiB)\n`
    );

    const cases = [
      { name: 'api/contents', path: `/user/${USER}/api/contents` },
      { name: 'static asset', path: asset }
    ].filter(test => Private.chosen(SETTINGS.cases, test.name));
    const encodings = (
      [
        { name: 'no Accept-Encoding', headers: {} },
        {
          name: 'Accept-Encoding: gzip, deflate, br',
          headers: { 'accept-encoding': 'gzip, deflate, br' }
        }
      ] as { name: string; headers: Record<string, string> }[]
    ).filter(encoding => Private.chosen(SETTINGS.encodings, encoding.name));
    const verdicts: string[] = [];
    for (const encoding of encodings) {
      console.log(`HTTP, ${encoding.name}`);
      const rows: string[][] = [];
      for (const test of cases) {
        const results = await Private.measure(
          routes,
          test.path,
          encoding.headers,
          server.labPid
        );
        const hubResult = results.get('Candyce hub')!;
        const chpResult = results.get('CHP')!;
        for (const route of routes) {
          const result = results.get(route.label)!;
          rows.push([
            `${test.name} via ${route.label}`,
            result.rps.toFixed(0),
            ms(result.p50),
            ms(result.p99),
            route.label === 'Candyce hub'
              ? `${ratio(result.rps / chpResult.rps)} / ${ratio(result.p99 / chpResult.p99)}`
              : '',
            Number.isNaN(result.proxyCpuMs)
              ? '–'
              : `${result.proxyCpuMs.toFixed(2)} ms`,
            `${result.serverCpuMs.toFixed(2)} ms`,
            String(result.errors)
          ]);
        }
        verdicts.push(
          `${test.name}, ${encoding.name}: throughput ${ratio(hubResult.rps / chpResult.rps)} of CHP (target ≥ 1.00×: ${verdict(hubResult.rps >= chpResult.rps)}), p99 ${ratio(hubResult.p99 / chpResult.p99)} of CHP (target ≤ 1.20×: ${verdict(hubResult.p99 <= 1.2 * chpResult.p99)})`
        );
      }
      printTable(
        [
          '',
          'req/s',
          'p50',
          'p99',
          'hub/CHP req/s, p99',
          'proxy CPU/req',
          'server CPU/req',
          'errors'
        ],
        rows
      );
      console.log('');
    }

    console.log('Targets');
    for (const line of verdicts) {
      console.log(`- ${line}`);
    }
    if (!SETTINGS.wsCycles) {
      return;
    }
    console.log('');
    console.log(
      `WebSocket: ${SETTINGS.wsCycles} open/close cycles of /user/${USER}/api/events/subscribe, ${SETTINGS.wsConcurrency} at a time`
    );
    const wsRows: string[][] = [];
    const admin = await loginCandyce(hub, 'admin');
    for (const route of routes) {
      const pid =
        route.label === 'Candyce hub' ? hub.process.pid : chp.process.pid;
      wsRows.push(
        ...(await Private.webSocketCycles(route, pid, server, async () =>
          route.label === 'Candyce hub' ? Private.registrySockets(admin) : '–'
        ))
      );
    }
    printTable(
      [
        '',
        'cycles/s',
        'proxy CPU/cycle',
        'failed',
        'proxy RSS',
        'proxy fds',
        'proxy sockets',
        'server fds',
        'hub-counted open WS'
      ],
      wsRows
    );
  } finally {
    await chp?.stop();
    await hub.stop();
  }
}

namespace Private {
  /** Whether a case is run: no words given, or its name contains one. */
  export function chosen(words: readonly string[], name: string): boolean {
    return !words.length || words.some(word => name.includes(word));
  }

  /**
   * The two ways to the server: through the hub, through CHP.
   */
  export function routes(
    hub: ICandyceHub,
    chp: IChp,
    client: WebClient
  ): IRoute[] {
    const key = hubIdentityKey(hub);
    const cookie = client.cookieHeader(`/user/${USER}/`);
    // What the hub's proxy adds; valid 300 s, so signed again for every run.
    const identity = () => ({
      cookie,
      'X-Candyce-Identity': key.sign(
        {
          name: USER,
          displayName: USER,
          role: 'learner',
          color: userColor(USER)
        },
        Math.floor(Date.now() / 1000),
        300
      )
    });
    return [
      {
        label: 'Candyce hub',
        origin: hub.url,
        headers: () => ({ cookie }),
        proxyPid: hub.process.pid
      },
      {
        label: 'CHP',
        origin: chp.url,
        headers: identity,
        proxyPid: chp.process.pid
      }
    ];
  }

  /**
   * A mid-sized script of the JupyterLab page: the first `static` script it loads.
   */
  export function pickAsset(html: string): string {
    const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map(
      match => match[1].replace(/&amp;/g, '&')
    );
    const asset = sources.find(source => source.includes('/static/'));
    if (!asset) {
      throw new Error('no static script on the JupyterLab page');
    }
    return asset;
  }

  /**
   * Warm each route up, then run wrk on them in turn, `rounds` times; keep for each
   * route the medians over rounds of each figure.
   */
  export async function measure(
    routes: readonly IRoute[],
    urlPath: string,
    extraHeaders: Record<string, string>,
    serverPid: number
  ): Promise<Map<string, IMeasure>> {
    const run = async (route: IRoute, seconds: number): Promise<IMeasure> => {
      const proxyBefore = cpuMs(route.proxyPid);
      const serverBefore = cpuMs(serverPid);
      const result = await runWrk({
        url: route.origin + urlPath,
        headers: { ...route.headers(), ...extraHeaders },
        connections: SETTINGS.connections,
        seconds,
        cpu: LOAD_CPU
      });
      return {
        ...result,
        proxyCpuMs: route.proxyPid
          ? (cpuMs(route.proxyPid) - proxyBefore) / result.requests
          : NaN,
        serverCpuMs: (cpuMs(serverPid) - serverBefore) / result.requests
      };
    };
    for (const route of routes) {
      await run(route, 2);
    }
    const rounds = new Map<string, IMeasure[]>(
      routes.map(route => [route.label, []])
    );
    for (let round = 0; round < SETTINGS.rounds; round++) {
      // Rotate the order so that no route always runs after the same one.
      for (let i = 0; i < routes.length; i++) {
        const route = routes[(round + i) % routes.length];
        const result = await run(route, SETTINGS.seconds);
        if (SETTINGS.verbose) {
          console.error(
            `  round ${round + 1} ${urlPath} ${route.label}: ${result.rps.toFixed(0)} req/s, proxy ${result.proxyCpuMs.toFixed(2)} ms CPU/req${route.proxyPid ? `, RSS ${mib(rssBytes(route.proxyPid))}` : ''}`
          );
        }
        rounds.get(route.label)!.push(result);
      }
    }
    const summary = new Map<string, IMeasure>();
    for (const [label, results] of rounds) {
      const middle = (pick: (result: IMeasure) => number) =>
        median(results.map(pick));
      summary.set(label, {
        rps: middle(result => result.rps),
        p50: middle(result => result.p50),
        p99: middle(result => result.p99),
        proxyCpuMs: middle(result => result.proxyCpuMs),
        serverCpuMs: middle(result => result.serverCpuMs),
        requests: results.reduce((sum, result) => sum + result.requests, 0),
        errors: results.reduce((sum, result) => sum + result.errors, 0)
      });
    }
    return summary;
  }

  /**
   * Open and close WebSockets through a proxy, `wsConcurrency` at a time; measure the
   * proxy process before (after a warm-up) and after.
   */
  export async function webSocketCycles(
    route: IRoute,
    proxyPid: number,
    server: IUserServer,
    registrySockets: () => Promise<string>
  ): Promise<string[][]> {
    const url = `${route.origin.replace(/^http/, 'ws')}/user/${USER}/api/events/subscribe`;
    const cycles = async (total: number) => {
      let started = 0;
      let failed = 0;
      const worker = async () => {
        while (started < total) {
          started += 1;
          if (!(await openAndClose(url, route.headers()))) {
            failed += 1;
          }
        }
      };
      const start = performance.now();
      await Promise.all(
        Array.from({ length: SETTINGS.wsConcurrency }, () => worker())
      );
      return { failed, seconds: (performance.now() - start) / 1000 };
    };
    const snapshot = async (label: string, extra: string[]) => {
      const proxy = openFiles(proxyPid);
      return [
        `${route.label}, ${label}`,
        ...extra,
        mib(rssBytes(proxyPid)),
        String(proxy.fds),
        String(proxy.sockets),
        String(openFiles(server.labPid).fds),
        await registrySockets()
      ];
    };
    await cycles(500);
    await sleep(2000);
    const before = await snapshot('before (after 500 warm-up)', ['', '', '']);
    const cpuBefore = cpuMs(proxyPid);
    const { failed, seconds } = await cycles(SETTINGS.wsCycles);
    const cpuPerCycle = (cpuMs(proxyPid) - cpuBefore) / SETTINGS.wsCycles;
    const after = await snapshot(`after ${SETTINGS.wsCycles}`, [
      (SETTINGS.wsCycles / seconds).toFixed(0),
      `${cpuPerCycle.toFixed(2)} ms`,
      String(failed)
    ]);
    await sleep(10000);
    const settled = await snapshot('10 s later', ['', '', '']);
    return [before, after, settled];
  }

  /**
   * Open a WebSocket and close it once open; whether it opened.
   */
  function openAndClose(
    url: string,
    headers: Record<string, string>
  ): Promise<boolean> {
    return new Promise(resolve => {
      let opened = false;
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => {
        opened = true;
        socket.close(1000);
      });
      socket.once('error', () => undefined);
      socket.once('close', () => resolve(opened));
    });
  }

  /**
   * The open WebSockets the hub counts for the user (admin page), as text.
   */
  export async function registrySockets(admin: WebClient): Promise<string> {
    const html = await (await admin.request('GET', '/hub/admin')).text();
    return html.match(/\((\d+) connexions? ouvertes?\)/)?.[1] ?? '0';
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
