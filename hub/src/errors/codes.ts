/**
 * Every code of the hub's refusals and the HTTP status the edge answers it with. A new
 * code goes here first: `DomainError` takes only these (the compiler checks it), and
 * the extensions' messages per code are generated from this table
 * (`extensions/core/scripts/hub-errors.mjs`).
 */
export const ERROR_STATUS = {
  // 400: the request cannot be done as it is.
  invalid_request: 400,
  invalid_json: 400,
  invalid_text: 400,
  invalid_name: 400,
  invalid_display_name: 400,
  invalid_role: 400,
  weak_password: 400,
  invalid_establishment_name: 400,
  invalid_uai: 400,
  invalid_class_name: 400,
  invalid_level: 400,
  invalid_membership: 400,
  invalid_pupils: 400,
  // Establishments' and academies' administrators (hub/src/establishments).
  invalid_academy: 400,
  establishment_required: 400,
  // Group workspaces (hub/src/groups).
  invalid_group_name: 400,
  invalid_group_members: 400,
  invalid_filter: 400,
  invalid_profile: 400,
  invalid_period: 400,
  invalid_dashboard_preferences: 400,
  assignment_not_in_class: 400,
  group_not_in_class: 400,
  invalid_path: 400,
  invalid_zip: 400,
  invalid_metadata: 400,
  invalid_notebook: 400,
  no_notebook: 400,
  invalid_assignment: 400,
  invalid_nbgrader: 400,
  no_graded_cell: 400,
  invalid_feedback: 400,
  invalid_environment: 400,
  invalid_environment_id: 400,
  invalid_environment_name: 400,
  environment_mismatch: 400,
  platform_mismatch: 400,
  python_missing: 400,
  tool_failed: 400,
  unknown_file: 400,
  invalid_list: 400,
  software_file_too_large: 400,
  // The administration (`users/administration.ts`, `audit/`).
  invalid_cursor: 400,
  invalid_reset_code: 400,
  // xAPI (the LRS, `lrs/`): a statement, a multipart body or a version header.
  invalid_statement: 400,
  invalid_multipart: 400,
  xapi_version: 400,
  // The news stream (`events/`): a Last-Event-ID that is no event id.
  invalid_event_id: 400,
  // 401: who is calling is unknown or not proven.
  unauthenticated: 401,
  invalid_credentials: 401,
  oidc_no_subject: 401,
  invalid_code: 401,
  expired_code: 401,
  revoked_code: 401,
  // A server's origin without its cookie (serverOrigins subdomain): enter it from the hub.
  server_login_required: 401,
  // 403: known, but not allowed.
  forbidden: 403,
  forbidden_establishment: 403,
  forbidden_membership: 403,
  foreign_origin: 403,
  xsrf: 403,
  forbidden_actor: 403,
  environment_not_author: 403,
  consent_required: 403,
  account_deactivated: 403,
  role_above_own: 403,
  // A server's origin (serverOrigins subdomain): a bad enter code, a caller who may
  // not act on the hub from there.
  enter_code_invalid: 403,
  server_origin_forbidden: 403,
  // Group workspaces: pupils create them only where their class allows it.
  group_creation_closed: 403,
  // Live help: only a teacher of the pupil's classes, while the help is open.
  help_forbidden: 403,
  not_in_group: 403,
  // 404: nothing there (or nothing this caller may know of).
  not_found: 404,
  unknown_user: 404,
  unknown_class: 404,
  unknown_establishment: 404,
  unknown_academy: 404,
  unknown_administrator_grant: 404,
  not_a_member: 404,
  not_a_code_account: 404,
  no_code: 404,
  unknown_code: 404,
  unknown_learner: 404,
  not_submitted: 404,
  no_feedback: 404,
  not_returned: 404,
  environment_unknown: 404,
  // 405: the resource does not take this method (the LRS).
  method_not_allowed: 405,
  // 409: the state of things forbids it now.
  name_taken: 409,
  version_conflict: 409,
  server_starting: 409,
  server_not_running: 409,
  nothing_to_annotate: 409,
  nothing_to_return: 409,
  not_autograded: 409,
  already_submitted: 409,
  busy: 409,
  statement_conflict: 409,
  document_conflict: 409,
  self_administration: 409,
  already_deactivated: 409,
  already_active: 409,
  administrator_exists: 409,
  // Group workspaces (hub/src/groups).
  group_name_taken: 409,
  group_needs_server_origins: 409,
  // An assignment done in the learner's group workspace, fetched or handed in elsewhere.
  group_assignment_elsewhere: 409,
  // Live help (hub/src/help).
  help_needs_server_origins: 409,
  help_no_teacher: 409,
  help_already_open: 409,
  help_closed: 409,
  help_already_joined: 409,
  // 412: a precondition (If-Match, If-None-Match) is false (the LRS).
  precondition_failed: 412,
  // 413: too large.
  too_large: 413,
  // 421: the hub's origin asked for what a server's origin serves, or the reverse.
  wrong_origin: 421,
  // 422: understood, refused by the rules of the assignment.
  not_open: 422,
  late_refused: 422,
  file_not_allowed: 422,
  // 429: too many attempts; wait.
  login_throttled: 429,
  code_throttled: 429,
  too_many_attempts: 429,
  too_many_resolutions: 429,
  // 500, 503: the hub's side.
  internal_error: 500,
  capacity: 503,
  spawn_failed: 503,
  index_unreachable: 503
} as const satisfies Record<string, number>;

/**
 * A code of the hub's refusals.
 */
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Whether a string is one of the codes.
 */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_STATUS, code);
}
