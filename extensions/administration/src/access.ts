import type { ICandyceSession } from '@candyce/core';

import type { AdministrationApi, IEstablishment } from './api';

/**
 * What the caller administers: everything (the platform's administrators), some
 * schools (an establishment's or an academy's administrator, who holds no role of
 * administrator), or nothing (the administration is not offered).
 */
export interface IAdministered {
  everything: boolean;
  establishments: IEstablishment[];
}

/**
 * Ask the hub what the caller administers. Pupils (learners and nothing else) never
 * administer, and are not asked; a refusal (403) means nothing. The hub checks each
 * call again: this only keeps the entry out of others' menus.
 */
export async function administered(
  session: ICandyceSession,
  api: () => AdministrationApi
): Promise<IAdministered | null> {
  const roles = session.user?.roles ?? [];
  if (!session.hub || !roles.some(role => role !== 'learner')) {
    return null;
  }
  try {
    const answer = await api().establishments();
    return answer.everything || answer.establishments.length ? answer : null;
  } catch {
    return null;
  }
}
