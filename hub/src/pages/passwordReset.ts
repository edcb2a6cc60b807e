/**
 * `GET|POST /hub/mot-de-passe`: a user turns the one-time code an administrator gave
 * them into a new password. No session: the form carries the login pages' anti-CSRF
 * value, and tries count against the login limit of the address.
 */
import { Request, Response, Router } from 'express';

import { CookieJar } from '../auth/cookies';
import { RateLimiter } from '../auth/rateLimit';
import { refusal } from '../http/errors';
import { UserAdministration } from '../users/administration';
import { formText } from './forms';
import { hasLoginToken, issueLoginToken } from './guards';
import { html } from './html';
import { formAlert, pageTrans, sendPage } from './render';

/**
 * What the page needs.
 */
export interface IPasswordResetPageDeps {
  administration: UserAdministration;
  cookies: CookieJar;
  loginLimiter: RateLimiter;
}

/**
 * The router of the reset page.
 */
export function passwordResetRouter(deps: IPasswordResetPageDeps): Router {
  const router = Router();

  router.get('/mot-de-passe', (request, response) => {
    const code =
      typeof request.query.code === 'string'
        ? request.query.code.slice(0, 64)
        : '';
    Private.form(request, response, deps, code);
  });

  router.post('/mot-de-passe', async (request, response) => {
    const trans = pageTrans(response);
    const code = formText(request.body, 'code').trim().slice(0, 64);
    const password = formText(request.body, 'password');
    if (!hasLoginToken(deps.cookies, request)) {
      return Private.form(
        request,
        response,
        deps,
        code,
        403,
        trans.__('The page was open for too long: try again.')
      );
    }
    if (!deps.loginLimiter.take(request.ip ?? 'unknown')) {
      return Private.form(
        request,
        response,
        deps,
        code,
        429,
        trans.__('Too many attempts from this device: wait a minute.')
      );
    }
    if (password !== formText(request.body, 'confirmation')) {
      return Private.form(
        request,
        response,
        deps,
        code,
        400,
        trans.__('The two passwords differ: type the same one twice.')
      );
    }
    try {
      const user = await deps.administration.redeemReset(code, password);
      sendPage(
        response,
        trans.__('Password saved'),
        html`<h1>${trans.__('Password saved')}</h1>
<p role="status" class="cdc-notice">${trans.__('%1, your new password is saved. Log in with your username « %2 ».', user.displayName, user.name)}</p>
<p><a href="/hub/login">${trans.__('Log in')}</a></p>`
      );
    } catch (error) {
      const refused = refusal(error, trans.language);
      if (!refused) {
        throw error;
      }
      Private.form(
        request,
        response,
        deps,
        code,
        refused.status,
        refused.message
      );
    }
  });

  return router;
}

namespace Private {
  export function form(
    _request: Request,
    response: Response,
    deps: IPasswordResetPageDeps,
    code: string,
    status = 200,
    error?: string
  ): void {
    const token = issueLoginToken(deps.cookies, response);
    const trans = pageTrans(response);
    sendPage(
      response,
      trans.__('Choose a new password'),
      html`<h1>${trans.__('Choose a new password')}</h1>
${formAlert(error)}
<p>${trans.__('Type the code your administrator gave you, then your new password (8 characters at least).')}</p>
<form method="post" action="/hub/mot-de-passe"${error && html` aria-describedby="erreur"`}>
<input type="hidden" name="_xsrf" value="${token}">
<label for="code">${trans.__('Reset code')}</label>
<input type="text" id="code" name="code" value="${code}" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required>
<label for="password">${trans.__('New password')}</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="8" required>
<label for="confirmation">${trans.__('New password, once more')}</label>
<input type="password" id="confirmation" name="confirmation" autocomplete="new-password" minlength="8" required>
<button type="submit">${trans.__('Save the password')}</button>
</form>
<p><a href="/hub/login">${trans.__('Back to the login page')}</a></p>`,
      { status }
    );
  }
}
