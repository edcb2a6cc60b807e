/**
 * Unit tests run TypeScript sources directly through ts-jest; Observable Plot and d3
 * are ES modules, transformed like JupyterLab's.
 */
module.exports = require('../../jest.config.base')(__dirname, {
  esm: [
    '@observablehq',
    'd3',
    'd3-[a-z-]+',
    'internmap',
    'delaunator',
    'robust-predicates',
    'isoformat',
    'interval-tree-1d',
    'binary-search-bounds'
  ],
  sources: ['school-ui']
});
