/**
 * The hub's identity key: an Ed25519 key pair made once and kept in the hub's data
 * folder. The hub signs identity headers with the private key; users' servers are given
 * only the public key, which lets them check a signature but not make one.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { IIdentity, signIdentity } from './sign';

/**
 * The key file's name in the hub's secrets folder (`<dataDir>/secrets`).
 */
export const IDENTITY_KEY_FILE = 'identity-ed25519.pem';

/**
 * The hub's identity key pair.
 */
export class IdentityKey {
  /**
   * @param privateKey - an Ed25519 private key.
   * @throws RangeError when it is not one.
   */
  constructor(privateKey: KeyObject) {
    if (
      privateKey.type !== 'private' ||
      privateKey.asymmetricKeyType !== 'ed25519'
    ) {
      throw new RangeError('The identity key must be an Ed25519 private key.');
    }
    this._privateKey = privateKey;
    // The raw 32 bytes are the last 32 of the DER SubjectPublicKeyInfo.
    const der = createPublicKey(privateKey).export({
      type: 'spki',
      format: 'der'
    });
    this.publicKey = der.subarray(der.length - 32).toString('base64url');
  }

  /**
   * Read the key kept in `secretsDir`, or make it the first time. The folder is made
   * 0700 and the file 0600 (the hub's own): servers never see the data folder, and on
   * the machine only the hub's account may read it.
   *
   * @throws Error when the file exists but does not hold an Ed25519 private key.
   */
  static loadOrCreate(secretsDir: string): IdentityKey {
    fs.mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(secretsDir, 0o700);
    const file = path.join(secretsDir, IDENTITY_KEY_FILE);
    let pem: string;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
      pem = Private.create(file);
    }
    fs.chmodSync(file, 0o600);
    return new IdentityKey(createPrivateKey(pem));
  }

  /**
   * The public key as servers take it: base64url (no padding) of its raw 32 bytes
   * (`CandyceIdentityProvider.public_key`). Not a secret.
   */
  readonly publicKey: string;

  /**
   * Sign an identity header (see {@link signIdentity}).
   */
  sign(
    identity: IIdentity,
    nowSeconds?: number,
    lifetimeSeconds?: number
  ): string {
    return signIdentity(
      identity,
      this._privateKey,
      nowSeconds,
      lifetimeSeconds
    );
  }

  private readonly _privateKey: KeyObject;
}

namespace Private {
  /**
   * Make a key and write it to `file` (0600, never over an existing file: two hubs
   * starting on one data folder keep the first key), then read back what is there.
   */
  export function create(file: string): string {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    } finally {
      fs.rmSync(temporary, { force: true });
    }
    return fs.readFileSync(file, 'utf8');
  }
}
