/* eslint-disable */
// Generated from hub/openapi.yml by extensions/core/scripts/hub-api.mjs
// (openapi-typescript): do not edit, run `npm run build:gen`.
export interface paths {
  '/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who is calling.
     * @description What `@candyce/core` uses to find the hub: the caller, their roles, the locale, and the anti-CSRF token to send in `X-Candyce-XSRF`. On a group workspace's origin every call acts as the group's account, whoever entered: `/me` answers that account with `group` (the workspace) and `visitor` (the person in the browser).
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Choose the caller's language.
     * @description The language of the hub's pages and of JupyterLab for the caller, kept with their account (French until they choose, or their browser's when it asks for English). A body with anything else answers 400 `invalid_request` and changes nothing.
     */
    patch: operations['updateMe'];
    trace?: never;
  };
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's news, pushed as server-sent events.
     * @description One stream per signed-in person: the news that concerns them, and only them (a new assignment for its learners, a hand-in for the assignment's teacher, work returned for the learner, a group invitation, a help request for the teacher). Each event is `id: <n>` and one `data:` line, a `NewsEvent` as JSON; ids grow. A client reconnecting with `Last-Event-ID` (the header EventSource sends, or the `lastEventId` query) first gets what it missed, kept in the hub's journal across hub restarts for `7` days (at most 500 replayed); when what it missed is no longer all there, it gets one `resync` event instead and should reload what it shows. A `Last-Event-ID` that is not a whole number answers 400 `invalid_event_id`. A comment line every 15 s keeps the stream open through proxies; the hub ends a stream after 30 minutes (the client reconnects). With `follow=false`, the missed events only, then the end of the answer.
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The group workspaces the caller is a member of, or teaches the class of. */
    get: operations['listGroupWorkspaces'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/groups': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a group workspace for some learners of the class.
     * @description A teacher of the class (or an administrator) creates it; a learner of the class only where its teachers allow it (else 403 `group_creation_closed`), and is then one of its members. Members are learners of the class, named by their user names (1 to 30; else 400 `invalid_group_members`); the name, 1 to 60 characters, is unique among the class's workspaces (409 `group_name_taken`). Each member but the creator is told (`group.invitation`). The hub runs one server for the workspace, entered by its members and the class's teachers only, and only where servers have origins of their own (subdomain mode).
     */
    post: operations['createGroupWorkspace'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/groups/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group workspace's id. */
        id: components['parameters']['GroupId'];
      };
      cookie?: never;
    };
    get?: never;
    /**
     * Change a group workspace's members (the class's teachers).
     * @description Learners of the class, by user name (1 to 30). Those added are told (`group.invitation`); those removed can no longer enter it. Audited (`group.members`).
     */
    put: operations['setGroupWorkspaceMembers'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/groups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group workspace's id. */
        id: components['parameters']['GroupId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a group workspace (the class's teachers); its files are kept.
     * @description Its server stops and nobody enters it any more. Its home and files are not erased: they stay archived on the hub (`<dataDir>/homes/<server name>`), and an administrator can hand them back. Audited (`group.delete`).
     */
    delete: operations['deleteGroupWorkspace'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The classes the caller may see.
     * @description Every class for an administrator; otherwise the classes the caller teaches or belongs to, each with the caller's `membership`.
     */
    get: operations['listClasses'];
    put?: never;
    /**
     * Create a class.
     * @description A teacher who creates a class teaches it. Except for an administrator, only in an establishment of a class the caller teaches (else 403), as the class page.
     */
    post: operations['createClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    /** A class and its members. */
    get: operations['getClass'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a class or change its level. */
    patch: operations['updateClass'];
    trace?: never;
  };
  '/classes/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a member by user name, or change their membership.
     * @description The same rules as the class page and the OneRoster import: only an account with the learner role is enrolled as a learner, only a teacher or administrator account teaches (else 400); only an administrator assigns teachers (else 403).
     */
    post: operations['addClassMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/school-mode': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    /** Whether the class's learners get JupyterLab's school mode. */
    get: operations['getClassSchoolMode'];
    /**
     * Turn school mode on or off for the class's learners.
     * @description A teacher of the class (or an administrator) chooses it. Its learners then get `schoolMode: true` from `/me`, and `@candyce/school-ui` shows them the simple JupyterLab (one notebook, big buttons, friendly error explanations).
     */
    put: operations['setClassSchoolMode'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/members/{userName}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
        /** @description A user's hub name. */
        userName: components['parameters']['UserName'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a member.
     * @description Only an administrator removes a teacher (else 403), as the class page.
     */
    delete: operations['removeClassMember'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/codes': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    /**
     * The pupils of a class and the status of their codes.
     * @description Never the codes themselves: only their hashes are kept.
     */
    get: operations['listClassCodes'];
    put?: never;
    /**
     * Create pupils' accounts in the class, each with a login code.
     * @description The only answer that holds the codes (sent with `Cache-Control: no-store`): print or hand them out, they cannot be read again, only replaced.
     */
    post: operations['createPupilsWithCodes'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/codes/{userName}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
        /** @description A user's hub name. */
        userName: components['parameters']['UserName'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new code for a pupil of the class; the old one stops working.
     * @description Only for an account made with the class's codes (no role but learner, no password, no identity at a provider, its code of this class): 404 for any other account, whoever asks.
     */
    post: operations['regenerateClassCode'];
    /** Revoke a pupil's code. */
    delete: operations['revokeClassCode'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/rosters/oneroster': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import a OneRoster 1.1 CSV export (administrators).
     * @description One transaction: bad rows are refused and reported, the others imported; objects are matched by their OneRoster `sourcedId`, so importing the same files again creates nothing. Orgs of type `district`, `local`, `state` and `national` are not establishments: a `district` is an academy, whose name (« Académie de » left out) becomes the academy of the schools under it (`parentSourcedId`), created or already there; a school with no district above it in the file keeps its academy. At most 5 MB of CSV in all.
     */
    post: operations['importOneRoster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{name}/server': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose server it is (the caller's own, or any for an administrator). */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Restart a user's server, or start it.
     * @description Answers once the start has begun; the page `/hub/spawn` follows it. A server already starting is left alone.
     */
    post: operations['restartServer'];
    /** Stop a user's server. */
    delete: operations['stopServer'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{name}/server/people': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The server's name (its owner's user name). */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    /**
     * Who may enter a server, as collaborators see them.
     * @description The people the hub lets into this server's workspace (its owner today), with the display names and colours shown on their cursors: the share dialog lists them. Asked by someone who may enter it; anyone else (and an unknown server) gets 403.
     */
    get: operations['listServerPeople'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of users, for administrators.
     * @description Users in name order (byte order), 50 a page unless told, filtered by letters of their name (`q`, accents and case aside), role and state. Keyset paging: `after` the `next` of a page for the next one, `before` its `previous` for the one before (never an offset: page 2,000 of 100,000 accounts costs what page 1 does).
     */
    get: operations['listAdminUsers'];
    put?: never;
    /**
     * Create an account (without a password).
     * @description The administrator then issues a reset code, which the user turns into their password. Nobody grants a role above their own (403 `role_above_own`). Recorded in the audit log. `establishmentId` attaches the account to an establishment: an establishment's administrator must give one of theirs (400 `establishment_required` without it, 403 for another).
     */
    post: operations['createAdminUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/users/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's hub name. A group workspace's account (`groupe-…`) is not a user here: it answers as a name nobody has, on every method. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    /**
     * An account, its classes, establishments and server.
     * @description For global administrators, and for the administrators of one of the account's establishments (403 otherwise, whether the account exists or not).
     */
    get: operations['getAdminUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Set an account's roles, or deactivate or reactivate it.
     * @description One change a call: `roles` (they become the account's roles), or `active`. A deactivated account logs in by no way (password, SSO, class code), its sessions end and its server stops. Never one's own account (409 `self_administration`), nor a role or an account above the caller's (403 `role_above_own`). Recorded in the audit log.
     */
    patch: operations['updateAdminUser'];
    trace?: never;
  };
  '/admin/users/{name}/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's hub name. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a one-time password reset code.
     * @description The code is in this answer only (stored as its SHA-256); it replaces the account's unused codes and works once, until `expiresAt`, on the page `/hub/mot-de-passe`. Recorded in the audit log.
     */
    post: operations['issuePasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit log of administrative actions.
     * @description Newest first, by pages (`cursor`: the `next` of the page before), of one action when asked. Who, what, on whom, when; no free text.
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/establishments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The establishments the caller administers.
     * @description Every establishment for a global administrator (`everything`), else those of the caller's grants (one establishment, or every establishment of an academy), by name.
     */
    get: operations['listAdministeredEstablishments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/establishments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set or clear an establishment's academy (global administrators). */
    patch: operations['setEstablishmentAcademy'];
    trace?: never;
  };
  '/admin/administrators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who administers which establishment or academy (global administrators). */
    get: operations['listAdministratorGrants'];
    put?: never;
    /**
     * Make a user the administrator of an establishment or of an academy.
     * @description Exactly one of `establishmentId` and `academy` (an academy with at least one establishment). The user then creates, deactivates and reactivates the accounts of those establishments' users, sets their roles (within their own rank) and issues their reset codes. Global administrators only; recorded in the audit log.
     */
    post: operations['grantAdministrator'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/administrators/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Withdraw a grant (global administrators; recorded in the audit log). */
    delete: operations['revokeAdministrator'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/privacy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's consent to optional learning traces, and what applies.
     * @description Statements about assignments (`https://candyce.fr/xapi/activities/assignment`) are essential and always recorded; every other statement is optional. `optional` says whether the LRS accepts the caller's optional statements now: a class of theirs with the policy `none` refuses them (`class_policy`, or `class_default` while its teacher has not chosen), else their own `choice`, else the default (no for minors, yes for adults). `reason` says which applied.
     */
    get: operations['getMyPrivacy'];
    /**
     * Say yes or no to optional learning traces.
     * @description The caller's own choice. It narrows what their classes allow, never widens it: a class whose teacher chose `none` still refuses optional traces.
     */
    put: operations['setMyPrivacy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/traces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download the caller's learning traces (JSON).
     * @description Every statement of the caller's pseudonymous actor in the LRS (voided ones marked `voided: true`), and their State and Agent Profile documents, as a file to save (`Content-Disposition: attachment`).
     */
    get: operations['exportMyTraces'];
    put?: never;
    post?: never;
    /**
     * Erase the caller's learning traces for good.
     * @description Statements where their actor appears and those that target them (voiding included), attachments and activity definitions nothing else names, their State and Agent Profile documents and LRS credentials. The erasure is recorded by its counts only.
     */
    delete: operations['eraseMyTraces'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/classes/{id}/trace-policy': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    /** Whether the class's learners may record optional traces. */
    get: operations['getClassTracePolicy'];
    /**
     * Choose the class's policy on optional traces.
     * @description A teacher of the class (or an administrator): `none` (« aucune trace facultative ») refuses optional traces to every learner of the class; `consent` (« avec l'accord de chacun ») records them for those who said yes (minors) or did not say no (adults). Without a choice, a class of minors (or of an unknown level) is `none`, one of higher education `consent`.
     */
    put: operations['setClassTracePolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{name}/traces': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose traces they are. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    /** Download a user's learning traces (administrators, for a family's request). */
    get: operations['exportUserTraces'];
    put?: never;
    post?: never;
    /**
     * Erase a user's learning traces (administrators, for a family's request).
     * @description As `DELETE /me/traces`, and written to the audit log (`traces.erase`: who, whose, when and the counts) in the erasure's transaction.
     */
    delete: operations['eraseUserTraces'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dashboards/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's own activity and assignments over a period.
     * @description Any signed-in user, about themselves only. `activity` has one row per day from `from` to `to` (days of the hub's time zone, UTC), zeros included, counted from the caller's statements in the LRS: `notebooksOpened` and `cellsRun`/`errors` are optional traces, null on every day when the LRS does not record the caller's optional traces now (`optionalTraces` false). `assignments` are the caller's assignments as a learner, from the assignments service, whatever the period.
     */
    get: operations['getMyDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dashboards/classes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    /**
     * A class's follow-up over a period, for its teachers.
     * @description The class's teachers and administrators. One row per learner of the class; `started` and `handedIn` count the class's assignments the learner fetched and handed in (the one of `assignment` when given: 0 or 1), from the assignments service; `handIns` counts the learners' hand-ins per day (the day of each learner's latest hand-in of each assignment). `cellsRun`, `errors`, `helpAsked`, `frequentErrors` and `activity[].cellsRun` come from optional traces: they are null (or empty) where they are not collected, never guessed — for the whole class when its policy is `none` (`tracesPolicy.missing` names them), for a learner whose optional traces the LRS does not record now. `lastActivity` and `activePupils` come from any statement, essential ones (assignments) included.
     */
    get: operations['getClassDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dashboards/programme': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The programme's indicators over a period (administrators, inspectors).
     * @description Right `dashboards:programme`. `weeklyUsers`: distinct users with at least one statement in each week (ISO weeks, named by their Monday), by role, level (of their classes) and discipline (a teacher's teaching profile; null for learners). An establishment has **real use** in the period when at least 5 of its users were each active (at least one statement) on at least 3 different days of it. `collaboration`: real-time collaboration sessions joined, the users who joined them and the group workspaces active each week. `library`: published resources by discipline and level and how many times they were reused (copied, handed out). `accessibility`: the RGAA 4.1 figures of `docs/rgaa.md` that this version of the hub ships. Counts of people from 1 to 4 are null (« fewer than 5 »): pupils are minors, and a small count singles them out.
     */
    get: operations['getProgrammeDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dashboards/establishments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The establishments whose dashboard the caller may see.
     * @description Right `dashboards:establishment`: every establishment for administrators and inspectors; the establishments an establishment's or an academy's administrator administers (a grant). Anyone else gets an empty list (not a 403), so that JupyterLab can ask whether to offer the dashboard. By name.
     */
    get: operations['listDashboardEstablishments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dashboards/establishments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The establishment's id. */
        id: string;
      };
      cookie?: never;
    };
    /**
     * An establishment's indicators over a period (its administrators).
     * @description Right `dashboards:establishment` on this establishment (those it is listed to by `GET /dashboards/establishments`): an establishment outside the caller's scope answers 403 whether it exists or not. The programme's indicators for the users of its classes and of the users attached to it directly (each once). Figures only, never a name (not a class's either). `weeklyTotals`: distinct users a week in each role; `weeklyUsers`: the same split by level (of their classes here) and discipline. `classes`: the classes by level, those with **real use** (at least 5 of their members each active on at least 3 different days), and their active users. `collaboration`: sessions joined by its users. `library`: resources its teachers reused (copied, handed out) in the period, by discipline and level. Counts of people from 1 to 4 are null (« fewer than 5 »).
     */
    get: operations['getEstablishmentDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/help-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The open help requests of the pupils of the classes the caller teaches. */
    get: operations['listHelpRequests'];
    put?: never;
    /**
     * A pupil asks her teachers for live help on one of her notebooks.
     * @description The teachers of her classes are told at once (`help.request` on the event stream). `access` is what the teacher who joins may do: `write`, or `read` (look only: her server refuses saves, code execution and collaborative edits). Needs servers on origins of their own: in path mode 409 `help_needs_server_origins`. One open request at a time (409 `help_already_open`); 409 `help_no_teacher` when she is in no class with a teacher; 400 `invalid_path` for anything but a notebook of her home. A refused request changes nothing.
     */
    post: operations['askForHelp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/help-requests/{id}/join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A teacher of the pupil's classes joins her help request.
     * @description From now until the help ends (closed, or `helpMinutes` after it was asked) the teacher may enter the pupil's server at `joinUrl`; anyone else is refused there. 403 `help_forbidden` for a teacher of other classes; 409 `help_closed`, `help_already_joined` (another teacher helps).
     */
    post: operations['joinHelpRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/help-requests/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The pupil or one of her teachers ends the help.
     * @description The teacher's way into the pupil's server closes at once, her open WebSockets with it. 403 `help_forbidden` for anyone else; 409 `help_closed`.
     */
    post: operations['closeHelpRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/help-request': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's open help request, if any (who helps, until when). */
    get: operations['getMyHelpRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/dashboard-preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's dashboard choices (period, class, indicators shown).
     * @description What the caller saved last; `{ "dashboards": {} }` before any choice.
     */
    get: operations['getDashboardPreferences'];
    /**
     * Remember the caller's dashboard choices.
     * @description Replaces every choice of the caller. Indicators are those of each kind of dashboard (the top-level parts of its answer); a `classId` only for `class`. Invalid choices answer 400 `invalid_dashboard_preferences` and change nothing.
     */
    put: operations['setDashboardPreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/taxonomy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Disciplines, levels, languages and licences of the library.
     * @description Data kept in `library/taxonomy.json`: what publishing forms and search facets offer. Ids are stable; labels are French.
     */
    get: operations['getTaxonomy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search the library.
     * @description French full text over titles, keywords, summaries and the notebooks' markdown and code (accents and endings ignored: « equations » finds « Équation »), facets (OR within one, AND across; a facet's counts are those without its own filter), sort and pages. Without `q`, the most recent first. Level and discipline words of `q` act as filters (`understood`); a query that finds nothing is corrected against the library's words (`didYouMean`), then searched for any of its words (`partial`), and otherwise answers `suggestions`.
     */
    get: operations['searchResources'];
    put?: never;
    /**
     * Publish a new resource (version 1).
     * @description Metadata is checked against the taxonomy (an open licence is required), files for safe relative paths and sizes (20 MB a file, 50 MB in all), and every notebook against nbformat's JSON schema, before anything is stored. A notebook pinned with the « Environnement » panel (`metadata.candyce.environment`: `id`, `files`, `lock`) names the version's environment (`environmentId`), which the hub registers; a lock that is not one or not the one its id names answers 400 `invalid_environment`.
     */
    post: operations['publishResource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    /** A resource, its versions and endorsements, and what the caller may do. */
    get: operations['getResource'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish a new version of one's own resource (administrators, of any).
     * @description Earlier versions stay as they were; assignments keep theirs. Checked as publishing is, pinned environments included.
     */
    post: operations['publishVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
      };
      cookie?: never;
    };
    /** One version's metadata and files. */
    get: operations['getVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/versions/{version}/files/{path}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
        /** @description The file's path in the resource (`/` allowed). */
        path: string;
      };
      cookie?: never;
    };
    /**
     * A file of a version, as bytes to save.
     * @description Served as an attachment with `Content-Security-Policy: sandbox`: a resource's HTML never runs as a page of the hub.
     */
    get: operations['getFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/versions/{version}/export.zip': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
      };
      cookie?: never;
    };
    /**
     * A version as a Binder-compatible zip.
     * @description The version's files, `candyce-resource.json` (its metadata, and under `exportedFrom` the files the export added with their SHA-256) and, when the resource brings no environment of its own, a `requirements.txt` of the platform's base packages its notebooks import (pinned as on the platform) and a `runtime.txt`; a French `README.md` unless it has one. Runs on mybinder.org as is; `POST /library/import` takes it back without loss. The same version always gives the same bytes. With `libraryPublic`, also answered without a session.
     */
    get: operations['exportVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish a resource from a zip (an export, or a folder zipped by hand).
     * @description The zip holds `candyce-resource.json` at its root or in its single top folder, beside the resource's files; files an export added and that were not changed are left out. Checked as publishing is (20 MB a file, 50 MB and 200 files in all, sizes counted while inflating, never taken from the zip's headers; relative paths without `..`, backslashes or hidden files; metadata against the taxonomy) before anything is stored. Without `resource`, a new resource (right `library:publish`); with it, a new version of one's own resource (administrators: of any).
     */
    post: operations['importResource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/endorsements/{kind}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description `peer` (« Recommander », teachers and other contributors) or `inspection` (« Recommander pour l'inspection », inspectors only). */
        kind: 'peer' | 'inspection';
      };
      cookie?: never;
    };
    get?: never;
    /** Recommend a resource (idempotent). */
    put: operations['endorseResource'];
    post?: never;
    /** Withdraw one's recommendation. */
    delete: operations['withdrawEndorsement'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/resources/{id}/uses': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record that the caller opened a copy of a resource or assigned it.
     * @description Counts for reuse and for the co-usage behind recommendations.
     */
    post: operations['recordUse'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recommendations for the caller, each with why.
     * @description From the caller's profile (else the levels of the classes they teach), what colleagues who used the same resources used too, endorsements, reuse and what is new since the caller's previous visit (this call records the visit). Each reason holds for the caller, in their language; resources the caller already used or published are left out.
     */
    get: operations['getRecommendations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/library/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the caller teaches, as recommendations read it.
     * @description The profile the caller saved; never saved, the levels of the classes they teach (`saved` false), which the recommendations use until they save one.
     */
    get: operations['getProfile'];
    /** Set what the caller teaches. */
    put: operations['setProfile'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The assignments the caller teaches (with counts) and those given to them. */
    get: operations['listAssignments'];
    put?: never;
    /**
     * Hand out a library version or notebooks of the teacher's home.
     * @description The files are copied: later changes to the source never change what pupils get. Given to classes the caller teaches (admins: any) and/or by a share code. With `autograde`, notebooks with nbgrader cells (metadata as nbgrader's « Create Assignment » tools write it) are handed out as nbgrader releases them (solutions replaced by a stub, hidden tests removed, outputs cleared) and the teacher's are kept to grade with; bad nbgrader metadata (`invalid_nbgrader`) or no graded cell at all (`no_graded_cell`) answer 400. The environments its notebooks are pinned to (and a library version's) are kept while it exists; a pinned lock that is not one or not its id's answers 400 `invalid_environment`.
     */
    post: operations['createAssignment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Join an assignment with its share code (learners).
     * @description The code is read in any case, with or without its dash. Ten attempts a minute per user at most.
     */
    post: operations['joinAssignment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /**
     * An assignment, as its teacher or as one of its learners sees it.
     * @description An unknown assignment answers 403 like one out of reach: rights do not reveal what exists.
     */
    get: operations['getAssignment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an assignment's settings (its files never change). */
    patch: operations['updateAssignment'];
    trace?: never;
  };
  '/assignments/{id}/fetch': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The files to put in the learner's home (the fetch is recorded). */
    post: operations['fetchAssignment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/original': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /** The files as handed out, to read beside a submission. */
    get: operations['getAssignmentOriginal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/submissions': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hand work in (« Rendre »); each submission is a new immutable version.
     * @description Idempotent: the client makes one `requestId` per « Rendre » and sends it again when it retries; a request already stored answers 200 with its submission. The answer comes once the files are flushed to disk and the database has committed. Only the assignment's own files (the paths handed out) and its declared `extraFiles` are accepted: any other file refuses the whole submission (422 `file_not_allowed`, naming the files) and nothing is stored.
     */
    post: operations['submitAssignment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/submissions/mine': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /** The caller's submissions, newest first. */
    get: operations['getMySubmissions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/feedback/mine': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /** The feedback returned to the caller. */
    get: operations['getMyFeedback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /** The teacher's table, one row per learner. */
    get: operations['getAssignmentProgress'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/submissions/{learner}/latest': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    /** A learner's latest submission with its files. */
    get: operations['getLatestSubmission'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/feedback/{learner}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    /** A learner's feedback, draft or returned. */
    get: operations['getFeedback'];
    /**
     * Write feedback on a learner's latest submission.
     * @description Kept as a draft until returned; an update of returned feedback is seen by the learner at once.
     */
    put: operations['saveFeedback'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/autograde/{learner}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    /**
     * The autograder's results on a learner's latest submission.
     * @description Each submission of an autograded assignment is graded in the background, one at a time, the learner's latest one only: its tests cells run in the sandbox, without network, under time and memory limits. Until the teacher saves feedback, the results are proposed as feedback (grade, scale and one rubric row per graded cell; `fromAutograder` true).
     */
    get: operations['getAutograde'];
    put?: never;
    /**
     * Grade a learner's latest submission again.
     * @description Answers at once with the status `queued` (or `running`); its feedback stays the teacher's if they have saved some.
     */
    post: operations['rerunAutograde'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/return': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** « Rendre les copies » — to the learners named, or to all who have feedback. */
    post: operations['returnFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assignments/{id}/grades.csv': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    /** The grades as CSV for French spreadsheets (UTF-8 with BOM, `;`, decimal commas). */
    get: operations['exportGrades'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Python versions environments can be built with here.
     * @description Each `python3.X` the hub finds and that answers as that version; `defaultPython` is `python3`'s, used for a software list that names none. Right `environments:read` (everyone signed in).
     */
    get: operations['getEnvironmentOptions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/packages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Package names for the « Environnement » panel's search.
     * @description Names from the package index's root listing (PEP 691 JSON, or the PEP 503 HTML page; read at most once an hour), from the `packageFindLinks` folders, and from the locks the hub knows; names that start with `q` first (shortest first), then names that contain it, compared as PEP 503 normalises them. Right `environments:resolve` (teachers, authors, administrators).
     */
    get: operations['searchPackages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resolve a software list into a lock, as an event stream.
     * @description The files of a Binder repository (`SoftwareFile`), read with repo2docker's rules as `candyce-env lock` reads a folder: which configuration wins, `binder/` or `.binder/` taking over, the Python version; a `setup.py` / `pyproject.toml` (or a Pipfile's `{path = "."}`) has the repository's wheel built from the sources sent; `postBuild` runs in the build's sandbox when the hub has bubblewrap. What differs from repo2docker is in the environment's `notes`, in French. Problems found before any work (a path that leaves the repository, a file too large, a file the hub does not read, the same file twice, a malformed line, an `environment.yml` that is not YAML, a Dockerfile, Julia, Nix or R repository) are a plain 400 and store nothing. Otherwise the answer is a stream of server-sent events: `progress` events (`EnvironmentProgress`), then exactly one `result` (`EnvironmentResult`, `built` may be false) or one `error` (`Error`, with the engine's code: `not-found`, `conflict`, `python-missing`, `build-failed`, `tool-failed`…, and a French message). `ipykernel` is added to a list that lacks it (`addedRequirements`). The hub records the environment. Closing the request cancels the resolution. A comment line keeps a quiet stream alive every 15 s. Right `environments:resolve`.
     */
    post: operations['resolveEnvironment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/locks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Register a lock carried by a notebook.
     * @description A notebook pinned elsewhere carries its environment (`metadata.candyce.environment`: `id`, `files`, `lock`); registering it lets anyone here build it. With `id`, the lock must be the one the id names (its SHA-256). Refused when the lock cannot be built on this platform. Right `environments:resolve`.
     */
    post: operations['registerEnvironmentLock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every known or built environment, its size and references (administrators).
     * @description What garbage collection looks at: library resources and assignments that name an environment, whether an opened notebook used it within `environmentKeepDays`, and whether it is standard. Right `environments:admin`.
     */
    get: operations['listEnvironments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/collect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Remove the built environments nothing references (administrators).
     * @description Removes from the store (with their kernelspecs) the built environments that no library resource, no assignment, no notebook opened within `environmentKeepDays` references and that are not standard, then prunes uv's cache; with `dryRun` (the default), only says which and how many bytes. A real collection is written to the audit log (`environments.collect`, with the space freed). Also run every `environmentGcIntervalHours`. Right `environments:admin`.
     */
    post: operations['collectEnvironments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    /**
     * A known environment.
     * @description Right `environments:read` (everyone signed in).
     */
    get: operations['getEnvironment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Rename an environment.
     * @description Its author may, or an administrator; a standard environment keeps its name. Its kernels are renamed too. Right `environments:resolve`.
     */
    patch: operations['renameEnvironment'];
    trace?: never;
  };
  '/environments/{id}/build': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Build a known environment, as an event stream.
     * @description Builds the environment into the store unless it is built, then writes its kernelspec `candyce-<shortId>`; concurrent callers share one build. The same stream as `POST /environments/resolve`, whose `result` has `built: true`; errors such as `platform-mismatch`, `python-missing`, `build-failed`, `hash-mismatch`. Closing the request stops waiting (the build stops when nobody waits). Records a use: garbage collection keeps environments used within `environmentKeepDays`. Right `environments:read` (everyone signed in: a pupil's notebook opens on its environment).
     */
    post: operations['buildEnvironment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{id}/repository.zip': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    /**
     * A known environment as a repository repo2docker builds as is.
     * @description `requirements.txt` with exact versions and `--hash`, `runtime.txt`, the list's files only image builds apply (`apt.txt`, `postBuild`, conda packages in an `environment.yml`), `candyce-lock.json` and a French `README.md`. Right `environments:read`.
     */
    get: operations['exportEnvironmentRepository'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description What a news event is about; `resync`: events the client missed were trimmed, reload what is shown.
     * @enum {string}
     */
    NewsKind:
      | 'assignment.new'
      | 'assignment.submitted'
      | 'assignment.returned'
      | 'group.invitation'
      | 'help.request'
      | 'resync';
    /** @description One event of `GET /events`; `data` is the payload of its `kind`. */
    NewsEvent: {
      id: number;
      kind: components['schemas']['NewsKind'];
      /** Format: date-time */
      at: string;
      data:
        | components['schemas']['AssignmentNews']
        | components['schemas']['HandInNews']
        | components['schemas']['ReturnedNews']
        | components['schemas']['GroupInvitationNews']
        | components['schemas']['HelpRequestNews']
        | Record<string, never>;
    };
    /** @description `assignment.new`, for each learner: through a class (named), or by code (null). */
    AssignmentNews: {
      assignmentId: string;
      title: string;
      className: string | null;
    };
    /** @description `assignment.submitted`, for the assignment's teacher. */
    HandInNews: {
      assignmentId: string;
      title: string;
      learnerDisplayName: string;
      version: number;
      late: boolean;
    };
    /** @description `assignment.returned`, for the learner whose work was returned. */
    ReturnedNews: {
      assignmentId: string;
      title: string;
    };
    /** @description `group.invitation`, for each invited member of a group workspace. */
    GroupInvitationNews: {
      groupId: string;
      groupName: string;
      className: string;
      invitedByDisplayName: string;
    };
    HelpAsk: {
      /** @description A notebook of the pupil's home, relative (`devoirs/tp1.ipynb`). */
      path: string;
      /** @enum {string} */
      access: 'write' | 'read';
      message?: string;
    };
    HelpRequest: {
      id: string;
      path: string;
      /** @enum {string} */
      access: 'write' | 'read';
      message: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** @enum {string} */
      state: 'waiting' | 'joined' | 'closed';
      learnerName: components['schemas']['UserName'];
      learnerDisplayName: string;
      helperDisplayName: string | null;
      /** @description Where the teacher who joined opens the notebook: on the hub's origin, which hands the pupil's server's origin over. */
      joinUrl: string;
    };
    /** @description `help.request`, for the teachers of the pupil's class. */
    HelpRequestNews: {
      helpRequestId: string;
      learnerDisplayName: string;
      className: string;
      path: string;
    };
    Error: {
      error: {
        /** @description Stable, for programs (`unauthenticated`, `xsrf`, `forbidden`…): one of `hub/src/errors/codes.ts`, which gives its HTTP status. */
        code: string;
        /** @description For the user, in their language: the one they chose (`PATCH /me`), else the request's `Accept-Language`, else French. */
        message: string;
        /** @description The values of the message's placeholders (`%1`, `%2`…), in the same language, for a client that translates the message itself by its code. Every refusal of the hub has them; the environment engine's own failures, in event streams, do not. */
        params?: (string | number)[];
      };
    };
    UserName: string;
    ServerPeople: {
      server: components['schemas']['UserName'];
      people: {
        name: components['schemas']['UserName'];
        displayName: string;
        color: string;
        /**
         * @description Why they may enter: the server is theirs, they belong to its group workspace (or teach the group's class), or they joined its owner's help request.
         * @enum {string}
         */
        reason: 'owner' | 'group' | 'help';
      }[];
    };
    /** @enum {string} */
    Role: 'learner' | 'teacher' | 'author' | 'inspector' | 'admin';
    AdminUser: {
      name: components['schemas']['UserName'];
      displayName: string;
      roles: components['schemas']['Role'][];
      deactivated: boolean;
    };
    AdminUserListItem: {
      name: components['schemas']['UserName'];
      displayName: string;
      roles: components['schemas']['Role'][];
      deactivated: boolean;
      /** @description The names of the account's establishments, in name order. */
      establishments: string[];
      lastActivity: components['schemas']['LastActivity'];
    };
    /**
     * Format: date-time
     * @description The later of the account's last use of a hub session and its running server's last use; null when it has neither (never signed in, or signed out everywhere with no server running).
     */
    LastActivity: string | null;
    Establishment: {
      id: string;
      name: string;
      uai: string | null;
      academy: string | null;
    };
    AdministratorGrant: {
      id: string;
      /** @description The administrator's hub name. */
      user: string | null;
      displayName: string | null;
      establishmentId: string | null;
      academy: string | null;
      /** Format: date-time */
      grantedAt: string;
    };
    AuditEvent: {
      /** Format: date-time */
      at: string;
      action: string;
      /** @description The administrator's hub name. */
      actor: string | null;
      /** @description The account acted on. */
      target: string | null;
      details: {
        roles?: string[];
        previousRoles?: string[];
        /** Format: date-time */
        expiresAt?: string;
        /** @description What an erasure of traces removed (`traces.erase`). */
        erased?: {
          statements: number;
          documents: number;
          attachments: number;
        };
        /** @description The help request (`help.*`), by id only. */
        helpRequestId?: string;
        /** @enum {string} */
        access?: 'write' | 'read';
        expired?: boolean;
        /** @description How many members a group workspace has after the action (`group.*`). */
        members?: number;
        /** @description What a cleaning of the environments freed (`environments.collect`): environments removed, disk bytes freed in all (measured with `du`), of which by pruning uv's cache. */
        freed?: {
          environments: number;
          bytes: number;
          uvCacheBytes: number;
        };
        /** @description The establishment administered (`administrator.*`). */
        establishmentId?: string;
        /** @description The academy administered (`administrator.*`). */
        academy?: string;
        /** @description The establishment a created account joined (`user.create`). */
        attachedTo?: string;
      };
    };
    /** @enum {string} */
    Membership: 'teacher' | 'learner';
    Me: {
      name: components['schemas']['UserName'];
      displayName: string;
      roles: components['schemas']['Role'][];
      locale: components['schemas']['Locale'];
      /** @description To send in `X-Candyce-XSRF` on state-changing calls. */
      xsrfToken: string;
      /** @description Whether the caller learns in a class whose teacher turned school mode on, or has an account made for a class code (`@candyce/school-ui`). */
      schoolMode: boolean;
      /** @description Only on a group workspace's origin, where the caller is the group's account: the workspace and its class. */
      group?: {
        id: string;
        name: string;
        classId: string;
        className: string;
      };
      /** @description Only on a group workspace's origin: the person whose browser calls (a member, or a teacher of its class), whose own rights are not used there. */
      visitor?: {
        name: components['schemas']['UserName'];
        displayName: string;
      };
    };
    /**
     * @description The caller's language under JupyterLab's name: the one they chose (`PATCH /me`), else their browser's (`Accept-Language`) between French and English, French by default.
     * @enum {string}
     */
    Locale: 'fr_FR' | 'en';
    PrivacySettings: {
      /** @description Whether the LRS records the caller's optional statements now. */
      optional: boolean;
      /** @description The caller's own answer; null until they give one. */
      choice: boolean | null;
      /** @description Whether the caller counts as a minor: a learner of a class of primary school, collège, lycée or an unknown level, or a learner in no class. */
      minor: boolean;
      /** @enum {string} */
      reason:
        | 'class_policy'
        | 'class_default'
        | 'minor_default'
        | 'adult_default'
        | 'own_choice';
      /** @description The classes the caller learns in, with their policy. */
      classes: {
        id: string;
        name: string;
        /** @enum {string} */
        policy: 'none' | 'consent';
        isDefault: boolean;
      }[];
    };
    TracePolicy: {
      /** @enum {string} */
      policy: 'none' | 'consent';
      /** @description Whether it is the default of the class's level (no teacher chose). */
      isDefault: boolean;
    };
    TraceExport: {
      /** @description The user's pseudonymous xAPI actor. */
      actor: Record<string, never>;
      /** Format: date-time */
      exportedAt: string;
      /** @description xAPI statements, oldest first; voided ones carry `voided: true`. */
      statements: Record<string, never>[];
      documents: {
        /** @enum {string} */
        kind: 'state' | 'agentProfile';
        activityId?: string;
        registration?: string;
        id: string;
        contentType: string;
        updated: string;
        content: string;
        /** @enum {string} */
        encoding: 'utf8' | 'base64';
      }[];
    };
    TraceErasure: {
      statements: number;
      documents: number;
      attachments: number;
    };
    /** @description A day, YYYY-MM-DD (UTC). */
    Day: string;
    MyDashboard: {
      from: components['schemas']['Day'];
      to: components['schemas']['Day'];
      /** @description Whether the LRS records the caller's optional traces now. */
      optionalTraces: boolean;
      activity: {
        day: components['schemas']['Day'];
        notebooksOpened: number | null;
        cellsRun: number | null;
        errors: number | null;
      }[];
      assignments: {
        id: string;
        title: string;
        /** @description Null for an assignment joined by its share code. */
        className: string | null;
        /** @enum {string} */
        state: 'not-started' | 'started' | 'handed-in' | 'returned';
        /** Format: date-time */
        dueAt: string | null;
        /** Format: date-time */
        handedInAt: string | null;
        /** Format: date-time */
        returnedAt: string | null;
        grade: number | null;
        maxGrade: number | null;
        hasFeedback: boolean;
      }[];
    };
    /**
     * @description A figure of the class dashboard that optional traces feed.
     * @enum {string}
     */
    DashboardFigure:
      | 'cellsRun'
      | 'errors'
      | 'helpAsked'
      | 'frequentErrors'
      | 'activity.cellsRun';
    ClassDashboard: {
      class: {
        id: string;
        name: string;
        level: string | null;
      };
      from: components['schemas']['Day'];
      to: components['schemas']['Day'];
      /** @description The assignment the figures are limited to, if any. */
      assignment: string | null;
      /** @description The group workspace the figures are limited to, if any. */
      group: string | null;
      /** @description The class's live group workspaces (to choose one), by name. */
      groups: {
        id: string;
        name: string;
      }[];
      /** @description The class's assignments (to choose one), newest first. */
      assignments: {
        id: string;
        title: string;
        /** Format: date-time */
        dueAt: string | null;
      }[];
      tracesPolicy: {
        /** @enum {string} */
        policy: 'none' | 'consent';
        isDefault: boolean;
        /** @description Learners whose optional traces the LRS records now. */
        pupilsWithOptionalTraces: number;
        /** @description Figures not collected for any learner of the class. */
        missing: components['schemas']['DashboardFigure'][];
      };
      pupils: {
        name: components['schemas']['UserName'];
        displayName: string;
        started: number;
        cellsRun: number | null;
        errors: number | null;
        handedIn: number;
        helpAsked: number | null;
        /** @description Live help requests made over the period: the hub's records, not traces, so known whatever the consent. */
        helpRequests: number;
        /** Format: date-time */
        lastActivity: string | null;
      }[];
      /** @description Exception names, most frequent first (at most 10). */
      frequentErrors: {
        name: string;
        count: number;
      }[];
      /** @description One row per day of the period, zeros included. */
      handIns: {
        day: components['schemas']['Day'];
        count: number;
      }[];
      /** @description One row per day of the period, zeros included. */
      activity: {
        day: components['schemas']['Day'];
        activePupils: number;
        cellsRun: number | null;
      }[];
      /** @description The shared work done in group workspaces' servers, traced under each group's account (who ran a cell there is not known), so in none of the pupils' figures: the chosen group's, or all the class's workspaces' (deleted ones too) for the whole class. `notebooksOpened`, `cellsRun`, `errors` and `days[].cellsRun` come from optional traces: null when collected for none of these workspaces (a workspace's are collected only when its class's policy allows and every member agrees). */
      groupWork: {
        workspaces: number;
        /** @description Those with a statement in the period. */
        activeWorkspaces: number;
        notebooksOpened: number | null;
        cellsRun: number | null;
        errors: number | null;
        /** Format: date-time */
        lastActivity: string | null;
        /** @description One row per day of the period, zeros included. */
        days: {
          day: components['schemas']['Day'];
          activeWorkspaces: number;
          cellsRun: number | null;
        }[];
      };
    };
    ProgrammeDashboard: {
      from: components['schemas']['Day'];
      to: components['schemas']['Day'];
      weeklyUsers: {
        week: components['schemas']['Day'];
        role: components['schemas']['Role'];
        level: string | null;
        discipline: string | null;
        users: components['schemas']['PeopleCount'];
      }[];
      establishments: {
        name: string;
        activeUsers: components['schemas']['PeopleCount'];
        withRealUse: boolean;
      }[];
      collaboration: components['schemas']['CollaborationFigures'];
      library: components['schemas']['LibraryFigure'][];
      accessibility: {
        criteriaMet: number;
        criteriaNotMet: number;
        criteriaNotApplicable: number;
      };
    };
    /** @description A number of people; null from 1 to 4 (« fewer than 5 »), so that nobody is singled out. */
    PeopleCount: number | null;
    /** @description Real-time collaboration: sessions joined (group workspaces' accounts' included), the people who joined them (a group's account is never one), and the group workspaces with activity each week (their shared servers are collaboration too). */
    CollaborationFigures: {
      sessions: number;
      users: components['schemas']['PeopleCount'];
      /** @description The weeks (ISO, named by their Monday) with group workspaces active (a statement of their account): how many, and the cells run in them. */
      groupWorkspaces: {
        week: components['schemas']['Day'];
        workspaces: number;
        cellsRun: number;
      }[];
    };
    LibraryFigure: {
      discipline: string | null;
      level: string | null;
      resources: number;
      reuses: number;
    };
    DashboardEstablishments: {
      establishments: {
        id: string;
        name: string;
      }[];
    };
    EstablishmentDashboard: {
      from: components['schemas']['Day'];
      to: components['schemas']['Day'];
      establishment: {
        id: string;
        name: string;
      };
      weeklyTotals: {
        week: components['schemas']['Day'];
        role: components['schemas']['Role'];
        users: components['schemas']['PeopleCount'];
      }[];
      weeklyUsers: {
        week: components['schemas']['Day'];
        role: components['schemas']['Role'];
        level: string | null;
        discipline: string | null;
        users: components['schemas']['PeopleCount'];
      }[];
      classes: {
        level: string | null;
        classes: number;
        withRealUse: number;
        activeUsers: components['schemas']['PeopleCount'];
      }[];
      collaboration: components['schemas']['CollaborationFigures'];
      library: components['schemas']['LibraryFigure'][];
    };
    DashboardChoice: {
      /** @enum {string} */
      period: 'week' | 'month' | 'term' | 'year';
      classId?: string;
      /** @description A live group workspace of `classId` (`class` only); absent: the whole class. */
      groupId?: string;
      /** @description The establishment followed (`establishment` only). */
      establishmentId?: string;
      /** @description Shown parts, each once: for `me` activity, assignments, feedback; for `class` pupils, groupWork, frequentErrors, handIns, activity; for `programme` weeklyUsers, establishments, collaboration, library, accessibility; for `establishment` weeklyUsers, classes, collaboration, library. */
      indicators: string[];
    };
    DashboardPreferences: {
      dashboards: {
        me?: components['schemas']['DashboardChoice'];
        class?: components['schemas']['DashboardChoice'];
        programme?: components['schemas']['DashboardChoice'];
        establishment?: components['schemas']['DashboardChoice'];
      };
    };
    GroupWorkspace: {
      id: string;
      classId: string;
      className: string;
      name: string;
      /** @description Its server is served at `/user/<serverName>/` (on its own origin). */
      serverName: string;
      members: {
        name: string;
        displayName: string;
      }[];
      /** @description Whether the caller may change its members or delete it. */
      manages: boolean;
    };
    GroupWorkspaceCreate: {
      name: string;
      /** @description User names of learners of the class. */
      members: string[];
    };
    GroupMembers: {
      /** @description User names of learners of the class. */
      members: string[];
    };
    SchoolMode: {
      schoolMode: boolean;
    };
    Class: {
      id: string;
      name: string;
      level: string | null;
      establishmentId: string | null;
    };
    /** @description A class; `membership` is the caller's, absent for an administrator. */
    ClassWithMembership: {
      id: string;
      name: string;
      level: string | null;
      establishmentId: string | null;
      membership?: components['schemas']['Membership'];
    };
    Member: {
      name: components['schemas']['UserName'];
      displayName: string;
      membership: components['schemas']['Membership'];
    };
    ClassWithMembers: {
      id: string;
      name: string;
      level: string | null;
      establishmentId: string | null;
      members: components['schemas']['Member'][];
    };
    PupilCodeStatus: {
      name: components['schemas']['UserName'];
      displayName: string;
      /** @enum {string} */
      status: 'none' | 'active' | 'expired' | 'revoked';
      /** Format: date-time */
      expiresAt: string | null;
    };
    NewCode: {
      name: components['schemas']['UserName'];
      displayName: string;
      /** @description 8 characters, without 0, O, 1, I or L; shown only once. */
      code: string;
      /** Format: date-time */
      expiresAt: string;
    };
    RosterCounts: {
      establishments: number;
      users: number;
      classes: number;
      enrollments: number;
    };
    /** @description Per kind of object: created, already there and changed (`updated`: today an establishment's academy), already there as it is (`unchanged`); the refused rows. */
    RosterReport: {
      created: components['schemas']['RosterCounts'];
      updated: components['schemas']['RosterCounts'];
      unchanged: components['schemas']['RosterCounts'];
      rejected: {
        /** @enum {string} */
        file: 'orgs.csv' | 'users.csv' | 'classes.csv' | 'enrollments.csv';
        line: number;
        /** @description French. */
        reason: string;
      }[];
    };
    /** @enum {string} */
    ServerState: 'stopped' | 'starting' | 'running' | 'failed';
    TaxonomyEntry: {
      id: string;
      label: string;
      stage?: string;
      url?: string;
      taught?: string;
      /** @description What teachers type for a level, stage or discipline (« 2nde », « maths »); a search reads them as filters. */
      synonyms?: string[];
    };
    Taxonomy: {
      levels: components['schemas']['TaxonomyEntry'][];
      stages: components['schemas']['TaxonomyEntry'][];
      disciplines: components['schemas']['TaxonomyEntry'][];
      languages: components['schemas']['TaxonomyEntry'][];
      licences: components['schemas']['TaxonomyEntry'][];
      /** @description Phrases whose words would otherwise read as a level or discipline (« Seconde Guerre mondiale »): a search keeps them as words. */
      topicPhrases?: string[];
    };
    /** @description What a teacher says about a version; ids from the taxonomy. */
    Metadata: {
      title: string;
      summary: string;
      disciplines: string[];
      levels: string[];
      keywords?: string[];
      language: string;
      durationMinutes: number;
      licence: string;
      authors: string[];
    };
    PublishBody: {
      metadata: components['schemas']['Metadata'];
      files: {
        /** @description Relative, `/` separated, no `..`. */
        path: string;
        /** @description The bytes, in base64. */
        content: string;
      }[];
    };
    Endorsements: {
      peer: number;
      inspection: number;
    };
    ResourceSummary: {
      id: string;
      version: number;
      title: string;
      summary: string;
      disciplines: string[];
      levels: string[];
      keywords: string[];
      language: string;
      durationMinutes: number;
      licence: string;
      authors: string[];
      /** @description The environment of the version: the one a notebook of it is pinned to (`metadata.candyce.environment`), or a seed resource's standard one. */
      environmentId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      uses: number;
      endorsements: components['schemas']['Endorsements'];
    };
    FileEntry: {
      path: string;
      sha256: string;
      size: number;
    };
    /** @description A `ResourceSummary` (the same properties) with its owner, files, versions and endorsements. */
    ResourceDetail: {
      id: string;
      version: number;
      title: string;
      summary: string;
      disciplines: string[];
      levels: string[];
      keywords: string[];
      language: string;
      durationMinutes: number;
      licence: string;
      authors: string[];
      environmentId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      uses: number;
      endorsements: components['schemas']['Endorsements'];
      owner: string | null;
      files: components['schemas']['FileEntry'][];
      versions: {
        version: number;
        title: string;
        /** Format: date-time */
        publishedAt: string;
        publishedBy: string | null;
      }[];
      endorsedBy: {
        peer: (string | null)[];
        inspection: (string | null)[];
      };
      mine: {
        peer: boolean;
        inspection: boolean;
      };
      can: {
        publishVersion: boolean;
        endorse: boolean;
        endorseForInspection: boolean;
      };
    };
    Version: {
      id: string;
      version: number;
      metadata: components['schemas']['Metadata'];
      environmentId: string | null;
      /** Format: date-time */
      publishedAt: string;
      files: components['schemas']['FileEntry'][];
    };
    SearchPage: {
      total: number;
      page: number;
      perPage: number;
      /**
       * @description The order used: the one asked, or `recent` when the query has no words or matches more than 10,000 resources (ranking them all would be slow; the most recent come first).
       * @enum {string}
       */
      order: 'relevance' | 'recent' | 'popular' | 'title';
      /** @description How many results the facet counts cover: all of them up to 500, else the first 500 in the order used. */
      facetsOver: number;
      results: components['schemas']['ResourceSummary'][];
      /** @description For each facet (`discipline`, `level`, `licence`, `language`, `endorsed`), the number of results per value, over the first `facetsOver` results. */
      facets: {
        discipline: components['schemas']['FacetCounts'];
        level: components['schemas']['FacetCounts'];
        licence: components['schemas']['FacetCounts'];
        language: components['schemas']['FacetCounts'];
        endorsed: components['schemas']['FacetCounts'];
      };
      /** @description Disciplines and levels read in the words of `q` (« maths 4e », « NSI terminale », « cinquième EMC »: the taxonomy's ids, labels and synonyms) and applied as filters, beside those chosen (OR within a facet). Empty when none, or when they found nothing and the words were searched as words instead. */
      understood: {
        discipline: string[];
        level: string[];
      };
      /** @description When the query as typed found nothing: the query with its words unknown to the library replaced by the library's nearest words (« pythagorre » → « pythagore »). */
      didYouMean: string | null;
      /** @description The results are those of `didYouMean` (as typed, nothing was found). */
      corrected: boolean;
      /** @description No resource has all the words: the results have some of them, the most first, or only the disciplines and levels read in `q` (`understood`). */
      partial: boolean;
      /** @description When nothing is found: other searches that find something (fewer filters, one word, the disciplines and levels where the words are found), with their counts. */
      suggestions: {
        q: string;
        disciplines: string[];
        levels: string[];
        total: number;
      }[];
    };
    /** @description The number of results per value (an id of the taxonomy; `oui` for `endorsed`). */
    FacetCounts: {
      [key: string]: number;
    };
    Profile: {
      disciplines: string[];
      levels: string[];
    };
    TeachingProfile: {
      disciplines: string[];
      levels: string[];
      /** @description False while never saved (levels from the caller's classes). */
      saved: boolean;
      /** @description The levels of the classes the caller teaches. */
      classLevels: string[];
    };
    Person: {
      name: string;
      displayName: string;
    };
    FileContents: {
      path: string;
      /** @description The bytes in base64. */
      content: string;
    }[];
    /** @description Any other property is refused (400). */
    AssignmentSettings: {
      title?: string;
      instructions?: string;
      classIds?: string[];
      /** @description Whether pupils may join with a code. */
      shareCode?: boolean;
      /** Format: date-time */
      opensAt?: string | null;
      /** Format: date-time */
      dueAt?: string | null;
      /** @enum {string} */
      latePolicy?: 'accept' | 'refuse';
      multipleSubmissions?: boolean;
      /** @description Grade submissions by running the notebooks' nbgrader tests (default false). Chosen at creation: it can be turned off, and back on, but not on for an assignment created without it (400). */
      autograde?: boolean;
      /** @description The files pupils may hand in beyond the assignment's own, as paths of its folder where `*` stands for any characters of one name and `?` for one (`*.png`, `images/figure.png`; a wildcard at the start of a name matches no hidden file). None by default: a submission then carries only the files handed out, and any other file is refused (422 `file_not_allowed`). */
      extraFiles?: string[];
    };
    NewAssignment: components['schemas']['AssignmentSettings'] & {
      /** @description Those of `classIds` handed out « par groupe » (none by default): there each group workspace of the class is one learner; its files are the group's, any member hands in for the group (one submission, naming who handed in) and every member reads the feedback. A pupil of such a class in no group is refused (403 `not_in_group`). An id not in `classIds`: 400 `invalid_assignment`. */
      groupClassIds?: string[];
      /** @description Exactly one of `library` and `home`. */
      source: {
        library?: {
          resourceId: string;
          version: number;
        };
        home?: {
          path: string;
          files: components['schemas']['FileContents'];
        };
      };
    };
    Assignment: {
      id: string;
      title: string;
      instructions: string;
      owner: components['schemas']['Person'];
      classes: {
        id: string;
        name: string;
      }[];
      /** @description Shown to the teacher only. */
      shareCode: string | null;
      /** Format: date-time */
      opensAt: string | null;
      /** Format: date-time */
      dueAt: string | null;
      /** @enum {string} */
      latePolicy: 'accept' | 'refuse';
      multipleSubmissions: boolean;
      autograde: boolean;
      /** @description The patterns of the files pupils may hand in beyond the assignment's own (see AssignmentSettings). */
      extraFiles: string[];
      /** @description Where it comes from, a version of a library resource or the teacher's home. */
      source:
        | {
            /** @enum {string} */
            kind: 'library';
            resourceId: string;
            version: number;
          }
        | {
            /** @enum {string} */
            kind: 'home';
            path: string;
          };
      /** @description Where learners get it in their home. */
      folder: string;
      files: components['schemas']['FileEntry'][];
      /** Format: date-time */
      createdAt: string;
    };
    TeachingAssignment: components['schemas']['Assignment'] & {
      counts: {
        learners: number;
        submitted: number;
        returned: number;
      };
    };
    /**
     * @description « à faire », « en cours », « rendu », « en retard » (due date passed with nothing handed in, or handed in late), « corrigé » (feedback returned).
     * @enum {string}
     */
    LearnerState: 'todo' | 'started' | 'submitted' | 'late' | 'returned';
    LearnerAssignment: components['schemas']['Assignment'] & {
      /** @description The group the learner works in on an assignment handed out « par groupe » (fetch, submissions and feedback are the group's); else null. Its files are fetched and handed in from the group's workspace only (elsewhere: 409 `group_assignment_elsewhere`): `openUrl` is the hub page that starts and opens it. */
      group: null | {
        id: string;
        name: string;
        /** @description The hub's page that starts the group's server and opens it: a path of the hub's origin (`/hub/groupes/ouvrir/{server}`; `hubPageUrl` of `@candyce/core` makes it a link from JupyterLab). */
        openUrl: string;
      };
      state: components['schemas']['LearnerState'];
      /** Format: date-time */
      fetchedAt: string | null;
      lastSubmission: null | components['schemas']['Submission'];
      /** Format: date-time */
      returnedAt: string | null;
    };
    Submission: {
      version: number;
      /** Format: date-time */
      submittedAt: string;
      late: boolean;
      files: components['schemas']['FileEntry'][];
    };
    ProgressRow: {
      learner: components['schemas']['Person'];
      /** @description When the learner is a group (« par groupe »: `learner` is the group's account and display name), its members; else null. */
      members: null | components['schemas']['Person'][];
      state: components['schemas']['LearnerState'];
      /** Format: date-time */
      fetchedAt: string | null;
      /** Format: date-time */
      lastActivityAt: string | null;
      /** Format: date-time */
      submittedAt: string | null;
      version: number | null;
      late: boolean;
      grade: number | null;
      maxGrade: number | null;
      /** Format: date-time */
      returnedAt: string | null;
      /** @description The grading of the latest submission; null when the assignment is not autograded or nothing is submitted. */
      autograde: null | {
        status: components['schemas']['AutogradeStatus'];
        points: number | null;
        max: number | null;
      };
    };
    /**
     * @description « en attente », « en cours », then « corrigé », « temps dépassé » (a cell ran past the limit and was interrupted), « mémoire dépassée », « échec » (the notebook could not be run to the end). Cells that did not run count 0.
     * @enum {string}
     */
    AutogradeStatus:
      'queued' | 'running' | 'done' | 'timeout' | 'memory' | 'failed';
    AutogradeCell: {
      /** @description The notebook. */
      path: string;
      /** @description The cell's nbgrader grade_id. */
      gradeId: string;
      /**
       * @description Tests cells are run; manual ones are the teacher's to grade.
       * @enum {string}
       */
      kind: 'tests' | 'manual';
      /** @description Null for a manual cell not graded yet (0 when missing). */
      points: number | null;
      max: number;
      /** @description Why it earned nothing, in French: the failing test's error and first line of its message (« AssertionError : … »), « Temps dépassé (60 s). », « Mémoire dépassée. », « Cellule absente de la copie. »… */
      reason: string | null;
    };
    Autograde: {
      learner: components['schemas']['Person'];
      /** @description The latest submission, the one graded (or to grade). */
      submissionVersion: number;
      status: components['schemas']['AutogradeStatus'];
      /** @description The status in French. */
      message: string;
      /** @description Points earned (manual cells count 0 until graded); null until run. */
      points: number | null;
      /** @description The total of graded cells. */
      max: number | null;
      cells: components['schemas']['AutogradeCell'][];
      /** @description The last lines of the run's output. */
      log: string;
      /** Format: date-time */
      queuedAt: string | null;
      /** Format: date-time */
      gradedAt: string | null;
    };
    RubricRow: {
      criterion: string;
      points: number | null;
      max: number;
    };
    CellComment: {
      /** @description The notebook of the submission. */
      path: string;
      cellId: string;
      comment: string;
    };
    FeedbackInput: {
      comment: string;
      grade: number | null;
      maxGrade: number | null;
      rubric?: components['schemas']['RubricRow'][];
      cells?: components['schemas']['CellComment'][];
    };
    Feedback: {
      learner: components['schemas']['Person'];
      submissionVersion: number;
      comment: string;
      grade: number | null;
      maxGrade: number | null;
      rubric: components['schemas']['RubricRow'][];
      cells: components['schemas']['CellComment'][];
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      returnedAt: string | null;
      /** @description True while it is the autograder's proposal: a later run may replace it. Once the teacher saves feedback, it is theirs. */
      fromAutograder: boolean;
    };
    PythonOptions: {
      pythons: string[];
      defaultPython: string | null;
    };
    PackageNames: {
      packages: {
        name: string;
      }[];
    };
    SoftwareFile: {
      /** @description A path inside the repository: a file repo2docker reads (`requirements.txt` and the `.txt` files it includes, `runtime.txt`, `environment.yml`, `Pipfile`, `Pipfile.lock`, `setup.py`, `pyproject.toml`, `apt.txt`, `postBuild`, `start`, `install.R`, `Project.toml`, `REQUIRE`, `default.nix`, `Dockerfile`, `DESCRIPTION`…) at the top or under `binder/` or `.binder/`; beside a `setup.py` or `pyproject.toml`, the repository's own sources too (not under `binder/`, no hidden file). Otherwise 400 `unknown_file`; a path that leaves the repository 400 `invalid_path`. */
      path: string;
      /** @description At most 100 000 bytes in UTF-8, else 400 `software_file_too_large`. */
      content: string;
    };
    ResolveBody: {
      files: components['schemas']['SoftwareFile'][];
      /** @description The repository's `binder/` or `.binder/` folder when it holds no file sent here: an empty one still takes over from the top, as in repo2docker. */
      folders?: ('binder' | '.binder')[];
      /** @description The environment's human name when the hub does not know it yet (the notebook's title): 1 to 80 characters once spaces are collapsed, else 400 `invalid_environment_name`. */
      name?: string;
    };
    LockedPackage: {
      name: string;
      version: string;
      /** @description The wheel or sdist resolved. */
      file: string;
      sha256: string;
    };
    /** @description Everything needed to build the same environment again; its SHA-256 (of its canonical JSON: sorted keys and packages) is the environment id. */
    Lock: {
      /** @enum {integer} */
      lockVersion: 1;
      python: {
        implementation: string;
        version: string;
      };
      platform: {
        system: string;
        machine: string;
        tag: string;
      };
      packages: components['schemas']['LockedPackage'][];
      /** @description The `postBuild` script the build runs in its sandbox (bubblewrap: no network, only the environment writable, a time limit), when the hub runs it. */
      postBuild?: string;
    };
    LockBody: {
      /** @description The id the notebook names; refused unless it is the lock's. */
      id?: string;
      lock: components['schemas']['Lock'];
      files?: components['schemas']['SoftwareFile'][];
      /** @description The environment's human name when the hub does not know it yet (the notebook's title): 1 to 80 characters once spaces are collapsed, else 400 `invalid_environment_name`. */
      name?: string;
    };
    Environment: {
      id: string;
      shortId: string;
      /** @description Its kernelspec, written once it is built. */
      kernelName: string;
      /** @description Its human name (« Python — Mathématiques », a notebook's title), its kernel's display name; the hash is only for details. */
      name: string;
      /** @description A standard environment (binder-configs). */
      standard: boolean;
      /** @description Whether the caller may rename it (its author; never a standard one). */
      renamable: boolean;
      /** @description `3.X`. */
      python: string;
      /** @description The lock's packages, sorted by name. */
      packages: {
        name: string;
        version: string;
      }[];
      /** @description The software list it was resolved from. */
      files: components['schemas']['SoftwareFile'][];
      /** @description Files of the list only image builds (repo2docker) apply. */
      imageOnly: string[];
      /** @description What the builder leaves aside or does differently from repo2docker, one French sentence each with its file (files ignored, conda packages installed from PyPI or not installed, postBuild, default Python). */
      notes: string[];
      /** @description Requirements the hub added (`ipykernel`). */
      addedRequirements: string[];
      built: boolean;
      lock: components['schemas']['Lock'];
      /** Format: date-time */
      createdAt: string;
    };
    EnvironmentResult: {
      environment: components['schemas']['Environment'];
    };
    /** @description One step of a resolution or a build, for a progress bar and a log. */
    EnvironmentProgress: {
      /** @enum {string} */
      phase: 'resolve' | 'venv' | 'install' | 'compile' | 'store' | 'done';
      /** @description A short French sentence. */
      message: string;
      /** @description From 0 to 1, when known. */
      fraction?: number;
      /** @description A raw line of pip's or Python's output. */
      log?: string;
    };
    EnvironmentSummary: {
      id: string;
      shortId: string;
      /** @description Its human name. */
      name: string;
      python: string;
      /** @description How many packages. */
      packages: number;
      /** @description Disk bytes of its files (0 when not built). */
      bytes: number;
      built: boolean;
      references: {
        /** @description Library resources one of whose versions names it. */
        resources: number;
        /** @description Assignments that hand out notebooks pinned to it. */
        assignments: number;
        /** @description 1 when an opened notebook used it within `environmentKeepDays`, else 0 (the hub keeps the last use only). */
        recentUses: number;
      };
      /** @description A standard environment (binder-configs), never collected. */
      standard: boolean;
      /** Format: date-time */
      lastUsedAt: string | null;
    };
    CollectBody: {
      /** @description Only say what would be removed (default true). */
      dryRun?: boolean;
    };
    CollectResult: {
      ids: string[];
      /** @description Disk bytes freed, measured with `du` (allocated blocks, each hard-linked file once) over the environments, their shared pool and uv's cache before and after; a dry run: the bytes of the removed environments no kept one links. */
      bytes: number;
      dryRun: boolean;
      /** @description A real collection of a store that builds with uv prunes uv's cache (`uv cache prune`): its outcome, what it freed (part of `bytes`), what the cache still holds, and how much of that kept environments hard-link too (freed only with them). */
      uvCache?: {
        /** @enum {string} */
        outcome: 'pruned' | 'busy' | 'failed' | 'absent';
        freedBytes: number;
        bytes: number;
        sharedBytes: number;
      };
    };
  };
  responses: {
    /** @description The body is not JSON (`invalid_json`) or not what the route takes (`invalid_request`, or a more precise code such as `invalid_class_name`). */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description A bad query: `invalid_period` (`from`/`to` not a date, `from` after `to`, more than 400 days), `invalid_request` (another parameter), `assignment_not_in_class` (an `assignment` that is not one of the class's), `group_not_in_class` (a `group` that is not a live group workspace of the class). */
    BadPeriod: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No valid session (`unauthenticated`). */
    Unauthenticated: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The caller lacks the right (`forbidden`), or a state-changing call came without the session's anti-CSRF header (`xsrf`). */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description An unknown class, user or establishment (`unknown_class`, `unknown_user`…). */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The request is too large (`too_large`). */
    TooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The platform is full (`capacity`) or the server did not start (`spawn_failed`); try again later. */
    Unavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Live help cannot be done now: `help_needs_server_origins` (path mode), `help_already_open`, `help_no_teacher`, `help_closed`, `help_already_joined`. */
    HelpConflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The class already has a group workspace of that name (`group_name_taken`). */
    GroupConflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The state does not allow it: one submission only and it is there (`already_submitted`), nothing submitted yet (`not_submitted`), no feedback to return (`no_feedback`), an assignment that is not autograded (`not_autograded`), an assignment done in the learner's group workspace fetched or handed in from elsewhere (`group_assignment_elsewhere`). */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The assignment's rules refuse it: not open yet (`not_open`), past a due date that refuses late work (`late_refused`; the work stays in the learner's home), or a file it does not allow in a submission (`file_not_allowed`). */
    Refused: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Too many attempts in a minute (`too_many_attempts`). */
    TooManyRequests: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Not an environment id (`invalid_environment_id`). */
    BadEnvironmentId: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The hub does not know this environment (`environment_unknown`): register the lock the notebook carries (`POST /environments/locks`), or pin the notebook again. */
    UnknownEnvironment: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description The resource's id. */
    ResourceId: string;
    /** @description A version number (1, 2…). */
    Version: string;
    /** @description The class's id. */
    ClassId: string;
    /** @description The group workspace's id. */
    GroupId: string;
    /** @description A user's hub name. */
    UserName: components['schemas']['UserName'];
    /** @description The assignment's id. */
    AssignmentId: string;
    /** @description The hub name of a learner of the assignment. */
    Learner: components['schemas']['UserName'];
    /** @description First day of the period (YYYY-MM-DD, included); by default 29 days before `to`. A period is at most 400 days. */
    DashboardFrom: string;
    /** @description Last day of the period (YYYY-MM-DD, included); by default today (UTC). */
    DashboardTo: string;
    /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
    EnvironmentId: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller. */
      200: {
        headers: {
          /** @description `no-store`: the answer carries the anti-CSRF token. */
          'Cache-Control'?: 'no-store';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  updateMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          language: 'fr' | 'en';
        };
      };
    };
    responses: {
      /** @description The caller's language under JupyterLab's name, as `GET /me` now gives it. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            locale: components['schemas']['Locale'];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description The same, for a client that reconnects by itself. */
        lastEventId?: string;
        /** @description `false`: send the missed events, then end the answer. */
        follow?: 'true' | 'false';
      };
      header?: {
        /** @description The id of the last event the client received. */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
    };
  };
  listGroupWorkspaces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The workspaces, by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            groups: components['schemas']['GroupWorkspace'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  createGroupWorkspace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GroupWorkspaceCreate'];
      };
    };
    responses: {
      /** @description The workspace. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GroupWorkspace'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['GroupConflict'];
    };
  };
  setGroupWorkspaceMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group workspace's id. */
        id: components['parameters']['GroupId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GroupMembers'];
      };
    };
    responses: {
      /** @description The workspace. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GroupWorkspace'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteGroupWorkspace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group workspace's id. */
        id: components['parameters']['GroupId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listClasses: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The classes, by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            classes: components['schemas']['ClassWithMembership'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  createClass: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          level?: string | null;
          establishmentId?: string | null;
        };
      };
    };
    responses: {
      /** @description The new class. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Class'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The class, teachers first, then learners, each by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassWithMembers'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          level?: string | null;
        };
      };
    };
    responses: {
      /** @description The class as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Class'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  addClassMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          userName: string;
          membership: components['schemas']['Membership'];
        };
      };
    };
    responses: {
      /** @description The membership of an existing member, changed (or unchanged). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Member'];
        };
      };
      /** @description The new member. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Member'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getClassSchoolMode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The class's school mode. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchoolMode'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  setClassSchoolMode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SchoolMode'];
      };
    };
    responses: {
      /** @description The class's school mode, as set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchoolMode'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  removeClassMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
        /** @description A user's hub name. */
        userName: components['parameters']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed (or was not a member). */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listClassCodes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One entry per learner of the class. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            pupils: components['schemas']['PupilCodeStatus'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createPupilsWithCodes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          pupils: {
            displayName: string;
          }[];
        };
      };
    };
    responses: {
      /** @description The new pupils and their codes. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            class: {
              id: string;
              name: string;
            };
            /** @description The class's login page, where pupils type their code. */
            loginUrl: string;
            pupils: components['schemas']['NewCode'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  regenerateClassCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
        /** @description A user's hub name. */
        userName: components['parameters']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new code (sent with `Cache-Control: no-store`). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NewCode'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  revokeClassCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
        /** @description A user's hub name. */
        userName: components['parameters']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  importOneRoster: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          'orgs.csv'?: string;
          'users.csv'?: string;
          'classes.csv'?: string;
          'enrollments.csv'?: string;
        };
      };
    };
    responses: {
      /** @description What was created, what was already there, what was refused. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RosterReport'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['TooLarge'];
    };
  };
  restartServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose server it is (the caller's own, or any for an administrator). */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The start has begun (or the server already runs). */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: components['schemas']['UserName'];
            state: components['schemas']['ServerState'];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['Unavailable'];
    };
  };
  stopServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose server it is (the caller's own, or any for an administrator). */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Stopped. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description The server is not running (`server_not_running`) or still starting (`server_starting`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listServerPeople: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The server's name (its owner's user name). */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server and its people. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServerPeople'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  listAdminUsers: {
    parameters: {
      query?: {
        q?: string;
        role?: components['schemas']['Role'];
        state?: 'active' | 'deactivated';
        after?: string;
        before?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            users: components['schemas']['AdminUserListItem'][];
            /** @description How many users the filters keep. */
            total: number;
            /** @description `after` for the next page. */
            next: string | null;
            /** @description `before` for the page before. */
            previous: string | null;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  createAdminUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          displayName: string;
          roles: components['schemas']['Role'][];
          establishmentId?: string;
        };
      };
    };
    responses: {
      /** @description The account. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminUser'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      /** @description The name is taken (`name_taken`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAdminUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's hub name. A group workspace's account (`groupe-…`) is not a user here: it answers as a name nobody has, on every method. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: components['schemas']['UserName'];
            displayName: string;
            roles: components['schemas']['Role'][];
            deactivated: boolean;
            classes: {
              id: string;
              name: string;
              /** @enum {string} */
              membership: 'teacher' | 'learner';
            }[];
            establishments: {
              id: string;
              name: string;
            }[];
            /** @enum {string} */
            server: 'stopped' | 'starting' | 'running' | 'failed';
            lastActivity: components['schemas']['LastActivity'];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateAdminUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's hub name. A group workspace's account (`groupe-…`) is not a user here: it answers as a name nobody has, on every method. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              roles: components['schemas']['Role'][];
            }
          | {
              active: boolean;
            };
      };
    };
    responses: {
      /** @description Done. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description One's own account (`self_administration`), or already in that state (`already_deactivated`, `already_active`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  issuePasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's hub name. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The code. */
      201: {
        headers: {
          /** @description `no-store`: the code is shown once. */
          'Cache-Control'?: 'no-store';
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            code: string;
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description One's own account (`self_administration`), or a deactivated one (`already_deactivated`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        action?:
          | 'user.create'
          | 'user.deactivate'
          | 'user.reactivate'
          | 'user.roles'
          | 'user.password_reset'
          | 'server.stop'
          | 'traces.erase'
          | 'administrator.grant'
          | 'administrator.revoke'
          | 'help.open'
          | 'help.join'
          | 'help.close'
          | 'group.create'
          | 'group.members'
          | 'group.delete'
          | 'environments.collect';
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            events: components['schemas']['AuditEvent'][];
            next: string | null;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  listAdministeredEstablishments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The establishments. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            everything: boolean;
            establishments: components['schemas']['Establishment'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  setEstablishmentAcademy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          academy: string | null;
        };
      };
    };
    responses: {
      /** @description Done. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listAdministratorGrants: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The grants, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            administrators: components['schemas']['AdministratorGrant'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  grantAdministrator: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              user: components['schemas']['UserName'];
              establishmentId: string;
            }
          | {
              user: components['schemas']['UserName'];
              academy: string;
            };
      };
    };
    responses: {
      /** @description The grant. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdministratorGrant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description The user already administers it (`administrator_exists`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revokeAdministrator: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getMyPrivacy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's choice and its effect. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacySettings'];
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  setMyPrivacy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          optionalTraces: boolean;
        };
      };
    };
    responses: {
      /** @description The caller's choice and its effect, as saved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacySettings'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  exportMyTraces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's traces. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TraceExport'];
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  eraseMyTraces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What was erased. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TraceErasure'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getClassTracePolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The class's policy (`isDefault` while its teacher has not chosen). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TracePolicy'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  setClassTracePolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          policy: 'none' | 'consent';
        };
      };
    };
    responses: {
      /** @description The class's policy, as saved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TracePolicy'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  exportUserTraces: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose traces they are. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user's traces. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TraceExport'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  eraseUserTraces: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user whose traces they are. */
        name: components['schemas']['UserName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What was erased. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TraceErasure'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getMyDashboard: {
    parameters: {
      query?: {
        /** @description First day of the period (YYYY-MM-DD, included); by default 29 days before `to`. A period is at most 400 days. */
        from?: components['parameters']['DashboardFrom'];
        /** @description Last day of the period (YYYY-MM-DD, included); by default today (UTC). */
        to?: components['parameters']['DashboardTo'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's dashboard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyDashboard'];
        };
      };
      400: components['responses']['BadPeriod'];
      401: components['responses']['Unauthenticated'];
    };
  };
  getClassDashboard: {
    parameters: {
      query?: {
        /** @description First day of the period (YYYY-MM-DD, included); by default 29 days before `to`. A period is at most 400 days. */
        from?: components['parameters']['DashboardFrom'];
        /** @description Last day of the period (YYYY-MM-DD, included); by default today (UTC). */
        to?: components['parameters']['DashboardTo'];
        /** @description Only this assignment of the class (its id). */
        assignment?: string;
        /** @description Only the members of this live group workspace of the class (its id): the pupils' figures are theirs, from their own servers and hand-ins; what is done in the group's shared server is `groupWork`, under the group's account. */
        group?: string;
      };
      header?: never;
      path: {
        /** @description The class's id. */
        id: components['parameters']['ClassId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The class's dashboard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassDashboard'];
        };
      };
      400: components['responses']['BadPeriod'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getProgrammeDashboard: {
    parameters: {
      query?: {
        /** @description First day of the period (YYYY-MM-DD, included); by default 29 days before `to`. A period is at most 400 days. */
        from?: components['parameters']['DashboardFrom'];
        /** @description Last day of the period (YYYY-MM-DD, included); by default today (UTC). */
        to?: components['parameters']['DashboardTo'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The programme's dashboard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProgrammeDashboard'];
        };
      };
      400: components['responses']['BadPeriod'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  listDashboardEstablishments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The establishments, by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DashboardEstablishments'];
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  getEstablishmentDashboard: {
    parameters: {
      query?: {
        /** @description First day of the period (YYYY-MM-DD, included); by default 29 days before `to`. A period is at most 400 days. */
        from?: components['parameters']['DashboardFrom'];
        /** @description Last day of the period (YYYY-MM-DD, included); by default today (UTC). */
        to?: components['parameters']['DashboardTo'];
      };
      header?: never;
      path: {
        /** @description The establishment's id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The establishment's dashboard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EstablishmentDashboard'];
        };
      };
      400: components['responses']['BadPeriod'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listHelpRequests: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            requests: components['schemas']['HelpRequest'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  askForHelp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['HelpAsk'];
      };
    };
    responses: {
      /** @description The request, waiting for a teacher. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HelpRequest'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['HelpConflict'];
    };
  };
  joinHelpRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The request, joined. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HelpRequest'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['HelpConflict'];
    };
  };
  closeHelpRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The request, closed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HelpRequest'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['HelpConflict'];
    };
  };
  getMyHelpRequest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The open request, or null. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            request: components['schemas']['HelpRequest'] | null;
          };
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  getDashboardPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's choices. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DashboardPreferences'];
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  setDashboardPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DashboardPreferences'];
      };
    };
    responses: {
      /** @description The caller's choices, as saved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DashboardPreferences'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getTaxonomy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The taxonomy. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Taxonomy'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  searchResources: {
    parameters: {
      query?: {
        q?: string;
        /** @description A discipline id; repeat for several. */
        discipline?: string[];
        level?: string[];
        licence?: string[];
        language?: string[];
        /** @description Only resources recommended by a peer or by the inspectorate. */
        endorsed?: '0' | '1' | 'true' | 'false';
        sort?: 'relevance' | 'recent' | 'popular' | 'title';
        page?: number;
        perPage?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of results and the facet counts over all of them. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  publishResource: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishBody'];
      };
    };
    responses: {
      /** @description Published. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceSummary'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['TooLarge'];
    };
  };
  getResource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resource. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceDetail'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  publishVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishBody'];
      };
    };
    responses: {
      /** @description Published. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceSummary'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Another version was published meanwhile (`version_conflict`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      413: components['responses']['TooLarge'];
    };
  };
  getVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The version. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Version'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
        /** @description The file's path in the resource (`/` allowed). */
        path: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ipynb+json': unknown;
          'application/octet-stream': unknown;
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  exportVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description A version number (1, 2…). */
        version: components['parameters']['Version'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The zip, as an attachment. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/zip': unknown;
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  importResource: {
    parameters: {
      query?: {
        /** @description Publish a new version of this resource instead. */
        resource?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/zip': unknown;
      };
    };
    responses: {
      /** @description Published. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceSummary'];
        };
      };
      /** @description Not a zip, or a damaged one (`invalid_zip`); a refused path, the same path twice (`invalid_path`); no or bad `candyce-resource.json` (`invalid_metadata`); a bad notebook (`invalid_notebook`, `no_notebook`); a pinned environment whose lock is not one or not its id's (`invalid_environment`). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Another version was published meanwhile (`version_conflict`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      413: components['responses']['TooLarge'];
    };
  };
  endorseResource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description `peer` (« Recommander », teachers and other contributors) or `inspection` (« Recommander pour l'inspection », inspectors only). */
        kind: 'peer' | 'inspection';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resource as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceDetail'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  withdrawEndorsement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
        /** @description `peer` (« Recommander », teachers and other contributors) or `inspection` (« Recommander pour l'inspection », inspectors only). */
        kind: 'peer' | 'inspection';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resource as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceDetail'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  recordUse: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id. */
        id: components['parameters']['ResourceId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          kind: 'open' | 'assign';
        };
      };
    };
    responses: {
      /** @description Recorded. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getRecommendations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description At most 10 recommendations, best first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            recommendations: {
              resource: components['schemas']['ResourceSummary'];
              reasons: string[];
            }[];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The profile. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeachingProfile'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  setProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Profile'];
      };
    };
    responses: {
      /** @description The profile saved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeachingProfile'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  listAssignments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Two lists, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            teaching: components['schemas']['TeachingAssignment'][];
            learning: components['schemas']['LearnerAssignment'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
    };
  };
  createAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewAssignment'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Assignment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['TooLarge'];
    };
  };
  joinAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description The assignment, now given to the caller. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LearnerAssignment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The teacher's view, or the learner's (with `state`). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | components['schemas']['Assignment']
            | components['schemas']['LearnerAssignment'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  updateAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignmentSettings'];
      };
    };
    responses: {
      /** @description Changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Assignment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  fetchAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The folder of the learner's home, and the files as handed out. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            folder: string;
            files: components['schemas']['FileContents'];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      422: components['responses']['Refused'];
    };
  };
  getAssignmentOriginal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The files. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            files: components['schemas']['FileContents'];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  submitAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          requestId: string;
          files: components['schemas']['FileContents'];
        };
      };
    };
    responses: {
      /** @description This request was stored before (a retry). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      /** @description Stored. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      422: components['responses']['Refused'];
    };
  };
  getMySubmissions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The submissions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            submissions: components['schemas']['Submission'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getMyFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The feedback. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feedback'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getAssignmentProgress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rows, in French alphabetical order of names. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            rows: components['schemas']['ProgressRow'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getLatestSubmission: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The submission. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            submission: components['schemas']['Submission'];
            files: components['schemas']['FileContents'];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The feedback. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feedback'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  saveFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FeedbackInput'];
      };
    };
    responses: {
      /** @description Saved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feedback'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  getAutograde: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Where grading stands, and its results once finished. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Autograde'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  rerunAutograde: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
        /** @description The hub name of a learner of the assignment. */
        learner: components['parameters']['Learner'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Autograde'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  returnFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          learners?: components['schemas']['UserName'][];
        };
      };
    };
    responses: {
      /** @description The names of the learners it was returned to. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            returned: components['schemas']['UserName'][];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  exportGrades: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assignment's id. */
        id: components['parameters']['AssignmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One line per learner. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getEnvironmentOptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The versions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PythonOptions'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  searchPackages: {
    parameters: {
      query: {
        /** @description What the name starts with or contains (1 to 100 characters). */
        q: string;
        /** @description How many names at most (1 to 100, default 20). */
        limit?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The names found. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PackageNames'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      /** @description The package index cannot be read (`index_unreachable`). */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  resolveEnvironment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResolveBody'];
      };
    };
    responses: {
      /** @description The event stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Not JSON (`invalid_json`), not this shape (`invalid_request`), a path that leaves the repository (`invalid_path`), a file over 100 000 bytes (`software_file_too_large`), a file the hub does not read or twice the same (`unknown_file`), the list's problems in French with their lines (`invalid_list`). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  registerEnvironmentLock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LockBody'];
      };
    };
    responses: {
      /** @description Known already. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentResult'];
        };
      };
      /** @description Registered. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentResult'];
        };
      };
      /** @description Not a lock (`invalid_request`), not the lock `id` names (`environment_mismatch`), made for another platform (`platform_mismatch`) or a Python this machine lacks (`python_missing`), a software list file the hub does not read (`unknown_file`, `invalid_list`). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  listEnvironments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The environments. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            environments: components['schemas']['EnvironmentSummary'][];
          };
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  collectEnvironments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CollectBody'];
      };
    };
    responses: {
      /** @description What was (or would be) removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CollectResult'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
    };
  };
  getEnvironment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The environment. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentResult'];
        };
      };
      400: components['responses']['BadEnvironmentId'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['UnknownEnvironment'];
    };
  };
  renameEnvironment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
        };
      };
    };
    responses: {
      /** @description Renamed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentResult'];
        };
      };
      /** @description A bad id (`invalid_environment_id`), an empty, too long or odd name (`invalid_environment_name`). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      401: components['responses']['Unauthenticated'];
      /** @description Not its author (`environment_not_author`), a standard environment, or no right `environments:resolve` (`forbidden`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      404: components['responses']['UnknownEnvironment'];
    };
  };
  buildEnvironment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['BadEnvironmentId'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['UnknownEnvironment'];
    };
  };
  exportEnvironmentRepository: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An environment's id (the SHA-256 of its lock, 64 hex characters). */
        id: components['parameters']['EnvironmentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The zip, as an attachment. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/zip': unknown;
        };
      };
      400: components['responses']['BadEnvironmentId'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['UnknownEnvironment'];
    };
  };
}
