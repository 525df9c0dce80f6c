/**
 * Brute-force reference answers by enumerating every outcome. Exponential: meant for tests and for
 * the benchmark's side-by-side comparison on small domains, never for users' domains.
 * Definitions are those of ./solve.ts, written out directly over the enumerated outcomes.
 */
import { FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain, type Domain } from './domain.js';
import { lcm, rationalOf, reduce, type Rational } from './exact.js';
import { forEachTuple } from './odometer.js';

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
  /**
   * Distinct non-dominated utility vectors among feasible outcomes, with how many outcomes reach each,
   * decided in exact rational arithmetic ({@link exactFrontierByEnumeration}).
   */
  frontier: { u: Float64Array; count: number; key: string }[];
}

/** Visit every outcome (odometer order), calling `f` with the option indices and utilities. */
export function enumerateOutcomes(c: CompiledDomain, f: (o: number[], u: Float64Array) => void): void {
  forEachTuple(
    c.contrib.map((os) => os.length),
    (o) => f(o as number[], utilitiesOf(c, o as number[])),
  );
}

/** One point of {@link exactFrontierByEnumeration}. */
export interface ExactFrontierPoint {
  /** Exact utilities 0–100 per party, reduced fractions `n/d`, joined by `,` (a key equal vectors share). */
  key: string;
  /** Outcomes reaching this vector. */
  count: number;
  /** The first outcome (odometer order) reaching it. */
  outcome: number[];
}

/**
 * The feasible Pareto frontier by enumerating every outcome in exact rational arithmetic, written
 * independently of ./pareto.ts for tests: each weight, value and reservation is read as a rational
 * ({@link rationalOf}), each party's utility Σ_i (w_i / W)·v_i is summed as a fraction over one common
 * denominator (the lcm of every term's denominator), red lines and reservations are checked exactly,
 * and dominance is decided on the resulting integers. Exponential: small domains only.
 */
export function exactFrontierByEnumeration(d: Domain): ExactFrontierPoint[] {
  const P = d.profiles.length;
  // terms[i][o][p] as a rational; D[p] the common denominator; T[i][o][p] = term · D[p] (an integer).
  const terms: Rational[][][] = d.issues.map((iss) => iss.options.map(() => []));
  const D: bigint[] = [];
  const R: Rational[] = [];
  d.profiles.forEach((prof, p) => {
    const ws = d.issues.map((iss) => rationalOf(prof.weights[iss.id] ?? 0));
    const W = ws.reduce((a, b) => reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d }), { n: 0n, d: 1n });
    let Dp = 1n;
    d.issues.forEach((iss, i) => {
      iss.options.forEach((o, j) => {
        const v = ws[i]!.n === 0n ? { n: 0n, d: 1n } : rationalOf(prof.values[iss.id]?.[o.id] ?? 0);
        const t = reduce({ n: ws[i]!.n * v.n * W.d, d: ws[i]!.d * v.d * W.n });
        terms[i]![j]![p] = t;
        Dp = lcm(Dp, t.d);
      });
    });
    D.push(Dp);
    R.push(rationalOf(prof.reservation));
  });
  const T = terms.map((os) => os.map((ts) => ts.map((t, p) => (t.n * D[p]!) / t.d)));
  const red = d.issues.map((iss) => iss.options.map((o) => d.profiles.some((prof) => (prof.redLines[iss.id] ?? []).includes(o.id))));
  const sizes = d.issues.map((iss) => iss.options.length);
  const o = new Array<number>(sizes.length).fill(0);
  const byKey = new Map<string, { sums: bigint[]; count: number; outcome: number[] }>();
  for (;;) {
    if (!o.some((oi, i) => red[i]![oi])) {
      const sums = new Array<bigint>(P).fill(0n);
      o.forEach((oi, i) => T[i]![oi]!.forEach((t, p) => (sums[p]! += t)));
      // u_p = sums_p / D_p ≥ r_p = R.n / R.d
      if (sums.every((s, p) => s * R[p]!.d >= R[p]!.n * D[p]!)) {
        const key = sums.join(',');
        const e = byKey.get(key);
        if (e) e.count++;
        else byKey.set(key, { sums, count: 1, outcome: o.slice() });
      }
    }
    let k = 0;
    while (k < sizes.length) {
      o[k]!++;
      if (o[k]! < sizes[k]!) break;
      o[k] = 0;
      k++;
    }
    if (k === sizes.length) break;
  }
  // Lexicographic descending order is a linear extension of dominance (a dominator comes first), so
  // comparing each point with the points kept before it decides it (Sort-Filter-Skyline, pairwise).
  const pts = [...byKey.values()].sort((a, b) => {
    for (let p = 0; p < P; p++) if (a.sums[p] !== b.sums[p]) return a.sums[p]! > b.sums[p]! ? -1 : 1;
    return 0;
  });
  const kept: typeof pts = [];
  for (const a of pts) if (!kept.some((b) => b.sums.every((s, p) => s >= a.sums[p]!))) kept.push(a);
  return kept.map((q) => ({
    key: q.sums.map((s, p) => {
      const r = reduce({ n: s, d: D[p]! });
      return `${r.n}/${r.d}`;
    }).join(','),
    count: q.count,
    outcome: q.outcome,
  }));
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
  });
  const res: BruteResult = { outcomes, feasible, ideal: null, egalitarian: null, utilitarian: null, kalaiSmorodinsky: null, nash: null, frontier: [] };
  if (!feasible) return res;
  res.ideal = M;
  res.egalitarian = egal;
  res.utilitarian = util;
  res.frontier = exactFrontierByEnumeration(c.domain).map((q) => ({ u: utilitiesOf(c, q.outcome), count: q.count, key: q.key }));
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
