import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';

/**
 * A group workspace as a learner of an assignment handed out « par groupe ».
 */
export interface IGroupLearner {
  /** The group workspace's id. */
  id: string;
  /** Its class, and that class's name. */
  classId: string;
  className: string;
  /** The group's account: fetches, submissions and feedback are recorded for it. */
  accountId: string;
  accountName: string;
  /** The group's name (« Binôme Léa et Hugo »). */
  name: string;
  members: { id: string; name: string; displayName: string }[];
}

/**
 * Assignments handed out to groups (migration 0028): in the classes chosen « par
 * groupe », each live group workspace of the class is one learner, standing for its
 * members; a member acts for her group only. Only queries and the rule of who acts
 * for whom; the rest of the assignments see the group's account as any learner.
 */
export class GroupLearners {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /** The classes an assignment is handed out to « par groupe ». */
  async classIds(assignmentId: string): Promise<string[]> {
    const rows = await this._db
      .selectFrom('assignment_group_classes')
      .select('class_id')
      .where('assignment_id', '=', assignmentId)
      .execute();
    return rows.map(row => row.class_id);
  }

  /** Hand an assignment out « par groupe » in these classes (and no others). */
  async setClassIds(
    assignmentId: string,
    classIds: readonly string[]
  ): Promise<void> {
    await this._db
      .deleteFrom('assignment_group_classes')
      .where('assignment_id', '=', assignmentId)
      .execute();
    if (classIds.length) {
      await this._db
        .insertInto('assignment_group_classes')
        .values(
          [...new Set(classIds)].map(class_id => ({
            assignment_id: assignmentId,
            class_id
          }))
        )
        .execute();
    }
  }

  /** The live groups of an assignment's group classes, with their members. */
  async groups(assignmentId: string): Promise<IGroupLearner[]> {
    const groups = await this._db
      .selectFrom('assignment_group_classes as a')
      .innerJoin('group_workspaces as g', 'g.class_id', 'a.class_id')
      .innerJoin('users as u', 'u.id', 'g.account_id')
      .innerJoin('classes as c', 'c.id', 'g.class_id')
      .select([
        'g.id',
        'g.name',
        'g.class_id',
        'c.name as class_name',
        'g.account_id',
        'u.name as account_name'
      ])
      .where('a.assignment_id', '=', assignmentId)
      .where('g.deleted_at', 'is', null)
      .execute();
    if (!groups.length) {
      return [];
    }
    const members = await this._db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'u.id', 'u.name', 'u.display_name'])
      .where(
        'm.group_id',
        'in',
        groups.map(group => group.id)
      )
      .execute();
    return groups.map(group => ({
      id: group.id,
      classId: group.class_id,
      className: group.class_name,
      accountId: group.account_id,
      accountName: group.account_name,
      name: group.name,
      members: members
        .filter(member => member.group_id === group.id)
        .map(member => ({
          id: member.id,
          name: member.name,
          displayName: member.display_name
        }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'))
    }));
  }

  /**
   * For whom a learner acts on an assignment: herself, or the group she is a member
   * of when her class has it « par groupe ». A group's account (calling from its
   * workspace) acts for its group: `learnerId` is then the caller's own id.
   *
   * @throws {DomainError} 403 `not_in_group` for a pupil of such a class in no group
   *   of it: she has nothing to hand in alone.
   */
  async actingFor(
    assignmentId: string,
    userId: string
  ): Promise<{ learnerId: string; group: IGroupLearner | null }> {
    const account = (await this.classIds(assignmentId)).length
      ? (await this.groups(assignmentId)).find(
          candidate => candidate.accountId === userId
        )
      : undefined;
    if (account) {
      return { learnerId: userId, group: account };
    }
    const groupClasses = await this._db
      .selectFrom('assignment_group_classes as a')
      .innerJoin('class_members as c', 'c.class_id', 'a.class_id')
      .select('a.class_id')
      .where('a.assignment_id', '=', assignmentId)
      .where('c.user_id', '=', userId)
      .where('c.membership', '=', 'learner')
      .execute();
    if (!groupClasses.length) {
      return { learnerId: userId, group: null };
    }
    const group = (await this.groups(assignmentId)).find(candidate =>
      candidate.members.some(member => member.id === userId)
    );
    if (!group) {
      throw new DomainError(
        'not_in_group',
        trans.__(
          'This assignment is handed out to groups, and you are in no group of your class. Ask your teacher to add you to one.'
        )
      );
    }
    return { learnerId: group.accountId, group };
  }

  /** The people behind learner ids: a group's account stands for its members. */
  async people(
    assignmentId: string,
    learnerIds: readonly string[]
  ): Promise<string[]> {
    const groups = new Map(
      (await this.groups(assignmentId)).map(group => [group.accountId, group])
    );
    return [
      ...new Set(
        learnerIds.flatMap(id =>
          groups.has(id)
            ? groups.get(id)!.members.map(member => member.id)
            : [id]
        )
      )
    ];
  }

  /** Record which member handed in a group's submission. */
  async recordSubmitter(submissionId: string, userId: string): Promise<void> {
    await this._db
      .insertInto('assignment_group_submitters')
      .values({ submission_id: submissionId, user_id: userId })
      .execute();
  }
}

/**
 * A group's files are fetched and handed in from its workspace only (as the group's
 * account): fetched from a member's own server they would land in her home, not in the
 * home the group shares, and a hand-in from there would not be the group's work.
 *
 * @throws {DomainError} 409 `group_assignment_elsewhere` when `callerId` acts through
 *   her group (a member on her own server or on the hub); nothing is recorded.
 */
export function requireGroupWorkspace(
  acting: { learnerId: string; group: IGroupLearner | null },
  callerId: string
): void {
  if (acting.group && acting.learnerId !== callerId) {
    throw new DomainError(
      'group_assignment_elsewhere',
      trans.__(
        'This assignment is done in the group workspace « %1 »: open it to get the files and hand in.',
        acting.group.name
      )
    );
  }
}
