/**
 * The text of extensions/core/src/generated/hubErrors.ts: for each code of the hub's
 * refusals (hub/src/errors/codes.ts) thrown with a single message, that message as a
 * literal `trans.__('…')` call, so that the browser shows it in JupyterLab's language
 * (and `scripts/i18n.mjs` finds it). Codes told with several messages, or with a
 * message built elsewhere, are left out: the browser shows the hub's message for them.
 *
 * Written and checked by hub-api.mjs (`npm run build:gen`, `npm run lint`).
 */
import fs from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

/** Every .ts file under a folder. */
function sources(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return sources(full);
    }
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The codes of the table, in its order. */
function tableCodes(hubSrc) {
  const file = path.join(hubSrc, 'errors', 'codes.ts');
  const text = fs.readFileSync(file, 'utf8');
  const table = text.slice(
    text.indexOf('ERROR_STATUS = {'),
    text.indexOf('} as const')
  );
  return [...table.matchAll(/^\s+([a-z_]+): \d{3},?$/gm)].map(m => m[1]);
}

/**
 * code → the msgids it is thrown with (null for a message that is not a literal
 * `trans.__('…')` call).
 */
function thrownMessages(hubSrc) {
  const messages = new Map();
  for (const file of sources(hubSrc)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('DomainError(')) {
      continue;
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    const visit = node => {
      if (
        ts.isNewExpression(node) &&
        node.expression.getText(source) === 'DomainError' &&
        node.arguments?.length &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const code = node.arguments[0].text;
        const message = node.arguments[1];
        const literal =
          message &&
          ts.isCallExpression(message) &&
          message.expression.getText(source) === 'trans.__' &&
          message.arguments.length > 0 &&
          ts.isStringLiteral(message.arguments[0])
            ? message.arguments[0].text
            : null;
        messages.set(code, [...(messages.get(code) ?? []), literal]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return messages;
}

/** A single-quoted JavaScript literal. */
function quote(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The generated module's text (before Prettier).
 */
export function hubErrorsModule(hubSrc) {
  const thrown = thrownMessages(hubSrc);
  const cases = [];
  for (const code of tableCodes(hubSrc)) {
    const msgids = new Set(thrown.get(code) ?? [null]);
    if (msgids.size !== 1 || msgids.has(null)) {
      continue;
    }
    const [msgid] = msgids;
    const placeholders = new Set(msgid.match(/%\d+/g) ?? []).size;
    cases.push(
      `    case ${quote(code)}:\n      return params.length === ${placeholders} ? trans.__(${quote(msgid)}, ...params) : null;`
    );
  }
  return `// Generated from hub/src/errors by extensions/core/scripts/hub-errors.mjs: do not
// edit, run \`npm run build:gen\`.
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The message of a hub error code in the interface's language, or null for a code the
 * hub tells with several messages, or params that do not fit its placeholders (then
 * the hub's own message is shown).
 */
export function hubErrorTemplate(
  trans: TranslationBundle,
  code: string,
  params: ReadonlyArray<string | number>
): string | null {
  switch (code) {
${cases.join('\n')}
    default:
      return null;
  }
}
`;
}
