import type { DashboardKind } from './api';

/**
 * The query parameter that opens a dashboard when JupyterLab starts, as the hub's
 * class page links to it: `?candyce-dashboard=class:<id>`, `=me`, `=programme` or
 * `=establishment`.
 */
export const DASHBOARD_QUERY = 'candyce-dashboard';

/**
 * A dashboard to open: its kind and, for a class, which one.
 */
export interface IDashboardRequest {
  kind: DashboardKind;
  classId?: string;
}

/**
 * The dashboard a page address asks for, or null (absent or not understood).
 */
export function requestedDashboard(search: string): IDashboardRequest | null {
  const value = new URLSearchParams(search).get(DASHBOARD_QUERY);
  if (value === 'me' || value === 'programme' || value === 'establishment') {
    return { kind: value };
  }
  const match = /^class(?::(.{1,100}))?$/.exec(value ?? '');
  if (match) {
    return match[1] ? { kind: 'class', classId: match[1] } : { kind: 'class' };
  }
  return null;
}

/**
 * The address without the parameter, so that a reload does not open it again (the
 * workspace restores the panel).
 */
export function withoutDashboardQuery(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(DASHBOARD_QUERY);
  return url.toString();
}
