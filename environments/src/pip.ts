/**
 * How the engine calls pip (and uv): where packages come from, and an environment that
 * keeps pip quiet, non-interactive and, when asked, blind to the machine's own pip
 * configuration (a global constraints file or extra index would change a resolution).
 */
import os from 'node:os';

/** Where packages come from. */
export interface IPackageSource {
  /** The package index (default: pip's, i.e. PyPI or the machine's configuration). */
  indexUrl?: string;
  /** Folders or pages of distribution files (`--find-links`). */
  findLinks?: string[];
  /** Use only `findLinks`, no index at all. */
  noIndex?: boolean;
  /**
   * Whether pip reads the machine's configuration (pip.conf, `PIP_*` variables): true by
   * default so that an administrator's mirror or certificate applies; tests turn it off
   * to see only their own packages.
   */
  usePipConfig?: boolean;
}

/** The environment variables of a pip (or uv) run. */
export function toolEnvironment(source: IPackageSource): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (source.usePipConfig === false) {
    for (const name of Object.keys(env)) {
      if (name.startsWith('PIP_') || name.startsWith('UV_')) {
        delete env[name];
      }
    }
    // pip's documented way to load no configuration file at all.
    env.PIP_CONFIG_FILE = os.devNull;
    env.UV_NO_CONFIG = '1';
  }
  // Plain text to parse: runners such as lerna set FORCE_COLOR, which makes pip colour
  // its messages (and then no error line is recognised).
  delete env.FORCE_COLOR;
  delete env.CLICOLOR_FORCE;
  env.NO_COLOR = '1';
  env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
  env.PIP_NO_INPUT = '1';
  env.PIP_PROGRESS_BAR = 'off';
  env.PYTHONUTF8 = '1';
  return env;
}

/** The command-line options that say where packages come from (pip and uv alike). */
export function sourceArguments(source: IPackageSource): string[] {
  const args: string[] = [];
  if (source.indexUrl) {
    args.push('--index-url', source.indexUrl);
  }
  for (const link of source.findLinks ?? []) {
    args.push('--find-links', link);
  }
  if (source.noIndex) {
    args.push('--no-index');
  }
  return args;
}
