import express, { Express } from 'express';
import * as http from 'http';
import * as path from 'path';

import { apiRouter } from '../api/routes';
import type { EventService } from '../events/service';
import { helpPagesRouter } from '../help/pages';
import type { HelpService } from '../help/service';
import { groupSections } from '../groups/hooks';
import { groupPagesRouter, IGroupPagesDeps } from '../groups/pages';
import type { GroupService } from '../groups/service';
import { AutogradingService } from '../assignments/autograding';
import { assignmentBodyParser } from '../assignments/routes';
import { ReviewService } from '../assignments/review';
import { AssignmentService } from '../assignments/service';
import { SubmissionService } from '../assignments/submissions';
import { CookieJar } from '../auth/cookies';
import { attachSession, checkXsrf } from '../auth/middleware';
import { IOidcDeps, oidcRouter } from '../auth/oidc/routes';
import { RateLimiter } from '../auth/rateLimit';
import { SessionService } from '../auth/sessions';
import { classKeyLoginRouter } from '../classcodes/loginPages';
import { classCodePagesRouter, IClassCodePagesDeps } from '../classcodes/pages';
import { ClassCodeService } from '../classcodes/service';
import { classPagesRouter } from '../classes/pages';
import { EnvironmentCollector } from '../environments/collector';
import { environmentPagesRouter } from '../environments/pages';
import { KernelUseRecorder } from '../environments/kernelUse';
import { EnvironmentService } from '../environments/service';
import { ClassService } from '../classes/service';
import { AuditLog } from '../audit';
import { adminPagesRouter } from '../pages/admin';
import { adminAuditPageRouter } from '../pages/adminAudit';
import { adminAdministratorsPageRouter } from '../pages/adminAdministrators';
import { adminEnvironmentPageRouter } from '../pages/adminEnvironment';
import { adminUserPagesRouter } from '../pages/adminUserPages';
import { passwordResetRouter } from '../pages/passwordReset';
import { UserAdministration } from '../users/administration';
import { EstablishmentAdministration } from '../establishments/service';
import { pagesRouter } from '../pages/routes';
import { IBaseEnvironment } from '../library/exchange';
import { libraryBodyParser, libraryCors } from '../library/routes';
import { Recommender } from '../library/recommend';
import { LibraryService } from '../library/service';
import { Policy } from '../policy';
import { readsSchoolMode } from '../classes/schoolMode';
import { IDashboardServices } from '../dashboards/routes';
import { privacyPagesRouter } from '../privacy/page';
import { IPrivacyServices } from '../privacy/service';
import { rosterBodyParser } from '../rosters/routes';
import { RosterService } from '../rosters/service';
import { spawnRouter } from '../pages/spawn';
import { Compression } from '../proxy/compress';
import { IdentityKey } from '../identity/keys';
import { UserProxy } from '../proxy/routes';
import { ServerRegistry } from '../servers/registry';
import { UserService } from '../users/service';
import { errorHandler, notFound } from './errors';
import { checkOrigin } from './origin';
import { noStoreForSessions, securityHeaders } from './security';

/**
 * Everything the HTTP layer needs, built by the composition root (main.ts).
 */
export interface IAppDeps {
  users: UserService;
  /** The administration of users (create, deactivate, roles, reset codes). */
  administration: UserAdministration;
  /** Establishments' and academies' administrators, and users' establishments. */
  establishments: EstablishmentAdministration;
  /** The audit log of administrative actions. */
  audit: AuditLog;
  sessions: SessionService;
  /** Whether users reach the hub over HTTPS (Secure cookies, HSTS). */
  secure: boolean;
  /** Password logins accepted per minute from one IP address. */
  loginRatePerMinute: number;
  /** Software lists one user may resolve per hour. */
  environmentResolvesPerHour: number;
  /** Users' servers. */
  registry: ServerRegistry;
  /** Compresses what users' servers send, with its cache of static assets. */
  compression: Compression;
  /** The hub's identity key: signs who is calling for users' servers. */
  identityKey: IdentityKey;
  classes: ClassService;
  /** Every right, decided in one place. */
  policy: Policy;
  /** Consent to learning traces, their export and erasure (`/hub/privacy`). */
  privacy: IPrivacyServices;
  /** Dashboards: their reads and users' choices (`/dashboards/…`). */
  dashboards?: IDashboardServices;
  /** Live help: pupils' requests and teachers' visits (`/help-requests`). */
  help?: HelpService;
  /** Group workspaces (`/groups`, the class page's « Espaces de groupe »). */
  groups: GroupService;
  /** Whether group workspaces open: servers on origins of their own (subdomain mode). */
  groupsOpen: boolean;
  /** How many days learning traces are kept (`lrsRetentionDays`), as the page says. */
  lrsRetentionDays?: number;
  rosters: RosterService;
  /** Class codes: logins of pupils without SSO. */
  classCodes: ClassCodeService;
  library: LibraryService;
  recommender: Recommender;
  /** Whether callers without an account may read the library (`libraryPublic`). */
  libraryPublic?: boolean;
  /** The platform's base environment, for the Binder files of library exports. */
  baseEnvironment?: IBaseEnvironment;
  assignments: AssignmentService;
  submissions: SubmissionService;
  reviews: ReviewService;
  autograding: AutogradingService;
  environments: EnvironmentService;
  environmentCollector: EnvironmentCollector;
  /** News pushed to the people concerned (`GET /events`). */
  events: EventService;
  /**
   * The hub's public URL, if configured (printed on class code sheets; its origin is
   * the hub's own for state-changing requests).
   */
  publicUrl?: string;
  /**
   * Addresses of the reverse proxies whose X-Forwarded-* headers are believed
   * (`trustedProxies`); none by default.
   */
  trustedProxies?: readonly string[];
  /** OpenID Connect login (school SSO); absent or no providers: password login only. */
  oidc?: Omit<IOidcDeps, 'sessions' | 'cookies' | 'log'>;
  log: {
    info: (object: unknown, message: string) => void;
    warn: (object: unknown, message: string) => void;
    error: (object: unknown, message: string) => void;
  };
}

/**
 * The hub's application and the listener of WebSocket upgrades it needs.
 */
export interface IHubApp {
  app: Express;
  proxy: UserProxy;
  /**
   * The HTTP server's request listener: the proxy's hot path first, then `app`.
   */
  listener: http.RequestListener;
}

const STATIC_DIR = path.join(__dirname, '..', '..', 'static');

/**
 * The hub's Express application: pages under /hub, the API under /hub/api/v1.
 */
export function createApp(deps: IAppDeps): IHubApp {
  const app = express();
  app.disable('x-powered-by');
  // Forwarding headers (X-Forwarded-For: the client address login limits count by) are
  // believed only from the configured proxies: anyone else could claim any address.
  app.set(
    'trust proxy',
    deps.trustedProxies?.length ? [...deps.trustedProxies] : false
  );
  const cookies = new CookieJar(deps.secure);
  // One per-address limiter for password and class code logins.
  const loginLimiter = new RateLimiter(deps.loginRatePerMinute, 60_000);

  app.get('/', (_request, response) => response.redirect(303, '/hub/home'));

  const kernelUse = new KernelUseRecorder(deps.environments);
  // Users' servers: the session is checked on every request, then the proxy forwards
  // (most requests take the proxy's hot path in `listener` and never get here).
  const proxy = new UserProxy({
    registry: deps.registry,
    cookies,
    sessions: deps.sessions,
    users: deps.users,
    compression: deps.compression,
    identityKey: deps.identityKey,
    log: deps.log,
    onKernelStart: (_userId, kernel) =>
      void kernelUse
        .note(kernel)
        .catch(error =>
          deps.log.warn({ err: error }, 'environment use not noted')
        )
  });
  app.use('/user', proxy.attachSession, proxy.handleHttp);

  const hub = express.Router();
  hub.use(securityHeaders(deps.secure));
  hub.use(
    '/static',
    express.static(STATIC_DIR, { maxAge: '1h', index: false })
  );
  hub.use(attachSession(cookies, deps.sessions, deps.users));
  hub.use(noStoreForSessions);
  hub.use(checkOrigin(deps.publicUrl));

  const api = express.Router();
  // Roster imports are larger than any other call: their own parser goes first.
  api.use('/rosters', rosterBodyParser());
  api.use('/library', libraryCors(deps.libraryPublic ?? false));
  api.use('/library', libraryBodyParser());
  api.use('/assignments', assignmentBodyParser());
  api.use(express.json({ limit: '1mb' }));
  api.use(checkXsrf);
  api.use(
    apiRouter({
      users: deps.users,
      administration: deps.administration,
      establishments: deps.establishments,
      audit: deps.audit,
      classes: deps.classes,
      policy: deps.policy,
      privacy: deps.privacy,
      dashboards: deps.dashboards,
      help: deps.help,
      groups: deps.groups,
      rosters: deps.rosters,
      classCodes: deps.classCodes,
      publicUrl: deps.publicUrl,
      registry: deps.registry,
      library: deps.library,
      recommender: deps.recommender,
      assignments: deps.assignments,
      submissions: deps.submissions,
      reviews: deps.reviews,
      autograding: deps.autograding,
      libraryPublic: deps.libraryPublic,
      baseEnvironment: deps.baseEnvironment,
      environments: deps.environments,
      environmentCollector: deps.environmentCollector,
      environmentResolvesPerHour: deps.environmentResolvesPerHour,
      events: deps.events,
      log: deps.log
    })
  );
  api.use(notFound);
  hub.use('/api/v1', api);

  hub.use(spawnRouter(deps.registry));
  hub.use(express.urlencoded({ extended: false, limit: '16kb' }));
  const groupPages: IGroupPagesDeps = {
    groups: deps.groups,
    users: deps.users,
    classes: deps.classes,
    policy: deps.policy,
    registry: deps.registry,
    opens: deps.groupsOpen
  };
  const groupPageSections = groupSections(groupPages);
  hub.use(groupPagesRouter(groupPages));
  hub.use(helpPagesRouter({ help: deps.help, policy: deps.policy }));
  hub.use(
    pagesRouter({
      users: deps.users,
      sessions: deps.sessions,
      cookies,
      loginLimiter,
      log: deps.log,
      oidcProviders: deps.oidc?.providers,
      registry: deps.registry,
      classes: deps.classes,
      policy: deps.policy,
      events: deps.events,
      groupsSection: groupPageSections.homeSection
    })
  );
  hub.use(
    privacyPagesRouter({
      privacy: deps.privacy,
      retentionDays: deps.lrsRetentionDays ?? 365,
      isSchoolMode: user =>
        readsSchoolMode(user, deps.classes.schoolMode, deps.classCodes)
    })
  );
  hub.use(
    adminPagesRouter({
      users: deps.users,
      classes: deps.classes,
      registry: deps.registry,
      policy: deps.policy,
      environmentCollector: deps.environmentCollector,
      audit: deps.audit,
      groupAccounts: ids => deps.groups.ofAccounts(ids)
    })
  );
  hub.use(
    adminUserPagesRouter({
      administration: deps.administration,
      establishments: deps.establishments,
      users: deps.users,
      classes: deps.classes,
      registry: deps.registry,
      policy: deps.policy,
      publicUrl: deps.publicUrl
    })
  );
  hub.use(
    adminEnvironmentPageRouter({
      policy: deps.policy,
      environments: () => deps.environmentCollector.list(),
      resourcesUsing: id => deps.library.resourcesUsing(id),
      assignmentsUsing: async id => {
        const ids = await deps.environments.records.assignmentIdsOf(id);
        const rows = await Promise.all(
          ids.map(each => deps.assignments.getOr404(each))
        );
        return rows.map(row => ({ id: row.id, title: row.title }));
      }
    })
  );
  hub.use(
    adminAdministratorsPageRouter({
      establishments: deps.establishments,
      users: deps.users,
      policy: deps.policy
    })
  );
  hub.use(
    adminAuditPageRouter({
      audit: deps.audit,
      users: deps.users,
      establishments: deps.establishments,
      policy: deps.policy,
      groupAccounts: ids => deps.groups.ofAccounts(ids),
      groupsNamed: ids => deps.groups.named(ids)
    })
  );
  hub.use(
    passwordResetRouter({
      administration: deps.administration,
      cookies,
      loginLimiter
    })
  );
  hub.use(
    environmentPagesRouter({
      environmentCollector: deps.environmentCollector,
      policy: deps.policy,
      audit: deps.audit
    })
  );
  const classCodePages: IClassCodePagesDeps = {
    classCodes: deps.classCodes,
    classes: deps.classes,
    policy: deps.policy,
    sessions: deps.sessions,
    cookies,
    loginLimiter,
    publicUrl: deps.publicUrl,
    log: deps.log
  };
  hub.use(classCodePagesRouter(classCodePages));
  // After the class codes pages: `/classes/:id` would take their `/classes/codes`.
  hub.use(
    classPagesRouter({
      classes: deps.classes,
      users: deps.users,
      policy: deps.policy,
      tracePolicy: {
        get: (classId, level) =>
          deps.privacy.consent.classPolicy(classId, level),
        set: (classId, policy) =>
          deps.privacy.consent.setClassPolicy(classId, policy)
      },
      groupsSection: groupPageSections.classSection
    })
  );
  if (deps.oidc?.providers.length) {
    hub.use(
      oidcRouter({
        ...deps.oidc,
        sessions: deps.sessions,
        cookies,
        log: deps.log
      })
    );
  }
  app.use('/hub', hub);
  // A class's short login address, printed on pupils' cards: the same headers, session
  // and origin check as the hub's pages.
  app.use(
    '/c',
    securityHeaders(deps.secure),
    attachSession(cookies, deps.sessions, deps.users),
    noStoreForSessions,
    checkOrigin(deps.publicUrl),
    express.urlencoded({ extended: false, limit: '16kb' }),
    classKeyLoginRouter(classCodePages)
  );
  app.use(errorHandler(deps.log));
  const listener: http.RequestListener = (request, response) => {
    if (!proxy.forwardIfReady(request, response)) {
      void app(request, response);
    }
  };
  return { app, proxy, listener };
}
