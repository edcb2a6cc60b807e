/**
 * Whether a text holds control characters (C0, DEL), which no name or title may contain:
 * they can hide text on screen, break logs or CSV exports.
 */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
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
    const code = character.charCodeAt(0);
    safe += code < 0x20 || code === 0x7f ? '?' : character;
  }
  return safe;
}
