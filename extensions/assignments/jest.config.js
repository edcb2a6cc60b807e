/** Unit tests run TypeScript sources directly through ts-jest. */
const path = require('path');

const base = require('../../jest.config.base')(__dirname);

module.exports = {
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // « Mes devoirs » follows the school mode's token, shared like @candyce/core's.
    '^@candyce/school-ui$': path.join(__dirname, '..', 'school-ui', 'src')
  }
};
