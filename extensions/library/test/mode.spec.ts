import { libraryMode, publicApiBase, withoutCredentials } from '../src/mode';

describe('libraryMode', () => {
  const hub = {};

  it('waits for the platform, then prefers it to a public library', () => {
    expect(libraryMode({ mode: 'detecting', hub: null }, 'https://x.fr')).toBe(
      'detecting'
    );
    expect(libraryMode({ mode: 'hub', hub }, '')).toBe('hub');
    expect(libraryMode({ mode: 'hub', hub }, 'https://x.fr')).toBe('hub');
  });

  it('reads a public library without the platform when libraryUrl is set', () => {
    expect(libraryMode({ mode: 'standalone', hub: null }, 'https://x.fr')).toBe(
      'public'
    );
    expect(libraryMode({ mode: 'standalone', hub: null }, '')).toBe('none');
    expect(libraryMode({ mode: 'standalone', hub: null }, '   ')).toBe('none');
    expect(
      libraryMode({ mode: 'standalone', hub: null }, 'javascript:alert(1)')
    ).toBe('none');
    expect(libraryMode({ mode: 'standalone', hub: null }, 'pas une url')).toBe(
      'none'
    );
  });
});

describe('publicApiBase', () => {
  it('adds the API path once, without trailing slashes, query or fragment', () => {
    expect(publicApiBase('https://candyce.example.fr')).toBe(
      'https://candyce.example.fr/hub/api/v1'
    );
    expect(publicApiBase('https://candyce.example.fr/')).toBe(
      'https://candyce.example.fr/hub/api/v1'
    );
    expect(publicApiBase('http://127.0.0.1:8000/ecole/?x=1#y')).toBe(
      'http://127.0.0.1:8000/ecole/hub/api/v1'
    );
    expect(publicApiBase('https://candyce.example.fr/hub/api/v1/')).toBe(
      'https://candyce.example.fr/hub/api/v1'
    );
    expect(publicApiBase('ftp://candyce.example.fr')).toBeNull();
  });
});

describe('withoutCredentials', () => {
  it('never sends cookies, whatever the caller asks', async () => {
    const seen: RequestInit[] = [];
    const fetchFn = withoutCredentials(async (_input, init) => {
      seen.push(init);
      return new Response('{}');
    });
    await fetchFn('https://x.fr/hub/api/v1/library/taxonomy', {
      method: 'GET',
      credentials: 'include',
      headers: { Accept: 'application/json' }
    });
    expect(seen[0]).toEqual({
      method: 'GET',
      credentials: 'omit',
      headers: { Accept: 'application/json' }
    });
  });
});
