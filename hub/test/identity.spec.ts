/**
 * The identity header: its format, and agreement with the Python verifier that every
 * user server runs (`verify_identity` in python/candyce/identity.py, run by the
 * repository's virtualenv).
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { IDENTITY_HEADER, IIdentity, signIdentity } from '../src/identity/sign';

const REPO = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const SECRET = 'a-server-secret-of-thirty-two-ch';
const OTHER_SECRET = 'another-server-secret-32-chars!!';
const NOW = 1_700_000_000;
const ELODIE: IIdentity = {
  name: 'elodie.d',
  displayName: 'Élodie Dupré 🦉',
  role: 'teacher',
  color: '#0a7F3c'
};

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
  it('writes v1.<payload>.<signature> in unpadded base64url', () => {
    const header = signIdentity(ELODIE, SECRET, NOW);
    expect(header).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('puts the identity and its times in the payload, and nothing else', () => {
    const caller = { ...ELODIE, sessionCookie: 'must-not-leak' };
    expect(decodePayload(signIdentity(caller, SECRET, NOW, 120))).toEqual({
      name: 'elodie.d',
      displayName: 'Élodie Dupré 🦉',
      role: 'teacher',
      color: '#0a7F3c',
      iat: NOW,
      exp: NOW + 120
    });
  });

  it('signs "v1.<payload>" with HMAC-SHA256 keyed by the secret', () => {
    const [version, payload, signature] = signIdentity(
      ELODIE,
      SECRET,
      NOW
    ).split('.');
    const expected = createHmac('sha256', SECRET)
      .update(`${version}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('lasts 60 seconds from now by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = decodePayload(signIdentity(ELODIE, SECRET)) as {
      iat: number;
      exp: number;
    };
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('refuses what every server would refuse', () => {
    expect(() => signIdentity(ELODIE, SECRET.slice(1), NOW)).toThrow(
      RangeError
    );
    expect(() => signIdentity(ELODIE, SECRET, NOW + 0.5)).toThrow(RangeError);
    for (const lifetime of [0, 301, 1.5]) {
      expect(() => signIdentity(ELODIE, SECRET, NOW, lifetime)).toThrow(
        RangeError
      );
    }
    expect(signIdentity(ELODIE, SECRET, NOW, 300)).toMatch(/^v1\./);
  });

  it('names the header X-Candyce-Identity', () => {
    expect(IDENTITY_HEADER).toBe('X-Candyce-Identity');
  });
});

describe('the Python verifier of the user servers', () => {
  interface ICase {
    header: string;
    secret: string;
    now: number;
  }

  /** Run `verify_identity` on each case in one Python process. */
  function verifyInPython(cases: ICase[]): unknown[] {
    expect(existsSync(PYTHON)).toBe(true);
    const script = [
      'import dataclasses, json, sys',
      'from candyce.identity import verify_identity',
      'cases = json.load(sys.stdin)',
      'found = [verify_identity(c["header"], c["secret"], c["now"]) for c in cases]',
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

  it('accepts what signIdentity writes, for its whole lifetime', () => {
    const header = signIdentity(ELODIE, SECRET, NOW, 300);
    const elodie = {
      name: 'elodie.d',
      display_name: 'Élodie Dupré 🦉',
      role: 'teacher',
      color: '#0a7F3c'
    };
    expect(
      verifyInPython([
        { header, secret: SECRET, now: NOW },
        { header, secret: SECRET, now: NOW + 299.5 }
      ])
    ).toEqual([elodie, elodie]);
  });

  it('refuses a tampered, foreign or stale header', () => {
    const header = signIdentity(ELODIE, SECRET, NOW);
    const claims = decodePayload(header) as object;
    const [version, payload, signature] = header.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(
      verifyInPython([
        {
          header: withPayload(header, { ...claims, role: 'admin' }),
          secret: SECRET,
          now: NOW
        },
        {
          header: `${version}.${payload}.${flipped}`,
          secret: SECRET,
          now: NOW
        },
        { header, secret: OTHER_SECRET, now: NOW },
        { header, secret: SECRET, now: NOW + 60 },
        { header, secret: SECRET, now: NOW - 31 }
      ])
    ).toEqual([null, null, null, null, null]);
  });
});
