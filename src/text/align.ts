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
import { AccordError } from '../model/errors.js';
import type { Provision } from '../model/schemas.js';
import { wordDiff, type DiffOp } from './diff.js';
import { walkWithKeys } from './provisions.js';
import { detectLanguage, FeatureSpace, newEntities, numbersDiffer, type FeatureOptions, type TextFeatures } from './similarity.js';
import { candidateSims, fillGaps, hungarianByComponent } from './align/matching.js';
import { detectMergeSplit } from './align/merge-split.js';
import { dice, idIndex, round, union, unitsOf, type Node, type Raw, type Unit } from './align/units.js';

export { cleanText, sourceMarkup, type CleanText, type SourceMarkup } from './align/units.js';

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


/**
 * Align version A with version B. See the module documentation for the algorithm, the change
 * kinds and the lineage rules. Pairs come in B's reading order, deletions after the B unit that
 * follows them in A's order.
 * @throws AccordError `invalid_input` when two overrides claim the same provision.
 */
export function alignment(a: Node[], b: Node[], opts: AlignOptions = {}): AlignmentResult {
  const base: FeatureOptions = opts.synonyms || opts.aliases ? { synonyms: opts.synonyms, aliases: opts.aliases } : {};
  // Each version is read in its own language; versions in two languages meet through the
  // multilingual lexicon, names and numbers (cross-lingual features, ./similarity.ts).
  const langA = languageOfTree(a);
  const langB = languageOfTree(b);
  const translated = langA !== null && langB !== null && langA !== langB;
  const foA: FeatureOptions = langA && langA !== 'en' ? { ...base, language: langA, crossLingual: translated } : translated ? { ...base, crossLingual: true } : base;
  const foB: FeatureOptions = langB === langA ? foA : langB && langB !== 'en' ? { ...base, language: langB, crossLingual: translated } : translated ? { ...base, crossLingual: true } : base;
  const cacheA = new Map<string, TextFeatures>(); // identical texts share their features
  const cacheB = foA === foB ? cacheA : new Map<string, TextFeatures>();
  const A = unitsOf(a, foA, cacheA, opts.sourceA);
  const B = unitsOf(b, foB, cacheB, opts.sourceB);
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

  // 3b. Translations of one numbering: versions in different languages numbered with the same set
  // of numbers pair by number (a translation keeps its points); otherwise their texts are compared
  // through the cross-lingual features like any others.
  if (translated && A.some((u) => u.numbered) && sameKeySet(A, B)) {
    const byKey = new Map(A.filter((u) => !usedA.has(u) && u.numbered).map((u) => [u.key, u]));
    for (const y of B) {
      const x = usedB.has(y) || !y.numbered ? undefined : byKey.get(y.key);
      if (x && !usedA.has(x)) take({ from: [x], to: [y], kind: 'one', similarity: cos(x, y) });
    }
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
  // Or, for loose paraphrases with few confident pairs, when nearly every pair found keeps its number.
  const keptAll = matched.filter(([x, y]) => x.key === y.key).length;
  const sameNumbering =
    bothNumbered &&
    ((keptKeys >= 0.6 * (confident.length + raws.filter((r) => r.exact).length) && keptKeys >= 2) || (keptAll >= 3 && keptAll >= 0.8 * matched.length));
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
  // Keys compare when both sides number alike; a point numbered on one side and bulleted on the
  // other moved only when its position among the points changed.
  const isMoved = (x: Unit, y: Unit) => {
    if (x.numbered !== y.numbered) {
      if (x.order !== y.order) return true;
    } else if (x.key !== y.key) return true;
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
          const reasons = r.exact ? [] : translated ? ['language'] : amendReasons(x, y, mode, markupMode, space);
          if (reasons.length) {
            pair.change = 'amended';
            if (mode === 'paraphrase') pair.reasons = reasons;
            if (moved) pair.moved = true;
          } else pair.change = moved ? 'moved' : 'unchanged';
        }
      }
      // A diff whenever the words differ, also for a pair judged moved or unchanged in paraphrase mode
      // (a reader sees what was reworded even where the sense is taken to be the same).
      if (wantDiff && x && y && y.text && x.text !== y.text) pair.diff = wordDiff(x.text, y.text);
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
        // The piece that already carries the source's lineage (two stored versions) keeps it; else the piece most like the source.
        const best = r.to.find((u) => u.lineage === src.lineage) ?? [...r.to].sort((p, q) => cos(src, q) - cos(src, p))[0]!;
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

/** Language of a version from its function words and script (see {@link detectLanguage}); null when unsure. */
function languageOfTree(nodes: Node[]): string | null {
  const parts: string[] = [];
  let size = 0;
  const visit = (ns: Node[]) => {
    for (const n of ns) {
      if (size > 20_000) return;
      const t = [n.heading, n.text].filter(Boolean).join(' ');
      parts.push(t);
      size += t.length + 1;
      visit(n.children);
    }
  };
  visit(nodes);
  return detectLanguage(parts.join(' '));
}

/** Whether the points of A and B are numbered with the same set of numbers (all of them numbered). */
function sameKeySet(A: Unit[], B: Unit[]): boolean {
  if (A.length !== B.length || A.some((u) => !u.numbered) || B.some((u) => !u.numbered)) return false;
  const keys = new Set(A.map((u) => u.key));
  return B.every((u) => keys.has(u.key));
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
