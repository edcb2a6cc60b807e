import { randomUUID } from 'crypto';

import { isUniqueViolation } from '../db/portable';
import { INotebookEnvironments } from '../environments/notebooks';
import { HttpError } from '../http/errors';
import { fold } from '../library/analyze';
import { BlobStore } from '../library/blobs';
import { checkFiles, IResourceFile } from '../library/files';
import { LibraryService } from '../library/service';
import { IUser, UserService } from '../users/service';
import { withCellIds } from './cellIds';
import { frenchDate } from './dates';
import { release } from './nbgrader';
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
 * Where an assignment's files come from when it is created.
 */
export type AssignmentSource =
  | { library: { resourceId: string; version: number } }
  | { home: { path: string; files: IResourceFile[] } };

/**
 * What a teacher sets on an assignment (all optional when changing one).
 */
export interface IAssignmentSettings {
  title: string;
  instructions: string;
  classIds: string[];
  shareCode: boolean;
  opensAt: string | null;
  dueAt: string | null;
  latePolicy: 'accept' | 'refuse';
  multipleSubmissions: boolean;
  /**
   * Grade submissions by running the notebooks' nbgrader tests. Learners then get the
   * notebooks without solutions nor hidden tests.
   */
  autograde: boolean;
}

/**
 * What a learner sees of an assignment.
 */
export interface ILearnerAssignment extends IAssignment {
  state: LearnerState;
  fetchedAt: string | null;
  lastSubmission: ISubmission | null;
  returnedAt: string | null;
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
    private readonly _blobs: BlobStore,
    private readonly _library: LibraryService,
    private readonly _users: UserService,
    private readonly _now: () => Date = () => new Date(),
    private readonly _environments: INotebookEnvironments | null = null
  ) {}

  /**
   * Create an assignment: its files are copied (a library version's, or the ones the
   * teacher sent) so that later changes to the source never change what pupils get.
   * Autograded, pupils get the notebooks as nbgrader releases them, and the teacher's
   * are kept to grade with.
   *
   * @throws {HttpError} 400 / 413 for bad settings or files (bad nbgrader metadata, no
   *   graded cell to autograde), 404 unknown library version.
   */
  async create(
    owner: IUser,
    settings: IAssignmentSettings,
    source: AssignmentSource
  ): Promise<IAssignment> {
    Private.checkSettings(settings);
    let given = withCellIds(
      checkFiles(
        'library' in source
          ? await this._libraryFiles(source.library)
          : source.home.files
      ).files
    );
    // A library version pinned to an environment hands out notebooks pinned to it, so
    // that pupils run the software the resource was made with.
    const versionEnvironment =
      'library' in source
        ? (
            await this._library.versionOr404(
              source.library.resourceId,
              source.library.version
            )
          ).environmentId
        : null;
    if (versionEnvironment && this._environments) {
      given = await this._environments.pinNotebooks(given, versionEnvironment);
    }
    // Pinned environments are kept (garbage collection spares them) while the
    // assignment exists.
    const environmentIds =
      (await this._environments?.registerFromNotebooks(given, owner.id)) ?? [];
    if (versionEnvironment && !environmentIds.includes(versionEnvironment)) {
      environmentIds.push(versionEnvironment);
    }
    const { handedOut, kept } = settings.autograde
      ? Private.releaseGraded(given)
      : { handedOut: given, kept: [] };
    const files = await this._storeFiles(handedOut);
    const sourceFiles = await this._storeFiles(kept);
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
      created_at: now,
      updated_at: now
    };
    await this._withShareCode(settings.shareCode, code =>
      this._store.insert(
        { ...row, share_code: code },
        files,
        settings.classIds,
        sourceFiles
      )
    );
    await this._environments?.recordAssignment(id, environmentIds);
    if ('library' in source) {
      await this._library.recordUse(owner, source.library.resourceId, 'assign');
    }
    return this.teacherView((await this._store.get(id))!);
  }

  /**
   * Change an assignment's settings; files never change (a new assignment does), so
   * autograding can be turned back on only on an assignment created with it.
   *
   * @throws {HttpError} 400 for bad settings.
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
      autograde: changes.autograde ?? row.autograde === 1
    };
    Private.checkSettings(settings);
    if (
      settings.autograde &&
      row.autograde !== 1 &&
      !(await this._store.sourceFiles(row.id)).length
    ) {
      throw new HttpError(
        400,
        'invalid_assignment',
        'La correction automatique se choisit à la création du devoir : les élèves ont reçu les notebooks tels quels. Créez un nouveau devoir avec la correction automatique.'
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
      updated_at: this._now().toISOString()
    };
    const keep = settings.shareCode ? row.share_code : null;
    await this._withShareCode(settings.shareCode && !keep, code =>
      this._store.transaction(async store => {
        await store.update(row.id, { ...update, share_code: code ?? keep });
        await store.setClasses(row.id, settings.classIds);
      })
    );
    return this.teacherView((await this._store.get(row.id))!);
  }

  /**
   * An assignment.
   *
   * @throws {HttpError} 404.
   */
  async getOr404(id: string): Promise<IAssignmentRow> {
    const row = await this._store.get(id);
    if (!row) {
      throw new HttpError(404, 'not_found', 'Ce devoir n’existe pas.');
    }
    return row;
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

  async teacherView(row: IAssignmentRow): Promise<IAssignment> {
    return assignmentView(
      row,
      await this.person(row.owner_id),
      await this._store.classes(row.id),
      await this._store.files(row.id)
    );
  }

  async learnerView(
    row: IAssignmentRow,
    userId: string
  ): Promise<ILearnerAssignment> {
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
      returnedAt
    };
  }

  /**
   * Join an assignment with its share code.
   *
   * @throws {HttpError} 404 for an unknown code, or one that no longer accepts work.
   */
  async join(user: IUser, typed: string): Promise<ILearnerAssignment> {
    const code = normalizeShareCode(typed);
    const row = code ? await this._store.byShareCode(code) : null;
    if (!row || closedToLateWork(row, this._now())) {
      throw new HttpError(
        404,
        'unknown_code',
        'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.'
      );
    }
    if (row.owner_id !== user.id) {
      await this._store.touch(
        row.id,
        user.id,
        this._now().toISOString(),
        'join'
      );
    }
    return this.learnerView(row, user.id);
  }

  /**
   * The files as handed out, for a learner to fetch (recorded) or the teacher to read.
   *
   * @throws {HttpError} 422 before the assignment opens (learners).
   */
  async handOut(
    row: IAssignmentRow,
    learnerId: string | null
  ): Promise<{ folder: string; files: IResourceFile[] }> {
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

  /** The bytes of stored files. */
  async contents(files: readonly IFileRow[]): Promise<IResourceFile[]> {
    return Promise.all(
      files.map(async file => ({
        path: file.path,
        content: await this._blobs.get(file.sha256)
      }))
    );
  }

  /** Someone by id, as the API shows them. */
  async person(userId: string): Promise<IPerson> {
    const user = await this._users.get(userId);
    return {
      name: user?.name ?? '',
      displayName: user?.displayName ?? ''
    };
  }

  private async _libraryFiles(source: {
    resourceId: string;
    version: number;
  }): Promise<IResourceFile[]> {
    const version = await this._library.versionOr404(
      source.resourceId,
      source.version
    );
    return Promise.all(
      version.files.map(async file => ({
        path: file.path,
        content: (
          await this._library.file(source.resourceId, source.version, file.path)
        ).content
      }))
    );
  }

  /** Store checked files durably: only then may a row name them. */
  private async _storeFiles(files: IResourceFile[]): Promise<IFileRow[]> {
    const rows: IFileRow[] = [];
    for (const file of files) {
      rows.push({
        path: file.path,
        sha256: await this._blobs.put(file.content),
        size: file.content.length
      });
    }
    return rows;
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
}

/**
 * Refuse learners' work on an assignment before it opens.
 *
 * @throws {HttpError} 422 `not_open`.
 */
export function refuseBeforeOpening(row: IAssignmentRow, now: Date): void {
  if (row.opens_at && now.toISOString() < row.opens_at) {
    throw new HttpError(
      422,
      'not_open',
      `Ce devoir n’est pas encore ouvert : il ouvre le ${frenchDate(row.opens_at)}.`
    );
  }
}

/**
 * Whether an assignment that refuses late work is past its due date: it takes no new
 * learner and no new submission.
 */
export function closedToLateWork(row: IAssignmentRow, now: Date): boolean {
  return (
    row.late_policy === 'refuse' &&
    row.due_at !== null &&
    now.toISOString() > row.due_at
  );
}

namespace Private {
  export const TITLE_MAX = 200;
  export const INSTRUCTIONS_MAX = 10_000;

  export function checkSettings(settings: IAssignmentSettings): void {
    const problem = (message: string) =>
      new HttpError(400, 'invalid_assignment', message);
    if (!settings.title.trim()) {
      throw problem('Donnez un titre au devoir.');
    }
    if (settings.title.length > TITLE_MAX) {
      throw problem(
        `Le titre est trop long (${TITLE_MAX} caractères au plus).`
      );
    }
    if (settings.instructions.length > INSTRUCTIONS_MAX) {
      throw problem(
        `La consigne est trop longue (${INSTRUCTIONS_MAX} caractères au plus).`
      );
    }
    if (!settings.classIds.length && !settings.shareCode) {
      throw problem(
        'Choisissez au moins une classe, ou un code de partage à donner aux élèves.'
      );
    }
    if (
      settings.opensAt &&
      settings.dueAt &&
      settings.dueAt <= settings.opensAt
    ) {
      throw problem('La date limite doit suivre la date d’ouverture.');
    }
  }

  /**
   * The notebooks learners get, as nbgrader releases them, and the teacher's notebooks
   * to keep for grading (those with nbgrader cells).
   *
   * @throws {HttpError} 400 for bad nbgrader metadata, or when no cell is graded.
   */
  export function releaseGraded(files: IResourceFile[]): {
    handedOut: IResourceFile[];
    kept: IResourceFile[];
  } {
    const handedOut: IResourceFile[] = [];
    const kept: IResourceFile[] = [];
    let graded = 0;
    for (const file of files) {
      if (!file.path.endsWith('.ipynb')) {
        handedOut.push(file);
        continue;
      }
      const released = release(file.content, file.path);
      if (released.graded.length) {
        kept.push(file);
      }
      graded += released.graded.length;
      handedOut.push({
        path: file.path,
        content: released.usesNbgrader ? released.notebook : file.content
      });
    }
    if (!graded) {
      throw new HttpError(
        400,
        'no_graded_cell',
        'Aucune cellule notée : la correction automatique n’aurait rien à corriger. Ajoutez des cellules de tests avec l’outil « Create Assignment » de nbgrader, ou choisissez la correction manuelle.'
      );
    }
    // The released notebooks are checked as any notebook handed out.
    return { handedOut: checkFiles(handedOut).files, kept };
  }

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
