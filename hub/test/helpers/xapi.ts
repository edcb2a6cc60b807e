import { IHub } from '../../src/main';
import { LrsScope } from '../../src/lrs/clients';

/**
 * An xAPI client of a test hub: HTTP Basic credentials made through the hub's LRS
 * service, and calls with the version header unless told otherwise.
 */
export interface IXapiCall {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export class XapiClient {
  constructor(
    readonly url: string,
    readonly key: string,
    readonly secret: string
  ) {}

  /** A client of the hub with `scope`, bound to `actor` if given. */
  static async make(
    hub: Pick<IHub, 'url' | 'lrs'>,
    scope: LrsScope = 'all',
    actor: Record<string, unknown> | null = null
  ): Promise<XapiClient> {
    const credential = await hub.lrs.clients.create({
      name: `test ${scope}`,
      scope,
      actor
    });
    return new XapiClient(hub.url, credential.key, credential.secret);
  }

  get authorization(): string {
    return `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString('base64')}`;
  }

  async call(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: string | Buffer;
      query?: Record<string, string>;
      headers?: Record<string, string | undefined>;
    } = {}
  ): Promise<IXapiCall> {
    const headers: Record<string, string> = {};
    const given = {
      Authorization: this.authorization,
      'X-Experience-API-Version': '1.0.3',
      ...(options.json !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      ...options.headers
    };
    for (const [name, value] of Object.entries(given)) {
      if (value !== undefined) {
        headers[name] = value;
      }
    }
    const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
    const response = await fetch(`${this.url}/xapi${path}${query}`, {
      method,
      headers,
      body:
        options.json !== undefined ? JSON.stringify(options.json) : options.body
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: `text` has it.
    }
    return { status: response.status, headers: response.headers, text, json };
  }
}

/** A valid statement, with what a test changes in it. */
export function statement(
  changes: Record<string, unknown> = {},
  actor: Record<string, unknown> = {
    mbox: 'mailto:ada@example.org',
    name: 'Ada'
  }
): Record<string, unknown> {
  return {
    actor,
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/attempted',
      display: { 'en-US': 'attempted' }
    },
    object: {
      id: 'http://example.org/activities/notebook-1',
      definition: { name: { 'fr-FR': 'Carnet 1', 'en-US': 'Notebook 1' } }
    },
    ...changes
  };
}
