import { Router } from 'express';

/**
 * A route of a router: its method (upper case) and path template.
 */
export interface IRouteEntry {
  method: string;
  path: string;
}

/**
 * Every route of an Express router, sub-routers mounted at their root included, as
 * `{ method, path }`. Only for the class pages' routers, which are not declared routes
 * yet (the API's routes are read from their declarations, `apiRoutes`): the rights
 * matrix test compares it with its table, so that a new page cannot ship without its
 * rights written down.
 *
 * @throws when a sub-router is mounted under a path (Express 5 does not keep that path,
 * so the list would be wrong): mount sub-routers at the root and write full paths.
 */
export function listRoutes(router: Router): IRouteEntry[] {
  const entries: IRouteEntry[] = [];
  for (const layer of router.stack as Private.ILayer[]) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path)
        ? layer.route.path
        : [layer.route.path];
      for (const method of Object.keys(layer.route.methods)) {
        for (const path of paths) {
          entries.push({ method: method.toUpperCase(), path });
        }
      }
    } else if (Private.isRouter(layer.handle)) {
      if (!layer.slash) {
        throw new Error(
          'listRoutes: a sub-router is mounted under a path; mount it at the root'
        );
      }
      entries.push(...listRoutes(layer.handle));
    }
  }
  return entries;
}

namespace Private {
  export interface ILayer {
    route?: { path: string | string[]; methods: Record<string, boolean> };
    handle: unknown;
    slash?: boolean;
  }

  export function isRouter(handle: unknown): handle is Router {
    return (
      typeof handle === 'function' &&
      Array.isArray((handle as { stack?: unknown }).stack)
    );
  }
}
