/**
 * The notices of the class pages: after a change, the class page says what was done
 * (`?ok=` and `&n=` in its address, so that a reload does not send the form again).
 */
import { Response } from 'express';

import { IHubTranslator } from '../i18n';
import { formText } from '../pages/forms';
import { classUrl } from './classLinks';
import { IClass } from './service';

/** After a change: back to the class page, which says what was done. */
export function redirectWithNotice(
  response: Response,
  klass: IClass,
  what: keyof typeof NOTICES,
  count?: number
): void {
  const n = count === undefined ? '' : `&n=${count}`;
  response.redirect(303, `${classUrl(klass.id)}?ok=${what}${n}`);
}

const NOTICES = {
  cree: (trans: IHubTranslator) =>
    trans.__('Class created: now enrol pupils in it.'),
  enregistre: (trans: IHubTranslator) => trans.__('Name and level saved.'),
  inscrits: (trans: IHubTranslator, n: number) =>
    n === 0
      ? trans.__('These pupils were already enrolled.')
      : trans._n(
          '%1 pupil enrolled in the class.',
          '%1 pupils enrolled in the class.',
          n
        ),
  retire: (trans: IHubTranslator) => trans.__('Pupil removed from the class.'),
  'enseignant-ajoute': (trans: IHubTranslator) =>
    trans.__('Teacher added to the class.'),
  'enseignant-retire': (trans: IHubTranslator) =>
    trans.__('Teacher removed from the class.'),
  'mode-ecole-active': (trans: IHubTranslator) =>
    trans.__('School mode turned on for the pupils of the class.'),
  'mode-ecole-desactive': (trans: IHubTranslator) =>
    trans.__('School mode turned off for the pupils of the class.'),
  traces: (trans: IHubTranslator) =>
    trans.__('Learning traces of the class saved.')
};

/** The notice named by `?ok=` (and `&n=`), or nothing for anything else. */
export function classNotice(trans: IHubTranslator, query: unknown): string {
  const key = formText(query, 'ok');
  if (!Object.prototype.hasOwnProperty.call(NOTICES, key)) {
    return '';
  }
  const n = Number.parseInt(formText(query, 'n'), 10);
  return NOTICES[key as keyof typeof NOTICES](
    trans,
    Number.isSafeInteger(n) && n >= 0 ? n : 0
  );
}
