/**
 * @packageDocumentation
 * @module dashboards
 *
 * Candyce dashboards: a pupil's own, a class's for its teachers, the programme's.
 */
import { dashboardsPlugin } from './plugin';

export * from './api';

export default [dashboardsPlugin];
