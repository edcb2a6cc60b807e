/**
 * The sections of a class's page about its members: its teachers (and, for admins, the
 * search that adds one), its learners, and the enrolment of learners.
 */
import { IHubTranslator } from '../i18n';
import { FieldErrors, fieldNotes, textField } from '../pages/forms';
import { html, htmlFormat, joinHtml, SafeHtml } from '../pages/html';
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
  trans: IHubTranslator,
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
<button type="submit" class="cdc-secondary cdc-small" aria-label="${trans.__('Remove %1 from the class’s teachers', who)}">${trans.__('Remove')}</button>
</form>`;
    return html`<li>${who} <span class="cdc-muted">(${teacher.name})</span>${remove}</li>`;
  });
  const add =
    assigns &&
    (await addTeacher(trans, deps, klass, members, search, xsrf, errors));
  return html`<section aria-labelledby="enseignants-titre">
<h2 id="enseignants-titre">${trans.__('Teachers')}</h2>
${items.length ? html`<ul class="cdc-people">\n${joinHtml(items, '\n')}\n</ul>` : html`<p>${trans.__('No teacher in this class.')}</p>`}
${add}</section>
`;
}

/**
 * « Ajouter un·e enseignant·e » (admins): a search among the teacher accounts, in SQL,
 * then one of at most {@link SHOWN_CANDIDATES} to choose (radio buttons, which the
 * arrow keys move through), like the learners' enrolment.
 */
async function addTeacher(
  trans: IHubTranslator,
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
  const form = html`<form method="get" action="${url}#ajouter-enseignant" role="search" aria-label="${trans.__('Search teachers to add')}">
${hiddenField('q', search.learners)}${textField(
    trans,
    TEACHER_SEARCH,
    trans.__('Name or username of the teacher'),
    {
      name: 'qe',
      value: query,
      maxLength: SEARCH_MAX,
      error: refused,
      autocomplete: 'off'
    }
  )}<button type="submit" class="cdc-secondary">${trans.__('Search')}</button>
</form>
`;
  const heading = html`<h3 id="ajouter-enseignant">${trans.__('Add a teacher')}</h3>
<p class="cdc-muted">${trans.__('You can add any teacher account of the platform.')}</p>
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
    trans,
    'enseignant',
    undefined,
    errors.enseignant
  );
  if (!shown.length) {
    return html`${heading}${notes}<p>${query ? trans.__('No teacher account to add matches « %1 ».', query) : trans.__('No other teacher account to add.')}</p>
`;
  }
  const quoted = query ? trans.__(' for « %1 »', query) : '';
  const more =
    candidates.total > shown.length &&
    html`<p class="cdc-muted">${trans.__('%1 teachers shown of %2: narrow the search.', shown.length, candidates.total)}</p>\n`;
  const radios = shown.map((user, index) => {
    const id = index === 0 ? 'enseignant' : `enseignant-${index + 1}`;
    return html`<li><input type="radio" id="${id}" name="enseignant" value="${user.id}"> <label for="${id}">${user.displayName} <span class="cdc-muted">(${user.name})</span></label></li>`;
  });
  return html`${heading}<form method="post" action="${url}/teachers">
${xsrf}
${hiddenField('qe', query)}<fieldset${describedBy}>
<legend>${trans.__('Teachers to add')}${quoted}</legend>
${notes}${more}<ul class="cdc-checks">
${joinHtml(radios, '\n')}
</ul>
</fieldset>
<button type="submit">${trans.__('Add to the class')}</button>
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
  trans: IHubTranslator,
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
<button type="submit" class="cdc-secondary cdc-small" aria-label="${trans.__('Remove %1 from the class', who)}">${trans.__('Remove')}</button>
</form></td>
</tr>`;
  });
  return html`<section aria-labelledby="eleves-titre">
<h2 id="eleves-titre">${trans.__('Pupils')}</h2>
${
  learners.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 pupil enrolled', '%1 pupils enrolled', learners.length)}</caption>
<thead><tr><th scope="col">${trans.__('Pupil')}</th><th scope="col">${trans.__('Username')}</th><th scope="col">${trans.__('Action')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p>${trans.__('No pupil enrolled yet.')}</p>`
}
</section>
`;
}

/**
 * « Inscrire des élèves »: the learners the caller may enrol, found by a search.
 */
export function enrolSection(
  trans: IHubTranslator,
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
    ? trans.__('You can enrol any pupil account of the platform.')
    : klass.establishmentId
      ? trans.__(
          'You can enrol the pupils of the school’s classes and those of your other classes; a pupil who is not in any class yet is found by their exact username.'
        )
      : trans.__(
          'You can enrol the pupils of your other classes; a pupil who is not in any class yet is found by their exact username.'
        );
  const noAccount =
    codes &&
    htmlFormat(
      trans.__(' For a pupil without an account, %1.'),
      html`<a href="${url}/codes">${trans.__('make them a login code')}</a>`
    );
  const quoted = query ? trans.__(' for « %1 »', query) : '';
  const more =
    candidates.total > shown.length &&
    html`<p class="cdc-muted">${trans.__('%1 pupils shown of %2: narrow the search.', shown.length, candidates.total)}</p>\n`;

  const { notes, describedBy } = fieldNotes(
    trans,
    'eleves',
    undefined,
    errors.eleves
  );
  const boxes = shown.map((user, index) => {
    const id = index === 0 ? 'eleves' : `eleves-${index + 1}`;
    return html`<li><input type="checkbox" id="${id}" name="eleve" value="${user.id}"> <label for="${id}">${user.displayName} <span class="cdc-muted">(${user.name})</span></label></li>`;
  });
  const list = shown.length
    ? html`<form method="post" action="${url}/learners">
${xsrf}
<input type="hidden" name="q" value="${query}">
<fieldset${describedBy}>
<legend>${trans.__('Pupils to enrol')}${quoted}</legend>
${notes}${more}<ul class="cdc-checks">
${joinHtml(boxes, '\n')}
</ul>
</fieldset>
<button type="submit">${trans.__('Enrol the ticked pupils')}</button>
</form>
`
    : html`${notes}<p>${query ? trans.__('No pupil to enrol matches « %1 ».', query) : trans.__('No pupil to enrol.')}</p>
`;
  const refused = errors[LEARNER_SEARCH];
  return html`<section aria-labelledby="inscrire-titre">
<h2 id="inscrire-titre">${trans.__('Enrol pupils')}</h2>
<p class="cdc-muted">${where}${noAccount}</p>
<form method="get" action="${url}#inscrire-titre" role="search" aria-label="${trans.__('Search pupils to enrol')}">
${hiddenField('qe', search.teachers)}${textField(
    trans,
    LEARNER_SEARCH,
    trans.__('Name or username of the pupil'),
    {
      name: 'q',
      value: query,
      maxLength: SEARCH_MAX,
      error: refused,
      autocomplete: 'off'
    }
  )}<button type="submit" class="cdc-secondary">${trans.__('Search')}</button>
</form>
${!refused && list}</section>
`;
}
