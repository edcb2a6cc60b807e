/**
 * @packageDocumentation
 * @module administration
 *
 * Candyce administration: people, environments and the audit log in the main area.
 */
import { administrationPlugin } from './plugin';

export * from './api';
export * from './commandIds';

export default [administrationPlugin];
