import type { HubProcess } from '../../../hub/test/helpers/hubProcess';
import {
  HubCredentials,
  ICredential,
  parseHubCredential,
  StaticCredentials
} from '../src/credentials';
import { isEssential } from '../src/consent';
import { TraceEmitter } from '../src/emitter';
import { LrsSender } from '../src/sender';
import { buildDraft, IStatement, TraceEvent } from '../src/statements';
import { DraftStorage } from '../src/storage';
import { EXTENSIONS } from '../src/vocabulary';
import { HubSession, startDemoHub } from './hubSession';
import { settle } from './timers';

/**
 * The emitter against the hub's real LRS (a hub process with a SQLite file): every kind
 * of statement it builds is valid xAPI 1.0.3 (the LRS validates each one and stores a
 * batch only if all are), the pupil's own credential carries their consent, and
 * nothing stored names the pupil.
 */
jest.setTimeout(120_000);

const EVERY_EVENT: TraceEvent[] = [
  { kind: 'notebookOpened', path: 'Devoirs/Léa Martin - TP 1.ipynb' },
  {
    kind: 'cellExecuted',
    path: 'Devoirs/Léa Martin - TP 1.ipynb',
    cellId: '5b9f3c1e-0d1f-4a59-9a4e-3c1f9b2a7e10',
    cellType: 'code',
    success: false,
    exception: 'ZeroDivisionError',
    code: 'secret_code = 1 / 0'
  },
  {
    kind: 'cellExecuted',
    path: 'Devoirs/Léa Martin - TP 1.ipynb',
    cellId: 'c2',
    cellType: 'code',
    success: true,
    exception: null
  },
  { kind: 'notebookSaved', path: 'Devoirs/Léa Martin - TP 1.ipynb' },
  { kind: 'notebookClosed', path: 'Devoirs/Léa Martin - TP 1.ipynb' },
  { kind: 'assignmentFetched', assignmentId: 'as-1' },
  { kind: 'assignmentHandedIn', assignmentId: 'as-1' },
  { kind: 'assignmentReturned', assignmentId: 'as-1', learners: 3 },
  { kind: 'resourceViewed', resourceId: 'res-1' },
  { kind: 'resourceCopied', resourceId: 'res-1' },
  { kind: 'resourceEndorsed', resourceId: 'res-1' },
  { kind: 'collaborationJoined', path: 'Devoirs/TP 1.ipynb' },
  { kind: 'helpAsked', path: 'Devoirs/TP 1.ipynb' }
];

describe('statements against the hub LRS', () => {
  let hub: HubProcess;
  let admin: HubSession;
  let pupil: HubSession;
  let pupilName: { login: string; display: string[] };
  let readAuthorization: string;

  beforeAll(async () => {
    const started = await startDemoHub();
    hub = started.hub;
    const adminLogin = started.logins.find(l => l.role === 'admin')!;
    const pupilLogin = started.logins.find(l => l.role === 'learner')!;
    admin = await HubSession.signIn(
      hub.url,
      adminLogin.name,
      adminLogin.password
    );
    pupil = await HubSession.signIn(
      hub.url,
      pupilLogin.name,
      pupilLogin.password
    );
    const me = await (await pupil.request('GET', '/hub/api/v1/me')).json();
    pupilName = {
      login: pupilLogin.name,
      display: String(me.displayName).split(' ')
    };
    // A demo pupil has a first and last name (« Léa Martin »): both are looked for.
    expect(pupilName.display).toHaveLength(2);
    const reader = await admin.call('POST', '/hub/lrs/clients', {
      name: 'telemetry test reader',
      scope: 'read'
    });
    expect(reader.status).toBe(201);
    const { key, secret } = await reader.json();
    readAuthorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  });
  afterAll(async () => {
    await hub?.stop('SIGTERM');
  });

  async function pupilCredential(): Promise<ICredential & { raw: unknown }> {
    const answer = await pupil.call('POST', '/hub/lrs/credential');
    expect(answer.status).toBe(201);
    const raw = await answer.json();
    return { ...parseHubCredential(raw), raw };
  }

  async function storedFor(actor: object): Promise<IStatement[]> {
    const query = new URLSearchParams({
      agent: JSON.stringify(actor),
      limit: '0'
    });
    const answer = await fetch(`${hub.url}/xapi/statements?${query}`, {
      headers: {
        Authorization: readAuthorization,
        'X-Experience-API-Version': '1.0.3'
      }
    });
    expect(answer.status).toBe(200);
    return (await answer.json()).statements;
  }

  function expectNoName(statements: unknown): void {
    const text = JSON.stringify(statements);
    expect(text).not.toContain(pupilName.login);
    for (const part of pupilName.display) {
      expect(text).not.toContain(part);
    }
  }

  it('stores every kind of statement the emitter builds (valid xAPI 1.0.3), without names', async () => {
    const { actor } = await pupilCredential();
    // A write client bound to the pupil's actor, made by an administrator: the LRS's
    // validation, without the pupil's consent in the way.
    const made = await admin.call('POST', '/hub/lrs/clients', {
      name: 'telemetry test writer',
      scope: 'write',
      actor
    });
    expect(made.status).toBe(201);
    const writer = parseHubCredential({ ...(await made.json()), actor });
    const sender = new LrsSender(
      new StaticCredentials({ ...writer, level: 'full' })
    );
    const drafts = EVERY_EVENT.map(event =>
      buildDraft(event, { language: 'fr-FR' })
    );
    expect(await sender.send(drafts)).toBe('sent');
    // Sent again (a retry after a lost answer): accepted, not stored twice.
    expect(await sender.send(drafts)).toBe('sent');

    const stored = await storedFor(actor);
    expect(stored.map(s => s.id).sort()).toEqual(drafts.map(d => d.id).sort());
    const failed = stored.find(
      s => s.result?.extensions?.[EXTENSIONS.exception.id]
    )!;
    expect(failed.result!.success).toBe(false);
    expect(failed.result!.extensions![EXTENSIONS.exception.id]).toBe(
      'ZeroDivisionError'
    );
    expectNoName(stored);
    expect(JSON.stringify(stored)).not.toContain('TP 1');
  });

  it("sends through the pupil's own credential what their consent allows, and the hub stores it", async () => {
    const { raw } = await pupilCredential();
    const e = new TraceEmitter({
      source: new HubCredentials(async () =>
        (await pupil.call('POST', '/hub/lrs/credential')).json()
      ),
      storage: new DraftStorage(localStorage, 'hub-queue'),
      recordCode: false,
      language: 'fr-FR',
      queue: { flushInterval: 50 }
    });
    e.start();
    await settle();
    const before = new Set(
      (await storedFor((raw as { actor: object }).actor)).map(s => s.id)
    );
    EVERY_EVENT.forEach(event => e.record(event));
    for (let i = 0; i < 100 && e.queue!.pending.length; i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(e.queue!.pending).toHaveLength(0);
    e.dispose();
    const optional =
      (raw as { consent?: { optional?: boolean } }).consent?.optional === true;
    const stored = (await storedFor((raw as { actor: object }).actor)).filter(
      s => !before.has(s.id)
    );
    const expected = EVERY_EVENT.map(event => buildDraft(event)).filter(
      d => optional || isEssential(d)
    );
    expect(stored.map(s => s.verb.id).sort()).toEqual(
      expected.map(d => d.verb.id).sort()
    );
    expect(stored.every(s => optional || isEssential(s))).toBe(true);
    expectNoName(stored);
    expect(JSON.stringify(stored)).not.toContain('secret_code');
  });
});
