/**
 * The parts of a read software list that its readers share (softwareList.ts,
 * requirements.ts, condaEnvironment.ts): a leaf module, so that they import no one.
 */

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
  /** Conda packages of `environment.yml`, as written. */
  condaPackages: string[];
  /** Conda channels of `environment.yml`. */
  condaChannels: string[];
  /** System packages of `apt.txt`. */
  aptPackages: string[];
  /** The `postBuild` script, if any. */
  postBuild?: string;
}
