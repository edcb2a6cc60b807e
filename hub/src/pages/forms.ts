/**
 * Form fields of the hub pages, with their errors written next to them (GOV.UK's
 * pattern): label, help, error, then the control, which names the help and the error
 * in `aria-describedby` and says `aria-invalid`. A summary with role=alert lists the
 * errors at the top of the page, each linked to its field.
 */
import { escapeHtml } from './render';

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
export function errorSummary(errors: FieldErrors): string {
  const entries = Object.entries(errors);
  if (!entries.length) {
    return '';
  }
  const items = entries
    .map(
      ([id, message]) =>
        `<li><a href="#${escapeHtml(id)}">${escapeHtml(message)}</a></li>`
    )
    .join('\n');
  return `<div class="cdc-error-summary" role="alert" aria-labelledby="erreurs-titre">
<h2 id="erreurs-titre">${entries.length > 1 ? `${entries.length} erreurs empêchent` : 'Une erreur empêche'} l’enregistrement</h2>
<ul>
${items}
</ul>
</div>
`;
}

/**
 * The help and the error of a field, and the `aria-describedby` attribute (with a
 * leading space, or empty) that its control, or its fieldset, gives them.
 */
export function fieldNotes(
  id: string,
  help?: string,
  error?: string
): { notes: string; describedBy: string } {
  const ids: string[] = [];
  let notes = '';
  if (help) {
    ids.push(`${id}-aide`);
    notes += `<p id="${escapeHtml(id)}-aide" class="cdc-muted cdc-help">${escapeHtml(help)}</p>\n`;
  }
  if (error) {
    ids.push(`${id}-erreur`);
    notes += `<p id="${escapeHtml(id)}-erreur" class="cdc-field-error"><span class="cdc-visually-hidden">Erreur : </span>${escapeHtml(error)}</p>\n`;
  }
  const describedBy = ids.length
    ? ` aria-describedby="${escapeHtml(ids.join(' '))}"`
    : '';
  return { notes, describedBy };
}

/** The attributes of a control that names its notes and says whether it is invalid. */
function describedControl(id: string, help?: string, error?: string) {
  const { notes, describedBy } = fieldNotes(id, help, error);
  return {
    notes,
    attributes: describedBy + (error ? ' aria-invalid="true"' : '')
  };
}

/**
 * A one-line text field, `id` its id (and name unless given), labelled `label`.
 */
export function textField(
  id: string,
  label: string,
  options: IFieldOptions & {
    value?: string;
    maxLength?: number;
    required?: boolean;
    /** Extra attributes, already escaped (`autocomplete="off"`…). */
    extra?: string;
  }
): string {
  const { help, error } = options;
  const { notes, attributes } = describedControl(id, help, error);
  return `<div class="cdc-field${error ? ' cdc-field-invalid' : ''}">
<label for="${escapeHtml(id)}">${escapeHtml(label)}</label>
${notes}<input type="text" id="${escapeHtml(id)}" name="${escapeHtml(options.name ?? id)}" value="${escapeHtml(options.value ?? '')}"${options.maxLength ? ` maxlength="${options.maxLength}"` : ''}${options.required ? ' required' : ''}${options.extra ? ` ${options.extra}` : ''}${attributes}>
</div>
`;
}

/**
 * A select, `id` its id (and name unless given), labelled `label`.
 */
export function selectField(
  id: string,
  label: string,
  options: IFieldOptions & {
    choices: readonly IOption[];
    selected?: string;
    required?: boolean;
  }
): string {
  const { help, error } = options;
  const { notes, attributes } = describedControl(id, help, error);
  const choices = options.choices
    .map(
      choice =>
        `<option value="${escapeHtml(choice.value)}"${choice.value === options.selected ? ' selected' : ''}>${escapeHtml(choice.text)}</option>`
    )
    .join('\n');
  return `<div class="cdc-field${error ? ' cdc-field-invalid' : ''}">
<label for="${escapeHtml(id)}">${escapeHtml(label)}</label>
${notes}<select id="${escapeHtml(id)}" name="${escapeHtml(options.name ?? id)}"${options.required ? ' required' : ''}${attributes}>
${choices}
</select>
</div>
`;
}

/**
 * The hidden anti-CSRF field of a form sent by a signed-in user.
 */
export function xsrfField(token: string): string {
  return `<input type="hidden" name="_xsrf" value="${escapeHtml(token)}">`;
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
