import { ClassService } from '../classes/service';
import { IFeature, IHubContext } from '../context';
import { Json } from '../lrs/checks';
import { TraceService } from '../lrs/traces';
import { ConsentService } from './consent';
import { IPrivacyServices } from './service';

/**
 * Consent and privacy of learning traces: who consents to optional traces (users,
 * class policies), and a user's traces in the LRS for the routes and the page. The
 * LRS is built after (it asks `consent`), hence its services as functions.
 */
export interface IPrivacyDeps {
  classes: ClassService;
  traces: () => TraceService;
  pseudonym: (userId: string) => Json;
}

export function create(
  context: IHubContext,
  deps: IPrivacyDeps
): IFeature<{ privacy: IPrivacyServices }> {
  const privacy: IPrivacyServices = {
    consent: new ConsentService(context.db, deps.classes, context.clock),
    ...deps
  };
  return { services: { privacy } };
}
