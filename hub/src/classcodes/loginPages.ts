/**
 * The pupils' side of class codes: the class login page, at the class's short address
 * (`/c/<key>`) and at `/hub/classes/:id/login`, as simple as the card (one field, « tu »).
 */
import { Request, Response, Router } from 'express';

import { IClass } from '../classes/service';
import { refusal } from '../http/errors';
import { requestLanguage } from '../i18n';
import { xsrfField } from '../pages/forms';
import { html } from '../pages/html';
import { hasLoginToken, issueLoginToken } from '../pages/guards';
import { formAlert, messagePage, pageTrans, sendPage } from '../pages/render';
import { CookieJar } from '../auth/cookies';
import { RateLimiter } from '../auth/rateLimit';
import { SessionService } from '../auth/sessions';
import { ClassCodeService } from './service';

/**
 * What the class login pages need (the teachers' pages need more: IClassLoginDeps).
 */
export interface IClassLoginDeps {
  classCodes: ClassCodeService;
  sessions: SessionService;
  cookies: CookieJar;
  /** The per-address limiter of password logins, shared with the class login. */
  loginLimiter: RateLimiter;
  log: { info: (object: unknown, message: string) => void };
}

/**
 * The class login page at the class's short address, `/c/<key>` (mounted at the root
 * by `http/app.ts`, behind the same headers, session and origin checks as /hub): the
 * address printed and encoded in the QR code of pupils' cards. The form posts back to
 * the same short address, so no id ever shows in the pupil's address bar.
 */
export function classKeyLoginRouter(deps: IClassLoginDeps): Router {
  const router = Router();
  const byKey = (request: Request) =>
    deps.classCodes.classOfKey(String(request.params.key));
  const here = (request: Request) =>
    `/c/${encodeURIComponent(String(request.params.key))}`;
  router.get('/:key', (request, response) =>
    showLogin(request, response, deps, byKey, here)
  );
  router.post('/:key', (request, response) =>
    codeLogin(request, response, deps, byKey, here)
  );
  // Anything else under /c: the same French 404 as an unknown key.
  router.use((_request, response) => unknownClassLogin(response));
  return router;
}

/**
 * The French 404 of an address that names no class, in « tu ».
 */
export function unknownClassLogin(response: Response): void {
  const trans = pageTrans(response);
  messagePage(
    response,
    404,
    trans.__('Class not found'),
    trans.__(
      'This address leads to no class: check it on your card, or ask your teacher.'
    ),
    { href: '/hub/login', text: trans.__('Go to the login page') }
  );
}

/** Finds the class a login page is for (by id or by short key). */
export type ClassFinder = (request: Request) => Promise<IClass | null>;
/** The path the login form posts to (the page's own). */
export type FormPath = (request: Request) => string;

/**
 * Show a class's login page (a signed-in caller goes home instead).
 */
export async function showLogin(
  request: Request,
  response: Response,
  deps: IClassLoginDeps,
  find: ClassFinder,
  action: FormPath
): Promise<void> {
  const klass = await find(request);
  if (!klass) {
    return unknownClassLogin(response);
  }
  if (response.locals.auth) {
    return response.redirect(303, '/hub/home');
  }
  renderLogin(response, deps, klass, action(request));
}

/**
 * Log a pupil in with a code typed on a class's login page: anti-CSRF cookie, the
 * per-address limit, then the code; every refusal is the page again, with its reason.
 */
export async function codeLogin(
  request: Request,
  response: Response,
  deps: IClassLoginDeps,
  find: ClassFinder,
  formPath: FormPath
): Promise<void> {
  const klass = await find(request);
  if (!klass) {
    return unknownClassLogin(response);
  }
  const action = formPath(request);
  const form = (request.body ?? {}) as Record<string, unknown>;
  const trans = pageTrans(response);
  if (!hasLoginToken(deps.cookies, request)) {
    return renderLogin(
      response,
      deps,
      klass,
      action,
      403,
      trans.__('The page was open for too long: type your code once more.')
    );
  }
  if (!deps.loginLimiter.take(request.ip ?? 'unknown')) {
    return renderLogin(
      response,
      deps,
      klass,
      action,
      429,
      trans.__(
        'Too many tries from this device: wait a minute, then try again.'
      )
    );
  }
  try {
    const user = await deps.classCodes.authenticate(
      klass.id,
      String(form.code ?? ''),
      request.ip ?? 'unknown'
    );
    const { token } = await deps.sessions.create(user.id);
    deps.cookies.clear(response, deps.cookies.loginXsrfName);
    deps.cookies.set(response, deps.cookies.sessionName, token);
    deps.log.info({ userId: user.id, classId: klass.id }, 'class code login');
    // Straight into her work: her JupyterLab in school mode opens « Mes devoirs ».
    response.redirect(303, pupilLanding(user.name));
  } catch (error) {
    const refused = refusal(error, requestLanguage(request));
    if (refused) {
      return renderLogin(
        response,
        deps,
        klass,
        action,
        refused.status,
        refused.message
      );
    }
    throw error;
  }
}

/**
 * Where a pupil lands after a class-code login: her JupyterLab (started by the spawn
 * page) in school mode (`@candyce/school-ui`), not the hub's home.
 */
export function pupilLanding(userName: string): string {
  // Hub user names are URL-safe; the spawn page checks that `next` is her own.
  const lab = `/user/${userName}/lab?mode=ecole`;
  return `/hub/spawn?next=${encodeURIComponent(lab)}`;
}

/**
 * The class login page, as simple as the card: the class, one big field, « tu ».
 */
export function renderLogin(
  response: Response,
  deps: Pick<IClassLoginDeps, 'cookies'>,
  klass: IClass,
  action: string,
  status = 200,
  error?: string
): void {
  // Login CSRF, as on the password login (double submit).
  const token = issueLoginToken(deps.cookies, response);
  const message = formAlert(error);
  const trans = pageTrans(response);
  sendPage(
    response,
    trans.__('Class %1', klass.name),
    html`<h1 class="cdc-class-title">${trans.__('Class %1', klass.name)}</h1>
${message}
<form class="cdc-code-login" method="post" action="${action}"${error && html` aria-describedby="erreur"`}>
${xsrfField(token)}
<label for="code">${trans.__('Type your code')}</label>
<input type="text" id="code" name="code" class="cdc-code-input" inputmode="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" required aria-describedby="code-aide">
<p id="code-aide" class="cdc-muted">${trans.__('The 8 letters and digits on your card.')}</p>
<button type="submit">${trans.__('Enter')}</button>
</form>`,
    { status }
  );
}
