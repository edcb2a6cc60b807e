import { randomUUID } from 'crypto';

import { ASSIGNMENT_ACTIVITY_TYPE } from '../src/lrs/consentRule';
import { statement, XapiClient } from './helpers/xapi';
import {
  addUsers,
  Browser,
  ISignedIn,
  readJson,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * Consent to optional learning traces (issue 20, point 2): the contract the emitter
 * relies on (assignment statements essential, every other one optional), the user's
 * choice and the class policy, minors' default, the LRS refusing optional statements
 * without consent (403, nothing stored), and `/hub/privacy`. A real hub, a real SQLite
 * file, over HTTP.
 */
describe('consent to learning traces', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let reader: XapiClient;
  let college: string;
  let bts: string;
  let lea: ISignedIn;
  let marie: ISignedIn;

  const essential = (actor: unknown) =>
    statement(
      {
        id: randomUUID(),
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: {
          id: `https://candyce.fr/xapi/assignments/${randomUUID()}`,
          definition: { type: ASSIGNMENT_ACTIVITY_TYPE }
        }
      },
      actor as Record<string, unknown>
    );
  const optional = (actor: unknown) =>
    statement({ id: randomUUID() }, actor as Record<string, unknown>);

  /** A fresh emitter credential of a signed-in user, and its `consent`. */
  async function emitter(user: ISignedIn) {
    const answer = await user.browser.request('POST', '/hub/lrs/credential', {
      headers: { 'X-Candyce-XSRF': user.xsrf }
    });
    expect(answer.status).toBe(201);
    const credential = await readJson(answer);
    return {
      client: new XapiClient(hub.url, credential.key, credential.secret),
      actor: credential.actor,
      consent: credential.consent
    };
  }

  async function countFor(actor: unknown): Promise<number> {
    const page = await reader.call('GET', '/statements', {
      query: { agent: JSON.stringify(actor), limit: '500' }
    });
    return page.json.statements.length;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    reader = await XapiClient.make(hub, 'read');
    const users = await addUsers(hub, {
      lea: 'learner',
      paul: 'learner',
      seul: 'learner',
      marie: 'teacher',
      admin: 'admin'
    });
    college = (await hub.classes.create({ name: '5e A', level: '5e' })).id;
    bts = (await hub.classes.create({ name: 'BTS SIO', level: 'BTS SIO 1' }))
      .id;
    await hub.classes.addMember(college, users.marie.id, 'teacher');
    await hub.classes.addMember(bts, users.marie.id, 'teacher');
    await hub.classes.addMember(college, users.lea.id, 'learner');
    await hub.classes.addMember(bts, users.paul.id, 'learner');
    lea = await signIn(hub, 'lea');
    marie = await signIn(hub, 'marie');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('records a minor’s essential statements only, refusing optional ones with 403 and storing nothing', async () => {
    const { client, actor, consent } = await emitter(lea);
    expect(consent).toEqual({ optional: false });
    const before = await countFor(actor);

    const refused = await client.call('POST', '/statements', {
      json: optional(actor)
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('consent_required');
    expect(refused.json.error.message).toMatch(/consentement/);
    expect(refused.headers.get('x-experience-api-version')).toBe('1.0.3');
    const id = randomUUID();
    expect(
      (
        await client.call('PUT', '/statements', {
          json: { ...optional(actor), id },
          query: { statementId: id }
        })
      ).status
    ).toBe(403);
    // One optional statement refuses the whole batch.
    const mixed = await client.call('POST', '/statements', {
      json: [essential(actor), optional(actor)]
    });
    expect(mixed.status).toBe(403);
    expect(await countFor(actor)).toBe(before);

    const accepted = await client.call('POST', '/statements', {
      json: [essential(actor), essential(actor)]
    });
    expect(accepted.status).toBe(200);
    expect(await countFor(actor)).toBe(before + 2);
  });

  it('answers a minor’s settings: the class default refuses, and her yes changes nothing until the teacher allows', async () => {
    const settings = await readJson(await lea.call('GET', '/me/privacy'));
    expect(settings).toMatchObject({
      optional: false,
      choice: null,
      minor: true,
      reason: 'class_default',
      classes: [{ id: college, name: '5e A', policy: 'none', isDefault: true }]
    });
    const yes = await lea.call('PUT', '/me/privacy', { optionalTraces: true });
    expect(yes.status).toBe(200);
    expect(await readJson(yes)).toMatchObject({
      optional: false,
      choice: true,
      reason: 'class_default'
    });
    const { client, actor } = await emitter(lea);
    expect(
      (await client.call('POST', '/statements', { json: optional(actor) }))
        .status
    ).toBe(403);

    const policy = await marie.call('PUT', `/classes/${college}/trace-policy`, {
      policy: 'consent'
    });
    expect(policy.status).toBe(200);
    expect(await readJson(policy)).toEqual({
      policy: 'consent',
      isDefault: false
    });
    // The same credential: consent is checked at each write.
    expect(
      (await client.call('POST', '/statements', { json: optional(actor) }))
        .status
    ).toBe(200);
    expect((await emitter(lea)).consent).toEqual({ optional: true });

    // Her no applies at once.
    await lea.call('PUT', '/me/privacy', { optionalTraces: false });
    const again = await emitter(lea);
    expect(again.consent).toEqual({ optional: false });
    expect(
      (
        await again.client.call('POST', '/statements', {
          json: optional(again.actor)
        })
      ).status
    ).toBe(403);
    await lea.call('PUT', '/me/privacy', { optionalTraces: true });
    await marie.call('PUT', `/classes/${college}/trace-policy`, {
      policy: 'none'
    });
    expect(await readJson(await lea.call('GET', '/me/privacy'))).toMatchObject({
      optional: false,
      choice: true,
      reason: 'class_policy'
    });
  });

  it('lets an adult record optional traces by default, narrow them, but never widen a class that refuses them', async () => {
    const paul = await signIn(hub, 'paul');
    expect(await readJson(await paul.call('GET', '/me/privacy'))).toMatchObject(
      {
        optional: true,
        minor: false,
        reason: 'adult_default',
        classes: [{ id: bts, policy: 'consent', isDefault: true }]
      }
    );
    const { client, actor } = await emitter(paul);
    expect(
      (await client.call('POST', '/statements', { json: optional(actor) }))
        .status
    ).toBe(200);
    await paul.call('PUT', '/me/privacy', { optionalTraces: false });
    expect(
      (await client.call('POST', '/statements', { json: optional(actor) }))
        .status
    ).toBe(403);
    await paul.call('PUT', '/me/privacy', { optionalTraces: true });
    await marie.call('PUT', `/classes/${bts}/trace-policy`, { policy: 'none' });
    expect(await readJson(await paul.call('GET', '/me/privacy'))).toMatchObject(
      { optional: false, choice: true, reason: 'class_policy' }
    );
    expect(
      (await client.call('POST', '/statements', { json: optional(actor) }))
        .status
    ).toBe(403);

    // A teacher is an adult; a learner in no class is taken for a minor.
    expect((await emitter(marie)).consent).toEqual({ optional: true });
    const seul = await signIn(hub, 'seul');
    expect(await readJson(await seul.call('GET', '/me/privacy'))).toMatchObject(
      { optional: false, minor: true, reason: 'minor_default' }
    );
  });

  it('applies consent only to credentials made for a user', async () => {
    const dashboard = await XapiClient.make(hub, 'all');
    const answer = await dashboard.call('POST', '/statements', {
      json: optional({ mbox: 'mailto:outil@example.org' })
    });
    expect(answer.status).toBe(200);
  });

  it('refuses bad input with 400 and changes nothing; only a teacher of the class sets its policy', async () => {
    const before = await readJson(await lea.call('GET', '/me/privacy'));
    for (const body of [
      { optionalTraces: 'oui' },
      {},
      { optionalTraces: true, extra: 1 }
    ]) {
      const bad = await lea.call('PUT', '/me/privacy', body);
      expect(bad.status).toBe(400);
      expect((await readJson(bad)).error.code).toBe('invalid_request');
    }
    expect(await readJson(await lea.call('GET', '/me/privacy'))).toEqual(
      before
    );
    const policyBefore = await readJson(
      await marie.call('GET', `/classes/${college}/trace-policy`)
    );
    const bad = await marie.call('PUT', `/classes/${college}/trace-policy`, {
      policy: 'parfois'
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await lea.call('PUT', `/classes/${college}/trace-policy`, {
          policy: 'consent'
        })
      ).status
    ).toBe(403);
    expect(
      (
        await marie.call('PUT', `/classes/${randomUUID()}/trace-policy`, {
          policy: 'consent'
        })
      ).status
    ).toBe(403);
    expect(
      await readJson(
        await marie.call('GET', `/classes/${college}/trace-policy`)
      )
    ).toEqual(policyBefore);
    expect(
      (
        await lea.browser.request('PUT', '/hub/api/v1/me/privacy', {
          json: { optionalTraces: false }
        })
      ).status
    ).toBe(403);
  });

  describe('the privacy page', () => {
    it('tells visitors what is recorded, why, for how long and who sees it, in French or English, linked from every page’s footer', async () => {
      const visitor = new Browser(hub.url);
      const login = await (await visitor.get('/hub/login')).text();
      expect(login).toContain('href="/hub/privacy"');
      const page = await visitor.get('/hub/privacy');
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('<html lang="fr">');
      expect(text).toContain('Vos données et traces d’apprentissage');
      expect(text).toContain('365 jours');
      expect(text).toMatch(/devoirs récupérés, rendus et retournés/);
      expect(text).toContain('/hub/login?next=%2Fhub%2Fprivacy');
      expect(text).not.toContain('name="optional"');
      const english = await (await visitor.get('/hub/privacy?lang=en')).text();
      expect(english).toContain('Your data and learning traces');
      expect(english).toContain('kept 365 days');
    });

    it('gives a signed-in user their switch (anti-CSRF field), refuses a forged or bad form, and erases after confirmation', async () => {
      const page = await (await lea.browser.get('/hub/privacy')).text();
      expect(page).toContain('name="optional"');
      expect(page).toContain('href="/hub/api/v1/me/traces"');
      const xsrf = xsrfIn(page);
      const before = await readJson(await lea.call('GET', '/me/privacy'));

      const forged = await lea.browser.request('POST', '/hub/privacy', {
        form: { optional: 'no' }
      });
      expect(forged.status).toBe(403);
      const bad = await lea.browser.request('POST', '/hub/privacy', {
        form: { _xsrf: xsrf, optional: 'peut-être' }
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Choisissez oui ou non.');
      expect(await readJson(await lea.call('GET', '/me/privacy'))).toEqual(
        before
      );

      const saved = await lea.browser.request('POST', '/hub/privacy', {
        form: { _xsrf: xsrf, optional: before.choice ? 'no' : 'yes' }
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe('/hub/privacy?saved=1');
      expect(
        (await readJson(await lea.call('GET', '/me/privacy'))).choice
      ).toBe(!before.choice);

      const { actor } = await emitter(lea);
      const stored = await countFor(actor);
      expect(stored).toBeGreaterThan(0);
      const unconfirmed = await lea.browser.request(
        'POST',
        '/hub/privacy/erase',
        {
          form: { _xsrf: xsrf }
        }
      );
      expect(unconfirmed.status).toBe(400);
      expect(await countFor(actor)).toBe(stored);
      const erased = await lea.browser.request('POST', '/hub/privacy/erase', {
        form: { _xsrf: xsrf, confirm: 'yes' }
      });
      expect(erased.status).toBe(303);
      expect(erased.headers.get('location')).toBe(
        `/hub/privacy?erased=${stored}`
      );
      expect(await countFor(actor)).toBe(0);
    });

    it('says « tu » to a pupil in school mode, in the page and in its refusals, and « vous » again once it is off', async () => {
      const vous = /\b(vous|votre|vos)\b/i;
      await hub.classes.schoolMode.set(college, true);
      try {
        const page = await (await lea.browser.get('/hub/privacy')).text();
        expect(page).toContain('Tes données et traces d’apprentissage');
        expect(page).toContain('Ton choix');
        // What is left of « vous » is not said to her: none in the page's main text.
        const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
        expect(main.match(vous)).toBeNull();
        const bad = await lea.browser.request('POST', '/hub/privacy', {
          form: { _xsrf: xsrfIn(page), optional: 'peut-être' }
        });
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain('Choisis oui ou non.');
        // Her teacher, in the same class, still reads « vous ».
        const teacher = await (await marie.browser.get('/hub/privacy')).text();
        expect(teacher).toContain('Vos données et traces d’apprentissage');
      } finally {
        await hub.classes.schoolMode.set(college, false);
      }
      const off = await (await lea.browser.get('/hub/privacy')).text();
      expect(off).toContain('Vos données et traces d’apprentissage');
    });
  });
});
