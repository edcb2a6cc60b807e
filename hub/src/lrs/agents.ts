import {
  array,
  invalid,
  iri,
  isObject,
  Json,
  object,
  properties,
  string
} from './checks';
import { trans } from '../errors';

/**
 * Agents and Groups (xAPI 1.0.3, Part Two, 2.4.2): their checks and the key that
 * identifies one (its Inverse Functional Identifier), used by filters, documents and
 * the actor a client is bound to.
 */

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_KEYS = ['objectType', 'name', ...IFIS];
const GROUP_KEYS = [...AGENT_KEYS, 'member'];

/** Check an Agent (objectType absent or `Agent`). */
export function checkAgent(value: unknown, path: string): Json {
  const agent = object(value, path);
  properties(agent, path, AGENT_KEYS);
  if (agent.objectType !== undefined && agent.objectType !== 'Agent') {
    invalid(`${path}.objectType`, trans.__('« Agent » is expected.'));
  }
  if (agent.name !== undefined) {
    string(agent.name, `${path}.name`);
  }
  if (ifiCount(agent, path) !== 1) {
    invalid(
      path,
      trans.__(
        'an agent has exactly one identifier (mbox, mbox_sha1sum, openid or account).'
      )
    );
  }
  return agent;
}

/** Check a Group: anonymous (members, no identifier) or identified (one identifier). */
export function checkGroup(value: unknown, path: string): Json {
  const group = object(value, path);
  properties(group, path, GROUP_KEYS, ['objectType']);
  if (group.objectType !== 'Group') {
    invalid(`${path}.objectType`, trans.__('« Group » is expected.'));
  }
  if (group.name !== undefined) {
    string(group.name, `${path}.name`);
  }
  const count = ifiCount(group, path);
  if (count > 1) {
    invalid(path, trans.__('a group has at most one identifier.'));
  }
  if (group.member !== undefined) {
    array(group.member, `${path}.member`).forEach((member, index) =>
      checkAgent(member, `${path}.member[${index}]`)
    );
  }
  if (count === 0 && !(Array.isArray(group.member) && group.member.length)) {
    invalid(
      `${path}.member`,
      trans.__('an anonymous group has at least one member.')
    );
  }
  return group;
}

/** An Agent or a Group, told apart by objectType. */
export function checkActor(value: unknown, path: string): Json {
  if (isObject(value) && value.objectType === 'Group') {
    return checkGroup(value, path);
  }
  return checkAgent(value, path);
}

/**
 * The key of an Agent or identified Group (`mbox:mailto:a@b`, `account:<home>|<name>`),
 * or null for an anonymous Group.
 */
export function agentKey(agent: Json): string | null {
  if (typeof agent.mbox === 'string') {
    return `mbox:${agent.mbox.toLowerCase()}`;
  }
  if (typeof agent.mbox_sha1sum === 'string') {
    return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  }
  if (typeof agent.openid === 'string') {
    return `openid:${agent.openid}`;
  }
  if (isObject(agent.account)) {
    return `account:${String(agent.account.homePage)}|${String(agent.account.name)}`;
  }
  return null;
}

/** The agent reduced to its identifier (`format=ids`). */
export function agentIds(agent: Json): Json {
  const kept: Json = {};
  if (agent.objectType !== undefined) {
    kept.objectType = agent.objectType;
  }
  for (const ifi of IFIS) {
    if (agent[ifi] !== undefined) {
      kept[ifi] = agent[ifi];
    }
  }
  if (agent.objectType === 'Group' && Array.isArray(agent.member)) {
    if (agentKey(agent) === null) {
      kept.member = agent.member.map(member => agentIds(member as Json));
    }
  }
  return kept;
}

function ifiCount(agent: Json, path: string): number {
  let count = 0;
  if (agent.mbox !== undefined) {
    count++;
    if (!/^mailto:[^@\s]+@[^@\s]+$/.test(string(agent.mbox, `${path}.mbox`))) {
      invalid(`${path}.mbox`, trans.__('« mailto:address » is expected.'));
    }
  }
  if (agent.mbox_sha1sum !== undefined) {
    count++;
    const sum = string(agent.mbox_sha1sum, `${path}.mbox_sha1sum`);
    if (!/^[0-9a-f]{40}$/i.test(sum)) {
      invalid(
        `${path}.mbox_sha1sum`,
        trans.__('a hexadecimal SHA-1 is expected.')
      );
    }
  }
  if (agent.openid !== undefined) {
    count++;
    iri(agent.openid, `${path}.openid`);
  }
  if (agent.account !== undefined) {
    count++;
    const account = object(agent.account, `${path}.account`);
    properties(
      account,
      `${path}.account`,
      ['homePage', 'name'],
      ['homePage', 'name']
    );
    iri(account.homePage, `${path}.account.homePage`);
    string(account.name, `${path}.account.name`);
  }
  return count;
}
