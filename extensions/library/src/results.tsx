import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IRecommendation, ISearchPage, ITaxonomy } from './api';
import { labelOf } from './labels';
import { Badges } from './resource';

/**
 * « For you »: the caller's recommendations, each with why.
 */
export function ForYou(props: {
  trans: TranslationBundle;
  recommendations: readonly IRecommendation[];
  onOpen: (id: string) => void;
}): JSX.Element {
  const { trans, recommendations, onOpen: open } = props;
  return (
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
  );
}

/**
 * A page of search results (all resources for an empty search), and the buttons to
 * the previous and next pages when there are several.
 */
export function ResultList(props: {
  trans: TranslationBundle;
  taxonomy: ITaxonomy | null;
  page: ISearchPage;
  /** Whether the search asks for nothing in particular. */
  empty: boolean;
  /** The page shown, from 1, and how many there are. */
  pageNumber: number;
  pages: number;
  onOpen: (id: string) => void;
  onPrevious: () => void;
  onNext: () => void;
}): JSX.Element {
  const { trans, taxonomy, page, empty, pages, onOpen: open } = props;
  return (
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
                <li key={`l-${id}`} className="cdc-Library-chip cdc-mod-level">
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
            disabled={props.pageNumber <= 1}
            onClick={props.onPrevious}
          >
            {trans.__('Previous page')}
          </button>
          <span>{trans.__('Page %1 of %2', props.pageNumber, pages)}</span>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            disabled={props.pageNumber >= pages}
            onClick={props.onNext}
          >
            {trans.__('Next page')}
          </button>
        </nav>
      )}
    </section>
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
