import type { ICandyceSession } from '@candyce/core';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { KernelSpec } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import * as React from 'react';

import { EnvironmentsApi, IEnvironmentOptions } from './api';
import { EnvironmentDraft } from './draft';
import { EnvironmentEditor } from './editor';
import { describeFailure } from './errors';
import { useSignals } from './hooks';
import { readPinned } from './metadata';
import type { Operation } from './operation';
import type { IEnvironmentPreparer } from './tokens';
import { OperationProgress } from './progress';
import { EnvironmentSummary } from './summary';

/**
 * The « Environnement » side panel: the current notebook's environment, and for
 * teachers, authors and admins the editor of its software list.
 */
export class EnvironmentPanel extends ReactWidget {
  constructor(options: EnvironmentPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Environment');
  }

  protected render(): JSX.Element {
    return (
      <PanelView
        {...this._options}
        api={() => this._api()}
        draftOf={panel => this._draftOf(panel)}
      />
    );
  }

  /** Emitted with a notebook whose resolution or build started, moved or ended. */
  get operationChanged(): ISignal<EnvironmentPanel, NotebookPanel> {
    return this._operationChanged;
  }

  /** The resolution or build running for a notebook from this panel, if any. */
  operationOf(panel: NotebookPanel): Operation | null {
    return this._drafts.get(panel)?.operation ?? null;
  }

  override dispose(): void {
    this._drafts.forEach(draft => draft.dispose());
    this._drafts.clear();
    super.dispose();
  }

  private _api(): EnvironmentsApi | null {
    const hub = this._options.session.hub;
    if (!hub) {
      return null;
    }
    if (this._apiCache?.hub !== hub) {
      this._apiCache = new EnvironmentsApi(hub);
    }
    return this._apiCache;
  }

  /**
   * Each notebook keeps its draft while the panel shows another one.
   */
  private _draftOf(panel: NotebookPanel): EnvironmentDraft | null {
    const api = this._api();
    if (!api) {
      return null;
    }
    let draft = this._drafts.get(panel);
    if (!draft) {
      draft = new EnvironmentDraft({
        panel,
        api,
        kernelspecs: this._options.kernelspecs,
        trans: this._options.trans
      });
      this._drafts.set(panel, draft);
      // The notebook's toolbar shows the same progress as the panel.
      draft.changed.connect(() => this._operationChanged.emit(panel));
      panel.disposed.connect(() => {
        this._drafts.get(panel)?.dispose();
        this._drafts.delete(panel);
      });
    }
    return draft;
  }

  private _options: EnvironmentPanel.IOptions;
  private _apiCache: EnvironmentsApi | null = null;
  private _drafts = new Map<NotebookPanel, EnvironmentDraft>();
  private _operationChanged = new Signal<EnvironmentPanel, NotebookPanel>(this);
}

/**
 * The EnvironmentPanel options.
 */
export namespace EnvironmentPanel {
  export interface IOptions {
    session: ICandyceSession;
    notebooks: INotebookTracker;
    kernelspecs: KernelSpec.IManager;
    preparer: IEnvironmentPreparer;
    /** Whether the user may change software lists. */
    canEdit: () => boolean;
    trans: TranslationBundle;
  }
}

function PanelView(
  props: EnvironmentPanel.IOptions & {
    api: () => EnvironmentsApi | null;
    draftOf: (panel: NotebookPanel) => EnvironmentDraft | null;
  }
): JSX.Element {
  const { session, notebooks, trans } = props;
  useSignals(session.changed, notebooks.currentChanged);
  const notebook = notebooks.currentWidget;
  const api = props.api();

  let body: JSX.Element;
  if (session.mode === 'detecting') {
    body = <p>{trans.__('Looking for the Candyce platform…')}</p>;
  } else if (session.mode === 'standalone') {
    body = (
      <p className="cdc-Environment-unavailable">
        {trans.__(
          'Environments need the Candyce platform, which this JupyterLab runs without: notebooks run on the kernels installed on this server.'
        )}
      </p>
    );
  } else if (!notebook || !api) {
    body = (
      <p>{trans.__('Open a notebook to see the environment it runs on.')}</p>
    );
  } else {
    body = (
      <NotebookView
        key={notebook.id}
        {...props}
        notebook={notebook}
        api={api}
        draft={props.canEdit() ? props.draftOf(notebook) : null}
      />
    );
  }
  return (
    <div className="cdc-Environment-body">
      <h2 className="cdc-Environment-title" tabIndex={-1}>
        {trans.__('Environment')}
      </h2>
      {body}
    </div>
  );
}

function NotebookView(
  props: EnvironmentPanel.IOptions & {
    notebook: NotebookPanel;
    api: EnvironmentsApi;
    draft: EnvironmentDraft | null;
  }
): JSX.Element {
  const { notebook, api, draft, preparer, kernelspecs, trans } = props;
  useSignals(
    notebook.model?.metadataChanged,
    preparer.changed,
    kernelspecs.specsChanged,
    draft?.changed
  );
  const options = useOptions(api, draft, trans);
  const preparing = preparer.operationOf(notebook);
  const pinned = readPinned(notebook.model?.getMetadata('candyce'));
  // A new built state is worth checking once a preparation ends.
  const [refreshKey, setRefreshKey] = React.useState(0);
  const wasPreparing = React.useRef(false);
  React.useEffect(() => {
    if (wasPreparing.current && !preparing) {
      setRefreshKey(key => key + 1);
    }
    wasPreparing.current = !!preparing;
  }, [preparing]);

  // Whatever runs is shown first, where the teacher is looking.
  const running = preparing ?? draft?.operation ?? null;
  const runningLabel = preparing
    ? trans.__('Preparing the notebook’s environment')
    : draft?.state === 'resolving'
      ? trans.__('Resolving the software list')
      : trans.__('Building the environment');
  return (
    <>
      {running && (
        <OperationProgress
          operation={running}
          label={runningLabel}
          trans={trans}
        />
      )}
      <p className="cdc-Environment-notebook">
        {trans.__('Current notebook: %1', notebook.context.localPath)}
      </p>
      <EnvironmentSummary
        pinned={pinned}
        api={api}
        kernelspecs={kernelspecs}
        trans={trans}
        refreshKey={refreshKey}
        onRenamed={name => Private.renamePinned(notebook, name)}
      />
      {options.error && (
        <p className="cdc-EnvError" role="alert">
          {options.error}
        </p>
      )}
      {draft && (
        <EnvironmentEditor
          draft={draft}
          api={api}
          options={options.value}
          trans={trans}
        />
      )}
    </>
  );
}

/**
 * The Python versions the hub offers, read once per API; the draft learns the default.
 */
function useOptions(
  api: EnvironmentsApi,
  draft: EnvironmentDraft | null,
  trans: TranslationBundle
): { value: IEnvironmentOptions | null; error: string | null } {
  const [state, setState] = React.useState<{
    value: IEnvironmentOptions | null;
    error: string | null;
  }>({ value: Private.options.get(api) ?? null, error: null });
  React.useEffect(() => {
    if (!draft) {
      return;
    }
    const known = Private.options.get(api);
    if (known) {
      draft.setDefaultPython(known.defaultPython);
      return;
    }
    let current = true;
    api
      .options()
      .then(value => {
        Private.options.set(api, value);
        draft.setDefaultPython(value.defaultPython);
        if (current) {
          setState({ value, error: null });
        }
      })
      .catch(reason => {
        if (current) {
          const failure = describeFailure(reason, trans);
          setState({
            value: null,
            error: [failure.title, failure.detail].filter(Boolean).join(' ')
          });
        }
      });
    return () => {
      current = false;
    };
  }, [api, draft]);
  return state;
}

namespace Private {
  export const options = new WeakMap<EnvironmentsApi, IEnvironmentOptions>();

  /**
   * The notebook carries its environment's new name (and its kernel's): saved with it.
   */
  export function renamePinned(notebook: NotebookPanel, name: string): void {
    const model = notebook.model;
    const candyce = model?.getMetadata('candyce') as
      { environment?: Record<string, unknown> } | undefined;
    if (!model || !candyce?.environment) {
      return;
    }
    model.setMetadata('candyce', {
      ...candyce,
      environment: { ...candyce.environment, name }
    });
    const kernelspec = model.getMetadata('kernelspec');
    if (kernelspec && typeof kernelspec === 'object') {
      model.setMetadata('kernelspec', { ...kernelspec, display_name: name });
    }
  }
}
