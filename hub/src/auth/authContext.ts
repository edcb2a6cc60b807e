import type { ISession } from './sessions';
import type { IUser } from '../users/service';

/**
 * Who is calling, once the session cookie has been checked. A leaf module: the
 * middleware, the proxy's cache and the declared routes all name it.
 */
export interface IAuthContext {
  user: IUser;
  session: ISession;
  token: string;
  /**
   * On a group workspace's origin, where `user` is the group's account: the person
   * whose browser calls (a member, a teacher of its class). Their own rights are never
   * used there (`groups/hubCalls.ts`).
   */
  visitor?: IUser;
}
