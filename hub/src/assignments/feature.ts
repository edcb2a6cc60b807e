import * as path from 'path';

import { environmentsDir } from '../config/load';
import type { IEventPublisher } from '../events/kinds';
import { IHubContext, IFeature } from '../context';
import { NotebookEnvironments } from '../environments/notebooks';
import { LibraryService } from '../library/service';
import { GRADING_ACCOUNT, ServerAccounts } from '../servers/accounts';
import { BlobStore } from '../storage/blobs';
import { UserService } from '../users/service';
import { Autograder } from './autograder';
import { AutogradingService } from './autograding';
import { AssignmentNews } from './news';
import { ReviewService } from './review';
import { ReviewStore } from './reviewStore';
import { AssignmentService } from './service';
import { AssignmentStore } from './store';
import { SubmissionService } from './submissions';

/**
 * The assignments feature's services.
 */
export interface IAssignmentsServices {
  /** The assignments' tables: the policy asks it who owns or learns an assignment. */
  assignmentStore: AssignmentStore;
  assignments: AssignmentService;
  submissions: SubmissionService;
  reviews: ReviewService;
  /** Grades submissions of autograded assignments, in the background. */
  autograding: AutogradingService;
}

/**
 * Assignments: hand out, fetch, submit, review, autograde and return.
 */
export async function create(
  context: IHubContext,
  deps: {
    library: LibraryService;
    users: UserService;
    notebookEnvironments: NotebookEnvironments;
    serverAccounts: ServerAccounts | undefined;
    /** Where the news of assignments goes (`hub/src/events`). */
    events?: IEventPublisher;
  }
): Promise<IFeature<IAssignmentsServices>> {
  const { config, log, clock } = context;
  const assignmentStore = new AssignmentStore(context.db);
  const news = new AssignmentNews(
    assignmentStore,
    deps.users,
    deps.events ?? null
  );
  const reviewStore = new ReviewStore(context.db);
  // Pupils' work is kept apart from the library's files: it is personal data.
  const blobs = new BlobStore(
    path.join(config.dataDir, 'assignments', 'blobs')
  );
  const assignments = new AssignmentService(
    assignmentStore,
    reviewStore,
    blobs,
    deps.library,
    deps.users,
    clock,
    deps.notebookEnvironments,
    news
  );
  const submissions = new SubmissionService(
    assignmentStore,
    blobs,
    clock,
    news
  );
  const reviews = new ReviewService(
    assignmentStore,
    reviewStore,
    assignments,
    clock,
    news
  );
  const autograding = new AutogradingService(
    assignmentStore,
    reviewStore,
    assignments,
    new Autograder({
      venvDir: config.venvDir,
      dataDir: config.dataDir,
      envStoreDir: environmentsDir(config),
      sandbox: config.sandbox,
      timeoutSeconds: config.autogradeTimeoutSeconds,
      memoryLimitBytes: config.autogradeMemoryLimitMb * 1024 * 1024,
      runAs: await deps.serverAccounts?.of(GRADING_ACCOUNT),
      processLimit: config.userProcessLimit,
      tmpfsSizeBytes: config.userTmpfsMb * 1024 * 1024
    }),
    deps.notebookEnvironments,
    {
      timeoutSeconds: config.autogradeTimeoutSeconds,
      memoryMb: config.autogradeMemoryLimitMb
    },
    log,
    clock
  );
  return {
    services: {
      assignmentStore,
      assignments,
      submissions,
      reviews,
      autograding
    },
    start: async () => {
      // Submissions the last hub had not graded yet (its queue was in memory).
      const ungraded = await autograding.recover();
      if (ungraded) {
        log.info({ submissions: ungraded }, 'autograding resumed');
      }
    },
    stop: () => autograding.close()
  };
}
