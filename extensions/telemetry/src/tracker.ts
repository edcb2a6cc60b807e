import type { IAssignments, ILibrary } from '@candyce/core';
import type { Cell, ICodeCellModel } from '@jupyterlab/cells';
import {
  INotebookTracker,
  Notebook,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';

import type { TraceEvent } from './statements';

/** Something that records events (the emitter). */
export interface IRecorder {
  record(event: TraceEvent): void;
}

/**
 * Connect JupyterLab's notebooks, cells, assignments and library to the recorder: each
 * handler builds an event and returns, nothing waits on the network.
 */
export function trackActivity(
  recorder: IRecorder,
  sources: {
    notebooks: INotebookTracker | null;
    assignments: IAssignments | null;
    library: ILibrary | null;
  }
): IDisposable {
  const { notebooks, assignments, library } = sources;
  const onPanel = (_: unknown, panel: NotebookPanel) =>
    trackPanel(recorder, panel);
  const onExecuted = (
    _: unknown,
    args: {
      notebook: Notebook;
      cell: Cell;
      success: boolean;
      error?: { errorName: string } | null;
    }
  ) => {
    const panel = notebooks?.find(p => p.content === args.notebook);
    // Only code runs. JupyterLab also says `success` of a run whose request got no
    // reply (a kernel not connected yet): without an execution count, nothing ran.
    if (
      !panel ||
      args.cell.model.type !== 'code' ||
      (args.success &&
        (args.cell.model as ICodeCellModel).executionCount === null)
    ) {
      return;
    }
    recorder.record({
      kind: 'cellExecuted',
      path: panel.context.localPath,
      cellId: args.cell.model.id,
      cellType: args.cell.model.type,
      success: args.success,
      exception: args.error?.errorName || null,
      code: args.cell.model.sharedModel.getSource()
    });
  };
  const onAssignment = (_: unknown, activity: IAssignments.IActivity) =>
    recorder.record(
      activity.kind === 'helpAsked'
        ? { kind: 'helpAsked', path: activity.path }
        : {
            kind: ASSIGNMENT_KINDS[activity.kind],
            assignmentId: activity.assignmentId,
            learners: activity.learners
          }
    );
  const onResource = (_: unknown, activity: ILibrary.IActivity) =>
    recorder.record({
      kind: RESOURCE_KINDS[activity.kind],
      resourceId: activity.resourceId
    });
  notebooks?.forEach(panel => trackPanel(recorder, panel));
  notebooks?.widgetAdded.connect(onPanel);
  NotebookActions.executed.connect(onExecuted);
  assignments?.activity?.connect(onAssignment);
  library?.activity?.connect(onResource);
  let disposed = false;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      disposed = true;
      notebooks?.widgetAdded.disconnect(onPanel);
      NotebookActions.executed.disconnect(onExecuted);
      assignments?.activity?.disconnect(onAssignment);
      library?.activity?.disconnect(onResource);
    }
  };
}

const ASSIGNMENT_KINDS = {
  fetched: 'assignmentFetched',
  handedIn: 'assignmentHandedIn',
  returned: 'assignmentReturned'
} as const;

const RESOURCE_KINDS = {
  viewed: 'resourceViewed',
  copied: 'resourceCopied',
  endorsed: 'resourceEndorsed'
} as const;

/** A notebook's opening, saves, collaboration and closing. */
function trackPanel(recorder: IRecorder, panel: NotebookPanel): void {
  const { context } = panel;
  const path = () => context.localPath;
  void context.ready.then(() => {
    if (panel.isDisposed) {
      return;
    }
    recorder.record({ kind: 'notebookOpened', path: path() });
    trackCollaboration(recorder, panel);
  });
  // With real-time collaboration `saveState` stays silent: the model turning clean
  // is the one sign of a save in both modes (as in @candyce/a11y).
  context.model.stateChanged.connect((_, change) => {
    if (
      change.name === 'dirty' &&
      change.oldValue === true &&
      change.newValue === false
    ) {
      recorder.record({ kind: 'notebookSaved', path: path() });
    }
  });
  panel.disposed.connect(() =>
    recorder.record({ kind: 'notebookClosed', path: path() })
  );
}

/**
 * « Collaboration joined », once per opened notebook: when someone else's cursor shows
 * in the shared document's awareness (real-time collaboration only).
 */
function trackCollaboration(recorder: IRecorder, panel: NotebookPanel): void {
  const awareness = (
    panel.context.model.sharedModel as {
      awareness?: {
        getStates(): Map<number, unknown>;
        on(event: 'change', listener: () => void): void;
        off(event: 'change', listener: () => void): void;
      };
    }
  ).awareness;
  if (!awareness) {
    return;
  }
  const onChange = () => {
    if (awareness.getStates().size > 1) {
      awareness.off('change', onChange);
      recorder.record({
        kind: 'collaborationJoined',
        path: panel.context.localPath
      });
    }
  };
  awareness.on('change', onChange);
  onChange();
  panel.disposed.connect(() => awareness.off('change', onChange));
}
