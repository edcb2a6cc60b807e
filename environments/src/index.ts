/**
 * @candyce/environments: the environment engine. Binder/repo2docker software lists are
 * parsed, resolved into complete locks whose hash is the environment id, and built into
 * read-only virtualenvs of a content-addressed store.
 *
 * @packageDocumentation
 */
export type { IEnvironment } from './environment';
export { EnvironmentError, type EnvironmentErrorCode } from './errors';
export {
  canonicalJson,
  checkLockFits,
  lockId,
  lockToRequirements,
  readLock,
  shortId,
  SHORT_ID_LENGTH,
  writeLock,
  type ILock,
  type ILockedPackage
} from './lock';
export type { IPackageSource } from './pip';
export type { IProgressEvent, ProgressCallback } from './progress';
export {
  findPython,
  installedPythons,
  probePython,
  type IFindPythonOptions,
  type IPythonInfo
} from './python';
export {
  exportRepository,
  REPOSITORY_LOCK_FILE,
  type IExportOptions
} from './repository';
export { REPOSITORY_WHEELS } from './repositoryWheel';
export {
  COMMON_FILES,
  DEFAULT_PYTHON_IS_SERVERS,
  KIND_RULES,
  KNOWN_FILES,
  REPO2DOCKER_PYTHON,
  type ConfigKind,
  type IKindRule
} from './binderRules';
export { condaPypiMapping, condaToPip } from './condaPackages';
export { resolve, type IResolveOptions } from './resolve';
export {
  POSTBUILD_TIMEOUT_MS,
  runPostBuild,
  type IPostBuildOptions
} from './postBuild';
export { sandboxAvailable } from './sandbox';
export {
  condaChannelsFromEnvironment,
  type ICondaOptions,
  type ILockedConda
} from './conda';
export {
  describeProblem,
  parseSoftwareList,
  type IImageOnly,
  type IParseOptions,
  type IProblem,
  type IRequirement,
  type ISoftwareFile,
  type ISoftwareList
} from './softwareList';
export {
  EnvironmentStore,
  type ICollectResult,
  type IEnsureOptions,
  type IEnsureResult,
  type IStoreOptions
} from './store';
export { type IUvCacheCollected, type PruneOutcome } from './uvCache';
