import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/**
 * The engine's notes on a software list, as the hub gives them (in French, each with
 * its file): what the builder does differently from repo2docker, what it leaves aside
 * (Pipfile beside environment.yml, conda packages without a PyPI equivalent…), how it
 * runs postBuild. Nothing when there is nothing to say.
 */
export function ListNotes(props: {
  notes: readonly string[];
  trans: TranslationBundle;
}): JSX.Element | null {
  const { notes, trans } = props;
  if (!notes.length) {
    return null;
  }
  return (
    <div className="cdc-EnvLock-note">
      <p>{trans.__('What this platform’s builder does with the list:')}</p>
      <ul>
        {notes.map(note => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
