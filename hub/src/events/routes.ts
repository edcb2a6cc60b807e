import { z } from 'zod';

import { DomainError, trans } from '../errors';
import { IRoute, route, RouteRequest } from '../http/declared';
import { EventService } from './service';
import { IStreamTiming, streamEvents } from './stream';

/**
 * What the news stream's route needs.
 */
export interface IEventRoutesDeps {
  events: EventService;
  /** Tests shorten the heartbeat and the stream's life. */
  eventStreamTiming?: IStreamTiming;
}

/**
 * `GET /events`: the caller's news as server-sent events, resumable with
 * `Last-Event-ID` (the header EventSource sends when it reconnects, or the
 * `lastEventId` query of a client that reconnects by itself).
 */
export function eventRoutes(deps: IEventRoutesDeps): IRoute[] {
  return [
    route({
      method: 'GET',
      path: '/events',
      right: 'signedIn',
      query: Private.query,
      handle: async ({ user, query, request, response }) => {
        const lastId = Private.lastEventId(request, query.lastEventId);
        await streamEvents(
          deps.events,
          user.id,
          lastId,
          response,
          query.follow !== 'false',
          deps.eventStreamTiming
        );
      }
    })
  ];
}

namespace Private {
  export const query = z
    .object({
      lastEventId: z.string().max(40).optional(),
      follow: z.enum(['true', 'false']).optional()
    })
    .strict();

  /**
   * The id of the last event the client received: a whole number, or none.
   *
   * @throws {DomainError} 400 `invalid_event_id` for anything else (the client would
   *   otherwise miss or repeat news without knowing).
   */
  export function lastEventId(
    request: RouteRequest,
    fromQuery: string | undefined
  ): number | null {
    const given = request.get('Last-Event-ID') ?? fromQuery;
    if (given === undefined || given === '') {
      return null;
    }
    if (!/^\d{1,15}$/.test(given)) {
      throw new DomainError(
        'invalid_event_id',
        trans.__(
          'Last-Event-ID must be the id of an event of this stream (a whole number).'
        )
      );
    }
    return Number(given);
  }
}
