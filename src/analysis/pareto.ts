/**
 * The Pareto frontier of a negotiation domain without enumerating its outcomes.
 *
 * Utilities are additive over issues, so the set of utility vectors is the Minkowski sum of the
 * per-issue sets of option vectors, and the non-dominated part of a Minkowski sum only needs the
 * non-dominated parts of its terms: frontier(A ⊕ B) = frontier(frontier(A) ⊕ frontier(B)). Merging
 * issue by issue and pruning dominated points after each merge (the divide-and-conquer idea of
 * multi-objective dynamic programming) gives the exact frontier; cost grows with the frontier's size,
 * not with the number of outcomes. Dominance filtering is a sort-and-sweep in 2-D, a sweep with a
 * staircase in 3-D, and pairwise beyond.
 *
 * The frontier is that of the *feasible* packages: red-lined options are left out before merging, and
 * points below any party's reservation value are dropped at the end (a feasible package dominated by
 * anything is dominated by a feasible package, so this is exact). Equal utility vectors reached by
 * several outcomes are one point with a `count`; `size` counts outcomes, as NegMAS's
 * `pareto_frontier` does.
 *
 * For more than 3 parties (or when a frontier outgrows `maxPoints`) the exact merge is abandoned for a
 * bounded representative set: packages maximising strictly positive weighted sums of utilities (each
 * is Pareto-optimal), with the count stated and `exact: false`.
 */
import { FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain } from './domain.js';
import { rng } from './random.js';

/** Utilities are exact multiples of the compile grid (see quantise()), so comparisons are exact. */
const EPS = 0;

/** A point of the frontier: utilities 0–100, how many outcomes reach it, and one of them. */
export interface FrontierPoint {
  u: Float64Array;
  count: number;
  /** One outcome (option index per issue) reaching `u`. */
  outcome: number[];
}

/** A Pareto frontier and how it was obtained. */
export interface Frontier {
  /** True when `points` is the whole frontier. */
  exact: boolean;
  method: 'merge' | 'representative';
  points: FrontierPoint[];
  /** Outcomes on the frontier (Σ count) when exact; the number of representative packages otherwise. */
  size: number;
  /** Plain-words statement of what the set is. */
  note: string;
}

/** Options of {@link paretoFrontier}. */
export interface FrontierOptions {
  /** Largest intermediate frontier the exact merge may hold (default 300,000 for ≤3 parties, 20,000 beyond). */
  maxPoints?: number;
  /** Weight vectors tried for the representative set (default 400). */
  samples?: number;
  /** Extra packages (e.g. the solutions) to include in a representative set. */
  include?: number[][];
}

/** Intermediate point: vector, multiplicity and a back-pointer (previous point, option). */
interface Pt {
  u: Float64Array;
  count: number;
  prev: number;
  opt: number;
}

class TooBig extends Error {}

function key(u: Float64Array): string {
  let s = '';
  for (let p = 0; p < u.length; p++) s += u[p]! + ',';
  return s;
}

/** Merge equal vectors (summing counts), keeping the first back-pointer. */
function dedupe(pts: Pt[]): Pt[] {
  const seen = new Map<string, Pt>();
  const out: Pt[] = [];
  for (const q of pts) {
    const k = key(q.u);
    const e = seen.get(k);
    if (e) e.count += q.count;
    else {
      seen.set(k, q);
      out.push(q);
    }
  }
  return out;
}

function lexDesc(a: Pt, b: Pt): number {
  for (let p = 0; p < a.u.length; p++) {
    const d = b.u[p]! - a.u[p]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Non-dominated subset of distinct points (after {@link dedupe}). */
function nondominated(pts: Pt[], P: number): Pt[] {
  pts.sort(lexDesc);
  const out: Pt[] = [];
  if (P === 1) return pts.length ? [pts[0]!] : [];
  if (P === 2) {
    let bestY = -Infinity;
    for (const q of pts) {
      if (q.u[1]! > bestY + EPS) {
        out.push(q);
        bestY = q.u[1]!;
      }
    }
    return out;
  }
  if (P === 3) {
    // Staircase of kept points in (u1, u2): u1 ascending, u2 descending.
    const s1: number[] = [];
    const s2: number[] = [];
    for (const q of pts) {
      const x = q.u[1]!;
      const y = q.u[2]!;
      // first staircase index with u1 ≥ x − EPS
      let lo = 0;
      let hi = s1.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s1[mid]! >= x - EPS) hi = mid;
        else lo = mid + 1;
      }
      if (lo < s1.length && s2[lo]! >= y - EPS) continue; // dominated
      out.push(q);
      // insert (x, y); remove staircase points with u1 ≤ x and u2 ≤ y (a contiguous run before the slot)
      let pos = 0;
      let h2 = s1.length;
      while (pos < h2) {
        const mid = (pos + h2) >> 1;
        if (s1[mid]! < x) pos = mid + 1;
        else h2 = mid;
      }
      let from = pos;
      while (from > 0 && s2[from - 1]! <= y) from--;
      let to = pos;
      while (to < s1.length && s1[to]! <= x && s2[to]! <= y) to++;
      s1.splice(from, to - from, x);
      s2.splice(from, to - from, y);
    }
    return out;
  }
  for (const q of pts) {
    let dom = false;
    for (const k of out) {
      let ge = true;
      for (let p = 0; p < P; p++) if (k.u[p]! < q.u[p]! - EPS) {
        ge = false;
        break;
      }
      if (ge) {
        dom = true;
        break;
      }
    }
    if (!dom) out.push(q);
  }
  return out;
}

/**
 * Per-issue option sets for merging: red-lined options out, strictly dominated options out, equal
 * vectors folded into one with a count.
 */
function issueTerms(c: CompiledDomain): { o: number; v: Float64Array; count: number }[][] {
  const P = c.nParties;
  return c.contrib.map((os, i) => {
    const pts: Pt[] = [];
    os.forEach((v, o) => {
      if (!c.redLine[i]![o]!.length) pts.push({ u: v, count: 1, prev: -1, opt: o });
    });
    return nondominated(dedupe(pts), P).map((q) => ({ o: q.opt, v: q.u, count: q.count }));
  });
}

/**
 * The 2-party merge on flat typed arrays: each stage is a staircase sorted by u0 descending; the
 * candidates are sorted by (u0 desc, u1 desc), equal neighbours merged, and a sweep keeps the points
 * whose u1 beats every point before them. Returns the stages as back-pointer arrays.
 */
function merge2(terms: { o: number; v: Float64Array; count: number }[][], maxPoints: number): { x: Float64Array; y: Float64Array; count: Float64Array; prev: Int32Array; opt: Int32Array }[] {
  let x = new Float64Array([0]);
  let y = new Float64Array([0]);
  let cnt = new Float64Array([1]);
  const stages: { x: Float64Array; y: Float64Array; count: Float64Array; prev: Int32Array; opt: Int32Array }[] = [];
  for (const t of terms) {
    const n = x.length * t.length;
    const cx = new Float64Array(n);
    const cy = new Float64Array(n);
    const cc = new Float64Array(n);
    const cp = new Int32Array(n);
    const co = new Int32Array(n);
    let k = 0;
    for (let q = 0; q < x.length; q++) {
      for (const o of t) {
        cx[k] = x[q]! + o.v[0]!;
        cy[k] = y[q]! + o.v[1]!;
        cc[k] = cnt[q]! * o.count;
        cp[k] = q;
        co[k] = o.o;
        k++;
      }
    }
    const idx = new Int32Array(n);
    for (let j = 0; j < n; j++) idx[j] = j;
    idx.sort((a, b) => cx[b]! - cx[a]! || cy[b]! - cy[a]!);
    const kx: number[] = [];
    const ky: number[] = [];
    const kc: number[] = [];
    const kp: number[] = [];
    const ko: number[] = [];
    let bestY = -Infinity;
    for (let j = 0; j < n; j++) {
      const a = idx[j]!;
      const last = kx.length - 1;
      if (last >= 0 && kx[last] === cx[a] && ky[last] === cy[a]) {
        kc[last]! += cc[a]!;
        continue;
      }
      if (cy[a]! > bestY) {
        bestY = cy[a]!;
        kx.push(cx[a]!);
        ky.push(cy[a]!);
        kc.push(cc[a]!);
        kp.push(cp[a]!);
        ko.push(co[a]!);
      }
    }
    if (kx.length > maxPoints) throw new TooBig();
    x = Float64Array.from(kx);
    y = Float64Array.from(ky);
    cnt = Float64Array.from(kc);
    stages.push({ x, y, count: cnt, prev: Int32Array.from(kp), opt: Int32Array.from(ko) });
  }
  return stages;
}

/** Exact frontier by issue-by-issue merging; throws TooBig past `maxPoints`. */
function mergeFrontier(c: CompiledDomain, maxPoints: number): FrontierPoint[] {
  const P = c.nParties;
  const terms = issueTerms(c);
  if (terms.some((t) => t.length === 0)) return [];
  if (P === 2) {
    const st2 = merge2(terms, maxPoints);
    const lastStage = st2[st2.length - 1]!;
    const r2 = c.reservation;
    const res: FrontierPoint[] = [];
    for (let k = 0; k < lastStage.x.length; k++) {
      const outcome = new Array<number>(terms.length);
      let idx = k;
      for (let st = st2.length - 1; st >= 0; st--) {
        outcome[st] = st2[st]!.opt[idx]!;
        idx = st2[st]!.prev[idx]!;
      }
      const u = utilitiesOf(c, outcome);
      if (u[0]! >= r2[0]! - FEASIBILITY_TOLERANCE && u[1]! >= r2[1]! - FEASIBILITY_TOLERANCE) res.push({ u, count: lastStage.count[k]!, outcome });
    }
    return res;
  }
  const stages: Pt[][] = [];
  let cur: Pt[] = [{ u: new Float64Array(P), count: 1, prev: -1, opt: -1 }];
  for (const t of terms) {
    const next: Pt[] = [];
    cur.forEach((q, qi) => {
      for (const o of t) {
        const u = new Float64Array(P);
        for (let p = 0; p < P; p++) u[p] = q.u[p]! + o.v[p]!;
        next.push({ u, count: q.count * o.count, prev: qi, opt: o.o });
      }
    });
    cur = nondominated(dedupe(next), P);
    if (cur.length > maxPoints) throw new TooBig();
    stages.push(cur);
  }
  const r = c.reservation;
  const out: FrontierPoint[] = [];
  for (let k = 0; k < cur.length; k++) {
    const q = cur[k]!;
    const outcome = new Array<number>(terms.length);
    let idx = k;
    for (let st = stages.length - 1; st >= 0; st--) {
      const node = stages[st]![idx]!;
      outcome[st] = node.opt;
      idx = node.prev;
    }
    // Exact utilities in issue order (bit-identical to other solvers), reservation filter.
    const u = utilitiesOf(c, outcome);
    let ok = true;
    for (let p = 0; p < P; p++) if (u[p]! < r[p]! - FEASIBILITY_TOLERANCE) ok = false;
    if (ok) out.push({ u, count: q.count, outcome });
  }
  return out;
}


/** Representative Pareto-optimal packages from strictly positive weighted sums (see module comment). */
function representative(c: CompiledDomain, samples: number, include: number[][]): FrontierPoint[] {
  const P = c.nParties;
  const r = c.reservation;
  const rand = rng(12345);
  const weights: Float64Array[] = [new Float64Array(P).fill(1)];
  for (let p = 0; p < P; p++) weights.push(Float64Array.from({ length: P }, (_, q) => (q === p ? 1 : 1e-3)));
  while (weights.length < samples) weights.push(Float64Array.from({ length: P }, () => -Math.log(1 - rand()) + 1e-3));
  const pts: Pt[] = [];
  const outcomes: number[][] = [];
  const push = (o: number[]) => {
    const u = utilitiesOf(c, o);
    for (let p = 0; p < P; p++) if (u[p]! < r[p]! - FEASIBILITY_TOLERANCE) return;
    outcomes.push(o);
    pts.push({ u, count: 1, prev: outcomes.length - 1, opt: -1 });
  };
  for (const w of weights) {
    const o: number[] = [];
    let ok = true;
    c.contrib.forEach((os, i) => {
      let best = -1;
      let bv = -Infinity;
      os.forEach((v, oi) => {
        if (c.redLine[i]![oi]!.length) return;
        let t = 0;
        for (let p = 0; p < P; p++) t += w[p]! * v[p]!;
        if (t > bv) {
          bv = t;
          best = oi;
        }
      });
      if (best < 0) ok = false;
      o.push(best);
    });
    if (ok) push(o);
  }
  for (const o of include) push(o);
  const nd = nondominated(dedupe(pts), P);
  return nd.map((q) => ({ u: q.u, count: 1, outcome: outcomes[q.prev]! }));
}

/**
 * The Pareto frontier of the feasible packages of a compiled domain.
 * Exact (issue-by-issue merging) for 2 and 3 parties, and beyond while it stays under `maxPoints`;
 * otherwise a bounded representative set (`exact: false`, `size` = number of packages in the set).
 */
export function paretoFrontier(c: CompiledDomain, opts: FrontierOptions = {}): Frontier {
  const P = c.nParties;
  const maxPoints = opts.maxPoints ?? (P <= 3 ? 300_000 : 20_000);
  try {
    const points = mergeFrontier(c, maxPoints);
    const size = points.reduce((s, q) => s + q.count, 0);
    return {
      exact: true,
      method: 'merge',
      points,
      size,
      note: `exact Pareto frontier of the feasible packages: ${points.length} utility point${points.length === 1 ? '' : 's'}, ${size} package${size === 1 ? '' : 's'}`,
    };
  } catch (e) {
    if (!(e instanceof TooBig)) throw e;
  }
  const points = representative(c, opts.samples ?? 400, opts.include ?? []);
  return {
    exact: false,
    method: 'representative',
    points,
    size: points.length,
    note: `the exact frontier exceeds ${maxPoints} points; showing ${points.length} representative Pareto-optimal packages (weighted-sum optima), not the whole frontier`,
  };
}
