import { createHash, randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { HubProcess } from './helpers/hubProcess';
import { notebook } from './helpers/resources';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');
const LEARNERS = 10;
const PER_LEARNER = 5;

interface ISent {
  learner: number;
  requestId: string;
  sha256: string;
  acknowledged: { version: number; sha256: string } | null;
}

/**
 * Nothing acknowledged is ever lost: 50 submissions of ≈ 1 MB are sent at once to a
 * real hub in a child process, which is killed with SIGKILL (a crash: no shutdown code
 * runs) once some have been acknowledged. After a restart on the same data folder,
 * every acknowledged submission is there with its exact content (hash of the bytes on
 * disk), and every other one is either whole or absent: retrying it with its request
 * id answers the stored submission (200) or stores it now (201), never a duplicate.
 */
describe('submissions survive a hub crash', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-submit-'));
  const env = {
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: dataDir,
    CANDYCE_VENV_DIR: VENV_DIR,
    CANDYCE_CULL_INTERVAL_SECONDS: '0'
  };
  let crashed: HubProcess | null = null;
  let assignmentId = '';

  beforeAll(async () => {
    // The world, written by a hub in this process, then closed.
    const hub = await startTestHub(env, dataDir);
    const names = Array.from({ length: LEARNERS }, (_, i) => `eleve${i}`);
    await addUsers(hub, {
      prof: 'teacher',
      ...Object.fromEntries(names.map(name => [name, 'learner']))
    });
    const prof = await signIn(hub, 'prof');
    const klass = await readJson(
      await prof.call('POST', '/classes', { name: 'Seconde 4' })
    );
    for (const userName of names) {
      await prof.call('POST', `/classes/${klass.id}/members`, {
        userName,
        membership: 'learner'
      });
    }
    const created = await prof.call('POST', '/assignments', {
      title: 'Durabilité',
      classIds: [klass.id],
      source: {
        home: {
          path: 'tp.ipynb',
          files: [
            { path: 'tp.ipynb', content: notebook('# TP').toString('base64') }
          ]
        }
      }
    });
    assignmentId = (await readJson(created)).id;
    await hub.close();
  });

  afterAll(async () => {
    await crashed?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged submission intact, and no other half-way', async () => {
    crashed = await HubProcess.start(env);
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, (_, i) => signIn(crashed!, `eleve${i}`))
    );
    const sent: ISent[] = [];
    const bodies: { who: ISignedIn; body: unknown }[] = [];
    for (let i = 0; i < LEARNERS * PER_LEARNER; i++) {
      const learner = i % LEARNERS;
      // ≈ 1 MB of notebook each, different in every submission.
      const content = notebook(
        `# Copie ${i}`,
        `donnees = "${randomBytes(384 * 1024).toString('base64')}"`
      );
      const requestId = randomUUID();
      sent.push({
        learner,
        requestId,
        sha256: createHash('sha256').update(content).digest('hex'),
        acknowledged: null
      });
      bodies.push({
        who: learners[learner],
        body: {
          requestId,
          files: [{ path: 'tp.ipynb', content: content.toString('base64') }]
        }
      });
    }

    let acknowledged = 0;
    let kill: () => void = () => undefined;
    const killed = new Promise<void>(resolve => (kill = resolve));
    const attempts = bodies.map(({ who, body }, i) =>
      who
        .call('POST', `/assignments/${assignmentId}/submissions`, body)
        .then(async response => {
          if (response.status === 201) {
            const answer = await readJson(response);
            sent[i].acknowledged = {
              version: answer.version,
              sha256: answer.files[0].sha256
            };
            if (++acknowledged === 10) {
              kill();
            }
          }
        })
        .catch(() => undefined)
    );
    // Crash once 10 are acknowledged (or after 20 s whatever happened).
    await Promise.race([killed, new Promise(r => setTimeout(r, 20_000))]);
    const { signal } = await crashed.stop('SIGKILL');
    expect(signal).toBe('SIGKILL');
    await Promise.all(attempts);
    const lost = sent.filter(entry => !entry.acknowledged).length;
    // The crash must have happened in the middle: some answered, some not.
    expect(acknowledged).toBeGreaterThanOrEqual(10);
    expect(lost).toBeGreaterThan(0);

    const hub = await startTestHub(env, dataDir);
    try {
      const after = await Promise.all(
        Array.from({ length: LEARNERS }, (_, i) => signIn(hub, `eleve${i}`))
      );
      const blobOk = (sha256: string) =>
        createHash('sha256')
          .update(
            fs.readFileSync(
              path.join(
                dataDir,
                'assignments',
                'blobs',
                sha256.slice(0, 2),
                sha256.slice(2)
              )
            )
          )
          .digest('hex') === sha256;
      const mine = async (learner: number) =>
        (
          await readJson(
            await after[learner].call(
              'GET',
              `/assignments/${assignmentId}/submissions/mine`
            )
          )
        ).submissions as { version: number; files: { sha256: string }[] }[];

      // Every acknowledged submission: there, same version, same bytes on disk.
      for (const entry of sent.filter(e => e.acknowledged)) {
        const stored = (await mine(entry.learner)).find(
          s => s.version === entry.acknowledged!.version
        );
        expect(stored?.files.map(f => f.sha256)).toEqual([entry.sha256]);
        expect(blobOk(entry.sha256)).toBe(true);
      }
      // Every stored submission is whole: its file is on disk with its hash.
      for (let learner = 0; learner < LEARNERS; learner++) {
        const stored = await mine(learner);
        for (const submission of stored) {
          expect(submission.files).toHaveLength(1);
          expect(blobOk(submission.files[0].sha256)).toBe(true);
        }
      }
      // Retrying each unacknowledged request: the stored one (200, whole) or a new
      // one (201), and never twice.
      let found = 0;
      for (const [i, entry] of sent.entries()) {
        if (entry.acknowledged) {
          continue;
        }
        const retry = await after[entry.learner].call(
          'POST',
          `/assignments/${assignmentId}/submissions`,
          bodies[i].body
        );
        expect([200, 201]).toContain(retry.status);
        found += retry.status === 200 ? 1 : 0;
        expect((await readJson(retry)).files[0].sha256).toBe(entry.sha256);
      }
      for (let learner = 0; learner < LEARNERS; learner++) {
        const versions = (await mine(learner))
          .map(s => s.version)
          .sort((a, b) => a - b);
        expect(versions).toEqual([1, 2, 3, 4, 5]);
      }
      // Said for the record: how the crash fell.
      process.stdout.write(
        `crash after ${acknowledged} acknowledged; ${found} of ${lost} unacknowledged were already whole\n`
      );
    } finally {
      await hub.close();
    }
  }, 180_000);
});
