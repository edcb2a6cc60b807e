import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

import {
  normalizeName,
  PackageIndex,
  PYPI_SIMPLE
} from '../src/environments/packageIndex';
import { VENV } from './helpers/environments';

/**
 * Package names for the panel's search, from real package indexes served on loopback
 * (PEP 691 JSON, PEP 503 HTML, a failing one), local folders and pip's configuration;
 * never from a public registry.
 */
describe('PackageIndex (indexes on loopback)', () => {
  const servers: http.Server[] = [];
  afterAll(async () => {
    await Promise.all(
      servers.map(server => new Promise(resolve => server.close(resolve)))
    );
  });

  /** Serve `answer` at `/simple/`; the requests' Accept headers are recorded. */
  async function serve(
    answer: (
      accept: string,
      n: number
    ) => { status: number; type: string; body: string }
  ): Promise<{ url: string; accepts: string[] }> {
    const accepts: string[] = [];
    const server = http.createServer((request, response) => {
      accepts.push(String(request.headers.accept ?? ''));
      const { status, type, body } = answer(
        String(request.headers.accept ?? ''),
        accepts.length
      );
      response.writeHead(status, { 'Content-Type': type }).end(body);
    });
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/simple/`, accepts };
  }

  const HTML = `<!DOCTYPE html><html><body>
<a href="/simple/numpy/">numpy</a>
<a href="/simple/numpydoc/">numpydoc</a>
<a href="/simple/pandas/">pandas</a>
<a href="/simple/scikit-learn/">scikit-learn</a>
<a href="/simple/bottleneck-numpy/">bottleneck_numpy</a>
</body></html>`;

  /** An environment where pip's configuration is only `vars` (not this machine's). */
  const pipEnv = (vars: Record<string, string>): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('PIP_'))
    ),
    PIP_CONFIG_FILE: os.devNull,
    ...vars
  });

  const options = (indexUrl: string) => ({
    indexUrl,
    findLinks: [],
    noIndex: false,
    usePipConfig: false,
    pipPython: path.join(VENV, 'bin', 'python')
  });

  it('reads a PEP 691 JSON root once an hour, and puts names that start with the query first', async () => {
    const index = await serve(accept =>
      accept.includes('application/vnd.pypi.simple.v1+json')
        ? {
            status: 200,
            type: 'application/vnd.pypi.simple.v1+json',
            body: JSON.stringify({
              meta: { 'api-version': '1.1' },
              projects: [
                { name: 'bottleneck_numpy', '_last-serial': 1 },
                { name: 'numpydoc', '_last-serial': 2 },
                { name: 'numpy', '_last-serial': 3 },
                { name: 'pandas', '_last-serial': 4 },
                { name: 'Scikit_Learn', '_last-serial': 5 }
              ]
            })
          }
        : { status: 406, type: 'text/plain', body: '' }
    );
    const packages = new PackageIndex(options(index.url));
    expect(await packages.search('num', 20, [])).toEqual([
      'numpy',
      'numpydoc',
      'bottleneck_numpy'
    ]);
    // Compared as PEP 503 normalises names; known locks' names join in, once.
    expect(await packages.search('scikit-l', 20, ['scikit-learn'])).toEqual([
      'Scikit_Learn'
    ]);
    expect(await packages.search('matplot', 20, ['matplotlib'])).toEqual([
      'matplotlib'
    ]);
    expect(await packages.search('n', 2, [])).toHaveLength(2);
    expect(index.accepts).toHaveLength(1);
    expect(index.accepts[0]).toMatch(
      /^application\/vnd\.pypi\.simple\.v1\+json/
    );
    expect(normalizeName('Scikit__Learn.x')).toBe('scikit-learn-x');
  });

  it('falls back to the PEP 503 HTML root of an index that only has it', async () => {
    const index = await serve(() => ({
      status: 200,
      type: 'text/html',
      body: HTML
    }));
    const packages = new PackageIndex(options(index.url));
    expect(await packages.search('pand', 20, [])).toEqual(['pandas']);
    expect(await packages.search('numpy', 20, [])).toEqual([
      'numpy',
      'numpydoc',
      'bottleneck_numpy'
    ]);
  });

  it('tried: an index that fails → 503 index_unreachable in French, and the next search asks again', async () => {
    const index = await serve((_accept, n) =>
      n === 1
        ? { status: 500, type: 'text/plain', body: 'panne' }
        : { status: 200, type: 'text/html', body: HTML }
    );
    const packages = new PackageIndex(options(index.url));
    await expect(packages.search('num', 20, [])).rejects.toMatchObject({
      status: 503,
      code: 'index_unreachable',
      message: expect.stringMatching(
        /^L’index des paquets Python \(http:\/\/127\.0\.0\.1:\d+\/simple\/\) ne répond pas/
      )
    });
    expect(await packages.search('pandas', 20, [])).toEqual(['pandas']);
    // Nobody listening at all.
    const closed = new PackageIndex(options('http://127.0.0.1:9/simple/'));
    await expect(closed.search('x', 20, [])).rejects.toMatchObject({
      status: 503
    });
  });

  it('lists a local index (file: URL) and the distribution files of --find-links folders and pages', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-simple-'));
    fs.writeFileSync(path.join(dir, 'index.html'), HTML);
    const wheels = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-wheels-'));
    for (const file of [
      'alpha-1.0-py3-none-any.whl',
      'typing_extensions-4.0-py3-none-any.whl',
      'broken-1.0.tar.gz',
      'notes.txt'
    ]) {
      fs.writeFileSync(path.join(wheels, file), '');
    }
    const page = await serve(() => ({
      status: 200,
      type: 'text/html',
      body: '<a href="files/gamma-2.0-py3-none-any.whl">gamma-2.0-py3-none-any.whl</a>'
    }));
    const packages = new PackageIndex({
      ...options(pathToFileURL(dir).href),
      findLinks: [wheels, page.url]
    });
    const all = await packages.names();
    expect(all).toEqual(
      expect.arrayContaining([
        'numpy',
        'alpha',
        'typing_extensions',
        'broken',
        'gamma'
      ])
    );
    expect(all).not.toContain('notes.txt');
    // Only find-links: no index is read at all.
    const offline = new PackageIndex({
      ...options('http://127.0.0.1:9/simple/'),
      noIndex: true,
      findLinks: [wheels]
    });
    expect(await offline.indexUrl()).toBeNull();
    expect(await offline.search('typing-ext', 20, [])).toEqual([
      'typing_extensions'
    ]);
  });

  it('reads the extra indexes and find-links pip is configured with, and does not wait for an index that hangs', async () => {
    const extra = await serve(() => ({
      status: 200,
      type: 'text/html',
      body: HTML
    }));
    // An index that accepts the connection and never answers (PyPI without a network).
    const hanging = http.createServer(() => undefined);
    servers.push(hanging);
    await new Promise<void>(resolve => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const wheels = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-wheels-'));
    fs.writeFileSync(path.join(wheels, 'sympy-1.13-py3-none-any.whl'), '');
    const packages = new PackageIndex({
      findLinks: [],
      noIndex: false,
      usePipConfig: true,
      pipPython: path.join(VENV, 'bin', 'python'),
      pipEnv: pipEnv({
        PIP_INDEX_URL: `http://127.0.0.1:${port}/simple/`,
        PIP_EXTRA_INDEX_URL: extra.url,
        PIP_FIND_LINKS: wheels
      }),
      waitMs: 300
    });
    expect((await packages.sources()).map(source => source.kind)).toEqual([
      'index',
      'index',
      'links'
    ]);
    // Within the test's time limit, long before the hanging index's 60 s.
    expect(await packages.search('pand', 20, [])).toEqual(['pandas']);
    expect(await packages.search('sym', 20, [])).toEqual(['sympy']);
    hanging.closeAllConnections();
  });

  it('uses the index pip is configured with (here PIP_INDEX_URL), or PyPI when told not to read it', async () => {
    const index = await serve(() => ({
      status: 200,
      type: 'text/html',
      body: HTML
    }));
    const configured = new PackageIndex({
      findLinks: [],
      noIndex: false,
      usePipConfig: true,
      pipPython: path.join(VENV, 'bin', 'python'),
      pipEnv: pipEnv({ PIP_INDEX_URL: index.url })
    });
    expect(await configured.indexUrl()).toBe(index.url);
    expect(await configured.search('panda', 20, [])).toEqual(['pandas']);
    const blind = new PackageIndex({
      findLinks: [],
      noIndex: false,
      usePipConfig: false,
      pipPython: path.join(VENV, 'bin', 'python'),
      pipEnv: pipEnv({ PIP_INDEX_URL: index.url })
    });
    expect(await blind.indexUrl()).toBe(PYPI_SIMPLE);
  });
});
