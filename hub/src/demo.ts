import { randomBytes } from 'crypto';

import { ClassService } from './classes/service';
import { UserService } from './users/service';

/**
 * A login printed at start in demo mode.
 */
export interface IDemoLogin {
  name: string;
  password: string;
  role: string;
}

/**
 * Create the demo accounts once (an admin, two teachers, a class of pupils) and return
 * their logins. Passwords are random per data folder and printed by the start command:
 * never fixed, so a demo left running is not an open door.
 */
export async function seedDemo(
  users: UserService,
  classes: ClassService
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
  await add('a.turing', 'Alan Turing', ['teacher']);
  const klass = await classes.create({ name: '2de B', level: '2de' });
  await classes.addMember(klass.id, teacher.id, 'teacher');
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
