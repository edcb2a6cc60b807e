import { randomBytes } from 'crypto';

import * as path from 'path';

import { ClassService } from './classes/service';
import { EstablishmentAdministration } from './establishments/service';
import { readResourceFolder, resourceFolders } from './library/folder';
import { LibraryService } from './library/service';
import { LIBRARY_DATA_DIR } from './library/taxonomy';
import { IUser, UserService } from './users/service';

/**
 * A login printed at start in demo mode.
 */
export interface IDemoLogin {
  name: string;
  password: string;
  role: string;
}

/**
 * Create the demo accounts once (an admin, two teachers, a class of pupils, the
 * administrator of the lycée) and return their logins. Passwords are random per data
 * folder and printed by the start command: never fixed, so a demo left running is not
 * an open door.
 *
 * Two establishments of two academies: the lycée (Créteil), where Marie Curie teaches
 * the 2de B and which `direction` administers, and the collège (Versailles), where
 * Alan Turing is attached: `direction` sees the lycée's users only.
 */
export async function seedDemo(
  users: UserService,
  classes: ClassService,
  establishments?: EstablishmentAdministration
): Promise<IDemoLogin[] | null> {
  if ((await users.count()) > 0) {
    return null;
  }
  const logins: IDemoLogin[] = [];
  const add = async (name: string, displayName: string, roles: string[]) => {
    const password = randomBytes(6).toString('base64url');
    const user = await users.create({ name, displayName, roles, password });
    logins.push({ name, password, role: roles.join('+') });
    return user;
  };
  await add('admin', 'Administration Candyce', ['admin']);
  const teacher = await add('m.curie', 'Marie Curie', ['teacher', 'author']);
  const turing = await add('a.turing', 'Alan Turing', ['teacher']);
  await add('inspection', 'Inspection pédagogique', ['inspector']);
  const lycee = await classes.createEstablishment({
    name: 'Lycée Marie Curie',
    uai: '0940001A'
  });
  const college = await classes.createEstablishment({
    name: 'Collège Jean Moulin',
    uai: '0780002B'
  });
  const klass = await classes.create({
    name: '2de B',
    level: '2de',
    establishmentId: lycee.id
  });
  await classes.addMember(klass.id, teacher.id, 'teacher');
  if (establishments) {
    const root = (await users.getByName('admin'))!;
    await establishments.setAcademy(lycee.id, 'Créteil');
    await establishments.setAcademy(college.id, 'Versailles');
    await establishments.attach(turing.id, college.id);
    // The lycée's administrator: a teacher's rank, so they set pupils' and
    // teachers' roles, never an administrator's.
    const direction = await add('direction', 'Direction du lycée', ['teacher']);
    await establishments.attach(direction.id, lycee.id);
    await establishments.grant(root.id, direction.id, {
      establishmentId: lycee.id
    });
  }
  const pupils = [
    ['eleve1', 'Léa Martin'],
    ['eleve2', 'Hugo Bernard'],
    ['eleve3', 'Chloé Petit'],
    ['eleve4', 'Nathan Durand']
  ];
  for (const [name, displayName] of pupils) {
    const pupil = await add(name, displayName, ['learner']);
    await classes.addMember(klass.id, pupil.id, 'learner');
  }
  return logins;
}

/**
 * The seed resources of the library (`library/seed/`), published by the demo's
 * administrator on behalf of their authors when the library is empty, each with its
 * standard environment (`environmentIds`: folder name → environment id); and a profile for
 * each demo teacher who has none, so that recommendations have something to go on.
 *
 * @returns how many resources were published.
 */
export async function seedDemoLibrary(
  users: UserService,
  library: LibraryService,
  environmentIds: ReadonlyMap<string, string> = new Map(),
  seedDir = path.join(LIBRARY_DATA_DIR, 'seed')
): Promise<number> {
  // What each teaches, as they would tick it: Marie Curie's one class is a 2de.
  const profiles: [string, string[], string[]][] = [
    ['m.curie', ['physique-chimie'], ['2de']],
    ['a.turing', ['nsi', 'snt'], ['2de', '1re', 'tle']]
  ];
  for (const [name, disciplines, levels] of profiles) {
    const user: IUser | null = await users.getByName(name);
    if (user && !(await library.profile(user.id))) {
      await library.setProfile(user.id, { disciplines, levels });
    }
  }
  const publisher = await users.getByName('admin');
  if (!publisher || (await library.search({ perPage: 1 })).total > 0) {
    return 0;
  }
  let published = 0;
  for (const folder of resourceFolders(seedDir)) {
    await library.publish(publisher, {
      ...readResourceFolder(folder),
      environmentId: environmentIds.get(path.basename(folder)) ?? null
    });
    published++;
  }
  return published;
}
