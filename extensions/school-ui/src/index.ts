/**
 * @packageDocumentation
 * @module school-ui
 *
 * Candyce's school mode for primary school and collège: one notebook, big labelled
 * buttons, larger fonts, « Mes devoirs » only, and friendly explanations of Python
 * errors.
 */
import { errorsPlugin, modePlugin } from './plugin';

export * from './explain';
export * from './state';
export * from './tokens';
export * from './wording';

export default [modePlugin, errorsPlugin];
