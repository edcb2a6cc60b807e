import { Response } from 'express';

import { IHubTranslator } from '../i18n';
import {
  errorSummary,
  FieldErrors,
  fieldNotes,
  textField,
  xsrfField
} from '../pages/forms';
import { html, joinHtml, SafeHtml } from '../pages/html';
import { pageTrans, sendPage } from '../pages/render';
import { groupOpenPath } from './access';
import { GROUP_NAME_MAX, IGroupWorkspace } from './service';

/** The fields of the group forms. */
export const GROUP_NAME_FIELD = 'nom-groupe';
export const GROUP_MEMBERS_FIELD = 'membres';
export const LEARNERS_CREATE_FIELD = 'eleves-creent';

/** A learner one may put in a group. */
export interface IGroupCandidate {
  name: string;
  displayName: string;
}

/** The pages of one class's groups. */
export function classGroupsUrl(classId: string): string {
  return `/hub/classes/${encodeURIComponent(classId)}/groupes`;
}

/** The pages of one group. */
export function groupUrl(groupId: string): string {
  return `/hub/groupes/${encodeURIComponent(groupId)}`;
}

/**
 * « Espaces de groupe » on a class's page: its workspaces (open, members, delete), the
 * form that creates one, and whether its pupils may create their own.
 */
export function classGroupsSection(
  trans: IHubTranslator,
  view: {
    classId: string;
    groups: readonly IGroupWorkspace[];
    learners: readonly IGroupCandidate[];
    learnersCreate: boolean;
    /** Whether the hub serves servers on origins of their own (else none opens). */
    opens: boolean;
    xsrfToken: string;
  }
): SafeHtml {
  const xsrf = xsrfField(view.xsrfToken);
  const url = classGroupsUrl(view.classId);
  const rows = view.groups.map(
    group => html`<tr>
<th scope="row">${group.name}</th>
<td>${group.members.map(member => member.displayName).join(', ')}</td>
<td class="cdc-actions">${view.opens && html`<a href="${groupOpenPath(group.serverName)}" aria-label="${trans.__('Open the workspace %1', group.name)}">${trans.__('Open')}</a> `}<a href="${groupUrl(group.id)}/membres" aria-label="${trans.__('Change the members of %1', group.name)}">${trans.__('Members')}</a> <a href="${groupUrl(group.id)}/supprimer" aria-label="${trans.__('Delete the workspace %1', group.name)}">${trans.__('Delete')}</a></td>
</tr>`
  );
  const list = rows.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 group workspace', '%1 group workspaces', rows.length)}</caption>
<thead><tr><th scope="col">${trans.__('Group')}</th><th scope="col">${trans.__('Members')}</th><th scope="col">${trans.__('Actions')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p>${trans.__('No group workspace yet.')}</p>`;
  const closed =
    !view.opens &&
    html`<p class="cdc-muted">${trans.__('This platform serves every workspace at the hub’s own address: group workspaces can be prepared but not opened. Ask its administrator to serve each workspace at its own address (CANDYCE_SERVER_ORIGINS=subdomain).')}</p>\n`;
  const setting = html`<form method="post" action="${url}/reglage">
${xsrf}
<ul class="cdc-checks"><li><input type="checkbox" id="${LEARNERS_CREATE_FIELD}" name="${LEARNERS_CREATE_FIELD}" value="oui"${view.learnersCreate && html` checked`}> <label for="${LEARNERS_CREATE_FIELD}">${trans.__('The pupils of this class may create group workspaces themselves')}</label></li></ul>
<button type="submit" class="cdc-secondary">${trans.__('Save')}</button>
</form>`;
  return html`<section aria-labelledby="groupes-titre">
<h2 id="groupes-titre">${trans.__('Group workspaces')}</h2>
<p class="cdc-muted">${trans.__('A group workspace is one JupyterLab shared by a few pupils: they edit the same notebooks together, each under their own name. You, the class’s teachers, may enter it too.')}</p>
${closed}${list}
${view.learners.length ? groupForm(trans, { action: url, xsrf, learners: view.learners, heading: 'h3' }) : html`<p>${trans.__('Enrol pupils in the class to create group workspaces.')}</p>`}
${setting}
</section>
`;
}

/**
 * The form that creates a group (name, members ticked among the class's learners), or
 * changes its members (`membersOnly`).
 */
export function groupForm(
  trans: IHubTranslator,
  options: {
    action: string;
    xsrf: SafeHtml;
    learners: readonly IGroupCandidate[];
    heading: 'h2' | 'h3';
    name?: string;
    ticked?: readonly string[];
    errors?: FieldErrors;
    membersOnly?: boolean;
  }
): SafeHtml {
  const errors = options.errors ?? {};
  const ticked = new Set(options.ticked ?? []);
  const { notes, describedBy } = fieldNotes(
    trans,
    GROUP_MEMBERS_FIELD,
    undefined,
    errors[GROUP_MEMBERS_FIELD]
  );
  const boxes = options.learners.map((learner, index) => {
    const id = `${GROUP_MEMBERS_FIELD}-${index}`;
    return html`<li><input type="checkbox" id="${id}" name="${GROUP_MEMBERS_FIELD}" value="${learner.name}"${ticked.has(learner.name) && html` checked`}> <label for="${id}">${learner.displayName}</label></li>`;
  });
  const heading = options.membersOnly
    ? trans.__('Members of the group')
    : trans.__('Create a group workspace');
  const title =
    options.heading === 'h2'
      ? html`<h2 id="groupe-form-titre">${heading}</h2>`
      : html`<h3 id="groupe-form-titre">${heading}</h3>`;
  return html`<form method="post" action="${options.action}" aria-labelledby="groupe-form-titre">
${title}
${options.xsrf}
${
  options.membersOnly
    ? ''
    : textField(trans, GROUP_NAME_FIELD, trans.__('Name of the group'), {
        value: options.name ?? '',
        maxLength: GROUP_NAME_MAX,
        required: true,
        autocomplete: 'off',
        error: errors[GROUP_NAME_FIELD]
      })
}<fieldset id="${GROUP_MEMBERS_FIELD}" tabindex="-1"${describedBy}${errors[GROUP_MEMBERS_FIELD] && html` aria-invalid="true"`}>
<legend>${trans.__('Pupils in the group')}</legend>
${notes}<ul class="cdc-checks">
${joinHtml(boxes, '\n')}
</ul>
</fieldset>
<button type="submit">${options.membersOnly ? trans.__('Save the members') : trans.__('Create the workspace')}</button>
</form>`;
}

/** A page of its own for a group form: after an error, or for a pupil. */
export function sendGroupFormPage(
  response: Response,
  view: {
    title: string;
    back: { href: string; text: string };
    form: SafeHtml;
    errors?: FieldErrors;
    intro?: string;
  }
): void {
  const trans = pageTrans(response);
  const errors = view.errors ?? {};
  sendPage(
    response,
    view.title,
    html`<p><a href="${view.back.href}">${view.back.text}</a></p>
<h1>${view.title}</h1>
${errorSummary(trans, errors)}${view.intro && html`<p>${view.intro}</p>`}
${view.form}`,
    { status: Object.keys(errors).length ? 400 : 200 }
  );
}

/**
 * « Mes espaces de groupe » on the home page: the workspaces one is a member of or
 * teaches the class of, each with its way in; and where one may create one.
 */
export function homeGroupsSection(
  trans: IHubTranslator,
  groups: readonly IGroupWorkspace[],
  creatable: readonly { id: string; name: string }[],
  opens: boolean
): SafeHtml | '' {
  if (!groups.length && !creatable.length) {
    return '';
  }
  const items = groups.map(
    group =>
      html`<li><strong>${group.name}</strong> (${group.className}) : ${group.members.map(member => member.displayName).join(', ')}${opens && html` <a class="cdc-button cdc-small" href="${groupOpenPath(group.serverName)}" aria-label="${trans.__('Open the workspace %1', group.name)}">${trans.__('Open')}</a>`}</li>`
  );
  const create = creatable.map(
    klass =>
      html`<li><a href="${classGroupsUrl(klass.id)}/nouveau">${trans.__('Create a group workspace in %1', klass.name)}</a></li>`
  );
  return html`<section aria-labelledby="mes-groupes-titre">
<h2 id="mes-groupes-titre">${trans.__('My group workspaces')}</h2>
${items.length ? html`<ul>\n${joinHtml(items, '\n')}\n</ul>` : html`<p>${trans.__('No group workspace yet.')}</p>`}
${create.length ? html`<ul>\n${joinHtml(create, '\n')}\n</ul>` : ''}
</section>
`;
}
