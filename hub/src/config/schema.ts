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
const PathList = z.preprocess(
  value =>
    typeof value !== 'string'
      ? value
      : value.trim().startsWith('[')
        ? Private.json(value)
        : value
            .split(',')
            .map(item => item.trim())
            .filter(Boolean),
  z.array(z.string().min(1))
);

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
        'Failed password logins before an account is locked for loginLockMinutes.'
      ),
    loginLockMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .default(15)
      .describe('How long an account stays locked after too many failures.'),
    loginRatePerMinute: z.coerce
      .number()
      .int()
      .min(1)
      .default(120)
      .describe(
        'Password logins accepted per minute from one IP address. A whole school often shares one address: keep it well above a class size.'
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
        'Wrong codes typed on one class’s login page before that page is locked for loginLockMinutes.'
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
      .describe('Memory (address space) each user’s server may use, in MiB.'),
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
  /** Parsed JSON, or the text itself (then the schema says what is wrong). */
  export function json(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
}
