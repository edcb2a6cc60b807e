import { IHubTranslator } from '../i18n';
import { SafeHtml } from '../pages/html';
import { IUser } from '../users/service';
import { IGroupPagesDeps } from './pages';
import { classGroupsSection, homeGroupsSection } from './views';

/**
 * The sections the class page and the home page show of group workspaces, for their
 * routers (which know nothing of groups but these functions).
 */
export function groupSections(deps: IGroupPagesDeps): {
  classSection: (
    trans: IHubTranslator,
    user: IUser,
    classId: string,
    xsrfToken: string
  ) => Promise<SafeHtml>;
  homeSection: (trans: IHubTranslator, user: IUser) => Promise<SafeHtml | ''>;
} {
  return {
    classSection: async (trans, user, classId, xsrfToken) => {
      const members = await deps.classes.members(classId);
      const learners = (
        await Promise.all(
          members
            .filter(member => member.membership === 'learner')
            .map(member => deps.users.get(member.userId))
        )
      )
        .filter((learner): learner is IUser => learner !== null)
        .map(({ name, displayName }) => ({ name, displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
      return classGroupsSection(trans, {
        classId,
        groups: await deps.groups.ofClass(classId, user),
        learners,
        learnersCreate: await deps.groups.learnersCreate(classId),
        opens: deps.opens,
        xsrfToken
      });
    },
    homeSection: async (trans, user) => {
      const groups = await deps.groups.mine(user);
      const creatable = await deps.groups.creatableBy(user);
      return homeGroupsSection(trans, groups, creatable, deps.opens);
    }
  };
}
