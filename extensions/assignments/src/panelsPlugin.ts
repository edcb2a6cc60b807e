import {
  addSidePanel,
  IAssignments,
  ICandyceSession,
  IHubEvents,
  markdownRenderer
} from '@candyce/core';
import { ISchoolMode } from '@candyce/school-ui';
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import { registerActivity } from './activity';
import { AssignmentsApi } from './api';
import { CommandIDs } from './commandIds';
import { CommentsView } from './commentsView';
import { errorMessage, UserError } from './errors';
import { handInAt } from './handIn';
import { assignmentIcon } from './icons';
// The panels are added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LearnerPanel } from './learner';
// The store and the learner's work are built synchronously, with the panels.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { learnerActions } from './learnerActions';
import { NewsNotifier } from './newsNotifier';
import { PupilWording } from './pupilWording';
// The commands are registered at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addPanelCommands } from './panelCommands';
import { AssignmentsStore } from './store';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canTeach } from './teacher';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { TeacherSide } from './teacherSide';

/**
 * « Mes devoirs » and « Suivi des devoirs » in the left sidebar, the follow-up of each
 * assignment in the main area (restored with the workspace), the comments under
 * the cells of marked work, and « Commenter la cellule » for teachers reading a pupil's
 * work (shown read-only, see ReviewView).
 */
export const panelsPlugin: JupyterFrontEndPlugin<IAssignments> = {
  id: '@candyce/assignments:panels',
  description:
    'The « Mes devoirs » and « Suivi des devoirs » side panels: fetch, hand in and get feedback; hand out, follow, mark and return.',
  autoStart: true,
  provides: IAssignments,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ILabShell,
    ICommandPalette,
    IDocumentManager,
    INotebookTracker,
    IDefaultFileBrowser,
    IRenderMimeRegistry,
    ILayoutRestorer,
    IHubEvents
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null,
    notebooks: INotebookTracker | null,
    fileBrowser: IDefaultFileBrowser | null,
    rendermime: IRenderMimeRegistry | null,
    restorer: ILayoutRestorer | null,
    events: IHubEvents | null
  ): IAssignments => {
    const trans = (translator ?? nullTranslator).load('candyce');
    let store: AssignmentsStore | null = null;
    // Comments under the cells: the teacher's, returned, for the pupil (the teacher
    // sees their draft ones under the cells of the pupil's work, in its ReviewView).
    const comments = new CommentsView(notebooks, () => getStore(), trans);
    const getStore = (): AssignmentsStore | null => {
      if (!store && session.hub) {
        store = new AssignmentsStore(
          // `activity` is made below, before any call can reach the hub.
          new AssignmentsApi(session.hub, event => activity.emit(event))
        );
        store.changed.connect(() => comments.refreshAll());
      }
      return store;
    };
    const needStore = (): AssignmentsStore => {
      const found = getStore();
      if (!found) {
        throw new UserError(
          trans.__(
            'Assignments need the Candyce platform: this JupyterLab runs without it.'
          )
        );
      }
      return found;
    };
    const shell = labShell ?? app.shell;

    // The learner's side, in « tu » while JupyterLab is in school mode. The school mode
    // takes « Mes devoirs » (IAssignments) as an optional service: asking for it once
    // this plugin is active, rather than through `optional`, keeps the two plugins out
    // of a dependency cycle.
    const wording = new PupilWording(trans);
    void app
      .resolveOptionalService(ISchoolMode)
      .then(mode => wording.follow(mode));
    const actions = learnerActions({
      session,
      trans: wording.trans,
      store: needStore,
      contents: app.serviceManager.contents,
      docManager,
      notebooks
    });
    const learnerPanel = new LearnerPanel({
      session,
      wording,
      store: getStore,
      actions
    });
    addSidePanel(app.shell, learnerPanel, {
      id: 'cdc-assignments',
      icon: assignmentIcon,
      name: trans.__('My assignments'),
      area: 'left',
      rank: 160
    });

    // The teacher's side.
    const teacher = new TeacherSide({
      app,
      shell,
      session,
      trans,
      store: getStore,
      needStore,
      notebooks,
      fileBrowser,
      renderMarkdown: markdownRenderer(rendermime, translator),
      restorer
    });
    void session.ready.then(() => teacher.addPanel());
    session.changed.connect(() => teacher.addPanel());

    addPanelCommands(app, {
      shell,
      trans,
      learnerPanel,
      teacherPanel: () => teacher.panel,
      store: getStore,
      palette
    });

    // The hub's news: the lists and tables update themselves, and the user is told.
    if (events) {
      new NewsNotifier({
        events,
        store: getStore,
        trans,
        pupilTrans: wording.trans,
        open: {
          learnerPanel: () => void app.commands.execute(CommandIDs.open),
          followUp: assignmentId =>
            void app.commands.execute(CommandIDs.followAssignment, {
              assignmentId
            }),
          joinHelp: id => void app.commands.execute(CommandIDs.joinHelp, { id })
        }
      });
    }

    // For other plugins, a failure to hand out is shown here, once.
    const reported = async (assign: Promise<boolean>): Promise<boolean> => {
      try {
        return await assign;
      } catch (reason) {
        await showErrorMessage(
          trans.__('The assignment could not be created'),
          errorMessage(reason, trans)
        );
        return false;
      }
    };
    const provided: IAssignments = {
      openLearnerPanel: () => void app.commands.execute(CommandIDs.open),
      openTeacherPanel: () => void app.commands.execute(CommandIDs.follow),
      canAssign: () => session.mode === 'hub' && canTeach(session),
      assignNotebook: path => reported(teacher.assignNotebook(path)),
      assignResource: resource => reported(teacher.assignResource(resource)),
      handIn: path => handInAt(path, needStore, actions, wording.trans),
      get activity() {
        return activity;
      }
    };
    const activity = new Signal<IAssignments, IAssignments.IActivity>(provided);
    registerActivity(provided, event => activity.emit(event));
    return provided;
  }
};
