import { Generated } from 'kysely';

/**
 * The hub's tables. Each module owns its tables and is the only one to query them:
 * users (users, user_roles), auth (sessions, login_attempts), classes (classes,
 * class_members), servers (servers).
 *
 * Timestamps are ISO 8601 strings in UTC (`Date.toISOString()`): they sort as text and
 * read the same on SQLite and PostgreSQL.
 */
export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  classes: ClassesTable;
  class_members: ClassMembersTable;
  servers: ServersTable;
}

export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  /** SHA-256 of the session token: a stolen database cannot replay sessions. */
  id_hash: string;
  user_id: string;
  xsrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ClassesTable {
  id: string;
  name: string;
  level: string | null;
  created_at: string;
}

export interface ClassMembersTable {
  class_id: string;
  user_id: string;
  /** `teacher` or `learner`. */
  membership: string;
}

export interface ServersTable {
  user_id: string;
  url: string;
  pid: number;
  secret: string;
  started_at: string;
  last_activity_at: string;
}
