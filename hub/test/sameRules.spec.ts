import { IClass } from '../src/classes/service';
import { IUser } from '../src/users/service';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * One rule per write action, whichever way in: for every action that more than one way
 * offers (a page form, the API, the OneRoster import), each way refuses the same
 * callers (and targets), and changes nothing when it refuses. The rules live in the
 * services (ClassService.enrol / unenrol / createAs, ClassCodeService.regenerate), so
 * that no way in can forget one.
 *
 * The world: `prof` teaches A and C (établissement Un), `autre.prof` teaches B
 * (établissement Deux); `eleve` is a learner of C (one of prof's learners), `lointain` a
 * learner of B whom prof finds only by his exact identifier; `spare` is a teacher
 * account; `code.a` a pupil made with a class code of A. The import is an admin's way
 * in only (`rosters:import`): it is compared on the admin's cases, with accounts and a
 * class it imported itself (`imp.prof`, a teacher; `imp.eleve`, a student; class I).
 *
 * What was tried, each by every way that offers it, the world put back before each:
 * creating a class in an establishment one does not teach in; enrolling the admin, a
 * teacher account, a learner of another establishment; assigning a teacher (and a
 * learner as teacher); removing a learner and a teacher; renaming; making pupils'
 * codes; making a new code for a code pupil, a pupil with a password and the admin
 * (enrolled by an earlier version's hole); revoking a code.
 */
describe('the same rules whichever way in', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let users: Record<string, IUser>;
  let a: IClass;
  let imported: IClass;
  let e1: string;
  let e2: string;
  const signed = new Map<string, ISignedIn>();
  let serial = 0;

  type Way = 'page' | 'api' | 'import';

  /** An attempt by one way: whether its answer was a refusal. */
  type Attempt = () => Promise<boolean>;

  interface ICase {
    who: string;
    /** What the caller tries, in words. */
    tried: string;
    allowed: boolean;
    /** Put the world back before each way. */
    reset?: () => Promise<void>;
    /** What the action would change, compared before and after each way. */
    snapshot: () => Promise<string>;
    ways: Partial<Record<Way, Attempt>>;
  }

  const refusedStatus = async (response: Promise<Response>) =>
    (await response).status >= 400;

  const page =
    (who: string, url: string, fields: () => Record<string, string>) => () =>
      refusedStatus(signed.get(who)!.form(`/hub${url}`, fields()));

  const api =
    (who: string, method: string, url: string, body?: () => unknown) => () =>
      refusedStatus(signed.get(who)!.call(method, url, body?.()));

  /** An import as the admin: refused when the report rejects a row. */
  const importing =
    (files: Record<string, string>): Attempt =>
    async () => {
      const response = await signed
        .get('admin')!
        .call('POST', '/rosters/oneroster', files);
      expect(response.status).toBe(200);
      return (await readJson(response)).rejected.length > 0;
    };

  const id = (name: string) => users[name].id;

  const setMember = async (
    klass: IClass,
    name: string,
    membership: 'teacher' | 'learner' | null
  ) => {
    const userId = (await hub.users.getByName(name))!.id;
    const now = await hub.classes.membership(klass.id, userId);
    if (membership === null && now !== null) {
      await hub.classes.removeMember(klass.id, userId);
    } else if (membership !== null && now !== membership) {
      // Straight to the store's write: the world may hold what no way in may make.
      await hub.classes.addMember(klass.id, userId, membership);
    }
  };

  const membershipOf = (klass: () => IClass, name: string) => async () =>
    String(
      await hub.classes.membership(
        klass().id,
        (await hub.users.getByName(name))!.id
      )
    );

  const codeOf = (name: string) => async () =>
    JSON.stringify(
      (await hub.classCodes.list(a.id)).find(pupil => pupil.name === name) ??
        null
    );

  beforeAll(async () => {
    hub = await startTestHub();
    users = await addUsers(hub, {
      admin: 'admin',
      prof: 'teacher',
      'autre.prof': 'teacher',
      spare: 'teacher',
      eleve: 'learner',
      lointain: 'learner'
    });
    e1 = (await hub.classes.createEstablishment({ name: 'Lycée Un' })).id;
    e2 = (await hub.classes.createEstablishment({ name: 'Lycée Deux' })).id;
    a = await hub.classes.create({ name: 'A', establishmentId: e1 });
    const b = await hub.classes.create({ name: 'B', establishmentId: e2 });
    const c = await hub.classes.create({ name: 'C', establishmentId: e1 });
    await hub.classes.addMember(a.id, users.prof, 'teacher');
    await hub.classes.addMember(c.id, users.prof, 'teacher');
    await hub.classes.addMember(b.id, users['autre.prof'], 'teacher');
    await hub.classes.addMember(c.id, users.eleve, 'learner');
    await hub.classes.addMember(b.id, users.lointain, 'learner');
    await hub.classCodes.createPupils(a.id, ['code.a']);
    for (const name of ['admin', 'prof', 'autre.prof', 'eleve']) {
      signed.set(name, await signIn(hub, name));
    }
    const report = await readJson(
      await signed.get('admin')!.call('POST', '/rosters/oneroster', {
        'orgs.csv': 'sourcedId,name\norg-i,Lycée Importé\n',
        'users.csv': [
          'sourcedId,role,username,givenName,familyName',
          'u-t,teacher,imp.prof,Ima,Prof',
          'u-s,student,imp.eleve,Ima,Élève'
        ].join('\n'),
        'classes.csv': 'sourcedId,title,schoolSourcedId\nc-i,I,org-i\n'
      })
    );
    expect(report.rejected).toEqual([]);
    imported = (await hub.classes.getBySourceId('c-i'))!;
  });
  afterAll(() => hub.close());

  /** Run every way of every case; answer, per way, the callers it refused. */
  async function refusals(cases: readonly ICase[]): Promise<{
    refused: Record<string, string[]>;
    expected: Record<string, string[]>;
  }> {
    const refused: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const one of cases) {
      for (const [way, attempt] of Object.entries(one.ways)) {
        await one.reset?.();
        const before = await one.snapshot();
        const answeredNo = await attempt();
        const changed = (await one.snapshot()) !== before;
        const label = `${one.who}: ${one.tried}`;
        // A refusal says so and changes nothing; an allowed call does what it says.
        if (answeredNo || !changed) {
          (refused[way] ??= []).push(
            answeredNo && !changed ? label : `${label} (à moitié !)`
          );
        }
        if (!one.allowed) {
          (expected[way] ??= []).push(label);
        }
      }
    }
    return { refused, expected };
  }

  it('tried: creating a class, by the page and the API', async () => {
    const create = (who: string, establishmentId: string | null): ICase => ({
      who,
      tried: `créer une classe dans ${establishmentId ?? 'aucun établissement'}`,
      allowed:
        who === 'admin' ||
        (who === 'prof' && establishmentId !== e2) ||
        (who === 'autre.prof' && establishmentId !== e1),
      snapshot: async () => String((await hub.classes.all()).length),
      ways: {
        page: page(who, '/classes', () => ({
          nom: `Classe ${++serial}`,
          etablissement: establishmentId ?? ''
        })),
        api: api(who, 'POST', '/classes', () => ({
          name: `Classe ${++serial}`,
          establishmentId
        }))
      }
    });
    const { refused, expected } = await refusals([
      create('eleve', null),
      create('prof', null),
      create('prof', e1),
      create('prof', e2),
      create('autre.prof', e1),
      create('admin', e2)
    ]);
    expect(refused).toEqual(expected);
    expect(refused.api).toEqual([
      'eleve: créer une classe dans aucun établissement',
      `prof: créer une classe dans ${e2}`,
      `autre.prof: créer une classe dans ${e1}`
    ]);
  });

  it('tried: enrolling learners, by the page, the API and the import', async () => {
    const enrol = (
      who: string,
      target: string,
      allowed: boolean,
      klass: () => IClass = () => a,
      viaImport?: string
    ): ICase => ({
      who,
      tried: `inscrire ${target} comme élève`,
      allowed,
      reset: () => setMember(klass(), target, null),
      snapshot: membershipOf(klass, target),
      ways: {
        page: page(who, `/classes/${klass().id}/learners`, () => ({
          eleve: id(target) ?? '',
          q: target
        })),
        api: api(who, 'POST', `/classes/${klass().id}/members`, () => ({
          userName: target,
          membership: 'learner'
        })),
        ...(viaImport
          ? {
              import: importing({
                'enrollments.csv': `sourcedId,classSourcedId,userSourcedId,role\ne-${++serial},c-i,${viaImport},student\n`
              })
            }
          : {})
      }
    });
    const inImport = () => imported;
    users['imp.prof'] = (await hub.users.getByName('imp.prof'))!;
    users['imp.eleve'] = (await hub.users.getByName('imp.eleve'))!;
    const { refused, expected } = await refusals([
      enrol('prof', 'lointain', true),
      enrol('prof', 'admin', false),
      enrol('prof', 'spare', false),
      enrol('autre.prof', 'eleve', false),
      enrol('eleve', 'eleve', false),
      enrol('admin', 'lointain', true),
      enrol('admin', 'spare', false),
      enrol('admin', 'imp.eleve', true, inImport, 'u-s'),
      enrol('admin', 'imp.prof', false, inImport, 'u-t')
    ]);
    expect(refused).toEqual(expected);
    expect(refused.import).toEqual(['admin: inscrire imp.prof comme élève']);
  });

  it('tried: assigning and removing teachers, by the page, the API and the import', async () => {
    const assign = (
      who: string,
      target: string,
      allowed: boolean,
      klass: () => IClass = () => a,
      viaImport?: string
    ): ICase => ({
      who,
      tried: `ajouter ${target} comme enseignant`,
      allowed,
      reset: () => setMember(klass(), target, null),
      snapshot: membershipOf(klass, target),
      ways: {
        page: page(who, `/classes/${klass().id}/teachers`, () => ({
          enseignant: id(target),
          qe: target
        })),
        api: api(who, 'POST', `/classes/${klass().id}/members`, () => ({
          userName: target,
          membership: 'teacher'
        })),
        ...(viaImport
          ? {
              import: importing({
                'enrollments.csv': `sourcedId,classSourcedId,userSourcedId,role\ne-${++serial},c-i,${viaImport},teacher\n`
              })
            }
          : {})
      }
    });
    const remove = (who: string, allowed: boolean): ICase => ({
      who,
      tried: 'retirer l’enseignant spare',
      allowed,
      reset: () => setMember(a, 'spare', 'teacher'),
      snapshot: membershipOf(() => a, 'spare'),
      ways: {
        page: page(who, `/classes/${a.id}/teachers/remove`, () => ({
          enseignant: id('spare')
        })),
        api: api(who, 'DELETE', `/classes/${a.id}/members/spare`)
      }
    });
    const inImport = () => imported;
    const { refused, expected } = await refusals([
      assign('prof', 'spare', false),
      assign('autre.prof', 'spare', false),
      assign('admin', 'spare', true),
      assign('admin', 'eleve', false),
      assign('admin', 'imp.prof', true, inImport, 'u-t'),
      assign('admin', 'imp.eleve', false, inImport, 'u-s'),
      remove('prof', false),
      remove('autre.prof', false),
      remove('admin', true)
    ]);
    expect(refused).toEqual(expected);
    expect(refused.api).toContain('prof: ajouter spare comme enseignant');
    expect(refused.api).toContain('prof: retirer l’enseignant spare');
  });

  it('tried: removing a learner and renaming a class, by the page and the API', async () => {
    const remove = (who: string, allowed: boolean): ICase => ({
      who,
      tried: 'retirer l’élève eleve',
      allowed,
      reset: () => setMember(a, 'eleve', 'learner'),
      snapshot: membershipOf(() => a, 'eleve'),
      ways: {
        page: page(who, `/classes/${a.id}/learners/remove`, () => ({
          eleve: id('eleve'),
          confirme: 'oui'
        })),
        api: api(who, 'DELETE', `/classes/${a.id}/members/eleve`)
      }
    });
    const rename = (who: string, allowed: boolean): ICase => ({
      who,
      tried: 'changer le niveau',
      allowed,
      snapshot: async () => JSON.stringify(await hub.classes.get(a.id)),
      ways: {
        page: page(who, `/classes/${a.id}`, () => ({
          nom: 'A',
          niveau: `niveau ${++serial}`
        })),
        api: api(who, 'PATCH', `/classes/${a.id}`, () => ({
          level: `niveau ${++serial}`
        }))
      }
    });
    const { refused, expected } = await refusals([
      remove('prof', true),
      remove('autre.prof', false),
      remove('eleve', false),
      remove('admin', true),
      rename('prof', true),
      rename('autre.prof', false),
      rename('eleve', false)
    ]);
    expect(refused).toEqual(expected);
  });

  it('tried: making pupils’ codes, new codes and revoking them, by the page and the API', async () => {
    const pupils = (who: string, allowed: boolean): ICase => ({
      who,
      tried: 'créer un élève à code',
      allowed,
      snapshot: async () => String((await hub.classCodes.list(a.id)).length),
      ways: {
        page: page(who, `/classes/${a.id}/codes`, () => ({
          eleves: `Élève ${++serial}`
        })),
        api: api(who, 'POST', `/classes/${a.id}/codes`, () => ({
          pupils: [{ displayName: `Élève ${++serial}` }]
        }))
      }
    });
    const renew = (who: string, target: string, allowed: boolean): ICase => ({
      who,
      tried: `faire un nouveau code pour ${target}`,
      allowed,
      // The admin enrolled as a learner: what the hole let a teacher do.
      reset: () => setMember(a, target, 'learner'),
      snapshot: codeOf(target),
      ways: {
        page: page(who, `/classes/${a.id}/codes/${target}/new`, () => ({})),
        api: api(who, 'POST', `/classes/${a.id}/codes/${target}`)
      }
    });
    const revoke = (who: string, allowed: boolean): ICase => ({
      who,
      tried: 'désactiver le code de code.a',
      allowed,
      reset: async () => {
        await hub.classCodes.regenerate(a.id, 'code.a');
      },
      snapshot: codeOf('code.a'),
      ways: {
        page: page(who, `/classes/${a.id}/codes/code.a/revoke`, () => ({})),
        api: api(who, 'DELETE', `/classes/${a.id}/codes/code.a`)
      }
    });
    const { refused, expected } = await refusals([
      pupils('prof', true),
      pupils('autre.prof', false),
      pupils('eleve', false),
      renew('prof', 'code.a', true),
      renew('admin', 'code.a', true),
      renew('autre.prof', 'code.a', false),
      renew('prof', 'eleve', false),
      renew('admin', 'eleve', false),
      renew('prof', 'admin', false),
      renew('admin', 'admin', false),
      revoke('prof', true),
      revoke('autre.prof', false)
    ]);
    await setMember(a, 'admin', null);
    await setMember(a, 'eleve', null);
    expect(refused).toEqual(expected);
  });
});
