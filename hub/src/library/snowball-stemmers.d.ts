/**
 * Types of the `snowball-stemmers` package (JavaScript ports of the Snowball stemmers),
 * which ships none.
 */
declare module 'snowball-stemmers' {
  export interface IStemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): IStemmer;
  export function algorithms(): string[];
}
