/**
 * The size of a user's home, enforced by the kernel: the home is an ext4 file system in
 * a sparse image file of that size, loop-mounted at the home while the user's server
 * runs. A write past it fails with ENOSPC, whoever writes (JupyterLab's save, a kernel,
 * pip); the server turns a failed save into a French message (`candyce.contents`).
 *
 * It takes root (mount, loop devices): without, homes are unbounded and the hub says so.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';

import { giveHomeTo } from '../servers/homeOwner';
import { ISystemAccount } from './types';

const run = promisify(execFile);

/**
 * What became of a home at its server's start.
 */
export type HomeMountOutcome =
  /** Its image was mounted there (made first if need be). */
  | 'mounted'
  /** It was mounted already (a server that outlived its hub, or a hub restart). */
  | 'already'
  /** An existing home did not fit in an image of the quota: left as it was, unbounded. */
  | 'unbounded';

/**
 * Images of users' homes, mounted at their homes.
 */
export class HomeImages {
  /**
   * @param imagesDir - where the images are kept (under the data dir, which no server
   * sees), made if missing.
   * @param quotaBytes - the size of each new image.
   */
  constructor(
    readonly imagesDir: string,
    readonly quotaBytes: number
  ) {}

  /**
   * Whether homes can be images on this machine: root, `mkfs.ext4`, `mount` and loop
   * devices.
   *
   * @returns `null` if they can, else why not.
   */
  static unavailableBecause(): string | null {
    if (process.getuid?.() !== 0) {
      return 'the hub does not run as root (mount and loop devices need it)';
    }
    for (const tool of [MKFS, '/usr/bin/mount', '/usr/bin/umount']) {
      if (!fs.existsSync(tool)) {
        return `${tool} is missing (Debian: e2fsprogs, mount)`;
      }
    }
    if (!fs.existsSync('/dev/loop-control')) {
      return 'no loop devices (/dev/loop-control)';
    }
    return null;
  }

  /**
   * The image of a user's home.
   *
   * @throws Error if the name cannot be a file name.
   */
  imageOf(userName: string): string {
    if (path.basename(userName) !== userName || userName.startsWith('.')) {
      throw new Error(`Not a user name: ${userName}`);
    }
    return path.join(this.imagesDir, `${userName}.img`);
  }

  /**
   * Mount a user's image at their home, making it first if there is none.
   *
   * A first image of an existing home is made from it (`mkfs.ext4 -d`: files, owners and
   * modes copied in); the folder's own copy is then removed, as the mount would hide it.
   * A home that does not fit is left as it is, unbounded (`'unbounded'`), until an
   * administrator makes room or raises the quota.
   *
   * @param homeDir - the home, a real path, which exists.
   * @param account - its owner (the image's top folder is made theirs); absent: root.
   */
  async mount(
    userName: string,
    homeDir: string,
    account?: ISystemAccount
  ): Promise<HomeMountOutcome> {
    if (isMountPoint(homeDir)) {
      return 'already';
    }
    const image = this.imageOf(userName);
    if (!fs.existsSync(image)) {
      const made = await this._make(image, homeDir, account);
      if (!made) {
        return 'unbounded';
      }
    }
    await Private.mountImage(image, homeDir);
    // An image made before the server had a uid of its own (sandboxUids turned on
    // later) is handed over as the registry hands over a home folder.
    await giveHomeTo(homeDir, {
      uid: account?.uid ?? 0,
      gid: account?.gid ?? 0
    });
    // The top folder is private to its owner, like the homes the hub makes.
    await fs.promises.chmod(homeDir, 0o700);
    // ext4's lost+found would only puzzle a pupil; fsck makes it again if it needs it.
    await fs.promises
      .rmdir(path.join(homeDir, 'lost+found'))
      .catch(() => undefined);
    return 'mounted';
  }

  /**
   * Unmount a user's image once their server has ended (its loop device goes with it),
   * wherever it is mounted. A home still busy is detached lazily: the kernel finishes
   * once the last user lets go.
   */
  async unmount(userName: string): Promise<void> {
    const homeDir = mountPointOf(this.imageOf(userName));
    if (homeDir === null) {
      return;
    }
    try {
      await run('/usr/bin/umount', [homeDir]);
    } catch {
      await run('/usr/bin/umount', ['--lazy', homeDir]);
    }
  }

  /**
   * Make an image (sparse: it takes room only as it fills), from the home's current
   * files if it has any.
   *
   * @returns false if they do not fit (the home is then left as it is).
   */
  private async _make(
    image: string,
    homeDir: string,
    account?: ISystemAccount
  ): Promise<boolean> {
    await fs.promises.mkdir(this.imagesDir, { recursive: true, mode: 0o700 });
    const fresh = `${image}.new`;
    const handle = await fs.promises.open(fresh, 'w', 0o600);
    try {
      await handle.truncate(Math.floor(this.quotaBytes));
    } finally {
      await handle.close();
    }
    const existing = await fs.promises.readdir(homeDir);
    const owner = `${account?.uid ?? 0}:${account?.gid ?? 0}`;
    try {
      await run(MKFS, [
        '-q',
        '-F',
        // No blocks kept for root: the user may fill the whole image.
        '-m',
        '0',
        '-E',
        `root_owner=${owner}`,
        ...(existing.length > 0 ? ['-d', homeDir] : []),
        fresh
      ]);
    } catch (error) {
      await fs.promises.rm(fresh, { force: true });
      if (existing.length > 0) {
        return false;
      }
      throw error;
    }
    await fs.promises.rename(fresh, image);
    for (const name of existing) {
      await fs.promises.rm(path.join(homeDir, name), {
        recursive: true,
        force: true
      });
    }
    return true;
  }
}

/**
 * Whether a folder is the mount point of a file system (read from the hub's mount table).
 */
export function isMountPoint(dir: string): boolean {
  return Private.mounts().some(mount => mount.mountPoint === dir);
}

/**
 * Where an image file is loop-mounted, `null` if it is not.
 */
export function mountPointOf(image: string): string | null {
  const devices = new Set(loopDevicesOf(image));
  return (
    Private.mounts().find(mount => devices.has(mount.source))?.mountPoint ??
    null
  );
}

/**
 * The loop devices attached to an image file (`/dev/loopN`), mounted here or not.
 *
 * A sandbox started while another user's home was mounted keeps a copy of that mount
 * (hidden below its empty data folder) until it ends, and with it the loop device:
 * unmounting a home on the hub's side does not always detach it at once.
 */
export function loopDevicesOf(image: string): string[] {
  let real: string;
  try {
    real = fs.realpathSync(image);
  } catch {
    return []; // no image, nothing attached to it
  }
  let devices: string[];
  try {
    devices = fs
      .readdirSync('/sys/block')
      .filter(name => /^loop\d+$/.test(name));
  } catch {
    return [];
  }
  return devices
    .filter(device => {
      try {
        const backing = fs
          .readFileSync(`/sys/block/${device}/loop/backing_file`, 'utf8')
          .trim();
        return backing === image || backing === real;
      } catch {
        return false; // not attached
      }
    })
    .map(device => `/dev/${device}`);
}

/** `mkfs.ext4` (e2fsprogs). */
const MKFS = '/usr/sbin/mkfs.ext4';

namespace Private {
  /**
   * Mount an image at a home. If a loop device is still attached to it (a sandbox that
   * outlived the last mount keeps it), that very device is mounted again: the kernel
   * then shares one file system between both mounts, where a second loop device would
   * make a second, independent ext4 on the same file, and corrupt it.
   */
  export async function mountImage(
    image: string,
    homeDir: string
  ): Promise<void> {
    const options = ['-t', 'ext4', '-o'];
    for (const device of loopDevicesOf(image)) {
      try {
        await run('/usr/bin/mount', [
          ...options,
          'nosuid,nodev',
          device,
          homeDir
        ]);
        return;
      } catch {
        // detached meanwhile: the next one, or a device of its own
      }
    }
    await run('/usr/bin/mount', [
      ...options,
      'loop,nosuid,nodev',
      image,
      homeDir
    ]);
  }

  /** The hub's mounts: where, and from what device. */
  export function mounts(): { mountPoint: string; source: string }[] {
    let mountinfo: string;
    try {
      mountinfo = fs.readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return [];
    }
    return mountinfo
      .split('\n')
      .filter(line => line.includes(' - '))
      .map(line => {
        const [before, after] = line.split(' - ');
        return {
          mountPoint: unescape(before.split(' ')[4] ?? ''),
          source: unescape(after.split(' ')[1] ?? '')
        };
      });
  }

  /** mountinfo escapes spaces and the like as octal. */
  function unescape(text: string): string {
    return text.replace(/\\([0-7]{3})/g, (_, octal: string) =>
      String.fromCharCode(parseInt(octal, 8))
    );
  }
}
