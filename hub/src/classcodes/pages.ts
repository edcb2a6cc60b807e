import { Request, Response, Router } from 'express';
import QRCode from 'qrcode';

import { IAuthContext } from '../auth/middleware';
import { ClassService, IClass } from '../classes/service';
import { HttpError } from '../http/errors';
import { xsrfField } from '../pages/forms';
import { html, joinHtml, unsafeRaw } from '../pages/html';
import { requireFormAuth, requirePageAuth } from '../pages/guards';
import {
  forbiddenPage,
  formAlert,
  messagePage,
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
  router.get('/classes/codes', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const reach = deps.policy.reach(auth.user, 'classes:codes');
    if (!reach) {
      return forbiddenPage(response);
    }
    const list =
      reach === 'all'
        ? await deps.classes.all()
        : (await deps.classes.forUser(auth.user.id)).filter(
            klass => klass.membership === 'teacher'
          );
    const items = list.map(
      klass =>
        html`<li><a href="/hub/classes/${encodeURIComponent(klass.id)}/codes">Codes de connexion – ${klass.name}</a></li>`
    );
    sendPage(
      response,
      'Codes de connexion des élèves',
      html`<h1>Codes de connexion des élèves</h1>
<p>Pour les élèves sans compte d’établissement : un code personnel par élève, valable sur la page de connexion de sa classe.</p>
${list.length ? html`<ul>\n${joinHtml(items, '\n')}\n</ul>` : html`<p>Vous n’enseignez dans aucune classe pour le moment.</p>`}
<p><a href="/hub/home">Retour à l’accueil</a></p>`
    );
  });

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
      if (error instanceof HttpError && error.status === 400) {
        return Private.renderManage(
          response,
          deps,
          checked,
          400,
          error.message
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
          if (error instanceof HttpError && error.status === 404) {
            return Private.renderManage(
              response,
              deps,
              checked,
              404,
              error.message
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
    // After a login, or an expired form, the way back is the class's codes page.
    const auth = post
      ? requireFormAuth(
          request,
          response,
          { href: manage, text: 'Retour aux codes de la classe' },
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
      messagePage(response, 404, 'Classe introuvable', 'Classe inconnue.');
      return null;
    }
    return { auth, klass };
  }

  const STATUS_LABELS: Record<IPupilCodeStatus['status'], string> = {
    none: 'Aucun code',
    active: 'Actif',
    expired: 'Expiré',
    revoked: 'Désactivé'
  };

  export function frenchDate(iso: string): string {
    return new Date(iso).toLocaleDateString('fr-FR', {
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
          ? `Actif jusqu’au ${frenchDate(pupil.expiresAt)}`
          : STATUS_LABELS[pupil.status];
      // A pupil without a code of the class logs in otherwise: none is made for them.
      const renew =
        pupil.status !== 'none' &&
        html`<form class="cdc-inline" method="post" action="/hub/classes/${id}/codes/${user}/new">
${xsrf}
<button type="submit" class="cdc-secondary cdc-small" aria-label="Nouveau code pour ${who}">Nouveau code</button>
</form>
`;
      const revoke =
        pupil.status === 'active' &&
        html`<form class="cdc-inline" method="post" action="/hub/classes/${id}/codes/${user}/revoke">
${xsrf}
<button type="submit" class="cdc-secondary cdc-small" aria-label="Désactiver le code de ${who}">Désactiver</button>
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
<caption>Élèves de la classe et état de leur code</caption>
<thead><tr><th scope="col">Élève</th><th scope="col">Identifiant</th><th scope="col">Code</th><th scope="col">Actions</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
      : html`<p>Aucun élève dans cette classe pour le moment.</p>`;
    const message = formAlert(error);
    sendPage(
      response,
      `Codes de connexion – ${klass.name}`,
      html`<h1>Codes de connexion – ${klass.name}</h1>
<p>Pour les élèves sans compte d’établissement : chacun reçoit un compte et un code personnel, à taper sur la page de connexion de la classe, <a href="${shortUrl}">${shortUrl}</a>. Les codes ne sont affichés qu’une fois, sur la fiche à imprimer.</p>
${message}
<form method="post" action="/hub/classes/${id}/codes"${error && html` aria-describedby="erreur"`}>
${xsrf}
<label for="eleves">Noms des élèves, un par ligne (60 au plus)</label>
<textarea id="eleves" name="eleves" rows="8" required aria-describedby="eleves-aide"></textarea>
<p id="eleves-aide" class="cdc-muted">Prénom et nom, par exemple « Léa Martin ». L’identifiant est déduit du nom.</p>
<button type="submit">Créer les comptes et la fiche des codes</button>
</form>
<h2>Élèves</h2>
${table}
<p><a href="/hub/home">Retour à l’accueil</a></p>`,
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
<p class="cdc-card-class">Classe ${className}</p>
<p class="cdc-card-name">${code.displayName}</p>
<p class="cdc-card-login">Ton identifiant : <strong>${code.name}</strong></p>
<p class="cdc-card-step">1. Va sur l’adresse <span class="cdc-card-url">${url}</span> ou scanne le QR code.</p>
<p class="cdc-card-step">2. Tape ton code : <strong class="cdc-code">${code.code}</strong></p>
<p class="cdc-card-expiry">Valable jusqu’au ${frenchDate(code.expiresAt)}</p>
</div>
<div class="cdc-card-qr" role="img" aria-label="QR code de l’adresse ${url}">${qr}</div>
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
          html`<li>${displayName} : ${joinHtml(
            names.map(name => html`<strong>${name}</strong>`),
            ', '
          )}</li>`
      );
    const twinsNote =
      twins.length > 0 &&
      html`<p>Plusieurs élèves portent le même nom : leurs cartes se distinguent par l’identifiant. Donnez à chacun la carte de son identifiant.</p>
<ul>
${joinHtml(twins, '\n')}
</ul>`;
    response.set('Cache-Control', 'no-store');
    sendPage(
      response,
      `Fiche des codes – ${klass.name}`,
      html`<h1>Fiche des codes – ${className}</h1>
<div class="cdc-noprint">
<p>Imprimez cette page, puis découpez une carte par élève. <strong>Les codes ne seront plus affichés</strong> : en cas de perte, créez un nouveau code depuis la page de la classe.</p>
${twinsNote}
<p class="cdc-print-line"><button type="button" id="cdc-imprimer" hidden>Imprimer</button> <span class="cdc-muted">Ou, au clavier : Ctrl + P (⌘ + P sur Mac).</span></p>
<p><a href="/hub/classes/${encodeURIComponent(klass.id)}/codes">Retour aux codes de la classe</a></p>
</div>
<ul class="cdc-cards" aria-label="Cartes de connexion">
${joinHtml(cards, '\n')}
</ul>
<script src="/hub/static/imprimer.js" defer></script>`,
      { wide: true }
    );
  }
}
