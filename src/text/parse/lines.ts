/**
 * Line classification for the plan parser: each line on its own (blank, page debris, rule, heading,
 * block quote, footnote, list item with its label, or plain text). Context is applied later by the
 * builder (./builder.ts).
 *
 * Labels read: `1.` `1)` `(1)` `1-` `1º` `**1.**` and keyword labels of point level in seven
 * languages (`Point 1 —`, `Article I -`, `Punto 2.`, `Статья 3.`, `المادة 4:`; numbers as digits of
 * either script, Roman numerals or words: `Article premier`, `PART ONE`) for points; `a.` `a)` `(a)`
 * `ii.` `а)` `أ-` and bullets `- * + • → ▪ ◦ – —` (glued to the text or not) for sub-items; upper-case
 * Roman numerals `II.` for axes or points; keyword headings of axis level (`Part Two`, `Chapter 3`,
 * `Annex 1-A`, `Глава 2`). Any label may follow a Markdown `- `.
 */
import { collapseSpaces } from '../normalise.js';
import type { PlanFormat } from '../types.js';
import { alternation, ARABIC_ABJAD, ARABIC_HIJAI, asciiDigits, AXIS_KEYWORDS, NUMBER_WORDS, POINT_KEYWORDS } from './words.js';

/** Kinds of label; `keyword` is a point-level keyword label ("Article 3"). */
export type LabelType = 'num' | 'bold' | 'keyword' | 'dotted' | 'letter' | 'roman' | 'upper' | 'bullet';

/** A label at the start of a line. */
export interface Label {
  type: LabelType;
  /** Label as written, normalised ("12", "a", "ii", "B", "1-A"); null for a bare bullet. */
  num: string | null;
  /** Integer value of a numeric label (digits, Roman numeral or number word after a keyword). */
  n: number | null;
  /** The line also had a Markdown/typographic list marker before the label (or was one). */
  listMarker: boolean;
  /** Marker family: labels of one family are siblings; another family nests ("num.", "letter)", "bullet:•"). */
  family: string;
}

/** How one line reads on its own. */
export type LineClass =
  | { kind: 'blank' }
  | { kind: 'debris' }
  | { kind: 'rule' }
  | { kind: 'atx'; level: number; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'footdef'; text: string; ref: string | null }
  | { kind: 'kwhead'; indent: number; num: string; title: string | null; text: string }
  | { kind: 'item'; indent: number; content: number; label: Label; text: string }
  | { kind: 'text'; indent: number; text: string };

const BULLETS = '-*+•●■◆→▪◦‣⁃·–—►▶➢✓';
/** Bullets that may be glued to their text ("•The parties"); ASCII and dash bullets need a space. */
const GLUED_BULLETS = '•●■◆→▪◦‣►▶➢✓';
const BULLET_RE = new RegExp(`^(?:([${BULLETS.replace('-', '\\-')}])(?:\\s+|$)|([${GLUED_BULLETS}])(?=[\\p{L}\\p{N}"'(«]))`, 'u');
/** Bullet glyphs by depth: a deeper glyph directly under a shallower one nests (• then – or o). */
export const BULLET_RANK: Record<string, number> = { '•': 1, '●': 1, '■': 1, '◆': 1, '►': 1, '▶': 1, '➢': 1, '✓': 1 };

const KW = alternation(POINT_KEYWORDS);
/** First words that may open a keyword label or heading (a cheap test before the full patterns). */
const FIRST_WORDS = new Set([...POINT_KEYWORDS, ...AXIS_KEYWORDS].map((w) => w.toLowerCase()));
function mayBeKeyword(s: string): boolean {
  const c = s.charCodeAt(0);
  // Digits, ASCII punctuation and bullets never start a keyword ("**", "__" and "§" may).
  if (c < 65 ? c !== 42 : c < 97 ? c > 90 && c !== 95 : c > 122 && c < 0xa7) return false;
  let i = 0;
  while (i < s.length && (s[i] === '*' || s[i] === '_' || s[i] === ' ')) i++;
  if (s[i] === '§') return true;
  let j = i;
  while (j < s.length && j - i < 16) {
    const d = s[j]!;
    if (d === ' ' || d === '.' || d === ':' || d === '*' || d === '_' || d === '\t') break;
    j++;
  }
  return j > i && FIRST_WORDS.has(s.slice(i, j).toLowerCase());
}
const AXIS_KW = alternation(AXIS_KEYWORDS);
const NUM_WORDS = alternation(NUMBER_WORDS.keys());
/** A number after a keyword: digits (with `-A`, `A`, `.1` or `º`), Roman numeral, one letter, or a word. */
const KW_NUM = `(\\d{1,4}(?:-[A-Z0-9]{1,2}|[A-Z](?![\\p{L}]))?[º°]?|[IVXLCDM]{1,7}|[A-Z]|${NUM_WORDS})`;
/** What may follow a keyword label: punctuation, a spaced dash, the end, or (see below) a title. */
const KW_SEP = `(?:\\s*[.:)]|\\s+[—–-](?=\\s)|\\s*[—–](?=\\S)|(?=\\s*$)|(?=\\s+\\p{Lu}))`;
const BOLD_NUM_RE = new RegExp(
  `^(\\*\\*|__)\\s*(?:(?:${KW})\\.?\\s+|§\\s*)?(\\d{1,5})\\s*(?:[.):]|[—–-])?\\s*\\1\\s*(?:[.):]|[—–-](?=\\s))?(?:\\s+|$)`,
  'iu',
);
const KEYWORD_RE = new RegExp(`^(?:(\\*\\*|__)\\s*)?(?:(?:${KW})\\.?\\s+${KW_NUM}|§\\s*(\\d{1,5}))(?![\\p{L}\\p{N}])${KW_SEP}(?:\\s*\\1)?\\s*`, 'iu');
const AXIS_KW_RE = new RegExp(`^(?:(\\*\\*|__)\\s*)?(?:${AXIS_KW})\\s+${KW_NUM}(?![\\p{L}\\p{N}])${KW_SEP}(?:\\s*\\1)?\\s*`, 'iu');
/** Dotted sub-numbering of formal texts: "12.3" or "12.3." (a sub-item of point 12). */
const DOTTED_RE = /^(\d{1,4}(?:\.\d{1,3}){1,3})\.?(?:\s+|$)/;
const NUM_RE = /^(?:(\d{1,5})[º°]?([.)])(?:\s+|$|(?<=^\d{1,3}[.)])(?=\p{Lu}))|\((\d{1,5})\)(?:\s+|$)|(\d{1,3})[-–](?:\s+|$|(?=[\p{Lu}\p{Lo}])))/u;
/** Letter-and-number labels of some texts ("N1.", "A2)"): the number orders them, the letters name the series. */
const ALNUM_RE = /^([A-Z]{1,2}\d{1,3})[.)](?:\s+|$)/;
const LOWER_RE = /^(?:([a-z]|[ivxlcdm]{2,6})[.)]|\(([a-z]|[ivxlcdm]{2,6})\))(?:\s+|$)/;
const UPPER_RE = /^(?:([A-Z]|[IVXLCDM]{2,7})[.)]|\(([A-Z]|[IVXLCDM]{2,7})\))(?:\s+|$)/;
/** Cyrillic letters only with a parenthesis ("а)", "(б)"): "И." is an initial, not a label. */
const CYRILLIC_RE = /^(?:([а-яё])\)|\(([а-яё])\))(?:\s+|$)/;
const ARABIC_LETTER_RE = new RegExp(`^(?:([${ARABIC_HIJAI}])\\s?[)\\-–]|\\(([${ARABIC_HIJAI}])\\))(?:\\s+|$)`);
export const DEBRIS_RE =
  /^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4})\s*$/i;
const RULE_RE = /^ {0,3}([-*_=~—])(?:\s*\1){2,}\s*$/;
const SUPERSCRIPTS = '\u00B9\u00B2\u00B3\u2070\u2074-\u2079';
export const FOOTNOTE_SUP_RE = new RegExp(`(?<=\\S)([${SUPERSCRIPTS}]+)`, 'g');
/** Does a text hold any superscript digit (cheap test before {@link FOOTNOTE_SUP_RE})? */
export const FOOTNOTE_SUP_ANY = new RegExp(`[${SUPERSCRIPTS}]`);
const FOOTDEF_RE = new RegExp(`^\\s*([${SUPERSCRIPTS}]+)\\s*(\\S.*)$`);
export const BACK_MATTER_RE =
  /^(?:sources?|references?|notes?|footnotes?|endnotes?|bibliography|links|further reading|see also|sources and notes|fuentes?|referencias|notas|sources et notes|источники|примечания|джерела|المصادر|المراجع)\s*:?/i;
export const OPTION_LINE_RE = /^(?:option|alternative|variant)\s+(?:[A-Z]|\d{1,2})\s*(?:[:.)]|\s[—–-])/i;

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Value of a Roman numeral (either case), or null when `s` is not a well-formed one. */
export function romanValue(s: string): number | null {
  const t = s.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(t)) return null;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]!]!;
    const next = ROMAN[t[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  // Round-trip check rejects malformed numerals such as "iiii" or "vx".
  return toRoman(total) === t ? total : null;
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return '';
  const table: Array<[number, string]> = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, r] of table) while (n >= v) { out += r; n -= v; }
  return out;
}

/** Strip a whole-line bold wrapper (`**Sources**`) and a trailing colon, for heading tests. */
export function bareHeadingText(text: string): string {
  return text.replace(/^(\*\*|__)(.*)\1:?$/, '$2').replace(/^#+\s*/, '').trim();
}

/** A keyword's number, normalised: digits as a decimal string, a word as its value, a Roman numeral or letter as written (upper case). */
function keywordNum(raw: string): { num: string; n: number | null } {
  const t = raw.replace(/[º°]$/, '');
  if (/^\d+$/.test(t)) return { num: String(Number(t)), n: Number(t) };
  if (/^\d/.test(t)) return { num: t.toUpperCase(), n: Number(/^\d+/.exec(t)![0]) };
  const w = NUMBER_WORDS.get(t.toLowerCase());
  if (w !== undefined) return { num: String(w), n: w };
  const r = romanValue(t);
  if (r !== null && (t.length > 1 || /^[IVX]$/.test(t))) return { num: t.toUpperCase(), n: r };
  return { num: t.toUpperCase(), n: null };
}

/** A keyword label's rest is a title when short and not a sentence; else it is the text. */
export function titleLike(rest: string): boolean {
  const t = rest.trim();
  return t.length > 0 && t.length <= 90 && !/[.;,!?:]$/.test(t) && !/[.;:!?]\s+\p{Lu}/u.test(t);
}

/** Find a label at the start of `rest` (the line after its indentation). */
function tryPointish(s: string, listMarker: boolean, learned: LabelWords | null): { label: Label; len: number } | null {
  let m: RegExpExecArray | null;
  m = BOLD_NUM_RE.exec(s);
  if (m) return { label: { type: 'bold', num: String(Number(m[2])), n: Number(m[2]), listMarker, family: 'bold' }, len: m[0].length };
  m = mayBeKeyword(s) ? KEYWORD_RE.exec(s) : learned ? learned.re.exec(s) : null;
  if (m) {
    const k = keywordNum(m[2] ?? m[3]!);
    const kw = /^[^\s.]+/u.exec(s.replace(/^(\*\*|__)\s*/, ''))![0].toLowerCase();
    // Without punctuation after the number ("Article 5 The parties …") only a title may follow.
    const weak = !/[.:)—–-]\s*(?:\*\*|__)?\s*$/.test(m[0]) && m[0].length < s.length && !titleLike(s.slice(m[0].length));
    if (!weak) return { label: { type: 'keyword', num: k.num, n: k.n, listMarker, family: `kw:${kw}` }, len: m[0].length };
  }
  m = DOTTED_RE.exec(s);
  if (m) return { label: { type: 'dotted', num: m[1]!, n: null, listMarker, family: `dotted${m[1]!.split('.').length}` }, len: m[0].length };
  m = NUM_RE.exec(s);
  if (m) {
    const d = m[1] ?? m[3] ?? m[4]!;
    const fam = m[1] !== undefined ? `num${m[2]}` : m[3] !== undefined ? '(num)' : 'num-';
    return { label: { type: 'num', num: String(Number(d)), n: Number(d), listMarker, family: fam }, len: m[0].length };
  }
  m = ALNUM_RE.exec(s);
  if (m) {
    const series = /^[A-Z]+/.exec(m[1]!)![0];
    return { label: { type: 'num', num: m[1]!, n: Number(m[1]!.slice(series.length)), listMarker, family: `alnum:${series}` }, len: m[0].length };
  }
  m = LOWER_RE.exec(s);
  if (m) {
    const l = m[1] ?? m[2]!;
    const type = l.length > 1 ? 'roman' : 'letter';
    const fam = `${type}${m[2] !== undefined ? '()' : s[l.length]}`;
    return { label: { type, num: l, n: null, listMarker, family: fam }, len: m[0].length };
  }
  m = UPPER_RE.exec(s);
  if (m) {
    const l = m[1] ?? m[2]!;
    const fam = `upper${m[2] !== undefined ? '()' : s[l.length]}`;
    return { label: { type: 'upper', num: l, n: null, listMarker, family: fam }, len: m[0].length };
  }
  m = CYRILLIC_RE.exec(s) ?? ARABIC_LETTER_RE.exec(s);
  if (m) {
    const l = m[1] ?? m[2]!;
    return { label: { type: 'letter', num: l, n: null, listMarker, family: `letter:${l.charCodeAt(0) >= 0x600 ? 'ar' : 'cyr'}` }, len: m[0].length };
  }
  return null;
}

function parseLabel(rest: string, learned: LabelWords | null): { label: Label; text: string; offset: number } | null {
  let offset = 0;
  // Labels are read on a copy with ASCII digits (same offsets), the text is taken from the line.
  let s = asciiDigits(rest);
  let listMarker = false;
  let found = tryPointish(s, listMarker, learned);
  if (!found) {
    const b = BULLET_RE.exec(s);
    if (!b) return null;
    listMarker = true;
    offset = b[0].length;
    s = s.slice(offset);
    found = tryPointish(s, listMarker, learned);
    if (!found) return { label: { type: 'bullet', num: null, n: null, listMarker: true, family: `bullet:${b[1] ?? b[2]}` }, text: rest.slice(offset), offset };
  }
  return { label: found.label, text: rest.slice(offset + found.len), offset: offset + found.len };
}

/**
 * How the parser reads one line on its own ('blank', 'debris', 'rule', 'atx', 'quote', 'footdef',
 * 'kwhead', 'item' or 'text'); the renderer uses it to check that what it writes reads back as meant.
 */
export function lineKind(line: string, format: PlanFormat): LineClass['kind'] {
  return classifyLine(line, format === 'markdown').kind;
}

/**
 * Classify one (normalised) line; `md` enables Markdown syntax; `learned` adds the label words of
 * this text found by {@link learnLabelWords} to the point keywords.
 */
export function classifyLine(line: string, md: boolean, learned: LabelWords | null = null): LineClass {
  if (line.trim() === '') return { kind: 'blank' };
  if (DEBRIS_RE.test(line)) return { kind: 'debris' };
  if (RULE_RE.test(line)) return { kind: 'rule' };
  const indent = line.length - line.trimStart().length;
  const rest = line.slice(indent);
  if (md) {
    const h = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (h) return { kind: 'atx', level: h[1]!.length, text: (h[2] ?? '').trim() };
    if (indent <= 3 && rest.startsWith('>')) return { kind: 'quote', text: rest.replace(/^(?:>\s?)+/, '') };
    const fn = /^\[\^([^\]]+)\]:\s*(.*)$/.exec(rest);
    if (fn) return { kind: 'footdef', text: fn[2]!, ref: fn[1]! };
  }
  const sup = FOOTDEF_RE.exec(line);
  if (sup) return { kind: 'footdef', text: sup[2]!, ref: sup[1]! };
  const bracketRef = /^\[(\d{1,3})\]\s+\S/.exec(rest);
  if (bracketRef) return { kind: 'footdef', text: rest.slice(bracketRef[1]!.length + 2).trim(), ref: bracketRef[1]! };
  if (indent <= 3 && mayBeKeyword(rest)) {
    const ax = AXIS_KW_RE.exec(asciiDigits(rest));
    if (ax) {
      const after = rest.slice(ax[0].length).replace(/^(\*\*|__)\s*/, '').replace(/\s*(\*\*|__)$/, '');
      // "Part Two of the plan says …" is prose; a keyword heading is followed by a title or nothing.
      if (!after || titleLike(after)) {
        const { num } = keywordNum(ax[2]!);
        return { kind: 'kwhead', indent, num, title: after ? collapseSpaces(after) : null, text: rest };
      }
    }
  }
  const lab = parseLabel(rest, learned);
  if (lab) {
    const content = indent + lab.offset;
    return { kind: 'item', indent, content, label: lab.label, text: lab.text };
  }
  return { kind: 'text', indent, text: rest };
}

/** Label words one text uses for its points beyond the known keywords, and the label pattern they give. */
export interface LabelWords {
  /** The words, lower case ("pledge", "stage"). */
  words: Set<string>;
  /** {@link KEYWORD_RE} with these words in place of the known keywords (same groups). */
  re: RegExp;
}

/** A line opening with a capitalised word and a number as a keyword label is written ("Pledge 2:", "STAGE ONE"). */
const WORD_LABEL_RE = new RegExp(`^(?:(\\*\\*|__)\\s*)?(\\p{Lu}\\p{L}{2,15})\\s+${KW_NUM}(?![\\p{L}\\p{N}])${KW_SEP}`, 'iu');

/**
 * Words a text uses as point labels though no keyword list knows them ("Pledge 1", "Stage 2",
 * "ELEMENT THREE"): a capitalised word that opens at least two lines (indent ≤ 3) followed by a
 * number, the numbers in reading order counting 1, 2, 3 … without a gap. A word met once, or with
 * numbers that do not count up from one ("Resolution 2334", "Route 66"), is prose. The words found
 * then label points exactly as "Article" does (same separators, titles and nesting).
 * @param lines the text's normalised lines. @returns null when the text has no such word.
 */
export function learnLabelWords(lines: readonly string[]): LabelWords | null {
  const seen = new Map<string, number[]>();
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (indent > 3) continue;
    // A Markdown heading may carry the label ("## Pledge 2: Prisoners").
    const m = WORD_LABEL_RE.exec(asciiDigits(line.slice(indent).replace(/^#{1,6}\s+/, '')));
    if (!m) continue;
    // Case-insensitive for number words ("STAGE ONE"), so the capital is checked here.
    if (!/^\p{Lu}/u.test(m[2]!)) continue;
    const word = m[2]!.toLowerCase();
    if (FIRST_WORDS.has(word) || NUMBER_WORDS.has(word)) continue;
    const n = keywordNum(m[3]!).n;
    const list = seen.get(word) ?? [];
    list.push(n ?? Number.NaN);
    seen.set(word, list);
  }
  const words = new Set<string>();
  for (const [word, ns] of seen) if (ns.length >= 2 && ns.every((n, i) => n === i + 1)) words.add(word);
  if (!words.size) return null;
  const re = new RegExp(`^(?:(\\*\\*|__)\\s*)?(?:${alternation(words)})\\.?\\s+${KW_NUM}(?![\\p{L}\\p{N}])${KW_SEP}(?:\\s*\\1)?\\s*`, 'iu');
  return { words, re };
}

/** Successor test for letter and Roman labels ("a"→"b", "iv"→"v", "H"→"I", "أ"→"ب", "а"→"б"). */
export function isSuccessor(prev: string | null, next: string): boolean {
  if (!prev) return false;
  if (prev.length === 1 && next.length === 1) {
    if (next.charCodeAt(0) === prev.charCodeAt(0) + 1) return true;
    for (const order of [ARABIC_ABJAD, ARABIC_HIJAI]) {
      const i = order.indexOf(prev);
      if (i >= 0 && order[i + 1] === next) return true;
    }
  }
  const a = romanValue(prev);
  const b = romanValue(next);
  return a !== null && b !== null && b === a + 1 && (prev === prev.toLowerCase()) === (next === next.toLowerCase());
}

/**
 * Split a heading into its number and title: "Axis I — Sovereignty" → {num "I", heading
 * "Sovereignty"}, "3. Economy" → {"3", "Economy"}, "Part Two: Security" → {"2", "Security"},
 * "Territorial questions" → {null, same}. The number needs a separator (`.`, `:`, `)`, or a spaced
 * dash) so that "A new order" or "20-point framework" stay titles. `learned` adds the text's own label
 * words ({@link learnLabelWords}): "Pledge 2: Prisoners" → {"2", "Prisoners"}.
 */
export function splitHeading(text: string, learned: LabelWords | null = null): { num: string | null; heading: string | null } {
  const t = collapseSpaces(text);
  // A bold title ("**Part One**") is a title on purpose (the renderer writes numbered-looking titles so).
  const d = asciiDigits(t);
  const ax = /^(?:\*\*|__)/.test(t) ? null : (AXIS_KW_RE.exec(d) ?? KEYWORD_RE.exec(d) ?? learned?.re.exec(d) ?? null);
  if (ax && (ax[2] ?? ax[3])) {
    const after = t.slice(ax[0].length).trim();
    if (!after || titleLike(after) || /^\p{Lu}/u.test(after)) return { num: keywordNum((ax[2] ?? ax[3])!).num, heading: after || null };
  }
  const kw = /^(?:axis|part|chapter|section|pillar|basket|bucket|cluster|theme|title|group)\s+(?=\S)/i.exec(t);
  const body = kw ? t.slice(kw[0].length) : t;
  const m = /^([IVXLCDM]{1,7}|\d{1,3}|[A-Z])(?:[.:)](?:\s+|$)|\s+[—–-]\s+|$)(.*)$/.exec(body);
  if (m) {
    const num = m[1]!;
    if (/^\d+$/.test(num) || /^[A-Z]$/.test(num) || romanValue(num) !== null) {
      const rest = m[2]!.trim();
      return { num: /^\d+$/.test(num) ? String(Number(num)) : num, heading: rest || null };
    }
  }
  return { num: null, heading: t || null };
}
