import type { TranslationBundle } from '@jupyterlab/translation';

import type {
  DashboardKind,
  IClassChoice,
  IEstablishmentChoice,
  Period
} from './api';
import { periodLabel, PERIODS } from './period';
import { indicatorLabel, INDICATORS } from './sections';

/**
 * A change the user made with the controls.
 */
export type ControlChange =
  | { period: Period }
  | { classId: string }
  | { establishmentId: string }
  | { assignment: string | null }
  | { groupId: string | null }
  | { indicators: string[] }
  | { refresh: true };

/**
 * The controls of a dashboard, native form fields (keyboard and screen readers know
 * them): the period, the class, the whole class or one of its group workspaces, and the
 * assignment (class dashboard), the establishment
 * (establishment dashboard, shown to those who administer several), a check box per
 * indicator, and « Actualiser » (traces arrive while the dashboard is open). Built
 * once per panel, so that a change keeps the focus where it is.
 */
export class DashboardControls {
  constructor(options: DashboardControls.IOptions) {
    const { kind, trans, idPrefix } = options;
    this._onChange = options.onChange;
    this.node = document.createElement('form');
    this.node.className = 'cdc-Dashboard-controls';
    this.node.addEventListener('submit', event => event.preventDefault());

    this._period = Private.select(
      this.node,
      `${idPrefix}-period`,
      trans.__('Period'),
      PERIODS.map(p => ({ value: p, label: periodLabel(p, trans) }))
    );
    this._period.addEventListener('change', () =>
      this._onChange({ period: this._period.value as Period })
    );
    if (kind === 'class') {
      this._class = Private.select(
        this.node,
        `${idPrefix}-class`,
        trans.__('Class'),
        []
      );
      this._class.addEventListener('change', () =>
        this._onChange({ classId: this._class!.value })
      );
      this._group = Private.select(
        this.node,
        `${idPrefix}-group`,
        trans.__('Group'),
        []
      );
      this._wholeClass = trans.__('Whole class');
      this._group.addEventListener('change', () =>
        this._onChange({ groupId: this._group!.value || null })
      );
      this._assignment = Private.select(
        this.node,
        `${idPrefix}-assignment`,
        trans.__('Assignment'),
        []
      );
      this._allAssignments = trans.__('All assignments');
      this._assignment.addEventListener('change', () =>
        this._onChange({ assignment: this._assignment!.value || null })
      );
    }
    if (kind === 'establishment') {
      this._establishment = Private.select(
        this.node,
        `${idPrefix}-establishment`,
        trans.__('Establishment'),
        []
      );
      this._establishment.addEventListener('change', () =>
        this._onChange({ establishmentId: this._establishment!.value })
      );
    }
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'cdc-Dashboard-indicators';
    const legend = document.createElement('legend');
    legend.textContent = trans.__('Indicators shown');
    fieldset.appendChild(legend);
    for (const indicator of INDICATORS[kind]) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = indicator;
      box.addEventListener('change', () =>
        this._onChange({ indicators: this._checked() })
      );
      label.append(box, ` ${indicatorLabel(kind, indicator, trans)}`);
      fieldset.appendChild(label);
      this._boxes.push(box);
    }
    this.node.appendChild(fieldset);
    const refresh = document.createElement('button');
    refresh.type = 'button';
    refresh.className = 'jp-Button jp-mod-styled jp-mod-accept';
    refresh.textContent = trans.__('Refresh');
    refresh.addEventListener('click', () => this._onChange({ refresh: true }));
    this.node.appendChild(refresh);
  }

  readonly node: HTMLFormElement;

  /**
   * Show the current choices (and the classes and assignments to choose from).
   */
  update(state: DashboardControls.IState): void {
    this._period.value = state.period;
    for (const box of this._boxes) {
      box.checked = state.indicators.includes(box.value);
    }
    if (this._class && state.classes) {
      Private.options(
        this._class,
        state.classes.map(c => ({ value: c.id, label: c.name }))
      );
      this._class.value = state.classId ?? '';
    }
    if (this._establishment && state.establishments) {
      Private.options(
        this._establishment,
        state.establishments.map(e => ({ value: e.id, label: e.name }))
      );
      this._establishment.value = state.establishmentId ?? '';
      // A choice of one is no choice: its name is in the heading.
      this._establishment.parentElement!.hidden =
        state.establishments.length < 2;
    }
    if (this._group && state.groups) {
      Private.options(this._group, [
        { value: '', label: this._wholeClass },
        ...state.groups.map(g => ({ value: g.id, label: g.name }))
      ]);
      this._group.value = state.groupId ?? '';
      // A class without group workspaces has nothing to choose.
      this._group.parentElement!.hidden = !state.groups.length;
    }
    if (this._assignment && state.assignments) {
      Private.options(this._assignment, [
        { value: '', label: this._allAssignments },
        ...state.assignments.map(a => ({ value: a.id, label: a.title }))
      ]);
      this._assignment.value = state.assignment ?? '';
    }
  }

  private _checked(): string[] {
    return this._boxes.filter(b => b.checked).map(b => b.value);
  }

  private _onChange: (change: ControlChange) => void;
  private _period: HTMLSelectElement;
  private _class: HTMLSelectElement | null = null;
  private _assignment: HTMLSelectElement | null = null;
  private _group: HTMLSelectElement | null = null;
  private _wholeClass = '';
  private _establishment: HTMLSelectElement | null = null;
  private _allAssignments = '';
  private _boxes: HTMLInputElement[] = [];
}

/**
 * The DashboardControls options and state.
 */
export namespace DashboardControls {
  export interface IOptions {
    kind: DashboardKind;
    trans: TranslationBundle;
    idPrefix: string;
    onChange: (change: ControlChange) => void;
  }

  export interface IState {
    period: Period;
    indicators: readonly string[];
    classes?: readonly IClassChoice[];
    classId?: string | null;
    assignments?: readonly { id: string; title: string }[];
    assignment?: string | null;
    /** The class's group workspaces, and the one shown (null: the whole class). */
    groups?: readonly { id: string; name: string }[];
    groupId?: string | null;
    establishments?: readonly IEstablishmentChoice[];
    establishmentId?: string | null;
  }
}

namespace Private {
  interface IOption {
    value: string;
    label: string;
  }

  export function select(
    form: HTMLElement,
    id: string,
    text: string,
    choices: IOption[]
  ): HTMLSelectElement {
    const wrapper = document.createElement('div');
    wrapper.className = 'cdc-Dashboard-field';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    const field = document.createElement('select');
    field.id = id;
    field.className = 'jp-mod-styled';
    options(field, choices);
    wrapper.append(label, field);
    form.appendChild(wrapper);
    return field;
  }

  /** Replace a select's options, unless they are the same (keeps its state). */
  export function options(field: HTMLSelectElement, choices: IOption[]): void {
    const same =
      field.options.length === choices.length &&
      choices.every(
        (c, i) =>
          field.options[i].value === c.value &&
          field.options[i].text === c.label
      );
    if (same) {
      return;
    }
    field.replaceChildren(...choices.map(c => new Option(c.label, c.value)));
  }
}
