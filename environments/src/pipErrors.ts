/**
 * pip's failures, explained in French: which package, which constraint. pip's messages
 * are stable enough to read (they are what users search for); anything unrecognised
 * falls back to pip's last error line.
 */
import { EnvironmentError } from './errors';

/** The French error for a failed pip run, from everything it printed. */
export function explainPipFailure(output: string): EnvironmentError {
  // Colour codes, should a tool add them anyway, are not part of the messages.
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  const error = (
    code: ConstructorParameters<typeof EnvironmentError>[0],
    message: string
  ) => new EnvironmentError(code, message, output);

  const conflict = Private.conflict(lines);
  if (conflict) {
    return error('conflict', conflict);
  }
  const missing =
    /Could not find a version that satisfies the requirement (.+?) \(from versions: (.*)\)/.exec(
      output
    );
  if (missing) {
    const [requirement, from] = Private.splitFrom(missing[1]);
    const versions = missing[2].trim();
    const asker = from ? ` (demandé par ${from})` : '';
    return versions === 'none'
      ? error(
          'not-found',
          `Le paquet « ${requirement} »${asker} est introuvable dans l’index des paquets : vérifiez son nom.`
        )
      : error(
          'not-found',
          `Aucune version ne satisfait « ${requirement} »${asker} ; versions disponibles : ${versions}.`
        );
  }
  const failedBuild =
    /Failed to build '?([^'\s]+)'?/.exec(output) ??
    /Failed building wheel for (\S+)/.exec(output) ??
    /(?:metadata-generation-failed|subprocess-exited-with-error)[\s\S]*?╰─> (\S+)\s*$/m.exec(
      output
    );
  if (failedBuild || /subprocess-exited-with-error/.test(output)) {
    const name = failedBuild?.[1] ?? Private.processing(lines) ?? '?';
    const reason = Private.lastException(lines);
    return error(
      'build-failed',
      `La construction du paquet « ${name} » depuis ses sources a échoué${reason ? ` : ${reason}` : ''}.`
    );
  }
  if (/DO NOT MATCH THE HASHES/.test(output)) {
    const name = /^\s+(\S+)==\S+ from /m.exec(output)?.[1] ?? '?';
    return error(
      'hash-mismatch',
      `Le fichier téléchargé pour « ${name} » ne correspond pas à l’empreinte enregistrée dans le verrou : l’index a changé ce fichier, l’environnement n’est pas construit.`
    );
  }
  const invalid = /Invalid requirement: '([^']*)'/.exec(output);
  if (invalid) {
    return error(
      'invalid-list',
      `« ${invalid[1]} » n’est pas une exigence valide.`
    );
  }
  const last = lines.filter(line => line.startsWith('ERROR:')).pop();
  return error(
    'tool-failed',
    `pip a échoué${last ? ` : ${last.replace(/^ERROR:\s*/, '')}` : '.'}`
  );
}

namespace Private {
  /**
   * ResolutionImpossible: « The conflict is caused by: » then lines such as
   * « The user requested beta<2 » and « alpha 1.1 depends on beta>=2 ».
   */
  export function conflict(lines: string[]): string | undefined {
    const start = lines.findIndex(line =>
      line.trim().startsWith('The conflict is caused by:')
    );
    if (start < 0) {
      return undefined;
    }
    const causes: string[] = [];
    for (const line of lines.slice(start + 1)) {
      const text = line.trim();
      if (!text) {
        break;
      }
      const requested = /^The user requested (.+)$/.exec(text);
      const depends = /^(\S+) (\S+) depends on (.+)$/.exec(text);
      if (requested) {
        causes.push(`vous demandez ${requested[1]}`);
      } else if (depends) {
        causes.push(`${depends[1]} ${depends[2]} exige ${depends[3]}`);
      } else {
        causes.push(text);
      }
    }
    return `Ces paquets ne peuvent pas être installés ensemble : ${causes.join(' ; ')}.`;
  }

  /** « delta<1 (from gamma) » → [« delta<1 », « gamma »]. */
  export function splitFrom(text: string): [string, string | undefined] {
    const match = /^(.*?) \(from (.+)\)$/.exec(text);
    return match ? [match[1], match[2]] : [text, undefined];
  }

  /** The package pip was working on last (« Processing ./broken-1.0.tar.gz »). */
  export function processing(lines: string[]): string | undefined {
    for (const line of [...lines].reverse()) {
      const match =
        /^(?:Processing|Collecting)\s+(?:\S*\/)?([A-Za-z0-9_.]+?)(?:-\d[^\s/]*)?(?:\s|$)/.exec(
          line.trim()
        );
      if (match) {
        return match[1];
      }
    }
    return undefined;
  }

  /** The last Python exception line of a build's output (« RuntimeError: … »). */
  export function lastException(lines: string[]): string | undefined {
    return [...lines]
      .reverse()
      .map(line => line.trim())
      .find(line => /^[A-Za-z_.]*(Error|Exception|Exit)\b.*:/.test(line));
  }
}
