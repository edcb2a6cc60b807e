/**
 * HTTP for the benchmarks: a browser-like client (cookies by path, redirects and
 * `Refresh` followed on request), and small helpers.
 */
import * as http from 'http';
import * as net from 'net';
import { setTimeout as sleep } from 'timers/promises';

/**
 * One hop of a page load: the URL asked for and the status it got.
 */
export interface IHop {
  readonly url: string;
  readonly status: number;
  /** Milliseconds since the load began, when the answer's headers arrived. */
  readonly atMs: number;
}

/**
 * An answer of {@link WebClient}: the part of fetch's `Response` the benchmarks use, over
 * Node's own HTTP client (fetch cannot send `Sec-Fetch-Mode: navigate`).
 */
export class WebResponse {
  constructor(readonly message: http.IncomingMessage) {}

  get status(): number {
    return this.message.statusCode ?? 0;
  }

  /** Header lookup, as `Headers.get`. */
  readonly headers = {
    get: (name: string): string | null => {
      const value = this.message.headers[name.toLowerCase()];
      return value === undefined ? null : String(value);
    },
    getSetCookie: (): string[] => this.message.headers['set-cookie'] ?? []
  };

  /** Whether the body has been read (or drained). */
  get bodyUsed(): boolean {
    return this._body !== null;
  }

  /** The whole body. */
  arrayBuffer(): Promise<Buffer> {
    this._body ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.message.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.message.once('end', () => resolve(Buffer.concat(chunks)));
      this.message.once('error', reject);
    });
    return this._body;
  }

  async text(): Promise<string> {
    return (await this.arrayBuffer()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  private _body: Promise<Buffer> | null = null;
}

/**
 * A client that keeps cookies like a browser (by name and path; domain and expiry are
 * ignored, everything here is one loopback origin) and never follows redirects on its
 * own, so that each hop is seen.
 */
export class WebClient {
  /**
   * @param origin - `http://127.0.0.1:<port>`; request URLs are paths on it.
   */
  constructor(readonly origin: string) {}

  /**
   * Send one request with the cookies that apply to its path, and keep those it sets.
   */
  async request(
    method: string,
    url: string,
    options: {
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
    } = {}
  ): Promise<WebResponse> {
    const headers: Record<string, string> = { ...options.headers };
    const target = new URL(url, this.origin);
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) {
      headers.cookie = cookie;
    }
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const message = await new Promise<http.IncomingMessage>(
      (resolve, reject) => {
        const request = http.request(target, {
          method,
          headers,
          agent: this._agent
        });
        request.once('response', resolve);
        request.once('error', reject);
        request.end(body);
      }
    );
    const response = new WebResponse(message);
    for (const line of response.headers.getSetCookie()) {
      this._store(line, target.pathname);
    }
    return response;
  }

  /**
   * GET a page as a browser would: follow `Location` on 3xx answers and `Refresh`
   * headers (after their delay), until an answer with neither.
   *
   * @param onPage - called with each final-looking answer (no redirect, no refresh);
   *   it may return the next URL to load instead (what a script on the page would do).
   */
  async load(
    url: string,
    onPage: (
      response: WebResponse,
      url: string
    ) => Promise<string | null> = async () => null,
    maxHops = 200
  ): Promise<{ response: WebResponse; url: string; hops: IHop[] }> {
    const start = performance.now();
    const hops: IHop[] = [];
    let current = url;
    for (let hop = 0; hop < maxHops; hop++) {
      // What a browser sends on navigation; fetch would say `cors` otherwise, and
      // JupyterHub then wants an anti-CSRF token even for a GET.
      const response = await this.request('GET', current, {
        headers: {
          accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-site': 'same-origin',
          'sec-fetch-dest': 'document'
        }
      });
      hops.push({
        url: current,
        status: response.status,
        atMs: performance.now() - start
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        current = new URL(location, new URL(current, this.origin)).href;
        continue;
      }
      const refresh = Private.parseRefresh(response.headers.get('refresh'));
      if (refresh) {
        await response.arrayBuffer();
        await sleep(refresh.seconds * 1000);
        current = new URL(refresh.url ?? current, new URL(current, this.origin))
          .href;
        continue;
      }
      const next = await onPage(response, current);
      if (next === null) {
        return { response, url: current, hops };
      }
      current = new URL(next, new URL(current, this.origin)).href;
    }
    throw new Error(`more than ${maxHops} hops loading ${url}`);
  }

  /**
   * The `Cookie` header for a path.
   */
  cookieHeader(pathname: string): string {
    return [...this._cookies.values()]
      .filter(cookie => Private.pathMatches(pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map(cookie => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  /**
   * The value of a cookie, whatever its path.
   */
  cookie(name: string): string | undefined {
    return [...this._cookies.values()].find(cookie => cookie.name === name)
      ?.value;
  }

  private _store(line: string, requestPath: string): void {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    let cookiePath = requestPath.replace(/\/[^/]*$/, '') || '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key, ...rest] = attribute.trim().split('=');
      const attributeValue = rest.join('=');
      if (key.toLowerCase() === 'path') {
        cookiePath = attributeValue || '/';
      } else if (
        key.toLowerCase() === 'max-age' &&
        Number(attributeValue) <= 0
      ) {
        expired = true;
      } else if (
        key.toLowerCase() === 'expires' &&
        Date.parse(attributeValue) < Date.now()
      ) {
        expired = true;
      }
    }
    const key = `${name} ${cookiePath}`;
    if (expired) {
      this._cookies.delete(key);
    } else {
      this._cookies.set(key, { name, value, path: cookiePath });
    }
  }

  private readonly _agent = new http.Agent({ keepAlive: true });
  private readonly _cookies = new Map<
    string,
    { name: string; value: string; path: string }
  >();
}

/**
 * The hidden fields of the first form of a page that has a password field (a login
 * form), as a record.
 */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of html.match(/<input[^>]*>/g) ?? []) {
    if (!/type="hidden"/.test(input)) {
      continue;
    }
    const name = input.match(/name="([^"]*)"/)?.[1];
    const value = input.match(/value="([^"]*)"/)?.[1];
    if (name !== undefined) {
      fields[name] = Private.unescapeHtml(value ?? '');
    }
  }
  return fields;
}

/**
 * Wait until `url` answers with one of `statuses`; poll every `intervalMs`.
 *
 * @returns milliseconds waited.
 * @throws Error after `timeoutMs`, or at once when `stillRunning` turns false.
 */
export async function waitForHttp(
  url: string,
  options: {
    statuses?: readonly number[];
    intervalMs?: number;
    timeoutMs?: number;
    headers?: Record<string, string>;
    stillRunning?: () => boolean;
  } = {}
): Promise<number> {
  const statuses = options.statuses ?? [200];
  const start = performance.now();
  const deadline = start + (options.timeoutMs ?? 120000);
  while (performance.now() < deadline) {
    if (options.stillRunning && !options.stillRunning()) {
      throw new Error(`the process behind ${url} has exited`);
    }
    try {
      const response = await fetch(url, {
        headers: options.headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(5000)
      });
      await response.arrayBuffer();
      if (statuses.includes(response.status)) {
        return performance.now() - start;
      }
    } catch {
      // not listening yet
    }
    await sleep(options.intervalMs ?? 20);
  }
  throw new Error(`${url} did not answer in time`);
}

/**
 * A TCP port free on 127.0.0.1 right now.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

namespace Private {
  /**
   * `Refresh: 1; url=/x` → `{ seconds: 1, url: '/x' }`.
   */
  export function parseRefresh(
    header: string | null
  ): { seconds: number; url: string | null } | null {
    if (!header) {
      return null;
    }
    const match = header.match(/^\s*(\d+(?:\.\d+)?)\s*(?:[;,]\s*url=(.*))?$/i);
    if (!match) {
      return null;
    }
    return { seconds: Number(match[1]), url: match[2]?.trim() ?? null };
  }

  export function pathMatches(
    requestPath: string,
    cookiePath: string
  ): boolean {
    return (
      requestPath === cookiePath ||
      (requestPath.startsWith(cookiePath) &&
        (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
    );
  }

  export function unescapeHtml(text: string): string {
    return text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
}
