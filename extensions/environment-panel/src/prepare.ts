import { HubApiError, ICandyceSession } from '@candyce/core';
import {
  ISessionContext,
  Notification,
  SessionContextDialogs
} from '@jupyterlab/apputils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { KernelSpec } from '@jupyterlab/services';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

import { EnvironmentsApi } from './api';
import { describeFailure, failureText, UserError } from './errors';
import { findKernelSpec, hasKernelSpec, useKernel } from './kernel';
import {
  IPinnedEnvironment,
  kernelNameOf,
  nameFromPath,
  readPinned
} from './metadata';
import { ProgressNotification } from './notify';
import { Operation } from './operation';
import { CancelledError } from './stream';
import type { IEnvironmentPreparer } from './tokens';

/**
 * Gets a notebook's environment ready when it is opened: when the server lacks the
 * kernel its metadata names, the environment is built (or first registered from the
 * notebook's lock, for a teacher), then the notebook starts on its kernel.
 *
 * JupyterLab would otherwise choose a kernel itself as soon as the file is loaded:
 * `SessionContext.startKernel()` finds no kernelspec of that name, falls back to the
 * only kernel of the same language if there is exactly one (silently running the
 * wrong environment), or else asks « Sélectionner un noyau ». So the kernel preference
 * gets `shouldStart: false` while the file loads — before the context's `_populate()`
 * calls `initialize()` — and the kernel is started here once it exists. When the
 * kernelspec is there, nothing is changed.
 */
export class EnvironmentPreparer implements IEnvironmentPreparer {
  constructor(options: EnvironmentPreparer.IOptions) {
    this._options = options;
    this._trans = (options.translator ?? nullTranslator).load('candyce');
  }

  /**
   * Emitted when a notebook's preparation starts, progresses or ends.
   */
  get changed(): ISignal<IEnvironmentPreparer, NotebookPanel> {
    return this._changed;
  }

  /**
   * The preparation running for a notebook, if any.
   */
  operationOf(panel: NotebookPanel): Operation | null {
    return this._operations.get(panel) ?? null;
  }

  /**
   * Follow a notebook from its creation, before its file is read.
   */
  watch(panel: NotebookPanel): void {
    if (this._watched.has(panel)) {
      return;
    }
    this._watched.add(panel);
    const context = panel.context;
    const onMetadata = () => {
      if (!context.isReady && !this._held.has(panel)) {
        this._hold(panel);
      }
    };
    // Emitted while the file's content is put into the model, before `_populate()`.
    context.model.metadataChanged.connect(onMetadata);
    void context.ready.then(() => {
      context.model.metadataChanged.disconnect(onMetadata);
      const held = this._held.get(panel);
      if (held && !panel.isDisposed) {
        void this._prepare(panel, held.pinned, held.shouldStart);
      }
    });
  }

  /**
   * Keep JupyterLab from starting or choosing a kernel if the notebook's environment
   * may be missing.
   */
  private _hold(panel: NotebookPanel): void {
    const pinned = readPinned(panel.context.model.getMetadata('candyce'));
    if (!pinned) {
      return;
    }
    const sessionContext = panel.sessionContext;
    const preference = sessionContext.kernelPreference;
    if (preference.shouldStart === false || preference.canStart === false) {
      // Opened without a kernel on purpose (a pupil's work read by the teacher…).
      return;
    }
    const name = kernelNameOf(pinned.id);
    if (hasKernelSpec(this._options.kernelspecs, name) === true) {
      return;
    }
    this._held.set(panel, { pinned, shouldStart: preference.shouldStart });
    sessionContext.kernelPreference = { ...preference, shouldStart: false };
  }

  private async _prepare(
    panel: NotebookPanel,
    pinned: IPinnedEnvironment,
    shouldStart: boolean | undefined
  ): Promise<void> {
    const { kernelspecs, session } = this._options;
    const trans = this._trans;
    const sessionContext = panel.sessionContext;
    const name = kernelNameOf(pinned.id);
    const release = () => {
      this._held.delete(panel);
      if (!sessionContext.isDisposed) {
        sessionContext.kernelPreference = {
          ...sessionContext.kernelPreference,
          shouldStart
        };
      }
    };
    // With `shouldStart: false`, initialize() ends at once, connected to the
    // notebook's running session if it has one.
    await sessionContext.ready;
    if (await findKernelSpec(kernelspecs, name)) {
      release();
      await useKernel(sessionContext, name).catch(reason =>
        console.warn('Candyce: the environment’s kernel did not start', reason)
      );
      return;
    }
    await session.ready;
    const api = this._api();
    if (!api) {
      release();
      Notification.info(
        trans.__(
          'This notebook is pinned to a Candyce environment (%1) that only the Candyce platform can build: it opens here on another kernel.',
          pinned.name ?? name
        ),
        { autoClose: 8000 }
      );
      await this._startAsJupyterLabWould(sessionContext);
      return;
    }
    const operation = new Operation('prepare');
    this._operations.set(panel, operation);
    this._changed.emit(panel);
    const title = trans.__('Preparing the notebook’s environment…');
    const notification = new ProgressNotification({
      message: title,
      actions: [
        {
          label: trans.__('Cancel'),
          caption: trans.__('Stop preparing the environment'),
          callback: event => {
            // Keep the notification: it says « Annulé. » once the request is closed.
            event.preventDefault();
            operation.cancel();
          }
        }
      ]
    });
    operation.changed.connect(() => {
      this._changed.emit(panel);
      if (!operation.cancelled) {
        notification.progress(Private.progressText(title, operation, trans));
      }
    });
    try {
      // Named after its notebook when the hub learns it from this one.
      await this._build(
        api,
        {
          ...pinned,
          name: pinned.name ?? nameFromPath(panel.context.localPath)
        },
        operation
      );
      operation.setMessage(trans.__('Starting the environment’s kernel…'));
      if (!(await findKernelSpec(kernelspecs, name))) {
        throw new UserError(
          trans.__(
            'The environment is built but your Jupyter server does not see its kernel %1. Restart your server from the platform’s home page.',
            name
          )
        );
      }
      release();
      await useKernel(sessionContext, name);
      await notification.finish(
        trans.__('The notebook’s environment is ready.'),
        'success',
        5000
      );
    } catch (reason) {
      release();
      const cancelled = reason instanceof CancelledError;
      await notification.finish(
        failureText(describeFailure(reason, trans)),
        cancelled ? 'info' : 'error',
        cancelled ? 5000 : false
      );
    } finally {
      Signal.clearData(operation);
      this._operations.delete(panel);
      this._changed.emit(panel);
    }
  }

  /**
   * Build the environment; if the hub does not know it, a teacher registers the
   * notebook's lock first, a pupil is told why it cannot be built.
   */
  private async _build(
    api: EnvironmentsApi,
    pinned: IPinnedEnvironment,
    operation: Operation
  ): Promise<void> {
    const trans = this._trans;
    try {
      await api.build(pinned.id, operation.onProgress, operation.signal);
      return;
    } catch (reason) {
      if (!(reason instanceof HubApiError && reason.status === 404)) {
        throw reason;
      }
    }
    if (!this._options.canRegister()) {
      throw new UserError(
        trans.__(
          'Environment unknown to the platform: ask your teacher to open this notebook once. Meanwhile, choose another kernel.'
        )
      );
    }
    operation.setMessage(trans.__('Registering the notebook’s lock…'));
    const registered = await api.registerLock(
      pinned.lock,
      pinned.files,
      pinned.id,
      pinned.name
    );
    if (registered.id !== pinned.id) {
      throw new UserError(
        trans.__(
          'The lock in this notebook’s metadata does not match its environment id: pin the environment again from the « Environment » panel.'
        )
      );
    }
    await api.build(pinned.id, operation.onProgress, operation.signal);
  }

  /**
   * What JupyterLab does when it opens a notebook: start the preferred kernel, or ask.
   */
  private async _startAsJupyterLabWould(
    sessionContext: ISessionContext
  ): Promise<void> {
    if (sessionContext.isDisposed || sessionContext.session?.kernel) {
      return;
    }
    const select = await sessionContext.startKernel();
    if (select) {
      // The same dialogs a document context uses when it is given none.
      await new SessionContextDialogs({
        translator: this._options.translator ?? undefined
      }).selectKernel(sessionContext);
    }
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

  private _options: EnvironmentPreparer.IOptions;
  private _trans: TranslationBundle;
  private _apiCache: EnvironmentsApi | null = null;
  private _watched = new WeakSet<NotebookPanel>();
  private _held = new Map<
    NotebookPanel,
    { pinned: IPinnedEnvironment; shouldStart: boolean | undefined }
  >();
  private _operations = new Map<NotebookPanel, Operation>();
  private _changed = new Signal<IEnvironmentPreparer, NotebookPanel>(this);
}

/**
 * The EnvironmentPreparer options.
 */
export namespace EnvironmentPreparer {
  export interface IOptions {
    kernelspecs: KernelSpec.IManager;
    /** The hub's API comes from it; without the platform, JupyterLab's own ways apply. */
    session: ICandyceSession;
    /** Whether the user may register a lock (teachers, authors, admins). */
    canRegister: () => boolean;
    translator: ITranslator | null;
  }
}

namespace Private {
  export function progressText(
    title: string,
    operation: Operation,
    trans: TranslationBundle
  ): string {
    const parts = [title];
    if (operation.percent !== null) {
      parts.push(trans.__('%1 %', operation.percent));
    }
    if (operation.message) {
      parts.push(operation.message);
    }
    return parts.join(' — ');
  }
}
