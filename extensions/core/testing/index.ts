/**
 * Test utilities shared by the Candyce extensions' unit tests (`@candyce/core/testing`):
 * Node-only, never part of a labextension (outside `src`, left out of `files`).
 */
export * from './catalogue';
export * from './contrast';
export * from './trans';
