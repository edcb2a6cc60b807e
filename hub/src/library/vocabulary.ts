import { fold, stemOf } from './analyze';

/**
 * The distinct terms of a text as the vocabulary keeps them: folded words (lower case,
 * no accents) of 3 to 40 letters, without digits.
 */
export function termsOf(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(Private.NOT_WORD)
      .filter(word => word.length >= 3 && word.length <= 40 && !/\d/.test(word))
  );
}

/**
 * The library's own words (titles, keywords, summaries; table `library_terms`), in
 * memory, to correct typed words: « pythagorre » → « pythagore », « fonctoins » →
 * « fonctions ». A word is corrected only when its stem is no word's stem of the
 * library; its correction is the nearest word by edit distance (a letter added,
 * dropped, changed, or two neighbours swapped: 1 for words of 4 to 6 letters, 2 from
 * 7), the most frequent among equals.
 */
export class Vocabulary {
  /**
   * Count the terms of one more indexed text (of `times` more).
   */
  add(terms: Iterable<string>, times = 1): void {
    for (const word of terms) {
      const docs = this._docs.get(word);
      this._docs.set(word, (docs ?? 0) + times);
      if (docs === undefined) {
        this._stems.add(stemOf(word));
        const bucket = this._byLength.get(word.length) ?? [];
        bucket.push(word);
        this._byLength.set(word.length, bucket);
      }
    }
  }

  /** Add terms with their counts (the table read at start). */
  load(rows: Iterable<{ word: string; docs: number }>): void {
    for (const { word, docs } of rows) {
      this.add([word]);
      this._docs.set(word, docs);
    }
  }

  /** How many distinct terms. */
  get size(): number {
    return this._docs.size;
  }

  /**
   * Whether a typed word (any case and accents) is known: some term of the library has
   * its stem.
   */
  knows(word: string): boolean {
    return this._stems.has(stemOf(fold(word)));
  }

  /**
   * The nearest term of a word the library does not know, or null (known, too short,
   * or nothing near).
   */
  correct(word: string): string | null {
    const folded = fold(word);
    const max = Private.maxDistance(folded);
    if (!max || /\d/.test(folded) || this.knows(folded)) {
      return null;
    }
    let best: string | null = null;
    let bestDistance = max + 1;
    let bestDocs = 0;
    const letters = new Private.Letters(folded);
    try {
      for (
        let length = folded.length - max;
        length <= folded.length + max;
        length++
      ) {
        for (const candidate of this._byLength.get(length) ?? []) {
          const limit = Math.min(bestDistance, max);
          // Most words differ by more letters than the edits allowed: no alignment.
          if (letters.lowerBound(candidate) > limit) {
            continue;
          }
          // Exact below the limit: a tie with the best so far is a true tie.
          const distance = Private.distance(folded, candidate, limit + 1);
          const docs = this._docs.get(candidate) ?? 0;
          if (
            distance < bestDistance ||
            (distance === bestDistance && distance <= max && docs > bestDocs)
          ) {
            best = candidate;
            bestDistance = distance;
            bestDocs = docs;
          }
        }
      }
      return bestDistance <= max ? best : null;
    } finally {
      letters.release();
    }
  }

  private readonly _docs = new Map<string, number>();
  private readonly _stems = new Set<string>();
  private readonly _byLength = new Map<number, string[]>();
}

namespace Private {
  export const NOT_WORD = /[^\p{L}\p{N}]+/u;

  /** How many edits a word of this length may hold (shorter words: none). */
  export function maxDistance(word: string): number {
    return word.length < 4 ? 0 : word.length < 7 ? 1 : 2;
  }

  /**
   * The letters of a word, to bound its distance to others cheaply: an edit adds at
   * most one letter the other word lacks, and takes out at most one it has (a swap
   * neither), so the distance is at least the larger of those two counts.
   */
  export class Letters {
    constructor(private readonly _word: string) {
      for (let i = 0; i < _word.length; i++) {
        this._counts[_word.charCodeAt(i)]++;
      }
    }

    /** Give the shared counts back, all zero (call once done with the word). */
    release(): void {
      for (let i = 0; i < this._word.length; i++) {
        this._counts[this._word.charCodeAt(i)]--;
      }
    }

    lowerBound(other: string): number {
      const counts = this._counts;
      let extra = 0;
      for (let i = 0; i < other.length; i++) {
        // Take the letter from the word's counts (below zero: one too many).
        if (--counts[other.charCodeAt(i)] < 0) {
          extra++;
        }
      }
      for (let i = 0; i < other.length; i++) {
        counts[other.charCodeAt(i)]++;
      }
      return Math.max(extra, this._word.length - (other.length - extra));
    }

    // One count per UTF-16 code unit (folded words are any letters), in one array
    // for every word: 256 KiB allocated per corrected word were outside the heap,
    // and their growth set off full garbage collections in the middle of searches.
    private readonly _counts = COUNTS;
  }

  const COUNTS = new Int32Array(0x10000);

  /**
   * The optimal string alignment distance of two words (Levenshtein plus swapped
   * neighbours), or any value ≥ `limit` once it cannot be below it.
   */
  export function distance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) >= limit) {
      return limit;
    }
    // Three rows of the table (the one before the previous for swaps), reused.
    const width = b.length + 1;
    let before = new Int32Array(width);
    let previous = new Int32Array(width);
    let current = new Int32Array(width);
    for (let j = 0; j < width; j++) {
      previous[j] = j;
    }
    for (let i = 1; i <= a.length; i++) {
      current[0] = i;
      let smallest = i;
      const ai = a.charCodeAt(i - 1);
      const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
      for (let j = 1; j < width; j++) {
        const bj = b.charCodeAt(j - 1);
        let value = Math.min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + (ai === bj ? 0 : 1)
        );
        if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < smallest) {
          smallest = value;
        }
      }
      if (smallest >= limit) {
        return limit;
      }
      const spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    return previous[b.length];
  }
}
