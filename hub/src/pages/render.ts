/**
 * Server-rendered hub pages: semantic HTML, no script (one exception: the print
 * button of the class code sheet, a file of `hub/static`, never inline), one style
 * sheet, in the request's language (French by default, English available: see
 * `i18n/`). Pages are written with the `html` template of `./html`, and sent only
 * through {@link sendPage}, which takes `SafeHtml`.
 */
import { Response } from 'express';

import { refusal } from '../http/errors';
import {
  IHubTranslator,
  Language,
  LANGUAGE_PARAMETER,
  rememberLanguageChoice,
  requestLanguage,
  translator
} from '../i18n';
import { Role } from '../users/names';
import { html, SafeHtml } from './html';

/**
 * The translation functions of the page answering `response`, in its request's
 * language: `const trans = pageTrans(response)`, then English msgids in `trans.__`.
 */
export function pageTrans(response: Response): IHubTranslator {
  return translator(requestLanguage(response.req));
}

/**
 * A whole page; `wide` for pages with tables, `full` for the administration's pages
 * (the whole width of the window: long tables, and no server to start first).
 */
function page(
  response: Response,
  title: string,
  body: SafeHtml,
  options: { wide?: boolean; full?: boolean } = {}
): SafeHtml {
  const language = requestLanguage(response.req);
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Candyce</title>
<link rel="stylesheet" href="/hub/static/hub.css">
</head>
<body>
<header class="cdc-header"><span class="cdc-brand">Candyce</span></header>
<main id="contenu" class="cdc-main${options.wide && ' cdc-wide'}${options.full && ' cdc-full'}">
${body}
</main>
${Private.footer(response, language)}
</body>
</html>
`;
}

/**
 * Answer a whole page (status 200 unless told), `body` made with `html`, in the
 * request's language.
 */
export function sendPage(
  response: Response,
  title: string,
  body: SafeHtml,
  options: { status?: number; wide?: boolean; full?: boolean } = {}
): void {
  rememberLanguageChoice(response);
  response
    .status(options.status ?? 200)
    .type('html')
    .send(page(response, title, body, options).toString());
}

/**
 * A size in bytes, one decimal past the kilo, in the reader's units: « 312,4 Mo »,
 * « 12 octets »; « 312.4 MB », « 12 bytes ».
 */
export function formatBytes(trans: IHubTranslator, n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    unit++;
  }
  const shown = unit ? value.toFixed(1) : String(value);
  const units = [
    trans.__('%1 bytes', shown),
    trans.__('%1 kB', shown),
    trans.__('%1 MB', shown),
    trans.__('%1 GB', shown),
    trans.__('%1 TB', shown)
  ];
  const text = units[unit];
  return trans.language === 'fr' ? text.replace('.', ',') : text;
}

/**
 * The name of a role, as pages show it.
 */
export function roleLabel(trans: IHubTranslator, role: Role): string {
  switch (role) {
    case 'learner':
      return trans.__('learner');
    case 'teacher':
      return trans.__('teacher');
    case 'author':
      return trans.__('author');
    case 'inspector':
      return trans.__('inspector');
    case 'admin':
      return trans.__('administrator');
  }
}

/**
 * A user's roles, as pages list them (« aucun rôle » without any).
 */
export function rolesText(
  trans: IHubTranslator,
  roles: readonly Role[]
): string {
  return (
    roles.map(role => roleLabel(trans, role)).join(', ') || trans.__('no role')
  );
}

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
export function homeLink(trans: IHubTranslator): IBackLink {
  return { href: '/hub/home', text: trans.__('Back to the home page') };
}

/**
 * Answer a page that says why something could not be done (403, 404, 409…),
 * announced to screen readers (role=alert), with one link back (home unless told).
 */
export function messagePage(
  response: Response,
  status: number,
  title: string,
  text: string,
  back: IBackLink = homeLink(pageTrans(response))
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
 * The « accès refusé » page.
 */
export function forbiddenPage(response: Response, text?: string): void {
  const trans = pageTrans(response);
  messagePage(
    response,
    403,
    trans.__('Access denied'),
    text ?? trans.__('You do not have the rights needed for this action.')
  );
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
 * Run `work`; a refusal it throws (DomainError) becomes a message page with a way back.
 * Anything else goes on to the error handler.
 */
export async function orMessagePage(
  response: Response,
  back: IBackLink,
  work: () => Promise<void>
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const trans = pageTrans(response);
    const refused = refusal(error, trans.language);
    if (refused) {
      return messagePage(
        response,
        refused.status,
        refused.status === 403
          ? trans.__('Access denied')
          : trans.__('Action not possible'),
        refused.message,
        back
      );
    }
    throw error;
  }
}

namespace Private {
  /**
   * Every page's footer, after the content: the privacy page (what is recorded of
   * learning, and how to export or erase it), and the language link of visitors.
   */
  export function footer(response: Response, language: Language): SafeHtml {
    const trans = translator(language);
    return html`<footer class="cdc-footer"><a class="cdc-privacy" href="/hub/privacy">${trans.__('Your data and traces')}</a>${languageSwitch(response, language)}</footer>`;
  }

  /**
   * For a caller without an account (who has no stored language): a link to the same
   * page in the other language, named in that language. It keeps the page's query. In
   * a footer after the page's content, so that the first Tab still reaches the form.
   */
  export function languageSwitch(
    response: Response,
    language: Language
  ): SafeHtml | null {
    if (response.locals.auth || !response.req) {
      return null;
    }
    const other: Language = language === 'fr' ? 'en' : 'fr';
    const url = new URL(response.req.originalUrl, 'http://hub.invalid');
    url.searchParams.set(LANGUAGE_PARAMETER, other);
    const name = other === 'en' ? 'English' : 'Français';
    return html` · <a class="cdc-language" href="${url.pathname}${url.search}" hreflang="${other}" lang="${other}">${name}</a>`;
  }
}
