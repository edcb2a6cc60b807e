/**
 * Which language a request is answered in: French by default, English available.
 */
import type { Request, Response } from 'express';

/**
 * The languages of the hub's pages and messages.
 */
export type Language = 'fr' | 'en';

/**
 * Every language, the default first.
 */
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/**
 * The platform's language, for whoever has said nothing.
 */
export const DEFAULT_LANGUAGE: Language = 'fr';

/**
 * The cookie that keeps the choice of a caller without an account (the « English » /
 * « Français » link of the hub's pages). Not a secret; `Lax` like the others.
 */
export const LANGUAGE_COOKIE = 'candyce-language';

/**
 * The query parameter of that link: `/hub/login?lang=en`.
 */
export const LANGUAGE_PARAMETER = 'lang';

/**
 * Whether a value is one of the hub's languages.
 */
export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

/**
 * JupyterLab's name of a language (its `locale` setting): `fr_FR`, or `en`, the
 * language JupyterLab has without a language pack.
 */
export function jupyterLabLocale(language: Language): 'fr_FR' | 'en' {
  return language === 'fr' ? 'fr_FR' : 'en';
}

/**
 * The language of a request, in this order: the `lang` query parameter (the language
 * link just followed), the signed-in user's stored language, the language cookie,
 * the best of `Accept-Language` between French and English, French.
 *
 * The user is the one the session middleware put in `response.locals.auth`.
 */
export function requestLanguage(request: Request): Language {
  const asked = request.query?.[LANGUAGE_PARAMETER];
  if (isLanguage(asked)) {
    return asked;
  }
  // The session's caller, named by shape: this module is a leaf (the users' service
  // names its `Language`).
  const auth = request.res?.locals.auth as
    { user: { language?: Language } } | null | undefined;
  if (auth?.user.language) {
    return auth.user.language;
  }
  const cookie = Private.cookie(request, LANGUAGE_COOKIE);
  if (isLanguage(cookie)) {
    return cookie;
  }
  return acceptedLanguage(request.headers['accept-language']);
}

/**
 * The hub's language an `Accept-Language` header prefers (`en-GB,en;q=0.9,fr;q=0.8`
 * → en), French when it names neither (or is absent). A tag counts by its primary
 * subtag; at equal weights, the first listed wins; `q=0` refuses.
 */
export function acceptedLanguage(header: string | undefined): Language {
  let best: { language: Language; weight: number } | null = null;
  for (const part of (header ?? '').split(',')) {
    const [tag, ...parameters] = part.trim().split(';');
    const language = tag.trim().toLowerCase().split('-')[0];
    if (!isLanguage(language)) {
      continue;
    }
    const q = parameters
      .map(parameter => parameter.trim().match(/^q=([0-9.]+)$/i))
      .find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    if (weight > 0 && weight <= 1 && (!best || weight > best.weight)) {
      best = { language, weight };
    }
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/**
 * When the request followed a language link (`?lang=en`), remember the choice in a
 * cookie for the pages that follow (a caller without an account has nowhere else to
 * keep it). Called by `sendPage`.
 */
export function rememberLanguageChoice(response: Response): void {
  const asked = response.req?.query?.[LANGUAGE_PARAMETER];
  if (
    isLanguage(asked) &&
    Private.cookie(response.req, LANGUAGE_COOKIE) !== asked
  ) {
    response.cookie(LANGUAGE_COOKIE, asked, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 365 * 24 * 3600 * 1000
    });
  }
}

namespace Private {
  /** One cookie of a request, undecoded (the language cookie holds `fr` or `en`). */
  export function cookie(request: Request, name: string): string | undefined {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === name) {
        return part.slice(at + 1).trim();
      }
    }
    return undefined;
  }
}
