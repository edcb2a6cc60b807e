/**
 * The identity header: its format, the hub's key that signs it, and agreement with the
 * Python verifier that every user server runs (`verify_identity` in
 * python/candyce/identity.py, run by the repository's virtualenv).
 */
import { spawnSync } from 'node:child_process';
import {
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  verify
} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';

import { IDENTITY_KEY_FILE, IdentityKey } from '../src/identity/keys';
import { IDENTITY_HEADER, IIdentity, signIdentity } from '../src/identity/sign';

const REPO = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const HUB = generateKeyPairSync('ed25519');
const OTHER = generateKeyPairSync('ed25519');
const NOW = 1_700_000_000;
const ELODIE: IIdentity = {
  name: 'elodie.d',
  displayName: 'Élodie Dupré 🦉',
  role: 'teacher',
  color: '#0a7F3c'
};

/** The public key as servers take it: base64url of its raw 32 bytes. */
function rawPublicKey(publicKey: ReturnType<typeof createPublicKey>): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('base64url');
}

function decodePayload(header: string): unknown {
  const payload = header.split('.')[1];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Replace the payload, keeping the signature of the original one. */
function withPayload(header: string, claims: object): string {
  const [version, , signature] = header.split('.');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${version}.${payload}.${signature}`;
}

describe('signIdentity', () => {
  it('writes v2.<payload>.<signature> in unpadded base64url (64-byte signature)', () => {
    const header = signIdentity(ELODIE, HUB.privateKey, NOW);
    expect(header).toMatch(/^v2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
  });

  it('puts the identity and its times in the payload, and nothing else', () => {
    const caller = { ...ELODIE, sessionCookie: 'must-not-leak' };
    expect(
      decodePayload(signIdentity(caller, HUB.privateKey, NOW, 120))
    ).toEqual({
      name: 'elodie.d',
      displayName: 'Élodie Dupré 🦉',
      role: 'teacher',
      color: '#0a7F3c',
      iat: NOW,
      exp: NOW + 120
    });
  });

  it('signs "v2.<payload>" with Ed25519: the public key verifies it, another does not', () => {
    const [version, payload, signature] = signIdentity(
      ELODIE,
      HUB.privateKey,
      NOW
    ).split('.');
    const signed = Buffer.from(`${version}.${payload}`, 'ascii');
    const raw = Buffer.from(signature, 'base64url');
    expect(verify(null, signed, HUB.publicKey, raw)).toBe(true);
    expect(verify(null, signed, OTHER.publicKey, raw)).toBe(false);
  });

  it('lasts 60 seconds from now by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = decodePayload(signIdentity(ELODIE, HUB.privateKey)) as {
      iat: number;
      exp: number;
    };
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('tried: a public key, an X25519 key, a fractional time, lifetimes 0, 301 and 1.5: all refused, as every server would', () => {
    expect(() => signIdentity(ELODIE, HUB.publicKey, NOW)).toThrow(RangeError);
    const x25519 = generateKeyPairSync('x25519').privateKey;
    expect(() => signIdentity(ELODIE, x25519, NOW)).toThrow(RangeError);
    expect(() => signIdentity(ELODIE, HUB.privateKey, NOW + 0.5)).toThrow(
      RangeError
    );
    for (const lifetime of [0, 301, 1.5]) {
      expect(() => signIdentity(ELODIE, HUB.privateKey, NOW, lifetime)).toThrow(
        RangeError
      );
    }
    expect(signIdentity(ELODIE, HUB.privateKey, NOW, 300)).toMatch(/^v2\./);
  });

  it('names the header X-Candyce-Identity', () => {
    expect(IDENTITY_HEADER).toBe('X-Candyce-Identity');
  });
});

describe('IdentityKey: the hub’s key, made once', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-key-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tried: a first start makes the key (folder 0700, file 0600, private PEM), a second start reads the same; loosened modes are tightened again', () => {
    const secrets = path.join(dir, 'secrets');
    const first = IdentityKey.loadOrCreate(secrets);
    const file = path.join(secrets, IDENTITY_KEY_FILE);
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(
      /^-----BEGIN PRIVATE KEY-----/
    );
    expect(fs.readdirSync(secrets)).toEqual([IDENTITY_KEY_FILE]);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    fs.chmodSync(file, 0o644);
    fs.chmodSync(secrets, 0o755);
    const second = IdentityKey.loadOrCreate(secrets);
    expect(second.publicKey).toBe(first.publicKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o700);
    // What one signs, the other's public key verifies: the same key.
    const [version, payload, signature] = second.sign(ELODIE, NOW).split('.');
    const publicKey = createPublicKey({
      key: Buffer.concat([
        Buffer.from('302a300506032b6570032100', 'hex'),
        Buffer.from(first.publicKey, 'base64url')
      ]),
      format: 'der',
      type: 'spki'
    });
    expect(
      verify(
        null,
        Buffer.from(`${version}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url')
      )
    ).toBe(true);
  });

  it('tried: a key file that holds no Ed25519 private key: the hub does not start with it', () => {
    const secrets = path.join(dir, 'secrets');
    fs.mkdirSync(secrets);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    fs.writeFileSync(
      path.join(secrets, IDENTITY_KEY_FILE),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })
    );
    expect(() => IdentityKey.loadOrCreate(secrets)).toThrow(/Ed25519/);
  });
});

describe('the Python verifier of the user servers', () => {
  interface ICase {
    header: string;
    publicKey: string;
    now: number;
  }

  /** Run `verify_identity` on each case in one Python process. */
  function verifyInPython(cases: ICase[]): unknown[] {
    expect(fs.existsSync(PYTHON)).toBe(true);
    const script = [
      'import dataclasses, json, sys',
      'from candyce.identity import verify_identity',
      'cases = json.load(sys.stdin)',
      'found = [verify_identity(c["header"], c["publicKey"], c["now"]) for c in cases]',
      'print(json.dumps([i and dataclasses.asdict(i) for i in found]))'
    ].join('\n');
    const result = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: path.join(REPO, 'python') }
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout);
  }

  const hubKey = rawPublicKey(HUB.publicKey);

  it('accepts what signIdentity writes, for its whole lifetime', () => {
    const header = signIdentity(ELODIE, HUB.privateKey, NOW, 300);
    const elodie = {
      name: 'elodie.d',
      display_name: 'Élodie Dupré 🦉',
      role: 'teacher',
      color: '#0a7F3c',
      // No `access` signed: the server's owner, or a visitor who may write.
      read_only: false
    };
    expect(
      verifyInPython([
        { header, publicKey: hubKey, now: NOW },
        { header, publicKey: hubKey, now: NOW + 299.5 }
      ])
    ).toEqual([elodie, elodie]);
  });

  it('tried: a tampered payload or signature, a header signed by a pupil’s own key, a stale one, and HMAC headers keyed with what a server holds (its public key): all refused', () => {
    const header = signIdentity(ELODIE, HUB.privateKey, NOW);
    const claims = decodePayload(header) as object;
    const [version, payload, signature] = header.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const hmac = (prefix: string) => {
      const signed = `${prefix}.${payload}`;
      const mac = createHmac('sha256', hubKey)
        .update(signed)
        .digest('base64url');
      return `${signed}.${mac}`;
    };
    expect(
      verifyInPython([
        {
          header: withPayload(header, { ...claims, role: 'admin' }),
          publicKey: hubKey,
          now: NOW
        },
        {
          header: `${version}.${payload}.${flipped}`,
          publicKey: hubKey,
          now: NOW
        },
        {
          header: signIdentity(ELODIE, OTHER.privateKey, NOW),
          publicKey: hubKey,
          now: NOW
        },
        { header, publicKey: hubKey, now: NOW + 60 },
        { header, publicKey: hubKey, now: NOW - 31 },
        { header: hmac('v1'), publicKey: hubKey, now: NOW },
        { header: hmac('v2'), publicKey: hubKey, now: NOW },
        { header: `${header}=`, publicKey: hubKey, now: NOW }
      ])
    ).toEqual([null, null, null, null, null, null, null, null]);
  });
});
