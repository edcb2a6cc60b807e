import { createHash } from 'crypto';
import { unzipSync } from 'fflate';
import * as fs from 'fs';
import * as path from 'path';

import {
  addUsers,
  Browser,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { metadata, notebook, publishBody } from './helpers/resources';
import { rawZip, resourceZip } from './helpers/zips';

/**
 * A resource as a Binder-compatible zip and back, and the public (read-only,
 * anonymous) library.
 *
 * Bad zips tried, each refused with a French message, a 4xx and nothing stored: bytes
 * that are not a zip, a JSON body, an empty body, a truncated zip, `../`, absolute and
 * drive-letter paths, backslashes, no `candyce-resource.json`, metadata that is not
 * JSON or breaks the taxonomy, the same path twice, a 30 MB file of zeros (honest
 * headers), a 25 MB file whose headers declare 1 kB (counted while inflating), a file
 * whose headers lie about a small size, 60 MB in all across files under 20 MB each,
 * 300 files, an encrypted entry, an unknown compression method.
 */
const ROOT = path.join(__dirname, '..', '..');
const sha256 = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest('hex');
const pinned = (name: string) =>
  fs
    .readFileSync(path.join(ROOT, 'requirements.lock'), 'utf8')
    .split('\n')
    .find(line => line.startsWith(`${name}==`))!
    .trim();

describe('library exports and imports', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let other: ISignedIn;
  let pupil: ISignedIn;
  let resourceId: string;
  const api = '/hub/api/v1';

  const files = [
    {
      path: 'moyenne.ipynb',
      content: notebook(
        '# Moyennes',
        'import numpy as np\nfrom matplotlib import pyplot as plt\nnp.mean([1, 2])'
      )
    },
    { path: 'donnees/notes.csv', content: Buffer.from('eleve,note\nA,12\n') }
  ];
  const exportOf = async (who: ISignedIn | Browser, id: string, version = 1) =>
    (who instanceof Browser ? who : who.browser).get(
      `${api}/library/resources/${id}/versions/${version}/export.zip`
    );
  const importZip = (who: ISignedIn, zip: Uint8Array, query = '') =>
    who.browser.request('POST', `${api}/library/import${query}`, {
      body: zip,
      headers: { 'X-Candyce-XSRF': who.xsrf, 'content-type': 'application/zip' }
    });

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, {
      prof: 'teacher',
      autre: 'teacher',
      eleve: 'learner'
    });
    [prof, other, pupil] = await Promise.all(
      ['prof', 'autre', 'eleve'].map(name => signIn(hub, name))
    );
    const created = await prof.call(
      'POST',
      '/library/resources',
      publishBody(metadata(), files)
    );
    expect(created.status).toBe(201);
    resourceId = (await readJson(created)).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('exports a version as a Binder-ready zip, the same bytes every time', async () => {
    const response = await exportOf(other, resourceId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="resoudre-des-equations-du-premier-degre-v1.zip"'
    );
    const zip = new Uint8Array(await response.arrayBuffer());
    const again = new Uint8Array(
      await (await exportOf(prof, resourceId)).arrayBuffer()
    );
    expect(sha256(again)).toBe(sha256(zip));

    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual([
      'README.md',
      'candyce-resource.json',
      'donnees/notes.csv',
      'moyenne.ipynb',
      'requirements.txt',
      'runtime.txt'
    ]);
    for (const file of files) {
      expect(sha256(entries[file.path])).toBe(sha256(file.content));
    }
    const text = (name: string) => Buffer.from(entries[name]).toString('utf8');
    // Only what the notebooks import, at the platform's versions.
    const requirements = text('requirements.txt')
      .split('\n')
      .filter(line => line && !line.startsWith('#'));
    expect(requirements).toEqual([pinned('matplotlib'), pinned('numpy')]);
    const venv = fs.readFileSync(
      path.join(ROOT, '.venv', 'pyvenv.cfg'),
      'utf8'
    );
    const [, major, minor] = /^version\s*=\s*(\d+)\.(\d+)/m.exec(venv)!;
    expect(text('runtime.txt')).toBe(`python-${major}.${minor}\n`);
    expect(text('README.md')).toContain(
      '# Résoudre des équations du premier degré'
    );
    expect(text('README.md')).toContain('Auteurs : Équipe de test');
    expect(text('README.md')).toMatch(/Licence : .*CC BY 4\.0/);
    const described = JSON.parse(text('candyce-resource.json'));
    expect(described).toMatchObject(metadata());
    expect(described.exportedFrom).toMatchObject({
      resource: resourceId,
      version: 1
    });
  });

  it('adds no environment files to a resource that brings its own', async () => {
    const created = await prof.call(
      'POST',
      '/library/resources',
      publishBody(metadata({ title: 'Avec son environnement' }), [
        files[0],
        { path: 'requirements.txt', content: Buffer.from('sympy==1.13\n') },
        { path: 'README.md', content: Buffer.from('# À moi\n') }
      ])
    );
    const id = (await readJson(created)).id;
    const entries = unzipSync(
      new Uint8Array(await (await exportOf(prof, id)).arrayBuffer())
    );
    expect(Object.keys(entries).sort()).toEqual([
      'README.md',
      'candyce-resource.json',
      'moyenne.ipynb',
      'requirements.txt'
    ]);
    expect(Buffer.from(entries['requirements.txt']).toString()).toBe(
      'sympy==1.13\n'
    );
  });

  it('imports an export back without loss, as a new resource or a new version', async () => {
    const zip = new Uint8Array(
      await (await exportOf(prof, resourceId)).arrayBuffer()
    );
    const original = await readJson(
      await prof.call('GET', `/library/resources/${resourceId}`)
    );
    const same = (detail: {
      files: unknown;
      metadata?: Record<string, unknown>;
      [key: string]: unknown;
    }) => {
      expect(detail.files).toEqual(original.files);
      for (const key of Object.keys(metadata())) {
        expect({ key, value: (detail.metadata ?? detail)[key] }).toEqual({
          key,
          value: original[key]
        });
      }
    };

    const imported = await importZip(other, zip);
    expect(imported.status).toBe(201);
    const copy = await readJson(imported);
    expect(copy.id).not.toBe(resourceId);
    same(
      await readJson(await other.call('GET', `/library/resources/${copy.id}`))
    );

    const version = await importZip(prof, zip, `?resource=${resourceId}`);
    expect(version.status).toBe(201);
    expect((await readJson(version)).version).toBe(2);
    same(
      await readJson(
        await prof.call('GET', `/library/resources/${resourceId}/versions/2`)
      )
    );

    // A changed generated file is the author's own now: it is kept.
    const entries = unzipSync(zip);
    entries['requirements.txt'] = Buffer.from('scipy\n');
    const { zipSync } = await import('fflate');
    const changed = await readJson(await importZip(other, zipSync(entries)));
    const detail = await readJson(
      await other.call('GET', `/library/resources/${changed.id}`)
    );
    expect(detail.files.map((f: { path: string }) => f.path)).toContain(
      'requirements.txt'
    );
  });

  it('imports a folder zipped by hand, at its root or in one top folder', async () => {
    for (const top of ['', 'ma-ressource/']) {
      const response = await importZip(
        prof,
        resourceZip(
          metadata({ title: `Importée ${top || 'racine'}` }),
          files,
          top
        )
      );
      expect({ top, status: response.status }).toEqual({ top, status: 201 });
      const { id } = await readJson(response);
      const detail = await readJson(
        await prof.call('GET', `/library/resources/${id}`)
      );
      expect(detail.files.map((f: { path: string }) => f.path)).toEqual([
        'donnees/notes.csv',
        'moyenne.ipynb'
      ]);
    }
  });

  it('refuses bad zips with a French message and stores nothing', async () => {
    const total = async () =>
      (await readJson(await prof.call('GET', '/library/resources'))).total;
    const blobs = path.join(hub.dataDir, 'library', 'blobs');
    const blobCount = () =>
      fs.readdirSync(blobs).flatMap(d => fs.readdirSync(path.join(blobs, d)))
        .length;
    const before = await total();
    const stored = blobCount();
    const meta = Buffer.from(JSON.stringify(metadata()));
    const nb = notebook('# Un cours');
    const withMeta = (...entries: Parameters<typeof rawZip>[0]) =>
      rawZip([{ name: 'candyce-resource.json', content: meta }, ...entries]);
    const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024);
    const valid = resourceZip();
    const cases: [string, Uint8Array, number, string][] = [
      [
        'not a zip',
        Buffer.from('bonjour, je ne suis pas un zip'),
        400,
        'invalid_zip'
      ],
      ['empty', Buffer.alloc(0), 400, 'invalid_zip'],
      ['truncated', valid.subarray(0, valid.length - 30), 400, 'invalid_zip'],
      [
        '../',
        withMeta({ name: '../evil.ipynb', content: nb }),
        400,
        'invalid_path'
      ],
      [
        'absolute',
        withMeta({ name: '/etc/cours.ipynb', content: nb }),
        400,
        'invalid_path'
      ],
      [
        'drive',
        withMeta({ name: 'C:/cours.ipynb', content: nb }),
        400,
        'invalid_path'
      ],
      [
        'backslash',
        withMeta({ name: 'a\\..\\cours.ipynb', content: nb }),
        400,
        'invalid_path'
      ],
      [
        'no metadata',
        rawZip([{ name: 'cours.ipynb', content: nb }]),
        400,
        'invalid_metadata'
      ],
      [
        'metadata not JSON',
        rawZip([
          { name: 'candyce-resource.json', content: Buffer.from('{titre') },
          { name: 'cours.ipynb', content: nb }
        ]),
        400,
        'invalid_metadata'
      ],
      [
        'metadata without licence',
        resourceZip(metadata({ licence: undefined })),
        400,
        'invalid_metadata'
      ],
      [
        'duplicate path',
        withMeta(
          { name: 'cours.ipynb', content: nb },
          { name: 'cours.ipynb', content: nb }
        ),
        400,
        'invalid_path'
      ],
      [
        '30 MB of zeros',
        withMeta(
          { name: 'cours.ipynb', content: nb },
          { name: 'gros.csv', content: zeros(30) }
        ),
        413,
        'too_large'
      ],
      [
        '25 MB declared as 1 kB',
        withMeta(
          { name: 'cours.ipynb', content: nb },
          { name: 'bombe.csv', content: zeros(25), declaredSize: 1024 }
        ),
        413,
        'too_large'
      ],
      [
        'a small lie',
        withMeta(
          { name: 'cours.ipynb', content: nb },
          { name: 'menteur.csv', content: zeros(1), declaredSize: 10 }
        ),
        400,
        'invalid_zip'
      ],
      [
        '60 MB in all',
        withMeta(
          { name: 'cours.ipynb', content: nb },
          ...[1, 2, 3].map(n => ({ name: `part${n}.csv`, content: zeros(19) }))
        ),
        413,
        'too_large'
      ],
      [
        '300 files',
        withMeta(
          ...Array.from({ length: 300 }, (_, n) => ({
            name: `f${n}.ipynb`,
            content: nb
          }))
        ),
        413,
        'too_large'
      ],
      [
        'encrypted',
        withMeta({ name: 'cours.ipynb', content: nb, flags: 1 }),
        400,
        'invalid_zip'
      ],
      [
        'unknown method',
        (() => {
          const zip = withMeta({ name: 'cours.ipynb', content: nb, method: 0 });
          // Method 99 in the central directory entry of cours.ipynb.
          zip.writeUInt16LE(
            99,
            zip.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 10
          );
          return zip;
        })(),
        400,
        'invalid_zip'
      ]
    ];
    for (const [what, zip, status, code] of cases) {
      const response = await importZip(prof, zip);
      const body = await readJson(response);
      expect({ what, status: response.status, code: body.error?.code }).toEqual(
        { what, status, code }
      );
      expect(body.error.message).toMatch(/[éèàêû’«]|fichier|zip/);
    }
    const json = await prof.call('POST', '/library/import', publishBody());
    expect(json.status).toBe(400);
    expect((await readJson(json)).error.code).toBe('invalid_zip');
    expect(await total()).toBe(before);
    expect(blobCount()).toBe(stored);
  });

  it('imports for contributors only, and new versions of one’s own resources only', async () => {
    const zip = resourceZip();
    expect((await importZip(pupil, zip)).status).toBe(403);
    expect(
      (await importZip(other, zip, `?resource=${resourceId}`)).status
    ).toBe(403);
    expect((await importZip(prof, zip, '?resource=inconnue')).status).toBe(404);
    const anonymous = new Browser(hub.url);
    const response = await anonymous.request('POST', `${api}/library/import`, {
      body: zip,
      headers: { 'content-type': 'application/zip' }
    });
    expect(response.status).toBe(401);
    expect((await exportOf(pupil, resourceId)).status).toBe(403);
    expect((await exportOf(anonymous, resourceId)).status).toBe(401);
  });

  it('keeps the library private by default: no anonymous reading, no CORS', async () => {
    const anonymous = new Browser(hub.url);
    for (const url of [
      '/library/taxonomy',
      '/library/resources',
      `/library/resources/${resourceId}`
    ]) {
      const response = await anonymous.request('GET', `${api}${url}`, {
        headers: { origin: 'http://localhost:8888' }
      });
      expect({ url, status: response.status }).toEqual({ url, status: 401 });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('a public library (libraryPublic)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let colleague: ISignedIn;
  let id: string;
  const api = '/hub/api/v1';
  const origin = { origin: 'http://localhost:8888' };

  beforeAll(async () => {
    hub = await startTestHub({ CANDYCE_LIBRARY_PUBLIC: 'true' });
    await addUsers(
      hub,
      { prof: 'teacher', collegue: 'teacher', inspection: 'inspector' },
      {
        prof: 'Marie Curie',
        collegue: 'Alan Turing',
        inspection: 'Ada Lovelace'
      }
    );
    [prof, colleague] = await Promise.all(
      ['prof', 'collegue'].map(name => signIn(hub, name))
    );
    const inspector = await signIn(hub, 'inspection');
    id = (
      await readJson(
        await prof.call('POST', '/library/resources', publishBody())
      )
    ).id;
    await colleague.call('PUT', `/library/resources/${id}/endorsements/peer`);
    await inspector.call(
      'PUT',
      `/library/resources/${id}/endorsements/inspection`
    );
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lets anyone read it from any origin, without credentials and without names', async () => {
    const anonymous = new Browser(hub.url);
    for (const url of [
      '/library/taxonomy',
      '/library/resources?q=equation',
      `/library/resources/${id}`,
      `/library/resources/${id}/versions/1`,
      `/library/resources/${id}/versions/1/files/cours.ipynb`,
      `/library/resources/${id}/versions/1/export.zip`
    ]) {
      const response = await anonymous.request('GET', `${api}${url}`, {
        headers: origin
      });
      await response.arrayBuffer();
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(
        response.headers.get('access-control-allow-credentials')
      ).toBeNull();
    }
    const detail = await readJson(
      await anonymous.get(`${api}/library/resources/${id}`)
    );
    expect(detail.endorsements).toEqual({ peer: 1, inspection: 1 });
    expect(detail.endorsedBy).toEqual({ peer: [], inspection: [] });
    expect(detail.owner).toBeNull();
    expect(detail.versions[0].publishedBy).toBeNull();
    expect(detail.can).toEqual({
      publishVersion: false,
      endorse: false,
      endorseForInspection: false
    });
    expect(JSON.stringify(detail)).not.toMatch(/Curie|Turing|Lovelace/);
    // Signed-in callers still see who recommended it.
    const seen = await readJson(
      await prof.call('GET', `/library/resources/${id}`)
    );
    expect(seen.endorsedBy.peer).toEqual(['Alan Turing']);
  });

  it('answers CORS preflights of the read-only routes only', async () => {
    const anonymous = new Browser(hub.url);
    const preflight = await anonymous.request(
      'OPTIONS',
      `${api}/library/resources?q=x`,
      {
        headers: {
          ...origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'accept'
        }
      }
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe(
      'GET, HEAD, OPTIONS'
    );
    const other = await anonymous.request('OPTIONS', `${api}/library/profile`, {
      headers: { ...origin, 'access-control-request-method': 'PUT' }
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still refuses every write and every personal route to anonymous callers', async () => {
    const anonymous = new Browser(hub.url);
    const calls: [string, string, unknown?][] = [
      ['POST', '/library/resources', publishBody()],
      ['POST', `/library/resources/${id}/versions`, publishBody()],
      ['PUT', `/library/resources/${id}/endorsements/peer`],
      ['DELETE', `/library/resources/${id}/endorsements/peer`],
      ['POST', `/library/resources/${id}/uses`, { kind: 'open' }],
      ['GET', '/library/recommendations'],
      ['GET', '/library/profile'],
      ['PUT', '/library/profile', { disciplines: [], levels: [] }]
    ];
    for (const [method, url, json] of calls) {
      const response = await anonymous.request(method, `${api}${url}`, {
        json,
        headers: origin
      });
      expect({ method, url, status: response.status }).toEqual({
        method,
        url,
        status: 401
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const imported = await anonymous.request('POST', `${api}/library/import`, {
      body: resourceZip(),
      headers: { ...origin, 'content-type': 'application/zip' }
    });
    expect(imported.status).toBe(401);
    expect(
      (await readJson(await prof.call('GET', '/library/resources'))).total
    ).toBe(1);
  });
});
