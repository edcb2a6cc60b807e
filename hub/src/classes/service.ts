import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { HttpError } from '../http/errors';
import type { Policy } from '../policy';
import { hasControlCharacters } from '../util/text';
import {
  ClassStore,
  IClassRecord,
  IEstablishmentRecord,
  Membership
} from './store';

export type { Membership } from './store';

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

  constructor(
    db: Kysely<IDatabase>,
    private readonly _now: () => Date = () => new Date()
  ) {
    this._store = new ClassStore(db);
  }

  /**
   * Create a class.
   *
   * @throws {HttpError} 400 for a bad name or level, 404 for an unknown establishment.
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
      throw new HttpError(
        404,
        'unknown_establishment',
        'Établissement inconnu.'
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
   * @throws {HttpError} as {@link create}; 403 `forbidden_establishment`.
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
        throw new HttpError(
          403,
          'forbidden_establishment',
          'Vous ne pouvez créer une classe que dans un établissement où vous enseignez.'
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
   * @throws {HttpError} 404 `unknown_class`.
   */
  async getOr404(id: string): Promise<IClass> {
    const klass = await this._store.findById(id);
    if (!klass) {
      throw new HttpError(404, 'unknown_class', 'Classe inconnue.');
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
   * Rename a class or change its level.
   *
   * @throws {HttpError} 400 for a bad name or level, 404 for an unknown class.
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
   * @throws {HttpError} 400 `invalid_membership`; 403 `forbidden_membership`.
   */
  async enrol(
    caller: IClassCaller,
    classId: string,
    user: IMemberCandidate,
    membership: Membership
  ): Promise<boolean> {
    Private.checkRoles(user, membership);
    if (membership === 'teacher' && !caller.seesEveryone) {
      throw new HttpError(
        403,
        'forbidden_membership',
        'Seul un administrateur peut ajouter un enseignant à une classe.'
      );
    }
    return this.addMember(classId, user, membership);
  }

  /**
   * Take a user out of a class on a caller's behalf: a teacher only by a caller who
   * sees every account, like {@link enrol}.
   *
   * @throws {HttpError} 403 `forbidden_membership`, 404 `not_a_member`.
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
      throw new HttpError(
        403,
        'forbidden_membership',
        'Seul un administrateur peut retirer un enseignant d’une classe.'
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
   * @throws {HttpError} 400 `invalid_membership`.
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
   * @throws {HttpError} 404 `not_a_member`.
   */
  async removeMember(classId: string, userId: string): Promise<void> {
    if (!(await this._store.deleteMember(classId, userId))) {
      throw new HttpError(
        404,
        'not_a_member',
        'Cet utilisateur n’est pas membre de la classe.'
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
   * @throws {HttpError} 400 for a bad name or UAI code.
   */
  async createEstablishment(options: {
    name: string;
    uai?: string | null;
    sourceId?: string | null;
  }): Promise<IEstablishment> {
    const name = options.name.trim();
    if (!name || name.length > 200 || hasControlCharacters(name)) {
      throw new HttpError(
        400,
        'invalid_establishment_name',
        'Nom d’établissement invalide.'
      );
    }
    const uai = options.uai?.trim().toUpperCase() || null;
    if (uai !== null && !UAI_PATTERN.test(uai)) {
      throw new HttpError(
        400,
        'invalid_uai',
        'Code UAI invalide : sept chiffres et une lettre.'
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

/**
 * The UAI code of a French establishment: seven digits and a letter.
 */
export const UAI_PATTERN = /^[0-9]{7}[A-Z]$/;

/**
 * The longest class name.
 */
export const CLASS_NAME_MAX = 100;

/**
 * The longest level.
 */
export const CLASS_LEVEL_MAX = 50;

/**
 * What is wrong with a class name (French, for the form), or null if it is fine.
 */
export function classNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (!name) {
    return 'Indiquez le nom de la classe.';
  }
  if (name.length > CLASS_NAME_MAX) {
    return `Le nom de la classe compte ${CLASS_NAME_MAX} caractères au plus (il en compte ${name.length}).`;
  }
  if (hasControlCharacters(name)) {
    return Private.CONTROL_CHARACTERS('Le nom de la classe');
  }
  return null;
}

/**
 * What is wrong with a level (French, for the form), or null if it is fine; empty
 * means no level.
 */
export function classLevelProblem(raw: string | null): string | null {
  const level = raw?.trim() ?? '';
  if (level.length > CLASS_LEVEL_MAX) {
    return `Le niveau compte ${CLASS_LEVEL_MAX} caractères au plus (il en compte ${level.length}).`;
  }
  if (hasControlCharacters(level)) {
    return Private.CONTROL_CHARACTERS('Le niveau');
  }
  return null;
}

namespace Private {
  /**
   * @throws {HttpError} 400 `invalid_membership` unless the user's roles fit the
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
      throw new HttpError(
        400,
        'invalid_membership',
        'Seul un compte enseignant peut enseigner dans une classe.'
      );
    }
    if (membership === 'learner' && !user.roles.includes('learner')) {
      throw new HttpError(
        400,
        'invalid_membership',
        'Seul un compte élève peut être inscrit comme élève dans une classe.'
      );
    }
  }

  export const CONTROL_CHARACTERS = (what: string) =>
    `${what} ne peut contenir ni tabulation, ni retour à la ligne, ni autre caractère de contrôle.`;

  export function checkName(raw: string): string {
    const problem = classNameProblem(raw);
    if (problem) {
      throw new HttpError(400, 'invalid_class_name', problem);
    }
    return raw.trim();
  }

  export function checkLevel(raw: string | null): string | null {
    const problem = classLevelProblem(raw);
    if (problem) {
      throw new HttpError(400, 'invalid_level', problem);
    }
    return raw?.trim() || null;
  }
}
