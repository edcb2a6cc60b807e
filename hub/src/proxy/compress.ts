import { createHash } from 'crypto';
import * as http from 'http';
import { pipeline, Readable } from 'stream';

import { AssetCache } from './assetCache';
import {
  AssetMemo,
  mayAnswerFromMemory,
  mayRemember,
  rememberedHeaders
} from './assetMemo';
import { encoder } from './codecs';
import { addVary, keepClientsWeakEtag, setEncoded } from './encodedHeaders';
import {
  Encoding,
  headerValue,
  isCompressible,
  negotiateEncoding
} from './negotiation';

/**
 * How the proxy compresses users' servers' answers.
 */
export interface ICompressionOptions {
  /**
   * Bytes of versioned static assets kept in memory, whole and compressed, shared by
   * all users (0: none).
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
  /** Answers sent from memory without asking the user's server. */
  remembered: number;
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
 * user's answer. Which body each URL of a running server answered with is remembered
 * for that server only ({@link AssetMemo}): the next request for it is answered from
 * memory, neither asking the server nor allocating (a page load fetches megabytes of
 * such scripts). WebSockets do not come here: their frames are never touched.
 */
export class Compression {
  constructor(options: ICompressionOptions) {
    this._cache = new AssetCache(options.cacheBytes);
    this._maxCachedBody = options.maxCachedBodyBytes ?? 8 * 1024 * 1024;
  }

  /**
   * Counters of the static asset cache.
   */
  get stats(): ICompressionStats {
    return { ...this._cache.stats, remembered: this._remembered };
  }

  /**
   * Send an upstream answer to the browser, compressed if both allow it.
   *
   * @param headers the answer's headers, hop-by-hop ones already removed; changed here.
   * @param onError called if the answer fails before its headers were sent.
   * @param origin the running server that answered: its versioned assets are
   *   remembered for {@link sendRemembered}.
   */
  send(
    request: http.IncomingMessage,
    answer: http.IncomingMessage,
    response: http.ServerResponse,
    headers: http.OutgoingHttpHeaders,
    onError: (error: Error) => void,
    origin?: object
  ): void {
    const status = answer.statusCode ?? 502;
    const url = request.url ?? '';
    const type = headerValue(headers, 'content-type');
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    const memo =
      origin && this._remembers(request, status, headers, url)
        ? { origin, url, headers: rememberedHeaders(headers) }
        : null;
    if (status === 304 || isCompressible(type, url)) {
      addVary(headers);
    }
    if (status === 304) {
      keepClientsWeakEtag(headers, request.headers['if-none-match']);
    }
    const compresses =
      encoding !== null && this._compresses(request, status, headers, url);
    if (memo) {
      if (compresses) {
        setEncoded(headers, encoding);
      }
      const coding = compresses ? encoding : null;
      this._sendWhole(answer, response, headers, coding, onError, memo);
      return;
    }
    if (!compresses) {
      response.writeHead(status, answer.statusMessage, headers);
      answer.pipe(response);
      return;
    }
    setEncoded(headers, encoding);
    const length = Number(headerValue(headers, 'content-length'));
    if (
      this._cache.capacity > 0 &&
      status === 200 &&
      length <= this._maxCachedBody &&
      Private.isVersionedAsset(url, headers)
    ) {
      this._sendWhole(answer, response, headers, encoding, onError, null);
    } else {
      delete headers['content-length'];
      response.writeHead(status, answer.statusMessage, headers);
      pipeline(
        answer,
        encoder(encoding, length || undefined),
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
   * Answer a request from memory if `origin`, the user's running server, already
   * answered it with a versioned asset still cached (whole; compressed when the browser
   * accepts it, as {@link send} would).
   *
   * @returns whether it answered; if not, the request is for the server.
   */
  sendRemembered(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    origin: object
  ): boolean {
    const url = request.url ?? '';
    const asset =
      this._cache.capacity > 0 && mayAnswerFromMemory(request)
        ? this._memo.recall(origin, url)
        : undefined;
    const whole = asset && this._cache.whole(asset.sha256);
    if (!asset || !whole) {
      if (asset) {
        this._memo.forget(origin, url);
      }
      return false;
    }
    this._remembered++;
    const headers: http.OutgoingHttpHeaders = {
      ...asset.headers,
      'content-length': whole.length
    };
    if (isCompressible(headerValue(headers, 'content-type'), url)) {
      addVary(headers);
    }
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (!encoding || !this._compresses(request, 200, headers, url)) {
      response.writeHead(200, asset.statusMessage, headers);
      response.end(whole);
      return true;
    }
    setEncoded(headers, encoding);
    this._cache.compressed(whole, asset.sha256, encoding).then(
      data => Private.end(response, asset.statusMessage, headers, data),
      error => response.destroy(error as Error)
    );
    return true;
  }

  /**
   * Resolves once no compression for the cache is under way (benchmarks and tests).
   */
  idle(): Promise<void> {
    return this._cache.idle();
  }

  /** Whether the answer is to be compressed, given that the browser accepts it. */
  private _compresses(
    request: http.IncomingMessage,
    status: number,
    headers: http.OutgoingHttpHeaders,
    url: string
  ): boolean {
    const length = headerValue(headers, 'content-length');
    const coding = headerValue(headers, 'content-encoding');
    return (
      request.method !== 'HEAD' &&
      status >= 200 &&
      status !== 204 &&
      status !== 206 &&
      status !== 304 &&
      !headerValue(headers, 'content-range') &&
      (!coding || coding.trim().toLowerCase() === 'identity') &&
      !/\bno-transform\b/i.test(headerValue(headers, 'cache-control') ?? '') &&
      isCompressible(headerValue(headers, 'content-type'), url) &&
      (length === undefined || Number(length) >= Private.MIN_BYTES)
    );
  }

  /** Whether a server's answer is a versioned asset to remember (whole, 200, GET). */
  private _remembers(
    request: http.IncomingMessage,
    status: number,
    headers: http.OutgoingHttpHeaders,
    url: string
  ): boolean {
    const length = headerValue(headers, 'content-length');
    const coding = headerValue(headers, 'content-encoding');
    return (
      this._cache.capacity > 0 &&
      status === 200 &&
      mayAnswerFromMemory(request) &&
      length !== undefined &&
      Number(length) <= this._maxCachedBody &&
      (!coding || coding.trim().toLowerCase() === 'identity') &&
      Private.isVersionedAsset(url, headers) &&
      mayRemember(headers)
    );
  }

  /**
   * A versioned asset (a 200): read it whole, then answer with it or with its
   * compressed copy (from the cache, or made for it); remembered when `memo` says for
   * which server and URL.
   */
  private _sendWhole(
    answer: http.IncomingMessage,
    response: http.ServerResponse,
    headers: http.OutgoingHttpHeaders,
    encoding: Encoding | null,
    onError: (error: Error) => void,
    memo: {
      origin: object;
      url: string;
      headers: http.OutgoingHttpHeaders;
    } | null
  ): void {
    Private.readAll(answer)
      .then(body => {
        const sha256 = createHash('sha256').update(body).digest('hex');
        if (memo) {
          this._cache.keepWhole(sha256, body);
          this._memo.remember(memo.origin, memo.url, {
            sha256,
            statusMessage: answer.statusMessage,
            headers: memo.headers
          });
        }
        return encoding ? this._cache.compressed(body, sha256, encoding) : body;
      })
      .then(
        body => Private.end(response, answer.statusMessage, headers, body),
        error => onError(error as Error)
      );
  }

  private readonly _cache: AssetCache;
  private readonly _memo = new AssetMemo();
  private _remembered = 0;
  private readonly _maxCachedBody: number;
}

namespace Private {
  /** Below this, compression saves less than it costs. */
  export const MIN_BYTES = 1024;

  /** One day: a longer `max-age` marks a versioned asset. */
  const LONG_MAX_AGE = 86_400;

  /** Send a whole 200 answer, unless the browser went away meanwhile. */
  export function end(
    response: http.ServerResponse,
    statusMessage: string | undefined,
    headers: http.OutgoingHttpHeaders,
    body: Buffer
  ): void {
    if (response.destroyed) {
      return;
    }
    headers['content-length'] = body.length;
    response.writeHead(200, statusMessage, headers);
    response.end(body);
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
    const cacheControl = (
      headerValue(headers, 'cache-control') ?? ''
    ).toLowerCase();
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

  /** A whole stream; rejects if it ends early. */
  export async function readAll(stream: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
}
