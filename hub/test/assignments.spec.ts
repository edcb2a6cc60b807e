import * as http from 'http';
import * as path from 'path';

import { BlobStore } from '../src/storage/blobs';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { notebook, publishBody } from './helpers/resources';

/**
 * Assignments through the API, on a real hub and SQLite file: a teacher hands out a
 * notebook to a class and by share code; learners join, fetch, submit (idempotently),
 * read feedback once returned; the teacher follows the table, reads the latest
 * submission, annotates cells, grades, returns and exports the grades.
 *
 * Bad input tried, each refused with a French message and nothing stored: no title, no
 * class and no share code, a due date before the opening, a class the teacher does not
 * teach, a notebook that is not JSON, a 21 MB file, a 500 MB request, an unknown share
 * code and too many guesses, a fetch before the opening, late work when it is refused,
 * a second submission when only one is allowed, a grade above its scale, a comment on a
 * file that was not handed in, feedback before anything was submitted, a learner of
 * another class, a pupil asking for the teacher's table.
 */
describe('the assignments API', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let other: ISignedIn;
  let ada: ISignedIn;
  let blaise: ISignedIn;
  let outsider: ISignedIn;
  let admin: ISignedIn;
  let classId: string;
  // The hub's clock, moved by tests that need a due date to pass.
  let now = new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { now: () => now });
    await addUsers(
      hub,
      {
        prof: 'teacher',
        autre: 'teacher',
        ada: 'learner',
        blaise: 'learner',
        dehors: 'learner',
        admin: 'admin'
      },
      {
        prof: 'Marie Curie',
        ada: 'Ada Lovelace',
        blaise: '=HYPERLINK("x")',
        dehors: 'Élève dehors'
      }
    );
    [prof, other, ada, blaise, outsider, admin] = await Promise.all(
      ['prof', 'autre', 'ada', 'blaise', 'dehors', 'admin'].map(name =>
        signIn(hub, name)
      )
    );
    classId = (
      await readJson(
        await prof.call('POST', '/classes', { name: '2de B', level: '2de' })
      )
    ).id;
    for (const userName of ['ada', 'blaise']) {
      await prof.call('POST', `/classes/${classId}/members`, {
        userName,
        membership: 'learner'
      });
    }
  });
  afterAll(() => hub.close());

  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const work = notebook('# Les listes', 'notes = [12, 15, 9]');
  const homeSource = (
    files = [{ path: 'listes.ipynb', content: b64(work) }]
  ) => ({
    home: { path: 'cours/listes.ipynb', files }
  });
  const create = async (body: Record<string, unknown>, who = prof) => {
    const response = await who.call('POST', '/assignments', {
      title: 'Les listes en Python',
      classIds: [classId],
      source: homeSource(),
      ...body
    });
    return { status: response.status, body: await readJson(response) };
  };
  const submit = async (
    who: ISignedIn,
    id: string,
    requestId: string,
    content = notebook('# Mes réponses', 'print(sum([12, 15, 9]))')
  ) => {
    const response = await who.call('POST', `/assignments/${id}/submissions`, {
      requestId,
      files: [{ path: 'listes.ipynb', content: b64(content) }]
    });
    return { status: response.status, body: await readJson(response) };
  };
  const uuid = (n: number) =>
    `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const teachingCount = async () =>
    (await readJson(await prof.call('GET', '/assignments'))).teaching.length;

  it('refuses bad assignments with a French message and stores nothing', async () => {
    const before = await teachingCount();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ title: '   ' }, 400, /titre/],
      [{ classIds: [], shareCode: false }, 400, /au moins une classe/],
      [
        {
          opensAt: '2026-12-10T08:00:00Z',
          dueAt: '2026-12-09T08:00:00Z'
        },
        400,
        /doit suivre/
      ],
      [
        {
          source: homeSource([
            { path: 'listes.ipynb', content: b64(Buffer.from('{pas du json')) }
          ])
        },
        400,
        /JSON/
      ],
      [
        {
          source: homeSource([
            { path: 'listes.ipynb', content: b64(work) },
            {
              path: 'donnees.bin',
              content: b64(Buffer.alloc(21 * 1024 * 1024))
            }
          ])
        },
        413,
        /Mo/
      ],
      [{ source: {} }, 400, /source/]
    ];
    for (const [body, status, message] of cases) {
      const answer = await create(body);
      expect({ body, status: answer.status }).toEqual({ body, status });
      expect(answer.body.error.message).toMatch(message);
    }
    // A class one does not teach, and a pupil creating: refused.
    expect((await create({}, other)).status).toBe(403);
    expect((await create({}, ada)).status).toBe(403);
    expect(await teachingCount()).toBe(before);
  });

  it('runs the whole loop: hand out, fetch, submit, annotate, return, read feedback', async () => {
    const created = await create({
      instructions: 'Complétez les cellules puis rendez.',
      dueAt: '2026-12-08T17:00:00Z'
    });
    expect(created.status).toBe(201);
    const assignment = created.body;
    expect(assignment).toMatchObject({
      title: 'Les listes en Python',
      owner: { name: 'prof', displayName: 'Marie Curie' },
      classes: [{ id: classId, name: '2de B' }],
      shareCode: null,
      latePolicy: 'accept',
      multipleSubmissions: true,
      source: { kind: 'home', path: 'cours/listes.ipynb' },
      files: [{ path: 'listes.ipynb', size: work.length }]
    });
    expect(assignment.folder).toMatch(
      /^devoirs\/les-listes-en-python-[0-9a-f]{4}$/
    );

    // Ada sees it to do; the outsider and the other teacher do not.
    const listed = await readJson(await ada.call('GET', '/assignments'));
    expect(listed.learning).toEqual([
      expect.objectContaining({ id: assignment.id, state: 'todo' })
    ]);
    expect(
      (await readJson(await outsider.call('GET', '/assignments'))).learning
    ).toEqual([]);
    for (const who of [outsider, other]) {
      expect(
        (await who.call('GET', `/assignments/${assignment.id}`)).status
      ).toBe(403);
      expect(
        (await who.call('POST', `/assignments/${assignment.id}/fetch`)).status
      ).toBe(403);
    }
    // An unknown assignment answers as one that is not one's own.
    expect((await ada.call('GET', '/assignments/inconnu')).status).toBe(403);

    const fetched = await readJson(
      await ada.call('POST', `/assignments/${assignment.id}/fetch`)
    );
    expect(fetched.folder).toBe(assignment.folder);
    expect(Buffer.from(fetched.files[0].content, 'base64')).toEqual(work);
    expect(
      (await readJson(await ada.call('GET', `/assignments/${assignment.id}`)))
        .state
    ).toBe('started');

    // Submitting, then retrying the same request: one version, answered twice.
    const first = await submit(ada, assignment.id, uuid(1));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, late: false });
    const retried = await submit(ada, assignment.id, uuid(1));
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    const second = await submit(
      ada,
      assignment.id,
      uuid(2),
      notebook('# Mes réponses corrigées', 'print(36)')
    );
    expect(second.body.version).toBe(2);
    const mine = await readJson(
      await ada.call('GET', `/assignments/${assignment.id}/submissions/mine`)
    );
    expect(mine.submissions.map((s: { version: number }) => s.version)).toEqual(
      [2, 1]
    );

    // The teacher's table: Ada submitted, Blaise has nothing yet.
    const progress = await readJson(
      await prof.call('GET', `/assignments/${assignment.id}/progress`)
    );
    expect(progress.rows).toEqual([
      expect.objectContaining({
        learner: { name: 'blaise', displayName: '=HYPERLINK("x")' },
        state: 'todo',
        version: null
      }),
      expect.objectContaining({
        learner: { name: 'ada', displayName: 'Ada Lovelace' },
        state: 'submitted',
        version: 2,
        late: false
      })
    ]);
    for (const who of [ada, other]) {
      expect(
        (await who.call('GET', `/assignments/${assignment.id}/progress`)).status
      ).toBe(403);
    }
    expect(
      (await admin.call('GET', `/assignments/${assignment.id}/progress`)).status
    ).toBe(200);

    const latest = await readJson(
      await prof.call(
        'GET',
        `/assignments/${assignment.id}/submissions/ada/latest`
      )
    );
    expect(latest.submission.version).toBe(2);
    const cellId = JSON.parse(
      Buffer.from(latest.files[0].content, 'base64').toString()
    ).cells[1].id;

    // Feedback: refused when wrong, kept as a draft until returned.
    const feedbackUrl = `/assignments/${assignment.id}/feedback/ada`;
    const feedback = {
      comment: 'Bon travail ; pensez à commenter.',
      grade: 15.5,
      maxGrade: 20,
      rubric: [{ criterion: 'Listes', points: 8, max: 10 }],
      cells: [{ path: 'listes.ipynb', cellId, comment: 'Très bien.' }]
    };
    for (const [bad, message] of [
      [{ ...feedback, grade: 25 }, /dépasse le barème/],
      [
        { ...feedback, cells: [{ path: 'autre.ipynb', cellId, comment: 'x' }] },
        /ne fait pas partie/
      ],
      [
        {
          ...feedback,
          cells: [{ path: 'listes.ipynb', cellId: '<b>', comment: 'x' }]
        },
        /cellId/
      ]
    ] as const) {
      const answer = await prof.call('PUT', feedbackUrl, bad);
      expect(answer.status).toBe(400);
      expect((await readJson(answer)).error.message).toMatch(message);
    }
    expect(
      (
        await prof.call(
          'PUT',
          `/assignments/${assignment.id}/feedback/blaise`,
          feedback
        )
      ).status
    ).toBe(409);
    expect(
      (
        await prof.call(
          'PUT',
          `/assignments/${assignment.id}/feedback/dehors`,
          feedback
        )
      ).status
    ).toBe(404);
    const saved = await prof.call('PUT', feedbackUrl, feedback);
    expect(saved.status).toBe(200);
    expect(await readJson(saved)).toMatchObject({
      submissionVersion: 2,
      grade: 15.5,
      returnedAt: null
    });
    const notYet = await ada.call(
      'GET',
      `/assignments/${assignment.id}/feedback/mine`
    );
    expect(notYet.status).toBe(404);
    expect((await readJson(notYet)).error.message).toMatch(
      /pas encore été corrigée/
    );

    // Returning to a learner without feedback is refused; to all, only Ada gets it.
    expect(
      (
        await prof.call('POST', `/assignments/${assignment.id}/return`, {
          learners: ['blaise']
        })
      ).status
    ).toBe(409);
    expect(
      await readJson(
        await prof.call('POST', `/assignments/${assignment.id}/return`, {})
      )
    ).toEqual({ returned: ['ada'] });
    expect(
      await readJson(
        await ada.call('GET', `/assignments/${assignment.id}/feedback/mine`)
      )
    ).toMatchObject({
      comment: feedback.comment,
      grade: 15.5,
      cells: feedback.cells,
      learner: { name: 'ada' }
    });
    expect(
      (await readJson(await ada.call('GET', `/assignments/${assignment.id}`)))
        .state
    ).toBe('returned');

    // Grades for a French spreadsheet; a name that looks like a formula stays text.
    const csv = await prof.call(
      'GET',
      `/assignments/${assignment.id}/grades.csv`
    );
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await csv.arrayBuffer()
    );
    expect(text.startsWith('\ufeffIdentifiant;Nom;État')).toBe(true);
    expect(text).toContain('ada;Ada Lovelace;corrigé;');
    expect(text).toContain(';2;non;15,5;20;');
    expect(text).toContain(`blaise;"'=HYPERLINK(""x"")";à faire`);
    expect(
      (await ada.call('GET', `/assignments/${assignment.id}/grades.csv`)).status
    ).toBe(403);
  });

  it('lets pupils outside the class join with the share code, typed loosely', async () => {
    const { body: assignment } = await create({
      classIds: [],
      shareCode: true
    });
    expect(assignment.shareCode).toMatch(
      /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/
    );
    const typed = ` ${assignment.shareCode.replace('-', '').toLowerCase()} `;
    const joined = await outsider.call('POST', '/assignments/join', {
      code: typed
    });
    expect(joined.status).toBe(200);
    expect(await readJson(joined)).toMatchObject({
      id: assignment.id,
      state: 'todo',
      shareCode: null
    });
    expect(
      (await outsider.call('POST', `/assignments/${assignment.id}/fetch`))
        .status
    ).toBe(200);
    const progress = await readJson(
      await prof.call('GET', `/assignments/${assignment.id}/progress`)
    );
    expect(progress.rows).toEqual([
      expect.objectContaining({
        learner: expect.objectContaining({ name: 'dehors' }),
        state: 'started'
      })
    ]);

    const unknown = await blaise.call('POST', '/assignments/join', {
      code: 'ZZZZ-ZZZZ'
    });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.message).toMatch(
      /inconnu ou expiré/
    );
    // Guessing is braked: the 11th attempt in a minute is refused, even a right one.
    for (let i = 0; i < 9; i++) {
      await blaise.call('POST', '/assignments/join', { code: 'ZZZZ-ZZZZ' });
    }
    expect(
      (
        await blaise.call('POST', '/assignments/join', {
          code: assignment.shareCode
        })
      ).status
    ).toBe(429);
    // Teachers do not join.
    expect(
      (
        await other.call('POST', '/assignments/join', {
          code: assignment.shareCode
        })
      ).status
    ).toBe(403);
  });

  it('keeps dates: not before the opening, late work accepted and marked, or refused', async () => {
    const opensLater = await create({ opensAt: '2026-12-02T08:00:00Z' });
    const early = await ada.call(
      'POST',
      `/assignments/${opensLater.body.id}/fetch`
    );
    expect(early.status).toBe(422);
    expect((await readJson(early)).error.message).toMatch(
      /pas encore ouvert.*2 décembre 2026 à 09:00/
    );

    const accepting = await create({ dueAt: '2026-12-01T12:00:00Z' });
    const refusing = await create({
      dueAt: '2026-12-01T12:00:00Z',
      latePolicy: 'refuse',
      shareCode: true
    });
    now = new Date('2026-12-01T13:00:00Z');
    try {
      expect(
        (
          await readJson(
            await ada.call('GET', `/assignments/${accepting.body.id}`)
          )
        ).state
      ).toBe('late');
      const late = await submit(ada, accepting.body.id, uuid(10));
      expect(late.status).toBe(201);
      expect(late.body.late).toBe(true);
      const refused = await submit(ada, refusing.body.id, uuid(11));
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toMatch(
        /1 décembre 2026 à 13:00.*Votre travail reste dans votre dossier/
      );
      expect(
        (
          await readJson(
            await ada.call(
              'GET',
              `/assignments/${refusing.body.id}/submissions/mine`
            )
          )
        ).submissions
      ).toEqual([]);
      // Its share code has expired with it.
      expect(
        (
          await outsider.call('POST', '/assignments/join', {
            code: refusing.body.shareCode
          })
        ).status
      ).toBe(404);
    } finally {
      now = new Date('2026-12-01T08:00:00Z');
    }
  });

  it('takes one submission when only one is allowed, and refuses bad work', async () => {
    const { body: once } = await create({ multipleSubmissions: false });
    expect((await submit(ada, once.id, uuid(20))).status).toBe(201);
    const again = await submit(ada, once.id, uuid(21));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/qu’une seule remise/);
    // The first request retried still answers its submission.
    expect((await submit(ada, once.id, uuid(20))).status).toBe(200);

    const { body: open } = await create({});
    const broken = await submit(
      ada,
      open.id,
      uuid(22),
      Buffer.from('{"cells": [')
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/listes\.ipynb/);
    const badId = await ada.call(
      'POST',
      `/assignments/${open.id}/submissions`,
      {
        requestId: 'pas-un-uuid',
        files: []
      }
    );
    expect(badId.status).toBe(400);
    expect(
      await huge(`/hub/api/v1/assignments/${open.id}/submissions`, ada)
    ).toBe(413);
    expect(
      (
        await readJson(
          await ada.call('GET', `/assignments/${open.id}/submissions/mine`)
        )
      ).submissions
    ).toEqual([]);
  });

  /** Whether the hub's assignment blob store holds these bytes. */
  const stored = (bytes: Buffer) =>
    new BlobStore(path.join(hub.dataDir, 'assignments', 'blobs')).has(
      BlobStore.hash(bytes)
    );
  const submitFiles = async (
    id: string,
    requestId: string,
    files: Record<string, Buffer>
  ) => {
    const response = await ada.call('POST', `/assignments/${id}/submissions`, {
      requestId,
      files: Object.entries(files).map(([name, content]) => ({
        path: name,
        content: b64(content)
      }))
    });
    return { status: response.status, body: await readJson(response) };
  };
  const mySubmissions = async (id: string) =>
    (
      await readJson(
        await ada.call('GET', `/assignments/${id}/submissions/mine`)
      )
    ).submissions;

  it('tried: a pupil hands in their notebook with a numpy.py beside it, which the assignment does not declare: 422 naming it, nothing stored', async () => {
    const { body: assignment } = await create({});
    expect(assignment.extraFiles).toEqual([]);
    // The module a teacher's kernel would import instead of NumPy.
    const module = Buffer.from(
      `import os\nos.system("rm -rf ~")  # ${assignment.id}\n`
    );
    const answers = notebook(
      '# Mes réponses',
      `import numpy # ${assignment.id}`
    );
    const refused = await submitFiles(assignment.id, uuid(40), {
      'listes.ipynb': answers,
      'numpy.py': module
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('file_not_allowed');
    expect(refused.body.error.message).toMatch(/« numpy\.py »/);
    expect(refused.body.error.message).toMatch(/Rien n’a été rendu/);
    // Nothing stored: no version, no bytes, nothing for the teacher to open.
    expect(await mySubmissions(assignment.id)).toEqual([]);
    expect(stored(module)).toBe(false);
    expect(stored(answers)).toBe(false);
    expect(
      (
        await prof.call(
          'GET',
          `/assignments/${assignment.id}/submissions/ada/latest`
        )
      ).status
    ).toBe(404);
    // Hidden in a folder, or under a file handed out with another case: refused alike.
    for (const name of ['outils/numpy.py', 'Listes.ipynb', '.ipython/x.py']) {
      const answer = await submitFiles(assignment.id, uuid(41), {
        'listes.ipynb': answers,
        [name]: module
      });
      expect({ name, status: answer.status }).toEqual({ name, status: 422 });
      expect(answer.body.error.message).toContain(`« ${name} »`);
    }
    expect(await mySubmissions(assignment.id)).toEqual([]);
    // Its own files only: accepted.
    expect(
      (await submitFiles(assignment.id, uuid(42), { 'listes.ipynb': answers }))
        .status
    ).toBe(201);
  });

  it('tried: extra files the teacher declares (*.png, donnees/*.csv) are accepted, undeclared ones and bad patterns refused', async () => {
    for (const bad of ['../secret', '/etc/passwd', 'a//b', 'a\\b']) {
      const answer = await create({ extraFiles: [bad] });
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
      expect(answer.body.error.message).toContain(`« ${bad} »`);
    }
    const created = await create({ extraFiles: ['*.png', 'donnees/*.csv'] });
    expect(created.status).toBe(201);
    const { body: assignment } = created;
    expect(assignment.extraFiles).toEqual(['*.png', 'donnees/*.csv']);
    // The learner sees what they may hand in.
    expect(
      (await readJson(await ada.call('GET', `/assignments/${assignment.id}`)))
        .extraFiles
    ).toEqual(['*.png', 'donnees/*.csv']);
    const figure = Buffer.from(`PNG ${assignment.id}`);
    const data = Buffer.from(`x;y\n1;2\n${assignment.id}`);
    const answers = notebook('# Mes réponses', 'print(1)');
    const accepted = await submitFiles(assignment.id, uuid(50), {
      'listes.ipynb': answers,
      'figure.png': figure,
      'donnees/mesures.csv': data
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.files.map((f: { path: string }) => f.path)).toEqual([
      'donnees/mesures.csv',
      'figure.png',
      'listes.ipynb'
    ]);
    expect(stored(figure) && stored(data)).toBe(true);
    // Not matched by a pattern: a module, a hidden file, a CSV outside donnees/.
    for (const name of ['numpy.py', '.figure.png', 'mesures.csv', 'a/b.png']) {
      const answer = await submitFiles(assignment.id, uuid(51), {
        'listes.ipynb': answers,
        [name]: Buffer.from(`${name} ${assignment.id}`)
      });
      expect({ name, status: answer.status }).toEqual({ name, status: 422 });
      expect(answer.body.error.message).toContain(`« ${name} »`);
      expect(stored(Buffer.from(`${name} ${assignment.id}`))).toBe(false);
    }
    // Taken back by the teacher: the figure is refused from then on.
    const patched = await prof.call('PATCH', `/assignments/${assignment.id}`, {
      extraFiles: []
    });
    expect(patched.status).toBe(200);
    expect((await readJson(patched)).extraFiles).toEqual([]);
    const later = await submitFiles(assignment.id, uuid(52), {
      'listes.ipynb': answers,
      'figure.png': figure
    });
    expect(later.status).toBe(422);
    expect(later.body.error.message).toContain('« figure.png »');
    expect(
      (await mySubmissions(assignment.id)).map(
        (s: { version: number }) => s.version
      )
    ).toEqual([1]);
  });

  it('gives every cell of an older notebook an id, the same each time', async () => {
    // nbformat 4.4: no cell ids, so comments on cells could not find their cell.
    const old = JSON.parse(work.toString());
    old.nbformat_minor = 4;
    for (const cell of old.cells) {
      delete cell.id;
    }
    const created = await create({
      source: homeSource([
        { path: 'listes.ipynb', content: b64(Buffer.from(JSON.stringify(old))) }
      ])
    });
    expect(created.status).toBe(201);
    const fetched = await readJson(
      await ada.call('POST', `/assignments/${created.body.id}/fetch`)
    );
    const handedOut = JSON.parse(
      Buffer.from(fetched.files[0].content, 'base64').toString()
    );
    expect(handedOut.nbformat_minor).toBe(5);
    const ids = handedOut.cells.map((cell: { id: string }) => cell.id);
    expect(ids).toEqual([
      expect.stringMatching(/^[0-9a-f]{8}$/),
      expect.any(String)
    ]);
    expect(new Set(ids).size).toBe(2);
    // The content is untouched otherwise.
    expect(
      handedOut.cells.map((cell: { source: string }) => cell.source)
    ).toEqual(old.cells.map((cell: { source: string }) => cell.source));
    const again = await create({
      source: homeSource([
        { path: 'listes.ipynb', content: b64(Buffer.from(JSON.stringify(old))) }
      ])
    });
    expect(again.body.files[0].sha256).toBe(created.body.files[0].sha256);
  });

  it('hands out a library version as it was, and counts it as a use', async () => {
    const published = await readJson(
      await prof.call('POST', '/library/resources', publishBody())
    );
    const created = await create({
      source: { library: { resourceId: published.id, version: 1 } }
    });
    expect(created.status).toBe(201);
    expect(created.body.source).toEqual({
      kind: 'library',
      resourceId: published.id,
      version: 1
    });
    const version = await readJson(
      await prof.call('GET', `/library/resources/${published.id}/versions/1`)
    );
    expect(created.body.files.map((f: { sha256: string }) => f.sha256)).toEqual(
      version.files.map((f: { sha256: string }) => f.sha256)
    );
    expect(
      (
        await create({
          source: { library: { resourceId: published.id, version: 9 } }
        })
      ).status
    ).toBe(404);
  });

  /**
   * Announce a 500 MB body and send a few bytes: the hub answers 413 from the length
   * alone, without reading (nor storing) anything.
   */
  function huge(url: string, who: ISignedIn): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${hub.url}${url}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(500 * 1024 * 1024),
            'x-candyce-xsrf': who.xsrf,
            cookie: [...who.browser.cookies]
              .map(([k, v]) => `${k}=${v}`)
              .join('; ')
          }
        },
        response => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        }
      );
      request.on('error', reject);
      request.write('{"requestId":');
    });
  }
});
