import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ISearchPage, ITaxonomy } from './api';
import { labelOf } from './labels';

/**
 * Another search to run: its words and, when they change, the filters to tick.
 */
export interface ISearchChoice {
  q: string;
  disciplines?: string[];
  levels?: string[];
}

/**
 * What the hub made of the query: the levels and disciplines it read in the words,
 * « Vouliez-vous dire… ? » with the corrected query, a note when results have only some
 * of the words, and, when nothing is found, other searches that find something.
 */
export function SearchHelp(props: {
  trans: TranslationBundle;
  taxonomy: ITaxonomy | null;
  page: ISearchPage;
  /** The query as typed. */
  typed: string;
  onChoose: (choice: ISearchChoice) => void;
}): JSX.Element | null {
  const { trans, taxonomy, page, typed, onChoose: choose } = props;
  const understood = [
    ...page.understood.discipline.map(id => labelOf(taxonomy?.disciplines, id)),
    ...page.understood.level.map(id => labelOf(taxonomy?.levels, id))
  ];
  const describe = (choice: ISearchChoice) =>
    [
      choice.q ? `« ${choice.q} »` : '',
      ...(choice.disciplines ?? []).map(id =>
        labelOf(taxonomy?.disciplines, id)
      ),
      ...(choice.levels ?? []).map(id => labelOf(taxonomy?.levels, id))
    ]
      .filter(Boolean)
      .join(' · ');
  if (
    !understood.length &&
    !page.didYouMean &&
    !page.partial &&
    !page.suggestions.length
  ) {
    return null;
  }
  return (
    <div className="cdc-Library-help">
      {understood.length > 0 && (
        <p className="cdc-Library-note">
          {trans.__('Read as filters: %1', understood.join(', '))}
        </p>
      )}
      {page.didYouMean && (
        <p className="cdc-Library-didYouMean">
          {trans.__('Did you mean')}{' '}
          <button
            type="button"
            className="cdc-Library-link"
            onClick={() => choose({ q: page.didYouMean ?? '' })}
          >
            {page.didYouMean}
          </button>{' '}
          ?
          {page.corrected && (
            <>
              {' '}
              {trans.__(
                'Nothing was found for “%1”: these are the results for “%2”.',
                typed,
                page.didYouMean
              )}
            </>
          )}
        </p>
      )}
      {page.partial && (
        <p className="cdc-Library-note">
          {trans.__('No resource has all these words: here are the nearest.')}
        </p>
      )}
      {page.suggestions.length > 0 && (
        <div className="cdc-Library-suggestions">
          <p className="cdc-Library-note">{trans.__('Try instead:')}</p>
          <ul>
            {page.suggestions.map(suggestion => (
              <li key={describe(suggestion)}>
                <button
                  type="button"
                  className="cdc-Library-link"
                  onClick={() => choose(suggestion)}
                >
                  {describe(suggestion)}
                </button>{' '}
                {trans._n('(%1 resource)', '(%1 resources)', suggestion.total)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
