import type { HubApi } from '@candyce/core';
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/**
 * A class the teacher may set the school mode of, and its current mode.
 */
export interface IClassMode {
  id: string;
  name: string;
  schoolMode: boolean;
}

/**
 * The classes the caller teaches, each with its school mode (from the hub).
 */
export async function taughtClasses(api: HubApi): Promise<IClassMode[]> {
  const { classes } = await api.get('/classes');
  const taught = classes.filter(
    klass => !('membership' in klass) || klass.membership === 'teacher'
  );
  return Promise.all(
    taught.map(async klass => ({
      id: klass.id,
      name: klass.name,
      schoolMode: (
        await api.get('/classes/{id}/school-mode', {
          params: { id: klass.id }
        })
      ).schoolMode
    }))
  );
}

/**
 * « Mode école des classes… »: a teacher chooses which of her classes get school mode;
 * the changed ones are saved on the hub (`PUT /classes/{id}/school-mode`), and their
 * pupils get it at their next JupyterLab start.
 *
 * @returns how many classes were saved.
 */
export async function chooseClassModes(
  api: HubApi,
  trans: TranslationBundle
): Promise<number> {
  let classes: IClassMode[];
  try {
    classes = await taughtClasses(api);
  } catch (reason) {
    await showErrorMessage(trans.__('School mode of classes'), reason as Error);
    return 0;
  }
  const body = new Private.ClassModesBody(classes, trans);
  const result = await showDialog({
    title: trans.__('School mode of classes'),
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save') })
    ]
  });
  if (!result.button.accept) {
    return 0;
  }
  let saved = 0;
  try {
    for (const klass of body.changed()) {
      await api.put('/classes/{id}/school-mode', {
        params: { id: klass.id },
        body: { schoolMode: klass.schoolMode }
      });
      saved++;
    }
  } catch (reason) {
    await showErrorMessage(trans.__('School mode of classes'), reason as Error);
  }
  return saved;
}

namespace Private {
  /**
   * The dialog's body: one checkbox per class.
   */
  export class ClassModesBody extends Widget {
    constructor(
      private readonly _classes: IClassMode[],
      trans: TranslationBundle
    ) {
      super();
      this.addClass('cdc-ClassModes');
      const intro = document.createElement('p');
      intro.textContent = _classes.length
        ? trans.__(
            'The pupils of the checked classes see JupyterLab in school mode: one notebook, big buttons, errors explained.'
          )
        : trans.__('You teach no class.');
      this.node.appendChild(intro);
      for (const klass of _classes) {
        const label = document.createElement('label');
        label.className = 'cdc-ClassModes-class';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = klass.schoolMode;
        box.dataset.classId = klass.id;
        label.append(box, ` ${klass.name}`);
        this.node.appendChild(label);
        this._boxes.push(box);
      }
    }

    /**
     * The classes whose box was changed, with their new mode.
     */
    changed(): IClassMode[] {
      return this._classes
        .map((klass, i) => ({ ...klass, schoolMode: this._boxes[i].checked }))
        .filter((klass, i) => klass.schoolMode !== this._classes[i].schoolMode);
    }

    private _boxes: HTMLInputElement[] = [];
  }
}
