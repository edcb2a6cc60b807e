import { Generated } from 'kysely';

import {
  IAssignmentsTable,
  IAssignmentFilesTable,
  IAssignmentClassesTable,
  IAssignmentLearnersTable,
  IAssignmentSubmissionsTable,
  IAssignmentSubmissionFilesTable,
  IAssignmentFeedbackTable,
  IAssignmentSourceFilesTable,
  IAssignmentAutogradesTable
} from './schemaAssignments';

/**
 * The hub's tables. Each module owns its tables and is the only one to query them:
 * users (users, user_roles), auth (sessions, login_attempts), classes (classes,
 * class_members, establishments), servers (servers), library (library_*; its full-text
 * table `library_search` differs between SQLite and PostgreSQL and is reached with raw
 * SQL in library/searchIndex.ts), assignments (assignment* but assignment_environments),
 * environments (environments, assignment_environments).
 *
 * Timestamps are ISO 8601 strings in UTC (`Date.toISOString()`): they sort as text and
 * read the same on SQLite and PostgreSQL.
 */
export interface IDatabase {
  users: IUsersTable;
  user_roles: IUserRolesTable;
  sessions: ISessionsTable;
  classes: IClassesTable;
  class_members: IClassMembersTable;
  servers: IServersTable;
  server_accounts: IServerAccountsTable;
  identities: IIdentitiesTable;
  establishments: IEstablishmentsTable;
  class_codes: IClassCodesTable;
  class_keys: IClassKeysTable;
  class_school_mode: IClassSchoolModeTable;
  group_workspaces: IGroupWorkspacesTable;
  group_members: IGroupMembersTable;
  class_group_settings: IClassGroupSettingsTable;
  library_resources: ILibraryResourcesTable;
  library_versions: ILibraryVersionsTable;
  library_files: ILibraryFilesTable;
  library_tags: ILibraryTagsTable;
  library_endorsements: ILibraryEndorsementsTable;
  library_events: ILibraryEventsTable;
  library_profiles: ILibraryProfilesTable;
  library_terms: ILibraryTermsTable;
  library_visits: ILibraryVisitsTable;
  assignments: IAssignmentsTable;
  assignment_files: IAssignmentFilesTable;
  assignment_classes: IAssignmentClassesTable;
  assignment_learners: IAssignmentLearnersTable;
  assignment_submissions: IAssignmentSubmissionsTable;
  assignment_submission_files: IAssignmentSubmissionFilesTable;
  assignment_feedback: IAssignmentFeedbackTable;
  assignment_source_files: IAssignmentSourceFilesTable;
  assignment_autogrades: IAssignmentAutogradesTable;
  environments: IEnvironmentsTable;
  assignment_environments: IAssignmentEnvironmentsTable;
  lrs_clients: ILrsClientsTable;
  lrs_statements: ILrsStatementsTable;
  lrs_statement_index: ILrsStatementIndexTable;
  lrs_activities: ILrsActivitiesTable;
  lrs_documents: ILrsDocumentsTable;
  lrs_attachments: ILrsAttachmentsTable;
  lrs_erasures: ILrsErasuresTable;
  privacy_choices: IPrivacyChoicesTable;
  class_trace_policies: IClassTracePoliciesTable;
  password_resets: IPasswordResetsTable;
  audit_events: IAuditEventsTable;
  event_journal: IEventJournalTable;
  dashboard_daily: IDashboardDailyTable;
  dashboard_daily_errors: IDashboardDailyErrorsTable;
  dashboard_collaborations: IDashboardCollaborationsTable;
  dashboard_preferences: IDashboardPreferencesTable;
  help_requests: IHelpRequestsTable;
  assignment_group_classes: IAssignmentGroupClassesTable;
  assignment_group_submitters: IAssignmentGroupSubmittersTable;
  administrators: IAdministratorsTable;
  establishment_users: IEstablishmentUsersTable;
}

/** Migration 0007: a resource of the library and its denormalised counters. */
export interface ILibraryResourcesTable {
  id: string;
  owner_id: string | null;
  current_version: number;
  title: string;
  title_key: string;
  created_at: string;
  updated_at: string;
  uses: Generated<number>;
  peer_endorsements: Generated<number>;
  inspection_endorsements: Generated<number>;
  /** SQLite: the row of the resource in `library_search` (see migration 0007). */
  search_rowid: Generated<number | null>;
  /** uses + 3 × peer endorsements + 10 × inspection endorsements. */
  popularity: Generated<number>;
}

/** An immutable version of a resource; lists are JSON arrays of strings. */
export interface ILibraryVersionsTable {
  resource_id: string;
  version: number;
  title: string;
  summary: string;
  language: string;
  duration_minutes: number;
  licence: string;
  authors: string;
  keywords: string;
  disciplines: string;
  levels: string;
  environment_id: string | null;
  published_by: string | null;
  published_at: string;
}

export interface ILibraryFilesTable {
  resource_id: string;
  version: number;
  path: string;
  sha256: string;
  size: number;
}

/** Facets of a resource's current version: `discipline`, `level`, `licence`, `language`. */
export interface ILibraryTagsTable {
  resource_id: string;
  kind: string;
  value: string;
}

/** `peer` or `inspection`. */
export interface ILibraryEndorsementsTable {
  resource_id: string;
  user_id: string;
  kind: string;
  created_at: string;
}

/** `open`, `assign`, `publish`. */
export interface ILibraryEventsTable {
  user_id: string;
  resource_id: string;
  kind: string;
  at: string;
}

export interface ILibraryProfilesTable {
  user_id: string;
  disciplines: string;
  levels: string;
  updated_at: string;
}

/** A word of the library's titles, keywords and summaries (migration 0018). */
export interface ILibraryTermsTable {
  word: string;
  docs: number;
}

/** When a teacher last looked at their recommendations (migration 0022). */
export interface ILibraryVisitsTable {
  user_id: string;
  /** The latest visit. */
  last_at: string;
  /** When the visit before the current one began; null until a second visit. */
  previous_at: string | null;
}

export interface IUsersTable {
  id: string;
  name: string;
  display_name: string;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** OneRoster `sourcedId` of an imported user (migration 0004). */
  source_id: Generated<string | null>;
  /** Display name and identifier folded, for searches (migration 0010). */
  search_key: Generated<string>;
  /** The language the user chose, `fr` or `en`; null until then (migration 0015). */
  language: Generated<string | null>;
  /** When an administrator deactivated the account; null: active (migration 0019). */
  deactivated_at: Generated<string | null>;
}

/** Migration 0019: one-time password reset codes, by the SHA-256 of the code. */
export interface IPasswordResetsTable {
  code_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Migration 0019: the audit log of administrative actions. */
export interface IAuditEventsTable {
  id: string;
  at: string;
  actor_id: string;
  action: string;
  target_id: string | null;
  /** JSON of fixed fields (roles…), never free text. */
  details: Generated<string>;
}

/** Migration 0023: news pushed to one recipient (`hub/src/events`). */
export interface IEventJournalTable {
  id: Generated<number>;
  recipient_id: string;
  kind: string;
  /** JSON of fixed fields, never free text. */
  data: string;
  at: string;
}

export interface IUserRolesTable {
  user_id: string;
  role: string;
  /** `local` or `sso` (recomputed at each OpenID Connect login; migration 0006). */
  granted_by: Generated<string>;
}

export interface ISessionsTable {
  /** SHA-256 of the session token: a stolen database cannot replay sessions. */
  id_hash: string;
  user_id: string;
  xsrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface IClassesTable {
  id: string;
  name: string;
  level: string | null;
  created_at: string;
  /** Migration 0004. */
  establishment_id: Generated<string | null>;
  /** OneRoster `sourcedId` of an imported class (migration 0004). */
  source_id: Generated<string | null>;
}

export interface IClassMembersTable {
  class_id: string;
  user_id: string;
  /** `teacher` or `learner`. */
  membership: string;
}

export interface IServersTable {
  user_id: string;
  /**
   * Where the server listens: `http+unix://<socket>` (a local server since migration
   * 0013, which dropped the per-server `secret`), or `http://<host>:<port>`.
   */
  url: string;
  pid: number;
  started_at: string;
  last_activity_at: string;
  /** `/user/<name>/` (migration 0006; null in older rows). */
  base_url: string | null;
  /** The spawner's state of the server, JSON (migration 0006; null in older rows). */
  spawner_state: string | null;
}

/**
 * The uid a user's server runs as (migration 0011), owned by the servers module.
 */
export interface IServerAccountsTable {
  user_id: string;
  uid: number;
}

/**
 * An establishment (« établissement »), owned by the classes module (migration 0004).
 */
export interface IEstablishmentsTable {
  id: string;
  name: string;
  /** Unité administrative immatriculée, e.g. `0750001A`. */
  uai: string | null;
  /** OneRoster `sourcedId` of an imported org. */
  source_id: string | null;
  created_at: string;
  /** The academy (« Créteil »), null if unknown (migration 0027). */
  academy: Generated<string | null>;
}

/**
 * Migration 0027: who administers one establishment (`establishment_id`) or every
 * establishment of one academy (`academy`); exactly one of the two is set.
 */
export interface IAdministratorsTable {
  id: string;
  user_id: string;
  establishment_id: string | null;
  academy: string | null;
  granted_by: string;
  granted_at: string;
}

/** Migration 0027: a user attached to an establishment directly (not by a class). */
export interface IEstablishmentUsersTable {
  establishment_id: string;
  user_id: string;
  created_at: string;
}

/** Owned by auth/oidc: an account at an OpenID Connect provider, linked to a user. */
export interface IIdentitiesTable {
  /** The provider's issuer URL, as its ID tokens give it (`iss`). */
  issuer: string;
  /** The account's `sub` at that issuer. */
  subject: string;
  user_id: string;
  created_at: string;
}

/**
 * Owned by classcodes: a pupil's personal login code for one class (migration 0005).
 */
export interface IClassCodesTable {
  /** One code per pupil account. */
  user_id: string;
  /** The only class whose login page accepts the code. */
  class_id: string;
  /** Random per-code salt (hex). */
  salt: string;
  /** SHA-256 of salt + code (hex). */
  code_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** Migration 0014: the short key of a class's login address (`/c/<key>`). */
export interface IClassKeysTable {
  class_id: string;
  /** 5 characters of the class codes' alphabet, unique. */
  key: string;
  created_at: string;
}

/** Migration 0025, owned by groups: a group workspace and the account its server runs as. */
export interface IGroupWorkspacesTable {
  id: string;
  class_id: string;
  account_id: string;
  name: string;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
}

/** Migration 0025, owned by groups: a member of a group workspace. */
export interface IGroupMembersTable {
  group_id: string;
  user_id: string;
}

/** Migration 0025, owned by groups: a class whose pupils may create workspaces. */
export interface IClassGroupSettingsTable {
  class_id: string;
  learners_create_at: string;
}

/** Migration 0016, owned by classes: the classes whose teacher turned school mode on. */
export interface IClassSchoolModeTable {
  class_id: string;
  turned_on_at: string;
}

/**
 * Migration 0009, owned by environments: a lock the hub knows. `lock`, `files` and
 * `added_requirements` are JSON.
 */
export interface IEnvironmentsTable {
  id: string;
  lock: string;
  files: string;
  python: string;
  added_requirements: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  /** Its human name (migration 0020); null until one is given. */
  name: string | null;
}

/** Owned by environments: an assignment hands out notebooks pinned to an environment. */
export interface IAssignmentEnvironmentsTable {
  assignment_id: string;
  environment_id: string;
}

/** Migration 0017, owned by lrs: a client of the xAPI Learning Record Store. */
export interface ILrsClientsTable {
  id: string;
  name: string;
  /** The Basic-auth user name. */
  key: string;
  /** SHA-256 (hex) of the random secret, shown once. */
  secret_hash: string;
  /** `read`, `write` or `all`. */
  scope: string;
  /** JSON of the only actor the client may write for (an emitter's), or null. */
  actor: string | null;
  /** That actor's identifier key (`account:<homePage>|<name>`…), or null. */
  actor_key: string | null;
  /** The user a per-user credential was made for, or null. */
  user_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A statement as stored; `body` is its JSON. */
export interface ILrsStatementsTable {
  id: string;
  stored: string;
  voided: Generated<number>;
  /** For a voiding statement, the id of the statement it voids. */
  voiding_target: string | null;
  client_id: string;
  body: string;
}

/** What the statement filters match: `agent`, `verb`, `activity`, `registration`. */
export interface ILrsStatementIndexTable {
  statement_id: string;
  kind: string;
  value: string;
  /** 0: matched by the narrow filter; 1: only by `related_agents`/`related_activities`. */
  related: number;
  stored: string;
}

export interface ILrsActivitiesTable {
  id: string;
  /** JSON: the latest definition given in a statement. */
  definition: string;
  updated_at: string;
}

/** State (`state`), Activity Profile (`activity`) and Agent Profile (`agent`) documents. */
export interface ILrsDocumentsTable {
  kind: string;
  /** `''` when the kind has none. */
  activity_id: string;
  agent_key: string;
  registration: string;
  document_id: string;
  content_type: string;
  /** Base64. */
  content: string;
  etag: string;
  updated: string;
}

export interface ILrsAttachmentsTable {
  sha2: string;
  content_type: string;
  /** Base64. */
  content: string;
}

/** Migration 0021, owned by lrs: an erasure or purge of traces, by its counts only. */
export interface ILrsErasuresTable {
  id: string;
  /** `erasure` (a user's traces, asked by them or an administrator) or `purge`. */
  kind: string;
  at: string;
  statements: number;
  documents: number;
  attachments: number;
}

/** Migration 0021, owned by privacy: a user's answer to « optional traces? » (0/1). */
export interface IPrivacyChoicesTable {
  user_id: string;
  optional_traces: number;
  updated_at: string;
}

/** Migration 0021, owned by privacy: a class teacher's policy, `none` or `consent`. */
export interface IClassTracePoliciesTable {
  class_id: string;
  policy: string;
  updated_at: string;
}

export * from './schemaAssignments';

/** Migration 0024, owned by dashboards: an actor's counts of a day (UTC). */
export interface IDashboardDailyTable {
  /** The pseudonymous actor of the LRS (`account:<homePage>|<HMAC>`). */
  actor_key: string;
  day: string;
  statements: number;
  notebooks_opened: number;
  cells_run: number;
  errors: number;
  help_asked: number;
  /** The latest statement's timestamp of that day. */
  last_at: string;
}

/** Migration 0024, owned by dashboards: cells in error by exception name. */
export interface IDashboardDailyErrorsTable {
  actor_key: string;
  day: string;
  exception: string;
  count: number;
}

/** Migration 0024, owned by dashboards: collaboration sessions joined. */
export interface IDashboardCollaborationsTable {
  actor_key: string;
  day: string;
  /** The collaboration activity's id. */
  session: string;
  count: number;
}

/** Migration 0024, owned by dashboards: a user's dashboard choices (JSON). */
export interface IDashboardPreferencesTable {
  user_id: string;
  preferences: string;
  updated_at: string;
}

/** Migration 0026, owned by help: a pupil's request for live help on a notebook. */
export interface IHelpRequestsTable {
  id: string;
  learner_id: string;
  /** The notebook's path in the pupil's home. */
  path: string;
  /** `write` or `read`: what the teacher may do. */
  access: string;
  message: string | null;
  created_at: string;
  expires_at: string;
  helper_id: string | null;
  joined_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

/** Migration 0028: a class an assignment was handed out to « par groupe ». */
export interface IAssignmentGroupClassesTable {
  assignment_id: string;
  class_id: string;
}

/** Migration 0028: the member who handed in a group's submission. */
export interface IAssignmentGroupSubmittersTable {
  submission_id: string;
  user_id: string;
}
