/**
 * The one requirement the hub adds to a software list: a kernel for its notebooks.
 */
import type { ISoftwareList } from '@candyce/environments';

/**
 * Add `ipykernel` to a list that does not name it.
 *
 * @returns what was added.
 */
export function withKernel(list: ISoftwareList): string[] {
  const names = list.requirements.map(item =>
    (/^[A-Za-z0-9._-]+/.exec(item.text)?.[0] ?? '')
      .toLowerCase()
      .replace(/[-_.]+/g, '-')
  );
  if (names.includes('ipykernel')) {
    return [];
  }
  list.requirements.push({
    text: 'ipykernel',
    file: 'requirements.txt',
    line: 0
  });
  return ['ipykernel'];
}
