import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { metadata, publishBody } from './helpers/resources';

/**
 * Recommendations that tell the truth, on a real hub and SQLite file with a clock of
 * the test's own: the profile « Ce que j'enseigne » is pre-filled from the classes a
 * teacher teaches, visible and editable; every kind of reason is shown when it holds for
 * the reader and only then (a teacher whose one class is a 2de never reads « Pour vos
 * classes de 1re »; a colleague count is that of the resource named; one's own
 * endorsement is no colleague's; « Nouveauté » is what came since one's last visit).
 */
describe('recommendations and the teaching profile', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  let author: ISignedIn;
  let colleagues: ISignedIn[];
  let inspector: ISignedIn;
  let now = Date.parse('2026-03-02T08:00:00Z');
  const later = (minutes: number) => {
    now += minutes * 60_000;
  };
  const ids: Record<string, string> = {};

  type Reasons = Map<string, string[]>;
  const recommendations = async (
    who: ISignedIn,
    query = ''
  ): Promise<Reasons> => {
    const response = await who.call('GET', `/library/recommendations${query}`);
    expect(response.status).toBe(200);
    const { recommendations } = await readJson(response);
    return new Map(
      recommendations.map(
        (r: { resource: { title: string }; reasons: string[] }) => [
          r.resource.title,
          r.reasons
        ]
      )
    );
  };
  const allReasons = (reasons: Reasons) => [...reasons.values()].flat();
  const publish = async (
    title: string,
    changes: Record<string, unknown> = {}
  ) => {
    const response = await author.call(
      'POST',
      '/library/resources',
      publishBody(metadata({ title, keywords: [], ...changes }))
    );
    expect(response.status).toBe(201);
    ids[title] = (await readJson(response)).id;
  };
  const use = async (who: ISignedIn, title: string) =>
    expect(
      (
        await who.call('POST', `/library/resources/${ids[title]}/uses`, {
          kind: 'open'
        })
      ).status
    ).toBe(204);
  const endorse = async (who: ISignedIn, title: string, kind: string) =>
    expect(
      (
        await who.call(
          'PUT',
          `/library/resources/${ids[title]}/endorsements/${kind}`
        )
      ).status
    ).toBe(200);

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { now: () => new Date(now) });
    await addUsers(hub, {
      prof: 'teacher',
      auteur: 'teacher',
      c1: 'teacher',
      c2: 'teacher',
      c3: 'teacher',
      inspection: 'inspector'
    });
    [prof, author, inspector, ...colleagues] = await Promise.all(
      ['prof', 'auteur', 'inspection', 'c1', 'c2', 'c3'].map(name =>
        signIn(hub, name)
      )
    );
    // The teacher's one class is a 2de.
    const klass = await prof.call('POST', '/classes', {
      name: '2de A',
      level: '2de'
    });
    expect(klass.status).toBe(201);
    const physics = { disciplines: ['physique-chimie'] };
    await publish('Ondes sonores', { ...physics, levels: ['2de'] });
    await publish('Mouvement circulaire', { ...physics, levels: ['1re'] });
    await publish('Suites arithmétiques', {
      disciplines: ['mathematiques'],
      levels: ['1re']
    });
    for (const title of ['Texte argumentatif', 'Poésie', 'Théâtre']) {
      await publish(title, { disciplines: ['lettres'], levels: ['tle'] });
    }
    await publish('Cartographie', {
      disciplines: ['histoire-geographie'],
      levels: ['tle']
    });
    await publish('Lecture de sources', {
      disciplines: ['histoire-geographie'],
      levels: ['tle']
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('pre-fills the profile from the classes taught, and says so', async () => {
    const response = await prof.call('GET', '/library/profile');
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      disciplines: [],
      levels: ['2de'],
      saved: false,
      classLevels: ['2de']
    });
  });

  it('speaks of the classes a teacher has, and of no other', async () => {
    later(60);
    const reasons = await recommendations(prof);
    expect(reasons.get('Ondes sonores')).toEqual(['Pour vos classes de 2de']);
    // 1re: neither her classes nor her profile; unused: no reason holds, not shown.
    expect(reasons.has('Mouvement circulaire')).toBe(false);
    expect(reasons.has('Poésie')).toBe(false);
    // First visit: nothing is said to be new (everything was there before her).
    expect(allReasons(reasons).join('\n')).not.toMatch(
      /Nouveau|Mis à jour|1re/
    );
  });

  it('reads the profile the teacher saves, and still says « classes » only of hers', async () => {
    const saved = await prof.call('PUT', '/library/profile', {
      disciplines: ['physique-chimie'],
      levels: ['1re']
    });
    expect(saved.status).toBe(200);
    expect(await readJson(saved)).toEqual({
      disciplines: ['physique-chimie'],
      levels: ['1re'],
      saved: true,
      classLevels: ['2de']
    });
    const refused = await prof.call('PUT', '/library/profile', {
      disciplines: ['alchimie'],
      levels: []
    });
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).error.code).toBe('invalid_profile');
    expect(
      (await readJson(await prof.call('GET', '/library/profile'))).disciplines
    ).toEqual(['physique-chimie']);

    const reasons = await recommendations(prof);
    expect(reasons.get('Mouvement circulaire')).toEqual([
      'Parce que vous enseignez la physique-chimie en 1re'
    ]);
    expect(reasons.get('Ondes sonores')).toEqual([
      'Parce que vous enseignez la physique-chimie'
    ]);
    expect(reasons.get('Suites arithmétiques')).toEqual([
      'Parce que vous enseignez en 1re'
    ]);
    expect(allReasons(reasons)).not.toContain('Pour vos classes de 1re');
    // In English for a reader who asks for it.
    const english = await recommendations(prof, '?lang=en');
    expect(english.get('Suites arithmétiques')).toEqual([
      'Because you teach in 1re'
    ]);
  });

  it('counts colleagues for the resource it names', async () => {
    const [c1, c2, c3] = colleagues;
    // The teacher used « Poésie » and « Théâtre »; c1 used Poésie, c2 Théâtre, and
    // both used « Texte argumentatif »: two colleagues, but one for each title.
    await use(prof, 'Poésie');
    await use(prof, 'Théâtre');
    await use(c1, 'Poésie');
    await use(c2, 'Théâtre');
    await use(c1, 'Texte argumentatif');
    await use(c2, 'Texte argumentatif');
    let reasons = (await recommendations(prof)).get('Texte argumentatif')!;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /^Utilisé par un·e collègue qui a aussi utilisé « (Poésie|Théâtre) »$/
    );
    await use(c3, 'Poésie');
    await use(c3, 'Texte argumentatif');
    reasons = (await recommendations(prof)).get('Texte argumentatif')!;
    expect(reasons).toEqual([
      'Utilisé par 2 collègues qui ont aussi utilisé « Poésie »'
    ]);
  });

  it('says « recommandé » for others’ endorsements, never for one’s own', async () => {
    await endorse(prof, 'Cartographie', 'peer');
    let reasons = await recommendations(prof);
    expect(reasons.has('Cartographie')).toBe(false);
    await endorse(colleagues[0], 'Cartographie', 'peer');
    reasons = await recommendations(prof);
    expect(reasons.get('Cartographie')).toEqual(['Recommandé par 1 collègue']);
    await endorse(colleagues[1], 'Cartographie', 'peer');
    await endorse(inspector, 'Cartographie', 'inspection');
    reasons = await recommendations(prof);
    expect(reasons.get('Cartographie')).toEqual([
      'Recommandé par l’inspection',
      'Recommandé par 2 collègues'
    ]);
  });

  it('says « parmi les plus utilisées » only of a resource someone used', async () => {
    let reasons = await recommendations(prof);
    expect(reasons.has('Lecture de sources')).toBe(false);
    // The inspector used none of the teacher's resources: no co-usage to tell.
    await use(inspector, 'Lecture de sources');
    reasons = await recommendations(prof);
    expect(reasons.get('Lecture de sources')).toEqual([
      'Parmi les ressources les plus utilisées'
    ]);
  });

  it('marks as new only what came since the teacher’s previous visit', async () => {
    // A visit is one until half an hour of silence: a reload changes nothing.
    later(120);
    await recommendations(prof);
    later(120);
    await publish('Spectre lumineux', {
      disciplines: ['physique-chimie'],
      levels: ['2de']
    });
    const updated = await author.call(
      'POST',
      `/library/resources/${ids['Ondes sonores']}/versions`,
      publishBody(
        metadata({
          title: 'Ondes sonores',
          keywords: [],
          disciplines: ['physique-chimie'],
          levels: ['2de']
        })
      )
    );
    expect(updated.status).toBe(201);
    later(60);
    let reasons = await recommendations(prof);
    expect(reasons.get('Spectre lumineux')).toEqual([
      'Parce que vous enseignez la physique-chimie',
      'Nouveauté depuis votre dernière visite'
    ]);
    expect(reasons.get('Ondes sonores')).toEqual([
      'Parce que vous enseignez la physique-chimie',
      'Mis à jour depuis votre dernière visite'
    ]);
    const marked = allReasons(reasons).filter(reason =>
      reason.endsWith('depuis votre dernière visite')
    );
    expect(marked).toHaveLength(2);
    // Ten minutes later (the same visit): still new.
    later(10);
    reasons = await recommendations(prof);
    expect(reasons.get('Spectre lumineux')).toContain(
      'Nouveauté depuis votre dernière visite'
    );
    // The next visit: seen, no longer new.
    later(24 * 60);
    reasons = await recommendations(prof);
    expect(allReasons(reasons).join('\n')).not.toMatch(/dernière visite/);
  });
});
