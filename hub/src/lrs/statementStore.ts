import { Kysely, sql } from 'kysely';

import { isPostgres, isUniqueViolation } from '../db/portable';
import { IDatabase } from '../db/schema';
import { mergeDefinitions } from './activity';
import { Json } from './checks';
import { GroupCommit } from './groupCommit';
import { IStatementObserver } from './observer';
import { IIndexRow, indexRows } from './shape';
import { VOIDED_VERB } from './statement';
import { DomainError, trans } from '../errors';

/**
 * The statements of the LRS: stored atomically by batch, never changed but for
 * `voided`, found by the filters of Part Three, 2.1.3.
 */

/** A query, its filters already checked and normalised. */
export interface IStatementQuery {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  /** Stored strictly after (ISO, UTC). */
  since?: string;
  /** Stored at or before (ISO, UTC). */
  until?: string;
  limit: number;
  ascending: boolean;
  /** Continue after this statement (`more`). */
  after?: { stored: string; id: string };
}

export class StatementStore {
  constructor(
    private readonly db: Kysely<IDatabase>,
    /** Told of what starts and stops counting, in the same transaction. */
    private readonly observer: IStatementObserver | null = null
  ) {
    // SQLite: one writer at a time and a disk flush per commit, so writes share
    // commits. PostgreSQL writes concurrently, each request in its own transaction.
    this.group = isPostgres(db) ? null : new GroupCommit(db);
  }

  private readonly group: GroupCommit<IDatabase> | null;

  /**
   * Store a batch in one transaction. A statement whose id is already stored with the
   * same content is skipped; with another content, 409 and nothing is stored.
   */
  async insert(
    batch: readonly Json[],
    clientId: string,
    attachments: ReadonlyMap<string, { contentType: string; content: Buffer }>,
    definitions: ReadonlyMap<string, Json> = new Map()
  ): Promise<void> {
    try {
      await this.insertOnce(batch, clientId, attachments, definitions);
    } catch (error) {
      // Another client stored one of these ids meanwhile: look again, once (the same
      // content is then skipped, another is a 409).
      if (!isUniqueViolation(error)) {
        throw error;
      }
      await this.insertOnce(batch, clientId, attachments, definitions);
    }
  }

  private async insertOnce(
    batch: readonly Json[],
    clientId: string,
    attachments: ReadonlyMap<string, { contentType: string; content: Buffer }>,
    definitions: ReadonlyMap<string, Json>
  ): Promise<void> {
    const write = async (trx: Kysely<IDatabase>) => {
      const ids = batch.map(statement => statement.id as string);
      const existing = ids.length
        ? await trx
            .selectFrom('lrs_statements')
            .select(['id', 'body'])
            .where('id', 'in', ids)
            .execute()
        : [];
      const known = new Map(existing.map(row => [row.id, row.body]));
      const fresh = batch.filter(statement => {
        const body = known.get(statement.id as string);
        if (body === undefined) {
          return true;
        }
        if (!Private.sameStatement(JSON.parse(body), statement)) {
          throw new DomainError(
            'statement_conflict',
            trans.__(
              'Statement %1 is already stored with another content.',
              String(statement.id)
            )
          );
        }
        return false;
      });
      await this.insertFresh(trx, fresh, clientId);
      for (const [sha2, { contentType, content }] of attachments) {
        await trx
          .insertInto('lrs_attachments')
          .values({
            sha2,
            content_type: contentType,
            content: content.toString('base64')
          })
          .onConflict(conflict => conflict.column('sha2').doNothing())
          .execute();
      }
      await Private.saveActivities(
        trx,
        definitions,
        String(batch[0]?.stored ?? '')
      );
    };
    await (this.group
      ? this.group.run(write)
      : this.db.transaction().execute(write));
  }

  /**
   * Insert new statements with a few multi-row inserts (a batch of 100 is a handful
   * of queries, not hundreds), then void what the voiding ones target.
   */
  private async insertFresh(
    trx: Kysely<IDatabase>,
    fresh: readonly Json[],
    clientId: string
  ): Promise<void> {
    const rowsById = new Map<string, IIndexRow[]>();
    const voidings: [string, string][] = [];
    for (const statement of fresh) {
      const id = statement.id as string;
      const target = statement.object as Json;
      const rows = indexRows(statement);
      if (target.objectType === 'StatementRef') {
        // Filters match a statement through the one it targets (Part Three, 2.1.3).
        const targetId = target.id as string;
        const inherited =
          rowsById.get(targetId) ??
          ((await trx
            .selectFrom('lrs_statement_index')
            .select(['kind', 'value', 'related'])
            .where('statement_id', '=', targetId)
            .execute()) as IIndexRow[]);
        for (const row of inherited) {
          if (
            !rows.some(own => own.kind === row.kind && own.value === row.value)
          ) {
            rows.push(row);
          }
        }
        if ((statement.verb as Json).id === VOIDED_VERB) {
          voidings.push([id, targetId]);
        }
      }
      rowsById.set(id, rows);
    }
    for (const chunk of Private.chunks(fresh, 100)) {
      await trx
        .insertInto('lrs_statements')
        .values(
          chunk.map(statement => ({
            id: statement.id as string,
            stored: statement.stored as string,
            voiding_target:
              voidings.find(([id]) => id === statement.id)?.[1] ?? null,
            client_id: clientId,
            body: JSON.stringify(statement)
          }))
        )
        .execute();
    }
    const indexRowsToInsert = fresh.flatMap(statement =>
      rowsById.get(statement.id as string)!.map(row => ({
        statement_id: statement.id as string,
        stored: statement.stored as string,
        ...row
      }))
    );
    for (const chunk of Private.chunks(indexRowsToInsert, 150)) {
      await trx.insertInto('lrs_statement_index').values(chunk).execute();
    }
    await this.observer?.added(trx, fresh);
    for (const [id, targetId] of voidings) {
      const target = await trx
        .selectFrom('lrs_statements')
        .select(['voiding_target', 'voided', 'body'])
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (target && target.voiding_target !== null) {
        throw new DomainError(
          'invalid_statement',
          trans.__('A voiding statement cannot void another voiding statement.')
        );
      }
      await trx
        .updateTable('lrs_statements')
        .set({ voided: 1 })
        .where('id', '=', targetId)
        .where('id', '!=', id)
        .execute();
      if (target && !target.voided && targetId !== id) {
        await this.observer?.removed(trx, [JSON.parse(target.body) as Json]);
      }
    }
  }

  /** One statement by id, voided (`voided` true) or not; null if unknown. */
  async get(id: string, voided: boolean): Promise<Json | null> {
    const row = await this.db
      .selectFrom('lrs_statements')
      .select('body')
      .where('id', '=', id.toLowerCase())
      .where('voided', '=', voided ? 1 : 0)
      .executeTakeFirst();
    return row ? (JSON.parse(row.body) as Json) : null;
  }

  /**
   * One page of statements, newest first unless ascending; `limit + 1` are read to
   * know whether another page follows.
   *
   * Without a filter the page is read from `lrs_statements_order` (voided, stored, id).
   * With filters, the most selective one (registration, agent, activity, verb) drives
   * the query from `lrs_statement_index_lookup` (kind, value, stored, statement_id),
   * already in time order: only that value's rows are read, however many statements
   * are stored; the other filters are checked on them.
   */
  async query(query: IStatementQuery): Promise<{
    statements: Json[];
    more: { stored: string; id: string } | null;
  }> {
    const direction = query.ascending ? 'asc' : 'desc';
    const filters = Private.filters(query);
    const [driving, ...others] = filters;
    const op = query.ascending ? '>' : '<';
    let rows: { id: string; stored: string; body: string }[];
    if (driving) {
      let select = this.db
        .selectFrom('lrs_statement_index as i')
        .innerJoin('lrs_statements as s', 's.id', 'i.statement_id')
        .select(['s.id', 's.stored', 's.body'])
        .where('i.kind', '=', driving.kind)
        .where('i.value', '=', driving.value)
        .$if(!driving.broad, qb => qb.where('i.related', '=', 0))
        .where('s.voided', '=', 0);
      for (const filter of others) {
        select = select.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('lrs_statement_index as f')
              .select(sql.lit(1).as('one'))
              .whereRef('f.statement_id', '=', 'i.statement_id')
              .where('f.kind', '=', filter.kind)
              .where('f.value', '=', filter.value)
              .$if(!filter.broad, qb => qb.where('f.related', '=', 0))
          )
        );
      }
      if (query.since !== undefined) {
        select = select.where('i.stored', '>', query.since);
      }
      if (query.until !== undefined) {
        select = select.where('i.stored', '<=', query.until);
      }
      if (query.after) {
        const { stored, id } = query.after;
        select = select.where(({ or, and, eb }) =>
          or([
            eb('i.stored', op, stored),
            and([eb('i.stored', '=', stored), eb('i.statement_id', op, id)])
          ])
        );
      }
      rows = await select
        .orderBy('i.stored', direction)
        .orderBy('i.statement_id', direction)
        .limit(query.limit + 1)
        .execute();
    } else {
      let select = this.db
        .selectFrom('lrs_statements as s')
        .select(['s.id', 's.stored', 's.body'])
        .where('s.voided', '=', 0);
      if (query.since !== undefined) {
        select = select.where('s.stored', '>', query.since);
      }
      if (query.until !== undefined) {
        select = select.where('s.stored', '<=', query.until);
      }
      if (query.after) {
        const { stored, id } = query.after;
        select = select.where(({ or, and, eb }) =>
          or([
            eb('s.stored', op, stored),
            and([eb('s.stored', '=', stored), eb('s.id', op, id)])
          ])
        );
      }
      rows = await select
        .orderBy('s.stored', direction)
        .orderBy('s.id', direction)
        .limit(query.limit + 1)
        .execute();
    }
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      statements: page.map(row => JSON.parse(row.body) as Json),
      more:
        rows.length > query.limit && last
          ? { stored: last.stored, id: last.id }
          : null
    };
  }

  /** Attachment contents by SHA-2. */
  async attachments(
    hashes: readonly string[]
  ): Promise<Map<string, { contentType: string; content: Buffer }>> {
    const found = new Map<string, { contentType: string; content: Buffer }>();
    if (!hashes.length) {
      return found;
    }
    const rows = await this.db
      .selectFrom('lrs_attachments')
      .selectAll()
      .where('sha2', 'in', [...new Set(hashes)])
      .execute();
    for (const row of rows) {
      found.set(row.sha2, {
        contentType: row.content_type,
        content: Buffer.from(row.content, 'base64')
      });
    }
    return found;
  }

  /** The activity's latest definition, or null if no statement named it. */
  async activity(id: string): Promise<Json | null> {
    const row = await this.db
      .selectFrom('lrs_activities')
      .select('definition')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.definition) as Json) : null;
  }
}

namespace Private {
  /** The query's filters, the most selective first. */
  export function filters(
    query: IStatementQuery
  ): { kind: string; value: string; broad: boolean }[] {
    const all: [string, string | undefined, boolean][] = [
      ['registration', query.registration, false],
      ['agent', query.agent, query.relatedAgents],
      ['activity', query.activity, query.relatedActivities],
      ['verb', query.verb, false]
    ];
    return all
      .filter(([, value]) => value !== undefined)
      .map(([kind, value, broad]) => ({ kind, value: value!, broad }));
  }

  /**
   * Keep each activity's definition, merged with the stored one (the Activities
   * resource; see `mergeDefinitions`).
   */
  export async function saveActivities(
    trx: Kysely<IDatabase>,
    definitions: ReadonlyMap<string, Json>,
    now: string
  ): Promise<void> {
    const stored = new Map<string, Json>();
    for (const ids of chunks([...definitions.keys()], 200)) {
      const found = await trx
        .selectFrom('lrs_activities')
        .select(['id', 'definition'])
        .where('id', 'in', ids)
        .execute();
      found.forEach(row => stored.set(row.id, JSON.parse(row.definition)));
    }
    const rows = [...definitions].map(([id, definition]) => {
      const older = stored.get(id);
      return {
        id,
        definition: JSON.stringify(
          older ? mergeDefinitions(older, definition) : definition
        ),
        updated_at: now
      };
    });
    for (const chunk of chunks(rows, 200)) {
      await trx
        .insertInto('lrs_activities')
        .values(chunk)
        .onConflict(conflict =>
          conflict.column('id').doUpdateSet(eb => ({
            definition: eb.ref('excluded.definition'),
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
        .execute();
    }
  }

  export function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let at = 0; at < items.length; at += size) {
      out.push(items.slice(at, at + size));
    }
    return out;
  }

  /** Statements are the same when they differ only by what the LRS sets. */
  export function sameStatement(stored: Json, sent: Json): boolean {
    return canonical(strip(stored)) === canonical(strip(sent));
  }

  function strip(statement: Json): Json {
    const {
      authority: _a,
      stored: _s,
      version: _v,
      timestamp: _t,
      ...rest
    } = statement;
    return rest;
  }

  function canonical(value: unknown): string {
    if (Array.isArray(value)) {
      return `[${value.map(canonical).join(',')}]`;
    }
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0
      );
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  }
}
