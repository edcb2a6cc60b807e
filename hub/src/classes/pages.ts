import { Request, Response, Router } from 'express';

import { FieldErrors, formList, formText } from '../pages/forms';
import { pageRight, requireFormAuth, requirePageAuth } from '../pages/guards';
import { translateMessage } from '../errors/message';
import { IHubTranslator } from '../i18n';
import type { SafeHtml } from '../pages/html';
import { forbiddenPage, messagePage, pageTrans } from '../pages/render';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import {
  assignableTeacher,
  enrollableLearners,
  establishmentChoices,
  searchProblem
} from './candidates';
import { classesLink, classUrl, createLink } from './classLinks';
import {
  LEARNER_SEARCH,
  SHOWN_CANDIDATES,
  TEACHER_SEARCH
} from './memberSections';
import { classNotice, redirectWithNotice } from './pageNotices';
import { IClassTracePolicies, TRACE_POLICY_FIELD } from './traceSections';
import {
  IChecked,
  renderClass,
  renderCreate,
  renderList,
  renderRemoval,
  SCHOOL_MODE_FIELD
} from './pageViews';
import {
  classCaller,
  classLevelIssue,
  classNameIssue,
  ClassService,
  IClass
} from './service';

/**
 * What the class pages need.
 */
export interface IClassPagesDeps {
  classes: ClassService;
  users: UserService;
  policy: Policy;
  /** The classes' policies on optional traces (privacy), when the hub has them. */
  tracePolicy?: IClassTracePolicies;
  /** « Espaces de groupe » (`hub/src/groups`), when the hub has them. */
  groupsSection?: (
    trans: IHubTranslator,
    user: IUser,
    classId: string,
    xsrfToken: string
  ) => Promise<SafeHtml>;
}

/**
 * The pages where teachers and admins manage classes (French, no script; every form
 * carries the session's `_xsrf`; rights from the policy):
 *
 * - `GET /classes`: the classes one may manage (a teacher's own, every class for an
 *   admin), linked to each class's page and class code sheet;
 * - `GET /classes/new`, `POST /classes`: create a class (name, level, establishment);
 * - `GET /classes/:id`: rename it, change its level, enrol learners (search among the
 *   learners one may see, tick, send: `q`) and remove them; admins also assign
 *   teachers (search among the teacher accounts, choose one, send: `qe`);
 * - `POST /classes/:id`, `POST /classes/:id/learners`, `POST /classes/:id/learners/remove`,
 *   `POST /classes/:id/teachers`, `POST /classes/:id/teachers/remove`;
 * - `POST /classes/:id/school-mode`: « Mode école pour cette classe » (checkbox
 *   `mode-ecole`), as the API's `PUT /classes/:id/school-mode`;
 * - `POST /classes/:id/trace-policy`: the class's policy on optional traces (radio
 *   `traces`: `none` or `consent`), as the API's `PUT /classes/:id/trace-policy`.
 *
 * Bad input answers the same page with 400, the errors next to their fields and in a
 * summary (role=alert), and changes nothing. Mount after the class codes pages, whose
 * `/classes/codes` this router's `/classes/:id` would otherwise take.
 */
export function classPagesRouter(deps: IClassPagesDeps): Router {
  const router = Router();

  const creates = pageRight(deps.policy, 'classes:create');

  router.get(
    '/classes',
    pageRight(deps.policy, 'classes:write'),
    async (request, response) => {
      const auth = requirePageAuth(request, response);
      if (!auth) {
        return;
      }
      // Every class, or one's own: what the list shows, the right being held.
      const every = deps.policy.reach(auth.user, 'classes:write') === 'all';
      await renderList(response, deps, auth, every);
    }
  );

  router.get('/classes/new', creates, async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const choices = await establishmentChoices(deps, auth);
    // A teacher of one establishment creates classes in it; an admin chooses.
    const teacherOfOne =
      choices.length === 1 &&
      deps.policy.reach(auth.user, 'classes:write') !== 'all';
    renderCreate(response, auth, choices, {
      etablissement: teacherOfOne ? choices[0].value : ''
    });
  });

  router.post('/classes', creates, async (request, response) => {
    const trans = pageTrans(response);
    const auth = requireFormAuth(
      request,
      response,
      createLink(trans),
      createLink(trans).href
    );
    if (!auth) {
      return;
    }
    const values = {
      nom: formText(request.body, 'nom'),
      niveau: formText(request.body, 'niveau'),
      etablissement: formText(request.body, 'etablissement')
    };
    const choices = await establishmentChoices(deps, auth);
    const errors = Private.nameAndLevelErrors(trans, values);
    if (
      values.etablissement &&
      !choices.some(choice => choice.value === values.etablissement)
    ) {
      errors.etablissement = trans.__('Choose a school from the list.');
    }
    if (Object.keys(errors).length) {
      return renderCreate(response, auth, choices, values, errors);
    }
    const klass = await deps.classes.createAs(
      classCaller(deps.policy, auth.user),
      {
        name: values.nom,
        level: values.niveau,
        establishmentId: values.etablissement || null
      }
    );
    response.redirect(303, `${classUrl(klass.id)}?ok=cree`);
  });

  router.get('/classes/:id', async (request, response) => {
    const checked = await Private.check(request, response, deps);
    if (checked) {
      const trans = pageTrans(response);
      const query = formText(request.query, 'q');
      const teacherQuery = formText(request.query, 'qe');
      const errors = Private.searchErrors(trans, {
        [LEARNER_SEARCH]: query,
        [TEACHER_SEARCH]: checked.assignsTeachers ? teacherQuery : ''
      });
      await renderClass(response, deps, checked, {
        query,
        teacherQuery,
        notice: classNotice(trans, request.query),
        errors
      });
    }
  });

  router.post('/classes/:id', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const values = {
      nom: formText(request.body, 'nom'),
      niveau: formText(request.body, 'niveau')
    };
    const errors = Private.nameAndLevelErrors(pageTrans(response), values);
    if (Object.keys(errors).length) {
      return renderClass(response, deps, checked, { values, errors });
    }
    await deps.classes.update(checked.klass.id, {
      name: values.nom,
      level: values.niveau
    });
    redirectWithNotice(response, checked.klass, 'enregistre');
  });

  // The class's school mode, as `PUT /hub/api/v1/classes/:id/school-mode` sets it
  // (the same right, `classes:write` on the class, and the same service call).
  router.post('/classes/:id/school-mode', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    // A ticked checkbox sends « oui », an unticked one nothing.
    const value = formText(request.body, SCHOOL_MODE_FIELD);
    if (value !== '' && value !== 'oui') {
      const trans = pageTrans(response);
      return renderClass(response, deps, checked, {
        errors: {
          [SCHOOL_MODE_FIELD]: trans.__(
            'Tick the box to turn school mode on, untick it to turn it off.'
          )
        }
      });
    }
    const on = value === 'oui';
    await deps.classes.schoolMode.set(checked.klass.id, on);
    redirectWithNotice(
      response,
      checked.klass,
      on ? 'mode-ecole-active' : 'mode-ecole-desactive'
    );
  });

  // The same right as `PUT /hub/api/v1/classes/:id/trace-policy` (`classes:write`).
  router.post('/classes/:id/trace-policy', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked || !deps.tracePolicy) {
      return checked && response.sendStatus(404);
    }
    const value = formText(request.body, TRACE_POLICY_FIELD);
    if (value !== 'none' && value !== 'consent') {
      const trans = pageTrans(response);
      return renderClass(response, deps, checked, {
        errors: {
          [TRACE_POLICY_FIELD]: trans.__(
            'Choose what is recorded for the pupils of the class.'
          )
        }
      });
    }
    await deps.tracePolicy.set(checked.klass.id, value);
    redirectWithNotice(response, checked.klass, 'traces');
  });

  router.post('/classes/:id/learners', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const { klass, auth } = checked;
    const trans = pageTrans(response);
    // The search the list came from, kept for the answer; refused like the page's.
    const query = formText(request.body, 'q');
    const refused = Private.searchErrors(trans, { [LEARNER_SEARCH]: query });
    if (refused) {
      return renderClass(response, deps, checked, { query, errors: refused });
    }
    const ids = [...new Set(formList(request.body, 'eleve'))];
    const members = await deps.classes.members(klass.id);
    const enrolled = new Set(
      members.filter(m => m.membership === 'learner').map(m => m.userId)
    );
    // An already enrolled learner (a form sent twice) is no error; anyone else the
    // caller could not have been offered is.
    const wanted = ids.filter(id => !enrolled.has(id));
    const candidates =
      wanted.length <= SHOWN_CANDIDATES
        ? await enrollableLearners(deps, auth, klass, query, wanted)
        : new Map<string, IUser>();
    let error = '';
    if (!ids.length) {
      error = trans.__('Tick at least one pupil to enrol.');
    } else if (wanted.length > SHOWN_CANDIDATES) {
      error = trans.__('Enrol at most %1 pupils at a time.', SHOWN_CANDIDATES);
    } else if (wanted.some(id => !candidates.has(id))) {
      error = trans.__(
        'One of the ticked pupils is unknown or cannot be enrolled by you: reload the page and start again.'
      );
    }
    if (error) {
      return renderClass(response, deps, checked, {
        query,
        errors: { eleves: error }
      });
    }
    const caller = classCaller(deps.policy, auth.user);
    for (const id of wanted) {
      await deps.classes.enrol(
        caller,
        klass.id,
        candidates.get(id)!,
        'learner'
      );
    }
    redirectWithNotice(response, klass, 'inscrits', wanted.length);
  });

  router.post('/classes/:id/learners/remove', async (request, response) => {
    const checked = await Private.check(request, response, deps, true);
    if (!checked) {
      return;
    }
    const id = formText(request.body, 'eleve');
    const { klass } = checked;
    const trans = pageTrans(response);
    if ((await deps.classes.membership(klass.id, id)) !== 'learner') {
      return Private.notMember(
        response,
        klass,
        trans.__(
          'This pupil is not enrolled (or no longer) in the class %1.',
          klass.name
        )
      );
    }
    if (formText(request.body, 'confirme') !== 'oui') {
      const learner = await deps.users.get(id);
      return renderRemoval(response, checked, learner!);
    }
    await deps.classes.unenrol(
      classCaller(deps.policy, checked.auth.user),
      klass.id,
      id
    );
    redirectWithNotice(response, klass, 'retire');
  });

  router.post('/classes/:id/teachers', async (request, response) => {
    const checked = await Private.check(request, response, deps, true, true);
    if (!checked) {
      return;
    }
    const { klass } = checked;
    const id = formText(request.body, 'enseignant');
    // The search the list came from, kept for the answer; refused like the page's.
    const teacherQuery = formText(request.body, 'qe');
    const trans = pageTrans(response);
    const refused = Private.searchErrors(trans, {
      [TEACHER_SEARCH]: teacherQuery
    });
    if (refused) {
      return renderClass(response, deps, checked, {
        teacherQuery,
        errors: refused
      });
    }
    const members = await deps.classes.members(klass.id);
    const teacher = await assignableTeacher(deps, members, id);
    if (!teacher) {
      return renderClass(response, deps, checked, {
        teacherQuery,
        errors: { enseignant: trans.__('Choose a teacher from the list.') }
      });
    }
    await deps.classes.enrol(
      classCaller(deps.policy, checked.auth.user),
      klass.id,
      teacher,
      'teacher'
    );
    redirectWithNotice(response, klass, 'enseignant-ajoute');
  });

  router.post('/classes/:id/teachers/remove', async (request, response) => {
    const checked = await Private.check(request, response, deps, true, true);
    if (!checked) {
      return;
    }
    const id = formText(request.body, 'enseignant');
    const { klass } = checked;
    const trans = pageTrans(response);
    if ((await deps.classes.membership(klass.id, id)) !== 'teacher') {
      return Private.notMember(
        response,
        klass,
        trans.__(
          'This person does not teach (or no longer) in the class %1.',
          klass.name
        )
      );
    }
    await deps.classes.unenrol(
      classCaller(deps.policy, checked.auth.user),
      klass.id,
      id
    );
    redirectWithNotice(response, klass, 'enseignant-retire');
  });

  return router;
}

namespace Private {
  /**
   * The errors of the searches typed in a class page (field id → search), or undefined
   * when every one is fine.
   */
  export function searchErrors(
    trans: IHubTranslator,
    searches: Record<string, string>
  ): FieldErrors | undefined {
    const errors: FieldErrors = {};
    for (const [field, search] of Object.entries(searches)) {
      const problem = searchProblem(trans, search);
      if (problem) {
        errors[field] = problem;
      }
    }
    return Object.keys(errors).length ? errors : undefined;
  }

  /**
   * The signed-in caller allowed to manage the class (`classes:write` on it), or null
   * once an answer (login, expired form, 403, 404) has been sent. With `post`, the
   * form's anti-CSRF field must match the session; with `teachers`, the caller must
   * also see every account (`users:read` on all), as choosing teachers lists them.
   */
  export async function check(
    request: Request,
    response: Response,
    deps: IClassPagesDeps,
    post = false,
    teachers = false
  ): Promise<IChecked | null> {
    const classId = String(request.params.id);
    const here = classUrl(classId);
    const trans = pageTrans(response);
    const auth = post
      ? requireFormAuth(
          request,
          response,
          { href: here, text: trans.__('Back to the class') },
          here
        )
      : requirePageAuth(request, response);
    if (!auth) {
      return null;
    }
    const assignsTeachers =
      deps.policy.reach(auth.user, 'users:read') === 'all';
    if (
      !(await deps.policy.allows(auth.user, 'classes:write', { classId })) ||
      (teachers && !assignsTeachers)
    ) {
      forbiddenPage(response);
      return null;
    }
    const klass = await deps.classes.get(classId);
    if (!klass) {
      messagePage(
        response,
        404,
        trans.__('Class not found'),
        trans.__('This class does not exist (or no longer).'),
        classesLink(trans)
      );
      return null;
    }
    return { auth, klass, assignsTeachers };
  }

  /** The errors of the name and level fields. */
  export function nameAndLevelErrors(
    trans: IHubTranslator,
    values: {
      nom: string;
      niveau: string;
    }
  ): FieldErrors {
    const errors: FieldErrors = {};
    const name = classNameIssue(values.nom);
    const level = classLevelIssue(values.niveau);
    if (name) {
      errors.nom = translateMessage(name, trans);
    }
    if (level) {
      errors.niveau = translateMessage(level, trans);
    }
    return errors;
  }

  export function notMember(
    response: Response,
    klass: IClass,
    text: string
  ): void {
    const trans = pageTrans(response);
    messagePage(response, 404, trans.__('Action not possible'), text, {
      href: classUrl(klass.id),
      text: trans.__('Back to the class')
    });
  }
}
