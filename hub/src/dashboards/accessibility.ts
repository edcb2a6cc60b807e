/**
 * The RGAA 4.1 figures of this version of Candyce, as `docs/rgaa.md` gives them
 * (« Figures »): the hub ships them for the programme's dashboard.
 * `hub/test/dashboards.spec.ts` fails when the page and these differ.
 */
export const RGAA_FIGURES = {
  criteriaMet: 61,
  criteriaNotMet: 14,
  criteriaNotApplicable: 31
} as const;
