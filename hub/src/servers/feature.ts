import * as fs from 'fs';
import { Kysely } from 'kysely';
import * as path from 'path';

import { ConfigError, environmentsDir } from '../config/load';
import { Config } from '../config/schema';
import { IHubContext, IFeature } from '../context';
import { IDatabase } from '../db/schema';
import { userKernelDirs } from '../environments/kernelspecs';
import { IdentityKey } from '../identity/keys';
import { ServerOrigins } from '../origins/hosts';
import { Compression } from '../proxy/compress';
import { LocalProcessSpawner } from '../spawner';
import { ServerLimits } from '../spawner/limits';
import { SETPRIV } from '../spawner/sandbox';
import { ISpawner } from '../spawner/types';
import { IUser } from '../users/service';
import { ServerAccounts } from './accounts';
import { IdleCuller } from './culler';
import { ServerRegistry } from './registry';

type Log = IHubContext['log'];

/**
 * The servers feature's services.
 */
export interface IServersServices {
  registry: ServerRegistry;
  /** Stops idle servers (`cullIdleMinutes`). */
  culler: IdleCuller;
  /** Compression of users' servers' answers (its cache counters). */
  compression: Compression;
  /** The hub's identity key: signs who is calling for users' servers. */
  identityKey: IdentityKey;
  /**
   * The uids of users' servers and grading runs, when the hub runs as root with
   * bubblewrap (`sandboxUids`); else none.
   */
  serverAccounts: ServerAccounts | undefined;
}

/**
 * Users' servers: the spawner, the registry of running servers, the culler, the
 * identity key the proxy signs with and the compression of what servers send.
 *
 * @param deps.spawner - a spawner to use instead of the local one (tests).
 * @param deps.user - a user by id, to take back the servers the last hub left running.
 * @throws {ConfigError} when the Candyce environment, bubblewrap or setpriv is missing.
 */
export function create(
  context: IHubContext,
  deps: { spawner?: ISpawner; user: (id: string) => Promise<IUser | null> }
): IFeature<IServersServices> {
  const { config, log } = context;
  // Users' servers and grading runs drop to their own uids when the hub runs as root.
  const serverAccounts = Private.createServerAccounts(config, context.db, log);
  // Made once, kept in the data folder (which no server sees): servers get only its
  // public key, so no code of a user can sign an identity.
  const identityKey = IdentityKey.loadOrCreate(
    path.join(config.dataDir, 'secrets')
  );
  const registry = new ServerRegistry(
    context.db,
    deps.spawner ?? Private.createSpawner(config, log, identityKey),
    {
      homesDir: path.join(config.dataDir, 'homes'),
      maxServers: config.maxServers,
      accounts: serverAccounts,
      identityKey
    },
    context.clock
  );
  const culler = new IdleCuller(
    registry,
    {
      idleMinutes: config.cullIdleMinutes,
      intervalSeconds: config.cullIntervalSeconds
    },
    log
  );
  const compression = new Compression({
    cacheBytes: config.compressionCacheMb * 1024 * 1024
  });
  return {
    services: { registry, culler, compression, identityKey, serverAccounts },
    start: async () => {
      // Servers outlive the hub (unless stopServersOnExit): take back those still running.
      const reattached = await registry.reattach(deps.user);
      for (const { userId, outcome } of reattached.servers) {
        log.info({ userId, outcome }, 'user server recorded by the last hub');
      }
      if (reattached.strays) {
        log.warn(
          { servers: reattached.strays },
          'ended user servers left running without a record'
        );
      }
      culler.start();
    },
    stop: () => culler.stop()
  };
}

namespace Private {
  /**
   * The jupyter_server identity provider of the `candyce` package, which checks the
   * identity header the proxy signs.
   */
  const IDENTITY_PROVIDER = 'candyce.identity.CandyceIdentityProvider';
  /** Refuses writes to read-only visitors (python/candyce/authorizer.py). */
  const AUTHORIZER = 'candyce.authorizer.CandyceAuthorizer';
  /** Saves into a full home answer a French message (python/candyce/contents.py). */
  const CONTENTS_MANAGER = 'candyce.contents.CandyceContentsManager';

  /**
   * The local spawner, sandboxed with bubblewrap unless the configuration says otherwise.
   *
   * @throws {ConfigError} when the Candyce environment or bubblewrap is missing.
   */
  export function createSpawner(
    config: Config,
    log: Log,
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
      // Standard environments and those the user opened, not every one built.
      kernelDirsOf: userKernelDirs,
      sandbox: config.sandbox,
      startTimeoutMs: config.spawnTimeoutSeconds * 1000,
      memoryLimitBytes: config.serverMemoryLimitMb * 1024 * 1024,
      limits: createServerLimits(config, log),
      hubOrigin: Private.hubOriginForPages(config),
      extraArgs: [
        `--ServerApp.identity_provider_class=${IDENTITY_PROVIDER}`,
        // Read-only visitors (live help): no saves, no execution.
        `--ServerApp.authorizer_class=${AUTHORIZER}`,
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

  /** The hub's origin for JupyterLab's links to hub pages, when servers have their own. */
  export function hubOriginForPages(config: Config): string | undefined {
    const origins = ServerOrigins.fromConfig(config);
    return origins.subdomains ? origins.hubOrigin : undefined;
  }

  /**
   * What each user's server may take of the machine, and how this machine enforces it:
   * said once in the log (a warning when a bound is missing).
   */
  export function createServerLimits(config: Config, log: Log): ServerLimits {
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
        ownAccounts:
          config.sandboxUids && sandboxed && process.getuid?.() === 0,
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
  export function createServerAccounts(
    config: Config,
    db: Kysely<IDatabase>,
    log: Log
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
}
