import type { ICandyceSession } from '@candyce/core';

import type { DashboardKind } from './api';

/**
 * Whether the user may open a dashboard: their own for everyone on the platform, a
 * class's for teachers and administrators, the programme's for administrators and
 * inspectors (the hub checks again: this only keeps useless entries out of menus).
 */
export function mayOpen(
  session: ICandyceSession,
  kind: DashboardKind
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
  }
}
