/**
 * The parts of a read software list that its readers share (softwareList.ts,
 * requirements.ts, condaEnvironment.ts, pipfile.ts, pythonPackage.ts,
 * softwareListNotes.ts): a leaf module, so that they import none of each other.
 */
import type { ConfigKind } from './binderRules';

/** One PEP 508 requirement and where it was written. */
export interface IRequirement {
  /** The requirement, e.g. `numpy>=1.26`. */
  text: string;
  /** The file it comes from. */
  file: string;
  /** Its line in that file (1-based). */
  line: number;
}

/** Something to tell the author of a list, in French, with its place. */
export interface IProblem {
  /** The file concerned. */
  file: string;
  /** Its line, when known (1-based). */
  line?: number;
  /** A French sentence, without the place (see `describeProblem`). */
  message: string;
}

/** What only an image build (repo2docker) applies; kept so that one can. */
export interface IImageOnly {
  /** Conda packages of `environment.yml` without a PyPI equivalent, as written. */
  condaPackages: string[];
  /** Conda channels of `environment.yml`. */
  condaChannels: string[];
  /** System packages of `apt.txt`. */
  aptPackages: string[];
  /** The `postBuild` script, if any. */
  postBuild?: string;
  /** The `start` script, if any. */
  start?: string;
}

/** A software list, read. */
export interface ISoftwareList {
  /** The Python version asked for (`3.11`); none: the server's default (see notes). */
  python?: string;
  /** The file the Python version comes from (`runtime.txt`, `environment.yml`…). */
  pythonFrom?: string;
  /** The pip requirements, in file order. */
  requirements: IRequirement[];
  /** What only image builds apply. */
  imageOnly: IImageOnly;
  /** Information for the author (parts the embedded builder ignores). */
  notes: IProblem[];
  /** What prevents resolving the list; empty when it can be resolved. */
  problems: IProblem[];
  /** The kind of configuration repo2docker would pick (its buildpack). */
  kind: ConfigKind;
  /** The configuration folder: `binder`, `.binder` or the top (''). */
  folder: string;
  /** The files the builder uses, in reading order. */
  usedFiles: string[];
  /** Conda match specs to solve against the deployment's channels (conda.ts). */
  conda?: { specs: string[]; channels: string[] };
  /** The `postBuild` script the build runs in its sandbox (see `IParseOptions.sandbox`). */
  postBuild?: string;
  /** When the repository itself is installed (`pip install .`): the file that says so. */
  installsRepository?: string;
}
