/** Directory trees: walking them, making them read-only, removing read-only ones. */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Every entry under `root` (not `root` itself), children before their directory. */
export async function* walk(
  root: string
): AsyncGenerator<{ path: string; stat: Stats }> {
  for (const name of await fs.readdir(root)) {
    const entry = path.join(root, name);
    const stat = await fs.lstat(entry);
    if (stat.isDirectory()) {
      yield* walk(entry);
    }
    yield { path: entry, stat };
  }
}

/** `chmod -R a-w`: nobody but root can change the tree any more. */
export async function makeReadOnly(root: string): Promise<void> {
  for await (const { path: entry, stat } of walk(root)) {
    // Files linked from the pool are read-only already: one system call saved each.
    if (!stat.isSymbolicLink() && stat.mode & 0o222) {
      await fs.chmod(entry, stat.mode & 0o7555);
    }
  }
  const stat = await fs.stat(root);
  await fs.chmod(root, stat.mode & 0o7555);
}

/** Remove a tree even if it was made read-only; nothing if it does not exist. */
export async function removeTree(root: string): Promise<void> {
  let stat;
  try {
    stat = await fs.lstat(root);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    // Removing an entry needs write permission on its directory, not on the entry.
    await fs.chmod(root, stat.mode | 0o700);
    for await (const { path: entry, stat: inner } of walk(root)) {
      if (inner.isDirectory()) {
        await fs.chmod(entry, inner.mode | 0o700);
      }
    }
  }
  await fs.rm(root, { recursive: true, force: true });
}
