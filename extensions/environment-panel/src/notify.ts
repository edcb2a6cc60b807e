import { Notification } from '@jupyterlab/apputils';

/**
 * A JupyterLab notification that follows a long operation and ends with its outcome.
 *
 * JupyterLab draws toasts asynchronously: an update that arrives before the toast is
 * on screen « recreates » it under the same id, which react-toastify ignores, and the
 * first message stays forever. So the toast appears only once the operation has
 * lasted a moment (a quick answer, such as a 404, gets its own notification), and is
 * updated only once it is drawn (react-toastify gives the toast's element its id).
 */
export class ProgressNotification {
  constructor(options: ProgressNotification.IOptions) {
    this._options = options;
    this._timer = setTimeout(() => this._show(), options.delayMs ?? 300);
  }

  /**
   * Say how far the operation is (throttled; dropped until the toast is drawn).
   */
  progress(message: string): void {
    const now = Date.now();
    if (!this._id || !Private.drawn(this._id) || now - this._updatedAt < 400) {
      return;
    }
    this._updatedAt = now;
    Notification.update({
      id: this._id,
      message,
      type: 'in-progress',
      autoClose: false
    });
  }

  /**
   * End with the outcome: the toast becomes it, or it is emitted on its own.
   */
  async finish(
    message: string,
    type: Notification.TypeOptions,
    autoClose: number | false
  ): Promise<void> {
    clearTimeout(this._timer);
    this._finished = true;
    if (!this._id) {
      Notification.emit(message, type, { autoClose });
      return;
    }
    await Private.whenDrawn(this._id);
    Notification.update({
      id: this._id,
      message,
      type,
      autoClose,
      actions: []
    });
  }

  private _show(): void {
    if (this._finished) {
      return;
    }
    this._id = Notification.emit(this._options.message, 'in-progress', {
      autoClose: false,
      actions: this._options.actions
    });
  }

  private _options: ProgressNotification.IOptions;
  private _timer: ReturnType<typeof setTimeout>;
  private _id: string | null = null;
  private _updatedAt = 0;
  private _finished = false;
}

/**
 * The ProgressNotification options.
 */
export namespace ProgressNotification {
  export interface IOptions {
    /** The first message. */
    message: string;
    actions?: Notification.IAction[];
    /** How long an operation runs before its toast appears (default 300 ms). */
    delayMs?: number;
  }
}

namespace Private {
  export function drawn(id: string): boolean {
    return !!document.getElementById(id);
  }

  /**
   * Wait until the toast is drawn (at most a few seconds: then update anyway).
   */
  export async function whenDrawn(id: string, timeoutMs = 5000): Promise<void> {
    const start = Date.now();
    while (!drawn(id) && Date.now() - start < timeoutMs) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}
