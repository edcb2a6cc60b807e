import { Request, Response, Router } from 'express';
import QRCode from 'qrcode';

import { IAuthContext } from '../auth/middleware';
import { ClassService, IClass } from '../classes/service';
import { refusal } from '../http/errors';
import { IHubTranslator, requestLanguage } from '../i18n';
import { xsrfField } from '../pages/forms';
import { html, htmlFormat, joinHtml, unsafeRaw } from '../pages/html';
import { pageRight, requireFormAuth, requirePageAuth } from '../pages/guards';
import {
  forbiddenPage,
  formAlert,
  messagePage,
  pageTrans,
  sendPage
} from '../pages/render';
import { Policy } from '../policy';
import { codeLogin, IClassLoginDeps, showLogin } from './loginPages';
import { classShortUrl } from './routes';
import { INewCode, IPupilCodeStatus } from './service';

/**
 * What the class codes pages need.
 */
export interface IClassCodePagesDeps extends IClassLoginDeps {
  classes: ClassService;
  policy: Policy;
  publicUrl?: string;
}

/**
 * The pages of class codes under /hub (French; no script but the sheet's print button,
 * `hub/static/imprimer.js`, which the CSP's `script-src 'self'` already allows):
 *
 * - `/classes/:id/codes`: a teacher's page (list of pupils, form that creates pupils'
 *   accounts and answers the printable sheet of their codes, revoke, new code);
 * - `/classes/:id/login`: the class login page, a single « Tape ton code » field
 *   (also at the class's short address, {@link classKeyLoginRouter}).
 */
export function classCodePagesRouter(deps: IClassCodePagesDeps): Router {
  const router = Router();

  /** The classes whose codes the caller manages, linked from the home page. */
  router.get(
    '/classes/codes',
    pageRight(deps.policy, 'classes:codes'),
    async (request, response) => {
      const auth = requirePageAuth(request, response);
      if (!auth) {
        return;
      }
      const trans = pageTrans(response);
      // Every class, or those one teaches: what the list shows, the right being held.
      const list =
        deps.policy.reach(auth.user, 'classes:codes') === 'all'
          ? await deps.classes.all()
          : (await deps.classes.forUser(auth.user.id)).filter(
              klass => klass.membership === 'teacher'
            );
      const items = list.map(
        klass =>
          html`<li><a href="/hub/classes/${encodeURIComponent(klass.id)}/codes">${trans.__('Login codes – %1', klass.name)}</a></li>`
      );
      sendPage(
        response,
        trans.__('Pupils’ login codes'),
        html`<h1>${trans.__('Pupils’ login codes')}</h1>
<p>${trans.__('For pupils without a school account: one personal code per pupil, valid on the login page of their class.')}</p>
${list.length ? html`<ul>\n${joinHtml(items, '\n')}\n</ul>` : html`<p>${trans.__('You do not teach any class yet.')}</p>`}
<p><a href="/hub/home">${trans.__('Back to the home page')}</a></p>`
      );
    }
  );

  router.get('/classes/:id/codes', async (request, response) => {
    const checked = await Private.teacherCheck(request, response, deps);
    if (checked) {
      await Private.renderManage(response, deps, checked);
    }
  });

  router.post('/classes/:id/codes', async (request, response) => {
    const checked = await Private.teacherCheck(request, response, deps, true);
    if (!checked) {
      return;
    }
    const names = String(request.body?.eleves ?? '')
      .split(/\r?\n/)
      .map(line => line.trim())
      .filter(line => line);
    try {
      const created = await deps.classCodes.createPupils(
        checked.klass.id,
        names
      );
      await Private.renderSheet(
        request,
        response,
        deps,
        checked.klass,
        created.pupils
      );
    } catch (error) {
      const refused = refusal(error, requestLanguage(request));
      if (refused?.status === 400) {
        return Private.renderManage(
          response,
          deps,
          checked,
          400,
          refused.message
        );
      }
      throw error;
    }
  });

  for (const action of ['new', 'revoke'] as const) {
    router.post(
      `/classes/:id/codes/:userName/${action}`,
      async (request, response) => {
        const checked = await Private.teacherCheck(
          request,
          response,
          deps,
          true
        );
        if (!checked) {
          return;
        }
        const { userName } = request.params;
        try {
          if (action === 'new') {
            const code = await deps.classCodes.regenerate(
              checked.klass.id,
              userName
            );
            return await Private.renderSheet(
              request,
              response,
              deps,
              checked.klass,
              [code]
            );
          }
          await deps.classCodes.revoke(checked.klass.id, userName);
          response.redirect(
            303,
            `/hub/classes/${encodeURIComponent(checked.klass.id)}/codes`
          );
        } catch (error) {
          const refused = refusal(error, requestLanguage(request));
          if (refused?.status === 404) {
            return Private.renderManage(
              response,
              deps,
              checked,
              404,
              refused.message
            );
          }
          throw error;
        }
      }
    );
  }

  const byId = (request: Request) =>
    deps.classes.get(String(request.params.id));
  const here = (request: Request) =>
    `/hub/classes/${encodeURIComponent(String(request.params.id))}/login`;
  router.get('/classes/:id/login', (request, response) =>
    showLogin(request, response, deps, byId, here)
  );
  router.post('/classes/:id/login', (request, response) =>
    codeLogin(request, response, deps, byId, here)
  );

  return router;
}

namespace Private {
  interface IChecked {
    auth: IAuthContext;
    klass: IClass;
  }

  /**
   * The signed-in caller allowed to manage codes of the class, or null once an answer
   * (login redirect, 403, 404) has been sent. With `post`, the form's anti-CSRF field
   * must match the session.
   */
  export async function teacherCheck(
    request: Request,
    response: Response,
    deps: IClassCodePagesDeps,
    post = false
  ): Promise<IChecked | null> {
    const classId = String(request.params.id);
    const manage = `/hub/classes/${encodeURIComponent(classId)}/codes`;
    const trans = pageTrans(response);
    // After a login, or an expired form, the way back is the class's codes page.
    const auth = post
      ? requireFormAuth(
          request,
          response,
          { href: manage, text: trans.__('Back to the class’s codes') },
          manage
        )
      : requirePageAuth(request, response, manage);
    if (!auth) {
      return null;
    }
    if (!(await deps.policy.allows(auth.user, 'classes:codes', { classId }))) {
      forbiddenPage(response);
      return null;
    }
    const klass = await deps.classes.get(classId);
    if (!klass) {
      messagePage(
        response,
        404,
        trans.__('Class not found'),
        trans.__('Unknown class.')
      );
      return null;
    }
    return { auth, klass };
  }

  function statusLabel(
    trans: IHubTranslator,
    status: IPupilCodeStatus['status']
  ): string {
    switch (status) {
      case 'none':
        return trans.__('No code');
      case 'active':
        return trans.__('Active');
      case 'expired':
        return trans.__('Expired');
      case 'revoked':
        return trans.__('Deactivated');
    }
  }

  /** A day in the reader's language: « 30 juin 2027 », « 30 June 2027 ». */
  export function longDate(trans: IHubTranslator, iso: string): string {
    const locale = trans.language === 'fr' ? 'fr-FR' : 'en-GB';
    return new Date(iso).toLocaleDateString(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris'
    });
  }

  export async function renderManage(
    response: Response,
    deps: IClassCodePagesDeps,
    { auth, klass }: IChecked,
    status = 200,
    error?: string
  ): Promise<void> {
    const id = encodeURIComponent(klass.id);
    const trans = pageTrans(response);
    const xsrf = xsrfField(auth.session.xsrfToken);
    const pupils = await deps.classCodes.list(klass.id);
    const shortUrl = classShortUrl(
      response.req,
      await deps.classCodes.classKey(klass.id),
      deps.publicUrl
    );
    const rows = pupils.map(pupil => {
      const who = pupil.displayName;
      const user = encodeURIComponent(pupil.name);
      const state =
        pupil.status === 'active' && pupil.expiresAt
          ? trans.__('Active until %1', longDate(trans, pupil.expiresAt))
          : statusLabel(trans, pupil.status);
      // A pupil without a code of the class logs in otherwise: none is made for them.
      const renew =
        pupil.status !== 'none' &&
        html`<form class="cdc-inline" method="post" action="/hub/classes/${id}/codes/${user}/new">
${xsrf}
<button type="submit" class="cdc-secondary cdc-small" aria-label="${trans.__('New code for %1', who)}">${trans.__('New code')}</button>
</form>
`;
      const revoke =
        pupil.status === 'active' &&
        html`<form class="cdc-inline" method="post" action="/hub/classes/${id}/codes/${user}/revoke">
${xsrf}
<button type="submit" class="cdc-secondary cdc-small" aria-label="${trans.__('Deactivate the code of %1', who)}">${trans.__('Deactivate')}</button>
</form>`;
      return html`<tr>
<th scope="row">${who}</th>
<td>${pupil.name}</td>
<td>${state}</td>
<td>${renew}${revoke}</td>
</tr>`;
    });
    const table = pupils.length
      ? html`<table class="cdc-table">
<caption>${trans.__('Pupils of the class and the state of their code')}</caption>
<thead><tr><th scope="col">${trans.__('Pupil')}</th><th scope="col">${trans.__('Username')}</th><th scope="col">${trans.__('Code')}</th><th scope="col">${trans.__('Actions')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
      : html`<p>${trans.__('No pupil in this class yet.')}</p>`;
    const message = formAlert(error);
    sendPage(
      response,
      trans.__('Login codes – %1', klass.name),
      html`<h1>${trans.__('Login codes – %1', klass.name)}</h1>
<p>${htmlFormat(trans.__('For pupils without a school account: each gets an account and a personal code, to type on the class’s login page, %1. Codes are shown only once, on the sheet to print.'), html`<a href="${shortUrl}">${shortUrl}</a>`)}</p>
${message}
<form method="post" action="/hub/classes/${id}/codes"${error && html` aria-describedby="erreur"`}>
${xsrf}
<label for="eleves">${trans.__('Pupils’ names, one per line (60 at most)')}</label>
<textarea id="eleves" name="eleves" rows="8" required aria-describedby="eleves-aide"></textarea>
<p id="eleves-aide" class="cdc-muted">${trans.__('First name and last name, for example « Léa Martin ». The username is made from the name.')}</p>
<button type="submit">${trans.__('Create the accounts and the sheet of codes')}</button>
</form>
<h2>${trans.__('Pupils')}</h2>
${table}
<p><a href="/hub/home">${trans.__('Back to the home page')}</a></p>`,
      { status, wide: true }
    );
  }

  /**
   * The printable sheet: one card per pupil with the class, the pupil's name and login
   * (unique, so that two pupils with the same name tell their cards apart), the class's
   * short address and its QR code, the code. Shown once: codes are not kept in clear.
   */
  export async function renderSheet(
    request: Request,
    response: Response,
    deps: IClassCodePagesDeps,
    klass: IClass,
    codes: readonly INewCode[]
  ): Promise<void> {
    const url = classShortUrl(
      request,
      await deps.classCodes.classKey(klass.id),
      deps.publicUrl
    );
    // Safe to take as HTML: the qrcode library draws this SVG itself (paths and
    // numbers only) from our own URL, made of the configured or requested origin and a
    // key of our alphabet; the URL is never written into the SVG as text.
    const qr = unsafeRaw(
      await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' })
    );
    const className = klass.name;
    const trans = pageTrans(response);
    // Pupils of the class who share a display name (on this sheet or from before).
    const homonyms = new Map<string, string[]>();
    for (const pupil of await deps.classCodes.list(klass.id)) {
      homonyms.set(pupil.displayName, [
        ...(homonyms.get(pupil.displayName) ?? []),
        pupil.name
      ]);
    }
    const shared = (displayName: string) =>
      (homonyms.get(displayName)?.length ?? 0) > 1;
    const cards = codes.map(
      code => html`<li class="cdc-card">
<div class="cdc-card-text">
<p class="cdc-card-class">${trans.__('Class %1', className)}</p>
<p class="cdc-card-name">${code.displayName}</p>
<p class="cdc-card-login">${htmlFormat(trans.__('Your username: %1'), html`<strong>${code.name}</strong>`)}</p>
<p class="cdc-card-step">${htmlFormat(trans.__('1. Go to the address %1 or scan the QR code.'), html`<span class="cdc-card-url">${url}</span>`)}</p>
<p class="cdc-card-step">${htmlFormat(trans.__('2. Type your code: %1'), html`<strong class="cdc-code">${code.code}</strong>`)}</p>
<p class="cdc-card-expiry">${trans.__('Valid until %1', longDate(trans, code.expiresAt))}</p>
</div>
<div class="cdc-card-qr" role="img" aria-label="${trans.__('QR code of the address %1', url)}">${qr}</div>
</li>`
    );
    const twins = [...homonyms]
      .filter(
        ([displayName]) =>
          shared(displayName) &&
          codes.some(code => code.displayName === displayName)
      )
      .map(
        ([displayName, names]) =>
          html`<li>${htmlFormat(
            trans.__('%1: %2'),
            displayName,
            joinHtml(
              names.map(name => html`<strong>${name}</strong>`),
              ', '
            )
          )}</li>`
      );
    const twinsNote =
      twins.length > 0 &&
      html`<p>${trans.__('Several pupils have the same name: their cards differ by their username. Give each the card of their username.')}</p>
<ul>
${joinHtml(twins, '\n')}
</ul>`;
    response.set('Cache-Control', 'no-store');
    sendPage(
      response,
      trans.__('Sheet of codes – %1', klass.name),
      html`<h1>${trans.__('Sheet of codes – %1', className)}</h1>
<div class="cdc-noprint">
<p>${htmlFormat(trans.__('Print this page, then cut out one card per pupil. %1: if one is lost, make a new code from the class’s page.'), html`<strong>${trans.__('The codes will not be shown again')}</strong>`)}</p>
${twinsNote}
<p class="cdc-print-line"><button type="button" id="cdc-imprimer" hidden>${trans.__('Print')}</button> <span class="cdc-muted">${trans.__('Or, with the keyboard: Ctrl + P (⌘ + P on a Mac).')}</span></p>
<p><a href="/hub/classes/${encodeURIComponent(klass.id)}/codes">${trans.__('Back to the class’s codes')}</a></p>
</div>
<ul class="cdc-cards" aria-label="${trans.__('Login cards')}">
${joinHtml(cards, '\n')}
</ul>
<script src="/hub/static/imprimer.js" defer></script>`,
      { wide: true }
    );
  }
}
