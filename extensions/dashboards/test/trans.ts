import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * An English bundle: msgids with their `%n` placeholders filled in.
 */
export const trans = {
  _p: (_context: string, text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_m, n) => String(args[Number(n) - 1])),
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_m, n) => String(args[Number(n) - 1])),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    (n === 1 ? one : many).replace(/%(\d+)/g, (_m, i) =>
      String([n, ...args][Number(i) - 1])
    )
} as unknown as TranslationBundle;
