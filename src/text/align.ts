/**
 * Version alignment: map the points of version A to those of version B.
 *
 * Algorithm (each step only sees what earlier steps left unmatched):
 *  1. **Units.** Every `point` node is a unit (when a version has no points, its top-level nodes are).
 *     A unit's text is its heading, own text and its sub-points' texts, with markup handled
 *     (see {@link cleanText}). Keys follow ./provisions.ts: the number, or `#k` for the k-th
 *     unnumbered point in reading order; sub-points are `<point>.<label>`.
 *  2. **Overrides** (person-confirmed pairs) are applied first and kept as given. With
 *     {@link AlignOptions.lineage} (stored, curated versions), provisions of A and B sharing a lineage
 *     id are paired next, before any text matching (see *Stored lineage* below).
 *  3. **Identical texts** are paired (unchanged, or moved when renumbered / under another axis).
 *  4. **Similarity** of the rest: TF-IDF cosine over stems, synonyms, party aliases and key numbers
 *     (./similarity.ts), plus a *number hint* (+{@link SAME_NUMBER_BONUS}) when B evidently follows
 *     A's numbering (most confident pairs keep their number).
 *  5. **Optimal 1:1 assignment** maximising total similarity: the Hungarian method
 *     (Kuhn 1955, Munkres 1957; `munkres` package) per connected component of the candidate graph;
 *     pairs under {@link AlignOptions.threshold} are dropped.
 *  6. **Order gaps**: an unmatched B unit lying between two aligned anchors may pair with an
 *     unmatched A unit lying between the anchors' counterparts at a lower threshold.
 *  7. **Merges and splits**: an unmatched unit whose content is mostly contained in a unit of the
 *     other version (and whose addition makes the union closer to it) joins that unit's pair.
 *     A split of a point with sub-points records, in `parts`, which sub-point each piece came from.
 *  8. What is left is `deleted` (A) or `added` (B).
 *
 * **Unchanged or amended.** In *verbatim* mode (B was edited from A's wording: the median word
 * overlap of the pairs is at least {@link VERBATIM_OVERLAP}) any difference of the normalised text is an amendment.
 * In *paraphrase* mode (independent renderings, as in press reports of a text) a pair is amended when
 * B marks changes (`**bold**` insertions) in a document that uses such markup, or, for unmarked
 * documents, when key numbers differ, B names an entity A does not, a sub-point of A finds no
 * counterpart in B (unless B notes that sub-points were not reproduced), or more than
 * {@link NOVELTY_LIMIT} of B's weighted content is new. These thresholds were calibrated on
 * `../shared/corpus/counter-proposals`.
 *
 * **Editorial notes** — a B text consisting only of `*( … )*` (or `( … )`) is a placeholder: when
 * the note says the point was deleted / struck out / dropped, the pair is `deleted` with
 * `status: 'deleted'`; otherwise (content not captured) it is kept by number as `amended` with
 * `status: 'placeholder'` and similarity 0.
 *
 * **Stored lineage.** A lineage pair's change kind comes from the texts (unchanged / amended / moved);
 * when B's provision is stored with status `deleted` the pair is `deleted` (`status: 'deleted'`), and
 * with status `placeholder` it is kept as `amended` with `status: 'placeholder'` and the similarity
 * as computed. Only provisions left unpaired go on to steps 3–8.
 *
 * **Lineage.** unchanged / amended / moved: B inherits A's lineage. merged: B inherits the lineage
 * of its most similar source; the other sources' lineages end there. split: the most similar piece
 * inherits A's lineage; the other pieces get `<A lineage>.s<n>` (n = 2, 3… in reading order) unless
 * B already carries lineages of its own, which then stand. added: B's own lineage, if any.
 */
import { munkres } from 'munkres';
import { AccordError } from '../model/errors.js';
import type { Provision } from '../model/schemas.js';
import { wordDiff, type DiffOp } from './diff.js';
import { walkWithKeys } from './provisions.js';
import {
  extractFeatures,
  FeatureSpace,
  newEntities,
  numbersDiffer,
  type FeatureOptions,
  type TextFeatures,
} from './similarity.js';
import type { ParsedProvision } from './types.js';

/** Change kinds of a pair (the `accord compare` contract). */
export const CHANGE_KINDS = ['unchanged', 'amended', 'moved', 'merged', 'split', 'added', 'deleted'] as const;
/** One of {@link CHANGE_KINDS}. */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Which piece of a merge or split came from where (keys, sub-point keys allowed). */
export interface AlignmentPart {
  from: string[];
  to: string[];
  similarity: number;
}

/** One aligned pair. Keys are provision keys (`21`, `#4`, `21.a`). */
export interface AlignmentPair {
  /** Keys of A's provisions (empty for `added`). */
  from: string[];
  /** Keys of B's provisions (empty for `deleted`, unless B keeps a deletion placeholder). */
  to: string[];
  change: ChangeKind;
  /** Similarity of the pair's texts in [0, 1] (TF-IDF cosine; 1 for identical texts; 0 for added/deleted). */
  similarity: number;
  /** For amended / merged / split: the provision was also renumbered or moved under another axis. */
  moved?: boolean;
  /** Word-level diff from A's text to B's (amended, merged, split). */
  diff?: DiffOp[];
  /** For merged / split: the sub-mapping of the pieces. */
  parts?: AlignmentPart[];
  /** Lineage ids of `from` (when A carries lineages). */
  fromLineage?: string[];
  /** Lineage ids given to `to` by the lineage rules (see module doc). */
  toLineage?: string[];
  /** B's text is an editorial placeholder: a noted deletion, or content not captured. */
  status?: 'deleted' | 'placeholder';
  /** Why a paraphrased pair counts as amended (`markup`, `numbers`, `entities:…`, `sub-items`, `novelty`). */
  reasons?: string[];
  /** The pair comes from a person's override. */
  overridden?: boolean;
}

/** A person's confirmation or correction of a pair; ids are provision keys or lineage ids. */
export interface AlignmentOverride {
  from: string[];
  to: string[];
  change: ChangeKind;
}

/** Options of {@link alignVersions}. */
export interface AlignOptions extends FeatureOptions {
  /** Pairs fixed by a person; they are applied before matching and survive re-alignment. */
  overrides?: AlignmentOverride[];
  /** How to tell unchanged from amended (see module doc); default `auto`. */
  mode?: 'auto' | 'verbatim' | 'paraphrase';
  /** Minimum similarity of an automatic 1:1 pair (default 0.2). */
  threshold?: number;
  /** Whether to compute word diffs (default true). */
  diffs?: boolean;
  /**
   * The raw text A / B were parsed from. The parser normalises Markdown away; with the source,
   * `**bold**` insertion markup and `*( … )*` editorial notes on each provision's lines are read
   * back (see {@link sourceMarkup}).
   */
  sourceA?: string;
  sourceB?: string;
  /**
   * Pair provisions that carry the same lineage id on both sides before matching texts (after the
   * overrides), honouring B's stored `deleted` / `placeholder` status. For stored versions, whose
   * lineage ids are curated; default false (parsed files carry no lineage).
   */
  lineage?: boolean;
}

/** What {@link alignment} returns. */
export interface AlignmentResult {
  pairs: AlignmentPair[];
  /** Overrides that name a provision absent from A or B (kept in storage, not applied). */
  staleOverrides: AlignmentOverride[];
  /** The comparison mode used. */
  mode: 'verbatim' | 'paraphrase';
  /** Whether B was taken to follow A's numbering (number hint applied). */
  sameNumbering: boolean;
}

/** Similarity bonus for an identical number when B follows A's numbering. */
export const SAME_NUMBER_BONUS = 0.15;
/** Median word overlap (Dice) of the pairs from which B counts as edited from A's wording. */
export const VERBATIM_OVERLAP = 0.7;
/** Share of new weighted content above which a paraphrased pair counts as amended. */
export const NOVELTY_LIMIT = 0.46;

type Node = ParsedProvision | Provision;

interface Unit {
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

const DELETION_NOTE = /\b(delet\w*|struck|strike[sn]?|dropped|removed|omitted|scrapped|gone)\b/i;
const INCOMPLETE_NOTE = /\b(not (?:reproduced|reported|captured|published|read out)|renderings consulted|does not appear)\b/i;

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
  if (!/[*_(]/.test(raw)) return { text: raw.replace(/\s+/g, ' ').trim(), notes: [], marked: false };
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
  t = t.replace(/\s+/g, ' ').trim();
  const whole = t.match(/^\(([^()]*)\)$/);
  if (whole) {
    notes.push(whole[1]!.trim());
    t = '';
  }
  return { text: t, notes, marked };
}


function normalise(s: string): string {
  return s.toLowerCase(); // cleanText already collapsed the whitespace
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
    const notes = [...raw.matchAll(/(\*|_)\(([^]*?)\)\1/g)].map((m) => m[2]!.replace(/\s+/g, ' ').trim());
    out.set(n, { marked: /\*\*[^*\n]+\*\*|__[^_\n]+__/.test(raw.replace(/^\s*(?:[-*+]\s+)?\*\*\d+[.)]?\*\*/gm, '')), notes });
  });
  return out;
}

/** Remove `( note )` from a text whose note was found in the source (typography may differ). */
function removeNote(text: string, note: string): string {
  const words = note.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return text;
  const re = new RegExp(`\\(\\s*${words.join('[^\\p{L}\\p{N}]+')}[^\\p{L}\\p{N}]*\\)`, 'u');
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}

/** Build the units of one version. */
function unitsOf(tree: Node[], opts: FeatureOptions, cache: Map<string, TextFeatures>, source?: string): Unit[] {
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
function idIndex(units: Unit[]): Map<string, Unit> {
  const m = new Map<string, Unit>();
  for (const u of units) {
    m.set(u.key, u);
    if (u.lineage && !m.has(u.lineage)) m.set(u.lineage, u);
  }
  return m;
}

interface Raw {
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

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Align version A with version B. See the module documentation for the algorithm, the change
 * kinds and the lineage rules. Pairs come in B's reading order, deletions after the B unit that
 * follows them in A's order.
 * @throws AccordError `invalid_input` when two overrides claim the same provision.
 */
export function alignment(a: Node[], b: Node[], opts: AlignOptions = {}): AlignmentResult {
  const fo: FeatureOptions = opts.synonyms || opts.aliases ? { synonyms: opts.synonyms, aliases: opts.aliases } : {};
  const cache = new Map<string, TextFeatures>(); // identical texts share their features
  const A = unitsOf(a, fo, cache, opts.sourceA);
  const B = unitsOf(b, fo, cache, opts.sourceB);
  const space = new FeatureSpace([...A.map((u) => u.feats), ...B.map((u) => u.feats)]);
  const nA = A.length;
  const cos = (x: Unit, y: Unit) => space.cosine(x.idx, nA + y.idx);
  const threshold = opts.threshold ?? 0.2;
  const usedA = new Set<Unit>();
  const usedB = new Set<Unit>();
  const raws: Raw[] = [];
  const take = (r: Raw) => {
    r.from.forEach((u) => usedA.add(u));
    r.to.forEach((u) => usedB.add(u));
    raws.push(r);
  };

  // 2. Overrides.
  const staleOverrides: AlignmentOverride[] = [];
  const ia = idIndex(A);
  const ib = idIndex(B);
  for (const o of opts.overrides ?? []) {
    const from = o.from.map((id) => ia.get(id));
    const to = o.to.map((id) => ib.get(id));
    if (from.some((u) => !u) || to.some((u) => !u)) {
      staleOverrides.push(o);
      continue;
    }
    const fu = from as Unit[];
    const tu = to as Unit[];
    const clash = [...fu.filter((u) => usedA.has(u)), ...tu.filter((u) => usedB.has(u))];
    if (clash.length)
      throw new AccordError('invalid_input', `two overrides claim provision ${clash[0]!.key}`, { field: 'overrides' });
    const sim = fu.length && tu.length ? space.cosineOf(union(fu), union(tu)) : 0;
    take({ from: fu, to: tu, kind: 'one', similarity: sim, override: o.change });
  }

  // 2b. Shared stored lineage.
  if (opts.lineage) {
    const byLineage = new Map<string, Unit>();
    for (const x of A) if (x.lineage && !usedA.has(x) && !byLineage.has(x.lineage)) byLineage.set(x.lineage, x);
    for (const y of B) {
      const x = y.lineage ? byLineage.get(y.lineage) : undefined;
      if (!x || usedA.has(x) || usedB.has(y)) continue;
      const exact = !!x.norm && x.norm === y.norm && !y.placeholder;
      take({ from: [x], to: [y], kind: 'one', similarity: exact ? 1 : cos(x, y), exact, lineage: true });
    }
  }

  // 3. Identical texts.
  const byText = new Map<string, Unit[]>();
  for (const u of A) if (!usedA.has(u) && u.norm) (byText.get(u.norm) ?? byText.set(u.norm, []).get(u.norm)!).push(u);
  for (const u of B) {
    if (usedB.has(u) || !u.norm || u.placeholder) continue;
    const list = byText.get(u.norm)?.filter((x) => !usedA.has(x));
    if (!list?.length) continue;
    const pick = list.find((x) => x.key === u.key) ?? list[0]!;
    take({ from: [pick], to: [u], kind: 'one', similarity: 1, exact: true });
  }

  // 4–5. Similarity and optimal assignment.
  const restA = () => A.filter((u) => !usedA.has(u));
  const restB = () => B.filter((u) => !usedB.has(u));
  const sims = candidateSims(restA(), B.filter((u) => !usedB.has(u) && !(u.placeholder === 'placeholder')), space, nA);
  const assign = (bonusSameKey: boolean) => {
    const edges: [Unit, Unit, number][] = [];
    for (const [x, row] of sims)
      for (const [y, s] of row) {
        const score = s + (bonusSameKey && x.key === y.key ? SAME_NUMBER_BONUS : 0);
        if (score >= 0.05) edges.push([x, y, score]);
      }
    return hungarianByComponent(edges).filter(([, , s]) => s >= threshold);
  };
  let matched = assign(false);
  const bothNumbered = A.some((u) => u.numbered) && B.some((u) => u.numbered);
  const confident = matched.filter(([, , s]) => s >= 0.3);
  const keptKeys = confident.filter(([x, y]) => x.key === y.key).length + raws.filter((r) => r.exact && r.from[0]!.key === r.to[0]!.key).length;
  const sameNumbering = bothNumbered && keptKeys >= 0.6 * (confident.length + raws.filter((r) => r.exact).length) && keptKeys >= 2;
  if (sameNumbering) matched = assign(true);
  for (const [x, y] of matched) take({ from: [x], to: [y], kind: 'one', similarity: cos(x, y) });

  // Placeholders and leftovers with the same number when B follows A's numbering.
  if (sameNumbering) {
    const byKey = new Map(restA().map((u) => [u.key, u]));
    for (const y of restB()) {
      const x = byKey.get(y.key);
      if (x && (y.placeholder || cos(x, y) > 0)) take({ from: [x], to: [y], kind: 'one', similarity: y.placeholder === 'placeholder' ? 0 : cos(x, y) });
    }
  }

  // 6. Order gaps.
  fillGaps(A, B, raws, usedA, usedB, cos, take, Math.min(threshold, 0.08));

  // 7. Merges and splits.
  detectMergeSplit(A, B, raws, usedA, usedB, space, cos);

  // 8. Leftovers.
  for (const x of restA()) raws.push({ from: [x], to: [], kind: 'deleted', similarity: 0 });
  for (const y of restB()) raws.push({ from: [], to: [y], kind: 'added', similarity: 0 });

  // Mode.
  let mode: 'verbatim' | 'paraphrase';
  if (opts.mode && opts.mode !== 'auto') mode = opts.mode;
  else {
    const ov = raws.filter((r) => r.kind === 'one' && r.from.length && r.to.length && !r.to[0]!.placeholder).map((r) => (r.exact ? 1 : dice(r.from[0]!.norm, r.to[0]!.norm)));
    ov.sort((p, q) => p - q);
    mode = ov.length && ov[Math.floor(ov.length / 2)]! >= VERBATIM_OVERLAP ? 'verbatim' : 'paraphrase';
  }
  const real = B.filter((u) => !u.placeholder && u.text);
  const markupMode = real.length > 0 && real.filter((u) => u.marked).length >= 0.25 * real.length;

  // Axis mapping for move detection.
  const axisMap = new Map<number, number>();
  {
    const counts = new Map<number, Map<number, number>>();
    for (const r of raws)
      if (r.kind === 'one' && r.from.length === 1 && r.to.length === 1) {
        const ax = r.from[0]!.axis;
        const bx = r.to[0]!.axis;
        if (ax === null || bx === null) continue;
        const m = counts.get(ax) ?? counts.set(ax, new Map()).get(ax)!;
        m.set(bx, (m.get(bx) ?? 0) + 1);
      }
    for (const [ax, m] of counts) axisMap.set(ax, [...m.entries()].sort((p, q) => q[1] - p[1] || Math.abs(p[0] - ax) - Math.abs(q[0] - ax) || p[0] - q[0])[0]![0]);
  }
  const isMoved = (x: Unit, y: Unit) => {
    if (x.key !== y.key) return true;
    if (x.axis !== null && y.axis !== null && axisMap.get(x.axis) !== y.axis) return true;
    return false;
  };

  // Build output pairs.
  const wantDiff = opts.diffs !== false;
  const pairs: { pair: AlignmentPair; order: number }[] = [];
  const splitCounter = new Map<string, number>();
  for (const r of raws) {
    const pair: AlignmentPair = {
      from: r.from.map((u) => u.key),
      to: r.to.map((u) => u.key),
      change: 'unchanged',
      similarity: round(r.similarity),
    };
    const fromLin = r.from.map((u) => u.lineage);
    if (fromLin.length && fromLin.every((l) => l !== undefined)) pair.fromLineage = fromLin as string[];
    if (r.parts) pair.parts = r.parts;
    if (r.kind === 'added') {
      pair.change = r.to[0]!.placeholder === 'deleted' ? 'deleted' : 'added';
      if (r.to[0]!.placeholder) pair.status = r.to[0]!.placeholder!;
    } else if (r.kind === 'deleted') pair.change = 'deleted';
    else if (r.kind === 'merged' || r.kind === 'split') {
      pair.change = r.kind;
      if (r.from.some((x) => r.to.every((y) => isMoved(x, y)))) pair.moved = true;
      if (wantDiff) pair.diff = wordDiff(r.from.map((u) => u.text).join('\n'), r.to.map((u) => u.text).join('\n'));
    } else {
      const x = r.from[0];
      const y = r.to[0];
      if (r.override) {
        pair.change = r.override;
        pair.overridden = true;
      } else if (x && y) {
        const moved = isMoved(x, y);
        const stored = r.lineage ? y.status : undefined;
        if (y.placeholder === 'deleted' || stored === 'deleted') {
          pair.change = 'deleted';
          pair.status = 'deleted';
        } else if (y.placeholder === 'placeholder' || stored === 'placeholder') {
          pair.change = 'amended';
          pair.status = 'placeholder';
          if (y.placeholder === 'placeholder') pair.similarity = 0;
          if (moved) pair.moved = true;
        } else {
          const reasons = r.exact ? [] : amendReasons(x, y, mode, markupMode, space);
          if (reasons.length) {
            pair.change = 'amended';
            if (mode === 'paraphrase') pair.reasons = reasons;
            if (moved) pair.moved = true;
          } else pair.change = moved ? 'moved' : 'unchanged';
        }
      }
      if (wantDiff && x && y && pair.change !== 'unchanged' && pair.change !== 'moved' && y.text) pair.diff = wordDiff(x.text, y.text);
    }
    // Lineage.
    if (r.to.length) {
      const lin: (string | undefined)[] = r.to.map((u) => u.lineage);
      if (pair.change === 'unchanged' || pair.change === 'amended' || pair.change === 'moved' || (pair.change === 'deleted' && r.from.length)) {
        if (r.from[0]?.lineage) lin[0] = r.from[0].lineage;
      } else if (pair.change === 'merged') {
        const principal = [...r.from].sort((p, q) => cos(q, r.to[0]!) - cos(p, r.to[0]!))[0]!;
        if (principal.lineage) lin[0] = principal.lineage;
      } else if (pair.change === 'split' && r.from[0]?.lineage) {
        const src = r.from[0];
        const best = [...r.to].sort((p, q) => cos(src, q) - cos(src, p))[0]!;
        r.to.forEach((u, i) => {
          if (u === best) lin[i] = src.lineage;
          else if (!u.lineage) {
            const n = (splitCounter.get(src.lineage!) ?? 1) + 1;
            splitCounter.set(src.lineage!, n);
            lin[i] = `${src.lineage}.s${n}`;
          }
        });
      }
      if (lin.every((l) => l !== undefined)) pair.toLineage = lin as string[];
    }
    const order = r.to.length ? Math.min(...r.to.map((u) => u.order)) : positionOfDeleted(r.from[0]!, raws);
    pairs.push({ pair, order });
  }
  pairs.sort((p, q) => p.order - q.order);
  return { pairs: pairs.map((p) => p.pair), staleOverrides, mode, sameNumbering };
}

/**
 * Align version A with version B and return the pairs (see {@link alignment} for the full result
 * with stale overrides and the mode used).
 */
export function alignVersions(a: Node[], b: Node[], opts: AlignOptions = {}): AlignmentPair[] {
  return alignment(a, b, opts).pairs;
}

/**
 * A copy of B's provisions with the lineage ids that the alignment gives them (see module doc);
 * provisions the pairs do not cover keep their own.
 */
export function inheritLineage(b: Provision[], pairs: AlignmentPair[]): Provision[] {
  const give = new Map<string, string>();
  for (const p of pairs) p.toLineage?.forEach((l, i) => give.set(p.to[i]!, l));
  const keyed = walkWithKeys(b);
  const keyOf = new Map<Provision, string>(keyed.map((k) => [k.node, k.key]));
  const copy = (p: Provision): Provision => ({ ...p, lineage: give.get(keyOf.get(p)!) ?? p.lineage, children: p.children.map(copy) });
  return b.map(copy);
}

function positionOfDeleted(x: Unit, raws: Raw[]): number {
  // Place a deletion just before the B unit paired with the next A unit that has a counterpart.
  let best = Infinity;
  for (const r of raws)
    if (r.to.length && r.from.some((u) => u.order > x.order)) {
      const ao = Math.min(...r.from.map((u) => u.order));
      if (ao > x.order) best = Math.min(best, Math.min(...r.to.map((u) => u.order)) - 0.5 + ao * 1e-6);
    }
  return best === Infinity ? 1e9 + x.order : best;
}

function union(us: Unit[]): TextFeatures {
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
function dice(x: string, y: string): number {
  const wx = new Set(x.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const wy = new Set(y.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  if (!wx.size && !wy.size) return 1;
  let common = 0;
  for (const w of wx) if (wy.has(w)) common++;
  return (2 * common) / (wx.size + wy.size);
}

/** Reasons a non-identical pair counts as amended (empty: unchanged). */
function amendReasons(x: Unit, y: Unit, mode: 'verbatim' | 'paraphrase', markupMode: boolean, space: FeatureSpace): string[] {
  if (mode === 'verbatim') return x.norm === y.norm ? [] : ['text'];
  const out: string[] = [];
  if (y.marked) out.push('markup');
  if (numbersDiffer(x.feats, y.feats)) out.push('numbers');
  if (markupMode) return out;
  const ents = newEntities(x.feats, y.feats);
  if (ents.length) out.push(`entities:${ents.join(',')}`);
  if (!y.incomplete && x.children.length) {
    const lost = x.children.filter((c) => space.containment(c.feats, y.feats) < 0.34);
    if (lost.length) out.push(`sub-items:${lost.map((c) => c.key).join(',')}`);
  }
  const nov = space.novelty(x.feats, y.novel);
  if (nov > NOVELTY_LIMIT) out.push(`novelty:${round(nov)}`);
  return out;
}

/** Cosine similarities between two unit lists, scored through an inverted index (only pairs sharing a term). */
function candidateSims(A: Unit[], B: Unit[], space: FeatureSpace, nA: number): Map<Unit, Map<Unit, number>> {
  const out = new Map<Unit, Map<Unit, number>>();
  const postings = new Map<number, { u: number; w: number }[]>();
  A.forEach((x, k) => {
    const v = space.vector(x.idx);
    v.ids.forEach((id, t) => (postings.get(id) ?? postings.set(id, []).get(id)!).push({ u: k, w: v.ws[t]! }));
  });
  const acc = new Float64Array(A.length);
  const touched: number[] = [];
  for (const y of B) {
    const v = space.vector(nA + y.idx);
    if (!v.norm) continue;
    v.ids.forEach((id, t) => {
      const wy = v.ws[t]!;
      for (const p of postings.get(id) ?? []) {
        if (acc[p.u] === 0) touched.push(p.u);
        acc[p.u] = acc[p.u]! + wy * p.w;
      }
    });
    for (const k of touched) {
      const x = A[k]!;
      const nx = space.vector(x.idx).norm;
      const s = nx ? Math.min(1, acc[k]! / (nx * v.norm)) : 0;
      if (s > 0) (out.get(x) ?? out.set(x, new Map()).get(x)!).set(y, s);
      acc[k] = 0;
    }
    touched.length = 0;
  }
  return out;
}

/** Maximum-weight 1:1 assignment, Hungarian method per connected component of the edge graph. */
function hungarianByComponent(edges: [Unit, Unit, number][]): [Unit, Unit, number][] {
  // Union-find over A units and B units (distinguished by side key).
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = k;
    while (parent.get(c) !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  const id = (side: string, u: Unit) => `${side}${u.idx}`;
  for (const [x, y] of edges) {
    for (const k of [id('a', x), id('b', y)]) if (!parent.has(k)) parent.set(k, k);
    const rx = find(id('a', x));
    const ry = find(id('b', y));
    if (rx !== ry) parent.set(rx, ry);
  }
  const comps = new Map<string, [Unit, Unit, number][]>();
  for (const e of edges) {
    const r = find(id('a', e[0]));
    (comps.get(r) ?? comps.set(r, []).get(r)!).push(e);
  }
  const out: [Unit, Unit, number][] = [];
  for (const es of comps.values()) {
    if (es.length === 1) {
      out.push(es[0]!);
      continue;
    }
    const rows = [...new Set(es.map((e) => e[0]))];
    const cols = [...new Set(es.map((e) => e[1]))];
    const ri = new Map(rows.map((u, i) => [u, i]));
    const ci = new Map(cols.map((u, i) => [u, i]));
    const cost = rows.map(() => new Array<number>(cols.length).fill(1));
    const score = rows.map(() => new Array<number>(cols.length).fill(0));
    for (const [x, y, s] of es) {
      cost[ri.get(x)!]![ci.get(y)!] = 1 - Math.min(1.5, s);
      score[ri.get(x)!]![ci.get(y)!] = s;
    }
    for (const [r, c] of munkres(cost)) if (score[r]![c]! > 0) out.push([rows[r]!, cols[c]!, score[r]![c]!]);
  }
  return out;
}

/** Step 6: pair unmatched units that sit in the same gap between aligned anchors. */
function fillGaps(
  A: Unit[],
  B: Unit[],
  raws: Raw[],
  usedA: Set<Unit>,
  usedB: Set<Unit>,
  cos: (x: Unit, y: Unit) => number,
  take: (r: Raw) => void,
  low: number,
): void {
  const partner = new Map<Unit, Unit>();
  for (const r of raws) if (r.from.length === 1 && r.to.length === 1) partner.set(r.to[0]!, r.from[0]!);
  for (let j = 0; j < B.length; j++) {
    const y = B[j]!;
    if (usedB.has(y) || y.placeholder === 'placeholder') continue;
    let lo = -1;
    for (let k = j - 1; k >= 0; k--) {
      const p = partner.get(B[k]!);
      if (p) {
        lo = p.order;
        break;
      }
    }
    let hi = A.length;
    for (let k = j + 1; k < B.length; k++) {
      const p = partner.get(B[k]!);
      if (p) {
        hi = p.order;
        break;
      }
    }
    if (hi <= lo) continue;
    let best: Unit | null = null;
    let bestS = low;
    for (let i = lo + 1; i < hi; i++) {
      const x = A[i]!;
      if (usedA.has(x)) continue;
      const s = cos(x, y);
      if (s >= bestS) {
        best = x;
        bestS = s;
      }
    }
    if (best) {
      take({ from: [best], to: [y], kind: 'one', similarity: bestS });
      partner.set(y, best);
    }
  }
}

/** Step 7: grow 1:1 pairs into merges (many A → one B) and splits (one A → many B). */
function detectMergeSplit(
  A: Unit[],
  B: Unit[],
  raws: Raw[],
  usedA: Set<Unit>,
  usedB: Set<Unit>,
  space: FeatureSpace,
  cos: (x: Unit, y: Unit) => number,
): void {
  const pairOfA = new Map<Unit, Raw>();
  const pairOfB = new Map<Unit, Raw>();
  const held = new Set<Unit>();
  for (const r of raws) {
    if (r.override) {
      r.from.forEach((u) => held.add(u));
      r.to.forEach((u) => held.add(u));
      continue;
    }
    r.from.forEach((u) => pairOfA.set(u, r));
    r.to.forEach((u) => pairOfB.set(u, r));
  }
  // Candidate wholes share at least one term that is not too common (all units in small versions).
  const nAll = A.length + B.length;
  const cap = nAll < 400 ? Infinity : Math.max(5, 0.05 * nAll);
  const postings = (units: Unit[], offset: number) => {
    const m = new Map<number, Unit[]>();
    for (const u of units) for (const id of space.vector(offset + u.idx).ids) if (space.dfOf[id]! <= cap) (m.get(id) ?? m.set(id, []).get(id)!).push(u);
    return m;
  };
  const postA = postings(A, 0);
  const postB = postings(B, A.length);
  const candidates = (p: Unit, side: 'split' | 'merge'): Iterable<Unit> => {
    if (cap === Infinity) return side === 'split' ? A : B;
    const post = side === 'split' ? postA : postB;
    const out = new Set<Unit>();
    for (const id of space.vector((side === 'split' ? A.length : 0) + p.idx).ids) for (const u of post.get(id) ?? []) out.add(u);
    return out;
  };
  const grow = (side: 'split' | 'merge') => {
    const pieces = side === 'split' ? B : A;
    const used = side === 'split' ? usedB : usedA;
    const cs = (w: Unit, p: Unit) => (side === 'split' ? cos(w, p) : cos(p, w));
    for (const p of pieces) {
      if (used.has(p) || p.placeholder || !p.feats.terms.size) continue;
      const cands: [Unit, number, boolean][] = [];
      for (const w of candidates(p, side)) {
        if (w.placeholder || held.has(w)) continue;
        const s = cs(w, p);
        if (s < 0.15) continue;
        const c = space.containment(p.feats, w.feats);
        // Either mostly contained in the whole, or close to one of its sub-points.
        const strong = s >= 0.2 && c >= 0.6;
        const viaChild = c >= 0.4 && w.children.length >= 2 && Math.max(...w.children.map((k) => space.cosineOf(k.feats, p.feats))) >= 0.3;
        if (strong || viaChild) cands.push([w, s * c, viaChild]);
      }
      cands.sort((x, y) => y[1] - x[1]);
      for (const [best, , viaChild] of cands) if (attach(p, best, viaChild)) break;
    }
  };
  const attach = (p: Unit, best: Unit, viaChild: boolean): boolean => {
    const split = pieces0(p) === 'B';
    const pairOf = split ? pairOfA : pairOfB;
    const r = pairOf.get(best);
    if (r && r.override) return false;
    if (r && (split ? r.from.length > 1 : r.to.length > 1)) return false; // a merge cannot also split
    const current = r ? (split ? r.to : r.from) : [];
    // The union of the pieces must be closer to the whole than the current pieces alone, unless the
    // piece answers one of the whole's sub-points.
    const before = current.length ? space.cosineOf(best.feats, union(current)) : 0;
    const after = space.cosineOf(best.feats, union([...current, p]));
    if (current.length && !viaChild && after <= before + 0.01) return false;
    (split ? usedB : usedA).add(p);
    if (r) {
      if (split) {
        r.to.push(p);
        r.to.sort((u, v) => u.order - v.order);
        r.kind = r.to.length > 1 ? 'split' : 'one';
      } else {
        r.from.push(p);
        r.from.sort((u, v) => u.order - v.order);
        r.kind = r.from.length > 1 ? 'merged' : 'one';
      }
      r.exact = false;
      r.similarity = after;
      pairOf.set(p, r);
    } else {
      const nr: Raw = split ? { from: [best], to: [p], kind: 'one', similarity: after } : { from: [p], to: [best], kind: 'one', similarity: after };
      raws.push(nr);
      (split ? usedA : usedB).add(best);
      pairOf.set(best, nr);
      (split ? pairOfB : pairOfA).set(p, nr);
    }
    return true;
  };
  const sideOf = new Set(B);
  const pieces0 = (u: Unit) => (sideOf.has(u) ? 'B' : 'A');
  grow('split');
  grow('merge');
  for (const r of raws) {
    if (r.kind === 'split') r.parts = partsOf(r.from[0]!, r.to, space, 'split');
    if (r.kind === 'merged') r.parts = partsOf(r.to[0]!, r.from, space, 'merge');
  }
}

/** Which sub-point of the whole each piece corresponds to (the whole itself when none fits better). */
function partsOf(whole: Unit, pieces: Unit[], space: FeatureSpace, side: 'split' | 'merge'): AlignmentPart[] {
  return pieces.map((p) => {
    let key = whole.key;
    let best = space.cosineOf(whole.feats, p.feats);
    if (whole.children.length >= 2) {
      let bc = -1;
      for (const c of whole.children) {
        const s = space.cosineOf(c.feats, p.feats);
        if (s > bc) {
          bc = s;
          key = c.key;
        }
      }
      best = bc;
    }
    const s = round(best);
    return side === 'split' ? { from: [key], to: [p.key], similarity: s } : { from: [p.key], to: [key], similarity: s };
  });
}
