import { checkActivity } from './activity';
import { agentKey, checkActor, checkAgent, checkGroup } from './agents';
import {
  array,
  boolean,
  duration,
  extensions,
  invalid,
  iri,
  isObject,
  Json,
  languageMap,
  languageTag,
  noNulls,
  number,
  object,
  properties,
  string,
  timestamp,
  uuid
} from './checks';
import { trans } from '../errors';

/**
 * The checks of a statement (xAPI 1.0.3, Part Two, 2.4), made by the LRS before it
 * stores anything (Part Three, 2.1). {@link checkStatement} answers the statement in
 * the form it is stored in: single context activities become arrays of one.
 */

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments'
];
const SUBSTATEMENT_KEYS = [
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments'
];

/** Check a statement as sent by a client; a copy in its stored form. */
export function checkStatement(value: unknown, path = 'statement'): Json {
  noNulls(value, path);
  const statement = structuredClone(object(value, path));
  properties(statement, path, STATEMENT_KEYS, ['actor', 'verb', 'object']);
  if (statement.id !== undefined) {
    statement.id = uuid(statement.id, `${path}.id`).toLowerCase();
  }
  checkBody(statement, path, false);
  if (statement.stored !== undefined) {
    timestamp(statement.stored, `${path}.stored`);
  }
  if (statement.authority !== undefined) {
    checkAuthority(statement.authority, `${path}.authority`);
  }
  if (statement.version !== undefined) {
    const version = string(statement.version, `${path}.version`);
    if (!/^1\.0(\.\d+)?$/.test(version)) {
      invalid(`${path}.version`, trans.__('a version 1.0.x is expected.'));
    }
  }
  return statement;
}

/** What statements and sub-statements share. */
function checkBody(statement: Json, path: string, nested: boolean): void {
  checkActor(statement.actor, `${path}.actor`);
  const verb = object(statement.verb, `${path}.verb`);
  properties(verb, `${path}.verb`, ['id', 'display'], ['id']);
  iri(verb.id, `${path}.verb.id`);
  if (verb.display !== undefined) {
    languageMap(verb.display, `${path}.verb.display`);
  }
  const target = checkObject(statement.object, `${path}.object`, nested);
  if (verb.id === VOIDED_VERB && target.objectType !== 'StatementRef') {
    invalid(
      `${path}.object`,
      trans.__('a voiding statement targets a StatementRef.')
    );
  }
  if (statement.result !== undefined) {
    checkResult(statement.result, `${path}.result`);
  }
  if (statement.context !== undefined) {
    checkContext(statement.context, `${path}.context`, target);
  }
  if (statement.timestamp !== undefined) {
    timestamp(statement.timestamp, `${path}.timestamp`);
  }
  if (statement.attachments !== undefined) {
    array(statement.attachments, `${path}.attachments`).forEach((item, index) =>
      checkAttachment(item, `${path}.attachments[${index}]`)
    );
  }
}

function checkObject(
  value: unknown,
  path: string,
  inSubStatement: boolean
): Json {
  const target = object(value, path);
  switch (target.objectType) {
    case undefined:
    case 'Activity':
      return checkActivity(target, path);
    case 'Agent':
      return checkAgent(target, path);
    case 'Group':
      return checkGroup(target, path);
    case 'StatementRef':
      properties(target, path, ['objectType', 'id'], ['id']);
      target.id = uuid(target.id, `${path}.id`).toLowerCase();
      return target;
    case 'SubStatement':
      if (inSubStatement) {
        invalid(
          path,
          trans.__('a SubStatement cannot contain a SubStatement.')
        );
      }
      properties(target, path, SUBSTATEMENT_KEYS, ['actor', 'verb', 'object']);
      checkBody(target, path, true);
      return target;
    default:
      return invalid(`${path}.objectType`, trans.__('unknown objectType.'));
  }
}

function checkResult(value: unknown, path: string): void {
  const result = object(value, path);
  properties(result, path, [
    'score',
    'success',
    'completion',
    'response',
    'duration',
    'extensions'
  ]);
  if (result.score !== undefined) {
    const score = object(result.score, `${path}.score`);
    properties(score, `${path}.score`, ['scaled', 'raw', 'min', 'max']);
    for (const key of ['scaled', 'raw', 'min', 'max']) {
      if (score[key] !== undefined) {
        number(score[key], `${path}.score.${key}`);
      }
    }
    const { scaled, raw, min, max } = score as Record<
      string,
      number | undefined
    >;
    if (scaled !== undefined && (scaled < -1 || scaled > 1)) {
      invalid(`${path}.score.scaled`, trans.__('must be between -1 and 1.'));
    }
    if (min !== undefined && max !== undefined && min >= max) {
      invalid(`${path}.score.min`, trans.__('must be less than max.'));
    }
    if (
      raw !== undefined &&
      ((min !== undefined && raw < min) || (max !== undefined && raw > max))
    ) {
      invalid(`${path}.score.raw`, trans.__('must be between min and max.'));
    }
  }
  for (const key of ['success', 'completion']) {
    if (result[key] !== undefined) {
      boolean(result[key], `${path}.${key}`);
    }
  }
  if (result.response !== undefined) {
    string(result.response, `${path}.response`);
  }
  if (result.duration !== undefined) {
    duration(result.duration, `${path}.duration`);
  }
  if (result.extensions !== undefined) {
    extensions(result.extensions, `${path}.extensions`);
  }
}

function checkContext(value: unknown, path: string, target: Json): void {
  const context = object(value, path);
  properties(context, path, [
    'registration',
    'instructor',
    'team',
    'contextActivities',
    'revision',
    'platform',
    'language',
    'statement',
    'extensions'
  ]);
  if (context.registration !== undefined) {
    context.registration = uuid(
      context.registration,
      `${path}.registration`
    ).toLowerCase();
  }
  if (context.instructor !== undefined) {
    checkActor(context.instructor, `${path}.instructor`);
  }
  if (context.team !== undefined) {
    checkGroup(context.team, `${path}.team`);
  }
  const isActivity =
    target.objectType === undefined || target.objectType === 'Activity';
  for (const key of ['revision', 'platform']) {
    if (context[key] !== undefined) {
      string(context[key], `${path}.${key}`);
      if (!isActivity) {
        invalid(
          `${path}.${key}`,
          trans.__('only when the object is an activity.')
        );
      }
    }
  }
  if (context.language !== undefined) {
    languageTag(context.language, `${path}.language`);
  }
  if (context.statement !== undefined) {
    const ref = object(context.statement, `${path}.statement`);
    properties(
      ref,
      `${path}.statement`,
      ['objectType', 'id'],
      ['objectType', 'id']
    );
    if (ref.objectType !== 'StatementRef') {
      invalid(
        `${path}.statement.objectType`,
        trans.__('« StatementRef » is expected.')
      );
    }
    ref.id = uuid(ref.id, `${path}.statement.id`).toLowerCase();
  }
  if (context.extensions !== undefined) {
    extensions(context.extensions, `${path}.extensions`);
  }
  if (context.contextActivities !== undefined) {
    const activities = object(
      context.contextActivities,
      `${path}.contextActivities`
    );
    properties(activities, `${path}.contextActivities`, [
      'parent',
      'grouping',
      'category',
      'other'
    ]);
    for (const [key, list] of Object.entries(activities)) {
      // A single activity is stored as an array of one (Part Two, 2.4.6.2).
      const items = Array.isArray(list) ? list : [list];
      items.forEach((item, index) =>
        checkActivity(item, `${path}.contextActivities.${key}[${index}]`)
      );
      activities[key] = items;
    }
  }
}

function checkAuthority(value: unknown, path: string): void {
  if (isObject(value) && value.objectType === 'Group') {
    const group = checkGroup(value, path);
    // Only OAuth's anonymous group of two agents (the application and the user).
    if (
      agentKey(group) !== null ||
      !Array.isArray(group.member) ||
      group.member.length !== 2
    ) {
      invalid(
        path,
        trans.__('an authority group is anonymous, with exactly two members.')
      );
    }
    return;
  }
  checkAgent(value, path);
}

function checkAttachment(value: unknown, path: string): void {
  const attachment = object(value, path);
  properties(
    attachment,
    path,
    [
      'usageType',
      'display',
      'description',
      'contentType',
      'length',
      'sha2',
      'fileUrl'
    ],
    ['usageType', 'display', 'contentType', 'length', 'sha2']
  );
  iri(attachment.usageType, `${path}.usageType`);
  languageMap(attachment.display, `${path}.display`);
  if (attachment.description !== undefined) {
    languageMap(attachment.description, `${path}.description`);
  }
  if (
    !/^[\w.+-]+\/[\w.+-]+/.test(
      string(attachment.contentType, `${path}.contentType`)
    )
  ) {
    invalid(`${path}.contentType`, trans.__('a content type is expected.'));
  }
  const length = number(attachment.length, `${path}.length`);
  if (!Number.isInteger(length) || length < 0) {
    invalid(`${path}.length`, trans.__('a non-negative integer is expected.'));
  }
  if (!/^[0-9a-f]{56,128}$/i.test(string(attachment.sha2, `${path}.sha2`))) {
    invalid(`${path}.sha2`, trans.__('a hexadecimal SHA-2 is expected.'));
  }
  if (attachment.fileUrl !== undefined) {
    iri(attachment.fileUrl, `${path}.fileUrl`);
  }
}
