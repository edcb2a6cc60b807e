import { Kysely } from 'kysely';
import { z } from 'zod';

import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';

/**
 * A user's dashboard choices (« paramétrables »): per kind of dashboard, the period,
 * the class followed and, in it, one group workspace or none (`class` only), the establishment (`establishment` only) and the
 * parts shown. Stored as one JSON document
 * per user (migration 0024), replaced as a whole.
 */
export const DASHBOARD_INDICATORS = {
  me: ['activity', 'assignments', 'feedback'],
  class: ['pupils', 'groupWork', 'frequentErrors', 'handIns', 'activity'],
  programme: [
    'weeklyUsers',
    'establishments',
    'collaboration',
    'library',
    'accessibility'
  ],
  establishment: ['weeklyUsers', 'classes', 'collaboration', 'library']
} as const;

export type DashboardKind = keyof typeof DASHBOARD_INDICATORS;

export interface IDashboardChoice {
  period: 'week' | 'month' | 'term' | 'year';
  classId?: string;
  /** A group workspace of `classId` (`class` only); absent: the whole class. */
  groupId?: string;
  establishmentId?: string;
  indicators: string[];
}

export interface IDashboardPreferences {
  dashboards: Partial<Record<DashboardKind, IDashboardChoice>>;
}

export class DashboardPreferences {
  constructor(
    private readonly db: Kysely<IDatabase>,
    private readonly clock: () => Date
  ) {}

  async get(userId: string): Promise<IDashboardPreferences> {
    const row = await this.db
      .selectFrom('dashboard_preferences')
      .select('preferences')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? (JSON.parse(row.preferences) as IDashboardPreferences)
      : { dashboards: {} };
  }

  /**
   * Check and save a user's choices; `mayFollow` says whether they may see a class's
   * dashboard (a class they cannot is refused, as an unknown one), `mayAdminister`
   * whether they may see an establishment's, `hasGroup` whether a group workspace is a
   * live one of a class.
   *
   * @throws {DomainError} 400 `invalid_dashboard_preferences`, and nothing is saved.
   */
  async set(
    userId: string,
    body: unknown,
    mayFollow: (classId: string) => Promise<boolean>,
    mayAdminister: (establishmentId: string) => Promise<boolean> = async () =>
      false,
    hasGroup: (
      classId: string,
      groupId: string
    ) => Promise<boolean> = async () => false
  ): Promise<IDashboardPreferences> {
    const parsed = Private.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError(
        'invalid_dashboard_preferences',
        trans.__(
          'Invalid dashboard choice: « %1 ».',
          issue.path.join('.') || 'dashboards'
        )
      );
    }
    const preferences = parsed.data as IDashboardPreferences;
    const classId = preferences.dashboards.class?.classId;
    if (classId !== undefined && !(await mayFollow(classId))) {
      throw new DomainError(
        'invalid_dashboard_preferences',
        trans.__('You do not follow the class « %1 ».', classId)
      );
    }
    const groupId = preferences.dashboards.class?.groupId;
    if (
      groupId !== undefined &&
      (classId === undefined || !(await hasGroup(classId, groupId)))
    ) {
      throw new DomainError(
        'invalid_dashboard_preferences',
        trans.__('The group « %1 » is not one of this class’s.', groupId)
      );
    }
    const establishmentId =
      preferences.dashboards.establishment?.establishmentId;
    if (
      establishmentId !== undefined &&
      !(await mayAdminister(establishmentId))
    ) {
      throw new DomainError(
        'invalid_dashboard_preferences',
        trans.__(
          'You do not administer the establishment « %1 ».',
          establishmentId
        )
      );
    }
    const row = {
      user_id: userId,
      preferences: JSON.stringify(preferences),
      updated_at: this.clock().toISOString()
    };
    await this.db
      .insertInto('dashboard_preferences')
      .values(row)
      .onConflict(conflict =>
        conflict.column('user_id').doUpdateSet({
          preferences: row.preferences,
          updated_at: row.updated_at
        })
      )
      .execute();
    return preferences;
  }
}

namespace Private {
  const period = z.enum(['week', 'month', 'term', 'year']);

  function choice<K extends DashboardKind>(
    kind: K,
    chosen: 'classId' | 'establishmentId' | null
  ) {
    const indicators = z
      .array(
        z.enum(DASHBOARD_INDICATORS[kind] as unknown as [string, ...string[]])
      )
      .max(20)
      .refine(items => new Set(items).size === items.length, {
        message: 'indicators must not repeat'
      });
    return chosen
      ? z.strictObject({
          period,
          [chosen]: z.string().min(1).max(100).optional(),
          ...(kind === 'class'
            ? { groupId: z.string().min(1).max(100).optional() }
            : {}),
          indicators
        })
      : z.strictObject({ period, indicators });
  }

  export const schema = z.strictObject({
    dashboards: z.strictObject({
      me: choice('me', null).optional(),
      class: choice('class', 'classId').optional(),
      programme: choice('programme', null).optional(),
      establishment: choice('establishment', 'establishmentId').optional()
    })
  });
}
