/**
 * `candyce-env warm`: fills the store's uv cache for the lists teachers start from (the
 * standard environments' folders, each package of the teaching list), so that a
 * resolution takes seconds; `--check` only says whether everything is warm (no
 * network). An index that cannot be reached is said in French and English and is no
 * failure: the platform works, resolutions are only slower until the next warming.
 */
import fs from 'node:fs/promises';

import { readSoftwareFolder } from './cliCommands';
import type { Command, IOutput } from './cliTypes';
import { EnvironmentError } from './errors';
import { storeUvCache } from './uv';
import {
  teachingLists,
  warmResolveCache,
  type IWarmList,
  type WarmOutcome
} from './warmCache';

/** The message when the index does not answer (both languages: set-up logs). */
export const UNREACHABLE_MESSAGE =
  'L’index des paquets est injoignable : le cache de résolution n’est pas préchauffé (sans gravité : les résolutions seront seulement plus lentes ; relancez plus tard).\n' +
  'The package index cannot be reached: the resolve cache was not warmed (harmless: resolving will only be slower; run it again later).';

/**
 * Warm (or with `check`, look at) the cache.
 *
 * @returns the exit code: 0, or with `check` 1 when some list is not warm.
 */
export async function warm(
  command: Extract<Command, { name: 'warm' }>,
  output: IOutput,
  signal?: AbortSignal
): Promise<number> {
  const lists = await Private.lists(command);
  if (!lists.length) {
    throw new EnvironmentError(
      'invalid-list',
      'Rien à préchauffer : les dossiers et la liste de paquets sont vides.'
    );
  }
  await fs.access(command.uv).catch(() => {
    throw new EnvironmentError(
      'tool-failed',
      `uv est introuvable : ${command.uv}.`
    );
  });
  const said: Record<WarmOutcome, string> = {
    warmed: 'préchauffé',
    already: 'déjà préchauffé',
    missing: 'à préchauffer',
    failed: 'échec (voir ci-dessous)',
    unreachable: 'index injoignable'
  };
  const result = await warmResolveCache(lists, {
    uv: command.uv,
    cacheDir: storeUvCache(command.store),
    ...(command.python ? { python: command.python } : {}),
    force: command.force,
    check: command.check,
    signal,
    onList: (name, outcome) => {
      if (outcome !== 'already' || !command.check) {
        output.err(`${name} : ${said[outcome]}`);
      }
    }
  });
  if (command.check) {
    const missing = lists.length - result.already.length;
    output.out(
      missing
        ? `${missing} liste(s) sur ${lists.length} à préchauffer.`
        : `Cache de résolution préchauffé (${lists.length} listes).`
    );
    return missing ? 1 : 0;
  }
  for (const { name, reason } of result.failed) {
    output.err(`${name} : uv n’a pas pu résoudre cette liste : ${reason}`);
  }
  if (!result.reachable) {
    output.err(UNREACHABLE_MESSAGE);
  }
  output.out(
    `Cache de résolution : ${result.warmed.length} liste(s) préchauffée(s), ${result.already.length} déjà prête(s), ${result.failed.length} en échec${result.reachable ? '' : ', le reste non tenté (index injoignable)'}.`
  );
  return 0;
}

namespace Private {
  /** The folders' lists, then the teaching packages for each Python they use. */
  export async function lists(
    command: Extract<Command, { name: 'warm' }>
  ): Promise<IWarmList[]> {
    const lists: IWarmList[] = [];
    for (const folder of command.folders) {
      const { list } = await readSoftwareFolder(folder);
      const name = folder.replace(/\/+$/, '').split('/').pop() || folder;
      if (list.problems.length || !list.requirements.length) {
        continue;
      }
      lists.push({
        name,
        lines: list.requirements.map(item => item.text),
        python: list.python ?? null
      });
    }
    if (command.packages) {
      const text = await fs.readFile(command.packages, 'utf8');
      const pythons = [...new Set(lists.map(list => list.python))];
      for (const python of pythons.length ? pythons : [null]) {
        lists.push(...teachingLists(text, python));
      }
    }
    return lists;
  }
}
