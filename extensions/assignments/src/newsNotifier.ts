import type { IHubEvents, IHubNews } from '@candyce/core';
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { AssignmentsStore } from './store';

/**
 * What a piece of news says, and the button of its notification.
 */
export interface INewsMessage {
  message: string;
  action?: Notification.IAction;
}

/**
 * The hub's news, in JupyterLab: « Mes devoirs » and the follow-up tables reload what
 * changed, and each piece of news is a notification (in the notification centre) and
 * an announcement for screen readers. Pupils read « tu » in school mode.
 */
export class NewsNotifier {
  constructor(private readonly _options: NewsNotifier.IOptions) {
    this._live = Private.liveRegion(_options.host ?? document.body);
    _options.events.received.connect(this._onNews, this);
  }

  /** The live region the announcements are written to. */
  get liveNode(): HTMLElement {
    return this._live;
  }

  /**
   * Update what the news changes, and tell the user.
   */
  handle(news: IHubNews): void {
    const store = this._options.store();
    if (!store) {
      return;
    }
    this._refreshSoon(store);
    if (news.kind === 'resync' || news.kind === 'assignment.submitted') {
      store.noteProgress(
        news.kind === 'resync'
          ? null
          : (news.data as { assignmentId: string }).assignmentId
      );
    }
    const told = this.message(news);
    if (!told) {
      return;
    }
    Notification.info(told.message, {
      autoClose: 8000,
      actions: told.action ? [told.action] : []
    });
    this._announce(told.message);
  }

  /**
   * What the user is told of a piece of news (null: nothing, a `resync`).
   */
  message(news: IHubNews): INewsMessage | null {
    const { pupilTrans, trans } = this._options;
    // Each kind's payload, as the contract gives it (`hub/openapi.yml`).
    const data = news.data as Record<string, string | number | boolean | null>;
    return (
      this._forPupil(news.kind, data, pupilTrans) ??
      this._forTeacher(news.kind, data, trans)
    );
  }

  /** News for a pupil, in « tu » in school mode. */
  private _forPupil(
    kind: IHubNews['kind'],
    data: Record<string, string | number | boolean | null>,
    trans: TranslationBundle
  ): INewsMessage | null {
    const toPanel = {
      label: trans.__('My assignments'),
      callback: () => this._options.open.learnerPanel()
    };
    switch (kind) {
      case 'assignment.new':
        return {
          message: data.className
            ? trans.__(
                'New assignment « %1 » (%2), in My assignments.',
                data.title,
                data.className
              )
            : trans.__('New assignment « %1 », in My assignments.', data.title),
          action: toPanel
        };
      case 'assignment.returned':
        return {
          message: trans.__(
            '« %1 » is marked: your feedback is in My assignments.',
            data.title
          ),
          action: toPanel
        };
      case 'group.invitation':
        return {
          message: trans.__(
            '%1 invites you to the group « %2 » (%3).',
            data.invitedByDisplayName,
            data.groupName,
            data.className
          )
        };
      default:
        return null;
    }
  }

  /** News for a teacher. */
  private _forTeacher(
    kind: IHubNews['kind'],
    data: Record<string, string | number | boolean | null>,
    trans: TranslationBundle
  ): INewsMessage | null {
    switch (kind) {
      case 'assignment.submitted':
        return {
          message: data.late
            ? trans.__(
                '%1 handed in « %2 » (late).',
                data.learnerDisplayName,
                data.title
              )
            : trans.__(
                '%1 handed in « %2 ».',
                data.learnerDisplayName,
                data.title
              ),
          action: {
            label: trans.__('Open the follow-up'),
            callback: () =>
              this._options.open.followUp(String(data.assignmentId))
          }
        };
      case 'help.request':
        return {
          message: trans.__(
            '%1 (%2) asks for help on %3.',
            data.learnerDisplayName,
            data.className,
            data.path
          ),
          action: this._options.open.joinHelp
            ? {
                label: trans.__('Join'),
                callback: () =>
                  this._options.open.joinHelp!(String(data.helpRequestId))
              }
            : undefined
        };
      default:
        return null;
    }
  }

  /** Stop listening and remove the live region. */
  dispose(): void {
    this._options.events.received.disconnect(this._onNews, this);
    window.clearTimeout(this._refreshTimer);
    this._live.remove();
  }

  private _onNews(_: IHubEvents, news: IHubNews): void {
    this.handle(news);
  }

  /** One reload for news that comes together (a replay after a reconnect). */
  private _refreshSoon(store: AssignmentsStore): void {
    window.clearTimeout(this._refreshTimer);
    this._refreshTimer = window.setTimeout(() => {
      store.refresh().catch(reason => {
        console.warn('Candyce assignments: not refreshed', reason);
      });
    }, this._options.refreshDelayMs ?? 200);
  }

  /** Emptied first, so that the same sentence twice is said twice. */
  private _announce(message: string): void {
    this._live.textContent = '';
    window.setTimeout(() => {
      this._live.textContent = message;
    }, 100);
  }

  private readonly _live: HTMLElement;
  private _refreshTimer = 0;
}

/**
 * The NewsNotifier types.
 */
export namespace NewsNotifier {
  /**
   * What the notifier needs.
   */
  export interface IOptions {
    events: IHubEvents;
    /** The user's assignments (null without the platform). */
    store: () => AssignmentsStore | null;
    /** The teacher's wording (« vous »). */
    trans: TranslationBundle;
    /** The pupil's wording (« tu » in school mode, see PupilWording). */
    pupilTrans: TranslationBundle;
    /** What the notifications' buttons open. */
    open: {
      learnerPanel(): void;
      followUp(assignmentId: string): void;
      /** A teacher's « Rejoindre » on a help request. */
      joinHelp?(helpRequestId: string): void;
    };
    /** Where the live region goes (the document's body). */
    host?: HTMLElement;
    /** How long news waits for more before the lists reload (200 ms). */
    refreshDelayMs?: number;
  }
}

namespace Private {
  export function liveRegion(host: HTMLElement): HTMLElement {
    const node = document.createElement('div');
    node.className = 'cdc-News-live';
    node.setAttribute('role', 'status');
    node.setAttribute('aria-live', 'polite');
    node.setAttribute('aria-atomic', 'true');
    host.appendChild(node);
    return node;
  }
}
