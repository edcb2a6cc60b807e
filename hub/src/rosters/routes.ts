import express, { RequestHandler } from 'express';
import { z } from 'zod';

import { IRoute, route } from '../http/declared';
import { classCaller } from '../classes/service';
import { Policy } from '../policy';
import { ROSTER_FILES } from './oneroster';
import { RosterService } from './service';

/**
 * What the roster routes need.
 */
export interface IRosterRoutesDeps {
  rosters: RosterService;
  policy: Policy;
}

/**
 * The JSON parser of the roster routes: 5 MB of CSV text, plus room for JSON escaping.
 * Mount it on `/rosters` before the API's general (smaller) JSON parser; the import
 * itself refuses more than 5 MB of CSV with a 413.
 */
export function rosterBodyParser(): RequestHandler {
  return express.json({ limit: '8mb' });
}

/**
 * The roster API (`/hub/api/v1/rosters/…`): admin only.
 */
export function rosterRoutes(deps: IRosterRoutesDeps): IRoute[] {
  return [
    /** Import a OneRoster 1.1 CSV export; answers the per-row report. */
    route({
      method: 'POST',
      path: '/rosters/oneroster',
      right: 'rosters:import',
      body: Private.body,
      handle: async ({ user, body, response }) => {
        response.json(
          await deps.rosters.importOneRoster(
            body,
            classCaller(deps.policy, user)
          )
        );
      }
    })
  ];
}

namespace Private {
  const text = z.string().optional();

  export const body = z
    .object({
      'orgs.csv': text,
      'users.csv': text,
      'classes.csv': text,
      'enrollments.csv': text
    })
    .strict()
    .refine(files => ROSTER_FILES.some(file => files[file] !== undefined), {
      message: `au moins un fichier parmi ${ROSTER_FILES.join(', ')}`
    });
}
