import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import type { HubClient } from './client';

/**
 * The roles a Candyce user can hold, as the hub names them.
 */
export type CandyceRole =
  'learner' | 'teacher' | 'author' | 'inspector' | 'admin';

/**
 * The person using this JupyterLab, as the hub describes them.
 */
export interface ICandyceUser {
  /**
   * The hub's user name (stable, URL-safe).
   */
  readonly name: string;
  /**
   * The name to show on screen.
   */
  readonly displayName: string;
  /**
   * The roles of the user.
   */
  readonly roles: readonly CandyceRole[];
  /**
   * The user's preferred locale (for example `fr_FR`), if the hub knows it.
   */
  readonly locale: string | null;
}

/**
 * Whether this JupyterLab runs inside the Candyce platform.
 *
 * - `detecting`: the hub has not answered yet.
 * - `hub`: the Candyce hub answered and the user is known.
 * - `standalone`: no Candyce hub here (plain JupyterLab or JupyterHub); features
 *   that need the hub say so instead of failing.
 */
export type CandyceMode = 'detecting' | 'hub' | 'standalone';

/**
 * The Candyce session token.
 */
export const ICandyceSession = new Token<ICandyceSession>(
  '@candyce/core:ICandyceSession',
  'The Candyce session: whether a Candyce hub is present, the current user, their roles and locale, and a client for the hub API.'
);

/**
 * The Candyce session: what every Candyce extension needs to know about the platform.
 */
export interface ICandyceSession {
  /**
   * Resolves once hub detection has finished (it never rejects).
   */
  readonly ready: Promise<void>;
  /**
   * The current mode.
   */
  readonly mode: CandyceMode;
  /**
   * The current user, in hub mode; `null` otherwise.
   */
  readonly user: ICandyceUser | null;
  /**
   * The locale the interface is shown in (the user's, or JupyterLab's).
   */
  readonly locale: string;
  /**
   * The hub API client, in hub mode; `null` otherwise.
   */
  readonly hub: HubClient | null;
  /**
   * Whether the current user holds a role (always `false` in standalone mode).
   */
  hasRole(role: CandyceRole): boolean;
  /**
   * Emitted when the mode or the user changes.
   */
  readonly changed: ISignal<ICandyceSession, void>;
}

/**
 * The assignments token.
 *
 * Declared in core, so that other extensions (the library hands out its resources)
 * can take it as an optional dependency without depending on `@candyce/assignments`;
 * its id names the package that provides it.
 */
export const IAssignments = new Token<IAssignments>(
  '@candyce/assignments:IAssignments',
  "The « Mes devoirs » and « Suivi des devoirs » panels: show them, hand out a notebook, or hand in the learner's work."
);

/**
 * The assignments panels, for other plugins (the library hands out its resources).
 */
export interface IAssignments {
  /**
   * Show the « Mes devoirs » panel.
   */
  openLearnerPanel(): void;
  /**
   * Show the « Suivi des devoirs » panel (teachers and administrators only).
   */
  openTeacherPanel(): void;
  /**
   * Whether the current user may hand out assignments now (a teacher, on the platform).
   */
  canAssign(): boolean;
  /**
   * Open the « Nouveau devoir » form for a notebook of the user's home (`null`: the
   * form says to choose one).
   *
   * A failure is shown to the user in an error dialog, and the promise resolves to
   * `false`.
   *
   * @returns whether an assignment was created.
   */
  assignNotebook(path: string | null): Promise<boolean>;
  /**
   * Open the « Nouveau devoir » form for a version of a library resource.
   *
   * A failure is shown to the user in an error dialog, and the promise resolves to
   * `false`.
   *
   * @returns whether an assignment was created.
   */
  assignResource(resource: IAssignments.IResource): Promise<boolean>;
  /**
   * Hand in the learner's assignment a file of her home belongs to (the notebook she
   * works on, saved by the caller first), as « Rendre » of « Mes devoirs » does.
   *
   * @returns what happened, as a sentence to show; it never rejects (a failure is
   * `handedIn: false` with its reason).
   */
  handIn(path: string): Promise<IAssignments.IHandIn>;
  /**
   * Emitted after the hub recorded a fetch, a hand-in, a return or a pupil's help
   * request (the learning traces of `@candyce/telemetry` listen to it).
   */
  readonly activity: ISignal<IAssignments, IAssignments.IActivity>;
}

/**
 * The IAssignments types.
 */
export namespace IAssignments {
  /**
   * A version of a library resource to hand out.
   */
  export interface IResource {
    resourceId: string;
    version: number;
    title: string;
  }

  /**
   * The outcome of a hand-in.
   */
  export interface IHandIn {
    /**
     * Whether the hub recorded the work.
     */
    handedIn: boolean;
    /**
     * The sentence to show: the hand-in's date and version, or why it failed.
     */
    message: string;
  }

  /**
   * Something the hub recorded: about an assignment, or a pupil's help request.
   */
  export type IActivity = IAssignmentActivity | IHelpActivity;

  /**
   * The learner fetched an assignment or handed it in, or the teacher returned work
   * (`learners`: to how many).
   */
  export interface IAssignmentActivity {
    kind: 'fetched' | 'handedIn' | 'returned';
    assignmentId: string;
    learners?: number;
  }

  /**
   * A pupil asked for help on a notebook (« Demander de l'aide ») and the hub accepted
   * the request; `path` is the notebook's path in her home.
   */
  export interface IHelpActivity {
    kind: 'helpAsked';
    path: string;
  }
}

/**
 * The library token.
 *
 * Declared in core, so that other extensions can take it as an optional dependency;
 * its id names the package that provides it.
 */
export const ILibrary = new Token<ILibrary>(
  '@candyce/library:ILibrary',
  'The « Bibliothèque » panel: show it, or show the page of one resource.'
);

/**
 * The « Bibliothèque » panel, for other plugins.
 */
export interface ILibrary {
  /**
   * Show the panel and focus its search field.
   */
  open(): void;
  /**
   * Show the panel on the page of a resource.
   */
  showResource(id: string): void;
  /**
   * Emitted when the user viewed a resource's page, opened a copy of it or endorsed
   * it (the learning traces of `@candyce/telemetry` listen to it). Optional, so that
   * another provider of the token may go without.
   */
  readonly activity?: ISignal<ILibrary, ILibrary.IActivity>;
}

/**
 * The ILibrary types.
 */
export namespace ILibrary {
  /**
   * Something the user did with a library resource.
   */
  export interface IActivity {
    kind: 'viewed' | 'copied' | 'endorsed';
    resourceId: string;
  }
}
