import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { agentKey } from './agents';
import { isObject, Json } from './checks';
import { IStatementObserver } from './observer';
import { chunks, removeStatements } from './removal';

/**
 * A user's traces in the LRS, found by their pseudonymous actor: exported as one JSON
 * document, or erased leaving nothing behind (statements where the actor appears, the
 * statements that target those, attachments and activity definitions only they named,
 * State and Agent Profile documents, the credentials bound to the actor). An erasure is
 * recorded by its counts only (`lrs_erasures`): nothing says whose traces they were.
 */

/** A document of the export: text as text, anything else in base64. */
export interface IExportedDocument {
  kind: 'state' | 'agentProfile';
  activityId?: string;
  registration?: string;
  id: string;
  contentType: string;
  updated: string;
  content: string;
  encoding: 'utf8' | 'base64';
}

export interface ITraceExport {
  actor: Json;
  exportedAt: string;
  statements: (Json & { voided?: boolean })[];
  documents: IExportedDocument[];
}

export interface IErasure {
  statements: number;
  documents: number;
  attachments: number;
}

export class TraceService {
  constructor(
    private readonly db: Kysely<IDatabase>,
    private readonly clock: () => Date,
    private readonly observer: IStatementObserver | null = null
  ) {}

  /** Every statement and document of the actor, as JSON. */
  async export(actor: Json): Promise<ITraceExport> {
    const ids = await this.statementIds(this.db, actor, false);
    const statements: ITraceExport['statements'] = [];
    for (const chunk of chunks(ids, 200)) {
      const rows = await this.db
        .selectFrom('lrs_statements')
        .select(['body', 'voided', 'stored', 'id'])
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) {
        const body = JSON.parse(row.body) as Json;
        statements.push(row.voided ? { ...body, voided: true } : body);
      }
    }
    statements.sort((a, b) => String(a.stored).localeCompare(String(b.stored)));
    const rows = await this.db
      .selectFrom('lrs_documents')
      .selectAll()
      .where('agent_key', '=', agentKey(actor)!)
      .where('kind', 'in', ['state', 'agent'])
      .execute();
    const documents = rows.map((row): IExportedDocument => {
      const content = Buffer.from(row.content, 'base64');
      const text = /^(text\/|application\/(.*\+)?json)/.test(row.content_type);
      return {
        kind: row.kind === 'state' ? 'state' : 'agentProfile',
        ...(row.kind === 'state'
          ? { activityId: row.activity_id, registration: row.registration }
          : {}),
        id: row.document_id,
        contentType: row.content_type,
        updated: row.updated,
        content: text ? content.toString('utf8') : row.content,
        encoding: text ? 'utf8' : 'base64'
      };
    });
    return {
      actor,
      exportedAt: this.clock().toISOString(),
      statements,
      documents
    };
  }

  /**
   * Erase everything of the actor, in one transaction; the counts. `record` writes,
   * in that transaction, who asked (the audit log of an administrator's erasure).
   */
  async erase(
    actor: Json,
    record?: (trx: Kysely<IDatabase>, erasure: IErasure) => Promise<void>
  ): Promise<IErasure> {
    const key = agentKey(actor)!;
    return this.db.transaction().execute(async trx => {
      const ids = await this.statementIds(trx, actor, true);
      const removed = await removeStatements(trx, ids, this.observer);
      const documents = await trx
        .deleteFrom('lrs_documents')
        .where('agent_key', '=', key)
        .executeTakeFirst();
      await trx
        .deleteFrom('lrs_clients')
        .where('actor_key', '=', key)
        .execute();
      const erasure = {
        statements: removed.statements,
        documents: Number(documents.numDeletedRows),
        attachments: removed.attachments
      };
      await trx
        .insertInto('lrs_erasures')
        .values({
          id: randomUUID(),
          kind: 'erasure',
          at: this.clock().toISOString(),
          ...erasure
        })
        .execute();
      await record?.(trx, erasure);
      return erasure;
    });
  }

  /**
   * The statements of an actor: those the index finds them in (actor, object,
   * instructor, team, members, and through a StatementRef), with `everywhere` those
   * whose text names the pseudonym at all (an extension's value), then, until none is
   * added, the statements that target one of them.
   */
  private async statementIds(
    db: Kysely<IDatabase>,
    actor: Json,
    everywhere: boolean
  ): Promise<string[]> {
    const found = new Set<string>();
    const indexed = await db
      .selectFrom('lrs_statement_index')
      .select('statement_id')
      .where('kind', '=', 'agent')
      .where('value', '=', agentKey(actor)!)
      .execute();
    indexed.forEach(row => found.add(row.statement_id));
    const name = isObject(actor.account) ? String(actor.account.name) : '';
    if (everywhere && /^[0-9a-f]{16,}$/.test(name)) {
      const named = await db
        .selectFrom('lrs_statements')
        .select('id')
        .where('body', 'like', `%${name}%`)
        .execute();
      named.forEach(row => found.add(row.id));
    }
    // Statements targeting others (voiding, comments on a statement): few, read once.
    const referring = (
      await db
        .selectFrom('lrs_statements')
        .select(['id', 'body'])
        .where('body', 'like', '%StatementRef%')
        .execute()
    ).map(row => ({
      id: row.id,
      targets: statementRefs(JSON.parse(row.body))
    }));
    let added = true;
    while (added) {
      added = false;
      for (const { id, targets } of referring) {
        if (!found.has(id) && targets.some(target => found.has(target))) {
          found.add(id);
          added = true;
        }
      }
    }
    return [...found];
  }
}

/** The ids of the statements a statement targets (object or SubStatement's object). */
function statementRefs(statement: unknown): string[] {
  if (!isObject(statement) || !isObject(statement.object)) {
    return [];
  }
  const target = statement.object;
  if (target.objectType === 'StatementRef' && typeof target.id === 'string') {
    return [target.id.toLowerCase()];
  }
  return target.objectType === 'SubStatement' ? statementRefs(target) : [];
}
