import * as React from 'react';

import type { ITaxonomyEntry } from './api';

/**
 * A facet as a group of checkboxes: the values found (with their counts) and the
 * values chosen. Renders nothing when no value is found or chosen.
 */
export function Facet(props: {
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
