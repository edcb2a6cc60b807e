import { ClassService } from '../classes/service';
import { Json } from '../lrs/checks';
import { IErasure, ITraceExport, TraceService } from '../lrs/traces';
import { IUser } from '../users/service';
import { ConsentService, IEffectiveConsent, TracePolicy } from './consent';

/**
 * What the privacy routes and page work with: consent, and a user's traces in the LRS
 * (found by their pseudonymous actor).
 */
export interface IPrivacyServices {
  consent: ConsentService;
  classes: ClassService;
  /** The LRS's traces (the LRS is built after, as it needs `consent`). */
  traces: () => TraceService;
  /** A user's pseudonymous actor in the LRS. */
  pseudonym: (userId: string) => Json;
}

/** The caller's privacy settings, as `/me/privacy` answers them. */
export interface IPrivacyView extends IEffectiveConsent {
  classes: {
    id: string;
    name: string;
    policy: TracePolicy;
    isDefault: boolean;
  }[];
}

export async function privacyView(
  services: IPrivacyServices,
  user: Pick<IUser, 'id' | 'roles'>
): Promise<IPrivacyView> {
  const effective = await services.consent.effective(user.id, user.roles);
  const learning = (await services.classes.forUser(user.id)).filter(
    klass => klass.membership === 'learner'
  );
  const classes = [];
  for (const klass of learning) {
    const { policy, isDefault } = await services.consent.classPolicy(
      klass.id,
      klass.level
    );
    classes.push({ id: klass.id, name: klass.name, policy, isDefault });
  }
  return { ...effective, classes };
}

export function exportTraces(
  services: IPrivacyServices,
  userId: string
): Promise<ITraceExport> {
  return services.traces().export(services.pseudonym(userId));
}

/** Erase a user's traces; `record` writes who asked, in the erasure's transaction. */
export function eraseTraces(
  services: IPrivacyServices,
  userId: string,
  record?: Parameters<TraceService['erase']>[1]
): Promise<IErasure> {
  return services.traces().erase(services.pseudonym(userId), record);
}
