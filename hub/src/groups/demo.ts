import { ClassService } from '../classes/service';
import { UserService } from '../users/service';
import { GroupService } from './service';

/** The demo's group workspace: its name, and its two pupils. */
export const DEMO_GROUP = {
  name: 'Binôme Léa et Hugo',
  className: '2de B',
  teacher: 'm.curie',
  members: ['eleve1', 'eleve2']
} as const;

/**
 * In demo mode, the class 2de B gets a group workspace of two pupils (eleve1 and
 * eleve2), created by its teacher, when it has none.
 */
export async function seedDemoGroup(
  users: UserService,
  classes: ClassService,
  groups: GroupService
): Promise<boolean> {
  const teacher = await users.getByName(DEMO_GROUP.teacher);
  const klass = (await classes.all()).find(
    one => one.name === DEMO_GROUP.className
  );
  if (!teacher || !klass) {
    return false;
  }
  if ((await groups.ofClass(klass.id, teacher)).length) {
    return false;
  }
  await groups.create(teacher, klass.id, {
    name: DEMO_GROUP.name,
    memberNames: DEMO_GROUP.members
  });
  return true;
}
