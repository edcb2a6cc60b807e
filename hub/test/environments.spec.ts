import { lockId, type ILock } from '@candyce/environments';
import { unzipSync } from 'fflate';
import * as fs from 'fs';
import * as path from 'path';
import pino from 'pino';
import { Writable } from 'stream';

import { FakeSpawner } from './helpers/fakeSpawner';
import {
  outcome,
  parseEvents,
  PYTHON_VERSION,
  requirements,
  stream,
  tinyIndex
} from './helpers/environments';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * The environments API on a real hub, with real pip and Python against the engine's
 * tiny local index (never a public registry): resolving and building as event streams,
 * kernelspecs, one build for concurrent callers, cancellation, bad software lists, locks
 * carried by notebooks, repo2docker exports, package search and Python versions.
 */
describe('environments API (real pip, tiny local index)', () => {
  const index = tinyIndex();
  /** The hub's log lines (JSON), to count builds. */
  const logLines: { msg: string; environment?: string }[] = [];
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let teacher: ISignedIn;
  let pupil: ISignedIn;
  let alpha: { id: string; lock: ILock };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()));
        done();
      }
    });
    hub = await startTestHub(
      index.env,
      undefined,
      { spawner: new FakeSpawner() },
      pino({ level: 'info' }, sink)
    );
    await addUsers(hub, { prof: 'teacher', eleve: 'learner' });
    teacher = await signIn(hub, 'prof');
    pupil = await signIn(hub, 'eleve');
  });
  afterAll(() => hub.close());

  /** Resolve a list as the teacher; the stream's final event. */
  async function resolveList(...files: { path: string; content: string }[]) {
    const answer = await stream(teacher, '/environments/resolve', { files });
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/event-stream/);
    return { events: answer.events, final: outcome(answer.events) };
  }

  it('resolves a list as a stream: progress, then the environment with ipykernel added, recorded by the hub', async () => {
    const { events, final } = await resolveList(requirements('alpha'));
    expect(events[0].event).toBe('progress');
    expect(events[0].data).toMatchObject({ phase: expect.any(String) });
    expect(final.event).toBe('result');
    const environment = final.data.environment;
    expect(environment).toMatchObject({
      shortId: environment.id.slice(0, 16),
      kernelName: `candyce-${environment.id.slice(0, 16)}`,
      python: PYTHON_VERSION,
      packages: [
        { name: 'alpha', version: '1.1' },
        { name: 'beta', version: '2.0' },
        { name: 'ipykernel', version: '6.0.0' }
      ],
      files: [requirements('alpha')],
      imageOnly: [],
      addedRequirements: ['ipykernel'],
      built: false
    });
    expect(environment.id).toBe(lockId(environment.lock));
    alpha = { id: environment.id, lock: environment.lock };

    const known = await readJson(
      await teacher.call('GET', `/environments/${alpha.id}`)
    );
    expect(known.environment).toMatchObject({ id: alpha.id, built: false });
    expect(known.environment.files).toEqual([requirements('alpha')]);

    // A list that names ipykernel gets nothing added.
    const named = await resolveList(requirements('beta==1.0', 'ipykernel'));
    expect(named.final.data.environment.addedRequirements).toEqual([]);
  });

  it('builds a known environment as a stream, writes its kernelspec, and answers at once the second time', async () => {
    const first = await stream(teacher, `/environments/${alpha.id}/build`);
    expect(first.status).toBe(200);
    const result = outcome(first.events);
    expect(result.event).toBe('result');
    expect(result.data.environment).toMatchObject({
      id: alpha.id,
      built: true
    });
    const phases = new Set(first.events.map(e => e.data.phase));
    expect([...phases]).toEqual(
      expect.arrayContaining(['venv', 'install', 'done'])
    );

    const store = hub.environments.dir;
    const spec = JSON.parse(
      fs.readFileSync(
        path.join(
          store,
          'jupyter',
          'kernels',
          `candyce-${alpha.id.slice(0, 16)}`,
          'kernel.json'
        ),
        'utf8'
      )
    );
    expect(spec).toEqual({
      argv: [
        path.join(store, 'envs', alpha.id, 'bin', 'python'),
        '-m',
        'ipykernel_launcher',
        '-f',
        '{connection_file}'
      ],
      // Resolved without a name: its Python and its day, never its hash.
      display_name: expect.stringMatching(
        new RegExp(`^Environnement Python ${PYTHON_VERSION} du \\d+ `)
      ),
      language: 'python',
      metadata: {
        candyce: { environmentId: alpha.id, python: PYTHON_VERSION }
      }
    });
    expect(fs.existsSync(spec.argv[0])).toBe(true);
    // No temporary folder left beside the kernelspecs.
    expect(fs.readdirSync(path.join(store, 'jupyter'))).toEqual(['kernels']);

    const again = await stream(teacher, `/environments/${alpha.id}/build`);
    expect(again.events.map(e => e.event)).toEqual(['result']);
    expect(
      (await readJson(await teacher.call('GET', `/environments/${alpha.id}`)))
        .environment.built
    ).toBe(true);
  });

  it('builds once for two concurrent callers, who both follow the same build', async () => {
    const { final } = await resolveList(requirements('alpha==1.0'));
    const id = final.data.environment.id;
    const built = () =>
      logLines.filter(
        line =>
          line.msg === 'environment built' &&
          line.environment === id.slice(0, 16)
      ).length;
    const [a, b] = await Promise.all([
      stream(teacher, `/environments/${id}/build`),
      stream(pupil, `/environments/${id}/build`)
    ]);
    for (const answer of [a, b]) {
      expect(outcome(answer.events).data.environment).toMatchObject({
        id,
        built: true
      });
      expect(answer.events.some(e => e.data.phase === 'install')).toBe(true);
    }
    expect(built()).toBe(1);
    expect(fs.readdirSync(path.join(hub.environments.dir, 'envs'))).toEqual(
      expect.arrayContaining([id])
    );
  });

  it('tried: closing the request during a build cancels it and leaves nothing half-built in the store', async () => {
    const { final } = await resolveList(requirements('beta==1.0'));
    const id = final.data.environment.id;
    const envs = path.join(hub.environments.dir, 'envs');
    const controller = new AbortController();
    const response = await fetch(
      `${hub.url}/hub/api/v1/environments/${id}/build`,
      {
        method: 'POST',
        signal: controller.signal,
        headers: {
          cookie: [...teacher.browser.cookies]
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
          'X-Candyce-XSRF': teacher.xsrf
        }
      }
    );
    const reader = response.body!.getReader();
    let text = '';
    // Installing: the environment is being made in a temporary folder.
    while (!/"phase":"install"/.test(text)) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(fs.readdirSync(envs).some(name => name.startsWith('.'))).toBe(true);
    controller.abort();
    const deadline = Date.now() + 30_000;
    while (
      fs.readdirSync(envs).some(name => name.startsWith('.')) &&
      Date.now() < deadline
    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(fs.readdirSync(envs).filter(n => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(envs)).not.toContain(id);
    // Built whole when asked again.
    const again = await stream(teacher, `/environments/${id}/build`);
    expect(outcome(again.events).data.environment.built).toBe(true);
  });

  it('lets a pupil build a known environment but not resolve; unknown and malformed ids are refused', async () => {
    expect(
      (
        await pupil.call('POST', '/environments/resolve', {
          files: [requirements('alpha')]
        })
      ).status
    ).toBe(403);
    const built = await stream(pupil, `/environments/${alpha.id}/build`);
    expect(outcome(built.events).data.environment.id).toBe(alpha.id);
    const unknown = await pupil.call(
      'POST',
      `/environments/${'0'.repeat(64)}/build`
    );
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe('environment_unknown');
    const malformed = await pupil.call('GET', '/environments/pas-un-id');
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe(
      'invalid_environment_id'
    );
  });

  describe('bad software lists', () => {
    it.each([
      ['a body that is not JSON', '{"files": [', 'invalid_json'],
      ['files that are not a list', '{"files": "numpy"}', 'invalid_request']
    ])('tried: %s → 400 before any work', async (_what, body, code) => {
      const response = await teacher.raw('POST', '/environments/resolve', body);
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.code).toBe(code);
    });

    it.each([
      [
        'a file repo2docker does not read (notes.md, without setup.py)',
        [{ path: 'notes.md', content: '# Cours\n' }],
        'unknown_file',
        'notes.md'
      ],
      [
        'requirements.txt twice',
        [requirements('alpha'), requirements('beta')],
        'unknown_file',
        'requirements.txt'
      ],
      [
        'a malformed line (alpha >>> 2)',
        [requirements('alpha >>> 2')],
        'invalid_list',
        'requirements.txt, ligne 1'
      ],
      [
        'an environment.yml that is not YAML',
        [
          {
            path: 'environment.yml',
            content: 'dependencies:\n  - pip:\n    - alpha\n   bad: [\n'
          }
        ],
        'invalid_list',
        'YAML'
      ],
      [
        'a runtime.txt that is not name-version (python3.11)',
        [{ path: 'runtime.txt', content: 'python3.11\n' }],
        'invalid_list',
        'runtime.txt'
      ],
      [
        // repo2docker would build a separate Python 2 kernel; Candyce says it cannot.
        'runtime.txt asking for python-2.7',
        [
          requirements('alpha'),
          { path: 'runtime.txt', content: 'python-2.7\n' }
        ],
        'invalid_list',
        'Python 2.7 n’est pas pris en charge'
      ]
    ])('tried: %s → 400 in French', async (_what, files, code, mention) => {
      const response = await teacher.call('POST', '/environments/resolve', {
        files
      });
      expect(response.status).toBe(400);
      const { error } = await readJson(response);
      expect(error.code).toBe(code);
      expect(error.message).toContain(mention);
    });

    it.each([
      [
        'a package that does not exist (nexistepas)',
        [requirements('nexistepas')],
        'not-found',
        /^Le paquet « nexistepas » est introuvable dans l’index des paquets/
      ],
      [
        'an unsatisfiable pair (alpha 1.1 needs beta ≥ 2, beta==1.0 asked)',
        [requirements('alpha==1.1', 'beta==1.0')],
        'conflict',
        /^Ces paquets ne peuvent pas être installés ensemble : .*beta==1\.0/
      ],
      [
        'runtime.txt asking for a Python this machine lacks (python-3.99)',
        [{ path: 'runtime.txt', content: 'python-3.99\n' }],
        'python-missing',
        /^Python 3\.99 est demandé mais n’est pas installé sur ce serveur/
      ],
      [
        'a package whose metadata build fails (fragile)',
        [requirements('fragile')],
        'build-failed',
        /^La construction du paquet « fragile » depuis ses sources a échoué/
      ]
    ])(
      'tried: %s → an error event in French, nothing recorded',
      async (_what, files, code, mention) => {
        const before = (await hub.environments.records.all()).length;
        const { events } = await stream(teacher, '/environments/resolve', {
          files
        });
        const final = outcome(events);
        expect(final.event).toBe('error');
        expect(final.data.error.code).toBe(code);
        expect(final.data.error.message).toMatch(mention);
        expect((await hub.environments.records.all()).length).toBe(before);
      }
    );

    it('tried: a package whose build fails (broken) → build-failed event, nothing left in the store', async () => {
      const { final } = await resolveList(requirements('broken'));
      const id = final.data.environment.id;
      const { events } = await stream(teacher, `/environments/${id}/build`);
      const failed = outcome(events);
      expect(failed.event).toBe('error');
      expect(failed.data.error.code).toBe('build-failed');
      expect(failed.data.error.message).toMatch(/broken/);
      const envs = fs.readdirSync(path.join(hub.environments.dir, 'envs'));
      expect(envs).not.toContain(id);
      expect(envs.filter(name => name.startsWith('.'))).toEqual([]);
      expect(
        fs.existsSync(
          path.join(
            hub.environments.dir,
            'jupyter',
            'kernels',
            `candyce-${id.slice(0, 16)}`
          )
        )
      ).toBe(false);
    });
  });

  describe('locks carried by notebooks', () => {
    /** A lock the hub does not know yet: beta 2.0 alone. */
    function otherLock(): ILock {
      const lock: ILock = JSON.parse(JSON.stringify(alpha.lock));
      lock.packages = lock.packages.filter(p => p.name === 'beta');
      return lock;
    }

    it('registers a valid lock once (201, then 200), checked against the id the notebook names', async () => {
      const lock = otherLock();
      const body = {
        id: lockId(lock),
        lock,
        files: [requirements('beta')]
      };
      const first = await teacher.call('POST', '/environments/locks', body);
      expect(first.status).toBe(201);
      expect((await readJson(first)).environment).toMatchObject({
        id: lockId(lock),
        built: false,
        files: [requirements('beta')]
      });
      expect(
        (await teacher.call('POST', '/environments/locks', body)).status
      ).toBe(200);
      expect(
        (await pupil.call('POST', '/environments/locks', body)).status
      ).toBe(403);
    });

    it.each([
      [
        'a package version changed after pinning',
        (lock: ILock) => {
          lock.packages[0].version = '9.9';
        },
        'environment_mismatch'
      ],
      [
        'a hash that is not SHA-256',
        (lock: ILock) => {
          lock.packages[0].sha256 = 'abc';
        },
        'invalid_request'
      ],
      [
        'an unknown field',
        (lock: ILock) => {
          (lock as unknown as Record<string, unknown>).extra = true;
        },
        'invalid_request'
      ]
    ])('tried: a tampered lock (%s) → 400', async (_what, tamper, code) => {
      const lock = otherLock();
      const id = lockId(lock);
      tamper(lock);
      const before = (await hub.environments.records.all()).length;
      const response = await teacher.call('POST', '/environments/locks', {
        id,
        lock,
        files: []
      });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.code).toBe(code);
      expect((await hub.environments.records.all()).length).toBe(before);
    });

    it('tried: a lock made on another platform → 400 platform_mismatch in French', async () => {
      const lock = otherLock();
      lock.platform.machine =
        lock.platform.machine === 'aarch64' ? 'x86_64' : 'aarch64';
      const response = await teacher.call('POST', '/environments/locks', {
        id: lockId(lock),
        lock
      });
      expect(response.status).toBe(400);
      const { error } = await readJson(response);
      expect(error.code).toBe('platform_mismatch');
      expect(error.message).toMatch(/Résolvez à nouveau/);
    });
  });

  it('exports a known environment as a repository repo2docker builds as is', async () => {
    // beta alone: a lock no other list of these tests gives (the first list resolved to
    // a lock is the one an export keeps).
    const { final } = await resolveList(
      requirements('beta'),
      { path: 'apt.txt', content: 'graphviz\n' },
      { path: 'postBuild', content: '#!/bin/sh\necho prêt\n' }
    );
    const environment = final.data.environment;
    // postBuild runs in the build's sandbox here (bubblewrap): only apt.txt is image-only.
    expect(environment.imageOnly).toEqual(['apt.txt']);
    expect(environment.lock.postBuild).toBe('#!/bin/sh\necho prêt\n');
    // Nothing left aside without a word: the notes say what the builder does not apply.
    expect(environment.notes).toEqual([
      expect.stringMatching(/^apt\.txt : les paquets système \(graphviz\)/),
      expect.stringMatching(/^postBuild : exécuté à la construction/),
      expect.stringMatching(/^runtime\.txt : aucune version de Python/)
    ]);
    const response = await pupil.call(
      'GET',
      `/environments/${environment.id}/repository.zip`
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(
      `environnement-${environment.shortId}.zip`
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'apt.txt',
      'candyce-lock.json',
      'postBuild',
      'requirements.txt',
      'runtime.txt'
    ]);
    const lock: ILock = environment.lock;
    for (const item of lock.packages) {
      expect(text('requirements.txt')).toContain(
        `${item.name}==${item.version} --hash=sha256:${item.sha256}`
      );
    }
    expect(text('runtime.txt')).toBe(`python-${PYTHON_VERSION}\n`);
    expect(lockId(JSON.parse(text('candyce-lock.json')))).toBe(environment.id);
    expect(text('apt.txt')).toBe('graphviz\n');
    expect(text('README.md')).toContain('repo2docker');
    expect(text('README.md')).toContain(environment.shortId);
  });

  it('offers the Python versions it builds with', async () => {
    const options = await readJson(
      await pupil.call('GET', '/environments/options')
    );
    expect(options.pythons).toContain(PYTHON_VERSION);
    expect(options.defaultPython).toBe(PYTHON_VERSION);
  });

  it('searches package names: the find-links files and known locks, prefix matches first', async () => {
    const search = async (q: string) =>
      (
        await readJson(
          await teacher.call(
            'GET',
            `/environments/packages?q=${encodeURIComponent(q)}`
          )
        )
      ).packages.map((p: { name: string }) => p.name);
    expect(await search('alp')).toEqual(['alpha']);
    // Prefix matches first, then names that contain it (narwhals from a standard lock).
    const al = await search('al');
    expect(al[0]).toBe('alpha');
    expect(al).toContain('narwhals');
    // « a »: packages of the standard environments first (pandas contains it), then
    // among the others alpha, which starts with it, before beta, gamma and delta.
    const a = await search('a');
    expect(a.indexOf('pandas')).toBeGreaterThanOrEqual(0);
    expect(a.indexOf('pandas')).toBeLessThan(a.indexOf('alpha'));
    expect(a.indexOf('alpha')).toBeLessThan(a.indexOf('beta'));
    expect(a).toEqual(expect.arrayContaining(['beta', 'gamma', 'delta']));
    // numpy is in no find-links folder: it comes from the standard environments' locks.
    expect(await search('NumP')).toContain('numpy');
    expect(
      (await teacher.call('GET', '/environments/packages?q=a&limit=1')).status
    ).toBe(200);
    expect((await search('a&limit=1')).length).toBeLessThanOrEqual(1);
    for (const q of ['', '%20', 'x'.repeat(101)]) {
      const refused = await teacher.call(
        'GET',
        `/environments/packages?q=${q}`
      );
      expect(refused.status).toBe(400);
    }
    expect(
      (await pupil.call('GET', '/environments/packages?q=al')).status
    ).toBe(403);
  });

  it('sends each event as it comes: the first long before the result', async () => {
    const response = await teacher.call('POST', '/environments/resolve', {
      files: [requirements('alpha==1.1')]
    });
    const reader = response.body!.getReader();
    const chunks: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(new TextDecoder().decode(value));
    }
    expect(chunks[0]).toMatch(/^event: progress\n/);
    expect(chunks[0]).not.toContain('event: result');
    expect(chunks.length).toBeGreaterThan(1);
    expect(outcome(parseEvents(chunks.join(''))).event).toBe('result');
  });
});

describe('resolutions per hour (each runs pip on the hub)', () => {
  const index = tinyIndex();
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub(
      { ...index.env, CANDYCE_ENVIRONMENT_RESOLVES_PER_HOUR: '2' },
      undefined,
      { spawner: new FakeSpawner() }
    );
    await addUsers(hub, { prof: 'teacher', autre: 'teacher' });
  });
  afterAll(() => hub.close());

  it('tried: a third resolution in the hour gets a French 429 and starts nothing; others are not held back', async () => {
    const prof = await signIn(hub, 'prof');
    const files = [requirements('inexistant-nulle-part')];
    // A list with a mistake is refused before counting.
    const malformed = await prof.call('POST', '/environments/resolve', {
      files: [requirements('alpha ===')]
    });
    expect(malformed.status).toBe(400);
    for (let i = 0; i < 2; i++) {
      const answer = await stream(prof, '/environments/resolve', { files });
      expect(answer.status).toBe(200);
      expect(outcome(answer.events).event).toBe('error');
    }
    const third = await prof.call('POST', '/environments/resolve', { files });
    expect(third.status).toBe(429);
    expect((await readJson(third)).error).toEqual({
      code: 'too_many_resolutions',
      message:
        'Vous avez déjà résolu 2 listes de logiciels dans l’heure : réessayez plus tard.',
      params: [2]
    });
    const other = await signIn(hub, 'autre');
    const theirs = await stream(other, '/environments/resolve', { files });
    expect(theirs.status).toBe(200);
  });
});
