import { DomainError, trans } from '../errors';
import { OWN_MEANS, Right, Scope, scopesOf } from './scopes';

/**
 * The caller as the policy sees it.
 */
export interface IPrincipal {
  id: string;
  roles: readonly string[];
}

/**
 * The object a right is asked on, if any.
 */
export interface ITarget {
  classId?: string;
  /** The user who owns the object (a server): « own » means the caller themself. */
  userId?: string;
  /** An assignment: « own » means its owner or one of its learners. */
  assignmentId?: string;
}

/**
 * How the policy learns the caller's membership in a class, without reading the
 * classes module's tables itself (ClassService.membership provides it).
 */
export type MembershipLookup = (
  classId: string,
  userId: string
) => Promise<'teacher' | 'learner' | null>;

/**
 * How the policy learns whether the caller owns an assignment or is one of its
 * learners (AssignmentStore.relation provides it).
 */
export type AssignmentRelationLookup = (
  assignmentId: string,
  userId: string
) => Promise<'owner' | 'learner' | null>;

/**
 * How far a right reaches for a caller: every object, or only their own.
 */
export type Reach = 'all' | 'own';

/**
 * Every right of the hub is decided here, in two steps:
 *
 * 1. role → scopes, as data ({@link ROLE_SCOPES}): `classes:write` on every class,
 *    `classes:write:own` on the classes one belongs to;
 * 2. for an `:own` scope, the object-level check: the caller's membership in the class
 *    must be one that {@link OWN_MEANS} accepts (a teacher edits only the classes they
 *    teach, a learner reads only the classes they are enrolled in).
 *
 * Routes call {@link Policy.require} once, before doing anything (routes that list
 * objects call {@link Policy.requireReach} and filter by its answer). A refusal is a 403
 * with a French message, the same whether the object exists or not, so that rights do
 * not reveal which classes exist.
 */
export class Policy {
  constructor(
    private readonly _membership: MembershipLookup,
    private readonly _assignmentRelation: AssignmentRelationLookup = async () =>
      null
  ) {}

  /**
   * How far `right` reaches for this caller, or null if not at all.
   */
  reach(principal: IPrincipal, right: Right): Reach | null {
    const scopes = scopesOf(principal.roles);
    if (scopes.has(right)) {
      return 'all';
    }
    return scopes.has(`${right}:own` as Scope) ? 'own' : null;
  }

  /**
   * Whether the caller holds `right`, on `target` when given.
   */
  async allows(
    principal: IPrincipal,
    right: Right,
    target: ITarget = {}
  ): Promise<boolean> {
    const reach = this.reach(principal, right);
    if (reach !== 'own') {
      return reach === 'all';
    }
    if (target.userId !== undefined) {
      return target.userId === principal.id;
    }
    if (target.assignmentId !== undefined) {
      const relation = await this._assignmentRelation(
        target.assignmentId,
        principal.id
      );
      return relation !== null && (OWN_MEANS[right] ?? []).includes(relation);
    }
    if (target.classId === undefined) {
      // An `:own` scope says nothing without an object: a route that lists objects
      // asks `requireReach` and filters by it.
      return false;
    }
    const membership = await this._membership(target.classId, principal.id);
    return membership !== null && (OWN_MEANS[right] ?? []).includes(membership);
  }

  /**
   * Throw a 403 unless the caller holds `right` (on `target` when given). A right held
   * only on one's own objects (`:own`) needs the target: without it, 403.
   *
   * @throws {DomainError} 403 `forbidden`.
   */
  async require(
    principal: IPrincipal,
    right: Right,
    target: ITarget = {}
  ): Promise<Reach> {
    if (!(await this.allows(principal, right, target))) {
      throw Private.forbidden();
    }
    return this.reach(principal, right) as Reach;
  }

  /**
   * For routes that list objects: how far `right` reaches for the caller (`all`, or
   * `own` and the route lists only the caller's objects), or a 403.
   *
   * @throws {DomainError} 403 `forbidden`.
   */
  requireReach(principal: IPrincipal, right: Right): Reach {
    const reach = this.reach(principal, right);
    if (!reach) {
      throw Private.forbidden();
    }
    return reach;
  }
}

namespace Private {
  export function forbidden(): DomainError {
    return new DomainError(
      'forbidden',
      trans.__('You do not have the rights needed for this action.')
    );
  }
}
