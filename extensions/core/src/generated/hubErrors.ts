// Generated from hub/src/errors by extensions/core/scripts/hub-errors.mjs: do not
// edit, run `npm run build:gen`.
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The message of a hub error code in the interface's language, or null for a code the
 * hub tells with several messages, or params that do not fit its placeholders (then
 * the hub's own message is shown).
 */
export function hubErrorTemplate(
  trans: TranslationBundle,
  code: string,
  params: ReadonlyArray<string | number>
): string | null {
  switch (code) {
    case 'invalid_text':
      return params.length === 0
        ? trans.__('Invalid request: it contains a null character.', ...params)
        : null;
    case 'invalid_name':
      return params.length === 0
        ? trans.__(
            'Invalid user name: lowercase letters, digits, “.”, “-” and “_”, 64 characters at most.',
            ...params
          )
        : null;
    case 'invalid_display_name':
      return params.length === 0
        ? trans.__('Invalid display name.', ...params)
        : null;
    case 'invalid_role':
      return params.length === 1
        ? trans.__('Unknown role: %1.', ...params)
        : null;
    case 'weak_password':
      return params.length === 0
        ? trans.__('The password must have at least 8 characters.', ...params)
        : null;
    case 'invalid_establishment_name':
      return params.length === 0
        ? trans.__('Invalid school name.', ...params)
        : null;
    case 'invalid_uai':
      return params.length === 0
        ? trans.__('Invalid UAI code: seven digits and a letter.', ...params)
        : null;
    case 'invalid_academy':
      return params.length === 0
        ? trans.__('Invalid academy name.', ...params)
        : null;
    case 'establishment_required':
      return params.length === 0
        ? trans.__('Choose the school the account belongs to.', ...params)
        : null;
    case 'invalid_group_name':
      return params.length === 1
        ? trans.__('Give the group a name of 1 to %1 characters.', ...params)
        : null;
    case 'invalid_filter':
      return params.length === 2
        ? trans.__('Unknown filter: %1 = “%2”.', ...params)
        : null;
    case 'invalid_profile':
      return params.length === 0
        ? trans.__('Unknown subject or level.', ...params)
        : null;
    case 'assignment_not_in_class':
      return params.length === 0
        ? trans.__('This assignment is not given to this class.', ...params)
        : null;
    case 'group_not_in_class':
      return params.length === 0
        ? trans.__('This group is not one of this class’s.', ...params)
        : null;
    case 'no_notebook':
      return params.length === 0
        ? trans.__(
            'A resource holds at least one notebook (.ipynb).',
            ...params
          )
        : null;
    case 'no_graded_cell':
      return params.length === 0
        ? trans.__(
            "No graded cell: auto-grading would have nothing to grade. Add test cells with nbgrader's “Create Assignment” tool, or choose manual grading.",
            ...params
          )
        : null;
    case 'invalid_environment':
      return params.length === 2
        ? trans.__('The environment pinned in “%1” is refused: %2.', ...params)
        : null;
    case 'invalid_environment_id':
      return params.length === 0
        ? trans.__(
            'Invalid environment id (64 hexadecimal characters expected).',
            ...params
          )
        : null;
    case 'invalid_environment_name':
      return params.length === 1
        ? trans.__(
            'An environment name has 1 to %1 characters, without control characters.',
            ...params
          )
        : null;
    case 'environment_mismatch':
      return params.length === 1
        ? trans.__(
            'This lock does not match environment %1: it has been changed. Pin the software list again.',
            ...params
          )
        : null;
    case 'unknown_file':
      return params.length === 1
        ? trans.__(
            'File refused in the software list: “%1”. Expected, once each: the files repo2docker reads (requirements.txt, runtime.txt, environment.yml, Pipfile, Pipfile.lock, setup.py, pyproject.toml, apt.txt, postBuild, start, install.R, Project.toml, default.nix, Dockerfile…), at the top or in binder/ or .binder/; other files only as the sources of a repository that has a setup.py or pyproject.toml.',
            ...params
          )
        : null;
    case 'invalid_list':
      return params.length === 1
        ? trans.__('The software list cannot be resolved: %1', ...params)
        : null;
    case 'software_file_too_large':
      return params.length === 2
        ? trans.__(
            'The file “%1” is too large for a software list (%2 KB at most).',
            ...params
          )
        : null;
    case 'invalid_cursor':
      return params.length === 0
        ? trans.__(
            'This page link is not valid: start again from the first page.',
            ...params
          )
        : null;
    case 'invalid_reset_code':
      return params.length === 0
        ? trans.__(
            'This reset code does not work: it is wrong, already used or expired. Ask your administrator for a new one.',
            ...params
          )
        : null;
    case 'invalid_event_id':
      return params.length === 0
        ? trans.__(
            'Last-Event-ID must be the id of an event of this stream (a whole number).',
            ...params
          )
        : null;
    case 'invalid_credentials':
      return params.length === 0
        ? trans.__('Wrong login or password.', ...params)
        : null;
    case 'oidc_no_subject':
      return params.length === 0
        ? trans.__('The identity provider did not say who you are.', ...params)
        : null;
    case 'invalid_code':
      return params.length === 0
        ? trans.__(
            'This code does not work: check your card and type it again.',
            ...params
          )
        : null;
    case 'expired_code':
      return params.length === 0
        ? trans.__(
            'This code has expired: ask your teacher for a new card.',
            ...params
          )
        : null;
    case 'revoked_code':
      return params.length === 0
        ? trans.__(
            'This code has been turned off: ask your teacher for a new card.',
            ...params
          )
        : null;
    case 'server_login_required':
      return params.length === 0
        ? trans.__('Open this workspace from the hub first.', ...params)
        : null;
    case 'forbidden_establishment':
      return params.length === 0
        ? trans.__(
            'You can only create a class in a school where you teach.',
            ...params
          )
        : null;
    case 'foreign_origin':
      return params.length === 0
        ? trans.__(
            'Request refused: it does not come from a Candyce page.',
            ...params
          )
        : null;
    case 'xsrf':
      return params.length === 0
        ? trans.__(
            'Anti-CSRF token missing or invalid: reload the page.',
            ...params
          )
        : null;
    case 'forbidden_actor':
      return params.length === 0
        ? trans.__('This client writes only for its own actor.', ...params)
        : null;
    case 'consent_required':
      return params.length === 0
        ? trans.__(
            'Optional traces are not recorded for this user (no consent): only statements about assignments are accepted.',
            ...params
          )
        : null;
    case 'account_deactivated':
      return params.length === 0
        ? trans.__(
            'This account has been deactivated: ask your establishment’s administrator.',
            ...params
          )
        : null;
    case 'role_above_own':
      return params.length === 0
        ? trans.__(
            'You cannot grant a role above your own, nor act on an account above yours.',
            ...params
          )
        : null;
    case 'enter_code_invalid':
      return params.length === 0
        ? trans.__(
            'This workspace link is invalid or has expired: open your workspace again from the hub.',
            ...params
          )
        : null;
    case 'server_origin_forbidden':
      return params.length === 0
        ? trans.__(
            'The hub does not answer this call from a workspace’s address: only its owner may call it from there.',
            ...params
          )
        : null;
    case 'group_creation_closed':
      return params.length === 0
        ? trans.__(
            'Only the teachers of this class create group workspaces: ask yours.',
            ...params
          )
        : null;
    case 'help_forbidden':
      return params.length === 0
        ? trans.__(
            'Only a teacher of this pupil’s classes may join or end this help request.',
            ...params
          )
        : null;
    case 'not_in_group':
      return params.length === 0
        ? trans.__(
            'This assignment is handed out to groups, and you are in no group of your class. Ask your teacher to add you to one.',
            ...params
          )
        : null;
    case 'unknown_user':
      return params.length === 0 ? trans.__('Unknown user.', ...params) : null;
    case 'unknown_class':
      return params.length === 0 ? trans.__('Unknown class.', ...params) : null;
    case 'unknown_establishment':
      return params.length === 0
        ? trans.__('Unknown school.', ...params)
        : null;
    case 'unknown_academy':
      return params.length === 1
        ? trans.__('No establishment belongs to the academy « %1 ».', ...params)
        : null;
    case 'unknown_administrator_grant':
      return params.length === 0
        ? trans.__('This administrator grant does not exist.', ...params)
        : null;
    case 'not_a_code_account':
      return params.length === 0
        ? trans.__(
            'This pupil does not sign in with a code of this class: their account has a password, a school account or other roles, or was created elsewhere.',
            ...params
          )
        : null;
    case 'unknown_code':
      return params.length === 0
        ? trans.__(
            'Unknown or expired assignment code. Check it with your teacher.',
            ...params
          )
        : null;
    case 'unknown_learner':
      return params.length === 0
        ? trans.__('This pupil is not part of this assignment.', ...params)
        : null;
    case 'not_submitted':
      return params.length === 1
        ? trans.__('%1 has not handed anything in yet.', ...params)
        : null;
    case 'no_feedback':
      return params.length === 0
        ? trans.__('No feedback for this submission yet.', ...params)
        : null;
    case 'not_returned':
      return params.length === 0
        ? trans.__('Your submission has not been marked yet.', ...params)
        : null;
    case 'environment_unknown':
      return params.length === 0
        ? trans.__(
            "The platform does not know this environment: pin the notebook's software list again.",
            ...params
          )
        : null;
    case 'method_not_allowed':
      return params.length === 0
        ? trans.__('Method not allowed.', ...params)
        : null;
    case 'name_taken':
      return params.length === 0
        ? trans.__('This user name is already taken.', ...params)
        : null;
    case 'version_conflict':
      return params.length === 0
        ? trans.__(
            'Another version has just been published: reload the resource and try again.',
            ...params
          )
        : null;
    case 'server_starting':
      return params.length === 0
        ? trans.__(
            'This workspace is starting: try again in a moment.',
            ...params
          )
        : null;
    case 'nothing_to_annotate':
      return params.length === 1
        ? trans.__(
            '%1 has not handed anything in yet: there is no submission to annotate.',
            ...params
          )
        : null;
    case 'nothing_to_return':
      return params.length === 1
        ? trans.__(
            'Write feedback for %1 first: there is nothing to return.',
            ...params
          )
        : null;
    case 'not_autograded':
      return params.length === 0
        ? trans.__('This assignment is not auto-graded.', ...params)
        : null;
    case 'already_submitted':
      return params.length === 0
        ? trans.__(
            'You have already handed in this assignment, and it accepts only one submission.',
            ...params
          )
        : null;
    case 'busy':
      return params.length === 0
        ? trans.__(
            'Other submissions are in progress: try again in a moment.',
            ...params
          )
        : null;
    case 'statement_conflict':
      return params.length === 1
        ? trans.__(
            'Statement %1 is already stored with another content.',
            ...params
          )
        : null;
    case 'document_conflict':
      return params.length === 0
        ? trans.__(
            'This document exists: send If-Match or If-None-Match.',
            ...params
          )
        : null;
    case 'self_administration':
      return params.length === 0
        ? trans.__(
            'You cannot do this to your own account: ask another administrator.',
            ...params
          )
        : null;
    case 'already_active':
      return params.length === 0
        ? trans.__('This account is already active.', ...params)
        : null;
    case 'administrator_exists':
      return params.length === 0
        ? trans.__('This user already administers it.', ...params)
        : null;
    case 'group_name_taken':
      return params.length === 1
        ? trans.__('This class already has a group named « %1 ».', ...params)
        : null;
    case 'group_needs_server_origins':
      return params.length === 0
        ? trans.__(
            'Group workspaces open only when the hub serves each workspace at its own address (CANDYCE_SERVER_ORIGINS=subdomain): ask your platform’s administrator.',
            ...params
          )
        : null;
    case 'group_assignment_elsewhere':
      return params.length === 1
        ? trans.__(
            'This assignment is done in the group workspace « %1 »: open it to get the files and hand in.',
            ...params
          )
        : null;
    case 'help_needs_server_origins':
      return params.length === 0
        ? trans.__(
            'Live help needs each workspace on an address of its own, which this platform does not use (serverOrigins: subdomain). Ask your teacher in class, or the platform’s administrator.',
            ...params
          )
        : null;
    case 'help_no_teacher':
      return params.length === 0
        ? trans.__(
            'No teacher of yours can be asked: you are in no class with one.',
            ...params
          )
        : null;
    case 'help_already_open':
      return params.length === 0
        ? trans.__(
            'You have already asked for help: end that request before asking again.',
            ...params
          )
        : null;
    case 'help_closed':
      return params.length === 0
        ? trans.__('This help request has ended.', ...params)
        : null;
    case 'help_already_joined':
      return params.length === 0
        ? trans.__('Another teacher is already helping this pupil.', ...params)
        : null;
    case 'not_open':
      return params.length === 1
        ? trans.__(
            'This assignment is not open yet: it opens on %1.',
            ...params
          )
        : null;
    case 'late_refused':
      return params.length === 1
        ? trans.__(
            'The due date was %1: this assignment no longer accepts late work. Your work stays in your folder; talk to your teacher about it.',
            ...params
          )
        : null;
    case 'file_not_allowed':
      return params.length === 4
        ? trans.__(
            '%1: %2%3. This assignment accepts only its own files%4. Remove them from the assignment folder, or ask your teacher to allow them. Nothing was handed in.',
            ...params
          )
        : null;
    case 'login_throttled':
      return params.length === 1
        ? trans.__(
            'Too many failures for this login from this device: try again in %1.',
            ...params
          )
        : null;
    case 'code_throttled':
      return params.length === 1
        ? trans.__(
            'Too many wrong codes from this device: try again in %1.',
            ...params
          )
        : null;
    case 'too_many_attempts':
      return params.length === 0
        ? trans.__(
            'Too many codes tried: wait a minute before trying again.',
            ...params
          )
        : null;
    case 'too_many_resolutions':
      return params.length === 1
        ? trans.__(
            'You have already resolved %1 software lists in the last hour: try again later.',
            ...params
          )
        : null;
    case 'internal_error':
      return params.length === 0
        ? trans.__('Internal server error: try again in a moment.', ...params)
        : null;
    case 'capacity':
      return params.length === 0
        ? trans.__(
            'The platform is full for now: try again in a few minutes.',
            ...params
          )
        : null;
    case 'index_unreachable':
      return params.length === 1
        ? trans.__(
            'The Python package index (%1) does not answer: package search is unavailable for now, try again later.',
            ...params
          )
        : null;
    default:
      return null;
  }
}
