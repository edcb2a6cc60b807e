import type { IHubTranslator } from '../i18n';
import type { SafeHtml } from '../pages/html';
import type { Policy } from '../policy';
import type { IUser, UserService } from '../users/service';
import type { ClassService } from './service';
import type { IClassTracePolicies } from './traceSections';

/**
 * What the class pages need. A leaf module: the pages' router (`pages.ts`) and the
 * modules it is made of (`candidates.ts`, `memberSections.ts`, `pageViews.ts`) all name
 * it without importing each other.
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
