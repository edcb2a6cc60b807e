import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Files stored once each under the SHA-256 of their content (`<dir>/ab/cdef…`): the
 * library's resources and the assignments' files and submissions, each feature in a
 * folder of its own. A file is written to a temporary name, flushed to disk and renamed:
 * a crash leaves either the whole file or nothing under its name. Files are never
 * changed; a resource version (or a submission) lists the hashes of its files (database),
 * so a file shared by many versions is stored once.
 */
export class BlobStore {
  constructor(private readonly _dir: string) {}

  /**
   * The SHA-256 of some bytes, as a store key.
   */
  static hash(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /**
   * Store bytes (nothing happens when they are already stored).
   *
   * @returns their hash.
   */
  async put(bytes: Buffer): Promise<string> {
    const hash = BlobStore.hash(bytes);
    const file = this._path(hash);
    if (fs.existsSync(file)) {
      return hash;
    }
    await fs.promises.mkdir(path.dirname(file), {
      recursive: true,
      mode: 0o700
    });
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.promises.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
    // The rename itself is durable once its directory is flushed.
    const directory = await fs.promises.open(path.dirname(file), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return hash;
  }

  /**
   * The bytes stored under a hash.
   *
   * @throws when nothing is stored under it (ENOENT).
   */
  get(hash: string): Promise<Buffer> {
    return fs.promises.readFile(this._path(hash));
  }

  /**
   * Whether bytes are stored under a hash.
   */
  has(hash: string): boolean {
    return fs.existsSync(this._path(hash));
  }

  private _path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) {
      throw new RangeError('not a SHA-256 hash');
    }
    return path.join(this._dir, hash.slice(0, 2), hash.slice(2));
  }
}
