/**
 * The sections of a class's page about its members: its teachers (and, for admins, the
 * search that adds one), its learners, and the enrolment of learners.
 */
import { FieldErrors, fieldNotes, textField } from '../pages/forms';
import { html, joinHtml, SafeHtml } from '../pages/html';
import { plural } from '../pages/render';
import { IUser } from '../users/service';
import { SEARCH_MAX, teacherCandidates } from './candidates';
import type { IClassPagesDeps } from './pageDeps';
import { IClass } from './service';
import { classUrl } from './classLinks';

/** Candidates shown at once; a search narrows them. */
export const SHOWN_CANDIDATES = 50;

/**
 * The ids of the search fields (teachers, learners to enrol), and the keys of their
 * errors: a search that is too long or holds control characters is refused there.
 */
export const TEACHER_SEARCH = 'recherche-enseignant';
export const LEARNER_SEARCH = 'recherche';

/**
 * « Enseignants »: who teaches the class and, for admins, the search that adds one.
 */
export async function teachersSection(
  deps: IClassPagesDeps,
  klass: IClass,
  teachers: readonly IUser[],
  members: readonly { userId: string; membership: string }[],
  assigns: boolean,
  search: { query: string; learners: string },
  xsrf: SafeHtml,
  errors: FieldErrors
): Promise<SafeHtml> {
  const url = classUrl(klass.id);
  const items = teachers.map(teacher => {
    const who = teacher.displayName;
    const remove =
      assigns &&
      html` <form class="cdc-inline" method="post" action="${url}/teachers/remove">
${xsrf}
<input type="hidden" name="enseignant" value="${teacher.id}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="Retirer ${who} des enseignant·es de la classe">Retirer</button>
</form>`;
    return html`<li>${who} <span class="cdc-muted">(${teacher.name})</span>${remove}</li>`;
  });
  const add =
    assigns && (await addTeacher(deps, klass, members, search, xsrf, errors));
  return html`<section aria-labelledby="enseignants-titre">
<h2 id="enseignants-titre">Enseignant·es</h2>
${items.length ? html`<ul class="cdc-people">\n${joinHtml(items, '\n')}\n</ul>` : html`<p>Aucun·e enseignant·e dans cette classe.</p>`}
${add}</section>
`;
}

/**
 * « Ajouter un·e enseignant·e » (admins): a search among the teacher accounts, in SQL,
 * then one of at most {@link SHOWN_CANDIDATES} to choose (radio buttons, which the
 * arrow keys move through), like the learners' enrolment.
 */
async function addTeacher(
  deps: IClassPagesDeps,
  klass: IClass,
  members: readonly { userId: string; membership: string }[],
  search: { query: string; learners: string },
  xsrf: SafeHtml,
  errors: FieldErrors
): Promise<SafeHtml> {
  const url = classUrl(klass.id);
  const { query } = search;
  const refused = errors[TEACHER_SEARCH];
  const form = html`<form method="get" action="${url}#ajouter-enseignant" role="search" aria-label="Rechercher des enseignant·es à ajouter">
${hiddenField('q', search.learners)}${textField(
    TEACHER_SEARCH,
    'Nom ou identifiant de l’enseignant·e',
    {
      name: 'qe',
      value: query,
      maxLength: SEARCH_MAX,
      error: refused,
      autocomplete: 'off'
    }
  )}<button type="submit" class="cdc-secondary">Rechercher</button>
</form>
`;
  const heading = html`<h3 id="ajouter-enseignant">Ajouter un·e enseignant·e</h3>
<p class="cdc-muted">Vous pouvez ajouter tout compte enseignant de la plateforme.</p>
${form}`;
  if (refused) {
    // The search was not run: nothing to choose from until it is corrected.
    return heading;
  }
  const candidates = await teacherCandidates(
    deps,
    members,
    query,
    SHOWN_CANDIDATES
  );
  const shown = candidates.users;
  const { notes, describedBy } = fieldNotes(
    'enseignant',
    undefined,
    errors.enseignant
  );
  if (!shown.length) {
    return html`${heading}${notes}<p>${query ? `Aucun compte enseignant à ajouter ne correspond à « ${query} ».` : 'Aucun autre compte enseignant à ajouter.'}</p>
`;
  }
  const quoted = query ? ` pour « ${query} »` : '';
  const more =
    candidates.total > shown.length &&
    html`<p class="cdc-muted">${shown.length} enseignants affichés sur ${candidates.total} : précisez la recherche.</p>\n`;
  const radios = shown.map((user, index) => {
    const id = index === 0 ? 'enseignant' : `enseignant-${index + 1}`;
    return html`<li><input type="radio" id="${id}" name="enseignant" value="${user.id}"> <label for="${id}">${user.displayName} <span class="cdc-muted">(${user.name})</span></label></li>`;
  });
  return html`${heading}<form method="post" action="${url}/teachers">
${xsrf}
${hiddenField('qe', query)}<fieldset${describedBy}>
<legend>Enseignant·es à ajouter${quoted}</legend>
${notes}${more}<ul class="cdc-checks">
${joinHtml(radios, '\n')}
</ul>
</fieldset>
<button type="submit">Ajouter à la classe</button>
</form>
`;
}

/** A hidden field that keeps the other search of the page, or nothing when empty. */
function hiddenField(name: string, value: string): SafeHtml | null {
  return value
    ? html`<input type="hidden" name="${name}" value="${value}">\n`
    : null;
}

/**
 * « Élèves »: the class's learners, each with the link that removes them.
 */
export function learnersSection(
  klass: IClass,
  learners: readonly IUser[],
  xsrf: SafeHtml
): SafeHtml {
  const url = classUrl(klass.id);
  const rows = learners.map(learner => {
    const who = learner.displayName;
    return html`<tr>
<th scope="row">${who}</th>
<td>${learner.name}</td>
<td><form method="post" action="${url}/learners/remove">
${xsrf}
<input type="hidden" name="eleve" value="${learner.id}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="Retirer ${who} de la classe">Retirer</button>
</form></td>
</tr>`;
  });
  return html`<section aria-labelledby="eleves-titre">
<h2 id="eleves-titre">Élèves</h2>
${
  learners.length
    ? html`<table class="cdc-table">
<caption>${plural(learners.length, 'élève inscrit', 'élèves inscrits')}</caption>
<thead><tr><th scope="col">Élève</th><th scope="col">Identifiant</th><th scope="col">Action</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p>Aucun élève inscrit pour le moment.</p>`
}
</section>
`;
}

/**
 * « Inscrire des élèves »: the learners the caller may enrol, found by a search.
 */
export function enrolSection(
  klass: IClass,
  candidates: { users: readonly IUser[]; total: number },
  search: { query: string; teachers: string },
  everyone: boolean,
  codes: boolean,
  xsrf: SafeHtml,
  errors: FieldErrors
): SafeHtml {
  const url = classUrl(klass.id);
  const { query } = search;
  const shown = candidates.users;
  const where = everyone
    ? 'Vous pouvez inscrire tout compte élève de la plateforme.'
    : klass.establishmentId
      ? 'Vous pouvez inscrire les élèves des classes de l’établissement et ceux de vos autres classes ; un élève qui n’est encore dans aucune classe se trouve par son identifiant exact.'
      : 'Vous pouvez inscrire les élèves de vos autres classes ; un élève qui n’est encore dans aucune classe se trouve par son identifiant exact.';
  const noAccount =
    codes &&
    html` Pour un élève sans compte, <a href="${url}/codes">créez-lui un code de connexion</a>.`;
  const quoted = query ? ` pour « ${query} »` : '';
  const more =
    candidates.total > shown.length &&
    html`<p class="cdc-muted">${shown.length} élèves affichés sur ${candidates.total} : précisez la recherche.</p>\n`;

  const { notes, describedBy } = fieldNotes('eleves', undefined, errors.eleves);
  const boxes = shown.map((user, index) => {
    const id = index === 0 ? 'eleves' : `eleves-${index + 1}`;
    return html`<li><input type="checkbox" id="${id}" name="eleve" value="${user.id}"> <label for="${id}">${user.displayName} <span class="cdc-muted">(${user.name})</span></label></li>`;
  });
  const list = shown.length
    ? html`<form method="post" action="${url}/learners">
${xsrf}
<input type="hidden" name="q" value="${query}">
<fieldset${describedBy}>
<legend>Élèves à inscrire${quoted}</legend>
${notes}${more}<ul class="cdc-checks">
${joinHtml(boxes, '\n')}
</ul>
</fieldset>
<button type="submit">Inscrire les élèves cochés</button>
</form>
`
    : html`${notes}<p>${query ? `Aucun élève à inscrire ne correspond à « ${query} ».` : 'Aucun élève à inscrire.'}</p>
`;
  const refused = errors[LEARNER_SEARCH];
  return html`<section aria-labelledby="inscrire-titre">
<h2 id="inscrire-titre">Inscrire des élèves</h2>
<p class="cdc-muted">${where}${noAccount}</p>
<form method="get" action="${url}#inscrire-titre" role="search" aria-label="Rechercher des élèves à inscrire">
${hiddenField('qe', search.teachers)}${textField(
    LEARNER_SEARCH,
    'Nom ou identifiant de l’élève',
    {
      name: 'q',
      value: query,
      maxLength: SEARCH_MAX,
      error: refused,
      autocomplete: 'off'
    }
  )}<button type="submit" class="cdc-secondary">Rechercher</button>
</form>
${!refused && list}</section>
`;
}
