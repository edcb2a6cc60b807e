/**
 * Server-rendered hub pages: French, semantic HTML, no script (one exception: the print
 * button of the class code sheet, a file of `hub/static`, never inline), one style
 * sheet. Pages are written with the `html` template of `./html`, and sent only through
 * {@link sendPage}, which takes `SafeHtml`.
 */
import { Response } from 'express';

import { HttpError } from '../http/errors';
import { Role } from '../users/names';
import { html, SafeHtml } from './html';

/**
 * A whole page; `wide` for pages with tables.
 */
function page(
  title: string,
  body: SafeHtml,
  options: { wide?: boolean } = {}
): SafeHtml {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Candyce</title>
<link rel="stylesheet" href="/hub/static/hub.css">
</head>
<body>
<header class="cdc-header"><span class="cdc-brand">Candyce</span></header>
<main id="contenu" class="cdc-main${options.wide && ' cdc-wide'}">
${body}
</main>
</body>
</html>
`;
}

/**
 * Answer a whole page (status 200 unless told), `body` made with `html`.
 */
export function sendPage(
  response: Response,
  title: string,
  body: SafeHtml,
  options: { status?: number; wide?: boolean } = {}
): void {
  response
    .status(options.status ?? 200)
    .type('html')
    .send(page(title, body, options).toString());
}

/**
 * A count and its noun, singular for 0 and 1 as French has it: « 1 classe »,
 * « 0 élève inscrit », « 3 classes ».
 */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * A size in bytes in French units, one decimal past the kilo: « 312,4 Mo », « 12 octets ».
 */
export function frenchBytes(n: number): string {
  const units = ['octets', 'ko', 'Mo', 'Go', 'To'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit ? value.toFixed(1).replace('.', ',') : String(value);
  return `${shown} ${units[unit]}`;
}

/**
 * The French names of the roles, as pages show them.
 */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  learner: 'élève',
  teacher: 'enseignant·e',
  author: 'auteur·rice',
  inspector: 'inspecteur·rice',
  admin: 'administrateur·rice'
};

/**
 * A link back from a page.
 */
export interface IBackLink {
  href: string;
  text: string;
}

/**
 * The way back most pages offer.
 */
export const HOME_LINK: IBackLink = {
  href: '/hub/home',
  text: 'Retour à l’accueil'
};

/**
 * Answer a French page that says why something could not be done (403, 404, 409…),
 * announced to screen readers (role=alert), with one link back.
 */
export function messagePage(
  response: Response,
  status: number,
  title: string,
  text: string,
  back: IBackLink = HOME_LINK
): void {
  sendPage(
    response,
    title,
    html`<h1>${title}</h1>
<p class="cdc-error" role="alert">${text}</p>
<p><a href="${back.href}">${back.text}</a></p>`,
    { status }
  );
}

/**
 * The French « accès refusé » page.
 */
export function forbiddenPage(
  response: Response,
  text = 'Vous n’avez pas les droits nécessaires pour cette action.'
): void {
  messagePage(response, 403, 'Accès refusé', text);
}

/**
 * The error paragraph of a one-field form (login pages), or nothing. The form points
 * to it with `aria-describedby="erreur"`.
 */
export function formAlert(error?: string): SafeHtml {
  return error
    ? html`<p id="erreur" class="cdc-error" role="alert">${error}</p>`
    : html``;
}

/**
 * Run `work`; a refusal it throws (HttpError) becomes a French message page with a way
 * back. Anything else goes on to the error handler.
 */
export async function orMessagePage(
  response: Response,
  back: IBackLink,
  work: () => Promise<void>
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) {
      return messagePage(
        response,
        error.status,
        error.status === 403 ? 'Accès refusé' : 'Action impossible',
        error.message,
        back
      );
    }
    throw error;
  }
}
