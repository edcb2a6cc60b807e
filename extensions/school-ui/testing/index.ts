/**
 * Test utilities of the school mode (`@candyce/school-ui/testing`): Node-only, never
 * part of the labextension (outside `src`, left out of `files`).
 */
export * from './wording';
