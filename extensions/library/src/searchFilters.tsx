import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ISearchPage, ITaxonomy } from './api';
import { Facet } from './facet';
import { ISearchQuery, SortOrder, toggle } from './query';

/**
 * The filters of a library search: disciplines, levels, recommended only, and the sort
 * order. Each change goes to `onChange` (the search then restarts at page 1).
 */
export function SearchFilters(props: {
  trans: TranslationBundle;
  taxonomy: ITaxonomy | null;
  /** The last page found: its facet counts. */
  page: ISearchPage | null;
  query: ISearchQuery;
  onChange: (change: Partial<ISearchQuery>) => void;
}): JSX.Element {
  const { trans, taxonomy, page, query, onChange: update } = props;
  return (
    <div className="cdc-Library-filters">
      <Facet
        name="discipline"
        legend={trans.__('Disciplines')}
        entries={taxonomy?.disciplines ?? []}
        counts={page?.facets.discipline ?? {}}
        selected={query.disciplines}
        onToggle={id => update({ disciplines: toggle(query.disciplines, id) })}
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
          onChange={event => update({ sort: event.target.value as SortOrder })}
        >
          <option value="relevance">{trans.__('relevance')}</option>
          <option value="recent">{trans.__('most recent')}</option>
          <option value="popular">{trans.__('most used')}</option>
          <option value="title">{trans.__('title')}</option>
        </select>
      </label>
    </div>
  );
}
