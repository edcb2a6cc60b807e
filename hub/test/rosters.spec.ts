import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ClassService } from '../src/classes/service';
import { migrate, openDatabase } from '../src/db/connect';
import { EstablishmentAcademies } from '../src/establishments/academies';
import { RosterService } from '../src/rosters/service';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { Browser, readJson, startTestHub } from './hubHarness';

/**
 * OneRoster 1.1 CSV import.
 *
 * Bad input tried: malformed JSON, no file, an unknown file name, a file that is not a
 * string, an oversized import (over 5 MB of CSV, and over the body limit), a file with
 * an unterminated quote or without a required column; rows with empty required fields,
 * unknown org / class / user references, unsupported roles, user names `../x`, `a/b`
 * and with a control character, a user name already taken by a local account, a
 * teacher enrollment of a student, a `tobedeleted` row. Refused rows are reported with
 * their file and line, the others imported; refused requests change nothing; an
 * unexpected error rolls the whole import back.
 */
const CRLF = '\r\n';

const GOOD = {
  'orgs.csv': [
    '\ufeffsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
    'org-1,active,2026-09-01,"Lycée Marie Curie, Paris",school,0750001a,',
    'org-2,active,2026-09-01,Collège Jean Moulin,school,pas-un-uai,'
  ].join(CRLF),
  'users.csv': [
    'sourcedId,status,enabledUser,orgSourcedIds,role,username,givenName,familyName',
    'u-1,active,true,org-1,teacher,M.Curie,Marie,Curie',
    'u-2,active,true,org-1,student,léa.martin,Léa,"Martin ""la grande"""',
    'u-3,active,true,org-1,student,hugo.b,Hugo,Bernard',
    'u-4,active,true,org-1,administrator,dir,Directrice,'
  ].join(CRLF),
  'classes.csv': [
    'sourcedId,status,title,grades,courseSourcedId,classCode,classType,schoolSourcedId',
    'c-1,active,"2de B, groupe 1","10,11",,2B1,scheduled,org-1',
    'c-2,active,1re NSI,11,,1N,scheduled,org-2'
  ].join(CRLF),
  'enrollments.csv': [
    'sourcedId,status,classSourcedId,schoolSourcedId,userSourcedId,role,primary',
    'e-1,active,c-1,org-1,u-1,teacher,true',
    'e-2,active,c-1,org-1,u-2,student,false',
    'e-3,active,c-1,org-1,u-3,student,false',
    'e-4,active,c-2,org-2,u-2,student,false'
  ].join(CRLF)
};

describe('OneRoster import', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: (json?: unknown, body?: string) => Promise<Response>;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.users.create({
      name: 'admin',
      displayName: 'Admin',
      roles: ['admin'],
      password: 'mot-de-passe-admin'
    });
    // A local account whose name a roster will try to take.
    await hub.users.create({ name: 'pris', displayName: 'Pris', roles: [] });
    const browser = new Browser(hub.url);
    expect((await browser.login('admin', 'mot-de-passe-admin')).status).toBe(
      303
    );
    const { xsrfToken } = await readJson(await browser.get('/hub/api/v1/me'));
    admin = (json, body) =>
      browser.request('POST', '/hub/api/v1/rosters/oneroster', {
        json,
        body,
        headers: {
          'X-Candyce-XSRF': xsrfToken,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {})
        }
      });
  });
  afterAll(() => hub.close());

  it('imports establishments, users, classes and enrollments, then creates nothing more', async () => {
    const first = await admin(GOOD);
    expect(first.status).toBe(200);
    expect(await readJson(first)).toEqual({
      created: { establishments: 2, users: 4, classes: 2, enrollments: 4 },
      updated: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      unchanged: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      rejected: []
    });
    const curie = await hub.users.getByName('m.curie');
    expect(curie).toMatchObject({
      displayName: 'Marie Curie',
      roles: ['teacher']
    });
    const lea = await hub.users.getByName('lea.martin');
    expect(lea).toMatchObject({
      displayName: 'Léa Martin "la grande"',
      roles: ['learner']
    });
    expect((await hub.users.getByName('dir'))?.roles).toEqual(['admin']);
    const leaClasses = await hub.classes.forUser(lea!.id);
    expect(leaClasses.map(c => [c.name, c.level, c.membership])).toEqual([
      ['1re NSI', '11', 'learner'],
      ['2de B, groupe 1', '10', 'learner']
    ]);
    expect(await hub.classes.getEstablishmentBySourceId('org-1')).toMatchObject(
      { name: 'Lycée Marie Curie, Paris', uai: '0750001A' }
    );
    expect(
      (await hub.classes.getEstablishmentBySourceId('org-2'))?.uai
    ).toBeNull();
    const users = await hub.users.count();

    const again = await readJson(await admin(GOOD));
    expect(again).toEqual({
      created: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      updated: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      unchanged: { establishments: 2, users: 4, classes: 2, enrollments: 4 },
      rejected: []
    });
    expect(await hub.users.count()).toBe(users);
    expect(await hub.classes.forUser(lea!.id)).toHaveLength(2);
  });

  it('reports bad rows with their file and line, and imports the others', async () => {
    const users = await hub.users.count();
    const report = await readJson(
      await admin({
        'orgs.csv': 'sourcedId,name\norg-3,Lycée Neuf\n,Sans identifiant\n',
        'users.csv': [
          'sourcedId,role,username,givenName,familyName',
          'u-10,student,nina.k,Nina,K',
          'u-11,guardian,parent1,Pa,Rent',
          'u-12,student,../x,Mal,Veillant',
          'u-13,student,a/b,Mal,Veillant',
          'u-14,student,"cloche\u0007",Mal,Veillant',
          'u-15,student,,Sans,Nom',
          'u-16,student,pris,Vol,Nom'
        ].join('\n'),
        'classes.csv': [
          'sourcedId,title,grades,schoolSourcedId',
          'c-10,Terminale 1,12,org-3',
          'c-11,Fantôme,12,org-inconnue',
          'c-12,À supprimer,12,org-3'
        ].join('\n'),
        'enrollments.csv': [
          'sourcedId,status,classSourcedId,userSourcedId,role',
          'e-10,active,c-10,u-10,student',
          'e-11,active,c-inconnue,u-10,student',
          'e-12,active,c-10,u-inconnu,student',
          'e-13,active,c-10,u-10,teacher',
          'e-14,active,c-10,u-10,parent',
          'e-15,tobedeleted,c-10,u-2,student'
        ].join('\n')
      })
    );
    expect(report.created).toEqual({
      establishments: 1,
      users: 1,
      classes: 2,
      enrollments: 1
    });
    expect(
      report.rejected.map(
        (r: { file: string; line: number }) => `${r.file}:${r.line}`
      )
    ).toEqual([
      'orgs.csv:3',
      'users.csv:3',
      'users.csv:4',
      'users.csv:5',
      'users.csv:6',
      'users.csv:7',
      'users.csv:8',
      'classes.csv:3',
      'enrollments.csv:3',
      'enrollments.csv:4',
      'enrollments.csv:5',
      'enrollments.csv:6',
      'enrollments.csv:7'
    ]);
    for (const { reason } of report.rejected) {
      expect(reason).toEqual(expect.any(String));
      expect(reason.length).toBeGreaterThan(5);
    }
    expect(report.rejected[1].reason).toMatch(/rôle non pris en charge/);
    expect(report.rejected[2].reason).toMatch(/nom d’utilisateur invalide/);
    expect(report.rejected[6].reason).toMatch(/déjà utilisé/);
    expect(report.rejected[7].reason).toMatch(/établissement inconnu/);
    expect(report.rejected[8].reason).toMatch(/classe inconnue/);
    expect(report.rejected[9].reason).toMatch(/utilisateur inconnu/);
    expect(report.rejected[10].reason).toMatch(/enseignant/);
    expect(await hub.users.count()).toBe(users + 1);
    expect(await hub.users.getByName('x')).toBeNull();
    // The local account was not adopted by the roster.
    expect((await hub.users.getByName('pris'))?.roles).toEqual([]);
  });

  it('rejects an unreadable file and still imports the others', async () => {
    const report = await readJson(
      await admin({
        'orgs.csv': 'sourcedId,name\norg-4,"Lycée sans fin\n',
        'users.csv': 'sourcedId,username\nu-20,sans.role\n'
      })
    );
    expect(report.created).toEqual({
      establishments: 0,
      users: 0,
      classes: 0,
      enrollments: 0
    });
    expect(report.rejected).toEqual([
      { file: 'orgs.csv', line: 2, reason: expect.stringMatching(/illisible/) },
      { file: 'users.csv', line: 1, reason: expect.stringMatching(/role/) }
    ]);
  });

  it('refuses bad requests with a clear error and changes nothing', async () => {
    const users = await hub.users.count();
    const big = 'sourcedId,name\n' + 'o,x\n'.repeat(1_400_000);
    const cases: [Promise<Response>, number, string][] = [
      [admin(undefined, '{"orgs.csv": '), 400, 'invalid_json'],
      [admin({}), 400, 'invalid_request'],
      [admin({ 'schools.csv': 'a' }), 400, 'invalid_request'],
      [admin({ 'orgs.csv': 42 }), 400, 'invalid_request'],
      [admin({ 'orgs.csv': big }), 413, 'too_large'],
      [admin({ 'orgs.csv': big + big }), 413, 'too_large']
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      const body = await readJson(response);
      expect({ status: response.status, code: body.error?.code }).toEqual({
        status,
        code
      });
    }
    expect(await hub.users.count()).toBe(users);
    expect(await hub.classes.getEstablishmentBySourceId('o')).toBeNull();
  });
});

describe('OneRoster import transaction', () => {
  /** An administrator, as the import's route passes them. */
  const IMPORTER = {
    id: 'admin',
    roles: ['admin'],
    seesEveryone: true,
    managesEvery: true
  };

  it('writes nothing when an unexpected error happens midway', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-roster-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
    await migrate(db);
    const lockout = { maxFailures: 5, lockMinutes: 15 };
    // A real ClassService whose enrollment step fails like a lost database would.
    class FailingClasses extends ClassService {
      override addMember(): Promise<boolean> {
        throw new Error('panne simulée');
      }
    }
    const rosters = new RosterService(
      work =>
        db.transaction().execute(trx =>
          work({
            users: new UserService(new UserStore(trx), lockout),
            classes: new FailingClasses(trx),
            academies: new EstablishmentAcademies(trx)
          })
        ),
      { info: () => undefined }
    );
    await expect(rosters.importOneRoster(GOOD, IMPORTER)).rejects.toThrow(
      'panne simulée'
    );
    const users = new UserService(new UserStore(db), lockout);
    const classes = new ClassService(db);
    expect(await users.count()).toBe(0);
    expect(await classes.getEstablishmentBySourceId('org-1')).toBeNull();
    expect(await classes.all()).toEqual([]);
    // The same import without the failure goes through.
    const report = await new RosterService(
      work =>
        db.transaction().execute(trx =>
          work({
            users: new UserService(new UserStore(trx), lockout),
            classes: new ClassService(trx),
            academies: new EstablishmentAcademies(trx)
          })
        ),
      { info: () => undefined }
    ).importOneRoster(GOOD, IMPORTER);
    expect(report.created.users).toBe(4);
    await db.destroy();
  });
});
