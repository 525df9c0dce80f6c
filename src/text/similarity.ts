/**
 * Text features and similarity measures for version alignment (./align.ts).
 *
 * The measure, in short: each provision becomes a bag of *terms* — English words lower-cased,
 * Porter-stemmed (`stemmer` package, M. F. Porter 1980), with function words dropped, the party
 * aliases of the process at hand mapped to the party's name (given by the caller, see
 * {@link aliasesOfParties}) and members of a synonym group mapped to the group's first word — plus *number terms* (`#600000`, `#50:50`, `#1e11`) that count double.
 * Terms are weighted by TF-IDF (Salton & Buckley 1988: `tf × ln(1 + N/df)`, N = units in both
 * versions) and two units are compared by the cosine of their weight vectors, in [0, 1].
 *
 * The same features feed the substantive comparison used on paraphrased renderings: the key
 * numbers, the named entities (capitalised words, with acronyms resolved against the initials of
 * the other text) and the share of new content terms ({@link novelty}).
 */
import { stemmer } from 'stemmer';
import { conceptIndex, conceptsOf, FOREIGN_NUMBER_WORDS, type ConceptIndex } from './concepts.js';
import { foldWord, foreignStem, isForeignStopword, isLanguage, romanise, type Language } from './languages.js';

/** English function words (and a few drafting fillers) ignored as terms. */
const STOPWORDS = new Set(
  `a an the and or nor but if then else of to in on at by for from with without into onto upon over under
  as is are was were be been being am do does did done has have had having it its it's this that these those
  there here which who whom whose what when where while whether how why all any each every either neither
  both some such no not only own same so than too very can could may might must shall should will would
  also just more most other another further i we you he she they them their his her our us' ourselves
  itself themselves one per via among amongst between about against during before after above below
  up down out off again once upon thereby therein whereby wherein whatever whoever get gets got
  is-to be-to anew including include includes`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Synonym groups of negotiation drafting: every word in a group is read as the group's first word.
 * Matching is on Porter stems, so one inflection per word is enough. Extend with
 * {@link FeatureOptions.synonyms}.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['confirm', 'reaffirm', 'affirm', 'reconfirm'],
  ['strong', 'robust', 'reliable', 'solid', 'firm'],
  ['election', 'poll', 'ballot', 'vote'],
  ['force', 'troops', 'army', 'military', 'armed'],
  ['agreement', 'accord', 'pact', 'deal', 'treaty', 'memorandum'],
  ['rebuild', 'reconstruction', 'reconstruct', 'recovery', 'restore'],
  ['global', 'international', 'worldwide', 'world'],
  ['operate', 'run', 'operation', 'restart'],
  ['member', 'join', 'accede', 'accession', 'membership', 'admission', 'admit'],
  ['bid', 'application', 'candidacy'],
  ['consider', 'review', 'assess', 'consideration', 'examine'],
  ['privileged', 'preferential'],
  ['remain', 'stay', 'keep'],
  ['weapon', 'arms'],
  ['attack', 'aggression', 'invade', 'invasion'],
  ['create', 'establish', 'set', 'form', 'found'],
  ['handle', 'address', 'settle', 'tackle'],
  ['unresolved', 'open', 'outstanding', 'pending'],
  ['issue', 'case', 'question', 'matter', 'concern'],
  ['oversight', 'supervision', 'monitoring', 'overseen', 'oversee', 'supervise', 'monitor'],
  ['half', 'equal', 'equally'],
  ['cap', 'limit', 'ceiling', 'exceed'],
  ['dialogue', 'talks', 'negotiations'],
  ['withdraw', 'leave', 'pull', 'withdrawal'],
  ['binding', 'bind'],
  ['commit', 'commitment', 'pledge', 'undertake'],
  ['guarantee', 'assurance'],
  ['exchange', 'swap'],
  ['side', 'party'],
  ['sanction', 'sanctions'],
  ['assets', 'funds', 'money'],
];

/**
 * Party aliases for {@link FeatureOptions.aliases}, from the parties of the process at hand: each
 * other name a party goes by ("the Kremlin", "Kyiv", "la guerrilla") is read as the party's name, so
 * a metonym in one version meets the name in the other. Accord knows no party of its own; an alias
 * shared by two parties stays with the first. Names shorter than two letters are ignored.
 */
export function aliasesOfParties(parties: readonly { name: string; aliases?: readonly string[] }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parties)
    for (const a of p.aliases ?? []) {
      const k = a.trim().toLowerCase();
      if (k.replace(/[^\p{L}\p{N}]/gu, '').length >= 2 && k !== p.name.toLowerCase() && !Object.hasOwn(out, k)) out[k] = p.name;
    }
  return out;
}

/** Options of {@link extractFeatures} and {@link FeatureSpace}. */
export interface FeatureOptions {
  /** Extra synonym groups (first word is the group's name). */
  synonyms?: string[][];
  /** Metonyms / party aliases of the process at hand: phrase → canonical name ({@link aliasesOfParties}). */
  aliases?: Record<string, string>;
  /**
   * Language of the text (ISO 639-1, one of ./languages.ts `LANGUAGES`): words of French, Spanish,
   * Portuguese, Russian, Ukrainian or Arabic are read with that language's stop words and stemmer.
   * Words in Cyrillic or Arabic script are read as such whatever is given; default English.
   */
  language?: string;
  /**
   * Read for comparison with a version in another language: words of the multilingual lexicon
   * (./concepts.ts) become concept terms (`~name`), and names become consonant-skeleton terms
   * (`@skeleton`) in whatever script they are written. Default false.
   */
  crossLingual?: boolean;
}

/** What a piece of text says, reduced for comparison. */
export interface TextFeatures {
  /** Term → count (stemmed content words and `#number` terms). */
  terms: Map<string, number>;
  /** Normalised key numbers (`600000`, `1e11`, `50:50`, `50%`). */
  numbers: Set<string>;
  /** Canonical named entities (lower case), e.g. `russia`, `nato`, `zaporizhzhia`. */
  entities: Set<string>;
  /** Acronyms written in the text (upper case), kept to resolve against another text's initials. */
  acronyms: Set<string>;
  /** Initials of runs of capitalised words, e.g. `NPT` for "Non-Proliferation Treaty". */
  initials: Set<string>;
  /** Content terms in reading order (for coverage and novelty). */
  content: string[];
  /** Consonant skeletons of the names written ({@link skeleton}), to meet transliterations. */
  skeletons?: Set<string>;
}

/** English number words read as numbers (a Map: a plain object would also answer "constructor"). */
const WORD_NUMBERS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
  }),
);
const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

/** Compiled synonym and alias tables. */
interface Lexicon {
  synonym: Map<string, string>;
  aliasRe: RegExp | null;
  /** Lower-case alias phrases, for a cheap substring pre-check. */
  aliasKeys: string[];
  aliases: Map<string, string>;
}

const lexiconCache = new WeakMap<FeatureOptions, Lexicon>();
const defaultKey: FeatureOptions = {};

function lexicon(opts: FeatureOptions = defaultKey): Lexicon {
  const hit = lexiconCache.get(opts);
  if (hit) return hit;
  const synonym = new Map<string, string>();
  for (const group of [...DEFAULT_SYNONYMS, ...(opts.synonyms ?? [])]) {
    const head = stem(group[0]!);
    for (const w of group) if (!synonym.has(stem(w))) synonym.set(stem(w), head);
  }
  const aliases = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.aliases ?? {})) aliases.set(k.toLowerCase(), v);
  const phrases = [...aliases.keys()].sort((x, y) => y.length - x.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const aliasRe = phrases.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const lx = { synonym, aliasRe, aliases, aliasKeys: [...aliases.keys()] };
  lexiconCache.set(opts, lx);
  return lx;
}

/** Stems are cut to this many letters, which merges derivations Porter keeps apart ("recognition"/"recognises"). */
export const STEM_LENGTH = 7;

const stemCache = new Map<string, string>();
/** Porter stem of a lower-case word, cut to {@link STEM_LENGTH} letters (memoised). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word).slice(0, STEM_LENGTH);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Read a number written with thousands separators (`,` space NBSP thin space) and an optional decimal point. */
function readNumber(s: string): number {
  return Number(s.replace(/[,\s\u00a0\u202f]/g, ''));
}

/** Canonical string for a numeric value (`1e11` for 100 billion, `600000`). */
function numKey(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e9 && Number.isInteger(v)) return v.toExponential().replace('+', '');
  return String(Math.round(v * 1000) / 1000);
}

/**
 * Key numbers written in `text`: plain (`600,000`, `600 000`), scaled (`US$100 billion`, `$100 bn`),
 * ratios (`50:50`, `50/50`), percentages (`50%`) and small number words (`thirty`).
 * Labels glued to letters (`G8`, `START-2`) are not numbers.
 */
export function keyNumbers(text: string): Set<string> {
  const out = digitNumbers(text);
  for (const m of text.matchAll(/\b([a-z]+)\b/gi)) {
    const v = WORD_NUMBERS.get(m[1]!.toLowerCase());
    if (v !== undefined && v !== 100) out.add(numKey(v));
  }
  return out;
}

const NUMBER_RE = /(?<![\p{L}\d.])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+(?:\.\d+)?)(?:\s*(?::|\/)\s*(\d+)(?![\d]))?(\s*%|\s*per\s*cent|\s*por\s*ciento|\s*pour\s*cent|\s*(?:thousand|million|billion|trillion|bn|mn|tn)\b)?(?![\p{L}])/giu;

/** The numbers written with digits in `text` (see {@link keyNumbers}). */
function digitNumbers(text: string): Set<string> {
  const out = new Set<string>();
  if (!/\d/.test(text)) return out;
  for (const m of text.matchAll(NUMBER_RE)) {
    const [, n, ratio, suffix] = m;
    if (ratio !== undefined) {
      out.add(`${readNumber(n!)}:${readNumber(ratio)}`);
      continue;
    }
    let v = readNumber(n!);
    const suf = (suffix ?? '').trim().toLowerCase();
    if (suf === '%' || /^(?:per|por|pour)/.test(suf)) {
      out.add(`${numKey(v)}%`);
      continue;
    }
    if (suf) v *= Object.hasOwn(MULTIPLIERS, suf) ? MULTIPLIERS[suf]! : 1;
    out.add(numKey(v));
  }
  return out;
}

/**
 * Reduce `text` to {@link TextFeatures}. Pure; cost linear in the text length.
 */
export function extractFeatures(input: string, opts: FeatureOptions = defaultKey): TextFeatures {
  let text = input;
  const lx = lexicon(opts.synonyms || opts.aliases ? opts : defaultKey);
  const version: Language = isLanguage(opts.language) ? opts.language : 'en';
  const cross = !!opts.crossLingual;
  const concepts: ConceptIndex | null = cross ? conceptIndex(stem) : null;
  // Arabic-Indic digits read as digits; Arabic vowel marks and tatweel dropped (they would split words).
  if (/[\u0600-\u06ff]/.test(text))
    text = text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x660) % 0x90)).replace(/[\u064b-\u0652\u0670\u0640]/g, '');
  const terms = new Map<string, number>();
  const content: string[] = [];
  const entities = new Set<string>();
  const acronyms = new Set<string>();
  const initials = new Set<string>();
  const skeletons = new Set<string>();
  const numbers = digitNumbers(text);

  // Party aliases become the party's name before tokenising ("the Kremlin's" → "Russia's" when the process says so).
  const lowerText = text.toLowerCase();
  const t = lx.aliasRe && lx.aliasKeys.some((k) => lowerText.includes(k)) ? text.replace(lx.aliasRe, (p) => lx.aliases.get(p.toLowerCase()) ?? p) : text;

  /** Add the concept terms of a word; false when it stands for none. */
  const conceptTerms = (names: readonly string[]): boolean => {
    for (const c of names) {
      const k = `~${c}`;
      terms.set(k, (terms.get(k) ?? 0) + 1);
      content.push(k);
    }
    return names.length > 0;
  };
  const nameTerm = (sk: string) => terms.set(`@${sk}`, (terms.get(`@${sk}`) ?? 0) + 1);
  /** A word of a language other than English (its own stop words, stemmer and number words). */
  const foreignWord = (raw: string, lang: Exclude<Language, 'en'>, at: number) => {
    flush();
    const lower = raw.toLowerCase().replace(/['’ʼ]/g, '');
    const folded = foldWord(lower);
    const wn = FOREIGN_NUMBER_WORDS.get(folded);
    if (wn !== undefined) {
      numbers.add(numKey(wn));
      return;
    }
    const isCap = raw !== lower && raw[0] !== lower[0];
    if (isForeignStopword(lang, folded) || folded.length < 2) return;
    const st = foreignStem(lang, lower);
    const named = (isCap && at > 0 && !isSentenceStart(t, at)) || (isCap && raw.length >= 2 && raw === raw.toUpperCase());
    if (named) {
      entities.add(st);
      const sk = skeleton(romanise(lower));
      if (sk.length >= 3) {
        skeletons.add(sk);
        if (cross) nameTerm(sk);
      }
    }
    if (concepts && conceptTerms(conceptsOf(concepts, lang, st))) return;
    // Arabic writes no capitals: in a cross-lingual reading any word outside the lexicon may be a name.
    if (cross && lang === 'ar' && !named) {
      const sk = skeleton(romanise(lower));
      if (sk.length >= 3) nameTerm(sk);
    }
    terms.set(st, (terms.get(st) ?? 0) + 1);
    content.push(st);
  };

  // Initials of runs of capitalised words (hyphenated parts count separately).
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) for (let j = i + 2; j <= Math.min(run.length, i + 8); j++) initials.add(run.slice(i, j));
    run = '';
  };
  for (const m of t.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const c0 = raw.charCodeAt(0);
    const isDigit = c0 >= 48 && c0 <= 57;
    if (!isDigit && !isLetter(raw[0]!)) {
      if (raw !== '-' && raw !== '–') flush();
      continue;
    }
    if (isDigit) {
      flush();
      continue; // numbers handled above
    }
    const lang = c0 >= 0x400 && c0 <= 0x4ff ? (version === 'uk' ? 'uk' : 'ru') : c0 >= 0x600 && c0 <= 0x6ff ? 'ar' : version === 'ru' || version === 'uk' || version === 'ar' ? 'en' : version;
    if (lang !== 'en') {
      foreignWord(raw, lang, m.index!);
      continue;
    }
    const word = raw.includes("'") || raw.includes('’') ? raw.replace(/['’]s$/i, '').replace(/['’]/g, '') : raw;
    const lower = spellingKey(word.toLowerCase());
    const isCap = word !== lower && word[0] !== lower[0];
    if (isCap) run += word[0]!.toUpperCase();
    else flush();
    const wn = WORD_NUMBERS.get(lower);
    if (wn !== undefined) {
      if (wn !== 100) numbers.add(numKey(wn));
      continue;
    }
    const isAcronym = isCap && word.length >= 2 && word === word.toUpperCase();
    if (isAcronym) acronyms.add(word);
    if (isCap && m.index! > 0 && !isSentenceStart(t, m.index!)) {
      entities.add(canonicalEntity(lower));
      // Transliterations of one name share a consonant skeleton (Hodeidah / Hudaydah, Kyiv / Kiev):
      // kept to tell a new name from a respelt one.
      const sk = skeleton(lower);
      if (sk.length >= 3) {
        skeletons.add(sk);
        if (cross) nameTerm(sk);
      }
    }
    else if (isAcronym) entities.add(lower);
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    let st = stem(lower);
    if (concepts && conceptTerms(conceptsOf(concepts, 'en', st))) continue;
    st = lx.synonym.get(st) ?? st;
    terms.set(st, (terms.get(st) ?? 0) + 1);
    content.push(st);
  }
  flush();
  // Hyphenated compounds also count joined ("cease-fire" meets "ceasefire").
  if (t.includes('-'))
    for (const m of t.matchAll(COMPOUND_RE)) {
      const st = stem(spellingKey(m[0].replace(/-/g, '').toLowerCase()));
      terms.set(st, (terms.get(st) ?? 0) + 1);
    }
  for (const n of numbers) {
    terms.set(`#${n}`, (terms.get(`#${n}`) ?? 0) + 2);
    // A figure amended between versions (a cap of 600,000 become 800,000) keeps its order of magnitude.
    const m = magnitudeTerm(n);
    if (m) terms.set(m, (terms.get(m) ?? 0) + 1);
  }
  return { terms, numbers, entities, acronyms, initials, content, skeletons };
}

const COMPOUND_RE = /\p{L}{2,}(?:-\p{L}{2,})+/gu;

/**
 * The order-of-magnitude term of a number key (`#~e5` for 600000, `#~%` for a percentage), or null
 * for ratios and numbers below 100 (clause and day counts, too common to tell provisions apart).
 */
function magnitudeTerm(key: string): string | null {
  if (key.endsWith('%')) return '#~%';
  if (key.includes(':')) return null;
  const v = Number(key);
  if (!Number.isFinite(v) || Math.abs(v) < 100) return null;
  return `#~e${Math.floor(Math.log10(Math.abs(v)))}`;
}

/**
 * One spelling for the variants of a word: accents folded (NFD marks removed), British forms read
 * as American (-ise/-isation → -ize/-ization, -our → -or, -tre → -ter, -yse → -yze, -ence → -ense in
 * defence/offence/licence, -mme → -m, doubled l before -ed/-ing), so "organisation" meets
 * "organization" and "defence" meets "defense". Both versions are read the same way, so a rule that
 * also rewrites a word with no variant ("promise" → "promize") merges nothing it should not.
 */
const spellingCache = new Map<string, string>();
export function spellingKey(lower: string): string {
  let hit = spellingCache.get(lower);
  if (hit === undefined) {
    hit = spellingOf(lower);
    if (spellingCache.size < 200_000) spellingCache.set(lower, hit);
  }
  return hit;
}

function spellingOf(lower: string): string {
  let w = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}+/gu, '') : lower;
  if (w.length < 5) return w;
  w = w
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/ys(e|ed|es|ing)$/, 'yz$1')
    .replace(/([a-z]{3})our(s|ed|ing|able|ite|ites)?$/, '$1or$2')
    .replace(/([a-z]{3})tre(s)?$/, '$1ter$2')
    .replace(/(fen|cen|ten)ce(s)?$/, '$1se$2')
    .replace(/mme(s)?$/, 'm$1')
    .replace(/([aeiou])ll(ed|ing|er|ers)$/, '$1l$2');
  return w;
}

/** Consonant skeleton of a name: lower case, accents folded, digraphs reduced (kh zh sh ch ts ph), vowels and y/w/h dropped after the first letter, repeats collapsed. */
export function skeleton(lower: string): string {
  const w = spellingKey(lower)
    .replace(/kh|gh/g, 'h')
    .replace(/zh/g, 'z')
    .replace(/sh|sch|ch/g, 's')
    .replace(/ts|tz/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/[^a-z]/g, '');
  if (!w) return '';
  const rest = w.slice(1).replace(/[aeiouyhw]/g, '');
  return (w[0] + rest).replace(/(.)\1+/g, '$1');
}

/**
 * The canonical form of a text for identity tests between versions: lower case, accents folded,
 * typography unified, hyphens inside words dropped ("cease-fire" = "ceasefire"), spelling variants
 * read one way ({@link spellingKey}), "per cent" / "percent" as "%", number words as digits,
 * whitespace collapsed. Two renderings that differ only in those respects are the same text.
 */
export function canonicalText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201A\u201B`´]/g, "'")
    .replace(/[\u201C-\u201F«»]/g, '"')
    .replace(/(?<=\p{L})-(?=\p{L})/gu, '')
    .replace(/\s*(?:per\s?cent|pour\s?cent|por\s?ciento|por\s?cento)\b/g, '%')
    .replace(/\p{L}+/gu, (w) => {
      const v = WORD_NUMBERS.get(w);
      return v !== undefined && v !== 100 ? String(v) : spellingKey(w);
    })
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;
function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  return c > 127 && /\p{L}/u.test(ch);
}


function canonicalEntity(lower: string): string {
  return stem(lower);
}

function isSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\u00a0' || c === '*' || c === '_' || c === '"' || c === '“' || c === '(') continue;
    return c === '.' || c === ':' || c === ';' || c === '!' || c === '?' || c === '\n' || c === '•' || c === '-';
  }
  return true;
}

/**
 * A set of units sharing one IDF table: build it once over both versions, then compare any two.
 * Vectors are kept as sorted term-id arrays so a cosine is one merge pass.
 */
export class FeatureSpace {
  readonly df = new Map<string, number>();
  readonly n: number;
  /** Term → dense id. */
  readonly termId = new Map<string, number>();
  private readonly idfOf: number[] = [];
  private readonly termOf: string[] = [];
  /** Document frequency by term id. */
  readonly dfOf: number[] = [];
  private readonly ids: Int32Array[];
  private readonly ws: Float64Array[];
  private readonly norms: Float64Array;

  /** `features`: the units of both versions (an IDF table needs them all). */
  constructor(readonly features: TextFeatures[]) {
    for (const f of features)
      for (const t of f.terms.keys()) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        if (!this.termId.has(t)) this.termId.set(t, this.termId.size);
      }
    this.n = features.length;
    for (const [t, id] of this.termId) {
      this.idfOf[id] = this.idf(t);
      this.termOf[id] = t;
      this.dfOf[id] = this.df.get(t)!;
    }
    this.ids = [];
    this.ws = [];
    this.norms = new Float64Array(features.length);
    const seen = new Map<TextFeatures, number>(); // shared feature objects share their vector
    features.forEach((f, i) => {
      const prev = seen.get(f);
      if (prev !== undefined) {
        this.ids.push(this.ids[prev]!);
        this.ws.push(this.ws[prev]!);
        this.norms[i] = this.norms[prev]!;
        return;
      }
      seen.set(f, i);
      const ids = new Int32Array(f.terms.size);
      let k = 0;
      for (const t of f.terms.keys()) ids[k++] = this.termId.get(t)!;
      ids.sort();
      const ws = new Float64Array(ids.length);
      let norm = 0;
      for (k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        const w = f.terms.get(this.termOf[id]!)! * this.idfOf[id]!;
        ws[k] = w;
        norm += w * w;
      }
      this.ids.push(ids);
      this.ws.push(ws);
      this.norms[i] = Math.sqrt(norm);
    });
  }

  /** Inverse document frequency `ln(1 + N/df)`; unseen terms get the rarest weight. */
  idf(term: string): number {
    return Math.log(1 + this.n / (this.df.get(term) ?? 1));
  }

  /** Sorted term ids and weights of unit `i`, and its norm (for inverted-index scoring). */
  vector(i: number): { ids: Int32Array; ws: Float64Array; norm: number } {
    return { ids: this.ids[i]!, ws: this.ws[i]!, norm: this.norms[i]! };
  }

  /** Cosine of units `i` and `j` (indices into `features`), in [0, 1]. */
  cosine(i: number, j: number): number {
    const na = this.norms[i]!;
    const nb = this.norms[j]!;
    if (!na || !nb) return 0;
    const ia = this.ids[i]!;
    const ib = this.ids[j]!;
    const wa = this.ws[i]!;
    const wb = this.ws[j]!;
    let x = 0;
    let y = 0;
    let dot = 0;
    while (x < ia.length && y < ib.length) {
      const d = ia[x]! - ib[y]!;
      if (d === 0) dot += wa[x++]! * wb[y++]!;
      else if (d < 0) x++;
      else y++;
    }
    return Math.min(1, dot / (na * nb));
  }

  /** Cosine of two ad-hoc feature sets (used for merged/split unions and sub-points). */
  cosineOf(a: TextFeatures, b: TextFeatures): number {
    return cosineMaps(this.weigh(a), this.weigh(b));
  }

  /** TF-IDF vector of arbitrary features under this space's IDF. */
  weigh(f: TextFeatures): Map<string, number> {
    const v = new Map<string, number>();
    for (const [t, c] of f.terms) v.set(t, c * this.idf(t));
    return v;
  }

  /**
   * Share of `part`'s weighted content found in `whole` (0–1): how much of `part` is contained in
   * `whole`. Used to detect merges (each source contained in the merged text) and splits.
   */
  containment(part: TextFeatures, whole: TextFeatures): number {
    let tot = 0;
    let hit = 0;
    for (const [t] of part.terms) {
      const w = this.idf(t);
      tot += w;
      if (whole.terms.has(t) || fuzzyHas(whole.terms, t)) hit += w;
    }
    return tot ? hit / tot : 0;
  }

  /**
   * Novelty of `b` against `a`: IDF-weighted share of `b`'s distinct content terms (numbers
   * excluded) that `a` lacks, with a stem counting as present when one is a prefix of the
   * other and both have at least 5 letters, or when `b` writes as an acronym the initials of
   * capitalised words in `a` ("NPT").
   */
  novelty(a: TextFeatures, b: TextFeatures): number {
    let tot = 0;
    let miss = 0;
    for (const t of new Set(b.content)) {
      const w = this.idf(t);
      tot += w;
      if (!a.terms.has(t) && !fuzzyHas(a.terms, t) && !(b.acronyms.has(t.toUpperCase()) && a.initials.has(t.toUpperCase()))) miss += w;
    }
    return tot ? miss / tot : 0;
  }
}

/** Cosine of two sparse vectors. */
export function cosineMaps(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    const x = b.get(t);
    if (x !== undefined) dot += w * x;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? Math.min(1, dot / Math.sqrt(na * nb)) : 0;
}

function fuzzyHas(terms: Map<string, number> | Set<string>, t: string): boolean {
  if (t.length < 5 || t.startsWith('#')) return false;
  for (const k of terms.keys()) {
    if (k.length < 5 || k.startsWith('#')) continue;
    if (k.startsWith(t) || t.startsWith(k)) return true;
  }
  return false;
}

/**
 * Entities of `b` that `a` does not mention: neither the same canonical name, nor a prefix-equal
 * form ("russia"/"russian"), nor — for acronyms — the initials of a run of capitalised words in
 * `a` ("NPT" ↔ "Non-Proliferation Treaty").
 */
export function newEntities(a: TextFeatures, b: TextFeatures): string[] {
  const out: string[] = [];
  for (const e of b.entities) {
    if (a.entities.has(e) || a.terms.has(e) || fuzzyHas(a.entities, e)) continue;
    const sk = skeleton(e);
    if (sk.length >= 3 && a.skeletons?.has(sk)) continue;
    const upper = e.toUpperCase();
    if (b.acronyms.has(upper) && a.initials.has(upper)) continue;
    out.push(e);
  }
  return out;
}

/** Whether the key numbers of two texts differ (a number in one and not in the other). */
export function numbersDiffer(a: TextFeatures, b: TextFeatures): boolean {
  if (a.numbers.size !== b.numbers.size) return true;
  for (const n of a.numbers) if (!b.numbers.has(n)) return true;
  return false;
}

/** Frequent function words of the languages Accord reads, to tell them apart. */
const LANGUAGE_WORDS: Record<string, Set<string>> = {
  en: new Set('the of and to in is are be that for with on by shall will from this as'.split(' ')),
  fr: new Set('le la les des du et est sont une un dans pour sur par qui au aux'.split(' ')),
  es: new Set('el la los las del y es son una un en para por con que al se'.split(' ')),
  pt: new Set('o a os as do da dos das e é são um uma em para por com que ao'.split(' ')),
};

/**
 * The language of a text: `ru`/`uk` or `ar` by script (Ukrainian by і ї є ґ), else the Latin-script
 * language whose function words are the most frequent (en, fr, es, pt) when clearly ahead; null
 * for texts too short or mixed to tell.
 */
export function detectLanguage(text: string): string | null {
  let cyr = 0;
  let arab = 0;
  let latin = 0;
  let uk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) uk++;
    } else if (c >= 0x600 && c <= 0x6ff) arab++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  const letters = cyr + arab + latin;
  if (letters < 40) return null;
  if (arab > 0.5 * letters) return 'ar';
  if (cyr > 0.5 * letters) return uk > 0.005 * cyr ? 'uk' : 'ru';
  if (latin < 0.5 * letters) return null;
  const score: Record<string, number> = {};
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) for (const [lang, set] of Object.entries(LANGUAGE_WORDS)) if (set.has(w)) score[lang] = (score[lang] ?? 0) + 1;
  const ranked = Object.entries(score).sort((p, q) => q[1] - p[1]);
  if (!ranked.length || ranked[0]![1] < 5) return null;
  if (ranked[1] && ranked[1][1] * 1.5 > ranked[0]![1]) return null;
  return ranked[0]![0];
}
