/**
 * Character-level clean-up of plan texts as they circulate in the wild (copy/paste from PDFs, web
 * pages, messengers): byte-order mark, Windows/Mac line endings, non-breaking and other exotic
 * spaces, invisible and control characters, tabs, trailing whitespace, and typographic variants of
 * quotes and dashes.
 *
 * Everything here keeps meaning: a space stays a space ("600 000" stays readable), a dash stays a
 * dash. Each change that could matter to a reader is reported as a {@link ParseWarning} naming the
 * line, so the parser ({@link ./parse.ts}) can keep its promise that nothing is silently altered.
 */
import type { ParseWarning } from './types.js';

/** One input line after clean-up; `no` is the 1-based line number in the original input. */
export interface NormalisedLine {
  no: number;
  text: string;
}

/** Result of {@link normaliseInput}. */
export interface NormalisedInput {
  lines: NormalisedLine[];
  warnings: ParseWarning[];
}

/** Spaces that look like a space but are not U+0020: NBSP, figure, narrow NBSP, en/em quads…, ideographic. */
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
/** Invisible characters that carry no text: zero-width space, word joiner, stray BOM, soft hyphen. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
/** Bidi marks and controls (LRM, RLM, ALM, embeddings, overrides, isolates): invisible, they steer display only. */
const BIDI = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
/** C0/C1 control characters other than tab and the line breaks (already split on). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** A UTF-16 surrogate without its partner (possible in strings built by programs, never in valid UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Describe a code point for a warning message, e.g. `U+00A0`. */
function cp(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Expand tabs to the next multiple of 4 columns (leading indentation matters to the parser). */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(4 - (out.length % 4));
    else out += ch;
  }
  return out;
}

/**
 * Split `input` into cleaned lines and report what was cleaned.
 *
 * - a leading BOM is dropped (`bom`, line 1);
 * - CRLF / CR / U+2028 / U+2029 line breaks are accepted (`crlf`, on the first such line);
 * - NBSP and other odd spaces become U+0020 (`nbsp`, one warning per line, quoting the context);
 * - bidi marks and controls (U+200E/F, U+061C, U+202A–E, U+2066–9) are removed (`bidi-mark`, one
 *   summary warning): the text's direction is the reader's business, not the parser's;
 * - invisible characters (zero-width space, soft hyphen, stray U+FEFF) are removed, control
 *   characters and lone surrogates removed or replaced by U+FFFD (`control-char`, per line);
 * - tabs are expanded, trailing whitespace trimmed (`trailing-whitespace`, one summary warning);
 * - each line is put in Unicode NFC so that composed and decomposed accents compare equal.
 *
 * Never throws. Line numbers are those of the original input.
 */
export function normaliseInput(input: string): NormalisedInput {
  const warnings: ParseWarning[] = [];
  let text = input;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    warnings.push({ line: 1, code: 'bom', message: 'UTF-8 byte-order mark at the start of the text removed' });
  }
  // Line breaks: report the first non-LF break, and whether endings are mixed.
  const breakRe = /\r\n|\r|\n|\u2028|\u2029/g;
  const raw: string[] = [];
  let last = 0;
  let lineNo = 1;
  let firstOdd = 0;
  const kinds = new Set<string>();
  for (let m = breakRe.exec(text); m; m = breakRe.exec(text)) {
    raw.push(text.slice(last, m.index));
    kinds.add(m[0]);
    if (m[0] !== '\n' && !firstOdd) firstOdd = lineNo;
    last = m.index + m[0].length;
    lineNo++;
  }
  raw.push(text.slice(last));
  if (firstOdd) {
    const names = [...kinds].map((k) => (k === '\r\n' ? 'CRLF' : k === '\r' ? 'CR' : k === '\n' ? 'LF' : cp(k)));
    warnings.push({
      line: firstOdd,
      code: 'crlf',
      message: `line endings ${names.join(' + ')}${kinds.size > 1 ? ' (mixed)' : ''} read as line breaks`,
    });
  }

  const trailing: number[] = [];
  const bidi: number[] = [];
  const lines: NormalisedLine[] = raw.map((line, i) => {
    const no = i + 1;
    let s = line;
    // Fast path: printable ASCII needs only trailing-space trimming.
    if (!/[^\x20-\x7E]/.test(s)) {
      const t = s.trimEnd();
      if (t.length !== s.length && t.length > 0) trailing.push(no);
      return { no, text: t };
    }
    if (s.search(LONE_SURROGATE) >= 0) {
      s = s.replace(LONE_SURROGATE, '\uFFFD');
      warnings.push({ line: no, code: 'control-char', message: 'unpaired UTF-16 surrogate replaced by U+FFFD' });
    }
    if (BIDI.test(s)) {
      s = s.replace(BIDI, '');
      bidi.push(no);
    }
    BIDI.lastIndex = 0;
    const invisible = s.match(INVISIBLE);
    const control = s.match(CONTROL);
    if (invisible || control) {
      const found = [...new Set([...(invisible ?? []), ...(control ?? [])])].map(cp).join(', ');
      s = s.replace(INVISIBLE, '').replace(CONTROL, '');
      warnings.push({ line: no, code: 'control-char', message: `invisible or control characters removed (${found})` });
    }
    const odd = s.match(ODD_SPACES);
    if (odd) {
      const kindsFound = [...new Set(odd)].map(cp).join(', ');
      s = s.replace(ODD_SPACES, ' ');
      const at = s.search(/\S/);
      const context = s.trim().length > 60 ? s.trim().slice(0, 60) + '…' : s.trim();
      warnings.push({
        line: no,
        code: 'nbsp',
        message: `${odd.length} non-breaking or special space(s) (${kindsFound}) read as normal spaces in "${at >= 0 ? context : ''}"`,
      });
    }
    s = expandTabs(s);
    const trimmed = s.replace(/\s+$/, '');
    if (trimmed.length !== s.length && trimmed.length > 0) trailing.push(no);
    return { no, text: trimmed.normalize('NFC') };
  });
  if (bidi.length) {
    const list = bidi.length > 12 ? bidi.slice(0, 12).join(', ') + ', …' : bidi.join(', ');
    warnings.push({ line: bidi[0]!, code: 'bidi-mark', message: `right-to-left / left-to-right marks removed on ${bidi.length} line(s): ${list}` });
  }
  if (trailing.length) {
    const list = trailing.length > 12 ? trailing.slice(0, 12).join(', ') + ', …' : trailing.join(', ');
    warnings.push({
      line: trailing[0]!,
      code: 'trailing-whitespace',
      message: `trailing spaces or tabs removed on ${trailing.length} line(s): ${list}`,
    });
  }
  return { lines, warnings };
}

/** What {@link normaliseTypography} changed. */
export interface TypographyResult {
  text: string;
  quotes: boolean;
  dashes: boolean;
}

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F]/g;
/** Dash-like characters: hyphen, non-breaking hyphen, figure/en/em dash, horizontal bar, minus. */
const DASHES = '\\u2010-\\u2015\\u2212';
const SPACED_DASH = new RegExp(`(?<=\\s)(?:[${DASHES}]|-{1,2})(?=\\s)`, 'g');
const TYPO_CANDIDATE = /[\u2010-\u2015\u2018-\u201F\u2212]|\s-/;
const JOINING_DASH = new RegExp(`(?<=[\\p{L}\\p{N}])[${DASHES}](?=[\\p{L}\\p{N}])`, 'gu');

/**
 * Put quotes and dashes in one consistent form without changing meaning:
 * curly quotes become straight (`"`, `'`; guillemets and primes are kept, they carry meaning);
 * a dash between two letters/digits becomes a hyphen ("US–Ukrainian" → "US-Ukrainian",
 * "800,000–850,000" → "800,000-850,000"); a dash used as punctuation between spaces
 * (" - ", " -- ", " – ", " — ") becomes a spaced em dash; remaining hyphen variants become "-",
 * a lone en/em dash is kept. Idempotent.
 */
export function normaliseTypography(text: string): TypographyResult {
  // Fast path: nothing to do without curly quotes, dash variants or a spaced hyphen.
  if (!TYPO_CANDIDATE.test(text)) return { text, quotes: false, dashes: false };
  let s = text;
  const q = s.replace(CURLY_SINGLE, "'").replace(CURLY_DOUBLE, '"');
  const quotes = q !== s;
  s = q;
  let d = s.replace(SPACED_DASH, '—').replace(JOINING_DASH, '-');
  d = d.replace(/[\u2010\u2011\u2212]/g, '-').replace(/\u2012/g, '\u2013').replace(/\u2015/g, '\u2014');
  const dashes = d !== s;
  return { text: d, quotes, dashes };
}

/**
 * Fold a text for comparisons between renderings of the same plan (tests, alignment): typography
 * normalised, every dash a hyphen, quotes removed, lower case, whitespace collapsed.
 * Not for display: it loses distinctions on purpose.
 */
export function foldForComparison(text: string): string {
  return normaliseTypography(text.replace(ODD_SPACES, ' '))
    .text.replace(/[\u2013\u2014]/g, '-')
    .replace(/["'«»]/g, '')
    .replace(/\s*-\s*/g, '-')
    .toLowerCase()
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

/**
 * Collapse runs of whitespace to one space and trim. Only runs that are not already one plain space
 * are replaced (`\s+` → ' ' rewrites every space and takes seconds on a 5 MB text).
 */
export function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}
