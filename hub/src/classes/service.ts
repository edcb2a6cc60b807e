import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import type { Policy } from '../policy';
import { hasControlCharacters } from '../util/text';
import { UAI_PATTERN, classLevelIssue, classNameIssue } from './classFields';
import { ClassSchoolMode } from './schoolMode';
import {
  ClassStore,
  IClassRecord,
  IEstablishmentRecord,
  Membership
} from './store';

export type { Membership } from './store';
export {
  CLASS_LEVEL_MAX,
  CLASS_NAME_MAX,
  UAI_PATTERN,
  classLevelIssue,
  classNameIssue
} from './classFields';

/**
 * A class (« classe »): a group of learners and their teachers, possibly in an
 * establishment.
 */
export interface IClass {
  id: string;
  name: string;
  level: string | null;
  establishmentId: string | null;
}

/**
 * An establishment (« établissement »).
 */
export type IEstablishment = IEstablishmentRecord;

/**
 * The user a membership is about: the classes module needs only their id and roles.
 */
export interface IMemberCandidate {
  id: string;
  roles: readonly string[];
}

/**
 * Who asks for a change to a class, with what the policy lets them reach beyond the
 * classes they teach: the class pages, the API and the import all pass one, so that
 * they are refused alike (see {@link classCaller}).
 */
export interface IClassCaller extends IMemberCandidate {
  /**
   * Whether the caller sees every account (`users:read` on all: admins): they may
   * then choose teachers, and enrol any learner of the platform.
   */
  seesEveryone: boolean;
  /**
   * Whether the caller manages every class (`classes:write` on all: admins): they may
   * then create a class in any establishment.
   */
  managesEvery: boolean;
}

/**
 * The caller of a class action, as the policy sees them.
 */
export function classCaller(
  policy: Pick<Policy, 'reach'>,
  user: IMemberCandidate
): IClassCaller {
  return {
    id: user.id,
    roles: user.roles,
    seesEveryone: policy.reach(user, 'users:read') === 'all',
    managesEvery: policy.reach(user, 'classes:write') === 'all'
  };
}

/**
 * Classes, memberships and establishments (tables `classes`, `class_members`,
 * `establishments`). Names and levels are checked here; whether a caller may act on a
 * class at all is the policy's job (hub/src/policy), checked by the routes before
 * calling; who they may enrol, and where they may create a class, is checked here
 * ({@link ClassService.enrol}, {@link ClassService.createAs}), whichever way in.
 */
export class ClassService {
  private readonly _store: ClassStore;
  /** The classes' school mode (issue 18). */
  readonly schoolMode: ClassSchoolMode;

  constructor(
    db: Kysely<IDatabase>,
    private readonly _now: () => Date = () => new Date()
  ) {
    this._store = new ClassStore(db);
    this.schoolMode = new ClassSchoolMode(db, _now);
  }

  /**
   * Create a class.
   *
   * @throws {DomainError} 400 for a bad name or level, 404 for an unknown establishment.
   */
  async create(options: {
    name: string;
    level?: string | null;
    establishmentId?: string | null;
    sourceId?: string | null;
  }): Promise<IClass> {
    const establishmentId = options.establishmentId ?? null;
    if (
      establishmentId !== null &&
      !(await this._store.findEstablishment(establishmentId))
    ) {
      throw new DomainError(
        'unknown_establishment',
        trans.__('Unknown school.')
      );
    }
    const klass = {
      id: randomUUID(),
      name: Private.checkName(options.name),
      level: Private.checkLevel(options.level ?? null),
      establishmentId
    };
    await this._store.insert(
      { ...klass, sourceId: options.sourceId ?? null },
      this._now().toISOString()
    );
    return klass;
  }

  /**
   * Create a class for a user: a teacher who creates a class teaches it (an admin who
   * is not a teacher does not). Unless they manage every class, only in an
   * establishment of a class they teach: the class's establishment decides which
   * learners its teachers may find.
   *
   * @throws {DomainError} as {@link create}; 403 `forbidden_establishment`.
   */
  async createAs(
    creator: IClassCaller,
    options: {
      name: string;
      level?: string | null;
      establishmentId?: string | null;
    }
  ): Promise<IClass> {
    if (options.establishmentId && !creator.managesEvery) {
      const own = (await this._store.forUser(creator.id)).filter(
        klass =>
          klass.membership === 'teacher' &&
          klass.establishmentId === options.establishmentId
      );
      if (!own.length) {
        throw new DomainError(
          'forbidden_establishment',
          trans.__('You can only create a class in a school where you teach.')
        );
      }
    }
    const klass = await this.create(options);
    if (creator.roles.includes('teacher')) {
      await this.addMember(klass.id, creator, 'teacher');
    }
    return klass;
  }

  /**
   * A class, or null.
   */
  get(id: string): Promise<IClass | null> {
    return this._store.findById(id);
  }

  /**
   * A class, or a 404.
   *
   * @throws {DomainError} 404 `unknown_class`.
   */
  async getOr404(id: string): Promise<IClass> {
    const klass = await this._store.findById(id);
    if (!klass) {
      throw new DomainError('unknown_class', trans.__('Unknown class.'));
    }
    return klass;
  }

  /**
   * The class imported with this OneRoster `sourcedId`, or null.
   */
  getBySourceId(sourceId: string): Promise<IClass | null> {
    return this._store.findBySourceId(sourceId);
  }

  /**
   * Every class, by name.
   */
  all(): Promise<IClassRecord[]> {
    return this._store.all();
  }

  /**
   * Every class, by name, with how many teachers and learners it has.
   */
  async allWithCounts(): Promise<
    (IClassRecord & { teachers: number; learners: number })[]
  > {
    const [list, counts] = await Promise.all([
      this._store.all(),
      this._store.memberCounts()
    ]);
    return list.map(klass => ({
      ...klass,
      ...(counts.get(klass.id) ?? { teachers: 0, learners: 0 })
    }));
  }

  /**
   * The classes a user belongs to, with their membership.
   */
  forUser(userId: string): Promise<(IClass & { membership: Membership })[]> {
    return this._store.forUser(userId);
  }

  /**
   * The classes of each of these users (dashboards' figures over many users).
   */
  forUsers(
    userIds: readonly string[]
  ): Promise<Map<string, (IClass & { membership: Membership })[]>> {
    return this._store.forUsers(userIds);
  }

  /**
   * Rename a class or change its level.
   *
   * @throws {DomainError} 400 for a bad name or level, 404 for an unknown class.
   */
  async update(
    id: string,
    changes: { name?: string; level?: string | null }
  ): Promise<IClass> {
    await this.getOr404(id);
    const checked: { name?: string; level?: string | null } = {};
    if (changes.name !== undefined) {
      checked.name = Private.checkName(changes.name);
    }
    if (changes.level !== undefined) {
      checked.level = Private.checkLevel(changes.level);
    }
    if (Object.keys(checked).length) {
      await this._store.update(id, checked);
    }
    return this.getOr404(id);
  }

  /**
   * A user's membership in a class, or null.
   */
  membership(classId: string, userId: string): Promise<Membership | null> {
    return this._store.membership(classId, userId);
  }

  /**
   * The members of a class (user ids and memberships).
   */
  members(
    classId: string
  ): Promise<{ userId: string; membership: Membership }[]> {
    return this._store.members(classId);
  }

  /**
   * Enrol a user in a class, or change their membership, on a caller's behalf: the
   * one way in for the class pages, the API and the OneRoster import. Teachers are
   * chosen only by a caller who sees every account (the pages list every teacher to
   * choose from); learners must hold the learner role, and are found by a teacher
   * among the learners of their establishment and classes or by exact identifier
   * (hub/src/classes/candidates.ts), which the API's user name is. The caller's right
   * to change the class (`classes:write`) is checked before, by the way in.
   *
   * @returns whether the user was not a member before.
   * @throws {DomainError} 400 `invalid_membership`; 403 `forbidden_membership`.
   */
  async enrol(
    caller: IClassCaller,
    classId: string,
    user: IMemberCandidate,
    membership: Membership
  ): Promise<boolean> {
    Private.checkRoles(user, membership);
    if (membership === 'teacher' && !caller.seesEveryone) {
      throw new DomainError(
        'forbidden_membership',
        trans.__('Only an administrator can add a teacher to a class.')
      );
    }
    return this.addMember(classId, user, membership);
  }

  /**
   * Take a user out of a class on a caller's behalf: a teacher only by a caller who
   * sees every account, like {@link enrol}.
   *
   * @throws {DomainError} 403 `forbidden_membership`, 404 `not_a_member`.
   */
  async unenrol(
    caller: IClassCaller,
    classId: string,
    userId: string
  ): Promise<void> {
    if (
      !caller.seesEveryone &&
      (await this._store.membership(classId, userId)) === 'teacher'
    ) {
      throw new DomainError(
        'forbidden_membership',
        trans.__('Only an administrator can remove a teacher from a class.')
      );
    }
    await this.removeMember(classId, userId);
  }

  /**
   * Add a user to a class, or change their membership, with no caller to check (the
   * hub's own writes: a class's creator, pupils made with class codes, demo data).
   * Only a user with the teacher (or admin) role may teach a class, and only one with
   * the learner role may be enrolled as a learner.
   *
   * @returns whether the user was not a member before.
   * @throws {DomainError} 400 `invalid_membership`.
   */
  async addMember(
    classId: string,
    user: IMemberCandidate | string,
    membership: Membership
  ): Promise<boolean> {
    const userId = typeof user === 'string' ? user : user.id;
    if (typeof user !== 'string') {
      Private.checkRoles(user, membership);
    }
    const before = await this._store.membership(classId, userId);
    await this._store.upsertMember(classId, userId, membership);
    return before === null;
  }

  /**
   * Remove a user from a class.
   *
   * @throws {DomainError} 404 `not_a_member`.
   */
  async removeMember(classId: string, userId: string): Promise<void> {
    if (!(await this._store.deleteMember(classId, userId))) {
      throw new DomainError(
        'not_a_member',
        trans.__('This user is not a member of the class.')
      );
    }
  }

  /**
   * The learners one may enrol in a class, short of seeing every account: those of the
   * classes of the class's establishment, and those of the classes `teacherId` teaches.
   * User ids; whether each still has the learner role is the users module's to say.
   */
  async learnerIdsNear(
    klass: IClass,
    teacherId: string | null
  ): Promise<string[]> {
    return this._store.learnerIdsNear({
      establishmentId: klass.establishmentId,
      teacherId
    });
  }

  /**
   * Every establishment, by name.
   */
  establishments(): Promise<IEstablishment[]> {
    return this._store.allEstablishments();
  }

  /**
   * An establishment, or null.
   */
  getEstablishment(id: string): Promise<IEstablishment | null> {
    return this._store.findEstablishment(id);
  }

  /**
   * Create an establishment.
   *
   * @throws {DomainError} 400 for a bad name or UAI code.
   */
  async createEstablishment(options: {
    name: string;
    uai?: string | null;
    sourceId?: string | null;
  }): Promise<IEstablishment> {
    const name = options.name.trim();
    if (!name || name.length > 200 || hasControlCharacters(name)) {
      throw new DomainError(
        'invalid_establishment_name',
        trans.__('Invalid school name.')
      );
    }
    const uai = options.uai?.trim().toUpperCase() || null;
    if (uai !== null && !UAI_PATTERN.test(uai)) {
      throw new DomainError(
        'invalid_uai',
        trans.__('Invalid UAI code: seven digits and a letter.')
      );
    }
    const establishment = { id: randomUUID(), name, uai };
    await this._store.insertEstablishment(
      { ...establishment, sourceId: options.sourceId ?? null },
      this._now().toISOString()
    );
    return establishment;
  }

  /**
   * The establishment imported with this OneRoster `sourcedId`, or null.
   */
  getEstablishmentBySourceId(sourceId: string): Promise<IEstablishment | null> {
    return this._store.findEstablishmentBySourceId(sourceId);
  }
}

namespace Private {
  /**
   * @throws {DomainError} 400 `invalid_membership` unless the user's roles fit the
   * membership: teacher or admin to teach, learner to be enrolled as a learner.
   */
  export function checkRoles(
    user: IMemberCandidate,
    membership: Membership
  ): void {
    if (
      membership === 'teacher' &&
      !user.roles.some(role => role === 'teacher' || role === 'admin')
    ) {
      throw new DomainError(
        'invalid_membership',
        trans.__('Only a teacher account can teach in a class.')
      );
    }
    if (membership === 'learner' && !user.roles.includes('learner')) {
      throw new DomainError(
        'invalid_membership',
        trans.__('Only a pupil account can be enrolled as a pupil in a class.')
      );
    }
  }

  export function checkName(raw: string): string {
    const problem = classNameIssue(raw);
    if (problem) {
      throw new DomainError('invalid_class_name', problem);
    }
    return raw.trim();
  }

  export function checkLevel(raw: string | null): string | null {
    const problem = classLevelIssue(raw);
    if (problem) {
      throw new DomainError('invalid_level', problem);
    }
    return raw?.trim() || null;
  }
}
