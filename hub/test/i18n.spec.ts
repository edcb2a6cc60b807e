import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Request } from 'express';

import {
  acceptedLanguage,
  cataloguePath,
  loadCatalogue,
  parsePo,
  requestLanguage,
  strfmt,
  translator
} from '../src/i18n';

const ROOT = path.join(__dirname, '..', '..');

/** A request as Express gives it, with what `requestLanguage` reads. */
function request(options: {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  language?: 'fr' | 'en';
}): Request {
  const auth = options.language
    ? { user: { language: options.language } }
    : null;
  return {
    headers: options.headers ?? {},
    query: options.query ?? {},
    res: { locals: { auth } }
  } as unknown as Request;
}

describe('the hub catalogue', () => {
  it('reads the French catalogue as scripts/i18n.mjs reads it', () => {
    const file = cataloguePath('fr_FR');
    const ours = parsePo(fs.readFileSync(file, 'utf8'), file);
    // The extensions' reader, run as the build runs it.
    const theirs = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import fs from 'node:fs';
           import { toJupyterLabJson, parsePo } from './scripts/i18n.mjs';
           const po = parsePo(fs.readFileSync(${JSON.stringify(file)}, 'utf8'));
           console.log(JSON.stringify(toJupyterLabJson(po, 'fr_FR')));`
        ],
        { cwd: ROOT, encoding: 'utf8' }
      )
    ) as Record<string, string[]>;
    delete theirs[''];
    expect(Object.fromEntries(ours)).toEqual(theirs);
    expect(ours.size).toBeGreaterThan(100);
  });

  it('is checked with the hub strings: scripts/i18n.mjs extracts hub/src', () => {
    const extracted = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { extract } from './scripts/i18n.mjs';
           console.log(JSON.stringify([...extract().values()]));`
        ],
        { cwd: ROOT, encoding: 'utf8' }
      )
    ) as { msgid: string; plural?: string; context?: string; where: string }[];
    const find = (msgid: string) => extracted.find(m => m.msgid === msgid);
    expect(find('Log in to Candyce')?.where).toBe('hub/src/pages/routes.ts');
    expect(find('%1 class')).toMatchObject({ plural: '%1 classes' });
    expect(
      extracted.find(m => m.msgid === 'none' && m.context === 'references')
        ?.where
    ).toBe('hub/src/environments/pages.ts');
    // The extensions' strings are still there.
    expect(find('About Candyce')?.where).toContain('extensions/branding/src');
    // And every hub string has its French in the catalogue the hub reads.
    const french = loadCatalogue('fr_FR');
    const hubMessages = extracted.filter(m => m.where.startsWith('hub/'));
    expect(hubMessages.length).toBeGreaterThan(200);
    const key = (m: { msgid: string; context?: string }) =>
      m.context ? `${m.context}\u0004${m.msgid}` : m.msgid;
    expect(hubMessages.filter(m => !french.has(key(m)))).toEqual([]);
  });

  it('joins continued strings, decodes escapes, keeps contexts and plurals', () => {
    const messages = parsePo(
      [
        'msgid ""',
        'msgstr ""',
        '"Language: fr_FR\\n"',
        '',
        '# a comment',
        'msgid "Hello "',
        '"world"',
        'msgstr "Bonjour "',
        '"« le monde »\\n\\"cité\\""',
        '',
        'msgctxt "verb"',
        'msgid "Open"',
        'msgstr "Ouvrir"',
        '',
        'msgid "%1 class"',
        'msgid_plural "%1 classes"',
        'msgstr[0] "%1 classe"',
        'msgstr[1] "%1 classes"',
        'msgid "Untranslated"',
        'msgstr ""'
      ].join('\n')
    );
    expect([...messages.entries()]).toEqual([
      ['Hello world', ['Bonjour « le monde »\n"cité"']],
      ['verb\u0004Open', ['Ouvrir']],
      ['%1 class', ['%1 classe', '%1 classes']]
    ]);
  });

  it('names the line it cannot read', () => {
    expect(() => parsePo('msgid "a"\nmsgstr "b"\nnonsense', 'x.po')).toThrow(
      'x.po:3: cannot read « nonsense »'
    );
  });
});

describe('translator', () => {
  it('translates into French from the catalogue, placeholders filled', () => {
    const trans = translator('fr');
    expect(trans.__('About Candyce')).toBe('À propos de Candyce');
    expect(trans.language).toBe('fr');
  });

  it('gives English msgids as they are', () => {
    const trans = translator('en');
    expect(trans.__('About Candyce')).toBe('About Candyce');
    expect(trans.__('Hello %1, %2 and %1', 'Léa', 3)).toBe(
      'Hello Léa, 3 and Léa'
    );
  });

  it('falls back to the msgid for a message not in the catalogue', () => {
    expect(translator('fr').__('No such message %1', 'x')).toBe(
      'No such message x'
    );
  });

  it('chooses plural forms as French and English do', () => {
    const fr = translator('fr');
    const en = translator('en');
    // Not in the catalogue: the English forms, by each language's rule.
    expect(fr._n('%1 thing', '%1 things', 0)).toBe('0 thing');
    expect(fr._n('%1 thing', '%1 things', 2)).toBe('2 things');
    expect(en._n('%1 thing', '%1 things', 0)).toBe('0 things');
    expect(en._n('%1 thing', '%1 things', 1)).toBe('1 thing');
    expect(en._n('%1 thing in %2', '%1 things in %2', 3, 'A')).toBe(
      '3 things in A'
    );
  });

  it('formats as JupyterLab does', () => {
    expect(strfmt('%1%% of %2', 50, 'x')).toBe('50% of x');
    expect(strfmt('%2 before %1', 'a', 'b')).toBe('b before a');
  });
});

describe('requestLanguage', () => {
  it('is French for a request that says nothing', () => {
    expect(requestLanguage(request({}))).toBe('fr');
  });

  it('takes the best of Accept-Language between French and English', () => {
    expect(acceptedLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(acceptedLanguage('de-DE,de;q=0.9,en;q=0.5,fr;q=0.4')).toBe('en');
    expect(acceptedLanguage('en;q=0.5,fr-CA;q=0.8')).toBe('fr');
    expect(acceptedLanguage('en;q=0,de')).toBe('fr');
    expect(acceptedLanguage('de, *')).toBe('fr');
    expect(acceptedLanguage('EN-us')).toBe('en');
    expect(acceptedLanguage(undefined)).toBe('fr');
  });

  it('puts the stored language before the browser, the link before all', () => {
    const english = { 'accept-language': 'en' };
    expect(requestLanguage(request({ headers: english }))).toBe('en');
    expect(requestLanguage(request({ headers: english, language: 'fr' }))).toBe(
      'fr'
    );
    expect(
      requestLanguage(
        request({ headers: { cookie: 'a=b; candyce-language=en' } })
      )
    ).toBe('en');
    expect(
      requestLanguage(
        request({ headers: english, language: 'fr', query: { lang: 'en' } })
      )
    ).toBe('en');
    expect(requestLanguage(request({ query: { lang: 'de' } }))).toBe('fr');
  });
});
