import {
  array,
  extensions,
  invalid,
  iri,
  isObject,
  Json,
  languageMap,
  object,
  properties,
  string
} from './checks';
import { trans } from '../errors';

/**
 * Activities and their definitions (xAPI 1.0.3, Part Two, 2.4.4.1), interaction
 * activities included.
 */

const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other'
];

/** The component lists each interaction type may carry. */
const COMPONENTS: Record<string, readonly string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps']
};
const ALL_COMPONENTS = ['choices', 'scale', 'source', 'target', 'steps'];

/** Check an Activity (objectType absent or `Activity`). */
export function checkActivity(value: unknown, path: string): Json {
  const activity = object(value, path);
  properties(activity, path, ['objectType', 'id', 'definition'], ['id']);
  if (activity.objectType !== undefined && activity.objectType !== 'Activity') {
    invalid(`${path}.objectType`, trans.__('« Activity » is expected.'));
  }
  iri(activity.id, `${path}.id`);
  if (activity.definition !== undefined) {
    checkDefinition(activity.definition, `${path}.definition`);
  }
  return activity;
}

/** The parts of a definition that gather what every statement said (by key). */
const GATHERED = ['name', 'description', 'extensions'];

/**
 * An activity's definition as the Activities resource gives it: the newer definition
 * wins, but its language maps and extensions are merged with the older one's, so that
 * two statements each naming the activity in one language give both names (Part
 * Three, 2.5: « the complete Activity Object »; Part Two, 2.4.4.1: the LRS updates the
 * stored definition).
 */
export function mergeDefinitions(older: Json, newer: Json): Json {
  const merged: Json = { ...older, ...newer };
  for (const key of GATHERED) {
    const before = older[key];
    const after = newer[key];
    if (isObject(before) && isObject(after)) {
      merged[key] = { ...before, ...after };
    }
  }
  return merged;
}

function checkDefinition(value: unknown, path: string): void {
  const definition = object(value, path);
  properties(definition, path, [
    'name',
    'description',
    'type',
    'moreInfo',
    'extensions',
    'interactionType',
    'correctResponsesPattern',
    ...ALL_COMPONENTS
  ]);
  for (const key of ['name', 'description']) {
    if (definition[key] !== undefined) {
      languageMap(definition[key], `${path}.${key}`);
    }
  }
  for (const key of ['type', 'moreInfo']) {
    if (definition[key] !== undefined) {
      iri(definition[key], `${path}.${key}`);
    }
  }
  if (definition.extensions !== undefined) {
    extensions(definition.extensions, `${path}.extensions`);
  }
  const type = definition.interactionType;
  if (
    type !== undefined &&
    !INTERACTION_TYPES.includes(string(type, `${path}.interactionType`))
  ) {
    invalid(`${path}.interactionType`, trans.__('unknown interaction type.'));
  }
  if (definition.correctResponsesPattern !== undefined) {
    if (type === undefined) {
      invalid(
        `${path}.correctResponsesPattern`,
        trans.__('needs interactionType.')
      );
    }
    array(
      definition.correctResponsesPattern,
      `${path}.correctResponsesPattern`
    ).forEach((pattern, index) =>
      string(pattern, `${path}.correctResponsesPattern[${index}]`)
    );
  }
  const allowed = typeof type === 'string' ? (COMPONENTS[type] ?? []) : [];
  for (const list of ALL_COMPONENTS) {
    if (definition[list] === undefined) {
      continue;
    }
    if (!allowed.includes(list)) {
      invalid(
        `${path}.${list}`,
        trans.__('not allowed for this interaction type.')
      );
    }
    const ids = new Set<string>();
    array(definition[list], `${path}.${list}`).forEach((item, index) => {
      const at = `${path}.${list}[${index}]`;
      const component = object(item, at);
      properties(component, at, ['id', 'description'], ['id']);
      const id = string(component.id, `${at}.id`);
      if (ids.has(id)) {
        invalid(`${at}.id`, trans.__('id already used in this list.'));
      }
      ids.add(id);
      if (component.description !== undefined) {
        languageMap(component.description, `${at}.description`);
      }
    });
  }
}
