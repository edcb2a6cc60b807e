import { lockId, type ILock } from '@candyce/environments';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { userKernelDirs } from '../src/environments/kernelspecs';
import { NotebookEnvironments } from '../src/environments/notebooks';
import { readStandardEnvironments } from '../src/environments/standard';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  outcome,
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

/**
 * Environments with human names, and the kernels each user's server lists, on a real
 * hub with real pip against the engine's tiny local index: standard environments named
 * from `binder-configs/environment-names.json`, a teacher's named after its notebook and
 * renamed by its author only, and kernels listed by real `jupyter kernelspec list` with
 * the `JUPYTER_PATH` a user's server gets.
 */
describe('environment names and the kernels offered to each user', () => {
  const index = tinyIndex();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let teacher: ISignedIn;
  let colleague: ISignedIn;
  let pupil: ISignedIn;
  let admin: ISignedIn;
  /** The teacher's environment: alpha, resolved from « Fonctions affines ». */
  let mine: { id: string; lock: ILock };

  beforeAll(async () => {
    hub = await startTestHub(index.env, undefined, {
      spawner: new FakeSpawner()
    });
    await addUsers(hub, {
      prof: 'teacher',
      collegue: 'teacher',
      eleve: 'learner',
      autre: 'learner',
      chef: 'admin'
    });
    teacher = await signIn(hub, 'prof');
    colleague = await signIn(hub, 'collegue');
    pupil = await signIn(hub, 'eleve');
    admin = await signIn(hub, 'chef');
  });
  afterAll(() => hub.close());

  /**
   * The kernels a user's server lists: real Jupyter, with the `JUPYTER_PATH` the
   * spawner gives their server and a data folder of its own (no user-wide kernels).
   */
  function kernelsOf(userName: string): Record<string, string> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-kernels-'));
    const listed = JSON.parse(
      execFileSync(
        path.join(VENV, 'bin', 'jupyter'),
        ['kernelspec', 'list', '--json'],
        {
          env: {
            PATH: `${path.join(VENV, 'bin')}:/usr/bin:/bin`,
            HOME: home,
            JUPYTER_DATA_DIR: path.join(home, 'data'),
            JUPYTER_CONFIG_DIR: path.join(home, 'config'),
            JUPYTER_PATH: userKernelDirs(hub.environments.dir, userName).join(
              ':'
            )
          }
        }
      ).toString()
    ) as { kernelspecs: Record<string, { spec: { display_name: string } }> };
    return Object.fromEntries(
      Object.entries(listed.kernelspecs)
        .filter(([name]) => name.startsWith('candyce-'))
        .map(([name, entry]) => [name, entry.spec.display_name])
    );
  }

  /** The display name of an environment's kernel in the folder of every built one. */
  function kernelJson(id: string): { display_name: string } {
    return JSON.parse(
      fs.readFileSync(
        path.join(
          hub.environments.dir,
          'jupyter',
          'kernels',
          `candyce-${id.slice(0, 16)}`,
          'kernel.json'
        ),
        'utf8'
      )
    );
  }

  it('names the standard environments from their data; nobody renames them', async () => {
    const names = JSON.parse(
      fs.readFileSync(
        path.join(
          __dirname,
          '..',
          '..',
          'binder-configs',
          'environment-names.json'
        ),
        'utf8'
      )
    );
    const maths = readStandardEnvironments().find(env => env.name === 'maths')!;
    expect(names.maths).toBe('Python — Mathématiques');
    const answer = await readJson(
      await pupil.call('GET', `/environments/${maths.id}`)
    );
    expect(answer.environment).toMatchObject({
      id: maths.id,
      name: 'Python — Mathématiques',
      standard: true,
      renamable: false
    });
    const refused = await admin.call('PATCH', `/environments/${maths.id}`, {
      name: 'Autre chose'
    });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.code).toBe('environment_not_author');
  });

  it('names a teacher’s environment after its notebook, in its kernel too; only its author sees the kernel', async () => {
    const resolved = await stream(teacher, '/environments/resolve', {
      files: [requirements('alpha')],
      name: '  Fonctions   affines '
    });
    const environment = outcome(resolved.events).data.environment;
    expect(environment).toMatchObject({
      name: 'Fonctions affines',
      standard: false,
      renamable: true
    });
    mine = { id: environment.id, lock: environment.lock };
    // Its author builds it (pins the notebook): her server lists it by its name.
    const built = await stream(teacher, `/environments/${mine.id}/build`);
    expect(outcome(built.events).data.environment.built).toBe(true);
    expect(kernelJson(mine.id).display_name).toBe('Fonctions affines');
    const kernel = `candyce-${mine.id.slice(0, 16)}`;
    expect(kernelsOf('prof')[kernel]).toBe('Fonctions affines');
    // A pupil of another class, a colleague: not in their launcher.
    expect(kernelsOf('autre')[kernel]).toBeUndefined();
    expect(kernelsOf('collegue')[kernel]).toBeUndefined();
    // What others read of it: its name, not renamable by them.
    const seen = await readJson(
      await colleague.call('GET', `/environments/${mine.id}`)
    );
    expect(seen.environment).toMatchObject({
      name: 'Fonctions affines',
      renamable: false
    });
  });

  it('gives the kernel to a pupil who opens a notebook pinned to it, and to nobody else', async () => {
    const kernel = `candyce-${mine.id.slice(0, 16)}`;
    expect(kernelsOf('eleve')[kernel]).toBeUndefined();
    // Opening the notebook asks the hub to build its environment: done already, at once.
    const opened = await stream(pupil, `/environments/${mine.id}/build`);
    expect(opened.events.map(e => e.event)).toEqual(['result']);
    expect(kernelsOf('eleve')[kernel]).toBe('Fonctions affines');
    expect(kernelsOf('autre')[kernel]).toBeUndefined();
  });

  it('lets its author rename it (the kernels follow), and refuses others and bad names', async () => {
    const kernel = `candyce-${mine.id.slice(0, 16)}`;
    const renamed = await teacher.call('PATCH', `/environments/${mine.id}`, {
      name: 'Fonctions affines — 2de'
    });
    expect(renamed.status).toBe(200);
    expect((await readJson(renamed)).environment.name).toBe(
      'Fonctions affines — 2de'
    );
    expect(kernelJson(mine.id).display_name).toBe('Fonctions affines — 2de');
    expect(kernelsOf('eleve')[kernel]).toBe('Fonctions affines — 2de');
    expect(kernelsOf('prof')[kernel]).toBe('Fonctions affines — 2de');

    const byColleague = await colleague.call(
      'PATCH',
      `/environments/${mine.id}`,
      { name: 'À moi' }
    );
    expect(byColleague.status).toBe(403);
    expect((await readJson(byColleague)).error).toMatchObject({
      code: 'environment_not_author',
      message: 'Seul l’auteur d’un environnement peut le renommer.'
    });
    expect(
      (
        await pupil.call('PATCH', `/environments/${mine.id}`, {
          name: 'Mon env'
        })
      ).status
    ).toBe(403);
    for (const name of ['   ', 'x'.repeat(81), 'a\u0000b']) {
      const bad = await teacher.call('PATCH', `/environments/${mine.id}`, {
        name
      });
      expect(bad.status).toBe(400);
      expect((await readJson(bad)).error.code).toBe('invalid_environment_name');
    }
    expect(
      (
        await teacher.call('PATCH', `/environments/${'0'.repeat(64)}`, {
          name: 'Rien'
        })
      ).status
    ).toBe(404);
    // Refusals changed nothing.
    expect(kernelJson(mine.id).display_name).toBe('Fonctions affines — 2de');
    // An administrator may rename it.
    expect(
      (
        await admin.call('PATCH', `/environments/${mine.id}`, {
          name: 'Fonctions affines'
        })
      ).status
    ).toBe(200);
  });

  it('names an environment a notebook carries after the notebook, unless the panel named it', async () => {
    const lock: ILock = JSON.parse(JSON.stringify(mine.lock));
    lock.packages = lock.packages.filter(p => p.name !== 'alpha');
    const id = lockId(lock);
    const notebook = (metadata: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ cells: [], metadata, nbformat: 4 }));
    const notebooks = new NotebookEnvironments(hub.environments);
    const prof = (await hub.users.getByName('prof'))!;
    await notebooks.registerFromNotebooks(
      [
        {
          path: 'cours/suites_geometriques-1re.ipynb',
          content: notebook({
            candyce: { environment: { id, lock, files: [] } }
          })
        }
      ],
      prof.id
    );
    expect((await hub.environments.get(id)).name).toBe(
      'suites geometriques 1re'
    );

    const named = JSON.parse(JSON.stringify(lock));
    named.packages = named.packages.filter(
      (p: { name: string }) => p.name !== 'beta'
    );
    await notebooks.registerFromNotebooks(
      [
        {
          path: 'x.ipynb',
          content: notebook({
            title: 'Titre du notebook',
            candyce: {
              environment: { id: lockId(named), lock: named, name: 'Probas' }
            }
          })
        }
      ],
      prof.id
    );
    expect((await hub.environments.get(lockId(named))).name).toBe('Probas');
  });

  it('keeps the names of a store that outlived its database, and drops what is gone', async () => {
    const store = hub.environments.dir;
    // A stray kernel of an environment no longer in the store, in a user's folder.
    const [own] = userKernelDirs(store, 'eleve');
    const stray = path.join(own, 'kernels', `candyce-${'f'.repeat(16)}`);
    fs.mkdirSync(stray, { recursive: true });
    fs.writeFileSync(path.join(stray, 'kernel.json'), '{}');
    const other = await startTestHub(
      { ...index.env, CANDYCE_ENVIRONMENTS_DIR: store },
      undefined,
      { spawner: new FakeSpawner() }
    );
    try {
      const kernel = `candyce-${mine.id.slice(0, 16)}`;
      expect(kernelJson(mine.id).display_name).toBe('Fonctions affines');
      expect(kernelsOf('eleve')[kernel]).toBe('Fonctions affines');
      expect(fs.existsSync(stray)).toBe(false);
      // Its new database learns it with a name: every folder that lists it follows.
      await addUsers(other, { autreprof: 'teacher' });
      const resolved = await stream(
        await signIn(other, 'autreprof'),
        '/environments/resolve',
        { files: [requirements('alpha')], name: 'Nouveau nom' }
      );
      expect(outcome(resolved.events).data.environment.name).toBe(
        'Nouveau nom'
      );
      expect(kernelsOf('eleve')[kernel]).toBe('Nouveau nom');
      expect(kernelsOf('autreprof')[kernel]).toBe('Nouveau nom');
    } finally {
      await other.close();
    }
  });

  it('lists names in the administration', async () => {
    const listed = await readJson(await admin.call('GET', '/environments'));
    const entry = listed.environments.find(
      (env: { id: string }) => env.id === mine.id
    );
    expect(entry.name).toBe('Fonctions affines');
    const page = await (await admin.browser.get('/hub/admin')).text();
    expect(page).toContain('Fonctions affines');
  });
});
