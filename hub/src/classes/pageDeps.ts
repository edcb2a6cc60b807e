import type { Policy } from '../policy';
import type { UserService } from '../users/service';
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
}
