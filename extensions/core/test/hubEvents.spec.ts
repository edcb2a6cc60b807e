import { HubEventStream, IEventSourceLike, IHubNews } from '../src/hubEvents';

/** An EventSource the test drives: it opens, delivers and fails when told. */
class FakeSource implements IEventSourceLike {
  constructor(readonly url: string) {}
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  deliver(id: number, title: string): void {
    const news: IHubNews = {
      id,
      kind: 'assignment.new',
      at: '2026-12-07T08:00:00.000Z',
      data: { assignmentId: `a${id}`, title, className: '2de B' }
    };
    this.onmessage?.(
      new MessageEvent('message', {
        data: JSON.stringify(news),
        lastEventId: String(id)
      })
    );
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
}

/** A stream on fake sources and timers; `random` 1 gives the longest wait. */
function setUp(random = 1) {
  const sources: FakeSource[] = [];
  const timers: { f: () => void; ms: number; cleared: boolean }[] = [];
  const stream = new HubEventStream({
    url: '/hub/api/v1/events',
    create: url => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    random: () => random,
    setTimer: (f, ms) => {
      const timer = { f, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: timer => {
      (timer as { cleared: boolean }).cleared = true;
    }
  });
  const received: string[] = [];
  stream.received.connect((_, news) =>
    received.push(
      news.kind === 'resync'
        ? 'resync'
        : `${news.id} ${(news.data as { title: string }).title}`
    )
  );
  const fire = () => {
    const timer = timers.at(-1)!;
    expect(timer.cleared).toBe(false);
    timer.f();
  };
  return { stream, sources, timers, received, fire };
}

describe('HubEventStream', () => {
  it('passes each event on and reconnects after a drop from the last id received', () => {
    const { stream, sources, timers, received, fire } = setUp();
    stream.start();
    stream.start();
    expect(sources.map(s => s.url)).toEqual(['/hub/api/v1/events']);
    sources[0].open();
    expect(stream.connected).toBe(true);
    sources[0].deliver(4, 'Les listes');
    sources[0].deliver(9, 'Les boucles');
    sources[0].fail();
    expect(sources[0].closed).toBe(true);
    expect(stream.connected).toBe(false);
    expect(timers).toHaveLength(1);
    fire();
    expect(sources[1].url).toBe('/hub/api/v1/events?lastEventId=9');
    sources[1].open();
    sources[1].deliver(12, 'Les fonctions');
    expect(received).toEqual([
      '4 Les listes',
      '9 Les boucles',
      '12 Les fonctions'
    ]);
    expect(stream.lastEventId).toBe('12');
  });

  it('waits longer after each failed attempt, up to the ceiling, and starts again at 1 s once open', () => {
    const { stream, sources, timers, fire } = setUp(1);
    stream.start();
    for (let i = 0; i < 9; i++) {
      sources.at(-1)!.fail();
      fire();
    }
    expect(timers.map(t => t.ms)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000
    ]);
    sources.at(-1)!.open();
    sources.at(-1)!.fail();
    expect(timers.at(-1)!.ms).toBe(1000);
  });

  it('spreads the waits of clients dropped together (half fixed, half random)', () => {
    const { stream, sources, timers } = setUp(0);
    stream.start();
    sources[0].fail();
    expect(timers[0].ms).toBe(500);
  });

  it('asks subscribers to reload when it dropped before any event (its position is unknown)', () => {
    const { stream, sources, received, fire } = setUp();
    stream.start();
    sources[0].open();
    expect(received).toEqual([]);
    sources[0].fail();
    fire();
    expect(sources[1].url).toBe('/hub/api/v1/events');
    sources[1].open();
    expect(received).toEqual(['resync']);
  });

  it('ignores a late error of a source it replaced, and stops for good', () => {
    const { stream, sources, timers, fire } = setUp();
    stream.start();
    sources[0].fail();
    fire();
    sources[0].fail();
    expect(timers).toHaveLength(1);
    sources[1].fail();
    stream.stop();
    expect(timers[1].cleared).toBe(true);
    stream.start();
    expect(sources).toHaveLength(2);
    expect(sources[1].closed).toBe(true);
  });

  it('skips a message that is not JSON', () => {
    const { stream, sources, received } = setUp();
    stream.start();
    sources[0].onmessage?.(new MessageEvent('message', { data: '<html>' }));
    sources[0].deliver(3, 'Après');
    expect(received).toEqual(['3 Après']);
  });
});
