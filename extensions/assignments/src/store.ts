import { HubApiError } from '@candyce/core';
import { ISignal, Signal } from '@lumino/signaling';

import type {
  AssignmentsApi,
  ICellComment,
  IFeedback,
  IFeedbackDraft,
  IGroupWorkspace,
  ILearnerAssignment,
  ITeachingAssignment
} from './api';

/**
 * The assignments of the user, shared by the panels and the notebook comments.
 */
export class AssignmentsStore {
  constructor(readonly api: AssignmentsApi) {}

  /**
   * Emitted when the lists or a feedback draft change.
   */
  get changed(): ISignal<AssignmentsStore, void> {
    return this._changed;
  }

  /**
   * Emitted with an assignment's id when its pupils' progress changed on the hub (a
   * hand-in, told by the hub's news), or `null` when any may have.
   */
  get progressChanged(): ISignal<AssignmentsStore, string | null> {
    return this._progressChanged;
  }

  /**
   * Tell the follow-up tables that an assignment's progress changed (`null`: any).
   */
  noteProgress(assignmentId: string | null): void {
    this._progressChanged.emit(assignmentId);
  }

  /**
   * The assignments the user has to do.
   */
  get learning(): readonly ILearnerAssignment[] {
    return this._learning;
  }

  /**
   * The assignments the user has handed out.
   */
  get teaching(): readonly ITeachingAssignment[] {
    return this._teaching;
  }

  /**
   * Whether the lists have been loaded once.
   */
  get loaded(): boolean {
    return this._loaded;
  }

  /**
   * Load the lists again from the hub.
   */
  async refresh(): Promise<void> {
    const { teaching, learning } = await this.api.list();
    this._teaching = teaching;
    this._learning = learning;
    this._loaded = true;
    this._changed.emit();
  }

  /**
   * The group workspace this JupyterLab serves (asked once), or `null` in a person's
   * own server; asked again after a failure.
   */
  workspace(): Promise<IGroupWorkspace | null> {
    this._workspace ??= this.api.groupWorkspace().catch(reason => {
      this._workspace = null;
      throw reason;
    });
    return this._workspace;
  }

  /**
   * The learner's returned feedback on an assignment (cached), or `null` before it
   * is returned.
   */
  async myFeedback(id: string): Promise<IFeedback | null> {
    if (!this._myFeedback.has(id)) {
      this._myFeedback.set(
        id,
        this.api.myFeedback(id).catch(reason => {
          this._myFeedback.delete(id);
          if (reason instanceof HubApiError && reason.status === 404) {
            return null;
          }
          throw reason;
        })
      );
    }
    return this._myFeedback.get(id)!;
  }

  /**
   * The learner's assignment a path of their home belongs to, and the path in it.
   */
  learningAt(
    path: string
  ): { assignment: ILearnerAssignment; relative: string } | null {
    for (const assignment of this._learning) {
      if (path.startsWith(`${assignment.folder}/`)) {
        return {
          assignment,
          relative: path.slice(assignment.folder.length + 1)
        };
      }
    }
    return null;
  }

  /**
   * The teacher's feedback being written for a learner (loaded from the hub once).
   */
  async draft(id: string, learner: string): Promise<IFeedbackDraft> {
    const key = Private.key(id, learner);
    const known = this._drafts.get(key);
    if (known) {
      return known;
    }
    let draft: IFeedbackDraft;
    try {
      const saved = await this.api.feedback(id, learner);
      draft = {
        comment: saved.comment,
        grade: saved.grade,
        maxGrade: saved.maxGrade,
        rubric: saved.rubric,
        cells: saved.cells,
        fromAutograder: saved.fromAutograder ?? false
      };
    } catch (reason) {
      if (!(reason instanceof HubApiError && reason.status === 404)) {
        throw reason;
      }
      draft = { comment: '', grade: null, maxGrade: 20, rubric: [], cells: [] };
    }
    // Another call may have loaded it meanwhile: keep the first.
    const first = this._drafts.get(key) ?? draft;
    this._drafts.set(key, first);
    return first;
  }

  /**
   * The draft already loaded for a learner, if any.
   */
  loadedDraft(id: string, learner: string): IFeedbackDraft | null {
    return this._drafts.get(Private.key(id, learner)) ?? null;
  }

  /**
   * Change a draft (in memory; `saveDraft` sends it).
   */
  updateDraft(id: string, learner: string, draft: IFeedbackDraft): void {
    this._drafts.set(Private.key(id, learner), draft);
    this._changed.emit();
  }

  /**
   * Set (or, with an empty text, remove) the comment of one cell in a draft.
   */
  setCellComment(id: string, learner: string, comment: ICellComment): void {
    const draft = this.loadedDraft(id, learner);
    if (!draft) {
      return;
    }
    const cells = (draft.cells ?? []).filter(
      c => !(c.path === comment.path && c.cellId === comment.cellId)
    );
    if (comment.comment.trim()) {
      cells.push({ ...comment, comment: comment.comment.trim() });
    }
    this.updateDraft(id, learner, { ...draft, cells });
  }

  /**
   * Save a draft on the hub.
   */
  async saveDraft(id: string, learner: string): Promise<IFeedback> {
    const draft =
      this.loadedDraft(id, learner) ?? (await this.draft(id, learner));
    const { fromAutograder: _proposed, ...body } = draft;
    // The hub refuses rubric rows without a criterion: unnamed rows are left out.
    const saved = await this.api.saveFeedback(id, learner, {
      ...body,
      rubric: (body.rubric ?? []).filter(row => row.criterion.trim() !== '')
    });
    // Saved by the teacher: no longer the automatic grading's proposal.
    this._drafts.set(Private.key(id, learner), {
      ...draft,
      fromAutograder: false
    });
    this._changed.emit();
    return saved;
  }

  private _learning: ILearnerAssignment[] = [];
  private _teaching: ITeachingAssignment[] = [];
  private _loaded = false;
  private _workspace: Promise<IGroupWorkspace | null> | null = null;
  private _myFeedback = new Map<string, Promise<IFeedback | null>>();
  private _drafts = new Map<string, IFeedbackDraft>();
  private _changed = new Signal<AssignmentsStore, void>(this);
  private _progressChanged = new Signal<AssignmentsStore, string | null>(this);
}

namespace Private {
  export function key(id: string, learner: string): string {
    return `${id}\u0000${learner}`;
  }
}
