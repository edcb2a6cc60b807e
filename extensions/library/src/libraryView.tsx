import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IRecommendation,
  ISearchPage,
  ITaxonomy,
  LibraryApi
} from './api';
import { errorMessage } from './errors';
import type { MarkdownRenderer } from '@candyce/core';
import { TeachingProfileEditor } from './profile';
import {
  EMPTY_QUERY,
  isEmptyQuery,
  ISearchQuery,
  pageCount,
  SortOrder
} from './query';
import { IResourceActions, ResourcePage } from './resource';
import { ForYou, ResultList } from './results';
import { SearchFilters } from './searchFilters';
import { ISearchChoice, SearchHelp } from './searchHelp';

/**
 * What the view is asked to show from outside (the sidebar, other plugins): a new
 * search for `q`, or a resource's page. Each request has a new `seq`.
 */
export interface ILibraryRequest {
  seq: number;
  q: string | null;
  resource: string | null;
}

/**
 * The « Bibliothèque » view once a library can be read: the search field on top,
 * the facets on the left, the results as cards on the right; a chosen resource's
 * page replaces them (the search is kept, hidden, for the way back).
 */
export function LibraryView(props: {
  api: LibraryApi;
  trans: TranslationBundle;
  perPage: number;
  renderMarkdown: MarkdownRenderer;
  actions: IResourceActions;
  request: ILibraryRequest;
}): JSX.Element {
  const { api, trans, request } = props;
  const [taxonomy, setTaxonomy] = React.useState<ITaxonomy | null>(null);
  const [text, setText] = React.useState(request.q ?? '');
  const [query, setQuery] = React.useState<ISearchQuery>({
    ...EMPTY_QUERY,
    q: request.q ?? '',
    perPage: props.perPage
  });
  const [page, setPage] = React.useState<ISearchPage | null>(null);
  const [recommendations, setRecommendations] = React.useState<
    IRecommendation[] | null
  >(null);
  const [loading, setLoading] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<string | null>(
    request.resource
  );
  const lastOpened = React.useRef<string | null>(null);
  const searchSeq = React.useRef(0);
  const handled = React.useRef(request.seq);

  // A later request: the same elements stay (and keep the focus), their state changes.
  React.useEffect(() => {
    if (request.seq === handled.current) {
      return;
    }
    handled.current = request.seq;
    lastOpened.current = null;
    setSelected(request.resource);
    if (request.q !== null) {
      setText(request.q);
      setQuery({ ...EMPTY_QUERY, q: request.q, perPage: props.perPage });
    }
  }, [request.seq]);

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

  // Back from a resource page, the focus returns to the card it was opened from.
  React.useEffect(() => {
    if (!selected && lastOpened.current) {
      document.getElementById(lastOpened.current)?.focus();
    }
  }, [selected]);

  const open = (id: string, from: string) => {
    lastOpened.current = from;
    setSelected(id);
  };
  const update = (change: Partial<ISearchQuery>) =>
    setQuery(current => ({ ...current, page: 1, ...change }));
  const choose = (choice: ISearchChoice) => {
    setText(choice.q);
    update(choice);
  };
  const pages = page ? pageCount(page.total, page.perPage) : 1;
  const empty = isEmptyQuery({ ...query, q: text });

  return (
    <>
      {selected && (
        <ResourcePage
          api={api}
          id={selected}
          taxonomy={taxonomy}
          trans={trans}
          renderMarkdown={props.renderMarkdown}
          actions={props.actions}
          onBack={() => setSelected(null)}
        />
      )}
      <div className="cdc-Library-page" hidden={!!selected}>
        <div className="cdc-Library-header">
          <h2 className="cdc-Library-title">{trans.__('Library')}</h2>
          <form
            role="search"
            className="cdc-Library-form"
            onSubmit={event => {
              event.preventDefault();
              update({ q: text });
            }}
          >
            <label htmlFor="cdc-Library-q">
              {trans.__('Search the library')}
            </label>
            <input
              id="cdc-Library-q"
              className="jp-mod-styled cdc-Library-q"
              type="search"
              value={text}
              placeholder={trans.__('e.g. quadratic equations')}
              onChange={event => setText(event.target.value)}
            />
          </form>
          <button
            type="button"
            className="cdc-Library-skip"
            onClick={event => {
              // The first card, or when there is none the results' heading.
              const page = event.currentTarget.closest('.cdc-Library-page');
              (
                page?.querySelector<HTMLElement>('.cdc-Library-cardLink') ??
                page?.querySelector<HTMLElement>('#cdc-Library-results-h')
              )?.focus();
            }}
          >
            {trans.__('Skip to the results')}
          </button>
          {api.readOnly && (
            <p className="cdc-Library-note">
              {trans.__(
                'Public library, read only (%1): search, preview and open copies.',
                new URL(api.hub.baseUrl).host
              )}
            </p>
          )}
        </div>
        <div className="cdc-Library-body">
          <SearchFilters
            trans={trans}
            taxonomy={taxonomy}
            page={page}
            query={query}
            onChange={update}
          />
          <div className="cdc-Library-main">
            <div className="cdc-Library-bar">
              <p role="status" aria-live="polite" className="cdc-Library-count">
                {loading
                  ? trans.__('Searching…')
                  : page
                    ? trans._n(
                        '%1 resource found',
                        '%1 resources found',
                        page.total
                      )
                    : ''}
              </p>
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
            {!loading && page && (
              <SearchHelp
                trans={trans}
                taxonomy={taxonomy}
                page={page}
                typed={query.q}
                onChoose={choose}
              />
            )}
            {error && (
              <p role="alert" className="cdc-Library-error">
                {error}
              </p>
            )}
            {empty &&
              taxonomy &&
              !api.readOnly &&
              props.actions.canAssign() && (
                <TeachingProfileEditor
                  api={api}
                  taxonomy={taxonomy}
                  trans={trans}
                  onSaved={() =>
                    api
                      .recommendations()
                      .then(setRecommendations)
                      .catch(() => setRecommendations([]))
                  }
                />
              )}
            {empty && recommendations && recommendations.length > 0 && (
              <ForYou
                trans={trans}
                taxonomy={taxonomy}
                recommendations={recommendations}
                onOpen={open}
              />
            )}
            {page && (
              <ResultList
                trans={trans}
                taxonomy={taxonomy}
                page={page}
                empty={empty}
                pageNumber={query.page}
                pages={pages}
                onOpen={open}
                onPrevious={() =>
                  setQuery(current => ({ ...current, page: current.page - 1 }))
                }
                onNext={() =>
                  setQuery(current => ({ ...current, page: current.page + 1 }))
                }
              />
            )}
          </div>
        </div>
      </div>
    </>
  );
}
