import * as fs from 'fs';
import * as path from 'path';

import { ISystemAccount } from '../spawner/types';

/**
 * Make a home belong to the account its server runs as.
 *
 * A home is walked only when its folder belongs to someone else: the first start with
 * `sandboxUids` on (homes written by servers that ran as root before), or a home copied
 * in by an administrator. Symbolic links are changed themselves, never followed, so that
 * a link in a home cannot hand a file outside it to its user.
 *
 * @returns how many entries changed owner (0 when the home was already theirs).
 */
export async function giveHomeTo(
  homeDir: string,
  account: ISystemAccount
): Promise<number> {
  const top = await fs.promises.lstat(homeDir);
  if (top.uid === account.uid && top.gid === account.gid) {
    return 0;
  }
  return giveTreeTo(homeDir, account);
}

/**
 * Make a folder and everything in it belong to an account, symbolic links themselves
 * (never followed).
 *
 * @returns how many entries changed owner.
 */
export async function giveTreeTo(
  entry: string,
  account: ISystemAccount
): Promise<number> {
  await fs.promises.lchown(entry, account.uid, account.gid);
  let changed = 1;
  const stat = await fs.promises.lstat(entry);
  if (stat.isDirectory()) {
    for (const name of await fs.promises.readdir(entry)) {
      changed += await giveTreeTo(path.join(entry, name), account);
    }
  }
  return changed;
}
