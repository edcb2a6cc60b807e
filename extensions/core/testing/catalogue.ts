import { execFileSync } from 'child_process';
import * as path from 'path';

import { Gettext } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A message of the sources, as the catalogue tool extracts it. */
export interface IUsedMessage {
  msgid: string;
  plural?: string;
  context?: string;
  /** The files that say it, `path:line` each. */
  where: string;
}

/** What the catalogue tool knows, read once per test file. */
export interface ICatalogue {
  /** The French catalogue as JupyterLab loads it. */
  json: Record<string, Record<string, unknown>>;
  /** Every message the sources say. */
  used: IUsedMessage[];
}

let read: ICatalogue | null = null;

/**
 * The French catalogue and the sources' messages, from `scripts/i18n.mjs` itself (an ES
 * module, hence a child process), so that tests read them as the build does.
 */
export function catalogue(): ICatalogue {
  if (!read) {
    const script = `
      import fs from 'node:fs';
      import { extract, parsePo, toJupyterLabJson } from ${JSON.stringify(path.join(ROOT, 'scripts', 'i18n.mjs'))};
      const po = ${JSON.stringify(path.join(ROOT, 'locales', 'fr_FR', 'LC_MESSAGES', 'candyce.po'))};
      process.stdout.write(JSON.stringify({
        json: toJupyterLabJson(parsePo(fs.readFileSync(po, 'utf8')), 'fr_FR'),
        used: [...extract().values()]
      }));
    `;
    read = JSON.parse(
      execFileSync('node', ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        maxBuffer: 32 * 1024 * 1024
      })
    ) as ICatalogue;
  }
  return read;
}

/**
 * The French bundle JupyterLab makes of the catalogue (its `Gettext`, contexts and
 * plurals included); a missing translation is said in English, as in JupyterLab.
 */
export function frenchGettext(): TranslationBundle {
  const json = JSON.parse(JSON.stringify(catalogue().json));
  json[''].pluralForms = json[''].plural_forms;
  const gettext = new Gettext({ domain: 'candyce', locale: 'fr-FR' });
  gettext.loadJSON(json, 'candyce');
  return gettext as unknown as TranslationBundle;
}
