/**
 * ADL's LRS conformance test suite (`adlnet/lrs-conformance-test-suite`), xAPI 1.0.3,
 * run against the hub's LRS (issue 20), and against Ralph in the same run when
 * BENCH_RALPH_VENV names a virtual environment with it (see common/ralph.ts).
 *
 *   npm run bench:xapi-conformance -- --suite /path/to/lrs-conformance-test-suite
 *
 * The suite is run from the checkout the caller gives (its `npm install` done there),
 * never copied into this repository. Prints the pass/fail counts side by side and the
 * titles of the failed tests; the suite's full log stays in `<suite>/logs/`.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { ralphMissing, startRalph } from './common/ralph';
import { startLrsHub } from './common/lrsHub';
import { describeMachine, printTable } from './common/report';

const USAGE = `Usage: npm run bench:xapi-conformance -- --suite <path> [--grep <pattern>] [--port <port>]

  --suite <path>    a checkout of github.com/adlnet/lrs-conformance-test-suite, with
                    its dependencies installed (cd <path> && npm install)
  --grep <pattern>  only the suite's tests whose title matches (the suite's -g)
  --port <port>     the hub's port (default: a free one)

BENCH_RALPH_VENV=<venv> also runs the suite against Ralph (see bench/README.md);
BENCH_SUITE_MINUTES (30) bounds each run of the suite.`;

interface IOptions {
  suite: string;
  grep?: string;
  port?: number;
}

interface ISuiteResult {
  total: number;
  passed: number;
  failed: number;
  failures: string[];
  log: string;
  seconds: number;
}

function parseArgs(argv: string[]): IOptions {
  const options: Partial<IOptions> = {
    suite: process.env.XAPI_CONFORMANCE_SUITE
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--suite':
        options.suite = value;
        i++;
        break;
      case '--grep':
        options.grep = value;
        i++;
        break;
      case '--port':
        options.port = Number(value);
        i++;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}\n\n${USAGE}`);
    }
  }
  if (!options.suite) {
    throw new Error(USAGE);
  }
  const suite = path.resolve(options.suite);
  if (!fs.existsSync(path.join(suite, 'bin', 'console_runner.js'))) {
    throw new Error(
      `${suite} is not the conformance suite (no bin/console_runner.js)\n\n${USAGE}`
    );
  }
  if (!fs.existsSync(path.join(suite, 'node_modules'))) {
    throw new Error(
      `the suite's dependencies are not installed: cd ${suite} && npm install`
    );
  }
  return { ...options, suite } as IOptions;
}

/** Run the suite's console runner against `endpoint` and read its log. */
async function runSuite(
  options: IOptions,
  endpoint: string,
  user: string,
  password: string
): Promise<ISuiteResult> {
  const args = [
    path.join(options.suite, 'bin', 'console_runner.js'),
    '--xapiVersion',
    '1.0.3',
    '--endpoint',
    endpoint,
    '--basicAuth',
    '--authUser',
    user,
    '--authPassword',
    password,
    ...(options.grep ? ['--grep', options.grep] : [])
  ];
  const start = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.suite,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let text = '';
    child.stdout.on('data', chunk => (text += chunk));
    child.stderr.on('data', chunk => (text += chunk));
    // The suite bounds its own tests; this bounds a runner that hangs.
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      Number(process.env.BENCH_SUITE_MINUTES ?? 30) * 60_000
    );
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  const log = /Full run log written to (.+\.log)/.exec(output)?.[1]?.trim();
  if (!log || !fs.existsSync(log)) {
    throw new Error(`the suite wrote no log:\n${output.slice(-3000)}`);
  }
  const report = JSON.parse(fs.readFileSync(log, 'utf8')) as {
    summary: { total: number; passed: number; failed: number };
    log: ITestNode;
  };
  return {
    ...report.summary,
    failures: failedLeaves(report.log, []),
    log,
    seconds: (Date.now() - start) / 1000
  };
}

interface ITestNode {
  title?: string;
  name?: string;
  status?: string;
  error?: string;
  tests?: ITestNode[];
}

/** The failed tests' titles, each under its section. */
function failedLeaves(node: ITestNode, trail: string[]): string[] {
  const title = node.title || node.name || '';
  const here = title ? [...trail, title] : trail;
  if (!node.tests?.length) {
    return node.status === 'failed' || node.error
      ? [`${here.join(' › ')}\n      ${(node.error ?? '').split('\n')[0]}`]
      : [];
  }
  return node.tests.flatMap(child => failedLeaves(child, here));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  console.log(`xAPI 1.0.3 conformance — ${describeMachine()}`);
  const results = new Map<string, ISuiteResult>();

  const lrs = await startLrsHub({ clients: 1, port: options.port });
  try {
    const { key, secret } = lrs.credentials[0];
    console.log(`\nCandyce: ${lrs.endpoint}`);
    results.set('Candyce', await runSuite(options, lrs.endpoint, key, secret));
  } finally {
    await lrs.hub.stop();
  }

  const venv = process.env.BENCH_RALPH_VENV;
  const missing = ralphMissing(venv);
  if (missing) {
    console.log(`\nRalph not run: ${missing}.`);
  } else {
    // The hub's figures first: a peer that fails or hangs does not lose them.
    printResults(options, results);
    const ralph = await startRalph(venv!);
    try {
      console.log(
        `\nRalph ${ralph.version} (file-system backend): ${ralph.endpoint}`
      );
      const [user, password] = Buffer.from(
        ralph.authorization.replace(/^Basic /, ''),
        'base64'
      )
        .toString()
        .split(':');
      results.set(
        `Ralph ${ralph.version}`,
        await runSuite(options, ralph.endpoint, user, password)
      );
    } catch (error) {
      console.log(`\nRalph's run failed: ${String(error).split('\n')[0]}`);
    } finally {
      await ralph.stop();
    }
  }
  printResults(options, results);
}

function printResults(
  options: IOptions,
  results: ReadonlyMap<string, ISuiteResult>
): void {
  console.log(
    `\nADL LRS conformance suite, xAPI 1.0.3${options.grep ? ` (grep ${options.grep})` : ''}\n`
  );
  printTable(
    ['', 'tests', 'passed', 'failed', 'seconds'],
    [...results].map(([name, r]) => [
      name,
      String(r.total),
      String(r.passed),
      String(r.failed),
      r.seconds.toFixed(0)
    ])
  );
  for (const [name, result] of results) {
    console.log(
      `\n${name}: ${result.failures.length} failed test(s); log ${result.log}`
    );
    const shown = result.failures.slice(0, 20);
    shown.forEach(failure => console.log(`  - ${failure}`));
    if (result.failures.length > shown.length) {
      console.log(
        `  … and ${result.failures.length - shown.length} more (see the log)`
      );
    }
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
