/**
 * JupyterLab's own UI specs (galata/test/jupyterlab of the installed JupyterLab's
 * version), run twice in one go: against stock JupyterLab and against the Candyce
 * platform's JupyterLab, both from .venv. Prints both pass counts side by side and the
 * specs that pass on stock and fail on Candyce (issue 23). See docs/jupyterlab-specs.md.
 *
 *   JUPYTERLAB_SOURCE=<checkout or git dir> npm run bench:jupyterlab-specs [-- options]
 *
 * The specs are read from a JupyterLab source the caller gives, never copied into this
 * repository; they are extracted into a temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  compareReports,
  printComparison,
  readReport
} from './jupyterlab-specs/report.mjs';
import { copyBuiltLabextensions } from './jupyterlab-specs/labextensions.mjs';
import { screenshotFreeTests } from './jupyterlab-specs/select.mjs';
import {
  isListening,
  stopServer,
  waitForLab
} from './jupyterlab-specs/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HERE = path.join(ROOT, 'scripts', 'jupyterlab-specs');
const VENV = path.resolve(
  process.env.CANDYCE_VENV_DIR ?? path.join(ROOT, '.venv')
);
/** galata's port (its configure_jupyter_server and fixtures' default). */
const DEFAULT_PORT = 8888;
const TARGETS = ['stock', 'candyce'];
/** The specs, and the notebooks of galata's own tests that one of them opens. */
const SPEC_FOLDERS = ['galata/test/jupyterlab', 'galata/test/galata/notebooks'];

const USAGE = `Usage: JUPYTERLAB_SOURCE=<path> npm run bench:jupyterlab-specs [-- options] [spec files…]

  --source <path>   a JupyterLab source checkout or git directory (or JUPYTERLAB_SOURCE)
  --ref <ref>       git tag, branch or commit of the specs (default: v<installed JupyterLab>)
  --only <target>   stock or candyce: run one side only
  --grep <regexp>   only the specs whose title matches
  --shard <i/n>     only the i-th of n parts of the specs (Playwright's sharding)
  --port <port>     port of the jupyter lab under test (default ${DEFAULT_PORT}, galata's)
  spec files        e.g. notebook-trust.test.ts (default: all of galata/test/jupyterlab)`;

const MISSING_SOURCE = `JupyterLab's specs are not in any package: give a JupyterLab source.
  git clone https://github.com/jupyterlab/jupyterlab /path/to/jupyterlab
  JUPYTERLAB_SOURCE=/path/to/jupyterlab npm run bench:jupyterlab-specs

Les specs de JupyterLab ne sont dans aucun paquet : indiquez une source de JupyterLab.
  git clone https://github.com/jupyterlab/jupyterlab /chemin/vers/jupyterlab
  JUPYTERLAB_SOURCE=/chemin/vers/jupyterlab npm run bench:jupyterlab-specs`;

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(VENV, 'bin', 'jupyter'))) {
    throw new Error(
      `No jupyter in ${VENV}/bin: run ./candyce start once, or set CANDYCE_VENV_DIR.\n` +
        `Pas de jupyter dans ${VENV}/bin : lancez ./candyce start une fois.`
    );
  }
  const labVersion = python(
    'import jupyterlab; print(jupyterlab.__version__)'
  ).trim();
  const work = fs.mkdtempSync(
    path.join(os.tmpdir(), 'candyce-jupyterlab-specs-')
  );
  let specsDir;
  try {
    specsDir = extractSpecs(options, labVersion, work);
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
  console.log(
    `JupyterLab ${labVersion}; specs from ${options.source} (${options.ref})`
  );
  const tests = screenshotFreeTests(specsDir, options.files);
  if (tests.kept.length === 0) {
    throw new Error(
      `No spec matches ${options.files.join(' ')} in ${specsDir}.`
    );
  }
  options.tests = tests.kept.map(test => path.join(specsDir, test));
  console.log(
    `${tests.kept.length} test calls without screenshots (${tests.left} with screenshots left out)`
  );
  console.log(`Work folder: ${work}`);

  const reports = {};
  for (const target of TARGETS) {
    if (options.only && options.only !== target) {
      continue;
    }
    reports[target] = await runTarget(target, specsDir, work, options);
  }
  if (!reports.stock || !reports.candyce) {
    return;
  }
  const comparison = compareReports(reports.stock, reports.candyce);
  printComparison(comparison);
  fs.writeFileSync(
    path.join(work, 'comparison.json'),
    JSON.stringify(comparison, null, 2)
  );
  process.exitCode = comparison.onlyStock.length > 0 ? 1 : 0;
}

function parseArgs(argv) {
  const options = {
    source: process.env.JUPYTERLAB_SOURCE,
    ref: process.env.JUPYTERLAB_REF,
    only: undefined,
    grep: undefined,
    shard: undefined,
    port: DEFAULT_PORT,
    files: []
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) {
        throw new Error(`${arg} needs a value\n\n${USAGE}`);
      }
      return argv[++i];
    };
    if (arg === '--source') {
      options.source = value();
    } else if (arg === '--ref') {
      options.ref = value();
    } else if (arg === '--only') {
      options.only = value();
      if (!TARGETS.includes(options.only)) {
        throw new Error(`--only: stock or candyce, not ${options.only}`);
      }
    } else if (arg === '--grep') {
      options.grep = value();
    } else if (arg === '--shard') {
      options.shard = value();
      if (!/^\d+\/\d+$/.test(options.shard)) {
        throw new Error(`--shard: <i>/<n>, such as 1/3, not ${options.shard}`);
      }
    } else if (arg === '--port') {
      options.port = parsePort(value());
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
    } else {
      options.files.push(arg);
    }
  }
  if (!options.source) {
    throw new Error(MISSING_SOURCE);
  }
  options.source = path.resolve(options.source);
  if (!fs.existsSync(options.source)) {
    throw new Error(`${options.source} does not exist.\n\n${MISSING_SOURCE}`);
  }
  return options;
}

function parsePort(text) {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1024 || port > 65535) {
    throw new Error(`--port: a port number from 1024 to 65535, not ${text}`);
  }
  return port;
}

/**
 * Put galata/test/jupyterlab of the wanted version into `work/specs`, with a
 * `node_modules` link so that the specs find @jupyterlab/galata and Playwright (the
 * same copies as the configuration's).
 */
function extractSpecs(options, labVersion, work) {
  const gitDir = gitDirOf(options.source);
  const specsRoot = path.join(work, 'specs');
  fs.mkdirSync(specsRoot);
  if (gitDir) {
    options.ref ??= `v${labVersion}`;
    const known = spawnSync(
      'git',
      [
        '--git-dir',
        gitDir,
        'rev-parse',
        '--verify',
        '--quiet',
        `${options.ref}^{commit}`
      ],
      { encoding: 'utf-8' }
    );
    if (known.status !== 0) {
      throw new Error(
        `${options.ref} is not in ${gitDir}: fetch it (git fetch --tags), or give another ` +
          `tag, branch or commit with --ref (e.g. the ${labVersion.replace(/\.\d+$/, '.x')} branch).\n` +
          `${options.ref} n’est pas dans ${gitDir} : récupérez-le (git fetch --tags), ou ` +
          `donnez une autre référence avec --ref.`
      );
    }
    const archive = spawnSync(
      'git',
      ['--git-dir', gitDir, 'archive', options.ref, ...SPEC_FOLDERS],
      { maxBuffer: 1024 * 1024 * 1024 }
    );
    if (archive.status !== 0) {
      throw new Error(`git archive failed: ${archive.stderr}`);
    }
    run('tar', ['x', '-C', specsRoot], { input: archive.stdout });
  } else {
    for (const folder of SPEC_FOLDERS) {
      const source = path.join(options.source, folder);
      if (!fs.existsSync(source)) {
        throw new Error(
          `${options.source} has no ${folder}: not a JupyterLab source.\n\n${MISSING_SOURCE}`
        );
      }
      fs.cpSync(source, path.join(specsRoot, folder), { recursive: true });
    }
    options.ref = 'working tree';
  }
  fs.symlinkSync(
    path.join(ROOT, 'node_modules'),
    path.join(work, 'node_modules')
  );
  return path.join(specsRoot, 'galata', 'test', 'jupyterlab');
}

/** The git directory of a checkout or a bare repository, or null for a plain folder. */
function gitDirOf(source) {
  const result = spawnSync(
    'git',
    ['-C', source, 'rev-parse', '--absolute-git-dir'],
    {
      encoding: 'utf-8'
    }
  );
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Start the target's `jupyter lab`, run the specs against it, stop it. */
async function runTarget(target, specsDir, work, options) {
  const dir = path.join(work, target);
  // Another server there would answer in this one's stead (galata's UI specs use 8888).
  if (await isListening(options.port)) {
    throw new Error(
      `Port ${options.port} is in use: stop what listens there, or choose another with --port.\n` +
        `Le port ${options.port} est occupé : arrêtez ce qui l’écoute, ou choisissez-en un autre avec --port.`
    );
  }
  const env = prepareTarget(target, dir);
  const argv = target === 'candyce' ? hubArgs(path.join(dir, 'root')) : [];
  // After --config, so that it wins over galata's port 8888 set there.
  argv.push(`--ServerApp.port=${options.port}`);
  const baseUrl = `http://localhost:${options.port}`;
  const logFile = path.join(dir, 'jupyter.log');
  const log = fs.openSync(logFile, 'w');
  const server = spawn(
    path.join(VENV, 'bin', 'jupyter'),
    ['lab', `--config=${path.join(HERE, 'jupyter_server_config.py')}`, ...argv],
    { cwd: dir, env, stdio: ['ignore', log, log], detached: true }
  );
  const started = Date.now();
  // Ctrl-C or a kill stops the server and its kernels too.
  const onSignal = signal => {
    stopServer(server);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await waitForLab(server, logFile, `${baseUrl}/lab`);
    console.log(`\n— ${target}: jupyter lab ready (log: ${logFile})`);
    const reportFile = path.join(dir, 'report.json');
    const playwright = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'playwright'),
      [
        'test',
        '-c',
        path.join(HERE, 'playwright.config.js'),
        ...(options.grep ? ['--grep', options.grep] : []),
        ...(options.shard ? ['--shard', options.shard] : []),
        ...options.tests
      ],
      {
        cwd: work,
        stdio: 'inherit',
        env: {
          ...process.env,
          CANDYCE_SPECS_DIR: specsDir,
          CANDYCE_SPECS_REPORT: reportFile,
          // galata's fixtures open this server, not their default localhost:8888.
          TARGET_URL: baseUrl
        }
      }
    );
    if (!fs.existsSync(reportFile)) {
      throw new Error(
        `${target}: Playwright wrote no report (exit ${playwright.status}).`
      );
    }
    const report = readReport(reportFile);
    report.minutes = (Date.now() - started) / 60000;
    return report;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopServer(server);
  }
}

/**
 * The target's folders and environment: Jupyter's own folders in `dir` (fresh
 * settings and workspaces), its page config and settings overrides, and the
 * environment a user's server gets from the hub (hub/src/spawner/server.ts).
 */
function prepareTarget(target, dir) {
  const config = path.join(dir, 'config');
  // Settings overrides of this target only; jupyterlab_server reads the application's
  // static/package.json beside them, hence the link.
  const appSettings = path.join(dir, 'app', 'settings');
  for (const folder of [config, appSettings, path.join(dir, 'root')]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  fs.symlinkSync(
    path.join(VENV, 'share', 'jupyter', 'lab', 'static'),
    path.join(dir, 'app', 'static')
  );
  const platformPage = readJson(
    path.join(ROOT, 'platform', 'page_config.json')
  );
  fs.mkdirSync(path.join(config, 'labconfig'));
  fs.writeFileSync(
    path.join(config, 'labconfig', 'page_config.json'),
    JSON.stringify(
      target === 'stock' ? stockPageConfig(platformPage) : platformPage,
      null,
      2
    )
  );
  if (target === 'candyce') {
    // The platform's settings overrides, but English: the specs look for English labels.
    const overridesDir = path.join(appSettings, 'overrides.d');
    fs.mkdirSync(overridesDir);
    const platformOverrides = path.join(ROOT, 'platform', 'overrides.d');
    for (const name of fs.readdirSync(platformOverrides)) {
      const overrides = readJson(path.join(platformOverrides, name));
      if (overrides['@jupyterlab/translation-extension:plugin']) {
        overrides['@jupyterlab/translation-extension:plugin'].locale = 'en';
      }
      fs.writeFileSync(
        path.join(overridesDir, name),
        JSON.stringify(overrides, null, 2)
      );
    }
  }
  const hubEnv = hubLib().buildJupyterEnv(VENV, dir);
  return {
    ...hubEnv,
    JUPYTER_CONFIG_DIR: config,
    JUPYTERLAB_GALATA_ROOT_DIR: path.join(dir, 'root'),
    // Inside a virtualenv Jupyter lets .venv/etc/jupyter (where ./candyce start installs
    // the platform's page config) win over the user's folder; stock undoes it there.
    ...(target === 'stock' ? { JUPYTER_PREFER_ENV_PATH: '0' } : {}),
    // The Candyce server code of this source tree (contents manager, collaboration fix),
    // and its labextensions as built here, before those installed in .venv.
    ...(target === 'candyce'
      ? {
          PYTHONPATH: path.join(ROOT, 'python'),
          JUPYTER_PATH: copyBuiltLabextensions(ROOT, path.join(dir, 'jupyter'))
        }
      : {}),
    CANDYCE_SPECS_TARGET: target,
    CANDYCE_SPECS_APP_SETTINGS: appSettings,
    CANDYCE_SPECS_PLATFORM_CONFIG: path.join(
      ROOT,
      'platform',
      'jupyter_server_config.json'
    )
  };
}

/**
 * Stock JupyterLab's page config in this .venv: what the platform's page config (maybe
 * installed in .venv by ./candyce start) disables is enabled again, and Candyce's and
 * collaboration's labextensions are off.
 */
function stockPageConfig(platformPage) {
  const enable = names =>
    Object.fromEntries(Object.keys(names ?? {}).map(n => [n, false]));
  const off = fs
    .readdirSync(
      path.join(VENV, 'share', 'jupyter', 'labextensions', '@candyce')
    )
    .map(name => `@candyce/${name}`)
    .concat([
      '@jupyter/collaboration-extension',
      '@jupyter/docprovider-extension'
    ]);
  return {
    candyceBranding: false,
    disabledExtensions: {
      ...enable(platformPage.disabledExtensions),
      ...Object.fromEntries(off.map(name => [name, true]))
    },
    lockedExtensions: enable(platformPage.disabledExtensions)
  };
}

/**
 * The arguments the hub gives a user's server (buildServerArgv), for galata's port and
 * root folder instead of the hub's socket and the user's home.
 */
function hubArgs(rootDir) {
  const argv = hubLib().buildServerArgv({
    venvDir: VENV,
    socketPath: '/unused',
    baseUrl: '/',
    homeDir: rootDir,
    extraArgs: []
  });
  return argv
    .slice(2)
    .filter(
      arg =>
        !/^--ServerApp\.(sock|sock_mode)=/.test(arg) && arg !== '--no-browser'
    );
}

function hubLib() {
  const require = createRequire(import.meta.url);
  const file = path.join(ROOT, 'hub', 'lib', 'spawner', 'server.js');
  if (!fs.existsSync(file)) {
    throw new Error('hub/lib is not built: run `npx tsc -b hub` first.');
  }
  return require(file);
}

function python(code) {
  return run(path.join(VENV, 'bin', 'python'), ['-c', code]).toString();
}

function run(program, args, options = {}) {
  const result = spawnSync(program, args, {
    ...options,
    maxBuffer: 1024 * 1024 * 1024
  });
  if (result.status !== 0) {
    throw new Error(
      `${program} ${args.join(' ')} failed: ${result.stderr ?? ''}`
    );
  }
  return result.stdout;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}
