import type { TranslationBundle } from '@jupyterlab/translation';

import type { AuditAction, IAuditEvent, Role } from './api';
import { field, fill, h } from './dom';
import { failureText } from './format';
import type { IAdministrationOptions } from './options';
import { ROLES, roleLabel } from './roles';

const PAGE = 50;

/**
 * The actions of the log, as administrators read them.
 */
export function actionLabel(trans: TranslationBundle, action: string): string {
  const labels: Record<AuditAction, string> = {
    'user.create': trans.__('Account created'),
    'user.deactivate': trans.__('Account deactivated'),
    'user.reactivate': trans.__('Account reactivated'),
    'user.roles': trans.__('Roles changed'),
    'user.password_reset': trans.__('Reset code issued'),
    'server.stop': trans.__('Server stopped'),
    'traces.erase': trans.__('Traces erased'),
    'administrator.grant': trans.__('Administrator named'),
    'administrator.revoke': trans.__('Administrator withdrawn'),
    'help.open': trans.__('Help opened'),
    'help.join': trans.__('Help joined'),
    'help.close': trans.__('Help closed'),
    'group.create': trans.__('Group workspace created'),
    'group.members': trans.__('Group members changed'),
    'group.delete': trans.__('Group workspace deleted'),
    'environments.collect': trans.__('Environments cleaned')
  };
  return labels[action as AuditAction] ?? action;
}

/**
 * « Journal »: the administrative actions, newest first, by pages, of one action when
 * asked. The hub pages forward only (`next`): the cursors of the pages seen are kept
 * to go back.
 */
export class AuditView {
  constructor(private readonly _options: IAdministrationOptions) {
    const { trans } = _options;
    this._action = h(
      'select',
      { id: 'cdc-admin-audit-action' },
      h('option', { value: '' }, trans.__('All actions')),
      ...AUDIT_ACTIONS.map(action =>
        h('option', { value: action }, actionLabel(trans, action))
      )
    );
    this._action.addEventListener('change', () => {
      this._cursors = [null];
      void this.load();
    });
    this._error = h('p', { class: 'cdc-AdminError', role: 'alert' });
    this._table = h('table', { class: 'cdc-AdminTable' });
    this._previous = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Newer')
    );
    this._next = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Older')
    );
    this._previous.addEventListener('click', () => {
      this._cursors.pop();
      void this.load();
    });
    this._next.addEventListener('click', () => {
      this._cursors.push(this._nextCursor);
      void this.load();
    });
    this.node = h(
      'section',
      { class: 'cdc-AdminAudit' },
      h('h3', {}, trans.__('Audit log')),
      h(
        'div',
        { class: 'cdc-AdminSearch' },
        field(trans.__('Action'), this._action)
      ),
      this._error,
      this._table,
      h(
        'nav',
        {
          class: 'cdc-AdminPaging',
          'aria-label': trans.__('Pages of the log')
        },
        this._previous,
        this._next
      )
    );
  }

  readonly node: HTMLElement;

  showOnce(): void {
    if (!this._shown) {
      this._shown = true;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const { trans, api } = this._options;
    const cursor = this._cursors[this._cursors.length - 1] ?? null;
    // A slow answer to an older request never replaces a newer one.
    const ticket = ++this._ticket;
    try {
      const page = await api.audit(
        (this._action.value || null) as AuditAction | null,
        cursor,
        PAGE
      );
      if (ticket !== this._ticket) {
        return;
      }
      this._error.textContent = '';
      this._nextCursor = page.next;
      this._render(page.events);
    } catch (reason) {
      this._error.textContent = failureText(trans, reason);
    }
    this._previous.disabled = this._cursors.length <= 1;
    this._next.disabled = !this._nextCursor;
  }

  private _render(events: IAuditEvent[]): void {
    const { trans, formats } = this._options;
    const headers = [
      trans.__('Date'),
      trans.__('Action'),
      trans.__('By'),
      trans.__('Account'),
      trans.__('Details')
    ];
    fill(
      this._table,
      h('caption', { class: 'cdc-AdminCaption' }, trans.__('Audit log')),
      h(
        'thead',
        {},
        h('tr', {}, ...headers.map(text => h('th', { scope: 'col' }, text)))
      ),
      h(
        'tbody',
        {},
        ...(events.length
          ? events.map(event =>
              h(
                'tr',
                {},
                h('td', {}, formats.dateTime(event.at)),
                h('td', {}, actionLabel(trans, event.action)),
                h('td', {}, event.actor ?? '—'),
                h('td', {}, event.target ?? '—'),
                h('td', {}, auditDetails(trans, event))
              )
            )
          : [
              h(
                'tr',
                {},
                h('td', { colspan: '5' }, trans.__('Nothing recorded.'))
              )
            ])
      )
    );
  }

  private _action: HTMLSelectElement;
  private _error: HTMLElement;
  private _table: HTMLTableElement;
  private _previous: HTMLButtonElement;
  private _next: HTMLButtonElement;
  /** The cursor of each page seen, the one shown last (`null`: the newest page). */
  private _cursors: (string | null)[] = [null];
  private _nextCursor: string | null = null;
  private _shown = false;
  private _ticket = 0;
}

/** The actions the hub logs, as its contract lists them. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'user.create',
  'user.deactivate',
  'user.reactivate',
  'user.roles',
  'user.password_reset',
  'server.stop',
  'traces.erase',
  'administrator.grant',
  'administrator.revoke',
  'help.open',
  'help.join',
  'help.close',
  'group.create',
  'group.members',
  'group.delete',
  'environments.collect'
];

/**
 * What an entry's details say, shortly (roles before and after, the school joined).
 */
export function auditDetails(
  trans: TranslationBundle,
  event: IAuditEvent
): string {
  const { details } = event;
  const parts: string[] = [];
  const roles = (list: string[]) =>
    list
      .map(role =>
        (ROLES as readonly string[]).includes(role)
          ? roleLabel(trans, role as Role)
          : role
      )
      .join(', ') || '—';
  if (details.roles) {
    parts.push(
      details.previousRoles
        ? trans.__(
            'roles: %1 → %2',
            roles(details.previousRoles),
            roles(details.roles)
          )
        : trans.__('roles: %1', roles(details.roles))
    );
  }
  if (details.academy) {
    parts.push(trans.__('Academy of %1', details.academy));
  }
  if (details.freed) {
    parts.push(
      trans._n(
        '%1 environment removed',
        '%1 environments removed',
        details.freed.environments
      )
    );
  }
  return parts.join(' · ');
}
