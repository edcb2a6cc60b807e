#!/usr/bin/env node
/**
 * Write extensions/core/src/generated/hubApi.ts, the TypeScript types of the hub API, from
 * the contract hub/openapi.yml (openapi-typescript, then Prettier's layout).
 *
 *   node extensions/core/scripts/hub-api.mjs           write it (`npm run build:gen`)
 *   node extensions/core/scripts/hub-api.mjs --check   fail when it is not up to date
 *
 * The file is committed, so that a fresh clone type-checks without a build; the check
 * (in `npm run lint` and the core's unit tests) fails when the contract changed and the
 * file was not written again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const CORE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = path.resolve(CORE, '..', '..', 'hub', 'openapi.yml');
const TARGET = path.join(CORE, 'src', 'generated', 'hubApi.ts');

const HEADER = `/* eslint-disable */
// Generated from hub/openapi.yml by extensions/core/scripts/hub-api.mjs
// (openapi-typescript): do not edit, run \`npm run build:gen\`.
`;

const ast = await openapiTS(new URL(`file://${CONTRACT}`));
const text = await prettier.format(HEADER + astToString(ast), {
  ...(await prettier.resolveConfig(TARGET)),
  filepath: TARGET
});

const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : null;
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(
      `${path.relative(process.cwd(), TARGET)} is not what hub/openapi.yml gives: run \`npm run build:gen\`.`
    );
    process.exit(1);
  }
} else if (current !== text) {
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, text);
}
