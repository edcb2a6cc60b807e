import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IResourceDetail, ITaxonomy, LibraryApi } from './api';
import { errorMessage } from './errors';
import { labelOf } from './labels';
import { MarkdownRenderer, notebookPreview, renderPreview } from './preview';
import { bytesToText } from './query';

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

  const licence = taxonomy?.licences.find(l => l.id === resource.licence);
  const names = (list: (string | null)[]) =>
    list.filter((name): name is string => !!name).join(', ');
  return (
    <article className="cdc-Resource" aria-labelledby="cdc-Resource-title">
      {back}
      <h2 id="cdc-Resource-title" ref={heading} tabIndex={-1}>
        {resource.title}
      </h2>
      <p className="cdc-Resource-summary">{resource.summary}</p>
      <Badges resource={resource} trans={trans} />
      <dl className="cdc-Resource-meta">
        <dt>{trans.__('Disciplines')}</dt>
        <dd>
          {resource.disciplines
            .map(d => labelOf(taxonomy?.disciplines, d))
            .join(', ')}
        </dd>
        <dt>{trans.__('Levels')}</dt>
        <dd>
          {resource.levels.map(l => labelOf(taxonomy?.levels, l)).join(', ')}
        </dd>
        <dt>{trans.__('Language')}</dt>
        <dd>{labelOf(taxonomy?.languages, resource.language)}</dd>
        <dt>{trans.__('Duration')}</dt>
        <dd>{trans.__('%1 min', resource.durationMinutes)}</dd>
        <dt>{trans.__('Licence')}</dt>
        <dd>
          {licence?.url ? (
            <a href={licence.url} target="_blank" rel="noopener noreferrer">
              {licence.label}
            </a>
          ) : (
            (licence?.label ?? resource.licence)
          )}
        </dd>
        <dt>{trans.__('Authors')}</dt>
        <dd>{resource.authors.join(', ')}</dd>
        {resource.keywords.length > 0 && (
          <>
            <dt>{trans.__('Keywords')}</dt>
            <dd>{resource.keywords.join(', ')}</dd>
          </>
        )}
        <dt>{trans.__('Current version')}</dt>
        <dd>{resource.version}</dd>
      </dl>
      {(resource.endorsedBy.inspection.length > 0 ||
        resource.endorsedBy.peer.length > 0) && (
        <ul className="cdc-Resource-endorsers">
          {resource.endorsedBy.inspection.length > 0 && (
            <li>
              {trans.__(
                'Recommended for the inspectorate by %1',
                names(resource.endorsedBy.inspection)
              )}
            </li>
          )}
          {resource.endorsedBy.peer.length > 0 && (
            <li>
              {trans.__('Recommended by %1', names(resource.endorsedBy.peer))}
            </li>
          )}
        </ul>
      )}
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
      <h3>{trans.__('Versions')}</h3>
      <ol className="cdc-Resource-versions" reversed>
        {[...resource.versions]
          .sort((a, b) => b.version - a.version)
          .map(v => (
            <li key={v.version}>
              {trans.__(
                'Version %1, « %2 », published on %3 by %4',
                v.version,
                v.title,
                new Date(v.publishedAt).toLocaleDateString('fr-FR'),
                v.publishedBy ?? '?'
              )}
            </li>
          ))}
      </ol>
      <h3>{trans.__('Files')}</h3>
      <ul className="cdc-Resource-files">
        {resource.files.map(file => (
          <li key={file.path}>
            {trans.__('%1 (%2 kB)', file.path, Math.ceil(file.size / 1024))}
          </li>
        ))}
      </ul>
      <Preview
        api={api}
        resource={resource}
        trans={trans}
        renderMarkdown={props.renderMarkdown}
      />
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

/**
 * The read-only preview of the resource's first notebook.
 */
function Preview(props: {
  api: LibraryApi;
  resource: IResourceDetail;
  trans: TranslationBundle;
  renderMarkdown: MarkdownRenderer;
}): JSX.Element {
  const { api, resource, trans } = props;
  const host = React.useRef<HTMLDivElement>(null);
  const [state, setState] = React.useState<'loading' | 'done' | string>(
    'loading'
  );
  const first = resource.files.find(file => file.path.endsWith('.ipynb'));
  React.useEffect(() => {
    if (!first || !host.current) {
      return;
    }
    let cancelled = false;
    setState('loading');
    api
      .fileBytes(resource.id, resource.version, first.path)
      .then(async bytes => {
        if (cancelled || !host.current) {
          return;
        }
        const preview = notebookPreview(JSON.parse(bytesToText(bytes)));
        await renderPreview(host.current, preview, props.renderMarkdown, trans);
        setState('done');
      })
      .catch(reason => {
        if (!cancelled) {
          setState(errorMessage(reason, trans));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [resource.id, resource.version, first?.path]);
  return (
    <section className="cdc-Resource-preview" aria-labelledby="cdc-Preview-h">
      <h3 id="cdc-Preview-h">
        {first
          ? trans.__('Preview of %1 (read only)', first.path)
          : trans.__('Preview')}
      </h3>
      {state === 'loading' && first && (
        <p role="status">{trans.__('Loading the preview…')}</p>
      )}
      {state !== 'loading' && state !== 'done' && (
        <p role="alert" className="cdc-Library-error">
          {state}
        </p>
      )}
      <div ref={host} className="cdc-Preview" />
    </section>
  );
}
