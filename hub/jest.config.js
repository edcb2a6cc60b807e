/** Hub tests run against real parts: a SQLite file, real HTTP servers on loopback. */
const base = require('../jest.config.base')(__dirname);

module.exports = {
  ...base,
  // TypeScript only: the hub's dependencies are CommonJS already.
  transform: { '^.+\\.tsx?$': base.transform['^.+\\.tsx?$'] },
  transformIgnorePatterns: ['/node_modules/'],
  // The hub runs in Node, not in a browser: the extensions' DOM environment would make
  // packages resolve their browser builds (yaml) and give the hub's fetch to jsdom.
  testEnvironment: 'node',
  testTimeout: 60000
};
