/**
 * Which of JupyterLab's specs take no screenshot: the ones this comparison runs.
 *
 * JupyterLab's CI runs its specs without screenshots on Firefox by `ignoreSnapshots`
 * (the configuration does it too), which still runs every test whose point is a
 * screenshot, asserting nothing. Those are left out here: a test is kept when its body
 * calls none of `toMatchSnapshot`, `toHaveScreenshot`, `screenshot(`. Tests are named by
 * `file:line`, as Playwright's command line takes them.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const SCREENSHOT = /\b(toMatchSnapshot|toHaveScreenshot|screenshot)\s*\(/;
const TEST_CALLS = new Set([
  'test',
  'test.only',
  'test.skip',
  'test.fixme',
  'test.fail'
]);

/**
 * The tests of `specsDir` (files `*.test.ts`, `*.spec.ts`) that take no screenshot, as
 * `file:line`, and how many were left out.
 */
export function screenshotFreeTests(specsDir, files = []) {
  const names = fs
    .readdirSync(specsDir)
    .filter(name => /\.(test|spec)\.ts$/.test(name))
    .filter(
      name => files.length === 0 || files.some(f => path.basename(f) === name)
    )
    .sort();
  const kept = [];
  let left = 0;
  for (const name of names) {
    const text = fs.readFileSync(path.join(specsDir, name), 'utf-8');
    const source = ts.createSourceFile(
      name,
      text,
      ts.ScriptTarget.Latest,
      true
    );
    const visit = node => {
      if (
        ts.isCallExpression(node) &&
        TEST_CALLS.has(node.expression.getText(source))
      ) {
        const body = node.arguments.find(
          arg => ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)
        );
        if (body && node.arguments.length >= 2) {
          const line =
            source.getLineAndCharacterOfPosition(node.getStart(source)).line +
            1;
          if (SCREENSHOT.test(body.getText(source))) {
            left++;
          } else {
            kept.push(`${name}:${line}`);
          }
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { kept: [...new Set(kept)], left };
}
