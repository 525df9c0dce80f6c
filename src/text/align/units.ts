/**
 * Units of version alignment (../align.ts): every point of a version with its cleaned text (markup
 * and editorial notes handled), sub-point texts, features and placeholders; and the raw pairs the
 * matching steps build.
 */
import type { Provision } from '../../model/schemas.js';
import { walkWithKeys } from '../provisions.js';
import { canonicalText, extractFeatures, type FeatureOptions, type TextFeatures } from '../similarity.js';
import type { ParsedProvision } from '../types.js';
import type { AlignmentPart, ChangeKind } from '../align.js';

export type Node = ParsedProvision | Provision;

export interface Unit {
  idx: number;
  key: string;
  numbered: boolean;
  node: Node;
  axis: number | null;
  /** Text with markup removed, sub-points included (one line each). */
  text: string;
  /** Whitespace/case-normalised text for identity tests. */
  norm: string;
  children: { key: string; text: string; feats: TextFeatures }[];
  feats: TextFeatures;
  /** Features of the text without parenthetical asides (for novelty). */
  novel: TextFeatures;
  marked: boolean;
  incomplete: boolean;
  placeholder: 'deleted' | 'placeholder' | null;
  lineage?: string;
  /** The stored text status (stored provisions only). */
  status?: string;
  /** Position in reading order among units. */
  order: number;
}

export const DELETION_NOTE = /\b(delet\w*|struck|strike[sn]?|dropped|removed|omitted|scrapped|gone)\b/i;
export const INCOMPLETE_NOTE = /\b(not (?:reproduced|reported|captured|published|read out)|renderings consulted|does not appear)\b/i;

/** Result of {@link cleanText}. */
export interface CleanText {
  text: string;
  /** Editorial notes removed from the text (`*( … )*`). */
  notes: string[];
  /** The text carried `**bold**` / `__bold__` insertion markup. */
  marked: boolean;
}

/**
 * Strip Markdown emphasis and pull out editorial notes: `*( … )*` / `_( … )_` spans anywhere, a
 * plain `( … )` saying content was not reproduced, and a text that is wholly `( … )`. Bold spans
 * mark insertions (`marked`).
 */
export function cleanText(raw: string): CleanText {
  if (!/[*_(]/.test(raw)) return { text: raw.replace(/\s{2,}|[^\S ]/g, ' ').trim(), notes: [], marked: false };
  const notes: string[] = [];
  let t = raw.replace(/(\*|_)\(([^]*?)\)\1/g, (_m, _d, inner: string) => {
    notes.push(inner.trim());
    return ' ';
  });
  // A plain parenthetical that says content was not reproduced is an editor's note too.
  t = t.replace(/\(([^()]*)\)/g, (m, inner: string) => {
    if (!INCOMPLETE_NOTE.test(inner)) return m;
    notes.push(inner.trim());
    return ' ';
  });
  const marked = /\*\*[^*]+\*\*|__[^_]+__/.test(t);
  t = t.replace(/\*\*|__/g, '').replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:]|$)/g, '$1');
  t = t.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  const whole = t.match(/^\(([^()]*)\)$/);
  if (whole) {
    notes.push(whole[1]!.trim());
    t = '';
  }
  return { text: t, notes, marked };
}


/** Identity form of a unit's text: spelling, hyphenation, typography and number-word variants read one way. */
export function normalise(s: string): string {
  return canonicalText(s);
}

/** Markup found on a provision's own source lines. */
export interface SourceMarkup {
  /** The lines carry `**bold**` / `__bold__` spans (insertion markup). */
  marked: boolean;
  /** Inner texts of `*( … )*` / `_( … )_` editorial notes on those lines. */
  notes: string[];
}

/**
 * Read amendment markup back from the source of a parsed tree: a node's lines run from its `line`
 * to the line before the next node or the first blank line, whichever comes first.
 */
export function sourceMarkup(source: string, tree: Node[]): Map<Node, SourceMarkup> {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
  const nodes: Node[] = [];
  const walk = (ns: Node[]) => ns.forEach((n) => (nodes.push(n), walk(n.children)));
  walk(tree);
  const withLine = nodes.filter((n) => 'line' in n && typeof n.line === 'number') as (Node & { line: number })[];
  withLine.sort((x, y) => x.line - y.line);
  const out = new Map<Node, SourceMarkup>();
  withLine.forEach((n, i) => {
    const stop = i + 1 < withLine.length ? withLine[i + 1]!.line - 1 : lines.length;
    const own: string[] = [];
    for (let l = n.line; l <= stop && l <= lines.length; l++) {
      const t = lines[l - 1]!;
      if (l > n.line && !t.trim()) break;
      own.push(t);
    }
    const raw = own.join('\n');
    const notes = [...raw.matchAll(/(\*|_)\(([^]*?)\)\1/g)].map((m) => m[2]!.replace(/\s{2,}|[^\S ]/g, ' ').trim());
    out.set(n, { marked: /\*\*[^*\n]+\*\*|__[^_\n]+__/.test(raw.replace(/^\s*(?:[-*+]\s+)?\*\*\d+[.)]?\*\*/gm, '')), notes });
  });
  return out;
}

/** Remove `( note )` from a text whose note was found in the source (typography may differ). */
export function removeNote(text: string, note: string): string {
  const words = note.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return text;
  const re = new RegExp(`\\(\\s*${words.join('[^\\p{L}\\p{N}]+')}[^\\p{L}\\p{N}]*\\)`, 'u');
  return text.replace(re, ' ').replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Build the units of one version. */
export function unitsOf(tree: Node[], opts: FeatureOptions, cache: Map<string, TextFeatures>, source?: string): Unit[] {
  const features = (text: string) => {
    let f = cache.get(text);
    if (!f) cache.set(text, (f = extractFeatures(text, opts)));
    return f;
  };
  const markup = source !== undefined ? sourceMarkup(source, tree) : null;
  const clean = (n: Node): CleanText => {
    const c = cleanText([n.heading, n.text].filter(Boolean).join(' '));
    const m = markup?.get(n);
    if (!m) return c;
    let text = c.text;
    for (const note of m.notes) {
      const t = removeNote(text, note);
      if (t !== text) {
        text = t;
        if (!c.notes.includes(note)) c.notes.push(note);
      }
    }
    return { text, notes: c.notes, marked: c.marked || m.marked };
  };
  const keyed = walkWithKeys(tree as (Node & { children: Node[] })[]);
  const keyOf = new Map<Node, string>(keyed.map((k) => [k.node, k.key]));
  const hasPoints = keyed.some((k) => k.node.kind === 'point');
  const units: Unit[] = [];
  let axisIdx = -1;
  const visit = (nodes: Node[], axis: number | null, top: boolean) => {
    for (const n of nodes) {
      if (n.kind === 'axis') {
        axisIdx++;
        const me = axisIdx;
        if (!hasPoints && top && !n.children.length) units.push(makeUnit(n, null));
        else visit(n.children, me, false);
        continue;
      }
      if (n.kind === 'point' || (!hasPoints && top)) units.push(makeUnit(n, axis));
      else visit(n.children, axis, false);
    }
  };
  const makeUnit = (n: Node, axis: number | null): Unit => {
    const own = clean(n);
    const notes = [...own.notes];
    let marked = own.marked;
    const children: Unit['children'] = [];
    const childTexts: string[] = [];
    const walk = (c: Node) => {
      const ct = clean(c);
      notes.push(...ct.notes);
      marked ||= ct.marked;
      if (ct.text) {
        childTexts.push(ct.text);
        children.push({ key: keyOf.get(c)!, text: ct.text, feats: features(ct.text) });
      }
      c.children.forEach(walk);
    };
    n.children.forEach(walk);
    const text = [own.text, ...childTexts].filter(Boolean).join('\n');
    let placeholder: Unit['placeholder'] = null;
    if (!text && notes.length) placeholder = notes.some((x) => DELETION_NOTE.test(x)) ? 'deleted' : 'placeholder';
    // A deletion note describes what was struck: use it to find the struck point.
    const featText = placeholder === 'deleted' ? notes.join(' ') : text;
    const feats = features(featText);
    return {
      idx: units.length,
      key: keyOf.get(n)!,
      numbered: n.num !== null,
      node: n,
      axis,
      text,
      norm: normalise(text),
      children,
      feats,
      novel: text.includes('(') ? features(text.replace(/\([^()]*\)/g, ' ')) : feats,
      marked,
      incomplete: notes.some((x) => INCOMPLETE_NOTE.test(x)),
      placeholder,
      lineage: 'lineage' in n ? n.lineage : undefined,
      status: 'status' in n ? n.status : undefined,
      order: units.length,
    };
  };
  visit(tree, null, true);
  return units;
}

/** Map each unit's ids (key and lineage) to it. */
export function idIndex(units: Unit[]): Map<string, Unit> {
  const m = new Map<string, Unit>();
  for (const u of units) {
    m.set(u.key, u);
    if (u.lineage && !m.has(u.lineage)) m.set(u.lineage, u);
  }
  return m;
}

export function union(us: Unit[]): TextFeatures {
  const terms = new Map<string, number>();
  const f: TextFeatures = { terms, numbers: new Set(), entities: new Set(), acronyms: new Set(), initials: new Set(), content: [] };
  for (const u of us) {
    for (const [t, c] of u.feats.terms) terms.set(t, (terms.get(t) ?? 0) + c);
    u.feats.numbers.forEach((n) => f.numbers.add(n));
    u.feats.entities.forEach((n) => f.entities.add(n));
    u.feats.acronyms.forEach((n) => f.acronyms.add(n));
    u.feats.initials.forEach((n) => f.initials.add(n));
    f.content.push(...u.feats.content);
  }
  return f;
}

/** Dice coefficient of the word sets of two normalised texts. */
export function dice(x: string, y: string): number {
  const wx = new Set(x.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const wy = new Set(y.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  if (!wx.size && !wy.size) return 1;
  let common = 0;
  for (const w of wx) if (wy.has(w)) common++;
  return (2 * common) / (wx.size + wy.size);
}

/** A pair as the matching steps build it, before change kinds and lineage are decided. */
export interface Raw {
  from: Unit[];
  to: Unit[];
  kind: 'one' | 'merged' | 'split' | 'added' | 'deleted';
  similarity: number;
  exact?: boolean;
  override?: ChangeKind;
  /** Paired by a shared stored lineage id. */
  lineage?: boolean;
  parts?: AlignmentPart[];
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
