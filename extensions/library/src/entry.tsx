import type { ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import * as React from 'react';

import { libraryAccess, NoLibrary } from './access';
import { IRecommendation, LibraryApi } from './api';

/**
 * How many recommendations the sidebar lists (the view lists them all).
 */
const SHOWN_RECOMMENDATIONS = 5;

/**
 * The library's entry in the left sidebar: a search box and a few recommendations,
 * each opening the « Bibliothèque » view in the main area, where there is room.
 */
export class LibraryEntry extends ReactWidget {
  constructor(options: LibraryEntry.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-LibraryEntry');
  }

  protected override onAfterShow(msg: Message): void {
    // Nothing is asked of the hub until a teacher opens the sidebar.
    this._shown = true;
    super.onAfterShow(msg);
    this.update();
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          const access = libraryAccess(
            session,
            this._options.publicApi,
            () => (this._api = this._api ?? new LibraryApi(session.hub!))
          );
          return (
            <>
              <h2>{trans.__('Library')}</h2>
              {access.kind === 'ready' ? (
                <EntryContent
                  api={access.api}
                  shown={this._shown}
                  {...this._options}
                />
              ) : (
                <NoLibrary access={access} trans={trans} />
              )}
            </>
          );
        }}
      </UseSignal>
    );
  }

  private _options: LibraryEntry.IOptions;
  private _api: LibraryApi | null = null;
  private _shown = false;
}

/**
 * The LibraryEntry options.
 */
export namespace LibraryEntry {
  /**
   * What the entry needs, and what it asks of the view.
   */
  export interface IOptions {
    session: ICandyceSession;
    trans: TranslationBundle;
    publicApi: LibraryApi | null;
    /** Open the view and search for these words (all resources for none). */
    onSearch: (q: string) => void;
    /** Open the view on a resource's page. */
    onShowResource: (id: string) => void;
  }
}

function EntryContent(
  props: LibraryEntry.IOptions & { api: LibraryApi; shown: boolean }
): JSX.Element {
  const { api, trans, shown } = props;
  const [text, setText] = React.useState('');
  const [recommendations, setRecommendations] = React.useState<
    IRecommendation[]
  >([]);
  React.useEffect(() => {
    // A public library has no personal recommendations.
    if (!shown || api.readOnly) {
      return;
    }
    api
      .recommendations()
      .then(found => setRecommendations(found.slice(0, SHOWN_RECOMMENDATIONS)))
      .catch(() => setRecommendations([]));
  }, [api, shown]);
  return (
    <>
      <form
        role="search"
        className="cdc-LibraryEntry-form"
        onSubmit={event => {
          event.preventDefault();
          props.onSearch(text.trim());
        }}
      >
        <label htmlFor="cdc-LibraryEntry-q">
          {trans.__('Find a resource')}
        </label>
        <div className="cdc-LibraryEntry-row">
          <input
            id="cdc-LibraryEntry-q"
            className="jp-mod-styled"
            type="search"
            value={text}
            placeholder={trans.__('e.g. quadratic equations')}
            onChange={event => setText(event.target.value)}
          />
          <button type="submit" className="jp-Button jp-mod-styled">
            {trans.__('Search')}
          </button>
        </div>
      </form>
      <p className="cdc-Library-note">
        {trans.__(
          'Results, filters and previews open in the « Library » tab of the main area.'
        )}
      </p>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept cdc-LibraryEntry-open"
        onClick={() => props.onSearch('')}
      >
        {trans.__('Open the library')}
      </button>
      {recommendations.length > 0 && (
        <section aria-labelledby="cdc-LibraryEntry-forYou">
          <h3 id="cdc-LibraryEntry-forYou">{trans.__('Suggested for you')}</h3>
          <ul className="cdc-LibraryEntry-list">
            {recommendations.map(item => (
              <li key={item.resource.id}>
                <button
                  type="button"
                  className="cdc-Library-link"
                  title={item.reasons.join(' · ')}
                  onClick={() => props.onShowResource(item.resource.id)}
                >
                  {item.resource.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
