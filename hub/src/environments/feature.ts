import * as fs from 'fs';
import * as path from 'path';

import { environmentsDir } from '../config/load';
import { IHubContext, IFeature } from '../context';
import { EnvironmentCollector } from './collector';
import { NotebookEnvironments } from './notebooks';
import { EnvironmentService } from './service';
import { IStandardEnvironment, readStandardEnvironments } from './standard';
import { EnvironmentRecordStore } from './store';

/**
 * The environments feature's services.
 */
export interface IEnvironmentsServices {
  /** Environments: locks, builds, kernelspecs. */
  environments: EnvironmentService;
  /** The environments notebooks pin, for the library and assignments. */
  notebookEnvironments: NotebookEnvironments;
  /** Garbage collection of built environments (`environmentGcIntervalHours`). */
  environmentCollector: EnvironmentCollector;
  /** The curated standard environments (`binder-configs/`). */
  standardEnvironments: IStandardEnvironment[];
}

/**
 * Environments: pinned software lists, their locks and builds, and their collection.
 *
 * @param deps.libraryReferences - the environments the library's resources use (the
 *   library is built after this feature: called only once the hub has started).
 */
export async function create(
  context: IHubContext,
  deps: { libraryReferences: () => Promise<Map<string, number>> }
): Promise<IFeature<IEnvironmentsServices>> {
  const { config, log, clock } = context;
  const standardEnvironments = readStandardEnvironments();
  const environments = await EnvironmentService.open(
    new EnvironmentRecordStore(context.db),
    {
      dir: environmentsDir(config),
      source: {
        indexUrl: config.packageIndexUrl,
        findLinks: config.packageFindLinks,
        noIndex: config.packageNoIndex,
        usePipConfig: config.packageUsePipConfig
      },
      condaChannels: config.condaChannels,
      uv: installerUv(config.environmentInstaller, config.venvDir),
      pipPython: path.join(config.venvDir, 'bin', 'python'),
      standard: standardEnvironments,
      log,
      now: clock
    }
  );
  const environmentCollector = new EnvironmentCollector(environments, {
    libraryReferences: deps.libraryReferences,
    keepDays: config.environmentKeepDays,
    intervalHours: config.environmentGcIntervalHours,
    log,
    now: clock
  });
  return {
    services: {
      environments,
      notebookEnvironments: new NotebookEnvironments(environments),
      environmentCollector,
      standardEnvironments
    },
    start: () => environmentCollector.start(),
    stop: () => environmentCollector.stop()
  };
}

/** The venv's uv when it is the installer and is there; pip otherwise. */
function installerUv(
  installer: 'uv' | 'pip',
  venvDir: string
): string | undefined {
  const uv = path.join(venvDir, 'bin', 'uv');
  return installer === 'uv' && fs.existsSync(uv) ? uv : undefined;
}
