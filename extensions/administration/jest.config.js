/**
 * Unit tests run TypeScript sources directly through ts-jest.
 */
module.exports = require('../../jest.config.base')(__dirname);
