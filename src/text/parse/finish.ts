/**
 * Finishing the tree built by ./builder.ts: Markdown inline syntax, point titles, brackets and
 * alternatives of each node, sub-points enumerated inside a point's prose (./inline.ts), the
 * settling of levels (a heading that holds no points is a point; a title with nothing under it is
 * no axis), and the numbering checks (duplicates renumbered by position, gaps, order).
 */
import type { Alternative, BracketSpan } from '../../model/schemas.js';
import { collapseSpaces, normaliseTypography } from '../normalise.js';
import type { ParsedProvision } from '../types.js';
import { describe, newNode, type Builder } from './builder.js';
import { findEnumeration, itemText } from './inline.js';
import { OPTION_LINE_RE, romanValue } from './lines.js';
import { markdownInline } from './markdown.js';
import { clip, WARNING_CODES } from './warnings.js';

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

export function finishNode(node: ParsedProvision, b: Builder, md: boolean): void {
  // A sub-point split out of its parent's text (splitInlineItems) has its text already and no lines.
  if (!b.segs.has(node) && node.text) {
    for (const child of node.children) finishNode(child, b, md);
    return;
  }
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
  if (node.kind !== 'axis' && !node.children.length) splitInlineItems(node, segs, b);
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

export function checkNumbering(roots: ParsedProvision[], b: Builder): void {
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
  const byAxis = new Map<ParsedProvision | null, typeof points>();
  for (const p of points) (byAxis.get(p.axis) ?? byAxis.set(p.axis, []).get(p.axis)!).push(p);
  const perAxis = byAxis.size > 1 && [...byAxis.values()].every((list) => list[0]!.node.num === '1');
  const scopes = perAxis ? [...byAxis.values()] : [points];
  for (const scope of scopes) checkScope(scope, b);
}

function checkScope(scope: Array<{ node: ParsedProvision; axis: ParsedProvision | null }>, b: Builder): void {
  const nums = scope.map((p) => Number(p.node.num));
  const used = new Set(nums);
  let monotonic = true;
  for (let k = 1; k < nums.length; k++) if (nums[k]! < nums[k - 1]!) monotonic = false;
  if (monotonic) {
    let prev = 0;
    let prevWritten = 0;
    for (const p of scope) {
      const n = Number(p.node.num);
      if (n === prevWritten && n > 0) {
        // A repeated label ("1." on every line, or "12." twice) is read by position when the number
        // it stands for is not written elsewhere.
        prevWritten = n;
        if (!used.has(prev + 1)) {
          p.node.num = String(prev + 1);
          used.add(prev + 1);
          b.warn(p.node.line, WARNING_CODES.DUPLICATE_NUMBER, `number ${n} used again and ${prev + 1} missing: read as point ${prev + 1} (by position)`);
          prev = prev + 1;
        } else {
          b.warn(p.node.line, WARNING_CODES.DUPLICATE_NUMBER, `number ${n} used twice; kept as written`);
        }
        continue;
      }
      prevWritten = n;
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
// Sub-points written inside a point's prose

/** Families that enumerate sub-points inside a point ("aims to: 1) …; 2) …", "(a) …; (b) …"). */
const SUB_FAMILIES = ['dash', 'paren', 'parens', 'dot', 'lparen', 'lparens', 'rparens', 'ldot', 'ord'] as const;

/**
 * A point (or sub-point) without sub-items whose text enumerates items after a lead-in
 * ("This Agreement aims to: 1) …; 2) …; and 11) …") gets them as sub-points; its own text keeps the
 * lead-in and what follows the list.
 */
function splitInlineItems(node: ParsedProvision, segs: { text: string; line: number }[], b: Builder): void {
  const e = findEnumeration(node.text, { families: SUB_FAMILIES, minItems: 2 });
  if (!e || !e.intro.trim()) return;
  const line = segs[0]?.line ?? node.line;
  for (const it of e.items) {
    const child = newNode('subpoint', it.label, null, line);
    child.text = collapseSpaces(itemText(node.text, it));
    child.brackets = findBrackets(child.text).spans;
    child.alternatives = findAlternatives(child.text);
    node.children.push(child);
  }
  const own = collapseSpaces(`${e.intro} ${e.tail}`);
  node.text = own;
  node.brackets = findBrackets(own).spans;
  node.alternatives = findAlternatives(own);
  b.warn(line, WARNING_CODES.INLINE_LIST, `${describe(node)}: ${e.items.length} sub-point(s) numbered inside its text read as sub-points`);
}

// ---------------------------------------------------------------------------------------------
// Settling levels

const SUB_LABEL = /^(?:[a-z]|[A-Z]|[ivxlcdm]{1,6}|[а-яё]|[\u0600-\u06FF])$/;

/**
 * Decide, once the tree is built, which headings are axes. A heading holding no points but only
 * prose or lettered items ("Article I — Objectives" with "a. …", "PART ONE" with "A. … B. …") is
 * itself a point and its items its sub-points; a heading with nothing under it (a title line) is
 * set aside instead of becoming an empty axis (before the first point: a title; after the last: trailing).
 */
export function settleLevels(roots: ParsedProvision[], b: Builder): ParsedProvision[] {
  const hasPoint = (ns: ParsedProvision[]): boolean => ns.some((n) => n.kind === 'point' || (n.kind === 'axis' && hasPoint(n.children)));
  const toSub = (n: ParsedProvision) => {
    n.kind = 'subpoint';
    n.children.forEach(toSub);
  };
  let seenPoint = false;
  const visit = (list: ParsedProvision[], depth: number): ParsedProvision[] => {
    const out: ParsedProvision[] = [];
    for (let k = 0; k < list.length; k++) {
      const n = list[k]!;
      if (n.kind !== 'axis') {
        if (n.kind === 'point') seenPoint = true;
        out.push(n);
        continue;
      }
      n.children = visit(n.children, depth + 1);
      const points = n.children.filter((c) => c.kind === 'point');
      const axes = n.children.filter((c) => c.kind === 'axis');
      if (!n.children.length && !b.hasText(n)) {
        const laterPoint = list.slice(k + 1).some((x) => x.kind === 'point' || (x.kind === 'axis' && hasPoint(x.children)));
        if (n.num !== null && seenPoint && laterPoint) {
          // A numbered heading between points with nothing under it is a point with a title only.
          n.kind = 'point';
          seenPoint = true;
          out.push(n);
          continue;
        }
        const title = [n.num, n.heading].filter(Boolean).join(' ');
        if (title)
          b.warn(n.line, WARNING_CODES.EMPTY_HEADING, `heading with nothing under it set aside (${seenPoint ? 'after the points' : 'title'}): "${clip(title)}"`);
        continue;
      }
      const lettered = points.length > 0 && !axes.length && points.every((p) => p.num !== null && SUB_LABEL.test(p.num) && !b.keywordPoint(p));
      const prose = !points.length && !axes.length;
      if ((n.num !== null || b.keywordAxes.has(n)) && (prose || lettered) && (n.num !== null || prose)) {
        n.kind = 'point';
        n.children.forEach(toSub);
        seenPoint = true;
        out.push(n);
        continue;
      }
      if (points.length) seenPoint = true;
      out.push(n);
    }
    return out;
  };
  return visit(roots, 0);
}
