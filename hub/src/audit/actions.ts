/**
 * What the audit log records: each administrative action by name. Stored as is in
 * `audit_events.action`; the pages translate them.
 */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.deactivate',
  'user.reactivate',
  'user.roles',
  'user.password_reset',
  'server.stop',
  'traces.erase',
  'administrator.grant',
  'administrator.revoke',
  'help.open',
  'help.join',
  'help.close',
  'group.create',
  'group.members',
  'group.delete',
  'environments.collect'
] as const;

/**
 * An administrative action.
 */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Whether a string names an action the log knows.
 */
export function isAuditAction(value: unknown): value is AuditAction {
  return AUDIT_ACTIONS.includes(value as AuditAction);
}

/**
 * What an event may say besides who, what, whom and when: fixed fields only, never
 * free text (a pupil's name typed in a note would be personal data in a log kept
 * for years).
 */
export interface IAuditDetails {
  /** The roles after the action (`user.create`, `user.roles`). */
  roles?: string[];
  /** The roles before the action (`user.roles`). */
  previousRoles?: string[];
  /** When a reset code stops working (`user.password_reset`). */
  expiresAt?: string;
  /** How much was erased (`traces.erase`): counts only, as the LRS records them. */
  erased?: { statements: number; documents: number; attachments: number };
  /** The establishment administered (`administrator.*`), by its id. */
  establishmentId?: string;
  /** The academy administered (`administrator.*`), by its name. */
  academy?: string;
  /** The establishment a created account is attached to (`user.create`). */
  attachedTo?: string;
  /** The help request (`help.*`): its id only, never the notebook or the message. */
  helpRequestId?: string;
  /** What the pupil let her teacher do (`help.open`): `write` or `read`. */
  access?: string;
  /** The help ran out rather than being closed by someone (`help.close`). */
  expired?: boolean;
  /** How many members a group workspace has after the action (`group.*`). */
  members?: number;
  /**
   * What a collection freed (`environments.collect`): environments removed, disk bytes
   * freed in all (measured), of which by pruning uv's cache.
   */
  freed?: { environments: number; bytes: number; uvCacheBytes: number };
}
