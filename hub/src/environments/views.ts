/**
 * What the API answers about environments (hub/openapi.yml `Environment`,
 * `EnvironmentSummary`).
 */
import {
  describeProblem,
  parseSoftwareList,
  shortId,
  type IEnvironment,
  type ILock,
  type ISoftwareFile,
  type ISoftwareList
} from '@candyce/environments';

import { kernelName } from './kernelspecs';
import { environmentName } from './names';
import { imageOnlyFiles } from './schemas';

/** An environment as the API describes it: the engine's view, named. */
export interface IHubEnvironment extends IEnvironment {
  /** Its human name (« Python — Mathématiques »), shown instead of its hash. */
  name: string;
  /** Whether it is a standard environment (binder-configs). */
  standard: boolean;
  /** Whether the caller may rename it: its author, and not a standard one. */
  renamable: boolean;
}

/** Who reads a view, and what the hub knows of the environment besides its record. */
export interface IViewContext {
  built: boolean;
  standard: boolean;
  /** The reader's user id, when there is one. */
  viewerId?: string | null;
  /** The list as it was just read (with its folders), rather than read again. */
  list?: ISoftwareList;
}

/** An environment as administrators list it. */
export interface IEnvironmentSummary {
  id: string;
  shortId: string;
  /** Its human name. */
  name: string;
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
    name: string | null;
    createdBy: string | null;
  },
  context: IViewContext
): IHubEnvironment {
  const { lock, files } = record;
  // The lock says whether the build runs postBuild (in its sandbox).
  const list =
    context.list ??
    parseSoftwareList(files, {
      sandbox: lock.postBuild !== undefined,
      condaChannels: lock.conda?.channels
    });
  return {
    id,
    shortId: shortId(id),
    kernelName: kernelName(id),
    name: environmentName({
      name: record.name,
      python: lock.python.version,
      createdAt: record.createdAt
    }),
    standard: context.standard,
    renamable:
      !context.standard &&
      !!context.viewerId &&
      record.createdBy === context.viewerId,
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
    imageOnly: imageOnlyFiles(files, list),
    notes: list.notes.map(describeProblem),
    addedRequirements: record.addedRequirements,
    built: context.built,
    lock,
    createdAt: record.createdAt
  };
}
