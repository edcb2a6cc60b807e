import * as fs from 'fs';
import * as path from 'path';

import { academyOfDistrict } from '../src/rosters/oneroster';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * OneRoster imports set establishments' academies (issue 21): in `orgs.csv` a
 * `district` org is an academy, not an establishment, and the schools under it
 * (`parentSourcedId`) belong to it, whether the import creates them or finds them
 * there. `state` and `national` orgs are not establishments either.
 *
 * A real export on disk (`fixtures/oneroster-academies`: the five files of a OneRoster
 * 1.1 bulk export, districts listed after their schools, a school under no district)
 * sent to a real hub over HTTP, on a SQLite file. Bad input tried: a district whose
 * name is no academy's (too long), a school whose parent is unknown, a parent loop, an
 * export naming no district (a school keeps the academy it has).
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'oneroster-academies');
const FILES = Object.fromEntries(
  ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'].map(file => [
    file,
    fs.readFileSync(path.join(FIXTURE, file), 'utf8')
  ])
);
const ORGS_HEADER =
  'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId';

describe('OneRoster import of academies', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let root: ISignedIn;

  const importing = async (files: Record<string, string>) => {
    const answer = await root.call('POST', '/rosters/oneroster', files);
    expect(answer.status).toBe(200);
    return readJson(answer);
  };
  /** Each establishment's academy, by its name. */
  const academies = async () =>
    Object.fromEntries(
      (await hub.establishments.list(null)).map(each => [
        each.name,
        each.academy
      ])
    );
  const idOf = async (sourceId: string) =>
    (await hub.classes.getEstablishmentBySourceId(sourceId))!.id;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { root: 'admin', 'ia.creteil': 'teacher' });
    root = await signIn(hub, 'root');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('names an academy after its district, « Académie de » left out', () => {
    expect(academyOfDistrict('Académie de Créteil')).toBe('Créteil');
    expect(academyOfDistrict(' ACADEMIE D’AMIENS ')).toBe('AMIENS');
    expect(academyOfDistrict("Académie d'Orléans-Tours")).toBe('Orléans-Tours');
    expect(academyOfDistrict('Académie de La Réunion')).toBe('La Réunion');
    expect(academyOfDistrict('Aix-Marseille')).toBe('Aix-Marseille');
  });

  it('imports the schools with their academies, not the districts, regions or ministry', async () => {
    const report = await importing(FILES);
    expect(report).toEqual({
      created: { establishments: 5, users: 4, classes: 2, enrollments: 4 },
      updated: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      unchanged: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      rejected: []
    });
    expect(await academies()).toEqual({
      'Classe virtuelle du CNED': null,
      'Collège Jean Moulin': 'Créteil',
      'Lycée Hoche': 'Versailles',
      'Lycée Paul Éluard, Saint-Denis': 'Créteil',
      'Lycée Voltaire': 'Paris'
    });
    for (const above of ['ac-creteil', 'ra-idf', 'men']) {
      expect(await hub.classes.getEstablishmentBySourceId(above)).toBeNull();
    }
  });

  it('gives an academy’s administrator the imported schools of their academy', async () => {
    const granted = await root.call('POST', '/admin/administrators', {
      user: 'ia.creteil',
      academy: 'Créteil'
    });
    expect(granted.status).toBe(201);
    const user = (await hub.users.getByName('ia.creteil'))!;
    const scope = await hub.establishments.administered(user);
    expect([...scope!.establishmentIds].sort()).toEqual(
      [
        await idOf('0931827F-lycee-eluard'),
        await idOf('0932118K-college-moulin')
      ].sort()
    );
    // And through them, the pupils the export enrolled there.
    const rights = await (
      await signIn(hub, 'ia.creteil')
    ).call('GET', '/admin/users');
    expect(
      (await readJson(rights)).users.map((each: { name: string }) => each.name)
    ).toEqual(['ines.moreau', 'n.benali', 'tom.leroy']);
  });

  it('sets again the academy of a school found there, and counts it as updated', async () => {
    const hoche = await idOf('0783140L-lycee-hoche');
    const moved = await root.call('PATCH', `/admin/establishments/${hoche}`, {
      academy: 'Paris'
    });
    expect(moved.status).toBe(204);
    const report = await importing(FILES);
    expect(report).toEqual({
      created: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      updated: { establishments: 1, users: 0, classes: 0, enrollments: 0 },
      unchanged: { establishments: 4, users: 4, classes: 2, enrollments: 4 },
      rejected: []
    });
    expect((await academies())['Lycée Hoche']).toBe('Versailles');
  });

  it('leaves a school’s academy when the export names no district above it', async () => {
    const cned = await idOf('cned-classe-virtuelle');
    await hub.establishments.setAcademy(cned, 'Poitiers');
    const report = await importing({
      'orgs.csv': [
        ORGS_HEADER,
        '0931827F-lycee-eluard,active,,"Lycée Paul Éluard, Saint-Denis",school,0931827F,',
        '0932118K-college-moulin,active,,Collège Jean Moulin,school,0932118K,inconnu',
        'cned-classe-virtuelle,active,,Classe virtuelle du CNED,school,,boucle-a',
        'boucle-a,active,,Boucle A,local,,boucle-b',
        'boucle-b,active,,Boucle B,local,,boucle-a'
      ].join('\n')
    });
    expect(report.rejected).toEqual([]);
    expect(report.created.establishments).toBe(0);
    expect(report.updated.establishments).toBe(0);
    // The two `local` orgs are not establishments.
    expect(report.unchanged.establishments).toBe(3);
    expect(await academies()).toEqual({
      'Classe virtuelle du CNED': 'Poitiers',
      'Collège Jean Moulin': 'Créteil',
      'Lycée Hoche': 'Versailles',
      'Lycée Paul Éluard, Saint-Denis': 'Créteil',
      'Lycée Voltaire': 'Paris'
    });
  });

  it('refuses a district whose name is no academy’s, and imports its school without one', async () => {
    const report = await importing({
      'orgs.csv': [
        ORGS_HEADER,
        'lycee-nouveau,active,,Lycée Nouveau,school,,ac-long',
        `ac-long,active,,Académie de ${'Trèslongnom'.repeat(8)},district,,`
      ].join('\n')
    });
    expect(report.rejected).toEqual([
      { file: 'orgs.csv', line: 3, reason: 'Nom d’académie invalide.' }
    ]);
    expect(report.created.establishments).toBe(1);
    expect((await academies())['Lycée Nouveau']).toBeNull();
  });
});
