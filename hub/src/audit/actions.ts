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
  'traces.erase'
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
}
