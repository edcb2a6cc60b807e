import { agentIds, agentKey } from './agents';
import { isObject, Json } from './checks';

/**
 * What a stored statement is found by, and the forms it is answered in.
 */

/** One row of `lrs_statement_index`. */
export interface IIndexRow {
  kind: 'agent' | 'verb' | 'activity' | 'registration';
  value: string;
  /** 0: the narrow filter matches it; 1: only `related_agents`/`related_activities`. */
  related: number;
}

/**
 * The rows a statement is found by (Part Three, 2.1.3): `agent` matches the actor or
 * an agent object, `related_agents` also the authority, instructor, team, group
 * members and the same in a SubStatement; `activity` matches the object, and
 * `related_activities` also the context activities and a SubStatement's.
 */
export function indexRows(statement: Json): IIndexRow[] {
  const rows: IIndexRow[] = [];
  const agent = (value: unknown, related: number) => {
    if (!isObject(value)) {
      return;
    }
    const key = agentKey(value);
    if (key !== null) {
      rows.push({ kind: 'agent', value: key, related });
    }
    if (Array.isArray(value.member)) {
      value.member.forEach(member => agent(member, 1));
    }
  };
  const activity = (value: unknown, related: number) => {
    if (isObject(value) && typeof value.id === 'string') {
      rows.push({ kind: 'activity', value: value.id, related });
    }
  };
  const body = (part: Json, related: number) => {
    agent(part.actor, related);
    const target = part.object as Json;
    if (target.objectType === 'Agent' || target.objectType === 'Group') {
      agent(target, related);
    } else if (
      target.objectType === undefined ||
      target.objectType === 'Activity'
    ) {
      activity(target, related);
    } else if (target.objectType === 'SubStatement') {
      body(target, 1);
    }
    const context = isObject(part.context) ? part.context : {};
    agent(context.instructor, 1);
    agent(context.team, 1);
    if (isObject(context.contextActivities)) {
      for (const list of Object.values(context.contextActivities)) {
        (list as unknown[]).forEach(item => activity(item, 1));
      }
    }
  };
  body(statement, 0);
  agent(statement.authority, 1);
  rows.push({
    kind: 'verb',
    value: (statement.verb as Json).id as string,
    related: 0
  });
  const context = statement.context;
  if (isObject(context) && typeof context.registration === 'string') {
    rows.push({
      kind: 'registration',
      value: context.registration,
      related: 0
    });
  }
  return dedupe(rows);
}

function dedupe(rows: IIndexRow[]): IIndexRow[] {
  const best = new Map<string, IIndexRow>();
  for (const row of rows) {
    const key = `${row.kind}\n${row.value}`;
    const seen = best.get(key);
    if (!seen || row.related < seen.related) {
      best.set(key, row);
    }
  }
  return [...best.values()];
}

/** `format` of GET statements. */
export type Format = 'exact' | 'ids' | 'canonical';

/**
 * A stored statement in the asked format: `exact` as stored, `ids` with agents,
 * activities and verbs reduced to their identifiers, `canonical` with each language
 * map reduced to the caller's best language.
 */
export function formatStatement(
  statement: Json,
  format: Format,
  languages: readonly string[]
): Json {
  if (format === 'exact') {
    return statement;
  }
  return (format === 'ids' ? Private.ids : Private.canonical(languages))(
    statement,
    ''
  ) as Json;
}

namespace Private {
  const AGENT_PLACES = new Set([
    'actor',
    'authority',
    'instructor',
    'team',
    'member'
  ]);
  const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

  export function ids(value: unknown, key: string): unknown {
    if (Array.isArray(value)) {
      return value.map(item => ids(item, key));
    }
    if (!isObject(value)) {
      return value;
    }
    if (
      AGENT_PLACES.has(key) ||
      (key === 'object' &&
        (value.objectType === 'Agent' || value.objectType === 'Group'))
    ) {
      return agentIds(value);
    }
    if (key === 'verb') {
      return { id: value.id };
    }
    if (isActivity(key, value)) {
      // Its id alone identifies an Activity; objectType is optional and Activity
      // by default (Part Three, 2.1.3: « only the minimum information necessary »).
      return { id: value.id };
    }
    return mapValues(value, ids);
  }

  export function canonical(languages: readonly string[]) {
    const walk = (value: unknown, key: string): unknown => {
      if (Array.isArray(value)) {
        return value.map(item => walk(item, key));
      }
      if (!isObject(value)) {
        return value;
      }
      if (
        LANGUAGE_MAPS.has(key) &&
        Object.values(value).every(v => typeof v === 'string')
      ) {
        const tags = Object.keys(value);
        const chosen =
          languages
            .map(
              wanted =>
                tags.find(tag => tag.toLowerCase() === wanted.toLowerCase()) ??
                tags.find(
                  tag =>
                    tag.toLowerCase().split('-')[0] ===
                    wanted.toLowerCase().split('-')[0]
                )
            )
            .find(tag => tag !== undefined) ?? tags[0];
        return chosen === undefined ? {} : { [chosen]: value[chosen] };
      }
      if (key === 'extensions') {
        return value;
      }
      return mapValues(value, walk);
    };
    return walk;
  }

  function isActivity(key: string, value: Json): boolean {
    const inContext = ['parent', 'grouping', 'category', 'other'].includes(key);
    return (
      (key === 'object' || inContext) &&
      (value.objectType === undefined || value.objectType === 'Activity') &&
      typeof value.id === 'string'
    );
  }

  function mapValues(
    value: Json,
    walk: (item: unknown, key: string) => unknown
  ): Json {
    const out: Json = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key === 'extensions' ? item : walk(item, key);
    }
    return out;
  }
}
