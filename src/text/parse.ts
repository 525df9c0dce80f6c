/**
 * The plan parser: turns a peace plan as it circulates in the wild (plain text or Markdown) into
 * axes, points and sub-points, plus warnings that name the line of every anomaly.
 *
 * How it reads a text (see `parsePlan` for the contract):
 * 1. Characters are cleaned line by line ({@link normaliseInput}): BOM, CRLF, NBSP, controls.
 * 2. Each line is classified on its own (blank, page debris, rule, heading, block quote,
 *    footnote, list item with its label, or plain text). Labels: `1.` `1)` `(1)` `**1.**`
 *    `Point 1 —` `Item 1:` for points; `a.` `a)` `(a)` `ii.` and bullets `- * + • → ▪ ◦ – —` for
 *    sub-items; upper-case Roman numerals `II.` for axes; any of them may follow a Markdown `- `.
 * 3. One pass over the lines builds the tree with a stack of open items keyed by indentation,
 *    the way Markdown lists nest; a label in the middle of wrapped prose is only believed when it
 *    is plausible there (the next number, the next letter), otherwise the line is a wrapped line.
 * 4. Text that is not a provision (title, preamble, notes, footnotes, page numbers, source lists,
 *    trailing commentary) is set aside in a warning that quotes it: nothing is silently dropped.
 * 5. A last pass finishes each node (Markdown inline syntax, brackets, alternatives) and checks
 *    the numbering (duplicates, gaps, order).
 *
 * Never throws: on an internal failure the whole text is returned in one `internal-error` warning.
 */
import type { Alternative, BracketSpan } from '../model/schemas.js';
import { collapseSpaces, normaliseInput, normaliseTypography, type NormalisedLine } from './normalise.js';
import type { ParsedProvision, ParseResult, ParseWarning, PlanFormat } from './types.js';

/**
 * Stable warning codes. Scripts and the UI match on these strings: never rename one.
 * Each warning also carries a human message and the 1-based input line.
 */
export const WARNING_CODES = {
  /** A UTF-8 byte-order mark opened the text; removed. */
  BOM: 'bom',
  /** Windows (CRLF) or old Mac (CR) line endings, or Unicode line separators; read as line breaks. */
  CRLF: 'crlf',
  /** Non-breaking or other special spaces read as normal spaces (one warning per line). */
  NBSP: 'nbsp',
  /** Invisible or control characters removed (zero-width space, soft hyphen, C0/C1 controls). */
  CONTROL_CHAR: 'control-char',
  /** Trailing spaces/tabs removed (one summary warning listing the lines). */
  TRAILING_WHITESPACE: 'trailing-whitespace',
  /** Curly quotes straightened and/or dash variants unified (one summary warning listing the lines). */
  TYPOGRAPHY: 'typography',
  /** A footnote reference (`¹`, `[1]`, `[^1]`) removed from provision text. */
  FOOTNOTE_MARKER: 'footnote-marker',
  /** A footnote line (starting with `¹`, `[1]` or `[^1]:`) set aside; the message quotes it. */
  FOOTNOTE: 'footnote',
  /** A page number or running header line (`— 2 —`, `Page 2`, `2/5`) set aside. */
  PAGE_DEBRIS: 'page-debris',
  /** A point number used twice; either read as the missing next number or kept as written. */
  DUPLICATE_NUMBER: 'duplicate-number',
  /** Point numbers missing from the sequence. */
  SKIPPED_NUMBER: 'skipped-number',
  /** A point number lower than the one before it inside the same axis. */
  OUT_OF_ORDER: 'out-of-order',
  /** Several points written on one line ("1. Foo. 2. Bar.") were split. */
  INLINE_SPLIT: 'inline-split',
  /** Title, preamble, block quote or note before the first provision; set aside, quoted. */
  PREAMBLE: 'preamble',
  /** A block quote after the first provision (an editor's note); set aside, quoted. */
  NOTE: 'note',
  /** A "Sources" / "References" / "Notes" section; set aside, quoted. */
  BACK_MATTER: 'back-matter',
  /** Text after the end of the plan (after the last item, or after a closing rule `---`); set aside. */
  TRAILING_TEXT: 'trailing-text',
  /** An unlabelled, unindented paragraph between points, joined to the point before it. */
  LOOSE_PARAGRAPH: 'loose-paragraph',
  /** A `[` without its `]` or the reverse in a provision's text. */
  UNBALANCED_BRACKET: 'unbalanced-bracket',
  /** A label with no text and no sub-items. */
  EMPTY_ITEM: 'empty-item',
  /** The parser failed unexpectedly; the whole input is set aside (a bug: please report). */
  INTERNAL_ERROR: 'internal-error',
} as const;

/** One of the {@link WARNING_CODES} values. */
export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];

/** Options of {@link parsePlan}. */
export interface ParseOptions {
  /** Input format; detected when absent (see {@link detectFormat}). */
  format?: PlanFormat;
}

// ---------------------------------------------------------------------------------------------
// Format detection

/**
 * Guess the format: 'markdown' when the text has ATX headings (`# …`), bold point labels
 * (`**12.**`), bold spans, or backslash escapes of punctuation; otherwise 'text'.
 */
export function detectFormat(input: string): PlanFormat {
  if (/^ {0,3}#{1,6}(?:[ \t]|$)/m.test(input)) return 'markdown';
  if (/^\s*(?:[-*+]\s+)?(?:\*\*|__)\s*\d{1,5}\s*[.)]?\s*(?:\*\*|__)/m.test(input)) return 'markdown';
  if (/\*\*\S[^*\n]*\*\*/.test(input)) return 'markdown';
  if (/\\[!-/:-@[-`{-~]/.test(input)) return 'markdown';
  return 'text';
}

// ---------------------------------------------------------------------------------------------
// Line classification (each line on its own; context is applied by the builder)

type LabelType = 'num' | 'bold' | 'keyword' | 'dotted' | 'letter' | 'roman' | 'upper' | 'bullet';

interface Label {
  type: LabelType;
  /** Label as written, normalised ("12", "a", "ii", "B"); null for a bare bullet. */
  num: string | null;
  /** Integer value of a numeric label. */
  n: number | null;
  /** The line also had a Markdown/typographic list marker before the label (or was one). */
  listMarker: boolean;
}

type LineClass =
  | { kind: 'blank' }
  | { kind: 'debris' }
  | { kind: 'rule' }
  | { kind: 'atx'; level: number; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'footdef'; text: string; ref: string | null }
  | { kind: 'item'; indent: number; content: number; label: Label; text: string }
  | { kind: 'text'; indent: number; text: string };

const POINT_KEYWORDS = 'point|item|article|clause|paragraph|para';
const BULLETS = '-*+•→▪◦‣⁃·–—►▶➢✓';
const BULLET_RE = new RegExp(`^([${BULLETS.replace('-', '\\-')}])(?:\\s+|$)`);
const BOLD_NUM_RE = new RegExp(
  `^(\\*\\*|__)\\s*(?:(?:${POINT_KEYWORDS})\\s+|§\\s*)?(\\d{1,5})\\s*(?:[.):]|[—–-])?\\s*\\1\\s*(?:[.):]|[—–-](?=\\s))?(?:\\s+|$)`,
  'i',
);
const KEYWORD_RE = new RegExp(`^(?:(?:${POINT_KEYWORDS})\\s+|§\\s*)(\\d{1,5})\\s*(?:[.:)]|[—–-])(?:\\s+|$)`, 'i');
/** Dotted sub-numbering of formal texts: "12.3" or "12.3." (a sub-item of point 12). */
const DOTTED_RE = /^(\d{1,4}(?:\.\d{1,3}){1,3})\.?(?:\s+|$)/;
const NUM_RE = /^(?:(\d{1,5})[.)]|\((\d{1,5})\))(?:\s+|$)/;
const LOWER_RE = /^(?:([a-z]|[ivxlcdm]{2,6})[.)]|\(([a-z]|[ivxlcdm]{2,6})\))(?:\s+|$)/;
const UPPER_RE = /^(?:([A-Z]|[IVXLCDM]{2,7})[.)]|\(([A-Z]|[IVXLCDM]{2,7})\))(?:\s+|$)/;
const DEBRIS_RE =
  /^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4})\s*$/i;
const RULE_RE = /^ {0,3}([-*_=~—])(?:\s*\1){2,}\s*$/;
const SUPERSCRIPTS = '\u00B9\u00B2\u00B3\u2070\u2074-\u2079';
const FOOTNOTE_SUP_RE = new RegExp(`(?<=\\S)([${SUPERSCRIPTS}]+)`, 'g');
const FOOTDEF_RE = new RegExp(`^\\s*([${SUPERSCRIPTS}]+)\\s*(\\S.*)$`);
const BACK_MATTER_RE =
  /^(?:sources?|references?|notes?|footnotes?|endnotes?|bibliography|links|further reading|see also|sources and notes)\s*:?$/i;
const OPTION_LINE_RE = /^(?:option|alternative|variant)\s+(?:[A-Z]|\d{1,2})\s*(?:[:.)]|\s[—–-])/i;

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
function bareHeadingText(text: string): string {
  return text.replace(/^(\*\*|__)(.*)\1:?$/, '$2').replace(/^#+\s*/, '').trim();
}

/** Find a label at the start of `rest` (the line after its indentation). */
function parseLabel(rest: string): { label: Label; text: string; offset: number } | null {
  let offset = 0;
  let s = rest;
  let listMarker = false;
  // `**1.**` must be tested before the `*` bullet.
  const tryPointish = (): { label: Label; len: number } | null => {
    let m = BOLD_NUM_RE.exec(s);
    if (m) return { label: { type: 'bold', num: String(Number(m[2])), n: Number(m[2]), listMarker }, len: m[0].length };
    m = KEYWORD_RE.exec(s);
    if (m) return { label: { type: 'keyword', num: String(Number(m[1])), n: Number(m[1]), listMarker }, len: m[0].length };
    m = DOTTED_RE.exec(s);
    if (m) return { label: { type: 'dotted', num: m[1]!, n: null, listMarker }, len: m[0].length };
    m = NUM_RE.exec(s);
    if (m) {
      const d = m[1] ?? m[2]!;
      return { label: { type: 'num', num: String(Number(d)), n: Number(d), listMarker }, len: m[0].length };
    }
    m = LOWER_RE.exec(s);
    if (m) {
      const l = m[1] ?? m[2]!;
      return { label: { type: l.length > 1 ? 'roman' : 'letter', num: l, n: null, listMarker }, len: m[0].length };
    }
    m = UPPER_RE.exec(s);
    if (m) {
      const l = m[1] ?? m[2]!;
      return { label: { type: 'upper', num: l, n: null, listMarker }, len: m[0].length };
    }
    return null;
  };
  let found = tryPointish();
  if (!found) {
    const b = BULLET_RE.exec(s);
    if (!b) return null;
    listMarker = true;
    offset = b[0].length;
    s = s.slice(offset);
    found = tryPointish();
    if (!found) return { label: { type: 'bullet', num: null, n: null, listMarker: true }, text: s, offset };
  }
  return { label: found.label, text: s.slice(found.len), offset: offset + found.len };
}

/**
 * How the parser reads one line on its own ('blank', 'debris', 'rule', 'atx', 'quote', 'footdef',
 * 'item' or 'text'); the renderer uses it to check that what it writes reads back as meant.
 */
export function lineKind(line: string, format: PlanFormat): LineClass['kind'] {
  return classifyLine(line, format === 'markdown').kind;
}

function classifyLine(line: string, md: boolean): LineClass {
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
  const lab = parseLabel(rest);
  if (lab) {
    const content = indent + lab.offset;
    return { kind: 'item', indent, content, label: lab.label, text: lab.text };
  }
  return { kind: 'text', indent, text: rest };
}

// ---------------------------------------------------------------------------------------------
// Tree building

interface Seg {
  text: string;
  line: number;
}

interface Open {
  node: ParsedProvision;
  /** Column of the label (or bullet). */
  indent: number;
  /** Column where the item's text starts. */
  content: number;
  /** Created from a numeric label (not a bullet or letter). */
  numbered: boolean;
}

interface AxisOpen {
  node: ParsedProvision;
  level: number;
}

interface AsideBlock {
  code: WarningCode;
  line: number;
  reason: string;
  parts: string[];
}

type Prev = 'start' | 'blank' | 'item' | 'text' | 'heading' | 'rule' | 'aside';

function newNode(kind: ParsedProvision['kind'], num: string | null, heading: string | null, line: number): ParsedProvision {
  return { kind, num, heading, text: '', line, brackets: [], alternatives: [], children: [] };
}

/** Successor test for letter and Roman labels ("a"→"b", "iv"→"v", "H"→"I"). */
function isSuccessor(prev: string | null, next: string): boolean {
  if (!prev) return false;
  if (prev.length === 1 && next.length === 1 && next.charCodeAt(0) === prev.charCodeAt(0) + 1) return true;
  const a = romanValue(prev);
  const b = romanValue(next);
  return a !== null && b !== null && b === a + 1 && (prev === prev.toLowerCase()) === (next === next.toLowerCase());
}

class Builder {
  readonly roots: ParsedProvision[] = [];
  readonly warnings: ParseWarning[] = [];
  readonly segs = new Map<ParsedProvision, Seg[]>();
  /** Line-start numeric labels, to decide whether "… 2. Bar" inside a line is a new point. */
  readonly lineLabels = new Set<number>();
  private axes: AxisOpen[] = [];
  private stack: Open[] = [];
  private aside: AsideBlock | null = null;
  private prev: Prev = 'start';
  /** Where a wrapped (lazy) line goes: a node, or the open aside block. */
  private target: ParsedProvision | 'aside' | null = null;
  private seenStructure = false;
  private mode: 'normal' | 'trailing' | 'backmatter' = 'normal';
  private backMatterLevel = 0;
  private lastAxisRoman = 0;
  private lastPointN = 0;
  private titleLine = -1;
  private lastItemIndex = -1;
  /** Index of the last numbered item or non back-matter heading line (-1 when none). */
  private lastStructureIndex = -1;
  private readonly typoQuotes: number[] = [];
  private readonly typoDashes: number[] = [];
  readonly footnoteRefs = new Set<string>();

  constructor(
    private readonly lines: NormalisedLine[],
    private readonly classes: LineClass[],
    private readonly md: boolean,
  ) {}

  warn(line: number, code: WarningCode, message: string): void {
    this.warnings.push({ line, code, message });
  }

  run(): void {
    this.prescan();
    for (let i = 0; i < this.lines.length; i++) this.step(i);
    this.flushAside();
    if (this.typoQuotes.length) this.summary(this.typoQuotes, 'curly quotes straightened');
    if (this.typoDashes.length) this.summary(this.typoDashes, 'dash variants unified (hyphen between words, spaced em dash as punctuation)');
  }

  private summary(lines: number[], what: string): void {
    const list = lines.length > 12 ? lines.slice(0, 12).join(', ') + ', …' : lines.join(', ');
    this.warn(lines[0]!, WARNING_CODES.TYPOGRAPHY, `${what} on ${lines.length} line(s): ${list}`);
  }

  /** Facts about the whole text that single lines cannot tell: title, last item, line labels. */
  private prescan(): void {
    const cls = this.classes;
    let h1 = 0;
    let firstNonBlank = -1;
    for (let i = 0; i < cls.length; i++) {
      const c = cls[i]!;
      if (c.kind === 'blank') continue;
      if (firstNonBlank < 0) firstNonBlank = i;
      if (c.kind === 'atx' && c.level === 1) h1++;
      if (c.kind === 'item' && c.label.n !== null && c.indent <= 3) this.lineLabels.add(c.label.n);
    }
    // A lone level-1 heading opening the text is the document's title, not an axis.
    const f = cls[firstNonBlank];
    if (f && f.kind === 'atx' && f.level === 1 && h1 === 1) this.titleLine = firstNonBlank;
    // Last item line outside back-matter sections: prose after it is trailing text.
    let inBack = 0;
    for (let i = 0; i < cls.length; i++) {
      const c = cls[i]!;
      if (c.kind === 'atx') {
        if (inBack && c.level <= inBack) inBack = 0;
        if (!inBack && BACK_MATTER_RE.test(bareHeadingText(c.text))) inBack = c.level;
        else if (!inBack && i !== this.titleLine) this.lastItemIndex = i;
        continue;
      }
      if (!inBack && c.kind === 'item') this.lastItemIndex = i;
    }
    for (let i = cls.length - 1; i >= 0 && this.lastStructureIndex < 0; i--) {
      const c = cls[i]!;
      if ((c.kind === 'item' && c.label.n !== null) || (c.kind === 'atx' && !BACK_MATTER_RE.test(bareHeadingText(c.text)))) {
        this.lastStructureIndex = i;
      }
    }
  }

  /** Is there a numbered item or a (non back-matter) Markdown heading after line index `i`? */
  private structureAfter(i: number): boolean {
    return i < this.lastStructureIndex;
  }

  private step(i: number): void {
    const c = this.classes[i]!;
    const no = this.lines[i]!.no;
    const raw = this.lines[i]!.text;
    if (c.kind === 'blank') {
      this.flushAside();
      if (this.target === 'aside') this.target = null;
      this.prev = 'blank';
      return;
    }
    if (c.kind === 'debris') {
      // Transparent: a page number between two halves of a point must not break the point.
      this.warn(no, WARNING_CODES.PAGE_DEBRIS, `page-layout debris set aside: "${raw.trim()}"`);
      return;
    }
    if (this.mode === 'trailing') {
      if (c.kind === 'atx') this.flushAside();
      this.addAside(WARNING_CODES.TRAILING_TEXT, 'text after the end of the plan set aside', no, raw.trim());
      return;
    }
    if (this.mode === 'backmatter') {
      const ends = c.kind === 'atx' && c.level <= this.backMatterLevel && !BACK_MATTER_RE.test(bareHeadingText(c.text));
      const endsPlain =
        this.backMatterLevel === 99 && this.prev === 'blank' && c.kind === 'item' && c.label.n !== null && c.indent === 0;
      if (!ends && !endsPlain) {
        this.addAside(WARNING_CODES.BACK_MATTER, 'back matter (sources, references, notes) set aside', no, raw.trim());
        return;
      }
      this.flushAside();
      this.mode = 'normal';
    }
    switch (c.kind) {
      case 'rule':
        this.flushAside();
        this.closeList();
        this.target = null;
        // A rule after the plan with no numbered item or heading after it closes the plan.
        if (this.seenStructure && !this.structureAfter(i)) this.mode = 'trailing';
        this.prev = 'rule';
        return;
      case 'atx':
        this.heading(i, c.level, c.text, no, raw);
        return;
      case 'quote':
        if (this.aside?.code !== (this.seenStructure ? WARNING_CODES.NOTE : WARNING_CODES.PREAMBLE)) this.flushAside();
        this.addAside(
          this.seenStructure ? WARNING_CODES.NOTE : WARNING_CODES.PREAMBLE,
          this.seenStructure ? 'block quote (editorial note) set aside' : 'preamble before the first provision set aside',
          no,
          c.text,
        );
        this.target = 'aside';
        this.prev = 'aside';
        return;
      case 'footdef':
        if (c.ref && raw.trim().startsWith('[') && !raw.trim().startsWith('[^') && !this.footnoteRefs.has(c.ref)) {
          // "[3] text" with no "[3]" reference before it: not a footnote, plain text.
          this.text(i, { indent: raw.length - raw.trimStart().length, text: raw.trimStart() }, no);
          return;
        }
        this.flushAside();
        this.addAside(WARNING_CODES.FOOTNOTE, 'footnote set aside', no, raw.trim());
        this.target = 'aside';
        this.prev = 'aside';
        return;
      case 'item':
        if (this.accept(c)) this.item(i, c, no);
        else this.text(i, { indent: c.indent, text: raw.slice(c.indent) }, no);
        return;
      case 'text':
        this.text(i, c, no);
        return;
    }
  }

  // -- headings ---------------------------------------------------------------------------------

  private heading(i: number, level: number, text: string, no: number, raw: string): void {
    this.flushAside();
    if (i === this.titleLine) {
      this.addAside(WARNING_CODES.PREAMBLE, 'document title set aside', no, raw.trim());
      this.flushAside();
      this.prev = 'heading';
      this.target = null;
      return;
    }
    if (BACK_MATTER_RE.test(bareHeadingText(text))) {
      this.closeList();
      this.mode = 'backmatter';
      this.backMatterLevel = level;
      this.addAside(WARNING_CODES.BACK_MATTER, 'back matter (sources, references, notes) set aside', no, raw.trim());
      this.target = 'aside';
      this.prev = 'aside';
      return;
    }
    const { num, heading } = splitHeading(this.cleanInline(text, no));
    this.openAxis(level, num, this.headingText(heading), no);
  }

  /** Markdown inline syntax removed from a heading (after its number was split off). */
  private headingText(h: string | null): string | null {
    if (h === null) return null;
    const t = collapseSpaces(this.md ? markdownInline(h, false).text : h);
    return t || null;
  }

  private openAxis(level: number, num: string | null, heading: string | null, no: number): void {
    this.closeList();
    while (this.axes.length && this.axes[this.axes.length - 1]!.level >= level) this.axes.pop();
    const node = newNode('axis', num, heading, no);
    const parent = this.axes[this.axes.length - 1];
    if (parent) parent.node.children.push(node);
    else this.roots.push(node);
    this.axes.push({ node, level });
    if (num) {
      const r = romanValue(num);
      if (r !== null && num === num.toUpperCase()) this.lastAxisRoman = r;
    }
    this.seenStructure = true;
    this.target = null;
    this.prev = 'heading';
  }

  // -- items ------------------------------------------------------------------------------------

  /** Is a label plausible where it stands? Only doubtful directly after a line of prose. */
  private accept(c: Extract<LineClass, { kind: 'item' }>): boolean {
    const L = c.label;
    if (this.prev !== 'item' && this.prev !== 'text') return true;
    if (L.type === 'bullet' || L.type === 'bold' || L.type === 'keyword' || L.listMarker) return true;
    const top = this.stack[0];
    if (L.type === 'num') {
      const n = L.n!;
      if (n === this.lastPointN + 1 || (n === this.lastPointN && n > 0)) return true;
      if (top && c.indent > top.indent && this.subNumberPlausible(c.indent, n)) return true;
      return this.prev === 'item' && n <= 999 && c.indent <= (top?.indent ?? 0);
    }
    if (this.prev === 'item') return true;
    if (!top) return false;
    if (L.type === 'dotted') return L.num!.split('.')[0] === top.node.num;
    if (L.num === 'a' || L.num === 'A' || L.num === 'i') return true;
    return this.stack.some((o) => isSuccessor(lastChildNum(o.node), L.num!));
  }

  private subNumberPlausible(indent: number, n: number): boolean {
    const parent = this.parentFor(indent);
    if (!parent) return false;
    if (n === 1) return true;
    const last = lastChildNum(parent.node);
    return last !== null && /^\d+$/.test(last) && Number(last) + 1 === n;
  }

  /** The open node a sub-item at `indent` attaches to (without popping). */
  private parentFor(indent: number): Open | undefined {
    let k = this.stack.length - 1;
    while (k > 0 && this.stack[k]!.indent >= indent) k--;
    return this.stack[k];
  }

  private item(i: number, c: Extract<LineClass, { kind: 'item' }>, no: number): void {
    this.flushAside();
    const L = c.label;
    const top = this.stack[0];
    // Upper-case labels: a Roman numeral continuing the axis numbering is an axis heading
    // ("II. Security"); otherwise an upper-case letter is an item label like "a".
    if (L.type === 'upper') {
      const asLetter = this.stack.some((o) => isSuccessor(lastChildNum(o.node), L.num!));
      const r = romanValue(L.num!);
      if (!asLetter && r !== null && r === this.lastAxisRoman + 1 && c.indent <= 1 && !L.listMarker && (this.prev !== 'text' || !top)) {
        this.openAxis(this.md ? 7 : 1, L.num, this.headingText(this.cleanInline(c.text, no)), no);
        return;
      }
    }
    const numeric = L.n !== null;
    let asSub: boolean;
    if (!top) asSub = false;
    else if (numeric) asSub = c.indent > top.indent && this.subNumberPlausible(c.indent, L.n!);
    else if (!top.numbered && c.indent <= top.indent) asSub = false; // sibling bullet under a heading
    else asSub = true;

    if (!asSub) {
      this.closeList();
      const node = newNode('point', L.num, null, no);
      const axis = this.axes[this.axes.length - 1];
      if (axis) axis.node.children.push(node);
      else this.roots.push(node);
      this.stack.push({ node, indent: c.indent, content: c.content, numbered: numeric });
      if (numeric) this.lastPointN = L.n!;
      this.seenStructure = true;
      this.target = node;
      this.prev = 'item';
      this.appendText(node, c.text, no);
      return;
    }
    while (this.stack.length > 1 && this.stack[this.stack.length - 1]!.indent >= c.indent) this.stack.pop();
    const parent = this.stack[this.stack.length - 1]!;
    const node = newNode('subpoint', L.num, null, no);
    parent.node.children.push(node);
    this.stack.push({ node, indent: c.indent, content: c.content, numbered: numeric });
    this.target = node;
    this.prev = 'item';
    this.appendText(node, c.text, no);
  }

  private closeList(): void {
    this.stack = [];
  }

  // -- prose lines ------------------------------------------------------------------------------

  private text(i: number, c: { indent: number; text: string }, no: number): void {
    const raw = c.text.trim();
    // A wrapped line continues whatever the line before it fed.
    if ((this.prev === 'text' || this.prev === 'item' || this.prev === 'aside') && this.target) {
      if (this.target === 'aside') {
        this.aside?.parts.push(raw);
      } else {
        this.appendText(this.target, raw, no);
      }
      if (this.prev === 'item') this.prev = 'text';
      return;
    }
    this.flushAside();
    // Setext heading: a single line underlined with === or ---.
    const next = this.lines[i + 1]?.text ?? '';
    if (/^ {0,3}(=+|-+)\s*$/.test(next) && this.prev !== 'text') {
      const level = next.trim().startsWith('=') ? 1 : 2;
      this.classes[i + 1] = { kind: 'blank' }; // consume the underline
      if (this.isSetextTitle(i, level)) {
        this.addAside(WARNING_CODES.PREAMBLE, 'document title set aside', no, raw);
        this.flushAside();
        this.prev = 'heading';
        return;
      }
      this.heading(-1, this.md ? level : 1, raw, no, raw);
      return;
    }
    if (this.isTextHeading(i, raw)) {
      if (BACK_MATTER_RE.test(bareHeadingText(raw))) {
        this.closeList();
        this.mode = 'backmatter';
        this.backMatterLevel = 99;
        this.addAside(WARNING_CODES.BACK_MATTER, 'back matter (sources, references, notes) set aside', no, raw);
        this.target = 'aside';
        this.prev = 'aside';
        return;
      }
      const { num, heading } = splitHeading(this.cleanInline(this.md ? bareHeadingText(raw) : raw, no).replace(/:$/, ''));
      this.openAxis(this.md ? 7 : 1, num, this.headingText(heading), no);
      return;
    }
    if (!this.seenStructure) {
      this.addAside(WARNING_CODES.PREAMBLE, 'preamble before the first provision set aside', no, raw);
      this.target = 'aside';
      this.prev = 'aside';
      return;
    }
    if (this.isBackMatterLine(i, raw)) {
      this.closeList();
      this.mode = 'backmatter';
      this.backMatterLevel = 99;
      this.addAside(WARNING_CODES.BACK_MATTER, 'back matter (sources, references, notes) set aside', no, raw);
      this.target = 'aside';
      this.prev = 'aside';
      return;
    }
    const deepest = this.stack[this.stack.length - 1];
    // An indented paragraph inside a list item continues that item (Markdown multi-paragraph items).
    if (deepest && c.indent > 0 && c.indent >= Math.min(deepest.content, deepest.indent + 2)) {
      let k = this.stack.length - 1;
      while (k > 0 && this.stack[k]!.indent >= c.indent) k--;
      const node = this.stack[k]!.node;
      this.appendText(node, raw, no);
      this.target = node;
      this.prev = 'text';
      return;
    }
    // "Option B: …" on its own line belongs to the point being read.
    if (this.stack[0] && OPTION_LINE_RE.test(raw)) {
      this.appendText(this.stack[0].node, raw, no);
      this.target = this.stack[0].node;
      this.prev = 'text';
      return;
    }
    const axis = this.axes[this.axes.length - 1];
    if (!this.stack.length && axis && !axis.node.children.length) {
      // Introductory prose of an axis, before its first point.
      this.appendText(axis.node, raw, no);
      this.target = axis.node;
      this.prev = 'text';
      return;
    }
    if (i > this.lastItemIndex) {
      this.addAside(WARNING_CODES.TRAILING_TEXT, 'text after the last provision set aside', no, raw);
      this.target = 'aside';
      this.prev = 'aside';
      return;
    }
    const point = this.stack[0]?.node ?? (axis && !this.stack.length ? lastPointOf(axis.node) : undefined);
    if (point) {
      this.warn(no, WARNING_CODES.LOOSE_PARAGRAPH, `unlabelled paragraph joined to ${describe(point)}: "${clip(raw)}"`);
      this.appendText(point, raw, no);
      this.target = point;
      this.prev = 'text';
      return;
    }
    this.addAside(WARNING_CODES.LOOSE_PARAGRAPH, 'unlabelled paragraph outside any point set aside', no, raw);
    this.target = 'aside';
    this.prev = 'aside';
  }

  /**
   * "Sources", "References:", "**Notes**" on a line of its own opens back matter when it looks
   * like a heading: bold, ending in a colon, or directly followed by the list it introduces.
   */
  private isBackMatterLine(i: number, raw: string): boolean {
    if (!BACK_MATTER_RE.test(bareHeadingText(raw))) return false;
    const next = this.classes[i + 1];
    return /^(\*\*|__).*\1:?$/.test(raw) || raw.endsWith(':') || (next !== undefined && next.kind !== 'blank');
  }

  private isSetextTitle(i: number, level: number): boolean {
    if (level !== 1) return false;
    for (let j = 0; j < i; j++) if (this.classes[j]!.kind !== 'blank') return false;
    return true;
  }

  /**
   * A short line of prose directly followed by an item line is a heading (thematic digests:
   * "Territorial questions" above its bullets) — unless the items below are sub-items of the
   * numbered point being read, in which case the line is the point's own prose.
   */
  private isTextHeading(i: number, raw: string): boolean {
    const next = this.classes[i + 1];
    if (!next || next.kind !== 'item') return false;
    const t = this.md ? bareHeadingText(raw) : raw;
    if (t.length === 0 || t.length > 120) return false;
    if (/^[([{"']/.test(t) || /[.,;]$/.test(t)) return false;
    if (OPTION_LINE_RE.test(t)) return false;
    const nextIsPoint = next.label.n !== null && next.indent <= 3;
    const numberedOpen = this.stack[0]?.numbered ?? false;
    return nextIsPoint || !numberedOpen;
  }

  // -- text accumulation ------------------------------------------------------------------------

  /** Per-line inline clean-up: footnote markers and typography, with warnings on this line. */
  cleanInline(text: string, no: number): string {
    let s = text;
    // Superscript digits glued to a word are footnote markers, except units such as m² or km³.
    s = s.replace(FOOTNOTE_SUP_RE, (m: string, _g: string, off: number, all: string) => {
      if (/[²³]/.test(m) && m.length === 1 && /(?:^|[^\p{L}])(?:k|c|m|d)?m$|(?:ft|in|mi)$/u.test(all.slice(Math.max(0, off - 4), off))) return m;
      this.footnoteRefs.add(m);
      this.warn(no, WARNING_CODES.FOOTNOTE_MARKER, `footnote marker "${m}" removed after "${clip(all.slice(Math.max(0, off - 30), off), 30)}"`);
      return '';
    });
    // "[12]" or Markdown "[^12]" references are footnotes, not bracketed text.
    s = s.replace(/(?<=[^\s\\])\s?\[(\^[^\]\s]{1,20}|\d{1,3})\](?!\()/g, (m: string, ref: string, off: number, all: string) => {
      const key = ref.replace(/^\^/, '');
      this.footnoteRefs.add(key);
      this.warn(no, WARNING_CODES.FOOTNOTE_MARKER, `footnote reference "[${ref}]" removed after "${clip(all.slice(Math.max(0, off - 30), off), 30)}"`);
      return '';
    });
    const t = normaliseTypography(s);
    if (t.quotes && this.typoQuotes[this.typoQuotes.length - 1] !== no) this.typoQuotes.push(no);
    if (t.dashes && this.typoDashes[this.typoDashes.length - 1] !== no) this.typoDashes.push(no);
    return t.text;
  }

  appendText(node: ParsedProvision, text: string, no: number): void {
    let t = this.cleanInline(text, no);
    // Several points on one line ("1. Foo. 2. Bar."): split when the later label is the next
    // number and no line of the text starts with that number.
    for (;;) {
      const point = this.stack[0];
      if (!point || !point.numbered || node.kind === 'axis' || !/^\d+$/.test(point.node.num ?? '')) break;
      const m = Number(point.node.num) + 1;
      if (this.lineLabels.has(m) || !t.includes(String(m))) break;
      const re = new RegExp(`(?<=[.;!?:)"'\\]])\\s+(?:\\*\\*${m}[.)]?\\*\\*|${m}[.)])\\s+(?=\\S)`);
      const hit = re.exec(t);
      if (!hit) break;
      this.pushSeg(node, t.slice(0, hit.index), no);
      this.warn(no, WARNING_CODES.INLINE_SPLIT, `point ${m} starts in the middle of the line; split from point ${point.node.num}`);
      this.closeList();
      const next = newNode('point', String(m), null, no);
      const axis = this.axes[this.axes.length - 1];
      if (axis) axis.node.children.push(next);
      else this.roots.push(next);
      this.stack.push({ node: next, indent: point.indent, content: point.content, numbered: true });
      this.lastPointN = m;
      this.lineLabels.add(m);
      this.target = next;
      node = next;
      t = t.slice(hit.index + hit[0].length);
    }
    this.pushSeg(node, t, no);
  }

  private pushSeg(node: ParsedProvision, text: string, no: number): void {
    let list = this.segs.get(node);
    if (!list) this.segs.set(node, (list = []));
    list.push({ text, line: no });
  }

  // -- set-aside blocks -------------------------------------------------------------------------

  private addAside(code: WarningCode, reason: string, line: number, text: string): void {
    if (this.aside && this.aside.code !== code) this.flushAside();
    if (!this.aside) this.aside = { code, line, reason, parts: [] };
    this.aside.parts.push(text);
  }

  private flushAside(): void {
    const a = this.aside;
    if (!a) return;
    this.aside = null;
    const text = collapseSpaces(a.parts.join(' '));
    if (text) this.warn(a.line, a.code, `${a.reason}: "${text}"`);
  }
}

function lastChildNum(node: ParsedProvision): string | null {
  const c = node.children[node.children.length - 1];
  return c ? c.num : null;
}

function lastPointOf(axis: ParsedProvision): ParsedProvision | undefined {
  for (let k = axis.children.length - 1; k >= 0; k--) if (axis.children[k]!.kind === 'point') return axis.children[k];
  return undefined;
}

function describe(node: ParsedProvision): string {
  return node.num ? `${node.kind} ${node.num}` : `the ${node.kind} on line ${node.line}`;
}

function clip(s: string, max = 80): string {
  const t = collapseSpaces(s);
  return t.length > max ? t.slice(0, max) + '…' : t;
}

/**
 * Split a heading into its number and title: "Axis I — Sovereignty" → {num "I", heading
 * "Sovereignty"}, "3. Economy" → {"3", "Economy"}, "Territorial questions" → {null, same}.
 * The number needs a separator (`.`, `:`, `)`, or a spaced dash) so that "A new order" or
 * "20-point framework" stay titles.
 */
export function splitHeading(text: string): { num: string | null; heading: string | null } {
  const t = collapseSpaces(text);
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

// ---------------------------------------------------------------------------------------------
// Finishing nodes: Markdown inline syntax, point titles, brackets, alternatives

const ESC_OPEN = '\u0001';
const ESC_CLOSE = '\u0002';

/** Remove Markdown inline syntax, keeping every word: emphasis markers go, link URLs stay in parentheses. */
function markdownInline(text: string, wantTitle: boolean): { text: string; title: string | null } {
  const escaped: string[] = [];
  // Escapes first, so that "\*" is never read as emphasis; control characters cannot occur
  // here (the normaliser removed them), so they are safe placeholders.
  let s = text.replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => {
    escaped.push(ch);
    return ESC_OPEN + (escaped.length - 1) + ESC_CLOSE;
  });
  let title: string | null = null;
  if (wantTitle) {
    // A short bold lead-in ending in "." or ":" is the point's own title: "**Length.** After …".
    const m = /^(\*\*|__)(?=\S)((?:(?!\1)[^\n])+?)(?<=\S)\1/.exec(s);
    if (m && m[2]!.length <= 80) {
      const after = s.slice(m[0].length);
      // "**Title.** text" or "**Title**: text"; a dash after "**Title.**" belongs to the text.
      const sep = /[.:]$/.test(m[2]!) ? null : /^\s*(?:[.:]|[—–-](?=\s))/.exec(after);
      if (/[.:]$/.test(m[2]!) || sep) {
        title = m[2]!.replace(/[.:]$/, '');
        s = after.slice(sep ? sep[0].length : 0).replace(/^\s+/, '');
      }
    }
  }
  s = s
    .replace(/!?\[([^\][]{0,1000})\]\(\s*([^()\s]{0,2000})(?:\s+"[^"]{0,500}")?\s*\)/g, (_m, label: string, url: string) => (url ? `${label} (${url})` : label))
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
  // Spans are bounded so that unclosed markers cannot make the scan quadratic.
  for (let k = 0; k < 2; k++) s = s.replace(/(\*\*|__)(?=\S)([\s\S]{0,2000}?\S)\1/g, '$2');
  s = s.replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]{0,2000}?\S)\*(?![\p{L}\p{N}*])/gu, '$1$2');
  s = s.replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]{0,2000}?\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
  const restore = (x: string) => x.replace(/\u0001(\d+)\u0002/g, (_m, k: string) => escaped[Number(k)] ?? '');
  return { text: restore(s), title: title === null ? null : collapseSpaces(restore(title)) };
}

/** `[...]` spans of `text`, outer and nested, sorted by start; editorial "[…]" omissions skipped. */
export function findBrackets(text: string): { spans: BracketSpan[]; unmatchedOpen: number; unmatchedClose: number } {
  const spans: BracketSpan[] = [];
  const open: number[] = [];
  let unmatchedClose = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 0x5b) open.push(k);
    else if (ch === 0x5d) {
      const start = open.pop();
      if (start === undefined) unmatchedClose++;
      else {
        const inside = text.slice(start + 1, k);
        if (!/^\s*(?:\.\.\.|…)\s*$/.test(inside)) spans.push({ start, end: k + 1, text: inside, proponents: [] });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { spans, unmatchedOpen: open.length, unmatchedClose };
}

const OPTION_RE = /(?<![\p{L}\p{N}])(?:option|alternative|variant)\s+([A-Z]|\d{1,2})\s*(?:[:.)]|\s[—–-])\s*/giu;

/**
 * `Option A: … / Option B: …` (or `Alternative 1:`, `Variant B —`) in a text: each label with
 * the text up to the next label, separators (" / ", ";", "or") trimmed. The options stay in the
 * node's text as well, so a reader of the text sees them where they were written.
 */
export function findAlternatives(text: string): Alternative[] {
  const hits: Array<{ label: string; start: number; end: number }> = [];
  OPTION_RE.lastIndex = 0;
  for (let m = OPTION_RE.exec(text); m; m = OPTION_RE.exec(text)) {
    hits.push({ label: m[1]!.toUpperCase(), start: m.index, end: m.index + m[0].length });
  }
  return hits.map((h, k) => {
    const stop = hits[k + 1]?.start ?? text.length;
    let body = text.slice(h.end, stop);
    body = body.replace(/(?:\s*(?:\/|;|,|\bor\b|\[|\())+\s*$/i, '').trim();
    // A closing bracket that belongs to the surrounding [ … ] is not part of the option.
    if ((body.match(/\]/g)?.length ?? 0) > (body.match(/\[/g)?.length ?? 0)) body = body.replace(/\]\s*$/, '').trim();
    return { label: h.label, text: body, proponents: [] };
  });
}

function finishNode(node: ParsedProvision, b: Builder, md: boolean): void {
  const segs = b.segs.get(node) ?? [];
  let raw = segs.map((s) => s.text).join(' ');
  if (md) {
    const r = markdownInline(raw, node.kind !== 'axis');
    raw = r.text;
    if (r.title !== null && node.heading === null) node.heading = r.title;
  }
  // Typography again on the joined text: a dash or quote can straddle a line break.
  node.text = collapseSpaces(normaliseTypography(raw).text);
  const br = findBrackets(node.text);
  node.brackets = br.spans;
  if (br.unmatchedOpen || br.unmatchedClose) {
    const parts = [];
    if (br.unmatchedOpen) parts.push(`${br.unmatchedOpen} "[" without "]"`);
    if (br.unmatchedClose) parts.push(`${br.unmatchedClose} "]" without "["`);
    b.warn(node.line, WARNING_CODES.UNBALANCED_BRACKET, `${describe(node)}: ${parts.join(' and ')} in "${clip(node.text)}"`);
  }
  node.alternatives = findAlternatives(node.text);
  for (const child of node.children) finishNode(child, b, md);
  // Options written as sub-items ("a. Option A: …") are alternatives of the point itself.
  if (node.kind !== 'axis') {
    for (const child of node.children) {
      if (child.alternatives.length && OPTION_LINE_RE.test(child.text)) {
        node.alternatives.push(...child.alternatives);
        child.alternatives = [];
      }
    }
  }
  if (node.kind !== 'axis' && !node.text && !node.heading && !node.children.length) {
    b.warn(node.line, WARNING_CODES.EMPTY_ITEM, `${describe(node)} has no text`);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbering checks

function checkNumbering(roots: ParsedProvision[], b: Builder): void {
  // Points in document order, with the axis that holds them (null at top level).
  const points: Array<{ node: ParsedProvision; axis: ParsedProvision | null }> = [];
  const walk = (list: ParsedProvision[], axis: ParsedProvision | null) => {
    for (const n of list) {
      if (n.kind === 'axis') walk(n.children, n);
      else if (n.kind === 'point' && n.num !== null && /^\d+$/.test(n.num)) points.push({ node: n, axis });
    }
  };
  walk(roots, null);
  if (!points.length) return;
  // Numbering that restarts at 1 in every axis is checked axis by axis.
  const axesWithPoints = [...new Set(points.map((p) => p.axis))];
  const perAxis =
    axesWithPoints.length > 1 &&
    axesWithPoints.every((a) => points.find((p) => p.axis === a)!.node.num === '1');
  const scopes = perAxis ? axesWithPoints.map((a) => points.filter((p) => p.axis === a)) : [points];
  for (const scope of scopes) checkScope(scope, b);
}

function checkScope(scope: Array<{ node: ParsedProvision; axis: ParsedProvision | null }>, b: Builder): void {
  const nums = scope.map((p) => Number(p.node.num));
  const used = new Set(nums);
  let monotonic = true;
  for (let k = 1; k < nums.length; k++) if (nums[k]! < nums[k - 1]!) monotonic = false;
  if (monotonic) {
    let prev = 0;
    for (const p of scope) {
      const n = Number(p.node.num);
      if (n === prev && n > 0) {
        if (!used.has(prev + 1)) {
          p.node.num = String(prev + 1);
          used.add(prev + 1);
          b.warn(p.node.line, WARNING_CODES.DUPLICATE_NUMBER, `number ${n} used twice and ${n + 1} missing: read as point ${n + 1}`);
          prev = prev + 1;
        } else {
          b.warn(p.node.line, WARNING_CODES.DUPLICATE_NUMBER, `number ${n} used twice; kept as written`);
        }
        continue;
      }
      if (n > prev + 1) {
        const gap = n - prev - 1 === 1 ? `${prev + 1} is` : `${prev + 1}–${n - 1} are`;
        b.warn(p.node.line, WARNING_CODES.SKIPPED_NUMBER, `point ${gap} missing before point ${n}`);
      }
      prev = n;
    }
    return;
  }
  // Regrouped numbering (points moved under thematic headings): order across axes is free;
  // report duplicates, decreases inside one axis, and numbers missing from 1..max.
  const seen = new Set<number>();
  for (let k = 0; k < scope.length; k++) {
    const p = scope[k]!;
    const n = Number(p.node.num);
    if (seen.has(n)) b.warn(p.node.line, WARNING_CODES.DUPLICATE_NUMBER, `number ${n} used more than once; kept as written`);
    seen.add(n);
    const before = scope[k - 1];
    if (before && before.axis === p.axis && Number(before.node.num) > n) {
      b.warn(p.node.line, WARNING_CODES.OUT_OF_ORDER, `point ${n} comes after point ${before.node.num} in the same section`);
    }
  }
  const max = nums.reduce((a, x) => Math.max(a, x), 0);
  if (max > 100_000) return;
  // Line of the first point numbered `n`, to place each gap's warning at the point after it.
  const lineOf = new Map<number, number>();
  for (const p of scope) if (!lineOf.has(Number(p.node.num))) lineOf.set(Number(p.node.num), p.node.line);
  for (let n = 1; n <= max; n++) {
    if (used.has(n)) continue;
    let m = n;
    while (m + 1 <= max && !used.has(m + 1)) m++;
    b.warn(lineOf.get(m + 1) ?? 1, WARNING_CODES.SKIPPED_NUMBER, m === n ? `point ${n} is missing` : `points ${n}–${m} are missing`);
    n = m;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Parse a peace plan written as plain text or Markdown.
 *
 * @param input the whole text (any string: BOM, CRLF, NBSP and garbage are all accepted).
 * @param opts.format 'markdown' or 'text'; detected by {@link detectFormat} when absent. Markdown
 *   enables `#` headings, block quotes, `[^n]:` footnotes and inline syntax (emphasis removed,
 *   link URLs kept in parentheses, backslash escapes honoured, `**Title.**` lead-ins read as a
 *   point's heading).
 * @returns provisions (axes holding points holding sub-points; points outside any axis at top
 *   level) and warnings sorted by line. Points keep their label as written in `num` (except a
 *   duplicated number read as the missing next one, which is warned); unnumbered bullets have
 *   `num` null. `text` is whitespace-normalised, without label or children. Alternatives
 *   (`Option A: …`) are listed in `alternatives` and also left in `text`, so the text reads as
 *   written. Text that is not a provision is quoted in a warning saying why it was set aside.
 *
 * Never throws.
 */
export function parsePlan(input: string, opts: ParseOptions = {}): ParseResult {
  const source = typeof input === 'string' ? input : String(input ?? '');
  try {
    return parseUnsafe(source, opts);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      provisions: [],
      warnings: [
        {
          line: 1,
          code: WARNING_CODES.INTERNAL_ERROR,
          message: `the parser failed (${why}); the whole text was set aside: "${collapseSpaces(source)}"`,
        },
      ],
    };
  }
}

function parseUnsafe(input: string, opts: ParseOptions): ParseResult {
  const format = opts.format ?? detectFormat(input);
  const md = format === 'markdown';
  const norm = normaliseInput(input);
  const classes = norm.lines.map((l) => classifyLine(l.text, md));
  const b = new Builder(norm.lines, classes, md);
  b.run();
  for (const n of b.roots) finishNode(n, b, md);
  checkNumbering(b.roots, b);
  const warnings = [...norm.warnings, ...b.warnings].map((w, k) => ({ w, k }));
  warnings.sort((x, y) => x.w.line - y.w.line || x.k - y.k);
  return { provisions: b.roots, warnings: warnings.map((x) => x.w) };
}
