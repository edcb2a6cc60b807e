import { IAssignments } from '@candyce/core';
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from './commandIds';
import { assignmentIcon } from './icons';

/**
 * « Donner en devoir »: in the file browser's context menu for notebooks and in the
 * palette, for teachers.
 */
export const assignPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/assignments:assign',
  description:
    'Hands out a notebook of your home as an assignment, from the file browser.',
  autoStart: true,
  requires: [IAssignments],
  optional: [
    ITranslator,
    IDefaultFileBrowser,
    INotebookTracker,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    assignments: IAssignments,
    translator: ITranslator | null,
    fileBrowser: IDefaultFileBrowser | null,
    notebooks: INotebookTracker | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    app.commands.addCommand(CommandIDs.assignNotebook, {
      label: trans.__('Hand out as an assignment'),
      caption: trans.__(
        'Hand this notebook out to your classes, with a due date'
      ),
      icon: assignmentIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: {
              type: 'string',
              description: 'The notebook to hand out (default: the selection).'
            }
          }
        }
      },
      isEnabled: () => assignments.canAssign(),
      isVisible: () => assignments.canAssign(),
      execute: async args => {
        const path =
          typeof args.path === 'string'
            ? args.path
            : (Array.from(fileBrowser?.selectedItems() ?? []).find(item =>
                item.path.endsWith('.ipynb')
              )?.path ??
              notebooks?.currentWidget?.context.path ??
              null);
        // The service shows a failure itself.
        return assignments.assignNotebook(path);
      }
    });
    palette?.addItem({
      command: CommandIDs.assignNotebook,
      category: trans.__('Candyce')
    });
    app.commands.addCommand(CommandIDs.assignResource, {
      label: trans.__('Assign as homework'),
      describedBy: {
        args: {
          type: 'object',
          required: ['resourceId', 'version', 'title'],
          properties: {
            resourceId: { type: 'string' },
            version: { type: 'number' },
            title: { type: 'string' }
          }
        }
      },
      isEnabled: () => assignments.canAssign(),
      execute: async args => {
        return assignments.assignResource({
          resourceId: String(args.resourceId),
          version: Number(args.version),
          title: String(args.title)
        });
      }
    });
  }
};
