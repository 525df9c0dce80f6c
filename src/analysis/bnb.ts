/**
 * Exact depth-first branch and bound over the issues of a {@link Space}: positions with one candidate
 * are fixed, the rest searched biggest stakes first (by the spread of the main bound's λ-weighted
 * scores), children in decreasing λ-weighted score; a node is pruned when a party cannot reach its
 * reservation even with its best remaining options, or when every linear upper bound (./bounds.ts)
 * falls below the incumbent (or equals it and the utility sum cannot improve, with the sum
 * tie-break). Leaves are evaluated exactly with the criterion.
 */
import { FEASIBILITY_TOLERANCE, utilitiesOf } from './domain.js';
import { suffixMax, type LinBound } from './bounds.js';
import { better, primaryOf, sumOf, type Optimum, type Spec } from './criteria.js';
import type { Cand, Space } from './space.js';

const FEAS_TOL = FEASIBILITY_TOLERANCE;

/** Thrown when the search passes its node budget (the caller then falls back to MILP). */
export class BudgetExceeded extends Error {}

export interface BnbOptions {
  budget: number;
  initial?: number[][];
}

/** Exact depth-first branch and bound (see the module comment). Throws BudgetExceeded past `budget` nodes. */
export function branchAndBound(s: Space, spec: Spec, bounds: LinBound[], opts: BnbOptions): Optimum | null {
  const P = s.P;
  const n = s.cands.length;
  const r = s.c.reservation;
  const main = bounds[0]!;
  const score = (cd: Cand, lam: Float64Array) => {
    let t = 0;
    for (let p = 0; p < P; p++) t += lam[p]! * cd.v[p]!;
    return t;
  };
  // Positions with one candidate are fixed into the base vector; the rest are searched, biggest stakes first.
  const base = new Float64Array(P);
  const fixed: number[] = new Array(s.c.nIssues).fill(-1);
  const free: number[] = [];
  for (let j = 0; j < n; j++) {
    if (s.cands[j]!.length === 1) {
      const cd = s.cands[j]![0]!;
      fixed[s.issues[j]!] = cd.o;
      for (let p = 0; p < P; p++) base[p]! += cd.v[p]!;
    } else free.push(j);
  }
  const spread = (j: number) => {
    const sc = s.cands[j]!.map((cd) => score(cd, main.lam));
    return Math.max(...sc) - Math.min(...sc);
  };
  const order = free.sort((a, b) => spread(b) - spread(a));
  const childOrder = order.map((j) => [...s.cands[j]!].sort((a, b) => score(b, main.lam) - score(a, main.lam)));
  const N = order.length;
  // For suffix sums the base vector is folded into c.
  const bs = bounds.map((b) => ({ c: b.c + score({ o: -1, v: base }, b.lam), lam: b.lam, suf: suffixMax(s, order, b.lam) }));
  const sufBest: Float64Array[] = [];
  if (spec.reservations) for (let p = 0; p < P; p++) sufBest.push(suffixMax(s, order, Float64Array.from({ length: P }, (_, q) => (q === p ? 1 : 0))));
  const ones = new Float64Array(P).fill(1);
  const sufSum = suffixMax(s, order, ones);
  const baseSum = sumOf(base);

  let incVal = -Infinity;
  let incSum = -Infinity;
  let incOutcome: number[] | null = null;
  let incU: Float64Array | null = null;
  const consider = (outcome: number[]) => {
    const u = utilitiesOf(s.c, outcome);
    const v = primaryOf(spec, u, r);
    const sm = sumOf(u);
    if (better(spec, v, sm, incVal, incSum)) {
      incVal = v;
      incSum = sm;
      incOutcome = outcome.slice();
      incU = u;
    }
  };
  for (const init of opts.initial ?? []) {
    // An initial outcome is usable only if it respects this space's options.
    const ok = s.ignoreRedLines || init.every((o, i) => s.c.redLine[i]![o]!.length === 0);
    if (ok && s.blocked.length === 0) consider(init);
  }

  const A = new Float64Array(P);
  const choice: number[] = fixed.slice();
  let nodes = 0;
  const budget = opts.budget;
  const tieBreak = spec.tieBreakSum;

  const prune = (d: number): boolean => {
    if (spec.reservations) {
      for (let p = 0; p < P; p++) if (base[p]! + A[p]! + sufBest[p]![d]! < r[p]! - FEAS_TOL) return true;
    }
    if (incVal === -Infinity) return false;
    let ub = Infinity;
    for (const b of bs) {
      let t = b.c + b.suf[d]!;
      for (let p = 0; p < P; p++) t += b.lam[p]! * A[p]!;
      if (t < ub) ub = t;
    }
    const tol = 1e-9 * Math.max(1, Math.abs(incVal));
    if (ub < incVal - tol) return true;
    if (ub > incVal + tol) return false;
    if (!tieBreak) return true;
    let sm = baseSum + sufSum[d]!;
    for (let p = 0; p < P; p++) sm += A[p]!;
    return sm <= incSum + 1e-9 * Math.max(1, Math.abs(incSum));
  };

  const dfs = (d: number): void => {
    if (++nodes > budget) throw new BudgetExceeded();
    if (d === N) {
      consider(choice);
      return;
    }
    const i = s.issues[order[d]!]!;
    for (const cd of childOrder[d]!) {
      for (let p = 0; p < P; p++) A[p]! += cd.v[p]!;
      choice[i] = cd.o;
      if (!prune(d + 1)) dfs(d + 1);
      for (let p = 0; p < P; p++) A[p]! -= cd.v[p]!;
    }
  };
  if (!prune(0)) dfs(0);
  if (!incOutcome) return null;
  return { outcome: incOutcome, u: incU!, value: incVal, engine: 'bnb', nodes };
}
