import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IRecommendation,
  ISearchPage,
  ITaxonomy,
  LibraryApi
} from './api';
import { errorMessage } from './errors';
import type { MarkdownRenderer } from './preview';
import { EMPTY_QUERY, isEmptyQuery, ISearchQuery, pageCount } from './query';
import { IResourceActions, ResourcePage } from './resource';
import { ForYou, ResultList } from './results';
import { SearchFilters } from './searchFilters';
import { ISearchChoice, SearchHelp } from './searchHelp';

/**
 * Search, facets, recommendations, results, and the page of a chosen resource: the
 * content of the « Bibliothèque » panel once a library can be read.
 */
export function LibraryView(props: {
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
  const choose = (choice: ISearchChoice) => {
    setText(choice.q);
    update(choice);
  };
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
      <SearchFilters
        trans={trans}
        taxonomy={taxonomy}
        page={page}
        query={query}
        onChange={update}
      />
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
      {empty && recommendations && recommendations.length > 0 && (
        <ForYou trans={trans} recommendations={recommendations} onOpen={open} />
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
  );
}
