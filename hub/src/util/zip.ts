import { zipSync, Zippable } from 'fflate';

/** 1 January 2000, local time: DOS dates hold local times, so any zone gives the same bytes. */
const FIXED_DATE = new Date(2000, 0, 1);

/**
 * A zip of files, the same bytes for the same files: fixed dates, sorted paths, Unix
 * modes (`executable` files 0755, others 0644), deflated.
 */
export function writeZip(
  files: readonly { path: string; content: Buffer; executable?: boolean }[]
): Buffer {
  const entries: Zippable = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    entries[file.path] = [
      new Uint8Array(file.content),
      {
        mtime: FIXED_DATE,
        level: 6,
        os: 3,
        attrs: (file.executable ? 0o755 : 0o644) << 16
      }
    ];
  }
  return Buffer.from(zipSync(entries));
}
