/**
 * Times as the hub's pages show them: in France's time zone, in the reader's language.
 */
import { IHubTranslator } from '../i18n';
import { html, SafeHtml } from './html';

const FORMATS = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris'
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris'
  })
};

/** A time (ISO 8601) for people, as text. */
export function formatTime(trans: IHubTranslator, iso: string): string {
  return FORMATS[trans.language].format(new Date(iso));
}

/** A time (ISO 8601) for people, in a `<time>` element. */
export function timeElement(trans: IHubTranslator, iso: string): SafeHtml {
  return html`<time datetime="${iso}">${formatTime(trans, iso)}</time>`;
}
