import { DomainError, trans } from '../errors';
import type { IAdministeredScope } from '../establishments/scope';
import {
  ADMINISTRATOR_SCOPES,
  GROUP_WORKSPACE_SCOPES,
  OWN_MEANS,
  Right,
  Scope,
  scopesOf
} from './scopes';

/**
 * The caller as the policy sees it.
 */
export interface IPrincipal {
  id: string;
  roles: readonly string[];
  /** A group workspace's account on its origin: {@link GROUP_WORKSPACE_SCOPES}. */
  groupWorkspace?: true;
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
  /**
   * An establishment (a user created in it): « establishment » means one the caller
   * administers. Without it, for `userId`, one of that user's establishments.
   */
  establishmentId?: string;
}

/**
 * How the policy learns which establishments a caller administers and which a user
 * belongs to (the establishments module provides both), without reading their tables.
 */
export interface IEstablishmentLookups {
  /** What the caller administers (`administeredScope`), null if nothing. */
  administered(principal: IPrincipal): Promise<IAdministeredScope | null>;
  /** The establishments of a user: their classes', and those they are attached to. */
  establishmentsOf(userId: string): Promise<readonly string[]>;
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
 * How far a right reaches for a caller: every object, only their own, or the users of
 * the establishments they administer.
 */
export type Reach = 'all' | 'own' | 'establishment';

/**
 * Every right of the hub is decided here, in two steps:
 *
 * 1. role → scopes, as data ({@link ROLE_SCOPES}): `classes:write` on every class,
 *    `classes:write:own` on the classes one belongs to;
 * 2. for an `:own` scope, the object-level check: the caller's membership in the class
 *    must be one that {@link OWN_MEANS} accepts (a teacher edits only the classes they
 *    teach, a learner reads only the classes they are enrolled in);
 * 3. for a scope a grant of the administration of establishments gives
 *    ({@link ADMINISTRATOR_SCOPES}, `users:write:establishment`), the object-level
 *    check: the user acted on belongs to one of the establishments the caller
 *    administers (or the establishment named is one of them).
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
      null,
    private readonly _establishments: IEstablishmentLookups | null = null
  ) {}

  /**
   * How far `right` reaches for this caller by their roles alone ('all', 'own'), or
   * null. Rights held by administering establishments need a look-up: see
   * {@link scopedReach}.
   */
  reach(principal: IPrincipal, right: Right): Reach | null {
    const scopes = principal.groupWorkspace
      ? new Set(GROUP_WORKSPACE_SCOPES)
      : scopesOf(principal.roles);
    if (scopes.has(right)) {
      return 'all';
    }
    return scopes.has(`${right}:own` as Scope) ? 'own' : null;
  }

  /**
   * How far `right` reaches for this caller, by their roles or, failing them, by the
   * establishments they administer ('establishment'), or null.
   */
  async scopedReach(
    principal: IPrincipal,
    right: Right
  ): Promise<Reach | null> {
    const reach = this.reach(principal, right);
    if (reach !== null || !Private.byGrant(right) || !this._establishments) {
      return reach;
    }
    return (await this._establishments.administered(principal))
      ? 'establishment'
      : null;
  }

  /**
   * Whether the caller holds `right`, on `target` when given.
   */
  async allows(
    principal: IPrincipal,
    right: Right,
    target: ITarget = {}
  ): Promise<boolean> {
    return (await this._allowedAs(principal, right, target)) !== null;
  }

  /**
   * How the caller holds `right` on `target`, or null if they do not.
   */
  private async _allowedAs(
    principal: IPrincipal,
    right: Right,
    target: ITarget
  ): Promise<Reach | null> {
    const reach = this.reach(principal, right);
    if (reach === 'all') {
      return reach;
    }
    if (reach === 'own' && (await this._ownAllows(principal, right, target))) {
      return reach;
    }
    return (await this._establishmentAllows(principal, right, target))
      ? 'establishment'
      : null;
  }

  /**
   * The object-level check of a right held by administering establishments: the user
   * acted on belongs to one of the caller's establishments, or the establishment named
   * is one of them. Without such an object, no.
   */
  private async _establishmentAllows(
    principal: IPrincipal,
    right: Right,
    target: ITarget
  ): Promise<boolean> {
    const lookups = this._establishments;
    if (
      !lookups ||
      !Private.byGrant(right) ||
      (target.userId === undefined && target.establishmentId === undefined)
    ) {
      return false;
    }
    const scope = await lookups.administered(principal);
    if (!scope) {
      return false;
    }
    if (scope.everything) {
      return true;
    }
    const administered = new Set(scope.establishmentIds);
    const wanted =
      target.establishmentId !== undefined
        ? [target.establishmentId]
        : await lookups.establishmentsOf(target.userId!);
    return wanted.some(id => administered.has(id));
  }

  private async _ownAllows(
    principal: IPrincipal,
    right: Right,
    target: ITarget
  ): Promise<boolean> {
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
    const reach = await this._allowedAs(principal, right, target);
    if (reach === null) {
      throw Private.forbidden();
    }
    return reach;
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

  /**
   * {@link requireReach} with the rights held by administering establishments: what
   * the routes that list objects ask (a list then keeps the users of the caller's
   * establishments when the answer is 'establishment').
   *
   * @throws {DomainError} 403 `forbidden`.
   */
  async requireScopedReach(
    principal: IPrincipal,
    right: Right
  ): Promise<Reach> {
    const reach = await this.scopedReach(principal, right);
    if (!reach) {
      throw Private.forbidden();
    }
    return reach;
  }
}

namespace Private {
  /** Whether a grant of the administration of establishments gives `right`. */
  export function byGrant(right: Right): boolean {
    return ADMINISTRATOR_SCOPES.includes(`${right}:establishment` as Scope);
  }

  export function forbidden(): DomainError {
    return new DomainError(
      'forbidden',
      trans.__('You do not have the rights needed for this action.')
    );
  }
}
