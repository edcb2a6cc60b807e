import { SessionService } from '../auth/sessions';
import { ClassCodeService } from '../classcodes/service';
import { IHubContext, IFeature } from '../context';
import { EstablishmentAcademies } from '../establishments/academies';
import { RosterService } from '../rosters/service';
import { IUsersServices } from '../users/feature';
import { ClassService } from './service';

/**
 * The classes feature's services: classes, roster imports and class codes.
 */
export interface IClassesServices {
  classes: ClassService;
  rosters: RosterService;
  /** Class codes (logins of pupils without SSO). */
  classCodes: ClassCodeService;
}

/**
 * Classes, their rosters (OneRoster imports) and their class codes.
 */
export function create(
  context: IHubContext,
  deps: Pick<IUsersServices, 'users' | 'identities' | 'usersOn'> & {
    sessions: SessionService;
  }
): IFeature<IClassesServices> {
  const { db, config, log } = context;
  const classes = new ClassService(db);
  // A roster import writes users, classes and academies in one transaction.
  const rosters = new RosterService(
    work =>
      db.transaction().execute(trx =>
        work({
          users: deps.usersOn(trx),
          classes: new ClassService(trx),
          academies: new EstablishmentAcademies(trx)
        })
      ),
    log
  );
  const classCodes = new ClassCodeService(
    db,
    deps.users,
    classes,
    deps.sessions,
    {
      days: config.classCodeDays,
      maxFailures: config.classCodeMaxFailures,
      lockMinutes: config.loginLockMinutes
    },
    userId => deps.identities.hasAny(userId)
  );
  return { services: { classes, rosters, classCodes } };
}
