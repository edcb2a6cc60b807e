import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ISearchPage, ITaxonomy } from './api';
import { Facet } from './facet';
import { ISearchQuery, toggle } from './query';

/**
 * The filters of a library search, on the left of the view: disciplines, levels and
 * « recommended only », each a collapsible group. Each change goes to `onChange` (the
 * search then restarts at page 1).
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
  const chosen =
    query.disciplines.length + query.levels.length + (query.endorsed ? 1 : 0);
  return (
    <section
      className="cdc-Library-filters"
      aria-labelledby="cdc-Library-filters-h"
    >
      <h3 id="cdc-Library-filters-h">{trans.__('Filters')}</h3>
      <p className="cdc-Library-hint">
        {trans.__(
          'Several values of one filter widen the search; several filters narrow it.'
        )}
      </p>
      {chosen > 0 && (
        <button
          type="button"
          className="jp-Button jp-mod-styled cdc-Library-clear"
          onClick={() =>
            update({ disciplines: [], levels: [], endorsed: false })
          }
        >
          {trans.__('Clear the filters')}
        </button>
      )}
      <Facet
        name="discipline"
        legend={trans.__('Disciplines')}
        entries={taxonomy?.disciplines ?? []}
        counts={page?.facets.discipline ?? {}}
        selected={query.disciplines}
        onToggle={id => update({ disciplines: toggle(query.disciplines, id) })}
        trans={trans}
      />
      <Facet
        name="level"
        legend={trans.__('Levels')}
        entries={taxonomy?.levels ?? []}
        counts={page?.facets.level ?? {}}
        selected={query.levels}
        onToggle={id => update({ levels: toggle(query.levels, id) })}
        trans={trans}
      />
      <Facet
        name="endorsed"
        legend={trans.__('Recommended')}
        entries={[
          { id: 'oui', label: trans.__('Recommended by the inspectorate only') }
        ]}
        counts={page?.facets.endorsed ?? {}}
        selected={query.endorsed ? ['oui'] : []}
        onToggle={() => update({ endorsed: !query.endorsed })}
        trans={trans}
      />
    </section>
  );
}
