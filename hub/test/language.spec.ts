import {
  addUsers,
  Browser,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * The hub's language, end to end against a real hub with a real SQLite file: French
 * by default, English for a browser that asks for it (`Accept-Language`), for a user
 * who chose it (`PATCH /hub/api/v1/me`, kept in the database), and for a visitor who
 * followed the « English » link (cookie). What was tried: bad bodies (changing
 * nothing), a new session after the choice, the pupils' class login page.
 */
describe('the hub in French and English', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const english = { 'accept-language': 'en-GB,en;q=0.9' };

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { ada: 'teacher', bob: 'teacher' }, { ada: 'Ada' });
  });
  afterAll(() => hub.close());

  it('shows pages in French by default, with a link to English', async () => {
    const page = await (await new Browser(hub.url).get('/hub/login')).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<h1>Connexion à Candyce</h1>');
    expect(page).toContain('<label for="password">Mot de passe</label>');
    expect(page).toContain(
      '<a class="cdc-language" href="/hub/login?lang=en" hreflang="en" lang="en">English</a>'
    );
  });

  it('shows pages in English to a browser that asks for it', async () => {
    const browser = new Browser(hub.url);
    const response = await browser.request(
      'GET',
      '/hub/login?next=%2Fhub%2Fadmin',
      {
        headers: english
      }
    );
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Log in · Candyce</title>');
    expect(page).toContain('<h1>Log in to Candyce</h1>');
    expect(page).toContain('<button type="submit">Sign in</button>');
    expect(page).not.toMatch(/Connexion|Mot de passe|Identifiant/);
    // The way back to French keeps where the login leads.
    expect(page).toContain(
      'href="/hub/login?next=%2Fhub%2Fadmin&amp;lang=fr" hreflang="fr" lang="fr">Français</a>'
    );
  });

  it('keeps the language of the link a visitor followed', async () => {
    const browser = new Browser(hub.url);
    const chosen = await (await browser.get('/hub/login?lang=en')).text();
    expect(chosen).toContain('<h1>Log in to Candyce</h1>');
    expect(browser.cookies.get('candyce-language')).toBe('en');
    const next = await (await browser.get('/hub/login')).text();
    expect(next).toContain('<html lang="en">');
    // A refused login answers in the same language.
    const refused = await browser.request('POST', '/hub/login', {
      form: { _xsrf: 'wrong', username: 'ada', password: 'x' }
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      'The login page has expired: try again.'
    );
  });

  it('answers /me with the browser’s language until the user chooses', async () => {
    const ada = await signIn(hub, 'ada');
    const me = async (headers: Record<string, string> = {}) =>
      readJson(await ada.browser.request('GET', '/hub/api/v1/me', { headers }));
    expect((await me()).locale).toBe('fr_FR');
    expect((await me(english)).locale).toBe('en');
    expect((await me({ 'accept-language': 'de, fr;q=0.5' })).locale).toBe(
      'fr_FR'
    );
  });

  it('keeps the language a user chose, for the API and the pages', async () => {
    const ada = await signIn(hub, 'ada');
    const chosen = await ada.call('PATCH', '/me', { language: 'en' });
    expect(chosen.status).toBe(200);
    expect(await readJson(chosen)).toEqual({ locale: 'en' });

    // The browser asks for French: the choice wins.
    const french = { 'accept-language': 'fr-FR' };
    const me = await readJson(
      await ada.browser.request('GET', '/hub/api/v1/me', { headers: french })
    );
    expect(me.locale).toBe('en');
    const home = await ada.browser.request('GET', '/hub/home', {
      headers: french
    });
    const page = await home.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Hello, Ada</h1>');
    expect(page).toContain('Signed in as <strong>ada</strong> (teacher).');
    expect(page).toContain('Manage my classes');
    // Signed in: the language is the account's, no link to switch.
    expect(page).not.toContain('cdc-language');

    // Kept with the account: another session, another device.
    const again = await signIn(hub, 'ada');
    const other = await (await again.browser.get('/hub/classes')).text();
    expect(other).toContain('<h1>My classes</h1>');
    expect(other).toContain('You do not teach any class yet.');

    // And back to French.
    expect((await again.call('PATCH', '/me', { language: 'fr' })).status).toBe(
      200
    );
    const back = await (await again.browser.get('/hub/home')).text();
    expect(back).toContain('<h1>Bonjour, Ada</h1>');
  });

  it('refuses a bad language and changes nothing', async () => {
    const bob = await signIn(hub, 'bob');
    expect((await bob.call('PATCH', '/me', { language: 'en' })).status).toBe(
      200
    );
    for (const body of [
      { language: 'de' },
      { language: 'EN' },
      { language: null },
      {},
      { language: 'fr', displayName: 'Robert' },
      ['fr']
    ]) {
      const refused = await bob.call('PATCH', '/me', body);
      expect(refused.status).toBe(400);
      expect((await readJson(refused)).error.code).toBe('invalid_request');
    }
    const malformed = await bob.raw('PATCH', '/me', '{"language":');
    expect(malformed.status).toBe(400);
    // Without the anti-CSRF header, another site cannot change it either.
    const forged = await bob.browser.request('PATCH', '/hub/api/v1/me', {
      json: { language: 'fr' }
    });
    expect(forged.status).toBe(403);
    const me = await readJson(await bob.browser.get('/hub/api/v1/me'));
    expect(me.locale).toBe('en');
    expect((await hub.users.getByName('bob'))!.language).toBe('en');
    expect(me.displayName).toBe('Compte bob');
  });

  it('asks a session for PATCH /me', async () => {
    const anonymous = await new Browser(hub.url).request(
      'PATCH',
      '/hub/api/v1/me',
      { json: { language: 'en' } }
    );
    expect(anonymous.status).toBe(401);
  });

  it('shows the pupils’ class login page in English too', async () => {
    const klass = await hub.classes.create({ name: 'CM2 A' });
    const key = await hub.classCodes.classKey(klass.id);
    const browser = new Browser(hub.url);
    const french = await (await browser.get(`/c/${key}`)).text();
    expect(french).toContain('<label for="code">Tape ton code</label>');
    const page = await (
      await browser.request('GET', `/c/${key}`, { headers: english })
    ).text();
    expect(page).toContain('<h1 class="cdc-class-title">Class CM2 A</h1>');
    expect(page).toContain('<label for="code">Type your code</label>');
    expect(page).toContain('The 8 letters and digits on your card.');
    const unknown = await browser.request('GET', '/c/ZZZZZ', {
      headers: english
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(
      'This address leads to no class: check it on your card, or ask your teacher.'
    );
  });
});
