/**
 * What the API answers about environments (hub/openapi.yml `Environment`,
 * `EnvironmentSummary`).
 */
import {
  parseSoftwareList,
  shortId,
  type ILock,
  type ISoftwareFile
} from '@candyce/environments';

import { kernelName } from './kernelspecs';
import { imageOnlyFiles } from './schemas';

/** An environment, as the « Environnement » panel reads it. */
export interface IEnvironment {
  id: string;
  shortId: string;
  /** Its kernelspec's name, `candyce-<short>`. */
  kernelName: string;
  /** `3.11`. */
  python: string;
  /** The lock's packages, sorted by name. */
  packages: { name: string; version: string }[];
  /** The software list it was resolved from. */
  files: ISoftwareFile[];
  /** Files of the list only image builds apply (apt.txt, postBuild, conda packages). */
  imageOnly: string[];
  /** Requirements the hub added to the list (`ipykernel`). */
  addedRequirements: string[];
  /** Whether it is built in the store. */
  built: boolean;
  lock: ILock;
  createdAt: string;
}

/** An environment as administrators list it. */
export interface IEnvironmentSummary {
  id: string;
  shortId: string;
  python: string;
  /** How many packages. */
  packages: number;
  /** Disk bytes of its files (0 when not built). */
  bytes: number;
  built: boolean;
  references: {
    /** Library resources one of whose versions names it. */
    resources: number;
    /** Assignments that hand out notebooks pinned to it. */
    assignments: number;
    /** 1 when an opened notebook used it within `environmentKeepDays`, else 0. */
    recentUses: number;
  };
  /** Whether it is a standard environment (binder-configs), never collected. */
  standard: boolean;
  lastUsedAt: string | null;
}

/** The API view of an environment. */
export function environmentView(
  id: string,
  record: {
    lock: ILock;
    files: ISoftwareFile[];
    addedRequirements: string[];
    createdAt: string;
  },
  built: boolean
): IEnvironment {
  const { lock, files } = record;
  return {
    id,
    shortId: shortId(id),
    kernelName: kernelName(id),
    python: lock.python.version,
    packages: lock.packages
      .map(item => ({ name: item.name, version: item.version }))
      .sort((a, b) =>
        a.name.toLowerCase() < b.name.toLowerCase()
          ? -1
          : a.name.toLowerCase() > b.name.toLowerCase()
            ? 1
            : 0
      ),
    files,
    imageOnly: imageOnlyFiles(files, parseSoftwareList(files)),
    addedRequirements: record.addedRequirements,
    built,
    lock,
    createdAt: record.createdAt
  };
}
