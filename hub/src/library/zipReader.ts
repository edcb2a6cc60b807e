import { Inflate } from 'fflate';
import { crc32 } from 'zlib';

import { DomainError, IMessage, trans } from '../errors';
import { withoutControlCharacters } from '../util/text';
import { FILE_LIMITS } from './files';

/**
 * A careful zip reader for imported resources: the central directory is read by hand
 * and each entry inflated in small steps, counting the bytes it really produces (never
 * trusting the sizes a zip declares), so that a zip bomb stops at the limit.
 */

/** A name as shown in a message: short, without control characters. */
export function shownName(name: string): string {
  return withoutControlCharacters(name.slice(0, 80));
}

/** Entries of a zip's central directory, at most (folders and noise included). */
const ENTRIES_MAX = 4 * FILE_LIMITS.files;

/** Compressed bytes given to the inflater at once: bounds what one step can produce. */
const CHUNK = 4096;

/** An entry of the central directory: where its bytes are and what they should be. */
export interface IEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A zip refused for what it is (not for its size): 400 `invalid_zip`. */
export function invalidZip(message: IMessage): DomainError {
  return new DomainError('invalid_zip', message);
}

/**
 * The entries of the central directory (the zip's own table of contents).
 */
export function zipEntries(zip: Buffer): IEntry[] {
  const notZip = () =>
    invalidZip(trans.__('This file is not a readable zip: export it again.'));
  let end = -1;
  for (
    let at = zip.length - 22;
    at >= Math.max(0, zip.length - 22 - 0xffff);
    at--
  ) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    throw notZip();
  }
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) {
    throw invalidZip(trans.__('Multi-part zips are not accepted.'));
  }
  if (count === 0xffff || offset === 0xffffffff) {
    throw invalidZip(trans.__('ZIP64 zips are not accepted.'));
  }
  if (count > ENTRIES_MAX) {
    throw new DomainError(
      'too_large',
      trans.__(
        'Too many files in the zip: %1 at most per resource.',
        FILE_LIMITS.files
      )
    );
  }
  if (offset + size > end) {
    throw notZip();
  }
  const found: IEntry[] = [];
  const names = new TextDecoder('utf-8', { fatal: true });
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== 0x02014b50) {
      throw notZip();
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const next =
      at +
      46 +
      nameLength +
      zip.readUInt16LE(at + 30) +
      zip.readUInt16LE(at + 32);
    if (next > end) {
      throw notZip();
    }
    let name: string;
    try {
      name = names.decode(zip.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw new DomainError(
        'invalid_path',
        trans.__(
          'A file name in the zip cannot be read (encoding other than UTF-8): rename it without accents or make the zip again.'
        )
      );
    }
    found.push({
      name,
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42)
    });
    at = next;
  }
  return found;
}

/**
 * The bytes of an entry, inflated at most `limit` bytes (counted, not declared).
 */
export function extractEntry(
  zip: Buffer,
  entry: IEntry,
  limit: number
): Buffer {
  const name = shownName(entry.name);
  const tooLarge = () =>
    new DomainError(
      'too_large',
      trans.__(
        '“%1” is too large once uncompressed: %2 MB at most per file and %3 MB in all.',
        name,
        Math.round(FILE_LIMITS.fileBytes / 1024 / 1024),
        Math.round(FILE_LIMITS.totalBytes / 1024 / 1024)
      )
    );
  const damaged = () =>
    invalidZip(
      trans.__('“%1” cannot be read in the zip (damaged file).', name)
    );
  if (entry.flags & 1) {
    throw invalidZip(
      trans.__(
        '“%1” is encrypted: password-protected zips are not accepted.',
        name
      )
    );
  }
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) {
    throw damaged();
  }
  const start =
    local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) {
    throw damaged();
  }
  let content: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize > limit) {
      throw tooLarge();
    }
    content = Buffer.from(zip.subarray(start, end));
  } else if (entry.method === 8) {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const inflater = new Inflate(chunk => {
      length += chunk.length;
      if (length > limit) {
        throw tooLarge();
      }
      chunks.push(chunk);
    });
    try {
      for (let at = start; at < end || at === start; at += CHUNK) {
        const stop = Math.min(end, at + CHUNK);
        inflater.push(zip.subarray(at, stop), stop >= end);
      }
    } catch (error) {
      throw error instanceof DomainError ? error : damaged();
    }
    content = Buffer.concat(chunks);
  } else {
    throw invalidZip(
      trans.__(
        '“%1” is compressed in an unsupported way (only “stored” and “deflate” are).',
        name
      )
    );
  }
  if (content.length !== entry.size || crc32(content) !== entry.crc) {
    throw damaged();
  }
  return content;
}
