import { createHash, randomBytes } from 'crypto';
import { DomainError, IMessage, trans } from '../errors';

/**
 * `multipart/mixed` bodies of statements with attachments (Part Three, 1.5.2): the
 * statements first (JSON), then one part per attachment, named by its SHA-2 in
 * `X-Experience-API-Hash` and sent as `Content-Transfer-Encoding: binary`.
 */

export interface IPart {
  headers: Record<string, string>;
  content: Buffer;
}

const CRLF = Buffer.from('\r\n');

/** Split a multipart body; 400 when it is malformed. */
export function parseMultipart(body: Buffer, contentType: string): IPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) {
    throw bad(trans.__('no boundary'));
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: IPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) {
    throw bad(trans.__('no part'));
  }
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') {
      return parts;
    }
    const next = body.indexOf(delimiter, at);
    if (next < 0) {
      throw bad(trans.__('no closing delimiter'));
    }
    // The part runs from after the delimiter's line break to before the next one's.
    const start = body.subarray(at, at + 2).equals(CRLF) ? at + 2 : at;
    const end = body.subarray(next - 2, next).equals(CRLF) ? next - 2 : next;
    parts.push(parsePart(body.subarray(start, end)));
    at = next;
  }
}

function parsePart(raw: Buffer): IPart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) {
    throw bad(trans.__('part headers without end'));
  }
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, split).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line
        .slice(colon + 1)
        .trim();
    }
  }
  return { headers, content: raw.subarray(split + 4) };
}

/** The SHA-2 of a content with as many bits as `sha2` names (256, 384 or 512). */
export function sha2Of(content: Buffer, like: string): string {
  const algorithm =
    { 64: 'sha256', 96: 'sha384', 128: 'sha512' }[like.length] ?? 'sha256';
  return createHash(algorithm).update(content).digest('hex');
}

/** Build a multipart/mixed answer; its body and Content-Type. */
export function buildMultipart(parts: readonly IPart[]): {
  body: Buffer;
  contentType: string;
} {
  const boundary = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(
      Buffer.from(`--${boundary}\r\n${head}\r\n`),
      part.content,
      CRLF
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/mixed; boundary=${boundary}`
  };
}

function bad(detail: IMessage): DomainError {
  return new DomainError(
    'invalid_multipart',
    trans.__('Invalid multipart/mixed body (%1).', detail)
  );
}
