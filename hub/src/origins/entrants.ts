import { groupEntrantIds } from '../groups/access';
import { helpVisits } from '../help/visits';
import type { IUser } from '../users/service';

/**
 * Someone who may enter a server's origin, and why.
 */
export interface IEntrant {
  user: IUser;
  /**
   * Why they may enter: the server is theirs, they belong to the group whose server it
   * is (or teach its class), or they joined its owner's help request.
   */
  reason: 'owner' | 'group' | 'help';
}

/**
 * What {@link whoMayEnter} reads.
 */
export interface IEntrantsDeps {
  users: {
    get(id: string): Promise<IUser | null>;
    getByName(name: string): Promise<IUser | null>;
  };
}

/**
 * Everyone who may enter a server (`mayEnter` of `access.ts`, the other way round): the
 * share dialog lists them. Each rule that widens `mayEnter` adds its people here. An
 * unknown server has nobody; a deactivated account is not listed.
 */
export async function whoMayEnter(
  deps: IEntrantsDeps,
  serverName: string
): Promise<IEntrant[]> {
  const entrants: IEntrant[] = [];
  const add = (user: IUser | null, reason: IEntrant['reason']) => {
    if (
      user &&
      !user.deactivatedAt &&
      !entrants.some(e => e.user.id === user.id)
    ) {
      entrants.push({ user, reason });
    }
  };
  // A group's account has no roles and never logs in: it is not a person to list.
  const owner = await deps.users.getByName(serverName);
  const groupIds = groupEntrantIds(serverName);
  if (!groupIds.length) {
    add(owner, 'owner');
  }
  for (const id of groupIds) {
    add(await deps.users.get(id), 'group');
  }
  for (const visit of helpVisits.visitsTo(serverName)) {
    add(await deps.users.get(visit.visitorId), 'help');
  }
  return entrants;
}
