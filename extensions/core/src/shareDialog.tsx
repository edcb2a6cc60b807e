import { Clipboard, Dialog, ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { HubApiError } from './errors';
import type { HubSchema } from './hubApi';
import { hubErrorMessage } from './hubErrorMessage';
import { initialsOf } from './shareLink';

/** Who may enter a server, as the hub lists them. */
export type ServerPeople = HubSchema<'ServerPeople'>;

/**
 * What the « Partager » dialog shows.
 */
export interface IShareOptions {
  /** The link through the hub (`shareLink`). */
  link: string;
  /** Whether the link opens a document (else the workspace). */
  document: boolean;
  /** Who may enter, from the hub. */
  people: () => Promise<ServerPeople>;
  /** The signed-in user's name, to mark them in the list. */
  me: string | null;
  trans: TranslationBundle;
}

/**
 * The body of the « Partager » dialog: the link to this workspace through the hub (no
 * token: the hub lets in those who may enter, signed in) and who may enter, with the
 * names and colours their cursors carry.
 */
export class ShareBody extends ReactWidget {
  constructor(private readonly _options: IShareOptions) {
    super();
    this.addClass('cdc-Share');
  }

  /** Copy the link to the clipboard and say so in the body's status. */
  copy(): void {
    // The copy selects a node of its own: the focus comes back where it was (the
    // dialog takes its keys, Escape included, only while it has the focus).
    const focused = document.activeElement;
    Clipboard.copyToSystem(this._options.link);
    if (focused instanceof HTMLElement) {
      focused.focus();
    }
    this._copied = true;
    this.update();
  }

  protected render(): JSX.Element {
    return <SharePanel {...this._options} copied={this._copied} />;
  }

  private _copied = false;
}

/**
 * The « Partager » dialog: « Copier le lien » (also Enter in the link) copies and
 * keeps it open; « Fermer » and Escape close it. The copy is a button of the dialog,
 * not of its body: the dialog takes Enter for its own buttons only.
 */
export class ShareDialog extends Dialog<void> {
  constructor(options: IShareOptions) {
    const body = new ShareBody(options);
    super({
      title: options.trans.__('Share this workspace'),
      body,
      buttons: [
        Dialog.cancelButton({ label: options.trans.__('Close') }),
        Dialog.okButton({ label: options.trans.__('Copy the link') })
      ],
      focusNodeSelector: '#cdc-Share-link'
    });
    this._share = body;
  }

  override resolve(index?: number): void {
    // Enter (no index) and the copy button, the second one, copy.
    if (index === undefined || index === 1) {
      this._share.copy();
      return;
    }
    super.resolve(index);
  }

  private readonly _share: ShareBody;
}

/**
 * Show the « Partager » dialog until it is closed; while it is open, asking again
 * shows that one (a key press can reach the top bar's button twice: a second dialog
 * would wait behind the first and open when it is closed).
 */
export async function showShareDialog(options: IShareOptions): Promise<void> {
  if (Private.shown.dialog && !Private.shown.dialog.isDisposed) {
    return;
  }
  const dialog = (Private.shown.dialog = new ShareDialog(options));
  try {
    await dialog.launch();
  } finally {
    Private.shown.dialog = null;
  }
}

/**
 * The dialog's content (React): the link, what the copy did, then the people.
 */
export function SharePanel(
  props: IShareOptions & { copied: boolean }
): JSX.Element {
  const { link, document, me, trans, copied } = props;
  const [people, setPeople] = React.useState<ServerPeople['people'] | null>(
    null
  );
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    let current = true;
    props.people().then(
      answer => current && setPeople(answer.people),
      (reason: unknown) =>
        current &&
        setError(
          reason instanceof HubApiError
            ? hubErrorMessage(trans, reason)
            : trans.__(
                'The Candyce platform cannot be reached right now. Check your connection and try again.'
              )
        )
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <>
      <p className="cdc-Share-intro">
        {trans.__(
          'The people listed below open this link after signing in to Candyce. Nobody else can enter, even with the link.'
        )}
      </p>
      <label htmlFor="cdc-Share-link" className="cdc-Share-label">
        {document
          ? trans.__('Link to this document')
          : trans.__('Link to this workspace')}
      </label>
      <input
        id="cdc-Share-link"
        className="jp-mod-styled cdc-Share-linkInput"
        type="text"
        readOnly
        value={link}
        onFocus={event => event.currentTarget.select()}
      />
      <p className="cdc-Share-status" role="status">
        {copied ? trans.__('Link copied.') : ''}
      </p>
      <h2 id="cdc-Share-peopleHeading" className="cdc-Share-heading">
        {trans.__('Who can enter')}
      </h2>
      {error !== null ? (
        <p className="cdc-Share-error" role="alert">
          {error}
        </p>
      ) : people === null ? (
        <p className="cdc-Share-loading">{trans.__('Loading…')}</p>
      ) : (
        <ul
          className="cdc-Share-people"
          aria-labelledby="cdc-Share-peopleHeading"
        >
          {people.map(person => (
            <li key={person.name} className="cdc-Share-person">
              <span
                className="cdc-Share-avatar"
                style={{ backgroundColor: person.color }}
                aria-hidden="true"
              >
                {initialsOf(person.displayName, person.name)}
              </span>
              <span className="cdc-Share-name">{person.displayName}</span>
              <span className="cdc-Share-why">
                {Private.why(person, me, trans)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

namespace Private {
  /** The dialog shown, if any. */
  export const shown: { dialog: ShareDialog | null } = { dialog: null };

  /** Why someone is in the list, and whether it is the reader. */
  export function why(
    person: ServerPeople['people'][number],
    me: string | null,
    trans: TranslationBundle
  ): string {
    const reason =
      person.reason === 'group'
        ? trans.__('has access to the group workspace')
        : person.reason === 'help'
          ? trans.__('helping live')
          : trans.__('owner of the workspace');
    return person.name === me ? trans.__('%1 (you)', reason) : reason;
  }
}
