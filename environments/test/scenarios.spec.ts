/**
 * Binder repositories, one folder per repo2docker rule and per file kind
 * (`test/scenarios/<name>/`, written from repo2docker's documentation and buildpacks),
 * each with its `expected.json`: the kind picked, the files used, the Python version,
 * the requirements, the notes and problems, and whether repo2docker does the same or the
 * difference is explained. Those marked `build` are also locked, built, imported and
 * exported through `candyce-env`, against the tests' tiny package index.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
  describeProblem,
  lockId,
  parseSoftwareList,
  readLock,
  resolve
} from '../src';
import { main, type IOutput } from '../src/cli';
import { readSoftwareFolder } from '../src/cliCommands';
import {
  removeTemporaryDirectories,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const SCENARIOS = path.join(__dirname, 'scenarios');

/** What a scenario expects. */
interface IExpected {
  about: string;
  repo2docker: 'same' | 'explained';
  why?: string;
  kind: string;
  folder: string;
  python: string | null;
  pythonFrom: string | null;
  usedFiles: string[];
  installsRepository: string | null;
  requirements: string[];
  /** Regular expressions, in order, one per note. */
  notes: string[];
  /** Regular expressions, in order, one per problem. */
  problems: string[];
  build?: boolean;
  packages?: string[];
  imports?: string[];
  repositoryPackage?: string;
  /** The build's failure, when the scenario's build must fail (a regular expression). */
  buildFails?: string;
}

const scenarios = fs
  .readdirSync(SCENARIOS)
  .sort()
  .map(name => ({
    name,
    dir: path.join(SCENARIOS, name),
    expected: JSON.parse(
      fs.readFileSync(path.join(SCENARIOS, name, 'expected.json'), 'utf8')
    ) as IExpected
  }));

afterAll(removeTemporaryDirectories);

describe('Binder scenarios: what is read, with repo2docker’s rules', () => {
  it.each(scenarios.map(s => [s.name, s]))('%s', async (_, scenario) => {
    const { expected, dir } = scenario;
    const { list } = await readSoftwareFolder(dir);
    expect({
      kind: list.kind,
      folder: list.folder,
      python: list.python ?? null,
      pythonFrom: list.pythonFrom ?? null,
      usedFiles: list.usedFiles,
      installsRepository: list.installsRepository ?? null,
      requirements: list.requirements.map(item => item.text)
    }).toEqual({
      kind: expected.kind,
      folder: expected.folder,
      python: expected.python,
      pythonFrom: expected.pythonFrom,
      usedFiles: expected.usedFiles,
      installsRepository: expected.installsRepository,
      requirements: expected.requirements
    });
    expect(list.notes.map(describeProblem)).toEqual(
      expected.notes.map(pattern => expect.stringMatching(new RegExp(pattern)))
    );
    expect(list.problems.map(describeProblem)).toEqual(
      expected.problems.map(pattern =>
        expect.stringMatching(new RegExp(pattern))
      )
    );
    // An explained difference says why; nothing differs without a word.
    if (expected.repo2docker === 'explained') {
      expect(expected.why).toBeTruthy();
      expect(list.notes.length + list.problems.length).toBeGreaterThan(0);
    }
  });

  it('covers every rule and file kind, and counts the outcomes', () => {
    const kinds = new Set(scenarios.map(s => s.expected.kind));
    expect([...kinds].sort()).toEqual(
      [
        'conda',
        'dockerfile',
        'julia-project',
        'julia-require',
        'nix',
        'pipfile',
        'python',
        'r'
      ].sort()
    );
    const same = scenarios.filter(s => s.expected.repo2docker === 'same');
    const explained = scenarios.filter(
      s => s.expected.repo2docker === 'explained'
    );
    expect(same.length + explained.length).toBe(scenarios.length);
    process.stdout.write(
      `Binder scenarios: ${scenarios.length}, same outcome as repo2docker ${same.length}, explained difference ${explained.length}\n`
    );
  });
});

describe('Binder scenarios: locked, built, imported and exported by candyce-env', () => {
  const source = tinyIndex();
  const python = path.join(VENV_BIN, 'python');
  const saved = { ...process.env };

  beforeAll(() => {
    // The command line reads pip's configuration: here, only the tiny index.
    process.env.PIP_CONFIG_FILE = '/dev/null';
    process.env.PIP_NO_INDEX = '1';
    process.env.PIP_FIND_LINKS = source.findLinks![0];
  });
  afterAll(() => {
    process.env = saved;
  });

  /** An output that keeps what the command line wrote. */
  function capture(): IOutput & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: line => stdout.push(line),
      err: line => stderr.push(line)
    };
  }

  const built = scenarios.filter(s => s.expected.build);

  it.each(built.map(s => [s.name, s]))('%s', async (_, scenario) => {
    const { expected } = scenario;
    const work = temporaryDirectory(`scenario-${scenario.name}`);
    const repo = path.join(work, 'depot');
    fs.cpSync(scenario.dir, repo, { recursive: true });
    const store = path.join(work, 'store');

    const locked = capture();
    expect(await main(['lock', repo, '--python', python], locked)).toBe(0);
    // Every note is printed (nothing silent).
    const { list } = await readSoftwareFolder(repo);
    for (const note of list.notes) {
      expect(locked.stderr.join('\n')).toContain(describeProblem(note));
    }
    const lock = await readLock(path.join(repo, 'candyce-lock.json'));
    expect(lock.packages.map(item => `${item.name}==${item.version}`)).toEqual(
      expected.packages
    );

    const building = capture();
    const built = await main(
      ['build', repo, '--store', store, '--python', python],
      building
    );
    if (expected.buildFails) {
      // Refused in French, and nothing is left in the store.
      expect(built).toBe(1);
      expect(building.stderr.join('\n')).toMatch(
        new RegExp(expected.buildFails)
      );
      expect(fs.readdirSync(path.join(store, 'envs'))).toEqual([]);
      return;
    }
    expect(built).toBe(0);
    const envPython = path.join(store, 'envs', lockId(lock), 'bin', 'python');
    // Imported from the environment, from a folder without the repository's sources.
    for (const module of expected.imports ?? []) {
      execFileSync(envPython, ['-c', `import ${module}`], { cwd: work });
    }

    // The export, installed by pip in hash-checking mode, gives the same packages (the
    // repository itself is installed by repo2docker's `pip install .`).
    const out = path.join(work, 'export');
    expect(await main(['export', repo, '--out', out], capture())).toBe(0);
    const report = path.join(work, 'report.json');
    execFileSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--require-hashes',
        '--no-index',
        '--find-links',
        source.findLinks![0],
        '--report',
        report,
        '-r',
        path.join(out, 'requirements.txt')
      ],
      { env: { ...process.env } }
    );
    const installed = JSON.parse(fs.readFileSync(report, 'utf8'))
      .install.map(
        (item: { metadata: { name: string; version: string } }) =>
          `${item.metadata.name}==${item.metadata.version}`
      )
      .sort();
    expect(installed).toEqual(
      expected.packages!.filter(
        item => !item.startsWith(`${expected.repositoryPackage}==`)
      )
    );
    if (expected.repositoryPackage) {
      expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toMatch(
        /pip install \./
      );
      return;
    }
    // Imported again, the export is the same environment.
    const exported = fs.readdirSync(out).map(name => ({
      path: name,
      content: fs.readFileSync(path.join(out, name), 'utf8')
    }));
    const again = await resolve(
      parseSoftwareList(exported, { sandbox: lock.postBuild !== undefined }),
      source
    );
    expect(lockId(again)).toBe(lockId(lock));
  });
});
