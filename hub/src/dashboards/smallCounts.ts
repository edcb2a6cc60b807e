/**
 * Counts of people below this are not shown (k-anonymity): with pupils who are minors,
 * « 2 pupils of 6e active on Tuesday » in a small school names them. The same rule
 * as the establishments' « real use » (5 users).
 */
export const SMALL_COUNT = 5;

/**
 * A count of people as a dashboard may show it: null (« fewer than 5 ») from 1 to
 * {@link SMALL_COUNT} − 1; 0 and larger counts as they are.
 */
export function shownCount(people: number): number | null {
  return people > 0 && people < SMALL_COUNT ? null : people;
}
