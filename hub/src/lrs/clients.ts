import { createHash, createHmac, randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import { Kysely } from 'kysely';
import * as path from 'path';

import { sameSecret } from '../auth/middleware';
import { IDatabase } from '../db/schema';
import { agentKey, checkActor } from './agents';
import { Json } from './checks';
import { DomainError, trans } from '../errors';

/**
 * The LRS's clients: HTTP Basic credentials (a key and a random secret, of which the
 * database keeps only the SHA-256: the secret has 256 bits, a slow hash would add
 * nothing but latency to every call) with a scope, and, for an emitter, the one actor
 * it may write statements and documents for.
 */

/** `read`: GET only; `write`: writes only (an emitter's); `all`: both. */
export type LrsScope = 'read' | 'write' | 'all';
export const LRS_SCOPES: readonly LrsScope[] = ['read', 'write', 'all'];

export interface ILrsClient {
  id: string;
  name: string;
  key: string;
  scope: LrsScope;
  /** The only actor the client may write for, or null (any actor). */
  actor: Json | null;
  actorKey: string | null;
  /** The user a per-user credential was made for (their consent applies), or null. */
  userId: string | null;
}

/**
 * How many emitter credentials one account holds at once: its open JupyterLab pages (a
 * group workspace's are its members'). A page that loses its credential asks again.
 */
export const LIVE_EMITTERS_PER_USER = 8;

/** A credential as given once to its holder. */
export interface ILrsCredential {
  key: string;
  secret: string;
  scope: LrsScope;
  actor: Json | null;
}

/** The key file of the pseudonyms, in the hub's secrets folder. */
export const PSEUDONYM_KEY_FILE = 'lrs-pseudonym.key';

export class LrsClients {
  constructor(
    private readonly db: Kysely<IDatabase>,
    private readonly pseudonymKey: Buffer,
    /** The `homePage` of pseudonymous accounts: the hub's address. */
    private readonly homePage: string,
    private readonly clock: () => Date
  ) {}

  /** Read the pseudonyms' HMAC key from `secretsDir`, or make it the first time. */
  static loadPseudonymKey(secretsDir: string): Buffer {
    fs.mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    const file = path.join(secretsDir, PSEUDONYM_KEY_FILE);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
    const key = randomBytes(32);
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }

  /**
   * A user's pseudonymous actor: an account on the hub named by an HMAC of their id.
   * The same user always gets the same actor; nobody without the hub's key can tell
   * whose it is.
   */
  pseudonym(userId: string): Json {
    const name = createHmac('sha256', this.pseudonymKey)
      .update(userId)
      .digest('hex')
      .slice(0, 32);
    return { objectType: 'Agent', account: { homePage: this.homePage, name } };
  }

  /** Make a client; its secret is answered once and never kept. */
  async create(options: {
    name: string;
    scope: LrsScope;
    actor?: Json | null;
    userId?: string;
  }): Promise<ILrsCredential> {
    if (!LRS_SCOPES.includes(options.scope)) {
      throw new DomainError(
        'invalid_request',
        trans.__('Unknown scope: read, write or all.')
      );
    }
    if (!options.name.trim() || options.name.length > 200) {
      throw new DomainError(
        'invalid_request',
        trans.__("The client's name is required (200 characters at most).")
      );
    }
    const actor = options.actor ? checkActor(options.actor, 'actor') : null;
    const key = randomBytes(12).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('lrs_clients')
      .values({
        id: randomUUID(),
        name: options.name.trim(),
        key,
        secret_hash: Private.hash(secret),
        scope: options.scope,
        actor: actor ? JSON.stringify(actor) : null,
        actor_key: actor ? agentKey(actor) : null,
        user_id: options.userId ?? null,
        created_at: this.clock().toISOString(),
        revoked_at: null
      })
      .execute();
    return { key, secret, scope: options.scope, actor };
  }

  /**
   * A fresh write-only credential for a user's own pseudonymous actor (their
   * JupyterLab's emitter). Each JupyterLab page asks for its own: a person with two
   * tabs, or the members of a group workspace (one account), hold several at once, so
   * only those beyond the most recent `LIVE_EMITTERS_PER_USER` are revoked; revoking
   * every earlier one made open pages take each other's credential in turn.
   */
  async forUser(userId: string): Promise<ILrsCredential> {
    const live = await this.db
      .selectFrom('lrs_clients')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const older = live.slice(LIVE_EMITTERS_PER_USER - 1).map(row => row.id);
    if (older.length > 0) {
      await this.db
        .updateTable('lrs_clients')
        .set({ revoked_at: this.clock().toISOString() })
        .where('id', 'in', older)
        .execute();
    }
    return this.create({
      name: 'candyce-emitter',
      scope: 'write',
      actor: this.pseudonym(userId),
      userId
    });
  }

  /** Revoke a client by key; whether one was revoked. */
  async revoke(key: string): Promise<boolean> {
    const result = await this.db
      .updateTable('lrs_clients')
      .set({ revoked_at: this.clock().toISOString() })
      .where('key', '=', key)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The client of an `Authorization: Basic` header, or null. */
  async authenticate(header: string | undefined): Promise<ILrsClient | null> {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) {
      return null;
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    const row = await this.db
      .selectFrom('lrs_clients')
      .selectAll()
      .where('key', '=', decoded.slice(0, colon))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (
      !row ||
      !sameSecret(Private.hash(decoded.slice(colon + 1)), row.secret_hash)
    ) {
      return null;
    }
    return {
      id: row.id,
      name: row.name,
      key: row.key,
      scope: row.scope as LrsScope,
      actor: row.actor ? (JSON.parse(row.actor) as Json) : null,
      actorKey: row.actor_key,
      userId: row.user_id
    };
  }

  /** The authority the LRS writes on a client's statements. */
  authority(client: ILrsClient): Json {
    return {
      objectType: 'Agent',
      name: client.name,
      account: { homePage: this.homePage, name: client.key }
    };
  }
}

namespace Private {
  export function hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }
}
