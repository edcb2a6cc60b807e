/**
 * Base64 as the hub and Jupyter's contents API carry files.
 */

/**
 * Base64 of bytes (chunked: `String.fromCharCode` takes a bounded argument list).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Base64 of the UTF-8 encoding of a text.
 */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/**
 * The UTF-8 text of base64 bytes (line breaks, as Jupyter's contents API puts them
 * every 76 characters, are ignored).
 */
export function base64ToText(base64: string): string {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
