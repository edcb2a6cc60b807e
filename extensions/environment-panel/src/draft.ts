import type { NotebookPanel } from '@jupyterlab/notebook';
import type { KernelSpec } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

import type { EnvironmentsApi, IEnvironment } from './api';
import { describeFailure, IFailure, UserError } from './errors';
import { findKernelSpec, useKernel } from './kernel';
import {
  IPinnedEnvironment,
  nameFromPath,
  pinnedCandyceMetadata,
  pinnedKernelspec,
  readPinned
} from './metadata';
import { Operation } from './operation';
import {
  addPackage,
  draftFromFiles,
  emptyDraft,
  filesFromDraft,
  IPackageRow,
  ISoftwareDraft,
  rowProblems
} from './softwareList';

/**
 * Where the editing of a notebook's software list stands.
 */
export type DraftState = 'editing' | 'resolving' | 'resolved' | 'building';

/**
 * The software list of one notebook as a teacher edits it, resolves it and pins it.
 *
 * It outlives the panel's view: switching notebooks keeps each one's draft, and a
 * build started for a notebook pins that notebook even if another is shown meanwhile.
 */
export class EnvironmentDraft {
  constructor(options: EnvironmentDraft.IOptions) {
    this._panel = options.panel;
    this._api = options.api;
    this._kernelspecs = options.kernelspecs;
    this._trans = options.trans;
    this._software = this._fromMetadata();
    this._panel.model?.metadataChanged.connect(this._onMetadata, this);
  }

  /** The environment the notebook is pinned to now. */
  get pinned(): IPinnedEnvironment | null {
    return readPinned(this._panel.model?.getMetadata('candyce'));
  }

  get rows(): readonly IPackageRow[] {
    return this._software.rows;
  }

  /** Lines of requirements.txt kept as written. */
  get otherLines(): readonly string[] {
    return this._software.otherLines;
  }

  /** Paths of the files kept unchanged (environment.yml, apt.txt…). */
  get keptFiles(): readonly string[] {
    return this._software.keptFiles.map(f => f.path);
  }

  /** The Python chosen, or the hub's default. */
  get python(): string {
    return this._software.python ?? this._defaultPython;
  }

  /** Whether the list was edited since it was read from the notebook. */
  get dirty(): boolean {
    return this._dirty;
  }

  get state(): DraftState {
    return this._state;
  }

  /** The resolution or build running, if any. */
  get operation(): Operation | null {
    return this._operation;
  }

  /** The result of the last resolution, until the list changes or it is pinned. */
  get environment(): IEnvironment | null {
    return this._environment;
  }

  get failure(): IFailure | null {
    return this._failure;
  }

  /** The last thing to announce (« Environnement épinglé… »). */
  get status(): string {
    return this._status;
  }

  get changed(): ISignal<EnvironmentDraft, void> {
    return this._changed;
  }

  /**
   * The hub's default Python, for a list that names none.
   */
  setDefaultPython(python: string): void {
    if (python !== this._defaultPython) {
      this._defaultPython = python;
      this._changed.emit();
    }
  }

  /**
   * Add a package (no version constraint).
   *
   * @returns the index of its row, and whether it was new.
   */
  add(name: string): { index: number; added: boolean } {
    const result = addPackage(this._software.rows, name);
    this._edit({ rows: result.rows });
    return { index: result.index, added: result.added };
  }

  remove(index: number): void {
    this._edit({ rows: this._software.rows.filter((_, i) => i !== index) });
  }

  setConstraint(index: number, constraint: string): void {
    this._edit({
      rows: this._software.rows.map((row, i) =>
        i === index ? { ...row, constraint } : row
      )
    });
  }

  setPython(python: string): void {
    this._edit({ python });
  }

  /**
   * Forget the edits: back to the notebook's pinned list.
   */
  revert(): void {
    if (this._operation) {
      return;
    }
    this._software = this._fromMetadata();
    this._dirty = false;
    this._environment = null;
    this._failure = null;
    this._state = 'editing';
    this._changed.emit();
  }

  /**
   * Resolve the list into a lock, on the hub, with progress.
   */
  async resolve(): Promise<void> {
    if (this._operation) {
      return;
    }
    const trans = this._trans;
    if (rowProblems(this._software.rows).some(Boolean)) {
      this._fail(
        new UserError(
          trans.__('Correct the software list before resolving it.')
        )
      );
      return;
    }
    const files = filesFromDraft({ ...this._software, python: this.python });
    const operation = this._start('resolve', 'resolving');
    try {
      const environment = await this._api.resolve(
        files,
        operation.onProgress,
        operation.signal,
        // A new environment is named after its notebook; its author may rename it.
        nameFromPath(this._panel.context.localPath) || undefined
      );
      this._environment = environment;
      this._state = 'resolved';
      this._status = trans._n(
        'Resolved: %1 package. Read the lock, then pin it.',
        'Resolved: %1 packages. Read the lock, then pin it.',
        environment.packages.length
      );
    } catch (reason) {
      this._fail(reason);
    } finally {
      this._end(operation);
    }
  }

  /**
   * Build the resolved environment, record it in the notebook's metadata, run the
   * notebook on its kernel, and save the notebook.
   */
  async pin(): Promise<void> {
    const resolved = this._environment;
    if (this._operation || !resolved) {
      return;
    }
    const trans = this._trans;
    const operation = this._start('build', 'building');
    try {
      const built = await this._api.build(
        resolved.id,
        operation.onProgress,
        operation.signal
      );
      const environment = { ...resolved, ...built };
      operation.setMessage(trans.__('Starting the environment’s kernel…'));
      const spec = await findKernelSpec(
        this._kernelspecs,
        environment.kernelName
      );
      if (!spec) {
        throw new UserError(
          trans.__(
            'The environment is built but your Jupyter server does not see its kernel %1. Restart your server from the platform’s home page, then pin again.',
            environment.kernelName
          )
        );
      }
      const model = this._panel.model;
      if (!model || this._panel.isDisposed) {
        throw new UserError(trans.__('The notebook was closed.'));
      }
      model.setMetadata(
        'candyce',
        pinnedCandyceMetadata(model.getMetadata('candyce'), environment)
      );
      model.setMetadata(
        'kernelspec',
        pinnedKernelspec(environment, spec.display_name)
      );
      await useKernel(this._panel.sessionContext, environment.kernelName);
      await this._panel.context.save();
      this._software = this._fromMetadata();
      this._dirty = false;
      this._environment = null;
      this._state = 'editing';
      this._status = trans.__(
        'Environment pinned: the notebook now runs on « %1 » and is saved.',
        spec.display_name || environment.name
      );
    } catch (reason) {
      this._fail(reason);
      // The lock is still good: pinning can be tried again.
      this._state = 'resolved';
    } finally {
      this._end(operation);
    }
  }

  /**
   * Cancel the running resolution or build.
   */
  cancel(): void {
    this._operation?.cancel();
  }

  dispose(): void {
    this._operation?.cancel();
    this._panel.model?.metadataChanged.disconnect(this._onMetadata, this);
    Signal.clearData(this);
  }

  private _fromMetadata(): ISoftwareDraft {
    const pinned = this.pinned;
    return pinned ? draftFromFiles(pinned.files) : emptyDraft();
  }

  private _onMetadata(): void {
    // A pin from elsewhere (a collaborator) shows, unless the teacher is editing.
    if (!this._dirty && !this._operation) {
      this._software = this._fromMetadata();
    }
    this._changed.emit();
  }

  private _edit(change: Partial<ISoftwareDraft>): void {
    if (this._operation) {
      return;
    }
    this._software = { ...this._software, ...change };
    this._dirty = true;
    this._environment = null;
    this._failure = null;
    this._status = '';
    this._state = 'editing';
    this._changed.emit();
  }

  private _start(kind: 'resolve' | 'build', state: DraftState): Operation {
    const operation = new Operation(kind);
    operation.changed.connect(() => this._changed.emit());
    this._operation = operation;
    this._state = state;
    this._failure = null;
    this._status = '';
    this._changed.emit();
    return operation;
  }

  private _end(operation: Operation): void {
    if (this._operation === operation) {
      this._operation = null;
    }
    Signal.clearData(operation);
    this._changed.emit();
  }

  private _fail(reason: unknown): void {
    this._failure = describeFailure(reason, this._trans);
    this._state = 'editing';
  }

  private _panel: NotebookPanel;
  private _api: EnvironmentsApi;
  private _kernelspecs: KernelSpec.IManager;
  private _trans: TranslationBundle;
  private _software: ISoftwareDraft;
  private _defaultPython = '';
  private _dirty = false;
  private _state: DraftState = 'editing';
  private _operation: Operation | null = null;
  private _environment: IEnvironment | null = null;
  private _failure: IFailure | null = null;
  private _status = '';
  private _changed = new Signal<EnvironmentDraft, void>(this);
}

/**
 * The EnvironmentDraft options.
 */
export namespace EnvironmentDraft {
  export interface IOptions {
    panel: NotebookPanel;
    api: EnvironmentsApi;
    kernelspecs: KernelSpec.IManager;
    trans: TranslationBundle;
  }
}
