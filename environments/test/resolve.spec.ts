import path from 'node:path';

import {
  EnvironmentError,
  findPython,
  lockId,
  parseSoftwareList,
  resolve,
  type IProgressEvent
} from '../src';
import {
  PYTHON_VERSION,
  removeTemporaryDirectories,
  requirements,
  tinyIndex,
  VENV_BIN
} from './helpers';

describe('resolve (real pip, tiny local index)', () => {
  const source = tinyIndex();
  afterAll(removeTemporaryDirectories);

  it('gives a complete lock: every package, exact version, file, hash, Python and platform', async () => {
    const events: IProgressEvent[] = [];
    const lock = await resolve(parseSoftwareList([requirements('alpha')]), {
      ...source,
      onProgress: event => events.push(event)
    });
    expect(lock.packages).toEqual([
      {
        name: 'alpha',
        version: '1.1',
        file: 'alpha-1.1-py3-none-any.whl',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
      },
      {
        name: 'beta',
        version: '2.0',
        file: 'beta-2.0-py3-none-any.whl',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
      }
    ]);
    expect(lock.python).toEqual({
      implementation: 'cpython',
      version: PYTHON_VERSION
    });
    expect(lock.platform.system).toBe(process.platform);
    expect(lock.platform.machine).toBeTruthy();
    expect(lock.platform.tag).toMatch(/^cp\d+-/);
    expect(events.some(e => e.phase === 'resolve' && e.log)).toBe(true);
    expect(events[events.length - 1]).toMatchObject({
      phase: 'done',
      fraction: 1
    });
  });

  it('gives the same id for the same input', async () => {
    const list = parseSoftwareList([requirements('beta', 'alpha==1.0')]);
    const first = await resolve(list, source);
    const second = await resolve(
      parseSoftwareList([requirements('alpha==1.0', '# again', 'beta')]),
      source
    );
    expect(lockId(second)).toBe(lockId(first));
    expect(lockId(first)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('explains an unsatisfiable pair in French, naming both packages', async () => {
    const failure = await resolveFailure(['gamma']);
    expect(failure.code).toBe('not-found');
    expect(failure.message).toBe(
      'Aucune version ne satisfait « delta<1 » (demandé par gamma) ; versions disponibles : 2.0.'
    );
  });

  it('explains conflicting requirements in French', async () => {
    const failure = await resolveFailure(['alpha==1.1', 'beta<2']);
    expect(failure.code).toBe('conflict');
    expect(failure.message).toBe(
      'Ces paquets ne peuvent pas être installés ensemble : vous demandez beta<2 ; alpha 1.1 exige beta>=2.'
    );
  });

  it('explains a package that does not exist', async () => {
    const failure = await resolveFailure(['nonexistent-package']);
    expect(failure.code).toBe('not-found');
    expect(failure.message).toBe(
      'Le paquet « nonexistent-package » est introuvable dans l’index des paquets : vérifiez son nom.'
    );
  });

  it('explains a package whose build fails while resolving', async () => {
    const failure = await resolveFailure(['fragile']);
    expect(failure.code).toBe('build-failed');
    expect(failure.message).toBe(
      'La construction du paquet « fragile » depuis ses sources a échoué : RuntimeError: the metadata of fragile fails on purpose.'
    );
  });

  it('refuses a list with problems, listing them', async () => {
    const list = parseSoftwareList([requirements('alpha', 'beta >>> 1')]);
    await expect(resolve(list, source)).rejects.toMatchObject({
      code: 'invalid-list',
      message: expect.stringContaining(
        '- requirements.txt, ligne 2 : « beta >>> 1 » n’est pas une exigence valide'
      )
    });
  });

  it('refuses a runtime.txt asking for an absent Python', async () => {
    const list = parseSoftwareList([
      { path: 'runtime.txt', content: 'python-3.7' },
      requirements('alpha')
    ]);
    await expect(resolve(list, source)).rejects.toMatchObject({
      code: 'python-missing',
      message: `Python 3.7 est demandé mais n’est pas installé sur ce serveur (versions disponibles : ${PYTHON_VERSION}).`
    });
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const pending = resolve(parseSoftwareList([requirements('alpha')]), {
      ...source,
      signal: controller.signal
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  async function resolveFailure(lines: string[]): Promise<EnvironmentError> {
    try {
      await resolve(parseSoftwareList([requirements(...lines)]), source);
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      return error as EnvironmentError;
    }
    throw new Error(`resolving ${lines.join(', ')} should have failed`);
  }
});

describe('findPython', () => {
  it('gives an absolute path for a relative search path entry', async () => {
    const relative = path.relative(process.cwd(), VENV_BIN);
    const info = await findPython(PYTHON_VERSION, { searchPath: [relative] });
    expect(path.isAbsolute(info.path)).toBe(true);
    expect(info.path).toBe(path.join(VENV_BIN, `python${PYTHON_VERSION}`));
  });
});
