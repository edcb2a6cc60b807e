import { Kysely } from 'kysely';
import pino from 'pino';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import { EventService } from '../src/events/service';
import { EventStore } from '../src/events/store';
import {
  addUsers,
  Browser,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { notebook } from './helpers/resources';
import { IReceivedEvent, SseClient } from './helpers/sse';

/**
 * The news stream `GET /hub/api/v1/events`, over real HTTP on a real hub and SQLite
 * file: each piece of news reaches the people concerned and nobody else; a client that
 * dropped gets what it missed with `Last-Event-ID`, across a hub restart too; a
 * caller without a session gets 401, a malformed `Last-Event-ID` a clear 400; a client
 * whose missed events were trimmed is told to `resync`.
 *
 * The world: `prof` teaches 2de B (ada, blaise); `autre` teaches 2de C (dehors), who
 * later joins prof's assignment by share code.
 */
describe('the news stream', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const people: Record<string, ISignedIn> = {};
  const streams: Record<string, SseClient> = {};
  const ids: Record<string, string> = {};
  const names = ['prof', 'autre', 'ada', 'blaise', 'dehors'] as const;
  let classId: string;

  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const handOut = async (title: string, shareCode = false) => {
    const response = await people.prof.call('POST', '/assignments', {
      title,
      classIds: [classId],
      shareCode,
      source: {
        home: {
          path: 'cours/listes.ipynb',
          files: [{ path: 'listes.ipynb', content: b64(notebook('# Listes')) }]
        }
      }
    });
    expect(response.status).toBe(201);
    return readJson(response);
  };
  /**
   * Publish a marker to everybody and wait until each stream has it: what each had to
   * receive before it is then in its list (events arrive in order).
   */
  let markers = 0;
  const settle = async () => {
    const marker = `marqueur-${++markers}`;
    await hub.events.publish(Object.values(ids), {
      kind: 'help.request',
      data: {
        helpRequestId: marker,
        learnerDisplayName: '',
        className: '',
        path: ''
      }
    });
    await Promise.all(
      Object.values(streams).map(stream =>
        stream.waitFor(event => event.data.helpRequestId === marker)
      )
    );
  };
  const news = (stream: SseClient) =>
    stream.events
      .filter(event => event.kind !== 'help.request')
      .map(event => `${event.kind} ${event.data.title}`);

  beforeAll(async () => {
    hub = await startTestHub();
    const users = await addUsers(
      hub,
      {
        prof: 'teacher',
        autre: 'teacher',
        ada: 'learner',
        blaise: 'learner',
        dehors: 'learner'
      },
      { prof: 'Marie Curie', ada: 'Ada Lovelace', dehors: 'Élève dehors' }
    );
    for (const name of names) {
      ids[name] = users[name].id;
      people[name] = await signIn(hub, name);
    }
    classId = (
      await readJson(
        await people.prof.call('POST', '/classes', {
          name: '2de B',
          level: '2de'
        })
      )
    ).id;
    const other = (
      await readJson(
        await people.autre.call('POST', '/classes', {
          name: '2de C',
          level: '2de'
        })
      )
    ).id;
    for (const [teacher, klass, pupil] of [
      ['prof', classId, 'ada'],
      ['prof', classId, 'blaise'],
      ['autre', other, 'dehors']
    ]) {
      await people[teacher].call('POST', `/classes/${klass}/members`, {
        userName: pupil,
        membership: 'learner'
      });
    }
  });
  afterAll(async () => {
    for (const stream of Object.values(streams)) {
      stream.close();
    }
    await hub.close();
  });

  it('refuses a caller without a session (401) and a malformed Last-Event-ID (400), changing nothing', async () => {
    const anonymous = await SseClient.open(new Browser(hub.url));
    expect(anonymous.response.status).toBe(401);
    expect((await readJson(anonymous.response)).error.code).toBe(
      'unauthenticated'
    );
    for (const bad of ['abc', '-1', '1.5', '9'.repeat(16)]) {
      const refused = await SseClient.open(people.ada.browser, {
        lastEventId: bad
      });
      expect(refused.response.status).toBe(400);
      const { error } = await readJson(refused.response);
      expect(error.code).toBe('invalid_event_id');
      expect(error.message).toMatch(/Last-Event-ID/);
    }
    const byQuery = await SseClient.open(people.ada.browser, {
      query: '?lastEventId=x1'
    });
    expect(byQuery.response.status).toBe(400);
  });

  it('tells each piece of news to the people concerned, and to nobody else', async () => {
    for (const name of names) {
      streams[name] = await SseClient.open(people[name].browser);
      expect(streams[name].response.status).toBe(200);
      expect(streams[name].response.headers.get('content-type')).toMatch(
        /^text\/event-stream/
      );
    }
    const assignment = await handOut('Les listes', true);
    const forAda = await streams.ada.waitFor(
      event => event.kind === 'assignment.new'
    );
    expect(forAda.data).toEqual({
      assignmentId: assignment.id,
      title: 'Les listes',
      className: '2de B'
    });
    expect(forAda.lastEventId).toBe(String(forAda.id));

    // A hand-in: the teacher is told, with the pupil's display name and no id.
    const submitted = await people.ada.call(
      'POST',
      `/assignments/${assignment.id}/submissions`,
      {
        requestId: '00000000-0000-4000-8000-000000000001',
        files: [{ path: 'listes.ipynb', content: b64(notebook('# Ada')) }]
      }
    );
    expect(submitted.status).toBe(201);
    const handIn = await streams.prof.waitFor(
      event => event.kind === 'assignment.submitted'
    );
    expect(handIn.data).toEqual({
      assignmentId: assignment.id,
      title: 'Les listes',
      learnerDisplayName: 'Ada Lovelace',
      version: 1,
      late: false
    });
    expect(JSON.stringify(handIn)).not.toContain(ids.ada);

    // Feedback returned: Ada only.
    const url = `/assignments/${assignment.id}`;
    expect(
      (
        await people.prof.call('PUT', `${url}/feedback/ada`, {
          comment: 'Bien.',
          grade: 15,
          maxGrade: 20
        })
      ).status
    ).toBe(200);
    expect(
      (await people.prof.call('POST', `${url}/return`, { learners: ['ada'] }))
        .status
    ).toBe(200);

    // A pupil of another class joins by share code: told once, without a class.
    const joined = await people.dehors.call('POST', '/assignments/join', {
      code: assignment.shareCode
    });
    expect(joined.status).toBe(200);
    expect(
      (
        await people.dehors.call('POST', '/assignments/join', {
          code: assignment.shareCode
        })
      ).status
    ).toBe(200);

    await settle();
    expect(news(streams.ada)).toEqual([
      'assignment.new Les listes',
      'assignment.returned Les listes'
    ]);
    expect(news(streams.blaise)).toEqual(['assignment.new Les listes']);
    expect(news(streams.prof)).toEqual(['assignment.submitted Les listes']);
    expect(news(streams.autre)).toEqual([]);
    expect(news(streams.dehors)).toEqual(['assignment.new Les listes']);
    expect(
      streams.dehors.events.find(event => event.kind === 'assignment.new')!.data
        .className
    ).toBeNull();
    // Each stream's ids grow.
    for (const stream of Object.values(streams)) {
      const seen = stream.events.map(event => event.id);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it('gives a client that dropped what it missed with Last-Event-ID, once, in order, then live news', async () => {
    const last = streams.ada.events.at(-1)!;
    streams.ada.close();
    await handOut('Les boucles');
    await handOut('Les fonctions');
    const resumed = await SseClient.open(people.ada.browser, {
      lastEventId: last.lastEventId
    });
    streams.ada = resumed;
    await resumed.waitFor(event => event.data.title === 'Les fonctions');
    expect(news(resumed)).toEqual([
      'assignment.new Les boucles',
      'assignment.new Les fonctions'
    ]);
    expect(resumed.events.every(event => event.id > last.id)).toBe(true);
    // Live again after the replay.
    await handOut('Les chaînes');
    await resumed.waitFor(event => event.data.title === 'Les chaînes');
    await settle();
    expect(news(resumed)).toEqual([
      'assignment.new Les boucles',
      'assignment.new Les fonctions',
      'assignment.new Les chaînes'
    ]);
    // Without an id, no replay: a new client loads what it shows itself.
    const fresh = await SseClient.open(people.ada.browser);
    await hub.events.publish([ids.ada], {
      kind: 'assignment.returned',
      data: { assignmentId: 'x', title: 'Repère' }
    });
    await fresh.waitFor(event => event.data.title === 'Repère');
    expect(news(fresh)).toEqual(['assignment.returned Repère']);
    fresh.close();
    // `follow=false`: the missed events, then the end.
    const missed = await SseClient.open(people.blaise.browser, {
      query: `?follow=false&lastEventId=${last.id}`
    });
    await missed.untilEnded();
    expect(news(missed)).toEqual([
      'assignment.new Les boucles',
      'assignment.new Les fonctions',
      'assignment.new Les chaînes'
    ]);
  });

  it('keeps the journal across a hub restart on the same database file', async () => {
    const last = streams.blaise.events.at(-1)!;
    for (const stream of Object.values(streams)) {
      stream.close();
    }
    await handOut('Avant le redémarrage');
    const { dataDir } = hub;
    await hub.close();
    hub = await startTestHub({}, dataDir);
    const blaise = await signIn(hub, 'blaise');
    const resumed = await SseClient.open(blaise.browser, {
      lastEventId: last.lastEventId
    });
    await resumed.waitFor(event => event.data.title === 'Avant le redémarrage');
    // New ids keep growing after the restart.
    people.prof = await signIn(hub, 'prof');
    await handOut('Après le redémarrage');
    const after: IReceivedEvent = await resumed.waitFor(
      event => event.data.title === 'Après le redémarrage'
    );
    expect(news(resumed)).toEqual([
      'assignment.new Avant le redémarrage',
      'assignment.new Après le redémarrage'
    ]);
    expect(after.id).toBeGreaterThan(resumed.events[0].id);
    resumed.close();
  });

  it('shows the latest news on the hub home page, and its script resumes from the journal position', async () => {
    // The hub restarted on another port: a new sign-in.
    people.blaise = await signIn(hub, 'blaise');
    const page = await people.blaise.browser.get('/hub/home');
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('<h2 id="cdc-news-title">Nouveautés</h2>');
    expect(text).toContain(
      '<li>Nouveau devoir « Après le redémarrage » (2de B).</li>'
    );
    expect(text).toContain('role="status" aria-live="polite"');
    expect(text).toContain('<script src="/hub/static/nouvelles.js" defer>');
    const position = Number(text.match(/data-last-event-id="(\d+)"/)![1]);
    const templates = JSON.parse(
      text
        .match(/data-templates="([^"]+)"/)![1]
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
    );
    expect(templates['assignment.new'].text).toBe(
      'Nouveau devoir « %1 » (%2).'
    );
    // The script asks for what came after the page, once.
    await handOut('Pendant la lecture de la page');
    const after = await SseClient.open(people.blaise.browser, {
      query: `?follow=false&lastEventId=${position}`
    });
    await after.untilEnded();
    expect(news(after)).toEqual([
      'assignment.new Pendant la lecture de la page'
    ]);
    const script = await people.blaise.browser.get('/hub/static/nouvelles.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('new EventSource(url)');
    // A teacher without news is told what will appear there.
    await addUsers(hub, { nouvelle: 'teacher' });
    const nouvelle = await signIn(hub, 'nouvelle');
    const empty = await (await nouvelle.browser.get('/hub/home')).text();
    expect(empty).toMatch(
      /<p id="cdc-news-empty" class="cdc-muted">Rien de nouveau/
    );
  });

  it('tells a client to resync when what it missed was trimmed from the journal', async () => {
    // A second service on the same database file, keeping 2 events and replaying 3.
    const db: Kysely<IDatabase> = openDatabase(
      `sqlite:${path.join(hub.dataDir, 'candyce.db')}`
    );
    await migrate(db);
    const small = new EventService(
      new EventStore(db),
      pino({ level: 'silent' }),
      () => new Date(),
      { retentionMs: 3600_000, maxRows: 2, replayLimit: 3 }
    );
    const received: number[] = [];
    const kinds: string[] = [];
    const first = await small.open(ids.ada, null, {
      send: event => received.push(event.id)
    });
    for (const title of ['un', 'deux', 'trois', 'quatre']) {
      await small.publish([ids.ada], {
        kind: 'assignment.returned',
        data: { assignmentId: 'x', title }
      });
    }
    first();
    expect(small.connections).toBe(0);
    expect(await small.trim()).toBeGreaterThan(0);
    const close = await small.open(ids.ada, received[0], {
      send: event => kinds.push(`${event.kind} ${event.id}`)
    });
    close();
    expect(kinds).toEqual([`resync ${received[3]}`]);
    // Within the journal: the replay.
    const replayed: string[] = [];
    (
      await small.open(ids.ada, received[2], {
        send: event => replayed.push(`${event.kind} ${event.id}`)
      })
    )();
    expect(replayed).toEqual([`assignment.returned ${received[3]}`]);
    await db.destroy();
  });
});
