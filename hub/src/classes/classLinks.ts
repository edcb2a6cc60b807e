import { IBackLink } from '../pages/render';

/**
 * The addresses of the class pages, and the links back to them.
 */

export const classUrl = (id: string) =>
  `/hub/classes/${encodeURIComponent(id)}`;

export const CLASSES_LINK: IBackLink = {
  href: '/hub/classes',
  text: 'Retour à mes classes'
};

export const CREATE_LINK: IBackLink = {
  href: '/hub/classes/new',
  text: 'Retour à la création d’une classe'
};
