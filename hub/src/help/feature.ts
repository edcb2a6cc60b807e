import { AuditLog } from '../audit/service';
import type { ClassService } from '../classes/service';
import { IFeature, IHubContext } from '../context';
import type { IEventPublisher } from '../events/kinds';
import type { UserService } from '../users/service';
import { HelpService } from './service';
import { HelpStore } from './store';
import { helpVisits } from './visits';

/** How often run-out help requests are closed while the hub runs. */
const SWEEP_INTERVAL_MS = 15_000;

/** The help feature's services. */
export interface IHelpServices {
  help: HelpService;
}

/** What live help needs from the other features. */
export interface IHelpFeatureDeps {
  users: Pick<UserService, 'get'>;
  classes: Pick<ClassService, 'forUser' | 'members'>;
  events: IEventPublisher;
  /** Whether servers have origins of their own, and where the hub is. */
  origins: { subdomains: boolean; hubOrigin: string };
  /** The rights matrix's hub only (see `IHubOverrides`). */
  withoutServerOrigins?: boolean;
}

/**
 * Live help (issue 19, point 3): requests, who may enter a pupil's server to help,
 * and the sweep that ends run-out help.
 */
export function create(
  context: IHubContext,
  deps: IHelpFeatureDeps
): IFeature<IHelpServices> {
  const help = new HelpService({
    store: new HelpStore(context.db),
    visits: helpVisits,
    users: deps.users,
    classes: deps.classes,
    events: deps.events,
    audit: new AuditLog(context.db, context.clock),
    serverOrigins: deps.origins.subdomains || !!deps.withoutServerOrigins,
    hubOrigin: deps.origins.hubOrigin,
    helpMinutes: context.config.helpMinutes,
    clock: context.clock,
    log: context.log
  });
  let timer: NodeJS.Timeout | null = null;
  const sweep = () =>
    help
      .sweep()
      .catch(error =>
        context.log.warn(
          { reason: (error as Error).message },
          'help requests not swept'
        )
      );
  return {
    services: { help },
    start: async () => {
      await sweep();
      timer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
      timer.unref();
    },
    stop: () => {
      if (timer) {
        clearInterval(timer);
      }
    }
  };
}
