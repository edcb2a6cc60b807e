import express from 'express';
import * as fs from 'fs';
import { AddressInfo } from 'net';
import * as path from 'path';
import { z } from 'zod';

import {
  dateParameter,
  DomainError,
  ERROR_STATUS,
  frenchText,
  trans
} from '../src/errors';
import { errorHandler, parseOr400 } from '../src/http/errors';
import { waitMessage } from '../src/auth/rateLimit';
import { addUsers, readJson, signIn, startTestHub } from './hubHarness';

/**
 * The hub's refusals (issue 17, point 3): a code of one table, its status given by the
 * HTTP edge, the message in the reader's language (French unless they asked for
 * English), the values of its placeholders in `params`. Against real HTTP servers on
 * loopback, and a real hub with a SQLite file.
 */
const SOURCES = path.resolve(__dirname, '..', 'src');

/** Every `.ts` file under a folder. */
function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory()
      ? sources(full)
      : entry.name.endsWith('.ts')
        ? [full]
        : [];
  });
}

describe('the table of codes', () => {
  it('has a status for every code the hub throws, and no code nobody throws', () => {
    const thrown = new Set<string>();
    for (const file of sources(SOURCES)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new DomainError\(\s*'([a-z_]+)'/g)) {
        thrown.add(match[1]);
      }
    }
    expect(thrown.size).toBeGreaterThan(60);
    for (const code of thrown) {
      expect([code, ERROR_STATUS[code as keyof typeof ERROR_STATUS]]).toEqual([
        code,
        expect.any(Number)
      ]);
    }
    // Codes thrown through a variable (the engine's refusals of a lock, the problems
    // of a class name or level) are named in their modules.
    const indirect = [
      'platform_mismatch',
      'python_missing',
      'tool_failed',
      'invalid_class_name',
      'invalid_level'
    ];
    const all = fs
      .readdirSync(SOURCES, { recursive: true, encoding: 'utf8' })
      .filter(file => file.endsWith('.ts') && !file.startsWith('errors'))
      .map(file => fs.readFileSync(path.join(SOURCES, file), 'utf8'))
      .join('\n');
    for (const code of Object.keys(ERROR_STATUS)) {
      expect([code, all.includes(`'${code}'`)]).toEqual([code, true]);
    }
    expect(indirect.every(code => code in ERROR_STATUS)).toBe(true);
  });

  it('leaves no HTTP in services, parsers, stores or the policy', () => {
    // Routes (`routes.ts`) are the edge: they may name it.
    const constructed = sources(SOURCES)
      .filter(file => /\bHttpError\b/.test(fs.readFileSync(file, 'utf8')))
      .map(file => path.relative(SOURCES, file));
    expect(constructed).toEqual([]);
    for (const folder of ['policy', 'users', 'errors']) {
      for (const file of sources(path.join(SOURCES, folder)).filter(
        file => !file.endsWith('routes.ts')
      )) {
        expect([file, fs.readFileSync(file, 'utf8')]).not.toEqual([
          file,
          expect.stringMatching(/from '\.\.\/http\//)
        ]);
      }
    }
  });
});

describe('a domain error', () => {
  it('keeps its French message, placeholders filled', () => {
    const error = new DomainError(
      'not_open',
      trans.__(
        'This assignment is not open yet: it opens on %1.',
        dateParameter('2026-12-03T17:00:00.000Z')
      )
    );
    expect(error.message).toBe(
      'Ce devoir n’est pas encore ouvert : il ouvre le 3 décembre 2026 à 18:00.'
    );
    expect(error.code).toBe('not_open');
    expect(error.msgid).toBe(
      'This assignment is not open yet: it opens on %1.'
    );
  });

  it('translates messages inside messages and plural forms', () => {
    expect(frenchText(waitMessage(1000))).toBe('1 seconde');
    expect(frenchText(waitMessage(8000))).toBe('8 secondes');
    expect(frenchText(waitMessage(15 * 60_000))).toBe('15 minutes');
    const error = new DomainError(
      'login_throttled',
      trans.__(
        'Too many failures for this login from this device: try again in %1.',
        waitMessage(8000)
      )
    );
    expect(error.message).toBe(
      'Trop d’échecs pour cet identifiant depuis cet appareil : réessayez dans 8 secondes.'
    );
  });
});

describe('the HTTP edge', () => {
  let server: import('http').Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.get('/late', () => {
      throw new DomainError(
        'late_refused',
        trans.__(
          'The due date was %1: this assignment no longer accepts late work. Your work stays in your folder; talk to your teacher about it.',
          dateParameter('2026-03-01T09:30:00.000Z')
        )
      );
    });
    app.post('/parsed', request => {
      parseOr400(
        z.object({ name: z.string(), size: z.number() }),
        request.body
      );
    });
    app.get('/bug', () => {
      throw new Error('a bug with a secret');
    });
    app.use(errorHandler({ error: () => undefined }));
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('answers the code’s status, in French by default, with the params', async () => {
    const answer = await fetch(`${url}/late`);
    expect(answer.status).toBe(422);
    expect(await readJson(answer)).toEqual({
      error: {
        code: 'late_refused',
        message:
          'La date limite était le 1 mars 2026 à 10:30 : ce devoir n’accepte plus de copie en retard. Votre travail reste dans votre dossier ; parlez-en à votre enseignant.',
        params: ['1 mars 2026 à 10:30']
      }
    });
  });

  it('answers in English to a reader who prefers it', async () => {
    const answer = await fetch(`${url}/late`, {
      headers: { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5' }
    });
    expect(answer.status).toBe(422);
    expect(await readJson(answer)).toEqual({
      error: {
        code: 'late_refused',
        message:
          'The due date was 1 March 2026 at 10:30: this assignment no longer accepts late work. Your work stays in your folder; talk to your teacher about it.',
        params: ['1 March 2026 at 10:30']
      }
    });
  });

  it('tells what is wrong with a request as before, in either language', async () => {
    const post = (language: string) =>
      fetch(`${url}/parsed`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Accept-Language': language
        },
        body: JSON.stringify({ size: 'grand' })
      });
    const french = await post('fr');
    expect(french.status).toBe(400);
    expect((await readJson(french)).error).toEqual({
      code: 'invalid_request',
      message:
        'Requête invalide (name : Invalid input: expected string, received undefined ; size : Invalid input: expected number, received string).',
      params: [
        'name : Invalid input: expected string, received undefined ; size : Invalid input: expected number, received string'
      ]
    });
    const english = await readJson(await post('en'));
    expect(english.error.message).toBe(
      'Invalid request (name: Invalid input: expected string, received undefined; size: Invalid input: expected number, received string).'
    );
  });

  it('answers a body that is not JSON, and a bug without its detail', async () => {
    const bad = await fetch(`${url}/parsed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: '{'
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toEqual({
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
      params: []
    });
    const bug = await fetch(`${url}/bug`);
    expect(bug.status).toBe(500);
    const text = await bug.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text).error.message).toBe(
      'Erreur interne du serveur : réessayez dans un instant.'
    );
  });
});

describe('a hub refusal, in the user’s language', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { ada: 'learner' });
  });

  afterAll(() => hub.close());

  it('follows the language the user chose, whatever their browser says', async () => {
    const ada = await signIn(hub, 'ada');
    const join = () =>
      ada.browser.request('POST', '/hub/api/v1/assignments/join', {
        json: { code: 'ZZZZZZZZ' },
        headers: { 'X-Candyce-XSRF': ada.xsrf, 'Accept-Language': 'fr' }
      });
    const french = await join();
    expect(french.status).toBe(404);
    expect((await readJson(french)).error).toEqual({
      code: 'unknown_code',
      message:
        'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.',
      params: []
    });
    expect((await ada.call('PATCH', '/me', { language: 'en' })).status).toBe(
      200
    );
    const english = await join();
    expect(english.status).toBe(404);
    expect((await readJson(english)).error.message).toBe(
      'Unknown or expired assignment code. Check it with your teacher.'
    );
  });
});
