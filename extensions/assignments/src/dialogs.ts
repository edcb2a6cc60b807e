import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ConflictChoice } from './work';

/**
 * Ask what to do with files the learner has changed; « keep » is the default.
 */
export async function askConflict(
  paths: string[],
  trans: TranslationBundle
): Promise<ConflictChoice> {
  const body = document.createElement('div');
  const intro = document.createElement('p');
  // One sentence for one file or several: plurals have no school variant (« tu »).
  intro.textContent = trans.__('Already in your folder, with your changes:');
  const list = document.createElement('ul');
  for (const path of paths.slice(0, 10)) {
    const item = document.createElement('li');
    item.textContent = path;
    list.appendChild(item);
  }
  if (paths.length > 10) {
    const item = document.createElement('li');
    item.textContent = trans.__('and %1 more', paths.length - 10);
    list.appendChild(item);
  }
  const advice = document.createElement('p');
  advice.textContent = trans.__(
    'Keep them to go on with your work; replace them to start again from the teacher’s version (your changes would be lost).'
  );
  body.append(intro, list, advice);
  const keep = Dialog.okButton({
    label: trans.__('Keep them (recommended)')
  });
  const replace = Dialog.warnButton({ label: trans.__('Replace them') });
  const result = await showDialog({
    title: trans.__('Your files already exist'),
    body: new Widget({ node: body }),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      replace,
      keep
    ],
    defaultButton: 2
  });
  if (!result.button.accept) {
    return 'cancel';
  }
  return result.button.label === replace.label ? 'replace' : 'keep';
}

/**
 * Ask for a comment on a cell.
 *
 * @returns the text, or `null` when cancelled.
 */
export async function askComment(
  initial: string,
  trans: TranslationBundle
): Promise<string | null> {
  const body = document.createElement('div');
  const label = document.createElement('label');
  label.htmlFor = 'cdc-CommentCell-text';
  label.textContent = trans.__(
    'Comment to the pupil (plain text; empty to remove it)'
  );
  const area = document.createElement('textarea');
  area.id = 'cdc-CommentCell-text';
  area.className = 'jp-mod-styled cdc-CommentCell-text';
  area.rows = 5;
  area.value = initial;
  body.append(label, area);
  const widget = new (class extends Widget {
    getValue(): string {
      return area.value;
    }
  })({ node: body });
  const result = await showDialog({
    title: trans.__('Comment the cell'),
    body: widget,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save') })
    ],
    focusNodeSelector: '#cdc-CommentCell-text'
  });
  return result.button.accept ? (result.value ?? area.value) : null;
}
