import * as path from 'path';

import { IClass } from '../src/classes/service';
import { openDatabase } from '../src/db/connect';
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
 * School mode per class (issue 18), through a real hub and its SQLite file: a teacher
 * turns it on for her class, and its learners — only them — get `schoolMode: true`
 * from `/me`, which `@candyce/school-ui` reads; off again, they get the full
 * JupyterLab. Refused, changing nothing: another class's teacher (403), a learner
 * (403), nobody signed in (401), a body that is not `{ schoolMode: boolean }` (400),
 * an unknown class (404 for an administrator).
 */
describe('school mode per class', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let cm2: IClass;
  let other: IClass;
  let teacher: ISignedIn;
  let otherTeacher: ISignedIn;
  let pupil: ISignedIn;
  let outsider: ISignedIn;
  let admin: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub();
    const users = await addUsers(hub, {
      'mme.leroy': 'teacher',
      'm.roux': 'teacher',
      jade: 'learner',
      tom: 'learner',
      admin: 'admin'
    });
    cm2 = await hub.classes.create({ name: 'CM2', level: 'CM2' });
    other = await hub.classes.create({ name: '6e A', level: '6e' });
    await hub.classes.addMember(cm2.id, users['mme.leroy'].id, 'teacher');
    await hub.classes.addMember(cm2.id, users.jade.id, 'learner');
    await hub.classes.addMember(other.id, users['m.roux'].id, 'teacher');
    await hub.classes.addMember(other.id, users.tom.id, 'learner');
    teacher = await signIn(hub, 'mme.leroy');
    otherTeacher = await signIn(hub, 'm.roux');
    pupil = await signIn(hub, 'jade');
    outsider = await signIn(hub, 'tom');
    admin = await signIn(hub, 'admin');
  });
  afterAll(() => hub.close());

  const schoolModeOf = async (who: ISignedIn) =>
    (await readJson(await who.call('GET', '/me'))).schoolMode;
  const stateOf = async (klass: IClass) =>
    (
      await readJson(
        await admin.call('GET', `/classes/${klass.id}/school-mode`)
      )
    ).schoolMode;

  it('is off by default, and on for the learners of a class whose teacher turns it on', async () => {
    expect(await schoolModeOf(pupil)).toBe(false);
    expect(await stateOf(cm2)).toBe(false);

    const on = await teacher.call('PUT', `/classes/${cm2.id}/school-mode`, {
      schoolMode: true
    });
    expect(on.status).toBe(200);
    expect(await readJson(on)).toEqual({ schoolMode: true });
    // Twice: the same answer, nothing else changes.
    const again = await teacher.call('PUT', `/classes/${cm2.id}/school-mode`, {
      schoolMode: true
    });
    expect(await readJson(again)).toEqual({ schoolMode: true });

    expect(await schoolModeOf(pupil)).toBe(true);
    const seen = await pupil.call('GET', `/classes/${cm2.id}/school-mode`);
    expect(await readJson(seen)).toEqual({ schoolMode: true });
    // Her teacher keeps the full JupyterLab; another class's pupil is unaffected.
    expect(await schoolModeOf(teacher)).toBe(false);
    expect(await schoolModeOf(outsider)).toBe(false);
    expect(await stateOf(other)).toBe(false);

    const off = await teacher.call('PUT', `/classes/${cm2.id}/school-mode`, {
      schoolMode: false
    });
    expect(await readJson(off)).toEqual({ schoolMode: false });
    expect(await schoolModeOf(pupil)).toBe(false);
  });

  it('refuses other callers and bad bodies, and changes nothing', async () => {
    const put = (who: ISignedIn, klass: IClass, body: unknown) =>
      who.call('PUT', `/classes/${klass.id}/school-mode`, body);

    const refused = [
      [await put(otherTeacher, cm2, { schoolMode: true }), 403],
      [await put(pupil, cm2, { schoolMode: true }), 403],
      [await put(teacher, cm2, { schoolMode: 'yes' }), 400],
      [await put(teacher, cm2, {}), 400],
      [await put(teacher, cm2, { schoolMode: true, level: 'CM1' }), 400]
    ] as const;
    for (const [response, status] of refused) {
      expect(response.status).toBe(status);
      expect((await readJson(response)).error.code).toEqual(expect.any(String));
    }
    const unknown = await admin.call('PUT', '/classes/nope/school-mode', {
      schoolMode: true
    });
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(
      `${hub.url}/hub/api/v1/classes/${cm2.id}/school-mode`
    );
    expect(anonymous.status).toBe(401);

    expect(await stateOf(cm2)).toBe(false);
    expect(await schoolModeOf(pupil)).toBe(false);
  });

  it('is on by itself for a pupil whose account a class code made, wherever she logs in', async () => {
    expect(await stateOf(cm2)).toBe(false);
    const made = await teacher.call('POST', `/classes/${cm2.id}/codes`, {
      pupils: [{ displayName: 'Inès Petit' }]
    });
    expect(made.status).toBe(201);
    const [card] = (await readJson(made)).pupils;
    // Her class's old login page, not the card's `/c/<key>` (which lands with
    // `?mode=ecole`): the hub itself says school mode.
    const browser = new Browser(hub.url);
    const page = await browser.get(`/hub/classes/${cm2.id}/login`);
    const login = await browser.request(
      'POST',
      `/hub/classes/${cm2.id}/login`,
      { form: { _xsrf: xsrfIn(await page.text()), code: card.code } }
    );
    expect(login.status).toBe(303);
    const me = await readJson(await browser.get('/hub/api/v1/me'));
    expect(me.name).toBe(card.name);
    expect(me.schoolMode).toBe(true);
    // Her classmate with a password, and her teacher, keep the full JupyterLab.
    expect(await schoolModeOf(pupil)).toBe(false);
    expect(await schoolModeOf(teacher)).toBe(false);

    // Once the account has a password, it is no longer one a code made.
    await hub.users.setPassword(card.name, 'un mot de passe assez long');
    const after = await readJson(await browser.get('/hub/api/v1/me'));
    expect(after.schoolMode).toBe(false);
  });

  it('forgets the setting with its class', async () => {
    const gone = await hub.classes.create({ name: 'CM1' });
    await hub.classes.schoolMode.set(gone.id, true);
    expect(await hub.classes.schoolMode.isOn(gone.id)).toBe(true);
    const db = openDatabase(`sqlite:${path.join(hub.dataDir, 'candyce.db')}`);
    try {
      await db.deleteFrom('classes').where('id', '=', gone.id).execute();
      const rows = await db
        .selectFrom('class_school_mode')
        .selectAll()
        .where('class_id', '=', gone.id)
        .execute();
      expect(rows).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
