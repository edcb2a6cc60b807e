import { IHubTranslator } from '../i18n';
import { fieldNotes } from '../pages/forms';
import { html, joinHtml, SafeHtml } from '../pages/html';

/**
 * The class page's learning-trace sections: the teacher's choice of the class's
 * policy on optional traces (as `PUT /hub/api/v1/classes/:id/trace-policy`), and the
 * link to the class's dashboard in the teacher's own JupyterLab
 * (`@candyce/dashboards` opens it from `?candyce-dashboard=class:<id>`).
 */

/** The radio buttons' name; the first one's id (what an error summary links to). */
export const TRACE_POLICY_FIELD = 'traces';

export type ClassTracePolicy = 'none' | 'consent';

/**
 * How the class pages read and set a class's policy (privacy's `ConsentService`,
 * given by the composition root: the classes module does not import privacy).
 */
export interface IClassTracePolicies {
  get(
    classId: string,
    level: string | null
  ): Promise<{ policy: ClassTracePolicy; isDefault: boolean }>;
  set(classId: string, policy: ClassTracePolicy): Promise<void>;
}

export function tracePolicySection(
  trans: IHubTranslator,
  url: string,
  current: { policy: ClassTracePolicy; isDefault: boolean },
  xsrf: SafeHtml,
  error: string | undefined
): SafeHtml {
  const choices: [ClassTracePolicy, string, string][] = [
    [
      'none',
      trans.__('No optional traces'),
      trans.__(
        'Only what concerns assignments is recorded (fetched, handed in, returned).'
      )
    ],
    [
      'consent',
      trans.__('With each pupil’s agreement'),
      trans.__(
        'Notebooks opened, cells run and their errors are also recorded for the pupils who agree (minors must say yes).'
      )
    ]
  ];
  const state = current.isDefault
    ? trans.__(
        'Nobody has chosen yet: the default of the class’s level applies.'
      )
    : undefined;
  const { notes, describedBy } = fieldNotes(
    trans,
    TRACE_POLICY_FIELD,
    state,
    error
  );
  const radios = choices.map(([value, label, help], at) => {
    const id = at ? `${TRACE_POLICY_FIELD}-${value}` : TRACE_POLICY_FIELD;
    return html`<li><input type="radio" id="${id}" name="${TRACE_POLICY_FIELD}" value="${value}" aria-describedby="${id}-detail"${current.policy === value && html` checked`}> <label for="${id}">${label}</label><p id="${id}-detail" class="cdc-muted cdc-help">${help}</p></li>`;
  });
  return html`<section aria-labelledby="traces-titre">
<h2 id="traces-titre">${trans.__('Learning traces')}</h2>
<form method="post" action="${url}/trace-policy">
${xsrf}
<fieldset${describedBy}${error && html` aria-invalid="true"`}>
<legend>${trans.__('What is recorded for the pupils of this class')}</legend>
<ul class="cdc-checks">
${joinHtml(radios, '\n')}
</ul>
</fieldset>
${notes}<p><a href="/hub/privacy">${trans.__('What is recorded, why and for how long')}</a></p>
<button type="submit">${trans.__('Save')}</button>
</form>
</section>
`;
}

/** « Tableau de bord de la classe », in the teacher's JupyterLab (started if need be). */
export function dashboardLink(
  trans: IHubTranslator,
  userName: string,
  classId: string
): SafeHtml {
  const lab = `/user/${userName}/lab?candyce-dashboard=class:${classId}`;
  return html`<p><a href="/hub/spawn?next=${encodeURIComponent(lab)}">${trans.__('Class dashboard')}</a></p>
`;
}
