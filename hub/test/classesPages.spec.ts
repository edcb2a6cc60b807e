import { IClass } from '../src/classes/service';
import { IUser } from '../src/users/service';
import {
  addUsers,
  Browser,
  ISignedIn,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * The class pages of the hub (list, creation, a class's page), through a real hub and
 * real logins: a teacher creates a class, renames it, enrols learners found by name and
 * removes them; an admin sees every class and assigns teachers found by name.
 *
 * Bad input tried (each a 400 page with the error next to its field and a role=alert
 * summary, changing nothing): an empty or blank name, a 101-character name, names with a
 * tab, a bell or DEL, a 51-character level, an establishment the caller may not use, no
 * learner ticked, an unknown learner id, a learner outside the caller's reach, a teacher
 * ticked as a learner, a learner chosen as a teacher, a teacher added twice, a teacher
 * or learner search of 101 characters or with a tab (on the page and in the form). Refused: a
 * teacher on another teacher's class (403, whether it exists or not), a learner on the
 * pages (403), a teacher assigning teachers (403), forms without or with a wrong
 * anti-CSRF field (403), nobody signed in (login page).
 */
describe('class pages', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let users: Record<string, IUser>;
  /** Class A: taught by prof, with chloe and hugo; no establishment. */
  let a: IClass;
  /** Class E: taught by autre.prof, in the establishment, with ines. */
  let e: IClass;
  let establishmentId: string;
  let prof: ISignedIn;
  let other: ISignedIn;
  let admin: ISignedIn;
  let pupil: ISignedIn;

  const page = async (who: ISignedIn, url: string) => {
    const response = await who.browser.get(url);
    return { status: response.status, html: await response.text() };
  };
  const classUrl = (klass: { id: string }) => `/hub/classes/${klass.id}`;
  const learnersOf = async (klass: IClass) =>
    (await hub.classes.members(klass.id))
      .filter(m => m.membership === 'learner')
      .map(m => m.userId)
      .sort();

  beforeAll(async () => {
    hub = await startTestHub();
    users = await addUsers(
      hub,
      {
        prof: 'teacher',
        'autre.prof': 'teacher',
        'nouveau.prof': 'teacher',
        admin: 'admin',
        chloe: 'learner',
        hugo: 'learner',
        ines: 'learner',
        libre: 'learner'
      },
      {
        prof: 'Marie Curie',
        'autre.prof': 'Alan Turing',
        'nouveau.prof': 'Ada Lovelace',
        chloe: 'Chloé Petit',
        hugo: 'Hugo Bernard',
        ines: 'Inès Roy',
        libre: 'Libre Sansclasse'
      }
    );
    establishmentId = (
      await hub.classes.createEstablishment({
        name: 'Lycée Voltaire',
        uai: '0750001A'
      })
    ).id;
    a = await hub.classes.create({ name: 'CM2 A', level: 'CM2' });
    e = await hub.classes.create({ name: 'Club E', establishmentId });
    await hub.classes.addMember(a.id, users.prof, 'teacher');
    await hub.classes.addMember(a.id, users.chloe, 'learner');
    await hub.classes.addMember(a.id, users.hugo, 'learner');
    await hub.classes.addMember(e.id, users['autre.prof'], 'teacher');
    await hub.classes.addMember(e.id, users.ines, 'learner');
    prof = await signIn(hub, 'prof');
    other = await signIn(hub, 'autre.prof');
    admin = await signIn(hub, 'admin');
    pupil = await signIn(hub, 'chloe');
  });
  afterAll(() => hub.close());

  /** Create a class through the form as `who`; its id. */
  async function createClass(
    who: ISignedIn,
    fields: Record<string, string>
  ): Promise<string> {
    const response = await who.form('/hub/classes', fields);
    expect(response.status).toBe(303);
    const match = response.headers
      .get('location')!
      .match(/^\/hub\/classes\/([0-9a-f-]{36})\?ok=cree$/);
    expect(match).not.toBeNull();
    return match![1];
  }

  it('sends callers without a session to the login page, and back', async () => {
    const anonymous = new Browser(hub.url);
    for (const url of ['/hub/classes', '/hub/classes/new', classUrl(a)]) {
      const response = await anonymous.get(url);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `/hub/login?next=${encodeURIComponent(url)}`
      );
    }
    const count = (await hub.classes.all()).length;
    const post = await anonymous.request('POST', '/hub/classes', {
      form: { _xsrf: 'x', nom: 'Intruse' }
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe(
      '/hub/login?next=%2Fhub%2Fclasses%2Fnew'
    );
    expect((await hub.classes.all()).length).toBe(count);
  });

  it('lets a teacher create a class they then teach, from their list', async () => {
    const home = await page(prof, '/hub/home');
    expect(home.html).toContain('<a href="/hub/classes">Gérer mes classes</a>');
    expect(home.html).toContain(`<a href="${classUrl(a)}">CM2 A</a>`);

    const list = await page(prof, '/hub/classes');
    expect(list.status).toBe(200);
    expect(list.html).toContain('<html lang="fr">');
    expect(list.html).toContain('<h1>Mes classes</h1>');
    expect(list.html).toContain('href="/hub/classes/new">Créer une classe</a>');
    expect(list.html).toContain(`<a href="${classUrl(a)}">CM2 A</a>`);
    expect(list.html).toContain(`href="${classUrl(a)}/codes"`);
    expect(list.html).not.toContain('Club E');
    expect(list.html).not.toMatch(/<script/i);

    const form = await page(prof, '/hub/classes/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('<label for="nom">Nom de la classe</label>');
    expect(form.html).toContain(
      '<label for="niveau">Niveau (facultatif)</label>'
    );
    // Prof teaches in no establishment: no establishment to choose.
    expect(form.html).not.toContain('id="etablissement"');
    expect(xsrfIn(form.html)).toBe(prof.xsrf);

    const id = await createClass(prof, { nom: ' 1re NSI ', niveau: '1re' });
    expect(await hub.classes.get(id)).toEqual({
      id,
      name: '1re NSI',
      level: '1re',
      establishmentId: null
    });
    expect(await hub.classes.membership(id, users.prof.id)).toBe('teacher');
    const created = await page(prof, `/hub/classes/${id}?ok=cree`);
    expect(created.status).toBe(200);
    expect(created.html).toContain('<h1>Classe 1re NSI</h1>');
    expect(created.html).toContain(
      '<p role="status" class="cdc-notice">Classe créée : inscrivez-y maintenant des élèves.</p>'
    );
    expect(created.html).toContain(`href="/hub/classes/${id}/codes"`);
    expect(created.html).toContain('Aucun élève inscrit pour le moment.');
    expect((await page(prof, '/hub/classes')).html).toContain(
      `<a href="/hub/classes/${id}">1re NSI</a>`
    );
  });

  it('refuses bad names, levels and establishments next to their field, and creates nothing', async () => {
    const before = (await hub.classes.all()).length;
    const CONTROL =
      'ne peut contenir ni tabulation, ni retour à la ligne, ni autre caractère de contrôle.';
    const cases: [Record<string, string>, string, string][] = [
      [{ nom: '' }, 'nom', 'Indiquez le nom de la classe.'],
      [{ nom: '   ' }, 'nom', 'Indiquez le nom de la classe.'],
      [
        { nom: 'x'.repeat(101) },
        'nom',
        'Le nom de la classe compte 100 caractères au plus (il en compte 101).'
      ],
      [{ nom: 'CM2\tA' }, 'nom', `Le nom de la classe ${CONTROL}`],
      [{ nom: 'CM2\u0007A' }, 'nom', `Le nom de la classe ${CONTROL}`],
      [{ nom: 'CM2 A\u007f' }, 'nom', `Le nom de la classe ${CONTROL}`],
      [
        { nom: 'CM2 B', niveau: 'n'.repeat(51) },
        'niveau',
        'Le niveau compte 50 caractères au plus (il en compte 51).'
      ],
      [{ nom: 'CM2 B', niveau: 'CM\n2' }, 'niveau', `Le niveau ${CONTROL}`],
      [
        { nom: 'CM2 B', etablissement: establishmentId },
        'etablissement',
        'Choisissez un établissement dans la liste.'
      ],
      [
        { nom: 'CM2 B', etablissement: 'inconnu' },
        'etablissement',
        'Choisissez un établissement dans la liste.'
      ]
    ];
    for (const [fields, field, message] of cases) {
      const response = await prof.form('/hub/classes', fields);
      const html = await response.text();
      expect({ status: response.status, field }).toEqual({
        status: 400,
        field
      });
      // The summary (role=alert) links to the field, which names its error.
      expect(html).toContain('role="alert"');
      expect(html).toContain(`<li><a href="#${field}">`);
      expect(html).toContain(
        `<p id="${field}-erreur" class="cdc-field-error">`
      );
      expect(html).toMatch(
        new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-erreur"`)
      );
      expect(html).toContain(message);
      expect(html).toContain('aria-invalid="true"');
    }
    // What was typed comes back, escaped.
    const typed = await prof.form('/hub/classes', {
      nom: '<b>Gras</b>',
      niveau: 'n'.repeat(51)
    });
    const html = await typed.text();
    expect(html).toContain('value="&lt;b&gt;Gras&lt;/b&gt;"');
    expect(html).not.toContain('<b>Gras');
    expect((await hub.classes.all()).length).toBe(before);
  });

  it('renames a class and changes its level; bad input changes nothing', async () => {
    const id = await createClass(prof, { nom: 'Seconde 4', niveau: '2de' });
    const renamed = await prof.form(`/hub/classes/${id}`, {
      nom: 'Seconde 4 bis',
      niveau: ''
    });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe(
      `/hub/classes/${id}?ok=enregistre`
    );
    expect(await hub.classes.get(id)).toMatchObject({
      name: 'Seconde 4 bis',
      level: null
    });
    const shown = await page(prof, `/hub/classes/${id}?ok=enregistre`);
    expect(shown.html).toContain('Nom et niveau enregistrés.');
    expect(shown.html).toContain('value="Seconde 4 bis"');

    for (const fields of [
      { nom: '', niveau: '2de' },
      { nom: 'x'.repeat(101), niveau: '2de' },
      { nom: 'Seconde\t5', niveau: '2de' },
      { nom: 'Seconde 5', niveau: '2\u0000de' }
    ]) {
      const response = await prof.form(`/hub/classes/${id}`, fields);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('class="cdc-field-error"');
    }
    expect(await hub.classes.get(id)).toMatchObject({
      name: 'Seconde 4 bis',
      level: null
    });
  });

  it('enrols learners found by name, accents aside, and removes them', async () => {
    const id = await createClass(prof, { nom: 'Atelier' });
    const klass = (await hub.classes.get(id))!;
    // Prof may enrol the learners of the classes they teach (class A), nobody else.
    const all = await page(prof, `/hub/classes/${id}`);
    expect(all.html).toContain('Chloé Petit');
    expect(all.html).toContain('Hugo Bernard');
    expect(all.html).not.toContain('Inès Roy');
    expect(all.html).not.toContain('Libre Sansclasse');
    expect(all.html).toContain('<legend>Élèves à inscrire</legend>');

    const found = await page(prof, `/hub/classes/${id}?q=CHLOE`);
    expect(found.html).toContain(
      `<input type="checkbox" id="eleves" name="eleve" value="${users.chloe.id}"> <label for="eleves">Chloé Petit`
    );
    expect(found.html).not.toContain('Hugo Bernard');
    expect(found.html).toContain(
      '<legend>Élèves à inscrire pour « CHLOE »</legend>'
    );
    const none = await page(
      prof,
      `/hub/classes/${id}?q=${encodeURIComponent('<zz>')}`
    );
    expect(none.html).toContain(
      'Aucun élève à inscrire ne correspond à « &lt;zz&gt; ».'
    );

    const enrol = await prof.form(`/hub/classes/${id}/learners`, {
      eleve: [users.chloe.id, users.hugo.id]
    });
    expect(enrol.status).toBe(303);
    expect(enrol.headers.get('location')).toBe(
      `/hub/classes/${id}?ok=inscrits&n=2`
    );
    expect(await learnersOf(klass)).toEqual(
      [users.chloe.id, users.hugo.id].sort()
    );
    const after = await page(prof, `/hub/classes/${id}?ok=inscrits&n=2`);
    expect(after.html).toContain('2 élèves inscrits dans la classe.');
    expect(after.html).toContain('<caption>2 élèves inscrits</caption>');
    expect(after.html).toContain(
      'aria-label="Retirer Chloé Petit de la classe"'
    );
    // Enrolled learners are no longer offered.
    expect(after.html).toContain('Aucun élève à inscrire.');

    // The same form sent twice enrols nobody twice.
    const again = await prof.form(`/hub/classes/${id}/learners`, {
      eleve: users.chloe.id
    });
    expect(again.headers.get('location')).toBe(
      `/hub/classes/${id}?ok=inscrits&n=0`
    );

    // Removing asks first, on a page that says what it changes; nothing changes yet.
    const asked = await prof.form(`/hub/classes/${id}/learners/remove`, {
      eleve: users.chloe.id
    });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('Retirer Chloé Petit de la classe');
    expect(question).toContain('name="confirme" value="oui"');
    expect(await learnersOf(klass)).toContain(users.chloe.id);
    const removed = await prof.form(`/hub/classes/${id}/learners/remove`, {
      eleve: users.chloe.id,
      confirme: 'oui'
    });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(
      `/hub/classes/${id}?ok=retire`
    );
    expect(await learnersOf(klass)).toEqual([users.hugo.id]);
    const twice = await prof.form(`/hub/classes/${id}/learners/remove`, {
      eleve: users.chloe.id,
      confirme: 'oui'
    });
    expect(twice.status).toBe(404);
    expect(await twice.text()).toContain('role="alert"');
    // Only learners are removed here: the teacher stays.
    const teacher = await prof.form(`/hub/classes/${id}/learners/remove`, {
      eleve: users.prof.id
    });
    expect(teacher.status).toBe(404);
    expect(await hub.classes.membership(id, users.prof.id)).toBe('teacher');
  });

  it('refuses unknown learner ids and learners out of reach, and enrols nobody', async () => {
    const id = await createClass(prof, { nom: 'Club échecs' });
    const klass = (await hub.classes.get(id))!;
    const cases: [string | string[], string][] = [
      [[], 'Cochez au moins un élève à inscrire.'],
      ['inconnu', 'Un des élèves cochés est inconnu'],
      // A learner of no class of prof's, one of another establishment, a teacher.
      [users.libre.id, 'Un des élèves cochés est inconnu'],
      [users.ines.id, 'Un des élèves cochés est inconnu'],
      [users['autre.prof'].id, 'Un des élèves cochés est inconnu'],
      // One right, one wrong: nobody is enrolled.
      [[users.hugo.id, 'inconnu'], 'Un des élèves cochés est inconnu']
    ];
    for (const [eleve, message] of cases) {
      const response = await prof.form(`/hub/classes/${id}/learners`, {
        eleve,
        q: 'hugo'
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      expect(html).toContain('<li><a href="#eleves">');
      expect(html).toContain('<fieldset aria-describedby="eleves-erreur">');
      // The search is kept.
      expect(html).toContain(
        '<legend>Élèves à inscrire pour « hugo »</legend>'
      );
    }
    expect(await learnersOf(klass)).toEqual([]);
  });

  it('finds a pupil of no class by their exact identifier only, and enrols them', async () => {
    const id = await createClass(prof, { nom: 'Atelier' });
    const klass = (await hub.classes.get(id))!;
    // A part of the name, or the display name: nothing (no browsing of other pupils).
    for (const q of ['libr', 'Libre Sansclasse']) {
      const shown = await page(
        prof,
        `${classUrl(klass)}?q=${encodeURIComponent(q)}`
      );
      expect(shown.html).not.toContain(users.libre.id);
    }
    const exact = await page(prof, `${classUrl(klass)}?q=libre`);
    expect(exact.html).toContain(
      `name="eleve" value="${users.libre.id}"> <label for="eleves">Libre Sansclasse`
    );
    expect(exact.html).toContain('se trouve par son identifiant exact');
    const enrolled = await prof.form(`${classUrl(klass)}/learners`, {
      eleve: users.libre.id,
      q: 'libre'
    });
    expect(enrolled.status).toBe(303);
    expect(await learnersOf(klass)).toEqual([users.libre.id]);
    // A teacher account is never offered, even by its exact identifier.
    const teacher = await page(prof, `${classUrl(klass)}?q=autre.prof`);
    expect(teacher.html).not.toContain(users['autre.prof'].id);
  });

  it('offers the learners of the establishment for a class in it', async () => {
    const form = await page(other, '/hub/classes/new');
    // Alan teaches in one establishment: it is chosen already.
    expect(form.html).toContain(
      '<label for="etablissement">Établissement</label>'
    );
    expect(form.html).toContain(
      `<option value="${establishmentId}" selected>Lycée Voltaire (0750001A)</option>`
    );
    const id = await createClass(other, {
      nom: 'Seconde 1',
      etablissement: establishmentId
    });
    expect((await hub.classes.get(id))?.establishmentId).toBe(establishmentId);
    const shown = await page(other, `/hub/classes/${id}`);
    expect(shown.html).toContain('Établissement : Lycée Voltaire');
    expect(shown.html).toContain('Inès Roy');
    expect(shown.html).not.toContain('Chloé Petit');
    const enrol = await other.form(`/hub/classes/${id}/learners`, {
      eleve: users.ines.id
    });
    expect(enrol.status).toBe(303);
    expect(await hub.classes.membership(id, users.ines.id)).toBe('learner');
  });

  it('keeps teachers out of other teachers’ classes and learners out of the pages', async () => {
    const before = await hub.classes.get(e.id);
    const members = await hub.classes.members(e.id);
    for (const url of [classUrl(e), '/hub/classes/inconnue']) {
      const response = await prof.browser.get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Accès refusé');
    }
    const posts: [string, Record<string, string>][] = [
      [classUrl(e), { nom: 'Piratée', niveau: '' }],
      [`${classUrl(e)}/learners`, { eleve: users.hugo.id }],
      [`${classUrl(e)}/learners/remove`, { eleve: users.ines.id }],
      [`${classUrl(e)}/teachers`, { enseignant: users.prof.id }],
      [`${classUrl(e)}/teachers/remove`, { enseignant: users['autre.prof'].id }]
    ];
    for (const [url, fields] of posts) {
      expect({ url, status: (await prof.form(url, fields)).status }).toEqual({
        url,
        status: 403
      });
    }
    // Assigning teachers is an admin's, even on one's own class.
    expect(
      (
        await prof.form(`${classUrl(a)}/teachers`, {
          enseignant: users['nouveau.prof'].id
        })
      ).status
    ).toBe(403);
    expect(await hub.classes.get(e.id)).toEqual(before);
    expect(await hub.classes.members(e.id)).toEqual(members);
    expect(
      await hub.classes.membership(a.id, users['nouveau.prof'].id)
    ).toBeNull();

    for (const url of ['/hub/classes', '/hub/classes/new', classUrl(a)]) {
      expect((await pupil.browser.get(url)).status).toBe(403);
    }
    const count = (await hub.classes.all()).length;
    expect((await pupil.form('/hub/classes', { nom: 'Élèves' })).status).toBe(
      403
    );
    expect((await hub.classes.all()).length).toBe(count);
    expect((await page(pupil, '/hub/home')).html).not.toContain(
      'Gérer mes classes'
    );
  });

  it('refuses forms without the session’s anti-CSRF field', async () => {
    const count = (await hub.classes.all()).length;
    for (const xsrf of ['', 'forged']) {
      const created = await prof.form('/hub/classes', {
        _xsrf: xsrf,
        nom: 'Sans jeton'
      });
      expect(created.status).toBe(403);
      expect(await created.text()).toContain('Page expirée');
      expect(
        (await prof.form(classUrl(a), { _xsrf: xsrf, nom: 'Piratée' })).status
      ).toBe(403);
      expect(
        (
          await prof.form(`${classUrl(a)}/learners/remove`, {
            _xsrf: xsrf,
            eleve: users.chloe.id
          })
        ).status
      ).toBe(403);
    }
    // The same without the field at all.
    const bare = await prof.browser.request('POST', classUrl(a), {
      form: { nom: 'Piratée' }
    });
    expect(bare.status).toBe(403);
    expect((await hub.classes.all()).length).toBe(count);
    expect((await hub.classes.get(a.id))?.name).toBe('CM2 A');
    expect(await hub.classes.membership(a.id, users.chloe.id)).toBe('learner');
  });

  it('lets an admin see every class, create one without teaching it, and assign teachers', async () => {
    const list = await page(admin, '/hub/classes');
    expect(list.html).toContain('<h1>Toutes les classes</h1>');
    expect(list.html).toContain('CM2 A');
    expect(list.html).toContain('Club E');
    expect(list.html).toContain('<td>Lycée Voltaire</td>');

    const form = await page(admin, '/hub/classes/new');
    expect(form.html).toContain(
      `<option value="${establishmentId}">Lycée Voltaire (0750001A)</option>`
    );
    const id = await createClass(admin, {
      nom: 'Terminale B',
      etablissement: establishmentId
    });
    expect(await hub.classes.members(id)).toEqual([]);

    const shown = await page(admin, `/hub/classes/${id}`);
    expect(shown.html).toContain('Aucun·e enseignant·e dans cette classe.');
    expect(shown.html).toContain(
      '<h3 id="ajouter-enseignant">Ajouter un·e enseignant·e</h3>'
    );
    expect(shown.html).toContain(
      '<label for="recherche-enseignant">Nom ou identifiant de l’enseignant·e</label>'
    );
    // Teachers by name: Ada first, a radio button with its label.
    expect(shown.html).toContain(
      `<input type="radio" id="enseignant" name="enseignant" value="${users['nouveau.prof'].id}"> <label for="enseignant">Ada Lovelace <span class="cdc-muted">(nouveau.prof)</span></label>`
    );
    expect(shown.html).toContain('<legend>Enseignant·es à ajouter</legend>');
    expect(shown.html).not.toContain('<select id="enseignant"');
    // An admin may enrol any learner, even one in no class.
    expect(shown.html).toContain('Libre Sansclasse');

    for (const enseignant of ['', 'inconnu', users.libre.id]) {
      const bad = await admin.form(`/hub/classes/${id}/teachers`, {
        enseignant,
        qe: 'lovelace'
      });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain('Choisissez un·e enseignant·e dans la liste.');
      expect(html).toContain('<li><a href="#enseignant">');
      expect(html).toContain('<fieldset aria-describedby="enseignant-erreur">');
      // The search is kept.
      expect(html).toContain(
        '<legend>Enseignant·es à ajouter pour « lovelace »</legend>'
      );
    }
    expect(await hub.classes.members(id)).toEqual([]);

    const added = await admin.form(`/hub/classes/${id}/teachers`, {
      enseignant: users['nouveau.prof'].id
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(
      `/hub/classes/${id}?ok=enseignant-ajoute`
    );
    expect(await hub.classes.membership(id, users['nouveau.prof'].id)).toBe(
      'teacher'
    );
    const withTeacher = await page(admin, `/hub/classes/${id}`);
    expect(withTeacher.html).toContain(
      'aria-label="Retirer Ada Lovelace des enseignant·es de la classe"'
    );
    // The new teacher now manages the class.
    const ada = await signIn(hub, 'nouveau.prof');
    expect((await page(ada, `/hub/classes/${id}`)).status).toBe(200);

    const removed = await admin.form(`/hub/classes/${id}/teachers/remove`, {
      enseignant: users['nouveau.prof'].id
    });
    expect(removed.status).toBe(303);
    expect(await hub.classes.members(id)).toEqual([]);
    // A teacher of the class is not offered, nor added twice.
    await hub.classes.addMember(id, users['autre.prof'], 'teacher');
    const teaching = await page(admin, `/hub/classes/${id}?qe=turing`);
    expect(teaching.html).toContain(
      'Aucun compte enseignant à ajouter ne correspond à « turing ».'
    );
    const twiceAdded = await admin.form(`/hub/classes/${id}/teachers`, {
      enseignant: users['autre.prof'].id
    });
    expect(twiceAdded.status).toBe(400);
    await hub.classes.removeMember(id, users['autre.prof'].id);
    expect((await page(ada, `/hub/classes/${id}`)).status).toBe(403);
    const twice = await admin.form(`/hub/classes/${id}/teachers/remove`, {
      enseignant: users['nouveau.prof'].id
    });
    expect(twice.status).toBe(404);

    const unknown = await page(admin, '/hub/classes/inconnue');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Classe introuvable');
  });

  it('lets an admin search every learner of the platform in SQL, by pages of 50', async () => {
    const klass = await hub.classes.create({ name: 'Atelier', level: null });
    const created = [];
    for (let i = 1; i <= 60; i++) {
      created.push(
        await hub.users.create({
          name: `cand-${String(i).padStart(3, '0')}`,
          displayName: `Candidat Numéro ${i}`,
          roles: ['learner']
        })
      );
    }
    const teacher = await hub.users.create({
      name: 'cand-prof',
      displayName: 'Candidat Enseignant',
      roles: ['teacher']
    });
    for (const learner of created.slice(0, 5)) {
      await hub.classes.addMember(klass.id, learner, 'learner');
    }
    const { html } = await page(admin, `/hub/classes/${klass.id}?q=NUMERO`);
    // 60 learners match, 5 are enrolled already; the teacher is no learner.
    expect(html).toContain(
      '50 élèves affichés sur 55 : précisez la recherche.'
    );
    expect(html).not.toContain('(cand-001)</span></label>');
    expect(html).toContain('(cand-006)</span></label>');
    expect(html).not.toContain(`name="eleve" value="${teacher.id}"`);

    // Enrolling: at most a page at once; a teacher is not a learner.
    const tooMany = await admin.form(`/hub/classes/${klass.id}/learners`, {
      q: 'numero',
      eleve: created.slice(5, 56).map(user => user.id)
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain(
      'Inscrivez au plus 50 élèves à la fois.'
    );
    const notLearner = await admin.form(`/hub/classes/${klass.id}/learners`, {
      q: 'candidat',
      eleve: [created[5].id, teacher.id]
    });
    expect(notLearner.status).toBe(400);
    expect(await learnersOf(klass)).toHaveLength(5);
    // One on the last page of the search (identifier order) is enrolled all the same.
    const enrolled = await admin.form(`/hub/classes/${klass.id}/learners`, {
      q: 'numero',
      eleve: [created[59].id]
    });
    expect(enrolled.status).toBe(303);
    expect(await learnersOf(klass)).toContain(created[59].id);
  });

  it('lets an admin search teacher accounts in SQL, accents aside, by pages of 50', async () => {
    const klass = await hub.classes.create({
      name: 'Salle des profs',
      level: null
    });
    const url = classUrl(klass);
    const created = [];
    for (let i = 1; i <= 60; i++) {
      created.push(
        await hub.users.create({
          name: `ens-${String(i).padStart(3, '0')}`,
          displayName: `Enseignante Numéro ${i}`,
          roles: ['teacher']
        })
      );
    }
    const poincare = await hub.users.create({
      name: 'h.poincare',
      displayName: 'Hélène Poincaré',
      roles: ['teacher']
    });
    const percent = await hub.users.create({
      name: 'cent.pourcent',
      displayName: 'Prof à 100 % présente',
      roles: ['teacher']
    });
    // A learner whose name matches is no teacher.
    await hub.users.create({
      name: 'eleve.numero',
      displayName: 'Élève Numéro 1',
      roles: ['learner']
    });
    for (const teacher of created.slice(0, 5)) {
      await hub.classes.addMember(klass.id, teacher, 'teacher');
    }
    const radio = (user: IUser) =>
      new RegExp(
        `type="radio" id="[^"]+" name="enseignant" value="${user.id}"`
      );

    // A part of the name, without accents nor case.
    for (const q of ['POINCARE', 'hélè', 'lene poin', 'h.poinc']) {
      const { status, html } = await page(
        admin,
        `${url}?qe=${encodeURIComponent(q)}`
      );
      expect({ q, status }).toEqual({ q, status: 200 });
      expect(html).toMatch(radio(poincare));
      expect(html).toContain(
        `<legend>Enseignant·es à ajouter pour « ${q} »</legend>`
      );
      expect(html).not.toMatch(radio(created[10]));
      expect(html).not.toContain('enseignants affichés sur');
    }
    // `%` and `_` are letters, not wildcards.
    const literal = await page(admin, `${url}?qe=${encodeURIComponent('%')}`);
    expect(literal.html).toMatch(radio(percent));
    expect(
      literal.html.match(/type="radio" id="[^"]+" name="enseignant"/g)
    ).toHaveLength(1);
    const underscore = await page(admin, `${url}?qe=_`);
    expect(underscore.html).toContain(
      'Aucun compte enseignant à ajouter ne correspond à « _ ».'
    );

    // 60 teachers match, 5 teach the class already; the learner is no teacher.
    const many = await page(admin, `${url}?qe=numero`);
    expect(many.html).toContain(
      '<p class="cdc-muted">50 enseignants affichés sur 55 : précisez la recherche.</p>'
    );
    expect(
      many.html.match(/type="radio" id="[^"]+" name="enseignant"/g)
    ).toHaveLength(50);
    expect(many.html).not.toMatch(radio(created[0]));
    expect(many.html).toMatch(radio(created[5]));
    expect(many.html).not.toContain('(eleve.numero)</span></label>');
    // The form is a search (role, name) with a labelled field; the list a fieldset.
    expect(many.html).toContain(
      `<form method="get" action="${url}#ajouter-enseignant" role="search" aria-label="Rechercher des enseignant·es à ajouter">`
    );
    expect(many.html).toContain(
      '<input type="hidden" name="qe" value="numero">'
    );
    // Each search keeps the other one.
    const both = await page(admin, `${url}?q=hugo&qe=numero`);
    expect(both.html).toContain(
      '<input type="hidden" name="q" value="hugo">\n<div class="cdc-field">\n<label for="recherche-enseignant">'
    );
    expect(both.html).toContain(
      '<input type="hidden" name="qe" value="numero">\n<div class="cdc-field">\n<label for="recherche">'
    );

    // One past the first 50 (identifier order) is added all the same.
    const added = await admin.form(`${url}/teachers`, {
      enseignant: created[59].id,
      qe: 'numero'
    });
    expect(added.status).toBe(303);
    expect(await hub.classes.membership(klass.id, created[59].id)).toBe(
      'teacher'
    );
    const after = await page(admin, `${url}?qe=numero`);
    expect(after.html).toContain('50 enseignants affichés sur 54');
  });

  it('refuses a too long or control-character teacher search, in French, and adds nobody', async () => {
    const klass = await hub.classes.create({ name: 'Recherches', level: null });
    const url = classUrl(klass);
    const cases: [string, string][] = [
      [
        'x'.repeat(101),
        'La recherche compte 100 caractères au plus (elle en compte 101).'
      ],
      [
        'Ada\tLovelace',
        'La recherche ne peut contenir ni tabulation, ni retour à la ligne, ni autre caractère de contrôle.'
      ]
    ];
    for (const [qe, message] of cases) {
      for (const response of [
        await admin.browser.get(`${url}?qe=${encodeURIComponent(qe)}`),
        await admin.form(`${url}/teachers`, {
          enseignant: users['nouveau.prof'].id,
          qe
        })
      ]) {
        expect(response.status).toBe(400);
        const html = await response.text();
        expect(html).toContain('role="alert"');
        expect(html).toContain('<li><a href="#recherche-enseignant">');
        expect(html).toContain(
          '<p id="recherche-enseignant-erreur" class="cdc-field-error">'
        );
        expect(html).toMatch(
          /id="recherche-enseignant"[^>]*aria-describedby="recherche-enseignant-erreur" aria-invalid="true"/
        );
        expect(html).toContain(message);
        // Nothing to choose until the search is corrected.
        expect(html).not.toMatch(/type="radio" id="[^"]+" name="enseignant"/);
      }
    }
    // What was typed comes back, escaped.
    const typed = await page(
      admin,
      `${url}?qe=${encodeURIComponent(`<b>${'x'.repeat(100)}</b>`)}`
    );
    expect(typed.status).toBe(400);
    expect(typed.html).toContain(`value="&lt;b&gt;${'x'.repeat(100)}`);
    expect(typed.html).not.toContain('<b>x');
    expect(await hub.classes.members(klass.id)).toEqual([]);

    // A teacher never searches teachers: the field is not there, the search ignored.
    const own = await page(prof, `${classUrl(a)}?qe=${'x'.repeat(101)}`);
    expect(own.status).toBe(200);
    expect(own.html).not.toContain('recherche-enseignant');
    expect(own.html).not.toContain('name="qe"');
  });

  it('refuses a too long or control-character learner search, like the teacher search, and enrols nobody', async () => {
    const id = await createClass(prof, { nom: 'Recherche élèves', niveau: '' });
    const url = `/hub/classes/${id}`;
    for (const q of ['x'.repeat(101), 'chloe\tmartin']) {
      for (const response of [
        await prof.browser.get(`${url}?q=${encodeURIComponent(q)}`),
        await prof.form(`${url}/learners`, { eleve: users.chloe.id, q })
      ]) {
        expect(response.status).toBe(400);
        const html = await response.text();
        expect(html).toContain('<li><a href="#recherche">');
        expect(html).toMatch(
          /id="recherche"[^>]*aria-describedby="recherche-erreur" aria-invalid="true"/
        );
        expect(html).toContain(
          q.length > 100
            ? 'La recherche compte 100 caractères au plus (elle en compte 101).'
            : 'La recherche ne peut contenir ni tabulation'
        );
        // Not cut and run: no pupil to tick until the search is corrected.
        expect(html).not.toMatch(/type="checkbox"[^>]*name="eleve"/);
      }
    }
    const members = await hub.classes.members(id);
    expect(members.filter(m => m.membership === 'learner')).toEqual([]);
  });

  it('escapes names everywhere on the pages', async () => {
    const id = await createClass(prof, {
      nom: '<img src=x onerror=alert(1)>',
      niveau: '"CM2"'
    });
    for (const url of ['/hub/classes', `/hub/classes/${id}`]) {
      const { html } = await page(prof, url);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('"CM2"');
    }
  });
});
