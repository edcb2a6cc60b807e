import { TraceEmitter } from '../src/emitter';
import { HubCredentials } from '../src/credentials';
import { backoffDelay } from '../src/queue';
import type { TraceEvent } from '../src/statements';
import { DraftStorage } from '../src/storage';
import { ScriptedLrs } from './lrsServer';
import { ManualTimers, settle } from './timers';

/**
 * The emitter's queue against a real HTTP server standing for the LRS: batching,
 * back-off, keeping statements across a reload, never blocking the caller.
 */
const ACTOR = {
  objectType: 'Agent',
  account: {
    homePage: 'http://hub.test',
    name: 'a1b2c3d4e5f6a7b8a1b2c3d4e5f6a7b8'
  }
};

function credentialAnswer(endpoint: string, optional: boolean) {
  return {
    endpoint,
    key: 'k',
    secret: 's',
    scope: 'write',
    actor: ACTOR,
    consent: { optional }
  };
}

const SAVED = (path = 'devoirs/tp1.ipynb'): TraceEvent => ({
  kind: 'notebookSaved',
  path
});
const FETCHED = (id = 'a1'): TraceEvent => ({
  kind: 'assignmentFetched',
  assignmentId: id
});

describe('the statement queue', () => {
  let lrs: ScriptedLrs;
  let timers: ManualTimers;
  let emitters: TraceEmitter[];

  beforeEach(async () => {
    lrs = await ScriptedLrs.start();
    timers = new ManualTimers();
    emitters = [];
    localStorage.clear();
  });
  afterEach(async () => {
    emitters.forEach(e => e.dispose());
    await lrs.close();
  });

  function emitter(
    options: {
      optional?: boolean;
      key?: string;
      endpoint?: string;
      limit?: number;
    } = {}
  ): TraceEmitter {
    const made = new TraceEmitter({
      source: new HubCredentials(async () =>
        credentialAnswer(
          options.endpoint ?? lrs.endpoint,
          options.optional ?? true
        )
      ),
      storage: new DraftStorage(
        localStorage,
        options.key ?? 'q',
        options.limit
      ),
      recordCode: false,
      queue: {
        timers,
        random: () => 0.5,
        batchSize: 20,
        flushInterval: 10_000
      }
    });
    made.start();
    emitters.push(made);
    return made;
  }

  it('sends full batches at once and the rest after the interval', async () => {
    const e = emitter();
    await settle();
    for (let i = 0; i < 45; i++) {
      e.record(SAVED(`n${i}.ipynb`));
    }
    await timers.advance(0);
    expect(lrs.requests.map(r => r.body.length)).toEqual([20, 20]);
    await timers.advance(9_999);
    expect(lrs.requests).toHaveLength(2);
    await timers.advance(1);
    expect(lrs.requests.map(r => r.body.length)).toEqual([20, 20, 5]);
    expect(new Set(lrs.received.map(s => s.id)).size).toBe(45);
    expect(e.queue!.pending).toHaveLength(0);
    expect(localStorage.getItem('q')).toBeNull();
  });

  it('posts xAPI 1.0.3 with the credential in the header and the pseudonymous actor', async () => {
    const e = emitter();
    e.record(FETCHED());
    await timers.advance(10_000);
    const [request] = lrs.requests;
    expect(request.headers['x-experience-api-version']).toBe('1.0.3');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('k:s').toString('base64')}`
    );
    expect(request.headers.cookie).toBeUndefined();
    expect(request.body[0].actor).toEqual(ACTOR);
  });

  it('retries with exponential back-off and jitter, then sends the same statements once', async () => {
    const e = emitter();
    lrs.plan = [503, 'drop', 500, 429];
    for (let i = 0; i < 3; i++) {
      e.record(FETCHED(`a${i}`));
    }
    await timers.advance(10_000);
    expect(lrs.requests).toHaveLength(1);
    // random() = 0.5: half of the cap plus a quarter: 1500, 3000, 6000, 12000 ms.
    for (const [n, delay] of [1500, 3000, 6000, 12000].entries()) {
      expect(e.queue!.attempts).toBe(n + 1);
      expect(timers.delays[timers.delays.length - 1]).toBe(delay);
      await timers.advance(delay - 1);
      expect(lrs.requests).toHaveLength(n + 1);
      await timers.advance(1);
      expect(lrs.requests).toHaveLength(n + 2);
    }
    expect(e.queue!.attempts).toBe(0);
    expect(e.queue!.pending).toHaveLength(0);
    const ids = lrs.requests.map(r => r.body.map(s => s.id).join());
    expect(new Set(ids).size).toBe(1);
  });

  it('caps the back-off and spreads it with jitter', () => {
    const backoff = { base: 2000, max: 300_000 };
    expect(backoffDelay(1, backoff, () => 0)).toBe(1000);
    expect(backoffDelay(1, backoff, () => 1)).toBe(2000);
    expect(backoffDelay(30, backoff, () => 1)).toBe(300_000);
    expect(backoffDelay(30, backoff, () => 0)).toBe(150_000);
    const spread = new Set(
      Array.from({ length: 50 }, () => backoffDelay(5, backoff))
    );
    expect(spread.size).toBeGreaterThan(10);
  });

  it('drops a batch the LRS refuses for good (400), and goes on', async () => {
    const e = emitter();
    lrs.plan = [400];
    e.record(FETCHED('a1'));
    await timers.advance(10_000);
    expect(e.queue!.pending).toHaveLength(0);
    e.record(FETCHED('a2'));
    await timers.advance(10_000);
    expect(lrs.requests).toHaveLength(2);
    expect(e.queue!.attempts).toBe(0);
  });

  it('keeps statements across a reload while offline, and sends them once back online', async () => {
    // Offline: nothing listens where the first page sends.
    const offline = await ScriptedLrs.start();
    const gone = offline.endpoint;
    await offline.close();
    const first = emitter({ endpoint: gone, key: 'user-1' });
    first.record(FETCHED('a1'));
    first.record(SAVED());
    await timers.advance(10_000);
    expect(first.queue!.attempts).toBe(1);
    await timers.advance(1000);
    const kept = JSON.parse(localStorage.getItem('user-1')!);
    expect(kept.map((d: { object: { id: string } }) => d.object.id)).toEqual([
      'urn:candyce:assignment:a1',
      expect.stringMatching(/^urn:candyce:notebook:[0-9a-f]{16}$/)
    ]);
    // The page is reloaded (the first emitter is gone) and the network is back.
    first.dispose();
    const second = emitter({ key: 'user-1' });
    expect(second.queue!.pending).toHaveLength(2);
    await timers.advance(0);
    expect(lrs.received.map(s => s.id)).toEqual(
      kept.map((d: { id: string }) => d.id)
    );
    expect(localStorage.getItem('user-1')).toBeNull();
    // Another user's queue on the same computer is not sent with this credential.
    expect(emitter({ key: 'user-2' }).queue!.pending).toHaveLength(0);
  });

  it('bounds what is kept, dropping the oldest optional statements first', async () => {
    const e = emitter({ endpoint: 'http://127.0.0.1:1/xapi/', limit: 4 });
    await settle();
    e.record(SAVED('1'));
    e.record(FETCHED('a1'));
    e.record(SAVED('2'));
    e.record(SAVED('3'));
    e.record(FETCHED('a2'));
    e.record(SAVED('4'));
    const kinds = e.queue!.pending.map(d => d.object.id.split(':')[2]);
    expect(kinds).toEqual(['assignment', 'notebook', 'assignment', 'notebook']);
    expect(e.queue!.pending[1].object.id).toBe(emitterlessNotebookId('3'));
  });

  it('never makes the caller wait, even when the LRS does not answer', async () => {
    const e = new TraceEmitter({
      source: new HubCredentials(async () =>
        credentialAnswer(lrs.endpoint, true)
      ),
      storage: new DraftStorage(localStorage, 'hang'),
      recordCode: false,
      // A network that never answers.
      fetch: () => new Promise<Response>(() => undefined),
      queue: { timers }
    });
    emitters.push(e);
    e.start();
    await settle();
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      expect(e.record(SAVED(`n${i}`))).toBeUndefined();
      await timers.advance(0);
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(e.queue!.pending).toHaveLength(200);
  });
});

function emitterlessNotebookId(path: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../src/statements').notebookId(path);
}
