/**
 * @packageDocumentation
 * @module environment-panel
 *
 * Candyce environments in JupyterLab: the « Environnement » panel (pin a notebook's
 * software list) and the preparation of a notebook's environment when it opens.
 */
import { panelPlugin, preparePlugin } from './plugin';

export * from './api';
export * from './metadata';
export * from './softwareList';
export * from './tokens';

export default [preparePlugin, panelPlugin];
