// Fails when modules of a package import each other in a circle, type-only imports
// included: a circle means two modules share something that belongs in a leaf module
// of its own (docs/architecture.md). Only relative imports are followed: packages
// depend on each other through npm, in one direction, which the build already checks.
//
//   node scripts/import-cycles.mjs [folder…]   (default: every package's sources)
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..'
);
const DEFAULT_FOLDERS = [
  'hub/src',
  'environments/src',
  'bench/src',
  ...fs
    .readdirSync(path.join(ROOT, 'extensions'))
    .map(name => `extensions/${name}/src`)
];

const folders = (
  process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS
)
  .map(folder => path.resolve(ROOT, folder))
  .filter(folder => fs.existsSync(folder));

/** Every .ts/.tsx file under a folder (declaration files left out). */
function sources(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sources(full);
    }
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

/** The file a relative specifier names, or null (a folder's index included). */
function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx')
  ];
  return (
    candidates.find(
      file => fs.existsSync(file) && fs.statSync(file).isFile()
    ) ?? null
  );
}

/** The graph: file → files it imports (import, import type, export … from). */
function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(
      fs.readFileSync(file, 'utf8'),
      true,
      true
    );
    graph.set(
      file,
      importedFiles
        .map(imported => imported.fileName)
        .filter(specifier => specifier.startsWith('.'))
        .map(specifier => resolve(file, specifier))
        .filter(target => target !== null)
    );
  }
  return graph;
}

/** Strongly connected components of more than one file, or of a file importing itself. */
function circles(graph) {
  let index = 0;
  const indexes = new Map();
  const lows = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = file => {
    indexes.set(file, index);
    lows.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!indexes.has(next)) {
        visit(next);
        lows.set(file, Math.min(lows.get(file), lows.get(next)));
      } else if (onStack.has(next)) {
        lows.set(file, Math.min(lows.get(file), indexes.get(next)));
      }
    }
    if (lows.get(file) === indexes.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) {
        found.push(component.sort());
      }
    }
  };
  for (const file of graph.keys()) {
    if (!indexes.has(file)) {
      visit(file);
    }
  }
  return found;
}

const found = folders.flatMap(folder => circles(importGraph(sources(folder))));
if (found.length > 0) {
  for (const component of found) {
    console.error(
      `import circle: ${component.map(file => path.relative(ROOT, file)).join(' ↔ ')}`
    );
  }
  console.error(
    `${found.length} import circle(s): move what the modules share into a leaf module.`
  );
  process.exit(1);
}
console.log(`import circles: none in ${folders.length} packages`);
