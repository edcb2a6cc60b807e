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
}
