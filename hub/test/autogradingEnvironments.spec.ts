import { lockId, readLock, type ILock } from '@candyce/environments';
import * as fs from 'fs';
import * as path from 'path';

import {
  finishedGrading,
  pointsOf,
  reasonOf,
  submitNotebook
} from './helpers/autograding';
import { learnerCopy, teacherNotebook } from './helpers/nbgrader';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

const REPO = path.resolve(__dirname, '..', '..');
/** The set-up's store, where it built the standard environments. */
const STORE = path.join(REPO, '.environments');
const PYTHON_BASE = path.join(REPO, 'binder-configs', 'python-base');

/**
 * Autograding runs a pinned notebook on its environment's kernel, not on the Candyce
 * one: the standard environment `python-base`, which the set-up built in `.environments`
 * (this hub only reads it and writes its kernelspec again). The tests cell checks the
 * interpreter it runs in and imports numpy, absent from the Candyce environment.
 *
 * Bad input tried: a notebook pinned to a lock this server cannot build (Python 3.99):
 * its tests earn nothing, the log says why in French, and nothing is left in the store.
 */
describe('autograding a notebook pinned to an environment', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let pupil: ISignedIn;
  let classId: string;
  let lock: ILock;
  let files: { path: string; content: string }[];

  beforeAll(async () => {
    lock = await readLock(path.join(PYTHON_BASE, 'candyce-lock.json'));
    if (!fs.existsSync(path.join(STORE, 'envs', lockId(lock)))) {
      throw new Error(
        'python-base is not built in .environments: run ./candyce start (or ./candyce test) once'
      );
    }
    files = ['requirements.txt', 'runtime.txt'].map(name => ({
      path: name,
      content: fs.readFileSync(path.join(PYTHON_BASE, name), 'utf8')
    }));
    hub = await startTestHub({
      CANDYCE_ENVIRONMENTS_DIR: STORE,
      CANDYCE_AUTOGRADE_TIMEOUT_SECONDS: '60'
    });
    await addUsers(hub, { prof: 'teacher', eleve: 'learner' });
    prof = await signIn(hub, 'prof');
    pupil = await signIn(hub, 'eleve');
    classId = (
      await readJson(
        await prof.call('POST', '/classes', { name: '1re NSI', level: '1re' })
      )
    ).id;
    await prof.call('POST', `/classes/${classId}/members`, {
      userName: 'eleve',
      membership: 'learner'
    });
  });
  afterAll(() => hub.close());

  /** The teacher's notebook pinned to `pinnedLock`, as the panel writes it. */
  function pinnedNotebook(pinnedLock: ILock): Buffer {
    const id = lockId(pinnedLock);
    const notebook = JSON.parse(
      teacherNotebook({
        'test-carre-2': [
          'import sys, numpy',
          `assert sys.prefix.endswith("/envs/${id}"), sys.prefix`,
          'assert carre(2) == 4, "carre(2) devrait valoir 4"'
        ].join('\n')
      }).toString()
    );
    notebook.metadata.candyce = {
      environment: { id, files, lock: pinnedLock }
    };
    notebook.metadata.kernelspec = {
      name: `candyce-${id.slice(0, 16)}`,
      display_name: 'Python',
      language: 'python'
    };
    return Buffer.from(JSON.stringify(notebook));
  }

  /** Hand out the notebook, and the pupil's right answer to it. */
  async function handOut(pinnedLock: ILock): Promise<string> {
    const made = await prof.call('POST', '/assignments', {
      title: 'Les carrés',
      classIds: [classId],
      autograde: true,
      source: {
        home: {
          path: 'carres.ipynb',
          files: [
            {
              path: 'carres.ipynb',
              content: pinnedNotebook(pinnedLock).toString('base64')
            }
          ]
        }
      }
    });
    expect(made.status).toBe(201);
    const { id } = await readJson(made);
    const fetched = await readJson(
      await pupil.call('POST', `/assignments/${id}/fetch`)
    );
    const released = Buffer.from(fetched.files[0].content, 'base64');
    await submitNotebook(
      pupil,
      id,
      'carres.ipynb',
      learnerCopy(released, { carre: 'def carre(x):\n    return x * x' })
    );
    return id;
  }

  it('runs the tests in the pinned environment', async () => {
    const assignmentId = await handOut(lock);
    const grading = await finishedGrading(prof, assignmentId, 'eleve');
    expect(grading.status).toBe('done');
    expect(pointsOf(grading)).toEqual({
      'test-carre': 2,
      explication: null,
      'test-carre-2': 1
    });
  });

  it('explains in French why a notebook whose environment cannot be built was not graded, and builds nothing', async () => {
    const elsewhere: ILock = {
      ...lock,
      python: { ...lock.python, version: '3.99' }
    };
    const id = lockId(elsewhere);
    const assignmentId = await handOut(elsewhere);
    const grading = await finishedGrading(prof, assignmentId, 'eleve');
    expect(grading.status).toBe('failed');
    expect(pointsOf(grading)).toEqual({
      'test-carre': 0,
      explication: null,
      'test-carre-2': 0
    });
    expect(reasonOf(grading, 'test-carre')).toBe(
      'Non exécuté : l’environnement du notebook n’a pas pu être construit.'
    );
    expect(grading.log).toMatch(
      /^Environnement indisponible, carres\.ipynb : .*Python 3\.99/
    );
    expect(fs.existsSync(path.join(STORE, 'envs', id))).toBe(false);
  });
});
