/**
 * Rendering a plan tree back to text: a canonical Markdown form that {@link parsePlan} reads back
 * to the same structure, and a terminal form for `accord plan show`.
 */
import type { Alternative, BracketSpan, ProvisionKind } from '../model/schemas.js';
import { findBrackets, lineKind, splitHeading } from './parse.js';

/**
 * What the renderers need from a node. Both {@link ParsedProvision} (parser output) and the
 * model's `Provision` (which adds lineage, status, topics) fit this shape.
 */
export interface RenderableProvision {
  kind: ProvisionKind;
  num: string | null;
  heading: string | null;
  text: string;
  children: readonly RenderableProvision[];
  /** Bracket spans of `text`; recomputed from the text when absent. */
  brackets?: readonly BracketSpan[];
  alternatives?: readonly Alternative[];
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Escape the Markdown inline syntax the parser interprets (emphasis, code, links, escapes). */
function escapeInline(text: string): string {
  return text
    .replace(/([\\*_`])/g, '\\$1')
    .replace(/\]\(/g, ']\\(')
    .replace(/</g, '\\<')
    .replace(/\[(?=\^|\d{1,3}\])/g, '\\[');
}

const KEYWORD_START = /^(point|item|article|clause|paragraph|para)(\s+\d)/i;
/** Text that, after a bullet, the parser would read as a label ("a) …", "(3) …", "Point 2: …"). */
const LABEL_START = /^(?:\d{1,5}[.)]|\(\d{1,5}\)|[A-Za-z]{1,7}[.)]|\([A-Za-z]{1,7}\))(?=\s|$)/;

/** Escape a text placed after a bullet so that its first word is not taken for a label. */
function protectStart(text: string): string {
  if (KEYWORD_START.test(text)) return text.replace(KEYWORD_START, '**$1**$2');
  if (LABEL_START.test(text)) return text.replace(/^(\(?[\dA-Za-z]{1,7})([.)])/, '$1\\$2').replace(/^\(/, '\\(');
  return protectWord(text);
}

/** A text whose first word would read as a keyword label or heading ("Статья 2.", "Part One") gets that word bolded. */
function protectWord(text: string): string {
  const k = lineKind(text, 'markdown');
  return k === 'item' || k === 'kwhead' ? text.replace(/^(\p{L}+)/u, '**$1**') : text;
}

/** Neutralise a paragraph's start when it would read as a heading, quote, list item or rule. */
function protectParagraph(text: string): string {
  // Non-ASCII bullets cannot be backslash-escaped; bold them instead (the bold is dropped on reading).
  if (/^[•→▪◦‣⁃·–—►▶➢✓]/.test(text)) return `**${text[0]}**${text.slice(1)}`;
  if (/^[#>+\-=~(]/.test(text)) return '\\' + text;
  if (/^[\dA-Za-z]{1,7}[.)](?=\s|$)/.test(text)) return text.replace(/^([\dA-Za-z]{1,7})([.)])/, '$1\\$2');
  if (KEYWORD_START.test(text)) return text.replace(KEYWORD_START, '**$1**$2');
  return protectWord(text);
}

function mdHeading(node: RenderableProvision, level: number): string {
  const hashes = '#'.repeat(Math.min(6, level));
  let h = node.heading === null ? '' : escapeInline(node.heading).replace(/#/g, '\\#');
  // A title that itself looks numbered ("II. Economy", "Axis III") is bolded so it stays a title.
  if (h && splitHeading(h).num !== null) h = `**${h}**`;
  if (node.num !== null) return `${hashes} ${node.num}.${h ? ' ' + h : ''}`;
  return h ? `${hashes} ${h}` : hashes;
}

/** An item line that would read as page debris or a rule ("- 2 -", "- --") gets its last ASCII punctuation escaped. */
function itemLine(prefix: string, body: string): string {
  const line = `${prefix}${body ? ' ' + body : ''}`;
  if (lineKind(line, 'markdown') === 'item') return line;
  const k = body.search(/[!-/:-@[-`{-~][^!-/:-@[-`{-~]*$/);
  return k < 0 ? line : `${prefix} ${body.slice(0, k)}\\${body.slice(k)}`;
}

function mdItemBody(node: RenderableProvision, bullet: boolean): string {
  let body = '';
  if (node.heading !== null) body = `**${escapeInline(node.heading)}.**`;
  const text = escapeInline(node.text);
  if (text) body += (body ? ' ' : '') + (bullet && !body ? protectStart(text) : text);
  return body;
}

/**
 * Canonical Markdown of a plan tree, which {@link parsePlan} reads back to the same kinds, nums,
 * headings, texts and children:
 *
 * ```
 * ## I. Heading            (axis; `## Heading` when unnumbered; nested axes get more `#`)
 *
 * Axis introduction.
 *
 * 1. **Point title.** Point text
 *    a. sub-point
 *    - unnumbered sub-point
 *
 * - unnumbered point
 * ```
 *
 * Limits (the Markdown cannot say otherwise): a bullet or lettered point placed after a numbered
 * point in the same axis reads back as its sub-point; points after an axis read back inside it; labels must be numbers, letters or Roman
 * numerals; an axis titled "Sources" or "Notes" reads back as back matter; a point title over 80
 * characters reads back as text.
 */
export function renderPlanMarkdown(provisions: readonly RenderableProvision[]): string {
  const out: string[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  const sub = (node: RenderableProvision, depth: number) => {
    const pad = '   '.repeat(depth);
    const label = node.num === null ? '-' : `${node.num}.`;
    out.push(itemLine(pad + label, mdItemBody(node, node.num === null)));
    for (const c of node.children) sub(c, depth + 1);
  };
  const point = (node: RenderableProvision) => {
    blank();
    const label = node.num === null ? '-' : `${node.num}.`;
    out.push(itemLine(label, mdItemBody(node, node.num === null)));
    for (const c of node.children) sub(c, 1);
  };
  const axis = (node: RenderableProvision, level: number) => {
    blank();
    out.push(mdHeading(node, level));
    blank();
    if (node.text) {
      out.push(protectParagraph(escapeInline(node.text)));
      blank();
    }
    for (const c of node.children) {
      if (c.kind === 'axis') axis(c, level + 1);
      else point(c);
    }
  };
  for (const n of provisions) {
    if (n.kind === 'axis') axis(n, 2);
    else if (n.kind === 'point') point(n);
    else sub(n, 1);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Terminal

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', yellow: '\x1b[33m', cyan: '\x1b[36m', reset: '\x1b[0m' };

/** Mark the outermost bracket spans: `⟦…⟧` in plain output, yellow `[…]` in colour. */
function markBrackets(text: string, spans: readonly BracketSpan[] | undefined, color: boolean): string {
  const all = (spans ?? findBrackets(text).spans).filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const outer: BracketSpan[] = [];
  for (const s of [...all].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = outer[outer.length - 1];
    if (!last || s.start >= last.end) outer.push(s);
  }
  let out = '';
  let at = 0;
  for (const s of outer) {
    out += text.slice(at, s.start);
    const inner = text.slice(s.start + 1, s.end - 1);
    out += color ? `${ANSI.yellow}[${inner}]${ANSI.reset}` : `⟦${inner}⟧`;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * A terminal rendering for `accord plan show`: axes as `I. Heading`, points `1. text`, unnumbered
 * points `•`, sub-points indented under their point; bracketed spans marked `⟦…⟧` (or highlighted
 * in yellow with `color: true`); each alternative on its own line as `Option A: …`.
 * Lines are not wrapped (the terminal wraps). Ends with a newline unless the plan is empty.
 */
export function renderPlanText(provisions: readonly RenderableProvision[], opts: { color?: boolean } = {}): string {
  const color = opts.color ?? false;
  const b = (s: string) => (color ? ANSI.bold + s + ANSI.reset : s);
  const dim = (s: string) => (color ? ANSI.dim + s + ANSI.reset : s);
  const lines: string[] = [];
  const node = (n: RenderableProvision, pad: string) => {
    if (n.kind === 'axis') {
      if (lines.length) lines.push('');
      const title = [n.num !== null ? `${n.num}.` : null, n.heading].filter((x) => x !== null).join(' ');
      lines.push(pad + b(title || '(untitled section)'));
      if (n.text) lines.push(pad + '  ' + markBrackets(n.text, n.brackets, color));
      for (const c of n.children) node(c, pad + '  ');
      return;
    }
    const label = n.num !== null ? `${n.num}.` : n.kind === 'point' ? '•' : '-';
    const head = n.heading !== null ? b(n.heading + '.') + (n.text ? ' ' : '') : '';
    lines.push(`${pad}${color ? ANSI.cyan + label + ANSI.reset : label} ${head}${markBrackets(n.text, n.brackets, color)}`.trimEnd());
    // Alternatives and children line up with the text, after the label.
    const inner = pad + ' '.repeat(label.length + 1);
    for (const a of n.alternatives ?? []) lines.push(`${inner}${dim(`Option ${a.label}:`)} ${markBrackets(a.text, undefined, color)}`);
    for (const c of n.children) node(c, inner);
  };
  for (const n of provisions) node(n, '');
  return lines.length ? lines.join('\n') + '\n' : '';
}
