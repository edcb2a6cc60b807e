import { IFeature, IHubContext } from '../context';
import { DEFAULT_EVENT_OPTIONS, EventService, IEventOptions } from './service';
import { EventStore } from './store';

/** How often the journal is trimmed while the hub runs. */
const TRIM_INTERVAL_MS = 3600_000;

/**
 * The events feature's services.
 */
export interface IEventsServices {
  events: EventService;
}

/**
 * News pushed to the people concerned (`GET /hub/api/v1/events`): the journal, its
 * trimming, and the open streams.
 */
export function create(
  context: IHubContext,
  options: IEventOptions = DEFAULT_EVENT_OPTIONS
): IFeature<IEventsServices> {
  const events = new EventService(
    new EventStore(context.db),
    context.log,
    context.clock,
    options
  );
  let timer: NodeJS.Timeout | null = null;
  const trim = async () => {
    try {
      const removed = await events.trim();
      if (removed) {
        context.log.info({ events: removed }, 'event journal trimmed');
      }
    } catch (error) {
      context.log.warn(
        { reason: (error as Error).message },
        'event journal not trimmed'
      );
    }
  };
  return {
    services: { events },
    start: async () => {
      await trim();
      timer = setInterval(() => void trim(), TRIM_INTERVAL_MS);
      timer.unref();
    },
    stop: async () => {
      if (timer) {
        clearInterval(timer);
      }
      await events.settled();
    }
  };
}
