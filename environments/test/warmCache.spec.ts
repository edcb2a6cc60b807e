import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { main, type IOutput } from '../src/cli';
import { storeUvCache } from '../src/uv';
import {
  teachingLists,
  warmResolveCache,
  WARMED_FILE,
  type IWarmOptions
} from '../src/warmCache';
import {
  removeTemporaryDirectories,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const UV = path.join(VENV_BIN, 'uv');
/** The tests' ports (the engine's range 8160-8169): an index, and nothing. */
const INDEX_PORT = 8161;
const CLOSED_PORT = 8169;

/**
 * Warming the resolution cache (issue 21): the standard lists and each teaching
 * package resolved once by uv into the store's cache, from a real HTTP index (the tiny
 * index served as PEP 503 pages by Python's http.server), skipped once warm, and an
 * index that cannot be reached said in French and English without failing.
 */
describe('warming uv’s resolution cache', () => {
  let server: ChildProcess;
  const requests: string[] = [];
  const indexUrl = `http://127.0.0.1:${INDEX_PORT}/simple`;
  const options = (store: string): IWarmOptions => ({
    uv: UV,
    cacheDir: storeUvCache(store),
    indexUrl,
    usePipConfig: false,
    pythonSearchPath: [VENV_BIN]
  });

  beforeAll(async () => {
    const root = Private.simpleIndex(
      tinyIndex().findLinks![0],
      temporaryDirectory('simple')
    );
    server = spawn(
      path.join(VENV_BIN, 'python'),
      [
        '-m',
        'http.server',
        String(INDEX_PORT),
        '--bind',
        '127.0.0.1',
        '--directory',
        root
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
    server.stderr!.on('data', (chunk: Buffer) =>
      requests.push(...chunk.toString().split('\n').filter(Boolean))
    );
    await Private.listening(`${indexUrl}/`);
  });
  afterAll(async () => {
    server.kill();
    await removeTemporaryDirectories();
  });

  it('resolves each list once into the cache from the index, then knows it is warm without asking', async () => {
    const store = temporaryDirectory('warm-store');
    const lists = [
      { name: 'maths', lines: ['alpha==1.1', 'ipykernel'], python: null },
      ...teachingLists('# teaching\ndelta\nbeta  # comment\ndelta\n', null)
    ];
    expect(lists.map(list => list.name)).toEqual(['maths', 'delta', 'beta']);
    const seen: string[] = [];
    const first = await warmResolveCache(lists, {
      ...options(store),
      onList: (name, outcome) => seen.push(`${name}:${outcome}`)
    });
    expect(first).toEqual({
      reachable: true,
      warmed: expect.arrayContaining(['maths', 'delta', 'beta']),
      already: [],
      failed: []
    });
    expect(seen.sort()).toEqual([
      'beta:warmed',
      'delta:warmed',
      'maths:warmed'
    ]);
    const cache = storeUvCache(store);
    // uv kept the index's pages, the engine the projects' spellings and its record.
    expect(fs.readdirSync(cache).some(name => name.startsWith('simple-'))).toBe(
      true
    );
    expect(fs.existsSync(path.join(cache, 'candyce-project-names.json'))).toBe(
      true
    );
    expect(
      Object.keys(
        JSON.parse(fs.readFileSync(path.join(cache, WARMED_FILE), 'utf8'))
      )
    ).toHaveLength(3);
    expect(requests.some(line => line.includes('GET /simple/alpha/'))).toBe(
      true
    );

    // Again: nothing asked of the index.
    const asked = requests.length;
    const again = await warmResolveCache(lists, options(store));
    expect(again.warmed).toEqual([]);
    expect(again.already.sort()).toEqual(['beta', 'delta', 'maths']);
    expect(requests.length).toBe(asked);
    // One more package: only it is warmed.
    const more = await warmResolveCache(
      [...lists, ...teachingLists('ipykernel', null)],
      options(store)
    );
    expect(more.warmed).toEqual(['ipykernel']);
  });

  it('says which lists uv cannot resolve, and warms the others', async () => {
    const store = temporaryDirectory('warm-store');
    const result = await warmResolveCache(
      teachingLists('nosuchpackage\nalpha', null),
      options(store)
    );
    expect(result.reachable).toBe(true);
    expect(result.warmed).toEqual(['alpha']);
    expect(result.failed).toEqual([
      { name: 'nosuchpackage', reason: expect.stringMatching(/nosuchpackage/) }
    ]);
    // The index's answer is remembered: not asked again, unless forced.
    const lists = teachingLists('nosuchpackage\nalpha', null);
    expect(
      (await warmResolveCache(lists, options(store))).already.sort()
    ).toEqual(['alpha', 'nosuchpackage']);
    const forced = await warmResolveCache(lists, {
      ...options(store),
      force: true
    });
    expect(forced.failed.map(each => each.name)).toEqual(['nosuchpackage']);
    expect(forced.warmed).toEqual(['alpha']);
  });

  it('tried: an index that does not answer stops the warming at once, without failing', async () => {
    const store = temporaryDirectory('warm-store');
    const started = Date.now();
    const result = await warmResolveCache(
      teachingLists('alpha\nbeta\ndelta\ngamma', null),
      {
        ...options(store),
        indexUrl: `http://127.0.0.1:${CLOSED_PORT}/simple`,
        concurrency: 1
      }
    );
    expect(result).toEqual({
      reachable: false,
      warmed: [],
      already: [],
      failed: []
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(fs.existsSync(path.join(storeUvCache(store), WARMED_FILE))).toBe(
      false
    );
  });

  it('tried: the command line says so in French and English and exits with 0; --check then says what is not warm', async () => {
    const store = temporaryDirectory('warm-store');
    const folder = temporaryDirectory('warm-list');
    fs.writeFileSync(path.join(folder, 'requirements.txt'), 'alpha==1.1\n');
    const packages = path.join(folder, 'teaching.txt');
    fs.writeFileSync(packages, 'delta\n');
    const out: string[] = [];
    const err: string[] = [];
    const output: IOutput = {
      out: line => out.push(line),
      err: line => err.push(line)
    };
    const python = path.join(VENV_BIN, 'python');
    const args = [
      'warm',
      folder,
      '--packages',
      packages,
      '--store',
      store,
      '--uv',
      UV,
      '--python',
      python
    ];
    // pip's configuration names an index nobody answers on, and nothing else.
    const saved = { ...process.env };
    process.env.PIP_CONFIG_FILE = os.devNull;
    process.env.PIP_INDEX_URL = `http://127.0.0.1:${CLOSED_PORT}/simple`;
    delete process.env.PIP_FIND_LINKS;
    delete process.env.PIP_EXTRA_INDEX_URL;
    try {
      expect(await main(args, output)).toBe(0);
    } finally {
      process.env = saved;
    }
    const said = err.join('\n');
    expect(said).toContain(
      'L’index des paquets est injoignable : le cache de résolution n’est pas préchauffé'
    );
    expect(said).toContain(
      'The package index cannot be reached: the resolve cache was not warmed'
    );
    expect(out.join('\n')).toMatch(/le reste non tenté \(index injoignable\)/);
    out.length = 0;
    expect(await main([...args, '--check'], output)).toBe(1);
    expect(out).toEqual(['2 liste(s) sur 2 à préchauffer.']);
    // A wrong command line is refused before anything is done.
    err.length = 0;
    expect(await main(['warm', folder, '--store', store], output)).toBe(2);
    expect(err[0]).toBe(
      'candyce-env : La commande warm demande l’exécutable uv : --uv <chemin>.'
    );
  });
});

namespace Private {
  /** The tiny index's files as a PEP 503 index: `<root>/simple/<project>/`. */
  export function simpleIndex(files: string, root: string): string {
    const byProject = new Map<string, string[]>();
    for (const file of fs.readdirSync(files)) {
      const project = file.split('-')[0].toLowerCase().replace(/[_.]+/g, '-');
      byProject.set(project, [...(byProject.get(project) ?? []), file]);
      fs.mkdirSync(path.join(root, 'files'), { recursive: true });
      fs.copyFileSync(path.join(files, file), path.join(root, 'files', file));
    }
    for (const [project, names] of byProject) {
      const links = names.map(name => {
        const digest = createHash('sha256')
          .update(fs.readFileSync(path.join(files, name)))
          .digest('hex');
        return `<a href="../../files/${name}#sha256=${digest}">${name}</a>`;
      });
      fs.mkdirSync(path.join(root, 'simple', project), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'simple', project, 'index.html'),
        `<!DOCTYPE html><html><body>${links.join('\n')}</body></html>\n`
      );
    }
    return root;
  }

  /** Wait until the server answers. */
  export async function listening(url: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(url);
        return;
      } catch {
        await new Promise(done => setTimeout(done, 100));
      }
    }
    throw new Error(`${url} never answered`);
  }
}
