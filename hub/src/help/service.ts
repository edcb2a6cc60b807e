import { randomUUID } from 'node:crypto';

import type { AuditLog } from '../audit/service';
import type { ClassService } from '../classes/service';
import { DomainError, trans } from '../errors';
import type { IEventPublisher } from '../events/kinds';
import type { IUser, UserService } from '../users/service';
import { HelpRequestRow, HelpStore } from './store';
import { HelpAccess, HelpVisits } from './visits';

/** A help request as the pupil and her teachers see it (the contract's `HelpRequest`). */
export interface IHelpRequest {
  id: string;
  /** The notebook's path in the pupil's home. */
  path: string;
  access: HelpAccess;
  message: string | null;
  createdAt: string;
  expiresAt: string;
  state: 'waiting' | 'joined' | 'closed';
  learnerName: string;
  learnerDisplayName: string;
  helperDisplayName: string | null;
  /** Where the teacher enters the notebook (the hub's origin hands hers over). */
  joinUrl: string;
}

/** What a pupil asks. */
export interface IHelpAsk {
  path: string;
  access: HelpAccess;
  message?: string;
}

/** What the help service needs. */
export interface IHelpDeps {
  store: HelpStore;
  visits: HelpVisits;
  users: Pick<UserService, 'get'>;
  classes: Pick<ClassService, 'forUser' | 'members'>;
  events: IEventPublisher;
  audit: AuditLog;
  /** Whether servers have origins of their own (`serverOrigins: subdomain`). */
  serverOrigins: boolean;
  /** The hub's origin, where a teacher's link to a pupil's notebook starts. */
  hubOrigin: string;
  /** How long a help lasts, in minutes (`helpMinutes`). */
  helpMinutes: number;
  clock: () => Date;
  log: { warn: (object: unknown, message: string) => void };
}

/**
 * Live help (issue 19, point 3): a pupil asks for help on a notebook; the teachers of
 * her classes are told at once; one of them joins and may enter her server (read-write
 * or read-only, as she chose) until either closes the help or it runs out. Rules for
 * every way in are here; the gate and the proxy only ask `HelpVisits`.
 */
export class HelpService {
  constructor(private readonly _deps: IHelpDeps) {}

  /**
   * A pupil asks for help on one of her notebooks.
   *
   * @throws {DomainError} 409 `help_needs_server_origins` in path mode (a visitor on
   *   the hub's origin would act with the pupil's session, and the pupil's code with
   *   the teacher's); 400 `invalid_path`; 409 `help_already_open`, `help_no_teacher`.
   */
  async ask(learner: IUser, ask: IHelpAsk): Promise<IHelpRequest> {
    if (!this._deps.serverOrigins) {
      throw new DomainError(
        'help_needs_server_origins',
        trans.__(
          'Live help needs each workspace on an address of its own, which this platform does not use (serverOrigins: subdomain). Ask your teacher in class, or the platform’s administrator.'
        )
      );
    }
    const path = Private.checkPath(ask.path);
    const now = this._deps.clock();
    const open = await this._deps.store.openOf([learner.id], now.toISOString());
    if (open.length) {
      throw new DomainError(
        'help_already_open',
        trans.__(
          'You have already asked for help: end that request before asking again.'
        )
      );
    }
    const teachers = await this._teachersOf(learner.id);
    if (!teachers.size) {
      throw new DomainError(
        'help_no_teacher',
        trans.__(
          'No teacher of yours can be asked: you are in no class with one.'
        )
      );
    }
    const row: HelpRequestRow = {
      id: randomUUID(),
      learner_id: learner.id,
      path,
      access: ask.access,
      message: ask.message?.trim() || null,
      created_at: now.toISOString(),
      expires_at: new Date(
        now.getTime() + this._deps.helpMinutes * 60_000
      ).toISOString(),
      helper_id: null,
      joined_at: null,
      closed_at: null,
      closed_by: null
    };
    await this._deps.store.insert(row);
    await this._audit(learner.id, 'help.open', row, { access: row.access });
    // One piece of news per class, to its teachers: it names that class.
    for (const [className, ids] of Private.byClass(teachers)) {
      await this._deps.events.publish(ids, {
        kind: 'help.request',
        data: {
          helpRequestId: row.id,
          learnerDisplayName: learner.displayName,
          className,
          path
        }
      });
    }
    return this._view(row, learner, null);
  }

  /** The pupil's open request, or null. */
  async current(learner: IUser): Promise<IHelpRequest | null> {
    const [row] = await this._deps.store.openOf(
      [learner.id],
      this._deps.clock().toISOString()
    );
    return row ? this._viewOf(row) : null;
  }

  /** The open requests of the pupils of the classes a teacher teaches, newest first. */
  async forTeacher(teacher: IUser): Promise<IHelpRequest[]> {
    const learners = new Set<string>();
    for (const klass of await this._deps.classes.forUser(teacher.id)) {
      if (klass.membership !== 'teacher') {
        continue;
      }
      for (const member of await this._deps.classes.members(klass.id)) {
        if (member.membership === 'learner') {
          learners.add(member.userId);
        }
      }
    }
    const rows = await this._deps.store.openOf(
      [...learners],
      this._deps.clock().toISOString()
    );
    return Promise.all(rows.map(row => this._viewOf(row)));
  }

  /**
   * A teacher joins: from now until the help ends she may enter the pupil's server.
   *
   * @throws {DomainError} 404 `not_found`; 403 `help_forbidden` for anyone but a
   *   teacher of a class the pupil is enrolled in; 409 `help_closed`,
   *   `help_already_joined` (another teacher is helping).
   */
  async join(teacher: IUser, id: string): Promise<IHelpRequest> {
    const row = await this._open(id);
    const teachers = await this._teachersOf(row.learner_id);
    if (!teachers.has(teacher.id)) {
      throw Private.forbidden();
    }
    const at = this._deps.clock().toISOString();
    if (!(await this._deps.store.join(id, teacher.id, at))) {
      throw new DomainError(
        'help_already_joined',
        trans.__('Another teacher is already helping this pupil.')
      );
    }
    const joined = { ...row, helper_id: teacher.id, joined_at: at };
    const learner = await this._learner(joined);
    this._grant(joined, learner);
    await this._audit(teacher.id, 'help.join', joined);
    return this._view(joined, learner, teacher);
  }

  /**
   * The pupil, the teacher who joined, or another of her teachers ends the help: the
   * teacher's way into the server closes at once (and her open sockets with it).
   *
   * @throws {DomainError} 404 `not_found`; 403 `help_forbidden`; 409 `help_closed`.
   */
  async close(user: IUser, id: string): Promise<IHelpRequest> {
    const row = await this._open(id);
    if (
      user.id !== row.learner_id &&
      !(await this._teachersOf(row.learner_id)).has(user.id)
    ) {
      throw Private.forbidden();
    }
    const at = this._deps.clock().toISOString();
    if (!(await this._deps.store.close(id, user.id, at))) {
      throw Private.closed();
    }
    this._deps.visits.revoke(id);
    await this._audit(user.id, 'help.close', row);
    return this._viewOf({ ...row, closed_at: at, closed_by: user.id });
  }

  /**
   * Close the requests that ran out (their visits already let nobody in) and give
   * back the visits of joined requests still open (at the hub's start).
   *
   * @returns how many ran out.
   */
  async sweep(): Promise<number> {
    const now = this._deps.clock();
    let expired = 0;
    for (const row of await this._deps.store.unclosed()) {
      if (row.expires_at > now.toISOString()) {
        if (row.helper_id && !this._granted.has(row.id)) {
          const learner = await this._deps.users.get(row.learner_id);
          if (learner) {
            this._grant(row, learner);
          }
        }
        continue;
      }
      if (await this._deps.store.close(row.id, null, row.expires_at)) {
        expired += 1;
        this._deps.visits.revoke(row.id);
        this._granted.delete(row.id);
        await this._audit(row.learner_id, 'help.close', row, { expired: true });
      }
    }
    return expired;
  }

  /** How many help requests each learner made in [from, to): the class dashboard's. */
  askedBetween(
    learnerIds: readonly string[],
    from: Date,
    to: Date
  ): Promise<Map<string, number>> {
    return this._deps.store.countsBetween(
      learnerIds,
      from.toISOString(),
      to.toISOString()
    );
  }

  /** The teachers of the pupil's classes: id → the class name they teach her in. */
  private async _teachersOf(learnerId: string): Promise<Map<string, string>> {
    const teachers = new Map<string, string>();
    for (const klass of await this._deps.classes.forUser(learnerId)) {
      if (klass.membership !== 'learner') {
        continue;
      }
      for (const member of await this._deps.classes.members(klass.id)) {
        if (member.membership === 'teacher' && !teachers.has(member.userId)) {
          teachers.set(member.userId, klass.name);
        }
      }
    }
    return teachers;
  }

  /** A request still open. */
  private async _open(id: string): Promise<HelpRequestRow> {
    const row = await this._deps.store.get(id);
    if (!row) {
      throw new DomainError(
        'not_found',
        trans.__('This help request does not exist.')
      );
    }
    if (row.closed_at || row.expires_at <= this._deps.clock().toISOString()) {
      throw Private.closed();
    }
    return row;
  }

  private _grant(row: HelpRequestRow, learner: IUser): void {
    this._granted.add(row.id);
    this._deps.visits.grant({
      requestId: row.id,
      visitorId: row.helper_id!,
      owner: learner,
      access: row.access as HelpAccess,
      expiresAt: Date.parse(row.expires_at),
      now: () => this._deps.clock().getTime()
    });
  }

  private async _learner(row: HelpRequestRow): Promise<IUser> {
    const learner = await this._deps.users.get(row.learner_id);
    if (!learner) {
      throw Private.closed();
    }
    return learner;
  }

  private async _viewOf(row: HelpRequestRow): Promise<IHelpRequest> {
    const learner = await this._learner(row);
    const helper = row.helper_id
      ? await this._deps.users.get(row.helper_id)
      : null;
    return this._view(row, learner, helper);
  }

  private _view(
    row: HelpRequestRow,
    learner: IUser,
    helper: IUser | null
  ): IHelpRequest {
    const path = row.path
      .split('/')
      .map(part => encodeURIComponent(part))
      .join('/');
    return {
      id: row.id,
      path: row.path,
      access: row.access as HelpAccess,
      message: row.message,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      state: row.closed_at ? 'closed' : row.helper_id ? 'joined' : 'waiting',
      learnerName: learner.name,
      learnerDisplayName: learner.displayName,
      helperDisplayName: helper?.displayName ?? null,
      joinUrl: `${this._deps.hubOrigin}/user/${encodeURIComponent(learner.name)}/lab/tree/${path}`
    };
  }

  /** Ids only, and the access: never the notebook's path nor the message. */
  private async _audit(
    actorId: string,
    action: 'help.open' | 'help.join' | 'help.close',
    row: HelpRequestRow,
    details: { access?: string; expired?: boolean } = {}
  ): Promise<void> {
    try {
      await this._deps.audit.record({
        actorId,
        action,
        targetId: row.learner_id,
        details: { helpRequestId: row.id, ...details }
      });
    } catch (error) {
      this._deps.log.warn(
        { err: (error as Error).message, helpRequestId: row.id },
        'help not audited'
      );
    }
  }

  /** Requests whose visit this service gave (so that the sweep gives it once). */
  private readonly _granted = new Set<string>();
}

namespace Private {
  /**
   * A notebook's path in the pupil's home: relative, no `..`, a `.ipynb`.
   *
   * @throws {DomainError} 400 `invalid_path`.
   */
  export function checkPath(path: string): string {
    const parts = path.split('/');
    if (
      !path.endsWith('.ipynb') ||
      path.startsWith('/') ||
      path.length > 512 ||
      [...path].some(char => char.charCodeAt(0) < 32) ||
      parts.some(part => part === '' || part === '.' || part === '..')
    ) {
      throw new DomainError(
        'invalid_path',
        trans.__(
          'Help is asked on a notebook of your workspace (a .ipynb file).'
        )
      );
    }
    return path;
  }

  export function byClass(
    teachers: Map<string, string>
  ): Map<string, string[]> {
    const classes = new Map<string, string[]>();
    for (const [id, className] of teachers) {
      classes.set(className, [...(classes.get(className) ?? []), id]);
    }
    return classes;
  }

  export function forbidden(): DomainError {
    return new DomainError(
      'help_forbidden',
      trans.__(
        'Only a teacher of this pupil’s classes may join or end this help request.'
      )
    );
  }

  export function closed(): DomainError {
    return new DomainError(
      'help_closed',
      trans.__('This help request has ended.')
    );
  }
}
