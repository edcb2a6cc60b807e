/**
 * @packageDocumentation
 * @module library
 *
 * Candyce library: the « Bibliothèque » panel and publishing to the library.
 */
import { panelPlugin, publishPlugin } from './plugin';

export * from './api';
export * from './tokens';

export default [panelPlugin, publishPlugin];
