import { commandLine } from '../src/assignments/autograder';
import {
  forGrading,
  gradedCells,
  parseNotebook,
  release
} from '../src/assignments/nbgrader';
import { DomainError } from '../src/errors';
import {
  finishedGrading,
  pointsOf,
  reasonOf,
  submitNotebook
} from './helpers/autograding';
import {
  cellWith,
  learnerCopy,
  NBGRADER,
  notebookOf,
  teacherNotebook
} from './helpers/nbgrader';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * Autograding (nbgrader-compatible), first without running anything (the notebook
 * format), then on a real hub that runs copies with the repository's `.venv` in the
 * bubblewrap sandbox.
 *
 * Bad input tried: nbgrader metadata that is not an object, a duplicate grade_id,
 * negative, missing or textual-nonsense points, an unknown schema version, a bad
 * grade_id, a graded markdown cell that is not an answer, a task in a code cell, an
 * unterminated or nested solution region, a solution or hidden tests in the wrong
 * cell; an autograded assignment without graded cells; copies that are wrong, that
 * delete or edit the tests, loop forever, allocate 4 GB, open a socket to the hub, read
 * the hub's data folder; a pupil asking for grading results.
 */
describe('nbgrader notebooks', () => {
  const cellsOf = (content: Buffer) =>
    parseNotebook(content, 'carres.ipynb').cells.map(cell => ({
      id: (cell.metadata.nbgrader as { grade_id: string }).grade_id,
      source: Array.isArray(cell.source) ? cell.source.join('') : cell.source,
      metadata: cell.metadata,
      outputs: cell.outputs
    }));

  it('releases a notebook as nbgrader generate_assignment does', () => {
    const withOutputs = JSON.parse(teacherNotebook().toString());
    withOutputs.cells[2].outputs = [
      { output_type: 'stream', name: 'stdout', text: 'solution visible' }
    ];
    withOutputs.cells[2].execution_count = 3;
    const released = release(
      Buffer.from(JSON.stringify(withOutputs)),
      'carres.ipynb'
    );
    expect(released.graded).toEqual([
      { gradeId: 'test-carre', points: 2, kind: 'tests' },
      { gradeId: 'explication', points: 3, kind: 'manual' },
      { gradeId: 'test-carre-2', points: 1, kind: 'tests' }
    ]);
    expect(released.total).toBe(6);
    const cells = cellsOf(released.notebook);
    const byId = Object.fromEntries(cells.map(cell => [cell.id, cell]));
    expect(byId.carre.source).toBe(
      'def carre(x):\n    """Renvoie le carré de x."""\n    # VOTRE CODE ICI\n    raise NotImplementedError()'
    );
    expect(byId['test-carre'].source).toBe(
      'assert carre(3) == 9, "carre(3) devrait valoir 9"'
    );
    expect(byId['test-carre'].outputs).toEqual([]);
    expect(byId.explication.source).toBe('VOTRE RÉPONSE ICI');
    expect(released.notebook.toString()).not.toMatch(/x \* x|carre\(-4\)/);
    // Locked cells cannot be edited nor deleted in JupyterLab; answers can.
    expect(byId['test-carre'].metadata).toMatchObject({
      editable: false,
      deletable: false
    });
    expect(byId.consigne.metadata).toMatchObject({ editable: false });
    expect(byId.carre.metadata.editable).toBeUndefined();
    // nbgrader's metadata stays: copies are matched by grade_id.
    expect(byId.carre.metadata.nbgrader).toEqual(NBGRADER.solution('carre'));
  });

  it('grades a copy with the teacher’s tests, whatever the learner did to them', () => {
    const source = teacherNotebook();
    const released = release(source, 'carres.ipynb').notebook;
    const copy = learnerCopy(released, {
      carre: 'def carre(x):\n    return x * x',
      // Edited away, deleted, and a copy of a test cell.
      'test-carre-2': 'pass',
      'test-carre': null,
      explication: null
    });
    const doubled = JSON.parse(copy.toString());
    doubled.cells.push({ ...doubled.cells[2], id: 'copie' });
    const prepared = forGrading(
      Buffer.from(JSON.stringify(doubled)),
      source,
      'carres.ipynb'
    );
    expect(prepared.missing).toEqual(['explication']);
    const cells = cellsOf(prepared.notebook);
    expect(cells.map(cell => cell.id)).toEqual([
      'consigne',
      'carre',
      'test-carre',
      'test-carre-2'
    ]);
    expect(cells[1].source).toBe('def carre(x):\n    return x * x');
    // The hidden test is back, and the edited test is the teacher's again.
    expect(cells[2].source).toMatch(/carre\(-4\) == 16/);
    expect(cells[3].source).toBe(
      'assert carre(2) == 4, "carre(2) devrait valoir 4"'
    );
  });

  it('refuses malformed nbgrader metadata with a French message', () => {
    const cases: [object[], RegExp][] = [
      [[cellWith('a', 'code', 'x', 'oui')], /illisibles/],
      [
        [
          cellWith('a', 'code', 'x', NBGRADER.tests('t', 1)),
          cellWith('b', 'code', 'y', NBGRADER.tests('t', 1))
        ],
        /même identifiant nbgrader « t »/
      ],
      [
        [cellWith('a', 'code', 'x', NBGRADER.tests('t', -1))],
        /points invalide/
      ],
      [
        [
          cellWith('a', 'code', 'x', { ...NBGRADER.tests('t', 1), points: 'x' })
        ],
        /points invalide/
      ],
      [
        [
          cellWith('a', 'code', 'x', {
            ...NBGRADER.tests('t', 1),
            points: undefined
          })
        ],
        /sans points/
      ],
      [
        [
          cellWith('a', 'code', 'x', {
            ...NBGRADER.tests('t', 1),
            schema_version: 4
          })
        ],
        /version de métadonnées nbgrader inconnue/
      ],
      [
        [cellWith('a', 'code', 'x', NBGRADER.tests('t é', 1))],
        /identifiant \(grade_id\) absent ou invalide/
      ],
      [
        [cellWith('a', 'code', 'x', { ...NBGRADER.tests('t', 1), grade: 1 })],
        /« grade » doit valoir true ou false/
      ],
      [
        [cellWith('a', 'markdown', 'x', NBGRADER.tests('t', 1))],
        /doit être à la fois notée et une réponse/
      ],
      [
        [
          cellWith('a', 'code', 'x', {
            ...NBGRADER.readonly('t'),
            task: true,
            points: 1
          })
        ],
        /doit être une cellule de texte/
      ],
      [
        [
          cellWith('a', 'code', '### BEGIN SOLUTION\nx', NBGRADER.solution('s'))
        ],
        /n’est pas fermée/
      ],
      [
        [
          cellWith(
            'a',
            'code',
            '### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION',
            NBGRADER.solution('s')
          )
        ],
        /n’est pas fermée/
      ],
      [
        [
          cellWith(
            'a',
            'code',
            '### BEGIN SOLUTION\nx = 1\n### END SOLUTION',
            NBGRADER.tests('t', 1)
          )
        ],
        /Une solution .* n’est pas du bon type/
      ],
      [
        [
          cellWith(
            'a',
            'code',
            '### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS',
            NBGRADER.solution('s')
          )
        ],
        /Des tests cachés .* n’est pas du bon type/
      ]
    ];
    for (const [cells, message] of cases) {
      let caught: unknown = null;
      try {
        release(notebookOf(cells), 'devoir.ipynb');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).status).toBe(400);
      expect((caught as DomainError).message).toMatch(/^« devoir\.ipynb » : /);
      expect({ message: (caught as DomainError).message }).toEqual({
        message: expect.stringMatching(message)
      });
    }
    // A notebook without nbgrader cells has nothing graded.
    expect(
      gradedCells(
        parseNotebook(notebookOf([cellWith('a', 'code', 'x', {})]), 'd'),
        'd'
      )
    ).toEqual([]);
  });
});

describe('the command line of a grading run (pure)', () => {
  const options = {
    venvDir: '/opt/candyce/venv',
    dataDir: '/srv/candyce',
    envStoreDir: '/srv/candyce-environments',
    sandbox: 'bubblewrap' as const,
    timeoutSeconds: 60,
    memoryLimitBytes: 1024 ** 3
  };
  const command = ['/opt/candyce/venv/bin/jupyter', 'nbconvert'];

  it('runs in the servers’ sandbox, without network, under a memory limit', () => {
    const argv = commandLine(options, '/tmp/candyce-grading-x', command);
    expect(argv.slice(0, 4)).toEqual([
      'prlimit',
      `--as=${1024 ** 3}`,
      '--',
      'bwrap'
    ]);
    expect(argv).toContain('--unshare-net');
    expect(argv.join(' ')).toContain('--tmpfs /srv/candyce');
    expect(argv.join(' ')).toContain(
      '--bind /tmp/candyce-grading-x /tmp/candyce-grading-x'
    );
    // Pinned notebooks run on the store's kernels, which it cannot change.
    expect(argv.join(' ')).toContain(
      '--ro-bind /srv/candyce-environments /srv/candyce-environments'
    );
    expect(argv.slice(-2)).toEqual(command);
  });

  it('tried: a run as the grading account gets a process limit and tmpfs sizes; without an account no process limit (it would count the hub’s own uid)', () => {
    const limited = {
      ...options,
      processLimit: 64,
      tmpfsSizeBytes: 32 * 1024 ** 2
    };
    const account = { uid: 1_000_500, gid: 1_000_500 };
    // With an account the paths are looked at for real: folders every machine has.
    const asAccount = commandLine(
      {
        ...limited,
        venvDir: '/usr',
        envStoreDir: '/usr/share',
        runAs: account
      },
      '/tmp/candyce-grading-x',
      command
    );
    expect(asAccount.slice(0, 5)).toEqual([
      'prlimit',
      `--as=${1024 ** 3}`,
      '--nproc=64',
      '--',
      'bwrap'
    ]);
    const sized = asAccount.join(' ');
    expect(sized).toContain(`--size ${32 * 1024 ** 2} --tmpfs /tmp`);
    expect(sized).toContain(`--size ${32 * 1024 ** 2} --tmpfs /dev/shm`);
    const asHub = commandLine(limited, '/tmp/candyce-grading-x', command);
    expect(asHub.slice(0, 4)).toEqual([
      'prlimit',
      `--as=${1024 ** 3}`,
      '--',
      'bwrap'
    ]);
  });

  it('runs the command as is, still under the memory limit, without sandbox', () => {
    expect(
      commandLine({ ...options, sandbox: 'none' }, '/tmp/x', command)
    ).toEqual(['prlimit', `--as=${1024 ** 3}`, '--', ...command]);
  });
});

describe('autograding on a real hub', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let classId: string;
  let assignmentId: string;
  let released: Buffer;
  const learners = [
    'juste',
    'faux',
    'efface',
    'boucle',
    'memoire',
    'reseau',
    'fouineur'
  ];
  const pupils: Record<string, ISignedIn> = {};
  const TIMEOUT_SECONDS = 5;
  const env = { CANDYCE_AUTOGRADE_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) };

  beforeAll(async () => {
    hub = await startTestHub(env);
    await addUsers(hub, {
      prof: 'teacher',
      ...Object.fromEntries(learners.map(name => [name, 'learner']))
    });
    prof = await signIn(hub, 'prof');
    for (const name of learners) {
      pupils[name] = await signIn(hub, name);
    }
    classId = (
      await readJson(
        await prof.call('POST', '/classes', { name: '1re NSI', level: '1re' })
      )
    ).id;
    for (const userName of learners) {
      await prof.call('POST', `/classes/${classId}/members`, {
        userName,
        membership: 'learner'
      });
    }
  });
  afterAll(() => hub.close());

  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const create = (files: { path: string; content: Buffer }[]) =>
    prof.call('POST', '/assignments', {
      title: 'Les carrés',
      classIds: [classId],
      autograde: true,
      source: {
        home: {
          path: 'carres.ipynb',
          files: files.map(file => ({
            path: file.path,
            content: b64(file.content)
          }))
        }
      }
    });
  const submit = (name: string, content: Buffer) =>
    submitNotebook(pupils[name], assignmentId, 'carres.ipynb', content);
  /** The grading of a learner's copy, once finished. */
  const graded = (name: string, timeoutMs?: number) =>
    finishedGrading(prof, assignmentId, name, timeoutMs);

  it('refuses to autograde notebooks without graded cells or with bad metadata', async () => {
    const before = (await readJson(await prof.call('GET', '/assignments')))
      .teaching.length;
    const none = await create([
      {
        path: 'carres.ipynb',
        content: notebookOf([cellWith('a', 'code', 'x = 1', {})])
      }
    ]);
    expect(none.status).toBe(400);
    expect((await readJson(none)).error.message).toMatch(
      /Aucune cellule notée/
    );
    const duplicate = await create([
      {
        path: 'carres.ipynb',
        content: notebookOf([
          cellWith('a', 'code', 'x', NBGRADER.tests('t', 1)),
          cellWith('b', 'code', 'y', NBGRADER.tests('t', 1))
        ])
      }
    ]);
    expect(duplicate.status).toBe(400);
    expect((await readJson(duplicate)).error).toEqual({
      code: 'invalid_nbgrader',
      message: expect.stringMatching(/même identifiant nbgrader « t »/),
      params: ['carres.ipynb', 't']
    });
    expect(
      (await readJson(await prof.call('GET', '/assignments'))).teaching.length
    ).toBe(before);
  });

  it('hands out the notebook without solutions nor hidden tests', async () => {
    const made = await create([
      { path: 'carres.ipynb', content: teacherNotebook() },
      { path: 'donnees.csv', content: Buffer.from('x;y\n1;1\n') }
    ]);
    expect(made.status).toBe(201);
    const assignment = await readJson(made);
    expect(assignment.autograde).toBe(true);
    assignmentId = assignment.id;
    const fetched = await readJson(
      await pupils.juste.call('POST', `/assignments/${assignmentId}/fetch`)
    );
    const files = Object.fromEntries(
      fetched.files.map((file: { path: string; content: string }) => [
        file.path,
        Buffer.from(file.content, 'base64')
      ])
    );
    released = files['carres.ipynb'];
    expect(released.toString()).toMatch(/VOTRE CODE ICI/);
    expect(released.toString()).not.toMatch(/x \* x|carre\(-4\)/);
    expect(files['donnees.csv'].toString()).toBe('x;y\n1;1\n');
  });

  it('grades each copy in the sandbox: points, failing tests, limits, no network, no hub data', async () => {
    const port = new URL(hub.url).port;
    const copies: Record<string, Buffer> = {
      juste: learnerCopy(released, {
        carre: 'def carre(x):\n    return x * x',
        explication: 'Parce que x * x ≥ 0.'
      }),
      // Passes the visible test, not the hidden one.
      faux: learnerCopy(released, {
        carre: 'def carre(x):\n    return 9 if x == 3 else x + x'
      }),
      // Deleted the tests it fails, and wrote no explanation.
      efface: learnerCopy(released, {
        carre: 'def carre(x):\n    return x + x',
        'test-carre': null,
        explication: null
      }),
      boucle: learnerCopy(released, {
        carre: 'while True:\n    pass'
      }),
      memoire: learnerCopy(released, {
        carre:
          'trop = bytearray(4 * 1024 ** 3)\ndef carre(x):\n    return x * x'
      }),
      reseau: learnerCopy(released, {
        carre: `import socket\ndef carre(x):\n    socket.create_connection(("127.0.0.1", ${port}), timeout=3)\n    return x * x`
      }),
      fouineur: learnerCopy(released, {
        carre: `def carre(x):\n    open(${JSON.stringify(`${hub.dataDir}/candyce.db`)}, "rb").read()\n    return x * x`
      })
    };
    const started = Date.now();
    for (const [name, copy] of Object.entries(copies)) {
      await submit(name, copy);
    }
    // Acknowledged before being graded.
    expect(Date.now() - started).toBeLessThan(5000);

    const juste = await graded('juste');
    expect(juste).toMatchObject({
      learner: { name: 'juste' },
      submissionVersion: 1,
      status: 'done',
      message: 'Corrigé automatiquement.',
      points: 3,
      max: 6,
      gradedAt: expect.any(String)
    });
    expect(juste.cells).toEqual([
      {
        path: 'carres.ipynb',
        gradeId: 'test-carre',
        kind: 'tests',
        points: 2,
        max: 2,
        reason: null
      },
      {
        path: 'carres.ipynb',
        gradeId: 'explication',
        kind: 'manual',
        points: null,
        max: 3,
        reason: null
      },
      {
        path: 'carres.ipynb',
        gradeId: 'test-carre-2',
        kind: 'tests',
        points: 1,
        max: 1,
        reason: null
      }
    ]);

    const faux = await graded('faux');
    expect(faux).toMatchObject({ status: 'done', points: 1, max: 6 });
    expect(reasonOf(faux, 'test-carre')).toBe(
      'AssertionError : carre(-4) devrait valoir 16'
    );

    const efface = await graded('efface');
    expect(pointsOf(efface)).toEqual({
      'test-carre': 0,
      explication: 0,
      'test-carre-2': 1
    });
    expect(reasonOf(efface, 'test-carre')).toBe(
      'AssertionError : carre(3) devrait valoir 9'
    );
    expect(reasonOf(efface, 'explication')).toBe(
      'Cellule absente de la copie.'
    );

    const boucle = await graded('boucle');
    expect(boucle.status).toBe('timeout');
    expect(boucle.message).toMatch(/^Temps dépassé \(5 s\)/);
    expect(boucle.points).toBe(0);
    expect(reasonOf(boucle, 'test-carre')).toBe(
      "NameError : name 'carre' is not defined"
    );

    const memoire = await graded('memoire');
    expect(memoire.status).toBe('memory');
    expect(memoire.message).toMatch(/^Mémoire dépassée/);
    expect(memoire.points).toBe(0);

    const reseau = await graded('reseau');
    expect(reseau.points).toBe(0);
    expect(reasonOf(reseau, 'test-carre')).toMatch(
      /^ConnectionRefusedError : |^OSError : .*(unreachable|refused)/
    );

    const fouineur = await graded('fouineur');
    expect(fouineur.points).toBe(0);
    expect(reasonOf(fouineur, 'test-carre')).toMatch(
      /^FileNotFoundError : \[Errno 2\]/
    );
    // What the whole batch took, for the record.
    console.info(
      `autograding: 7 copies graded in ${Math.round((Date.now() - started) / 100) / 10} s`
    );
  }, 300_000);

  it('proposes the grade as feedback until the teacher writes theirs', async () => {
    const feedbackUrl = `/assignments/${assignmentId}/feedback/juste`;
    const proposed = await readJson(await prof.call('GET', feedbackUrl));
    expect(proposed).toMatchObject({
      submissionVersion: 1,
      grade: 3,
      maxGrade: 6,
      fromAutograder: true,
      returnedAt: null,
      rubric: [
        { criterion: 'test-carre', points: 2, max: 2 },
        { criterion: 'explication', points: null, max: 3 },
        { criterion: 'test-carre-2', points: 1, max: 1 }
      ]
    });
    const faux = await readJson(
      await prof.call('GET', `/assignments/${assignmentId}/feedback/faux`)
    );
    expect(faux.comment).toMatch(
      /test-carre : AssertionError : carre\(-4\) devrait valoir 16/
    );
    const progress = await readJson(
      await prof.call('GET', `/assignments/${assignmentId}/progress`)
    );
    const row = (name: string) =>
      progress.rows.find(
        (entry: { learner: { name: string } }) => entry.learner.name === name
      );
    expect(row('juste').autograde).toEqual({
      status: 'done',
      points: 3,
      max: 6
    });
    expect(row('juste').grade).toBe(3);
    expect(row('boucle').autograde).toMatchObject({ status: 'timeout' });

    // The teacher grades the explanation: their grade stays through a new run.
    const saved = await prof.call('PUT', feedbackUrl, {
      comment: 'Très bien.',
      grade: 5.5,
      maxGrade: 6,
      rubric: [
        { criterion: 'test-carre', points: 2, max: 2 },
        { criterion: 'explication', points: 2.5, max: 3 },
        { criterion: 'test-carre-2', points: 1, max: 1 }
      ]
    });
    expect(saved.status).toBe(200);
    expect((await readJson(saved)).fromAutograder).toBe(false);
    const rerun = await prof.call(
      'POST',
      `/assignments/${assignmentId}/autograde/juste`
    );
    expect(rerun.status).toBe(202);
    expect(['queued', 'running']).toContain((await readJson(rerun)).status);
    expect((await graded('juste')).points).toBe(3);
    expect(await readJson(await prof.call('GET', feedbackUrl))).toMatchObject({
      grade: 5.5,
      comment: 'Très bien.',
      fromAutograder: false
    });
  }, 180_000);

  it('shows results to the teacher only', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await pupils.juste.call(
        method,
        `/assignments/${assignmentId}/autograde/juste`
      );
      expect(response.status).toBe(403);
    }
    const unknown = await prof.call(
      'GET',
      `/assignments/${assignmentId}/autograde/personne`
    );
    expect(unknown.status).toBe(404);
  });

  it('grades after a restart what the last hub had not', async () => {
    await submit(
      'faux',
      learnerCopy(released, { carre: 'def carre(x):\n    return x ** 2' })
    );
    // Stopped at once: the copy is queued or being graded, in memory only.
    await hub.close();
    hub = await startTestHub(env, hub.dataDir);
    prof = await signIn(hub, 'prof');
    const faux = await graded('faux');
    expect(faux).toMatchObject({
      submissionVersion: 2,
      status: 'done',
      points: 3
    });
  }, 180_000);
});
