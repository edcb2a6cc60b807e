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
   * Count the terms of one more indexed text.
   */
  add(terms: Iterable<string>): void {
    for (const word of terms) {
      const docs = this._docs.get(word);
      this._docs.set(word, (docs ?? 0) + 1);
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
    for (
      let length = folded.length - max;
      length <= folded.length + max;
      length++
    ) {
      for (const candidate of this._byLength.get(length) ?? []) {
        // Exact below the limit: a tie with the best so far is a true tie.
        const distance = Private.distance(
          folded,
          candidate,
          Math.min(bestDistance, max) + 1
        );
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
   * The optimal string alignment distance of two words (Levenshtein plus swapped
   * neighbours), or any value ≥ `limit` once it cannot be below it.
   */
  export function distance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) >= limit) {
      return limit;
    }
    let before = new Array<number>(b.length + 1).fill(0);
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let smallest = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + cost
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest >= limit) {
        return limit;
      }
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }
}
