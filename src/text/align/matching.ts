/**
 * Matching steps of version alignment (../align.ts): cosine similarities through an inverted index,
 * the optimal 1:1 assignment (Hungarian method, Kuhn 1955 / Munkres 1957, `munkres` package) per
 * connected component, and the pairing of leftovers that sit in the same gap between anchors.
 */
import { munkres } from 'munkres';
import type { FeatureSpace } from '../similarity.js';
import type { Raw, Unit } from './units.js';

/** Cosine similarities between two unit lists, scored through an inverted index (only pairs sharing a term). */
export function candidateSims(A: Unit[], B: Unit[], space: FeatureSpace, nA: number): Map<Unit, Map<Unit, number>> {
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
