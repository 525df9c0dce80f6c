/**
 * Enumerations written inside one paragraph: "the parties agreed on: 1- an agreement …; 2- a
 * mechanism …; 3- a statement …", "This Agreement aims to: 1) …; 2) …", "The main points are:
 * first, …; second, …", "…shall end. 4. The Government…".
 *
 * A chain is a run of markers of one family (`1-`, `1)`, `(1)`, `1.`, `a)`, `(a)`, `a.`, `(i)`, or
 * ordinal adverbs in the languages of ./words.ts) whose values go 1, 2, 3… (or continue from a
 * given number) with nothing but text between them. Every marker must stand at a boundary: the start,
 * or after a space that follows punctuation (`:` `;` `,` `.`), optionally with a conjunction ("and",
 * "et", "y", "e", "и", "و"); the first one after a colon, a sentence end or the start. Markers that
 * read as prose (a number followed by a digit, "2018-12") are not markers.
 *
 * The last item of a chain whose items are separated by `;` or `,` (one sentence) ends with that
 * sentence; what follows is the tail. Otherwise the last item runs to the end of the text.
 *
 * Linear in the text length: one scan collects candidate markers, chains are grown greedily.
 */
import { alternation, asciiDigits, ORDINAL_ADVERBS } from './words.js';

/** One item of an enumeration: its marker value and where its text lies in the input. */
export interface InlineItem {
  value: number;
  /** Label as the item will carry it ("3", "b", "ii"). */
  label: string;
  /** Offset of the marker. */
  start: number;
  /** Offset where the item's text starts (after the marker). */
  textStart: number;
  /** Offset after the item's text. */
  end: number;
}

/** What {@link findEnumeration} finds. */
export interface Enumeration {
  family: string;
  /** Text before the first marker (offsets 0..items[0].start). */
  intro: string;
  items: InlineItem[];
  /** Text after the last item (offsets items[k-1].end..). */
  tail: string;
  tailStart: number;
}

const ORDINALS = alternation(ORDINAL_ADVERBS.keys());
const ROMAN_SMALL = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv'];
/** Candidate markers, one alternative per family (named groups tell which). */
const MARKER_RE = new RegExp(
  [
    `(?<dash>(?<!\\d[.,])(?<![\\p{L}\\p{N}/-])\\d{1,3}\\s?[-–](?=\\s*[\\p{L}"'«(]))`,
    `(?<paren>(?<!\\d[.,])(?<![\\p{L}\\p{N}/(])\\d{1,3}\\)(?=\\s*[\\p{L}"'«(]))`,
    `(?<parens>\\(\\d{1,3}\\)(?=\\s*[\\p{L}"'«]))`,
    `(?<dot>(?<![\\p{L}\\p{N}.,/])\\d{1,3}\\.(?=\\s+[\\p{Lu}\\p{Lo}"'«]))`,
    `(?<lparen>(?<![\\p{L}\\p{N}(])[a-z]\\)(?=\\s+[\\p{L}"'«]))`,
    `(?<lparens>\\([a-z]\\)(?=\\s+[\\p{L}"'«]))`,
    `(?<rparens>\\((?:${ROMAN_SMALL.join('|')})\\)(?=\\s+[\\p{L}"'«]))`,
    `(?<ldot>(?<![\\p{L}\\p{N}.])[a-z]\\.(?=\\s+[\\p{Ll}]))`,
    `(?<ord>(?<![\\p{L}\\p{N}-])(?:${ORDINALS})(?=\\s*[,:—–]|\\s+-\\s))`,
  ].join('|'),
  'giu',
);
const CHEAP_MARKER = /(?<![\p{L}\p{N}.])(?:[\d\u0660-\u0669]{1,3}\s?[-–.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\)|[a-z][.)])(?=[\s\p{L}"'«(])/giu;
const ORDINAL_HINT = /(?:first|second|premi|deuxi|primer|segund|во-перв|по-перш|أول|ثاني)/i;
function twoSeparators(text: string): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 59 || c === 44 || c === 0x61b || c === 0x60c) && ++seen === 2) return true;
  }
  return false;
}
function hasTwoMarkers(text: string): boolean {
  if (!/[\d)\u0660-\u0669]/.test(text) && !/(?:^|[\s:;])[a-z]\.\s/.test(text)) return false;
  CHEAP_MARKER.lastIndex = 0;
  return CHEAP_MARKER.exec(text) !== null && CHEAP_MARKER.exec(text) !== null;
}
const FAMILIES = ['dash', 'paren', 'parens', 'dot', 'lparen', 'lparens', 'rparens', 'ldot', 'ord'] as const;
/** Families that also need the preceding character to be punctuation (a sentence or clause boundary). */
const NEEDS_PUNCT = new Set(['dot', 'ord', 'ldot']);
const CONJ = /(?:^|\s)(?:and|or|et|ou|y|e|и|і|та|و)\s*$/iu;

interface Cand {
  family: string;
  value: number;
  label: string;
  start: number;
  end: number;
  /** What stands before the marker: 'start', 'colon', 'sentence' (. ! ?), 'clause' (; ,), 'space'. */
  before: 'start' | 'colon' | 'sentence' | 'clause' | 'space' | 'none';
}

function valueOf(family: string, raw: string): { value: number; label: string } | null {
  const t = raw.toLowerCase();
  switch (family) {
    case 'dash':
    case 'paren':
    case 'parens':
    case 'dot': {
      const d = /\d+/.exec(t)![0];
      return { value: Number(d), label: String(Number(d)) };
    }
    case 'lparen':
    case 'lparens':
    case 'ldot': {
      const l = /[a-z]/.exec(t)![0];
      return { value: l.charCodeAt(0) - 96, label: l };
    }
    case 'rparens': {
      const r = /[ivx]+/.exec(t)![0];
      return { value: ROMAN_SMALL.indexOf(r) + 1, label: r };
    }
    case 'ord': {
      const v = ORDINAL_ADVERBS.get(t.replace(/[\u064B-\u0652]/g, '')) ?? ORDINAL_ADVERBS.get(t);
      return v === undefined ? null : { value: v, label: String(v) };
    }
  }
  return null;
}

function boundary(text: string, at: number): Cand['before'] {
  let k = at - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\u00a0')) k--;
  if (k < 0) return 'start';
  // A conjunction between the punctuation and the marker ("…; and sixth, …").
  const head = text.slice(Math.max(0, k - 5), k + 1);
  const conj = CONJ.exec(head);
  if (conj && k + 1 < at) {
    const j = k - (conj[0].trimStart().length - 1) - 1;
    let m = j;
    while (m >= 0 && text[m] === ' ') m--;
    const p = text[m];
    if (p === ';' || p === ',' || p === '؛' || p === '،') return 'clause';
  }
  const c = text[k]!;
  if (c === ':') return 'colon';
  if (c === '.' || c === '!' || c === '?' || c === '؟') return 'sentence';
  if (c === ';' || c === ',' || c === '؛' || c === '،') return 'clause';
  if (c === ')' || c === '"' || c === "'" || c === '»') return k + 1 < at ? 'sentence' : 'none';
  return k + 1 < at ? 'space' : 'none';
}

/**
 * Find the longest enumeration chain in `text` (see module doc), or null when there is no chain of
 * at least `minItems` items.
 * @param opts.from the value the chain must start at (default 1; a continuing list passes its next number).
 * @param opts.families restrict the marker families (e.g. only number families for points).
 */
export function findEnumeration(text: string, opts: { from?: number; minItems?: number; families?: readonly string[] } = {}): Enumeration | null {
  const from = opts.from ?? 1;
  const minItems = opts.minItems ?? 2;
  // Cheap pre-check: a chain needs two marker-like tokens, or ordinal words.
  if (!hasTwoMarkers(text) && !(twoSeparators(text) && ORDINAL_HINT.test(text))) return null;
  const shadow = asciiDigits(text);
  const byFamily = new Map<string, Cand[]>();
  MARKER_RE.lastIndex = 0;
  for (let m = MARKER_RE.exec(shadow); m; m = MARKER_RE.exec(shadow)) {
    const g = m.groups!;
    const family = FAMILIES.find((f) => g[f] !== undefined)!;
    if (opts.families && !opts.families.includes(family)) continue;
    const v = valueOf(family, m[0]);
    if (!v) continue;
    const before = boundary(shadow, m.index);
    if (before === 'none') continue;
    if (NEEDS_PUNCT.has(family) && before === 'space') continue;
    const list = byFamily.get(family) ?? byFamily.set(family, []).get(family)!;
    list.push({ family, ...v, start: m.index, end: m.index + m[0].length, before });
  }
  let best: Cand[] | null = null;
  for (const [family, cands] of byFamily) {
    const minLen = family === 'ord' ? Math.max(3, minItems) : minItems;
    let starts = 0;
    for (let i = 0; i < cands.length; i++) {
      const c0 = cands[i]!;
      if (c0.value !== from) continue;
      // Bounded work on hostile input: a few dozen starts per family, each one linear scan.
      if (++starts > 32) break;
      if (c0.before !== 'start' && c0.before !== 'colon' && c0.before !== 'sentence' && !(from > 1 && c0.before === 'clause')) continue;
      const chain = [c0];
      for (let j = i + 1; j < cands.length; j++) {
        const c = cands[j]!;
        if (c.value === chain[chain.length - 1]!.value + 1) chain.push(c);
      }
      if (chain.length >= minLen && (!best || chain.length > best.length)) best = chain;
      if (best && best.length === cands.length) break;
    }
  }
  if (!best) return null;
  const items: InlineItem[] = best.map((c, k) => ({
    value: c.value,
    label: c.label,
    start: c.start,
    textStart: c.end,
    end: k + 1 < best!.length ? best![k + 1]!.start : text.length,
  }));
  // One sentence (items separated by ; or ,): the last item ends with it.
  const clauses = best.slice(1).every((c) => c.before === 'clause');
  let tailStart = text.length;
  if (clauses) {
    const last = items[items.length - 1]!;
    const stop = /[.!?؟](?=\s+["'«(]?[\p{Lu}\p{Lo}])/u.exec(text.slice(last.textStart));
    if (stop) {
      last.end = last.textStart + stop.index + 1;
      tailStart = last.end;
    }
  }
  return {
    family: best[0]!.family,
    intro: text.slice(0, items[0]!.start),
    items,
    tail: text.slice(tailStart),
    tailStart,
  };
}

/** The text of one item: the separator after its marker and the list punctuation before the next ("; and") removed. */
export function itemText(text: string, it: InlineItem): string {
  return text
    .slice(it.textStart, it.end)
    .replace(/^[\s,:—–-]+/, '')
    .replace(/(?:\s*[;,؛،]\s*(?:and|or|et|ou|y|e|и|і|та|و)?|\s+(?:and|or|et|ou|y|e|и|і|та|و))\s*$/iu, '')
    .trim();
}
