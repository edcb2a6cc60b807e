import { IClass } from '../src/classes/service';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * « Mode école pour cette classe » on the hub's class page (issue 18), through a real
 * hub and its SQLite file: the class's teacher ticks it, the page says it is on, and the
 * class's pupils get `schoolMode: true` from `/me`, as with the API's
 * `PUT /classes/:id/school-mode` (the same right and service). Refused, changing
 * nothing: another class's teacher (403), a pupil (403), a form without the session's
 * anti-CSRF field (403), a value that is not a ticked box (400, next to the box).
 */
describe('the class page’s school mode switch', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let cm1: IClass;
  let teacher: ISignedIn;
  let otherTeacher: ISignedIn;
  let pupil: ISignedIn;

  const url = () => `/hub/classes/${cm1.id}`;
  const pageOf = async (who: ISignedIn) => {
    const response = await who.browser.get(url());
    return { status: response.status, html: await response.text() };
  };
  const pupilSchoolMode = async () =>
    (await readJson(await pupil.call('GET', '/me'))).schoolMode;

  beforeAll(async () => {
    hub = await startTestHub();
    const users = await addUsers(hub, {
      'mme.blanc': 'teacher',
      'm.noir': 'teacher',
      lina: 'learner'
    });
    cm1 = await hub.classes.create({ name: 'CM1 Blanc', level: 'CM1' });
    const other = await hub.classes.create({ name: 'CE2 Noir' });
    await hub.classes.addMember(cm1.id, users['mme.blanc'].id, 'teacher');
    await hub.classes.addMember(cm1.id, users.lina.id, 'learner');
    await hub.classes.addMember(other.id, users['m.noir'].id, 'teacher');
    teacher = await signIn(hub, 'mme.blanc');
    otherTeacher = await signIn(hub, 'm.noir');
    pupil = await signIn(hub, 'lina');
  });
  afterAll(() => hub.close());

  it('lets the class’s teacher turn it on and off, and says its state', async () => {
    let page = await pageOf(teacher);
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `<form method="post" action="${url()}/school-mode">`
    );
    expect(page.html).toMatch(
      /<input type="checkbox" id="mode-ecole" name="mode-ecole" value="oui" aria-describedby="mode-ecole-aide">/
    );
    expect(page.html).toContain(
      '<label for="mode-ecole">Mode école pour cette classe</label>'
    );
    expect(page.html).toContain('Le mode école est désactivé');

    const on = await teacher.form(`${url()}/school-mode`, {
      'mode-ecole': 'oui'
    });
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe(`${url()}?ok=mode-ecole-active`);
    expect(await hub.classes.schoolMode.isOn(cm1.id)).toBe(true);
    expect(await pupilSchoolMode()).toBe(true);
    page = await pageOf(teacher);
    expect(page.html).toMatch(/id="mode-ecole"[^>]* value="oui" checked/);
    expect(page.html).toContain('Le mode école est activé');
    const notice = await teacher.browser.get(on.headers.get('location')!);
    expect(await notice.text()).toContain(
      'Mode école activé pour les élèves de la classe.'
    );
    // The API tells the same.
    expect(
      await readJson(
        await teacher.call('GET', `/classes/${cm1.id}/school-mode`)
      )
    ).toEqual({ schoolMode: true });

    // An unticked box sends nothing: off.
    const off = await teacher.form(`${url()}/school-mode`);
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe(
      `${url()}?ok=mode-ecole-desactive`
    );
    expect(await hub.classes.schoolMode.isOn(cm1.id)).toBe(false);
    expect(await pupilSchoolMode()).toBe(false);
  });

  it('refuses another teacher, a pupil, a forged form and a bad value, changing nothing', async () => {
    for (const who of [otherTeacher, pupil]) {
      expect((await pageOf(who)).status).toBe(403);
      const sent = await who.form(`${url()}/school-mode`, {
        'mode-ecole': 'oui'
      });
      expect(sent.status).toBe(403);
    }
    for (const xsrf of ['', 'forged']) {
      const forged = await teacher.form(`${url()}/school-mode`, {
        _xsrf: xsrf,
        'mode-ecole': 'oui'
      });
      expect(forged.status).toBe(403);
    }
    const bad = await teacher.form(`${url()}/school-mode`, {
      'mode-ecole': 'on'
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(
      /id="mode-ecole"[^>]*aria-describedby="mode-ecole-aide mode-ecole-erreur" aria-invalid="true"/
    );
    expect(html).toContain(
      'Cochez la case pour activer le mode école, décochez-la pour le désactiver.'
    );
    expect(await hub.classes.schoolMode.isOn(cm1.id)).toBe(false);
    expect(await pupilSchoolMode()).toBe(false);
  });
});
