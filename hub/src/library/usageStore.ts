import { Kysely, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { updatePopularity } from './resourceCounters';

/** Library resources of one (discipline, level) pair and their reuses. */
export interface ILibraryFigure {
  discipline: string | null;
  level: string | null;
  resources: number;
  reuses: number;
}

/**
 * The SQL of uses (`library_events`) and of the candidate queries recommendations draw
 * on: co-usage, resources tagged with a profile's values, the most popular.
 */
export class UsageStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * Record a use (`open`, `assign`) and count it on the resource.
   */
  async recordUse(
    resourceId: string,
    userId: string,
    kind: 'open' | 'assign',
    at: string
  ): Promise<void> {
    await this._db.transaction().execute(async trx => {
      await trx
        .insertInto('library_events')
        .values({ user_id: userId, resource_id: resourceId, kind, at })
        .execute();
      await trx
        .updateTable('library_resources')
        .set(eb => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', resourceId)
        .execute();
      await updatePopularity(trx, resourceId);
    });
  }

  /**
   * The programme's figures of the library: resources by (discipline, level) of their
   * current version (one resource counts under each pair it is tagged with; null for
   * none), and their reuses (copies opened and handed out) between two times.
   */
  async figures(since: string, before: string): Promise<ILibraryFigure[]> {
    const tagged = await this._tagged(null);
    const uses = await this._reuses(since, before, null);
    return Private.byDisciplineAndLevel(tagged, uses);
  }

  /**
   * An establishment's figures of the library: the resources these users (its
   * teachers) reused between two times, by (discipline, level) of their current
   * version, and how many times they reused them (copies opened, handed out).
   */
  async figuresOfUsers(
    userIds: readonly string[],
    since: string,
    before: string
  ): Promise<ILibraryFigure[]> {
    if (!userIds.length) {
      return [];
    }
    const uses = await this._reuses(since, before, userIds);
    if (!uses.length) {
      return [];
    }
    const tagged = await this._tagged(uses.map(row => row.resource_id));
    return Private.byDisciplineAndLevel(tagged, uses);
  }

  /** Reuses (copies opened, handed out) per resource between two times, by these users or all. */
  private _reuses(
    since: string,
    before: string,
    userIds: readonly string[] | null
  ) {
    let query = this._db
      .selectFrom('library_events')
      .select(['resource_id', eb => eb.fn.countAll<number>().as('n')])
      .where('kind', 'in', ['open', 'assign'])
      .where('at', '>=', since)
      .where('at', '<', before);
    if (userIds) {
      query = query.where('user_id', 'in', [...userIds]);
    }
    return query.groupBy('resource_id').execute();
  }

  /** Resources (these, or all) with their discipline and level tags, one row a pair. */
  private _tagged(resourceIds: readonly string[] | null) {
    let query = this._db
      .selectFrom('library_resources as r')
      .leftJoin('library_tags as d', join =>
        join.onRef('d.resource_id', '=', 'r.id').on('d.kind', '=', 'discipline')
      )
      .leftJoin('library_tags as l', join =>
        join.onRef('l.resource_id', '=', 'r.id').on('l.kind', '=', 'level')
      )
      .select(['r.id', 'd.value as discipline', 'l.value as level']);
    if (resourceIds) {
      query = query.where('r.id', 'in', [...resourceIds]);
    }
    return query.execute();
  }

  /**
   * The resources a user used or published, most recent first (ids, once each).
   */
  async usedBy(userId: string, limit = 200): Promise<string[]> {
    const rows = await this._db
      .selectFrom('library_events')
      .select(['resource_id'])
      .select(eb => eb.fn.max('at').as('last'))
      .where('user_id', '=', userId)
      .groupBy('resource_id')
      .orderBy('last', 'desc')
      .limit(limit)
      .execute();
    return rows.map(row => row.resource_id);
  }

  /**
   * Co-usage: for the resources `used`, the other resources that the same users used,
   * with how many of those users did (the caller excluded), and the one of the
   * caller's resources most of them used (`via`, with `viaUsers` of them: the number a
   * sentence may say of it).
   */
  async usedAlongside(
    userId: string,
    used: readonly string[],
    limit = 200
  ): Promise<
    { resourceId: string; users: number; via: string; viaUsers: number }[]
  > {
    if (!used.length) {
      return [];
    }
    // `shared`: colleagues' uses of the caller's resources; `also`: their other uses.
    // Publishing is not using: an author's own versions do not link resources.
    const pairs = () =>
      this._db
        .selectFrom('library_events as shared')
        .innerJoin('library_events as also', 'also.user_id', 'shared.user_id')
        .where('shared.resource_id', 'in', used)
        .where('shared.user_id', '<>', userId)
        .where('shared.kind', '<>', 'publish')
        .where('also.resource_id', 'not in', used)
        .where('also.kind', '<>', 'publish');
    const rows = await pairs()
      .select([
        'also.resource_id as resourceId',
        eb => eb.fn.count<number>('also.user_id').distinct().as('users')
      ])
      .groupBy('also.resource_id')
      .orderBy('users', 'desc')
      .limit(limit)
      .execute();
    if (!rows.length) {
      return [];
    }
    const vias = await pairs()
      .select([
        'also.resource_id as resourceId',
        'shared.resource_id as via',
        eb => eb.fn.count<number>('also.user_id').distinct().as('users')
      ])
      .where(
        'also.resource_id',
        'in',
        rows.map(row => row.resourceId)
      )
      .groupBy(['also.resource_id', 'shared.resource_id'])
      .execute();
    const best = new Map<string, { via: string; users: number }>();
    for (const row of vias) {
      const users = Number(row.users);
      const known = best.get(row.resourceId);
      if (
        !known ||
        users > known.users ||
        (users === known.users && row.via < known.via)
      ) {
        best.set(row.resourceId, { via: row.via, users });
      }
    }
    return rows.map(row => ({
      resourceId: row.resourceId,
      users: Number(row.users),
      via: best.get(row.resourceId)!.via,
      viaUsers: best.get(row.resourceId)!.users
    }));
  }

  /**
   * Resources whose current version has one of these facet values (for profiles).
   */
  async taggedAny(
    tags: { kind: string; value: string }[],
    limit = 500
  ): Promise<string[]> {
    if (!tags.length) {
      return [];
    }
    const rows = await this._db
      .selectFrom('library_tags')
      .select('resource_id')
      .distinct()
      .where(eb =>
        eb.or(
          tags.map(tag =>
            eb.and([eb('kind', '=', tag.kind), eb('value', '=', tag.value)])
          )
        )
      )
      .limit(limit)
      .execute();
    return rows.map(row => row.resource_id);
  }

  /**
   * The most used and endorsed resources (the popularity baseline, and a fallback).
   */
  async popular(limit: number): Promise<string[]> {
    const rows = await this._db
      .selectFrom('library_resources')
      .select('id')
      .orderBy(
        sql`uses + 3 * peer_endorsements + 10 * inspection_endorsements`,
        'desc'
      )
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(row => row.id);
  }
}

namespace Private {
  /**
   * Resources by (discipline, level): one resource counts under each pair it is tagged
   * with (null for none), with the reuses `uses` counts of it.
   */
  export function byDisciplineAndLevel(
    tagged: readonly {
      id: string;
      discipline: string | null;
      level: string | null;
    }[],
    uses: readonly { resource_id: string; n: number | string | bigint }[]
  ): ILibraryFigure[] {
    const usesOf = new Map(uses.map(row => [row.resource_id, Number(row.n)]));
    const pairs = new Map<string, ILibraryFigure>();
    for (const row of tagged) {
      const key = `${row.discipline ?? ''}\n${row.level ?? ''}`;
      const pair = pairs.get(key) ?? {
        discipline: row.discipline,
        level: row.level,
        resources: 0,
        reuses: 0
      };
      pair.resources += 1;
      pair.reuses += usesOf.get(row.id) ?? 0;
      pairs.set(key, pair);
    }
    return [...pairs.values()];
  }
}
