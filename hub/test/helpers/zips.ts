/**
 * Zips for library import tests: honest ones, and hand-made ones that lie.
 */
import { zipSync } from 'fflate';
import { crc32, deflateRawSync } from 'zlib';

import { metadata, notebook } from './resources';

/**
 * A zip of a resource folder: `candyce-resource.json` beside the files, under `top/`
 * when given.
 */
export function resourceZip(
  meta: unknown = metadata(),
  files: { path: string; content: Buffer }[] = [
    { path: 'cours.ipynb', content: notebook('# Cours importé') }
  ],
  top = ''
): Buffer {
  const entries: Record<string, Uint8Array> = {
    [`${top}candyce-resource.json`]: Buffer.from(JSON.stringify(meta))
  };
  for (const file of files) {
    entries[`${top}${file.path}`] = new Uint8Array(file.content);
  }
  return Buffer.from(zipSync(entries));
}

/**
 * One entry of a hand-made zip: its name and bytes, and what its headers may claim
 * instead of the truth.
 */
export interface IRawEntry {
  name: string;
  content: Buffer;
  /** Deflate (default) or store. */
  method?: 0 | 8;
  /** The uncompressed size the headers declare (default: the real one). */
  declaredSize?: number;
  /** General purpose flags (1: encrypted). */
  flags?: number;
}

/**
 * A zip written by hand, entry by entry, duplicates and lies included.
 */
export function rawZip(entries: readonly IRawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const data =
      method === 8 ? deflateRawSync(entry.content) : Buffer.from(entry.content);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.content.length;
    const crc = crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((entry.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((entry.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
