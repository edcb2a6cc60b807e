import { verify, X509Certificate } from 'crypto';

/**
 * JSON Web Signatures in compact serialisation (RFC 7515), as xAPI signed statements
 * use them (Part Two, 2.6): RS256, RS384 or RS512, the signer's X.509 certificate
 * chain, if given, in the header's `x5c`.
 */

const HASHES: Record<string, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512'
};

export const JWS_ALGORITHMS = Object.keys(HASHES);

export interface IJws {
  header: Record<string, unknown>;
  /** The payload's JSON, or undefined if it is not JSON. */
  payload: unknown;
  /** `header.payload` as sent: what the signature signs. */
  signingInput: string;
  signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A compact JWS, or null if the text is not one (three base64url parts, a JSON header). */
export function parseJws(text: string): IJws | null {
  const pieces = text.trim().split('.');
  if (pieces.length !== 3 || !pieces.every(piece => BASE64URL.test(piece))) {
    return null;
  }
  const header = decodeJson(pieces[0]);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return null;
  }
  return {
    header: header as Record<string, unknown>,
    payload: decodeJson(pieces[1]),
    signingInput: `${pieces[0]}.${pieces[1]}`,
    signature: Buffer.from(pieces[2], 'base64url')
  };
}

/**
 * Check the signature against the certificate of the header's `x5c` (its first
 * certificate; each one signed by the next): `unchecked` without `x5c` (the
 * specification verifies only « if the JWS header includes an X.509 certificate »),
 * `bad` when the chain, the key or the signature does not hold.
 */
export function verifyJws(jws: IJws): 'valid' | 'bad' | 'unchecked' {
  const chain = jws.header.x5c;
  if (chain === undefined) {
    return 'unchecked';
  }
  const hash = HASHES[String(jws.header.alg)];
  if (!hash || !Array.isArray(chain) || chain.length === 0) {
    return 'bad';
  }
  try {
    // x5c holds base64 (not base64url) DER certificates (RFC 7515, 4.1.6).
    const certificates = chain.map(
      der => new X509Certificate(Buffer.from(String(der), 'base64'))
    );
    for (let i = 0; i + 1 < certificates.length; i++) {
      if (!certificates[i].verify(certificates[i + 1].publicKey)) {
        return 'bad';
      }
    }
    const key = certificates[0].publicKey;
    if (key.asymmetricKeyType !== 'rsa') {
      return 'bad';
    }
    return verify(hash, Buffer.from(jws.signingInput), key, jws.signature)
      ? 'valid'
      : 'bad';
  } catch {
    return 'bad';
  }
}

function decodeJson(piece: string): unknown {
  try {
    return JSON.parse(Buffer.from(piece, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
