/**
 * @packageDocumentation
 * @module assignments
 *
 * Candyce assignments: « Mes devoirs » for pupils, « Suivi des devoirs » for teachers.
 */
import { assignPlugin } from './assignPlugin';
import { helpPlugin } from './helpPlugin';
import { helpReadOnlyPlugin } from './helpReadOnly';
import { panelsPlugin } from './panelsPlugin';

export * from './api';

export default [panelsPlugin, assignPlugin, helpPlugin, helpReadOnlyPlugin];
