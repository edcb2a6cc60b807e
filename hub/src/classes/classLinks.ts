import { IHubTranslator } from '../i18n';
import { IBackLink } from '../pages/render';

/**
 * The addresses of the class pages, and the links back to them.
 */

export const classUrl = (id: string) =>
  `/hub/classes/${encodeURIComponent(id)}`;

export const classesLink = (trans: IHubTranslator): IBackLink => ({
  href: '/hub/classes',
  text: trans.__('Back to my classes')
});

export const createLink = (trans: IHubTranslator): IBackLink => ({
  href: '/hub/classes/new',
  text: trans.__('Back to creating a class')
});
