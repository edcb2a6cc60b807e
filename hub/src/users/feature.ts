import { Kysely } from 'kysely';

import { IdentityStore } from '../auth/oidc/store';
import { SessionService } from '../auth/sessions';
import { IHubContext, IFeature } from '../context';
import { IDatabase } from '../db/schema';
import { UserService } from './service';
import { UserStore } from './store';

/**
 * The users feature's services.
 */
export interface IUsersServices {
  users: UserService;
  sessions: SessionService;
  /** SSO identities of users (OpenID Connect). */
  identities: IdentityStore;
  /**
   * The user service on another connection (a transaction), configured as `users`: a
   * roster import writes users and classes in one transaction.
   */
  usersOn(db: Kysely<IDatabase>): UserService;
}

/**
 * Users, their sessions and their SSO identities.
 */
export function create(context: IHubContext): IFeature<IUsersServices> {
  const { config } = context;
  const usersOn = (db: Kysely<IDatabase>) =>
    new UserService(new UserStore(db), {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes
    });
  return {
    services: {
      users: usersOn(context.db),
      sessions: new SessionService(context.db, {
        idleMinutes: config.sessionIdleMinutes,
        maxHours: config.sessionMaxHours
      }),
      identities: new IdentityStore(context.db),
      usersOn
    }
  };
}
