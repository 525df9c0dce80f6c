/**
 * Matching steps of version alignment (../align.ts): cosine similarities through an inverted index,
 * the optimal 1:1 assignment (Hungarian method, Kuhn 1955 / Munkres 1957, `munkres` package) per
 * connected component, and the pairing of leftovers that sit in the same gap between anchors.
 */
import { munkres } from 'munkres';
import type { FeatureSpace } from '../similarity.js';
import type { Raw, Unit } from './units.js';

/**
 * Above this many candidate pairs (units of A × units of B still to pair), the similarity graph is
 * thinned ({@link candidateSims}) and a component of it is assigned greedily
 * ({@link hungarianByComponent}), so that aligning two large versions that share little wording
 * (thousands of points, none kept word for word) takes time near-linear in their size rather than
 * the cube of it. Below it (every text of the corpora) nothing changes: all pairs, exact assignment.
 */
export const DENSE_PAIRS = 250_000;
/** In a thinned graph, the counterparts each unit keeps: its most similar ones. */
export const CANDIDATES_KEPT = 8;

/**
 * Cosine similarities between two unit lists, scored through an inverted index (only pairs sharing a
 * term). When `A.length × B.length` exceeds {@link DENSE_PAIRS}, only the pairs where one side is
 * among the other's {@link CANDIDATES_KEPT} most similar counterparts are kept, and the pair with
 * the same number (a same-number bonus may still prefer it).
 */
export function candidateSims(A: Unit[], B: Unit[], space: FeatureSpace, nA: number): Map<Unit, Map<Unit, number>> {
  const out = new Map<Unit, Map<Unit, number>>();
  const keep = (x: Unit, y: Unit, s: number) => (out.get(x) ?? out.set(x, new Map()).get(x)!).set(y, s);
  const thin = A.length * B.length > DENSE_PAIRS;
  const K = CANDIDATES_KEPT;
  // Thinned: the best K counterparts of each A unit, scores descending (-1 = empty slot).
  const bestOfA = thin ? new Float64Array(A.length * K).fill(-1) : undefined;
  const bestOfAUnit = thin ? new Int32Array(A.length * K) : undefined;
  const bestOfB = new Float64Array(K);
  const bestOfBUnit = new Int32Array(K);
  const insert = (scores: Float64Array, units: Int32Array, at: number, s: number, u: number) => {
    if (s <= scores[at + K - 1]!) return;
    let j = at + K - 1;
    for (; j > at && scores[j - 1]! < s; j--) {
      scores[j] = scores[j - 1]!;
      units[j] = units[j - 1]!;
    }
    scores[j] = s;
    units[j] = u;
  };
  const postings = new Map<number, { u: number; w: number }[]>();
  A.forEach((x, k) => {
    const v = space.vector(x.idx);
    v.ids.forEach((id, t) => (postings.get(id) ?? postings.set(id, []).get(id)!).push({ u: k, w: v.ws[t]! }));
  });
  const norms = Float64Array.from(A, (x) => space.vector(x.idx).norm);
  const acc = new Float64Array(A.length);
  const touched: number[] = [];
  B.forEach((y, j) => {
    const v = space.vector(nA + y.idx);
    if (!v.norm) return;
    for (let t = 0; t < v.ids.length; t++) {
      const wy = v.ws[t]!;
      for (const p of postings.get(v.ids[t]!) ?? []) {
        if (acc[p.u] === 0) touched.push(p.u);
        acc[p.u] = acc[p.u]! + wy * p.w;
      }
    }
    if (thin) bestOfB.fill(-1);
    for (const k of touched) {
      const nx = norms[k]!;
      const s = nx ? Math.min(1, acc[k]! / (nx * v.norm)) : 0;
      acc[k] = 0;
      if (!(s > 0)) continue;
      if (!thin) keep(A[k]!, y, s);
      else {
        insert(bestOfB, bestOfBUnit, 0, s, k);
        insert(bestOfA!, bestOfAUnit!, k * K, s, j);
        if (A[k]!.key === y.key) keep(A[k]!, y, s);
      }
    }
    touched.length = 0;
    if (thin) for (let i = 0; i < K && bestOfB[i]! > 0; i++) keep(A[bestOfBUnit[i]!]!, y, bestOfB[i]!);
  });
  if (thin)
    for (let k = 0; k < A.length; k++)
      for (let i = k * K; i < (k + 1) * K && bestOfA![i]! > 0; i++) keep(A[k]!, B[bestOfAUnit![i]!]!, bestOfA![i]!);
  return out;
}

/**
 * Maximum-weight 1:1 assignment, Hungarian method per connected component of the edge graph; a
 * component of more than {@link DENSE_PAIRS} cells is assigned greedily instead ({@link greedyAssignment}).
 */
export function hungarianByComponent(edges: [Unit, Unit, number][]): [Unit, Unit, number][] {
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
    if (rows.length * cols.length > DENSE_PAIRS) {
      out.push(...greedyAssignment(es));
      continue;
    }
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

/**
 * 1:1 assignment taking the edges by descending score (ties: earlier A unit, then earlier B unit),
 * each while both its ends are free: O(E log E), at least half the optimal total weight (the greedy
 * matching bound, Avis 1983, "A survey of heuristics for the weighted matching problem").
 */
function greedyAssignment(edges: [Unit, Unit, number][]): [Unit, Unit, number][] {
  const sorted = [...edges].sort((p, q) => q[2] - p[2] || p[0].idx - q[0].idx || p[1].idx - q[1].idx);
  const usedA = new Set<Unit>();
  const usedB = new Set<Unit>();
  const out: [Unit, Unit, number][] = [];
  for (const e of sorted) {
    if (usedA.has(e[0]) || usedB.has(e[1])) continue;
    usedA.add(e[0]);
    usedB.add(e[1]);
    out.push(e);
  }
  return out;
}

/** Step 6: pair unmatched units that sit in the same gap between aligned anchors. */
export function fillGaps(
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
