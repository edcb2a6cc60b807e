/**
 * `GET /hub/admin/journal`: the audit log of administrative actions, newest first, by
 * pages of 50 (keyset: « Plus anciennes » carries where the page stopped), filtered by
 * action. For those who hold `audit:read`.
 */
import { Router } from 'express';

import {
  AUDIT_ACTIONS,
  AuditAction,
  AuditLog,
  IAuditEvent,
  isAuditAction
} from '../audit';
import { IHubTranslator } from '../i18n';
import type { EstablishmentAdministration } from '../establishments/service';
import { Policy } from '../policy';
import { isValidUserName, Role } from '../users/names';
import { UserService } from '../users/service';
import { adminNav, userPath } from './adminUserViews';
import { selectField } from './forms';
import { requirePageAuth } from './guards';
import { html, joinHtml, SafeHtml } from './html';
import {
  forbiddenPage,
  formatBytes,
  orMessagePage,
  pageTrans,
  rolesText,
  sendPage
} from './render';
import { formatTime, timeElement } from './time';

/**
 * What the log's page needs.
 */
export interface IAdminAuditPageDeps {
  audit: AuditLog;
  users: UserService;
  policy: Policy;
  /** What an establishment's administrator administers (they read their users' events). */
  establishments: Pick<EstablishmentAdministration, 'administered'>;
  /**
   * The group workspaces these accounts run the servers of (the groups module): a
   * group's account is named by its workspace, not linked (it has no user page).
   */
  groupAccounts: (
    accountIds: readonly string[]
  ) => Promise<ReadonlyMap<string, { name: string; className: string }>>;
  /** The group workspaces of these ids (the target of `group.*` actions), by id. */
  groupsNamed: (
    groupIds: readonly string[]
  ) => Promise<ReadonlyMap<string, { name: string; className: string }>>;
}

/**
 * The router of the log's page.
 */
export function adminAuditPageRouter(deps: IAdminAuditPageDeps): Router {
  const router = Router();

  router.get('/admin/journal', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const reach = await deps.policy.scopedReach(auth.user, 'audit:read');
    if (reach !== 'all' && reach !== 'establishment') {
      return forbiddenPage(
        response,
        trans.__('This page is for the platform’s administrators only.')
      );
    }
    const action = isAuditAction(request.query.action)
      ? request.query.action
      : undefined;
    const cursor =
      typeof request.query.avant === 'string'
        ? request.query.avant.slice(0, 200)
        : undefined;
    await orMessagePage(
      response,
      { href: '/hub/admin/journal', text: trans.__('Back to the log') },
      async () => {
        const scoped = reach === 'establishment';
        const page = await deps.audit.page({
          action,
          cursor,
          establishmentIds: scoped
            ? ((await deps.establishments.administered(auth.user))
                ?.establishmentIds ?? [])
            : undefined
        });
        const names = await Private.names(deps, page.events);
        sendPage(
          response,
          trans.__('Administration log'),
          Private.body(
            trans,
            action,
            page.events,
            page.next,
            names,
            cursor !== undefined,
            scoped
          ),
          { full: true }
        );
      }
    );
  });

  return router;
}

namespace Private {
  /** The names of the users the events name (at most two per event, 50 events). */
  export async function names(
    deps: Pick<IAdminAuditPageDeps, 'users' | 'groupAccounts' | 'groupsNamed'>,
    events: IAuditEvent[]
  ): Promise<Map<string, IShownAccount>> {
    const ids = new Set(
      events.flatMap(event => [event.actorId, event.targetId ?? ''])
    );
    ids.delete('');
    const groupIds = events
      .filter(event => event.action.startsWith('group.') && event.targetId)
      .map(event => event.targetId!);
    const [accounts, workspaces] = await Promise.all([
      deps.groupAccounts([...ids]),
      deps.groupsNamed(groupIds)
    ]);
    const found = new Map<string, IShownAccount>();
    for (const id of ids) {
      const user = await deps.users.get(id);
      const workspace = workspaces.get(id);
      if (user) {
        found.set(id, { ...user, group: accounts.get(id) });
      } else if (workspace) {
        found.set(id, { name: '', displayName: '', group: workspace });
      }
    }
    return found;
  }

  /** What the log names: a person's account, or a group workspace (or its account). */
  export interface IShownAccount {
    name: string;
    displayName: string;
    group?: { name: string; className: string };
  }

  export function actionLabel(
    trans: IHubTranslator,
    action: AuditAction
  ): string {
    switch (action) {
      case 'user.create':
        return trans.__('Account created');
      case 'user.deactivate':
        return trans.__('Account deactivated');
      case 'user.reactivate':
        return trans.__('Account reactivated');
      case 'user.roles':
        return trans.__('Roles changed');
      case 'user.password_reset':
        return trans.__('Reset code issued');
      case 'server.stop':
        return trans.__('Workspace stopped');
      case 'traces.erase':
        return trans.__('Learning traces erased');
      case 'administrator.grant':
        return trans.__('Made an administrator of establishments');
      case 'administrator.revoke':
        return trans.__('No longer an administrator of establishments');
      case 'help.open':
        return trans.__('Help asked');
      case 'help.join':
        return trans.__('Help joined');
      case 'help.close':
        return trans.__('Help ended');
      case 'group.create':
        return trans.__('Group workspace created');
      case 'group.members':
        return trans.__('Group workspace members changed');
      case 'group.delete':
        return trans.__('Group workspace deleted (files kept)');
      case 'environments.collect':
        return trans.__('Environments cleaned');
    }
  }

  function person(
    trans: IHubTranslator,
    names: Map<string, IShownAccount>,
    id: string | null
  ): SafeHtml | string {
    if (!id) {
      return '—';
    }
    const user = names.get(id);
    if (user?.group) {
      return trans.__(
        'Group workspace « %1 » (%2)',
        user.group.name,
        user.group.className
      );
    }
    return user && isValidUserName(user.name)
      ? html`<a href="${userPath(user.name)}">${user.displayName}</a>`
      : trans.__('deleted account');
  }

  function details(trans: IHubTranslator, event: IAuditEvent): string {
    const { roles, previousRoles, expiresAt, erased, freed } = event.details;
    if (freed) {
      return trans._n(
        '%1 environment removed, %2 freed (%3 of it from uv’s cache)',
        '%1 environments removed, %2 freed (%3 of it from uv’s cache)',
        freed.environments,
        formatBytes(trans, freed.bytes),
        formatBytes(trans, freed.uvCacheBytes)
      );
    }
    if (erased) {
      return trans._n(
        '%1 statement erased',
        '%1 statements erased',
        erased.statements
      );
    }
    if (event.action === 'user.roles' && roles && previousRoles) {
      return trans.__(
        '%1 → %2',
        rolesText(trans, previousRoles as Role[]),
        rolesText(trans, roles as Role[])
      );
    }
    if (roles) {
      return rolesText(trans, roles as Role[]);
    }
    if (expiresAt) {
      return trans.__('valid until %1', formatTime(trans, expiresAt));
    }
    return '';
  }

  export function body(
    trans: IHubTranslator,
    action: AuditAction | undefined,
    events: IAuditEvent[],
    next: string | null,
    names: Map<string, IShownAccount>,
    older: boolean,
    scoped = false
  ): SafeHtml {
    const choices = [
      { value: '', text: trans.__('All actions') },
      ...AUDIT_ACTIONS.map(value => ({
        value,
        text: actionLabel(trans, value)
      }))
    ];
    const form = html`<form method="get" action="/hub/admin/journal" class="cdc-filters" aria-label="${trans.__('Filter the log')}">
${selectField(trans, 'action', trans.__('Action'), { choices, selected: action ?? '' })}<button type="submit">${trans.__('Filter')}</button>
</form>`;
    const rows = events.map(
      event => html`<tr>
<td>${timeElement(trans, event.at)}</td>
<td>${person(trans, names, event.actorId)}</td>
<th scope="row">${actionLabel(trans, event.action)}</th>
<td>${person(trans, names, event.targetId)}</td>
<td>${details(trans, event)}</td>
</tr>`
    );
    const table = events.length
      ? html`<table class="cdc-table cdc-rows">
<caption>${action ? trans.__('Actions « %1 », newest first', actionLabel(trans, action)) : trans.__('Every action, newest first')}</caption>
<thead><tr><th scope="col">${trans.__('Date')}</th><th scope="col">${trans.__('By')}</th><th scope="col">${trans.__('Action')}</th><th scope="col">${trans.__('On')}</th><th scope="col">${trans.__('Details')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
      : html`<p role="status">${trans.__('No action recorded yet.')}</p>`;
    const params = new URLSearchParams();
    if (action) {
      params.set('action', action);
    }
    if (next) {
      params.set('avant', next);
    }
    const first = new URLSearchParams(action ? { action } : {}).toString();
    const pager = html`<nav aria-label="${trans.__('Pages of the log')}" class="cdc-pager">${next ? html`<a href="/hub/admin/journal?${params.toString()}" rel="next">${trans.__('Older actions')}</a>` : null} ${older && html`<a href="/hub/admin/journal${first ? `?${first}` : ''}">${trans.__('Newest actions')}</a>`}</nav>`;
    return html`${adminNav(trans, scoped)}
<h1>${trans.__('Administration log')}</h1>
<p>${trans.__('Who did what to which account, and when. The log keeps no free text.')}</p>
${form}
${table}
${pager}`;
  }
}
