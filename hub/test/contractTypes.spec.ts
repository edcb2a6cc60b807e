/**
 * The hub's answer types against the contract's (hub/openapi.yml, as the extensions
 * get it in @candyce/core): a field renamed, added or retyped on one side only fails to
 * compile here, before `openapi.spec.ts` sees the answers.
 */

import type { components } from '../../extensions/core/src/generated/hubApi';
import type {
  AutogradeStatus,
  IAssignment,
  IFeedback,
  IPerson,
  ISubmission,
  LearnerState
} from '../src/assignments/views';
import type {
  IEnvironmentSummary,
  IHubEnvironment
} from '../src/environments/views';
import type { IPythonOptions } from '../src/environments/pythons';
import type { resourceDetail, resourceSummary } from '../src/library/views';
import type { IClassDashboard } from '../src/dashboards/classDashboard';
import type { IMyDashboard } from '../src/dashboards/me';
import type { IEstablishmentDashboard } from '../src/dashboards/establishment';
import type { IDashboardPreferences } from '../src/dashboards/preferences';
import type { IProgrammeDashboard } from '../src/dashboards/programme';

type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** `true` when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What the hub answers, each beside the contract's schema for it. */
type Checks = {
  person: Same<IPerson, Schema<'Person'>>;
  learnerState: Same<LearnerState, Schema<'LearnerState'>>;
  autogradeStatus: Same<AutogradeStatus, Schema<'AutogradeStatus'>>;
  assignment: Same<IAssignment, Schema<'Assignment'>>;
  submission: Same<ISubmission, Schema<'Submission'>>;
  feedback: Same<IFeedback, Schema<'Feedback'>>;
  environment: Same<IHubEnvironment, Schema<'Environment'>>;
  environmentSummary: Same<IEnvironmentSummary, Schema<'EnvironmentSummary'>>;
  pythonOptions: Same<IPythonOptions, Schema<'PythonOptions'>>;
  myDashboard: Same<IMyDashboard, Schema<'MyDashboard'>>;
  classDashboard: Same<IClassDashboard, Schema<'ClassDashboard'>>;
  programmeDashboard: Same<IProgrammeDashboard, Schema<'ProgrammeDashboard'>>;
  establishmentDashboard: Same<
    IEstablishmentDashboard,
    Schema<'EstablishmentDashboard'>
  >;
  dashboardPreferences: Same<
    IDashboardPreferences,
    Schema<'DashboardPreferences'>
  >;
  resourceSummary: Same<
    ReturnType<typeof resourceSummary>,
    Schema<'ResourceSummary'>
  >;
  resourceDetail: Same<
    Awaited<ReturnType<typeof resourceDetail>>,
    Schema<'ResourceDetail'>
  >;
};

describe('the hub’s answer types', () => {
  it('are the contract’s (checked when this file compiles)', () => {
    const checks: Checks = {
      person: true,
      learnerState: true,
      autogradeStatus: true,
      assignment: true,
      submission: true,
      feedback: true,
      environment: true,
      environmentSummary: true,
      pythonOptions: true,
      myDashboard: true,
      classDashboard: true,
      programmeDashboard: true,
      establishmentDashboard: true,
      dashboardPreferences: true,
      resourceSummary: true,
      resourceDetail: true
    };
    expect(Object.values(checks).every(Boolean)).toBe(true);
  });
});
