import * as http from 'http';

import { Browser } from '../hubHarness';

/**
 * A {@link Browser} whose connections leave from another loopback address (`127.0.0.2`,
 * `127.0.0.3`…; Linux routes all of 127.0.0.0/8 to the loopback): the hub sees another
 * client, as from another machine, without any forwarding header to trust.
 */
export class BrowserFrom extends Browser {
  constructor(
    baseUrl: string,
    readonly localAddress: string
  ) {
    super(baseUrl);
  }

  override async request(
    method: string,
    url: string,
    options: {
      form?: Record<string, string>;
      json?: unknown;
      body?: string | Uint8Array;
      headers?: Record<string, string>;
    } = {}
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) {
      headers.cookie = [...this.cookies]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    }
    let body: string | Uint8Array | undefined = options.body;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const answer = await new Promise<http.IncomingMessage>(
      (resolve, reject) => {
        const sent = http.request(
          this.baseUrl + url,
          // No keep-alive: a test's hub closes without waiting for idle sockets.
          { method, headers, localAddress: this.localAddress, agent: false },
          resolve
        );
        sent.on('error', reject);
        sent.end(body);
      }
    );
    const chunks: Buffer[] = [];
    for await (const chunk of answer) {
      chunks.push(chunk as Buffer);
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : [value ?? '']) {
        responseHeaders.append(name, one);
      }
    }
    const status = answer.statusCode ?? 0;
    const response = new Response(
      status === 204 || status === 304 ? null : Buffer.concat(chunks),
      { status, headers: responseHeaders }
    );
    this.lastSetCookies = response.headers.getSetCookie();
    for (const cookie of this.lastSetCookies) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(cookie)) {
        this.cookies.delete(pair.slice(0, at));
      } else {
        this.cookies.set(pair.slice(0, at), value);
      }
    }
    return response;
  }
}
