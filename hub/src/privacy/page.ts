import { Request, Response, Router } from 'express';

import { IAuthContext } from '../auth/middleware';
import { IHubTranslator, schoolTranslator } from '../i18n';
import { requireFormAuth } from '../pages/guards';
import { html, htmlFormat, joinHtml, SafeHtml } from '../pages/html';
import { pageTrans, sendPage } from '../pages/render';
import { IUser } from '../users/service';
import { ConsentReason } from './consent';
import {
  eraseTraces,
  IPrivacyServices,
  IPrivacyView,
  privacyView
} from './service';

/**
 * `/hub/privacy`: what Candyce records of a user's learning, why, for how long, who
 * sees it, and how to export and erase it; for a signed-in user, their own switch
 * (optional traces yes or no) and the erasure of their traces. Open to visitors too
 * (families read it before a school signs up).
 */
export interface IPrivacyPageDeps {
  privacy: IPrivacyServices;
  /** `lrsRetentionDays`. */
  retentionDays: number;
  /** Whether a user reads Candyce in school mode: then the page says « tu ». */
  isSchoolMode: (user: IUser) => Promise<boolean>;
}

export function privacyPagesRouter(deps: IPrivacyPageDeps): Router {
  const router = Router();
  router.get('/privacy', async (request, response) => {
    await Private.render(request, response, deps);
  });
  router.post('/privacy', async (request, response) => {
    const auth = requireFormAuth(request, response, Private.back(response));
    if (!auth) {
      return;
    }
    const value = (request.body as Record<string, unknown>).optional;
    if (value !== 'yes' && value !== 'no') {
      const trans = await Private.pageTranslator(response, deps);
      return Private.render(request, response, deps, {
        status: 400,
        error: trans.__('Choose yes or no.')
      });
    }
    await deps.privacy.consent.setChoice(auth.user.id, value === 'yes');
    response.redirect(303, '/hub/privacy?saved=1');
  });
  router.post('/privacy/erase', async (request, response) => {
    const auth = requireFormAuth(request, response, Private.back(response));
    if (!auth) {
      return;
    }
    if ((request.body as Record<string, unknown>).confirm !== 'yes') {
      const trans = await Private.pageTranslator(response, deps);
      return Private.render(request, response, deps, {
        status: 400,
        error: trans.__('Tick the box to confirm the erasure.')
      });
    }
    const erased = await eraseTraces(deps.privacy, auth.user.id);
    response.redirect(303, `/hub/privacy?erased=${erased.statements}`);
  });
  return router;
}

namespace Private {
  /** The page's language, and « tu » for a pupil in school mode. */
  export async function pageTranslator(
    response: Response,
    deps: IPrivacyPageDeps
  ): Promise<IHubTranslator> {
    const trans = pageTrans(response);
    const auth = response.locals.auth as IAuthContext | null;
    return auth && (await deps.isSchoolMode(auth.user))
      ? schoolTranslator(trans)
      : trans;
  }

  export function back(response: Response) {
    const trans = pageTrans(response);
    return { href: '/hub/privacy', text: trans.__('Back to the privacy page') };
  }

  export async function render(
    request: Request,
    response: Response,
    deps: IPrivacyPageDeps,
    problem: { status: number; error: string } | null = null
  ): Promise<void> {
    const trans = await pageTranslator(response, deps);
    const auth = response.locals.auth as IAuthContext | null;
    const view = auth ? await privacyView(deps.privacy, auth.user) : null;
    const notice = problem
      ? html`<p class="cdc-error" role="alert">${problem.error}</p>`
      : request.query.saved
        ? html`<p class="cdc-notice" role="status">${trans.__('Your choice is saved.')}</p>`
        : typeof request.query.erased === 'string'
          ? html`<p class="cdc-notice" role="status">${trans._n('Your traces are erased (%1 statement).', 'Your traces are erased (%1 statements).', Number(request.query.erased) || 0)}</p>`
          : html``;
    sendPage(
      response,
      trans.__('Your data and learning traces'),
      html`<h1>${trans.__('Your data and learning traces')}</h1>
${notice}
${view && auth ? choiceForm(trans, view, auth.session.xsrfToken) : html``}
${collected(trans)}
<h2>${trans.__('Why')}</h2>
<p>${trans.__('Assignment traces let your teacher follow who fetched and handed in their work. Optional traces show your teachers how a class works (cells run, frequent errors, who asked for help) and let the programme measure how the platform is used, in figures without names.')}</p>
<h2>${trans.__('For how long')}</h2>
<p>${trans._n('Traces are kept %1 day, then deleted automatically.', 'Traces are kept %1 days, then deleted automatically.', deps.retentionDays)}</p>
<h2>${trans.__('Who sees them')}</h2>
<ul>
<li>${trans.__('You: you can download all your traces.')}</li>
<li>${trans.__('The teacher of your class: their pupils’ traces about assignments, and the optional traces of those who agreed.')}</li>
<li>${trans.__('The administrators of your establishment: figures only (how many users, how many hand-ins), never one pupil’s traces.')}</li>
</ul>
<p>${trans.__('Traces carry a pseudonym, never your name: only the platform can tell whose they are. Nothing is sent outside the platform.')}</p>
${view && auth ? exportAndErase(trans, auth.session.xsrfToken) : html`<p><a href="/hub/login?next=%2Fhub%2Fprivacy">${trans.__('Sign in to see and change your choice, export or erase your traces.')}</a></p>`}`,
      { status: problem?.status }
    );
  }

  function collected(trans: IHubTranslator): SafeHtml {
    const optional = [
      trans.__('a notebook opened or closed, saved'),
      trans.__(
        'a cell run: success, or the name of the error (the code itself only where your establishment enabled it)'
      ),
      trans.__('a library resource viewed, copied or recommended'),
      trans.__('joining a shared notebook (real-time collaboration)'),
      trans.__('a request for help')
    ];
    return html`<h2>${trans.__('What is recorded')}</h2>
<p>${trans.__('Candyce records learning traces (xAPI statements) in its own Learning Record Store, on the platform:')}</p>
<ul>
<li>${htmlFormat(trans.__('%1 assignments fetched, handed in and returned. These are needed for school work and always recorded.'), html`<strong>${trans.__('Essential:')}</strong>`)}</li>
<li>${htmlFormat(trans.__('%1 only with consent:'), html`<strong>${trans.__('Optional,')}</strong>`)}
<ul>
${joinHtml(
  optional.map(item => html`<li>${item}</li>`),
  '\n'
)}
</ul></li>
</ul>
<p>${trans.__('Pupils who are minors record no optional trace unless their class allows it and they agree.')}</p>`;
  }

  function reasonText(trans: IHubTranslator, reason: ConsentReason): string {
    switch (reason) {
      case 'class_default':
        return trans.__(
          'Your class records no optional traces until its teacher allows them with everyone’s consent.'
        );
      case 'class_policy':
        return trans.__(
          'The teacher of one of your classes chose « no optional traces »: your choice applies only when no class of yours refuses them.'
        );
      case 'minor_default':
        return trans.__(
          'As a pupil, nothing optional is recorded until you say yes.'
        );
      case 'adult_default':
        return trans.__(
          'You have not chosen yet: optional traces are recorded until you say no.'
        );
      case 'own_choice':
        return trans.__('This is your own choice.');
    }
  }

  function choiceForm(
    trans: IHubTranslator,
    view: IPrivacyView,
    xsrf: string
  ): SafeHtml {
    const checked = (value: boolean) =>
      view.choice === value ? html` checked` : html``;
    return html`<h2>${trans.__('Your choice')}</h2>
<p><strong>${view.optional ? trans.__('Optional traces are recorded for you.') : trans.__('Optional traces are not recorded for you.')}</strong> ${reasonText(trans, view.reason)}</p>
<form method="post" action="/hub/privacy">
<input type="hidden" name="_xsrf" value="${xsrf}">
<fieldset>
<legend>${trans.__('Record my optional traces?')}</legend>
<ul class="cdc-checks">
<li><input type="radio" id="optional-yes" name="optional" value="yes"${checked(true)}> <label for="optional-yes">${trans.__('Yes, I agree')}</label></li>
<li><input type="radio" id="optional-no" name="optional" value="no"${checked(false)}> <label for="optional-no">${trans.__('No')}</label></li>
</ul>
</fieldset>
<p><button type="submit">${trans.__('Save my choice')}</button></p>
</form>`;
  }

  function exportAndErase(trans: IHubTranslator, xsrf: string): SafeHtml {
    return html`<h2>${trans.__('Export or erase your traces')}</h2>
<p><a href="/hub/api/v1/me/traces" download>${trans.__('Download my traces (JSON file)')}</a></p>
<form method="post" action="/hub/privacy/erase">
<input type="hidden" name="_xsrf" value="${xsrf}">
<ul class="cdc-checks">
<li><input type="checkbox" id="confirm-erase" name="confirm" value="yes"> <label for="confirm-erase">${trans.__('I understand that all my traces will be deleted for good.')}</label></li>
</ul>
<p><button type="submit" class="cdc-secondary">${trans.__('Erase all my traces')}</button></p>
</form>
<p class="cdc-muted">${trans.__('A parent can also ask the establishment’s administration to export or erase a pupil’s traces.')}</p>`;
  }
}
