/**
 * Shared jest configuration of the Candyce extensions.
 *
 * Each package calls it with its own directory; tests live in `test/*.spec.ts(x)`.
 */
const path = require('path');

module.exports = packageDir => ({
  rootDir: packageDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: path.join(packageDir, 'tsconfig.test.json') }
    ]
  },
  moduleNameMapper: {
    '\\.(css|svg)$': path.join(__dirname, 'scripts', 'jest-asset-stub.js')
  }
});
