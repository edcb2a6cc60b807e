import { pinNotebook, type IPinnedEnvironment } from '../src/environment';

const ENVIRONMENT: IPinnedEnvironment = {
  id: 'ab'.repeat(32),
  shortId: 'ab'.repeat(8),
  kernelName: `candyce-${'ab'.repeat(8)}`,
  python: '3.11',
  files: [{ path: 'requirements.txt', content: 'numpy\n' }],
  lock: { lockVersion: 1, packages: [] }
};

const encode = (value: unknown) =>
  new TextEncoder().encode(
    typeof value === 'string' ? value : JSON.stringify(value)
  );
const decode = (bytes: Uint8Array) =>
  JSON.parse(new TextDecoder().decode(bytes));

describe('pinNotebook', () => {
  it('records the environment and its kernel, keeping the rest of the metadata', () => {
    const pinned = decode(
      pinNotebook(
        encode({
          cells: [],
          metadata: {
            kernelspec: { name: 'python3', display_name: 'Python 3' },
            candyce: { other: 1 },
            language_info: { name: 'python' }
          },
          nbformat: 4,
          nbformat_minor: 5
        }),
        ENVIRONMENT
      )
    );
    expect(pinned.metadata).toEqual({
      candyce: {
        other: 1,
        environment: {
          id: ENVIRONMENT.id,
          files: ENVIRONMENT.files,
          lock: ENVIRONMENT.lock
        }
      },
      kernelspec: {
        name: ENVIRONMENT.kernelName,
        display_name: 'Python 3.11 · environnement abababab',
        language: 'python'
      },
      language_info: { name: 'python' }
    });
    expect(pinned.cells).toEqual([]);
  });

  it('leaves a notebook that names its own environment, and what is not a notebook', () => {
    const own = encode({
      metadata: { candyce: { environment: { id: 'cd'.repeat(32) } } }
    });
    expect(pinNotebook(own, ENVIRONMENT)).toBe(own);
    for (const text of ['not json', '[1, 2]', 'null']) {
      const bytes = encode(text);
      expect(pinNotebook(bytes, ENVIRONMENT)).toBe(bytes);
    }
  });
});
