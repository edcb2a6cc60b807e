/**
 * Resources as the library API shows them: in lists, and on their own page.
 */
import { IUser } from '../users/service';
import { ILibraryRoutesDeps } from './routeAccess';
import { IResourceRow } from './store';

/**
 * A resource in a list: its current version's metadata and its counters.
 */
export function resourceSummary(row: IResourceRow) {
  return {
    id: row.id,
    version: row.version,
    ...row.metadata,
    environmentId: row.environmentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    uses: row.uses,
    endorsements: row.endorsements
  };
}

/**
 * A resource's page. For a caller without a session (public library) it names
 * nobody: no owner, publisher or endorser (only the counts), and allows nothing.
 */
export async function resourceDetail(
  deps: ILibraryRoutesDeps,
  user: IUser | null,
  row: IResourceRow
) {
  const [versions, endorsers] = await Promise.all([
    deps.library.versions(row.id),
    deps.library.endorsers(row.id)
  ]);
  const byKind = (kind: 'peer' | 'inspection') =>
    endorsers.filter(e => e.kind === kind).map(e => e.userId);
  const names = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (!id || !user) {
      return null;
    }
    if (!names.has(id)) {
      names.set(id, (await deps.users.get(id))?.displayName ?? '');
    }
    return names.get(id) || null;
  };
  const files = (await deps.library.versionOr404(row.id, row.version)).files;
  return {
    ...resourceSummary(row),
    owner: await nameOf(row.ownerId),
    files,
    versions: await Promise.all(
      versions.map(async version => ({
        version: version.version,
        title: version.title,
        publishedAt: version.publishedAt,
        publishedBy: await nameOf(version.publishedBy)
      }))
    ),
    endorsedBy: {
      peer: user ? await Promise.all(byKind('peer').map(nameOf)) : [],
      inspection: user
        ? await Promise.all(byKind('inspection').map(nameOf))
        : []
    },
    mine: {
      peer: !!user && byKind('peer').includes(user.id),
      inspection: !!user && byKind('inspection').includes(user.id)
    },
    can: {
      publishVersion:
        !!user &&
        (await deps.policy.allows(user, 'library:write', {
          userId: row.ownerId ?? ''
        })),
      endorse: !!user && (await deps.policy.allows(user, 'library:endorse')),
      endorseForInspection:
        !!user && (await deps.policy.allows(user, 'library:inspect'))
    }
  };
}
