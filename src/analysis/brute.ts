/**
 * Brute-force reference answers by enumerating every outcome. Exponential: meant for tests and for
 * the benchmark's side-by-side comparison on small domains, never for users' domains.
 * Definitions are those of ./solve.ts, written out directly over the enumerated outcomes.
 */
import { FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain } from './domain.js';

/** Brute-force optima (0–100 scale; Nash as Σ log gains over the parties that can gain). */
export interface BruteResult {
  /** Outcomes enumerated (all, red-lined included). */
  outcomes: number;
  /** Feasible outcomes (no red line crossed, every party at or above its reservation). */
  feasible: number;
  ideal: Float64Array | null;
  egalitarian: number | null;
  utilitarian: number | null;
  kalaiSmorodinsky: number | null;
  nash: number | null;
  /** Distinct non-dominated utility vectors among feasible outcomes, with how many outcomes reach each. */
  frontier: { u: Float64Array; count: number }[];
}

/** Visit every outcome (odometer order), calling `f` with the option indices and utilities. */
export function enumerateOutcomes(c: CompiledDomain, f: (o: number[], u: Float64Array) => void): void {
  const sizes = c.contrib.map((os) => os.length);
  const o = new Array<number>(sizes.length).fill(0);
  for (;;) {
    f(o, utilitiesOf(c, o));
    let k = 0;
    while (k < sizes.length) {
      o[k]!++;
      if (o[k]! < sizes[k]!) break;
      o[k] = 0;
      k++;
    }
    if (k === sizes.length) return;
  }
}

/** a dominates b: no worse for anyone, better for someone (utilities are exact: see quantise()). */
function dominates(a: Float64Array, b: Float64Array): boolean {
  let strict = false;
  for (let p = 0; p < a.length; p++) {
    if (a[p]! < b[p]!) return false;
    if (a[p]! > b[p]!) strict = true;
  }
  return strict;
}

function equal(a: Float64Array, b: Float64Array, eps: number): boolean {
  for (let p = 0; p < a.length; p++) if (Math.abs(a[p]! - b[p]!) > eps) return false;
  return true;
}

/**
 * Enumerate a domain and compute every concept's optimal value and the feasible Pareto frontier.
 * Streams the outcomes twice (the ideal point first, then the criteria that need it), keeping only the
 * running frontier in memory.
 */
export function bruteForce(c: CompiledDomain): BruteResult {
  const P = c.nParties;
  const r = c.reservation;
  const feasibleOutcome = (o: number[], u: Float64Array) => {
    for (let i = 0; i < o.length; i++) if (c.redLine[i]![o[i]!]!.length) return false;
    for (let p = 0; p < P; p++) if (u[p]! < r[p]! - FEASIBILITY_TOLERANCE) return false;
    return true;
  };
  let outcomes = 0;
  let feasible = 0;
  const M = new Float64Array(P).fill(-Infinity);
  let egal = -Infinity;
  let util = -Infinity;
  let front: { u: Float64Array; count: number }[] = [];
  enumerateOutcomes(c, (o, u) => {
    outcomes++;
    if (!feasibleOutcome(o, u)) return;
    feasible++;
    let mn = Infinity;
    let sm = 0;
    for (let p = 0; p < P; p++) {
      if (u[p]! > M[p]!) M[p] = u[p]!;
      mn = Math.min(mn, u[p]! - r[p]!);
      sm += u[p]!;
    }
    egal = Math.max(egal, mn);
    util = Math.max(util, sm);
    // Running non-dominated list, equal vectors merged with a count.
    for (const f of front) {
      if (equal(f.u, u, 0)) {
        f.count++;
        return;
      }
      if (dominates(f.u, u)) return;
    }
    front = front.filter((f) => !dominates(u, f.u));
    front.push({ u, count: 1 });
  });
  const res: BruteResult = { outcomes, feasible, ideal: null, egalitarian: null, utilitarian: null, kalaiSmorodinsky: null, nash: null, frontier: [] };
  if (!feasible) return res;
  res.ideal = M;
  res.egalitarian = egal;
  res.utilitarian = util;
  res.frontier = front;
  const S: number[] = [];
  for (let p = 0; p < P; p++) if (M[p]! - r[p]! > FEASIBILITY_TOLERANCE) S.push(p);
  let ks = -Infinity;
  let nash = -Infinity;
  enumerateOutcomes(c, (o, u) => {
    if (!feasibleOutcome(o, u)) return;
    let kmin = S.length ? Infinity : 0;
    let lg = 0;
    for (const p of S) {
      kmin = Math.min(kmin, (u[p]! - r[p]!) / (M[p]! - r[p]!));
      const g = u[p]! - r[p]!;
      lg = g > 0 && lg !== -Infinity ? lg + Math.log(g) : -Infinity;
    }
    ks = Math.max(ks, kmin);
    nash = Math.max(nash, lg);
  });
  res.kalaiSmorodinsky = ks;
  res.nash = nash === -Infinity ? null : nash;
  return res;
}
