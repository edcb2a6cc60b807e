/**
 * The routes of one version of a library resource: its metadata and its files.
 */
import { IRoute, route } from '../http/declared';
import {
  ILibraryRoutesDeps,
  libraryReader,
  versionNumber
} from './routeAccess';

/**
 * `/library/resources/:id/versions/:version` and its `files/…` (exports are in
 * exchangeRoutes.ts).
 */
export function libraryVersionRoutes(deps: ILibraryRoutesDeps): IRoute[] {
  const { library } = deps;
  const read = libraryReader(deps);
  return [
    /** One version: its metadata and files (an assignment keeps the version it used). */
    route({
      method: 'GET',
      path: '/library/resources/:id/versions/:version',
      ...read,
      handle: async ({ request, response }) => {
        const version = versionNumber(request.params.version);
        const found = await library.versionOr404(request.params.id, version);
        response.json({ id: request.params.id, version, ...found });
      }
    }),

    /**
     * A file of a version, as bytes to save (never as a page of the hub's origin: a
     * resource's HTML must not run with the hub's rights).
     */
    route({
      method: 'GET',
      path: '/library/resources/:id/versions/:version/files/*path',
      ...read,
      handle: async ({ request, response }) => {
        const path = ([] as string[])
          .concat((request.params as { path?: string | string[] }).path ?? [])
          .join('/');
        const { file, content } = await library.file(
          request.params.id,
          versionNumber(request.params.version),
          path
        );
        response
          .status(200)
          .set({
            'Content-Type': file.path.endsWith('.ipynb')
              ? 'application/x-ipynb+json'
              : 'application/octet-stream',
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.path.split('/').pop() ?? 'fichier')}`,
            'Content-Security-Policy': "sandbox; default-src 'none'",
            'Cache-Control': 'private, max-age=31536000, immutable',
            ETag: `"${file.sha256}"`
          })
          .end(content);
      }
    })
  ];
}
