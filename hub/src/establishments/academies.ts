import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import { hasControlCharacters } from '../util/text';

/** The longest academy name (« Clermont-Ferrand », « Aix-Marseille »…). */
const ACADEMY_MAX = 80;

/**
 * The academy an establishment belongs to (`establishments.academy`, migration 0027):
 * read and set by the administration (`PATCH /admin/establishments/:id`) and by roster
 * imports, through the same check.
 */
export class EstablishmentAcademies {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * An establishment's academy (null: none yet).
   *
   * @throws {DomainError} 404 `unknown_establishment`.
   */
  async of(establishmentId: string): Promise<string | null> {
    const row = await this._db
      .selectFrom('establishments')
      .select('academy')
      .where('id', '=', establishmentId)
      .executeTakeFirst();
    if (!row) {
      throw unknownEstablishment();
    }
    return row.academy;
  }

  /**
   * Set (or clear, with null) the academy of an establishment.
   *
   * @throws {DomainError} 400 `invalid_academy`; 404 `unknown_establishment`.
   */
  async set(establishmentId: string, academy: string | null): Promise<void> {
    const value = academy === null ? null : academyName(academy);
    const result = await this._db
      .updateTable('establishments')
      .set({ academy: value })
      .where('id', '=', establishmentId)
      .executeTakeFirst();
    if (!Number(result.numUpdatedRows)) {
      throw unknownEstablishment();
    }
  }
}

/**
 * An academy's name as stored: trimmed, inner spaces made single.
 *
 * @throws {DomainError} 400 `invalid_academy` for an empty or odd name.
 */
export function academyName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name || name.length > ACADEMY_MAX || hasControlCharacters(name)) {
    throw new DomainError('invalid_academy', trans.__('Invalid academy name.'));
  }
  return name;
}

/** The refusal of an establishment nobody has. */
export function unknownEstablishment(): DomainError {
  return new DomainError('unknown_establishment', trans.__('Unknown school.'));
}
