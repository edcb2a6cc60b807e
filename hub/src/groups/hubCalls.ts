import type { IAuthContext } from '../auth/authContext';
import type { IUser } from '../users/service';
import { entersGroup, groupAccountNamed } from './access';

/**
 * Calls to the hub from a group workspace's origin (issue 19, point 2).
 *
 * Code in the group's notebooks is written by any member and runs in every page of
 * that origin: whoever is let in (a member, a teacher of the class), a call made there
 * acts as the group's account, never as the visitor, whose own rights (a teacher's)
 * stay out of reach. The group's rights are what every member already shares.
 */

/**
 * The caller of a hub call made on the group server `serverName`'s origin by `auth`
 * (who holds that origin's cookie): the group's account, the visitor kept aside; or
 * null when it is not a live group's server or the visitor may no longer enter it.
 */
export function groupHubCaller(
  auth: IAuthContext,
  serverName: string
): IAuthContext | null {
  const account = groupAccountNamed(serverName);
  if (!account || !entersGroup(auth.user, serverName)) {
    return null;
  }
  const caller: IUser = { ...account, roles: [], groupWorkspace: true };
  return { ...auth, user: caller, visitor: auth.user };
}

/**
 * What the group's account may call from its origin: a learner's calls on its
 * assignments, `/me`, its news, its share dialog and its LRS credential. Everything
 * else (classes, library, help, administration, privacy, dashboards…) is refused at
 * the gate, before any route; the policy then grants the assignment routes only on the
 * group's own assignments (`GROUP_WORKSPACE_SCOPES`).
 */
export function groupOriginAllows(
  method: string | undefined,
  path: string,
  serverName: string
): boolean {
  const api = '/hub/api/v1';
  const id = '[^/]+';
  const allowed: [string, RegExp][] = [
    ['GET', new RegExp(`^${api}/me$`)],
    ['GET', new RegExp(`^${api}/events$`)],
    ['GET', new RegExp(`^${api}/assignments$`)],
    ['GET', new RegExp(`^${api}/assignments/${id}$`)],
    ['GET', new RegExp(`^${api}/assignments/${id}/original$`)],
    ['POST', new RegExp(`^${api}/assignments/${id}/fetch$`)],
    ['POST', new RegExp(`^${api}/assignments/${id}/submissions$`)],
    ['GET', new RegExp(`^${api}/assignments/${id}/submissions/mine$`)],
    ['GET', new RegExp(`^${api}/assignments/${id}/feedback/mine$`)],
    ['POST', /^\/hub\/lrs\/credential$/]
  ];
  const people = `${api}/users/${encodeURIComponent(serverName)}/server/people`;
  if (method === 'GET' && path === people) {
    return true;
  }
  return allowed.some(
    ([verb, pattern]) => verb === method && pattern.test(path)
  );
}

/**
 * What `GET /me` adds on a group workspace's origin: the workspace and its class, and
 * the person in the browser (« Espace de groupe « Binôme » — vous y êtes Léa Martin »).
 */
export async function groupWorkspaceMe(
  groups: {
    ofAccounts(
      accountIds: readonly string[]
    ): Promise<
      Map<
        string,
        { id: string; name: string; classId: string; className: string }
      >
    >;
  },
  account: Pick<IUser, 'id'>,
  visitor: Pick<IUser, 'name' | 'displayName'>
): Promise<{
  group?: { id: string; name: string; classId: string; className: string };
  visitor: { name: string; displayName: string };
}> {
  const group = (await groups.ofAccounts([account.id])).get(account.id);
  return {
    ...(group
      ? {
          group: {
            id: group.id,
            name: group.name,
            classId: group.classId,
            className: group.className
          }
        }
      : {}),
    visitor: { name: visitor.name, displayName: visitor.displayName }
  };
}
