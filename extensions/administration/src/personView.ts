import type { IUserDetails, Role } from './api';
import { fill, h } from './dom';
import { failureText } from './format';
import type { IAdministrationOptions } from './options';
import { grantableRoles, mayChange, roleLabel, rolesText } from './roles';

/**
 * A person's account: classes, schools, server; and what the caller may do to it
 * (roles within their rank, deactivate or reactivate, a one-time reset code).
 */
export class PersonView {
  constructor(private readonly _options: PersonView.IOptions) {
    const { trans } = _options;
    this._heading = h('h3', { tabindex: '-1' }, _options.name);
    this._error = h('p', { class: 'cdc-AdminError', role: 'alert' });
    this._notice = h('p', { class: 'cdc-AdminNotice', role: 'status' });
    this._body = h('div', {});
    const close = h(
      'button',
      { type: 'button', class: 'jp-mod-styled cdc-AdminClose' },
      trans.__('Close')
    );
    close.addEventListener('click', () => _options.onClose());
    this.node = h(
      'section',
      {
        class: 'cdc-AdminPerson',
        'aria-labelledby': 'cdc-admin-person-heading'
      },
      h('div', { class: 'cdc-AdminBar' }, this._heading, close),
      this._error,
      this._notice,
      this._body
    );
    this._heading.id = 'cdc-admin-person-heading';
    this.node.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        _options.onClose();
      }
    });
  }

  readonly node: HTMLElement;

  /** Read the account and show it, then focus its heading. */
  async load(): Promise<void> {
    try {
      this._user = await this._options.api.user(this._options.name);
      this._error.textContent = '';
      this._render();
    } catch (reason) {
      this._error.textContent = failureText(this._options.trans, reason);
    }
    this._heading.focus();
  }

  private _render(): void {
    const { trans, callerRoles, formats } = this._options;
    const user = this._user!;
    this._heading.textContent = user.displayName;
    const changeable = mayChange(callerRoles, user.roles);
    const server = {
      stopped: trans.__('stopped'),
      starting: trans.__('starting'),
      running: trans.__('running'),
      failed: trans.__('failed')
    }[user.server];
    fill(
      this._body,
      h(
        'dl',
        { class: 'cdc-AdminFacts' },
        h('dt', {}, trans.__('Username')),
        h('dd', {}, user.name),
        h('dt', {}, trans.__('State')),
        h(
          'dd',
          {},
          user.deactivated ? trans.__('Deactivated') : trans.__('Active')
        ),
        h('dt', {}, trans.__('Roles')),
        h('dd', {}, rolesText(trans, user.roles)),
        h('dt', {}, trans.__('Schools')),
        h(
          'dd',
          {},
          user.establishments.map(each => each.name).join(', ') ||
            trans.__('none')
        ),
        h('dt', {}, trans.__('Server')),
        h('dd', {}, server),
        // Sessions and a running server; none after signing out everywhere.
        h('dt', {}, trans.__('Last activity')),
        h(
          'dd',
          {},
          user.lastActivity
            ? formats.dateTime(user.lastActivity)
            : trans.__('No recent sign-in')
        )
      ),
      h('h4', {}, trans.__('Classes')),
      user.classes.length
        ? h(
            'ul',
            { class: 'cdc-AdminClasses' },
            ...user.classes.map(klass =>
              h(
                'li',
                {},
                klass.membership === 'teacher'
                  ? trans.__('%1 (teaches)', klass.name)
                  : trans.__('%1 (learns)', klass.name)
              )
            )
          )
        : h('p', {}, trans.__('In no class.')),
      changeable
        ? this._actions(user)
        : h(
            'p',
            {},
            trans.__(
              'This account holds a role above yours: you cannot change it.'
            )
          )
    );
  }

  private _actions(user: IUserDetails): HTMLElement {
    const { trans, callerRoles } = this._options;
    const boxes = grantableRoles(callerRoles).map(role =>
      h('input', {
        type: 'checkbox',
        id: `cdc-admin-person-role-${role}`,
        value: role,
        checked: user.roles.includes(role)
      })
    );
    const roles = h(
      'form',
      { class: 'cdc-AdminRoles' },
      h(
        'fieldset',
        {},
        h('legend', {}, trans.__('Roles')),
        ...boxes.map(box =>
          h(
            'div',
            { class: 'cdc-AdminCheck' },
            box,
            h('label', { for: box.id }, roleLabel(trans, box.value as Role))
          )
        )
      ),
      h(
        'button',
        { type: 'submit', class: 'jp-mod-styled jp-mod-accept' },
        trans.__('Save the roles')
      )
    );
    roles.addEventListener('submit', event => {
      event.preventDefault();
      const chosen = boxes
        .filter(box => box.checked)
        .map(box => box.value as Role);
      // Roles above the caller's stay as they were (the hub refuses to touch them).
      void this._act(
        () => this._options.api.setRoles(user.name, chosen),
        trans.__('Roles saved.')
      );
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: user.deactivated ? 'jp-mod-styled' : 'jp-mod-styled jp-mod-warn'
      },
      user.deactivated
        ? trans.__('Reactivate the account')
        : trans.__('Deactivate the account')
    );
    toggle.addEventListener('click', () => void this._toggle(user, toggle));
    const reset = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Issue a password reset code')
    );
    reset.disabled = user.deactivated;
    reset.addEventListener('click', () => void this._reset(user, reset));
    this._code = h('div', { class: 'cdc-AdminCode' });
    return h(
      'div',
      { class: 'cdc-AdminActions' },
      roles,
      h('div', { class: 'cdc-AdminButtons' }, reset, toggle),
      this._code
    );
  }

  private async _toggle(
    user: IUserDetails,
    button: HTMLButtonElement
  ): Promise<void> {
    const { trans, confirm, api } = this._options;
    if (user.deactivated) {
      await this._act(
        () => api.setActive(user.name, true),
        trans.__('Account reactivated.')
      );
      return;
    }
    const sure = await confirm(
      trans.__('Deactivate %1?', user.displayName),
      trans.__(
        '%1 will no longer be able to log in, by any means; their sessions end and their server stops. You can reactivate the account later.',
        user.displayName
      ),
      trans.__('Deactivate')
    );
    if (sure) {
      await this._act(
        () => api.setActive(user.name, false),
        trans.__('Account deactivated.')
      );
    } else {
      // Back where the person was before the dialog.
      button.focus();
    }
  }

  private async _reset(
    user: IUserDetails,
    button: HTMLButtonElement
  ): Promise<void> {
    const { trans, confirm, api, formats, resetPageUrl } = this._options;
    const sure = await confirm(
      trans.__('Issue a reset code for %1?', user.displayName),
      trans.__(
        'Any code issued before and not used stops working. The new code is shown once: give it to the person.'
      ),
      trans.__('Issue the code')
    );
    if (!sure) {
      button.focus();
      return;
    }
    try {
      const { code, expiresAt } = await api.passwordReset(user.name);
      this._error.textContent = '';
      const value = h('code', { class: 'cdc-AdminCodeValue' }, code);
      const copy = h(
        'button',
        { type: 'button', class: 'jp-mod-styled' },
        trans.__('Copy the code')
      );
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(code).then(
          () => (this._notice.textContent = trans.__('Code copied.')),
          () =>
            (this._notice.textContent = trans.__(
              'The code could not be copied: select it and copy it by hand.'
            ))
        );
      });
      fill(
        this._code!,
        h('h4', { tabindex: '-1' }, trans.__('One-time code')),
        h('p', {}, value, ' ', copy),
        h(
          'p',
          {},
          trans.__(
            'Valid once, until %1, on the page %2. It will not be shown again.',
            formats.dateTime(expiresAt),
            resetPageUrl
          )
        )
      );
      this._code!.querySelector<HTMLElement>('h4')!.focus();
    } catch (reason) {
      this._error.textContent = failureText(trans, reason);
      button.focus();
    }
  }

  /** Run an action, say it went through and show the account again. */
  private async _act(run: () => Promise<void>, done: string): Promise<void> {
    try {
      await run();
      this._error.textContent = '';
      this._user = await this._options.api.user(this._options.name);
      this._render();
      this._notice.textContent = done;
      this._options.onChanged();
      this._heading.focus();
    } catch (reason) {
      this._notice.textContent = '';
      this._error.textContent = failureText(this._options.trans, reason);
    }
  }

  private _heading: HTMLHeadingElement;
  private _error: HTMLElement;
  private _notice: HTMLElement;
  private _body: HTMLElement;
  private _code: HTMLElement | null = null;
  private _user: IUserDetails | null = null;
}

/**
 * The PersonView options.
 */
export namespace PersonView {
  export interface IOptions extends IAdministrationOptions {
    name: string;
    /** The account changed: the list shows it again. */
    onChanged: () => void;
    onClose: () => void;
  }
}
