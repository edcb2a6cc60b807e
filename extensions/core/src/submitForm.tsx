import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { ISubmittableForm } from './submitDialog';

/**
 * The machinery of a form that sends itself to the hub, for a SubmitDialog: one
 * submission at a time (the busy state), errors by field with the focus on the first
 * one, and the hub's refusal in an alert that takes the focus.
 *
 * A subclass checks its values (`check`), renders its fields, and shows `renderAlert()`.
 * Field `f` is the element `#<idPrefix>-f` (the first input of a fieldset gets the
 * focus); the alert has the class `<idPrefix>-alert`.
 */
export abstract class SubmitForm<TField extends string, TResult>
  extends ReactWidget
  implements ISubmittableForm<TResult>
{
  constructor(options: SubmitForm.IOptions<TField>) {
    super();
    this._idPrefix = options.idPrefix;
    this._fields = options.fields;
  }

  /**
   * Whether a submission is under way.
   */
  get busy(): boolean {
    return this._busy;
  }

  /**
   * Check the form and send it; keeps the dialog open on errors.
   *
   * @returns what the hub accepted, or null when the form now shows what to correct.
   */
  async submit(): Promise<TResult | null> {
    if (this._busy) {
      return null;
    }
    const checked = this.check();
    this.hubError = null;
    if ('errors' in checked) {
      this.errors = checked.errors;
      this.update();
      this._focusFirstError();
      return null;
    }
    this.errors = {};
    if ('refusal' in checked) {
      this.hubError = checked.refusal;
      this.update();
      if (checked.focus) {
        this._focusAlert();
      }
      return null;
    }
    this._busy = true;
    this.update();
    try {
      return await checked.send();
    } catch (reason) {
      this.hubError = this.describeError(reason);
      return null;
    } finally {
      this._busy = false;
      this.update();
      if (this.hubError) {
        this._focusAlert();
      }
    }
  }

  /**
   * Check the values: the errors by field, a refusal to show, or how to send them.
   */
  protected abstract check(): SubmitForm.Check<TField, TResult>;

  /**
   * The sentence that says why sending failed.
   */
  protected abstract describeError(reason: unknown): string;

  /**
   * The alert with the hub's refusal, if any.
   */
  protected renderAlert(): JSX.Element | null {
    return this.hubError ? (
      <p role="alert" tabIndex={-1} className={`${this._idPrefix}-alert`}>
        {this.hubError}
      </p>
    ) : null;
  }

  /**
   * What is wrong with each field, after the last check.
   */
  protected errors: Partial<Record<TField, string>> = {};
  /**
   * Why the hub refused the form, if it did.
   */
  protected hubError: string | null = null;

  private _focusFirstError(): void {
    const field = this._fields.find(f => this.errors[f]);
    if (!field) {
      return;
    }
    requestAnimationFrame(() => {
      const node = this.node.querySelector<HTMLElement>(
        `#${this._idPrefix}-${field}`
      );
      const target =
        node?.tagName === 'FIELDSET'
          ? node.querySelector<HTMLElement>('input')
          : node;
      target?.focus();
    });
  }

  private _focusAlert(): void {
    requestAnimationFrame(() =>
      this.node.querySelector<HTMLElement>(`.${this._idPrefix}-alert`)?.focus()
    );
  }

  private readonly _idPrefix: string;
  private readonly _fields: readonly TField[];
  private _busy = false;
}

/**
 * The SubmitForm types.
 */
export namespace SubmitForm {
  /**
   * How the form names its fields.
   */
  export interface IOptions<TField extends string> {
    /** The prefix of the fields' ids and of the alert's class (`cdc-Publish`). */
    idPrefix: string;
    /** The fields in the order the form shows them (the first error gets the focus). */
    fields: readonly TField[];
  }

  /**
   * What a check found: errors by field, a refusal (shown in the alert, focused or
   * not), or the values are right and this sends them.
   */
  export type Check<TField extends string, TResult> =
    | { errors: Partial<Record<TField, string>> }
    | { refusal: string; focus: boolean }
    | { send: () => Promise<TResult> };
}
