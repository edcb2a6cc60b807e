import type { CandyceRole, ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  IRecommendation,
  ISearchPage,
  ITaxonomy,
  ITaxonomyEntry,
  LibraryApi
} from './api';
import { errorMessage } from './errors';
import { labelOf } from './labels';
import { libraryMode } from './mode';
import type { MarkdownRenderer } from './preview';
import {
  EMPTY_QUERY,
  isEmptyQuery,
  ISearchQuery,
  pageCount,
  SortOrder,
  toggle
} from './query';
import { Badges, IResourceActions, ResourcePage } from './resource';

/**
 * Roles that may use the library (pupils may not: the hub answers them 403).
 */
const LIBRARY_ROLES: readonly CandyceRole[] = [
  'teacher',
  'author',
  'inspector',
  'admin'
];

/**
 * Whether the session's user may use the library.
 */
export function canUseLibrary(session: ICandyceSession): boolean {
  return LIBRARY_ROLES.some(role => session.hasRole(role));
}

/**
 * The « Bibliothèque » side panel.
 */
export class LibraryPanel extends ReactWidget {
  constructor(options: LibraryPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Library');
  }

  /**
   * Show one resource's page (for example after publishing it).
   */
  showResource(id: string): void {
    this._showId = id;
    this._showCount++;
    this.update();
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    const publicApi = this._options.publicApi ?? null;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          const hub = session.hub;
          const mode = libraryMode(session, publicApi?.hub.baseUrl ?? '');
          if (mode === 'detecting') {
            return (
              <p role="status">
                {trans.__('Looking for the Candyce platform…')}
              </p>
            );
          }
          if (mode === 'none' || (mode === 'public' && !publicApi)) {
            return (
              <div className="cdc-Library-unavailable">
                <h2>{trans.__('Library')}</h2>
                <p>
                  {trans.__(
                    'The library needs the Candyce platform, which this JupyterLab runs without. You can still read a public Candyce library: give its address in Settings › Candyce library › Read-only library URL.'
                  )}
                </p>
              </div>
            );
          }
          if (mode === 'hub' && !canUseLibrary(session)) {
            return (
              <div className="cdc-Library-unavailable">
                <h2>{trans.__('Library')}</h2>
                <p>
                  {trans.__(
                    'The library is for teachers: your teachers share its notebooks with you as assignments.'
                  )}
                </p>
              </div>
            );
          }
          const api =
            mode === 'hub' && hub
              ? (this._api = this._api ?? new LibraryApi(hub))
              : publicApi!;
          return (
            <LibraryView
              key={this._showCount}
              api={api}
              trans={trans}
              perPage={this._options.perPage}
              renderMarkdown={this._options.renderMarkdown}
              actions={this._options.actions}
              initialResource={this._showId}
            />
          );
        }}
      </UseSignal>
    );
  }

  private _options: LibraryPanel.IOptions;
  private _api: LibraryApi | null = null;
  private _showId: string | null = null;
  private _showCount = 0;
}

/**
 * The LibraryPanel options.
 */
export namespace LibraryPanel {
  /**
   * What the panel needs.
   */
  export interface IOptions {
    session: ICandyceSession;
    trans: TranslationBundle;
    renderMarkdown: MarkdownRenderer;
    actions: IResourceActions;
    perPage: number;
    /**
     * A public library to read without the platform (the `libraryUrl` setting), or
     * null: search, preview and « Ouvrir une copie » only.
     */
    publicApi?: LibraryApi | null;
  }
}

/**
 * Search, facets, recommendations, results, and the page of a chosen resource.
 */
function LibraryView(props: {
  api: LibraryApi;
  trans: TranslationBundle;
  perPage: number;
  renderMarkdown: MarkdownRenderer;
  actions: IResourceActions;
  initialResource: string | null;
}): JSX.Element {
  const { api, trans } = props;
  const [taxonomy, setTaxonomy] = React.useState<ITaxonomy | null>(null);
  const [text, setText] = React.useState('');
  const [query, setQuery] = React.useState<ISearchQuery>({
    ...EMPTY_QUERY,
    perPage: props.perPage
  });
  const [page, setPage] = React.useState<ISearchPage | null>(null);
  const [recommendations, setRecommendations] = React.useState<
    IRecommendation[] | null
  >(null);
  const [loading, setLoading] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<string | null>(
    props.initialResource
  );
  const lastOpened = React.useRef<string | null>(null);
  const searchSeq = React.useRef(0);

  React.useEffect(() => {
    api
      .taxonomy()
      .then(setTaxonomy)
      .catch(reason => setError(errorMessage(reason, trans)));
    if (api.readOnly) {
      // Recommendations are personal: a public library has none.
      setRecommendations([]);
      return;
    }
    api
      .recommendations()
      .then(setRecommendations)
      .catch(() => setRecommendations([]));
  }, [api]);

  // Typing waits for a pause before searching.
  React.useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(current =>
        current.q === text ? current : { ...current, q: text, page: 1 }
      );
    }, 350);
    return () => clearTimeout(timer);
  }, [text]);

  React.useEffect(() => {
    const seq = ++searchSeq.current;
    setLoading(true);
    api
      .search(query)
      .then(answer => {
        if (seq === searchSeq.current) {
          setPage(answer);
          setError(null);
        }
      })
      .catch(reason => {
        if (seq === searchSeq.current) {
          setError(errorMessage(reason, trans));
        }
      })
      .finally(() => {
        if (seq === searchSeq.current) {
          setLoading(false);
        }
      });
  }, [api, query]);

  // Back from a resource page, the focus returns to the title it was opened from.
  React.useEffect(() => {
    if (!selected && lastOpened.current) {
      document
        .getElementById(`cdc-Library-result-${lastOpened.current}`)
        ?.focus();
    }
  }, [selected]);

  if (selected) {
    return (
      <ResourcePage
        api={api}
        id={selected}
        taxonomy={taxonomy}
        trans={trans}
        renderMarkdown={props.renderMarkdown}
        actions={props.actions}
        onBack={() => setSelected(null)}
      />
    );
  }

  const open = (id: string) => {
    lastOpened.current = id;
    setSelected(id);
  };
  const update = (change: Partial<ISearchQuery>) =>
    setQuery(current => ({ ...current, page: 1, ...change }));
  const pages = page ? pageCount(page.total, page.perPage) : 1;
  const empty = isEmptyQuery({ ...query, q: text });

  return (
    <div className="cdc-Library-search">
      <h2 className="cdc-Library-title">{trans.__('Library')}</h2>
      {api.readOnly && (
        <p className="cdc-Library-note">
          {trans.__(
            'Public library, read only (%1): search, preview and open copies.',
            new URL(api.hub.baseUrl).host
          )}
        </p>
      )}
      <form
        role="search"
        className="cdc-Library-form"
        onSubmit={event => {
          event.preventDefault();
          update({ q: text });
        }}
      >
        <label htmlFor="cdc-Library-q">{trans.__('Search the library')}</label>
        <input
          id="cdc-Library-q"
          className="jp-mod-styled cdc-Library-q"
          type="search"
          value={text}
          placeholder={trans.__('e.g. quadratic equations')}
          onChange={event => setText(event.target.value)}
        />
      </form>
      <div className="cdc-Library-filters">
        <Facet
          name="discipline"
          legend={trans.__('Disciplines')}
          entries={taxonomy?.disciplines ?? []}
          counts={page?.facets.discipline ?? {}}
          selected={query.disciplines}
          onToggle={id =>
            update({ disciplines: toggle(query.disciplines, id) })
          }
        />
        <Facet
          name="level"
          legend={trans.__('Levels')}
          entries={taxonomy?.levels ?? []}
          counts={page?.facets.level ?? {}}
          selected={query.levels}
          onToggle={id => update({ levels: toggle(query.levels, id) })}
        />
        <fieldset className="cdc-Library-facet">
          <legend>{trans.__('Recommended')}</legend>
          <label>
            <input
              type="checkbox"
              checked={query.endorsed}
              onChange={() => update({ endorsed: !query.endorsed })}
            />
            {trans.__(
              'Recommended by the inspectorate only (%1)',
              page?.facets.endorsed?.oui ?? 0
            )}
          </label>
        </fieldset>
        <label className="cdc-Library-sort">
          {trans.__('Sort by')}{' '}
          <select
            className="jp-mod-styled"
            value={query.sort}
            onChange={event =>
              update({ sort: event.target.value as SortOrder })
            }
          >
            <option value="relevance">{trans.__('relevance')}</option>
            <option value="recent">{trans.__('most recent')}</option>
            <option value="popular">{trans.__('most used')}</option>
            <option value="title">{trans.__('title')}</option>
          </select>
        </label>
      </div>
      <p role="status" aria-live="polite" className="cdc-Library-count">
        {loading
          ? trans.__('Searching…')
          : page
            ? trans._n('%1 resource found', '%1 resources found', page.total)
            : ''}
      </p>
      {!loading && page && page.facetsOver < page.total && (
        <p className="cdc-Library-note">
          {page.order === 'recent' && !empty
            ? trans.__(
                'Too many results to rank them all: the newest come first. Filter counts cover the first %1.',
                page.facetsOver
              )
            : trans.__(
                'Filter counts cover the first %1 results.',
                page.facetsOver
              )}
        </p>
      )}
      {error && (
        <p role="alert" className="cdc-Library-error">
          {error}
        </p>
      )}
      {empty && recommendations && recommendations.length > 0 && (
        <section
          className="cdc-Library-forYou"
          aria-labelledby="cdc-Library-forYou-h"
        >
          <h3 id="cdc-Library-forYou-h">{trans.__('For you')}</h3>
          <ul className="cdc-Library-results">
            {recommendations.map(item => (
              <li key={item.resource.id} className="cdc-Library-result">
                <ResultTitle
                  id={`cdc-Library-rec-${item.resource.id}`}
                  title={item.resource.title}
                  onOpen={() => open(item.resource.id)}
                />
                <ul className="cdc-Library-reasons">
                  {item.reasons.map(reason => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                <Badges resource={item.resource} trans={trans} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {page && (
        <section
          className="cdc-Library-all"
          aria-labelledby="cdc-Library-results-h"
        >
          <h3 id="cdc-Library-results-h">
            {empty ? trans.__('All resources') : trans.__('Results')}
          </h3>
          <ul className="cdc-Library-results">
            {page.results.map(resource => (
              <li key={resource.id} className="cdc-Library-result">
                <ResultTitle
                  id={`cdc-Library-result-${resource.id}`}
                  title={resource.title}
                  onOpen={() => open(resource.id)}
                />
                <p className="cdc-Library-summary">{resource.summary}</p>
                <ul
                  className="cdc-Library-chips"
                  aria-label={trans.__('Disciplines and levels')}
                >
                  {resource.disciplines.map(id => (
                    <li key={`d-${id}`} className="cdc-Library-chip">
                      {labelOf(taxonomy?.disciplines, id)}
                    </li>
                  ))}
                  {resource.levels.map(id => (
                    <li
                      key={`l-${id}`}
                      className="cdc-Library-chip cdc-mod-level"
                    >
                      {labelOf(taxonomy?.levels, id)}
                    </li>
                  ))}
                </ul>
                <Badges resource={resource} trans={trans} />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav
              className="cdc-Library-pages"
              aria-label={trans.__('Result pages')}
            >
              <button
                type="button"
                className="jp-Button jp-mod-styled"
                disabled={query.page <= 1}
                onClick={() =>
                  setQuery(current => ({ ...current, page: current.page - 1 }))
                }
              >
                {trans.__('Previous page')}
              </button>
              <span>{trans.__('Page %1 of %2', query.page, pages)}</span>
              <button
                type="button"
                className="jp-Button jp-mod-styled"
                disabled={query.page >= pages}
                onClick={() =>
                  setQuery(current => ({ ...current, page: current.page + 1 }))
                }
              >
                {trans.__('Next page')}
              </button>
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * The title of a result: a button that opens its page.
 */
function ResultTitle(props: {
  id: string;
  title: string;
  onOpen: () => void;
}): JSX.Element {
  return (
    <h4 className="cdc-Library-resultTitle">
      <button
        id={props.id}
        type="button"
        className="cdc-Library-link"
        onClick={props.onOpen}
      >
        {props.title}
      </button>
    </h4>
  );
}

/**
 * A facet as a group of checkboxes: the values found (with their counts) and the
 * values chosen.
 */
function Facet(props: {
  name: string;
  legend: string;
  entries: readonly ITaxonomyEntry[];
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (id: string) => void;
}): JSX.Element | null {
  const shown = props.entries.filter(
    entry =>
      (props.counts[entry.id] ?? 0) > 0 || props.selected.includes(entry.id)
  );
  if (!shown.length) {
    return null;
  }
  return (
    <fieldset className="cdc-Library-facet">
      <legend>{props.legend}</legend>
      {shown.map(entry => (
        <label key={entry.id}>
          <input
            type="checkbox"
            name={props.name}
            value={entry.id}
            checked={props.selected.includes(entry.id)}
            onChange={() => props.onToggle(entry.id)}
          />
          {`${entry.label} (${props.counts[entry.id] ?? 0})`}
        </label>
      ))}
    </fieldset>
  );
}
