import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type {
  DashboardKind,
  DashboardsApi,
  IClassChoice,
  IClassDashboard,
  IDashboardChoice,
  IEstablishmentChoice,
  IRange
} from './api';
import { classSections, tracesNotice } from './classSections';
import type { ControlChange } from './controls';
import { DashboardControls } from './controls';
import { establishmentSections } from './establishmentSections';
import type { Formats } from './format';
import { mySections } from './meSections';
import type { PreferenceStore } from './preferences';
import { periodRange } from './period';
import { programmeSections } from './programmeSections';
import type { ISection } from './sections';
import { renderSection } from './sectionView';

/**
 * A dashboard in the main area: its controls, then one section per indicator shown.
 * The user's choices are saved through the preferences API as they are made.
 */
export class DashboardPanel extends Widget {
  constructor(options: DashboardPanel.IOptions) {
    super();
    this._options = options;
    this.kind = options.kind;
    this._idPrefix = `cdc-Dashboard-${options.kind}`;
    this.addClass('cdc-Dashboard');
    const { trans } = options;
    this._heading = document.createElement('h2');
    this._heading.tabIndex = -1;
    this._heading.textContent = this.title.label;
    this._controls = new DashboardControls({
      kind: this.kind,
      trans,
      idPrefix: this._idPrefix,
      onChange: change => this._change(change)
    });
    this._status = document.createElement('p');
    this._status.className = 'cdc-Dashboard-status';
    this._status.setAttribute('role', 'status');
    this._intro = document.createElement('p');
    this._intro.className = 'cdc-Dashboard-notice';
    this._intro.hidden = true;
    this._sections = document.createElement('div');
    this._sections.className = 'cdc-Dashboard-sections';
    this.node.append(
      this._heading,
      this._controls.node,
      this._status,
      this._intro,
      this._sections
    );
    this._classId = options.classId ?? null;
    this._establishmentId = options.establishmentId ?? null;
    this.ready = this._start();
  }

  /** Which dashboard this is. */
  readonly kind: DashboardKind;

  /** Resolves once the choices are known and the first figures shown (or refused). */
  readonly ready: Promise<void>;

  /** The establishment shown (establishment dashboard). */
  get establishmentId(): string | null {
    return this._establishmentId;
  }

  /** The class shown (class dashboard). */
  get classId(): string | null {
    return this._classId;
  }

  /** The heading of the panel, for the focus. */
  get heading(): HTMLElement {
    return this._heading;
  }

  /**
   * Show another class (a link to the class's dashboard).
   */
  async showClass(classId: string): Promise<void> {
    await this.ready;
    if (classId !== this._classId) {
      await this._change({ classId });
    }
  }

  private async _start(): Promise<void> {
    const { preferences, api, trans } = this._options;
    this._choice = await preferences.choice(this.kind);
    if (this.kind === 'class') {
      try {
        this._classes = await api.classes();
      } catch (reason) {
        this._say(this._error(reason));
        return;
      }
      const known = (id: string | null | undefined) =>
        id && this._classes.some(c => c.id === id) ? id : null;
      this._classId =
        known(this._classId) ??
        known(this._choice.classId) ??
        this._classes[0]?.id ??
        null;
      if (!this._classId) {
        this._updateControls();
        this._say(trans.__('You do not teach any class yet.'));
        return;
      }
      if (this._choice.classId !== this._classId) {
        // The class shown is the one a later choice is saved with; the group chosen
        // was one of another class's.
        this._choice.classId = this._classId;
        delete this._choice.groupId;
      }
    }
    if (this.kind === 'establishment' && !(await this._chooseEstablishment())) {
      return;
    }
    this._updateControls();
    await this._load();
  }

  /**
   * The establishments to choose from, and the one shown: the one asked, else the one
   * chosen last, else the first. False (and said) when there is none.
   */
  private async _chooseEstablishment(): Promise<boolean> {
    const { api, trans } = this._options;
    try {
      this._establishments = await api.establishments();
    } catch (reason) {
      this._say(this._error(reason));
      return false;
    }
    const known = (id: string | null | undefined) =>
      id && this._establishments.some(e => e.id === id) ? id : null;
    this._establishmentId =
      known(this._establishmentId) ??
      known(this._choice.establishmentId) ??
      this._establishments[0]?.id ??
      null;
    if (!this._establishmentId) {
      this._updateControls();
      this._say(trans.__('You do not administer any establishment.'));
      return false;
    }
    return true;
  }

  private async _change(change: ControlChange): Promise<void> {
    if ('refresh' in change) {
      return this._load();
    }
    const choice = this._choice;
    let reload = true;
    if ('period' in change) {
      choice.period = change.period;
    } else if ('classId' in change) {
      this._classId = change.classId;
      choice.classId = change.classId;
      // A group belongs to one class: another class starts with all its pupils.
      delete choice.groupId;
      this._groups = [];
      this._assignment = null;
    } else if ('groupId' in change) {
      if (change.groupId) {
        choice.groupId = change.groupId;
      } else {
        delete choice.groupId;
      }
    } else if ('establishmentId' in change) {
      this._establishmentId = change.establishmentId;
      choice.establishmentId = change.establishmentId;
    } else if ('assignment' in change) {
      this._assignment = change.assignment;
    } else {
      choice.indicators = change.indicators;
      reload = false;
    }
    this._updateControls();
    if ('assignment' in change) {
      await this._load();
      return;
    }
    const saved = this._save();
    if (reload) {
      await this._load();
    } else {
      await this._render();
    }
    await saved;
  }

  private async _save(): Promise<void> {
    try {
      await this._options.preferences.save(this.kind, { ...this._choice });
    } catch (reason) {
      this._say(
        this._options.trans.__(
          'Your choices could not be saved: %1',
          this._error(reason)
        )
      );
    }
  }

  private async _load(): Promise<void> {
    const { api, trans, formats } = this._options;
    const range = periodRange(this._choice.period, this._options.today());
    const request = ++this._request;
    this._say(trans.__('Loading…'));
    this.node.setAttribute('aria-busy', 'true');
    const context = {
      trans,
      formats,
      period: `${range.from}-${range.to}`
    };
    try {
      let sections: Record<string, ISection>;
      let intro: string | null = null;
      if (this.kind === 'me') {
        sections = mySections(await api.mine(range), context);
      } else if (this.kind === 'class') {
        const data = await this._classData(range);
        if (request !== this._request) {
          return;
        }
        this._assignments = data.assignments;
        this._groups = data.groups;
        this._className = data.class.name;
        sections = classSections(data, context);
        intro = tracesNotice(data, context);
      } else if (this.kind === 'establishment') {
        const data = await api.ofEstablishment(this._establishmentId!, range);
        if (request !== this._request) {
          return;
        }
        this._establishmentName = data.establishment.name;
        sections = establishmentSections(data, context);
      } else {
        sections = programmeSections(await api.programme(range), context);
      }
      if (request !== this._request) {
        return;
      }
      this._data = sections;
      this._intro.textContent = intro ?? '';
      this._intro.hidden = !intro;
      this._updateControls();
      this._options.onTitle?.(this);
      this._say('');
      await this._render();
    } catch (reason) {
      if (request === this._request) {
        this._data = null;
        this._sections.replaceChildren();
        this._say(this._error(reason));
      }
    } finally {
      if (request === this._request) {
        this.node.removeAttribute('aria-busy');
      }
    }
  }

  /**
   * The class's figures, of the group chosen if any. A group chosen earlier that is no
   * longer one of the class's (deleted since) is forgotten: the whole class is shown.
   */
  private async _classData(range: IRange): Promise<IClassDashboard> {
    const { api } = this._options;
    const groupId = this._choice.groupId ?? null;
    try {
      return await api.ofClass(
        this._classId!,
        range,
        this._assignment,
        groupId
      );
    } catch (reason) {
      if (
        !groupId ||
        !(reason instanceof HubApiError) ||
        reason.code !== 'group_not_in_class'
      ) {
        throw reason;
      }
      delete this._choice.groupId;
      void this._save();
      return api.ofClass(this._classId!, range, this._assignment, null);
    }
  }

  private _render(): Promise<void> {
    const data = this._data;
    if (!data) {
      return Promise.resolve();
    }
    const { trans, formats } = this._options;
    const shown = this._choice.indicators.filter(i => data[i]);
    const views = shown.map(indicator =>
      renderSection(data[indicator], {
        trans,
        formats,
        idPrefix: this._idPrefix
      })
    );
    this._sections.replaceChildren(...views.map(view => view.node));
    if (!shown.length) {
      this._say(trans.__('No indicator is shown: tick one above.'));
    }
    return Promise.all(views.map(view => view.drawn)).then(() => undefined);
  }

  private _updateControls(): void {
    this._controls.update({
      period: this._choice.period,
      indicators: this._choice.indicators,
      classes: this._classes,
      classId: this._classId,
      assignments: this._assignments,
      assignment: this._assignment,
      groups: this._groups,
      groupId: this._choice.groupId ?? null,
      establishments: this._establishments,
      establishmentId: this._establishmentId
    });
  }

  /** The name of the class shown, once its figures are loaded. */
  get className(): string | null {
    return this._className;
  }

  /** The name of the establishment shown, once its figures are loaded. */
  get establishmentName(): string | null {
    return this._establishmentName;
  }

  private _say(text: string): void {
    this._status.textContent = text;
  }

  private _error(reason: unknown): string {
    const { trans } = this._options;
    if (reason instanceof HubApiError) {
      return reason.status === 403
        ? trans.__('Your account may not see this dashboard.')
        : hubErrorMessage(trans, reason);
    }
    return trans.__(
      'The Candyce platform cannot be reached right now. Check your connection and try again.'
    );
  }

  private _options: DashboardPanel.IOptions;
  private _idPrefix: string;
  private _heading: HTMLElement;
  private _controls: DashboardControls;
  private _status: HTMLElement;
  private _intro: HTMLElement;
  private _sections: HTMLElement;
  private _choice: IDashboardChoice = { period: 'month', indicators: [] };
  private _classes: IClassChoice[] = [];
  private _classId: string | null;
  private _className: string | null = null;
  private _assignments: { id: string; title: string }[] = [];
  private _assignment: string | null = null;
  private _groups: { id: string; name: string }[] = [];
  private _establishments: IEstablishmentChoice[] = [];
  private _establishmentId: string | null;
  private _establishmentName: string | null = null;
  private _data: Record<string, ISection> | null = null;
  private _request = 0;
}

/**
 * The DashboardPanel options.
 */
export namespace DashboardPanel {
  export interface IOptions {
    kind: DashboardKind;
    api: DashboardsApi;
    preferences: PreferenceStore;
    /** The bundle the panel speaks with (« tu » in school mode for `me`). */
    trans: TranslationBundle;
    formats: Formats;
    /** The class to show first (class dashboard). */
    classId?: string | null;
    /** The establishment to show first (establishment dashboard). */
    establishmentId?: string | null;
    /** Today, for the period (a test gives a fixed day). */
    today: () => Date;
    /** Called when the panel's title may change (the class shown). */
    onTitle?: (panel: DashboardPanel) => void;
  }
}
