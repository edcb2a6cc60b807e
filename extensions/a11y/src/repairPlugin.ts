import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

// The repairs run at activation, on the page as it is: nothing to load later.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { IRepairContext, IRepairTexts, repairAll } from './repairs';
import { isA11yOff } from './offSwitch';

/**
 * The repairs' texts in the user's language.
 */
export function repairTexts(trans: TranslationBundle): IRepairTexts {
  return {
    cellEditor: (kind, n) =>
      kind === 'markdown'
        ? trans.__('Markdown cell %1', n)
        : kind === 'raw'
          ? trans.__('Raw cell %1', n)
          : trans.__('Code cell %1', n),
    consolePrompt: trans.__('Console input'),
    consoleCell: trans.__('Code run in the console'),
    editor: trans.__('Code editor'),
    collapseHeading: (heading, collapsed) =>
      collapsed
        ? trans.__('Expand the section « %1 »', heading)
        : trans.__('Collapse the section « %1 »', heading),
    skipLinks: trans.__('Skip links'),
    skipToMain: trans.__('Skip to the document'),
    clearSearch: trans.__('Clear the search')
  };
}

/**
 * Keeps JupyterLab's whole page repaired: one pass at start, then one per animation
 * frame in which the DOM changed (new toolbars, cells, dialogs, settings forms…).
 *
 * @returns a function that stops watching.
 */
export function watchDocument(
  root: Element,
  context: IRepairContext
): () => void {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    repairAll(root, context);
  };
  const observer = new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(run);
    }
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-pressed', 'class', 'title', 'placeholder']
  });
  run();
  return () => observer.disconnect();
}

/**
 * Repairs the ARIA of JupyterLab's main screens, whatever extension drew them.
 */
export const repairPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/a11y:repairs',
  description:
    'Gives JupyterLab’s toolbars, editors, cell list, dialogs and settings forms the names, roles and states screen readers need.',
  autoStart: true,
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, translator: ITranslator | null): void => {
    if (isA11yOff()) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    watchDocument(document.body, {
      texts: repairTexts(trans),
      isToggleable: command =>
        app.commands.hasCommand(command) && app.commands.isToggleable(command),
      afterRender: callback =>
        requestAnimationFrame(() => requestAnimationFrame(callback))
    });
  }
};
