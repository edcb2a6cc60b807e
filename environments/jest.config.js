/** Engine tests run real pip and Python against a tiny local package index. */
module.exports = {
  ...require('../jest.config.base')(__dirname),
  // The engine runs in Node, not in a browser: not the extensions' DOM environment.
  testEnvironment: 'node',
  testTimeout: 120000
};
