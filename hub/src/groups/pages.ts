import { Request, Response, Router } from 'express';

import { DomainError } from '../errors';
import { refusal } from '../http/errors';
import { requestLanguage } from '../i18n';
import { FieldErrors, formList, formText, xsrfField } from '../pages/forms';
import { requireFormAuth, requirePageAuth } from '../pages/guards';
import { html } from '../pages/html';
import {
  forbiddenPage,
  messagePage,
  pageTrans,
  sendPage
} from '../pages/render';
import { Policy } from '../policy';
import { ServerRegistry } from '../servers/registry';
import { IUser, UserService } from '../users/service';
import { groupNeedsServerOrigins } from './access';
import { GroupService, IGroupWorkspace } from './service';
import {
  classGroupsUrl,
  GROUP_MEMBERS_FIELD,
  GROUP_NAME_FIELD,
  groupForm,
  groupUrl,
  IGroupCandidate,
  LEARNERS_CREATE_FIELD,
  sendGroupFormPage
} from './views';

/**
 * What the group pages need.
 */
export interface IGroupPagesDeps {
  groups: GroupService;
  users: UserService;
  classes: {
    get(id: string): Promise<{ id: string; name: string } | null>;
    members(classId: string): Promise<{ userId: string; membership: string }[]>;
  };
  policy: Policy;
  registry: ServerRegistry;
  /** Whether servers have origins of their own (subdomain mode): else none opens. */
  opens: boolean;
}

/**
 * The group workspaces' pages under /hub (French, no script, `_xsrf` in every form):
 *
 * - `GET /classes/:id/groupes/nouveau`, `POST /classes/:id/groupes`: create one (the
 *   class page has the same form); `POST /classes/:id/groupes/reglage`: whether the
 *   class's pupils may create theirs;
 * - `GET|POST /groupes/:id/membres`, `GET|POST /groupes/:id/supprimer`;
 * - `GET /groupes/ouvrir/:server`: start the group's server and go in (refused with a
 *   page of its own in path mode).
 *
 * Bad input answers the form again with 400 and its errors, and changes nothing.
 */
export function groupPagesRouter(deps: IGroupPagesDeps): Router {
  const router = Router();

  router.get('/classes/:id/groupes/nouveau', async (request, response) => {
    const auth = requirePageAuth(request, response);
    const klass =
      auth &&
      (await Private.creatable(deps, response, auth.user, request.params.id));
    if (auth && klass) {
      Private.createPage(deps, response, auth.session.xsrfToken, klass, {
        name: '',
        ticked: []
      });
    }
  });

  router.post('/classes/:id/groupes', async (request, response) => {
    const auth = requireFormAuth(request, response);
    const klass =
      auth &&
      (await Private.creatable(deps, response, auth.user, request.params.id));
    if (!auth || !klass) {
      return;
    }
    const values = {
      name: formText(request.body, GROUP_NAME_FIELD),
      ticked: formList(request.body, GROUP_MEMBERS_FIELD)
    };
    try {
      await deps.groups.create(auth.user, klass.id, {
        name: values.name,
        memberNames: values.ticked
      });
    } catch (error) {
      const errors = Private.fieldErrors(request, error);
      if (!errors) {
        throw error;
      }
      return Private.createPage(
        deps,
        response,
        auth.session.xsrfToken,
        klass,
        values,
        errors
      );
    }
    response.redirect(
      303,
      klass.manages
        ? `/hub/classes/${encodeURIComponent(klass.id)}#groupes-titre`
        : '/hub/home'
    );
  });

  router.post('/classes/:id/groupes/reglage', async (request, response) => {
    const auth = requireFormAuth(request, response);
    if (!auth) {
      return;
    }
    const classId = request.params.id;
    if (
      !(await deps.classes.get(classId)) ||
      !(await deps.policy.allows(auth.user, 'classes:write', { classId }))
    ) {
      return forbiddenPage(response);
    }
    const value = formText(request.body, LEARNERS_CREATE_FIELD);
    if (value !== '' && value !== 'oui') {
      return forbiddenPage(response);
    }
    await deps.groups.setLearnersCreate(classId, value === 'oui');
    response.redirect(
      303,
      `/hub/classes/${encodeURIComponent(classId)}#groupes-titre`
    );
  });

  router.get('/groupes/:id/membres', async (request, response) => {
    const auth = requirePageAuth(request, response);
    const group =
      auth &&
      (await Private.managed(deps, response, auth.user, request.params.id));
    if (auth && group) {
      await Private.membersPage(
        deps,
        response,
        auth.session.xsrfToken,
        group,
        group.members.map(member => member.name)
      );
    }
  });

  router.post('/groupes/:id/membres', async (request, response) => {
    const auth = requireFormAuth(request, response);
    const group =
      auth &&
      (await Private.managed(deps, response, auth.user, request.params.id));
    if (!auth || !group) {
      return;
    }
    const ticked = formList(request.body, GROUP_MEMBERS_FIELD);
    try {
      await deps.groups.setMembers(auth.user, group.id, ticked);
    } catch (error) {
      const errors = Private.fieldErrors(request, error);
      if (!errors) {
        throw error;
      }
      return Private.membersPage(
        deps,
        response,
        auth.session.xsrfToken,
        group,
        ticked,
        errors
      );
    }
    response.redirect(
      303,
      `/hub/classes/${encodeURIComponent(group.classId)}#groupes-titre`
    );
  });

  router.get('/groupes/:id/supprimer', async (request, response) => {
    const auth = requirePageAuth(request, response);
    const group =
      auth &&
      (await Private.managed(deps, response, auth.user, request.params.id));
    if (!auth || !group) {
      return;
    }
    const trans = pageTrans(response);
    const back = `/hub/classes/${encodeURIComponent(group.classId)}`;
    sendPage(
      response,
      trans.__('Delete the workspace %1', group.name),
      html`<p><a href="${back}">${trans.__('Back to the class %1', group.className)}</a></p>
<h1>${trans.__('Delete the workspace %1?', group.name)}</h1>
<p>${trans.__('Its members will no longer open it and its server stops. Its files are not erased: they stay archived on the platform, and its administrator can hand them back.')}</p>
<form method="post" action="${groupUrl(group.id)}/supprimer">
${xsrfField(auth.session.xsrfToken)}
<button type="submit">${trans.__('Delete the workspace %1', group.name)}</button>
<a class="cdc-button cdc-secondary" href="${back}">${trans.__('Cancel')}</a>
</form>`
    );
  });

  router.post('/groupes/:id/supprimer', async (request, response) => {
    const auth = requireFormAuth(request, response);
    const group =
      auth &&
      (await Private.managed(deps, response, auth.user, request.params.id));
    if (!auth || !group) {
      return;
    }
    await deps.groups.remove(auth.user, group.id);
    response.redirect(
      303,
      `/hub/classes/${encodeURIComponent(group.classId)}#groupes-titre`
    );
  });

  router.get('/groupes/ouvrir/:server', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const group = (await deps.groups.mine(auth.user)).find(
      mine => mine.serverName === request.params.server
    );
    if (!group) {
      return messagePage(
        response,
        404,
        trans.__('Workspace unavailable'),
        trans.__('This group workspace does not exist or is not yours.')
      );
    }
    if (!deps.opens) {
      const refused = refusal(
        groupNeedsServerOrigins(),
        requestLanguage(request)
      )!;
      return messagePage(
        response,
        refused.status,
        trans.__('Workspace unavailable'),
        refused.message
      );
    }
    try {
      await deps.registry.ensure(await deps.groups.account(group.id));
    } catch (error) {
      const refused = refusal(error, requestLanguage(request));
      if (!refused) {
        throw error;
      }
      return messagePage(
        response,
        refused.status,
        trans.__('Workspace unavailable'),
        refused.message
      );
    }
    response.redirect(303, `/user/${encodeURIComponent(group.serverName)}/lab`);
  });

  return router;
}

namespace Private {
  /** A class where the caller may create a group, with whether they manage it. */
  export async function creatable(
    deps: IGroupPagesDeps,
    response: Response,
    user: IUser,
    classId: string
  ): Promise<{ id: string; name: string; manages: boolean } | null> {
    const klass = await deps.classes.get(classId);
    if (!klass) {
      forbiddenPage(response);
      return null;
    }
    if (await deps.policy.allows(user, 'classes:write', { classId })) {
      return { ...klass, manages: true };
    }
    const learner = (await deps.classes.members(classId)).some(
      member => member.userId === user.id && member.membership === 'learner'
    );
    if (!learner || !(await deps.groups.learnersCreate(classId))) {
      const trans = pageTrans(response);
      forbiddenPage(
        response,
        trans.__(
          'Only the teachers of this class create group workspaces: ask yours.'
        )
      );
      return null;
    }
    return { ...klass, manages: false };
  }

  /** A live workspace the caller manages (a teacher of its class), else a 403 page. */
  export async function managed(
    deps: IGroupPagesDeps,
    response: Response,
    user: IUser,
    groupId: string
  ): Promise<IGroupWorkspace | null> {
    const classId = await deps.groups.classOf(groupId);
    if (
      !classId ||
      !(await deps.policy.allows(user, 'classes:write', { classId }))
    ) {
      forbiddenPage(response);
      return null;
    }
    const group = (await deps.groups.ofClass(classId, user)).find(
      shown => shown.id === groupId
    );
    if (!group) {
      forbiddenPage(response);
      return null;
    }
    return group;
  }

  /** The learners of a class, by display name. */
  export async function learners(
    deps: IGroupPagesDeps,
    classId: string
  ): Promise<IGroupCandidate[]> {
    const ids = (await deps.classes.members(classId))
      .filter(member => member.membership === 'learner')
      .map(member => member.userId);
    const users = await Promise.all(ids.map(id => deps.users.get(id)));
    return users
      .filter((user): user is IUser => user !== null)
      .map(user => ({ name: user.name, displayName: user.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  }

  export async function createPage(
    deps: IGroupPagesDeps,
    response: Response,
    xsrfToken: string,
    klass: { id: string; name: string; manages: boolean },
    values: { name: string; ticked: string[] },
    errors?: FieldErrors
  ): Promise<void> {
    const trans = pageTrans(response);
    sendGroupFormPage(response, {
      title: trans.__('Create a group workspace in %1', klass.name),
      back: klass.manages
        ? {
            href: `/hub/classes/${encodeURIComponent(klass.id)}`,
            text: trans.__('Back to the class %1', klass.name)
          }
        : { href: '/hub/home', text: trans.__('Back to the home page') },
      intro: klass.manages
        ? undefined
        : trans.__('You will be in the group with the classmates you tick.'),
      errors,
      form: groupForm(trans, {
        action: classGroupsUrl(klass.id),
        xsrf: xsrfField(xsrfToken),
        learners: await learners(deps, klass.id),
        heading: 'h2',
        name: values.name,
        ticked: values.ticked,
        errors
      })
    });
  }

  export async function membersPage(
    deps: IGroupPagesDeps,
    response: Response,
    xsrfToken: string,
    group: IGroupWorkspace,
    ticked: string[],
    errors?: FieldErrors
  ): Promise<void> {
    const trans = pageTrans(response);
    sendGroupFormPage(response, {
      title: trans.__('Members of the workspace %1', group.name),
      back: {
        href: `/hub/classes/${encodeURIComponent(group.classId)}`,
        text: trans.__('Back to the class %1', group.className)
      },
      intro: trans.__(
        'Those you add are told at once; those you remove can no longer open it. Its files stay.'
      ),
      errors,
      form: groupForm(trans, {
        action: `${groupUrl(group.id)}/membres`,
        xsrf: xsrfField(xsrfToken),
        learners: await learners(deps, group.classId),
        heading: 'h2',
        ticked,
        errors,
        membersOnly: true
      })
    });
  }

  /** A refusal of the form's input, as errors by field; null for anything else. */
  export function fieldErrors(
    request: Request,
    error: unknown
  ): FieldErrors | null {
    if (!(error instanceof DomainError)) {
      return null;
    }
    const field =
      error.code === 'invalid_group_name' || error.code === 'group_name_taken'
        ? GROUP_NAME_FIELD
        : error.code === 'invalid_group_members'
          ? GROUP_MEMBERS_FIELD
          : null;
    const refused = field && refusal(error, requestLanguage(request));
    return refused ? { [field!]: refused.message } : null;
  }
}
