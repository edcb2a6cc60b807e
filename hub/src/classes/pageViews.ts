import { Response } from 'express';

import { IAuthContext } from '../auth/middleware';
import {
  errorSummary,
  FieldErrors,
  IOption,
  selectField,
  textField,
  xsrfField
} from '../pages/forms';
import { html, joinHtml, SafeHtml } from '../pages/html';
import { plural, sendPage } from '../pages/render';
import { IUser } from '../users/service';
import { byName, learnerCandidates, usersOf } from './candidates';
import type { IClassPagesDeps } from './pageDeps';
import { classUrl, CLASSES_LINK } from './classLinks';
import {
  enrolSection,
  LEARNER_SEARCH,
  learnersSection,
  SHOWN_CANDIDATES,
  TEACHER_SEARCH,
  teachersSection
} from './memberSections';
import {
  CLASS_LEVEL_MAX,
  CLASS_NAME_MAX,
  IClass,
  IEstablishment
} from './service';

/**
 * The HTML of the class pages (French, no script): the list of classes, the creation
 * form, a class's page with its sections, and the confirmation of a removal.
 */

export interface IChecked {
  auth: IAuthContext;
  klass: IClass;
  /** Whether the caller may assign teachers (an admin: they see every account). */
  assignsTeachers: boolean;
}

function send(
  response: Response,
  status: number,
  title: string,
  body: SafeHtml
): void {
  sendPage(response, title, body, { status, wide: true });
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
  const rows = list.map(klass => {
    const url = classUrl(klass.id);
    const name = klass.name;
    const where = klass.establishmentId
      ? (establishments.get(klass.establishmentId) ?? '—')
      : '—';
    return html`<tr>
<th scope="row"><a href="${url}">${name}</a></th>
<td>${klass.level ?? '—'}</td>
<td>${where}</td>
<td>${klass.learners}</td>
<td>${klass.teachers}</td>
${codes && html`<td><a href="${url}/codes">Codes<span class="cdc-visually-hidden"> de connexion – ${name}</span></a></td>\n`}</tr>`;
  });
  const title = all ? 'Toutes les classes' : 'Mes classes';
  const table = list.length
    ? html`<table class="cdc-table">
<caption>${plural(list.length, 'classe', 'classes')}</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Niveau</th><th scope="col">Établissement</th><th scope="col">Élèves</th><th scope="col">Enseignant·es</th>${codes && html`<th scope="col">Codes de connexion</th>`}</tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p>${all ? 'Aucune classe pour le moment.' : 'Vous n’enseignez dans aucune classe pour le moment.'}</p>`;
  send(
    response,
    200,
    title,
    html`<p><a href="/hub/home">Retour à l’accueil</a></p>
<h1>${title}</h1>
${creates && html`<p><a class="cdc-button" href="/hub/classes/new">Créer une classe</a></p>\n`}${table}`
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
      : null;
  send(
    response,
    Object.keys(errors).length ? 400 : 200,
    'Créer une classe',
    html`<p><a href="${CLASSES_LINK.href}">${CLASSES_LINK.text}</a></p>
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
): SafeHtml {
  return joinHtml([
    textField('nom', 'Nom de la classe', {
      help: `Par exemple « 2de B » ou « Groupe NSI 1 » ; ${CLASS_NAME_MAX} caractères au plus.`,
      value: values.nom,
      maxLength: CLASS_NAME_MAX,
      required: true,
      error: errors.nom,
      autocomplete: 'off'
    }),
    textField('niveau', 'Niveau (facultatif)', {
      help: 'Par exemple « CM2 », « 2de » ou « L1 ».',
      value: values.niveau,
      maxLength: CLASS_LEVEL_MAX,
      error: errors.niveau,
      autocomplete: 'off'
    })
  ]);
}

export async function renderClass(
  response: Response,
  deps: IClassPagesDeps,
  { auth, klass, assignsTeachers }: IChecked,
  view: {
    /** The learners' search (`q`). */
    query?: string;
    /** The teachers' search (`qe`), for admins. */
    teacherQuery?: string;
    notice?: string;
    values?: { nom: string; niveau: string };
    errors?: FieldErrors;
  }
): Promise<void> {
  const errors = view.errors ?? {};
  const url = classUrl(klass.id);
  const name = klass.name;
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
    `Niveau : ${klass.level ?? 'non précisé'}`,
    establishment ? `Établissement : ${establishment.name}` : ''
  ]
    .filter(Boolean)
    .join(' · ');
  const notice =
    view.notice &&
    html`<p role="status" class="cdc-notice">${view.notice}</p>\n`;
  const codesLink =
    codes &&
    html`<p><a href="${url}/codes">Codes de connexion des élèves de la classe ${name}</a></p>\n`;
  const edit = html`<section aria-labelledby="infos-titre">
<h2 id="infos-titre">Nom et niveau</h2>
<form method="post" action="${url}">
${xsrf}
${nameAndLevelFields(view.values ?? { nom: klass.name, niveau: klass.level ?? '' }, errors)}<button type="submit">Enregistrer</button>
</form>
</section>
`;
  // A refused search is shown as typed, with its error, and not run. Only admins
  // search teachers.
  const query = (view.query ?? '').trim();
  const learnerRefused = !!errors[LEARNER_SEARCH];
  const teacherQuery = assignsTeachers ? (view.teacherQuery ?? '').trim() : '';
  const teachers = await teachersSection(
    deps,
    klass,
    withMembership('teacher'),
    members,
    assignsTeachers,
    { query: teacherQuery, learners: learnerRefused ? '' : query },
    xsrf,
    errors
  );
  const learners = learnersSection(klass, withMembership('learner'), xsrf);
  const enrol = enrolSection(
    klass,
    learnerRefused
      ? { users: [], total: 0 }
      : await learnerCandidates(
          deps,
          auth,
          klass,
          members,
          query,
          SHOWN_CANDIDATES
        ),
    { query, teachers: errors[TEACHER_SEARCH] ? '' : teacherQuery },
    assignsTeachers,
    codes,
    xsrf,
    errors
  );
  send(
    response,
    Object.keys(errors).length ? 400 : 200,
    `Classe ${klass.name}`,
    html`<p><a href="${CLASSES_LINK.href}">${CLASSES_LINK.text}</a></p>
<h1>Classe ${name}</h1>
${notice}${errorSummary(errors)}<p>${facts}</p>
${codesLink}${edit}${teachers}${learners}${enrol}`
  );
}

/**
 * « Retirer cet élève ? »: removing a pupil is confirmed on a page of its own (these
 * pages work without scripts), which says what it changes.
 */
export function renderRemoval(
  response: Response,
  { auth, klass }: IChecked,
  learner: IUser
): void {
  const url = classUrl(klass.id);
  const who = learner.displayName;
  const name = klass.name;
  send(
    response,
    200,
    `Retirer ${learner.displayName} de la classe ${klass.name}`,
    html`<p><a href="${url}">Retour à la classe ${name}</a></p>
<h1>Retirer ${who} de la classe ${name} ?</h1>
<p>${who} ne verra plus cette classe ni ses nouveaux devoirs. Son compte et son travail restent : vous pourrez l’inscrire de nouveau.</p>
<form method="post" action="${url}/learners/remove">
${xsrfField(auth.session.xsrfToken)}
<input type="hidden" name="eleve" value="${learner.id}">
<input type="hidden" name="confirme" value="oui">
<button type="submit">Retirer ${who}</button>
<a class="cdc-button cdc-secondary" href="${url}">Annuler</a>
</form>
`
  );
}
