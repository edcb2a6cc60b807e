import { ReviewService } from '../assignments/review';
import { AssignmentService } from '../assignments/service';
import { ClassService } from '../classes/service';
import { IFeature, IHubContext } from '../context';
import { LibraryService } from '../library/service';
import { agentKey } from '../lrs/agents';
import { Json } from '../lrs/checks';
import { administeredScope } from '../establishments/scope';
import { UserService } from '../users/service';
import { ActorKeys } from './actorKeys';
import { IDashboardDeps } from './deps';
import { DailyLedger } from './ledger';
import { DashboardPreferences } from './preferences';
import { DashboardQueries } from './queries';
import { IDashboardServices } from './routes';

/**
 * Dashboards (issue 20, point 4): the daily counts the LRS keeps up to date
 * (`ledger`, given to the LRS as its observer), their reads, and users' choices.
 * The LRS and privacy are built after the dashboards' ledger, hence functions.
 */
export interface IDashboardsFeatureDeps {
  classes: ClassService;
  users: UserService;
  assignments: AssignmentService;
  reviews: ReviewService;
  library: LibraryService;
  /** A user's pseudonymous actor (the LRS's). */
  pseudonym: (userId: string) => Json;
  optionalTraces: IDashboardDeps['optionalTraces'];
  classPolicy: IDashboardDeps['classPolicy'];
  /** Live help requests per learner (the help feature's). */
  helpAsked?: IDashboardDeps['helpAsked'];
  /** A class's group workspaces (the groups feature's). */
  groupsOf?: IDashboardDeps['groupsOf'];
  /** Group workspaces' accounts (the groups feature's). */
  groupAccounts?: IDashboardDeps['groupAccounts'];
  /** Users attached to establishments directly (the establishments'). */
  attached?: IDashboardDeps['attached'];
}

export function create(
  context: IHubContext,
  deps: IDashboardsFeatureDeps
): IFeature<{ dashboards: IDashboardServices; ledger: DailyLedger }> {
  const actorKeys = new ActorKeys(userId => agentKey(deps.pseudonym(userId))!);
  return {
    services: {
      ledger: new DailyLedger(),
      dashboards: {
        reads: {
          classes: deps.classes,
          users: deps.users,
          assignments: deps.assignments,
          reviews: deps.reviews,
          library: deps.library,
          optionalTraces: deps.optionalTraces,
          classPolicy: deps.classPolicy,
          helpAsked: deps.helpAsked,
          groupsOf: deps.groupsOf,
          groupAccounts: deps.groupAccounts,
          attached: deps.attached,
          actorKeyOf: userId => actorKeys.of(userId),
          queries: new DashboardQueries(context.db),
          clock: context.clock
        },
        preferences: new DashboardPreferences(context.db, context.clock),
        administered: user => administeredScope(context.db, user)
      }
    }
  };
}
