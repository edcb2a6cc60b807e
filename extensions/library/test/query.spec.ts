import {
  buildSearchQuery,
  bytesToText,
  EMPTY_QUERY,
  isEmptyQuery,
  pageCount,
  parseKeywords,
  slugify,
  toggle,
  uniqueName
} from '../src/query';

describe('buildSearchQuery', () => {
  it('sends only the page and its size for an empty query', () => {
    expect(buildSearchQuery(EMPTY_QUERY)).toBe('page=1&perPage=10');
  });

  it('repeats facets, trims the text and keeps accents for the hub', () => {
    const params = new URLSearchParams(
      buildSearchQuery({
        q: '  équations   second degré ',
        disciplines: ['mathematiques', 'nsi', 'nsi'],
        levels: ['2de'],
        endorsed: true,
        sort: 'recent',
        page: 3,
        perPage: 20
      })
    );
    expect(params.get('q')).toBe('équations second degré');
    expect(params.getAll('discipline')).toEqual(['mathematiques', 'nsi']);
    expect(params.getAll('level')).toEqual(['2de']);
    expect(params.get('endorsed')).toBe('1');
    expect(params.get('sort')).toBe('recent');
    expect(params.get('page')).toBe('3');
    expect(params.get('perPage')).toBe('20');
  });

  it('leaves out the default sort and the endorsed filter when off', () => {
    const query = buildSearchQuery({ ...EMPTY_QUERY, q: 'python' });
    expect(query).toBe('q=python&page=1&perPage=10');
  });

  it('encodes what would break the query string', () => {
    const params = new URLSearchParams(
      buildSearchQuery({ ...EMPTY_QUERY, q: 'a&b=c #d' })
    );
    expect(params.get('q')).toBe('a&b=c #d');
    expect([...params.keys()]).toEqual(['q', 'page', 'perPage']);
  });
});

describe('query helpers', () => {
  it('says whether a query asks for nothing', () => {
    expect(isEmptyQuery(EMPTY_QUERY)).toBe(true);
    expect(isEmptyQuery({ ...EMPTY_QUERY, q: '  ' })).toBe(true);
    expect(isEmptyQuery({ ...EMPTY_QUERY, levels: ['1re'] })).toBe(false);
    expect(isEmptyQuery({ ...EMPTY_QUERY, endorsed: true })).toBe(false);
  });

  it('toggles facet values and counts pages', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(21, 10)).toBe(3);
  });

  it('parses comma-separated keywords without blanks or repeats', () => {
    expect(
      parseKeywords(' Python, , fonctions ,python,  boucle  for ')
    ).toEqual(['Python', 'fonctions', 'boucle for']);
  });
});

describe('bytesToText', () => {
  it('decodes UTF-8, accents and emoji included', () => {
    const text = 'Équations du second degré ∆ 🙂';
    expect(bytesToText(new TextEncoder().encode(text))).toBe(text);
  });
});

describe('slugify', () => {
  it('drops accents, case and punctuation', () => {
    expect(slugify('Équations du second degré')).toBe(
      'equations-du-second-degre'
    );
    expect(slugify('  L’œuvre : « Python » !  ')).toBe('l-oeuvre-python');
  });

  it('never gives an empty or dangerous name', () => {
    expect(slugify('../..')).toBe('ressource');
    expect(slugify('')).toBe('ressource');
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(60);
  });
});

describe('uniqueName', () => {
  it('keeps the name when it is free', async () => {
    expect(await uniqueName('cours', () => false)).toBe('cours');
  });

  it('never overwrites: adds (2), (3)… until free', async () => {
    const taken = new Set(['cours', 'cours (2)']);
    expect(await uniqueName('cours', name => taken.has(name))).toBe(
      'cours (3)'
    );
  });

  it('waits for an asynchronous check', async () => {
    const taken = new Set(['cours']);
    expect(
      await uniqueName('cours', async name => {
        await new Promise(resolve => setTimeout(resolve, 1));
        return taken.has(name);
      })
    ).toBe('cours (2)');
  });
});
