/**
 * The administration of users on the hub's pages: `GET /hub/admin/utilisateurs` (the
 * list), `GET /hub/admin/utilisateurs/:name` (a user's page) and its forms (roles,
 * deactivate, reactivate, reset code), `GET|POST /hub/admin/nouvel-utilisateur`. The
 * rules are `UserAdministration`'s; here only who may open the pages (`users:write`),
 * the anti-CSRF field and the HTML.
 */
import { Request, Response, Router } from 'express';

import { ClassService } from '../classes/service';
import { refusal } from '../http/errors';
import { IHubTranslator } from '../i18n';
import { Policy } from '../policy';
import { ServerRegistry } from '../servers/registry';
import { UserAdministration } from '../users/administration';
import { Role, ROLES } from '../users/names';
import { UserService } from '../users/service';
import {
  createUserBody,
  IUserListFilters,
  resetIssuedBody,
  userListBody,
  userPageBody,
  userPath,
  USERS_PATH
} from './adminUserViews';
import { FieldErrors, formList, formText } from './forms';
import { requireFormAuth, requirePageAuth } from './guards';
import {
  forbiddenPage,
  IBackLink,
  messagePage,
  orMessagePage,
  pageTrans,
  sendPage
} from './render';
import { IAuthContext } from '../auth/middleware';

/** Users per page of the list. */
export const ADMIN_USERS_PER_PAGE = 50;

/**
 * What the pages of the administration of users need.
 */
export interface IAdminUserPagesDeps {
  administration: UserAdministration;
  users: UserService;
  classes: ClassService;
  registry: ServerRegistry;
  policy: Policy;
  /** The hub's public URL, for the reset links (else the request's own origin). */
  publicUrl?: string;
}

/**
 * The router of the administration of users.
 */
export function adminUserPagesRouter(deps: IAdminUserPagesDeps): Router {
  const router = Router();

  router.get('/admin/utilisateurs', async (request, response) => {
    const auth = Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const filters = Private.filters(request.query);
    const text = (value: unknown) =>
      typeof value === 'string' && value ? value.slice(0, 64) : undefined;
    const page = await deps.administration.list({
      query: filters.query,
      role: filters.role || undefined,
      deactivated:
        filters.state === '' ? undefined : filters.state === 'desactives',
      after: text(request.query.apres),
      before: text(request.query.avant),
      limit: ADMIN_USERS_PER_PAGE
    });
    sendPage(response, trans.__('Users'), userListBody(trans, filters, page), {
      full: true
    });
  });

  router.get('/admin/nouvel-utilisateur', (request, response) => {
    const auth = Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    Private.createForm(response, auth, {
      values: { name: '', displayName: '', roles: [] },
      errors: {}
    });
  });

  router.post('/admin/nouvel-utilisateur', async (request, response) => {
    const auth = Private.administratorForm(deps, request, response, {
      href: '/hub/admin/nouvel-utilisateur',
      text: pageTrans(response).__('Back to the form')
    });
    if (!auth) {
      return;
    }
    const values = {
      name: formText(request.body, 'nom').trim().toLowerCase(),
      displayName: formText(request.body, 'affichage').trim(),
      roles: formList(request.body, 'roles')
    };
    try {
      const user = await deps.administration.create(auth.user, values);
      response.redirect(303, `${userPath(user.name)}?fait=cree`);
    } catch (error) {
      const trans = pageTrans(response);
      const refused = refusal(error, trans.language);
      if (!refused) {
        throw error;
      }
      const field =
        refused.code === 'invalid_display_name'
          ? 'affichage'
          : ['invalid_role', 'role_above_own'].includes(refused.code)
            ? 'roles'
            : 'nom';
      Private.createForm(
        response,
        auth,
        { values, errors: { [field]: refused.message } },
        refused.status
      );
    }
  });

  router.get('/admin/utilisateurs/:name', async (request, response) => {
    const auth = Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const user = await deps.users.getByName(String(request.params.name));
    if (!user) {
      return messagePage(
        response,
        404,
        trans.__('Unknown user'),
        trans.__('No account has this username.'),
        Private.listLink(trans)
      );
    }
    const classes = await deps.classes.forUser(user.id);
    const done =
      typeof request.query.fait === 'string' ? request.query.fait : undefined;
    sendPage(
      response,
      user.displayName,
      userPageBody(trans, {
        user,
        classes,
        server: deps.registry.state(user),
        caller: auth.user,
        xsrf: auth.session.xsrfToken,
        done
      }),
      { full: true }
    );
  });

  const action = (
    path: string,
    work: (
      auth: IAuthContext,
      name: string,
      request: Request,
      response: Response
    ) => Promise<void>
  ) =>
    router.post(
      `/admin/utilisateurs/:name/${path}`,
      async (request, response) => {
        const name = String(request.params.name);
        const trans = pageTrans(response);
        const back = {
          href: userPath(name),
          text: trans.__('Back to the user’s page')
        };
        const auth = Private.administratorForm(deps, request, response, back);
        if (!auth) {
          return;
        }
        await orMessagePage(response, back, () =>
          work(auth, name, request, response)
        );
      }
    );

  action('roles', async (auth, name, request, response) => {
    await deps.administration.setRoles(
      auth.user,
      name,
      formList(request.body, 'roles')
    );
    response.redirect(303, `${userPath(name)}?fait=roles`);
  });
  action('desactiver', async (auth, name, _request, response) => {
    await deps.administration.deactivate(auth.user, name);
    response.redirect(303, `${userPath(name)}?fait=desactive`);
  });
  action('reactiver', async (auth, name, _request, response) => {
    await deps.administration.reactivate(auth.user, name);
    response.redirect(303, `${userPath(name)}?fait=reactive`);
  });
  action('reinitialisation', async (auth, name, request, response) => {
    const reset = await deps.administration.issueReset(auth.user, name);
    const user = (await deps.users.getByName(name))!;
    const origin =
      deps.publicUrl?.replace(/\/+$/, '') ??
      `${request.protocol}://${request.get('host')}`;
    const trans = pageTrans(response);
    // Shown once: the answer is not stored (no-store) and the code is not in a URL.
    response.setHeader('Cache-Control', 'no-store');
    sendPage(
      response,
      trans.__('Reset code for %1', user.displayName),
      resetIssuedBody(trans, user, {
        ...reset,
        link: `${origin}/hub/mot-de-passe?code=${reset.code}`
      }),
      { full: true }
    );
  });

  return router;
}

namespace Private {
  /** The caller of a page if they administer users, else null once answered. */
  export function administrator(
    deps: IAdminUserPagesDeps,
    request: Request,
    response: Response
  ): IAuthContext | null {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return null;
    }
    return allowed(deps, auth, response) ? auth : null;
  }

  /** The same for a form, which must carry the session's `_xsrf`. */
  export function administratorForm(
    deps: IAdminUserPagesDeps,
    request: Request,
    response: Response,
    back: IBackLink
  ): IAuthContext | null {
    const auth = requireFormAuth(request, response, back);
    if (!auth) {
      return null;
    }
    return allowed(deps, auth, response) ? auth : null;
  }

  function allowed(
    deps: IAdminUserPagesDeps,
    auth: IAuthContext,
    response: Response
  ): boolean {
    if (deps.policy.reach(auth.user, 'users:write') === 'all') {
      return true;
    }
    forbiddenPage(
      response,
      pageTrans(response).__(
        'This page is for the platform’s administrators only.'
      )
    );
    return false;
  }

  export function listLink(trans: IHubTranslator): IBackLink {
    return { href: USERS_PATH, text: trans.__('Back to the users') };
  }

  export function filters(query: Record<string, unknown>): IUserListFilters {
    const role = typeof query.role === 'string' ? query.role : '';
    const state = typeof query.etat === 'string' ? query.etat : '';
    return {
      query: (typeof query.q === 'string' ? query.q : '').trim().slice(0, 100),
      role: ROLES.includes(role as Role) ? (role as Role) : '',
      state: state === 'actifs' || state === 'desactives' ? state : ''
    };
  }

  export function createForm(
    response: Response,
    auth: IAuthContext,
    form: {
      values: { name: string; displayName: string; roles: string[] };
      errors: FieldErrors;
    },
    status = 200
  ): void {
    const trans = pageTrans(response);
    sendPage(
      response,
      trans.__('Create a user'),
      createUserBody(trans, {
        callerRoles: auth.user.roles,
        xsrf: auth.session.xsrfToken,
        ...form
      }),
      { status, full: true }
    );
  }
}
