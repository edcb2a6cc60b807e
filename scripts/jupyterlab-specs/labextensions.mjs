/**
 * Candyce's labextensions as built in this tree, for the Candyce side of
 * scripts/jupyterlab-specs.mjs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The lock every build of this tree takes (« Wrap every build in the build lock »). */
const BUILD_LOCK = '/tmp/candyce-build.lock';

/**
 * Copy the labextensions built in this tree (`extensions/<name>/labextension`, `npm
 * run build`) into `jupyterDir/labextensions`, a Jupyter path that comes before .venv's:
 * the Candyce side runs this tree's code without reinstalling .venv. Copied under the
 * build lock, so that a build running beside does not hand over half its files.
 *
 * @returns the Jupyter path to give as JUPYTER_PATH.
 */
export function copyBuiltLabextensions(root, jupyterDir) {
  const target = path.join(jupyterDir, 'labextensions');
  const copies = [];
  for (const name of fs.readdirSync(path.join(root, 'extensions'))) {
    const built = path.join(root, 'extensions', name, 'labextension');
    if (fs.existsSync(path.join(built, 'package.json'))) {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(built, 'package.json'), 'utf-8')
      ).name;
      copies.push([built, path.join(target, pkg)]);
    }
  }
  for (const [, copy] of copies) {
    fs.mkdirSync(path.dirname(copy), { recursive: true });
  }
  const copy = spawnSync(
    'flock',
    [
      BUILD_LOCK,
      'sh',
      '-c',
      copies.map(([from, to]) => `cp -r '${from}' '${to}'`).join(' && ') ||
        'true'
    ],
    { encoding: 'utf-8' }
  );
  if (copy.status !== 0) {
    throw new Error(`Copying the built labextensions failed: ${copy.stderr}`);
  }
  console.log(
    `Candyce labextensions of this tree: ${copies.map(([, to]) => path.relative(target, to)).join(', ') || 'none built'}`
  );
  return jupyterDir;
}
