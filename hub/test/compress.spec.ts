import { randomBytes } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as zlib from 'zlib';
import WebSocket, { WebSocketServer } from 'ws';

import { Compression } from '../src/proxy/compress';
import { isCompressible, negotiateEncoding } from '../src/proxy/negotiation';
import { forwardedHeaders, forwardHttp } from '../src/proxy/forward';
import { connectionOf } from '../src/spawner/address';
import { IRunningServer } from '../src/spawner/types';
import { FakeSpawner } from './helpers/fakeSpawner';
import { Browser, startTestHub } from './hubHarness';

/**
 * Compression in the proxy: a real upstream HTTP server on loopback (standing in for a
 * user's JupyterLab, with the headers Tornado sends), the proxy's own forwarding
 * function in front of it, and raw HTTP clients that read the bytes on the wire.
 */

/** Text that compresses like a JavaScript bundle. */
function script(lines: number, salt = ''): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) {
    parts.push(
      `export const value${i}${salt} = ${JSON.stringify(((i * 7919) % 10007).toString(36))};\n`
    );
  }
  return Buffer.from(parts.join(''));
}

const APP_JS = script(6000);
const OTHER_JS = script(6000, '_other');
const EXTENSION_JS = script(6000, '_extension');
const SETTINGS = Buffer.from(
  JSON.stringify({ settings: [...Array(800).keys()].map(i => ({ id: i })) })
);
const PNG = randomBytes(20_000);
/** Larger than what the cache keeps whole, and than what gets the best settings. */
const DATA_CSV = Buffer.from(
  [...Array(1_000_000).keys()]
    .map(i => `${i},${(i * 31) % 997},mesure\n`)
    .join('')
);
const SMALL = Buffer.from('short text, not worth compressing');

/**
 * A small server with the answers a JupyterLab server gives: versioned static files,
 * JSON with an ETag, images, fonts, an answer its server compressed itself, and a long
 * stream that waits for the client before its end.
 */
class Upstream {
  readonly requests: string[] = [];
  /** The body of /static/app.js (a new deployment changes it under the same URL). */
  appJs = APP_JS;
  /** Called by /stream once its first chunk is out; the stream ends when `release` runs. */
  release: () => void = () => undefined;
  streamHead = script(2000, '_head');
  streamTail = script(60_000, '_tail');

  async start(): Promise<string> {
    this._server = http.createServer((request, response) =>
      this._answer(request, response)
    );
    this.wss = new WebSocketServer({
      server: this._server,
      perMessageDeflate: true
    });
    this.wss.on('connection', socket =>
      socket.on('message', data => socket.send(data))
    );
    await new Promise<void>(resolve =>
      this._server.listen(0, '127.0.0.1', resolve)
    );
    return `http://127.0.0.1:${(this._server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.wss.close();
    this._server.closeAllConnections();
    await new Promise(resolve => this._server.close(resolve));
  }

  wss!: WebSocketServer;

  private _answer(
    request: http.IncomingMessage,
    response: http.ServerResponse
  ): void {
    this.requests.push(request.url ?? '');
    const path = (request.url ?? '').replace(/^\/user\/[^/]+/, '');
    const send = (
      status: number,
      headers: http.OutgoingHttpHeaders,
      body?: Buffer
    ) => {
      response.writeHead(status, {
        ...headers,
        ...(body ? { 'content-length': body.length } : {})
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const immutable = {
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes'
    };
    if (path.startsWith('/static/app.js')) {
      send(
        200,
        { 'content-type': 'application/javascript', ...immutable },
        this.appJs
      );
    } else if (path.startsWith('/static/copy.js')) {
      send(
        200,
        { 'content-type': 'application/javascript', ...immutable },
        APP_JS
      );
    } else if (path.startsWith('/static/other.js?v=')) {
      // Tornado's answer to a ?v= query outside the immutable folders.
      send(
        200,
        {
          'content-type': 'application/javascript',
          'cache-control': 'max-age=315360000'
        },
        OTHER_JS
      );
    } else if (path.startsWith('/lab/extensions/ext.js?v=')) {
      // What JupyterLab sends for its extensions' files under a base URL.
      send(
        200,
        {
          'content-type': 'application/javascript',
          'cache-control': 'no-cache'
        },
        EXTENSION_JS
      );
    } else if (path.startsWith('/static/private.js?v=')) {
      send(
        200,
        {
          'content-type': 'application/javascript',
          'cache-control': 'private, max-age=31536000'
        },
        OTHER_JS
      );
    } else if (path.startsWith('/static/cookie.js?v=')) {
      send(
        200,
        {
          'content-type': 'application/javascript',
          'set-cookie': 'seen=1',
          ...immutable
        },
        OTHER_JS
      );
    } else if (path === '/api/settings') {
      const etag = '"e1"';
      const candidates = String(request.headers['if-none-match'] ?? '')
        .split(',')
        .map(tag => tag.trim().replace(/^W\//, ''));
      if (candidates.includes(etag)) {
        send(304, { etag });
      } else {
        send(200, { 'content-type': 'application/json', etag }, SETTINGS);
      }
    } else if (path === '/api/vary') {
      send(
        200,
        { 'content-type': 'application/json', vary: 'Origin' },
        SETTINGS
      );
    } else if (path === '/api/no-transform') {
      send(
        200,
        { 'content-type': 'application/json', 'cache-control': 'no-transform' },
        SETTINGS
      );
    } else if (path === '/static/big.csv?v=1') {
      send(
        200,
        { 'content-type': 'text/csv', 'cache-control': 'max-age=31536000' },
        DATA_CSV
      );
    } else if (path === '/image.png') {
      send(200, { 'content-type': 'image/png' }, PNG);
    } else if (path === '/font.woff2') {
      send(200, { 'content-type': 'font/woff2' }, PNG);
    } else if (path === '/small.txt') {
      send(200, { 'content-type': 'text/plain' }, SMALL);
    } else if (path === '/bundle.js.map') {
      send(200, { 'content-type': 'application/octet-stream' }, APP_JS);
    } else if (path === '/pre-gzipped.js') {
      send(
        200,
        {
          'content-type': 'application/javascript',
          'content-encoding': 'gzip'
        },
        zlib.gzipSync(APP_JS)
      );
    } else if (path === '/stream') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write(this.streamHead);
      this.release = () => response.end(this.streamTail);
    } else {
      send(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    }
  }

  private _server!: http.Server;
}

/** The proxy's forwarding, alone, in front of the upstream server. */
async function startProxy(
  upstream: string,
  compression: Compression,
  origin?: object
): Promise<{ url: string; close: () => Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    // As the hub's proxy does for a running server (`origin`, its handle).
    if (origin && compression.sendRemembered(request, response, origin)) {
      return;
    }
    forwardHttp(
      request,
      response,
      connectionOf(upstream),
      forwardedHeaders(request, {
        cookie: undefined,
        identityHeader: 'x-test-identity',
        identity: 'test'
      }),
      agent,
      error => response.destroy(error),
      compression,
      origin
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  };
}

interface IRawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent, still encoded. */
  raw: Buffer;
  /** The bytes once the content coding is undone. */
  body: Buffer;
}

/** A request that leaves the body as it came over the wire. */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET'
): Promise<IRawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          raw,
          body: decode(raw, response.headers['content-encoding'])
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'br':
      return zlib.brotliDecompressSync(raw);
    case 'gzip':
      return zlib.gunzipSync(raw);
    case undefined:
      return raw;
    default:
      throw new Error(`unexpected content-encoding ${encoding}`);
  }
}

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['br;q=1.5, gzip', 'gzip'],
    ['br;q=abc', null],
    ['gzip;q=0', null],
    ['br;q=0, gzip;q=0.000', null],
    ['*;q=0', null],
    ['identity', null],
    ['deflate', null],
    ['', null]
  ])('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });

  it('reads a header given on several lines', () => {
    expect(negotiateEncoding(['identity', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding(undefined)).toBeNull();
  });
});

describe('isCompressible', () => {
  it.each([
    ['application/javascript', '/a.js', true],
    ['text/javascript; charset=utf-8', '/a.js', true],
    ['text/html; charset=UTF-8', '/lab', true],
    ['text/css', '/a.css', true],
    ['application/json', '/api/contents', true],
    ['application/x-ipynb+json', '/files/a.ipynb', true],
    ['image/svg+xml', '/logo.svg', true],
    ['application/wasm', '/a.wasm', true],
    ['font/ttf', '/a.ttf', true],
    ['image/vnd.microsoft.icon', '/favicon.ico', true],
    ['application/octet-stream', '/static/a.js.map', true],
    ['application/octet-stream', '/static/a.bin', false],
    ['image/png', '/a.png', false],
    ['image/jpeg', '/a.jpg', false],
    ['font/woff2', '/a.woff2', false],
    ['font/woff', '/a.woff', false],
    ['application/zip', '/a.zip', false],
    ['application/gzip', '/a.tar.gz', false],
    ['text/event-stream', '/events', false],
    [undefined, '/no-type', false]
  ])('%s %s → %s', (type, path, expected) => {
    expect(isCompressible(type, path)).toBe(expected);
  });
});

describe('compression in the proxy', () => {
  const upstream = new Upstream();
  let upstreamUrl: string;
  let compression: Compression;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    upstreamUrl = await upstream.start();
    compression = new Compression({ cacheBytes: 8 * 1024 * 1024 });
    proxy = await startProxy(upstreamUrl, compression);
  });

  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('answers in brotli when the browser accepts it', async () => {
    const answer = await get(`${proxy.url}/api/settings`, {
      'accept-encoding': 'gzip, deflate, br'
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.headers.etag).toBe('W/"e1"');
    expect(answer.raw.length).toBeLessThan(SETTINGS.length / 4);
    expect(answer.body.equals(SETTINGS)).toBe(true);
  });

  it('answers in gzip when the browser accepts no brotli', async () => {
    const answer = await get(`${proxy.url}/api/settings`, {
      'accept-encoding': 'gzip, br;q=0'
    });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.raw.length).toBeLessThan(SETTINGS.length / 4);
    expect(answer.body.equals(SETTINGS)).toBe(true);
  });

  it('sends identity without Accept-Encoding, or when every coding has q=0', async () => {
    const variants: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
      { 'accept-encoding': 'identity' }
    ];
    for (const headers of variants) {
      const answer = await get(`${proxy.url}/api/settings`, headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['content-length']).toBe(String(SETTINGS.length));
      expect(answer.headers.etag).toBe('"e1"');
      // The answer still varies with the header, for caches on the way.
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.raw.equals(SETTINGS)).toBe(true);
    }
  });

  it('leaves already compressed types alone', async () => {
    for (const path of ['/image.png', '/font.woff2']) {
      const answer = await get(`${proxy.url}${path}`, {
        'accept-encoding': 'br, gzip'
      });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary).toBeUndefined();
      expect(answer.headers['content-length']).toBe(String(PNG.length));
      expect(answer.raw.equals(PNG)).toBe(true);
    }
  });

  it('passes on an answer its server already encoded, untouched', async () => {
    const answer = await get(`${proxy.url}/pre-gzipped.js`, {
      'accept-encoding': 'br, gzip'
    });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.raw.equals(zlib.gzipSync(APP_JS))).toBe(true);
    expect(answer.body.equals(APP_JS)).toBe(true);
  });

  it('does not compress small bodies, no-transform answers or HEAD requests', async () => {
    const small = await get(`${proxy.url}/small.txt`, {
      'accept-encoding': 'br'
    });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.raw.equals(SMALL)).toBe(true);

    const noTransform = await get(`${proxy.url}/api/no-transform`, {
      'accept-encoding': 'br'
    });
    expect(noTransform.headers['content-encoding']).toBeUndefined();
    expect(noTransform.raw.equals(SETTINGS)).toBe(true);

    const head = await get(
      `${proxy.url}/api/settings`,
      { 'accept-encoding': 'br' },
      'HEAD'
    );
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(SETTINGS.length));
    expect(head.raw.length).toBe(0);
  });

  it('revalidates a compressed copy: 304 with the weak ETag the browser holds', async () => {
    const first = await get(`${proxy.url}/api/settings`, {
      'accept-encoding': 'br'
    });
    const etag = String(first.headers.etag);
    expect(etag).toBe('W/"e1"');
    const again = await get(`${proxy.url}/api/settings`, {
      'accept-encoding': 'br',
      'if-none-match': etag
    });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe('W/"e1"');
    expect(again.headers.vary).toBe('Accept-Encoding');
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.raw.length).toBe(0);

    // A browser that holds the identity copy keeps its strong ETag.
    const strong = await get(`${proxy.url}/api/settings`, {
      'if-none-match': '"e1"'
    });
    expect(strong.status).toBe(304);
    expect(strong.headers.etag).toBe('"e1"');
  });

  it('adds Accept-Encoding to the Vary the server sent', async () => {
    const answer = await get(`${proxy.url}/api/vary`, {
      'accept-encoding': 'gzip'
    });
    expect(answer.headers.vary).toBe('Origin, Accept-Encoding');
    expect(answer.body.equals(SETTINGS)).toBe(true);
  });

  it('compresses source maps that Tornado sends as octet-stream', async () => {
    const answer = await get(`${proxy.url}/bundle.js.map`, {
      'accept-encoding': 'br'
    });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.body.equals(APP_JS)).toBe(true);
  });

  it('streams a long answer: the browser gets its start before the server sends its end', async () => {
    const headLength = upstream.streamHead.length;
    const decoded: Buffer[] = [];
    let released = false;
    const headers = await new Promise<http.IncomingHttpHeaders>(
      (resolve, reject) => {
        http
          .get(
            `${proxy.url}/stream`,
            { headers: { 'accept-encoding': 'br' } },
            response => {
              const decoder = zlib.createBrotliDecompress();
              response.pipe(decoder);
              decoder.on('data', chunk => {
                decoded.push(chunk);
                // If the proxy waited for the whole answer, this would never run and
                // the upstream would never send the rest: the test would time out.
                if (!released && Buffer.concat(decoded).length >= headLength) {
                  released = true;
                  upstream.release();
                }
              });
              decoder.on('end', () => resolve(response.headers));
              decoder.on('error', reject);
            }
          )
          .on('error', reject);
      }
    );
    expect(released).toBe(true);
    expect(headers['content-encoding']).toBe('br');
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(
      Buffer.concat(decoded).equals(
        Buffer.concat([upstream.streamHead, upstream.streamTail])
      )
    ).toBe(true);
  });

  it('compresses a versioned static file once, then answers from the cache', async () => {
    const url = `${proxy.url}/static/app.js?v=1`;
    const before = compression.stats;
    const first = await get(url, { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-length']).toBe(String(first.raw.length));
    expect(first.headers['accept-ranges']).toBeUndefined();
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(first.headers['cache-control']).toBe(
      'public, max-age=31536000, immutable'
    );
    expect(first.body.equals(APP_JS)).toBe(true);
    expect(compression.stats.misses).toBe(before.misses + 1);

    // The best-quality copy replaces the quick one in the background.
    await compression.idle();
    const second = await get(url, { 'accept-encoding': 'br' });
    const third = await get(url, { 'accept-encoding': 'br' });
    expect(compression.stats.hits).toBe(before.hits + 2);
    expect(third.raw.equals(second.raw)).toBe(true);
    expect(second.raw.length).toBeLessThanOrEqual(first.raw.length);
    expect(second.body.equals(APP_JS)).toBe(true);

    // Another encoding is another copy.
    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(APP_JS)).toBe(true);
    expect(compression.stats.misses).toBe(before.misses + 2);
    await compression.idle();
  });

  it('keys the cache by content: same bytes at another URL hit, new bytes at the same URL do not', async () => {
    await get(`${proxy.url}/static/app.js?v=2`, { 'accept-encoding': 'br' });
    await compression.idle();
    const before = compression.stats;
    const copy = await get(`${proxy.url}/static/copy.js`, {
      'accept-encoding': 'br'
    });
    expect(compression.stats.hits).toBe(before.hits + 1);
    expect(copy.body.equals(APP_JS)).toBe(true);

    // What the server sends is what the browser gets, whatever the cache holds: a
    // user's server cannot make the proxy answer another user with other bytes.
    upstream.appJs = OTHER_JS;
    try {
      const changed = await get(`${proxy.url}/static/app.js?v=2`, {
        'accept-encoding': 'br'
      });
      expect(compression.stats.misses).toBe(before.misses + 1);
      expect(changed.body.equals(OTHER_JS)).toBe(true);
    } finally {
      upstream.appJs = APP_JS;
    }
    await compression.idle();
  });

  it('caches what Tornado marks as versioned with a long max-age', async () => {
    const before = compression.stats;
    await get(`${proxy.url}/static/other.js?v=abc`, {
      'accept-encoding': 'gzip'
    });
    await compression.idle();
    const again = await get(`${proxy.url}/static/other.js?v=abc`, {
      'accept-encoding': 'gzip'
    });
    expect(compression.stats.hits).toBe(before.hits + 1);
    expect(again.headers['content-length']).toBe(String(again.raw.length));
    expect(again.body.equals(OTHER_JS)).toBe(true);
  });

  it('caches ?v= files sent with no-cache, never private ones', async () => {
    const before = compression.stats;
    for (let i = 0; i < 2; i++) {
      const answer = await get(`${proxy.url}/lab/extensions/ext.js?v=h1`, {
        'accept-encoding': 'br'
      });
      expect(answer.body.equals(EXTENSION_JS)).toBe(true);
      await compression.idle();
    }
    expect(compression.stats.misses).toBe(before.misses + 1);
    expect(compression.stats.hits).toBe(before.hits + 1);

    const entries = compression.stats.entries;
    const hidden = await get(`${proxy.url}/static/private.js?v=h2`, {
      'accept-encoding': 'br'
    });
    expect(hidden.headers['content-encoding']).toBe('br');
    expect(hidden.headers['content-length']).toBeUndefined();
    expect(hidden.body.equals(OTHER_JS)).toBe(true);
    expect(compression.stats.entries).toBe(entries);
    expect(compression.stats.misses).toBe(before.misses + 1);
  });

  it('streams a versioned file too large to keep, without keeping it', async () => {
    expect(DATA_CSV.length).toBeGreaterThan(16 * 1024 * 1024);
    const entries = compression.stats.entries;
    for (const encoding of ['br', 'gzip']) {
      const answer = await get(`${proxy.url}/static/big.csv?v=1`, {
        'accept-encoding': encoding
      });
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-length']).toBeUndefined();
      expect(answer.raw.length).toBeLessThan(DATA_CSV.length / 3);
      expect(answer.body.equals(DATA_CSV)).toBe(true);
    }
    expect(compression.stats.entries).toBe(entries);
  });

  it('keeps no copy when the cache has no room, and still compresses', async () => {
    const uncached = new Compression({ cacheBytes: 0 });
    const other = await startProxy(upstreamUrl, uncached);
    try {
      for (let i = 0; i < 2; i++) {
        const answer = await get(`${other.url}/static/app.js?v=3`, {
          'accept-encoding': 'br'
        });
        expect(answer.headers['content-encoding']).toBe('br');
        expect(answer.body.equals(APP_JS)).toBe(true);
      }
      expect(uncached.stats).toEqual({
        entries: 0,
        bytes: 0,
        hits: 0,
        misses: 0,
        remembered: 0
      });
    } finally {
      await other.close();
    }
  });
});

/**
 * The FAKE spawner, except that every user's server it "starts" is the loopback server
 * above, so that the hub's whole path (session, rights, proxy, configuration) is
 * exercised against real HTTP.
 */
class LoopbackSpawner extends FakeSpawner {
  constructor(private readonly _url: string) {
    super();
  }

  override async start(
    ...args: Parameters<FakeSpawner['start']>
  ): Promise<IRunningServer> {
    return { ...(await super.start(...args)), url: this._url };
  }
}

describe('compression through the hub', () => {
  const upstream = new Upstream();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const ada = new Browser('');

  beforeAll(async () => {
    const url = await upstream.start();
    hub = await startTestHub({ CANDYCE_COMPRESSION_CACHE_MB: '4' }, undefined, {
      spawner: new LoopbackSpawner(url)
    });
    Object.assign(ada, { baseUrl: hub.url });
    const user = await hub.users.create({
      name: 'ada',
      displayName: 'Ada Lovelace',
      roles: ['learner'],
      password: 'analytical-engine'
    });
    expect((await ada.login('ada', 'analytical-engine')).status).toBe(303);
    await hub.registry.ensure(user);
  });

  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
    await upstream.close();
  });

  function cookie(): string {
    return [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  it('compresses what a user’s server sends and caches its static files', async () => {
    const url = `${hub.url}/user/ada/static/app.js?v=hub`;
    const first = await get(url, { cookie: cookie(), 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.body.equals(APP_JS)).toBe(true);
    await hub.compression.idle();
    const second = await get(url, {
      cookie: cookie(),
      'accept-encoding': 'br'
    });
    expect(second.body.equals(APP_JS)).toBe(true);
    expect(hub.compression.stats).toMatchObject({ hits: 1, misses: 1 });

    // Not for someone without a session, whatever is cached.
    const anonymous = await get(url, { 'accept-encoding': 'br' });
    expect(anonymous.status).toBe(401);
  });

  it('leaves WebSockets alone: permessage-deflate is negotiated end to end', async () => {
    const socket = new WebSocket(
      `${hub.url.replace('http', 'ws')}/user/ada/api/echo`,
      { headers: { cookie: cookie(), origin: hub.url } }
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    expect(socket.extensions).toContain('permessage-deflate');
    const text = APP_JS.toString();
    const echoed = new Promise<string>(resolve =>
      socket.once('message', data => resolve(String(data)))
    );
    socket.send(text);
    expect(await echoed).toBe(text);
    socket.close();
  });
});

describe('versioned assets answered from memory, per running server', () => {
  const upstream = new Upstream();
  let compression: Compression;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let otherServer: Awaited<ReturnType<typeof startProxy>>;
  const asked = (path: string) =>
    upstream.requests.filter(url => url === path).length;

  beforeAll(async () => {
    const upstreamUrl = await upstream.start();
    compression = new Compression({ cacheBytes: 8 * 1024 * 1024 });
    proxy = await startProxy(upstreamUrl, compression, { server: 'ada' });
    otherServer = await startProxy(upstreamUrl, compression, {
      server: 'bob'
    });
  });

  afterAll(async () => {
    await proxy.close();
    await otherServer.close();
    await upstream.close();
  });

  it('asks the server once, then answers whole or compressed from memory', async () => {
    const path = '/static/app.js?v=memo';
    const first = await get(`${proxy.url}${path}`, {});
    expect(first.raw.equals(APP_JS)).toBe(true);
    expect(asked(path)).toBe(1);

    const before = compression.stats;
    const again = await get(`${proxy.url}${path}`, {});
    expect(asked(path)).toBe(1);
    expect(compression.stats.remembered).toBe(before.remembered + 1);
    expect(again.raw.equals(APP_JS)).toBe(true);
    for (const name of ['content-type', 'cache-control', 'content-length']) {
      expect(again.headers[name]).toBe(first.headers[name]);
    }
    expect(again.headers.vary).toBe('Accept-Encoding');

    const br = await get(`${proxy.url}${path}`, { 'accept-encoding': 'br' });
    expect(asked(path)).toBe(1);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['accept-ranges']).toBeUndefined();
    expect(br.headers['content-length']).toBe(String(br.raw.length));
    expect(br.body.equals(APP_JS)).toBe(true);
    await compression.idle();
  });

  it('never answers one server’s request with what another server sent', async () => {
    const path = '/static/app.js?v=other';
    await get(`${proxy.url}${path}`, {});
    expect(asked(path)).toBe(1);
    // Another user's server, same URL, other bytes: it is asked, and its bytes win.
    upstream.appJs = OTHER_JS;
    try {
      const theirs = await get(`${otherServer.url}${path}`, {});
      expect(asked(path)).toBe(2);
      expect(theirs.raw.equals(OTHER_JS)).toBe(true);
      const mine = await get(`${proxy.url}${path}`, {});
      expect(asked(path)).toBe(2);
      expect(mine.raw.equals(APP_JS)).toBe(true);
    } finally {
      upstream.appJs = APP_JS;
    }
  });

  it('leaves conditional, partial and HEAD requests, and answers that set cookies or are private, to the server', async () => {
    const path = '/static/app.js?v=conditional';
    await get(`${proxy.url}${path}`, {});
    const conditions: Record<string, string>[] = [
      { 'if-none-match': '"x"' },
      { 'if-modified-since': new Date(0).toUTCString() },
      { range: 'bytes=0-9' }
    ];
    for (const headers of conditions) {
      await get(`${proxy.url}${path}`, headers);
    }
    expect(asked(path)).toBe(4);
    await get(`${proxy.url}${path}`, {}, 'HEAD');
    expect(asked(path)).toBe(5);

    for (const other of ['/static/cookie.js?v=1', '/static/private.js?v=1']) {
      await get(`${proxy.url}${other}`, {});
      await get(`${proxy.url}${other}`, {});
      expect(asked(other)).toBe(2);
    }
  });
});
