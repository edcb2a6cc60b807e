/**
 * Outputs of a notebook someone else wrote (a library resource, a pupil's work), reduced
 * to what may be shown without trusting it: the library's preview and the teacher's
 * review of a submission both show notebooks this way, so the rule is written once.
 */

/**
 * An output as it may be shown: text, a PNG or JPEG image of checked base64, or nothing
 * (with the MIME types that were left out).
 */
export type UntrustedOutput =
  | { kind: 'text'; text: string; error: boolean }
  | { kind: 'image'; mime: 'image/png' | 'image/jpeg'; data: string }
  | { kind: 'omitted'; mimes: string[] };

/**
 * Reduce an nbformat output: streams, errors (without terminal colours) and
 * `text/plain` as text, PNG and JPEG images of checked base64; anything else (HTML,
 * SVG, JavaScript, widgets) is omitted, never rendered, whatever trust the notebook
 * claims.
 */
export function untrustedOutput(value: unknown): UntrustedOutput {
  const o = (value ?? {}) as Record<string, unknown>;
  switch (o.output_type) {
    case 'stream':
      return { kind: 'text', text: nbText(o.text), error: false };
    case 'error': {
      const traceback = Array.isArray(o.traceback)
        ? o.traceback.map(nbText).join('\n')
        : `${nbText(o.ename)}: ${nbText(o.evalue)}`;
      return { kind: 'text', text: stripAnsi(traceback), error: true };
    }
    case 'execute_result':
    case 'display_data': {
      const data =
        o.data && typeof o.data === 'object'
          ? (o.data as Record<string, unknown>)
          : {};
      for (const mime of ['image/png', 'image/jpeg'] as const) {
        const base64 = nbText(data[mime]).replace(/\s+/g, '');
        if (base64 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
          return { kind: 'image', mime, data: base64 };
        }
      }
      if (data['text/plain'] !== undefined) {
        return {
          kind: 'text',
          text: stripAnsi(nbText(data['text/plain'])),
          error: false
        };
      }
      return { kind: 'omitted', mimes: Object.keys(data) };
    }
    default:
      return { kind: 'omitted', mimes: [] };
  }
}

/**
 * An nbformat multiline string (a string or a list of strings) as one string; anything
 * else as the empty string.
 */
export function nbText(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map(part => (typeof part === 'string' ? part : '')).join('');
  }
  return typeof value === 'string' ? value : '';
}

/**
 * Text without the terminal's colour codes (tracebacks carry them).
 */
export function stripAnsi(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}
