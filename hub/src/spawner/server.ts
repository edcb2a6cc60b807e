/**
 * The `jupyter lab` command line and environment of a user's server.
 */
import * as path from 'path';

/**
 * The hub API's root on the page's own origin (the hub's, or in subdomain mode the
 * server's, where the hub answers it too), as the page tells @candyce/core (its
 * `HubClient.DEFAULT_BASE_URL`).
 */
export const HUB_API_ROOT = '/hub/api/v1';

/**
 * What the server command needs to know.
 */
export interface IServerCommandOptions {
  /** The Candyce virtualenv; `jupyter` is taken from its `bin`. */
  readonly venvDir: string;
  /**
   * The Unix socket to listen on (made 0600: the server's own account, and the hub as
   * root, may open it). The server listens on no TCP port.
   */
  readonly socketPath: string;
  /** The server's base URL, `/user/<name>/`. */
  readonly baseUrl: string;
  /** The user's home, the server's root dir. */
  readonly homeDir: string;
  /**
   * The hub's origin when the server is served on an origin of its own (`serverOrigins`
   * subdomain): the page config's `candyceHubOrigin`, for links to hub pages.
   */
  readonly hubOrigin?: string;
  /** Arguments the hub adds (identity provider…); they come last and win. */
  readonly extraArgs: readonly string[];
}

/**
 * Build the `jupyter lab` command line (program first).
 *
 * The server listens on its Unix socket only (jupyter_server refuses `--port` with
 * `--sock`, and a socket in use is an error, not a move elsewhere);
 * `shutdown_no_activity_timeout=0` leaves culling to the hub.
 * JupyterLab marks its extensions' hashed assets immutable by a path that lacks the base
 * URL, which never matches behind `/user/<name>/`: `static_immutable_cache` says it with
 * the base URL, or browsers revalidate every extension script on every load.
 * `tornado_settings.page_config_data` puts `candyceHub` (the hub API's root) in the page
 * JupyterLab serves: @candyce/core asks the hub who the user is only when the page says
 * a hub serves it, so the same extensions stay quiet in a JupyterLab without the hub.
 */
export function buildServerArgv(options: IServerCommandOptions): string[] {
  return [
    path.join(options.venvDir, 'bin', 'jupyter'),
    'lab',
    '--no-browser',
    '--allow-root',
    `--ServerApp.sock=${options.socketPath}`,
    '--ServerApp.sock_mode=0600',
    `--ServerApp.base_url=${normalizeBaseUrl(options.baseUrl)}`,
    `--ServerApp.root_dir=${options.homeDir}`,
    '--ServerApp.shutdown_no_activity_timeout=0',
    `--ServerApp.static_immutable_cache=${normalizeBaseUrl(options.baseUrl)}lab/extensions/`,
    `--ServerApp.tornado_settings=${JSON.stringify({ page_config_data: pageConfigData(options.hubOrigin) })}`,
    ...options.extraArgs
  ];
}

/**
 * What the hub puts in the page JupyterLab serves: the API's root (on the page's own
 * origin in both modes: on a server's origin the hub answers it with that origin's
 * cookie), and the hub's origin for links to its pages when it is another one.
 */
export function pageConfigData(hubOrigin?: string): Record<string, string> {
  return hubOrigin
    ? { candyceHub: HUB_API_ROOT, candyceHubOrigin: hubOrigin }
    : { candyceHub: HUB_API_ROOT };
}

/**
 * What the server environment is made of.
 */
export interface IServerEnvOptions {
  /** The Candyce virtualenv, first on the `PATH`. */
  readonly venvDir: string;
  /** The user's home, `HOME` and the place of Jupyter's own folders. */
  readonly homeDir: string;
  /** The user's hub name. */
  readonly userName: string;
  /**
   * Where Jupyter also looks for kernelspecs (`JUPYTER_PATH`): the environments
   * store's `jupyter` folder, so that every built environment is a kernel.
   */
  readonly jupyterPath?: string;
  /** Extra variables from the hub; they cannot override the ones above. */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/**
 * Build the server's whole environment from scratch.
 *
 * Nothing comes from the hub's `process.env`: it holds the hub's own secrets, and kernels
 * inherit the server's environment. Nothing secret is added either: the user's code can
 * read it all (`/proc/<pid>/environ` keeps the server's initial environment). Jupyter's folders live in the home so that settings
 * and workspaces persist, and so that kernel connection files (which hold kernel keys) are
 * never in a shared `/tmp` when there is no sandbox.
 */
export function buildServerEnv(
  options: IServerEnvOptions
): Record<string, string> {
  return {
    ...buildJupyterEnv(options.venvDir, options.homeDir),
    ...(options.jupyterPath ? { JUPYTER_PATH: options.jupyterPath } : {}),
    ...options.extraEnv,
    HOME: options.homeDir,
    CANDYCE_SERVER_USER: options.userName
  };
}

/**
 * The environment of a Jupyter command run from the Candyce virtualenv with `homeDir`
 * as its home, built from scratch (the hub's own variables hold its secrets): the
 * venv first on the `PATH`, and Jupyter's folders in the home.
 */
export function buildJupyterEnv(
  venvDir: string,
  homeDir: string
): Record<string, string> {
  const jupyterData = path.join(homeDir, '.local', 'share', 'jupyter');
  return {
    PATH: [
      path.join(venvDir, 'bin'),
      '/usr/local/bin',
      '/usr/bin',
      '/bin'
    ].join(':'),
    LANG: 'C.UTF-8',
    SHELL: '/bin/bash',
    JUPYTER_PLATFORM_DIRS: '1',
    JUPYTER_CONFIG_DIR: path.join(homeDir, '.jupyter'),
    JUPYTER_DATA_DIR: jupyterData,
    JUPYTER_RUNTIME_DIR: path.join(jupyterData, 'runtime'),
    IPYTHONDIR: path.join(homeDir, '.ipython'),
    HOME: homeDir
  };
}

/**
 * Give a base URL its leading and trailing slashes: `user/ada` → `/user/ada/`.
 */
export function normalizeBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}
