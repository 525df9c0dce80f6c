/**
 * Tree building for the plan parser: one pass over the classified lines (./lines.ts) with a stack of
 * open items keyed by indentation and marker family, the way outlines nest: a deeper indentation,
 * or another marker family at the same indentation directly under an item ("A." then "1)"; "•" then
 * "–"), opens a sub-level; a family already open closes the levels below it. A label in the middle
 * of wrapped prose is only believed when it is plausible there (the next number, the next letter),
 * otherwise the line is a wrapped line.
 *
 * Text that is not a provision (title, preamble, notes, footnotes, page numbers, source lists,
 * signature blocks, trailing commentary) is set aside in a warning that quotes it. A paragraph set
 * aside that enumerates points inside its prose ("agreed on: 1- …; 2- …") gives those points
 * (./inline.ts).
 */
import { collapseSpaces, normaliseTypography, type NormalisedLine } from '../normalise.js';
import type { ParsedProvision, ParseWarning } from '../types.js';
import { findEnumeration, itemText } from './inline.js';
import {
  BACK_MATTER_RE,
  BULLET_RANK,
  bareHeadingText,
  FOOTNOTE_SUP_ANY,
  FOOTNOTE_SUP_RE,
  isSuccessor,
  OPTION_LINE_RE,
  romanValue,
  splitHeading,
  titleLike,
  type Label,
  type LabelWords,
  type LineClass,
} from './lines.js';
import { clip, WARNING_CODES, type WarningCode } from './warnings.js';
import { markdownInline } from './markdown.js';
import { PREAMBLE_WORDS } from './words.js';

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
  /** Marker family of the label (see `Label.family`). */
  family: string;
  /** Opened by a heading line ("Article 2 — Principles"): the paragraphs under it are its own. */
  headed?: boolean;
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
  /** Input line of each part. */
  lines: number[];
}

type Prev = 'start' | 'blank' | 'item' | 'text' | 'heading' | 'rule' | 'aside';

export function newNode(kind: ParsedProvision['kind'], num: string | null, heading: string | null, line: number): ParsedProvision {
  return { kind, num, heading, text: '', line, brackets: [], alternatives: [], children: [] };
}

/** Builds the tree of one text; see the module doc. */
export class Builder {
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
  /** Axes opened by a keyword heading ("Part One"): they become points when they hold no points. */
  readonly keywordAxes = new Set<ParsedProvision>();
  /** Points opened by a keyword label ("Article 2"): never demoted to sub-points. */
  private readonly keywordPoints = new Set<ParsedProvision>();

  /** Was `n` opened by a keyword label? */
  keywordPoint(n: ParsedProvision): boolean {
    return this.keywordPoints.has(n);
  }

  /** Has `n` any text of its own (before finishing)? */
  hasText(n: ParsedProvision): boolean {
    return !!this.segs.get(n)?.some((x) => x.text.trim());
  }

  constructor(
    private readonly lines: NormalisedLine[],
    private readonly classes: LineClass[],
    private readonly md: boolean,
    /** Label words of this text beyond the known keywords (see learnLabelWords). */
    private readonly learned: LabelWords | null = null,
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
      if (!inBack && (c.kind === 'item' || c.kind === 'kwhead')) this.lastItemIndex = i;
    }
    for (let i = cls.length - 1; i >= 0 && this.lastStructureIndex < 0; i--) {
      const c = cls[i]!;
      if ((c.kind === 'item' && c.label.n !== null) || c.kind === 'kwhead' || (c.kind === 'atx' && !BACK_MATTER_RE.test(bareHeadingText(c.text)))) {
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
      case 'kwhead':
        // "Part One", "Chapter 3 — Security", "Annex 1-A": a group heading, below any Markdown heading.
        this.flushAside();
        this.openAxis(this.md ? 7 : 1, c.num, this.headingText(c.title === null ? null : this.cleanInline(c.title, no)), no);
        this.keywordAxes.add(this.axes[this.axes.length - 1]!.node);
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
    const { num, heading } = splitHeading(this.cleanInline(text, no), this.learned);
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
    // Under a heading, a first label ("A.", "a)", "i.") after its prose opens its list.
    if (!top) return this.axes.length > 0 && (L.num === 'a' || L.num === 'A' || L.num === 'i' || L.num === 'I');
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
    // Upper-case labels: a Roman numeral continuing the axis numbering and followed by a title is an
    // axis heading ("II. Security"); followed by a sentence it is a point ("II. The parties …").
    let n = L.n;
    if (L.type === 'upper') {
      const asLetter = this.stack.some((o) => isSuccessor(lastChildNum(o.node), L.num!));
      const r = romanValue(L.num!);
      if (!asLetter && r !== null && r === this.lastAxisRoman + 1 && c.indent <= 1 && !L.listMarker && (this.prev !== 'text' || !top) && titleLike(c.text) && this.nextIsStructure(i)) {
        this.openAxis(this.md ? 7 : 1, L.num, this.headingText(this.cleanInline(c.text, no)), no);
        return;
      }
      const prevRoman = top && top.family === L.family && romanValue(top.node.num ?? '') !== null;
      if (r !== null && (L.num!.length > 1 || L.num === 'I' || prevRoman)) n = r;
    }
    const parentIdx = this.place(c, L, n);
    const numbered = n !== null;
    let heading: string | null = null;
    let text = c.text;
    if (L.type === 'keyword' && titleLike(text) && this.titleStandsAlone(i, c.indent)) {
      heading = this.headingText(this.cleanInline(text, no));
      text = '';
    }
    if (parentIdx < 0) {
      this.closeList();
      const node = newNode('point', L.num, heading, no);
      const axis = this.axes[this.axes.length - 1];
      if (axis) axis.node.children.push(node);
      else this.roots.push(node);
      this.stack.push({ node, indent: c.indent, content: c.content, numbered, family: L.family, headed: heading !== null || L.type === 'keyword' });
      if (L.type === 'keyword') this.keywordPoints.add(node);
      if (numbered) this.lastPointN = n!;
      this.seenStructure = true;
      this.target = node;
      this.prev = 'item';
      if (text) this.appendText(node, text, no);
      return;
    }
    this.stack.length = parentIdx + 1;
    const parent = this.stack[parentIdx]!;
    const node = newNode('subpoint', L.num, heading, no);
    parent.node.children.push(node);
    this.stack.push({ node, indent: c.indent, content: c.content, numbered, family: L.family });
    this.target = node;
    this.prev = 'item';
    if (text) this.appendText(node, text, no);
  }

  /**
   * Where an item goes: -1 for a new point, else the stack index of its parent. A family already
   * open (at about the same indentation) makes a sibling; a deeper indentation a child; another
   * family at the same indentation a child of the item above (see the module doc), except that
   * keyword and bold labels are always points, a number is a child only as a first or next
   * sub-item, and in Markdown, or for a bullet of the same or a higher rank, bullets stay siblings.
   */
  private place(c: Extract<LineClass, { kind: 'item' }>, L: Label, n: number | null): number {
    const st = this.stack;
    if (!st.length || L.type === 'keyword' || L.type === 'bold') return -1;
    const plausible = (o: Open) => n === null || n === 1 || this.nextChildNumber(o) === n;
    for (let k = st.length - 1; k >= 0; k--) {
      const o = st[k]!;
      const near = Math.abs(o.indent - c.indent) <= 1;
      // "h." then "i.", "i." then "ii.": the next label of an open item is its sibling whatever its family.
      if (near && (o.family === L.family || (L.num !== null && o.node.num !== null && L.type !== 'bullet' && isSuccessor(o.node.num, L.num)))) {
        // A repeated or skipped number among sub-items is a new point rather than a sub-item.
        if (k > 0 && n !== null && !plausible(st[k - 1]!)) return -1;
        return k - 1;
      }
    }
    const deepest = st[st.length - 1]!;
    if (c.indent > deepest.indent + 1) {
      if (plausible(deepest)) return st.length - 1;
      for (let k = st.length - 1; k >= 0; k--) if (st[k]!.family === L.family) return k > 0 && !plausible(st[k - 1]!) ? -1 : k - 1;
      return -1;
    }
    // Same or smaller indentation: the deepest open item at or left of this column.
    let j = st.length - 1;
    while (j > 0 && st[j]!.indent > c.indent + 1) j--;
    const above = st[j]!;
    if (above.indent < c.indent - 1) return j; // clearly inside it
    // Markdown nests by indentation only; a numbered point takes unindented sub-items all the same.
    // In plain text a blank line before another family at the same indentation also starts a sibling.
    // Below the point level, items at one indentation are siblings whatever their marks; a number
    // level with a point is a new point unless it reads as that point's first or next sub-item.
    if ((this.md || this.prev === 'blank' || j > 0) && !(j === 0 && above.numbered && n === null)) {
      const p = j - 1;
      if (n !== null && p >= 0 && st[p]!.indent >= c.indent - 1 && !plausible(st[p]!)) return -1;
      return p;
    }
    if (L.type === 'bullet' && above.family.startsWith('bullet:')) {
      const deeper = !this.md && (BULLET_RANK[above.family.slice(7)] ?? 2) < (BULLET_RANK[L.family.slice(7)] ?? 2);
      return deeper ? j : j - 1;
    }
    if (n !== null && !plausible(above)) return j - 1;
    if (n !== null && above.family.startsWith('bullet:') && L.family === 'num.' && j === 0) return -1;
    return j;
  }

  /** The number a next numeric sub-item of `o` would carry (1 when it has none, null when its last is not numeric). */
  private nextChildNumber(o: Open): number | null {
    const last = lastChildNum(o.node);
    if (last === null) return o.node.children.length ? null : 1;
    if (/^\d+$/.test(last)) return Number(last) + 1;
    const r = /^[IVXLCDM]+$/i.test(last) ? romanValue(last) : null;
    return r !== null ? r + 1 : null;
  }

  /** Does a heading-like line at `i` stand alone (followed by a blank, an item, a heading or deeper text)? */
  private titleStandsAlone(i: number, indent: number): boolean {
    const next = this.classes[i + 1];
    if (!next || next.kind === 'blank' || next.kind === 'item' || next.kind === 'kwhead' || next.kind === 'atx' || next.kind === 'rule') return true;
    return next.kind === 'text' && next.indent > indent;
  }

  /** Is the next non-blank line an item or a heading (so a title line above it heads something)? */
  private nextIsStructure(i: number): boolean {
    for (let k = i + 1; k < this.classes.length; k++) {
      const c = this.classes[k]!;
      if (c.kind === 'blank' || c.kind === 'debris') continue;
      return c.kind === 'item' || c.kind === 'kwhead' || c.kind === 'atx' || c.kind === 'text';
    }
    return false;
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
        this.aside?.lines.push(no);
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
      const { num, heading } = splitHeading(this.cleanInline(this.md ? bareHeadingText(raw) : raw, no).replace(/:$/, ''), this.learned);
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
    const top = this.stack[0];
    // A point opened by a heading line ("Article 2 — Principles") owns its first paragraph.
    if (top?.headed && this.stack.length === 1 && !this.segs.get(top.node)?.length) {
      this.appendText(top.node, raw, no);
      this.target = top.node;
      this.prev = 'text';
      return;
    }
    // A lead-in after the numbered points introducing a bulleted list ("We also commit to:" then
    // "- …"), with no numbered point after it, closes the plan: commitments, not points.
    const below = this.classes[i + 1];
    if (this.prev === 'blank' && c.indent === 0 && top?.numbered && /[:：]$/.test(raw) && below?.kind === 'item' && below.label.type === 'bullet' && below.label.family !== top.family && !this.structureAfter(i)) {
      this.closeList();
      this.mode = 'trailing';
      this.addAside(WARNING_CODES.TRAILING_TEXT, 'closing text after the last numbered point set aside', no, raw);
      this.target = 'aside';
      this.prev = 'aside';
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
      if (!this.stack[0]?.headed) this.warn(no, WARNING_CODES.LOOSE_PARAGRAPH, `unlabelled paragraph joined to ${describe(point)}: "${clip(raw)}"`);
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
    // (Each scan is tried only when its character occurs: the look-behinds are slow on long texts.)
    if (FOOTNOTE_SUP_ANY.test(s)) s = s.replace(FOOTNOTE_SUP_RE, (m: string, _g: string, off: number, all: string) => {
      if (/[²³]/.test(m) && m.length === 1 && /(?:^|[^\p{L}])(?:k|c|m|d)?m$|(?:ft|in|mi)$/u.test(all.slice(Math.max(0, off - 4), off))) return m;
      this.footnoteRefs.add(m);
      this.warn(no, WARNING_CODES.FOOTNOTE_MARKER, `footnote marker "${m}" removed after "${clip(all.slice(Math.max(0, off - 30), off), 30)}"`);
      return '';
    });
    // "[12]" or Markdown "[^12]" references are footnotes, not bracketed text.
    if (s.includes('[')) s = s.replace(/(?<=[^\s\\])\s?\[(\^[^\]\s]{1,20}|\d{1,3})\](?!\()/g, (m: string, ref: string, off: number, all: string) => {
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
      const re = new RegExp(`(?<=[.;!?:)"'\\]])\\s*(?:\\*\\*${m}[.)]?\\*\\*|${m}[.)]|${m}\\s?[-–])\\s+(?=\\S)`);
      const hit = re.exec(t);
      if (!hit) break;
      this.pushSeg(node, t.slice(0, hit.index), no);
      this.warn(no, WARNING_CODES.INLINE_SPLIT, `point ${m} starts in the middle of the line; split from point ${point.node.num}`);
      this.closeList();
      const next = newNode('point', String(m), null, no);
      const axis = this.axes[this.axes.length - 1];
      if (axis) axis.node.children.push(next);
      else this.roots.push(next);
      this.stack.push({ node: next, indent: point.indent, content: point.content, numbered: true, family: point.family });
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
    if (!this.aside) this.aside = { code, line, reason, parts: [], lines: [] };
    this.aside.parts.push(text);
    this.aside.lines.push(line);
  }

  private flushAside(): void {
    const a = this.aside;
    if (!a) return;
    this.aside = null;
    if (this.enumerated(a)) return;
    const text = collapseSpaces(a.parts.join(' '));
    if (text) this.warn(a.line, a.code, `${a.reason}: "${text}"`);
  }

  /**
   * A paragraph set aside as preamble, loose or trailing text that enumerates points in its prose
   * ("agreed on: 1- …; 2- …", "the main points are: first, …; second, …", "… shall end. 4. The …")
   * gives those points; its introduction and what follows the list stay aside.
   */
  private enumerated(a: AsideBlock): boolean {
    const inPlan = this.seenStructure;
    if (a.code !== WARNING_CODES.PREAMBLE && a.code !== WARNING_CODES.LOOSE_PARAGRAPH && a.code !== WARNING_CODES.TRAILING_TEXT) return false;
    if (this.mode !== 'normal') return false;
    const top = this.stack[0];
    // Before any structure a list starts at 1; among numbered points it continues their numbering.
    const from = inPlan ? (top?.numbered && top.node.kind === 'point' && /^\d+$/.test(top.node.num ?? '') ? Number(top.node.num) + 1 : !this.stack.length && !this.anyPoint() ? 1 : 0) : 1;
    if (!from) return false;
    let text = '';
    const starts: number[] = [];
    a.parts.forEach((p, k) => {
      if (k) text += ' ';
      starts.push(text.length);
      text += p;
    });
    const e = findEnumeration(text, { from, minItems: from > 1 ? 1 : 2 });
    if (!e) return false;
    const lineAt = (off: number) => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1]! <= off) k++;
      return a.lines[k]!;
    };
    if (e.intro.trim()) this.warn(a.line, a.code, `${a.reason}: "${collapseSpaces(e.intro)}"`);
    const axis = this.axes[this.axes.length - 1];
    this.closeList();
    for (const it of e.items) {
      const line = lineAt(it.start);
      const node = newNode('point', it.label, null, line);
      if (axis) axis.node.children.push(node);
      else this.roots.push(node);
      this.pushSeg(node, this.cleanInline(itemText(text, it), line), line);
      this.stack = [{ node, indent: 0, content: 0, numbered: true, family: `inline:${e.family}` }];
      this.lastPointN = it.value;
    }
    this.warn(lineAt(e.items[0]!.start), WARNING_CODES.INLINE_LIST, `${e.items.length} point(s) numbered inside a paragraph read as points ${e.items[0]!.label}–${e.items[e.items.length - 1]!.label}`);
    this.seenStructure = true;
    if (e.tail.trim()) this.warn(lineAt(e.tailStart), WARNING_CODES.TRAILING_TEXT, `text after the points of the paragraph set aside: "${collapseSpaces(e.tail)}"`);
    this.target = null;
    return true;
  }

  private anyPoint(): boolean {
    const has = (ns: ParsedProvision[]): boolean => ns.some((n) => n.kind === 'point' || has(n.children));
    return has(this.roots);
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

export function describe(node: ParsedProvision): string {
  return node.num ? `${node.kind} ${node.num}` : `the ${node.kind} on line ${node.line}`;
}

