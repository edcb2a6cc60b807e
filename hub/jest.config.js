/** Hub tests run against real parts: a SQLite file, real HTTP servers on loopback. */
module.exports = {
  ...require('../jest.config.base')(__dirname),
  testTimeout: 60000
};
