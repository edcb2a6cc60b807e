import { randomUUID } from 'crypto';

import type { IHub } from '../../src/main';
import { ISignedIn, readJson } from '../hubHarness';
import { XapiClient } from './xapi';

/**
 * A pupil's JupyterLab as the dashboards' tests need it: the write-only credential the
 * hub gives the signed-in user, and statements of the Candyce profile sent through the
 * LRS API with the timestamp of the day they happened.
 */
export interface IEmitter {
  actor: Record<string, unknown>;
  client: XapiClient;
  /** Post statements; the LRS's status. */
  send(statements: Record<string, unknown>[]): Promise<number>;
}

const CANDYCE = 'https://candyce.fr/xapi';

export async function emitterOf(
  user: ISignedIn,
  hubUrl: string
): Promise<IEmitter> {
  const credential = await readJson(
    await user.browser.request('POST', '/hub/lrs/credential', {
      headers: { 'X-Candyce-XSRF': user.xsrf }
    })
  );
  return emitterFrom(credential, hubUrl);
}

/**
 * A group workspace's JupyterLab: the same write-only credential, for the group's
 * account (the hub gives it to the group's server; nobody signs in as it).
 */
export async function emitterOfAccount(
  hub: Pick<IHub, 'url' | 'lrs'>,
  accountId: string
): Promise<IEmitter> {
  return emitterFrom(await hub.lrs.clients.forUser(accountId), hub.url);
}

function emitterFrom(
  credential: { key: string; secret: string; actor: unknown },
  hubUrl: string
): IEmitter {
  const client = new XapiClient(hubUrl, credential.key, credential.secret);
  const actor = credential.actor as Record<string, unknown>;
  return {
    actor,
    client,
    send: async statements =>
      (
        await client.call('POST', '/statements', {
          json: statements.map(made => ({ actor, ...made }))
        })
      ).status
  };
}

function activity(type: string, id: string) {
  return {
    objectType: 'Activity',
    id,
    definition: {
      type: `${CANDYCE}/activities/${type}`,
      name: { 'fr-FR': type }
    }
  };
}

/** A notebook opened at `timestamp`. */
export function opened(timestamp: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp,
    verb: { id: `${CANDYCE}/verbs/opened` },
    object: activity('notebook', 'urn:candyce:notebook:0123456789abcdef')
  };
}

/** A code cell run at `timestamp`; `exception` makes it an error. */
export function executed(
  timestamp: string,
  exception: string | null = null
): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp,
    verb: { id: `${CANDYCE}/verbs/executed` },
    object: activity(
      'cell',
      `urn:candyce:notebook:0123456789abcdef:cell:${randomUUID()}`
    ),
    result: {
      success: exception === null,
      extensions: {
        [`${CANDYCE}/extensions/cell-type`]: 'code',
        ...(exception ? { [`${CANDYCE}/extensions/exception`]: exception } : {})
      }
    }
  };
}

/** Help asked at `timestamp`. */
export function askedHelp(timestamp: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp,
    verb: { id: 'http://adlnet.gov/expapi/verbs/asked' },
    object: activity('help', 'urn:candyce:help:0123456789abcdef')
  };
}

/** A real-time collaboration joined at `timestamp`. */
export function joined(
  timestamp: string,
  session: string
): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp,
    verb: { id: `${CANDYCE}/verbs/joined` },
    object: activity('collaboration', `urn:candyce:collaboration:${session}`)
  };
}

/** An assignment fetched at `timestamp` (an essential statement). */
export function fetched(
  timestamp: string,
  assignmentId: string
): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp,
    verb: { id: `${CANDYCE}/verbs/fetched` },
    object: activity('assignment', `urn:candyce:assignment:${assignmentId}`)
  };
}

/** The voiding of statement `target`. */
export function voiding(target: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id: target }
  };
}

/** A notebook as an assignment's file (base64 JSON). */
export function notebookFile(source: string): {
  path: string;
  content: string;
} {
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        id: 'c1',
        metadata: {},
        source,
        outputs: [],
        execution_count: null
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  return {
    path: 'exercice.ipynb',
    content: Buffer.from(JSON.stringify(notebook)).toString('base64')
  };
}
