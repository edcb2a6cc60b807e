import * as dns from 'dns';
import * as http from 'http';
import type { LookupFunction } from 'net';

/**
 * Resolves `*.localhost` (and `localhost`) to loopback, as browsers do (Node asks the
 * system, which knows only `localhost`).
 */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if ((options as dns.LookupOptions).all) {
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [
        { address: '127.0.0.1', family: 4 }
      ]);
    } else {
      callback(null, '127.0.0.1', 4);
    }
    return;
  }
  dns.lookup(hostname, options, callback);
};

/**
 * An answer read whole.
 */
export interface IAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body as JSON (loosely typed for assertions). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
  setCookies: string[];
}

/**
 * A browser-like client over several origins: host-only cookies kept per host (as a
 * browser keeps them), redirects not followed, `*.localhost` on loopback.
 */
export class OriginBrowser {
  /** Cookies by host (`eleve1.localhost:8000`), then by name. */
  readonly jar = new Map<string, Map<string, string>>();

  cookiesOf(origin: string): Map<string, string> {
    const host = new URL(origin).host;
    let cookies = this.jar.get(host);
    if (!cookies) {
      cookies = new Map();
      this.jar.set(host, cookies);
    }
    return cookies;
  }

  cookieHeader(origin: string): string {
    return [...this.cookiesOf(origin)].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    url: string,
    options: {
      headers?: Record<string, string>;
      body?: string;
      json?: unknown;
      form?: Record<string, string>;
      /** Send exactly this Cookie header instead of the jar's. */
      cookie?: string;
    } = {}
  ): Promise<IAnswer> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...options.headers };
    const cookie = options.cookie ?? this.cookieHeader(url);
    if (cookie) {
      headers.cookie = cookie;
    }
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const answer = await new Promise<IAnswer>((resolve, reject) => {
      const request = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method,
          headers,
          lookup: loopbackLookup
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            const setCookie = response.headers['set-cookie'] ?? [];
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: text,
              json: () => JSON.parse(text),
              setCookies: setCookie
            });
          });
          response.on('error', reject);
        }
      );
      request.on('error', reject);
      request.end(body);
    });
    const jar = this.cookiesOf(url);
    for (const line of answer.setCookies) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) {
        jar.delete(name);
      } else {
        jar.set(name, value);
      }
    }
    return answer;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<IAnswer> {
    return this.request('GET', url, { headers });
  }

  /** A page, as a browser navigates to it. */
  navigate(url: string): Promise<IAnswer> {
    return this.get(url, { accept: 'text/html' });
  }
}
