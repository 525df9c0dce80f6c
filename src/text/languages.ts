/**
 * Per-language word handling for version alignment across languages (./similarity.ts): stop words
 * (`stopword` package lists), stems (Snowball stemmers, `snowball-stemmers` package: M. F. Porter,
 * "Snowball: A language for stemming algorithms", 2001; Ukrainian read with the Russian stemmer),
 * and a romanisation of Cyrillic and Arabic letters so that a name written in either script meets its
 * Latin transliteration through a consonant skeleton.
 *
 * English is handled by ./similarity.ts itself (Porter stems cut to {@link STEM_LENGTH}); this module
 * covers the other languages Accord reads.
 */
import { newStemmer } from 'snowball-stemmers';
import { ara, fra, por, rus, spa, ukr } from 'stopword';

/** Languages Accord reads (ISO 639-1). */
export const LANGUAGES = ['en', 'fr', 'es', 'pt', 'ru', 'uk', 'ar'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Whether `x` names a language Accord reads. */
export function isLanguage(x: string | null | undefined): x is Language {
  return !!x && (LANGUAGES as readonly string[]).includes(x);
}

/** Stems of languages other than English are cut to this many letters (as English ones are). */
export const FOREIGN_STEM_LENGTH = 7;

const SNOWBALL: Record<Exclude<Language, 'en'>, string> = {
  fr: 'french',
  es: 'spanish',
  pt: 'portuguese',
  ru: 'russian',
  uk: 'russian',
  ar: 'arabic',
};

/** Fold accents and Arabic diacritics, unify Arabic letter variants (أ إ آ → ا, ى → ي, ة → ه) and ё → е. */
export function foldWord(lower: string): string {
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  let w = lower;
  if (/[\u0600-\u06ff]/.test(w))
    w = w
      .replace(/[\u064b-\u0652\u0670\u0640]/g, '')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه');
  if (/[\u0400-\u04ff]/.test(w)) return w.replace(/ё/g, 'е').replace(/[ʼ'’]/g, '');
  return w.normalize('NFD').replace(/\p{M}+/gu, '');
}

const stemmers = new Map<string, { stem(w: string): string }>();
const stemCache = new Map<string, string>();

/** Snowball stem of a lower-case word of `lang` (not English), accents folded, cut to {@link FOREIGN_STEM_LENGTH}; memoised. */
export function foreignStem(lang: Exclude<Language, 'en'>, lower: string): string {
  const key = `${lang}\u0000${lower}`;
  let s = stemCache.get(key);
  if (s !== undefined) return s;
  const algo = SNOWBALL[lang];
  let st = stemmers.get(algo);
  if (!st) stemmers.set(algo, (st = newStemmer(algo)));
  // Stem the word as written (the stemmers expect accents), then fold.
  let w = lang === 'ar' ? lower.replace(/[\u064b-\u0652\u0640]/g, '') : lower;
  if (lang === 'uk') w = w.replace(/[ʼ'’]/g, '');
  let stemmed: string;
  try {
    stemmed = st.stem(w);
  } catch {
    stemmed = w;
  }
  s = foldWord(stemmed || w).slice(0, FOREIGN_STEM_LENGTH);
  if (stemCache.size < 200_000) stemCache.set(key, s);
  return s;
}

const STOPWORDS: Record<Exclude<Language, 'en'>, Set<string>> = {
  fr: new Set(fra.map(foldWord)),
  es: new Set(spa.map(foldWord)),
  pt: new Set(por.map(foldWord)),
  ru: new Set(rus.map(foldWord)),
  uk: new Set(ukr.map(foldWord)),
  ar: new Set(ara.map(foldWord)),
};

/** Whether a folded lower-case word is a function word of `lang` (not English). */
export function isForeignStopword(lang: Exclude<Language, 'en'>, folded: string): boolean {
  return STOPWORDS[lang].has(folded);
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const ARABIC: Record<string, string> = {
  ا: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's',
  ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', و: 'w', ي: 'y', ء: '',
  ئ: 'y', ؤ: 'w',
};

/**
 * Latin letters for a lower-case word written in Cyrillic or Arabic script (other scripts are
 * returned folded): Cyrillic by a BGN/PCGN-like table (дж → j, as names are usually transliterated),
 * Arabic by consonants with the article `ال` dropped. Only used to compare names, through
 * a consonant skeleton, so vowel quality does not matter.
 */
export function romanise(lower: string): string {
  const w = foldWord(lower);
  if (/[\u0400-\u04ff]/.test(w)) return w.replace(/дж/g, 'j').replace(/[\u0400-\u04ff]/g, (c) => CYRILLIC[c] ?? '');
  if (/[\u0600-\u06ff]/.test(w)) return w.replace(/^(?:[وفبلك]?ال|لل)(?=\S{3})/, '').replace(/[\u0600-\u06ff]/g, (c) => ARABIC[c] ?? '');
  return w;
}
