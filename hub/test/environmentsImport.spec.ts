import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

import { FakeSpawner } from './helpers/fakeSpawner';
import {
  outcome,
  PYTHON_VERSION,
  requirements,
  stream,
  tinyIndex,
  VENV
} from './helpers/environments';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/** The engine's Binder scenarios: one folder per repo2docker rule and file kind. */
const SCENARIOS = path.resolve(
  __dirname,
  '..',
  '..',
  'environments',
  'test',
  'scenarios'
);

/** What a scenario expects (environments/test/scenarios.spec.ts says more). */
interface IExpected {
  python: string | null;
  installsRepository: string | null;
  notes: string[];
  problems: string[];
  build?: boolean;
  buildFails?: string;
  packages?: string[];
  imports?: string[];
}

/** A scenario folder as a teacher brings it: every file, and its binder folders. */
function readRepository(dir: string): {
  files: { path: string; content: string }[];
  folders: string[];
} {
  const files: { path: string; content: string }[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), {
      withFileTypes: true
    })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(relative);
      } else if (relative !== 'expected.json' && entry.name !== '.gitkeep') {
        files.push({
          path: relative,
          content: fs.readFileSync(path.join(dir, relative), 'utf8')
        });
      }
    }
  };
  walk('');
  const folders = ['binder', '.binder'].filter(name =>
    fs.existsSync(path.join(dir, name))
  );
  return { files, folders };
}

/**
 * Importing a Binder repository into the hub (`POST /environments/resolve` with its
 * files), on a real hub with real pip, venv and bubblewrap against the tiny local
 * index: every scenario of the engine gives what `candyce-env` gives (the same refusal,
 * or the same notes and packages, ipykernel added), and bad input is refused with a
 * code before anything is stored.
 */
describe('importing a Binder repository into the hub', () => {
  const index = tinyIndex();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let teacher: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub(
      { ...index.env, CANDYCE_ENVIRONMENT_RESOLVES_PER_HOUR: '1000' },
      undefined,
      { spawner: new FakeSpawner() }
    );
    await addUsers(hub, { prof: 'teacher' });
    teacher = await signIn(hub, 'prof');
  });
  afterAll(() => hub.close());

  const scenarios = fs
    .readdirSync(SCENARIOS)
    .sort()
    .map(name => ({
      name,
      dir: path.join(SCENARIOS, name),
      expected: JSON.parse(
        fs.readFileSync(path.join(SCENARIOS, name, 'expected.json'), 'utf8')
      ) as IExpected
    }));

  it.each(scenarios.map(s => [s.name, s]))(
    'scenario %s: what candyce-env gives',
    async (_name, { dir, expected }) => {
      const body = readRepository(dir);
      const before = (await hub.environments.records.all()).length;
      if (expected.problems.length) {
        const response = await teacher.call(
          'POST',
          '/environments/resolve',
          body
        );
        expect(response.status).toBe(400);
        const { error } = await readJson(response);
        expect(error.code).toBe('invalid_list');
        for (const problem of expected.problems) {
          expect(error.message).toMatch(new RegExp(problem.replace(/^\^/, '')));
        }
        expect((await hub.environments.records.all()).length).toBe(before);
        return;
      }
      const { status, events } = await stream(
        teacher,
        '/environments/resolve',
        body
      );
      expect(status).toBe(200);
      const final = outcome(events);
      if (expected.python !== null && expected.python !== PYTHON_VERSION) {
        // Not installed on this machine: said in French, nothing recorded.
        expect(final.data.error.code).toBe('python-missing');
        expect(final.data.error.message).toContain(
          `Python ${expected.python} est demandé`
        );
        return;
      }
      if (expected.installsRepository && !expected.build) {
        // The repository's setup.py needs setuptools, which the tiny index lacks: the
        // hub did build the repository's wheel from the files sent, as the CLI does.
        expect(final.data.error.code).toBe('build-failed');
        expect(final.data.error.message).toMatch(
          /^Le dépôt lui-même n’a pas pu être construit \(pip install \.\) : .*setuptools/
        );
        return;
      }
      expect(final.data.error).toBeUndefined();
      const { environment } = final.data;
      expect(environment.notes).toEqual(
        expected.notes.map(note => expect.stringMatching(new RegExp(note)))
      );
      if (!expected.build) {
        return;
      }
      expect(
        environment.packages
          .map(
            (p: { name: string; version: string }) => `${p.name}==${p.version}`
          )
          .filter((p: string) => !p.startsWith('ipykernel=='))
      ).toEqual(expected.packages);
      const built = outcome(
        (await stream(teacher, `/environments/${environment.id}/build`)).events
      );
      if (expected.buildFails) {
        expect(built.data.error.code).toBe('build-failed');
        expect(built.data.error.message).toMatch(
          new RegExp(expected.buildFails)
        );
        expect(await hub.environments.store.has(environment.id)).toBe(false);
        return;
      }
      expect(built.event).toBe('result');
      const python = path.join(
        hub.environments.store.pathOf(environment.id),
        'bin',
        'python'
      );
      for (const module of expected.imports ?? []) {
        // From a folder without the repository's sources: the wheel was installed.
        execFileSync(python, ['-c', `import ${module}`], { cwd: '/' });
      }
    }
  );

  it('keeps postBuild in the lock when it runs, and not among the image-only files', async () => {
    const { events } = await stream(teacher, '/environments/resolve', {
      files: [
        requirements('alpha'),
        { path: 'postBuild', content: '#!/bin/sh\necho réglé\n' }
      ]
    });
    const { environment } = outcome(events).data;
    expect(environment.lock.postBuild).toBe('#!/bin/sh\necho réglé\n');
    expect(environment.imageOnly).toEqual([]);
    // The environment's details say the same when read again from the record.
    const again = await teacher.call('GET', `/environments/${environment.id}`);
    expect((await readJson(again)).environment.notes).toEqual(
      environment.notes
    );
    expect(environment.notes).toEqual([
      expect.stringMatching(/^postBuild : exécuté à la construction/),
      expect.stringMatching(/^runtime\.txt : aucune version de Python/)
    ]);
  });

  it('solves conda packages against the deployment’s channels (CANDYCE_CONDA_CHANNELS), built into the environment', async () => {
    // A tiny local channel the engine's fixture makes and indexes with rattler.
    const channel = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-canal-'));
    execFileSync(path.join(VENV, 'bin', 'python'), [
      path.join(SCENARIOS, '..', 'fixtures', 'makeCondaChannel.py'),
      channel
    ]);
    const url = pathToFileURL(channel).href;
    // A hub of its own, configured with the channel as a deployment is.
    const conda = await startTestHub(
      {
        ...index.env,
        CANDYCE_ENVIRONMENT_RESOLVES_PER_HOUR: '1000',
        CANDYCE_CONDA_CHANNELS: url
      },
      undefined,
      { spawner: new FakeSpawner() }
    );
    try {
      await addUsers(conda, { prof: 'teacher' });
      const teacher = await signIn(conda, 'prof');
      const { events } = await stream(teacher, '/environments/resolve', {
        files: [
          {
            path: 'environment.yml',
            content: `dependencies:\n  - python=${PYTHON_VERSION}\n  - outil-cours\n`
          }
        ]
      });
      const { environment } = outcome(events).data;
      expect(environment.notes).toEqual([
        `environment.yml : paquets conda résolus et installés depuis les canaux conda de la plateforme (${url}) plutôt que depuis conda-forge : outil-cours. Le Python reste celui de l’environnement : un paquet conda qui demande le Python de conda est refusé.`
      ]);
      expect(
        environment.lock.conda.packages.map((p: { name: string }) => p.name)
      ).toEqual(['donnees-cours', 'outil-cours']);
      expect(environment.imageOnly).toEqual([]);
      const built = outcome(
        (await stream(teacher, `/environments/${environment.id}/build`)).events
      );
      expect(built.event).toBe('result');
      const tool = path.join(
        conda.environments.store.pathOf(environment.id),
        'bin',
        'outil-cours'
      );
      expect(execFileSync(tool).toString()).toBe('outil du cours\nx,y\n1,2\n');
    } finally {
      await conda.close();
      fs.rmSync(channel, { recursive: true, force: true });
    }
  });

  describe('bad input: a clear 400 with a code, nothing stored', () => {
    const big = 'x'.repeat(100_001);
    it.each([
      [
        'a file too large (requirements.txt of 100 001 bytes)',
        [{ path: 'requirements.txt', content: big }],
        'software_file_too_large',
        'requirements.txt'
      ],
      [
        'a path that leaves the repository (../requirements.txt)',
        [{ path: '../requirements.txt', content: 'alpha\n' }],
        'invalid_path',
        '../requirements.txt'
      ],
      [
        'a path through binder/ that leaves it (binder/../../etc/passwd)',
        [{ path: 'binder/../../etc/passwd', content: 'x\n' }],
        'invalid_path',
        'binder/../../etc/passwd'
      ],
      [
        'an absolute path (/etc/passwd)',
        [{ path: '/etc/passwd', content: 'x\n' }],
        'invalid_path',
        '/etc/passwd'
      ],
      [
        'a backslash path (..\\requirements.txt)',
        [{ path: '..\\requirements.txt', content: 'alpha\n' }],
        'invalid_path',
        'requirements.txt'
      ],
      [
        'an unknown file without setup.py (notes.md)',
        [requirements('alpha'), { path: 'notes.md', content: '# cours\n' }],
        'unknown_file',
        'notes.md'
      ],
      [
        'an unknown file in binder/ even with setup.py',
        [
          {
            path: 'setup.py',
            content: 'from setuptools import setup\nsetup()\n'
          },
          { path: 'binder/outil.py', content: 'x = 1\n' }
        ],
        'unknown_file',
        'binder/outil.py'
      ],
      [
        'a hidden source file (.env) beside setup.py',
        [
          {
            path: 'setup.py',
            content: 'from setuptools import setup\nsetup()\n'
          },
          { path: '.env', content: 'SECRET=1\n' }
        ],
        'unknown_file',
        '.env'
      ],
      [
        'the same file twice (requirements.txt and ./requirements.txt)',
        [
          requirements('alpha'),
          { path: './requirements.txt', content: 'beta\n' }
        ],
        'unknown_file',
        'requirements.txt'
      ]
    ])('tried: %s', async (_what, files, code, mention) => {
      const before = (await hub.environments.records.all()).length;
      const wheels = path.join(hub.environments.dir, 'repository-wheels');
      const wheelsBefore = fs.existsSync(wheels) ? fs.readdirSync(wheels) : [];
      const response = await teacher.call('POST', '/environments/resolve', {
        files
      });
      expect(response.status).toBe(400);
      const { error } = await readJson(response);
      expect(error.code).toBe(code);
      expect(error.message).toContain(mention);
      // In French, as every refusal of the hub.
      expect(error.message).toMatch(/refusé|trop volumineux/);
      expect((await hub.environments.records.all()).length).toBe(before);
      expect(fs.existsSync(wheels) ? fs.readdirSync(wheels) : []).toEqual(
        wheelsBefore
      );
    });

    it('tried: a folder other than binder/ or .binder/ in folders → 400 invalid_request', async () => {
      const response = await teacher.call('POST', '/environments/resolve', {
        files: [requirements('alpha')],
        folders: ['../binder']
      });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.code).toBe('invalid_request');
    });
  });
});
