import { createHash } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * State, Activity Profile and Agent Profile documents (Part Three, 2.3–2.6): opaque
 * contents with their type, ETag (SHA-1 of the content) and time of last change.
 */

/** `state`, `activity` (Activity Profile) or `agent` (Agent Profile). */
export type DocumentKind = 'state' | 'activity' | 'agent';

/** Where a document lives: its kind, its scope, its id (`''` where a kind has none). */
export interface IDocumentPlace {
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
  documentId: string;
}

export interface IDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: string;
}

export class DocumentStore {
  constructor(private readonly db: Kysely<IDatabase>) {}

  async get(place: IDocumentPlace): Promise<IDocument | null> {
    const row = await this.where(place).selectAll().executeTakeFirst();
    return row
      ? {
          contentType: row.content_type,
          content: Buffer.from(row.content, 'base64'),
          etag: row.etag,
          updated: row.updated
        }
      : null;
  }

  /** Write a document (made or replaced); its new ETag. */
  async put(
    place: IDocumentPlace,
    contentType: string,
    content: Buffer,
    now: string
  ): Promise<string> {
    const etag = createHash('sha1').update(content).digest('hex');
    const values = {
      content_type: contentType,
      content: content.toString('base64'),
      etag,
      updated: now
    };
    await this.db
      .insertInto('lrs_documents')
      .values({
        kind: place.kind,
        activity_id: place.activityId,
        agent_key: place.agentKey,
        registration: place.registration,
        document_id: place.documentId,
        ...values
      })
      .onConflict(conflict =>
        conflict
          .columns([
            'kind',
            'activity_id',
            'agent_key',
            'registration',
            'document_id'
          ])
          .doUpdateSet(values)
      )
      .execute();
    return etag;
  }

  /** The ids of the documents of a scope changed after `since` (all without it). */
  async list(
    place: Omit<IDocumentPlace, 'documentId'>,
    since?: string
  ): Promise<string[]> {
    const rows = await this.scope(place)
      .select('document_id')
      .$if(since !== undefined, qb => qb.where('updated', '>', since!))
      .orderBy('document_id')
      .execute();
    return rows.map(row => row.document_id);
  }

  async delete(place: IDocumentPlace): Promise<void> {
    await this.db
      .deleteFrom('lrs_documents')
      .where('kind', '=', place.kind)
      .where('activity_id', '=', place.activityId)
      .where('agent_key', '=', place.agentKey)
      .where('registration', '=', place.registration)
      .where('document_id', '=', place.documentId)
      .execute();
  }

  /** Delete every State document of an activity and agent (and registration, if given). */
  async deleteStates(
    activityId: string,
    agentKey: string,
    registration?: string
  ): Promise<void> {
    await this.db
      .deleteFrom('lrs_documents')
      .where('kind', '=', 'state')
      .where('activity_id', '=', activityId)
      .where('agent_key', '=', agentKey)
      .$if(registration !== undefined, qb =>
        qb.where('registration', '=', registration!)
      )
      .execute();
  }

  private where(place: IDocumentPlace) {
    return this.scope(place).where('document_id', '=', place.documentId);
  }

  private scope(place: Omit<IDocumentPlace, 'documentId'>) {
    return this.db
      .selectFrom('lrs_documents')
      .where('kind', '=', place.kind)
      .where('activity_id', '=', place.activityId)
      .where('agent_key', '=', place.agentKey)
      .where('registration', '=', place.registration);
  }
}
