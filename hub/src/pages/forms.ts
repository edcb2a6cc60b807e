/**
 * Form fields of the hub pages, with their errors written next to them (GOV.UK's
 * pattern): label, help, error, then the control, which names the help and the error
 * in `aria-describedby` and says `aria-invalid`. A summary with role=alert lists the
 * errors at the top of the page, each linked to its field.
 */
import { IHubTranslator } from '../i18n';
import { html, joinHtml, SafeHtml } from './html';

/**
 * Errors of a form, by the id of the field they are about.
 */
export type FieldErrors = Record<string, string>;

/**
 * One option of a select.
 */
export interface IOption {
  value: string;
  text: string;
  /** The `<optgroup>` it is shown in (consecutive options of one group share it). */
  group?: string;
}

interface IFieldOptions {
  /** The control's name, if not its id. */
  name?: string;
  help?: string;
  error?: string;
}

/**
 * The errors at the top of a page (nothing when there are none), announced at once.
 */
export function errorSummary(
  trans: IHubTranslator,
  errors: FieldErrors
): SafeHtml {
  const entries = Object.entries(errors);
  if (!entries.length) {
    return html``;
  }
  const items = entries.map(
    ([id, message]) => html`<li><a href="#${id}">${message}</a></li>`
  );
  return html`<div class="cdc-error-summary" role="alert" aria-labelledby="erreurs-titre">
<h2 id="erreurs-titre">${entries.length > 1 ? trans.__('%1 errors prevent saving', entries.length) : trans.__('An error prevents saving')}</h2>
<ul>
${joinHtml(items, '\n')}
</ul>
</div>
`;
}

/**
 * The help and the error of a field, and the `aria-describedby` attribute (with a
 * leading space, or empty) that its control, or its fieldset, gives them.
 */
export function fieldNotes(
  trans: IHubTranslator,
  id: string,
  help?: string,
  error?: string
): { notes: SafeHtml; describedBy: SafeHtml } {
  const ids: string[] = [];
  const notes: SafeHtml[] = [];
  if (help) {
    ids.push(`${id}-aide`);
    notes.push(
      html`<p id="${id}-aide" class="cdc-muted cdc-help">${help}</p>\n`
    );
  }
  if (error) {
    ids.push(`${id}-erreur`);
    notes.push(
      html`<p id="${id}-erreur" class="cdc-field-error"><span class="cdc-visually-hidden">${trans.__('Error: ')}</span>${error}</p>\n`
    );
  }
  const describedBy = ids.length
    ? html` aria-describedby="${ids.join(' ')}"`
    : html``;
  return { notes: joinHtml(notes), describedBy };
}

/** The attributes of a control that names its notes and says whether it is invalid. */
function describedControl(
  trans: IHubTranslator,
  id: string,
  help?: string,
  error?: string
) {
  const { notes, describedBy } = fieldNotes(trans, id, help, error);
  return {
    notes,
    attributes: html`${describedBy}${error && html` aria-invalid="true"`}`
  };
}

/**
 * A one-line text field, `id` its id (and name unless given), labelled `label`.
 */
export function textField(
  trans: IHubTranslator,
  id: string,
  label: string,
  options: IFieldOptions & {
    value?: string;
    maxLength?: number;
    required?: boolean;
    /** The control's `autocomplete` (`off`…). */
    autocomplete?: string;
  }
): SafeHtml {
  const { help, error } = options;
  const { notes, attributes } = describedControl(trans, id, help, error);
  return html`<div class="cdc-field${error && ' cdc-field-invalid'}">
<label for="${id}">${label}</label>
${notes}<input type="text" id="${id}" name="${options.name ?? id}" value="${options.value ?? ''}"${options.maxLength ? html` maxlength="${options.maxLength}"` : null}${options.required && html` required`}${options.autocomplete && html` autocomplete="${options.autocomplete}"`}${attributes}>
</div>
`;
}

/**
 * A select, `id` its id (and name unless given), labelled `label`.
 */
export function selectField(
  trans: IHubTranslator,
  id: string,
  label: string,
  options: IFieldOptions & {
    choices: readonly IOption[];
    selected?: string;
    required?: boolean;
  }
): SafeHtml {
  const { help, error } = options;
  const { notes, attributes } = describedControl(trans, id, help, error);
  const option = (choice: IOption) =>
    html`<option value="${choice.value}"${choice.value === options.selected && html` selected`}>${choice.text}</option>`;
  const choices = Private.runsOfGroup(options.choices).map(run =>
    run.group === undefined
      ? joinHtml(run.choices.map(option), '\n')
      : html`<optgroup label="${run.group}">${joinHtml(run.choices.map(option), '')}</optgroup>`
  );
  return html`<div class="cdc-field${error && ' cdc-field-invalid'}">
<label for="${id}">${label}</label>
${notes}<select id="${id}" name="${options.name ?? id}"${options.required && html` required`}${attributes}>
${joinHtml(choices, '\n')}
</select>
</div>
`;
}

/**
 * The hidden anti-CSRF field of a form sent by a signed-in user.
 */
export function xsrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_xsrf" value="${token}">`;
}

/**
 * A form field as sent by the browser: one string (the first if the field came
 * several times), or '' when absent.
 */
export function formText(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/**
 * Every value of a repeated form field (checkboxes), strings only.
 */
export function formList(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value)
    ? value
    : value === undefined
      ? []
      : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

namespace Private {
  /**
   * The choices cut where their group changes, in order.
   */
  export function runsOfGroup(
    choices: readonly IOption[]
  ): { group: string | undefined; choices: IOption[] }[] {
    const runs: { group: string | undefined; choices: IOption[] }[] = [];
    for (const choice of choices) {
      const last = runs[runs.length - 1];
      if (last && last.group === choice.group) {
        last.choices.push(choice);
      } else {
        runs.push({ group: choice.group, choices: [choice] });
      }
    }
    return runs;
  }
}
