import type { IAssignments } from '@candyce/core';

type Tell = (activity: IAssignments.IActivity) => void;

/**
 * How this package's other plugins tell `IAssignments.activity`: the token exposes the
 * signal to listen to only, so its provider (the panels plugin) registers how to emit
 * it, and the help plugin tells of a help request through it.
 */
const outlets = new WeakMap<IAssignments, Tell>();

/** Register how to emit the activity of the `IAssignments` a plugin provides. */
export function registerActivity(assignments: IAssignments, tell: Tell): void {
  outlets.set(assignments, tell);
}

/**
 * Tell an activity through `IAssignments.activity`; nothing when there is no
 * `IAssignments` (the assignments panels disabled) or it is not this package's.
 */
export function tellActivity(
  assignments: IAssignments | null,
  activity: IAssignments.IActivity
): void {
  if (assignments) {
    outlets.get(assignments)?.(activity);
  }
}
