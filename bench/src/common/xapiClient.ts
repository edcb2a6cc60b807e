/**
 * An xAPI client of the LRS benchmarks: POST batches, GET pages, over HTTP with Basic
 * credentials. The same calls go to the hub's LRS and to its peer.
 */
export class XapiClient {
  /**
   * @param endpoint - the LRS's address (`http://host:port/xapi`).
   */
  constructor(
    readonly endpoint: string,
    readonly authorization: string
  ) {}

  /** `http://host:port`, against which a `more` link resolves. */
  get origin(): string {
    return new URL(this.endpoint).origin;
  }

  /** POST one statement (a batch of one is sent as an object) or a batch. */
  async post(batch: readonly unknown[]): Promise<void> {
    const response = await fetch(`${this.endpoint}/statements`, {
      method: 'POST',
      headers: {
        Authorization: this.authorization,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json'
      },
      body: JSON.stringify(batch.length === 1 ? batch[0] : batch)
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(
        `POST answered ${response.status}: ${text.slice(0, 300)}`
      );
    }
  }

  /**
   * GET `query` (`statements?…`, relative to the endpoint) or a `more` link (absolute
   * path); how many statements it gave and its `more`.
   */
  async get(query: string): Promise<{ count: number; more: string }> {
    const url = query.startsWith('/')
      ? `${this.origin}${query}`
      : `${this.endpoint}/${query}`;
    const response = await fetch(url, {
      headers: {
        Authorization: this.authorization,
        'X-Experience-API-Version': '1.0.3'
      }
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(
        `GET ${query} answered ${response.status}: ${text.slice(0, 300)}`
      );
    }
    const body = JSON.parse(text) as {
      statements?: unknown[];
      more?: string;
      id?: string;
    };
    return {
      count: body.statements ? body.statements.length : body.id ? 1 : 0,
      more: body.more ?? ''
    };
  }
}
