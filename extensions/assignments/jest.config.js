/**
 * Unit tests run TypeScript sources directly through ts-jest. « Mes devoirs » follows
 * the school mode's token, shared like @candyce/core's.
 */
module.exports = require('../../jest.config.base')(__dirname, {
  sources: ['school-ui']
});
