import type { TranslationBundle } from '@jupyterlab/translation';
import * as fs from 'fs';
import * as path from 'path';

type Catalogue = Map<string, string[]>;

/**
 * The French catalogue of the `candyce` domain, read from its .po source.
 */
function frenchCatalogue(): Catalogue {
  const file = path.join(
    __dirname,
    '..',
    '..',
    '..',
    'locales',
    'fr_FR',
    'LC_MESSAGES',
    'candyce.po'
  );
  const catalogue: Catalogue = new Map();
  const unquote = (text: string) =>
    JSON.parse(text.replace(/\\t/g, '\\t')) as string;
  let msgid: string | null = null;
  // Keys as gettext and JupyterLab have them: `msgctxt` U+0004 `msgid`.
  let context = '';
  let field: { name: string; index: number } | null = null;
  let strings: string[] = [];
  const flush = () => {
    if (msgid !== null && msgid !== '') {
      catalogue.set(context ? `${context}\u0004${msgid}` : msgid, strings);
    }
    context = '';
    msgid = null;
    strings = [];
    field = null;
  };
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      continue;
    }
    const keyword = line.match(
      /^(msgid_plural|msgid|msgctxt|msgstr(?:\[(\d+)\])?)\s+(".*")$/
    );
    if (keyword) {
      const [, name, index, quoted] = keyword;
      if (name === 'msgid') {
        if (msgid !== null) {
          flush();
        }
        msgid = unquote(quoted);
        field = { name, index: 0 };
      } else if (name === 'msgctxt') {
        context = unquote(quoted);
        field = { name, index: 0 };
      } else if (name.startsWith('msgstr')) {
        field = { name: 'msgstr', index: Number(index ?? 0) };
        strings[field.index] = unquote(quoted);
      } else {
        field = { name, index: 0 };
      }
    } else if (field?.name === 'msgid' && msgid !== null) {
      msgid += unquote(line);
    } else if (field?.name === 'msgstr') {
      strings[field.index] += unquote(line);
    }
  }
  flush();
  return catalogue;
}

function fill(text: string, args: unknown[]): string {
  return text.replace(/%(\d+)/g, (_m, n) => String(args[Number(n) - 1]));
}

/**
 * An English bundle: msgids with their `%n` placeholders filled in (contexts ignored).
 */
export const trans = {
  __: (text: string, ...args: unknown[]) => fill(text, args),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    fill(n === 1 ? one : many, [n, ...args]),
  _p: (_context: string, text: string, ...args: unknown[]) => fill(text, args)
} as unknown as TranslationBundle;

/**
 * The French bundle users see (French plural: `n > 1`), strict where
 * `frenchGettext` is lenient: a missing translation throws.
 */
export function french(): TranslationBundle {
  const catalogue = frenchCatalogue();
  const lookup = (msgid: string): string[] => {
    const found = catalogue.get(msgid);
    if (!found || found.some(s => !s)) {
      throw new Error(`no French translation for « ${msgid} »`);
    }
    return found;
  };
  return {
    __: (text: string, ...args: unknown[]) => fill(lookup(text)[0], args),
    _n: (one: string, _many: string, n: number, ...args: unknown[]) =>
      fill(lookup(one)[n > 1 ? 1 : 0], [n, ...args]),
    // Contexts are optional: a message without one is said as the msgid, as gettext does.
    _p: (context: string, text: string, ...args: unknown[]) =>
      fill(catalogue.get(`${context}\u0004${text}`)?.[0] ?? text, args)
  } as unknown as TranslationBundle;
}
