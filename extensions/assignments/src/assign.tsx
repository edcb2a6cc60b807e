import { SubmitDialog, SubmitForm } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  AssignmentsApi,
  IAssignment,
  IClassSummary,
  INewAssignment
} from './api';
import { errorMessage } from './errors';
import {
  ASSIGNMENT_FIELDS,
  AssignmentField,
  emptyValues,
  IAssignmentValues,
  validateAssignment
} from './form';
import { WorkModeChoice } from './workModeChoice';

/**
 * What is handed out: a notebook of the teacher's home (with the files of its folder)
 * or a version of a library resource.
 */
export interface IAssignSource {
  /** What the form says is handed out. */
  description: string;
  /** The title the form suggests. */
  title: string;
  /** The new assignment's `source` (reading the files when they come from the home). */
  read(): Promise<INewAssignment['source']>;
}

/**
 * The body of the « Nouveau devoir » dialog.
 */
export class AssignForm extends SubmitForm<AssignmentField, IAssignment> {
  constructor(options: AssignForm.IOptions) {
    super({ idPrefix: 'cdc-Assign', fields: ASSIGNMENT_FIELDS });
    this._options = options;
    this.addClass('cdc-Assign');
    this._values = emptyValues(options.source?.title ?? '');
  }

  /**
   * The values typed so far.
   */
  get values(): IAssignmentValues {
    return this._values;
  }

  protected check(): SubmitForm.Check<AssignmentField, IAssignment> {
    const { trans, source, api } = this._options;
    const checked = validateAssignment(this._values, trans);
    if (checked.errors) {
      return { errors: checked.errors };
    }
    if (!source) {
      return {
        refusal: trans.__(
          'Open the notebook to hand out, or select it in the file browser, then try again.'
        ),
        focus: true
      };
    }
    return {
      send: async () =>
        api.create({ ...checked.settings, source: await source.read() })
    };
  }

  protected describeError(reason: unknown): string {
    return reason instanceof Error && reason.name === 'TooManyFiles'
      ? reason.message
      : errorMessage(reason, this._options.trans);
  }

  protected render(): JSX.Element {
    const { trans, classes, source } = this._options;
    const groupCounts = this._options.groupCounts ?? new Map<string, number>();
    const v = this._values;
    const e = this.errors;
    const set = (change: Partial<IAssignmentValues>) => {
      this._values = { ...this._values, ...change };
      this.update();
    };
    const errorId = (field: AssignmentField) => `cdc-Assign-${field}-error`;
    const error = (field: AssignmentField) =>
      e[field] ? (
        <p id={errorId(field)} className="cdc-Assignments-error">
          {e[field]}
        </p>
      ) : null;
    const date = (field: 'opensAt' | 'dueAt', label: string) => (
      <div className="cdc-Assign-field">
        <label htmlFor={`cdc-Assign-${field}`}>{label}</label>
        <input
          id={`cdc-Assign-${field}`}
          className="jp-mod-styled"
          type="datetime-local"
          value={v[field]}
          aria-invalid={e[field] ? true : undefined}
          aria-describedby={e[field] ? errorId(field) : undefined}
          onChange={event => set({ [field]: event.target.value })}
        />
        {error(field)}
      </div>
    );
    return (
      <form
        className="cdc-Assign-form"
        noValidate
        onSubmit={event => event.preventDefault()}
      >
        <p className="cdc-Assign-source">
          {source ? source.description : trans.__('No notebook chosen.')}
        </p>
        <div className="cdc-Assign-field">
          <label htmlFor="cdc-Assign-title">{trans.__('Title')}</label>
          <input
            id="cdc-Assign-title"
            className="jp-mod-styled"
            type="text"
            value={v.title}
            aria-invalid={e.title ? true : undefined}
            aria-describedby={e.title ? errorId('title') : undefined}
            onChange={event => set({ title: event.target.value })}
          />
          {error('title')}
        </div>
        <div className="cdc-Assign-field">
          <label htmlFor="cdc-Assign-instructions">
            {trans.__('Instructions')}
          </label>
          <textarea
            id="cdc-Assign-instructions"
            className="jp-mod-styled"
            rows={3}
            value={v.instructions}
            onChange={event => set({ instructions: event.target.value })}
          />
        </div>
        <fieldset
          id="cdc-Assign-classIds"
          className="cdc-Assign-group"
          aria-describedby={e.classIds ? errorId('classIds') : undefined}
        >
          <legend>{trans.__('Who receives it')}</legend>
          {classes.length === 0 && (
            <p className="cdc-Assignments-meta">
              {trans.__('You teach no class yet: use a share code.')}
            </p>
          )}
          {classes.map(klass => {
            const chosen = v.classIds.includes(klass.id);
            const groups = groupCounts.get(klass.id) ?? 0;
            return (
              <React.Fragment key={klass.id}>
                <label>
                  <input
                    type="checkbox"
                    value={klass.id}
                    checked={chosen}
                    onChange={() =>
                      set({
                        classIds: chosen
                          ? v.classIds.filter(id => id !== klass.id)
                          : [...v.classIds, klass.id]
                      })
                    }
                  />
                  {trans.__('Class %1', klass.name)}
                </label>
                {chosen && groups > 0 && (
                  <WorkModeChoice
                    classId={klass.id}
                    className={klass.name}
                    groups={groups}
                    byGroup={v.groupClassIds.includes(klass.id)}
                    trans={trans}
                    onChange={byGroup =>
                      set({
                        groupClassIds: byGroup
                          ? [...v.groupClassIds, klass.id]
                          : v.groupClassIds.filter(id => id !== klass.id)
                      })
                    }
                  />
                )}
              </React.Fragment>
            );
          })}
          <label>
            <input
              type="checkbox"
              checked={v.shareCode}
              onChange={() => set({ shareCode: !v.shareCode })}
            />
            {trans.__('Also give a share code (pupils join with it)')}
          </label>
          {error('classIds')}
        </fieldset>
        {date('opensAt', trans.__('Opens on (optional)'))}
        {date('dueAt', trans.__('Due on (optional)'))}
        <fieldset className="cdc-Assign-group">
          <legend>{trans.__('Work handed in after the due date')}</legend>
          <label>
            <input
              type="radio"
              name="cdc-Assign-late"
              checked={v.latePolicy === 'accept'}
              onChange={() => set({ latePolicy: 'accept' })}
            />
            {trans.__('Accepted, marked as late')}
          </label>
          <label>
            <input
              type="radio"
              name="cdc-Assign-late"
              checked={v.latePolicy === 'refuse'}
              onChange={() => set({ latePolicy: 'refuse' })}
            />
            {trans.__('Refused')}
          </label>
        </fieldset>
        <label className="cdc-Assign-check">
          <input
            type="checkbox"
            checked={v.multipleSubmissions}
            onChange={() =>
              set({ multipleSubmissions: !v.multipleSubmissions })
            }
          />
          {trans.__('Pupils may hand in several times')}
        </label>
        <div className="cdc-Assign-field">
          <label htmlFor="cdc-Assign-extraFiles">
            {trans.__('Other files pupils may hand in (optional)')}
          </label>
          <input
            id="cdc-Assign-extraFiles"
            className="jp-mod-styled"
            type="text"
            value={v.extraFiles}
            aria-describedby="cdc-Assign-extraFiles-hint"
            onChange={event => set({ extraFiles: event.target.value })}
          />
          <p id="cdc-Assign-extraFiles-hint" className="cdc-Assign-hint">
            {trans.__(
              'Names or patterns separated by commas, for example *.png, rapport.pdf. Otherwise pupils hand in only the files of the assignment: any other file (a numpy.py…) is refused.'
            )}
          </p>
        </div>
        <label className="cdc-Assign-check">
          <input
            type="checkbox"
            checked={v.autograde}
            aria-describedby="cdc-Assign-autograde-hint"
            onChange={() => set({ autograde: !v.autograde })}
          />
          {trans.__('Grade the test cells automatically (nbgrader)')}
        </label>
        <p id="cdc-Assign-autograde-hint" className="cdc-Assign-hint">
          {trans.__(
            'For notebooks made with nbgrader’s tools: solutions and hidden tests are removed from what pupils get, and each handed-in work is graded in a sandbox; you check and can change the grade before returning it.'
          )}
        </p>
        <p role="status" className="cdc-Assignments-status">
          {this.busy ? trans.__('Creating the assignment…') : ''}
        </p>
        {this.renderAlert()}
      </form>
    );
  }

  private _options: AssignForm.IOptions;
  private _values: IAssignmentValues;
}

/**
 * The AssignForm options.
 */
export namespace AssignForm {
  /**
   * What the form needs.
   */
  export interface IOptions {
    api: AssignmentsApi;
    trans: TranslationBundle;
    classes: IClassSummary[];
    /**
     * How many group workspaces each class has (by class id): a chosen class with
     * some offers « Par groupe ». None known, none offered.
     */
    groupCounts?: ReadonlyMap<string, number>;
    source: IAssignSource | null;
  }
}

/**
 * The « Nouveau devoir » dialog: « Créer » checks the form and creates the assignment,
 * and closes only once the hub has accepted it.
 */
export class AssignDialog extends SubmitDialog<IAssignment> {
  constructor(form: AssignForm, trans: TranslationBundle) {
    super({
      title: trans.__('New assignment'),
      form,
      acceptLabel: trans.__('Create'),
      cancelLabel: trans.__('Cancel'),
      focusNodeSelector: '#cdc-Assign-title'
    });
    this.addClass('cdc-AssignDialog');
  }
}
