import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IResourceDetail, ITaxonomy, LibraryApi } from './api';
import { errorMessage } from './errors';
import type { MarkdownRenderer } from '@candyce/core';
import { NotebookPreview } from './previewSection';
import { ResourceDetails } from './resourceDetails';

/**
 * What the resource page can ask of the application.
 */
export interface IResourceActions {
  /** Copy the resource into the user's home and open its first notebook. */
  openCopy(resource: IResourceDetail): Promise<string>;
  /** Open the publishing dialog for a new version; resolves true once published. */
  publishVersion(resource: IResourceDetail): Promise<boolean>;
  /**
   * Whether « Donner en devoir » is offered: the assignments extension is installed and
   * the user teaches.
   */
  canAssign(): boolean;
  /** Open the « Nouveau devoir » form for this version; resolves to a status message. */
  assign(resource: IResourceDetail): Promise<string>;
}

/**
 * The page of one resource: metadata, endorsements, versions, files, a read-only
 * preview of its first notebook and the actions on it.
 */
export function ResourcePage(props: {
  api: LibraryApi;
  id: string;
  taxonomy: ITaxonomy | null;
  trans: TranslationBundle;
  renderMarkdown: MarkdownRenderer;
  actions: IResourceActions;
  onBack: () => void;
}): JSX.Element {
  const { api, id, taxonomy, trans, actions } = props;
  const [resource, setResource] = React.useState<IResourceDetail | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const heading = React.useRef<HTMLHeadingElement>(null);

  const load = React.useCallback(() => {
    setError(null);
    api
      .resource(id)
      .then(setResource)
      .catch(reason => setError(errorMessage(reason, trans)));
  }, [api, id]);
  React.useEffect(load, [load]);
  React.useEffect(() => {
    if (resource) {
      heading.current?.focus();
    }
  }, [resource?.id]);

  const run = async (action: () => Promise<string | void>) => {
    setBusy(true);
    setError(null);
    try {
      const done = await action();
      if (done) {
        setStatus(done);
      }
    } catch (reason) {
      setError(errorMessage(reason, trans));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <button
      type="button"
      className="jp-Button jp-mod-minimal cdc-Library-back"
      onClick={props.onBack}
    >
      {trans.__('← Back to the results')}
    </button>
  );
  if (!resource) {
    return (
      <div className="cdc-Resource">
        {back}
        {error ? (
          <p role="alert" className="cdc-Library-error">
            {error}
          </p>
        ) : (
          <p role="status">{trans.__('Loading the resource…')}</p>
        )}
      </div>
    );
  }

  return (
    <article
      className="cdc-Resource"
      aria-labelledby="cdc-Resource-title"
      onKeyDown={event => {
        // Escape returns to the results (and the focus to the card), unless it
        // closes a dialog opened from here (« Donner en devoir »).
        if (
          event.key === 'Escape' &&
          !event.defaultPrevented &&
          !document.querySelector('.jp-Dialog')
        ) {
          event.preventDefault();
          props.onBack();
        }
      }}
    >
      <header className="cdc-Resource-header">
        {back}
        <h2 id="cdc-Resource-title" ref={heading} tabIndex={-1}>
          {resource.title}
        </h2>
        <p className="cdc-Resource-summary">{resource.summary}</p>
        <Badges resource={resource} trans={trans} />
        <div className="cdc-Resource-actions">
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={busy}
            onClick={() => run(() => actions.openCopy(resource))}
          >
            {trans.__('Open a copy')}
          </button>
          <a
            className="jp-Button jp-mod-styled cdc-Resource-download"
            href={api.exportUrl(resource.id, resource.version)}
            download
            title={trans.__(
              'The notebooks, their data and environment files, ready for mybinder.org'
            )}
          >
            {trans.__('Download (Binder zip)')}
          </a>
          {!api.readOnly && resource.can.endorse && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              aria-pressed={resource.mine.peer}
              disabled={busy}
              onClick={() =>
                run(async () => {
                  setResource(
                    await api.endorse(resource.id, 'peer', !resource.mine.peer)
                  );
                })
              }
            >
              {resource.mine.peer
                ? trans.__('Stop recommending')
                : trans.__('Recommend')}
            </button>
          )}
          {!api.readOnly && resource.can.endorseForInspection && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              aria-pressed={resource.mine.inspection}
              disabled={busy}
              onClick={() =>
                run(async () => {
                  setResource(
                    await api.endorse(
                      resource.id,
                      'inspection',
                      !resource.mine.inspection
                    )
                  );
                })
              }
            >
              {resource.mine.inspection
                ? trans.__('Withdraw the inspectorate recommendation')
                : trans.__('Recommend for the inspectorate')}
            </button>
          )}
          {!api.readOnly && actions.canAssign() && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              disabled={busy}
              onClick={() => run(() => actions.assign(resource))}
            >
              {trans.__('Assign as homework')}
            </button>
          )}
          {!api.readOnly && resource.can.publishVersion && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  if (!(await actions.publishVersion(resource))) {
                    return '';
                  }
                  load();
                  return trans.__('New version published.');
                })
              }
            >
              {trans.__('Publish a new version')}
            </button>
          )}
        </div>
        <p role="status" className="cdc-Library-status">
          {busy ? trans.__('Please wait…') : status}
        </p>
        {error && (
          <p role="alert" className="cdc-Library-error">
            {error}
          </p>
        )}
      </header>
      {/* The details come first: the preview's own headings (often an h1) end the page. */}
      <div className="cdc-Resource-body">
        <ResourceDetails
          resource={resource}
          taxonomy={taxonomy}
          trans={trans}
        />
        <NotebookPreview
          api={api}
          resource={resource}
          trans={trans}
          renderMarkdown={props.renderMarkdown}
        />
      </div>
    </article>
  );
}

/**
 * The endorsement badges of a resource.
 */
export function Badges(props: {
  resource: { endorsements: { peer: number; inspection: number } };
  trans: TranslationBundle;
}): JSX.Element | null {
  const { endorsements } = props.resource;
  const { trans } = props;
  if (!endorsements.inspection && !endorsements.peer) {
    return null;
  }
  return (
    <p className="cdc-Library-badges">
      {endorsements.inspection > 0 && (
        <span className="cdc-Library-badge cdc-mod-inspection">
          {trans.__('Recommended by the inspectorate')}
        </span>
      )}
      {endorsements.peer > 0 && (
        <span className="cdc-Library-badge">
          {trans._n(
            'Recommended by %1 colleague',
            'Recommended by %1 colleagues',
            endorsements.peer
          )}
        </span>
      )}
    </p>
  );
}
