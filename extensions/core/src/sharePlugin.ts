import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, ToolbarButton } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { HubApi } from './hubApi';
import { ICandyceSession } from './tokens';

/** The command that opens the « Partager » dialog. */
export const SHARE_COMMAND = 'candyce:share';

/**
 * « Partager » in the top bar: the link to this workspace (and the open document)
 * through the hub, and who may enter it. It replaces jupyter-collaboration's shared
 * link, which offers the server's token (Candyce has none: the hub lets people in) and
 * is disabled on the platform (`platform/page_config.json`). Shown behind the hub only.
 */
export const sharePlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/core:share',
  description:
    'The « Partager » dialog: the link to this workspace through the hub, and who may enter it.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    // Behind the hub, every server is served under `/user/<name>/`.
    const available = () => session.mode === 'hub' && !!session.hub;
    app.commands.addCommand(SHARE_COMMAND, {
      label: trans.__('Share'),
      caption: trans.__('Share this workspace: its link and who can enter'),
      describedBy: { args: { type: 'object', properties: {} } },
      isVisible: available,
      isEnabled: available,
      execute: async () => {
        const { serverNameOf, shareLink } = await import('./shareLink');
        const server = serverNameOf(app.serviceManager.serverSettings.baseUrl);
        if (!available() || server === null) {
          return;
        }
        const { showShareDialog } = await import('./shareDialog');
        const api = new HubApi(session.hub!);
        const path = Private.documentPath(app);
        await showShareDialog({
          link: shareLink(server, path),
          document: path !== null,
          people: () =>
            api.get('/users/{name}/server/people', {
              params: { name: server }
            }),
          me: session.user?.name ?? null,
          trans
        });
      }
    });
    palette?.addItem({ command: SHARE_COMMAND, category: trans.__('Candyce') });

    const button = new ToolbarButton({
      className: 'cdc-ShareButton',
      label: trans.__('Share'),
      tooltip: trans.__('Share this workspace: its link and who can enter'),
      onClick: () => void app.commands.execute(SHARE_COMMAND)
    });
    button.id = 'cdc-ShareButton';
    const follow = () => button.setHidden(!available());
    follow();
    session.changed.connect(follow);
    void session.ready.then(follow);
    app.shell.add(button, 'top', { rank: 950 });
  }
};

namespace Private {
  /** The path of the document in the main area, if any (a notebook, a file). */
  export function documentPath(app: JupyterFrontEnd): string | null {
    const widget = app.shell.currentWidget as {
      context?: { path?: unknown };
    } | null;
    const path = widget?.context?.path;
    return typeof path === 'string' && path ? path : null;
  }
}
