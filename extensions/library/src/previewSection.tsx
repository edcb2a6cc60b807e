import type { MarkdownRenderer } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IResourceDetail, LibraryApi } from './api';
import { errorMessage } from './errors';
import { INotebookPreview, notebookPreview, renderPreview } from './preview';
import { bytesToText } from './query';

/**
 * The read-only preview of a resource's first notebook, as a notebook reads: cells in
 * order, prompts, outputs. Nothing in it runs (see `preview.ts`).
 */
export function NotebookPreview(props: {
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
  const [preview, setPreview] = React.useState<INotebookPreview | null>(null);
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
        const read = notebookPreview(JSON.parse(bytesToText(bytes)));
        await renderPreview(host.current, read, props.renderMarkdown, trans);
        setPreview(read);
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
      {preview && (
        <p className="cdc-Library-note">
          {preview.language
            ? trans._n(
                '%2 notebook, %1 cell',
                '%2 notebook, %1 cells',
                preview.cellCount,
                preview.language
              )
            : trans._n(
                'Notebook, %1 cell',
                'Notebook, %1 cells',
                preview.cellCount
              )}
        </p>
      )}
      {!first && <p>{trans.__('This resource has no notebook to preview.')}</p>}
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
