import { entersGroup } from '../groups/access';
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
 * Who may call the hub's API from a server's origin, as themselves: only the server's
 * owner. Code served by a server runs in every page of its origin: a visitor's hub
 * rights (a teacher's) must never be reachable from there.
 */
export function actsOnHubFrom(user: IUser, serverName: string): boolean {
  return user.name === serverName;
}
