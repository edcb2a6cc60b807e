import * as net from 'net';
import { z } from 'zod';

import { OidcProvidersSchema } from './oidc';

/** A boolean that environment variables can give as true/false/1/0/yes/no. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform(
    value => value === true || ['true', '1', 'yes'].includes(String(value))
  );

/**
 * A list of paths or URLs: a list, or from an environment variable its JSON text or its
 * items separated by commas.
 */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    value =>
      typeof value !== 'string'
        ? value
        : value.trim().startsWith('[')
          ? Private.json(value)
          : value
              .split(',')
              .map(entry => entry.trim())
              .filter(Boolean),
    z.array(item)
  );
}

const PathList = listOf(z.string().min(1));

/** Web or `file://` addresses, as pip and py-rattler take them. */
const UrlList = listOf(z.url({ protocol: /^(https?|file)$/ }));

/**
 * The hub's configuration: every key has a default and a description, which is its
 * documentation (`candyce-hub config --help` prints them).
 */
export const ConfigSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address the hub listens on.'),
    port: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8000)
      .describe('Port the hub listens on (0: any free port).'),
    publicUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        'The URL users reach the hub at, when behind a reverse proxy. With https, cookies are Secure and use the __Host- prefix, and HSTS is sent.'
      ),
    trustedProxies: PathList.pipe(
      z.array(
        z.string().refine(value => Private.isProxyAddress(value), {
          message:
            'each item must be an IP address, a subnet (address/prefix) or loopback, linklocal, uniquelocal'
        })
      )
    )
      .default([])
      .describe(
        'Addresses of the reverse proxies in front of the hub (IP addresses, subnets such as 10.0.0.0/8, or loopback): only requests coming from them may say, with X-Forwarded-For and X-Forwarded-Proto, who the client is (login rate limits count by that address) and over which scheme it came. A JSON list, or items separated by commas (env: CANDYCE_TRUSTED_PROXIES). Default: none: a request’s client is the address it connects from. Behind nginx on the same machine: loopback (any local process may then claim any client address; users’ servers only if they share the machine’s network).'
      ),
    dataDir: z
      .string()
      .min(1)
      .default('.candyce/data')
      .describe(
        'Folder of the hub’s data: database file, secrets and users’ homes.'
      ),
    databaseUrl: z
      .string()
      .regex(/^(sqlite:|postgres(ql)?:\/\/)/, {
        message: 'must start with sqlite: or postgres://'
      })
      .optional()
      .describe(
        'Database: sqlite:<file> (default: <dataDir>/candyce.db) or postgres://user:password@host/db.'
      ),
    sessionIdleMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .default(120)
      .describe('A session ends after this many minutes without activity.'),
    sessionMaxHours: z.coerce
      .number()
      .int()
      .min(1)
      .default(12)
      .describe('A session ends this many hours after login, active or not.'),
    loginMaxFailures: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe(
        'Wrong passwords for one account name from one IP address before that pair must wait: a second, then twice as long after each further failure, up to loginLockMinutes. Never a lock-out: other addresses, the owner’s included, are not slowed down, and an unknown name answers the same as an existing one.'
      ),
    loginLockMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .default(15)
      .describe(
        'The longest wait after repeated wrong passwords (per account name and address) or wrong class codes (per class and address), in minutes.'
      ),
    loginRatePerMinute: z.coerce
      .number()
      .int()
      .min(1)
      .default(120)
      .describe(
        'Password and class code logins accepted per minute from one IP address, whatever the names or classes tried. A whole school often shares one address: keep it well above a class size.'
      ),
    classCodeDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(365)
      .describe(
        'How many days a class code (the login code of a pupil without SSO) stays valid.'
      ),
    classCodeMaxFailures: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        'Wrong codes typed on one class’s login page from one IP address before that address must wait on that page: a second, then twice as long after each further wrong code, up to loginLockMinutes. The page is never locked for the other addresses. A whole school often shares one address: keep it above what a class mistypes.'
      ),
    venvDir: z
      .string()
      .min(1)
      .default('.venv')
      .describe(
        'The Candyce Python environment whose `jupyter lab` (with the Candyce extensions) runs each user’s server.'
      ),
    sandbox: z
      .enum(['bubblewrap', 'none'])
      .default('bubblewrap')
      .describe(
        'How users’ servers are isolated. bubblewrap: each sees only its own home; none: no isolation, for a single-user machine only (logged loudly).'
      ),
    sandboxUids: flag
      .default(true)
      .describe(
        'When the hub runs as root with bubblewrap, each user’s server and its kernels run as a uid of their own (from sandboxUidBase), owner of the user’s home, instead of root: code that got out of its sandbox still could not read root’s files (/etc/shadow, other services’ keys). Servers run as the hub’s user otherwise.'
      ),
    sandboxUidBase: z.coerce
      .number()
      .int()
      .min(1000)
      .max(4_000_000_000)
      .default(1_000_000)
      .describe(
        'The first uid given to users’ servers (sandboxUids); each user keeps theirs for good. Choose a range that no account and no subordinate id range (/etc/subuid) of the machine uses.'
      ),
    maxServers: z.coerce
      .number()
      .int()
      .min(1)
      .default(50)
      .describe('Users’ servers that may run at once.'),
    spawnTimeoutSeconds: z.coerce
      .number()
      .int()
      .min(5)
      .default(90)
      .describe('How long a user’s server may take to start.'),
    cullIdleMinutes: z.coerce
      .number()
      .int()
      .min(0)
      .default(60)
      .describe(
        'A user’s server unused for this many minutes is stopped (0: never). An open notebook kernel or collaborative document counts as use.'
      ),
    cullIntervalSeconds: z.coerce
      .number()
      .int()
      .min(0)
      .default(60)
      .describe(
        'How often idle servers are looked for, in seconds (0: never).'
      ),
    serverMemoryLimitMb: z.coerce
      .number()
      .int()
      .min(256)
      .default(4096)
      .describe(
        'Memory (address space) of each process of a user’s server (the server, each kernel), in MiB (prlimit --as). The user’s total is userMemoryLimitMb.'
      ),
    userMemoryLimitMb: z.coerce
      .number()
      .int()
      .min(128)
      .default(2048)
      .describe(
        'Memory of all of a user’s processes together (server, kernels, their children, and what they keep in /tmp and /dev/shm), in MiB: a cgroup per user (v2 where the machine delegates memory and pids to the hub, else v1 when the hub runs as root). Past it, the kernel ends the user’s largest process, usually the kernel that asked for too much. Without cgroups only serverMemoryLimitMb (per process) applies: the start-up log says which is in force.'
      ),
    userProcessLimit: z.coerce
      .number()
      .int()
      .min(16)
      .default(512)
      .describe(
        'Processes and threads of all of a user’s processes together (a fork bomb stops there): the user’s cgroup, else RLIMIT_NPROC when each server runs as a uid of its own (sandboxUids), else none.'
      ),
    userTmpfsMb: z.coerce
      .number()
      .int()
      .min(1)
      .default(256)
      .describe(
        'Size of each of the /tmp and /dev/shm of a user’s sandbox, in MiB (bubblewrap --size); what they hold also counts in userMemoryLimitMb.'
      ),
    userHomeQuotaMb: z.coerce
      .number()
      .int()
      .min(0)
      .default(2048)
      .describe(
        'Size of each user’s home, in MiB (0: unbounded). Enforced by the kernel when the hub runs as root: the home is an ext4 image (a sparse file in <dataDir>/home-images, of this size, about 5 % of it taken by the file system) loop-mounted at the home while the server runs. An existing home is copied into its image at its first start; one that does not fit is left unbounded, and logged. A changed value applies to images made afterwards. Without root homes are unbounded, as the start-up log says.'
      ),
    autogradeTimeoutSeconds: z.coerce
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe(
        'Autograding: how long a notebook cell may run, in seconds; it is then interrupted and its tests count 0. A whole run is stopped 30 s past this time per notebook.'
      ),
    autogradeMemoryLimitMb: z.coerce
      .number()
      .int()
      .min(256)
      .default(1024)
      .describe(
        'Autograding: memory (address space) of each process of a grading run, in MiB.'
      ),
    stopServersOnExit: flag
      .default(false)
      .describe(
        'Stop users’ servers when the hub stops (SIGTERM). By default they keep running and the next hub start re-attaches to them, so that updating or restarting the hub does not interrupt anyone’s work; a hub crash never stops them.'
      ),
    compressionCacheMb: z.coerce
      .number()
      .int()
      .min(0)
      .default(64)
      .describe(
        'Memory for the versioned static files of users’ JupyterLab (scripts, styles), whole and compressed, shared by all users, in MiB (0: none; each request then goes to the user’s server and is compressed on the way).'
      ),
    serverOrigins: z
      .enum(['path', 'subdomain'])
      .optional()
      .describe(
        'Where users’ servers are served (default: subdomain). subdomain: each server on an origin of its own, <server>.<hub host> (with its own short-lived cookie, handed over by the hub; never the hub’s session), so that code served by one server cannot act with another person’s hub session. Needs a wildcard DNS name and certificate (setup-hub.md); without publicUrl the hub is http://localhost:<port> (browsers resolve *.localhost to loopback; a browser that comes by another name of the machine, 127.0.0.1, is sent there). Left unset, a hub that cannot have subdomains (publicUrl at an IP address, port 0) falls back to path and logs why; set explicitly, that is an error. path: on the hub’s origin under /user/<name>/, with the hub’s session cookie (deployments without a wildcard DNS name).'
      ),
    helpMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(240)
      .default(45)
      .describe(
        'How long a teacher may stay in a pupil’s notebook once she joined a help request, in minutes; after that the hub lets her in no more (either may end it sooner). Live help needs serverOrigins: subdomain.'
      ),
    libraryPublic: flag
      .default(false)
      .describe(
        'Let anyone, without an account, read the library: search, resources, their files and Binder zips (never who published or recommended them), also from other sites (CORS without credentials), so that a JupyterLab without the platform can use it read-only. Publishing, recommending and recommendations still need an account.'
      ),
    environmentsDir: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The store of built environments (one read-only virtualenv per lock) and of their kernelspecs (default: <dataDir>/environments). Users’ servers see it read-only.'
      ),
    packageIndexUrl: z
      .url({ protocol: /^(https?|file)$/ })
      .optional()
      .describe(
        'The Python package index (PEP 503/691 simple API) environments are resolved and built from, e.g. a mirror (default: the one pip is configured with, else https://pypi.org/simple).'
      ),
    packageFindLinks: PathList.default([]).describe(
      'Folders or pages of Python distribution files pip also takes packages from (--find-links): a JSON list, or paths separated by commas.'
    ),
    packageNoIndex: flag
      .default(false)
      .describe(
        'Take Python packages only from packageFindLinks, never from an index (offline platforms, tests).'
      ),
    packageUsePipConfig: flag
      .default(true)
      .describe(
        'Let pip read this machine’s configuration (pip.conf, PIP_* variables: a mirror, a certificate) when resolving and building environments. Off: only the package* keys apply.'
      ),
    condaChannels: UrlList.default([]).describe(
      'The conda channels (a mirror, a file:// channel) against which py-rattler solves the conda packages of a software list that have no PyPI equivalent, installed into the environment: a JSON list, or URLs separated by commas. None (the default): such packages are not solved, the list says so and the export keeps them. candyce-env reads the same variable, CANDYCE_CONDA_CHANNELS.'
    ),
    environmentInstaller: z
      .enum(['uv', 'pip'])
      .default('uv')
      .describe(
        'The tool that resolves and builds environments: uv (the platform’s venv’s, with one cache in the store that builds hard-link from: a lock one package away from a built one builds in seconds; pip’s configuration is handed to it) or pip. Without uv in the venv, pip.'
      ),
    environmentResolvesPerHour: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        'Software lists one user may resolve per hour: each resolution runs pip on the hub.'
      ),
    environmentKeepDays: z.coerce
      .number()
      .int()
      .min(0)
      .default(30)
      .describe(
        'Garbage collection keeps a built environment that an opened notebook used within this many days, even if no resource or assignment names it.'
      ),
    environmentGcIntervalHours: z.coerce
      .number()
      .min(0)
      .default(24)
      .describe(
        'How often built environments that nothing references are removed, in hours (0: never on schedule; administrators can still run it).'
      ),
    lrsRetentionDays: z.coerce
      .number()
      .int()
      .min(1)
      .default(365)
      .describe(
        'Learning traces (xAPI statements, their attachments, State and Agent Profile documents) are kept this many days, then purged.'
      ),
    lrsPurgeIntervalHours: z.coerce
      .number()
      .min(0)
      .default(24)
      .describe(
        'How often traces older than lrsRetentionDays are purged, in hours (0: never on schedule; `candyce-hub purge-traces` still does it).'
      ),
    demo: flag
      .default(false)
      .describe(
        'Create demo accounts and a demo class at start (never in production).'
      ),
    oidcProviders: OidcProvidersSchema.default([]).describe(
      'OpenID Connect providers (school SSO) shown on the login page: a JSON list of { id, name, issuer, clientId, clientSecret, scope?, preset?, rolesClaim?, roleMapping? } (env: CANDYCE_OIDC_PROVIDERS).'
    ),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
      .default('info')
      .describe('Log level.')
  })
  .strict();

/**
 * The validated configuration.
 */
export type Config = z.infer<typeof ConfigSchema>;

namespace Private {
  /**
   * An address Express's `trust proxy` takes: an IP, an IP/prefix, or one of its names
   * of address ranges.
   */
  export function isProxyAddress(value: string): boolean {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) {
      return true;
    }
    const [address, prefix, ...rest] = value.split('/');
    const version = net.isIP(address);
    if (!version || rest.length) {
      return false;
    }
    return (
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))
    );
  }

  /** Parsed JSON, or the text itself (then the schema says what is wrong). */
  export function json(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
}
