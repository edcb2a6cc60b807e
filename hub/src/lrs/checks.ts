import { DomainError, IMessage, trans } from '../errors';

/**
 * The small checks every part of an xAPI statement is built from (xAPI 1.0.3, Part
 * Two). Each throws a 400 naming where the value is wrong; callers never store what
 * failed a check.
 */

/** A JSON object (not null, not an array). */
export type Json = Record<string, unknown>;
/** Answer 400 `invalid_statement` about the value at `path`. */
export function invalid(path: string, message: IMessage): never {
  throw new DomainError('invalid_statement', trans.__('%1: %2', path, message));
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a 400. */
export function object(value: unknown, path: string): Json {
  if (!isObject(value)) {
    invalid(path, trans.__('a JSON object is expected.'));
  }
  return value;
}

/** Only `allowed` properties, and those of `required` present. */
export function properties(
  value: Json,
  path: string,
  allowed: readonly string[],
  required: readonly string[] = []
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      invalid(`${path}.${key}`, trans.__('unknown property.'));
    }
  }
  for (const key of required) {
    if (value[key] === undefined) {
      invalid(`${path}.${key}`, trans.__('required property missing.'));
    }
  }
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    invalid(path, trans.__('a string is expected.'));
  }
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') {
    invalid(path, trans.__('a boolean is expected.'));
  }
  return value;
}

export function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalid(path, trans.__('a number is expected.'));
  }
  return value;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    invalid(path, trans.__('an array is expected.'));
  }
  return value;
}

/** An absolute IRI: a scheme, a colon, and no white space (RFC 3987, loosely). */
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u;

export function iri(value: unknown, path: string): string {
  const text = string(value, path);
  if (!IRI.test(text)) {
    invalid(path, trans.__('an absolute IRI is expected.'));
  }
  return text;
}

/** An RFC 4122 UUID (any version, RFC variant). */
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function uuid(value: unknown, path: string): string {
  const text = string(value, path);
  if (!UUID.test(text)) {
    invalid(path, trans.__('a UUID is expected.'));
  }
  return text;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An RFC 5646 language tag, loosely: subtags of letters and digits. */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

export function languageTag(value: unknown, path: string): string {
  const text = string(value, path);
  if (!LANGUAGE_TAG.test(text)) {
    invalid(path, trans.__('an RFC 5646 language tag is expected.'));
  }
  return text;
}

/** A language map: language tags to strings. */
export function languageMap(value: unknown, path: string): Json {
  const map = object(value, path);
  for (const [tag, text] of Object.entries(map)) {
    languageTag(tag, `${path}[${tag}]`);
    string(text, `${path}.${tag}`);
  }
  return map;
}

/** Extensions: IRIs to any JSON value. */
export function extensions(value: unknown, path: string): Json {
  const map = object(value, path);
  for (const key of Object.keys(map)) {
    iri(key, `${path}[${key}]`);
  }
  return map;
}

/** ISO 8601 date and time; the offset `-00:00` (unknown) is refused. */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function timestamp(value: unknown, path: string): string {
  const text = string(value, path);
  const match = TIMESTAMP.exec(text);
  if (!match || /-00(:?00)?$/.test(text) || Number.isNaN(parseTime(text))) {
    invalid(path, trans.__('an ISO 8601 timestamp is expected.'));
  }
  return text;
}

/** The time of an ISO 8601 timestamp in ms; one without offset is in UTC. */
export function parseTime(text: string): number {
  const zoned = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(text.slice(16))
    ? text
    : `${text}Z`;
  return Date.parse(zoned);
}

/**
 * ISO 8601:2004 duration with designators (4.4.3.2): `PnYnMnDTnHnMnS` (`PT1H30M`,
 * `P3D`, `PT0.5S`) or weeks alone, `PnW`: weeks mix with no other component.
 */
const DURATION =
  /^P(?:\d+(\.\d+)?W|(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?)$/;

export function duration(value: unknown, path: string): string {
  const text = string(value, path);
  if (!DURATION.test(text)) {
    invalid(path, trans.__('an ISO 8601 duration is expected.'));
  }
  return text;
}

/**
 * Refuse `null` anywhere in a statement but inside extensions, whose values are the
 * emitter's own JSON.
 */
export function noNulls(value: unknown, path: string): void {
  if (value === null) {
    invalid(path, trans.__('null is not allowed.'));
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => noNulls(item, `${path}[${index}]`));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'extensions') {
        noNulls(item, `${path}.${key}`);
      } else if (item === null) {
        invalid(`${path}.${key}`, trans.__('null is not allowed.'));
      }
    }
  }
}
