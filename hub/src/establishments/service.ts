import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { AuditLog } from '../audit';
import { compareText, isUniqueViolation } from '../db/portable';
import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import {
  academyName,
  EstablishmentAcademies,
  unknownEstablishment
} from './academies';
import { attachUser, establishmentsOfUser } from './membership';
import {
  administeredScope,
  IAdministeredScope,
  IAdministeredScopeUser
} from './scope';

/**
 * An establishment with its academy, for the administration's lists.
 */
export interface IEstablishmentEntry {
  id: string;
  name: string;
  uai: string | null;
  academy: string | null;
}

/**
 * A grant of the administration of one establishment or of one academy.
 */
export interface IAdministratorGrant {
  id: string;
  userId: string;
  /** Set for an establishment's administrator… */
  establishmentId: string | null;
  /** … or for an academy's (exactly one of the two). */
  academy: string | null;
  grantedAt: string;
}

/**
 * Establishments as the administration sees them: their academies, who administers
 * which (table `administrators`), and which establishments a user belongs to. Granting
 * and revoking are global administrators' actions (the routes ask
 * `administrators:write`); each is written to the audit log in its own transaction.
 */
export class EstablishmentAdministration {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _audit: AuditLog,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /** What `user` administers (see {@link administeredScope}). */
  administered(
    user: IAdministeredScopeUser
  ): Promise<IAdministeredScope | null> {
    return administeredScope(this._db, user);
  }

  /** Attach a user to an establishment directly (nothing if already attached). */
  async attach(userId: string, establishmentId: string): Promise<void> {
    await attachUser(
      this._db,
      userId,
      establishmentId,
      this._now().toISOString()
    );
  }

  /** The establishments a user belongs to. */
  establishmentsOf(userId: string): Promise<string[]> {
    return establishmentsOfUser(this._db, userId);
  }

  /**
   * Establishments by name: every one (`ids` null), or those of `ids`.
   */
  async list(ids: readonly string[] | null): Promise<IEstablishmentEntry[]> {
    if (ids !== null && !ids.length) {
      return [];
    }
    let query = this._db
      .selectFrom('establishments')
      .select(['id', 'name', 'uai', 'academy']);
    if (ids !== null) {
      query = query.where('id', 'in', [...ids]);
    }
    const rows = await query.execute();
    return rows.sort(
      (a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)
    );
  }

  /**
   * Set (or clear, with null) the academy of an establishment.
   *
   * @throws {DomainError} 400 `invalid_academy`; 404 `unknown_establishment`.
   */
  async setAcademy(establishmentId: string, academy: string | null) {
    await new EstablishmentAcademies(this._db).set(establishmentId, academy);
  }

  /** Every grant, of one user when given, oldest first. */
  async grants(userId?: string): Promise<IAdministratorGrant[]> {
    let query = this._db.selectFrom('administrators').selectAll();
    if (userId !== undefined) {
      query = query.where('user_id', '=', userId);
    }
    const rows = await query.orderBy('granted_at').orderBy('id').execute();
    return rows.map(row => ({
      id: row.id,
      userId: row.user_id,
      establishmentId: row.establishment_id,
      academy: row.academy,
      grantedAt: row.granted_at
    }));
  }

  /**
   * Make `userId` the administrator of one establishment or of one academy (an
   * academy with at least one establishment), and record it.
   *
   * @throws {DomainError} 400 `invalid_academy`, `invalid_request` (both or neither);
   *   404 `unknown_establishment`, `unknown_academy`; 409 `administrator_exists`.
   */
  async grant(
    actorId: string,
    userId: string,
    scope: { establishmentId?: string; academy?: string }
  ): Promise<IAdministratorGrant> {
    if (
      (scope.establishmentId === undefined) ===
      (scope.academy === undefined)
    ) {
      throw new DomainError(
        'invalid_request',
        trans.__('Give either an establishment or an academy.')
      );
    }
    const academy =
      scope.academy === undefined ? null : academyName(scope.academy);
    const establishmentId = scope.establishmentId ?? null;
    await this._checkScopeExists(establishmentId, academy);
    const grant: IAdministratorGrant = {
      id: randomUUID(),
      userId,
      establishmentId,
      academy,
      grantedAt: this._now().toISOString()
    };
    try {
      await this._db.transaction().execute(async trx => {
        await trx
          .insertInto('administrators')
          .values({
            id: grant.id,
            user_id: userId,
            establishment_id: establishmentId,
            academy,
            granted_by: actorId,
            granted_at: grant.grantedAt
          })
          .execute();
        await this._audit.on(trx).record({
          actorId,
          action: 'administrator.grant',
          targetId: userId,
          details: Private.details(grant)
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          'administrator_exists',
          trans.__('This user already administers it.')
        );
      }
      throw error;
    }
    return grant;
  }

  /**
   * Withdraw a grant, and record it.
   *
   * @throws {DomainError} 404 `unknown_administrator_grant`.
   */
  async revoke(actorId: string, grantId: string): Promise<void> {
    await this._db.transaction().execute(async trx => {
      const row = await trx
        .selectFrom('administrators')
        .selectAll()
        .where('id', '=', grantId)
        .executeTakeFirst();
      if (!row) {
        throw new DomainError(
          'unknown_administrator_grant',
          trans.__('This administrator grant does not exist.')
        );
      }
      await trx
        .deleteFrom('administrators')
        .where('id', '=', grantId)
        .execute();
      await this._audit.on(trx).record({
        actorId,
        action: 'administrator.revoke',
        targetId: row.user_id,
        details: Private.details({
          establishmentId: row.establishment_id,
          academy: row.academy
        })
      });
    });
  }

  private async _checkScopeExists(
    establishmentId: string | null,
    academy: string | null
  ): Promise<void> {
    let query = this._db.selectFrom('establishments').select('id');
    query =
      establishmentId !== null
        ? query.where('id', '=', establishmentId)
        : query.where('academy', '=', academy);
    if (await query.limit(1).executeTakeFirst()) {
      return;
    }
    throw establishmentId !== null
      ? unknownEstablishment()
      : new DomainError(
          'unknown_academy',
          trans.__('No establishment belongs to the academy « %1 ».', academy!)
        );
  }
}

namespace Private {
  export function details(grant: {
    establishmentId: string | null;
    academy: string | null;
  }) {
    return grant.establishmentId !== null
      ? { establishmentId: grant.establishmentId }
      : { academy: grant.academy! };
  }
}
