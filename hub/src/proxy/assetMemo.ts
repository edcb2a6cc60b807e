import * as http from 'http';

/**
 * What one running user server answered for a versioned static asset: the SHA-256 of
 * the body (its key in the proxy's byte cache) and the headers it came with.
 */
export interface IRememberedAsset {
  sha256: string;
  statusMessage: string | undefined;
  /** Upstream's headers, hop-by-hop ones and those of the moment (`date`) removed. */
  headers: http.OutgoingHttpHeaders;
}

/**
 * Which versioned asset each URL of each running user server answered with, so that
 * the proxy answers the next request for it from its cache without asking the server
 * again (JupyterLab's scripts are most of a page load's bytes).
 *
 * Remembered per server instance (a new start is a new `origin` object, the old one's
 * entries go with it): users' servers may serve different files at the same URL (an
 * extension installed in one's home), and one user never gets another's answer.
 */
export class AssetMemo {
  constructor(private readonly _maxPerOrigin = 4096) {}

  remember(origin: object, url: string, asset: IRememberedAsset): void {
    let urls = this._byOrigin.get(origin);
    if (!urls) {
      urls = new Map();
      this._byOrigin.set(origin, urls);
    }
    urls.delete(url);
    urls.set(url, asset);
    if (urls.size > this._maxPerOrigin) {
      urls.delete(urls.keys().next().value!);
    }
  }

  recall(origin: object, url: string): IRememberedAsset | undefined {
    return this._byOrigin.get(origin)?.get(url);
  }

  /** Forget a URL whose cached body is gone. */
  forget(origin: object, url: string): void {
    this._byOrigin.get(origin)?.delete(url);
  }

  private readonly _byOrigin = new WeakMap<
    object,
    Map<string, IRememberedAsset>
  >();
}

/**
 * Whether a request may be answered from memory: a plain GET, neither conditional nor
 * partial (those go to the server, which knows its ETags and ranges).
 */
export function mayAnswerFromMemory(request: http.IncomingMessage): boolean {
  const headers = request.headers;
  return (
    request.method === 'GET' &&
    headers.range === undefined &&
    headers['if-none-match'] === undefined &&
    headers['if-modified-since'] === undefined &&
    headers['if-range'] === undefined
  );
}

/**
 * Whether an answer may be remembered: it sets no cookie and varies with nothing but
 * the encoding.
 */
export function mayRemember(headers: http.OutgoingHttpHeaders): boolean {
  const vary = String(headers['vary'] ?? '')
    .split(',')
    .map(name => name.trim().toLowerCase())
    .filter(name => name && name !== 'accept-encoding');
  return headers['set-cookie'] === undefined && vary.length === 0;
}

/** Upstream's headers as remembered: without those of the moment. */
export function rememberedHeaders(
  headers: http.OutgoingHttpHeaders
): http.OutgoingHttpHeaders {
  const kept = { ...headers };
  delete kept['date'];
  delete kept['content-length'];
  return kept;
}
