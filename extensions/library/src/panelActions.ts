import type { IAssignments, ICandyceSession } from '@candyce/core';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';

import { LibraryApi } from './api';
import { CommandIDs } from './commandIds';
import type { IResourceActions } from './resource';

/**
 * What a resource page does: open a copy, publish a new version, hand out (through the
 * optional IAssignments: without the assignments extension, no « Donner en devoir »).
 */
export function resourceActions(options: {
  app: JupyterFrontEnd;
  session: ICandyceSession;
  trans: TranslationBundle;
  /** The public library read without the platform, if any. */
  publicApi: LibraryApi | null;
  docManager: IDocumentManager | null;
  assignments: IAssignments | null;
}): IResourceActions {
  const { app, session, trans, publicApi, docManager, assignments } = options;
  return {
    openCopy: async resource => {
      const hub = session.hub;
      const api = hub ? new LibraryApi(hub) : publicApi;
      if (!api) {
        throw new Error('no library');
      }
      const { copyResource } = await import('./open');
      const copy = await copyResource(
        api,
        app.serviceManager.contents,
        resource
      );
      if (copy.notebook) {
        if (docManager) {
          docManager.openOrReveal(copy.notebook);
        } else {
          await app.commands.execute('docmanager:open', {
            path: copy.notebook
          });
        }
      }
      if (!api.readOnly) {
        await api.recordUse(resource.id, 'open').catch(reason => {
          console.warn('Candyce library: use not recorded', reason);
        });
      }
      return trans.__('Copy opened from %1.', copy.folder);
    },
    publishVersion: async resource => {
      const published = await app.commands.execute(CommandIDs.publish, {
        resourceId: resource.id
      });
      return !!published;
    },
    canAssign: () => assignments?.canAssign() ?? false,
    assign: async resource =>
      (await assignments?.assignResource({
        resourceId: resource.id,
        version: resource.version,
        title: resource.title
      }))
        ? trans.__(
            'Assignment created: follow it in the « Assignment follow-up » panel.'
          )
        : ''
  };
}
