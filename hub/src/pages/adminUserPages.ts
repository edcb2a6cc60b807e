/**
 * The administration of users on the hub's pages: `GET /hub/admin/utilisateurs` (the
 * list), `GET /hub/admin/utilisateurs/:name` (a user's page) and its forms (roles,
 * deactivate, reactivate, reset code), `GET|POST /hub/admin/nouvel-utilisateur`. The
 * rules are `UserAdministration`'s; here only who may open the pages (`users:write`:
 * global administrators on every account, establishments' administrators on their
 * establishments' users, as the policy decides), the anti-CSRF field and the HTML.
 */
import { Request, Response, Router } from 'express';

import { ClassService } from '../classes/service';
import { EstablishmentAdministration } from '../establishments/service';
import { DomainError, trans } from '../errors';
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
  /** Who administers which establishments, and which a user belongs to. */
  establishments: EstablishmentAdministration;
  /** The hub's public URL, for the reset links (else the request's own origin). */
  publicUrl?: string;
}

/** The caller of the administration's pages, and whether they act on their schools'. */
type IAdministratorAuth = IAuthContext & {
  /** An establishment's administrator: only their establishments' users. */
  scoped: boolean;
};

/**
 * The router of the administration of users.
 */
export function adminUserPagesRouter(deps: IAdminUserPagesDeps): Router {
  const router = Router();

  router.get('/admin/utilisateurs', async (request, response) => {
    const auth = await Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const administered = await Private.administered(deps, auth);
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
      limit: ADMIN_USERS_PER_PAGE,
      establishmentIds: administered?.map(each => each.id)
    });
    sendPage(
      response,
      trans.__('Users'),
      userListBody(trans, filters, page, administered),
      { full: true }
    );
  });

  router.get('/admin/nouvel-utilisateur', async (request, response) => {
    const auth = await Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    await Private.createForm(deps, response, auth, {
      values: { name: '', displayName: '', roles: [], establishmentId: '' },
      errors: {}
    });
  });

  router.post('/admin/nouvel-utilisateur', async (request, response) => {
    const auth = await Private.administratorForm(deps, request, response, {
      href: '/hub/admin/nouvel-utilisateur',
      text: pageTrans(response).__('Back to the form')
    });
    if (!auth) {
      return;
    }
    const values = {
      name: formText(request.body, 'nom').trim().toLowerCase(),
      displayName: formText(request.body, 'affichage').trim(),
      roles: formList(request.body, 'roles'),
      establishmentId: formText(request.body, 'etablissement').trim()
    };
    try {
      const establishmentId = values.establishmentId || undefined;
      if (auth.scoped) {
        await Private.checkSchool(deps, auth, establishmentId);
      }
      const user = await deps.administration.create(auth.user, {
        ...values,
        establishmentId
      });
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
            : [
                  'establishment_required',
                  'unknown_establishment',
                  'forbidden'
                ].includes(refused.code)
              ? 'etablissement'
              : 'nom';
      await Private.createForm(
        deps,
        response,
        auth,
        { values, errors: { [field]: refused.message } },
        refused.status
      );
    }
  });

  router.get('/admin/utilisateurs/:name', async (request, response) => {
    const auth = await Private.administrator(deps, request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    // A group workspace's account is as unknown as a missing one (see `person`).
    const user = await deps.administration.person(String(request.params.name));
    if (!(await Private.mayActOn(deps, auth, 'users:read', user))) {
      return Private.notTheirs(response);
    }
    if (!user) {
      return messagePage(
        response,
        404,
        trans.__('Unknown user'),
        trans.__('No account has this username.'),
        Private.listLink(trans)
      );
    }
    const [classes, establishmentIds] = await Promise.all([
      deps.classes.forUser(user.id),
      deps.establishments.establishmentsOf(user.id)
    ]);
    const establishments = await deps.establishments.list(establishmentIds);
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
        done,
        establishments,
        scoped: auth.scoped
      }),
      { full: true }
    );
  });

  const action = (
    path: string,
    work: (
      auth: IAdministratorAuth,
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
        const auth = await Private.administratorForm(
          deps,
          request,
          response,
          back
        );
        if (!auth) {
          return;
        }
        const target = await deps.administration.person(name);
        if (!(await Private.mayActOn(deps, auth, 'users:write', target))) {
          return Private.notTheirs(response);
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
  export async function administrator(
    deps: IAdminUserPagesDeps,
    request: Request,
    response: Response
  ): Promise<IAdministratorAuth | null> {
    const auth = requirePageAuth(request, response);
    return auth ? allowed(deps, auth, response) : null;
  }

  /** The same for a form, which must carry the session's `_xsrf`. */
  export async function administratorForm(
    deps: IAdminUserPagesDeps,
    request: Request,
    response: Response,
    back: IBackLink
  ): Promise<IAdministratorAuth | null> {
    const auth = requireFormAuth(request, response, back);
    return auth ? allowed(deps, auth, response) : null;
  }

  async function allowed(
    deps: IAdminUserPagesDeps,
    auth: IAuthContext,
    response: Response
  ): Promise<IAdministratorAuth | null> {
    const reach = await deps.policy.scopedReach(auth.user, 'users:write');
    if (reach === 'all' || reach === 'establishment') {
      return { ...auth, scoped: reach === 'establishment' };
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
   * The establishments an establishment's administrator administers, by name (null
   * for a global administrator).
   */
  export async function administered(
    deps: IAdminUserPagesDeps,
    auth: IAdministratorAuth
  ) {
    if (!auth.scoped) {
      return null;
    }
    const scope = await deps.establishments.administered(auth.user);
    return deps.establishments.list(scope?.establishmentIds ?? []);
  }

  /**
   * Whether the caller may act on this account (a global administrator: on any, and
   * an unknown one answers 404 later; an establishment's: on their users only).
   */
  export async function mayActOn(
    deps: IAdminUserPagesDeps,
    auth: IAdministratorAuth,
    right: 'users:read' | 'users:write',
    target: { id: string } | null
  ): Promise<boolean> {
    return (
      !auth.scoped ||
      (target !== null &&
        (await deps.policy.allows(auth.user, right, { userId: target.id })))
    );
  }

  /** The refusal of an account that is not one of the caller's schools' users. */
  export function notTheirs(response: Response): void {
    const trans = pageTrans(response);
    forbiddenPage(
      response,
      trans.__('This account does not belong to the schools you administer.')
    );
  }

  /**
   * @throws {DomainError} 400 `establishment_required` without a school, 403
   *   `forbidden` for a school the caller does not administer.
   */
  export async function checkSchool(
    deps: IAdminUserPagesDeps,
    auth: IAdministratorAuth,
    establishmentId: string | undefined
  ): Promise<void> {
    if (establishmentId === undefined) {
      throw new DomainError(
        'establishment_required',
        trans.__('Choose the school the account belongs to.')
      );
    }
    await deps.policy.require(auth.user, 'users:write', { establishmentId });
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

  export async function createForm(
    deps: IAdminUserPagesDeps,
    response: Response,
    auth: IAdministratorAuth,
    form: {
      values: {
        name: string;
        displayName: string;
        roles: string[];
        establishmentId: string;
      };
      errors: FieldErrors;
    },
    status = 200
  ): Promise<void> {
    const trans = pageTrans(response);
    const establishments =
      (await administered(deps, auth)) ??
      (await deps.establishments.list(null));
    sendPage(
      response,
      trans.__('Create a user'),
      createUserBody(trans, {
        callerRoles: auth.user.roles,
        xsrf: auth.session.xsrfToken,
        establishments,
        scoped: auth.scoped,
        ...form
      }),
      { status, full: true }
    );
  }
}
