#!/usr/bin/env node
/**
 * Write extensions/core/src/generated/hubApi.ts, the TypeScript types of the hub API, from
 * the contract hub/openapi.yml (openapi-typescript, then Prettier's layout), and
 * extensions/core/src/generated/hubErrors.ts, the messages of the hub's error codes
 * (hub-errors.mjs).
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

import { hubErrorsModule } from './hub-errors.mjs';

const CORE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = path.resolve(CORE, '..', '..', 'hub', 'openapi.yml');
const HUB_SOURCES = path.resolve(CORE, '..', '..', 'hub', 'src');
const TARGET = path.join(CORE, 'src', 'generated', 'hubApi.ts');
const ERRORS_TARGET = path.join(CORE, 'src', 'generated', 'hubErrors.ts');

const HEADER = `/* eslint-disable */
// Generated from hub/openapi.yml by extensions/core/scripts/hub-api.mjs
// (openapi-typescript): do not edit, run \`npm run build:gen\`.
`;

const ast = await openapiTS(new URL(`file://${CONTRACT}`));
const generated = [
  [TARGET, HEADER + astToString(ast), 'hub/openapi.yml'],
  [ERRORS_TARGET, hubErrorsModule(HUB_SOURCES), 'hub/src/errors']
];

for (const [target, source, origin] of generated) {
  const text = await prettier.format(source, {
    ...(await prettier.resolveConfig(target)),
    filepath: target
  });
  const current = fs.existsSync(target)
    ? fs.readFileSync(target, 'utf8')
    : null;
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(
        `${path.relative(process.cwd(), target)} is not what ${origin} gives: run \`npm run build:gen\`.`
      );
      process.exit(1);
    }
  } else if (current !== text) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
