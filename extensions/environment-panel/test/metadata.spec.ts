import type { IEnvironment } from '../src/api';
import {
  kernelNameOf,
  pinnedCandyceMetadata,
  pinnedKernelspec,
  readPinned,
  shortIdOf,
  summaryOf
} from '../src/metadata';

const ID = 'ab'.repeat(32);
const LOCK = {
  lockVersion: 1,
  python: { implementation: 'cpython', version: '3.11' },
  platform: {
    system: 'linux',
    machine: 'x86_64',
    tag: 'cp311-cp311-linux_x86_64'
  },
  packages: [
    {
      name: 'ipykernel',
      version: '6.29.5',
      file: 'ipykernel-6.29.5-py3-none-any.whl',
      sha256: '0'.repeat(64)
    },
    {
      name: 'six',
      version: '1.16.0',
      file: 'six-1.16.0-py2.py3-none-any.whl',
      sha256: '1'.repeat(64)
    }
  ]
};
const FILES = [
  { path: 'requirements.txt', content: 'six\n' },
  { path: 'runtime.txt', content: 'python-3.11\n' }
];

describe('notebook metadata', () => {
  it('names the kernel after the short id', () => {
    expect(shortIdOf(ID)).toBe('abababababababab');
    expect(kernelNameOf(ID)).toBe('candyce-abababababababab');
  });

  it('writes what the contract says, keeping other candyce keys', () => {
    const environment = {
      id: ID,
      files: FILES,
      lock: LOCK
    } as unknown as IEnvironment;
    const candyce = pinnedCandyceMetadata(
      { assignment: { id: 'x' }, environment: { id: 'old' } },
      environment
    );
    expect(candyce).toEqual({
      assignment: { id: 'x' },
      environment: { id: ID, files: FILES, lock: LOCK }
    });
    expect(
      pinnedKernelspec(environment, 'Python 3.11 · environnement abababab')
    ).toEqual({
      name: 'candyce-abababababababab',
      display_name: 'Python 3.11 · environnement abababab',
      language: 'python'
    });
    expect(pinnedKernelspec(environment).display_name).toBe(
      'candyce-abababababababab'
    );
  });

  it('reads back what it wrote (a JSON round trip, as in a saved notebook)', () => {
    const environment = {
      id: ID,
      files: FILES,
      lock: LOCK
    } as unknown as IEnvironment;
    const saved = JSON.parse(
      JSON.stringify(pinnedCandyceMetadata(undefined, environment))
    );
    expect(readPinned(saved)).toEqual({ id: ID, files: FILES, lock: LOCK });
    expect(summaryOf(readPinned(saved)!)).toEqual({
      shortId: 'abababababababab',
      kernelName: 'candyce-abababababababab',
      python: '3.11',
      packages: 2
    });
  });

  it('treats missing or malformed metadata as the base environment', () => {
    expect(readPinned(undefined)).toBeNull();
    expect(readPinned({})).toBeNull();
    expect(
      readPinned({ environment: { id: 'short', files: [], lock: LOCK } })
    ).toBeNull();
    expect(
      readPinned({
        environment: { id: ID.toUpperCase(), files: [], lock: LOCK }
      })
    ).toBeNull();
    expect(readPinned({ environment: { id: ID, files: [] } })).toBeNull();
    expect(
      readPinned({
        environment: { id: ID, lock: { ...LOCK, packages: [{ name: 'six' }] } }
      })
    ).toBeNull();
  });

  it('drops malformed files but keeps the environment', () => {
    expect(
      readPinned({
        environment: {
          id: ID,
          lock: LOCK,
          files: [{ path: 'a.txt' }, FILES[0], 'x']
        }
      })?.files
    ).toEqual([FILES[0]]);
  });
});
