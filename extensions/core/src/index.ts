/**
 * @packageDocumentation
 * @module core
 *
 * Candyce core: the hub client, hub detection, the session and shared UI pieces.
 */
import { commandStatePlugin } from './commandState';
import { eventsPlugin } from './eventsPlugin';
import { sessionPlugin } from './plugin';
import { sharePlugin } from './sharePlugin';
import { themeFallbackPlugin } from './themeFallback';

export * from './base64';
export * from './client';
export * from './commandState';
export * from './components';
export * from './detect';
export * from './errors';
export * from './hubApi';
export * from './hubEvents';
export * from './hubErrorMessage';
export * from './icons';
export * from './markdown';
export * from './session';
export * from './shareDialog';
export * from './shareLink';
export * from './sidePanel';
export * from './submitDialog';
export * from './submitForm';
export * from './themeFallback';
export * from './tokens';
export * from './untrustedOutput';

export default [
  sessionPlugin,
  eventsPlugin,
  themeFallbackPlugin,
  commandStatePlugin,
  sharePlugin
];
