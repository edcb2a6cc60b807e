import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import pino, { Logger } from 'pino';

import * as assignmentsFeature from './assignments/feature';
import { AuditLog } from './audit';
import { CookieJar } from './auth/cookies';
import { OidcAccounts } from './auth/oidc/accounts';
import * as classesFeature from './classes/feature';
import * as dashboardsFeature from './dashboards/feature';
import { ClassCodeService } from './classcodes/service';
import { ClassService } from './classes/service';
import { databaseUrl } from './config/load';
import { Config } from './config/schema';
import { IFeature, IHubContext } from './context';
import { migrate, openDatabase } from './db/connect';
import { IDemoLogin, seedDemo, seedDemoLibrary } from './demo';
import * as environmentsFeature from './environments/feature';
import {
  attachedEstablishments,
  attachedUsers
} from './establishments/membership';
import { EstablishmentAdministration } from './establishments/service';
import * as eventsFeature from './events/feature';
import * as helpFeature from './help/feature';
import type { HelpService } from './help/service';
import { groupAccounts } from './groups/accounts';
import { seedDemoGroup } from './groups/demo';
import * as groupsFeature from './groups/feature';
import { GroupService } from './groups/service';
import { optionalTracesOf } from './groups/traceConsent';
import { EventService } from './events/service';
import { createApp } from './http/app';
import * as libraryFeature from './library/feature';
import * as lrsFeature from './lrs/feature';
import * as privacyFeature from './privacy/feature';
import { AutogradingService } from './assignments/autograding';
import { ReviewService } from './assignments/review';
import { AssignmentService } from './assignments/service';
import { SubmissionService } from './assignments/submissions';
import { LibraryService } from './library/service';
import { OriginGate } from './origins/gate';
import { ServerOrigins } from './origins/hosts';
import { Policy } from './policy';
import { Compression } from './proxy/compress';
import { IdleCuller } from './servers/culler';
import * as serversFeature from './servers/feature';
import { ServerRegistry } from './servers/registry';
import { ISpawner } from './spawner/types';
import * as usersFeature from './users/feature';
import { UserAdministration } from './users/administration';
import { UserService } from './users/service';
import { makePrivateDir } from './util/paths';
import { EnvironmentCollector } from './environments/collector';
import { EnvironmentService } from './environments/service';
import { seedEnvironmentIds } from './environments/standard';

/**
 * A running hub.
 */
export interface IHub {
  /** The URL the hub answers at. */
  url: string;
  /**
   * Where servers are served (`serverOrigins`): a server's origin for the example
   * `eleve1` in subdomain mode, else null and, when subdomain was the default, why not.
   */
  serverOrigins: {
    mode: 'path' | 'subdomain';
    fallback: string | null;
    example: string | null;
  };
  /** Demo logins created at this start (demo mode, first start only). */
  demoLogins: IDemoLogin[] | null;
  users: UserService;
  /** The administration of users (deactivation, roles, reset codes). */
  administration: UserAdministration;
  /** Establishments' and academies' administrators, and users' establishments. */
  establishments: EstablishmentAdministration;
  classes: ClassService;
  /** Class codes (logins of pupils without SSO). */
  classCodes: ClassCodeService;
  library: LibraryService;
  /** Environments: locks, builds, kernelspecs. */
  environments: EnvironmentService;
  /** Garbage collection of built environments (`environmentGcIntervalHours`). */
  environmentCollector: EnvironmentCollector;
  assignments: AssignmentService;
  submissions: SubmissionService;
  reviews: ReviewService;
  /** Grades submissions of autograded assignments, in the background. */
  autograding: AutogradingService;
  registry: ServerRegistry;
  /** Compression of users' servers' answers (its cache counters). */
  compression: Compression;
  /** Stops idle servers (`cullIdleMinutes`). */
  culler: IdleCuller;
  /** The xAPI Learning Record Store (`/xapi`) and its clients. */
  lrs: lrsFeature.ILrsServices;
  /** News pushed to the people concerned (`GET /hub/api/v1/events`). */
  events: EventService;
  /** Group workspaces: a server shared by a few pupils of a class. */
  groups: GroupService;
  /** Live help: pupils' requests, teachers' visits. */
  help: HelpService;
  close(): Promise<void>;
}

/**
 * Parts tests may replace: the spawner (a fake one to test decisions without starting
 * real servers) and the clock of the server registry.
 */
export interface IHubOverrides {
  spawner?: ISpawner;
  now?: () => Date;
  /**
   * Let live help be asked on a hub whose servers share its origin: only for the
   * rights matrix, which checks who may call each route on a path-mode hub.
   */
  helpWithoutServerOrigins?: boolean;
}

/**
 * The composition root: config → database → context → features → app → listen.
 * Each feature builds its own services from the context (`<feature>/feature.ts`).
 */
export async function startHub(
  config: Config,
  log: Logger = createLogger(config),
  overrides: IHubOverrides = {}
): Promise<IHub> {
  // The database, the secrets and every home are in the data folder: no other account
  // of the machine enters it. Users' servers still reach their home: the sandbox binds
  // it, as root, before dropping to the server's account.
  if (!makePrivateDir(config.dataDir)) {
    log.warn(
      { dataDir: config.dataDir },
      'the data folder belongs to another user: it could not be made private (0700)'
    );
  }
  const db = openDatabase(databaseUrl(config), {
    onConnectionError: error =>
      log.warn({ err: error }, 'database connection lost; reconnecting')
  });
  await migrate(db);
  const context: IHubContext = {
    db,
    clock: overrides.now ?? (() => new Date()),
    log,
    config
  };

  const users = usersFeature.create(context);
  const events = eventsFeature.create(context);
  const { events: news } = events.services;
  const { services: u } = users;
  const classes = classesFeature.create(context, u);
  const environments = await environmentsFeature.create(context, {
    // The library is built next; its references are asked only once the hub runs.
    libraryReferences: () => library.services.library.environmentReferences()
  });
  const { services: e } = environments;
  const library = libraryFeature.create(context, {
    classes: classes.services.classes,
    notebookEnvironments: e.notebookEnvironments
  });
  const servers = serversFeature.create(context, {
    spawner: overrides.spawner,
    user: id => u.users.get(id)
  });
  const assignments = await assignmentsFeature.create(context, {
    library: library.services.library,
    users: u.users,
    notebookEnvironments: e.notebookEnvironments,
    serverAccounts: servers.services.serverAccounts,
    events: news
  });
  const { services: a } = assignments;
  const privacy = privacyFeature.create(context, {
    classes: classes.services.classes,
    traces: () => lrs.services.traces,
    pseudonym: userId => lrs.services.clients.pseudonym(userId)
  });
  const { privacy: p } = privacy.services;
  // Live help lets a teacher into a pupil's server: only on origins of their own.
  const help = helpFeature.create(context, {
    users: u.users,
    classes: classes.services.classes,
    events: news,
    origins: ServerOrigins.fromConfig(config),
    withoutServerOrigins: overrides.helpWithoutServerOrigins
  });
  const { help: helpService } = help.services;
  // A person's own consent; a group workspace's account, its members' most restrictive.
  const optionalTraces = optionalTracesOf({
    workspaceOf: accountId => groupService.workspaceOfAccount(accountId),
    classPolicy: async classId => {
      const klass = await classes.services.classes.get(classId);
      return (await p.consent.classPolicy(classId, klass?.level ?? null))
        .policy;
    },
    personOptional: async user =>
      (await p.consent.effective(user.id, user.roles)).optional,
    user: id => u.users.get(id)
  });
  const dashboards = dashboardsFeature.create(context, {
    helpAsked: (ids, from, to) => helpService.askedBetween(ids, from, to),
    // The groups feature is built later; its workspaces are asked only once the hub runs.
    groupsOf: (classId, caller) => groupService.ofClass(classId, caller),
    classes: classes.services.classes,
    users: u.users,
    assignments: a.assignments,
    reviews: a.reviews,
    library: library.services.library,
    pseudonym: userId => lrs.services.clients.pseudonym(userId),
    optionalTraces,
    classPolicy: (classId, level) => p.consent.classPolicy(classId, level),
    groupAccounts: classIds => groupAccounts(context.db, classIds),
    attached: {
      establishmentsOf: userIds => attachedEstablishments(context.db, userIds),
      usersOf: establishmentId => attachedUsers(context.db, establishmentId)
    }
  });
  const lrs = lrsFeature.create(context, {
    ...u,
    observer: dashboards.services.ledger,
    consent: optionalTraces
  });
  const { services: s } = servers;
  const { classes: classService } = classes.services;
  const audit = new AuditLog(context.db);
  const establishments = new EstablishmentAdministration(
    context.db,
    audit,
    context.clock
  );
  const policy = new Policy(
    (classId, userId) => classService.membership(classId, userId),
    (assignmentId, userId) => a.assignmentStore.relation(assignmentId, userId),
    establishments
  );
  const administration = new UserAdministration({
    db: context.db,
    usersOn: u.usersOn,
    sessions: u.sessions,
    audit,
    stopServer: id => s.registry.stop({ id })
  });
  const groups = groupsFeature.create(context, {
    users: u.users,
    usersOn: u.usersOn,
    classes: classService,
    policy,
    audit,
    events: news,
    stopServer: id => s.registry.stop({ id })
  });
  const { groups: groupService } = groups.services;
  const features: IFeature<unknown>[] = [
    users,
    events,
    classes,
    environments,
    library,
    assignments,
    servers,
    lrs,
    privacy,
    dashboards,
    help,
    groups
  ];

  const demoLogins = config.demo
    ? await seedDemo(u.users, classService, establishments)
    : null;
  if (config.demo) {
    const seeded = await seedDemoLibrary(
      u.users,
      library.services.library,
      seedEnvironmentIds(e.standardEnvironments)
    );
    if (seeded) {
      log.info({ resources: seeded }, 'demo library loaded');
    }
    await seedDemoGroup(u.users, classService, groupService);
  }
  for (const feature of features) {
    await feature.start?.();
  }

  const secure = config.publicUrl?.startsWith('https:') ?? false;
  // Where servers are served (`serverOrigins`): the gate sorts requests by host first.
  const origins = ServerOrigins.fromConfig(config);
  if (origins.fallback) {
    log.warn(
      { reason: origins.fallback },
      'servers share the hub’s origin (serverOrigins: path)'
    );
  }
  const gate = new OriginGate({
    origins,
    cookies: new CookieJar(secure),
    sessions: u.sessions,
    users: u.users,
    running: user => s.registry.running(user),
    secretsDir: path.join(config.dataDir, 'secrets'),
    secure,
    log,
    now: () => context.clock().getTime()
  });
  const { listener, proxy } = createApp({
    ...u,
    ...classes.services,
    ...library.services,
    ...a,
    ...s,
    environments: e.environments,
    environmentCollector: e.environmentCollector,
    events: news,
    administration,
    establishments,
    audit,
    policy,
    privacy: p,
    dashboards: dashboards.services.dashboards,
    help: helpService,
    groups: groupService,
    // Group workspaces open only on origins of their own.
    groupsOpen: origins.subdomains,
    lrsRetentionDays: config.lrsRetentionDays,
    secure,
    trustedProxies: config.trustedProxies,
    loginRatePerMinute: config.loginRatePerMinute,
    environmentResolvesPerHour: config.environmentResolvesPerHour,
    libraryPublic: config.libraryPublic,
    publicUrl: config.publicUrl,
    oidc: {
      providers: config.oidcProviders,
      accounts: new OidcAccounts(u.users, u.identities, log),
      publicUrl: config.publicUrl
    },
    log
  });
  const server = await new Promise<Server>((resolve, reject) => {
    // The LRS answers its own paths (`/xapi`, `/hub/lrs`) before the hub's application.
    const listening = createServer((request, response) =>
      gate.handle(request, response, () => {
        if (!lrs.services.handle(request, response)) {
          listener(request, response);
        }
      })
    ).listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  // Upgraded sockets (WebSockets) leave the HTTP server's books: `closeAllConnections`
  // misses them, and a graceful stop would wait for every open notebook to close.
  const upgraded = new Set<import('stream').Duplex>();
  server.on('upgrade', (request, socket, head) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    gate.upgrade(
      request,
      socket,
      () => void proxy.handleUpgrade(request, socket, head)
    );
  });
  const { port } = server.address() as AddressInfo;
  const url =
    config.publicUrl ??
    (origins.subdomains ? origins.hubOrigin : `http://${config.host}:${port}`);
  log.info({ url }, 'hub started');
  return {
    url,
    serverOrigins: {
      mode: origins.mode,
      fallback: origins.fallback,
      example: origins.subdomains ? origins.serverOrigin('eleve1') : null
    },
    demoLogins,
    users: u.users,
    administration,
    establishments,
    classes: classService,
    classCodes: classes.services.classCodes,
    library: library.services.library,
    environments: e.environments,
    environmentCollector: e.environmentCollector,
    assignments: a.assignments,
    submissions: a.submissions,
    reviews: a.reviews,
    autograding: a.autograding,
    registry: s.registry,
    compression: s.compression,
    culler: s.culler,
    lrs: lrs.services,
    events: news,
    groups: groupService,
    help: helpService,
    close: async () => {
      for (const feature of [...features].reverse()) {
        await feature.stop?.();
      }
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
        upgraded.forEach(socket => socket.destroy());
      });
      // Otherwise servers keep running, and the next hub re-attaches to them.
      if (config.stopServersOnExit) {
        await s.registry.stopAll();
      }
      await db.destroy();
    }
  };
}

/**
 * Structured logs (pino, JSON lines).
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'candyce-hub' } });
}
