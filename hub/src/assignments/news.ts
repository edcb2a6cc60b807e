import type { IEventPublisher } from '../events/kinds';
import type { UserService } from '../users/service';
import type { IAssignmentRow } from './rows';
import type { AssignmentStore } from './store';

/**
 * The news the assignments tell (`hub/src/events`): who is concerned by each moment
 * and what they are told. The services call it where the moment happens, once the
 * change is committed; without a publisher (tests of the services alone) it says
 * nothing.
 */
export class AssignmentNews {
  constructor(
    private readonly _store: AssignmentStore,
    private readonly _users: UserService,
    private readonly _events: IEventPublisher | null
  ) {}

  /**
   * The learners of the assignment's classes (and its groups' accounts), by id, before
   * a change of classes.
   */
  async classLearnerIds(assignmentId: string): Promise<Set<string>> {
    if (!this._events) {
      return new Set();
    }
    return new Set([
      ...(await this._store.classLearners(assignmentId)).keys(),
      ...(await this._store.groups.groups(assignmentId)).map(
        group => group.accountId
      )
    ]);
  }

  /**
   * A new assignment, for each learner of its classes but those who had it already
   * (`before`: when classes are added to an assignment).
   */
  async handedOut(
    row: IAssignmentRow,
    before: ReadonlySet<string> = new Set()
  ): Promise<void> {
    if (!this._events) {
      return;
    }
    const byClass = new Map<string, string[]>();
    for (const [learner, className] of await this._store.classLearners(
      row.id
    )) {
      if (!before.has(learner) && learner !== row.owner_id) {
        byClass.set(className, [...(byClass.get(className) ?? []), learner]);
      }
    }
    // A group's account too: « Mes devoirs » in its workspace is told.
    for (const group of await this._store.groups.groups(row.id)) {
      if (!before.has(group.accountId)) {
        byClass.set(group.className, [
          ...(byClass.get(group.className) ?? []),
          group.accountId
        ]);
      }
    }
    for (const [className, learners] of byClass) {
      await this._events.publish(learners, {
        kind: 'assignment.new',
        data: { assignmentId: row.id, title: row.title, className }
      });
    }
  }

  /** A learner who joined by share code: the assignment is new to them. */
  async joined(row: IAssignmentRow, learnerId: string): Promise<void> {
    await this._events?.publish([learnerId], {
      kind: 'assignment.new',
      data: { assignmentId: row.id, title: row.title, className: null }
    });
  }

  /** A hand-in, for the assignment's teacher. */
  async submitted(
    row: IAssignmentRow,
    learnerId: string,
    submission: { version: number; late: boolean }
  ): Promise<void> {
    if (!this._events) {
      return;
    }
    const learner = await this._users.get(learnerId);
    await this._events.publish([row.owner_id], {
      kind: 'assignment.submitted',
      data: {
        assignmentId: row.id,
        title: row.title,
        learnerDisplayName: learner?.displayName ?? '',
        version: submission.version,
        late: submission.late
      }
    });
  }

  /**
   * Feedback returned, for each learner it was returned to (a group's account and its
   * members).
   */
  async returned(
    row: IAssignmentRow,
    learnerIds: readonly string[]
  ): Promise<void> {
    await this._events?.publish(learnerIds, {
      kind: 'assignment.returned',
      data: { assignmentId: row.id, title: row.title }
    });
  }
}
