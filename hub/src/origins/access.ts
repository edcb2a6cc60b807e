import type { IAuthContext } from '../auth/authContext';
import { entersGroup } from '../groups/access';
import { groupHubCaller } from '../groups/hubCalls';
import { entersToHelp } from '../help/visits';
import type { IUser } from '../users/service';

/**
 * Who may enter a server's origin (get its cookie): today each server is its owner's
 * alone, as on the hub's origin. Shared servers (group workspaces, live help) widen
 * this rule, not the next one.
 */
export function mayEnter(user: IUser, serverName: string): boolean {
  return (
    user.name === serverName ||
    entersToHelp(user, serverName) ||
    entersGroup(user, serverName)
  );
}

/**
 * As whom a hub call (`/hub/api/…`, `/hub/lrs/…`) made on a server's origin acts, for
 * `auth` who holds that origin's cookie: the server's owner as herself; on a group
 * workspace's server, anyone let in as the group's account (the visitor kept aside,
 * `groups/hubCalls.ts`); anyone else not at all (null: 403). Code served by a server
 * runs in every page of its origin: a visitor's own hub rights (a teacher's) must never
 * be reachable from there.
 */
export function hubCallerFrom(
  auth: IAuthContext,
  serverName: string
): IAuthContext | null {
  if (auth.user.name === serverName) {
    return auth;
  }
  return groupHubCaller(auth, serverName);
}
