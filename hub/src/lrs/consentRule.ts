import { isObject, Json } from './checks';

/**
 * The consent contract between the Candyce emitter and the LRS (docs/xapi.md,
 * « Consent »): a statement about an assignment is ESSENTIAL (the teacher needs it to
 * follow hand-ins); every other one is OPTIONAL and is stored only for users whose
 * consent allows optional traces.
 */
export const ASSIGNMENT_ACTIVITY_TYPE =
  'https://candyce.fr/xapi/activities/assignment';

/** Whether a statement is essential: its object's `definition.type` is an assignment. */
export function isEssential(statement: Json): boolean {
  const target = statement.object;
  return (
    isObject(target) &&
    isObject(target.definition) &&
    target.definition.type === ASSIGNMENT_ACTIVITY_TYPE
  );
}
