import { Role } from '../users/names';

/**
 * The files of a OneRoster 1.1 CSV bulk export that the hub reads, in import order.
 */
export const ROSTER_FILES = [
  'orgs.csv',
  'users.csv',
  'classes.csv',
  'enrollments.csv'
] as const;

/**
 * One of {@link ROSTER_FILES}.
 */
export type RosterFile = (typeof ROSTER_FILES)[number];

/**
 * The columns each file must have (OneRoster 1.1 names) and, among them, those that must
 * not be empty on a row.
 */
export const REQUIRED: Readonly<
  Record<RosterFile, { columns: string[]; values: string[] }>
> = {
  'orgs.csv': { columns: ['sourcedId', 'name'], values: ['sourcedId', 'name'] },
  'users.csv': {
    columns: ['sourcedId', 'role', 'username', 'givenName', 'familyName'],
    values: ['sourcedId', 'role', 'username']
  },
  'classes.csv': {
    columns: ['sourcedId', 'title', 'schoolSourcedId'],
    values: ['sourcedId', 'title', 'schoolSourcedId']
  },
  'enrollments.csv': {
    columns: ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'],
    values: ['sourcedId', 'classSourcedId', 'userSourcedId', 'role']
  }
};

/**
 * OneRoster user roles → hub roles. Roles absent here (guardian, parent, relative,
 * aide, proctor) are refused: the hub has no account for them yet.
 */
export const USER_ROLES: Readonly<Record<string, Role>> = {
  student: 'learner',
  teacher: 'teacher',
  administrator: 'admin'
};

/**
 * OneRoster enrollment roles → class memberships.
 */
export const ENROLLMENT_ROLES: Readonly<Record<string, 'learner' | 'teacher'>> =
  {
    student: 'learner',
    teacher: 'teacher'
  };

/**
 * A OneRoster `username` cleaned to the hub's rules as far as it safely can be:
 * trimmed, lower-cased, accents removed. Anything else (slashes, `..`, control
 * characters) is left for the name check to refuse, never rewritten into another name.
 */
export function cleanUserName(raw: string): string {
  return raw
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * OneRoster org types above establishments: not imported as establishments. A
 * `district` is, in France, an academy (« Académie de Créteil »): its name becomes the
 * academy of the schools under it (`parentSourcedId`, through `local` orgs if any).
 */
export const ABOVE_SCHOOL_ORG_TYPES: readonly string[] = [
  'district',
  'local',
  'state',
  'national'
];

/** The OneRoster org type that stands for an academy. */
export const ACADEMY_ORG_TYPE = 'district';

/**
 * An academy's name from its district's OneRoster name: « Académie de Créteil » →
 * « Créteil », « Académie d’Amiens » → « Amiens », as the administration names
 * academies; a name without the prefix is kept as it is.
 */
export function academyOfDistrict(name: string): string {
  return name
    .trim()
    .replace(/^acad[ée]mie\s+(?:de\s+(?=\S)|d['’]\s*)/iu, '')
    .trim();
}
