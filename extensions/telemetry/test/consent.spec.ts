import { isEssential, levelOfConsent } from '../src/consent';
import { HubCredentials } from '../src/credentials';
import { TraceEmitter } from '../src/emitter';
import type { TraceLevel } from '../src/consent';
import type { TraceEvent } from '../src/statements';
import { DraftStorage } from '../src/storage';
import { ESSENTIAL_ACTIVITY_TYPE } from '../src/vocabulary';
import { ScriptedLrs } from './lrsServer';
import { ManualTimers, settle } from './timers';

/**
 * The consent contract: statements about assignments are essential, every other one
 * optional; without `consent.optional: true` in the credential the optional ones are
 * discarded where they happen (neither sent nor kept).
 */
const ACTOR = {
  objectType: 'Agent',
  account: { homePage: 'http://hub.test', name: 'f'.repeat(32) }
};

const OPTIONAL: TraceEvent[] = [
  { kind: 'notebookOpened', path: 'tp.ipynb' },
  {
    kind: 'cellExecuted',
    path: 'tp.ipynb',
    cellId: 'c1',
    cellType: 'code',
    success: false,
    exception: 'ZeroDivisionError',
    code: 'print(1/0)'
  },
  { kind: 'resourceViewed', resourceId: 'r1' }
];
const ESSENTIAL: TraceEvent[] = [
  { kind: 'assignmentFetched', assignmentId: 'a1' },
  { kind: 'assignmentHandedIn', assignmentId: 'a1' }
];

describe('consent', () => {
  let lrs: ScriptedLrs;
  let timers: ManualTimers;
  let made: TraceEmitter[];
  /** The credential answers the hub gives, in turn (the last one repeats). */
  let answers: Record<string, unknown>[];
  let asked: number;

  beforeEach(async () => {
    lrs = await ScriptedLrs.start();
    timers = new ManualTimers();
    made = [];
    asked = 0;
    localStorage.clear();
  });
  afterEach(async () => {
    made.forEach(e => e.dispose());
    await lrs.close();
  });

  function answer(consent?: unknown, key = 'k1') {
    return {
      endpoint: lrs.endpoint,
      key,
      secret: 's',
      scope: 'write',
      actor: ACTOR,
      ...(consent === undefined ? {} : { consent })
    };
  }

  function emitter(recordCode = false): TraceEmitter {
    const e = new TraceEmitter({
      source: new HubCredentials(async () => {
        const given = answers[Math.min(asked, answers.length - 1)];
        asked++;
        return given;
      }),
      storage: new DraftStorage(localStorage, 'q'),
      recordCode,
      queue: { timers, random: () => 0 }
    });
    made.push(e);
    return e;
  }

  function recordAll(e: TraceEmitter) {
    [...OPTIONAL, ...ESSENTIAL].forEach(event => e.record(event));
  }

  it('tells essential from optional by the object type only', () => {
    const of = (type: string) => ({
      object: {
        objectType: 'Activity' as const,
        id: 'urn:x',
        definition: { type, name: {} }
      }
    });
    expect(isEssential(of(ESSENTIAL_ACTIVITY_TYPE))).toBe(true);
    expect(isEssential(of('https://candyce.fr/xapi/activities/notebook'))).toBe(
      false
    );
    expect(levelOfConsent({ consent: { optional: true } })).toBe('full');
    for (const without of [
      {},
      { consent: { optional: false } },
      { consent: { optional: 'true' } },
      { consent: null },
      null
    ]) {
      expect(levelOfConsent(without)).toBe('essential');
    }
  });

  it.each([
    ['optional: false', { optional: false }],
    ['no consent in the answer', undefined]
  ])(
    'with %s, sends only the essential statements and keeps no optional one',
    async (_, consent) => {
      answers = [answer(consent)];
      const e = emitter();
      e.start();
      await settle();
      expect(e.level).toBe('essential');
      recordAll(e);
      await timers.advance(600);
      const kept = localStorage.getItem('q')!;
      expect(JSON.parse(kept)).toHaveLength(ESSENTIAL.length);
      expect(kept).not.toContain('notebook');
      await timers.advance(10_000);
      expect(lrs.received.map(s => s.verb)).toHaveLength(ESSENTIAL.length);
      expect(lrs.received.every(s => isEssential(s as never))).toBe(true);
    }
  );

  it('with optional: true, sends every statement', async () => {
    answers = [answer({ optional: true })];
    const e = emitter();
    e.start();
    await settle();
    expect(e.level).toBe('full');
    recordAll(e);
    await timers.advance(10_000);
    expect(lrs.received).toHaveLength(OPTIONAL.length + ESSENTIAL.length);
  });

  it('holds optional statements in memory only until the consent is known', async () => {
    answers = [answer({ optional: true })];
    const e = emitter();
    recordAll(e);
    await timers.advance(600);
    expect(JSON.parse(localStorage.getItem('q')!)).toHaveLength(
      ESSENTIAL.length
    );
    e.start();
    await settle();
    expect(e.queue!.pending).toHaveLength(OPTIONAL.length + ESSENTIAL.length);

    e.dispose();
    localStorage.clear();
    answers = [answer({ optional: false })];
    asked = 0;
    const refused = emitter();
    recordAll(refused);
    refused.start();
    await settle();
    expect(refused.queue!.pending).toHaveLength(ESSENTIAL.length);
  });

  it('when consent is withdrawn (consent_required), asks again, drops the optional ones and sends the rest', async () => {
    answers = [answer({ optional: true }), answer({ optional: false }, 'k2')];
    const e = emitter();
    const levels: TraceLevel[] = [];
    e.levelChanged.connect((_, level) => levels.push(level));
    e.start();
    await settle();
    recordAll(e);
    lrs.plan = [403];
    // The hub's refusal names the reason.
    lrs.failWith = 'consent_required';
    await timers.advance(10_000);
    expect(levels).toEqual(['full', 'essential']);
    expect(lrs.requests).toHaveLength(2);
    expect(lrs.requests[0].body).toHaveLength(5);
    expect(lrs.requests[1].body).toHaveLength(ESSENTIAL.length);
    expect(lrs.requests[1].headers.authorization).toBe(
      `Basic ${Buffer.from('k2:s').toString('base64')}`
    );
    expect(e.queue!.pending).toHaveLength(0);
    e.record(OPTIONAL[0]);
    expect(e.queue!.pending).toHaveLength(0);
  });

  it('asks for a fresh credential when the LRS answers 401 (another tab revoked it)', async () => {
    answers = [
      answer({ optional: true }, 'old'),
      answer({ optional: true }, 'new')
    ];
    const e = emitter();
    e.start();
    await settle();
    e.record(ESSENTIAL[0]);
    lrs.plan = [401];
    await timers.advance(10_000);
    expect(lrs.requests.map(r => r.headers.authorization)).toEqual([
      `Basic ${Buffer.from('old:s').toString('base64')}`,
      `Basic ${Buffer.from('new:s').toString('base64')}`
    ]);
    expect(e.queue!.pending).toHaveLength(0);
  });

  it('records the code of a cell only when the deployment says so', async () => {
    answers = [answer({ optional: true })];
    for (const recordCode of [false, true]) {
      const e = emitter(recordCode);
      e.start();
      await settle();
      e.record(OPTIONAL[1]);
      const [draft] = e.queue!.pending;
      const extensions = draft.result!.extensions!;
      expect(extensions['https://candyce.fr/xapi/extensions/exception']).toBe(
        'ZeroDivisionError'
      );
      expect(JSON.stringify(draft).includes('print(1/0)')).toBe(recordCode);
      e.dispose();
      localStorage.clear();
    }
  });

  it('without an LRS, records nothing and forgets what an earlier set-up kept', () => {
    localStorage.setItem('q', JSON.stringify([{ id: 'old' }]));
    const e = new TraceEmitter({
      source: null,
      storage: new DraftStorage(localStorage, 'q'),
      recordCode: false
    });
    expect(e.level).toBe('none');
    recordAll(e);
    expect(e.queue).toBeNull();
    expect(localStorage.getItem('q')).toBeNull();
  });
});
