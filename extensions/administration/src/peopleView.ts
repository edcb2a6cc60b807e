import type { IAdminUser, IUserPage, Role } from './api';
import { CreateUserForm } from './createForm';
import { field, fill, h } from './dom';
import { failureText } from './format';
import type { IAdministrationOptions } from './options';
import { UserPager } from './paging';
import { PersonView } from './personView';
import { ROLES, roleLabel, rolesText } from './roles';

const PAGE_SIZES = [25, 50, 100, 200];

/**
 * « Personnes »: search, filters and pages of the accounts the caller administers; a
 * row opens the person; « Créer un compte » opens the form.
 */
export class PeopleView {
  constructor(private readonly _options: IAdministrationOptions) {
    const { trans } = _options;
    this.pager = new UserPager(query => _options.api.users(query), 50);
    this._search = h('input', {
      type: 'search',
      id: 'cdc-admin-search',
      maxlength: '100',
      autocomplete: 'off'
    });
    this._role = h(
      'select',
      { id: 'cdc-admin-role' },
      h('option', { value: '' }, trans.__('All roles')),
      ...ROLES.map(role => h('option', { value: role }, roleLabel(trans, role)))
    );
    this._state = h(
      'select',
      { id: 'cdc-admin-state' },
      h('option', { value: '' }, trans.__('All accounts')),
      h('option', { value: 'active' }, trans.__('Active')),
      h('option', { value: 'deactivated' }, trans.__('Deactivated'))
    );
    this._size = h(
      'select',
      { id: 'cdc-admin-size' },
      ...PAGE_SIZES.map(size =>
        h(
          'option',
          { value: String(size), selected: size === 50 },
          String(size)
        )
      )
    );
    const form = h(
      'form',
      { class: 'cdc-AdminSearch', role: 'search' },
      field(trans.__('Search by name'), this._search),
      field(trans.__('Role'), this._role),
      field(trans.__('State'), this._state),
      field(trans.__('Per page'), this._size),
      h(
        'button',
        { type: 'submit', class: 'jp-mod-styled jp-mod-accept' },
        trans.__('Search')
      )
    );
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this._run(() =>
        this.pager.search(this._filters(), Number(this._size.value))
      );
    });
    this._create = h(
      'button',
      { type: 'button', class: 'jp-mod-styled cdc-AdminCreate' },
      trans.__('Create an account')
    );
    this._create.addEventListener('click', () => this._openCreate());
    this._status = h('p', { class: 'cdc-AdminStatus', role: 'status' });
    this._error = h('p', { class: 'cdc-AdminError', role: 'alert' });
    this._table = h('table', { class: 'cdc-AdminTable' });
    this._previous = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Previous')
    );
    this._next = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Next')
    );
    this._previous.addEventListener('click', () =>
      this._run(() => this.pager.previous(), this._previous)
    );
    this._next.addEventListener('click', () =>
      this._run(() => this.pager.next(), this._next)
    );
    this._side = h('div', { class: 'cdc-AdminSide' });
    this.node = h(
      'section',
      { class: 'cdc-AdminPeople' },
      h(
        'div',
        { class: 'cdc-AdminList' },
        h(
          'div',
          { class: 'cdc-AdminBar' },
          h('h3', {}, trans.__('People')),
          this._create
        ),
        form,
        this._error,
        this._status,
        this._table,
        h(
          'nav',
          {
            class: 'cdc-AdminPaging',
            'aria-label': trans.__('Pages of people')
          },
          this._previous,
          this._next
        )
      ),
      this._side
    );
  }

  readonly node: HTMLElement;
  readonly pager: UserPager;

  /** Load the first page the first time the tab is shown. */
  showOnce(): void {
    if (!this._shown) {
      this._shown = true;
      void this._run(() => this.pager.search({}));
    }
  }

  private _filters() {
    return {
      q: this._search.value,
      role: this._role.value as Role | '',
      state: this._state.value as 'active' | 'deactivated' | ''
    };
  }

  /**
   * Load a page, then show it (or the hub's error, the page shown staying).
   * The button that asked keeps the focus when it is still usable.
   */
  private async _run(
    load: () => Promise<IUserPage>,
    from?: HTMLButtonElement
  ): Promise<void> {
    const { trans } = this._options;
    this.node.setAttribute('aria-busy', 'true');
    try {
      await load();
      this._error.textContent = '';
    } catch (reason) {
      this._error.textContent = failureText(trans, reason);
    } finally {
      this.node.removeAttribute('aria-busy');
    }
    this._render();
    if (from?.disabled) {
      (from === this._next ? this._previous : this._next).focus();
    }
  }

  private _render(): void {
    const { trans, formats } = this._options;
    const page = this.pager.page;
    this._previous.disabled = !this.pager.hasPrevious;
    this._next.disabled = !this.pager.hasNext;
    if (!page) {
      return;
    }
    this._status.textContent = page.total
      ? // %1 would be the count as a bare number; %2 is it formatted.
        trans._n(
          '%2 account · page %3 of %4',
          '%2 accounts · page %3 of %4',
          page.total,
          formats.count(page.total),
          formats.count(this.pager.number),
          formats.count(this.pager.pages)
        )
      : trans.__('No account matches.');
    fill(
      this._table,
      h('caption', { class: 'cdc-AdminCaption' }, trans.__('Accounts')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            trans.__('Name'),
            trans.__('Username'),
            trans.__('Roles'),
            trans.__('School'),
            trans.__('State')
          ].map(text => h('th', { scope: 'col' }, text))
        )
      ),
      h('tbody', {}, ...page.users.map(user => this._row(user)))
    );
  }

  private _row(user: IAdminUser): HTMLTableRowElement {
    const { trans } = this._options;
    const open = h(
      'button',
      { type: 'button', class: 'cdc-AdminLink', 'data-user': user.name },
      user.displayName
    );
    open.addEventListener('click', () => this._openPerson(user.name, open));
    return h(
      'tr',
      { class: user.deactivated ? 'cdc-mod-deactivated' : undefined },
      h('td', {}, open),
      h('td', { class: 'cdc-AdminUserName' }, user.name),
      h('td', {}, rolesText(trans, user.roles)),
      h('td', {}, user.establishments.join(', ') || '—'),
      h(
        'td',
        {},
        user.deactivated ? trans.__('Deactivated') : trans.__('Active')
      )
    );
  }

  private _openPerson(name: string, from: HTMLElement | null): void {
    const person = new PersonView({
      ...this._options,
      name,
      onChanged: () => void this._run(() => this.pager.reload()),
      onClose: () => this._closeSide(from)
    });
    fill(this._side, person.node);
    void person.load();
  }

  private _openCreate(): void {
    const form = new CreateUserForm({
      ...this._options,
      onCreated: created => {
        void this._run(() => this.pager.reload());
        this._openPerson(created.name, null);
      },
      onClose: () => this._closeSide(this._create)
    });
    fill(this._side, form.node);
    form.focus();
  }

  private _closeSide(from: HTMLElement | null): void {
    fill(this._side);
    const name = from?.getAttribute('data-user');
    const again = name
      ? [...this._table.querySelectorAll<HTMLElement>('[data-user]')].find(
          button => button.getAttribute('data-user') === name
        )
      : from;
    (again ?? this._search).focus();
  }

  private _search: HTMLInputElement;
  private _role: HTMLSelectElement;
  private _state: HTMLSelectElement;
  private _size: HTMLSelectElement;
  private _create: HTMLButtonElement;
  private _status: HTMLElement;
  private _error: HTMLElement;
  private _table: HTMLTableElement;
  private _previous: HTMLButtonElement;
  private _next: HTMLButtonElement;
  private _side: HTMLElement;
  private _shown = false;
}
