/**
 * An environment as the hub's API describes it (hub/openapi.yml `Environment`): the
 * hub answers it, the « Environnement » panel reads it. Types only, so that the panel
 * can import it without taking any of the engine's Node code into the browser.
 */
import type { ILock } from './lock';
import type { ISoftwareFile } from './softwareList';

/** An environment, as the hub's API answers it and the « Environnement » panel reads it. */
export interface IEnvironment {
  /** The SHA-256 of the lock (64 hex characters). */
  id: string;
  shortId: string;
  /** `candyce-<shortId>`: the kernelspec written once the environment is built. */
  kernelName: string;
  /** `3.11`. */
  python: string;
  /** The lock's packages, sorted by name. */
  packages: { name: string; version: string }[];
  /** The software list it was resolved from. */
  files: ISoftwareFile[];
  /** Files of the list only image builds apply (apt.txt, postBuild, conda packages). */
  imageOnly: string[];
  /**
   * What the builder leaves aside or does differently from repo2docker, one French
   * sentence each with its file (`describeProblem` of the list's notes).
   */
  notes: string[];
  /** Requirements the hub added to the list, such as `ipykernel`. */
  addedRequirements: string[];
  /** Whether it is built in the store. */
  built: boolean;
  lock: ILock;
  createdAt: string;
}
