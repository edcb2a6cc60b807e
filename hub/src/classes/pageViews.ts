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
import { IHubTranslator } from '../i18n';
import { html, joinHtml, SafeHtml } from '../pages/html';
import { pageTrans, sendPage } from '../pages/render';
import { IUser } from '../users/service';
import { byName, learnerCandidates, usersOf } from './candidates';
import type { IClassPagesDeps } from './pageDeps';
import { classesLink, classUrl } from './classLinks';
import {
  enrolSection,
  LEARNER_SEARCH,
  learnersSection,
  SHOWN_CANDIDATES,
  TEACHER_SEARCH,
  teachersSection
} from './memberSections';
import {
  dashboardLink,
  TRACE_POLICY_FIELD,
  tracePolicySection
} from './traceSections';
import {
  CLASS_LEVEL_MAX,
  CLASS_NAME_MAX,
  IClass,
  IEstablishment
} from './service';

/**
 * The HTML of the class pages (in the reader's language, no script): the list of classes, the creation
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
  const trans = pageTrans(response);
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
${codes && html`<td><a href="${url}/codes">${trans.__('Codes')}<span class="cdc-visually-hidden">${trans.__(' for logging in – %1', name)}</span></a></td>\n`}</tr>`;
  });
  const title = all ? trans.__('All classes') : trans.__('My classes');
  const table = list.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 class', '%1 classes', list.length)}</caption>
<thead><tr><th scope="col">${trans.__('Class')}</th><th scope="col">${trans.__('Level')}</th><th scope="col">${trans.__('School')}</th><th scope="col">${trans.__('Pupils')}</th><th scope="col">${trans.__('Teachers')}</th>${codes && html`<th scope="col">${trans.__('Login codes')}</th>`}</tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p>${all ? trans.__('No classes yet.') : trans.__('You do not teach any class yet.')}</p>`;
  send(
    response,
    200,
    title,
    html`<p><a href="/hub/home">${trans.__('Back to the home page')}</a></p>
<h1>${title}</h1>
${creates && html`<p><a class="cdc-button" href="/hub/classes/new">${trans.__('Create a class')}</a></p>\n`}${table}`
  );
}

export function renderCreate(
  response: Response,
  auth: IAuthContext,
  choices: readonly IOption[],
  values: { nom?: string; niveau?: string; etablissement?: string },
  errors: FieldErrors = {}
): void {
  const trans = pageTrans(response);
  // Shown with its error even when the caller has no establishment to offer.
  const establishment =
    choices.length || errors.etablissement
      ? selectField(trans, 'etablissement', trans.__('School'), {
          choices: [
            { value: '', text: trans.__('None (class outside any school)') },
            ...choices
          ],
          selected: values.etablissement,
          error: errors.etablissement
        })
      : null;
  send(
    response,
    Object.keys(errors).length ? 400 : 200,
    trans.__('Create a class'),
    html`<p><a href="${classesLink(trans).href}">${classesLink(trans).text}</a></p>
<h1>${trans.__('Create a class')}</h1>
${errorSummary(trans, errors)}<form method="post" action="/hub/classes">
${xsrfField(auth.session.xsrfToken)}
${nameAndLevelFields(trans, values, errors)}${establishment}<button type="submit">${trans.__('Create the class')}</button>
</form>`
  );
}

function nameAndLevelFields(
  trans: IHubTranslator,
  values: { nom?: string; niveau?: string },
  errors: FieldErrors
): SafeHtml {
  return joinHtml([
    textField(trans, 'nom', trans.__('Class name'), {
      help: trans.__(
        'For example « 2de B » or « Groupe NSI 1 »; %1 characters at most.',
        CLASS_NAME_MAX
      ),
      value: values.nom,
      maxLength: CLASS_NAME_MAX,
      required: true,
      error: errors.nom,
      autocomplete: 'off'
    }),
    textField(trans, 'niveau', trans.__('Level (optional)'), {
      help: trans.__('For example « CM2 », « 2de » or « L1 ».'),
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
  const trans = pageTrans(response);
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
    trans.__('Level: %1', klass.level ?? trans.__('not given')),
    establishment ? trans.__('School: %1', establishment.name) : ''
  ]
    .filter(Boolean)
    .join(' · ');
  const notice =
    view.notice &&
    html`<p role="status" class="cdc-notice">${view.notice}</p>\n`;
  const codesLink =
    codes &&
    html`<p><a href="${url}/codes">${trans.__('Login codes of the pupils of the class %1', name)}</a></p>\n`;
  const edit = html`<section aria-labelledby="infos-titre">
<h2 id="infos-titre">${trans.__('Name and level')}</h2>
<form method="post" action="${url}">
${xsrf}
${nameAndLevelFields(trans, view.values ?? { nom: klass.name, niveau: klass.level ?? '' }, errors)}<button type="submit">${trans.__('Save')}</button>
</form>
</section>
`;
  // A refused search is shown as typed, with its error, and not run. Only admins
  // search teachers.
  const query = (view.query ?? '').trim();
  const learnerRefused = !!errors[LEARNER_SEARCH];
  const teacherQuery = assignsTeachers ? (view.teacherQuery ?? '').trim() : '';
  const teachers = await teachersSection(
    trans,
    deps,
    klass,
    withMembership('teacher'),
    members,
    assignsTeachers,
    { query: teacherQuery, learners: learnerRefused ? '' : query },
    xsrf,
    errors
  );
  const learners = learnersSection(
    trans,
    klass,
    withMembership('learner'),
    xsrf
  );
  const enrol = enrolSection(
    trans,
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
  const schoolMode = schoolModeSection(
    trans,
    url,
    await deps.classes.schoolMode.isOn(klass.id),
    xsrf,
    errors[SCHOOL_MODE_FIELD]
  );
  const traces = deps.tracePolicy
    ? tracePolicySection(
        trans,
        url,
        await deps.tracePolicy.get(klass.id, klass.level),
        xsrf,
        errors[TRACE_POLICY_FIELD]
      )
    : '';
  const dashboard =
    (await deps.policy.allows(auth.user, 'dashboards:class', {
      classId: klass.id
    })) && dashboardLink(trans, auth.user.name, klass.id);
  const groups =
    (await deps.groupsSection?.(
      trans,
      auth.user,
      klass.id,
      auth.session.xsrfToken
    )) ?? '';
  send(
    response,
    Object.keys(errors).length ? 400 : 200,
    trans.__('Class %1', klass.name),
    html`<p><a href="${classesLink(trans).href}">${classesLink(trans).text}</a></p>
<h1>${trans.__('Class %1', name)}</h1>
${notice}${errorSummary(trans, errors)}<p>${facts}</p>
${dashboard}${codesLink}${edit}${schoolMode}${traces}${teachers}${learners}${enrol}${groups}`
  );
}

/** The school mode checkbox's name and id. */
export const SCHOOL_MODE_FIELD = 'mode-ecole';

/**
 * « Mode école »: whether the class's pupils get the simple JupyterLab of
 * `@candyce/school-ui`, said in words, and the checkbox that changes it.
 */
function schoolModeSection(
  trans: IHubTranslator,
  url: string,
  on: boolean,
  xsrf: SafeHtml,
  error: string | undefined
): SafeHtml {
  const state = on
    ? trans.__(
        'School mode is on: the pupils of this class see the simple JupyterLab (one notebook, big buttons, errors explained).'
      )
    : trans.__(
        'School mode is off: the pupils of this class see the full JupyterLab.'
      );
  // The state is said beside the box (and read with it), the error under it.
  const { notes, describedBy } = fieldNotes(
    trans,
    SCHOOL_MODE_FIELD,
    state,
    error
  );
  return html`<section aria-labelledby="mode-ecole-titre">
<h2 id="mode-ecole-titre">${trans.__('School mode')}</h2>
<form method="post" action="${url}/school-mode">
${xsrf}
<ul class="cdc-checks"><li><input type="checkbox" id="${SCHOOL_MODE_FIELD}" name="${SCHOOL_MODE_FIELD}" value="oui"${on && html` checked`}${describedBy}${error && html` aria-invalid="true"`}> <label for="${SCHOOL_MODE_FIELD}">${trans.__('School mode for this class')}</label></li></ul>
${notes}<button type="submit">${trans.__('Save')}</button>
</form>
</section>
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
  const who = learner.displayName;
  const name = klass.name;
  const trans = pageTrans(response);
  send(
    response,
    200,
    trans.__('Remove %1 from the class %2', who, name),
    html`<p><a href="${url}">${trans.__('Back to the class %1', name)}</a></p>
<h1>${trans.__('Remove %1 from the class %2?', who, name)}</h1>
<p>${trans.__('%1 will no longer see this class nor its new assignments. Their account and their work stay: you can enrol them again.', who)}</p>
<form method="post" action="${url}/learners/remove">
${xsrfField(auth.session.xsrfToken)}
<input type="hidden" name="eleve" value="${learner.id}">
<input type="hidden" name="confirme" value="oui">
<button type="submit">${trans.__('Remove %1', who)}</button>
<a class="cdc-button cdc-secondary" href="${url}">${trans.__('Cancel')}</a>
</form>
`
  );
}
