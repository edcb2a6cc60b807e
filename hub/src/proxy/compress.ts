import { createHash } from 'crypto';
import * as http from 'http';
import { pipeline, Readable } from 'stream';
import { promisify } from 'util';
import * as zlib from 'zlib';

/**
 * A content coding the proxy can apply.
 */
export type Encoding = 'br' | 'gzip';

/**
 * How the proxy compresses users' servers' answers.
 */
export interface ICompressionOptions {
  /**
   * Bytes of compressed static assets kept in memory, shared by all users (0: none).
   */
  cacheBytes: number;
  /**
   * Largest body, uncompressed, whose compressed copy may be cached (default 8 MiB).
   */
  maxCachedBodyBytes?: number;
}

/**
 * Counters of the static asset cache.
 */
export interface ICompressionStats {
  /** Compressed copies held. */
  entries: number;
  /** Their total size in bytes. */
  bytes: number;
  /** Answers sent from a held copy. */
  hits: number;
  /** Cacheable answers that had to be compressed first. */
  misses: number;
}

/**
 * The encoding to answer with, given a request's `Accept-Encoding`: the acceptable one
 * (q > 0) with the highest weight, brotli first on a tie; `null` for identity.
 */
export function negotiateEncoding(
  acceptEncoding: string | string[] | undefined
): Encoding | null {
  const weights = new Map<string, number>();
  const header = Array.isArray(acceptEncoding)
    ? acceptEncoding.join(',')
    : (acceptEncoding ?? '');
  for (const part of header.split(',')) {
    const [rawName, ...parameters] = part.split(';');
    let name = rawName.trim().toLowerCase();
    if (!name) {
      continue;
    }
    if (name === 'x-gzip') {
      name = 'gzip';
    }
    let weight = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*(\S*)\s*$/i.exec(parameter);
      if (match) {
        weight = Private.qvalue(match[1]);
      }
    }
    weights.set(name, Math.max(weights.get(name) ?? 0, weight));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) {
    return 'br';
  }
  return gzip > 0 ? 'gzip' : null;
}

/**
 * Whether a body of this media type gains from compression: text, scripts, JSON, XML,
 * SVG, WebAssembly, uncompressed fonts and icons; not images, woff/woff2, archives, media
 * or event streams. Bodies sent as `application/octet-stream` count when their path
 * names a text format (Tornado knows no type for source maps).
 */
export function isCompressible(
  contentType: string | undefined,
  path = ''
): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (Private.COMPRESSIBLE.test(type)) {
    return true;
  }
  if (type === 'application/octet-stream') {
    const extension = /\.([a-z0-9]+)$/i.exec(path.split('?')[0]);
    return (
      !!extension && Private.TEXT_EXTENSIONS.has(extension[1].toLowerCase())
    );
  }
  return false;
}

/**
 * Compresses the answers of users' servers on their way to the browser.
 *
 * Stock JupyterLab sends its scripts uncompressed. Here each answer is compressed when
 * the browser accepts brotli or gzip and its type gains from it, as a stream (brotli
 * quality 5, gzip level 6), flushed at each chunk from upstream so that nothing waits
 * in the proxy. Versioned static assets (an `immutable` or long `max-age`
 * `Cache-Control`, or a `?v=` query) are read whole and compressed once at the best
 * quality in the background; the copies are shared by all users and keyed by the
 * SHA-256 of the uncompressed body, so that no user's server can put bytes in another
 * user's answer. WebSockets do not come here: their frames are never touched.
 */
export class Compression {
  constructor(options: ICompressionOptions) {
    this._cache = new Private.ByteLru(options.cacheBytes);
    this._maxCachedBody = options.maxCachedBodyBytes ?? 8 * 1024 * 1024;
  }

  /**
   * Counters of the static asset cache.
   */
  get stats(): ICompressionStats {
    return {
      entries: this._cache.size,
      bytes: this._cache.bytes,
      hits: this._hits,
      misses: this._misses
    };
  }

  /**
   * Send an upstream answer to the browser, compressed if both allow it.
   *
   * @param headers the answer's headers, hop-by-hop ones already removed; changed here.
   * @param onError called if the answer fails before its headers were sent.
   */
  send(
    request: http.IncomingMessage,
    answer: http.IncomingMessage,
    response: http.ServerResponse,
    headers: http.OutgoingHttpHeaders,
    onError: (error: Error) => void
  ): void {
    const status = answer.statusCode ?? 502;
    const url = request.url ?? '';
    const type = Private.header(headers, 'content-type');
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (status === 304 || isCompressible(type, url)) {
      Private.addVary(headers);
    }
    if (status === 304) {
      Private.keepClientsWeakEtag(headers, request.headers['if-none-match']);
    }
    if (!encoding || !this._compresses(request, status, headers, url)) {
      response.writeHead(status, answer.statusMessage, headers);
      answer.pipe(response);
      return;
    }
    Private.setEncoded(headers, encoding);
    const length = Number(Private.header(headers, 'content-length'));
    if (
      this._cache.capacity > 0 &&
      status === 200 &&
      length <= this._maxCachedBody &&
      Private.isVersionedAsset(url, headers)
    ) {
      this._sendWhole(answer, response, status, headers, encoding, onError);
    } else {
      delete headers['content-length'];
      response.writeHead(status, answer.statusMessage, headers);
      pipeline(
        answer,
        Private.encoder(encoding, length || undefined),
        response,
        error => {
          if (error) {
            answer.destroy();
            response.destroy();
          }
        }
      );
    }
  }

  /**
   * Resolves once no compression for the cache is under way (benchmarks and tests).
   */
  async idle(): Promise<void> {
    while (this._working || this._queue.length || this._inflight.size) {
      await new Promise<void>(resolve => this._idleWaiters.push(resolve));
    }
  }

  /** Whether the answer is to be compressed, given that the browser accepts it. */
  private _compresses(
    request: http.IncomingMessage,
    status: number,
    headers: http.OutgoingHttpHeaders,
    url: string
  ): boolean {
    const length = Private.header(headers, 'content-length');
    const coding = Private.header(headers, 'content-encoding');
    return (
      request.method !== 'HEAD' &&
      status >= 200 &&
      status !== 204 &&
      status !== 206 &&
      status !== 304 &&
      !Private.header(headers, 'content-range') &&
      (!coding || coding.trim().toLowerCase() === 'identity') &&
      !/\bno-transform\b/i.test(
        Private.header(headers, 'cache-control') ?? ''
      ) &&
      isCompressible(Private.header(headers, 'content-type'), url) &&
      (length === undefined || Number(length) >= Private.MIN_BYTES)
    );
  }

  /** A versioned asset: read it whole, answer from the cache or compress it for it. */
  private _sendWhole(
    answer: http.IncomingMessage,
    response: http.ServerResponse,
    status: number,
    headers: http.OutgoingHttpHeaders,
    encoding: Encoding,
    onError: (error: Error) => void
  ): void {
    Private.readAll(answer)
      .then(body => this._compressed(body, encoding))
      .then(
        body => {
          if (response.destroyed) {
            return;
          }
          headers['content-length'] = body.length;
          response.writeHead(status, answer.statusMessage, headers);
          response.end(body);
        },
        error => onError(error as Error)
      );
  }

  /** The cached copy, else a quick one that is cached and improved in the background. */
  private async _compressed(body: Buffer, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${createHash('sha256').update(body).digest('hex')}`;
    const held = this._cache.get(key);
    if (held) {
      this._hits++;
      if (!held.best) {
        this._improve(key, body, encoding);
      }
      return held.data;
    }
    this._misses++;
    let pending = this._inflight.get(key);
    if (!pending) {
      pending = Private.compress(body, encoding, false);
      this._inflight.set(key, pending);
      pending
        .then(
          data => {
            this._cache.set(key, { data, best: false });
            this._improve(key, body, encoding);
          },
          () => undefined
        )
        .finally(() => {
          this._inflight.delete(key);
          this._wake();
        });
    }
    return pending;
  }

  /**
   * Queue a best-quality compression (brotli 11 takes seconds on a big bundle): one at a
   * time, so that users' servers keep the CPU, and a bounded queue.
   */
  private _improve(key: string, body: Buffer, encoding: Encoding): void {
    if (
      this._queued.has(key) ||
      this._queuedBytes + body.length > Private.MAX_QUEUED_BYTES
    ) {
      return;
    }
    this._queued.add(key);
    this._queuedBytes += body.length;
    this._queue.push({ key, body, encoding });
    this._work();
  }

  private _work(): void {
    const job = this._working ? undefined : this._queue.shift();
    if (!job) {
      this._wake();
      return;
    }
    this._working = true;
    Private.compress(job.body, job.encoding, true)
      .then(
        data => {
          const held = this._cache.get(job.key);
          if (!held || data.length <= held.data.length) {
            this._cache.set(job.key, { data, best: true });
          } else {
            held.best = true;
          }
        },
        () => undefined
      )
      .finally(() => {
        this._queued.delete(job.key);
        this._queuedBytes -= job.body.length;
        this._working = false;
        this._work();
      });
  }

  private _wake(): void {
    if (!this._working && !this._queue.length && !this._inflight.size) {
      for (const resolve of this._idleWaiters.splice(0)) {
        resolve();
      }
    }
  }

  private readonly _cache: Private.ByteLru;
  private readonly _maxCachedBody: number;
  private readonly _inflight = new Map<string, Promise<Buffer>>();
  private readonly _queue: {
    key: string;
    body: Buffer;
    encoding: Encoding;
  }[] = [];
  private readonly _queued = new Set<string>();
  private _queuedBytes = 0;
  private _working = false;
  private readonly _idleWaiters: (() => void)[] = [];
  private _hits = 0;
  private _misses = 0;
}

namespace Private {
  /** Below this, compression saves less than it costs. */
  export const MIN_BYTES = 1024;

  /** Uncompressed bytes waiting for a best-quality compression, at most. */
  export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

  /** Bodies larger than this are compressed at the fastest setting. */
  const LARGE_BYTES = 16 * 1024 * 1024;

  /** One day: a longer `max-age` marks a versioned asset. */
  const LONG_MAX_AGE = 86_400;

  export const COMPRESSIBLE = new RegExp(
    '^(?:' +
      [
        'text/(?!event-stream$)[\\w.+-]+',
        'application/(?:javascript|x-javascript|ecmascript|json|xml|wasm|yaml|x-yaml|toml|x-sh|x-tex|rtf|postscript|graphql|sql|vnd\\.ms-fontobject|x-font-ttf|x-font-otf)',
        'application/[\\w.-]+\\+(?:json|xml)',
        'image/(?:svg\\+xml|x-icon|vnd\\.microsoft\\.icon|bmp)',
        'font/(?:ttf|otf|sfnt|collection)'
      ].join('|') +
      ')$'
  );

  export const TEXT_EXTENSIONS = new Set([
    'map',
    'js',
    'mjs',
    'css',
    'json',
    'ipynb',
    'txt',
    'csv',
    'tsv',
    'md',
    'py'
  ]);

  /** A header's value as one string. */
  export function header(
    headers: http.OutgoingHttpHeaders,
    name: string
  ): string | undefined {
    const value = headers[name];
    if (value === undefined) {
      return undefined;
    }
    return Array.isArray(value) ? value.join(', ') : String(value);
  }

  /** A qvalue (RFC 9110 §12.4.2); a malformed one excludes the coding. */
  export function qvalue(text: string): number {
    return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : 0;
  }

  /** Add `Accept-Encoding` to `Vary`, unless it is there or `Vary` is `*`. */
  export function addVary(headers: http.OutgoingHttpHeaders): void {
    const vary = header(headers, 'vary');
    if (!vary) {
      headers['vary'] = 'Accept-Encoding';
      return;
    }
    const names = vary.split(',').map(name => name.trim().toLowerCase());
    if (!names.includes('*') && !names.includes('accept-encoding')) {
      headers['vary'] = `${vary}, Accept-Encoding`;
    }
  }

  /**
   * Headers of an encoded representation: its coding, a weak ETag (the bytes differ
   * from upstream's; a weak `If-None-Match` still gets upstream's 304, since Tornado
   * compares weakly), no byte ranges, and no length until it is known.
   */
  export function setEncoded(
    headers: http.OutgoingHttpHeaders,
    encoding: Encoding
  ): void {
    headers['content-encoding'] = encoding;
    delete headers['accept-ranges'];
    const etag = header(headers, 'etag');
    if (etag && !etag.startsWith('W/')) {
      headers['etag'] = `W/${etag}`;
    }
  }

  /**
   * A 304 confirms what the browser holds: if it holds the weak ETag of a compressed
   * copy, answer with that weak ETag too, not upstream's strong one.
   */
  export function keepClientsWeakEtag(
    headers: http.OutgoingHttpHeaders,
    ifNoneMatch: string | undefined
  ): void {
    const etag = header(headers, 'etag');
    if (
      etag &&
      !etag.startsWith('W/') &&
      (ifNoneMatch ?? '').includes(`W/${etag}`)
    ) {
      headers['etag'] = `W/${etag}`;
    }
  }

  /**
   * A versioned static asset: its URL changes when its content does (an `immutable` or
   * long `max-age` Cache-Control, or JupyterLab's `?v=<hash>` query). `no-cache` does not
   * exclude it: JupyterLab sends `no-cache` with its extensions' `?v=` files once it runs
   * under a base URL such as /user/<name>/, and the cache here is checked against the
   * body at every request anyway. `no-store` and `private` answers are never kept.
   */
  export function isVersionedAsset(
    url: string,
    headers: http.OutgoingHttpHeaders
  ): boolean {
    const cacheControl = (header(headers, 'cache-control') ?? '').toLowerCase();
    if (/\b(?:no-store|private)\b/.test(cacheControl)) {
      return false;
    }
    const maxAge = /\bmax-age\s*=\s*(\d+)/.exec(cacheControl);
    return (
      /\bimmutable\b/.test(cacheControl) ||
      (!!maxAge && Number(maxAge[1]) >= LONG_MAX_AGE) ||
      new URLSearchParams(url.split('?')[1] ?? '').has('v')
    );
  }

  /**
   * A streaming encoder that flushes after each chunk it is given. Bodies known to be
   * large (a user downloading a big data file) get the fastest setting, so that one
   * download neither holds a zlib thread for minutes nor slows to the encoder's pace.
   */
  export function encoder(
    encoding: Encoding,
    sizeHint: number | undefined
  ): zlib.BrotliCompress | zlib.Gzip {
    const large = (sizeHint ?? 0) > LARGE_BYTES;
    if (encoding === 'gzip') {
      return zlib.createGzip({
        level: large ? 1 : 6,
        flush: zlib.constants.Z_SYNC_FLUSH
      });
    }
    const params = brotliParameters(false, sizeHint);
    if (large) {
      params[zlib.constants.BROTLI_PARAM_QUALITY] = 1;
    }
    return zlib.createBrotliCompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      params
    });
  }

  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);

  /** Compress a whole body, quickly or as well as possible (zlib's thread pool). */
  export function compress(
    body: Buffer,
    encoding: Encoding,
    best: boolean
  ): Promise<Buffer> {
    return encoding === 'br'
      ? brotli(body, { params: brotliParameters(best, body.length) })
      : gzip(body, { level: best ? 9 : 6 });
  }

  function brotliParameters(
    best: boolean,
    sizeHint: number | undefined
  ): Record<number, number> {
    const parameters: Record<number, number> = {
      [zlib.constants.BROTLI_PARAM_QUALITY]: best
        ? zlib.constants.BROTLI_MAX_QUALITY
        : 5
    };
    if (sizeHint) {
      parameters[zlib.constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
    }
    return parameters;
  }

  /** A whole stream; rejects if it ends early. */
  export async function readAll(stream: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /**
   * A compressed copy; `best` once the best-quality compression replaced the quick one.
   */
  export interface IEntry {
    data: Buffer;
    best: boolean;
  }

  /**
   * Least recently used entries go first once their total size exceeds the capacity.
   */
  export class ByteLru {
    constructor(readonly capacity: number) {}

    get size(): number {
      return this._entries.size;
    }

    get bytes(): number {
      return this._bytes;
    }

    get(key: string): IEntry | undefined {
      const entry = this._entries.get(key);
      if (entry) {
        this._entries.delete(key);
        this._entries.set(key, entry);
      }
      return entry;
    }

    set(key: string, entry: IEntry): void {
      this.delete(key);
      if (entry.data.length > this.capacity) {
        return;
      }
      this._entries.set(key, entry);
      this._bytes += entry.data.length;
      for (const [oldest, old] of this._entries) {
        if (this._bytes <= this.capacity) {
          break;
        }
        this._entries.delete(oldest);
        this._bytes -= old.data.length;
      }
    }

    delete(key: string): void {
      const entry = this._entries.get(key);
      if (entry) {
        this._entries.delete(key);
        this._bytes -= entry.data.length;
      }
    }

    private readonly _entries = new Map<string, IEntry>();
    private _bytes = 0;
  }
}
