/**
 * The Candyce xAPI profile as data: every verb, activity type and extension the emitter
 * writes, with its IRI. `docs/xapi-profile.md` says the same for people, and a test
 * checks that both agree.
 */

/** An entry of the profile: its IRI and its display in English and French. */
export interface IProfileTerm {
  readonly id: string;
  readonly display: { readonly 'en-US': string; readonly 'fr-FR': string };
}

const CANDYCE = 'https://candyce.fr/xapi';
const ADL = 'http://adlnet.gov/expapi/verbs';

function term(id: string, en: string, fr: string): IProfileTerm {
  return { id, display: { 'en-US': en, 'fr-FR': fr } };
}

/** The verbs. ADL's where one means the same, Candyce's otherwise. */
export const VERBS = {
  opened: term(`${CANDYCE}/verbs/opened`, 'opened', 'a ouvert'),
  closed: term(`${CANDYCE}/verbs/closed`, 'closed', 'a fermé'),
  executed: term(`${CANDYCE}/verbs/executed`, 'executed', 'a exécuté'),
  saved: term(`${CANDYCE}/verbs/saved`, 'saved', 'a enregistré'),
  fetched: term(`${CANDYCE}/verbs/fetched`, 'fetched', 'a récupéré'),
  handedIn: term(`${CANDYCE}/verbs/handed-in`, 'handed in', 'a rendu'),
  returned: term(`${CANDYCE}/verbs/returned`, 'returned', 'a rendu corrigé'),
  viewed: term(`${ADL}/experienced`, 'experienced', 'a consulté'),
  copied: term(`${CANDYCE}/verbs/copied`, 'copied', 'a copié'),
  endorsed: term(`${CANDYCE}/verbs/endorsed`, 'endorsed', 'a recommandé'),
  joined: term(`${CANDYCE}/verbs/joined`, 'joined', 'a rejoint'),
  asked: term(`${ADL}/asked`, 'asked', 'a demandé')
} as const;

/** The activity types (`object.definition.type`). */
export const ACTIVITY_TYPES = {
  notebook: term(`${CANDYCE}/activities/notebook`, 'notebook', 'carnet'),
  cell: term(`${CANDYCE}/activities/cell`, 'notebook cell', 'cellule'),
  assignment: term(`${CANDYCE}/activities/assignment`, 'assignment', 'devoir'),
  resource: term(
    `${CANDYCE}/activities/resource`,
    'library resource',
    'ressource de la bibliothèque'
  ),
  collaboration: term(
    `${CANDYCE}/activities/collaboration`,
    'real-time collaboration session',
    'session de collaboration en temps réel'
  ),
  help: term(`${CANDYCE}/activities/help`, 'help request', "demande d'aide")
} as const;

/** The extensions (keys of `result.extensions` and `context.extensions`). */
export const EXTENSIONS = {
  exception: term(
    `${CANDYCE}/extensions/exception`,
    'exception name',
    "nom de l'exception"
  ),
  code: term(`${CANDYCE}/extensions/code`, 'cell source', 'code de la cellule'),
  cellType: term(
    `${CANDYCE}/extensions/cell-type`,
    'cell type',
    'type de cellule'
  ),
  learners: term(
    `${CANDYCE}/extensions/learners`,
    'number of learners',
    "nombre d'élèves"
  )
} as const;

/**
 * The activity type whose statements are essential (the consent contract with the
 * hub, `hub/src/lrs/consentRule.ts`): every other statement is optional.
 */
export const ESSENTIAL_ACTIVITY_TYPE = ACTIVITY_TYPES.assignment.id;

/** Where the emitter's activity ids start (`urn:candyce:<kind>:<id>`). */
export const ACTIVITY_ID_PREFIX = 'urn:candyce:';

/** `context.platform` of every statement. */
export const PLATFORM = 'Candyce';
