/**
 * Whether a class's level is one of adults. Levels are free text written by teachers or
 * imported rosters (« CM2 », « 2de », « BTS SIO 1 », « L1 »): only higher education and
 * adult training are recognised as adults; primary school, collège, lycée and every
 * level not recognised (or none) count as minors, the safe side.
 */
const ADULT_LEVEL =
  /^\s*(l[1-3]|m[12]|licence|master|bts|but|dut|cpge|prépa|prepa|supérieur|superieur|université|universite|doctorat|adultes?|formation continue|greta)\b/i;

export function isAdultLevel(level: string | null): boolean {
  return level !== null && ADULT_LEVEL.test(level);
}
