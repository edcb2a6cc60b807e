/**
 * The words of the Candyce xAPI profile (`docs/xapi-profile.md`) the dashboards count.
 * The hub cannot import `@candyce/telemetry`; `hub/test/dashboards.spec.ts` checks that
 * each IRI here is the profile's.
 */
export const VERBS = {
  opened: 'https://candyce.fr/xapi/verbs/opened',
  executed: 'https://candyce.fr/xapi/verbs/executed',
  joined: 'https://candyce.fr/xapi/verbs/joined',
  asked: 'http://adlnet.gov/expapi/verbs/asked',
  voided: 'http://adlnet.gov/expapi/verbs/voided'
} as const;

export const ACTIVITY_TYPES = {
  notebook: 'https://candyce.fr/xapi/activities/notebook',
  cell: 'https://candyce.fr/xapi/activities/cell',
  collaboration: 'https://candyce.fr/xapi/activities/collaboration',
  help: 'https://candyce.fr/xapi/activities/help'
} as const;

export const EXCEPTION_EXTENSION =
  'https://candyce.fr/xapi/extensions/exception';
