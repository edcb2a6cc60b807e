/**
 * Shared jest configuration of the Candyce extensions.
 *
 * Each package calls it with its own directory; tests live in `test/*.spec.ts(x)`.
 *
 * `@candyce/core` is mapped to its TypeScript sources, as one module for every package:
 * in JupyterLab it is a shared singleton (`sharedPackages` in each package.json), so
 * its tokens are the same objects in every extension, and a plugin test can hand one
 * package's service to another's plugin. JupyterLab's packages are published as ES
 * modules: ts-jest turns them into CommonJS, as `@jupyterlab/testing` does with Babel.
 *
 * Options, for a package that needs more than the common case:
 * - `esm`: more ES-module packages to transform (Observable Plot and d3 for dashboards);
 * - `sources`: other Candyce extensions mapped to their sources like `@candyce/core`
 *   (`['school-ui']` maps `@candyce/school-ui`), for tokens shared as singletons.
 */
const path = require('path');

/** ES-module packages under node_modules that jest must transform. */
const ESM_PACKAGES = [
  '@jupyterlab',
  '@jupyter',
  '@codemirror',
  '@lezer',
  '@marijn',
  '@microsoft',
  '@rjsf',
  'exenv-es6',
  'lib0',
  'y-protocols',
  'yjs',
  'nanoid',
  'marked',
  'style-mod',
  'w3c-keyname',
  'crelt',
  'vscode-ws-jsonrpc'
];

module.exports = (packageDir, { esm = [], sources = [] } = {}) => ({
  rootDir: packageDir,
  testEnvironment: path.join(__dirname, 'scripts', 'jest-environment.js'),
  testMatch: ['<rootDir>/test/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: path.join(packageDir, 'tsconfig.test.json') }
    ],
    '^.+\\.m?js$': [
      'ts-jest',
      {
        tsconfig: {
          isolatedModules: true,
          allowJs: true,
          module: 'commonjs',
          target: 'ES2022',
          esModuleInterop: true
        }
      }
    ]
  },
  // The built copies of a package would shadow its sources in jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/labextension/'],
  transformIgnorePatterns: [
    `/node_modules/(?!(${[...ESM_PACKAGES, ...esm].join('|')})/)`
  ],
  moduleNameMapper: {
    '\\.svg$': path.join(__dirname, 'scripts', 'jest-svg-stub.js'),
    '\\.css$': path.join(__dirname, 'scripts', 'jest-asset-stub.js'),
    '^@candyce/core$': path.join(__dirname, 'extensions', 'core', 'src'),
    // Test utilities (`@candyce/core/testing`…) beside a package's sources, never built.
    '^@candyce/([\\w-]+)/testing$': path.join(
      __dirname,
      'extensions',
      '$1',
      'testing'
    ),
    ...Object.fromEntries(
      sources.map(name => [
        `^@candyce/${name}$`,
        path.join(__dirname, 'extensions', name, 'src')
      ])
    )
  }
});
