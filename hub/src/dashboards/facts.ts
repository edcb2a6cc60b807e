import { agentKey } from '../lrs/agents';
import { isObject, Json } from '../lrs/checks';
import { ACTIVITY_TYPES, EXCEPTION_EXTENSION, VERBS } from './vocabulary';

/**
 * What a statement adds to the daily counts: its actor, its day (UTC, from its
 * `timestamp`: when the pupil worked, not when an offline batch arrived) and which
 * counters it moves. Null for what the dashboards do not count (voiding statements,
 * groups, statements without an identified actor).
 */
export interface IStatementFacts {
  actorKey: string;
  day: string;
  at: string;
  notebookOpened: boolean;
  cellRun: boolean;
  error: boolean;
  /** The exception's name of a cell in error, if given. */
  exception: string | null;
  helpAsked: boolean;
  /** The collaboration session joined, if any. */
  collaboration: string | null;
}

/** Longest exception name kept (a Python class name is short). */
const EXCEPTION_MAX = 100;

export function statementFacts(statement: Json): IStatementFacts | null {
  const actor = statement.actor;
  const verb = isObject(statement.verb) ? statement.verb.id : undefined;
  if (
    !isObject(actor) ||
    actor.objectType === 'Group' ||
    verb === VERBS.voided
  ) {
    return null;
  }
  const actorKey = agentKey(actor);
  const time = new Date(String(statement.timestamp ?? statement.stored));
  if (actorKey === null || isNaN(time.getTime())) {
    return null;
  }
  const at = time.toISOString();
  const object = isObject(statement.object) ? statement.object : {};
  const type = isObject(object.definition) ? object.definition.type : undefined;
  const result = isObject(statement.result) ? statement.result : {};
  const cellRun = verb === VERBS.executed && type === ACTIVITY_TYPES.cell;
  const error = cellRun && result.success === false;
  const named = isObject(result.extensions)
    ? result.extensions[EXCEPTION_EXTENSION]
    : undefined;
  return {
    actorKey,
    day: at.slice(0, 10),
    at,
    notebookOpened: verb === VERBS.opened && type === ACTIVITY_TYPES.notebook,
    cellRun,
    error,
    exception:
      error && typeof named === 'string' && named
        ? named.slice(0, EXCEPTION_MAX)
        : null,
    helpAsked: verb === VERBS.asked && type === ACTIVITY_TYPES.help,
    collaboration:
      verb === VERBS.joined &&
      type === ACTIVITY_TYPES.collaboration &&
      typeof object.id === 'string'
        ? object.id
        : null
  };
}
