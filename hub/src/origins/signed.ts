import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * JSON payloads signed with HMAC-SHA256: `<base64url JSON>.<base64url MAC>`. Each kind
 * of payload carries its own `t` (type), so that one kind is never taken for another.
 */
export class Signer {
  constructor(private readonly _key: Buffer) {
    if (_key.length < 32) {
      throw new RangeError('A signing key needs at least 32 bytes.');
    }
  }

  /** A signer whose key lives only as long as this process (enter codes). */
  static ephemeral(): Signer {
    return new Signer(randomBytes(32));
  }

  /**
   * The signer whose key is kept in `secretsDir/<file>` (made the first time, 0600, in
   * the hub's 0700 secrets folder, which no server sees).
   */
  static persistent(secretsDir: string, file: string): Signer {
    fs.mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    const keyFile = path.join(secretsDir, file);
    try {
      return new Signer(Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'hex'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
    const key = randomBytes(32);
    // `wx`: two hubs starting at once do not overwrite each other's key.
    try {
      fs.writeFileSync(keyFile, key.toString('hex'), {
        mode: 0o600,
        flag: 'wx'
      });
      return new Signer(key);
    } catch {
      return new Signer(Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'hex'));
    }
  }

  sign(type: string, payload: Record<string, string | number>): string {
    const body = Buffer.from(JSON.stringify({ ...payload, t: type })).toString(
      'base64url'
    );
    return `${body}.${this._mac(body)}`;
  }

  /**
   * The payload of a signed value of this type, or null (bad signature, other type,
   * not JSON).
   */
  verify(type: string, value: string): Record<string, unknown> | null {
    if (value.length > 2048) {
      return null;
    }
    const [body, mac, ...rest] = value.split('.');
    if (!body || !mac || rest.length) {
      return null;
    }
    const expected = Buffer.from(this._mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return null;
    }
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      return payload && typeof payload === 'object' && payload.t === type
        ? (payload as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  /** A value derived from this key for a purpose (never the key itself). */
  derive(purpose: string): string {
    return this._mac(`derive:${purpose}`);
  }

  private _mac(text: string): string {
    return createHmac('sha256', this._key).update(text).digest('base64url');
  }
}
