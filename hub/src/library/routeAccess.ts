/**
 * What the library routes need, and the checks they share: who reads, which resource,
 * which version.
 */
import { Response } from 'express';

import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import { IBaseEnvironment } from './exchange';
import { Recommender } from './recommend';
import { LibraryService } from './service';
import { IResourceRow } from './store';

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
 * The caller who reads the library: a user holding `library:read`, or null for a
 * caller without a session when the library is public.
 *
 * @throws {HttpError} 401 without a session (library not public), 403 without the right.
 */
export function reader(
  deps: ILibraryRoutesDeps,
  response: Response
): IUser | null {
  if (!response.locals.auth && deps.libraryPublic) {
    return null;
  }
  const { user } = requireAuth(response);
  deps.policy.requireReach(user, 'library:read');
  return user;
}

/**
 * The resource, after checking the caller may read the library (else 403, not 404).
 */
export async function readableOr404(
  deps: ILibraryRoutesDeps,
  user: IUser,
  id: string
): Promise<IResourceRow> {
  deps.policy.requireReach(user, 'library:read');
  return deps.library.getOr404(id);
}

/**
 * A version number from a path.
 *
 * @throws {HttpError} 404 unless it is a positive integer.
 */
export function versionNumber(text: string): number {
  const version = Number(text);
  if (!/^[1-9]\d{0,8}$/.test(text) || !Number.isSafeInteger(version)) {
    throw new HttpError(404, 'not_found', 'Cette version n’existe pas.');
  }
  return version;
}
