import type { IUser } from '../users/service';

/** What a pupil lets her teacher do in her notebook. */
export type HelpAccess = 'write' | 'read';

/**
 * A teacher's way into a pupil's server while a help request is open.
 */
export interface IHelpVisit {
  readonly requestId: string;
  /** The teacher who joined. */
  readonly visitorId: string;
  /** The pupil, whose server the teacher enters. */
  readonly owner: IUser;
  readonly access: HelpAccess;
  /** When the help runs out, in ms since the epoch. */
  readonly expiresAt: number;
  /** The clock of the hub that granted it (tests give their own). */
  readonly now: () => number;
}

/**
 * The open help visits of this hub process: the in-memory mirror of the help requests
 * a teacher has joined and nobody has closed (`HelpService` keeps it, and fills it
 * again from the database when the hub starts). It is a table of the process, not of
 * one service, because `mayEnter` (`origins/access.ts`) is a plain function that the
 * gate and the proxy ask synchronously on every request: a database read there would
 * cost every request of every server.
 */
export class HelpVisits {
  /** Let a teacher in (replaces a visit of the same teacher to the same server). */
  grant(visit: IHelpVisit): void {
    this._visits.set(Private.key(visit.visitorId, visit.owner.name), visit);
  }

  /** End a request's visit, if any; its listeners close the teacher's sockets. */
  revoke(requestId: string): void {
    for (const [key, visit] of this._visits) {
      if (visit.requestId === requestId) {
        this._visits.delete(key);
        this._revoked.forEach(listener => listener(visit));
      }
    }
  }

  /**
   * The visit that lets `visitor` into the server of `serverName` now, or null (none,
   * or run out: a run-out visit lets nobody in even before the service sweeps it).
   */
  visitOf(visitor: Pick<IUser, 'id'>, serverName: string): IHelpVisit | null {
    const visit = this._visits.get(Private.key(visitor.id, serverName));
    return visit && visit.now() < visit.expiresAt ? visit : null;
  }

  /** The visits that let teachers into the server of `serverName` now. */
  visitsTo(serverName: string): IHelpVisit[] {
    return [...this._visits.values()].filter(
      visit => visit.owner.name === serverName && visit.now() < visit.expiresAt
    );
  }

  /** Be told when a visit ends (closed or run out). */
  onRevoked(listener: (visit: IHelpVisit) => void): () => void {
    this._revoked.add(listener);
    return () => this._revoked.delete(listener);
  }

  private readonly _visits = new Map<string, IHelpVisit>();
  private readonly _revoked = new Set<(visit: IHelpVisit) => void>();
}

/** The process's open help visits (see {@link HelpVisits}). */
export const helpVisits = new HelpVisits();

/**
 * The rule `mayEnter` adds for live help: a teacher may enter a pupil's server while
 * the help request she joined is open.
 */
export function entersToHelp(user: IUser, serverName: string): boolean {
  return helpVisits.visitOf(user, serverName) !== null;
}

namespace Private {
  export function key(visitorId: string, serverName: string): string {
    return `${visitorId}\n${serverName}`;
  }
}
