import { Request, Response, Router } from 'express';

import { IAuthContext } from '../auth/middleware';
import {
  errorSummary,
  FieldErrors,
  fieldNotes,
  formList,
  formText,
  IOption,
  selectField,
  textField,
  xsrfField
} from '../pages/forms';
import { requireFormAuth, requirePageAuth } from '../pages/guards';
import {
  escapeHtml,
  forbiddenPage,
  IBackLink,
  messagePage,
  page
} from '../pages/render';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import {
  CLASS_LEVEL_MAX,
  CLASS_NAME_MAX,
  classLevelProblem,
  classNameProblem,
  ClassService,
  IClass,
  IEstablishment
} from './service';

/**
 * What the class pages need.
 */
export interface IClassPagesDeps {
  classes: ClassService;
  users: UserService;
  policy: Policy;
}

/**
 * The pages where teachers and admins manage classes (French, no script; every form
 * carries the session's `_xsrf`; rights from the policy):
 *
 * - `GET /classes`: the classes one may manage (a teacher's own, every class for an
 *   admin), linked to each class's page and class code sheet;
 * - `GET /classes/new`, `POST /classes`: create a class (name, level, establishment);
 * - `GET /classes/:id`: rename it, change its level, enrol learners (search among the
 *   learners one may see, tick, send) and remove them; admins also assign teachers;
 * - `POST /classes/:id`, `POST /classes/:id/learners`, `POST /classes/:id/learners/remove`,
 *   `POST /classes/:id/teachers`, `POST /classes/:id/teachers/remove`.
 *
 * Bad input answers the same page with 400, the errors next to their fields and in a
 * summary (role=alert), and changes nothing. Mount after the class codes pages, whose
 * `/classes/codes` this router's `/classes/:id` would otherwise take.
 */
export function classPagesRouter(deps: IClassPagesDeps): Router {
  const router = Router();

  router.get('/classes', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const reach = deps.policy.reach(auth.user, 'classes:write');
    if (!reach) {
      return forbiddenPage(response);
    }
    await Private.renderList(response, deps, auth, reach === 'all');
  });

  router.get('/classes/new', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    if (!deps.policy.reach(auth.user, 'classes:create')) {
      return forbiddenPage(response);
    }
    const choices = await Private.establishmentChoices(deps, auth);
    // A teacher of one establishment creates classes in it; an admin chooses.
    const teacherOfOne =
      choices.length === 1 &&
      deps.policy.reach(auth.user, 'classes:write') !== 'all';
    Private.renderCreate(response, auth, choices, {
      etablissement: teacherOfOne ? choices[0].value : ''
    });
  });

  router.post('/classes', async (request, response) => {
    const auth = requireFormAuth(
      request,
      response,
      Private.CREATE_LINK,
      Private.CREATE_LINK.href
    );
    if (!auth) {
      return;
    }
    if (!deps.policy.reach(auth.user, 'classes:create')) {
      return forbiddenPage(response);
    }
    const values = {
      nom: formText(request.body, 'nom'),
      niveau: formText(request.body, 'niveau'),
      etablissement: formText(request.body, 'etablissement')
    };
    const choices = await Private.establishmentChoices(deps, auth);
    const errors = Private.nameAndLevelErrors(values);
    if (
      values.etablissement &&
      !choices.some(choice => choice.value === values.etablissement)
    ) {
      errors.etablissement = 'Choisissez un établissement dans la liste.';
    }
    if (Object.keys(errors).length) {
      return Private.renderCreate(response, auth, choices, values, errors);
    }
    const klass = await deps.classes.createAs(auth.user, {
      name: values.nom,
      level: values.niveau,
      establishmentId: values.etablissement || null
    });
    response.redirect(303, `${Private.classUrl(klass.id)}?ok=cree`);
  });

  router.get('/classes/:id', async (request, response) => {
    const checked = await Private.check(request, response, deps);
    if (checked) {
      await Private.renderClass(response, deps, checked, {
        query: formText(request.query, 'q'),
        notice: Private.notice(request.query)
      });
    }
  });

  router.post('/classes/:id', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const values = {
      nom: formText(request.body, 'nom'),
      niveau: formText(request.body, 'niveau')
    };
    const errors = Private.nameAndLevelErrors(values);
    if (Object.keys(errors).length) {
      return Private.renderClass(response, deps, checked, { values, errors });
    }
    await deps.classes.update(checked.klass.id, {
      name: values.nom,
      level: values.niveau
    });
    Private.done(response, checked.klass, 'enregistre');
  });

  router.post('/classes/:id/learners', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const { klass, auth } = checked;
    const query = formText(request.body, 'q');
    const ids = [...new Set(formList(request.body, 'eleve'))];
    const members = await deps.classes.members(klass.id);
    const enrolled = new Set(
      members.filter(m => m.membership === 'learner').map(m => m.userId)
    );
    const candidates = new Map(
      (await Private.learnerCandidates(deps, auth, klass, members)).map(
        user => [user.id, user]
      )
    );
    // An already enrolled learner (a form sent twice) is no error; anyone else the
    // caller could not have been offered is.
    const wanted = ids.filter(id => !enrolled.has(id));
    let error = '';
    if (!ids.length) {
      error = 'Cochez au moins un élève à inscrire.';
    } else if (wanted.some(id => !candidates.has(id))) {
      error =
        'Un des élèves cochés est inconnu ou ne peut pas être inscrit par vous : rechargez la page et recommencez.';
    }
    if (error) {
      return Private.renderClass(response, deps, checked, {
        query,
        errors: { eleves: error }
      });
    }
    for (const id of wanted) {
      await deps.classes.addMember(klass.id, candidates.get(id)!, 'learner');
    }
    Private.done(response, klass, 'inscrits', wanted.length);
  });

  router.post('/classes/:id/learners/remove', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const id = formText(request.body, 'eleve');
    const { klass } = checked;
    if ((await deps.classes.membership(klass.id, id)) !== 'learner') {
      return Private.notMember(response, klass, 'Cet élève n’est pas inscrit');
    }
    await deps.classes.removeMember(klass.id, id);
    Private.done(response, klass, 'retire');
  });

  router.post('/classes/:id/teachers', async (request, response) => {
    const checked = await Private.check(request, response, deps, true, true);
    if (!checked) {
      return;
    }
    const { klass } = checked;
    const id = formText(request.body, 'enseignant');
    const members = await deps.classes.members(klass.id);
    const teacher = (await Private.teacherCandidates(deps, members)).find(
      user => user.id === id
    );
    if (!teacher) {
      return Private.renderClass(response, deps, checked, {
        errors: { enseignant: 'Choisissez un·e enseignant·e dans la liste.' }
      });
    }
    await deps.classes.addMember(klass.id, teacher, 'teacher');
    Private.done(response, klass, 'enseignant-ajoute');
  });

  router.post('/classes/:id/teachers/remove', async (request, response) => {
    const checked = await Private.check(request, response, deps, true, true);
    if (!checked) {
      return;
    }
    const id = formText(request.body, 'enseignant');
    const { klass } = checked;
    if ((await deps.classes.membership(klass.id, id)) !== 'teacher') {
      return Private.notMember(
        response,
        klass,
        'Cette personne n’enseigne pas'
      );
    }
    await deps.classes.removeMember(klass.id, id);
    Private.done(response, klass, 'enseignant-retire');
  });

  return router;
}

namespace Private {
  /** Candidates shown at once; a search narrows them. */
  export const SHOWN_CANDIDATES = 50;

  export const CLASSES_LINK: IBackLink = {
    href: '/hub/classes',
    text: 'Retour à mes classes'
  };

  export const CREATE_LINK: IBackLink = {
    href: '/hub/classes/new',
    text: 'Retour à la création d’une classe'
  };

  export interface IChecked {
    auth: IAuthContext;
    klass: IClass;
    /** Whether the caller may assign teachers (an admin: they see every account). */
    assignsTeachers: boolean;
  }

  export const classUrl = (id: string) =>
    `/hub/classes/${encodeURIComponent(id)}`;

  /**
   * The signed-in caller allowed to manage the class (`classes:write` on it), or null
   * once an answer (login, expired form, 403, 404) has been sent. With `post`, the
   * form's anti-CSRF field must match the session; with `teachers`, the caller must
   * also see every account (`users:read` on all), as choosing teachers lists them.
   */
  export async function check(
    request: Request,
    response: Response,
    deps: IClassPagesDeps,
    post = false,
    teachers = false
  ): Promise<IChecked | null> {
    const classId = String(request.params.id);
    const here = classUrl(classId);
    const auth = post
      ? requireFormAuth(
          request,
          response,
          { href: here, text: 'Retour à la classe' },
          here
        )
      : requirePageAuth(request, response);
    if (!auth) {
      return null;
    }
    const assignsTeachers =
      deps.policy.reach(auth.user, 'users:read') === 'all';
    if (
      !(await deps.policy.allows(auth.user, 'classes:write', { classId })) ||
      (teachers && !assignsTeachers)
    ) {
      forbiddenPage(response);
      return null;
    }
    const klass = await deps.classes.get(classId);
    if (!klass) {
      messagePage(
        response,
        404,
        'Classe introuvable',
        'Cette classe n’existe pas ou plus.',
        CLASSES_LINK
      );
      return null;
    }
    return { auth, klass, assignsTeachers };
  }

  /** The errors of the name and level fields. */
  export function nameAndLevelErrors(values: {
    nom: string;
    niveau: string;
  }): FieldErrors {
    const errors: FieldErrors = {};
    const name = classNameProblem(values.nom);
    const level = classLevelProblem(values.niveau);
    if (name) {
      errors.nom = name;
    }
    if (level) {
      errors.niveau = level;
    }
    return errors;
  }

  /** After a change: back to the class page, which says what was done. */
  export function done(
    response: Response,
    klass: IClass,
    what: keyof typeof NOTICES,
    count?: number
  ): void {
    const n = count === undefined ? '' : `&n=${count}`;
    response.redirect(303, `${classUrl(klass.id)}?ok=${what}${n}`);
  }

  const NOTICES = {
    cree: () => 'Classe créée : inscrivez-y maintenant des élèves.',
    enregistre: () => 'Nom et niveau enregistrés.',
    inscrits: (n: number) =>
      n === 0
        ? 'Ces élèves étaient déjà inscrits.'
        : n === 1
          ? '1 élève inscrit dans la classe.'
          : `${n} élèves inscrits dans la classe.`,
    retire: () => 'Élève retiré·e de la classe.',
    'enseignant-ajoute': () => 'Enseignant·e ajouté·e à la classe.',
    'enseignant-retire': () => 'Enseignant·e retiré·e de la classe.'
  };

  /** The notice named by `?ok=` (and `&n=`), or nothing for anything else. */
  export function notice(query: unknown): string {
    const key = formText(query, 'ok');
    if (!Object.prototype.hasOwnProperty.call(NOTICES, key)) {
      return '';
    }
    const n = Number.parseInt(formText(query, 'n'), 10);
    return NOTICES[key as keyof typeof NOTICES](
      Number.isSafeInteger(n) && n >= 0 ? n : 0
    );
  }

  export function notMember(
    response: Response,
    klass: IClass,
    who: string
  ): void {
    messagePage(
      response,
      404,
      'Action impossible',
      `${who} (ou plus) dans la classe ${klass.name}.`,
      { href: classUrl(klass.id), text: 'Retour à la classe' }
    );
  }

  /** Letters without accents nor case: « Chloé » is found by « chloe ». */
  export function fold(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  export function byName(a: IUser, b: IUser): number {
    return (
      a.displayName.localeCompare(b.displayName, 'fr') ||
      a.name.localeCompare(b.name)
    );
  }

  async function usersOf(
    deps: IClassPagesDeps,
    ids: readonly string[]
  ): Promise<IUser[]> {
    const users = await Promise.all(ids.map(id => deps.users.get(id)));
    return users.filter((user): user is IUser => user !== null);
  }

  /**
   * The learner accounts the caller may enrol in the class, members excluded: every
   * learner for whom sees every account (an admin); otherwise the learners of the
   * class's establishment and of the caller's own classes, so that a teacher never
   * browses the whole platform's pupils.
   */
  export async function learnerCandidates(
    deps: IClassPagesDeps,
    auth: IAuthContext,
    klass: IClass,
    members: readonly { userId: string }[]
  ): Promise<IUser[]> {
    const all = deps.policy.reach(auth.user, 'users:read') === 'all';
    const users = all
      ? await deps.users.all()
      : await usersOf(
          deps,
          await deps.classes.learnerIdsNear(klass, auth.user.id)
        );
    const inClass = new Set(members.map(member => member.userId));
    return users
      .filter(user => user.roles.includes('learner') && !inClass.has(user.id))
      .sort(byName);
  }

  /** Teacher accounts that do not teach the class yet (for admins). */
  export async function teacherCandidates(
    deps: IClassPagesDeps,
    members: readonly { userId: string; membership: string }[]
  ): Promise<IUser[]> {
    const teaching = new Set(
      members.filter(m => m.membership === 'teacher').map(m => m.userId)
    );
    return (await deps.users.all())
      .filter(user => user.roles.includes('teacher') && !teaching.has(user.id))
      .sort(byName);
  }

  /**
   * The establishments the caller may create a class in: every one for an admin
   * (`classes:write` on every class), those of the classes they teach otherwise.
   */
  export async function establishmentChoices(
    deps: IClassPagesDeps,
    auth: IAuthContext
  ): Promise<IOption[]> {
    let list: IEstablishment[];
    if (deps.policy.reach(auth.user, 'classes:write') === 'all') {
      list = await deps.classes.establishments();
    } else {
      const ids = new Set(
        (await deps.classes.forUser(auth.user.id))
          .filter(klass => klass.membership === 'teacher')
          .map(klass => klass.establishmentId)
          .filter((id): id is string => id !== null)
      );
      list = (
        await Promise.all([...ids].map(id => deps.classes.getEstablishment(id)))
      ).filter((e): e is IEstablishment => e !== null);
      list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    }
    return list.map(e => ({
      value: e.id,
      text: e.uai ? `${e.name} (${e.uai})` : e.name
    }));
  }

  function send(
    response: Response,
    status: number,
    title: string,
    body: string
  ): void {
    response
      .status(status)
      .type('html')
      .send(page(title, body, { wide: true }));
  }

  function plural(n: number, one: string, many: string): string {
    return `${n} ${n > 1 ? many : one}`;
  }

  export async function renderList(
    response: Response,
    deps: IClassPagesDeps,
    auth: IAuthContext,
    all: boolean
  ): Promise<void> {
    const { user } = auth;
    let list: (IClass & { teachers: number; learners: number })[];
    if (all) {
      list = await deps.classes.allWithCounts();
    } else {
      const taught = (await deps.classes.forUser(user.id)).filter(
        klass => klass.membership === 'teacher'
      );
      list = await Promise.all(
        taught.map(async ({ membership: _membership, ...klass }) => {
          const members = await deps.classes.members(klass.id);
          const count = (m: string) =>
            members.filter(member => member.membership === m).length;
          return {
            ...klass,
            teachers: count('teacher'),
            learners: count('learner')
          };
        })
      );
    }
    const establishmentIds = [
      ...new Set(
        list
          .map(klass => klass.establishmentId)
          .filter((id): id is string => id !== null)
      )
    ];
    const establishments = new Map(
      (
        await Promise.all(
          establishmentIds.map(id => deps.classes.getEstablishment(id))
        )
      )
        .filter((e): e is IEstablishment => e !== null)
        .map(e => [e.id, e.name])
    );
    const codes = deps.policy.reach(user, 'classes:codes') !== null;
    const creates = deps.policy.reach(user, 'classes:create') !== null;
    const rows = list
      .map(klass => {
        const url = classUrl(klass.id);
        const name = escapeHtml(klass.name);
        const where = klass.establishmentId
          ? escapeHtml(establishments.get(klass.establishmentId) ?? '—')
          : '—';
        return `<tr>
<th scope="row"><a href="${url}">${name}</a></th>
<td>${escapeHtml(klass.level ?? '—')}</td>
<td>${where}</td>
<td>${klass.learners}</td>
<td>${klass.teachers}</td>
${codes ? `<td><a href="${url}/codes">Codes<span class="cdc-visually-hidden"> de connexion – ${name}</span></a></td>\n` : ''}</tr>`;
      })
      .join('\n');
    const title = all ? 'Toutes les classes' : 'Mes classes';
    const table = list.length
      ? `<table class="cdc-table">
<caption>${plural(list.length, 'classe', 'classes')}</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Niveau</th><th scope="col">Établissement</th><th scope="col">Élèves</th><th scope="col">Enseignant·es</th>${codes ? '<th scope="col">Codes de connexion</th>' : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
      : `<p>${all ? 'Aucune classe pour le moment.' : 'Vous n’enseignez dans aucune classe pour le moment.'}</p>`;
    send(
      response,
      200,
      title,
      `<p><a href="/hub/home">Retour à l’accueil</a></p>
<h1>${title}</h1>
${creates ? '<p><a class="cdc-button" href="/hub/classes/new">Créer une classe</a></p>\n' : ''}${table}`
    );
  }

  export function renderCreate(
    response: Response,
    auth: IAuthContext,
    choices: readonly IOption[],
    values: { nom?: string; niveau?: string; etablissement?: string },
    errors: FieldErrors = {}
  ): void {
    // Shown with its error even when the caller has no establishment to offer.
    const establishment =
      choices.length || errors.etablissement
        ? selectField('etablissement', 'Établissement', {
            choices: [
              { value: '', text: 'Aucun (classe hors établissement)' },
              ...choices
            ],
            selected: values.etablissement,
            error: errors.etablissement
          })
        : '';
    send(
      response,
      Object.keys(errors).length ? 400 : 200,
      'Créer une classe',
      `<p><a href="${CLASSES_LINK.href}">${CLASSES_LINK.text}</a></p>
<h1>Créer une classe</h1>
${errorSummary(errors)}<form method="post" action="/hub/classes">
${xsrfField(auth.session.xsrfToken)}
${nameAndLevelFields(values, errors)}${establishment}<button type="submit">Créer la classe</button>
</form>`
    );
  }

  function nameAndLevelFields(
    values: { nom?: string; niveau?: string },
    errors: FieldErrors
  ): string {
    return (
      textField('nom', 'Nom de la classe', {
        help: `Par exemple « 2de B » ou « Groupe NSI 1 » ; ${CLASS_NAME_MAX} caractères au plus.`,
        value: values.nom,
        maxLength: CLASS_NAME_MAX,
        required: true,
        error: errors.nom,
        extra: 'autocomplete="off"'
      }) +
      textField('niveau', 'Niveau (facultatif)', {
        help: 'Par exemple « CM2 », « 2de » ou « L1 ».',
        value: values.niveau,
        maxLength: CLASS_LEVEL_MAX,
        error: errors.niveau,
        extra: 'autocomplete="off"'
      })
    );
  }

  export async function renderClass(
    response: Response,
    deps: IClassPagesDeps,
    { auth, klass, assignsTeachers }: IChecked,
    view: {
      query?: string;
      notice?: string;
      values?: { nom: string; niveau: string };
      errors?: FieldErrors;
    }
  ): Promise<void> {
    const errors = view.errors ?? {};
    const url = classUrl(klass.id);
    const name = escapeHtml(klass.name);
    const xsrf = xsrfField(auth.session.xsrfToken);
    const members = await deps.classes.members(klass.id);
    const people = await usersOf(
      deps,
      members.map(m => m.userId)
    );
    const byId = new Map(people.map(user => [user.id, user]));
    const withMembership = (membership: string) =>
      members
        .filter(m => m.membership === membership)
        .map(m => byId.get(m.userId))
        .filter((user): user is IUser => user !== undefined)
        .sort(byName);
    const establishment = klass.establishmentId
      ? await deps.classes.getEstablishment(klass.establishmentId)
      : null;
    const codes = await deps.policy.allows(auth.user, 'classes:codes', {
      classId: klass.id
    });
    const facts = [
      `Niveau : ${escapeHtml(klass.level ?? 'non précisé')}`,
      establishment ? `Établissement : ${escapeHtml(establishment.name)}` : ''
    ]
      .filter(Boolean)
      .join(' · ');
    const notice = view.notice
      ? `<p role="status" class="cdc-notice">${escapeHtml(view.notice)}</p>\n`
      : '';
    const codesLink = codes
      ? `<p><a href="${url}/codes">Codes de connexion des élèves de la classe ${name}</a></p>\n`
      : '';
    const edit = `<section aria-labelledby="infos-titre">
<h2 id="infos-titre">Nom et niveau</h2>
<form method="post" action="${url}">
${xsrf}
${nameAndLevelFields(view.values ?? { nom: klass.name, niveau: klass.level ?? '' }, errors)}<button type="submit">Enregistrer</button>
</form>
</section>
`;
    const teachers = await teachersSection(
      deps,
      klass,
      withMembership('teacher'),
      members,
      assignsTeachers,
      xsrf,
      errors
    );
    const learners = learnersSection(klass, withMembership('learner'), xsrf);
    const enrol = enrolSection(
      klass,
      await learnerCandidates(deps, auth, klass, members),
      view.query ?? '',
      assignsTeachers,
      codes,
      xsrf,
      errors
    );
    send(
      response,
      Object.keys(errors).length ? 400 : 200,
      `Classe ${klass.name}`,
      `<p><a href="${CLASSES_LINK.href}">${CLASSES_LINK.text}</a></p>
<h1>Classe ${name}</h1>
${notice}${errorSummary(errors)}<p>${facts}</p>
${codesLink}${edit}${teachers}${learners}${enrol}`
    );
  }

  async function teachersSection(
    deps: IClassPagesDeps,
    klass: IClass,
    teachers: readonly IUser[],
    members: readonly { userId: string; membership: string }[],
    assigns: boolean,
    xsrf: string,
    errors: FieldErrors
  ): Promise<string> {
    const url = classUrl(klass.id);
    const items = teachers
      .map(teacher => {
        const who = escapeHtml(teacher.displayName);
        const remove = assigns
          ? ` <form class="cdc-inline" method="post" action="${url}/teachers/remove">
${xsrf}
<input type="hidden" name="enseignant" value="${escapeHtml(teacher.id)}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="Retirer ${who} des enseignant·es de la classe">Retirer</button>
</form>`
          : '';
        return `<li>${who} <span class="cdc-muted">(${escapeHtml(teacher.name)})</span>${remove}</li>`;
      })
      .join('\n');
    let add = '';
    if (assigns) {
      const candidates = await teacherCandidates(deps, members);
      add = candidates.length
        ? `<form method="post" action="${url}/teachers">
${xsrf}
${selectField('enseignant', 'Ajouter un·e enseignant·e', {
  choices: [
    { value: '', text: 'Choisissez…' },
    ...candidates.map(user => ({
      value: user.id,
      text: `${user.displayName} (${user.name})`
    }))
  ],
  required: true,
  error: errors.enseignant
})}<button type="submit">Ajouter à la classe</button>
</form>
`
        : '<p>Aucun autre compte enseignant à ajouter.</p>\n';
    }
    return `<section aria-labelledby="enseignants-titre">
<h2 id="enseignants-titre">Enseignant·es</h2>
${items ? `<ul class="cdc-people">\n${items}\n</ul>` : '<p>Aucun·e enseignant·e dans cette classe.</p>'}
${add}</section>
`;
  }

  function learnersSection(
    klass: IClass,
    learners: readonly IUser[],
    xsrf: string
  ): string {
    const url = classUrl(klass.id);
    const rows = learners
      .map(learner => {
        const who = escapeHtml(learner.displayName);
        return `<tr>
<th scope="row">${who}</th>
<td>${escapeHtml(learner.name)}</td>
<td><form method="post" action="${url}/learners/remove">
${xsrf}
<input type="hidden" name="eleve" value="${escapeHtml(learner.id)}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="Retirer ${who} de la classe">Retirer</button>
</form></td>
</tr>`;
      })
      .join('\n');
    return `<section aria-labelledby="eleves-titre">
<h2 id="eleves-titre">Élèves</h2>
${
  learners.length
    ? `<table class="cdc-table">
<caption>${plural(learners.length, 'élève inscrit', 'élèves inscrits')}</caption>
<thead><tr><th scope="col">Élève</th><th scope="col">Identifiant</th><th scope="col">Action</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>Aucun élève inscrit pour le moment.</p>'
}
</section>
`;
  }

  function enrolSection(
    klass: IClass,
    candidates: readonly IUser[],
    rawQuery: string,
    everyone: boolean,
    codes: boolean,
    xsrf: string,
    errors: FieldErrors
  ): string {
    const url = classUrl(klass.id);
    const query = rawQuery.trim().slice(0, 100);
    const folded = fold(query);
    const found = folded
      ? candidates.filter(
          user =>
            fold(user.displayName).includes(folded) ||
            user.name.includes(folded)
        )
      : candidates;
    const shown = found.slice(0, SHOWN_CANDIDATES);
    const where = everyone
      ? 'Vous pouvez inscrire tout compte élève de la plateforme.'
      : klass.establishmentId
        ? 'Vous pouvez inscrire les élèves des classes de l’établissement et ceux de vos autres classes.'
        : 'Vous pouvez inscrire les élèves de vos autres classes.';
    const noAccount = codes
      ? ` Pour un élève sans compte, <a href="${url}/codes">créez-lui un code de connexion</a>.`
      : '';
    const quoted = query ? ` pour « ${escapeHtml(query)} »` : '';
    const more =
      found.length > shown.length
        ? `<p class="cdc-muted">${shown.length} élèves affichés sur ${found.length} : précisez la recherche.</p>\n`
        : '';

    const { notes, describedBy } = fieldNotes(
      'eleves',
      undefined,
      errors.eleves
    );
    const boxes = shown
      .map((user, index) => {
        const id = index === 0 ? 'eleves' : `eleves-${index + 1}`;
        return `<li><input type="checkbox" id="${id}" name="eleve" value="${escapeHtml(user.id)}"> <label for="${id}">${escapeHtml(user.displayName)} <span class="cdc-muted">(${escapeHtml(user.name)})</span></label></li>`;
      })
      .join('\n');
    const list = shown.length
      ? `<form method="post" action="${url}/learners">
${xsrf}
<input type="hidden" name="q" value="${escapeHtml(query)}">
<fieldset${describedBy}>
<legend>Élèves à inscrire${quoted}</legend>
${notes}${more}<ul class="cdc-checks">
${boxes}
</ul>
</fieldset>
<button type="submit">Inscrire les élèves cochés</button>
</form>
`
      : `${notes}<p>${query ? `Aucun élève à inscrire ne correspond à « ${escapeHtml(query)} ».` : 'Aucun élève à inscrire.'}</p>
`;
    return `<section aria-labelledby="inscrire-titre">
<h2 id="inscrire-titre">Inscrire des élèves</h2>
<p class="cdc-muted">${where}${noAccount}</p>
<form method="get" action="${url}#inscrire-titre" role="search" aria-label="Rechercher des élèves à inscrire">
${textField('recherche', 'Nom ou identifiant de l’élève', {
  name: 'q',
  value: query,
  maxLength: 100,
  extra: 'autocomplete="off"'
})}<button type="submit" class="cdc-secondary">Rechercher</button>
</form>
${list}</section>
`;
  }
}
