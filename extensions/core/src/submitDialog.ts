import { Dialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

/**
 * A form that sends itself to the hub.
 */
export interface ISubmittableForm<T> extends Widget {
  /**
   * Check the form and send it: what the hub accepted, or null when the form now shows
   * what to correct.
   */
  submit(): Promise<T | null>;
}

/**
 * A dialog around a form that closes only once the hub has accepted it: its accept
 * button submits the form and the dialog stays open, with the form's errors, until the
 * hub says yes. Cancelling (button or Escape) closes it at once.
 */
export class SubmitDialog<T> extends Dialog<T | null> {
  constructor(options: SubmitDialog.IOptions<T>) {
    super({
      title: options.title,
      body: options.form,
      buttons: [
        Dialog.cancelButton({ label: options.cancelLabel }),
        Dialog.okButton({ label: options.acceptLabel })
      ],
      focusNodeSelector: options.focusNodeSelector
    });
    this._form = options.form;
  }

  /**
   * What the hub accepted, once the dialog has closed (null when cancelled).
   */
  get accepted(): T | null {
    return this._accepted;
  }

  override resolve(index?: number): void {
    // Enter (no index) and the accept button, the second one, submit.
    const accept = index === undefined || index === 1;
    if (!accept) {
      super.resolve(index);
      return;
    }
    void this._form.submit().then(accepted => {
      if (accepted) {
        this._accepted = accepted;
        super.resolve(1);
      }
    });
  }

  private readonly _form: ISubmittableForm<T>;
  private _accepted: T | null = null;
}

/**
 * The namespace for the `SubmitDialog` class statics.
 */
export namespace SubmitDialog {
  /**
   * What the dialog shows.
   */
  export interface IOptions<T> {
    title: string;
    form: ISubmittableForm<T>;
    /** The accept button's label (« Créer », « Publier »). */
    acceptLabel: string;
    cancelLabel: string;
    /** The field that has the focus when the dialog opens. */
    focusNodeSelector: string;
  }
}
