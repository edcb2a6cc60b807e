import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { PackageIndex } from '../src/environments/packageIndex';
import { readStandardEnvironments } from '../src/environments/standard';
import { teachingTiers } from '../src/environments/teaching';

/**
 * The package search ranks packages used for teaching first: the standard
 * environments' requirements, then the list Candyce ships, then the rest; names from a
 * real `--find-links` folder of distribution files.
 */
describe('package search ranking', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-links-'));
  const names = [
    'sym',
    'symb',
    'symd',
    'symbolic-x',
    'sympy',
    'sympy-plot',
    'asymmetric',
    'sea',
    'seaborn',
    'seaborn-extra',
    'plot',
    'plotly',
    'matplotlib'
  ];
  for (const name of names) {
    fs.writeFileSync(
      path.join(folder, `${name.replace(/-/g, '_')}-1.0-py3-none-any.whl`),
      ''
    );
  }
  const index = new PackageIndex({
    findLinks: [folder],
    noIndex: true,
    usePipConfig: false,
    pipPython: 'python3'
  });
  const tiers = teachingTiers(readStandardEnvironments());
  const search = (q: string) => index.search(q, 20, [], tiers);

  it('reads the tiers: the standard environments’ requirements, then ~150 shipped names', () => {
    expect([...tiers[0]]).toEqual(
      expect.arrayContaining(['numpy', 'sympy', 'matplotlib', 'pandas'])
    );
    expect(tiers[1].has('seaborn')).toBe(true);
    // Each name in its first tier only.
    expect(tiers[1].has('sympy')).toBe(false);
    expect(tiers[1].size).toBeGreaterThan(100);
  });

  it('offers sympy first for « sym », before shorter names of the index', async () => {
    const found = await search('sym');
    expect(found[0]).toBe('sympy');
    expect(found.slice(1, 4)).toEqual(['sym', 'symb', 'symd']);
    expect(found.at(-1)).toBe('asymmetric');
  });

  it('puts the shipped list before the rest, even before an exact name', async () => {
    expect((await search('sea')).slice(0, 3)).toEqual([
      'seaborn',
      'sea',
      'seaborn_extra'
    ]);
    // A curated package containing the query beats the rest's prefix matches.
    expect((await search('plot')).slice(0, 3)).toEqual([
      'matplotlib',
      'plotly',
      'plot'
    ]);
  });

  it('ranks as before without tiers: prefix first, shortest first', async () => {
    expect((await index.search('sym', 3, [])).slice(0, 3)).toEqual([
      'sym',
      'symb',
      'symd'
    ]);
  });
});
