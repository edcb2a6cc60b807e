import * as path from 'path';
import QRCode from 'qrcode';

import { IdentityStore } from '../src/auth/oidc/store';
import { IClass } from '../src/classes/service';
import { openDatabase } from '../src/db/connect';
import { BrowserFrom } from './helpers/fromAddress';
import {
  addUsers,
  Browser,
  ISignedIn,
  readJson,
  signIn as signInTo,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * Class codes (« codes de classe »), through a real hub: a teacher makes accounts and
 * codes for pupils, a pupil logs in with their code from their class's login page.
 *
 * Refused, each leaving the pupil signed out: a valid code typed on another class's
 * page (same message as a wrong code), an expired code (its expiry moved into the past
 * through the service), a revoked code, the old code after a new one was made, a wrong
 * code, a login form without its anti-CSRF cookie, and any code from an address that
 * typed repeated wrong codes on that class's page (that address waits; other
 * addresses and other classes unaffected).
 *
 * Bad input tried on the API and the teacher's page (each a 4xx that creates no user
 * and enrols nobody): 0 and 61 pupils, a name with a control character (tab, newline
 * inside JSON, DEL), a 101-character name, an unknown field, a missing list, malformed
 * JSON; and a teacher of another class (403), a learner (403), nobody signed in (401).
 */
describe('class codes', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let a: IClass;
  let b: IClass;
  let c: IClass;
  const api = '/hub/api/v1';

  const signIn = (name: string) => signInTo(hub, name);

  /** Log in with a code from a class's login page, in a fresh browser. */
  async function codeLogin(
    classId: string,
    code: string,
    from?: string
  ): Promise<{ browser: Browser; response: Response; html: string }> {
    const browser = from
      ? new BrowserFrom(hub.url, from)
      : new Browser(hub.url);
    const page = await browser.get(`/hub/classes/${classId}/login`);
    expect(page.status).toBe(200);
    const token = xsrfIn(await page.text());
    const response = await browser.request(
      'POST',
      `/hub/classes/${classId}/login`,
      { form: { _xsrf: token, code } }
    );
    return { browser, response, html: await response.text() };
  }

  async function whoIs(browser: Browser): Promise<string | null> {
    const me = await browser.get(`${api}/me`);
    return me.status === 200 ? (await readJson(me)).name : null;
  }

  let teacher: ISignedIn;
  let otherTeacher: ISignedIn;
  let admin: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub({ CANDYCE_CLASS_CODE_MAX_FAILURES: '5' });
    const users = await addUsers(hub, {
      prof: 'teacher',
      'autre.prof': 'teacher',
      admin: 'admin',
      eleve: 'learner'
    });
    a = await hub.classes.create({ name: 'CM2 A' });
    b = await hub.classes.create({ name: 'CM2 B' });
    c = await hub.classes.create({ name: 'CE2' });
    await hub.classes.addMember(a.id, users.prof.id, 'teacher');
    await hub.classes.addMember(c.id, users.prof.id, 'teacher');
    await hub.classes.addMember(b.id, users['autre.prof'].id, 'teacher');
    teacher = await signIn('prof');
    otherTeacher = await signIn('autre.prof');
    admin = await signIn('admin');
  });
  afterAll(() => hub.close());

  const WRONG = 'Ce code ne marche pas : vérifie ta carte et tape-le encore.';

  it('makes accounts with codes shown once, and a pupil logs in from their class page', async () => {
    const created = await teacher.call('POST', `/classes/${a.id}/codes`, {
      pupils: [
        { displayName: 'Léa Martin' },
        { displayName: 'Léa Martin' },
        { displayName: ' Noé  D’Arc ' }
      ]
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const body = await readJson(created);
    expect(body.class).toEqual({ id: a.id, name: 'CM2 A' });
    expect(body.loginUrl).toMatch(
      new RegExp(`^${hub.url}/c/[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$`)
    );
    expect(
      body.pupils.map((p: { name: string; displayName: string }) => [
        p.name,
        p.displayName
      ])
    ).toEqual([
      ['lea.martin', 'Léa Martin'],
      ['lea.martin2', 'Léa Martin'],
      ['noe.d.arc', 'Noé  D’Arc']
    ]);
    for (const pupil of body.pupils) {
      expect(pupil.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    }

    // The list gives statuses, never codes.
    const list = await readJson(
      await teacher.call('GET', `/classes/${a.id}/codes`)
    );
    expect(list.pupils).toHaveLength(3);
    expect(JSON.stringify(list)).not.toContain(body.pupils[0].code);
    expect(
      list.pupils.every((p: { status: string }) => p.status === 'active')
    ).toBe(true);

    // Typed in lower case with a space: still the code.
    const code = body.pupils[0].code as string;
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const { browser, response } = await codeLogin(a.id, typed);
    expect(response.status).toBe(303);
    // Straight into her work: her JupyterLab in school mode, started by the spawn page.
    expect(response.headers.get('location')).toBe(
      `/hub/spawn?next=${encodeURIComponent('/user/lea.martin/lab?mode=ecole')}`
    );
    expect(await whoIs(browser)).toBe('lea.martin');
    const me = await readJson(await browser.get(`${api}/me`));
    expect(me.roles).toEqual(['learner']);
    const home = await (await browser.get('/hub/home')).text();
    expect(home).toContain('Bonjour, Léa Martin');
    // The pupil is enrolled in the class.
    const lea = await hub.users.getByName('lea.martin');
    expect(await hub.classes.membership(a.id, lea!.id)).toBe('learner');
  });

  it('refuses a valid code on another class’s page, with the wrong-code message', async () => {
    const body = await readJson(
      await teacher.call('POST', `/classes/${a.id}/codes`, {
        pupils: [{ displayName: 'Inès Roy' }]
      })
    );
    const { browser, response, html } = await codeLogin(
      b.id,
      body.pupils[0].code
    );
    expect(response.status).toBe(401);
    expect(html).toContain(WRONG);
    expect(await whoIs(browser)).toBeNull();

    const wrong = await codeLogin(a.id, 'ZZZZZZZZ');
    expect(wrong.response.status).toBe(401);
    expect(wrong.html).toContain(WRONG);
    expect(await whoIs(wrong.browser)).toBeNull();
  });

  it('refuses an expired code, a revoked code and a replaced code', async () => {
    const body = await readJson(
      await teacher.call('POST', `/classes/${a.id}/codes`, {
        pupils: [
          { displayName: 'Ada Expirée' },
          { displayName: 'Bob Révoqué' },
          { displayName: 'Cléo Renouvelée' }
        ]
      })
    );
    const [expired, revoked, renewed] = body.pupils;

    await hub.classCodes.setExpiry(
      a.id,
      expired.name,
      new Date(Date.now() - 1000)
    );
    let attempt = await codeLogin(a.id, expired.code);
    expect(attempt.response.status).toBe(401);
    expect(attempt.html).toContain('Ce code a expiré');
    expect(await whoIs(attempt.browser)).toBeNull();

    // Signed in with the code before it was revoked: signed out by the revocation.
    const before = await codeLogin(a.id, revoked.code);
    expect(await whoIs(before.browser)).toBe(revoked.name);
    expect(
      (await teacher.call('DELETE', `/classes/${a.id}/codes/${revoked.name}`))
        .status
    ).toBe(204);
    expect(await whoIs(before.browser)).toBeNull();
    attempt = await codeLogin(a.id, revoked.code);
    expect(attempt.response.status).toBe(401);
    expect(attempt.html).toContain('Ce code a été désactivé');
    expect(await whoIs(attempt.browser)).toBeNull();
    expect(
      (await teacher.call('DELETE', `/classes/${a.id}/codes/${revoked.name}`))
        .status
    ).toBe(404);

    const list = await readJson(
      await teacher.call('GET', `/classes/${a.id}/codes`)
    );
    const status = (name: string) =>
      list.pupils.find((p: { name: string }) => p.name === name).status;
    expect(status(expired.name)).toBe('expired');
    expect(status(revoked.name)).toBe('revoked');

    const again = await teacher.call(
      'POST',
      `/classes/${a.id}/codes/${renewed.name}`
    );
    expect(again.status).toBe(200);
    const fresh = await readJson(again);
    expect(fresh.code).not.toBe(renewed.code);
    attempt = await codeLogin(a.id, renewed.code);
    expect(attempt.response.status).toBe(401);
    expect(attempt.html).toContain(WRONG);
    attempt = await codeLogin(a.id, fresh.code);
    expect(attempt.response.status).toBe(303);
    expect(await whoIs(attempt.browser)).toBe(renewed.name);
  });

  it('refuses a login form without its anti-CSRF cookie', async () => {
    const browser = new Browser(hub.url);
    const response = await browser.request(
      'POST',
      `/hub/classes/${a.id}/login`,
      {
        form: { _xsrf: 'forged', code: 'ABCDEFGH' }
      }
    );
    expect(response.status).toBe(403);
    expect(await whoIs(browser)).toBeNull();
  });

  it('tried: five wrong codes on a class’s page from one address, then right codes from there, from another address and on another class’s page', async () => {
    const body = await readJson(
      await teacher.call('POST', `/classes/${c.id}/codes`, {
        pupils: [
          { displayName: 'Zoé Patiente' },
          { displayName: 'Yves Ailleurs' }
        ]
      })
    );
    for (let i = 0; i < 5; i++) {
      const wrong = await codeLogin(c.id, `WRONG${i}XY`, '127.0.0.7');
      expect(wrong.response.status).toBe(401);
    }
    const waiting = await codeLogin(c.id, body.pupils[0].code, '127.0.0.7');
    expect(waiting.response.status).toBe(429);
    expect(waiting.html).toContain(
      'Trop de codes incorrects depuis cet appareil : réessaie dans 1 seconde.'
    );
    expect(await whoIs(waiting.browser)).toBeNull();

    // The class's page is not locked for everyone: another address logs in.
    const elsewhere = await codeLogin(c.id, body.pupils[1].code, '127.0.0.8');
    expect(elsewhere.response.status).toBe(303);
    expect(await whoIs(elsewhere.browser)).toBe(body.pupils[1].name);

    // Nor is another class's page for the guessing address.
    const other = await readJson(
      await teacher.call('POST', `/classes/${a.id}/codes`, {
        pupils: [{ displayName: 'Yanis Libre' }]
      })
    );
    expect(
      (await codeLogin(a.id, other.pupils[0].code, '127.0.0.7')).response.status
    ).toBe(303);
  });

  it('tried: the reported takeover — a teacher enrols the admin through the API, then makes a code for them', async () => {
    const adminId = (await hub.users.getByName('admin'))!.id;
    const enrolled = await teacher.call('POST', `/classes/${a.id}/members`, {
      userName: 'admin',
      membership: 'learner'
    });
    expect(enrolled.status).toBe(400);
    expect((await readJson(enrolled)).error.code).toBe('invalid_membership');
    expect(await hub.classes.membership(a.id, adminId)).toBeNull();

    // Say an earlier version's hole had enrolled them: no code is made for the admin,
    // whoever asks, and the admin's sessions live on.
    await hub.classes.addMember(a.id, adminId, 'learner');
    for (const caller of [teacher, admin]) {
      const code = await caller.call('POST', `/classes/${a.id}/codes/admin`);
      expect(code.status).toBe(404);
      expect((await readJson(code)).error.code).toBe('not_a_code_account');
    }
    const page = await teacher.form(`/hub/classes/${a.id}/codes/admin/new`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Ton code');
    expect(await whoIs(admin.browser)).toBe('admin');
    // Nor for a learner who logs in with a password.
    const eleveId = (await hub.users.getByName('eleve'))!.id;
    await hub.classes.addMember(a.id, eleveId, 'learner');
    expect(
      (await teacher.call('POST', `/classes/${a.id}/codes/eleve`)).status
    ).toBe(404);
    await hub.classes.removeMember(a.id, adminId);
    await hub.classes.removeMember(a.id, eleveId);
  });

  it('tried: pupils’ codes after their accounts got a password, another role, a provider’s identity', async () => {
    const made = await readJson(
      await teacher.call('POST', `/classes/${a.id}/codes`, {
        pupils: [
          { displayName: 'Paul Motdepasse' },
          { displayName: 'Rose Roles' },
          { displayName: 'Sacha Sso' },
          { displayName: 'Tom Témoin' }
        ]
      })
    );
    const [withPassword, withRole, withSso, witness] = made.pupils;
    await hub.users.setPassword(withPassword.name, 'un-mot-de-passe');
    await hub.users.grantRole(withRole.name, 'teacher');
    const db = openDatabase(`sqlite:${path.join(hub.dataDir, 'candyce.db')}`);
    try {
      await new IdentityStore(db).link(
        'https://sso.example',
        'sujet-1',
        (await hub.users.getByName(withSso.name))!.id,
        new Date().toISOString()
      );
    } finally {
      await db.destroy();
    }
    for (const pupil of [withPassword, withRole, withSso]) {
      const login = await codeLogin(a.id, pupil.code, '127.0.0.9');
      expect(login.response.status).toBe(401);
      expect(login.html).toContain(WRONG);
      expect(await whoIs(login.browser)).toBeNull();
      expect(
        (await teacher.call('POST', `/classes/${a.id}/codes/${pupil.name}`))
          .status
      ).toBe(404);
    }
    const login = await codeLogin(a.id, witness.code, '127.0.0.10');
    expect(login.response.status).toBe(303);
    expect(await whoIs(login.browser)).toBe(witness.name);
  });

  it('lets only a teacher of the class, or an admin, make codes', async () => {
    const users = await hub.users.count();
    const members = (await hub.classes.members(a.id)).length;
    const refused = await otherTeacher.call('POST', `/classes/${a.id}/codes`, {
      pupils: [{ displayName: 'Intrus' }]
    });
    expect(refused.status).toBe(403);
    const pupil = await signIn('eleve');
    expect(
      (
        await pupil.call('POST', `/classes/${a.id}/codes`, {
          pupils: [{ displayName: 'Intrus' }]
        })
      ).status
    ).toBe(403);
    const anonymous = new Browser(hub.url);
    expect(
      (
        await anonymous.request('POST', `${api}/classes/${a.id}/codes`, {
          json: { pupils: [{ displayName: 'Intrus' }] }
        })
      ).status
    ).toBe(401);
    expect(await hub.users.count()).toBe(users);
    expect((await hub.classes.members(a.id)).length).toBe(members);

    const byAdmin = await admin.call('POST', `/classes/${b.id}/codes`, {
      pupils: [{ displayName: 'Par Admin' }]
    });
    expect(byAdmin.status).toBe(201);
  });

  it('changes nothing on bad input', async () => {
    const users = await hub.users.count();
    const members = (await hub.classes.members(a.id)).length;
    const many = Array.from({ length: 61 }, (_, i) => ({
      displayName: `Élève ${i}`
    }));
    const bodies: unknown[] = [
      { pupils: [] },
      { pupils: many },
      { pupils: [{ displayName: 'Tab\there' }] },
      { pupils: [{ displayName: 'Ligne\nnouvelle' }] },
      { pupils: [{ displayName: 'Ok' }, { displayName: 'Del\u007f' }] },
      { pupils: [{ displayName: 'x'.repeat(101) }] },
      { pupils: [{ displayName: '   ' }] },
      { pupils: [{ displayName: 'Ok', role: 'admin' }] },
      { pupils: [{ displayName: 'Ok' }], extra: true },
      {}
    ];
    for (const body of bodies) {
      const response = await teacher.call(
        'POST',
        `/classes/${a.id}/codes`,
        body
      );
      expect(response.status).toBe(400);
    }
    const malformed = await teacher.raw(
      'POST',
      `/classes/${a.id}/codes`,
      '{"pupils": [{"displayName": "Léa"'
    );
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe('invalid_json');
    expect(await hub.users.count()).toBe(users);
    expect((await hub.classes.members(a.id)).length).toBe(members);
  });

  it('offers a French teacher page whose form answers the printable sheet', async () => {
    const anonymous = new Browser(hub.url);
    const redirect = await anonymous.get(`/hub/classes/${a.id}/codes`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toContain('/hub/login?next=');

    const manage = await teacher.browser.get(`/hub/classes/${a.id}/codes`);
    expect(manage.status).toBe(200);
    const html = await manage.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Codes de connexion – CM2 A');
    expect(html).toContain('Léa Martin');
    expect(html).not.toMatch(/<script/i);

    expect(
      (await otherTeacher.browser.get(`/hub/classes/${a.id}/codes`)).status
    ).toBe(403);

    // The list of one's classes, linked from the home page.
    const home = await (await teacher.browser.get('/hub/home')).text();
    expect(home).toContain('href="/hub/classes/codes"');
    const mine = await (await teacher.browser.get('/hub/classes/codes')).text();
    expect(mine).toContain(`href="/hub/classes/${a.id}/codes"`);
    expect(mine).toContain(`href="/hub/classes/${c.id}/codes"`);
    expect(mine).not.toContain(b.id);
    const pupilPage = await signIn('eleve');
    expect((await pupilPage.browser.get('/hub/classes/codes')).status).toBe(
      403
    );

    const users = await hub.users.count();
    const forged = await teacher.form(`/hub/classes/${a.id}/codes`, {
      _xsrf: 'forged',
      eleves: 'Pirate'
    });
    expect(forged.status).toBe(403);
    const bad = await teacher.form(`/hub/classes/${a.id}/codes`, {
      eleves: 'Ok\nTab\there'
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('role="alert"');
    expect(await hub.users.count()).toBe(users);

    const sheet = await teacher.form(`/hub/classes/${a.id}/codes`, {
      eleves: 'Jules <Verne>\r\n\r\nMia Chen\r\n'
    });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('cache-control')).toBe('no-store');
    const cards = await sheet.text();
    expect(cards).toContain('Fiche des codes – CM2 A');
    expect(cards).toContain('Jules &lt;Verne&gt;');
    expect(cards).not.toContain('<Verne>');
    expect(cards).toContain(
      `${hub.url}/c/${await hub.classCodes.classKey(a.id)}`
    );
    expect(cards).not.toContain(`/hub/classes/${a.id}/login`);
    const codes = [...cards.matchAll(/class="cdc-code">([A-Z0-9]+)</g)].map(
      m => m[1]
    );
    expect(codes).toHaveLength(2);
    const login = await codeLogin(a.id, codes[1]);
    expect(login.response.status).toBe(303);
    expect(await whoIs(login.browser)).toBe('mia.chen');
  });

  const KEY = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$/;

  it('tried: short class keys: made once per class, the same when asked again or at once, unique, from the codes’ alphabet', async () => {
    const keyA = await hub.classCodes.classKey(a.id);
    expect(keyA).toMatch(KEY);
    expect(await hub.classCodes.classKey(a.id)).toBe(keyA);
    // Two teachers opening the page at once: one key wins, both get it.
    const fresh = await hub.classes.create({ name: 'CM1 simultané' });
    const atOnce = await Promise.all(
      Array.from({ length: 5 }, () => hub.classCodes.classKey(fresh.id))
    );
    expect(new Set(atOnce).size).toBe(1);
    const keys = [keyA, atOnce[0]];
    for (let i = 0; i < 40; i++) {
      const klass = await hub.classes.create({ name: `Classe ${i}` });
      keys.push(await hub.classCodes.classKey(klass.id));
    }
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key).toMatch(KEY);
      expect(key).not.toMatch(/[01OIL]/);
    }
    // Found back in any case, with spaces; nothing else is a key.
    expect((await hub.classCodes.classOfKey(keyA.toLowerCase()))?.id).toBe(
      a.id
    );
    expect((await hub.classCodes.classOfKey(` ${keyA} `))?.id).toBe(a.id);
    for (const typed of ['', 'ABCD', 'ABCDEF', 'ABCD0', 'ABCDI', a.id]) {
      expect(await hub.classCodes.classOfKey(typed)).toBeNull();
    }
  });

  it('tried: /c/<key>: the class’s simple page, a code logs in from it, a wrong one says so with « tu »; the old address still works', async () => {
    const key = await hub.classCodes.classKey(a.id);
    const made = await readJson(
      await teacher.call('POST', `/classes/${a.id}/codes`, {
        pupils: [{ displayName: 'Éloi Court' }]
      })
    );
    expect(made.loginUrl).toBe(`${hub.url}/c/${key}`);
    const browser = new Browser(hub.url);
    const page = await browser.get(`/c/${key.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      "script-src 'self'"
    );
    const text = await page.text();
    expect(text).toContain('<html lang="fr">');
    expect(text).toContain('<h1 class="cdc-class-title">Classe CM2 A</h1>');
    expect(text).toContain('<label for="code">Tape ton code</label>');
    expect(text).not.toContain(a.id);
    expect(text).not.toMatch(/<script/i);
    // The form posts back to the short address: no id in the pupil's address bar.
    expect(text).toContain(`action="/c/${key.toLowerCase()}"`);

    const wrong = await browser.request('POST', `/c/${key}`, {
      form: { _xsrf: xsrfIn(text), code: 'ZZZZZZZZ' }
    });
    expect(wrong.status).toBe(401);
    const wrongText = await wrong.text();
    expect(wrongText).toContain(WRONG);
    expect(wrongText).toContain(`action="/c/${key}"`);
    expect(await whoIs(browser)).toBeNull();

    // From another site: refused like any hub form.
    const foreign = await browser.request('POST', `/c/${key}`, {
      form: { _xsrf: xsrfIn(wrongText), code: made.pupils[0].code },
      headers: { origin: 'https://ailleurs.example' }
    });
    expect(foreign.status).toBe(403);
    expect(await whoIs(browser)).toBeNull();

    const right = await browser.request('POST', `/c/${key}`, {
      form: { _xsrf: xsrfIn(wrongText), code: made.pupils[0].code }
    });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(
      `/hub/spawn?next=${encodeURIComponent(`/user/${made.pupils[0].name}/lab?mode=ecole`)}`
    );
    expect(await whoIs(browser)).toBe(made.pupils[0].name);
    // Signed in: the short address leads home.
    const again = await browser.get(`/c/${key}`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/hub/home');

    // A code of class A on class C's short page: the wrong-code answer.
    const keyC = await hub.classCodes.classKey(c.id);
    const elsewhere = new Browser(hub.url);
    const other = await elsewhere.get(`/c/${keyC}`);
    const refused = await elsewhere.request('POST', `/c/${keyC}`, {
      form: { _xsrf: xsrfIn(await other.text()), code: made.pupils[0].code }
    });
    expect(refused.status).toBe(401);
    expect(await whoIs(elsewhere)).toBeNull();

    // The old address with the class's id still logs in.
    const old = await codeLogin(a.id, made.pupils[0].code);
    expect(old.response.status).toBe(303);
  });

  it('tried: unknown, malformed and empty short keys: a French 404 page', async () => {
    const browser = new Browser(hub.url);
    const taken = new Set(
      await Promise.all([a, b, c].map(k => hub.classCodes.classKey(k.id)))
    );
    const unknown = ['ZZZZZ', 'YYYYY', 'XXXXX'].find(k => !taken.has(k))!;
    for (const url of [
      `/c/${unknown}`,
      '/c/AB',
      '/c/ABCD0',
      `/c/${a.id}`,
      '/c/%00',
      '/c/',
      '/c/ABCDE/plus'
    ]) {
      const response = await browser.get(url);
      expect([url, response.status]).toEqual([url, 404]);
      const text = await response.text();
      expect(text).toContain('<html lang="fr">');
      expect(text).toContain('Classe introuvable');
    }
    const posted = await browser.request('POST', `/c/${unknown}`, {
      form: { code: 'ABCDEFGH' }
    });
    expect(posted.status).toBe(404);
  });

  /** The cards of a sheet, each one's HTML. */
  const cardsOf = (sheet: string) =>
    [...sheet.matchAll(/<li class="cdc-card">([\s\S]*?)<\/li>/g)].map(
      m => m[1]
    );

  it('tried: the sheet’s QR code: the SVG that qrcode makes for the class’s short URL, on every card, with a print button', async () => {
    const sheet = await teacher.form(`/hub/classes/${c.id}/codes`, {
      eleves: 'Lina Qr\nMarc Qr'
    });
    expect(sheet.status).toBe(200);
    const text = await sheet.text();
    const url = `${hub.url}/c/${await hub.classCodes.classKey(c.id)}`;
    const expected = await QRCode.toString(url, {
      type: 'svg',
      errorCorrectionLevel: 'M'
    });
    const cards = cardsOf(text);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      const svg = card.match(
        /<div class="cdc-card-qr"[^>]*>(<svg[\s\S]*?<\/svg>)/
      );
      expect(svg?.[1]).toBe(expected.trim());
      expect(card).toContain(
        `role="img" aria-label="QR code de l’adresse ${url}"`
      );
      expect(card).toContain(`<span class="cdc-card-url">${url}</span>`);
      expect(card).not.toContain(c.id);
    }
    // Another URL would make another drawing: the comparison means something.
    expect(
      await QRCode.toString(`${url}X`, {
        type: 'svg',
        errorCorrectionLevel: 'M'
      })
    ).not.toBe(expected);
    // The print button: hidden until the hub's own script shows it (no inline script).
    expect(text).toContain(
      '<button type="button" id="cdc-imprimer" hidden>Imprimer</button>'
    );
    expect(text).toContain(
      '<script src="/hub/static/imprimer.js" defer></script>'
    );
    expect(text).not.toMatch(/<script>|onclick=/i);
    const script = await new Browser(hub.url).get('/hub/static/imprimer.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('window.print()');
  });

  it('tried: two pupils with the same name: their cards differ by the login printed on them, and the sheet says so', async () => {
    const sheet = await teacher.form(`/hub/classes/${c.id}/codes`, {
      eleves: 'Hugo Petit\nHugo Petit'
    });
    const text = await sheet.text();
    const cards = cardsOf(text);
    expect(cards).toHaveLength(2);
    const logins = cards.map(
      card => card.match(/Ton identifiant : <strong>([^<]+)<\/strong>/)?.[1]
    );
    expect(logins).toEqual(['hugo.petit', 'hugo.petit2']);
    // Without their codes, the two cards still differ.
    const withoutCode = cards.map(card =>
      card.replace(/class="cdc-code">[A-Z0-9]+</, '')
    );
    expect(withoutCode[0]).not.toBe(withoutCode[1]);
    expect(text).toContain('Plusieurs élèves portent le même nom');
    expect(text).toContain(
      '<li>Hugo Petit : <strong>hugo.petit</strong>, <strong>hugo.petit2</strong></li>'
    );
    // A pupil alone with their name: no such note.
    const single = await (
      await teacher.form(`/hub/classes/${c.id}/codes`, { eleves: 'Unique Nom' })
    ).text();
    expect(single).not.toContain('Plusieurs élèves portent le même nom');
    expect(single).toContain('Ton identifiant : <strong>unique.nom</strong>');
  });

  it('answers a French 404 for an unknown class’s login page', async () => {
    const response = await new Browser(hub.url).get(
      '/hub/classes/inconnue/login'
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Classe introuvable');
  });
});
