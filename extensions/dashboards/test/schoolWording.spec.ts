import { execFileSync } from 'child_process';
import * as path from 'path';

import { schoolBundle } from '@candyce/school-ui';
import { Gettext } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';

import { schoolMessages } from '../src/schoolMessages';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The French catalogue as JupyterLab loads it, and the messages of the sources. */
function catalogueTool(): {
  json: Record<string, Record<string, unknown>>;
  used: { msgid: string; context?: string; where: string }[];
} {
  const script = `
    import fs from 'node:fs';
    import { extract, parsePo, toJupyterLabJson } from ${JSON.stringify(path.join(ROOT, 'scripts', 'i18n.mjs'))};
    const po = ${JSON.stringify(path.join(ROOT, 'locales', 'fr_FR', 'LC_MESSAGES', 'candyce.po'))};
    process.stdout.write(JSON.stringify({
      json: toJupyterLabJson(parsePo(fs.readFileSync(po, 'utf8')), 'fr_FR'),
      used: [...extract().values()]
    }));
  `;
  return JSON.parse(
    execFileSync('node', ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024
    })
  );
}

const tool = catalogueTool();

function french(): TranslationBundle {
  const json = JSON.parse(JSON.stringify(tool.json));
  json[''].pluralForms = json[''].plural_forms;
  const gettext = new Gettext({ domain: 'candyce', locale: 'fr-FR' });
  gettext.loadJSON(json, 'candyce');
  return gettext as unknown as TranslationBundle;
}

/** « vous » in any form: the pronoun, its possessives, an imperative. */
const VOUS = /\b(vous|votre|vos)\b|\b\p{L}+ez\b/iu;

/** The files whose messages a pupil reads on « Mon tableau de bord ». */
const PUPIL_FILES =
  /extensions\/dashboards\/src\/(meSections|sectionView|controls|period|format|sections)\.ts\b/;

describe('« Mon tableau de bord » in school mode', () => {
  const fr = french();
  const school = schoolBundle(fr, () => true);

  it('has a « tu » variant for each of its school messages', () => {
    const plain: string[] = [];
    const recorder = {
      _p: (_context: string, msgid: string) => {
        plain.push(msgid);
        return msgid;
      }
    } as unknown as TranslationBundle;
    schoolMessages(recorder);
    expect(plain.length).toBeGreaterThan(0);
    for (const msgid of plain) {
      const variant = school.__(msgid, 'x');
      expect(variant).not.toMatch(VOUS);
      expect(variant).not.toBe(msgid);
    }
    expect(school.__('Your teacher left feedback on: %1.', 'Les listes')).toBe(
      'Ton professeur a laissé des commentaires sur : Les listes.'
    );
    expect(fr.__('Your teacher left feedback on: %1.', 'Les listes')).toBe(
      'Commentaires de votre enseignant·e sur : Les listes.'
    );
  });

  it('leaves no message a pupil reads with « vous » in school mode', () => {
    const pupilMessages = tool.used.filter(
      m => !m.context && PUPIL_FILES.test(m.where)
    );
    expect(pupilMessages.length).toBeGreaterThan(20);
    const left = pupilMessages
      .map(m => school.__(m.msgid, '%1', '%2', '%3', '%4', '%5', '%6'))
      .filter(text => VOUS.test(text));
    expect(left).toEqual([]);
  });
});
