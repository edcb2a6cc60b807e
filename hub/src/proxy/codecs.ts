/**
 * The zlib codecs the proxy compresses with: streaming for answers passed through,
 * whole for the cache (zlib's thread pool either way).
 */
import { promisify } from 'util';
import * as zlib from 'zlib';

import { Encoding } from './negotiation';

/** Bodies larger than this are compressed at the fastest setting. */
const LARGE_BYTES = 16 * 1024 * 1024;

/**
 * A streaming encoder that flushes after each chunk it is given. Bodies known to be
 * large (a user downloading a big data file) get the fastest setting, so that one
 * download neither holds a zlib thread for minutes nor slows to the encoder's pace.
 */
export function encoder(
  encoding: Encoding,
  sizeHint: number | undefined
): zlib.BrotliCompress | zlib.Gzip {
  const large = (sizeHint ?? 0) > LARGE_BYTES;
  if (encoding === 'gzip') {
    return zlib.createGzip({
      level: large ? 1 : 6,
      flush: zlib.constants.Z_SYNC_FLUSH
    });
  }
  const params = brotliParameters(false, sizeHint);
  if (large) {
    params[zlib.constants.BROTLI_PARAM_QUALITY] = 1;
  }
  return zlib.createBrotliCompress({
    flush: zlib.constants.BROTLI_OPERATION_FLUSH,
    params
  });
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Compress a whole body, quickly or as well as possible (zlib's thread pool). */
export function compress(
  body: Buffer,
  encoding: Encoding,
  best: boolean
): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { params: brotliParameters(best, body.length) })
    : gzip(body, { level: best ? 9 : 6 });
}

function brotliParameters(
  best: boolean,
  sizeHint: number | undefined
): Record<number, number> {
  const parameters: Record<number, number> = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: best
      ? zlib.constants.BROTLI_MAX_QUALITY
      : 5
  };
  if (sizeHint) {
    parameters[zlib.constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  }
  return parameters;
}
