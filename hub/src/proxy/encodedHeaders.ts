/**
 * How the proxy rewrites the headers of an answer it compresses (or might have): `Vary`,
 * `Content-Encoding`, ranges and ETags.
 */
import * as http from 'http';

import { Encoding, headerValue } from './negotiation';

/**
 * Add `Accept-Encoding` to `Vary`, unless it is there or `Vary` is `*`.
 */
export function addVary(headers: http.OutgoingHttpHeaders): void {
  const vary = headerValue(headers, 'vary');
  if (!vary) {
    headers['vary'] = 'Accept-Encoding';
    return;
  }
  const names = vary.split(',').map(name => name.trim().toLowerCase());
  if (!names.includes('*') && !names.includes('accept-encoding')) {
    headers['vary'] = `${vary}, Accept-Encoding`;
  }
}

/**
 * Headers of an encoded representation: its coding, a weak ETag (the bytes differ
 * from upstream's; a weak `If-None-Match` still gets upstream's 304, since Tornado
 * compares weakly), no byte ranges, and no length until it is known.
 */
export function setEncoded(
  headers: http.OutgoingHttpHeaders,
  encoding: Encoding
): void {
  headers['content-encoding'] = encoding;
  delete headers['accept-ranges'];
  const etag = headerValue(headers, 'etag');
  if (etag && !etag.startsWith('W/')) {
    headers['etag'] = `W/${etag}`;
  }
}

/**
 * A 304 confirms what the browser holds: if it holds the weak ETag of a compressed
 * copy, answer with that weak ETag too, not upstream's strong one.
 */
export function keepClientsWeakEtag(
  headers: http.OutgoingHttpHeaders,
  ifNoneMatch: string | undefined
): void {
  const etag = headerValue(headers, 'etag');
  if (
    etag &&
    !etag.startsWith('W/') &&
    (ifNoneMatch ?? '').includes(`W/${etag}`)
  ) {
    headers['etag'] = `W/${etag}`;
  }
}
