import * as fs from 'fs';
import * as path from 'path';

import {
  BINDER_CONFIGS_DIR,
  readStandardEnvironments
} from '../src/environments/standard';
import { resourceFolders } from '../src/library/folder';
import { LIBRARY_DATA_DIR } from '../src/library/taxonomy';
import { DomainError } from '../src/errors';
import { hashPassword, verifyPassword } from '../src/users/passwords';
import { Browser, startTestHub } from './hubHarness';

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies', async () => {
    const a = await hashPassword('mot de passe');
    const b = await hashPassword('mot de passe');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mot de passe', a)).toBe(true);
    expect(await verifyPassword('mot de passe!', a)).toBe(false);
    expect(await verifyPassword('mot de passe', 'md5$abc')).toBe(false);
  });
});

describe('user creation', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it.each([
    ['../x', 'invalid_name'],
    ['a/b', 'invalid_name'],
    ['Ada', 'invalid_name'],
    ['ada\u0007', 'invalid_name'],
    ['', 'invalid_name'],
    ['x'.repeat(65), 'invalid_name']
  ])('refuses the name %p', async (name, code) => {
    await expect(
      hub.users.create({ name, displayName: 'X', roles: ['learner'] })
    ).rejects.toMatchObject({ status: 400, code });
  });

  it('refuses unknown roles, control characters in display names, short passwords and taken names', async () => {
    await expect(
      hub.users.create({
        name: 'eve',
        displayName: 'Eve',
        roles: ['superuser']
      })
    ).rejects.toMatchObject({ code: 'invalid_role' });
    await expect(
      hub.users.create({ name: 'eve', displayName: 'E\u0000ve', roles: [] })
    ).rejects.toMatchObject({ code: 'invalid_display_name' });
    await expect(
      hub.users.create({
        name: 'eve',
        displayName: 'Eve',
        roles: [],
        password: 'short'
      })
    ).rejects.toMatchObject({ code: 'weak_password' });
    await hub.users.create({
      name: 'eve',
      displayName: 'Eve',
      roles: ['learner']
    });
    const taken = hub.users.create({
      name: 'eve',
      displayName: 'Eve 2',
      roles: ['learner']
    });
    await expect(taken).rejects.toBeInstanceOf(DomainError);
    await expect(taken).rejects.toMatchObject({ status: 409 });
    // Nothing changed by the refused attempts.
    expect(await hub.users.count()).toBe(1);
  });
});

describe('demo data', () => {
  it('creates an admin, two teachers, an inspector, the lycée’s administrator and a class of pupils once, with random passwords, and fills the library', async () => {
    const hub = await startTestHub({ CANDYCE_DEMO: 'true' });
    expect(hub.demoLogins?.map(login => login.name)).toEqual([
      'admin',
      'm.curie',
      'a.turing',
      'inspection',
      'direction',
      'eleve1',
      'eleve2',
      'eleve3',
      'eleve4'
    ]);
    const teacher = await hub.users.getByName('m.curie');
    expect(await hub.classes.forUser(teacher!.id)).toEqual([
      expect.objectContaining({ name: '2de B', membership: 'teacher' })
    ]);
    // A teacher who logs in sees their classes on the home page.
    const login = hub.demoLogins!.find(l => l.name === 'm.curie')!;
    const browser = new Browser(hub.url);
    await browser.login(login.name, login.password);
    const home = await (await browser.get('/hub/home')).text();
    expect(home).toContain('<h2>Mes classes</h2>');
    expect(home).toMatch(
      /<li><a href="\/hub\/classes\/[0-9a-f-]{36}">2de B<\/a> \(2de\) — enseignant·e<\/li>/
    );
    // The library holds every seed resource, found by French queries without accents.
    const seeds = resourceFolders(path.join(LIBRARY_DATA_DIR, 'seed')).length;
    expect(seeds).toBeGreaterThanOrEqual(30);
    expect((await hub.library.search({ perPage: 1 })).total).toBe(seeds);
    const found = await hub.library.search({ q: 'theoreme de pythagore' });
    expect(found.results[0].metadata.title).toMatch(/Pythagore/);
    // Each seed resource names the standard environment seed-environments.json gives it.
    const names = new Map(
      readStandardEnvironments().map(env => [env.id, env.name])
    );
    const wanted: Record<string, string> = JSON.parse(
      fs.readFileSync(
        path.join(BINDER_CONFIGS_DIR, 'seed-environments.json'),
        'utf8'
      )
    );
    const counts = (values: string[]) =>
      values.reduce<Record<string, number>>(
        (all, name) => ({ ...all, [name]: (all[name] ?? 0) + 1 }),
        {}
      );
    const all = await hub.library.search({ perPage: 50 });
    expect(
      counts(all.results.map(row => names.get(row.environmentId ?? '') ?? '?'))
    ).toEqual(counts(Object.values(wanted)));
    expect(Object.keys(wanted).length).toBe(seeds);
    await hub.close();
    const again = await startTestHub({ CANDYCE_DEMO: 'true' }, hub.dataDir);
    expect(again.demoLogins).toBeNull();
    expect((await again.library.search({ perPage: 1 })).total).toBe(seeds);
    await again.close();
  });
});
