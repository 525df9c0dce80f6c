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

/** Enumerate a domain and compute every concept's optimal value and the feasible Pareto frontier. */
export function bruteForce(c: CompiledDomain): BruteResult {
  const P = c.nParties;
  const r = c.reservation;
  const feas: Float64Array[] = [];
  let outcomes = 0;
  enumerateOutcomes(c, (o, u) => {
    outcomes++;
    for (let i = 0; i < o.length; i++) if (c.redLine[i]![o[i]!]!.length) return;
    for (let p = 0; p < P; p++) if (u[p]! < r[p]! - FEASIBILITY_TOLERANCE) return;
    feas.push(u);
  });
  const res: BruteResult = { outcomes, feasible: feas.length, ideal: null, egalitarian: null, utilitarian: null, kalaiSmorodinsky: null, nash: null, frontier: [] };
  if (!feas.length) return res;
  const M = new Float64Array(P).fill(-Infinity);
  for (const u of feas) for (let p = 0; p < P; p++) if (u[p]! > M[p]!) M[p] = u[p]!;
  res.ideal = M;
  let egal = -Infinity;
  let util = -Infinity;
  let ks = -Infinity;
  let nash = -Infinity;
  const S: number[] = [];
  for (let p = 0; p < P; p++) if (M[p]! - r[p]! > FEASIBILITY_TOLERANCE) S.push(p);
  for (const u of feas) {
    let mn = Infinity;
    let sm = 0;
    let kmin = Infinity;
    let lg = 0;
    for (let p = 0; p < P; p++) {
      mn = Math.min(mn, u[p]! - r[p]!);
      sm += u[p]!;
    }
    for (const p of S) {
      kmin = Math.min(kmin, (u[p]! - r[p]!) / (M[p]! - r[p]!));
      const g = u[p]! - r[p]!;
      lg = g > 0 && lg !== -Infinity ? lg + Math.log(g) : -Infinity;
    }
    if (!S.length) kmin = 0;
    egal = Math.max(egal, mn);
    util = Math.max(util, sm);
    ks = Math.max(ks, kmin);
    nash = Math.max(nash, lg);
  }
  res.egalitarian = egal;
  res.utilitarian = util;
  res.kalaiSmorodinsky = ks;
  res.nash = nash === -Infinity ? null : nash;
  // Frontier: keep a running non-dominated list (with multiplicities of equal vectors).
  let front: { u: Float64Array; count: number }[] = [];
  for (const u of feas) {
    let dominated = false;
    let merged = false;
    for (const f of front) {
      if (equal(f.u, u, 0)) {
        f.count++;
        merged = true;
        break;
      }
      if (dominates(f.u, u)) {
        dominated = true;
        break;
      }
    }
    if (dominated || merged) continue;
    front = front.filter((f) => !dominates(u, f.u));
    front.push({ u, count: 1 });
  }
  res.frontier = front;
  return res;
}
