/**
 * Whether a text holds control characters (C0, DEL) or bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which no name or title may
 * contain: they can hide or reorder text on screen (« Trojan Source »: a name that
 * reads as another), break logs or CSV exports.
 */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (Private.isControl(text.charCodeAt(i))) {
      return true;
    }
  }
  return false;
}

/**
 * The text with each control character replaced by `?` (to quote bad input safely).
 */
export function withoutControlCharacters(text: string): string {
  let safe = '';
  for (const character of text) {
    safe += Private.isControl(character.charCodeAt(0)) ? '?' : character;
  }
  return safe;
}

namespace Private {
  /** C0, DEL, and the bidirectional formatting characters that reorder text. */
  export function isControl(code: number): boolean {
    return (
      code < 0x20 ||
      code === 0x7f ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  }
}
