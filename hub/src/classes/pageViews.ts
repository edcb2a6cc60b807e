import { Response } from 'express';

import { IAuthContext } from '../auth/middleware';
import {
  errorSummary,
  FieldErrors,
  fieldNotes,
  IOption,
  selectField,
  textField,
  xsrfField
} from '../pages/forms';
import { escapeHtml, IBackLink, page } from '../pages/render';
import { IUser } from '../users/service';
import {
  byName,
  learnerCandidates,
  teacherCandidates,
  usersOf
} from './candidates';
import type { IClassPagesDeps } from './pages';
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

/** Candidates shown at once; a search narrows them. */
export const SHOWN_CANDIDATES = 50;

/** The longest enrolment search kept. */
const QUERY_MAX = 100;

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
  const query = (view.query ?? '').trim().slice(0, QUERY_MAX);
  const enrol = enrolSection(
    klass,
    await learnerCandidates(
      deps,
      auth,
      klass,
      members,
      query,
      SHOWN_CANDIDATES
    ),
    query,
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
  const who = escapeHtml(learner.displayName);
  const name = escapeHtml(klass.name);
  send(
    response,
    200,
    `Retirer ${learner.displayName} de la classe ${klass.name}`,
    `<p><a href="${url}">Retour à la classe ${name}</a></p>
<h1>Retirer ${who} de la classe ${name} ?</h1>
<p>${who} ne verra plus cette classe ni ses nouveaux devoirs. Son compte et son travail restent : vous pourrez l’inscrire de nouveau.</p>
<form method="post" action="${url}/learners/remove">
${xsrfField(auth.session.xsrfToken)}
<input type="hidden" name="eleve" value="${escapeHtml(learner.id)}">
<input type="hidden" name="confirme" value="oui">
<button type="submit">Retirer ${who}</button>
<a class="cdc-button cdc-secondary" href="${url}">Annuler</a>
</form>
`
  );
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
  candidates: { users: readonly IUser[]; total: number },
  query: string,
  everyone: boolean,
  codes: boolean,
  xsrf: string,
  errors: FieldErrors
): string {
  const url = classUrl(klass.id);
  const shown = candidates.users;
  const where = everyone
    ? 'Vous pouvez inscrire tout compte élève de la plateforme.'
    : klass.establishmentId
      ? 'Vous pouvez inscrire les élèves des classes de l’établissement et ceux de vos autres classes ; un élève qui n’est encore dans aucune classe se trouve par son identifiant exact.'
      : 'Vous pouvez inscrire les élèves de vos autres classes ; un élève qui n’est encore dans aucune classe se trouve par son identifiant exact.';
  const noAccount = codes
    ? ` Pour un élève sans compte, <a href="${url}/codes">créez-lui un code de connexion</a>.`
    : '';
  const quoted = query ? ` pour « ${escapeHtml(query)} »` : '';
  const more =
    candidates.total > shown.length
      ? `<p class="cdc-muted">${shown.length} élèves affichés sur ${candidates.total} : précisez la recherche.</p>\n`
      : '';

  const { notes, describedBy } = fieldNotes('eleves', undefined, errors.eleves);
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
