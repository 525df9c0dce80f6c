/** The part of `snowball-stemmers` (JS port of the Snowball stemmers) that ./languages.ts uses; the package ships no types. */
declare module 'snowball-stemmers' {
  interface Stemmer {
    /** Stem of one lower-case word. */
    stem(word: string): string;
  }
  /** A stemmer for one of {@link algorithms} ('russian', 'french', …). */
  export function newStemmer(language: string): Stemmer;
  /** Names of the stemmers shipped. */
  export function algorithms(): string[];
}

/** The stop-word lists of the `stopword` package that ./languages.ts uses; the package ships no types. */
declare module 'stopword' {
  export const eng: string[];
  export const fra: string[];
  export const spa: string[];
  export const por: string[];
  export const rus: string[];
  export const ukr: string[];
  export const ara: string[];
}
