import { Kysely } from 'kysely';

import { AuditLog } from '../audit';
import { IFeature, IHubContext } from '../context';
import { IDatabase } from '../db/schema';
import { IEventPublisher } from '../events/kinds';
import { Policy } from '../policy';
import { UserService } from '../users/service';
import { GroupEntryIndex, useGroupIndex } from './access';
import { GroupService, IGroupServiceDeps } from './service';

/** How often the entry rule's index is read again (class teachers change elsewhere). */
const REINDEX_INTERVAL_MS = 5000;

/**
 * The groups feature's services.
 */
export interface IGroupsServices {
  groups: GroupService;
}

/**
 * Group workspaces (issue 19, point 2): a server shared by a few pupils of a class.
 *
 * How it is built: each workspace has an account of its own, a `users` row with no role,
 * no password and no identity (nobody logs in as it), named `groupe-<10 hex>`. Its
 * server is the servers feature's, unchanged: spawned, recorded, culled and given a uid
 * (`server_accounts`) as a user's, with its home `homes/<account name>` shared by the
 * members (they all edit through that one server, in real time with
 * jupyter-collaboration, each under their own identity: the proxy signs the visitor's,
 * not the account's). Who may enter is `groups/access.ts`, added to `mayEnter`; it is
 * served only on an origin of its own (subdomain mode).
 */
export function create(
  context: IHubContext,
  deps: {
    users: UserService;
    usersOn: (db: Kysely<IDatabase>) => UserService;
    classes: IGroupServiceDeps['classes'];
    policy: Policy;
    audit: AuditLog;
    events?: IEventPublisher;
    stopServer: (accountId: string) => Promise<void>;
  }
): IFeature<IGroupsServices> {
  const index = new GroupEntryIndex();
  const groups = new GroupService({
    ...deps,
    db: context.db,
    index,
    now: context.clock
  });
  let timer: NodeJS.Timeout | null = null;
  const reindex = async () => {
    try {
      await groups.reindex();
    } catch (error) {
      context.log.warn(
        { reason: (error as Error).message },
        'group workspaces not reindexed'
      );
    }
  };
  return {
    services: { groups },
    start: async () => {
      await groups.reindex();
      useGroupIndex(index, true);
      timer = setInterval(() => void reindex(), REINDEX_INTERVAL_MS);
      timer.unref();
    },
    stop: () => {
      if (timer) {
        clearInterval(timer);
      }
      useGroupIndex(index, false);
    }
  };
}
