/**
 * HTTP for the benchmarks: a browser-like client (cookies by path, redirects and
 * `Refresh` followed on request), and small helpers.
 */
import * as dns from 'dns';
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
 * Name resolution as browsers do it on one machine: `localhost` and every `*.localhost`
 * name (the servers' origins in subdomain mode, RFC 6761) are 127.0.0.1, where the
 * hubs of the benchmarks listen; other names go to the system's resolver (which knows
 * no `*.localhost` here). For `http.request`'s and `ws`'s `lookup` option.
 */
export function loopbackLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (
    error: NodeJS.ErrnoException | null,
    address: string | dns.LookupAddress[],
    family?: number
  ) => void
): void {
  const name = hostname.toLowerCase();
  if (name !== 'localhost' && !name.endsWith('.localhost')) {
    dns.lookup(hostname, options, callback as never);
  } else if (options.all) {
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
}

/**
 * A client that keeps cookies like a browser (host-only cookies by host name, `Domain`
 * cookies for their subdomains too, then by path; expiry is ignored past removal) and
 * never follows redirects on its own, so that each hop is seen. Requests may go to
 * other origins than its own (a server's origin in subdomain mode).
 */
export class WebClient {
  /**
   * @param origin - `http://127.0.0.1:<port>` or `http://localhost:<port>`; relative
   *   request URLs are paths on it.
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
    const cookie = this.cookieHeader(target.href);
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
          agent: this._agent,
          lookup: loopbackLookup
        });
        request.once('response', resolve);
        request.once('error', reject);
        request.end(body);
      }
    );
    const response = new WebResponse(message);
    for (const line of response.headers.getSetCookie()) {
      this._store(line, target);
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
   * The `Cookie` header for a URL (or a path of the client's own origin).
   */
  cookieHeader(url: string): string {
    const target = new URL(url, this.origin);
    return [...this._cookies.values()]
      .filter(
        cookie =>
          Private.hostMatches(target.hostname, cookie) &&
          Private.pathMatches(target.pathname, cookie.path)
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map(cookie => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  /**
   * The value of a cookie, whatever its path, sent to `origin` (default: the client's).
   */
  cookie(name: string, origin = this.origin): string | undefined {
    const { hostname } = new URL(origin);
    return [...this._cookies.values()].find(
      cookie => cookie.name === name && Private.hostMatches(hostname, cookie)
    )?.value;
  }

  private _store(line: string, target: URL): void {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    let cookiePath = target.pathname.replace(/\/[^/]*$/, '') || '/';
    let host = target.hostname;
    let hostOnly = true;
    let expired = value === '';
    for (const attribute of attributes) {
      const [key, ...rest] = attribute.trim().split('=');
      const attributeValue = rest.join('=');
      if (key.toLowerCase() === 'path') {
        cookiePath = attributeValue || '/';
      } else if (key.toLowerCase() === 'domain' && attributeValue) {
        host = attributeValue.replace(/^\./, '').toLowerCase();
        hostOnly = false;
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
    const key = `${name} ${host} ${cookiePath}`;
    if (expired) {
      this._cookies.delete(key);
    } else {
      this._cookies.set(key, {
        name,
        value,
        path: cookiePath,
        host,
        hostOnly
      });
    }
  }

  private readonly _agent = new http.Agent({ keepAlive: true });
  private readonly _cookies = new Map<string, Private.ICookie>();
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
  /** A cookie kept by {@link WebClient}. */
  export interface ICookie {
    name: string;
    value: string;
    path: string;
    /** The host that set it, or its `Domain`. */
    host: string;
    /** Without `Domain`: sent back to that very host only. */
    hostOnly: boolean;
  }

  /** Whether a cookie goes to a host (ports are not part of it, as in browsers). */
  export function hostMatches(hostname: string, cookie: ICookie): boolean {
    const host = hostname.toLowerCase();
    return (
      host === cookie.host ||
      (!cookie.hostOnly && host.endsWith(`.${cookie.host}`))
    );
  }

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
