import { z } from 'zod';

import { IRoute, route } from '../http/declared';
import type { HelpService } from './service';

/** What the help routes need. */
export interface IHelpRoutesDeps {
  /** Absent in hubs built without it (some tests): the routes answer 404. */
  help?: HelpService;
}

/**
 * Live help: a pupil asks (`POST /help-requests`) and follows her request
 * (`GET /me/help-request`); her teachers list the open ones, join one and end it.
 */
export function helpRoutes(deps: IHelpRoutesDeps): IRoute[] {
  const help = () => {
    if (!deps.help) {
      throw new Error('live help is not built in this hub');
    }
    return deps.help;
  };
  return [
    route({
      method: 'POST',
      path: '/help-requests',
      right: 'help:ask',
      body: Private.askBody,
      handle: async ({ user, body, response }) => {
        response.status(201).json(await help().ask(user, body));
      }
    }),
    route({
      method: 'GET',
      path: '/help-requests',
      right: 'help:give',
      handle: async ({ user, response }) => {
        response.json({ requests: await help().forTeacher(user) });
      }
    }),
    route({
      method: 'GET',
      path: '/me/help-request',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json({ request: await help().current(user) });
      }
    }),
    route({
      method: 'POST',
      path: '/help-requests/:id/join',
      right: 'help:give',
      handle: async ({ user, params, response }) => {
        response.json(await help().join(user, params.id));
      }
    }),
    route({
      method: 'POST',
      path: '/help-requests/:id/close',
      right: 'signedIn',
      handle: async ({ user, params, response }) => {
        response.json(await help().close(user, params.id));
      }
    })
  ];
}

namespace Private {
  export const askBody = z
    .object({
      path: z.string().min(1).max(512),
      access: z.enum(['write', 'read']),
      message: z.string().max(280).optional()
    })
    .strict();
}
