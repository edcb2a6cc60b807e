// What jsdom lacks and Lumino or the sources use, from Node (imported first).
import { TextDecoder, TextEncoder } from 'util';

Object.assign(globalThis, { TextDecoder, TextEncoder });
if (typeof globalThis.DragEvent === 'undefined') {
  // Lumino's drag and drop subclasses it when loaded; no test drags.
  Object.assign(globalThis, { DragEvent: class extends MouseEvent {} });
}
