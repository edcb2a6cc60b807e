import { randomUUID } from 'crypto';

import { isUniqueViolation } from '../db/portable';
import { INotebookEnvironments } from '../environments/notebooks';
import { DomainError, trans } from '../errors';
import { groupOpenPath } from '../groups/access';
import { fold } from '../library/analyze';
import { BlobStore } from '../storage/blobs';
import { IFile } from '../storage/files';
import { LibraryService } from '../library/service';
import { IUser, UserService } from '../users/service';
import { AssignmentFiles, AssignmentSource } from './assignmentFiles';
import { extraFilesOf } from './extraFiles';
import type { AssignmentNews } from './news';
import { checkSettings, IAssignmentSettings } from './assignmentSettings';
import { closedToLateWork, refuseBeforeOpening } from './schedule';
import { newShareCode, normalizeShareCode } from './shareCodes';
import { ReviewStore } from './reviewStore';
import { AssignmentStore, IAssignmentRow, IFileRow } from './store';
import {
  assignmentView,
  IAssignment,
  IPerson,
  LearnerState,
  learnerState,
  submissionView,
  ISubmission
} from './views';

/**
 * What a learner sees of an assignment.
 */
export interface ILearnerAssignment extends IAssignment {
  state: LearnerState;
  fetchedAt: string | null;
  lastSubmission: ISubmission | null;
  returnedAt: string | null;
  /**
   * The group the learner works in, on an assignment handed out « par groupe », and
   * the hub's page that opens its workspace (where its files are fetched and handed
   * in).
   */
  group: { id: string; name: string; openUrl: string } | null;
}

/**
 * Assignments: creating and changing them, the views of their teacher and learners,
 * joining by share code, and fetching. Rights are decided by the routes (policy); this
 * service applies the assignment's own rules (dates, codes, content).
 */
export class AssignmentService {
  constructor(
    private readonly _store: AssignmentStore,
    private readonly _reviewStore: ReviewStore,
    blobs: BlobStore,
    private readonly _library: LibraryService,
    private readonly _users: UserService,
    private readonly _now: () => Date = () => new Date(),
    private readonly _environments: INotebookEnvironments | null = null,
    private readonly _news: AssignmentNews | null = null
  ) {
    this._files = new AssignmentFiles(blobs, _library, _environments);
  }

  /**
   * Create an assignment: its files are copied (a library version's, or the ones the
   * teacher sent) so that later changes to the source never change what pupils get.
   * Autograded, pupils get the notebooks as nbgrader releases them, and the teacher's
   * are kept to grade with.
   *
   * @throws {DomainError} 400 / 413 for bad settings or files (bad nbgrader metadata, no
   *   graded cell to autograde), 404 unknown library version.
   */
  async create(
    owner: IUser,
    settings: IAssignmentSettings,
    source: AssignmentSource
  ): Promise<IAssignment> {
    checkSettings(settings);
    const { files, sourceFiles, environmentIds } = await this._files.prepare(
      owner.id,
      source,
      settings.autograde
    );
    const id = randomUUID();
    const now = this._now().toISOString();
    const row: IAssignmentRow = {
      id,
      owner_id: owner.id,
      title: settings.title,
      instructions: settings.instructions,
      folder: `devoirs/${Private.slug(settings.title)}-${id.slice(0, 4)}`,
      source_kind: 'library' in source ? 'library' : 'home',
      source_resource_id:
        'library' in source ? source.library.resourceId : null,
      source_version: 'library' in source ? source.library.version : null,
      source_path: 'home' in source ? source.home.path : null,
      share_code: null,
      opens_at: settings.opensAt,
      due_at: settings.dueAt,
      late_policy: settings.latePolicy,
      multiple_submissions: settings.multipleSubmissions ? 1 : 0,
      autograde: settings.autograde ? 1 : 0,
      extra_files: JSON.stringify(settings.extraFiles ?? []),
      created_at: now,
      updated_at: now
    };
    await this._withShareCode(settings.shareCode, code =>
      this._store.insert(
        { ...row, share_code: code },
        files,
        settings.classIds,
        sourceFiles,
        settings.groupClassIds ?? []
      )
    );
    await this._environments?.recordAssignment(id, environmentIds);
    if ('library' in source) {
      await this._library.recordUse(owner, source.library.resourceId, 'assign');
    }
    const created = (await this._store.get(id))!;
    await this._news?.handedOut(created);
    return this.teacherView(created);
  }

  /**
   * Change an assignment's settings; files never change (a new assignment does), so
   * autograding can be turned back on only on an assignment created with it.
   *
   * @throws {DomainError} 400 for bad settings.
   */
  async update(
    row: IAssignmentRow,
    changes: Partial<IAssignmentSettings>
  ): Promise<IAssignment> {
    const settings: IAssignmentSettings = {
      title: changes.title ?? row.title,
      instructions: changes.instructions ?? row.instructions,
      classIds:
        changes.classIds ??
        (await this._store.classes(row.id)).map(klass => klass.id),
      shareCode: changes.shareCode ?? row.share_code !== null,
      opensAt: changes.opensAt !== undefined ? changes.opensAt : row.opens_at,
      dueAt: changes.dueAt !== undefined ? changes.dueAt : row.due_at,
      latePolicy: changes.latePolicy ?? (row.late_policy as 'accept'),
      multipleSubmissions:
        changes.multipleSubmissions ?? row.multiple_submissions === 1,
      autograde: changes.autograde ?? row.autograde === 1,
      extraFiles: changes.extraFiles ?? extraFilesOf(row)
    };
    checkSettings(settings);
    if (
      settings.autograde &&
      row.autograde !== 1 &&
      !(await this._store.sourceFiles(row.id)).length
    ) {
      throw new DomainError(
        'invalid_assignment',
        trans.__(
          'Auto-grading is chosen when the assignment is created: the pupils received the notebooks as they were. Create a new assignment with auto-grading.'
        )
      );
    }
    const update = {
      title: settings.title,
      instructions: settings.instructions,
      opens_at: settings.opensAt,
      due_at: settings.dueAt,
      late_policy: settings.latePolicy,
      multiple_submissions: settings.multipleSubmissions ? 1 : 0,
      autograde: settings.autograde ? 1 : 0,
      extra_files: JSON.stringify(settings.extraFiles ?? []),
      updated_at: this._now().toISOString()
    };
    const keep = settings.shareCode ? row.share_code : null;
    const learnersBefore = await this._news?.classLearnerIds(row.id);
    await this._withShareCode(settings.shareCode && !keep, code =>
      this._store.transaction(async store => {
        await store.update(row.id, { ...update, share_code: code ?? keep });
        await store.setClasses(row.id, settings.classIds);
      })
    );
    const updated = (await this._store.get(row.id))!;
    // Classes added: their learners are told of an assignment new to them.
    await this._news?.handedOut(updated, learnersBefore);
    return this.teacherView(updated);
  }

  /**
   * An assignment.
   *
   * @throws {DomainError} 404.
   */
  async getOr404(id: string): Promise<IAssignmentRow> {
    const row = await this._store.get(id);
    if (!row) {
      throw new DomainError(
        'not_found',
        trans.__('This assignment does not exist.')
      );
    }
    return row;
  }

  /** The assignments given to a class, newest first (the class's dashboard). */
  forClass(classId: string): Promise<IAssignmentRow[]> {
    return this._store.givenToClass(classId);
  }

  /** The class ids an assignment is given to. */
  async classIds(id: string): Promise<string[]> {
    return (await this._store.classes(id)).map(klass => klass.id);
  }

  /**
   * The assignments a user teaches (with counts) and those they are given.
   */
  async list(user: IUser): Promise<{
    teaching: (IAssignment & {
      counts: { learners: number; submitted: number; returned: number };
    })[];
    learning: ILearnerAssignment[];
  }> {
    const owned = await this._store.ownedBy(user.id);
    const counts = await this._store.counts(owned.map(row => row.id));
    const teaching = await Promise.all(
      owned.map(async row => ({
        ...(await this.teacherView(row)),
        counts: {
          learners: (await this._store.learners(row.id)).length,
          ...counts.get(row.id)!
        }
      }))
    );
    const given = await this._store.givenTo(user.id);
    const learning = await Promise.all(
      given.map(row => this.learnerView(row, user.id))
    );
    return { teaching, learning };
  }

  /** An assignment as its teacher sees it. */
  async teacherView(row: IAssignmentRow): Promise<IAssignment> {
    return assignmentView(
      row,
      await this.person(row.owner_id),
      await this._store.classes(row.id),
      await this._store.files(row.id)
    );
  }

  /** An assignment as one of its learners sees it, with where they stand. */
  async learnerView(
    row: IAssignmentRow,
    personId: string
  ): Promise<ILearnerAssignment> {
    // A member sees her group's fetch, submissions and feedback.
    const acting = await this.actingFor(row.id, personId).catch(
      (): { learnerId: string; group: null } => ({
        learnerId: personId,
        group: null
      })
    );
    const userId = acting.learnerId;
    const [view, dealings, submissions, feedback] = await Promise.all([
      this.teacherView(row),
      this._store.dealings(row.id, userId),
      this._store.submissions(row.id, userId),
      this._reviewStore.feedback(row.id, userId)
    ]);
    const latest = submissions[0] ?? null;
    const returnedAt = feedback?.returned_at ?? null;
    return {
      ...view,
      // Learners join by code, once: they need not see it.
      shareCode: null,
      state: learnerState(
        row,
        { fetchedAt: dealings?.fetchedAt ?? null, latest, returnedAt },
        this._now()
      ),
      fetchedAt: dealings?.fetchedAt ?? null,
      lastSubmission: latest ? submissionView(latest) : null,
      returnedAt,
      group: acting.group
        ? {
            id: acting.group.id,
            name: acting.group.name,
            openUrl: groupOpenPath(acting.group.accountName)
          }
        : null
    };
  }

  /**
   * Join an assignment with its share code.
   *
   * @throws {DomainError} 404 for an unknown code, or one that no longer accepts work.
   */
  async join(user: IUser, typed: string): Promise<ILearnerAssignment> {
    const code = normalizeShareCode(typed);
    const row = code ? await this._store.byShareCode(code) : null;
    if (!row || closedToLateWork(row, this._now())) {
      throw new DomainError(
        'unknown_code',
        trans.__(
          'Unknown or expired assignment code. Check it with your teacher.'
        )
      );
    }
    if (row.owner_id !== user.id) {
      const isNew = !(await this._store.relation(row.id, user.id));
      await this._store.touch(
        row.id,
        user.id,
        this._now().toISOString(),
        'join'
      );
      if (isNew) {
        await this._news?.joined(row, user.id);
      }
    }
    return this.learnerView(row, user.id);
  }

  /**
   * The files as handed out, for a learner to fetch (recorded) or the teacher to read.
   *
   * @throws {DomainError} 422 before the assignment opens (learners).
   */
  async handOut(
    row: IAssignmentRow,
    learnerId: string | null
  ): Promise<{ folder: string; files: IFile[] }> {
    const now = this._now();
    if (learnerId !== null) {
      refuseBeforeOpening(row, now);
    }
    const files = await this.contents(await this._store.files(row.id));
    if (learnerId !== null) {
      await this._store.touch(row.id, learnerId, now.toISOString(), 'fetch');
    }
    return { folder: row.folder, files };
  }

  /**
   * For whom a person acts on an assignment: herself, or her group's account when
   * it is handed out to her class « par groupe ».
   *
   * @throws {DomainError} 403 `not_in_group` for a pupil of such a class in no group.
   */
  actingFor(
    assignmentId: string,
    userId: string
  ): ReturnType<AssignmentStore['groups']['actingFor']> {
    return this._store.groups.actingFor(assignmentId, userId);
  }

  /** The bytes of stored files. */
  contents(files: readonly IFileRow[]): Promise<IFile[]> {
    return this._files.contents(files);
  }

  /** Someone by id, as the API shows them. */
  async person(userId: string): Promise<IPerson> {
    const user = await this._users.get(userId);
    return {
      name: user?.name ?? '',
      displayName: user?.displayName ?? ''
    };
  }

  /**
   * Write with a new share code when asked (retrying the rare code already taken), or
   * with none.
   */
  private async _withShareCode(
    wanted: boolean,
    write: (code: string | null) => Promise<void>
  ): Promise<void> {
    if (!wanted) {
      return write(null);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await write(newShareCode());
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) {
          throw error;
        }
      }
    }
  }

  private readonly _files: AssignmentFiles;
}

namespace Private {
  /** A folder name from a title: « Les listes en Python » → `les-listes-en-python`. */
  export function slug(title: string): string {
    return (
      fold(title)
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, '') || 'devoir'
    );
  }
}
