import { allowedAt } from './consent';
import type { ICredential, ICredentialSource } from './credentials';
import type { SendOutcome } from './queue';
import { IDraft, withActor } from './statements';

/** The xAPI version the emitter speaks. */
export const XAPI_VERSION = '1.0.3';

/**
 * Sends batches to the LRS of the current credential (`POST <endpoint>statements`) and
 * says what became of each: the queue keeps, retries or forgets it.
 */
export class LrsSender {
  /**
   * @param onCredential - told of every credential used (its consent sets the level).
   */
  constructor(
    private readonly _source: ICredentialSource,
    private readonly _onCredential: (credential: ICredential) => void = () =>
      undefined,
    private readonly _fetch: typeof fetch = (input, init) => fetch(input, init)
  ) {}

  /** Send a batch: the statements the credential's consent allows, the others dropped. */
  async send(batch: IDraft[]): Promise<SendOutcome> {
    let credential = await this._credential(false);
    if (!credential) {
      return 'retry';
    }
    let answer = await this._post(credential, batch);
    if (answer.status === 401 || answer.code === 'consent_required') {
      // Revoked (another tab asked for a credential) or consent withdrawn: ask again.
      credential = await this._credential(true);
      if (!credential) {
        return 'retry';
      }
      answer = await this._post(credential, batch);
    }
    return outcomeOf(answer.status);
  }

  private async _credential(refresh: boolean): Promise<ICredential | null> {
    const credential = await this._source.get(refresh);
    if (credential) {
      this._onCredential(credential);
    }
    return credential;
  }

  private async _post(
    credential: ICredential,
    batch: IDraft[]
  ): Promise<{ status: number; code?: string }> {
    const allowed = batch.filter(draft => allowedAt(credential.level, draft));
    if (!allowed.length) {
      // Nothing this user's consent lets through: done with the batch.
      return { status: 200 };
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Experience-API-Version': XAPI_VERSION
    };
    if (credential.authorization) {
      headers.Authorization = credential.authorization;
    }
    let response: Response;
    try {
      response = await this._fetch(`${credential.endpoint}statements`, {
        method: 'POST',
        headers,
        // The credential is in the header: never send the hub's cookies to an LRS.
        credentials: 'omit',
        body: JSON.stringify(
          allowed.map(draft => withActor(draft, credential.actor))
        )
      });
    } catch {
      return { status: 0 };
    }
    let code: string | undefined;
    if (!response.ok) {
      try {
        const body = (await response.json()) as { error?: { code?: string } };
        code = body.error?.code;
      } catch {
        // Not the hub's error shape: the status says enough.
      }
    }
    return { status: response.status, code };
  }
}

/**
 * What a status means for a batch: 2xx sent; no answer, 401, 408, 429 and 5xx worth
 * another try; any other refusal (400, 403, 409, 413) will not change: dropped.
 */
export function outcomeOf(status: number): SendOutcome {
  if (status >= 200 && status < 300) {
    return 'sent';
  }
  if (
    status === 0 ||
    status === 401 ||
    status === 408 ||
    status === 429 ||
    status >= 500
  ) {
    return 'retry';
  }
  console.warn(`Candyce telemetry: the LRS refused a batch (${status})`);
  return 'drop';
}
