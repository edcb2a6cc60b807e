import type { IUser } from '../users/service';

/**
 * Someone who may enter a server's origin, and why.
 */
export interface IEntrant {
  user: IUser;
  /** Why they may enter: the server is theirs (other ways in add their own reason). */
  reason: 'owner';
}

/**
 * What {@link whoMayEnter} reads.
 */
export interface IEntrantsDeps {
  users: { getByName(name: string): Promise<IUser | null> };
}

/**
 * Everyone who may enter a server (`mayEnter` of `access.ts`, the other way round): the
 * share dialog lists them. Today the owner alone; each rule that widens `mayEnter`
 * (group workspaces, live help) adds its people here, from its own module, in one line.
 * An unknown server has nobody.
 */
export async function whoMayEnter(
  deps: IEntrantsDeps,
  serverName: string
): Promise<IEntrant[]> {
  const owner = await deps.users.getByName(serverName);
  const entrants: IEntrant[] = [];
  if (owner && !owner.deactivatedAt) {
    entrants.push({ user: owner, reason: 'owner' });
  }
  return entrants;
}
