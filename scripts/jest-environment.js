/**
 * The unit tests' environment: a DOM (jsdom) for JupyterLab's and Lumino's modules, which
 * reach for `window`, `document` and `navigator` when loaded, plus what Node has and
 * jsdom lacks (fetch and its streams, text codecs, `structuredClone`), so that the
 * hub client runs as in the browser.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class CandyceEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    for (const name of [
      'fetch',
      'Request',
      'Response',
      'Headers',
      'FormData',
      'ReadableStream',
      'WritableStream',
      'TransformStream',
      'TextEncoder',
      'TextDecoder',
      'TextEncoderStream',
      'TextDecoderStream',
      'structuredClone',
      'AbortController',
      'AbortSignal',
      'Blob',
      'setImmediate',
      'clearImmediate'
    ]) {
      if (globalThis[name] !== undefined) {
        g[name] = globalThis[name];
      }
    }
    // jsdom's crypto has no randomUUID (the hand-in ids use it).
    if (!g.crypto?.randomUUID) {
      Object.defineProperty(g, 'crypto', {
        value: require('crypto').webcrypto,
        configurable: true
      });
    }
    // Lumino's drag and drop subclasses it when loaded; no test drags.
    if (g.DragEvent === undefined) {
      g.DragEvent = class DragEvent extends g.MouseEvent {};
    }
    // JupyterLab's notebook subclasses IntersectionObserver when loaded, and its
    // windowed lists observe their size: no layout in jsdom, so nothing to observe.
    for (const name of ['IntersectionObserver', 'ResizeObserver']) {
      if (g[name] === undefined) {
        g[name] = class {
          observe() {}
          unobserve() {}
          disconnect() {}
          takeRecords() {
            return [];
          }
        };
      }
    }
    // Lumino's ReactWidget renders in idle time.
    if (g.requestIdleCallback === undefined) {
      g.requestIdleCallback = callback =>
        g.setTimeout(() =>
          callback({ didTimeout: false, timeRemaining: () => 50 })
        );
      g.cancelIdleCallback = handle => g.clearTimeout(handle);
    }
    // JupyterLab's clipboard warns when loaded without one; no test copies.
    if (!g.navigator.clipboard) {
      Object.defineProperty(g.navigator, 'clipboard', {
        value: { readText: async () => '', writeText: async () => undefined },
        configurable: true
      });
    }
    // JupyterLab's web components read the colour scheme when loaded.
    if (!g.matchMedia) {
      g.matchMedia = query => ({
        matches: false,
        media: query,
        onchange: null,
        addListener() {},
        removeListener() {},
        addEventListener() {},
        removeEventListener() {},
        dispatchEvent: () => false
      });
    }
  }
}

module.exports = CandyceEnvironment;
