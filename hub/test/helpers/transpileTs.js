/**
 * `node -r ./transpileTs.js src/cli.ts`: run the hub's TypeScript sources in a plain
 * Node process, each file transpiled on load (no type check: jest's ts-jest and `tsc -b`
 * do that). Lets a test run a real hub in a child process, from the sources under test
 * rather than from a `lib/` build that may be stale, and kill it like a crash.
 *
 * Transpiling costs about 0.1 s a file, so the output is kept in
 * `node_modules/.cache/candyce-transpile/`, keyed by the source's hash.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true
};
const CACHE = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'candyce-transpile'
);

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto
    .createHash('sha256')
    .update(`${ts.version}\0${filename}\0${source}`)
    .digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: OPTIONS
    }).outputText;
    fs.mkdirSync(CACHE, { recursive: true });
    // Written aside then renamed: a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached);
  }
  module._compile(output, filename);
};
