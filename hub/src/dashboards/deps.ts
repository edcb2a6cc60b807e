import { ReviewService } from '../assignments/review';
import { AssignmentService } from '../assignments/service';
import { ClassService } from '../classes/service';
import { LibraryService } from '../library/service';
import type { IGroupAccount } from '../groups/accounts';
import { IUser, UserService } from '../users/service';
import { DashboardQueries } from './queries';

/**
 * What the dashboards read, each through its feature's service (no feature reads
 * another's tables): traces by pseudonymous actor from the daily counts, assignments
 * from the assignments service, consent from privacy, people from users and classes.
 */
export interface IDashboardDeps {
  queries: DashboardQueries;
  /** A user's pseudonymous actor key in the LRS (`account:<hub>|<HMAC>`). */
  actorKeyOf: (userId: string) => string;
  /** Whether the LRS records the user's optional traces now. */
  optionalTraces: (user: {
    id: string;
    roles: readonly string[];
  }) => Promise<boolean>;
  /** A class's policy on optional traces. */
  classPolicy: (
    classId: string,
    level: string | null
  ) => Promise<{ policy: 'none' | 'consent'; isDefault: boolean }>;
  classes: ClassService;
  users: UserService;
  assignments: AssignmentService;
  reviews: ReviewService;
  library: LibraryService;
  /**
   * How many live help requests each learner made over a period (`hub/src/help`):
   * records of the hub, not traces, so known whatever the consent. Absent: none.
   */
  helpAsked?: (
    learnerIds: readonly string[],
    from: Date,
    to: Date
  ) => Promise<Map<string, number>>;
  /**
   * A class's live group workspaces and their members (`hub/src/groups`), as `caller`
   * sees them. Absent: the class has none.
   */
  groupsOf?: (classId: string, caller: IUser) => Promise<IClassGroup[]>;
  /**
   * The accounts of the group workspaces of these classes (every class's when null),
   * deleted ones included (`hub/src/groups/accounts.ts`): the group's shared work is
   * traced under its account's actor. Never people: never counted as users. Absent:
   * there are none.
   */
  groupAccounts?: (
    classIds: readonly string[] | null
  ) => Promise<IGroupAccount[]>;
  /**
   * Users attached to establishments directly, not through a class (migration 0027,
   * `hub/src/establishments/membership.ts`). Absent: none is.
   */
  attached?: {
    /** The establishments each of these users is attached to, by user id. */
    establishmentsOf(
      userIds: readonly string[]
    ): Promise<Map<string, string[]>>;
    /** The users attached to an establishment. */
    usersOf(establishmentId: string): Promise<string[]>;
  };
  clock: () => Date;
}

/** A group workspace of a class, as the class dashboard filters by it. */
export interface IClassGroup {
  id: string;
  name: string;
  members: { name: string }[];
}
