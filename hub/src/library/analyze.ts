import { newStemmer } from 'snowball-stemmers';

/**
 * The words of a text as the library's search index holds them: lower case, accents
 * folded, French stop words dropped, French Snowball stems. The same analysis runs on
 * documents and on queries, in the hub, whatever the database: SQLite's FTS5 and
 * PostgreSQL's `tsvector` then only match words, and find the same resources.
 *
 * « Équations » and « equation » both give `equat`; « les chevaux » gives `cheval`.
 */
export function analyze(text: string): string[] {
  const words: string[] = [];
  // Split first on what no folding keeps (neither letter, digit nor accent), then
  // analyse each distinct token once: a corpus repeats its words.
  for (const token of text.toLowerCase().split(Private.NOT_TOKEN)) {
    if (token) {
      let analysed = Private.tokens.get(token);
      if (analysed === undefined) {
        analysed = [];
        for (const word of fold(token).split(Private.NOT_WORD)) {
          if (word && !Private.STOP_WORDS.has(word) && word.length <= 40) {
            analysed.push(stemOf(word));
          }
        }
        if (Private.tokens.size >= Private.MEMO_SIZE) {
          Private.tokens.clear();
        }
        Private.tokens.set(token, analysed);
      }
      words.push(...analysed);
    }
  }
  return words;
}

/**
 * Lower case without diacritics (« Œuvre Été » → « oeuvre ete »).
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * The stem of a folded word, as the index holds it (memoised: a corpus repeats its
 * words).
 */
export function stemOf(word: string): string {
  let stemmed = Private.memo.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d+$/.test(word) ? word : Private.french.stem(word);
    if (Private.memo.size >= Private.MEMO_SIZE) {
      Private.memo.clear();
    }
    Private.memo.set(word, stemmed);
  }
  return stemmed;
}

namespace Private {
  export const french = newStemmer('french');

  export const memo = new Map<string, string>();
  /** The analysis of each lower-case token seen (see `analyze`). */
  export const tokens = new Map<string, string[]>();
  export const MEMO_SIZE = 200_000;

  // Anything but letters and digits separates words (apostrophes too: « l'eau » → eau).
  export const NOT_WORD = /[^\p{L}\p{N}]+/u;
  export const NOT_TOKEN = /[^\p{L}\p{N}\p{M}]+/u;

  /** Short, frequent French words that say nothing about a resource (folded). */
  export const STOP_WORDS = new Set(
    (
      'a au aux avec ce ces c ca d dans de des du elle en et eux il ils je j la le les ' +
      'leur leurs l lui ma mais me m meme mes moi mon ne n nos notre nous on ou par pas ' +
      'pour qu que qui sa se s ses son sur ta te t tes toi ton tu un une vos votre vous ' +
      'y est sont ete etre avoir ont cet cette'
    ).split(' ')
  );
}
