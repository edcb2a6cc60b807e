/**
 * The French catalogue of the `candyce` domain, read from the `.po` file the
 * extensions use (`locales/fr_FR/LC_MESSAGES/candyce.po`). The hub reads the `.po`
 * itself rather than the JSON that `scripts/i18n.mjs compile` writes: the `.po` is
 * committed, so the hub and its tests find it in a clean clone before any build, from
 * `src/` (ts-jest) as from `lib/`.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * The repository's catalogue of the `candyce` domain for one POSIX locale.
 */
export function cataloguePath(locale: string): string {
  return path.join(
    __dirname,
    '..',
    '..',
    '..',
    'locales',
    locale,
    'LC_MESSAGES',
    'candyce.po'
  );
}

/**
 * The translations of a catalogue: key (`msgid`, or `msgctxt` U+0004 `msgid`) → its
 * forms (one, or one per plural form). Untranslated entries are left out.
 */
export type Messages = ReadonlyMap<string, readonly string[]>;

/**
 * The separator of a context and its msgid in keys, as gettext and JupyterLab have it.
 */
export const CONTEXT_DELIMITER = '\u0004';

/**
 * Read the translations of a `.po` text: the same reading as `scripts/i18n.mjs`'s
 * `parsePo` (comments skipped, continued strings joined, `\n`, `\t`, `\"` and `\\`
 * decoded), the header left out.
 *
 * @throws on a line it cannot read, naming `file` and the line.
 */
export function parsePo(text: string, file = 'po'): Messages {
  const messages = new Map<string, string[]>();
  let entry: Private.IEntry | null = null;
  let field: Private.Field | null = null;
  const flush = () => {
    if (entry?.msgid !== undefined) {
      Private.keep(messages, entry);
    }
    entry = null;
    field = null;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      return flush();
    }
    if (line.startsWith('#')) {
      return;
    }
    const keyword = line.match(
      /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/
    );
    if (keyword) {
      const [, name, plural, quoted] = keyword;
      if (name === 'msgid' && entry?.msgid !== undefined) {
        flush();
      }
      entry ??= { msgstr: [] };
      field = name.startsWith('msgstr')
        ? { name: 'msgstr', index: Number(plural ?? 0) }
        : { name: name as 'msgctxt' | 'msgid' | 'msgid_plural' };
      Private.append(entry, field, Private.unquote(quoted), true);
    } else if (/^".*"$/.test(line) && entry && field) {
      Private.append(entry, field, Private.unquote(line), false);
    } else {
      throw new Error(`${file}:${index + 1}: cannot read « ${line} »`);
    }
  });
  flush();
  return messages;
}

/**
 * The translations of one locale's catalogue, read once (the first time a page asks).
 * A missing catalogue is an error: a hub without its French would show English to
 * every user without saying why.
 */
export function loadCatalogue(locale: string): Messages {
  let messages = Private.loaded.get(locale);
  if (!messages) {
    const file = cataloguePath(locale);
    messages = parsePo(fs.readFileSync(file, 'utf8'), file);
    Private.loaded.set(locale, messages);
  }
  return messages;
}

namespace Private {
  export interface IEntry {
    msgctxt?: string;
    msgid?: string;
    msgid_plural?: string;
    msgstr: string[];
  }

  export type Field =
    | { name: 'msgctxt' | 'msgid' | 'msgid_plural' }
    | { name: 'msgstr'; index: number };

  export const loaded = new Map<string, Messages>();

  export function append(
    entry: IEntry,
    field: Field,
    value: string,
    first: boolean
  ): void {
    if (field.name === 'msgstr') {
      entry.msgstr[field.index] =
        (first ? '' : (entry.msgstr[field.index] ?? '')) + value;
    } else {
      entry[field.name] = (first ? '' : (entry[field.name] ?? '')) + value;
    }
  }

  /** Decode a PO quoted string. */
  export function unquote(quoted: string): string {
    return quoted
      .slice(1, -1)
      .replace(
        /\\(.)/g,
        (_, c: string) =>
          (({ n: '\n', t: '\t', r: '\r' }) as Record<string, string>)[c] ?? c
      );
  }

  /** Keep a translated entry (every form filled); the header has an empty msgid. */
  export function keep(messages: Map<string, string[]>, entry: IEntry): void {
    const forms = [...entry.msgstr];
    if (entry.msgid === '' || forms.length === 0 || forms.some(form => !form)) {
      return;
    }
    const key = entry.msgctxt
      ? `${entry.msgctxt}${CONTEXT_DELIMITER}${entry.msgid}`
      : entry.msgid!;
    messages.set(key, forms);
  }
}
