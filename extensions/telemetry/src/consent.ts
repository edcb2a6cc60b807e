import type { IDraft } from './statements';
import { ESSENTIAL_ACTIVITY_TYPE } from './vocabulary';

/**
 * What is recorded:
 * - `none`: nothing (no LRS configured): nothing is sent nor kept;
 * - `essential`: statements about assignments only (the teacher's follow-up);
 * - `full`: every statement of the profile.
 */
export type TraceLevel = 'none' | 'essential' | 'full';

/**
 * Whether a statement is essential: its object is an assignment (the consent contract
 * with the hub, which refuses optional statements from users without consent).
 */
export function isEssential(draft: Pick<IDraft, 'object'>): boolean {
  return draft.object.definition.type === ESSENTIAL_ACTIVITY_TYPE;
}

/** Whether a statement may be recorded at a level. */
export function allowedAt(
  level: TraceLevel,
  draft: Pick<IDraft, 'object'>
): boolean {
  return level === 'full' || (level === 'essential' && isEssential(draft));
}

/**
 * The level a credential allows: full only when the answer says `consent.optional`
 * is true; absent or anything else is essential only.
 */
export function levelOfConsent(answer: unknown): 'essential' | 'full' {
  const consent =
    answer && typeof answer === 'object'
      ? (answer as { consent?: unknown }).consent
      : undefined;
  return consent &&
    typeof consent === 'object' &&
    (consent as { optional?: unknown }).optional === true
    ? 'full'
    : 'essential';
}
