import { Kysely } from 'kysely';

import { compareText } from '../db/portable';
import { IDatabase } from '../db/schema';
import { GroupLearners } from './groupLearners';
import type { IAssignmentRow } from './rows';

/**
 * A learner of an assignment: enrolled in one of its classes, or joined by code.
 */
export interface ILearnerRow {
  id: string;
  name: string;
  displayName: string;
  fetchedAt: string | null;
  lastActivityAt: string | null;
  /** For a group handed the assignment « par groupe »: its members. */
  members?: { name: string; displayName: string }[];
}

/**
 * Who an assignment is given to (migration 0008): the learners of its classes and
 * those who joined by code, with their dealings (`assignment_learners`). Only queries;
 * {@link AssignmentStore} is the way in.
 */
export class LearnerStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * Whether a user is a learner of an assignment: joined, enrolled as a learner in one
   * of its classes, or the account of a group workspace it is handed out to.
   */
  async isLearner(assignmentId: string, userId: string): Promise<boolean> {
    const joined = await this._db
      .selectFrom('assignment_learners')
      .select('user_id')
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (joined) {
      return true;
    }
    const enrolled = await this._db
      .selectFrom('assignment_classes')
      .innerJoin(
        'class_members',
        'class_members.class_id',
        'assignment_classes.class_id'
      )
      .select('class_members.user_id')
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .where('class_members.user_id', '=', userId)
      .where('class_members.membership', '=', 'learner')
      .executeTakeFirst();
    if (enrolled) {
      return true;
    }
    // A live group workspace of a class that has the assignment « par groupe ».
    const group = await this._db
      .selectFrom('assignment_group_classes as a')
      .innerJoin('group_workspaces as g', 'g.class_id', 'a.class_id')
      .select('g.account_id')
      .where('a.assignment_id', '=', assignmentId)
      .where('g.account_id', '=', userId)
      .where('g.deleted_at', 'is', null)
      .executeTakeFirst();
    return !!group;
  }

  /**
   * The assignments given to a learner (by class, by code, or to the group workspace
   * whose account it is), newest first.
   */
  async givenTo(userId: string): Promise<IAssignmentRow[]> {
    return this._db
      .selectFrom('assignments')
      .selectAll()
      .where(eb =>
        eb.or([
          eb(
            'id',
            'in',
            eb
              .selectFrom('assignment_learners')
              .select('assignment_id')
              .where('user_id', '=', userId)
          ),
          eb(
            'id',
            'in',
            eb
              .selectFrom('assignment_classes')
              .innerJoin(
                'class_members',
                'class_members.class_id',
                'assignment_classes.class_id'
              )
              .select('assignment_classes.assignment_id')
              .where('class_members.user_id', '=', userId)
              .where('class_members.membership', '=', 'learner')
          ),
          eb(
            'id',
            'in',
            eb
              .selectFrom('assignment_group_classes as a')
              .innerJoin('group_workspaces as g', 'g.class_id', 'a.class_id')
              .select('a.assignment_id')
              .where('g.account_id', '=', userId)
              .where('g.deleted_at', 'is', null)
          )
        ])
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Every learner of an assignment, in French alphabetical order of their names. */
  async learners(assignmentId: string): Promise<ILearnerRow[]> {
    const enrolled = await this._db
      .selectFrom('assignment_classes')
      .innerJoin(
        'class_members',
        'class_members.class_id',
        'assignment_classes.class_id'
      )
      .innerJoin('users', 'users.id', 'class_members.user_id')
      .select([
        'users.id',
        'users.name',
        'users.display_name',
        'class_members.class_id'
      ])
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .where('class_members.membership', '=', 'learner')
      .execute();
    // In classes handed out « par groupe », the groups are the learners.
    const groups = new GroupLearners(this._db);
    const groupClasses = new Set(await groups.classIds(assignmentId));
    const alone = new Set(
      enrolled
        .filter(user => !groupClasses.has(user.class_id))
        .map(user => user.id)
    );
    const dealings = await this._db
      .selectFrom('assignment_learners')
      .innerJoin('users', 'users.id', 'assignment_learners.user_id')
      .select([
        'users.id',
        'users.name',
        'users.display_name',
        'assignment_learners.fetched_at',
        'assignment_learners.last_activity_at'
      ])
      .where('assignment_learners.assignment_id', '=', assignmentId)
      .execute();
    const byId = new Map<string, ILearnerRow>();
    for (const group of await groups.groups(assignmentId)) {
      byId.set(group.accountId, {
        id: group.accountId,
        name: group.accountName,
        displayName: group.name,
        fetchedAt: null,
        lastActivityAt: null,
        members: group.members.map(({ name, displayName }) => ({
          name,
          displayName
        }))
      });
    }
    for (const user of enrolled.filter(user => alone.has(user.id))) {
      byId.set(user.id, {
        id: user.id,
        name: user.name,
        displayName: user.display_name,
        fetchedAt: null,
        lastActivityAt: null
      });
    }
    for (const user of dealings) {
      const known = byId.get(user.id);
      // A pupil of a class « par groupe » is a learner through her group only.
      if (!known && enrolled.some(row => row.id === user.id)) {
        continue;
      }
      byId.set(user.id, {
        ...known,
        id: user.id,
        name: user.name,
        displayName: known?.displayName ?? user.display_name,
        fetchedAt: user.fetched_at,
        lastActivityAt: user.last_activity_at
      });
    }
    return [...byId.values()].sort(
      (a, b) =>
        compareText(a.displayName, b.displayName) || compareText(a.name, b.name)
    );
  }

  /**
   * The learners enrolled in an assignment's classes, each with the name of a class
   * of theirs it was given to (the news of a new assignment names it).
   */
  async classLearners(assignmentId: string): Promise<Map<string, string>> {
    const rows = await this._db
      .selectFrom('assignment_classes')
      .innerJoin(
        'class_members',
        'class_members.class_id',
        'assignment_classes.class_id'
      )
      .innerJoin('classes', 'classes.id', 'assignment_classes.class_id')
      .select(['class_members.user_id', 'classes.name'])
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .where('class_members.membership', '=', 'learner')
      .orderBy('classes.name')
      .execute();
    const byLearner = new Map<string, string>();
    for (const row of rows) {
      if (!byLearner.has(row.user_id)) {
        byLearner.set(row.user_id, row.name);
      }
    }
    return byLearner;
  }

  /** A learner's dealings with an assignment, if any. */
  async dealings(
    assignmentId: string,
    userId: string
  ): Promise<{ fetchedAt: string | null; lastActivityAt: string } | null> {
    const row = await this._db
      .selectFrom('assignment_learners')
      .select(['fetched_at', 'last_activity_at'])
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? { fetchedAt: row.fetched_at, lastActivityAt: row.last_activity_at }
      : null;
  }

  /**
   * Record a learner's activity: joining by code, fetching, or submitting.
   */
  async touch(
    assignmentId: string,
    userId: string,
    at: string,
    what: 'join' | 'fetch' | 'submit'
  ): Promise<void> {
    await this._db
      .insertInto('assignment_learners')
      .values({
        assignment_id: assignmentId,
        user_id: userId,
        joined_by_code: what === 'join' ? 1 : 0,
        fetched_at: what === 'fetch' ? at : null,
        last_activity_at: at
      })
      .onConflict(oc =>
        oc.columns(['assignment_id', 'user_id']).doUpdateSet(eb => ({
          last_activity_at: at,
          fetched_at:
            what === 'fetch' ? at : eb.ref('assignment_learners.fetched_at')
        }))
      )
      .execute();
  }
}
