#!/usr/bin/env node
/**
 * Candyce translations: extract, check and compile the `candyce` gettext domain.
 *
 *   node scripts/i18n.mjs check    every translatable string of the extensions and the hub
 *                                  (`trans.__()` calls in extensions/<x>/src, hub/src) has a
 *                                  translation in every locales/<lang>/LC_MESSAGES/candyce.po,
 *                                  with the same placeholders, and no .po entry is stale
 *   node scripts/i18n.mjs update   add the missing strings to each .po (empty msgstr)
 *   node scripts/i18n.mjs compile  write python/candyce/locale/<lang>/LC_MESSAGES/candyce.json,
 *                                  the layout jupyterlab_server loads through the
 *                                  `jupyterlab.locale` entry point
 *
 * Source strings are English: jupyterlab_server serves translation data only for
 * installed language packs, never for English, so an English msgid is what an
 * English interface shows. French is the platform's default locale.
 *
 * Plain JavaScript so that it runs before anything is installed or compiled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOMAIN = 'candyce';
const LOCALES_DIR = path.join(ROOT, 'locales');
const OUTPUT_DIR = path.join(ROOT, 'python', 'candyce', 'locale');
const CONTEXT_DELIMITER = '\u0004';

/**
 * Recursively list the TypeScript sources of the extensions and of the hub, whose
 * pages translate with the same catalogue (hub/src/i18n).
 */
function sourceFiles() {
  const files = [];
  const walk = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(full);
      }
    }
  };
  const extensions = path.join(ROOT, 'extensions');
  for (const pkg of fs.readdirSync(extensions)) {
    const src = path.join(extensions, pkg, 'src');
    if (fs.existsSync(src)) {
      walk(src);
    }
  }
  walk(path.join(ROOT, 'hub', 'src'));
  return files.sort();
}

const STRING = String.raw`'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"`;
const CALL = new RegExp(
  String.raw`\btrans\.(__|_n|_p)\(\s*(${STRING})(?:\s*,\s*(${STRING}))?`,
  'g'
);

/** Decode a JavaScript single- or double-quoted literal. */
function jsString(literal) {
  return literal
    .slice(1, -1)
    .replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, c) => {
      if (c.startsWith('u')) {
        return String.fromCodePoint(parseInt(c.replace(/[u{}]/g, ''), 16));
      }
      return { n: '\n', t: '\t', r: '\r' }[c] ?? c;
    });
}

/** The messages used in the sources: key → { msgid, plural?, context?, where }. */
export function extract() {
  const messages = new Map();
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(CALL)) {
      const [, kind, first, second] = match;
      const entry = { where: path.relative(ROOT, file) };
      if (kind === '_p') {
        entry.context = jsString(first);
        entry.msgid = jsString(second);
      } else {
        entry.msgid = jsString(first);
        if (kind === '_n') {
          entry.plural = jsString(second);
        }
      }
      // A message used in several files lists them all, as gettext does.
      const seen = messages.get(keyOf(entry));
      const where = new Set([...(seen?.where.split(' ') ?? []), entry.where]);
      entry.where = [...where].sort().join(' ');
      messages.set(keyOf(entry), { ...seen, ...entry });
    }
  }
  return messages;
}

function keyOf(entry) {
  return entry.context
    ? `${entry.context}${CONTEXT_DELIMITER}${entry.msgid}`
    : entry.msgid;
}

/** Decode a PO quoted string. */
function poString(quoted) {
  return quoted
    .slice(1, -1)
    .replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function poQuote(value) {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')}"`;
}

/** Parse a .po file into its header and entries. */
export function parsePo(text, file = 'po') {
  const entries = [];
  let current = null;
  let field = null;
  const flush = () => {
    if (current && current.msgid !== undefined) {
      entries.push(current);
    }
    current = null;
    field = null;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      flush();
      return;
    }
    if (line.startsWith('#')) {
      return;
    }
    current ??= { msgstr: [] };
    const keyword = line.match(
      /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/
    );
    if (keyword) {
      const [, name, plural, quoted] = keyword;
      if (name === 'msgid' && current.msgid !== undefined) {
        flush();
        current = { msgstr: [] };
      }
      field = name.startsWith('msgstr')
        ? ['msgstr', Number(plural ?? 0)]
        : [name];
      setField(current, field, poString(quoted));
    } else if (/^".*"$/.test(line) && field) {
      setField(current, field, getField(current, field) + poString(line));
    } else {
      throw new Error(`${file}:${index + 1}: cannot read « ${line} »`);
    }
  });
  flush();
  const headerEntry = entries.find(e => e.msgid === '' && !e.msgctxt);
  const header = {};
  for (const line of (headerEntry?.msgstr[0] ?? '').split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) {
      header[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return { header, entries: entries.filter(e => e !== headerEntry) };
}

function setField(entry, field, value) {
  if (field[0] === 'msgstr') {
    entry.msgstr[field[1]] = value;
  } else {
    entry[field[0]] = value;
  }
}

function getField(entry, field) {
  return field[0] === 'msgstr' ? entry.msgstr[field[1]] : entry[field[0]];
}

function poFiles() {
  if (!fs.existsSync(LOCALES_DIR)) {
    return [];
  }
  return fs
    .readdirSync(LOCALES_DIR)
    .map(lang => ({
      lang,
      file: path.join(LOCALES_DIR, lang, 'LC_MESSAGES', `${DOMAIN}.po`)
    }))
    .filter(({ file }) => fs.existsSync(file));
}

function placeholders(text) {
  return (text.match(/%\d+/g) ?? []).sort().join(',');
}

/** Problems of one .po file against the sources. */
export function checkPo(po, used, lang) {
  const problems = [];
  const translated = new Map(
    po.entries.map(e => [keyOf({ msgid: e.msgid, context: e.msgctxt }), e])
  );
  for (const [key, message] of used) {
    const entry = translated.get(key);
    if (!entry || entry.msgstr.length === 0 || entry.msgstr.some(s => !s)) {
      problems.push(
        `${lang}: no translation for « ${message.msgid} » (${message.where})`
      );
      continue;
    }
    if (placeholders(entry.msgstr[0]) !== placeholders(message.msgid)) {
      problems.push(`${lang}: placeholders differ in « ${message.msgid} »`);
    }
  }
  for (const key of translated.keys()) {
    if (!used.has(key)) {
      problems.push(`${lang}: « ${key} » is no longer used in the sources`);
    }
  }
  return problems;
}

/** The JSON layout JupyterLab's translation manager loads. */
export function toJupyterLabJson(po, lang) {
  const data = {
    '': {
      domain: DOMAIN,
      // JupyterLab's Gettext keys its catalogues by BCP 47 tags (fr-FR), not POSIX ones.
      language: lang.replace('_', '-'),
      plural_forms: po.header['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);',
      version: po.header['Project-Id-Version'] ?? DOMAIN
    }
  };
  for (const entry of po.entries) {
    if (entry.msgstr.length && entry.msgstr.every(s => s)) {
      data[keyOf({ msgid: entry.msgid, context: entry.msgctxt })] =
        entry.msgstr;
    }
  }
  return data;
}

function compile() {
  for (const { lang, file } of poFiles()) {
    const po = parsePo(fs.readFileSync(file, 'utf8'), file);
    const target = path.join(OUTPUT_DIR, lang, 'LC_MESSAGES', `${DOMAIN}.json`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp`;
    fs.writeFileSync(
      temporary,
      JSON.stringify(toJupyterLabJson(po, lang), null, 1) + '\n'
    );
    fs.renameSync(temporary, target);
    console.log(
      `i18n: ${path.relative(ROOT, target)} (${po.entries.length} messages)`
    );
  }
}

function check() {
  const used = extract();
  const problems = poFiles().flatMap(({ lang, file }) =>
    checkPo(parsePo(fs.readFileSync(file, 'utf8'), file), used, lang)
  );
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(
      `i18n: ${problems.length} problem(s); run "node scripts/i18n.mjs update" then translate.`
    );
    process.exit(1);
  }
  console.log(`i18n: ${used.size} messages, all translated`);
}

function update() {
  const used = extract();
  for (const { lang, file } of poFiles()) {
    const text = refreshLocations(fs.readFileSync(file, 'utf8'), used, file);
    const po = parsePo(text, file);
    const known = new Set(
      po.entries.map(e => keyOf({ msgid: e.msgid, context: e.msgctxt }))
    );
    const missing = [...used.entries()].filter(([key]) => !known.has(key));
    const blocks = missing.map(([, m]) =>
      [
        `#: ${m.where}`,
        m.context !== undefined ? `msgctxt ${poQuote(m.context)}` : null,
        `msgid ${poQuote(m.msgid)}`,
        m.plural !== undefined ? `msgid_plural ${poQuote(m.plural)}` : null,
        ...(m.plural !== undefined
          ? ['msgstr[0] ""', 'msgstr[1] ""']
          : ['msgstr ""'])
      ]
        .filter(Boolean)
        .join('\n')
    );
    const updated = blocks.length
      ? `${text.trimEnd()}\n\n${blocks.join('\n\n')}\n`
      : text;
    if (updated !== fs.readFileSync(file, 'utf8')) {
      fs.writeFileSync(file, updated);
    }
    console.log(`i18n: ${lang}: ${blocks.length} new message(s)`);
  }
}

/**
 * The `#:` line of each entry names the file its message is in now (code moves between
 * files; translators look there for its context).
 */
function refreshLocations(text, used, file) {
  return text
    .split(/\n\n/)
    .map(block => {
      const entry = parsePo(block, file).entries[0];
      const where = entry
        ? used.get(keyOf({ msgid: entry.msgid, context: entry.msgctxt }))?.where
        : undefined;
      return where ? block.replace(/^#: .*$/m, `#: ${where}`) : block;
    })
    .join('\n\n');
}

const commands = { check, compile, update };
const command = process.argv[2];
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!commands[command]) {
    console.error('usage: node scripts/i18n.mjs check|compile|update');
    process.exit(2);
  }
  commands[command]();
}
