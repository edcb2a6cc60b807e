/**
 * @jest-environment node
 */
// Node: the contract is read from the disk, and the generator run.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { HubClient } from '../src/client';
import { HubApiError } from '../src/errors';
import { HubApi } from '../src/hubApi';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONTRACT = parse(
  fs.readFileSync(path.join(ROOT, 'hub', 'openapi.yml'), 'utf8')
) as { paths: Record<string, Record<string, unknown>> };

/** A client whose `fetch` records each call and answers `reply`. */
function recorder(
  reply: () => { status: number; body?: unknown } = () => ({
    status: 200,
    body: {}
  })
) {
  const calls: { url: string; init: RequestInit }[] = [];
  const client = new HubClient({
    fetch: async (url, init) => {
      calls.push({ url, init });
      const { status, body } = reply();
      return new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' }
      });
    }
  });
  client.xsrfToken = 'jeton';
  return { api: new HubApi(client), calls };
}

describe('the generated contract types', () => {
  it('are those hub/openapi.yml gives (run `npm run build:gen` after changing it)', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [path.join(__dirname, '..', 'scripts', 'hub-api.mjs'), '--check'],
        { stdio: 'pipe' }
      )
    ).not.toThrow();
  });
});

describe('HubApi', () => {
  it('fills in and encodes path parameters, a file path keeping its slashes', async () => {
    const { api, calls } = recorder();
    await api.get('/assignments/{id}/submissions/{learner}/latest', {
      params: { id: 'a b/1', learner: 'léa' }
    });
    expect(calls[0].url).toBe(
      '/hub/api/v1/assignments/a%20b%2F1/submissions/l%C3%A9a/latest'
    );
    expect(
      api.url('/library/resources/{id}/versions/{version}/files/{path}', {
        params: { id: 'r1', version: '2', path: 'dossier/a b.ipynb' }
      })
    ).toBe(
      '/hub/api/v1/library/resources/r1/versions/2/files/dossier/a%20b.ipynb'
    );
  });

  it('sends the query, a list as repeated parameters, and leaves out what is undefined', async () => {
    const { api, calls } = recorder(() => ({
      status: 200,
      body: { packages: [] }
    }));
    await api.get('/library/resources', {
      query: {
        q: 'équations',
        discipline: ['maths', 'nsi'],
        page: 2,
        sort: undefined
      }
    });
    await api.get('/environments/packages', { query: { q: 'num' } });
    expect(calls.map(call => call.url)).toEqual([
      '/hub/api/v1/library/resources?q=%C3%A9quations&discipline=maths&discipline=nsi&page=2',
      '/hub/api/v1/environments/packages?q=num'
    ]);
  });

  it('sends the body with the method and the anti-CSRF token, and answers nothing on 204', async () => {
    const { api, calls } = recorder(() => ({ status: 204 }));
    await expect(
      api.post('/library/resources/{id}/uses', {
        params: { id: 'r1' },
        body: { kind: 'open' }
      })
    ).resolves.toBeUndefined();
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ kind: 'open' });
    expect(
      (calls[0].init.headers as Record<string, string>)['X-Candyce-XSRF']
    ).toBe('jeton');
  });

  it('keeps the client’s typed errors', async () => {
    const { api } = recorder(() => ({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Non.' } }
    }));
    await expect(api.get('/me')).rejects.toBeInstanceOf(HubApiError);
  });

  it('refuses, at compile time, a path, a method, a parameter or a body the contract does not have', () => {
    const { api } = recorder();
    // These lines are type-checked by ts-jest; each would compile without its directive.
    const refused = () => [
      // @ts-expect-error not a path of the contract
      api.get('/assignment'),
      // @ts-expect-error GET only
      api.post('/me'),
      // @ts-expect-error the path parameter is missing
      api.get('/classes/{id}'),
      // @ts-expect-error the body is required
      api.post('/library/resources/{id}/uses', { params: { id: 'r' } }),
      api.post('/library/resources/{id}/uses', {
        params: { id: 'r' },
        // @ts-expect-error not one of the contract's kinds
        body: { kind: 'read' }
      }),
      // @ts-expect-error `q` is required
      api.get('/environments/packages', { query: { limit: '3' } })
    ];
    expect(typeof refused).toBe('function');
  });
});

describe('the extensions’ calls to the hub', () => {
  it('all go through HubApi, typed by the contract (no untyped HubClient call)', () => {
    const untyped = Private.sources().flatMap(({ file, text }) =>
      [
        ...text.matchAll(/\bhub\s*\.\s*(get|post|put|patch|delete|request)\b/g)
      ].map(match => `${file}: hub.${match[1]}`)
    );
    expect(untyped).toEqual([]);
  });

  it('name paths and methods of hub/openapi.yml', () => {
    const calls = Private.sources().flatMap(({ file, text }) =>
      Private.calls(file, text)
    );
    // The three extensions' API classes call the hub: a check that finds none is broken.
    expect(new Set(calls.map(call => call.file)).size).toBeGreaterThanOrEqual(
      3
    );
    // Calls to the hub outside its JSON API, each said here with where it is
    // described: the LRS's credential (`/hub/lrs/credential`, docs/xapi.md).
    const outsideApi = new Set([
      'extensions/telemetry/src/setup.ts /credential'
    ]);
    const unknown = calls.filter(
      ({ file, method, template }) =>
        !outsideApi.has(`${file} ${template}`) &&
        (CONTRACT.paths[template] === undefined ||
          (method !== null && CONTRACT.paths[template][method] === undefined))
    );
    expect(unknown).toEqual([]);
  });
});

namespace Private {
  /**
   * The TypeScript sources of every extension but the core (whose client is the way
   * the others call the hub).
   */
  export function sources(): { file: string; text: string }[] {
    const extensions = path.join(ROOT, 'extensions');
    return fs
      .readdirSync(extensions)
      .filter(name => name !== 'core')
      .flatMap(name => walk(path.join(extensions, name, 'src')))
      .map(file => ({
        file: path.relative(ROOT, file),
        text: fs.readFileSync(file, 'utf8')
      }));
  }

  function walk(dir: string): string[] {
    if (!fs.existsSync(dir)) {
      return [];
    }
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return walk(full);
      }
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    });
  }

  /**
   * The contract paths a source names: `api.get('/…')` and the like with their method,
   * and any other string literal shaped like a contract path (`HubApi.path('/…')`, a
   * path kept in a variable) without one.
   */
  export function calls(
    file: string,
    text: string
  ): { file: string; method: string | null; template: string }[] {
    const found: { file: string; method: string | null; template: string }[] =
      [];
    const withMethod = new Set<number>();
    for (const match of text.matchAll(
      /\.\s*(get|post|put|patch|delete)\(\s*'(\/[^']*)'/g
    )) {
      withMethod.add(match.index! + match[0].indexOf(`'${match[2]}'`));
      found.push({ file, method: match[1], template: match[2] });
    }
    for (const match of text.matchAll(
      /'(\/(?:me|classes|rosters|users|library|assignments|environments)\b[^']*)'/g
    )) {
      if (!withMethod.has(match.index!)) {
        found.push({ file, method: null, template: match[1] });
      }
    }
    return found;
  }
}
