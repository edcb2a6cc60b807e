import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IRecommendation,
  IResourceSummary,
  ISearchPage,
  ITaxonomy
} from './api';
import { labelOf } from './labels';
import { Badges } from './resource';

/**
 * Open a resource's page; `from` is the id of the card's button, focused again on
 * the way back.
 */
type OpenResource = (id: string, from: string) => void;

/**
 * « Pour vous »: the caller's recommendations as cards, each with why.
 */
export function ForYou(props: {
  trans: TranslationBundle;
  taxonomy: ITaxonomy | null;
  recommendations: readonly IRecommendation[];
  onOpen: OpenResource;
}): JSX.Element {
  const { trans, recommendations } = props;
  return (
    <section
      className="cdc-Library-forYou"
      aria-labelledby="cdc-Library-forYou-h"
    >
      <h3 id="cdc-Library-forYou-h">{trans.__('For you')}</h3>
      <ul className="cdc-Library-cards">
        {recommendations.map(item => (
          <ResourceCard
            key={item.resource.id}
            cardId={`cdc-Library-rec-${item.resource.id}`}
            resource={item.resource}
            taxonomy={props.taxonomy}
            trans={trans}
            onOpen={props.onOpen}
          >
            <ul className="cdc-Library-reasons">
              {item.reasons.map(reason => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </ResourceCard>
        ))}
      </ul>
    </section>
  );
}

/**
 * A page of search results as cards (all resources for an empty search), and the
 * buttons to the previous and next pages when there are several.
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
  onOpen: OpenResource;
  onPrevious: () => void;
  onNext: () => void;
}): JSX.Element {
  const { trans, taxonomy, page, empty, pages } = props;
  return (
    <section
      className="cdc-Library-all"
      aria-labelledby="cdc-Library-results-h"
    >
      <h3 id="cdc-Library-results-h" tabIndex={-1}>
        {empty ? trans.__('All resources') : trans.__('Results')}
      </h3>
      <ul className="cdc-Library-cards">
        {page.results.map(resource => (
          <ResourceCard
            key={resource.id}
            cardId={`cdc-Library-result-${resource.id}`}
            resource={resource}
            taxonomy={taxonomy}
            trans={trans}
            onOpen={props.onOpen}
          >
            <p className="cdc-Library-summary">{resource.summary}</p>
          </ResourceCard>
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
 * A resource as a card: its title (the one keyboard stop: Enter opens the page; a
 * click anywhere on the card does too), disciplines and levels, what the caller
 * passes (summary or reasons), and its endorsements.
 */
function ResourceCard(props: {
  cardId: string;
  resource: IResourceSummary;
  taxonomy: ITaxonomy | null;
  trans: TranslationBundle;
  onOpen: OpenResource;
  children: React.ReactNode;
}): JSX.Element {
  const { cardId, resource, taxonomy, trans } = props;
  return (
    <li className="cdc-Library-card">
      <h4 className="cdc-Library-resultTitle">
        <button
          id={cardId}
          type="button"
          className="cdc-Library-link cdc-Library-cardLink"
          onClick={() => props.onOpen(resource.id, cardId)}
        >
          {resource.title}
        </button>
      </h4>
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
      {props.children}
      <Badges resource={resource} trans={trans} />
    </li>
  );
}
