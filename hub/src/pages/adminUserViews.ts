/**
 * The HTML of the administration of users: the list, a user's page, the creation form
 * and the page that shows a reset code once. Routes are in `adminUserPages.ts`.
 */
import { IClass, Membership } from '../classes/service';
import { IHubTranslator } from '../i18n';
import { ROLE_RANK, rankOf } from '../policy';
import { ServerState } from '../servers/types';
import { IUserListPage } from '../users/administration';
import { Role, ROLES } from '../users/names';
import { IUser } from '../users/service';
import {
  errorSummary,
  FieldErrors,
  selectField,
  textField,
  xsrfField
} from './forms';
import { html, joinHtml, SafeHtml } from './html';
import { roleLabel, rolesText } from './render';
import { formatTime } from './time';

/** Where the administration of users lives. */
export const USERS_PATH = '/hub/admin/utilisateurs';

/** The page of one user. */
export function userPath(name: string): string {
  return `${USERS_PATH}/${encodeURIComponent(name)}`;
}

/** The filters of the list, as read from its query. */
export interface IUserListFilters {
  query: string;
  role: Role | '';
  state: 'actifs' | 'desactives' | '';
}

/**
 * The links between the administration's pages; an establishment's administrator
 * (`scoped`) has no overview of the platform nor its administrators.
 */
export function adminNav(trans: IHubTranslator, scoped = false): SafeHtml {
  return html`<nav aria-label="${trans.__('Administration')}" class="cdc-admin-nav">${!scoped && html`<a href="/hub/admin">${trans.__('Overview')}</a> `}<a href="${USERS_PATH}">${trans.__('Users')}</a> <a href="/hub/admin/nouvel-utilisateur">${trans.__('Create a user')}</a> <a href="/hub/admin/journal">${trans.__('Administration log')}</a>${!scoped && html` <a href="/hub/admin/administrateurs">${trans.__('School administrators')}</a>`}</nav>`;
}

/** How many establishments the note names before it only counts. */
const NOTE_NAMES = 6;

/**
 * The note that tells an establishment's administrator whose users they see (null
 * for a global administrator, who sees every user).
 */
export function administeredNote(
  trans: IHubTranslator,
  establishments: readonly { name: string }[] | null
): SafeHtml | null {
  if (establishments === null) {
    return null;
  }
  const names = establishments.map(each => each.name);
  const text =
    names.length <= NOTE_NAMES
      ? trans._n(
          'You administer the users of the school %2.',
          'You administer the users of the schools %2.',
          names.length,
          names.join(', ')
        )
      : trans.__(
          'You administer the users of %1 schools, among them %2.',
          names.length,
          names.slice(0, NOTE_NAMES).join(', ')
        );
  return html`<p class="cdc-notice" id="etablissements-administres">${text}</p>
`;
}

/**
 * The list of users: a search, filters, the table (one link per row, to the user's
 * page) and links to the previous and next pages.
 */
export function userListBody(
  trans: IHubTranslator,
  filters: IUserListFilters,
  page: IUserListPage,
  /** An establishment's administrator's establishments; null for a global one. */
  administered: readonly { name: string }[] | null = null
): SafeHtml {
  const roleChoices = [
    { value: '', text: trans.__('All roles') },
    ...ROLES.map(role => ({ value: role, text: roleLabel(trans, role) }))
  ];
  const stateChoices = [
    { value: '', text: trans.__('All accounts') },
    { value: 'actifs', text: trans.__('Active') },
    { value: 'desactives', text: trans.__('Deactivated') }
  ];
  const form = html`<form method="get" action="${USERS_PATH}" role="search" aria-label="${trans.__('Search users')}" class="cdc-filters">
${textField(trans, 'q', trans.__('Name or username'), { value: filters.query, maxLength: 100, autocomplete: 'off' })}${selectField(trans, 'role', trans.__('Role'), { choices: roleChoices, selected: filters.role })}${selectField(trans, 'etat', trans.__('State'), { choices: stateChoices, selected: filters.state })}<button type="submit">${trans.__('Search')}</button>
</form>`;
  const rows = page.users.map(
    user => html`<tr>
<th scope="row"><a href="${userPath(user.name)}">${user.name}</a></th>
<td>${user.displayName}</td>
<td>${rolesText(trans, user.roles)}</td>
<td>${user.deactivatedAt ? html`<strong>${trans.__('Deactivated')}</strong>` : trans.__('Active')}</td>
</tr>`
  );
  const table = page.users.length
    ? html`<table class="cdc-table cdc-rows">
<caption>${trans._n('%1 user', '%1 users', page.total)}</caption>
<thead><tr><th scope="col">${trans.__('Username')}</th><th scope="col">${trans.__('Display name')}</th><th scope="col">${trans.__('Roles')}</th><th scope="col">${trans.__('State')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p role="status">${trans.__('No user matches these filters.')}</p>`;
  return html`${adminNav(trans, administered !== null)}
<h1>${trans.__('Users')}</h1>
${administeredNote(trans, administered)}${form}
${table}
${Private.pager(trans, filters, page)}`;
}

/** What a user's page shows. */
export interface IUserPageModel {
  user: IUser;
  classes: (IClass & { membership: Membership })[];
  server: ServerState;
  caller: { id: string; roles: readonly string[] };
  xsrf: string;
  /** What was just done (`?fait=`). */
  done?: string;
  /** The user's establishments (their classes' and their own), by name. */
  establishments: readonly { name: string }[];
  /** Whether the caller administers establishments only (not the platform). */
  scoped: boolean;
}

/**
 * A user's page: who they are, their roles, classes and server, and what an
 * administrator may do (none of it to their own account).
 */
export function userPageBody(
  trans: IHubTranslator,
  model: IUserPageModel
): SafeHtml {
  const { user, caller, xsrf } = model;
  const path = userPath(user.name);
  const self = user.id === caller.id;
  const above = rankOf(user.roles) > rankOf(caller.roles);
  const classes = model.classes.length
    ? html`<ul>
${joinHtml(
  model.classes.map(
    klass =>
      html`<li><a href="/hub/classes/${klass.id}">${klass.name}</a> (${klass.membership === 'teacher' ? trans.__('teacher') : trans.__('learner')})</li>`
  ),
  '\n'
)}
</ul>`
    : html`<p>${trans.__('In no class.')}</p>`;
  const grantable = ROLES.filter(
    role => ROLE_RANK[role] <= rankOf(caller.roles)
  );
  const actions =
    self || above
      ? html`<p class="cdc-notice">${self ? trans.__('This is your account: another administrator changes its roles or deactivates it.') : trans.__('This account stands above yours: you cannot change it.')}</p>`
      : html`<section aria-labelledby="roles-titre">
<h2 id="roles-titre">${trans.__('Roles')}</h2>
<form method="post" action="${path}/roles">
${xsrfField(xsrf)}<fieldset>
<legend>${trans.__('Roles of %1', user.displayName)}</legend>
<ul class="cdc-checks">
${joinHtml(
  grantable.map(
    role =>
      html`<li><input type="checkbox" id="role-${role}" name="roles" value="${role}"${user.roles.includes(role) && html` checked`}> <label for="role-${role}">${roleLabel(trans, role)}</label></li>`
  ),
  '\n'
)}
</ul>
</fieldset>
<button type="submit">${trans.__('Save the roles')}</button>
</form>
</section>
<section aria-labelledby="mdp-titre">
<h2 id="mdp-titre">${trans.__('Password')}</h2>
<p>${trans.__('A one-time code lets the user choose a new password. It is shown to you once; give it to the user in person.')}</p>
${
  user.deactivatedAt
    ? html`<p>${trans.__('Reactivate the account to create a reset code.')}</p>`
    : html`<form method="post" action="${path}/reinitialisation">
${xsrfField(xsrf)}<button type="submit" class="cdc-secondary">${trans.__('Create a reset code')}</button>
</form>`
}
</section>
<section aria-labelledby="compte-titre">
<h2 id="compte-titre">${trans.__('Account')}</h2>
${
  user.deactivatedAt
    ? html`<form method="post" action="${path}/reactiver">
${xsrfField(xsrf)}<button type="submit">${trans.__('Reactivate the account')}</button>
</form>`
    : html`<p>${trans.__('A deactivated account cannot log in in any way (password, school login, class code); its workspace is stopped. Its work is kept.')}</p>
<form method="post" action="${path}/desactiver">
${xsrfField(xsrf)}<button type="submit" class="cdc-secondary">${trans.__('Deactivate the account')}</button>
</form>`
}
</section>`;
  return html`${adminNav(trans, model.scoped)}
${Private.doneNotice(trans, model.done)}<h1>${user.displayName}</h1>
<dl class="cdc-facts">
<dt>${trans.__('Username')}</dt><dd>${user.name}</dd>
<dt>${trans.__('Roles')}</dt><dd>${rolesText(trans, user.roles)}</dd>
<dt>${trans.__('State')}</dt><dd>${user.deactivatedAt ? html`<strong>${trans.__('Deactivated since %1', formatTime(trans, user.deactivatedAt))}</strong>` : trans.__('Active')}</dd>
<dt>${trans.__('Workspace')}</dt><dd>${Private.serverText(trans, model.server)}</dd>
<dt>${trans.__('Schools')}</dt><dd>${model.establishments.length ? model.establishments.map(each => each.name).join(', ') : '—'}</dd>
</dl>
<h2 id="classes-titre">${trans.__('Classes')}</h2>
${classes}
${actions}`;
}

/**
 * The form that creates a user, with its errors beside their fields.
 */
export function createUserBody(
  trans: IHubTranslator,
  options: {
    callerRoles: readonly string[];
    xsrf: string;
    values: {
      name: string;
      displayName: string;
      roles: string[];
      establishmentId: string;
    };
    errors: FieldErrors;
    /** The establishments a new account may join. */
    establishments: readonly {
      id: string;
      name: string;
      academy?: string | null;
    }[];
    /** An establishment's administrator: the account must join one of theirs. */
    scoped: boolean;
  }
): SafeHtml {
  const { values, errors } = options;
  const grantable = ROLES.filter(
    role => ROLE_RANK[role] <= rankOf(options.callerRoles)
  );
  const schoolChoices = [
    ...(options.scoped ? [] : [{ value: '', text: trans.__('No school') }]),
    ...schoolsByAcademy(trans, options.establishments)
  ];
  const school = schoolChoices.length
    ? selectField(trans, 'etablissement', trans.__('School'), {
        choices: schoolChoices,
        selected: values.establishmentId,
        error: errors.etablissement
      })
    : null;
  return html`${adminNav(trans, options.scoped)}
${errorSummary(trans, errors)}<h1>${trans.__('Create a user')}</h1>
<form method="post" action="/hub/admin/nouvel-utilisateur" novalidate>
${xsrfField(options.xsrf)}${textField(trans, 'nom', trans.__('Username'), { value: values.name, maxLength: 64, required: true, autocomplete: 'off', help: trans.__('Lowercase letters, digits, “.”, “-” and “_”: it is used to log in.'), error: errors.nom })}${textField(trans, 'affichage', trans.__('Display name'), { value: values.displayName, maxLength: 200, required: true, autocomplete: 'off', error: errors.affichage })}${school}<fieldset id="roles"${errors.roles && html` aria-describedby="roles-erreur"`}>
<legend>${trans.__('Roles')}</legend>
${errors.roles ? html`<p id="roles-erreur" class="cdc-field-error">${errors.roles}</p>` : null}<ul class="cdc-checks">
${joinHtml(
  grantable.map(
    role =>
      html`<li><input type="checkbox" id="role-${role}" name="roles" value="${role}"${values.roles.includes(role) && html` checked`}> <label for="role-${role}">${roleLabel(trans, role)}</label></li>`
  ),
  '\n'
)}
</ul>
</fieldset>
<p class="cdc-muted">${trans.__('The account has no password: on its page, create a reset code and give it to the user.')}</p>
<button type="submit">${trans.__('Create the user')}</button>
</form>`;
}

/**
 * The page that shows a reset code, once (it is not stored: reloading does not show it).
 */
export function resetIssuedBody(
  trans: IHubTranslator,
  user: IUser,
  reset: { code: string; expiresAt: string; link: string }
): SafeHtml {
  return html`${adminNav(trans)}
<h1>${trans.__('Reset code for %1', user.displayName)}</h1>
<p role="status" class="cdc-notice">${trans.__('Write this code down or give the link now: it will not be shown again.')}</p>
<dl class="cdc-facts">
<dt>${trans.__('Code')}</dt><dd><code class="cdc-code">${reset.code}</code></dd>
<dt>${trans.__('Link')}</dt><dd><code>${reset.link}</code></dd>
<dt>${trans.__('Valid until')}</dt><dd>${formatTime(trans, reset.expiresAt)}</dd>
</dl>
<p>${trans.__('The user opens the link, or follows « I have a reset code » on the login page and types the code, then chooses a new password. The code works once.')}</p>
<p><a href="${userPath(user.name)}">${trans.__('Back to the page of %1', user.displayName)}</a></p>`;
}

namespace Private {
  export function serverText(
    trans: IHubTranslator,
    state: ServerState
  ): string | SafeHtml {
    switch (state.kind) {
      case 'stopped':
        return trans.__('stopped');
      case 'starting':
        return trans.__('starting');
      case 'running':
        return html`${trans.__('running since %1', formatTime(trans, new Date(state.handle.server.startedAt).toISOString()))}`;
      case 'failed':
        return trans.__('failed to start');
    }
  }

  export function doneNotice(
    trans: IHubTranslator,
    done: string | undefined
  ): SafeHtml | null {
    const texts: Record<string, string> = {
      cree: trans.__('The user has been created.'),
      roles: trans.__('The roles have been saved.'),
      desactive: trans.__(
        'The account has been deactivated and its workspace stopped.'
      ),
      reactive: trans.__('The account has been reactivated.')
    };
    const text = done ? texts[done] : undefined;
    return text
      ? html`<p role="status" class="cdc-notice">${text}</p>\n`
      : null;
  }

  export function pager(
    trans: IHubTranslator,
    filters: IUserListFilters,
    page: IUserListPage
  ): SafeHtml | null {
    if (!page.next && !page.previous) {
      return null;
    }
    const link = (
      key: 'apres' | 'avant',
      name: string,
      rel: string,
      text: string
    ) => {
      const params = new URLSearchParams();
      if (filters.query) {
        params.set('q', filters.query);
      }
      if (filters.role) {
        params.set('role', filters.role);
      }
      if (filters.state) {
        params.set('etat', filters.state);
      }
      params.set(key, name);
      return html`<a href="${USERS_PATH}?${params.toString()}" rel="${rel}">${text}</a>`;
    };
    const items = [
      page.previous &&
        link('avant', page.previous, 'prev', trans.__('Previous page')),
      page.next && link('apres', page.next, 'next', trans.__('Next page'))
    ].filter((item): item is SafeHtml => Boolean(item));
    return html`<nav aria-label="${trans.__('Pages of users')}" class="cdc-pager">${joinHtml(items, ' ')}</nav>`;
  }
}

/**
 * The schools a new account may join, grouped by academy (« Académie de … », by
 * name, those of no academy last), by name within each.
 */
export function schoolsByAcademy(
  trans: IHubTranslator,
  establishments: readonly {
    id: string;
    name: string;
    academy?: string | null;
  }[]
): { value: string; text: string; group: string }[] {
  const groupOf = (academy: string | null | undefined) =>
    academy ? trans.__('Academy of %1', academy) : trans.__('No academy');
  return [...establishments]
    .sort(
      (a, b) =>
        Number(!a.academy) - Number(!b.academy) ||
        (a.academy ?? '').localeCompare(b.academy ?? '', 'fr') ||
        a.name.localeCompare(b.name, 'fr')
    )
    .map(each => ({
      value: each.id,
      text: each.name,
      group: groupOf(each.academy)
    }));
}
