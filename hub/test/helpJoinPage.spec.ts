import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { FakeSpawner } from './helpers/fakeSpawner';

/**
 * « Rejoindre » on the hub's pages (issue 19, points 3 and 6): a teacher told of a help
 * request in the home page's « Nouveautés » joins it with a form (POST, the session's
 * `_xsrf`) and goes to the pupil's notebook; a form without its token, another class's
 * teacher, a pupil, an unknown or an ended request get a page that says why, and the
 * request is unchanged. A real hub over HTTP on a SQLite file (live help allowed on
 * shared origins, as for the rights matrix: no server is entered here).
 */
describe('« Rejoindre » a help request from the hub home page', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const people: Record<string, ISignedIn> = {};
  let requestId: string;

  const joinAction = () => `/hub/aide/${requestId}/rejoindre`;
  const state = async () => {
    const open = await readJson(
      await people.profa.call('GET', '/help-requests')
    );
    return open.requests.map(
      (r: { id: string; state: string; helperDisplayName: string | null }) =>
        `${r.id === requestId ? 'la demande' : r.id} ${r.state} ${r.helperDisplayName}`
    );
  };

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, {
      spawner: new FakeSpawner(),
      helpWithoutServerOrigins: true
    });
    const users = await addUsers(
      hub,
      { ines: 'learner', paul: 'learner', profa: 'teacher', profb: 'teacher' },
      { profa: 'Mme Arnaud', ines: 'Inès Martin' }
    );
    const mine = await hub.classes.create({ name: '4e A' });
    const other = await hub.classes.create({ name: '3e B' });
    await hub.classes.addMember(mine.id, users.profa, 'teacher');
    await hub.classes.addMember(mine.id, users.ines, 'learner');
    await hub.classes.addMember(mine.id, users.paul, 'learner');
    await hub.classes.addMember(other.id, users.profb, 'teacher');
    for (const name of ['ines', 'paul', 'profa', 'profb']) {
      people[name] = await signIn(hub, name);
    }
    const asked = await people.ines.call('POST', '/help-requests', {
      path: 'Devoirs/tp 1.ipynb',
      access: 'write'
    });
    expect(asked.status).toBe(201);
    requestId = (await readJson(asked)).id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('shows « Rejoindre » beside the help request, as a form with the session token', async () => {
    const page = await (await people.profa.browser.get('/hub/home')).text();
    const item = page.match(
      /<li><span id="(cdc-news-\d+)">([^<]*)<\/span>(.*?)<\/li>/
    )!;
    expect(item).not.toBeNull();
    expect(item[2]).toBe(
      'Inès Martin (4e A) demande de l’aide sur Devoirs/tp 1.ipynb.'
    );
    // A real form: POST to the join page, the session's token, a keyboard-reachable
    // button named « Rejoindre » and described by the sentence it follows.
    expect(item[3]).toBe(
      ` <form class="cdc-inline cdc-news-join" method="post" action="${joinAction()}">` +
        `<input type="hidden" name="_xsrf" value="${people.profa.xsrf}">` +
        `<button type="submit" aria-describedby="${item[1]}">Rejoindre</button></form>`
    );
    // The script's copy of what it needs for the news that comes later.
    expect(page).toContain(`data-xsrf="${people.profa.xsrf}"`);
    expect(page).toContain('data-join-label="Rejoindre"');
    // The pupil is not told of her own request, and has nothing to join.
    const pupil = await (await people.ines.browser.get('/hub/home')).text();
    expect(pupil).not.toContain('/rejoindre');
  });

  it('refuses a form without its token, another class’s teacher, a pupil and an unknown request, changing nothing', async () => {
    const before = await state();
    expect(before).toEqual(['la demande waiting null']);

    const forged = await people.profa.browser.request('POST', joinAction(), {
      form: { _xsrf: 'faux' }
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Page expirée');

    const stranger = await people.profb.form(joinAction());
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain('Accès refusé');

    const pupil = await people.paul.form(joinAction());
    expect(pupil.status).toBe(403);

    const unknown = await people.profa.form(
      '/hub/aide/00000000-0000-4000-8000-000000000000/rejoindre'
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('role="alert"');

    // Signed out: to the login page, back home afterwards (a form is not replayed).
    const anonymous = await fetch(hub.url + joinAction(), {
      method: 'POST',
      redirect: 'manual'
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/hub\/login\?next=/);

    expect(await state()).toEqual(before);
  });

  it('joins for the pupil’s teacher and goes to her notebook; once ended, says so', async () => {
    const joined = await people.profa.form(joinAction());
    expect(joined.status).toBe(303);
    expect(await state()).toEqual(['la demande joined Mme Arnaud']);
    const mine = await readJson(
      await people.ines.call('GET', '/me/help-request')
    );
    expect(mine.request.helperDisplayName).toBe('Mme Arnaud');
    // To the notebook, where the API's join would send her.
    expect(mine.request.joinUrl).toMatch(
      /\/user\/ines\/lab\/tree\/Devoirs\/tp%201\.ipynb$/
    );
    expect(joined.headers.get('location')).toBe(mine.request.joinUrl);

    expect(
      (await people.ines.call('POST', `/help-requests/${requestId}/close`))
        .status
    ).toBe(200);
    const late = await people.profa.form(joinAction());
    expect(late.status).toBe(409);
    const text = await late.text();
    expect(text).toContain('<h1>Action impossible</h1>');
    expect(text).toContain('href="/hub/home"');
  });
});
