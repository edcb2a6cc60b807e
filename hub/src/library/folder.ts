import * as fs from 'fs';
import * as path from 'path';

import { IResourceFile, METADATA_FILE } from './files';

/**
 * A resource as a folder on disk: `candyce-resource.json` (metadata) beside its
 * notebooks and data files — the shape of the seed content and of exports, which
 * Binder runs as is.
 *
 * @throws when the folder has no readable metadata file.
 */
export function readResourceFolder(dir: string): {
  metadata: unknown;
  files: IResourceFile[];
} {
  const metadata = JSON.parse(
    fs.readFileSync(path.join(dir, METADATA_FILE), 'utf8')
  ) as unknown;
  const files: IResourceFile[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true
    })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.') || child === METADATA_FILE) {
        continue;
      }
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.isFile()) {
        files.push({
          path: child,
          content: fs.readFileSync(path.join(dir, child))
        });
      }
    }
  };
  walk('');
  return { metadata, files };
}

/**
 * The resource folders under a directory (each holds a metadata file), by name.
 */
export function resourceFolders(root: string): string[] {
  if (!fs.existsSync(root)) {
    return [];
  }
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter(
      entry =>
        entry.isDirectory() &&
        fs.existsSync(path.join(root, entry.name, METADATA_FILE))
    )
    .map(entry => path.join(root, entry.name))
    .sort();
}
