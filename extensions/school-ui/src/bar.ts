import type { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

/**
 * The school bar's class.
 */
export const SCHOOL_BAR_CLASS = 'cdc-SchoolBar';

/**
 * The school bar: the few big labelled buttons a pupil needs (« ▶ Exécuter »,
 * « Tout exécuter », « Rendre mon travail », and for a teacher's preview « Revenir à
 * JupyterLab complet »), each running a command, and a polite status line that
 * announces what happened (the hand-in's date and version, or why it failed).
 */
export class SchoolBar extends Widget {
  constructor(options: SchoolBar.IOptions) {
    super();
    this.id = 'cdc-school-bar';
    this.addClass(SCHOOL_BAR_CLASS);
    this.node.setAttribute('role', 'toolbar');
    this.node.setAttribute('aria-label', options.label);
    this._commands = options.commands;
    for (const id of options.buttons) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `${SCHOOL_BAR_CLASS}-button`;
      button.dataset.command = id;
      button.addEventListener('click', () => {
        void this._commands.execute(id);
      });
      this.node.appendChild(button);
      this._buttons.push(button);
    }
    this._status = document.createElement('p');
    this._status.className = `${SCHOOL_BAR_CLASS}-status`;
    this._status.setAttribute('role', 'status');
    this.node.appendChild(this._status);
    this._commands.commandChanged.connect(this.refresh, this);
    this.refresh();
  }

  /**
   * Say something in the status line (read by screen readers).
   */
  announce(message: string): void {
    this._status.textContent = message;
  }

  /**
   * Refresh the buttons' labels, visibility and state from their commands.
   */
  refresh(): void {
    for (const button of this._buttons) {
      const id = button.dataset.command!;
      button.textContent = this._commands.label(id);
      button.title = this._commands.caption(id);
      button.hidden = !this._commands.isVisible(id);
      button.disabled = !this._commands.isEnabled(id);
      const chord = this._commands.keyBindings.find(
        binding => binding.command === id
      )?.keys[0];
      if (chord) {
        button.setAttribute('aria-keyshortcuts', chord.replace(/ /g, '+'));
      }
    }
  }

  override dispose(): void {
    if (!this.isDisposed) {
      this._commands.commandChanged.disconnect(this.refresh, this);
    }
    super.dispose();
  }

  private _commands: CommandRegistry;
  private _buttons: HTMLButtonElement[] = [];
  private _status: HTMLElement;
}

/**
 * The SchoolBar options.
 */
export namespace SchoolBar {
  /**
   * Options of the bar.
   */
  export interface IOptions {
    /**
     * The commands the buttons run.
     */
    commands: CommandRegistry;
    /**
     * The commands' ids, in order.
     */
    buttons: readonly string[];
    /**
     * The accessible name of the bar.
     */
    label: string;
  }
}
