/**
 * `GET /hub/admin/administrateurs`: who administers which school or academy, a form
 * that makes someone one (`POST`), and a button per grant that withdraws it
 * (`POST /hub/admin/administrateurs/:id/retirer`). Global administrators only
 * (`administrators:write`); the rules and the audit log are
 * `EstablishmentAdministration`'s.
 */
import { Request, Response, Router } from 'express';

import {
  EstablishmentAdministration,
  IAdministratorGrant,
  IEstablishmentEntry
} from '../establishments/service';
import { DomainError, trans } from '../errors';
import { refusal } from '../http/errors';
import { IHubTranslator } from '../i18n';
import { Policy } from '../policy';
import { UserService } from '../users/service';
import { adminNav, userPath } from './adminUserViews';
import {
  errorSummary,
  FieldErrors,
  formText,
  selectField,
  textField,
  xsrfField
} from './forms';
import { requireFormAuth, requirePageAuth } from './guards';
import { html, joinHtml, SafeHtml } from './html';
import { forbiddenPage, orMessagePage, pageTrans, sendPage } from './render';
import { formatTime } from './time';
import { IAuthContext } from '../auth/middleware';

/** Where the page lives. */
export const ADMINISTRATORS_PATH = '/hub/admin/administrateurs';

/**
 * What the page needs.
 */
export interface IAdminAdministratorsPageDeps {
  establishments: EstablishmentAdministration;
  users: UserService;
  policy: Policy;
}

/**
 * The router of the page.
 */
export function adminAdministratorsPageRouter(
  deps: IAdminAdministratorsPageDeps
): Router {
  const router = Router();

  router.get('/admin/administrateurs', async (request, response) => {
    const auth = Private.allowed(
      deps,
      requirePageAuth(request, response),
      response
    );
    if (!auth) {
      return;
    }
    const done =
      typeof request.query.fait === 'string' ? request.query.fait : undefined;
    await Private.send(deps, response, auth, {
      values: { user: '', scope: '' },
      errors: {},
      done
    });
  });

  router.post('/admin/administrateurs', async (request, response) => {
    const trans = pageTrans(response);
    const back = { href: ADMINISTRATORS_PATH, text: trans.__('Back') };
    const auth = Private.allowed(
      deps,
      requireFormAuth(request, response, back),
      response
    );
    if (!auth) {
      return;
    }
    const values = {
      user: formText(request.body, 'utilisateur').trim().toLowerCase(),
      scope: formText(request.body, 'portee')
    };
    try {
      const user = await deps.users.getByName(values.user);
      if (!user) {
        throw Private.unknownUser();
      }
      await deps.establishments.grant(
        auth.user.id,
        user.id,
        Private.scopeOf(values.scope)
      );
      response.redirect(303, `${ADMINISTRATORS_PATH}?fait=nomme`);
    } catch (error) {
      const refused = refusal(error, trans.language);
      if (!refused) {
        throw error;
      }
      const field = refused.code === 'unknown_user' ? 'utilisateur' : 'portee';
      await Private.send(
        deps,
        response,
        auth,
        { values, errors: { [field]: refused.message } },
        refused.status
      );
    }
  });

  router.post(
    '/admin/administrateurs/:id/retirer',
    async (request: Request, response: Response) => {
      const trans = pageTrans(response);
      const back = { href: ADMINISTRATORS_PATH, text: trans.__('Back') };
      const auth = Private.allowed(
        deps,
        requireFormAuth(request, response, back),
        response
      );
      if (!auth) {
        return;
      }
      await orMessagePage(response, back, async () => {
        await deps.establishments.revoke(
          auth.user.id,
          String(request.params.id)
        );
        response.redirect(303, `${ADMINISTRATORS_PATH}?fait=retire`);
      });
    }
  );

  return router;
}

namespace Private {
  export function allowed(
    deps: IAdminAdministratorsPageDeps,
    auth: IAuthContext | null,
    response: Response
  ): IAuthContext | null {
    if (!auth) {
      return null;
    }
    if (deps.policy.reach(auth.user, 'administrators:write') === 'all') {
      return auth;
    }
    forbiddenPage(
      response,
      pageTrans(response).__(
        'This page is for the platform’s administrators only.'
      )
    );
    return null;
  }

  /**
   * What the form's one choice names: `etablissement:<id>` or `academie:<name>`.
   *
   * @throws {DomainError} 400 `invalid_request` for anything else.
   */
  export function scopeOf(value: string): {
    establishmentId?: string;
    academy?: string;
  } {
    const [kind, ...rest] = value.split(':');
    const name = rest.join(':');
    if (name && kind === 'etablissement') {
      return { establishmentId: name };
    }
    if (name && kind === 'academie') {
      return { academy: name };
    }
    throw new DomainError(
      'invalid_request',
      trans.__('Choose a school or an academy.')
    );
  }

  export function unknownUser(): DomainError {
    return new DomainError('unknown_user', trans.__('Unknown user.'));
  }

  export async function send(
    deps: IAdminAdministratorsPageDeps,
    response: Response,
    auth: IAuthContext,
    form: {
      values: { user: string; scope: string };
      errors: FieldErrors;
      done?: string;
    },
    status = 200
  ): Promise<void> {
    const trans = pageTrans(response);
    const [grants, establishments] = await Promise.all([
      deps.establishments.grants(),
      deps.establishments.list(null)
    ]);
    const people = new Map(
      await Promise.all(
        [...new Set(grants.map(grant => grant.userId))].map(
          async id => [id, await deps.users.get(id)] as const
        )
      )
    );
    sendPage(
      response,
      trans.__('School administrators'),
      body(trans, {
        grants: grants.map(grant => ({
          grant,
          person: people.get(grant.userId) ?? null
        })),
        establishments,
        xsrf: auth.session.xsrfToken,
        ...form
      }),
      { status, full: true }
    );
  }

  function body(
    trans: IHubTranslator,
    model: {
      grants: {
        grant: IAdministratorGrant;
        person: { name: string; displayName: string } | null;
      }[];
      establishments: IEstablishmentEntry[];
      xsrf: string;
      values: { user: string; scope: string };
      errors: FieldErrors;
      done?: string;
    }
  ): SafeHtml {
    const names = new Map(model.establishments.map(each => [each.id, each]));
    const what = (grant: IAdministratorGrant) =>
      grant.establishmentId !== null
        ? (names.get(grant.establishmentId)?.name ?? '—')
        : trans.__('Academy of %1', grant.academy!);
    const rows = model.grants.map(
      ({ grant, person }) => html`<tr>
<th scope="row">${person ? html`<a href="${userPath(person.name)}">${person.displayName}</a>` : trans.__('deleted account')}</th>
<td>${what(grant)}</td>
<td>${formatTime(trans, grant.grantedAt)}</td>
<td><form method="post" action="${ADMINISTRATORS_PATH}/${encodeURIComponent(grant.id)}/retirer">
${xsrfField(model.xsrf)}<button type="submit" class="cdc-secondary cdc-small" aria-label="${trans.__('Withdraw from %1 the administration of %2', person?.displayName ?? '—', what(grant))}">${trans.__('Withdraw')}</button>
</form></td>
</tr>`
    );
    const academies = [
      ...new Set(
        model.establishments
          .map(each => each.academy)
          .filter((academy): academy is string => academy !== null)
      )
    ].sort((a, b) => a.localeCompare(b, 'fr'));
    const choices = [
      { value: '', text: trans.__('Choose…') },
      ...academies.map(academy => ({
        value: `academie:${academy}`,
        text: trans.__('Academy of %1 (all its schools)', academy)
      })),
      ...model.establishments.map(each => ({
        value: `etablissement:${each.id}`,
        text: each.academy
          ? trans.__('%1 (academy of %2)', each.name, each.academy)
          : each.name
      }))
    ];
    const notices: Record<string, string> = {
      nomme: trans.__('The administrator has been named.'),
      retire: trans.__('The grant has been withdrawn.')
    };
    const notice = model.done && notices[model.done];
    return html`${adminNav(trans)}
${notice ? html`<p role="status" class="cdc-notice">${notice}</p>\n` : null}${errorSummary(trans, model.errors)}<h1>${trans.__('School administrators')}</h1>
<p>${trans.__('A school’s administrator creates, deactivates and reactivates the accounts of its users, sets their roles (never above their own) and issues their reset codes; an academy’s, for every school of the academy. Every grant is recorded in the log.')}</p>
${
  rows.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 grant', '%1 grants', rows.length)}</caption>
<thead><tr><th scope="col">${trans.__('Administrator')}</th><th scope="col">${trans.__('Administers')}</th><th scope="col">${trans.__('Since')}</th><th scope="col">${trans.__('Action')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`
    : html`<p role="status">${trans.__('Nobody administers a school yet.')}</p>`
}
<h2 id="nommer">${trans.__('Name an administrator')}</h2>
<form method="post" action="${ADMINISTRATORS_PATH}" novalidate>
${xsrfField(model.xsrf)}${textField(trans, 'utilisateur', trans.__('Username'), { value: model.values.user, maxLength: 64, required: true, autocomplete: 'off', error: model.errors.utilisateur })}${selectField(trans, 'portee', trans.__('School or academy'), { choices, selected: model.values.scope, required: true, error: model.errors.portee })}<button type="submit">${trans.__('Name the administrator')}</button>
</form>`;
  }
}
