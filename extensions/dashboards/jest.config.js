/**
 * Unit tests run TypeScript sources directly through ts-jest; Observable Plot and d3
 * are ES modules, transformed like JupyterLab's.
 */
const base = require('../../jest.config.base')(__dirname);

const ESM = [
  '@observablehq',
  'd3',
  'd3-[a-z-]+',
  'internmap',
  'delaunator',
  'robust-predicates',
  'isoformat',
  'interval-tree-1d',
  'binary-search-bounds',
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

module.exports = {
  ...base,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM.join('|')})/)`],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^@candyce/school-ui$': require('path').join(
      __dirname,
      '..',
      'school-ui',
      'src'
    )
  }
};
