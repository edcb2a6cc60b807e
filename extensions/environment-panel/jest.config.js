/**
 * Unit tests run TypeScript sources directly through ts-jest.
 *
 * `@candyce/core` is built as ES modules for the browser: the tests take its client and
 * errors from their TypeScript sources instead (the rest of core needs JupyterLab).
 */
const base = require('../../jest.config.base')(__dirname);

module.exports = {
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^@candyce/core$': '<rootDir>/test/core.ts'
  }
};
