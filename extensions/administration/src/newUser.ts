import type { TranslationBundle } from '@jupyterlab/translation';

import type { IEstablishment, INewUser, Role } from './api';

/** The hub's user names (`UserName` in the contract). */
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * What the create form holds, as typed.
 */
export interface INewUserForm {
  name: string;
  displayName: string;
  roles: Role[];
  /** '' for none. */
  establishmentId: string;
}

/**
 * The form's errors, by field.
 */
export type NewUserErrors = Partial<Record<keyof INewUserForm, string>>;

/**
 * Check the create form before sending it: the same rules as the hub, said beside the
 * field; `establishmentRequired` for an establishment's or an academy's administrator,
 * whose accounts must join one of their schools.
 */
export function validateNewUser(
  trans: TranslationBundle,
  form: INewUserForm,
  establishmentRequired: boolean
): { body: INewUser | null; errors: NewUserErrors } {
  const errors: NewUserErrors = {};
  const name = form.name.trim();
  const displayName = form.displayName.trim();
  if (!name) {
    errors.name = trans.__('Enter a username.');
  } else if (!USER_NAME.test(name) || name.includes('..')) {
    errors.name = trans.__(
      'A username has at most 64 lowercase letters, digits, “.”, “-” and “_”, and starts with a letter or a digit.'
    );
  }
  if (!displayName) {
    errors.displayName = trans.__('Enter the name to show.');
  } else if (displayName.length > 200) {
    errors.displayName = trans.__(
      'The name to show has at most 200 characters.'
    );
  }
  if (establishmentRequired && !form.establishmentId) {
    errors.establishmentId = trans.__(
      'Choose the school the account belongs to.'
    );
  }
  if (Object.keys(errors).length) {
    return { body: null, errors };
  }
  return {
    body: {
      name,
      displayName,
      roles: [...form.roles],
      ...(form.establishmentId ? { establishmentId: form.establishmentId } : {})
    },
    errors
  };
}

/**
 * The schools grouped by academy (« Académie de … » by name, then those of no
 * academy), by name within each: the `<optgroup>`s of the create form.
 */
export function schoolsByAcademy(
  trans: TranslationBundle,
  establishments: readonly IEstablishment[]
): { label: string; schools: IEstablishment[] }[] {
  const groups = new Map<string, IEstablishment[]>();
  const sorted = [...establishments].sort(
    (a, b) =>
      Number(!a.academy) - Number(!b.academy) ||
      (a.academy ?? '').localeCompare(b.academy ?? '', 'fr') ||
      a.name.localeCompare(b.name, 'fr')
  );
  for (const school of sorted) {
    const label = school.academy
      ? trans.__('Academy of %1', school.academy)
      : trans.__('No academy');
    groups.set(label, [...(groups.get(label) ?? []), school]);
  }
  return [...groups].map(([label, schools]) => ({ label, schools }));
}
