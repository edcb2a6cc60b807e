import { HubApi, HubClient, HubSchema, IAssignments } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** A live help request (the hub's `HelpRequest`). */
export type IHelpRequest = HubSchema<'HelpRequest'>;

/** What a pupil chooses in « Demander de l'aide ». */
export interface IHelpChoice {
  access: IHelpRequest['access'];
  message?: string;
}

/**
 * Live help through the hub: a pupil asks, follows and ends her request; a teacher
 * joins one (issue 19, point 3).
 */
export class HelpApi {
  /**
   * @param onActivity - told once the hub accepted a help request (the learning
   *   traces' « help asked », through `IAssignments.activity`).
   */
  constructor(
    hub: HubClient,
    private readonly _onActivity: (
      activity: IAssignments.IHelpActivity
    ) => void = () => undefined
  ) {
    this._api = new HubApi(hub);
  }

  async ask(path: string, choice: IHelpChoice): Promise<IHelpRequest> {
    const request = await this._api.post('/help-requests', {
      body: { path, ...choice }
    });
    this._onActivity({ kind: 'helpAsked', path });
    return request;
  }

  async current(): Promise<IHelpRequest | null> {
    return (await this._api.get('/me/help-request')).request;
  }

  join(id: string): Promise<IHelpRequest> {
    return this._api.post('/help-requests/{id}/join', { params: { id } });
  }

  close(id: string): Promise<IHelpRequest> {
    return this._api.post('/help-requests/{id}/close', { params: { id } });
  }

  private readonly _api: HubApi;
}

/**
 * The body of « Demander de l'aide »: what the teacher may do (two radio buttons in a
 * fieldset, read-only first: the safer choice), and an optional short message.
 */
export class HelpChoiceBody extends Widget {
  constructor(trans: TranslationBundle, path: string) {
    super();
    this.addClass('cdc-HelpChoice');
    const intro = document.createElement('p');
    intro.textContent = trans.__(
      'Your teachers are told at once and one of them can join %1.',
      path
    );
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = trans.__('What may your teacher do?');
    fieldset.append(legend);
    const choices: [IHelpChoice['access'], string][] = [
      ['read', trans.__('My teacher may only look')],
      ['write', trans.__('My teacher may edit')]
    ];
    for (const [value, text] of choices) {
      const label = document.createElement('label');
      label.className = 'cdc-HelpChoice-option';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'cdc-help-access';
      radio.value = value;
      radio.checked = value === 'read';
      label.append(radio, ` ${text}`);
      fieldset.append(label);
      this._radios.push(radio);
    }
    const messageLabel = document.createElement('label');
    messageLabel.className = 'cdc-HelpChoice-message';
    messageLabel.textContent = trans.__('Message (optional)');
    this._message = document.createElement('textarea');
    this._message.maxLength = 280;
    this._message.rows = 3;
    messageLabel.append(this._message);
    this.node.append(intro, fieldset, messageLabel);
  }

  /** The pupil's choice. */
  getValue(): IHelpChoice {
    const access =
      (this._radios.find(radio => radio.checked)?.value as
        IHelpChoice['access'] | undefined) ?? 'read';
    const message = this._message.value.trim();
    return message ? { access, message } : { access };
  }

  private readonly _radios: HTMLInputElement[] = [];
  private readonly _message: HTMLTextAreaElement;
}

/**
 * What the pupil sees in her notebook while her request is open: who helps (or that
 * her teachers are told), how, and « Mettre fin à l'aide ». A live region, so that a
 * screen reader says when a teacher joins.
 */
export class HelpIndicator extends Widget {
  constructor(
    private readonly _trans: TranslationBundle,
    private readonly _end: (request: IHelpRequest) => void
  ) {
    super();
    const trans = _trans;
    this.addClass('cdc-HelpIndicator');
    this._text.setAttribute('role', 'status');
    this._text.setAttribute('aria-live', 'polite');
    this._button.type = 'button';
    this._button.className = 'jp-Button jp-mod-styled jp-mod-reject';
    this._button.textContent = trans.__('End the help');
    this._button.addEventListener('click', () => {
      if (this._request) {
        this._end(this._request);
      }
    });
    this.node.append(this._text, this._button);
    this.display(null);
  }

  /** Show a request (or nothing: hidden). */
  display(request: IHelpRequest | null): void {
    this._request = request;
    const trans = this._trans;
    if (!request || request.state === 'closed') {
      this.setHidden(true);
      this._text.textContent = '';
      return;
    }
    this.setHidden(false);
    const how =
      request.access === 'read' ? trans.__('read-only') : trans.__('may edit');
    this._text.textContent = request.helperDisplayName
      ? trans.__('%1 is helping you (%2)', request.helperDisplayName, how)
      : trans.__('Help asked: your teachers are told (%1)', how);
  }

  /** The request shown, if any. */
  get request(): IHelpRequest | null {
    return this._request;
  }

  private _request: IHelpRequest | null = null;
  private readonly _text = document.createElement('span');
  private readonly _button = document.createElement('button');
}
