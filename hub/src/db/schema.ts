import { Generated } from 'kysely';

/**
 * The hub's tables. Each module owns its tables and is the only one to query them:
 * users (users, user_roles), auth (sessions, login_attempts), classes (classes,
 * class_members, establishments), servers (servers).
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
  identities: IdentitiesTable;
  establishments: EstablishmentsTable;
  class_codes: ClassCodesTable;
}

export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** OneRoster `sourcedId` of an imported user (migration 0004). */
  source_id: Generated<string | null>;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  /** `local` or `sso` (recomputed at each OpenID Connect login; migration 0006). */
  granted_by: Generated<string>;
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
  /** Migration 0004. */
  establishment_id: Generated<string | null>;
  /** OneRoster `sourcedId` of an imported class (migration 0004). */
  source_id: Generated<string | null>;
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
  /** `/user/<name>/` (migration 0006; null in older rows). */
  base_url: string | null;
  /** The spawner's state of the server, JSON (migration 0006; null in older rows). */
  spawner_state: string | null;
}

/**
 * An establishment (« établissement »), owned by the classes module (migration 0004).
 */
export interface EstablishmentsTable {
  id: string;
  name: string;
  /** Unité administrative immatriculée, e.g. `0750001A`. */
  uai: string | null;
  /** OneRoster `sourcedId` of an imported org. */
  source_id: string | null;
  created_at: string;
}

/** Owned by auth/oidc: an account at an OpenID Connect provider, linked to a user. */
export interface IdentitiesTable {
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
export interface ClassCodesTable {
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
