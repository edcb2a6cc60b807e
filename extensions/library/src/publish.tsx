import { SubmitDialog, SubmitForm, textToBase64 } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IResourceMetadata,
  IResourceSummary,
  ITaxonomy,
  LibraryApi
} from './api';
import { errorMessage } from './errors';
import { FIELDS, IPublishValues, PublishField, validatePublish } from './form';
import type { INotebookPreview } from './preview';

/**
 * A notebook the dialog can publish: its path, name and preview.
 */
export interface IPublishSource {
  path: string;
  /** Reads the notebook's text (contents API, `format: 'text'`). */
  read(): Promise<string>;
  preview: INotebookPreview | null;
}

/**
 * The body of the publishing dialog: a French accessible form.
 */
export class PublishForm extends SubmitForm<PublishField, IResourceSummary> {
  constructor(options: PublishForm.IOptions) {
    super({ idPrefix: 'cdc-Publish', fields: FIELDS });
    this._options = options;
    this.addClass('cdc-Publish');
    const m = options.metadata;
    this._values = {
      title: m?.title ?? options.sources[0]?.preview?.heading ?? '',
      summary: m?.summary ?? '',
      disciplines: [...(m?.disciplines ?? [])],
      levels: [...(m?.levels ?? [])],
      keywords: (m?.keywords ?? []).join(', '),
      language: m?.language ?? 'fr',
      duration: m ? String(m.durationMinutes) : '',
      licence: m?.licence ?? '',
      authors: (m?.authors ?? [options.author]).join(', ')
    };
  }

  protected check(): SubmitForm.Check<PublishField, IResourceSummary> {
    const { trans, api, resourceId } = this._options;
    const checked = validatePublish(this._values, trans);
    if (checked.errors) {
      return { errors: checked.errors };
    }
    const source = this._options.sources[this._sourceIndex];
    if (!source) {
      return {
        refusal: trans.__('Choose a notebook to publish.'),
        focus: false
      };
    }
    return {
      send: async () => {
        const text = await source.read();
        const name = source.path.split('/').pop() ?? 'notebook.ipynb';
        return api.publish(
          checked.metadata as IResourceMetadata,
          [{ path: name, content: textToBase64(text) }],
          resourceId
        );
      }
    };
  }

  protected describeError(reason: unknown): string {
    return errorMessage(reason, this._options.trans);
  }

  protected render(): JSX.Element {
    const { trans, taxonomy, sources } = this._options;
    const v = this._values;
    const e = this.errors;
    const set = (change: Partial<IPublishValues>) => {
      this._values = { ...this._values, ...change };
      this.update();
    };
    const described = (field: PublishField, hint?: string) =>
      [hint, e[field] ? `cdc-Publish-${field}-error` : undefined]
        .filter(Boolean)
        .join(' ') || undefined;
    const error = (field: PublishField) =>
      e[field] ? (
        <p id={`cdc-Publish-${field}-error`} className="cdc-Publish-error">
          {e[field]}
        </p>
      ) : null;
    const text = (
      field: 'title' | 'keywords' | 'duration' | 'authors',
      label: string,
      hint?: string
    ) => (
      <div className="cdc-Publish-field">
        <label htmlFor={`cdc-Publish-${field}`}>{label}</label>
        {hint && (
          <p id={`cdc-Publish-${field}-hint`} className="cdc-Publish-hint">
            {hint}
          </p>
        )}
        <input
          id={`cdc-Publish-${field}`}
          className="jp-mod-styled"
          type="text"
          inputMode={field === 'duration' ? 'numeric' : undefined}
          value={v[field]}
          aria-invalid={e[field] ? true : undefined}
          aria-describedby={described(
            field,
            hint ? `cdc-Publish-${field}-hint` : undefined
          )}
          onChange={event => set({ [field]: event.target.value })}
        />
        {error(field)}
      </div>
    );
    const group = (
      field: 'disciplines' | 'levels',
      legend: string,
      entries: ITaxonomy['levels']
    ) => (
      <fieldset
        className="cdc-Publish-group"
        id={`cdc-Publish-${field}`}
        aria-describedby={described(field)}
      >
        <legend>{legend}</legend>
        <div className="cdc-Publish-choices">
          {entries.map(entry => (
            <label key={entry.id}>
              <input
                type="checkbox"
                value={entry.id}
                checked={v[field].includes(entry.id)}
                aria-invalid={e[field] ? true : undefined}
                onChange={() =>
                  set({
                    [field]: v[field].includes(entry.id)
                      ? v[field].filter(id => id !== entry.id)
                      : [...v[field], entry.id]
                  })
                }
              />
              {entry.label}
            </label>
          ))}
        </div>
        {error(field)}
      </fieldset>
    );
    const source = sources[this._sourceIndex];
    const preview = source?.preview;
    return (
      <form
        className="cdc-Publish-form"
        noValidate
        onSubmit={event => event.preventDefault()}
      >
        {sources.length > 1 && (
          <div className="cdc-Publish-field">
            <label htmlFor="cdc-Publish-source">
              {trans.__('Notebook to publish')}
            </label>
            <select
              id="cdc-Publish-source"
              className="jp-mod-styled"
              value={this._sourceIndex}
              onChange={event => {
                this._sourceIndex = Number(event.target.value);
                this.update();
              }}
            >
              {sources.map((s, i) => (
                <option key={s.path} value={i}>
                  {s.path}
                </option>
              ))}
            </select>
          </div>
        )}
        {source ? (
          <section
            className="cdc-Publish-preview"
            aria-labelledby="cdc-Publish-preview-h"
          >
            <p id="cdc-Publish-preview-h" className="cdc-Publish-previewTitle">
              {trans.__('What will be published')}
            </p>
            <ul>
              <li>{trans.__('Notebook: %1', source.path)}</li>
              <li>{trans.__('Title: %1', v.title.trim() || '—')}</li>
              <li>
                {trans.__(
                  'First heading: %1',
                  preview?.heading ?? trans.__('none')
                )}
              </li>
              <li>
                {trans._n('%1 cell', '%1 cells', preview?.cellCount ?? 0)}
              </li>
            </ul>
          </section>
        ) : (
          <p className="cdc-Publish-error">
            {trans.__(
              'Select a notebook in the file browser, then publish again.'
            )}
          </p>
        )}
        {text('title', trans.__('Title'))}
        <div className="cdc-Publish-field">
          <label htmlFor="cdc-Publish-summary">{trans.__('Summary')}</label>
          <textarea
            id="cdc-Publish-summary"
            className="jp-mod-styled"
            rows={4}
            value={v.summary}
            aria-invalid={e.summary ? true : undefined}
            aria-describedby={described('summary')}
            onChange={event => set({ summary: event.target.value })}
          />
          {error('summary')}
        </div>
        {group('disciplines', trans.__('Disciplines'), taxonomy.disciplines)}
        {group('levels', trans.__('Levels'), taxonomy.levels)}
        {text(
          'keywords',
          trans.__('Keywords'),
          trans.__('Separated by commas.')
        )}
        <div className="cdc-Publish-field">
          <label htmlFor="cdc-Publish-language">{trans.__('Language')}</label>
          <select
            id="cdc-Publish-language"
            className="jp-mod-styled"
            value={v.language}
            aria-invalid={e.language ? true : undefined}
            aria-describedby={described('language')}
            onChange={event => set({ language: event.target.value })}
          >
            {taxonomy.languages.map(entry => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
          {error('language')}
        </div>
        {text('duration', trans.__('Duration in minutes'))}
        <fieldset
          className="cdc-Publish-group"
          id="cdc-Publish-licence"
          aria-describedby={described('licence', 'cdc-Publish-licence-hint')}
        >
          <legend>{trans.__('Licence')}</legend>
          <p id="cdc-Publish-licence-hint" className="cdc-Publish-hint">
            {trans.__(
              'The library only publishes under open licences, so that every teacher may reuse and adapt what you share.'
            )}
          </p>
          {taxonomy.licences.map(entry => (
            <label key={entry.id}>
              <input
                type="radio"
                name="cdc-Publish-licence"
                value={entry.id}
                checked={v.licence === entry.id}
                aria-invalid={e.licence ? true : undefined}
                onChange={() => set({ licence: entry.id })}
              />
              {entry.label}
            </label>
          ))}
          {error('licence')}
        </fieldset>
        {text('authors', trans.__('Authors'), trans.__('Separated by commas.'))}
        <p role="status" className="cdc-Publish-status">
          {this.busy ? trans.__('Publishing…') : ''}
        </p>
        {this.renderAlert()}
      </form>
    );
  }

  private _options: PublishForm.IOptions;
  private _values: IPublishValues;
  private _sourceIndex = 0;
}

/**
 * The PublishForm options.
 */
export namespace PublishForm {
  /**
   * What the form needs.
   */
  export interface IOptions {
    api: LibraryApi;
    taxonomy: ITaxonomy;
    trans: TranslationBundle;
    /** The default author: the user's display name. */
    author: string;
    /** The notebooks that may be published (the first is chosen). */
    sources: IPublishSource[];
    /** Publish a new version of this resource instead of a new resource. */
    resourceId?: string;
    /** Prefilled metadata (a new version). */
    metadata?: IResourceMetadata;
  }
}

/**
 * The publishing dialog: « Publier » checks the form and publishes, and closes only
 * once the hub has accepted the resource.
 */
export class PublishDialog extends SubmitDialog<IResourceSummary> {
  constructor(form: PublishForm, title: string, trans: TranslationBundle) {
    super({
      title,
      form,
      acceptLabel: trans.__('Publish'),
      cancelLabel: trans.__('Cancel'),
      focusNodeSelector: '#cdc-Publish-title'
    });
    this.addClass('cdc-PublishDialog');
  }
}
