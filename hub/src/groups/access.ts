import { DomainError, trans } from '../errors';
import type { IUser } from '../users/service';
import type { IGroupEntryRow } from './store';

/**
 * Who may enter a group workspace's server: its members and its class's teachers;
 * nobody else (other pupils, teachers of other classes, administrators: a group's
 * notebooks are pupils' work, which administrators reach no more than a pupil's own
 * server).
 *
 * `mayEnter` (`origins/access.ts`) is asked on every request of a server's origin and
 * must answer at once: the rule reads an index of the live workspaces kept in memory,
 * rebuilt after every change the hub makes to a workspace and every few seconds (a
 * teacher removed from the class loses the way in within that time).
 */
export class GroupEntryIndex {
  /** Replace the index with what the database says. */
  load(entries: readonly IGroupEntryRow[]): void {
    this._byName = new Map(
      entries.map(entry => [
        entry.accountName,
        {
          account: {
            id: entry.accountId,
            name: entry.accountName,
            displayName: entry.displayName,
            roles: []
          },
          allowed: new Set(entry.allowed)
        }
      ])
    );
  }

  /** Whether `user` may enter the server named `serverName`, a group's. */
  allows(user: Pick<IUser, 'id'>, serverName: string): boolean {
    return this._byName.get(serverName)?.allowed.has(user.id) ?? false;
  }

  /** The ids of the people let into a group server (its members, its class's teachers). */
  allowedIds(serverName: string): string[] {
    return [...(this._byName.get(serverName)?.allowed ?? [])];
  }

  /** The account of a live group workspace's server, by the server's name. */
  account(serverName: string): IUser | null {
    return this._byName.get(serverName)?.account ?? null;
  }

  private _byName = new Map<string, { account: IUser; allowed: Set<string> }>();
}

/**
 * The indexes of the hubs of this process (one in production; tests start several,
 * whose group accounts have names of their own).
 */
const indexes = new Set<GroupEntryIndex>();

/** The rule `mayEnter` adds: whether `user` is let into the group server `serverName`. */
export function entersGroup(
  user: Pick<IUser, 'id'>,
  serverName: string
): boolean {
  for (const index of indexes) {
    if (index.allows(user, serverName)) {
      return true;
    }
  }
  return false;
}

/** The ids of the people let into the group server `serverName` (none: not a group's). */
export function groupEntrantIds(serverName: string): string[] {
  return [...indexes].flatMap(index => index.allowedIds(serverName));
}

/** The account of a live group server named `serverName`, in any hub of the process. */
export function groupAccountNamed(serverName: string): IUser | null {
  for (const index of indexes) {
    const account = index.account(serverName);
    if (account) {
      return account;
    }
  }
  return null;
}

/** Make an index answer `entersGroup` (at the hub's start) or stop (at its stop). */
export function useGroupIndex(index: GroupEntryIndex, on: boolean): void {
  if (on) {
    indexes.add(index);
  } else {
    indexes.delete(index);
  }
}

/**
 * The refusal to open a group workspace where servers share the hub's origin (path
 * mode): the workspace's pages, which any member's code can change, would run with each
 * visitor's hub session.
 */
export function groupNeedsServerOrigins(): DomainError {
  return new DomainError(
    'group_needs_server_origins',
    trans.__(
      'Group workspaces open only when the hub serves each workspace at its own address (CANDYCE_SERVER_ORIGINS=subdomain): ask your platform’s administrator.'
    )
  );
}

/** Where a group server is started and entered from the hub (its members' link). */
export function groupOpenPath(serverName: string): string {
  return `/hub/groupes/ouvrir/${encodeURIComponent(serverName)}`;
}
