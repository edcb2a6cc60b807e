/**
 * The rules a class's fields follow, shared by the service, the API's schemas and the
 * teachers' forms.
 */
import { IMessage, trans } from '../errors';
import { hasControlCharacters } from '../util/text';

/**
 * The UAI code of a French establishment: seven digits and a letter.
 */
export const UAI_PATTERN = /^[0-9]{7}[A-Z]$/;

/**
 * The longest class name.
 */
export const CLASS_NAME_MAX = 100;

/**
 * The longest level.
 */
export const CLASS_LEVEL_MAX = 50;

/**
 * What is wrong with a class name, or null if it is fine.
 */
export function classNameIssue(raw: string): IMessage | null {
  const name = raw.trim();
  if (!name) {
    return trans.__('Give the name of the class.');
  }
  if (name.length > CLASS_NAME_MAX) {
    return trans.__(
      'The class name has %1 characters at most (it has %2).',
      CLASS_NAME_MAX,
      name.length
    );
  }
  if (hasControlCharacters(name)) {
    return trans.__(
      'The class name cannot hold a tab, a line break or another control character.'
    );
  }
  return null;
}

/**
 * What is wrong with a level, or null if it is fine; empty means no level.
 */
export function classLevelIssue(raw: string | null): IMessage | null {
  const level = raw?.trim() ?? '';
  if (level.length > CLASS_LEVEL_MAX) {
    return trans.__(
      'The level has %1 characters at most (it has %2).',
      CLASS_LEVEL_MAX,
      level.length
    );
  }
  if (hasControlCharacters(level)) {
    return trans.__(
      'The level cannot hold a tab, a line break or another control character.'
    );
  }
  return null;
}
