import * as fs from 'fs';
import * as path from 'path';

import {
  ACTIVITY_TYPES,
  EXTENSIONS,
  IProfileTerm,
  VERBS
} from '../src/vocabulary';

/**
 * docs/xapi-profile.md and src/vocabulary.ts describe the same profile: every IRI of
 * one is in the other, with the same display names.
 */
const DOC = fs.readFileSync(
  path.join(__dirname, '..', '..', '..', 'docs', 'xapi-profile.md'),
  'utf8'
);

/** The rows of the table under a `## heading`: IRI → [en-US, fr-FR]. */
function tableOf(heading: string): Map<string, [string, string]> {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n## ', start + 1);
  const rows = new Map<string, [string, string]>();
  for (const line of DOC.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.split('|').map(cell => cell.trim());
    const iri = cells[2]?.match(/^`(https?:\/\/[^`]+)`$/);
    if (iri) {
      expect(rows.has(iri[1])).toBe(false);
      rows.set(iri[1], [cells[3], cells[4]]);
    }
  }
  return rows;
}

function dataOf(terms: Record<string, IProfileTerm>) {
  return new Map(
    Object.values(terms).map(t => [
      t.id,
      [t.display['en-US'], t.display['fr-FR']]
    ])
  );
}

describe('the Candyce xAPI profile', () => {
  it.each([
    ['Verbs', VERBS],
    ['Activity types', ACTIVITY_TYPES],
    ['Extensions', EXTENSIONS]
  ] as const)(
    'lists the same %s in docs/xapi-profile.md as in vocabulary.ts',
    (heading, terms) => {
      const doc = tableOf(heading);
      expect(doc.size).toBeGreaterThan(0);
      expect(doc).toEqual(dataOf(terms));
    }
  );

  it('uses an ADL verb where the profile says one exists, Candyce IRIs otherwise', () => {
    for (const verb of Object.values(VERBS)) {
      expect(verb.id).toMatch(
        /^(http:\/\/adlnet\.gov\/expapi\/verbs\/|https:\/\/candyce\.fr\/xapi\/verbs\/)[a-z-]+$/
      );
    }
    expect(VERBS.viewed.id).toBe('http://adlnet.gov/expapi/verbs/experienced');
    expect(VERBS.asked.id).toBe('http://adlnet.gov/expapi/verbs/asked');
  });

  it('has the essential activity type of the consent contract', () => {
    expect(ACTIVITY_TYPES.assignment.id).toBe(
      'https://candyce.fr/xapi/activities/assignment'
    );
    expect(DOC).toContain('https://candyce.fr/xapi/activities/assignment');
  });
});
