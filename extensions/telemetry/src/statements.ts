import {
  ACTIVITY_ID_PREFIX,
  ACTIVITY_TYPES,
  EXTENSIONS,
  IProfileTerm,
  PLATFORM,
  VERBS
} from './vocabulary';

/**
 * What the emitter records, before it is an xAPI statement. Paths are the notebook's
 * path in the user's home: they are hashed into activity ids, never sent.
 */
export type TraceEvent =
  | {
      kind: 'notebookOpened' | 'notebookClosed' | 'notebookSaved';
      path: string;
    }
  | {
      kind: 'cellExecuted';
      path: string;
      cellId: string;
      cellType: string;
      success: boolean;
      /** The exception's name (`ZeroDivisionError`), never its message. */
      exception: string | null;
      /** The cell's source: given only when the deployment records code. */
      code?: string;
    }
  | {
      kind: 'assignmentFetched' | 'assignmentHandedIn' | 'assignmentReturned';
      assignmentId: string;
      learners?: number;
    }
  | {
      kind: 'resourceViewed' | 'resourceCopied' | 'resourceEndorsed';
      resourceId: string;
    }
  | { kind: 'collaborationJoined'; path: string }
  | { kind: 'helpAsked'; path: string };

/** An xAPI Agent identified by an account (the hub's pseudonymous actor). */
export interface IActor {
  objectType?: 'Agent';
  account: { homePage: string; name: string };
}

/**
 * A statement without its actor: the actor is the credential's, added when it is sent
 * (a statement may be kept offline before the credential is known).
 */
export interface IDraft {
  id: string;
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { type: string; name: Record<string, string> };
  };
  result?: {
    success?: boolean;
    extensions?: Record<string, unknown>;
  };
  context: {
    platform: string;
    language?: string;
    contextActivities?: { parent: { objectType: 'Activity'; id: string }[] };
    extensions?: Record<string, unknown>;
  };
  timestamp: string;
}

/** A statement ready to send. */
export interface IStatement extends IDraft {
  actor: IActor;
}

/** What a statement needs besides its event. */
export interface IBuildOptions {
  /** The interface's language, as an RFC 5646 tag (`fr-FR`). */
  language?: string;
  /** The statement's time (now by default). */
  now?: Date;
  /** A fresh UUID (the browser's by default). */
  uuid?: () => string;
}

/** The xAPI statement (without actor) of an event. */
export function buildDraft(
  event: TraceEvent,
  options: IBuildOptions = {}
): IDraft {
  const draft: IDraft = {
    id: (options.uuid ?? (() => crypto.randomUUID()))(),
    verb: verbOf(event),
    object: objectOf(event),
    context: { platform: PLATFORM },
    timestamp: (options.now ?? new Date()).toISOString()
  };
  if (options.language) {
    draft.context.language = options.language;
  }
  switch (event.kind) {
    case 'cellExecuted': {
      const extensions: Record<string, unknown> = {
        [EXTENSIONS.cellType.id]: event.cellType
      };
      if (event.exception) {
        extensions[EXTENSIONS.exception.id] = event.exception;
      }
      if (event.code !== undefined) {
        extensions[EXTENSIONS.code.id] = event.code;
      }
      draft.result = { success: event.success, extensions };
      draft.context.contextActivities = {
        parent: [{ objectType: 'Activity', id: notebookId(event.path) }]
      };
      break;
    }
    case 'assignmentReturned':
      if (event.learners !== undefined) {
        draft.result = {
          extensions: { [EXTENSIONS.learners.id]: event.learners }
        };
      }
      break;
    case 'collaborationJoined':
    case 'helpAsked':
      draft.context.contextActivities = {
        parent: [{ objectType: 'Activity', id: notebookId(event.path) }]
      };
      break;
  }
  return draft;
}

/** The statement of a draft, for an actor. */
export function withActor(draft: IDraft, actor: IActor): IStatement {
  return {
    ...draft,
    actor: { objectType: 'Agent', account: { ...actor.account } }
  };
}

function verbOf(event: TraceEvent): IDraft['verb'] {
  const verb = VERB_OF_KIND[event.kind];
  return { id: verb.id, display: { ...verb.display } };
}

const VERB_OF_KIND: Record<TraceEvent['kind'], IProfileTerm> = {
  notebookOpened: VERBS.opened,
  notebookClosed: VERBS.closed,
  notebookSaved: VERBS.saved,
  cellExecuted: VERBS.executed,
  assignmentFetched: VERBS.fetched,
  assignmentHandedIn: VERBS.handedIn,
  assignmentReturned: VERBS.returned,
  resourceViewed: VERBS.viewed,
  resourceCopied: VERBS.copied,
  resourceEndorsed: VERBS.endorsed,
  collaborationJoined: VERBS.joined,
  helpAsked: VERBS.asked
};

function objectOf(event: TraceEvent): IDraft['object'] {
  switch (event.kind) {
    case 'notebookOpened':
    case 'notebookClosed':
    case 'notebookSaved':
      return activity(notebookId(event.path), ACTIVITY_TYPES.notebook);
    case 'cellExecuted':
      return activity(
        `${notebookId(event.path)}:cell:${encodeURIComponent(event.cellId)}`,
        ACTIVITY_TYPES.cell
      );
    case 'assignmentFetched':
    case 'assignmentHandedIn':
    case 'assignmentReturned':
      return activity(
        `${ACTIVITY_ID_PREFIX}assignment:${encodeURIComponent(event.assignmentId)}`,
        ACTIVITY_TYPES.assignment
      );
    case 'resourceViewed':
    case 'resourceCopied':
    case 'resourceEndorsed':
      return activity(
        `${ACTIVITY_ID_PREFIX}resource:${encodeURIComponent(event.resourceId)}`,
        ACTIVITY_TYPES.resource
      );
    case 'collaborationJoined':
      return activity(
        `${ACTIVITY_ID_PREFIX}collaboration:${pathHash(event.path)}`,
        ACTIVITY_TYPES.collaboration
      );
    case 'helpAsked':
      return activity(
        `${ACTIVITY_ID_PREFIX}help:${pathHash(event.path)}`,
        ACTIVITY_TYPES.help
      );
  }
}

function activity(id: string, type: IProfileTerm): IDraft['object'] {
  return {
    objectType: 'Activity',
    id,
    definition: { type: type.id, name: { ...type.display } }
  };
}

/** A notebook's activity id: its path hashed (a file name may hold a name). */
export function notebookId(path: string): string {
  return `${ACTIVITY_ID_PREFIX}notebook:${pathHash(path)}`;
}

/**
 * 64 bits of a path, in hex (two 32-bit FNV-1a passes with different seeds): stable,
 * synchronous, and the path cannot be read back from it. The same assignment path in
 * every pupil's home gives the same id, so a class's notebooks can be compared.
 */
export function pathHash(path: string): string {
  const hash = (seed: number): string => {
    let h = seed >>> 0;
    for (let i = 0; i < path.length; i++) {
      h ^= path.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return hash(0x811c9dc5) + hash(0x2f6c3b1d);
}
