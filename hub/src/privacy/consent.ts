import { Kysely } from 'kysely';

import { ClassService } from '../classes/service';
import { IDatabase } from '../db/schema';
import { isAdultLevel } from './levels';

/**
 * Who consents to optional learning traces (issue 20, point 2). Essential traces
 * (assignments) are always recorded; optional ones only when the effective consent
 * allows them:
 *
 * - a class policy, chosen by its teacher: `none` (« aucune trace facultative ») or
 *   `consent` (« avec l'accord de chacun »); a class without a choice has `none` when its
 *   level is of minors, `consent` otherwise;
 * - a learner is a minor when one of their classes is of minors (primary school,
 *   collège, lycée, or a level not recognised) or when they are in no class at all;
 * - a class with `none` refuses optional traces to all its learners, whatever they
 *   chose: an adult's own choice narrows the class policy, never widens it;
 * - otherwise a minor records optional traces only after saying yes (default no), and
 *   an adult unless they said no (default yes).
 */
export type TracePolicy = 'none' | 'consent';
export const TRACE_POLICIES: readonly TracePolicy[] = ['none', 'consent'];

/** Why the effective answer is what it is (the privacy page explains each). */
export type ConsentReason =
  | 'class_policy'
  | 'class_default'
  | 'minor_default'
  | 'adult_default'
  | 'own_choice';

export interface IEffectiveConsent {
  /** Whether optional traces are recorded. */
  optional: boolean;
  /** The user's own answer, or null if they never gave one. */
  choice: boolean | null;
  /** Whether the user counts as a minor. */
  minor: boolean;
  reason: ConsentReason;
}

export interface IClassPolicy {
  policy: TracePolicy;
  /** Whether it is the level's default (no teacher chose yet). */
  isDefault: boolean;
}

export class ConsentService {
  constructor(
    private readonly db: Kysely<IDatabase>,
    private readonly classes: ClassService,
    private readonly clock: () => Date
  ) {}

  /** The user's own answer, or null. */
  async choice(userId: string): Promise<boolean | null> {
    const row = await this.db
      .selectFrom('privacy_choices')
      .select('optional_traces')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? row.optional_traces === 1 : null;
  }

  /** Record the user's answer (saying it twice changes nothing). */
  async setChoice(userId: string, optional: boolean): Promise<void> {
    const row = {
      user_id: userId,
      optional_traces: optional ? 1 : 0,
      updated_at: this.clock().toISOString()
    };
    await this.db
      .insertInto('privacy_choices')
      .values(row)
      .onConflict(conflict =>
        conflict.column('user_id').doUpdateSet({
          optional_traces: row.optional_traces,
          updated_at: row.updated_at
        })
      )
      .execute();
  }

  /** A class's policy; `level` decides the default. */
  async classPolicy(
    classId: string,
    level: string | null
  ): Promise<IClassPolicy> {
    const row = await this.db
      .selectFrom('class_trace_policies')
      .select('policy')
      .where('class_id', '=', classId)
      .executeTakeFirst();
    if (row) {
      return { policy: row.policy as TracePolicy, isDefault: false };
    }
    return {
      policy: isAdultLevel(level) ? 'consent' : 'none',
      isDefault: true
    };
  }

  /** Set a class's policy (whether the caller may is the route's policy check). */
  async setClassPolicy(classId: string, policy: TracePolicy): Promise<void> {
    const row = {
      class_id: classId,
      policy,
      updated_at: this.clock().toISOString()
    };
    await this.db
      .insertInto('class_trace_policies')
      .values(row)
      .onConflict(conflict =>
        conflict
          .column('class_id')
          .doUpdateSet({ policy, updated_at: row.updated_at })
      )
      .execute();
  }

  /** What applies to the user now (see the class comment). */
  async effective(
    userId: string,
    roles: readonly string[]
  ): Promise<IEffectiveConsent> {
    const choice = await this.choice(userId);
    const learning = (await this.classes.forUser(userId)).filter(
      klass => klass.membership === 'learner'
    );
    const minor =
      learning.some(klass => !isAdultLevel(klass.level)) ||
      (!learning.length && roles.includes('learner'));
    let refusal: ConsentReason | null = null;
    for (const klass of learning) {
      const { policy, isDefault } = await this.classPolicy(
        klass.id,
        klass.level
      );
      if (policy === 'none' && refusal !== 'class_policy') {
        // A teacher's own choice says more than the default of a level.
        refusal = isDefault ? 'class_default' : 'class_policy';
      }
    }
    if (refusal) {
      return { optional: false, choice, minor, reason: refusal };
    }
    if (choice !== null) {
      return { optional: choice, choice, minor, reason: 'own_choice' };
    }
    return minor
      ? { optional: false, choice, minor, reason: 'minor_default' }
      : { optional: true, choice, minor, reason: 'adult_default' };
  }
}
