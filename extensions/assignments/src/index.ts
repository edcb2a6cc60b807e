/**
 * @packageDocumentation
 * @module assignments
 *
 * Candyce assignments: « Mes devoirs » for pupils, « Suivi des devoirs » for teachers.
 */
import { assignPlugin, panelsPlugin } from './plugin';

export * from './api';
export * from './tokens';

export default [panelsPlugin, assignPlugin];
