import { HubApiError } from '@candyce/core';

import type { ICreatedUser, Role } from './api';
import { h } from './dom';
import { failureText } from './format';
import type { INewUserForm, NewUserErrors } from './newUser';
import { schoolsByAcademy, validateNewUser } from './newUser';
import type { IAdministrationOptions } from './options';
import { grantableRoles, roleLabel } from './roles';

/** The hub's codes that are about one field of the form. */
const FIELD_OF_CODE: Record<string, keyof INewUserForm> = {
  name_taken: 'name',
  invalid_user_name: 'name',
  establishment_required: 'establishmentId',
  unknown_establishment: 'establishmentId',
  role_above_own: 'roles'
};

/**
 * « Créer un compte »: username, name shown, roles within the caller's rank, the
 * school (grouped by academy). The account has no password: the administrator then
 * issues a reset code from its page.
 */
export class CreateUserForm {
  constructor(private readonly _options: CreateUserForm.IOptions) {
    const { trans, establishments, establishmentRequired } = _options;
    this._heading = h(
      'h3',
      { id: 'cdc-admin-create-heading', tabindex: '-1' },
      trans.__('Create an account')
    );
    this._error = h('p', { class: 'cdc-AdminError', role: 'alert' });
    this._controls = {
      name: h('input', {
        id: 'cdc-admin-new-name',
        maxlength: '64',
        autocomplete: 'off',
        required: true
      }),
      displayName: h('input', {
        id: 'cdc-admin-new-displayName',
        maxlength: '200',
        autocomplete: 'off',
        required: true
      }),
      establishmentId: h(
        'select',
        { id: 'cdc-admin-new-establishmentId' },
        establishmentRequired
          ? h('option', { value: '' }, trans.__('Choose a school'))
          : h('option', { value: '' }, trans.__('No school')),
        ...schoolsByAcademy(trans, establishments).map(group =>
          h(
            'optgroup',
            { label: group.label },
            ...group.schools.map(school =>
              h('option', { value: school.id }, school.name)
            )
          )
        )
      )
    };
    this._roles = grantableRoles(_options.callerRoles).map(role =>
      h('input', {
        type: 'checkbox',
        id: `cdc-admin-new-role-${role}`,
        value: role,
        checked: role === 'learner'
      })
    );
    const rolesField = h(
      'fieldset',
      {
        id: 'cdc-admin-new-roles',
        'aria-describedby': 'cdc-admin-new-roles-error'
      },
      h('legend', {}, trans.__('Roles')),
      h('p', {
        id: 'cdc-admin-new-roles-error',
        class: 'cdc-AdminFieldError',
        hidden: true
      }),
      ...this._roles.map(box =>
        h(
          'div',
          { class: 'cdc-AdminCheck' },
          box,
          h('label', { for: box.id }, roleLabel(trans, box.value as Role))
        )
      )
    );
    const cancel = h(
      'button',
      { type: 'button', class: 'jp-mod-styled' },
      trans.__('Cancel')
    );
    cancel.addEventListener('click', () => _options.onClose());
    this._form = h(
      'form',
      { class: 'cdc-AdminCreateForm', novalidate: true },
      this._field(
        'name',
        trans.__('Username'),
        trans.__(
          'Lowercase letters, digits, “.”, “-” and “_”: it is used to log in.'
        )
      ),
      this._field('displayName', trans.__('Display name')),
      establishments.length
        ? this._field('establishmentId', trans.__('School'))
        : null,
      rolesField,
      h(
        'div',
        { class: 'cdc-AdminButtons' },
        h(
          'button',
          { type: 'submit', class: 'jp-mod-styled jp-mod-accept' },
          trans.__('Create')
        ),
        cancel
      )
    );
    this._form.addEventListener('submit', event => {
      event.preventDefault();
      void this._submit();
    });
    this.node = h(
      'section',
      { class: 'cdc-AdminPerson', 'aria-labelledby': this._heading.id },
      this._heading,
      h(
        'p',
        {},
        trans.__(
          'The account has no password: issue a reset code from its page and give it to the person.'
        )
      ),
      this._error,
      this._form
    );
    this.node.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        _options.onClose();
      }
    });
  }

  readonly node: HTMLElement;

  focus(): void {
    this._controls.name.focus();
  }

  /** What the form holds. */
  values(): INewUserForm {
    return {
      name: this._controls.name.value,
      displayName: this._controls.displayName.value,
      establishmentId: this._controls.establishmentId.value,
      roles: this._roles
        .filter(box => box.checked)
        .map(box => box.value as Role)
    };
  }

  private async _submit(): Promise<void> {
    const { trans, api, establishmentRequired } = this._options;
    const { body, errors } = validateNewUser(
      trans,
      this.values(),
      establishmentRequired
    );
    this._show(errors);
    if (!body) {
      this._error.textContent = trans.__('Correct the fields marked.');
      this._firstInvalid()?.focus();
      return;
    }
    try {
      const created = await api.create(body);
      this._options.onCreated(created);
    } catch (reason) {
      const text = failureText(trans, reason);
      const field =
        reason instanceof HubApiError ? FIELD_OF_CODE[reason.code] : undefined;
      this._error.textContent = text;
      if (field) {
        this._show({ [field]: text });
        this._firstInvalid()?.focus();
      }
    }
  }

  /** Each error beside its field, named by the control. */
  private _show(errors: NewUserErrors): void {
    for (const key of [
      'name',
      'displayName',
      'establishmentId',
      'roles'
    ] as const) {
      const note = this.node.querySelector<HTMLElement>(
        `#cdc-admin-new-${key}-error`
      );
      const control =
        key === 'roles'
          ? this.node.querySelector<HTMLElement>('#cdc-admin-new-roles')
          : this._controls[key];
      const text = errors[key];
      if (note) {
        note.textContent = text ?? '';
        note.hidden = !text;
      }
      if (control && key !== 'roles') {
        control.setAttribute('aria-invalid', String(!!text));
      }
    }
    if (!Object.keys(errors).length) {
      this._error.textContent = '';
    }
  }

  private _firstInvalid(): HTMLElement | null {
    return this._form.querySelector<HTMLElement>('[aria-invalid="true"]');
  }

  private _field(
    key: 'name' | 'displayName' | 'establishmentId',
    label: string,
    help?: string
  ): HTMLElement {
    const control = this._controls[key];
    const helpId = `cdc-admin-new-${key}-help`;
    const errorId = `cdc-admin-new-${key}-error`;
    control.setAttribute(
      'aria-describedby',
      help ? `${helpId} ${errorId}` : errorId
    );
    return h(
      'div',
      { class: 'cdc-AdminField' },
      h('label', { for: control.id }, label),
      help ? h('p', { id: helpId, class: 'cdc-AdminHelp' }, help) : null,
      h('p', { id: errorId, class: 'cdc-AdminFieldError', hidden: true }),
      control
    );
  }

  private _heading: HTMLHeadingElement;
  private _error: HTMLElement;
  private _form: HTMLFormElement;
  private _controls: {
    name: HTMLInputElement;
    displayName: HTMLInputElement;
    establishmentId: HTMLSelectElement;
  };
  private _roles: HTMLInputElement[];
}

/**
 * The CreateUserForm options.
 */
export namespace CreateUserForm {
  export interface IOptions extends IAdministrationOptions {
    onCreated: (user: ICreatedUser) => void;
    onClose: () => void;
  }
}
