import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ITaxonomyEntry } from './api';

/**
 * A facet as a collapsible group of checkboxes: the values found (with their counts)
 * and the values chosen. Its counts are those of the search without this facet's own
 * filter, so ticking a second value widens the search (OR within a facet). Renders
 * nothing when no value is found or chosen.
 */
export function Facet(props: {
  name: string;
  legend: string;
  entries: readonly ITaxonomyEntry[];
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (id: string) => void;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { name, trans } = props;
  const [expanded, setExpanded] = React.useState(true);
  const shown = props.entries.filter(
    entry =>
      (props.counts[entry.id] ?? 0) > 0 || props.selected.includes(entry.id)
  );
  if (!shown.length) {
    return null;
  }
  const valuesId = `cdc-Library-facet-${name}`;
  return (
    <fieldset className="cdc-Library-facet">
      <legend>
        <button
          type="button"
          className="cdc-Library-facetToggle"
          aria-expanded={expanded}
          aria-controls={valuesId}
          onClick={() => setExpanded(!expanded)}
        >
          <span className="cdc-Library-facetName">{props.legend}</span>
          {props.selected.length > 0 && (
            <span className="cdc-Library-facetChosen">
              {trans._n('%1 chosen', '%1 chosen', props.selected.length)}
            </span>
          )}
        </button>
      </legend>
      <div id={valuesId} hidden={!expanded}>
        {shown.map(entry => (
          <label key={entry.id} className="cdc-Library-facetValue">
            <input
              type="checkbox"
              name={name}
              value={entry.id}
              checked={props.selected.includes(entry.id)}
              onChange={() => props.onToggle(entry.id)}
            />
            <span className="cdc-Library-facetLabel">{entry.label}</span>
            <span className="cdc-Library-facetCount">
              {props.counts[entry.id] ?? 0}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
