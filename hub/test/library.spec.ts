import * as fs from 'fs';
import * as path from 'path';

import { analyze } from '../src/library/analyze';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { metadata, notebook, publishBody } from './helpers/resources';

/**
 * The library through its API, on a real hub and SQLite file: publishing (checked
 * against the taxonomy and nbformat's schema), French search with facets, versions,
 * files, endorsements, uses and explained recommendations.
 *
 * Bad input tried, each refused with a French message and nothing stored: a notebook
 * that is not JSON, binary garbage, JSON that breaks the nbformat schema, a missing and a
 * non-open licence, an unknown discipline, no notebook at all, `../` and absolute
 * paths, a hidden file, a 21 MB file, a title with control characters, a bad base64
 * body, an unknown facet; `<script>` in a title and in markdown is stored as text and
 * served as data (never as a page of the hub).
 */
describe('the library API', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let other: ISignedIn;
  let inspector: ISignedIn;
  let pupil: ISignedIn;
  let admin: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(
      hub,
      {
        prof: 'teacher',
        autre: 'teacher',
        inspection: 'inspector',
        eleve: 'learner',
        admin: 'admin'
      },
      { prof: 'Marie Curie', autre: 'Alan Turing' }
    );
    [prof, other, inspector, pupil, admin] = await Promise.all(
      ['prof', 'autre', 'inspection', 'eleve', 'admin'].map(name =>
        signIn(hub, name)
      )
    );
  });
  afterAll(async () => {
    await hub.close();
  });

  const publish = async (who: ISignedIn, body = publishBody()) => {
    const response = await who.call('POST', '/library/resources', body);
    return { status: response.status, body: await readJson(response) };
  };
  const search = async (who: ISignedIn, query: string) =>
    readJson(await who.call('GET', `/library/resources?${query}`));

  it('analyses French: accents folded, endings stemmed, stop words dropped', () => {
    expect(analyze('Les Équations')).toEqual(analyze('equation'));
    expect(analyze('des chevaux')).toEqual(analyze('cheval'));
    expect(analyze('la programmation')).toEqual(analyze('programmer'));
    expect(analyze('le la les de')).toEqual([]);
  });

  it('publishes a resource and finds it by a French query without accents', async () => {
    const created = await publish(prof);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      title: 'Résoudre des équations du premier degré',
      disciplines: ['mathematiques'],
      licence: 'CC-BY-4.0'
    });
    const found = await search(other, 'q=resoudre%20equation');
    expect(found.total).toBe(1);
    expect(found.results[0].id).toBe(created.body.id);
    // Words of the notebook are indexed too (« résout » in its markdown).
    expect((await search(other, 'q=resout')).total).toBe(1);
    expect((await search(other, 'q=photosynthese')).total).toBe(0);
  });

  it('filters by facets and counts them, sorts and pages', async () => {
    await publish(
      prof,
      publishBody(
        metadata({
          title: 'Programmer une liste chaînée',
          summary:
            'Implémenter une liste chaînée en Python et mesurer ses opérations.',
          disciplines: ['nsi'],
          levels: ['tle'],
          keywords: ['structures de données'],
          licence: 'CC-BY-SA-4.0'
        })
      )
    );
    const all = await search(other, 'perPage=1&sort=title');
    expect(all.total).toBe(2);
    expect(all.results).toHaveLength(1);
    expect(all.results[0].title).toBe('Programmer une liste chaînée');
    expect(all.facets.discipline).toEqual({ mathematiques: 1, nsi: 1 });
    expect(all.facets.licence).toEqual({ 'CC-BY-4.0': 1, 'CC-BY-SA-4.0': 1 });
    const second = await search(other, 'perPage=1&page=2&sort=title');
    expect(second.results[0].title).toBe(
      'Résoudre des équations du premier degré'
    );
    const nsi = await search(other, 'discipline=nsi');
    expect(nsi.total).toBe(1);
    expect(nsi.results[0].disciplines).toEqual(['nsi']);
    const either = await search(
      other,
      'discipline=nsi&discipline=mathematiques'
    );
    expect(either.total).toBe(2);
    expect((await search(other, 'discipline=nsi&level=2de')).total).toBe(0);
    const unknown = await other.call(
      'GET',
      '/library/resources?discipline=alchimie'
    );
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error.code).toBe('invalid_filter');
  });

  it('refuses bad input with a French message and stores nothing', async () => {
    const before = (await search(other, '')).total;
    const blobs = path.join(hub.dataDir, 'library', 'blobs');
    const blobCount = () =>
      fs.existsSync(blobs)
        ? fs
            .readdirSync(blobs)
            .flatMap(d => fs.readdirSync(path.join(blobs, d))).length
        : 0;
    const storedBlobs = blobCount();
    const file = (name: string, content: Buffer) => [{ path: name, content }];
    const cases: [string, ReturnType<typeof publishBody>, number, string][] = [
      [
        'not JSON',
        publishBody(metadata(), file('a.ipynb', Buffer.from('{pas du json'))),
        400,
        'invalid_notebook'
      ],
      [
        'binary garbage',
        publishBody(
          metadata(),
          file('a.ipynb', Buffer.from([0xff, 0xfe, 0x00, 0x81]))
        ),
        400,
        'invalid_notebook'
      ],
      [
        'breaks the nbformat schema',
        publishBody(
          metadata(),
          file(
            'a.ipynb',
            Buffer.from(
              JSON.stringify({
                nbformat: 4,
                nbformat_minor: 5,
                metadata: {},
                cells: [{ cell_type: 'code' }]
              })
            )
          )
        ),
        400,
        'invalid_notebook'
      ],
      [
        'no licence',
        publishBody(metadata({ licence: undefined })),
        400,
        'invalid_metadata'
      ],
      [
        'a non-open licence',
        publishBody(metadata({ licence: 'tous-droits-reserves' })),
        400,
        'invalid_metadata'
      ],
      [
        'an unknown discipline',
        publishBody(metadata({ disciplines: ['alchimie'] })),
        400,
        'invalid_metadata'
      ],
      [
        'control characters in the title',
        publishBody(metadata({ title: 'Titre\u0007caché' })),
        400,
        'invalid_metadata'
      ],
      [
        'no notebook',
        publishBody(metadata(), file('notes.txt', Buffer.from('texte'))),
        400,
        'no_notebook'
      ],
      [
        '../ in a path',
        publishBody(metadata(), file('../evasion.ipynb', notebook('x'))),
        400,
        'invalid_path'
      ],
      [
        'an absolute path',
        publishBody(metadata(), file('/etc/x.ipynb', notebook('x'))),
        400,
        'invalid_path'
      ],
      [
        'a hidden file',
        publishBody(metadata(), [
          ...file('a.ipynb', notebook('x')),
          ...file('.env', Buffer.from('S=1'))
        ]),
        400,
        'invalid_path'
      ],
      [
        'a 21 MB file',
        publishBody(metadata(), [
          ...file('a.ipynb', notebook('x')),
          ...file('gros.csv', Buffer.alloc(21 * 1024 * 1024, 97))
        ]),
        413,
        'too_large'
      ]
    ];
    for (const [what, body, status, code] of cases) {
      const answer = await publish(prof, body);
      expect({
        what,
        status: answer.status,
        code: answer.body.error?.code
      }).toEqual({ what, status, code });
      expect(answer.body.error.message).toMatch(/[a-zé]/);
    }
    const badBase64 = await prof.call('POST', '/library/resources', {
      metadata: metadata(),
      files: [{ path: 'a.ipynb', content: '***' }]
    });
    expect(badBase64.status).toBe(400);
    expect((await search(other, '')).total).toBe(before);
    expect(blobCount()).toBe(storedBlobs);
  });

  it('keeps script and HTML as text, and serves files as data', async () => {
    const created = await publish(
      prof,
      publishBody(
        metadata({ title: '<script>alert(1)</script> Titre piégé' }),
        [
          {
            path: 'piege.ipynb',
            content: notebook('<img src=x onerror=alert(1)>')
          }
        ]
      )
    );
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('<script>alert(1)</script> Titre piégé');
    const fileUrl = `/library/resources/${created.body.id}/versions/1/files/piege.ipynb`;
    const served = await other.call('GET', fileUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await served.text()).toContain('onerror=alert(1)');
    expect(
      (
        await other.call(
          'GET',
          `/library/resources/${created.body.id}/versions/1/files/absent.ipynb`
        )
      ).status
    ).toBe(404);
  });

  it('makes immutable versions, only for the owner (or an admin)', async () => {
    const created = await publish(prof);
    const id = created.body.id;
    const v2body = publishBody(
      metadata({ title: 'Équations, version revue' }),
      [
        { path: 'cours.ipynb', content: notebook('# Version 2') },
        { path: 'donnees/mesures.csv', content: Buffer.from('x;y\n1;2\n') }
      ]
    );
    expect(
      (await other.call('POST', `/library/resources/${id}/versions`, v2body))
        .status
    ).toBe(403);
    const v2 = await prof.call(
      'POST',
      `/library/resources/${id}/versions`,
      v2body
    );
    expect(v2.status).toBe(201);
    expect((await readJson(v2)).version).toBe(2);
    const v3 = await admin.call(
      'POST',
      `/library/resources/${id}/versions`,
      v2body
    );
    expect(v3.status).toBe(201);

    const v1 = await readJson(
      await other.call('GET', `/library/resources/${id}/versions/1`)
    );
    expect(v1.metadata.title).toBe('Résoudre des équations du premier degré');
    expect(v1.files.map((f: { path: string }) => f.path)).toEqual([
      'cours.ipynb'
    ]);
    const detail = await readJson(
      await other.call('GET', `/library/resources/${id}`)
    );
    expect(detail.version).toBe(3);
    expect(detail.owner).toBe('Marie Curie');
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([
      3, 2, 1
    ]);
    expect(detail.files.map((f: { path: string }) => f.path)).toEqual([
      'cours.ipynb',
      'donnees/mesures.csv'
    ]);
    expect(detail.can).toEqual({
      publishVersion: false,
      endorse: true,
      endorseForInspection: false
    });
    // The old version's file is still the old one.
    const oldFile = await other.call(
      'GET',
      `/library/resources/${id}/versions/1/files/cours.ipynb`
    );
    expect(await oldFile.text()).toContain('Équations');
    expect(
      (await other.call('GET', `/library/resources/${id}/versions/9`)).status
    ).toBe(404);
    expect(
      (await other.call('GET', `/library/resources/${id}/versions/abc`)).status
    ).toBe(404);
  });

  it('counts endorsements by peers and by the inspectorate', async () => {
    const { body } = await publish(prof);
    const url = `/library/resources/${body.id}/endorsements`;
    expect((await other.call('PUT', `${url}/inspection`)).status).toBe(403);
    expect((await other.call('PUT', `${url}/peer`)).status).toBe(200);
    expect((await other.call('PUT', `${url}/peer`)).status).toBe(200);
    const endorsed = await readJson(
      await inspector.call('PUT', `${url}/inspection`)
    );
    expect(endorsed.endorsements).toEqual({ peer: 1, inspection: 1 });
    expect(endorsed.endorsedBy.peer).toEqual(['Alan Turing']);
    expect(endorsed.mine).toEqual({ peer: false, inspection: true });
    // The most endorsed first, with or without words.
    for (const query of [
      'sort=popular&perPage=1',
      'q=equation&sort=popular&perPage=1'
    ]) {
      const popular = await search(other, query);
      expect({
        query,
        id: popular.results[0].id,
        order: popular.order
      }).toEqual({ query, id: body.id, order: 'popular' });
    }
    expect(
      (await search(other, 'endorsed=1')).results.map(
        (r: { id: string }) => r.id
      )
    ).toContain(body.id);
    const withdrawn = await readJson(await other.call('DELETE', `${url}/peer`));
    expect(withdrawn.endorsements).toEqual({ peer: 0, inspection: 1 });
    expect((await other.call('PUT', `${url}/autre`)).status).toBe(404);
  });

  it('recommends from the profile, co-usage and endorsements, and says why', async () => {
    const nsi = (
      await publish(
        other,
        publishBody(
          metadata({
            title: 'Les graphes en NSI',
            summary:
              'Parcours en largeur et en profondeur de graphes en Python.',
            disciplines: ['nsi'],
            levels: ['1re', 'tle'],
            keywords: ['graphe']
          })
        )
      )
    ).body;
    const follow = (
      await publish(
        other,
        publishBody(
          metadata({
            title: 'Algorithme de Dijkstra',
            summary: 'Plus courts chemins dans un graphe pondéré, pas à pas.',
            disciplines: ['mathematiques'],
            levels: ['l1'],
            keywords: ['graphe']
          })
        )
      )
    ).body;
    // A colleague opened both; our teacher opened the first.
    await admin.call('POST', `/library/resources/${nsi.id}/uses`, {
      kind: 'open'
    });
    await admin.call('POST', `/library/resources/${follow.id}/uses`, {
      kind: 'open'
    });
    await prof.call('POST', `/library/resources/${nsi.id}/uses`, {
      kind: 'open'
    });
    expect(
      (
        await prof.call('POST', `/library/resources/${nsi.id}/uses`, {
          kind: 'vol'
        })
      ).status
    ).toBe(400);

    const profile = await prof.call('PUT', '/library/profile', {
      disciplines: ['nsi'],
      levels: ['1re']
    });
    expect(profile.status).toBe(200);
    expect(
      (
        await prof.call('PUT', '/library/profile', {
          disciplines: ['alchimie'],
          levels: []
        })
      ).status
    ).toBe(400);

    const { recommendations } = await readJson(
      await prof.call('GET', '/library/recommendations')
    );
    const byId = new Map<string, string[]>(
      recommendations.map(
        (r: { resource: { id: string }; reasons: string[] }) => [
          r.resource.id,
          r.reasons
        ]
      )
    );
    // Already opened: not recommended again.
    expect(byId.has(nsi.id)).toBe(false);
    expect(byId.get(follow.id)).toContain(
      'Utilisé par un·e collègue qui a aussi utilisé « Les graphes en NSI »'
    );

    const { recommendations: forOther } = await readJson(
      await other.call('GET', '/library/recommendations')
    );
    expect(forOther.length).toBeGreaterThan(0);
    await other.call('PUT', '/library/profile', {
      disciplines: ['nsi'],
      levels: ['tle']
    });
    const again = await readJson(
      await other.call('GET', '/library/recommendations')
    );
    const chained = again.recommendations.find(
      (r: { resource: { title: string } }) =>
        r.resource.title === 'Programmer une liste chaînée'
    );
    expect(chained.reasons).toContain(
      'Parce que vous enseignez la NSI en Terminale'
    );
  });

  it('is for teachers, authors, inspectors and admins, not pupils or strangers', async () => {
    expect((await pupil.call('GET', '/library/resources')).status).toBe(403);
    expect(
      (await pupil.call('POST', '/library/resources', publishBody())).status
    ).toBe(403);
    const anonymous = await fetch(`${hub.url}/hub/api/v1/library/resources`);
    expect(anonymous.status).toBe(401);
  });
});

describe('the nbformat schemas the hub validates notebooks with', () => {
  it('are the installed nbformat package’s own, byte for byte', () => {
    const venvLib = path.resolve(__dirname, '..', '..', '.venv', 'lib');
    const python = fs
      .readdirSync(venvLib)
      .find(name => name.startsWith('python'));
    const installed = path.join(
      venvLib,
      python!,
      'site-packages',
      'nbformat',
      'v4'
    );
    const copies = path.resolve(__dirname, '..', 'data', 'nbformat');
    for (let minor = 0; minor <= 5; minor++) {
      const name = `nbformat.v4.${minor}.schema.json`;
      expect({
        name,
        same: fs
          .readFileSync(path.join(copies, name))
          .equals(fs.readFileSync(path.join(installed, name)))
      }).toEqual({ name, same: true });
    }
  });
});
