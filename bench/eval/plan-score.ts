/**
 * Scoring of parsed plans and of version alignments against the corpus expected files, shared by
 * `npm run eval` (bench/eval/plans.ts) and the acceptance tests (src/text/*.acceptance.test.ts).
 *
 * Conventions read (../shared/corpus/README.md and ../shared/corpus-world/README.md):
 *
 * **Plans** (`expected.json`, plan-28 shape). A layout's expected points are, in this order of
 * preference: its `bullets_in_order` (one entry per bullet, groups giving the headings), its
 * `order_in_file`, else the document's `points` minus the layout's `points_absent`. A predicted
 * point is identified by its label's value (Arabic, Arabic-Indic or Roman digits) or, unlabelled,
 * by its position among the predicted points (the expected entry at that position: the corpus
 * numbers unnumbered sources by position, `number_confidence: "ordinal"`). Points P/R/F1 compare
 * the two multisets of identities. Expected sub-item counts come from the layout's
 * `sub_items_expected` (absent key: 0), else, for bulleted layouts, 0, else the point's
 * `sub_items_count`; `nested_expected` adds counts for the children of sub-items (`"2.B": 2`) or of
 * points (`"3": 2`). A structure is exact when the identities agree as multisets, every matched point
 * has its expected sub-item (and nested) counts, every sub-item is a `subpoint`, no axis is empty,
 * and, where the layout lists headings, the predicted axes hold the expected number of points each.
 *
 * **Alignments** (`*.expected-alignment.json`; `us_points` or `base_points`). Each row is a link
 * (base points → later point, change). Rows with `mapping: "unknown"` or naming a point absent from
 * the compared texts carry no ground truth: they are left out, and so is every predicted pair
 * touching one of their points. `optional` rows are neither rewarded nor penalised: left out, and a
 * predicted pair with their mapping is ignored. Rows of one split (same base points, split mapping)
 * form one link. A `deleted` link is judged on its base points only (a text may keep a numbered
 * placeholder); `change: "unknown"` is scored on the mapping only. Change kinds compare on wording:
 * `moved` / `renumbered` count as `unchanged`, and `amended` counts whether or not the point moved.
 * A predicted deletion of a base point, or addition of a later point, that no row mentions is out
 * of scope (the expected file speaks only of what it lists). A point may be named by any label the
 * parser reads ("4", "Art. 4", "Part One", "Статья 2").
 */
import { alternation, AXIS_KEYWORDS, NUMBER_WORDS, POINT_KEYWORDS } from '../../src/text/parse/words.js';
import { prf, type Counts } from './score.js';

/** Precision, recall and F1 of counts (re-exported for the tests). */
export const prfOf = prf;

// ---------------------------------------------------------------------------------------------
// Labels

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Integer value of a label: Arabic digits, Arabic-Indic digits or a Roman numeral; else null. */
export function labelValue(label: string | null | undefined): number | null {
  if (label === null || label === undefined) return null;
  const t = label.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  if (/^\d{1,6}$/.test(t)) return Number(t);
  const r = t.toLowerCase();
  if (!/^[ivxlcdm]{1,8}$/.test(r)) return null;
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN[r[i]!]!;
    const next = ROMAN[r[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

// ---------------------------------------------------------------------------------------------
// Plans

/** The parts of a parsed node the scorer reads. */
export interface ScoredNode {
  kind: string;
  num: string | null;
  text: string;
  heading?: string | null;
  children: ScoredNode[];
}

/** One layout's expectations (plan-28 `layouts[file]` shape; every key optional). */
export interface LayoutSpec {
  sub_items_expected?: Record<string, number>;
  order_in_file?: (number | string)[];
  bullets_in_order?: unknown[];
  headings?: string[];
  heading_count?: number;
  points_absent?: (number | string)[];
  nested_expected?: unknown;
}

/** A plan's expected.json (the parts the scorer reads). */
export interface ExpectedPlan {
  points: { number: number | string; sub_items_count?: number }[];
  layouts: Record<string, LayoutSpec>;
  points_absent?: (number | string)[];
  nested_expected?: unknown;
}

/** Score of one parsed layout. */
export interface PlanScore {
  points: Counts;
  exact: boolean;
  /** Matched points whose sub-item counts (and nested counts) are right, of matched points. */
  sub: { right: number; of: number };
  /** Why the structure is not exact (identities and counts only, never text). */
  problems: string[];
}

const idOf = (x: unknown): string => (Array.isArray(x) ? x.map(idOf).join('+') : String(x));

/** Expected bullets (ids) and the sizes of their groups, from a `bullets_in_order` value. */
function bulletsOf(list: unknown[]): { ids: string[]; groups: number[] } {
  const ids: string[] = [];
  const groups: number[] = [];
  for (const g of list) {
    if (g && typeof g === 'object' && !Array.isArray(g) && Array.isArray((g as { points?: unknown }).points)) {
      const pts = (g as { points: unknown[] }).points;
      groups.push(pts.length);
      for (const p of pts) ids.push(idOf(p));
    } else ids.push(idOf(g));
  }
  return { ids, groups };
}

/** Nested expectations as (point id, sub-item label or null, count); null when the shape is unknown. */
function nestedOf(v: unknown): { point: string; sub: string | null; count: number }[] | null {
  if (v === undefined || v === null) return [];
  const out: { point: string; sub: string | null; count: number }[] = [];
  const split = (k: string): { point: string; sub: string | null } => {
    const m = /^\s*(\w+?)\s*(?:[./:(-]\s*|(?<=\d)(?=[A-Za-z]))(\w+)\)?\s*$/.exec(k);
    return m ? { point: m[1]!, sub: m[2]! } : { point: k.trim(), sub: null };
  };
  if (Array.isArray(v)) {
    for (const e of v) {
      if (!e || typeof e !== 'object') return null;
      const o = e as Record<string, unknown>;
      const point = o.point ?? o.number ?? o.parent_point;
      const sub = o.sub ?? o.sub_item ?? o.label ?? o.parent ?? o.under ?? null;
      const count = o.count ?? o.children ?? o.nested ?? (Array.isArray(o.items) ? o.items.length : undefined);
      if (point === undefined || typeof count !== 'number') {
        if (typeof o.under === 'string' && typeof count === 'number') {
          out.push({ ...split(o.under), count });
          continue;
        }
        return null;
      }
      out.push({ point: String(point), sub: sub === null ? null : String(sub), count });
    }
    return out;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'number') out.push({ ...split(k), count: x });
      else if (Array.isArray(x)) out.push({ ...split(k), count: x.length });
      else if (x && typeof x === 'object') {
        for (const [s, y] of Object.entries(x as Record<string, unknown>)) {
          if (typeof y === 'number') out.push({ point: k, sub: s, count: y });
          else if (Array.isArray(y)) out.push({ point: k, sub: s, count: y.length });
          else return null;
        }
      } else return null;
    }
    return out;
  }
  if (typeof v === 'number') return null;
  return null;
}

/** Points of a parsed tree in reading order, with the axis (index, or -1) holding each; and empty axes. */
function pointsOf(tree: ScoredNode[]): { points: { node: ScoredNode; axis: number }[]; axes: number[]; emptyAxes: number } {
  const points: { node: ScoredNode; axis: number }[] = [];
  const axes: number[] = [];
  let emptyAxes = 0;
  const walk = (nodes: ScoredNode[], axis: number) => {
    for (const n of nodes) {
      if (n.kind === 'axis') {
        const me = axes.length;
        axes.push(0);
        if (!n.children.length && !n.text) emptyAxes++;
        walk(n.children, me);
      } else if (n.kind === 'point') {
        points.push({ node: n, axis });
        if (axis >= 0) axes[axis]!++;
      } else walk(n.children, axis);
    }
  };
  walk(tree, -1);
  return { points, axes, emptyAxes };
}

/**
 * Score one parsed layout against its document's expected.json.
 * @param layout the file name (key of `expected.layouts`).
 */
export function scorePlan(tree: ScoredNode[], expected: ExpectedPlan, layout: string): PlanScore {
  const spec: LayoutSpec = expected.layouts?.[layout] ?? {};
  const problems: string[] = [];
  let ids: string[];
  let groups: number[] = [];
  const bulleted = Array.isArray(spec.bullets_in_order);
  if (bulleted) ({ ids, groups } = bulletsOf(spec.bullets_in_order!));
  else if (Array.isArray(spec.order_in_file)) ids = spec.order_in_file.map(idOf);
  else {
    const absent = new Set((spec.points_absent ?? expected.points_absent ?? []).map(idOf));
    ids = expected.points.map((p) => idOf(p.number)).filter((id) => !absent.has(id));
  }
  const byId = new Map(expected.points.map((p) => [idOf(p.number), p]));
  const expectedSubs = (id: string): number => {
    if (spec.sub_items_expected) return spec.sub_items_expected[id] ?? 0;
    if (bulleted) return 0;
    return byId.get(id)?.sub_items_count ?? 0;
  };

  const { points, axes, emptyAxes } = pointsOf(tree);
  const predicted = points.map((p, k) => {
    const v = labelValue(p.node.num);
    return v !== null ? String(v) : p.node.num !== null && byId.has(p.node.num) ? p.node.num : (ids[k] ?? `extra#${k + 1}`);
  });

  // Multiset match of identities.
  const want = new Map<string, number>();
  for (const id of ids) want.set(id, (want.get(id) ?? 0) + 1);
  const left = new Map(want);
  const matched: { id: string; node: ScoredNode }[] = [];
  let tp = 0;
  let fp = 0;
  predicted.forEach((id, k) => {
    const n = left.get(id) ?? 0;
    if (n > 0) {
      left.set(id, n - 1);
      tp++;
      matched.push({ id, node: points[k]!.node });
    } else fp++;
  });
  const fn = ids.length - tp;
  if (fp) problems.push(`${fp} point(s) not expected: ${predicted.filter((id) => !want.has(id)).slice(0, 6).join(', ') || 'duplicates'}`);
  if (fn) problems.push(`${fn} expected point(s) missing: ${[...left].filter(([, n]) => n > 0).map(([id]) => id).slice(0, 6).join(', ')}`);

  // Sub-items and nesting.
  const nested = nestedOf(spec.nested_expected ?? expected.nested_expected);
  if (nested === null) problems.push('nested_expected: shape not understood, not scored');
  let subRight = 0;
  const seen = new Set<string>();
  for (const { id, node } of matched) {
    let ok = node.children.length === expectedSubs(id) && node.children.every((c) => c.kind === 'subpoint');
    if (!ok) problems.push(`point ${id}: ${node.children.length} sub-item(s), expected ${expectedSubs(id)}`);
    if (!seen.has(id)) {
      seen.add(id);
      for (const e of nested ?? []) {
        if (e.point !== id) continue;
        if (e.sub === null) {
          const got = node.children.length;
          if (got !== e.count) {
            ok = false;
            problems.push(`point ${id}: ${got} nested item(s), expected ${e.count}`);
          }
          continue;
        }
        const child = node.children.find((c) => c.num !== null && c.num.toLowerCase() === e.sub!.toLowerCase()) ?? (/^\d+$/.test(e.sub) ? node.children[Number(e.sub) - 1] : undefined);
        const got = child ? child.children.length : -1;
        if (got !== e.count) {
          ok = false;
          problems.push(`point ${id}.${e.sub}: ${got < 0 ? 'no such sub-item' : `${got} nested item(s)`}, expected ${e.count}`);
        }
      }
    }
    if (ok) subRight++;
  }
  // Points other than the matched ones must not carry nested items the corpus does not list: they
  // are already false positives, so nothing more to count here.

  let exact = fp === 0 && fn === 0 && subRight === matched.length && nested !== null;
  if (emptyAxes) {
    exact = false;
    problems.push(`${emptyAxes} empty axis/axes`);
  }
  const wantsHeadings = Array.isArray(spec.headings) || typeof spec.heading_count === 'number';
  if (wantsHeadings && groups.length) {
    const got = axes.filter((n) => n > 0);
    if (got.join(',') !== groups.join(',') || points.some((p) => p.axis < 0)) {
      exact = false;
      problems.push(`axes hold ${got.join('/')} point(s), expected ${groups.join('/')}`);
    }
  }
  return { points: { tp, fp, fn }, exact, sub: { right: subRight, of: matched.length }, problems };
}

// ---------------------------------------------------------------------------------------------
// Alignments

/** One row of an expected alignment (Russia–Ukraine `us_points` or corpus-world `base_points`). */
export interface ExpectedRow {
  counter_point: number | string | (number | string)[] | null;
  us_points?: (number | string)[];
  base_points?: (number | string)[];
  mapping: string;
  change: string;
  confidence?: string;
  optional?: boolean;
}

/** A predicted pair: base keys, later keys and change kind (an `AlignmentPair` fits). */
export interface ScoredPair {
  from: string[];
  to: string[];
  change: string;
}

/** Score of one alignment. */
export interface AlignScore {
  /** Links on the mapping alone (from and to sets equal). */
  links: Counts;
  /** Links whose mapping and change kind both agree (for the strict P/R of the acceptance tests). */
  strict: Counts;
  /** Expected links found with a known change kind, and how many of those have the right kind. */
  kinds: { right: number; of: number };
  wrong: string[];
  missed: string[];
}

/** Change kinds as the corpus means them (wording only). */
export const wordingKind = (c: string): string => (c === 'moved' || c === 'renumbered' ? 'unchanged' : c);

const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join('|') === [...y].sort().join('|');

/**
 * A point named in an alignment row by its label: a number, Roman numeral or number word, after
 * any keyword the parser reads as a point or heading label ("4", "Art. 4", "Part One", "Статья 2")
 * or after any other single word an expected file uses as its label ("Element 2", "Pledge 3"): the
 * scorer locates the point by its number whatever the expected file calls it, so a label word the
 * parser does not know costs the parser, not the scorer.
 */
const ROW_LABEL = new RegExp(
  `^(?:(?:${alternation([...POINT_KEYWORDS, ...AXIS_KEYWORDS, 'pt', 'no'])})\\.?\\s*|\\p{L}+(?:\\.\\s*|\\s+))?([0-9]{1,4}|[IVXLCDM]{1,7}|${alternation(NUMBER_WORDS.keys())})\\.?$`,
  'iu',
);

/**
 * Score predicted pairs against expected rows.
 * @param idA maps a base provision key (`21`, `#3`, `I`) to the identity the corpus uses (`21`, `3`, `1`);
 *   likewise `idB` for the later version. Keys that map to nothing keep their own text.
 * @param keysA / keysB the point identities each version has by its expected file, or null when it
 *   has none (rows naming other points carry no ground truth).
 */
export function scoreAlignment(
  pairs: ScoredPair[],
  rows: ExpectedRow[],
  ids: { idA: (key: string) => string; idB: (key: string) => string; keysA: Set<string> | null; keysB: Set<string> | null },
): AlignScore {
  // A row's point is located when the version's expected file lists it (`keys`), or, with no
  // expected file (null), when it is written as a label ("4", "N1", "Art. 4") rather than in words.
  const norm = (x: number | string, keys: Set<string> | null): string | null => {
    const s = String(x).trim();
    const m = ROW_LABEL.exec(s);
    const v = m ? (labelValue(m[1]!) ?? NUMBER_WORDS.get(m[1]!.toLowerCase()) ?? null) : null;
    const id = v !== null ? String(v) : s;
    if (keys) return keys.has(id) ? id : null;
    return v !== null || /^[A-Za-z]{0,3}\d{1,4}[a-z]?$/.test(s) ? id : null;
  };
  const exA = new Set<string>();
  const exB = new Set<string>();
  const mentionedA = new Set<string>();
  const mentionedB = new Set<string>();
  type Link = { from: string[]; to: string[] | '*'; change: string };
  const expected: Link[] = [];
  const optional: Link[] = [];
  const splits = new Map<string, Link>();
  for (const r of rows) {
    const base = r.base_points ?? r.us_points ?? [];
    const counter = r.counter_point === null ? [] : Array.isArray(r.counter_point) ? r.counter_point : [r.counter_point];
    const from = base.map((x) => norm(x, ids.keysA));
    const to = counter.map((x) => norm(x, ids.keysB));
    from.forEach((k) => k && mentionedA.add(k));
    to.forEach((k) => k && mentionedB.add(k));
    const unresolved = from.some((k) => k === null) || (r.change !== 'deleted' && to.some((k) => k === null));
    if (r.mapping === 'unknown' || unresolved) {
      from.forEach((k) => k && exA.add(k));
      to.forEach((k) => k && exB.add(k));
      // A point named only in words cannot be located: the later point it maps to is out too.
      if (unresolved) counter.forEach((x) => exB.add(String(x)));
      continue;
    }
    const f = from as string[];
    const t = to as string[];
    let link: Link;
    if (r.change === 'deleted') link = { from: f, to: '*', change: 'deleted' };
    else link = { from: f, to: t, change: r.change === 'unknown' ? '*' : r.change };
    const isSplit = /split/.test(r.mapping) || r.change === 'split';
    if (isSplit && !r.optional) {
      const key = [...f].sort().join('|');
      const prev = splits.get(key);
      if (prev && prev.to !== '*' && link.to !== '*') {
        prev.to.push(...link.to);
        continue;
      }
      splits.set(key, link);
    }
    (r.optional ? optional : expected).push(link);
  }
  const matches = (p: ScoredPair, e: Link, withChange: boolean) =>
    sameSet(p.from, e.from) &&
    (e.to === '*' || sameSet(p.to, e.to)) &&
    (!withChange || e.change === '*' || wordingKind(p.change) === wordingKind(e.change));
  const mapped = pairs.map((p) => ({ from: p.from.map(ids.idA), to: p.to.map(ids.idB), change: p.change }));
  const predicted = mapped.filter(
    (p) =>
      !p.from.some((k) => exA.has(k)) &&
      !p.to.some((k) => exB.has(k)) &&
      !optional.some((o) => matches(p, o, false)) &&
      !(p.to.length === 0 && p.from.every((k) => !mentionedA.has(k))) &&
      !(p.from.length === 0 && p.to.every((k) => !mentionedB.has(k))),
  );
  const count = (withChange: boolean): Counts => {
    const goodP = predicted.filter((p) => expected.some((e) => matches(p, e, withChange))).length;
    const goodE = expected.filter((e) => predicted.some((p) => matches(p, e, withChange))).length;
    return { tp: goodE, fp: predicted.length - goodP, fn: expected.length - goodE };
  };
  const links = count(false);
  const strict = count(true);
  let right = 0;
  let of = 0;
  for (const e of expected) {
    if (e.change === '*') continue;
    const p = predicted.find((q) => matches(q, e, false));
    if (!p) continue;
    of++;
    if (matches(p, e, true)) right++;
  }
  const show = (p: { from: string[]; to: string[] | '*'; change: string }) =>
    `${p.from.join('+') || '∅'}→${p.to === '*' ? '*' : p.to.join('+') || '∅'} ${p.change}`;
  return {
    links,
    strict,
    kinds: { right, of },
    wrong: predicted.filter((p) => !expected.some((e) => matches(p, e, true))).map(show),
    missed: expected.filter((e) => !predicted.some((p) => matches(p, e, true))).map(show),
  };
}

/**
 * Identity of each point key of a tree as the corpus numbers points: the label's value when it
 * has one (`I` → `1`), the label itself otherwise (`N1`), and the position among points for an
 * unlabelled point (`#3` → `3`). Sub-point keys (`21.a`) map to themselves.
 */
export function pointIdentities(keyed: { key: string; node: { kind: string; num: string | null } }[]): (key: string) => string {
  const map = new Map<string, string>();
  let position = 0;
  for (const { key, node } of keyed) {
    if (node.kind !== 'point') continue;
    position++;
    const v = labelValue(node.num);
    map.set(key, v !== null ? String(v) : node.num !== null ? node.num : String(position));
  }
  // Top-level nodes stand for points when a version has no points (the aligner's rule too).
  if (!map.size) {
    for (const { key, node } of keyed) {
      if (key.includes('.')) continue;
      position++;
      const v = labelValue(node.num);
      map.set(key, v !== null ? String(v) : node.num ?? String(position));
    }
  }
  return (k) => map.get(k) ?? k;
}
