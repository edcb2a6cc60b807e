import type { ITaxonomyEntry } from './api';

/**
 * The label of a taxonomy id, or the id itself when unknown.
 */
export function labelOf(
  entries: readonly ITaxonomyEntry[] | undefined,
  id: string
): string {
  return entries?.find(entry => entry.id === id)?.label ?? id;
}
