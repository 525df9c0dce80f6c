/**
 * Text features and similarity measures for version alignment (./align.ts).
 *
 * The measure, in short: each provision becomes a bag of *terms* — English words lower-cased,
 * Porter-stemmed (`stemmer` package, M. F. Porter 1980), with function words dropped, party
 * metonyms mapped to one name ("Moscow" → russia) and members of a synonym group mapped to the
 * group's first word — plus *number terms* (`#600000`, `#50:50`, `#1e11`) that count double.
 * Terms are weighted by TF-IDF (Salton & Buckley 1988: `tf × ln(1 + N/df)`, N = units in both
 * versions) and two units are compared by the cosine of their weight vectors, in [0, 1].
 *
 * The same features feed the substantive comparison used on paraphrased renderings: the key
 * numbers, the named entities (capitalised words, with acronyms resolved against the initials of
 * the other text) and the share of new content terms ({@link novelty}).
 */
import { stemmer } from 'stemmer';

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
 * Metonyms that stand for a party in diplomatic prose (a capital for its government). Keys are
 * matched case-insensitively as whole phrases; values are the canonical name. Extend or replace
 * with {@link FeatureOptions.aliases} (e.g. from the process's `Party.aliases`).
 */
export const DEFAULT_ALIASES: Record<string, string> = {
  moscow: 'Russia',
  kremlin: 'Russia',
  russian: 'Russia',
  kyiv: 'Ukraine',
  kiev: 'Ukraine',
  ukrainian: 'Ukraine',
  washington: 'US',
  'united states': 'US',
  'united states of america': 'US',
  'white house': 'US',
  american: 'US',
  'u.s.': 'US',
  usa: 'US',
  european: 'Europe',
  brussels: 'EU',
  london: 'UK',
  'united kingdom': 'UK',
  paris: 'France',
  berlin: 'Germany',
  beijing: 'China',
};

/** Options of {@link extractFeatures} and {@link FeatureSpace}. */
export interface FeatureOptions {
  /** Extra synonym groups (first word is the group's name). */
  synonyms?: string[][];
  /** Extra or overriding metonyms / party aliases: phrase → canonical name. */
  aliases?: Record<string, string>;
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
}

const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};
const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

/** Compiled synonym and alias tables. */
interface Lexicon {
  synonym: Map<string, string>;
  aliasRe: RegExp | null;
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
  for (const [k, v] of Object.entries({ ...DEFAULT_ALIASES, ...(opts.aliases ?? {}) })) aliases.set(k.toLowerCase(), v);
  const phrases = [...aliases.keys()].sort((x, y) => y.length - x.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const aliasRe = phrases.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const lx = { synonym, aliasRe, aliases };
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
  const out = new Set<string>();
  const re = /(?<![\p{L}\d.])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+(?:\.\d+)?)(?:\s*(?::|\/)\s*(\d+)(?![\d]))?(\s*%|\s*per\s*cent|\s*(?:thousand|million|billion|trillion|bn|mn|tn)\b)?(?![\p{L}])/giu;
  for (const m of text.matchAll(re)) {
    const [, n, ratio, suffix] = m;
    if (ratio !== undefined) {
      out.add(`${readNumber(n!)}:${readNumber(ratio)}`);
      continue;
    }
    let v = readNumber(n!);
    const suf = (suffix ?? '').trim().toLowerCase();
    if (suf === '%' || suf.startsWith('per')) {
      out.add(`${numKey(v)}%`);
      continue;
    }
    if (suf) v *= MULTIPLIERS[suf] ?? 1;
    out.add(numKey(v));
  }
  for (const m of text.matchAll(/\b([a-z]+)\b/gi)) {
    const w = m[1]!.toLowerCase();
    const v = WORD_NUMBERS[w];
    if (v !== undefined && v !== 100) out.add(numKey(v));
  }
  return out;
}

/**
 * Reduce `text` to {@link TextFeatures}. Pure; cost linear in the text length.
 */
export function extractFeatures(text: string, opts: FeatureOptions = defaultKey): TextFeatures {
  const lx = lexicon(opts);
  const terms = new Map<string, number>();
  const content: string[] = [];
  const entities = new Set<string>();
  const acronyms = new Set<string>();
  const initials = new Set<string>();
  const numbers = keyNumbers(text);
  for (const n of numbers) terms.set(`#${n}`, (terms.get(`#${n}`) ?? 0) + 2);

  // Party metonyms become their canonical name before tokenising ("Moscow's" → "Russia's").
  const t = lx.aliasRe ? text.replace(lx.aliasRe, (p) => lx.aliases.get(p.toLowerCase()) ?? p) : text;

  // Initials of runs of capitalised words (hyphenated parts count separately).
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) for (let j = i + 2; j <= run.length; j++) initials.add(run.slice(i, j));
    run = '';
  };
  for (const m of t.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu)) {
    const raw = m[0];
    if (!/^[\p{L}\p{N}]/u.test(raw)) {
      if (raw !== '-' && raw !== '–') flush();
      continue;
    }
    const word = raw.replace(/['’]s$/i, '').replace(/['’]/g, '');
    const isCap = /^\p{Lu}/u.test(word);
    if (isCap && !/^\d/.test(word)) run += word[0]!.toUpperCase();
    else flush();
    if (/^\d/.test(word)) continue; // numbers handled above
    const lower = word.toLowerCase();
    if (WORD_NUMBERS[lower] !== undefined) continue;
    const isAcronym = word.length >= 2 && /^[\p{Lu}\d]+$/u.test(word);
    if (isAcronym) acronyms.add(word);
    if (isCap && m.index! > 0 && !isSentenceStart(t, m.index!)) entities.add(canonicalEntity(lower));
    else if (isAcronym) entities.add(lower);
    else if (isCap && KNOWN_NAMES.test(word)) entities.add(canonicalEntity(lower));
    if (STOPWORDS.has(lower) || lower.length < 2) continue;
    let s = stem(lower);
    s = lx.synonym.get(s) ?? s;
    terms.set(s, (terms.get(s) ?? 0) + 1);
    content.push(s);
  }
  flush();
  return { terms, numbers, entities, acronyms, initials, content };
}

/** Capitalised words that are names even at the start of a sentence (parties already aliased). */
const KNOWN_NAMES = /^(Russia|Ukraine|US|EU|Europe|NATO|UK|France|Germany|China|Poland)$/;

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
 */
export class FeatureSpace {
  readonly df = new Map<string, number>();
  readonly n: number;
  private readonly norms: number[];
  /** Weighted vectors, one per unit, same order as the constructor's `features`. */
  readonly vectors: Map<string, number>[];

  /** `features`: the units of both versions (an IDF table needs them all). */
  constructor(readonly features: TextFeatures[]) {
    for (const f of features) for (const t of f.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.n = features.length;
    this.vectors = features.map((f) => {
      const v = new Map<string, number>();
      for (const [t, c] of f.terms) v.set(t, c * this.idf(t));
      return v;
    });
    this.norms = this.vectors.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)));
  }

  /** Inverse document frequency `ln(1 + N/df)`; unseen terms get the rarest weight. */
  idf(term: string): number {
    return Math.log(1 + this.n / (this.df.get(term) ?? 1));
  }

  /** Cosine of units `i` and `j` (indices into `features`), in [0, 1]. */
  cosine(i: number, j: number): number {
    const a = this.vectors[i]!;
    const b = this.vectors[j]!;
    const na = this.norms[i]!;
    const nb = this.norms[j]!;
    if (!na || !nb) return 0;
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [t, w] of small) {
      const x = large.get(t);
      if (x !== undefined) dot += w * x;
    }
    return Math.min(1, dot / (na * nb));
  }

  /** Cosine of two ad-hoc vectors built from features (used for merged/split unions). */
  cosineOf(a: TextFeatures, b: TextFeatures): number {
    const va = this.weigh(a);
    const vb = this.weigh(b);
    return cosineMaps(va, vb);
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
   * other and both have at least 5 letters ("sovereign" / "sovereignti").
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
