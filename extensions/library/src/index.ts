/**
 * @packageDocumentation
 * @module library
 *
 * Candyce library: the « Bibliothèque » panel and publishing to the library.
 */
import { panelPlugin } from './panelPlugin';
import { publishPlugin } from './publishPlugin';

export * from './api';

export default [panelPlugin, publishPlugin];
