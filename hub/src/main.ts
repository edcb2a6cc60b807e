import * as fs from 'fs';
import { createServer, Server } from 'http';
import { Kysely } from 'kysely';
import { AddressInfo } from 'net';
import * as path from 'path';
import pino, { Logger } from 'pino';

import { OidcAccounts } from './auth/oidc/accounts';
import { IdentityStore } from './auth/oidc/store';
import { SessionService } from './auth/sessions';
import { ClassCodeService } from './classcodes/service';
import { ClassService } from './classes/service';
import { Config } from './config/schema';
import { databaseUrl, environmentsDir } from './config/load';
import { migrate, openDatabase } from './db/connect';
import { IDatabase } from './db/schema';
import { IDemoLogin, seedDemo, seedDemoLibrary } from './demo';
import { ConfigError } from './config/load';
import { createApp } from './http/app';
import { IdentityKey } from './identity/keys';
import { fold } from './library/analyze';
import { Autograder } from './assignments/autograder';
import { AutogradingService } from './assignments/autograding';
import { AssignmentStore } from './assignments/store';
import { ReviewService } from './assignments/review';
import { ReviewStore } from './assignments/reviewStore';
import { AssignmentService } from './assignments/service';
import { SubmissionService } from './assignments/submissions';
import { BlobStore } from './library/blobs';
import { readBaseEnvironment } from './library/exchange';
import { Recommender } from './library/recommend';
import { LibraryService } from './library/service';
import { LibraryStore } from './library/store';
import { loadTaxonomy } from './library/taxonomy';
import { Policy } from './policy';
import { Compression } from './proxy/compress';
import { RosterService } from './rosters/service';
import { IdleCuller } from './servers/culler';
import { GRADING_ACCOUNT, ServerAccounts } from './servers/accounts';
import { ServerRegistry } from './servers/registry';
import { LocalProcessSpawner } from './spawner';
import { ServerLimits } from './spawner/limits';
import { SETPRIV } from './spawner/sandbox';
import { ISpawner } from './spawner/types';
import { UserStore } from './users/store';
import { UserService } from './users/service';
import { makePrivateDir } from './util/paths';
import { EnvironmentCollector } from './environments/collector';
import { NotebookEnvironments } from './environments/notebooks';
import { EnvironmentService } from './environments/service';
import {
  readStandardEnvironments,
  seedEnvironmentIds
} from './environments/standard';
import { EnvironmentRecordStore } from './environments/store';

/**
 * A running hub.
 */
export interface IHub {
  /** The URL the hub answers at. */
  url: string;
  /** Demo logins created at this start (demo mode, first start only). */
  demoLogins: IDemoLogin[] | null;
  users: UserService;
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
  close(): Promise<void>;
}

/**
 * Parts tests may replace: the spawner (a fake one to test decisions without starting
 * real servers) and the clock of the server registry.
 */
export interface IHubOverrides {
  spawner?: ISpawner;
  now?: () => Date;
}

/**
 * The jupyter_server identity provider of the `candyce` package, which checks the
 * identity header the proxy signs.
 */
const IDENTITY_PROVIDER = 'candyce.identity.CandyceIdentityProvider';
/** Saves into a full home answer a French message (python/candyce/contents.py). */
const CONTENTS_MANAGER = 'candyce.contents.CandyceContentsManager';

/**
 * The composition root: config → database → services → app → listen.
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
  const users = new UserService(new UserStore(db), {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes
  });
  const classes = new ClassService(db);
  const assignmentStore = new AssignmentStore(db);
  const policy = new Policy(
    (classId, userId) => classes.membership(classId, userId),
    (assignmentId, userId) => assignmentStore.relation(assignmentId, userId)
  );
  // A roster import writes users and classes in one transaction.
  const rosters = new RosterService(
    work =>
      db.transaction().execute(trx =>
        work({
          users: new UserService(new UserStore(trx), {
            maxFailures: config.loginMaxFailures,
            lockMinutes: config.loginLockMinutes
          }),
          classes: new ClassService(trx)
        })
      ),
    log
  );
  const sessions = new SessionService(db, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours
  });
  const identities = new IdentityStore(db);
  const classCodes = new ClassCodeService(
    db,
    users,
    classes,
    sessions,
    {
      days: config.classCodeDays,
      maxFailures: config.classCodeMaxFailures,
      lockMinutes: config.loginLockMinutes
    },
    userId => identities.hasAny(userId)
  );
  const standardEnvironments = readStandardEnvironments();
  const environments = await EnvironmentService.open(
    new EnvironmentRecordStore(db),
    {
      dir: environmentsDir(config),
      source: {
        indexUrl: config.packageIndexUrl,
        findLinks: config.packageFindLinks,
        noIndex: config.packageNoIndex,
        usePipConfig: config.packageUsePipConfig
      },
      pipPython: path.join(config.venvDir, 'bin', 'python'),
      standard: standardEnvironments,
      log,
      now: overrides.now
    }
  );
  const notebookEnvironments = new NotebookEnvironments(environments);
  const taxonomy = loadTaxonomy();
  const libraryStore = new LibraryStore(db);
  const library = new LibraryService(
    libraryStore,
    new BlobStore(path.join(config.dataDir, 'library', 'blobs')),
    taxonomy,
    overrides.now,
    notebookEnvironments
  );
  const environmentCollector = new EnvironmentCollector(environments, {
    libraryReferences: () => library.environmentReferences(),
    keepDays: config.environmentKeepDays,
    intervalHours: config.environmentGcIntervalHours,
    log,
    now: overrides.now
  });
  environmentCollector.start();
  const recommender = new Recommender(libraryStore, taxonomy, async userId =>
    levelIds(
      taxonomy.levels,
      (await classes.forUser(userId))
        .filter(klass => klass.membership === 'teacher')
        .map(klass => klass.level ?? '')
    )
  );
  // Pupils' work is kept apart from the library's files: it is personal data.
  const assignmentBlobs = new BlobStore(
    path.join(config.dataDir, 'assignments', 'blobs')
  );
  const reviewStore = new ReviewStore(db);
  const assignments = new AssignmentService(
    assignmentStore,
    reviewStore,
    assignmentBlobs,
    library,
    users,
    overrides.now,
    notebookEnvironments
  );
  const submissions = new SubmissionService(
    assignmentStore,
    assignmentBlobs,
    overrides.now
  );
  const reviews = new ReviewService(
    assignmentStore,
    reviewStore,
    assignments,
    overrides.now
  );
  // Users' servers and grading runs drop to their own uids when the hub runs as root.
  const serverAccounts = createServerAccounts(config, db, log);
  const autograding = new AutogradingService(
    assignmentStore,
    reviewStore,
    assignments,
    new Autograder({
      venvDir: config.venvDir,
      dataDir: config.dataDir,
      envStoreDir: environmentsDir(config),
      sandbox: config.sandbox,
      timeoutSeconds: config.autogradeTimeoutSeconds,
      memoryLimitBytes: config.autogradeMemoryLimitMb * 1024 * 1024,
      runAs: await serverAccounts?.of(GRADING_ACCOUNT)
    }),
    notebookEnvironments,
    {
      timeoutSeconds: config.autogradeTimeoutSeconds,
      memoryMb: config.autogradeMemoryLimitMb
    },
    log,
    overrides.now
  );
  // Submissions the last hub had not graded yet (its queue was in memory).
  const ungraded = await autograding.recover();
  if (ungraded) {
    log.info({ submissions: ungraded }, 'autograding resumed');
  }
  const demoLogins = config.demo ? await seedDemo(users, classes) : null;
  if (config.demo) {
    const seeded = await seedDemoLibrary(
      users,
      library,
      seedEnvironmentIds(standardEnvironments)
    );
    if (seeded) {
      log.info({ resources: seeded }, 'demo library loaded');
    }
  }
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  // Made once, kept in the data folder (which no server sees): servers get only its
  // public key, so no code of a user can sign an identity.
  const identityKey = IdentityKey.loadOrCreate(
    path.join(config.dataDir, 'secrets')
  );
  const registry = new ServerRegistry(
    db,
    overrides.spawner ?? createSpawner(config, log, identityKey),
    {
      homesDir: path.join(config.dataDir, 'homes'),
      maxServers: config.maxServers,
      accounts: serverAccounts,
      identityKey
    },
    overrides.now
  );
  // Servers outlive the hub (unless stopServersOnExit): take back those still running.
  const reattached = await registry.reattach(id => users.get(id));
  for (const { userId, outcome } of reattached.servers) {
    log.info({ userId, outcome }, 'user server recorded by the last hub');
  }
  if (reattached.strays) {
    log.warn(
      { servers: reattached.strays },
      'ended user servers left running without a record'
    );
  }
  const culler = new IdleCuller(
    registry,
    {
      idleMinutes: config.cullIdleMinutes,
      intervalSeconds: config.cullIntervalSeconds
    },
    log
  );
  culler.start();
  const compression = new Compression({
    cacheBytes: config.compressionCacheMb * 1024 * 1024
  });
  const { listener, proxy } = createApp({
    users,
    sessions,
    secure,
    trustedProxies: config.trustedProxies,
    loginRatePerMinute: config.loginRatePerMinute,
    environmentResolvesPerHour: config.environmentResolvesPerHour,
    registry,
    compression,
    identityKey,
    classes,
    policy,
    rosters,
    classCodes,
    library,
    recommender,
    assignments,
    submissions,
    reviews,
    autograding,
    environments,
    environmentCollector,
    libraryPublic: config.libraryPublic,
    baseEnvironment: readBaseEnvironment(config.venvDir),
    publicUrl: config.publicUrl,
    oidc: {
      providers: config.oidcProviders,
      accounts: new OidcAccounts(users, identities, log),
      publicUrl: config.publicUrl
    },
    log
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(listener).listen(
      config.port,
      config.host,
      () => resolve(listening)
    );
    listening.once('error', reject);
  });
  server.on(
    'upgrade',
    (request, socket, head) => void proxy.handleUpgrade(request, socket, head)
  );
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${config.host}:${port}`;
  log.info({ url }, 'hub started');
  return {
    url,
    demoLogins,
    users,
    classes,
    classCodes,
    library,
    environments,
    environmentCollector,
    assignments,
    submissions,
    reviews,
    autograding,
    registry,
    compression,
    culler,
    close: async () => {
      await culler.stop();
      environmentCollector.stop();
      await autograding.close();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Otherwise servers keep running, and the next hub re-attaches to them.
      if (config.stopServersOnExit) {
        await registry.stopAll();
      }
      await db.destroy();
    }
  };
}

/**
 * The local spawner, sandboxed with bubblewrap unless the configuration says otherwise.
 *
 * @throws {ConfigError} when the Candyce environment or bubblewrap is missing.
 */
function createSpawner(
  config: Config,
  log: Logger,
  identityKey: IdentityKey
): LocalProcessSpawner {
  if (!fs.existsSync(path.join(config.venvDir, 'bin', 'jupyter'))) {
    throw new ConfigError(
      `venvDir: no jupyter in ${config.venvDir}/bin: run ./candyce start once, or set CANDYCE_VENV_DIR`
    );
  }
  if (config.sandbox === 'bubblewrap' && !fs.existsSync('/usr/bin/bwrap')) {
    throw new ConfigError(
      'sandbox: bubblewrap is not installed (Debian: apt-get install bubblewrap). Without it, set CANDYCE_SANDBOX=none only on a single-user machine.'
    );
  }
  // With sandbox 'none' the spawner itself warns loudly at every start.
  return new LocalProcessSpawner({
    venvDir: config.venvDir,
    dataDir: config.dataDir,
    envStoreDir: environmentsDir(config),
    sandbox: config.sandbox,
    startTimeoutMs: config.spawnTimeoutSeconds * 1000,
    memoryLimitBytes: config.serverMemoryLimitMb * 1024 * 1024,
    limits: createServerLimits(config, log),
    extraArgs: [
      `--ServerApp.identity_provider_class=${IDENTITY_PROVIDER}`,
      `--ServerApp.contents_manager_class=${CONTENTS_MANAGER}`,
      // Not a secret: it checks signatures, it cannot make one.
      `--CandyceIdentityProvider.public_key=${identityKey.publicKey}`,
      // The browser's Host is the hub's public name; the server listens on its Unix
      // socket only and every request must carry the signed identity header.
      '--ServerApp.allow_remote_access=True'
    ],
    logger: log
  });
}

/**
 * What each user's server may take of the machine, and how this machine enforces it:
 * said once in the log (a warning when a bound is missing).
 */
function createServerLimits(config: Config, log: Logger): ServerLimits {
  const mib = 1024 * 1024;
  const sandboxed = config.sandbox === 'bubblewrap';
  const limits = ServerLimits.detect(
    {
      memoryBytes: config.userMemoryLimitMb * mib,
      processes: config.userProcessLimit,
      tmpfsBytes: config.userTmpfsMb * mib,
      homeBytes: config.userHomeQuotaMb * mib
    },
    {
      imagesDir: path.join(config.dataDir, 'home-images'),
      sandboxed,
      // As createServerAccounts decides: then RLIMIT_NPROC counts one user's processes.
      ownAccounts: config.sandboxUids && sandboxed && process.getuid?.() === 0,
      logger: log
    }
  );
  const { inForce } = limits;
  const fields = {
    memory: inForce.memory,
    userMemoryLimitMb: config.userMemoryLimitMb,
    serverMemoryLimitMb: config.serverMemoryLimitMb,
    processes: inForce.processes,
    userProcessLimit: config.userProcessLimit,
    tmpfs: inForce.tmpfs,
    userTmpfsMb: config.userTmpfsMb,
    home: inForce.home,
    userHomeQuotaMb: config.userHomeQuotaMb,
    why: inForce.why
  };
  const missing =
    [inForce.memory, inForce.processes, inForce.tmpfs].includes('none') ||
    (inForce.home === 'none' && config.userHomeQuotaMb > 0);
  if (missing) {
    log.warn(fields, 'Users’ servers: some limits cannot be enforced here');
  } else {
    log.info(fields, 'Users’ servers: limits in force');
  }
  return limits;
}

/**
 * The uids of users' servers (`sandboxUids`), when the hub runs as root with bubblewrap;
 * otherwise none, and servers run as the hub's user.
 *
 * @throws {ConfigError} when `setpriv` is missing.
 */
function createServerAccounts(
  config: Config,
  db: Kysely<IDatabase>,
  log: Logger
): ServerAccounts | undefined {
  if (
    !config.sandboxUids ||
    config.sandbox !== 'bubblewrap' ||
    process.getuid?.() !== 0
  ) {
    return undefined;
  }
  if (!fs.existsSync(SETPRIV)) {
    throw new ConfigError(
      `sandboxUids: ${SETPRIV} is missing (Debian: apt-get install util-linux), or set CANDYCE_SANDBOX_UIDS=false`
    );
  }
  log.info(
    { sandboxUidBase: config.sandboxUidBase },
    'users’ servers run as their own uid'
  );
  return new ServerAccounts(db, config.sandboxUidBase);
}

/**
 * Structured logs (pino, JSON lines).
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'candyce-hub' } });
}

/**
 * The taxonomy ids of class levels written freely (« 2de », « Terminale », « tle »).
 */
function levelIds(
  levels: readonly { id: string; label: string }[],
  written: readonly string[]
): string[] {
  const key = (text: string) => fold(text).trim();
  const found = new Set<string>();
  for (const text of written.map(key)) {
    const level = levels.find(
      entry => key(entry.id) === text || key(entry.label) === text
    );
    if (level) {
      found.add(level.id);
    }
  }
  return [...found];
}
