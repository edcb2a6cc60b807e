import {
  lockId,
  parseSoftwareList,
  resolve,
  type ILock
} from '@candyce/environments';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { EnvironmentCollector } from '../src/environments/collector';
import { buildSandboxArgv } from '../src/spawner/sandbox';
import { buildServerEnv } from '../src/spawner/server';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  outcome,
  requirements,
  stream,
  tinyIndex,
  VENV
} from './helpers/environments';
import { metadata, notebook, publishBody } from './helpers/resources';
import { resourceZip } from './helpers/zips';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * What keeps environments: notebooks pinned with the « Environnement » panel and
 * published to the library or handed out carry their locks, which the hub registers;
 * garbage collection keeps what a resource, an assignment, a recent use or the standard
 * set references, and removes the rest (a dry run first, from the API and the admin
 * page). Real pip, Python and bubblewrap; the tiny local index; the hub's clock moved
 * by the test (« a month later »).
 */
describe('environments: references, garbage collection, rebuilding, sandbox', () => {
  const index = tinyIndex();
  const DAY = 86_400_000;
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: ISignedIn;
  let teacher: ISignedIn;
  let pupil: ISignedIn;
  /** Locks made outside the hub (as another platform's panel would). */
  const locks: Record<'published' | 'imported' | 'assigned', ILock> =
    {} as never;

  beforeAll(async () => {
    hub = await startTestHub(index.env, undefined, {
      spawner: new FakeSpawner(),
      now: () => new Date(clock)
    });
    await addUsers(hub, {
      admin: 'admin',
      prof: ['teacher', 'author'],
      eleve: 'learner'
    });
    admin = await signIn(hub, 'admin');
    teacher = await signIn(hub, 'prof');
    pupil = await signIn(hub, 'eleve');
    const source = {
      findLinks: [index.folder],
      noIndex: true,
      usePipConfig: false
    };
    const lockOf = (...lines: string[]) =>
      resolve(parseSoftwareList([requirements(...lines)]), source);
    locks.published = await lockOf('alpha==1.0', 'ipykernel');
    locks.imported = await lockOf('delta', 'ipykernel');
    locks.assigned = await lockOf('beta==2.0', 'ipykernel');
  });
  afterAll(() => hub.close());

  /** A notebook pinned to `lock`, as the panel writes it. */
  function pinned(lock: ILock, id = lockId(lock), title = '# Épinglé') {
    const nb = JSON.parse(notebook(title).toString());
    nb.metadata.candyce = {
      environment: { id, files: [requirements('alpha')], lock }
    };
    nb.metadata.kernelspec = {
      name: `candyce-${id.slice(0, 16)}`,
      display_name: 'Python',
      language: 'python'
    };
    return Buffer.from(JSON.stringify(nb));
  }

  const storeIds = () =>
    fs
      .readdirSync(path.join(hub.environments.dir, 'envs'))
      .filter(name => !name.startsWith('.'));
  const kernelDir = (id: string) =>
    path.join(
      hub.environments.dir,
      'jupyter',
      'kernels',
      `candyce-${id.slice(0, 16)}`
    );

  it('registers the environment of a notebook published or imported to the library, and names it on the version', async () => {
    const id = lockId(locks.published);
    const published = await teacher.call(
      'POST',
      '/library/resources',
      publishBody(metadata(), [
        { path: 'cours.ipynb', content: pinned(locks.published) }
      ])
    );
    expect(published.status).toBe(201);
    expect((await readJson(published)).environmentId).toBe(id);
    const known = await readJson(
      await pupil.call('GET', `/environments/${id}`)
    );
    expect(known.environment).toMatchObject({ id, built: false });
    // Not named by the panel: named after the resource, as a copy's kernel shows it.
    expect(known.environment.name).toBe(
      'Résoudre des équations du premier degré'
    );

    const importedId = lockId(locks.imported);
    const imported = await teacher.browser.request(
      'POST',
      '/hub/api/v1/library/import',
      {
        body: resourceZip(metadata(), [
          { path: 'cours.ipynb', content: pinned(locks.imported) }
        ]),
        headers: {
          'X-Candyce-XSRF': teacher.xsrf,
          'content-type': 'application/zip'
        }
      }
    );
    expect(imported.status).toBe(201);
    expect((await readJson(imported)).environmentId).toBe(importedId);
  });

  it.each([
    [
      'a lock changed after pinning (its id no longer matches)',
      () => {
        const lock: ILock = JSON.parse(JSON.stringify(locks.published));
        lock.packages[0].version = '9.9';
        return pinned(lock, lockId(locks.published));
      }
    ],
    [
      'a lock that is not one (a package without its hash)',
      () => {
        const lock = JSON.parse(JSON.stringify(locks.published));
        delete lock.packages[0].sha256;
        return pinned(lock, lockId(locks.published));
      }
    ]
  ])(
    'tried: publishing a notebook pinned with %s → 400, nothing published',
    async (_what, make) => {
      const before = (await hub.library.search({ perPage: 1 })).total;
      const response = await teacher.call(
        'POST',
        '/library/resources',
        publishBody(metadata(), [{ path: 'cours.ipynb', content: make() }])
      );
      expect(response.status).toBe(400);
      const { error } = await readJson(response);
      expect(error.code).toBe('invalid_environment');
      expect(error.message).toMatch(
        /^L’environnement épinglé dans « cours\.ipynb » est refusé/
      );
      expect((await hub.library.search({ perPage: 1 })).total).toBe(before);
    }
  );

  it('records the environment of a notebook handed out as an assignment', async () => {
    const id = lockId(locks.assigned);
    const created = await teacher.call('POST', '/assignments', {
      title: 'Devoir épinglé',
      classIds: [],
      shareCode: true,
      source: {
        home: {
          path: 'devoir.ipynb',
          files: [
            {
              path: 'devoir.ipynb',
              content: pinned(locks.assigned).toString('base64')
            }
          ]
        }
      }
    });
    expect(created.status).toBe(201);
    // Tried: the same notebook with its lock changed after pinning.
    const altered: ILock = JSON.parse(JSON.stringify(locks.assigned));
    altered.packages[0].version = '0.0';
    const before = (await readJson(await teacher.call('GET', '/assignments')))
      .teaching.length;
    const refused = await teacher.call('POST', '/assignments', {
      title: 'Devoir altéré',
      classIds: [],
      shareCode: true,
      source: {
        home: {
          path: 'devoir.ipynb',
          files: [
            {
              path: 'devoir.ipynb',
              content: pinned(altered, id).toString('base64')
            }
          ]
        }
      }
    });
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).error.code).toBe('invalid_environment');
    expect(
      (await readJson(await teacher.call('GET', '/assignments'))).teaching
    ).toHaveLength(before);
    const listed = await readJson(await admin.call('GET', '/environments'));
    expect(
      listed.environments.find((env: { id: string }) => env.id === id)
    ).toMatchObject({
      id,
      built: false,
      references: { resources: 0, assignments: 1, recentUses: 0 }
    });
    expect(
      listed.environments.find(
        (env: { id: string }) => env.id === lockId(locks.published)
      ).references
    ).toMatchObject({ resources: 1, assignments: 0 });
  });

  it('hands out the notebooks of a pinned library version pinned to its environment', async () => {
    const id = lockId(locks.published);
    const published = await readJson(
      await teacher.call(
        'POST',
        '/library/resources',
        publishBody(metadata({ title: 'Ressource épinglée à distribuer' }), [
          { path: 'cours.ipynb', content: pinned(locks.published) },
          { path: 'exercice.ipynb', content: notebook('# Exercice') },
          { path: 'donnees.csv', content: Buffer.from('a;b\n1;2\n') }
        ])
      )
    );
    expect(published.environmentId).toBe(id);
    const created = await teacher.call('POST', '/assignments', {
      title: 'Devoir de la bibliothèque',
      classIds: [],
      shareCode: true,
      source: { library: { resourceId: published.id, version: 1 } }
    });
    expect(created.status).toBe(201);
    const { files } = await readJson(
      await teacher.call(
        'GET',
        `/assignments/${(await readJson(created)).id}/original`
      )
    );
    const byPath = new Map<string, string>(
      files.map((file: { path: string; content: string }) => [
        file.path,
        Buffer.from(file.content, 'base64').toString('utf8')
      ])
    );
    // The notebook that had no environment gets the version's, with its kernel.
    const exercise = JSON.parse(byPath.get('exercice.ipynb')!);
    expect(exercise.metadata.candyce.environment.id).toBe(id);
    expect(lockId(exercise.metadata.candyce.environment.lock)).toBe(id);
    expect(exercise.metadata.kernelspec).toMatchObject({
      name: `candyce-${id.slice(0, 16)}`,
      language: 'python'
    });
    expect(exercise.cells[0].source).toEqual(
      JSON.parse(notebook('# Exercice').toString()).cells[0].source
    );
    // Other files are handed out as they are.
    expect(byPath.get('donnees.csv')).toBe('a;b\n1;2\n');
  });

  it('collects what nothing references: a dry run lists it, the admin page confirms, a real run removes it and its kernelspec', async () => {
    const build = async (id: string) =>
      expect(
        outcome((await stream(pupil, `/environments/${id}/build`)).events).event
      ).toBe('result');
    const resolved = async (...lines: string[]) =>
      outcome(
        (
          await stream(teacher, '/environments/resolve', {
            files: [requirements(...lines)]
          })
        ).events
      ).data.environment.id as string;
    const published = lockId(locks.published);
    const assigned = lockId(locks.assigned);
    const forgotten = await resolved('beta==1.0');
    for (const id of [published, assigned, forgotten]) {
      await build(id);
    }
    // A month later, a notebook opens on another one.
    clock += 31 * DAY;
    const recent = await resolved('alpha==1.1');
    await build(recent);
    expect(storeIds().sort()).toEqual(
      [published, assigned, forgotten, recent].sort()
    );

    const dryRun = await admin.call('POST', '/environments/collect', {
      dryRun: true
    });
    expect(await readJson(dryRun)).toMatchObject({
      ids: [forgotten],
      dryRun: true,
      bytes: expect.any(Number)
    });
    expect(storeIds()).toContain(forgotten);
    const referenced = await hub.environmentCollector.referenced();
    for (const id of hub.environments.standardIds) {
      expect(referenced.has(id)).toBe(true);
    }
    const listed = (await readJson(await admin.call('GET', '/environments')))
      .environments as { id: string; bytes: number; references: unknown }[];
    expect(listed.find(env => env.id === recent)).toMatchObject({
      built: true,
      references: { resources: 0, assignments: 0, recentUses: 1 }
    });
    expect(listed.find(env => env.id === forgotten)!.bytes).toBeGreaterThan(0);

    // The admin page: the section, the dry run, the confirmation, the cleaning.
    const section = await (await admin.browser.get('/hub/admin')).text();
    expect(section).toContain('<h2 id="environnements">Environnements</h2>');
    expect(section).toContain(`<code>${recent.slice(0, 16)}</code>`);
    expect(section).toMatch(/utilisé récemment/);
    const simulated = await (
      await admin.browser.get('/hub/admin?simulation=1')
    ).text();
    expect(simulated).toContain('Simulation : 1 environnement serait supprimé');
    expect(simulated).toContain(
      `<li><code>${forgotten.slice(0, 16)}</code></li>`
    );
    expect(storeIds()).toContain(forgotten);
    const confirm = await admin.form('/hub/admin/environments/collect');
    expect(confirm.status).toBe(200);
    const confirmation = await confirm.text();
    expect(confirmation).toContain('<h1>Supprimer 1 environnement ?</h1>');
    expect(storeIds()).toContain(forgotten);
    // A pupil's form, and a form without the anti-CSRF field, change nothing.
    expect(
      (
        await pupil.form('/hub/admin/environments/collect', {
          confirme: 'oui'
        })
      ).status
    ).toBe(403);
    expect(
      (
        await admin.form('/hub/admin/environments/collect', {
          _xsrf: 'faux',
          confirme: 'oui'
        })
      ).status
    ).toBe(403);
    expect(storeIds()).toContain(forgotten);
    const done = await admin.form('/hub/admin/environments/collect', {
      _xsrf: xsrfIn(confirmation),
      confirme: 'oui'
    });
    expect(done.status).toBe(303);
    // With uv, the cleaning prunes its cache too, and says what that freed.
    const withUv = hub.environments.store.uvCacheDir !== undefined;
    expect(done.headers.get('location')).toMatch(
      withUv
        ? /^\/hub\/admin\?nettoye=1&liberes=\d+&cache=\d+&partage=\d+#environnements$/
        : /^\/hub\/admin\?nettoye=1&liberes=\d+#environnements$/
    );
    expect(storeIds().sort()).toEqual([published, assigned, recent].sort());
    expect(fs.existsSync(kernelDir(forgotten))).toBe(false);
    expect(fs.existsSync(kernelDir(recent))).toBe(true);
    const after = await (
      await admin.browser.get(done.headers.get('location')!)
    ).text();
    expect(after).toMatch(
      /1 environnement supprimé, [^<]+ libérés sur le disque\./
    );
    if (withUv) {
      expect(after).toMatch(
        /L’élagage du cache de téléchargement de uv a libéré [^<]+ ; [^<]+ de ce qu’il garde sont partagés avec les environnements/
      );
    }
    // Nothing left to remove: no confirmation, uv's cache pruned all the same.
    const nothing = await admin.form('/hub/admin/environments/collect');
    expect(nothing.status).toBe(303);
    expect(nothing.headers.get('location')).toMatch(
      /^\/hub\/admin\?nettoye=0&liberes=\d+/
    );
    expect(
      await (await admin.browser.get(nothing.headers.get('location')!)).text()
    ).toMatch(
      /Aucun environnement à supprimer : tous sont référencés\. [^<]+ libérés sur le disque\./
    );
    // The API's answer says what uv's cache holds; every cleaning is in the log.
    const real = await readJson(
      await admin.call('POST', '/environments/collect', { dryRun: false })
    );
    expect(real).toMatchObject({ ids: [], dryRun: false });
    if (withUv) {
      expect(real.uvCache).toMatchObject({ outcome: 'pruned' });
      expect(real.uvCache.bytes).toBeGreaterThan(0);
      // The kept environments were installed from the cache: they share its files.
      expect(real.uvCache.sharedBytes).toBeGreaterThan(0);
      expect(real.uvCache.sharedBytes).toBeLessThanOrEqual(real.uvCache.bytes);
    }
    const log = await readJson(
      await admin.call('GET', '/admin/audit?action=environments.collect')
    );
    expect(
      log.events.map(
        (event: { details: { freed: { environments: number } } }) =>
          event.details.freed.environments
      )
    ).toEqual([0, 0, 1]);
    expect(log.events[2].details.freed.bytes).toBeGreaterThan(0);
    // Rights: the list and the collection are the administrators'.
    expect((await pupil.call('GET', '/environments')).status).toBe(403);
    expect(
      (await teacher.call('POST', '/environments/collect', { dryRun: true }))
        .status
    ).toBe(403);
  });

  it('rebuilds a collected environment from its lock: pip freeze equals the lock', async () => {
    const collected = (await hub.environments.records.all()).find(
      record =>
        !storeIds().includes(record.id) &&
        record.lock.packages.some(p => p.name === 'beta' && p.version === '1.0')
    )!;
    expect(collected).toBeDefined();
    const rebuilt = await stream(pupil, `/environments/${collected.id}/build`);
    expect(outcome(rebuilt.events).data.environment.built).toBe(true);
    const frozen = (await hub.environments.store.freeze(collected.id))
      .trim()
      .split('\n')
      .sort();
    expect(frozen).toEqual(
      collected.lock.packages.map(p => `${p.name}==${p.version}`).sort()
    );
    expect(
      fs.existsSync(path.join(kernelDir(collected.id), 'kernel.json'))
    ).toBe(true);
  });

  it('runs the kernelspec’s Python inside a user server’s bubblewrap sandbox, where Jupyter lists it', async () => {
    const id = lockId(locks.published);
    const store = hub.environments.dir;
    const dataDir = fs.realpathSync(hub.dataDir);
    // The default store lives in the data folder, which the sandbox hides.
    expect(store.startsWith(dataDir + path.sep)).toBe(true);
    const homeDir = path.join(dataDir, 'homes', 'eleve');
    fs.mkdirSync(homeDir, { recursive: true });
    const venvDir = fs.realpathSync(VENV);
    const env = buildServerEnv({
      venvDir,
      homeDir,
      userName: 'eleve',
      jupyterPath: path.join(store, 'jupyter')
    });
    const inSandbox = (command: string[]) =>
      execFileSync(
        'bwrap',
        buildSandboxArgv(
          { homeDir, dataDir, venvDir, envStoreDir: store },
          command
        ),
        { env, stdio: 'pipe' }
      ).toString();
    const specs = JSON.parse(
      inSandbox([
        path.join(venvDir, 'bin', 'jupyter'),
        'kernelspec',
        'list',
        '--json'
      ])
    ).kernelspecs;
    const spec = specs[`candyce-${id.slice(0, 16)}`].spec;
    expect(spec.metadata.candyce.environmentId).toBe(id);
    expect(
      inSandbox([
        spec.argv[0],
        '-c',
        'import alpha, sys; print(alpha.__version__, sys.prefix)'
      ]).trim()
    ).toBe(`1.0 ${path.join(store, 'envs', id)}`);
    // Read-only there: a kernel cannot change the shared environment.
    expect(() =>
      inSandbox(['/bin/sh', '-c', `touch ${path.join(store, 'envs', id, 'x')}`])
    ).toThrow();
  });

  it('collects on schedule, and says so in the log', async () => {
    // keepDays 0: a use does not keep an environment; what the library and the
    // assignment name stays.
    const lines: { message: string; fields: Record<string, unknown> }[] = [];
    const log = {
      info: (fields: unknown, message: string) =>
        lines.push({ message, fields: fields as Record<string, unknown> }),
      error: (fields: unknown, message: string) =>
        lines.push({ message, fields: fields as Record<string, unknown> })
    };
    const collector = new EnvironmentCollector(hub.environments, {
      libraryReferences: () => hub.library.environmentReferences(),
      keepDays: 0,
      intervalHours: 0.5 / 3600,
      log,
      now: () => new Date(clock)
    });
    clock += DAY;
    const kept = [lockId(locks.published), lockId(locks.assigned)];
    expect(storeIds().length).toBeGreaterThan(kept.length);
    collector.start();
    try {
      const deadline = Date.now() + 30_000;
      // The log line follows the last deletion: wait for both.
      const done = () =>
        storeIds().length === kept.length &&
        lines.some(
          line => line.message === 'scheduled environment collection done'
        );
      while (!done() && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    } finally {
      collector.stop();
    }
    expect(storeIds().sort()).toEqual(kept.sort());
    expect(lines[0]).toEqual({
      message: 'environment collection scheduled',
      fields: { everyHours: 0.5 / 3600, keepDays: 0 }
    });
    expect(lines.map(line => line.message)).toContain(
      'scheduled environment collection done'
    );
  });
});
