/**
 * What the library routes need, and the checks they share: who reads, which resource,
 * which version.
 */
import { DomainError, trans } from '../errors';
import { ITarget, Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import { IBaseEnvironment } from './exchange';
import { Recommender } from './recommend';
import { LibraryService } from './service';

/**
 * What the library routes need.
 */
export interface ILibraryRoutesDeps {
  library: LibraryService;
  recommender: Recommender;
  users: UserService;
  policy: Policy;
  /**
   * Whether callers without a session may read the library (`libraryPublic`): the
   * taxonomy, search, resources, versions, files and exports, without anyone's name.
   */
  libraryPublic?: boolean;
  /** The platform's base environment, for the Binder files of exports. */
  baseEnvironment?: IBaseEnvironment;
}

/**
 * The right of the library's reading routes: `library:read` (however far it reaches),
 * and callers without a session let in when the library is public (`libraryPublic`).
 * Spread into a route's declaration.
 */
export function libraryReader(deps: ILibraryRoutesDeps): {
  right: 'library:read';
  object: 'reach';
  anonymous: () => boolean;
} {
  return {
    right: 'library:read',
    object: 'reach',
    anonymous: () => !!deps.libraryPublic
  };
}

/**
 * The object of `library:write` on a resource: its owner. The caller must read the
 * library first (else 403, not 404); an unknown resource is a 404.
 */
export async function ownerOf(
  deps: ILibraryRoutesDeps,
  user: IUser,
  id: string
): Promise<ITarget> {
  deps.policy.requireReach(user, 'library:read');
  const current = await deps.library.getOr404(id);
  return { userId: current.ownerId ?? '' };
}

/**
 * A version number from a path.
 *
 * @throws {DomainError} 404 unless it is a positive integer.
 */
export function versionNumber(text: string): number {
  const version = Number(text);
  if (!/^[1-9]\d{0,8}$/.test(text) || !Number.isSafeInteger(version)) {
    throw new DomainError(
      'not_found',
      trans.__('This version does not exist.')
    );
  }
  return version;
}
