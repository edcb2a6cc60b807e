/**
 * What the proxy negotiates with browsers: the content coding of an answer, and which
 * media types gain from compression.
 */
import * as http from 'http';

/**
 * A content coding the proxy can apply.
 */
export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with, given a request's `Accept-Encoding`: the acceptable one
 * (q > 0) with the highest weight, brotli first on a tie; `null` for identity.
 */
export function negotiateEncoding(
  acceptEncoding: string | string[] | undefined
): Encoding | null {
  const weights = new Map<string, number>();
  const header = Array.isArray(acceptEncoding)
    ? acceptEncoding.join(',')
    : (acceptEncoding ?? '');
  for (const part of header.split(',')) {
    const [rawName, ...parameters] = part.split(';');
    let name = rawName.trim().toLowerCase();
    if (!name) {
      continue;
    }
    if (name === 'x-gzip') {
      name = 'gzip';
    }
    let weight = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*(\S*)\s*$/i.exec(parameter);
      if (match) {
        weight = qvalue(match[1]);
      }
    }
    weights.set(name, Math.max(weights.get(name) ?? 0, weight));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) {
    return 'br';
  }
  return gzip > 0 ? 'gzip' : null;
}

/**
 * Whether a body of this media type gains from compression: text, scripts, JSON, XML,
 * SVG, WebAssembly, uncompressed fonts and icons; not images, woff/woff2, archives, media
 * or event streams. Bodies sent as `application/octet-stream` count when their path
 * names a text format (Tornado knows no type for source maps).
 */
export function isCompressible(
  contentType: string | undefined,
  path = ''
): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (COMPRESSIBLE.test(type)) {
    return true;
  }
  if (type === 'application/octet-stream') {
    const extension = /\.([a-z0-9]+)$/i.exec(path.split('?')[0]);
    return !!extension && TEXT_EXTENSIONS.has(extension[1].toLowerCase());
  }
  return false;
}

/** A header's value as one string. */
export function headerValue(
  headers: http.OutgoingHttpHeaders,
  name: string
): string | undefined {
  const value = headers[name];
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A qvalue (RFC 9110 §12.4.2); a malformed one excludes the coding. */
function qvalue(text: string): number {
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : 0;
}

const COMPRESSIBLE = new RegExp(
  '^(?:' +
    [
      'text/(?!event-stream$)[\\w.+-]+',
      'application/(?:javascript|x-javascript|ecmascript|json|xml|wasm|yaml|x-yaml|toml|x-sh|x-tex|rtf|postscript|graphql|sql|vnd\\.ms-fontobject|x-font-ttf|x-font-otf)',
      'application/[\\w.-]+\\+(?:json|xml)',
      'image/(?:svg\\+xml|x-icon|vnd\\.microsoft\\.icon|bmp)',
      'font/(?:ttf|otf|sfnt|collection)'
    ].join('|') +
    ')$'
);

const TEXT_EXTENSIONS = new Set([
  'map',
  'js',
  'mjs',
  'css',
  'json',
  'ipynb',
  'txt',
  'csv',
  'tsv',
  'md',
  'py'
]);
