import type { ICandyceSession } from '@candyce/core';

import type { DashboardKind } from './api';

/**
 * Whether the user may open a dashboard: their own for everyone on the platform, a
 * class's for teachers and administrators, the programme's for administrators and
 * inspectors, an establishment's for those the hub lists establishments to
 * (`administers`: administrators and inspectors, and establishments' and academies'
 * administrators, who hold no role of their own). The hub checks again: this only
 * keeps useless entries out of menus.
 */
export function mayOpen(
  session: ICandyceSession,
  kind: DashboardKind,
  administers = false
): boolean {
  if (!session.hub) {
    return false;
  }
  switch (kind) {
    case 'me':
      return true;
    case 'class':
      return session.hasRole('teacher') || session.hasRole('admin');
    case 'programme':
      return session.hasRole('admin') || session.hasRole('inspector');
    case 'establishment':
      return administers;
  }
}

/**
 * Whether to ask the hub which establishments the user may see: not for a pupil (a
 * learner and nothing else), who never administers one.
 */
export function mayAdminister(session: ICandyceSession): boolean {
  return (
    session.hub !== null &&
    (session.user?.roles ?? []).some(role => role !== 'learner')
  );
}
