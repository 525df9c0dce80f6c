/**
 * Measures of a negotiation domain and of any given package, beside the four solution concepts.
 *
 * Domain measures (utilities 0–100 internally; reported on the domain's scale where they are utilities):
 * - **Opposition level** (NegMAS `opposition_level`): the smallest Euclidean distance, over feasible
 *   packages, between the vector of utilities each divided by that party's best possible utility
 *   (over all packages) and the utopia point (1, …, 1). 0 when one package is best for everyone;
 *   larger when parties pull apart. The minimiser is Pareto-optimal (the distance falls as any utility
 *   rises), so it is taken over the exact frontier; over a representative set it is an upper bound.
 * - **Conflict level** (NegMAS `conflict_level`, for each pair of parties): among pairs of packages that
 *   are not tied for both parties, the share the two parties rank in opposite order. 1 for a zero-sum
 *   pair, 0 when they never disagree. Accord counts every pair of packages exactly (all packages, as
 *   NegMAS does, by inversion counting on exact utilities, O(n log n)) up to {@link CONFLICT_EXACT_LIMIT}
 *   packages; beyond, it samples pairs with the seeded generator and states the sample and its
 *   standard error. (NegMAS tests at most 10,000 pairs of one random permutation.)
 * - **Win-win level** (for each pair of parties): among the same pairs, the share both parties rank in
 *   the same strict order — how often a move that helps one helps the other. Pairs where exactly one
 *   party is indifferent count for neither level, so conflict + win-win ≤ 1. (NegMAS's `winwin_level`
 *   is a different quantity — a mean of signed utility differences over consecutive packages of a
 *   random permutation — and is not reproduced.)
 * - **Relative welfare**: the feasible package maximising Σ_p (u_p − r_p)/(M_p − r_p), the sum of
 *   normalised gains (r the disagreement point, M the ideal point), solved exactly by ./optimise.ts.
 *   NegMAS's `max_relative_welfare_points` searches its frontier for the largest Σ_p (u_p − min_p)/
 *   (max_p − max(r_p, min_p)), min_p/max_p being the party's utility range; Accord measures gains from
 *   the disagreement point, like the other concepts.
 * - **Convex hull of the frontier** (NegMAS `pareto_frontier_convex_hull`): frontier points that are
 *   vertices of the upper-right convex hull, i.e. the unique maximisers of some strictly positive
 *   weighted sum of utilities ("supported" points; every mixture of packages lies below the hull).
 *   For 2 parties by Andrew's monotone chain on the exact integers (a cross product's sign does not
 *   change when each axis is scaled by a positive constant); for more, one HiGHS LP per point
 *   (float, 1e-9), for frontiers up to {@link HULL_LP_LIMIT} points.
 *
 * Package measures ({@link assessPackage}): feasibility (red lines crossed, reservations missed),
 * whether the package is Pareto-optimal (exact on an exact frontier; else by optimisation) with the
 * largest gain every party could have at once (max_t: u_p ≥ x_p + t for all p) and the largest total
 * gain (max Σu with nobody worse off), the Euclidean distance to the nearest frontier point (NegMAS's
 * `pareto_dist`), and the distance to the Nash package with the ratio of the Nash products.
 */
import { AccordError } from '../model/errors.js';
import { FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain } from './domain.js';
import type { Spec } from './criteria.js';
import { compileExact, exactSums, meetsReservation, type ExactDomain } from './exact.js';
import { getHighs, solveLinear, type LinearModel } from './highs.js';
import { forEachTuple } from './odometer.js';
import { optimise } from './optimise.js';
import type { Frontier } from './pareto.js';
import { rng } from './random.js';
import { buildSpace } from './space.js';

/** Packages up to which the conflict level counts every pair exactly. */
export const CONFLICT_EXACT_LIMIT = 2_000_000;
/** Pairs sampled for the conflict level past that. */
export const CONFLICT_SAMPLE = 200_000;
/** Largest frontier whose convex-hull vertices are found by LP for 3+ parties. */
export const HULL_LP_LIMIT = 400;

/** Conflict level of one pair of parties. */
export interface PairConflict {
  a: string;
  b: string;
  /** Share of non-tied package pairs the two rank oppositely, 0–1. */
  level: number;
  /** Share of those pairs the two rank in the same strict order, 0–1. */
  winWin: number;
  /** True when every pair of packages was counted. */
  exact: boolean;
  /** Package pairs counted (or sampled). */
  pairs: number;
  /** Standard error of a sampled level; 0 when exact. */
  standardError: number;
}

/** The domain measures of {@link domainMeasures}. */
export interface DomainMeasures {
  opposition: { level: number; exact: boolean; outcome: number[] } | null;
  conflict: PairConflict[];
  /** Mean of the pairwise conflict levels. */
  conflictMean: number;
  /** Mean of the pairwise win-win levels. */
  winWinMean: number;
  relativeWelfare: { value: number; outcome: number[]; u: Float64Array } | null;
  hull: { vertices: number[]; exact: boolean; note: string } | null;
}

/** Best possible utility of each party over all packages, red lines ignored (0–100). */
function bestPossible(c: CompiledDomain): Float64Array {
  const M = new Float64Array(c.nParties);
  for (const os of c.contrib) for (let p = 0; p < c.nParties; p++) M[p]! += Math.max(...os.map((v) => v[p]!));
  return M;
}

/** Opposition level over a frontier (see the module comment). */
export function oppositionLevel(c: CompiledDomain, f: Frontier): DomainMeasures['opposition'] {
  if (!f.points.length) return null;
  const M = bestPossible(c);
  let best = Infinity;
  let arg = f.points[0]!.outcome;
  for (const q of f.points) {
    let s = 0;
    for (let p = 0; p < c.nParties; p++) s += M[p]! > 0 ? (1 - q.u[p]! / M[p]!) ** 2 : 1;
    if (s < best) {
      best = s;
      arg = q.outcome;
    }
  }
  return { level: Math.sqrt(best), exact: f.exact, outcome: arg };
}

/** Dense ranks of BigInt values (equal values, equal ranks). */
function ranks(v: bigint[]): Int32Array {
  const idx = v.map((_, k) => k).sort((a, b) => (v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : 0));
  const r = new Int32Array(v.length);
  let k = 0;
  idx.forEach((j, t) => {
    if (t > 0 && v[j] !== v[idx[t - 1]!]) k++;
    r[j] = k;
  });
  return r;
}

/** Pair counts of two rankings: tied in a, tied in b, tied in both, opposite (discordant) and same strict order (concordant). */
function discordance(a: Int32Array, b: Int32Array): { discordant: number; concordant: number; tiedBoth: number } {
  const n = a.length;
  const idx = Array.from({ length: n }, (_, k) => k).sort((x, y) => a[x]! - a[y]! || b[x]! - b[y]!);
  let maxB = 0;
  for (let k = 0; k < n; k++) if (b[k]! > maxB) maxB = b[k]!;
  const tree = new Float64Array(maxB + 2);
  const addT = (i: number) => {
    for (i++; i < tree.length; i += i & -i) tree[i]!++;
  };
  const prefix = (i: number) => {
    let s = 0;
    for (i++; i > 0; i -= i & -i) s += tree[i]!;
    return s;
  };
  let discordant = 0;
  let tiedBoth = 0;
  let tiedA = 0;
  let seen = 0;
  for (let g = 0; g < n; ) {
    let h = g;
    while (h < n && a[idx[h]!] === a[idx[g]!]) h++;
    // Elements before the group have a strictly smaller a: discordant when their b is larger.
    for (let t = g; t < h; t++) discordant += seen - prefix(b[idx[t]!]!);
    // Pairs tied in both within the group.
    for (let t = g; t < h; ) {
      let u = t;
      while (u < h && b[idx[u]!] === b[idx[t]!]) u++;
      tiedBoth += ((u - t) * (u - t - 1)) / 2;
      t = u;
    }
    for (let t = g; t < h; t++) addT(b[idx[t]!]!);
    tiedA += ((h - g) * (h - g - 1)) / 2;
    seen += h - g;
    g = h;
  }
  const tiedB = tiedPairs(b);
  const pairs = (n * (n - 1)) / 2;
  return { discordant, concordant: pairs - discordant - tiedA - tiedB + tiedBoth, tiedBoth };
}

/** Pairs of equal values in an array of ranks. */
function tiedPairs(r: Int32Array): number {
  const freq = new Map<number, number>();
  for (const v of r) freq.set(v, (freq.get(v) ?? 0) + 1);
  let t = 0;
  for (const f of freq.values()) t += (f * (f - 1)) / 2;
  return t;
}

/** Conflict level of every pair of parties (see the module comment). */
export function conflictLevels(c: CompiledDomain, x: ExactDomain = compileExact(c)): PairConflict[] {
  const P = c.nParties;
  const sizes = c.contrib.map((os) => os.length);
  const total = sizes.reduce((n, s) => n * s, 1);
  const out: PairConflict[] = [];
  if (total <= CONFLICT_EXACT_LIMIT) {
    const sums: bigint[][] = Array.from({ length: P }, () => []);
    forEachTuple(sizes, (o) => exactSums(x, o).forEach((s, p) => sums[p]!.push(s)));
    const r = sums.map(ranks);
    const pairs = (total * (total - 1)) / 2;
    for (let p = 0; p < P; p++) {
      for (let q = p + 1; q < P; q++) {
        const { discordant, concordant, tiedBoth } = discordance(r[p]!, r[q]!);
        const den = pairs - tiedBoth;
        out.push({ a: c.parties[p]!, b: c.parties[q]!, level: den > 0 ? discordant / den : 1, winWin: den > 0 ? concordant / den : 0, exact: true, pairs: den, standardError: 0 });
      }
    }
    return out;
  }
  const rand = rng(2024);
  const pick = () => sizes.map((s) => Math.floor(rand() * s));
  const counts = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  const same = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  const valid = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  for (let t = 0; t < CONFLICT_SAMPLE; t++) {
    const u = exactSums(x, pick());
    const v = exactSums(x, pick());
    for (let p = 0; p < P; p++) {
      for (let q = p + 1; q < P; q++) {
        const dp = u[p]! - v[p]!;
        const dq = u[q]! - v[q]!;
        if (dp === 0n && dq === 0n) continue;
        valid[p]![q]!++;
        if ((dp > 0n && dq < 0n) || (dp < 0n && dq > 0n)) counts[p]![q]!++;
        else if ((dp > 0n && dq > 0n) || (dp < 0n && dq < 0n)) same[p]![q]!++;
      }
    }
  }
  for (let p = 0; p < P; p++) {
    for (let q = p + 1; q < P; q++) {
      const n = valid[p]![q]!;
      const level = n ? counts[p]![q]! / n : 1;
      out.push({ a: c.parties[p]!, b: c.parties[q]!, level, winWin: n ? same[p]![q]! / n : 0, exact: false, pairs: n, standardError: n ? Math.sqrt((level * (1 - level)) / n) : 0 });
    }
  }
  return out;
}

/** Ideal point over feasible packages (0–100): each party's best, by ./optimise.ts. */
async function ideal(c: CompiledDomain): Promise<Float64Array | null> {
  const s = buildSpace(c);
  const P = c.nParties;
  const M = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const o = await optimise(s, { kind: 'min', pieces: [{ a: Float64Array.from({ length: P }, (_, q) => (q === p ? 1 : 0)), b: 0 }], reservations: true, tieBreakSum: false });
    if (!o) return null;
    M[p] = o.u[p]!;
  }
  return M;
}

/** The relative-welfare package (see the module comment), or null when nothing is feasible. */
export async function relativeWelfare(c: CompiledDomain, M?: Float64Array | null): Promise<DomainMeasures['relativeWelfare']> {
  const I = M ?? (await ideal(c));
  if (!I) return null;
  const P = c.nParties;
  const r = c.reservation;
  const a = new Float64Array(P);
  let b = 0;
  for (let p = 0; p < P; p++) {
    const range = I[p]! - r[p]!;
    if (range > FEASIBILITY_TOLERANCE) {
      a[p] = 1 / range;
      b -= r[p]! / range;
    }
  }
  const o = await optimise(buildSpace(c), { kind: 'min', pieces: [{ a, b }], reservations: true, tieBreakSum: true });
  return o ? { value: o.value, outcome: o.outcome, u: o.u } : null;
}

/** Indices (into `f.points`) of the frontier's convex-hull vertices (see the module comment). */
export async function hullVertices(c: CompiledDomain, f: Frontier): Promise<DomainMeasures['hull']> {
  const pts = f.points;
  if (!pts.length) return null;
  const P = c.nParties;
  const what = f.exact ? 'of the exact frontier' : 'of the representative set';
  if (P === 2) {
    const x = compileExact(c);
    const S = pts.map((q) => exactSums(x, q.outcome));
    // u0 ascending (so u1 descending on a frontier); upper hull, strict vertices only.
    const order = pts.map((_, k) => k).sort((i, j) => (S[i]![0]! < S[j]![0]! ? -1 : S[i]![0]! > S[j]![0]! ? 1 : 0));
    const hull: number[] = [];
    const cross = (o: number, a: number, b: number) => (S[a]![0]! - S[o]![0]!) * (S[b]![1]! - S[o]![1]!) - (S[a]![1]! - S[o]![1]!) * (S[b]![0]! - S[o]![0]!);
    for (const k of order) {
      while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, k) >= 0n) hull.pop();
      hull.push(k);
    }
    return { vertices: hull, exact: f.exact, note: `${hull.length} of ${pts.length} points ${what} are vertices of its convex hull (exact arithmetic)` };
  }
  if (pts.length > HULL_LP_LIMIT) return { vertices: [], exact: false, note: `convex hull not computed: ${pts.length} points is over the LP limit of ${HULL_LP_LIMIT} for ${P} parties` };
  const h = await getHighs();
  const scale = Math.max(1, ...pts.flatMap((q) => Array.from(q.u)));
  const vertices: number[] = [];
  pts.forEach((q, k) => {
    // max t s.t. w·(u_q − u_v) ≥ t for every other v, Σw = 1, w ≥ 1e-6: a vertex when t > 1e-9.
    const m: LinearModel = { sense: 'max', cols: [], rows: [] };
    for (let p = 0; p < P; p++) m.cols.push({ lower: 1e-6, upper: 1, cost: 0 });
    m.cols.push({ lower: -Infinity, upper: Infinity, cost: 1 });
    m.rows.push({ lower: 1, upper: 1, idx: Array.from({ length: P }, (_, p) => p), val: new Array(P).fill(1) });
    pts.forEach((v, j) => {
      if (j === k) return;
      m.rows.push({ lower: 0, upper: Infinity, idx: [...Array.from({ length: P }, (_, p) => p), P], val: [...Array.from({ length: P }, (_, p) => (q.u[p]! - v.u[p]!) / scale), -1] });
    });
    const res = solveLinear(h, m);
    if (res.status === 'optimal' && res.objective > 1e-9) vertices.push(k);
  });
  return { vertices, exact: false, note: `${vertices.length} of ${pts.length} points ${what} are vertices of its convex hull (one LP per point, floating point)` };
}

/** All domain measures; `f` is the frontier already computed. */
export async function domainMeasures(c: CompiledDomain, f: Frontier, M?: Float64Array | null): Promise<DomainMeasures> {
  const conflict = conflictLevels(c);
  return {
    opposition: oppositionLevel(c, f),
    conflict,
    conflictMean: conflict.length ? conflict.reduce((s, x) => s + x.level, 0) / conflict.length : 0,
    winWinMean: conflict.length ? conflict.reduce((s, x) => s + x.winWin, 0) / conflict.length : 0,
    relativeWelfare: await relativeWelfare(c, M),
    hull: await hullVertices(c, f),
  };
}

/** How a given package stands (utilities 0–100; see the module comment). */
export interface PackageAssessment {
  outcome: number[];
  u: Float64Array;
  /** Red lines the package crosses: party index and issue index. */
  redLinesCrossed: { party: number; issue: number }[];
  /** Parties below their reservation value (exact). */
  belowReservation: number[];
  feasible: boolean;
  /** Null when the package is infeasible (Pareto-optimality is among feasible packages). */
  pareto: {
    optimal: boolean;
    /** How it was decided: membership of the exact frontier, or exact optimisation with a 1e-6 slack. */
    by: 'exact-frontier' | 'optimisation';
    /** Largest t such that a feasible package gives every party at least t more (0 when optimal). */
    commonGain: number;
    commonGainOutcome: number[] | null;
    /** Largest Σu gain with nobody worse off (0 when optimal). */
    totalGain: number;
    totalGainOutcome: number[] | null;
    /** Euclidean distance to the nearest point of the frontier (an upper bound on a representative set). */
    distance: number | null;
  } | null;
  nash: { distance: number; issuesDiffering: number; productRatio: number } | null;
}

/**
 * Assess one package (an option index per issue) against the frontier and the Nash package.
 * @param nash the Nash package's outcome and utilities (0–100), or null when there is none
 * @throws AccordError `invalid_input` when the outcome does not fit the domain
 */
export async function assessPackage(c: CompiledDomain, outcome: number[], f: Frontier | null, nash: { outcome: number[]; u: Float64Array } | null): Promise<PackageAssessment> {
  if (outcome.length !== c.nIssues || outcome.some((o, i) => !Number.isInteger(o) || o < 0 || o >= c.contrib[i]!.length)) {
    throw new AccordError('invalid_input', 'the package must pick one option of every issue', { field: 'package' });
  }
  const P = c.nParties;
  const x = compileExact(c);
  const u = utilitiesOf(c, outcome);
  const sums = exactSums(x, outcome);
  const redLinesCrossed: { party: number; issue: number }[] = [];
  outcome.forEach((o, i) => {
    for (const p of c.redLine[i]![o]!) redLinesCrossed.push({ party: p, issue: i });
  });
  const belowReservation: number[] = [];
  for (let p = 0; p < P; p++) if (!meetsReservation(x, p, sums[p]!)) belowReservation.push(p);
  const feasible = redLinesCrossed.length === 0 && belowReservation.length === 0;
  let pareto: PackageAssessment['pareto'] = null;
  if (feasible) {
    // Feasible packages no worse for anyone than this one: raise each reservation to u_p.
    const up: CompiledDomain = { ...c, reservation: Float64Array.from(u, (v, p) => Math.max(v, c.reservation[p]!)) };
    const s = buildSpace(up);
    const common: Spec = { kind: 'min', pieces: Array.from({ length: P }, (_, p) => ({ a: Float64Array.from({ length: P }, (_, q) => (q === p ? 1 : 0)), b: -u[p]! })), reservations: true, tieBreakSum: true };
    const cg = await optimise(s, common);
    const total: Spec = { kind: 'min', pieces: [{ a: new Float64Array(P).fill(1), b: -u.reduce((a, b) => a + b, 0) }], reservations: true, tieBreakSum: false };
    const tg = await optimise(s, total);
    const dominatedExactly = (o: number[] | undefined) => {
      if (!o) return false;
      const t = exactSums(x, o);
      return t.every((v, p) => v >= sums[p]!) && t.some((v, p) => v > sums[p]!);
    };
    let optimal: boolean;
    let by: 'exact-frontier' | 'optimisation';
    if (f?.exact) {
      const key = sums.join(',');
      optimal = f.points.some((q) => exactSums(x, q.outcome).join(',') === key);
      by = 'exact-frontier';
    } else {
      optimal = !dominatedExactly(tg?.outcome) && !dominatedExactly(cg?.outcome);
      by = 'optimisation';
    }
    let distance: number | null = null;
    if (f && f.points.length) {
      distance = Infinity;
      for (const q of f.points) {
        let d2 = 0;
        for (let p = 0; p < P; p++) d2 += (q.u[p]! - u[p]!) ** 2;
        distance = Math.min(distance, Math.sqrt(d2));
      }
      if (optimal && f.exact) distance = 0;
    }
    pareto = {
      optimal,
      by,
      commonGain: optimal || !cg ? 0 : Math.max(0, cg.value),
      commonGainOutcome: optimal || !cg || cg.value <= 0 ? null : cg.outcome,
      totalGain: optimal || !tg ? 0 : Math.max(0, tg.value),
      totalGainOutcome: optimal || !tg || tg.value <= FEASIBILITY_TOLERANCE ? null : tg.outcome,
      distance,
    };
  }
  let nashOut: PackageAssessment['nash'] = null;
  if (nash) {
    let d2 = 0;
    let ratio = 1;
    for (let p = 0; p < P; p++) {
      d2 += (nash.u[p]! - u[p]!) ** 2;
      const gn = nash.u[p]! - c.reservation[p]!;
      if (gn > FEASIBILITY_TOLERANCE) ratio *= Math.max(0, u[p]! - c.reservation[p]!) / gn;
    }
    nashOut = { distance: Math.sqrt(d2), issuesDiffering: outcome.filter((o, i) => o !== nash.outcome[i]).length, productRatio: ratio };
  }
  return { outcome, u, redLinesCrossed, belowReservation, feasible, pareto, nash: nashOut };
}

/** Utilities by party name on the reporting scale (`k` = 0.01 for a 0–1 domain, else 1). */
function byName(c: CompiledDomain, u: ArrayLike<number>, k: number): Record<string, number> {
  return Object.fromEntries(c.names.map((n, p) => [n, u[p]! * k]));
}

/** issue id → option id of an outcome. */
function outcomeRecord(c: CompiledDomain, o: number[]): Record<string, string> {
  return Object.fromEntries(c.domain.issues.map((iss, i) => [iss.id, iss.options[o[i]!]!.id]));
}

/**
 * {@link DomainMeasures} as reported by `accord solve --json` (`details.measures`): outcomes as issue
 * id → option id, utilities by party name on the domain's reporting scale, hull vertices as utilities.
 */
export function reportMeasures(c: CompiledDomain, m: DomainMeasures, f: Frontier) {
  const k = c.domain.scale === 1 ? 0.01 : 1;
  return {
    opposition: m.opposition ? { level: m.opposition.level, exact: m.opposition.exact, outcome: outcomeRecord(c, m.opposition.outcome) } : null,
    conflict: m.conflict.map((x) => ({ ...x, a: c.names[c.parties.indexOf(x.a)] ?? x.a, b: c.names[c.parties.indexOf(x.b)] ?? x.b })),
    conflictMean: m.conflictMean,
    winWinMean: m.winWinMean,
    relativeWelfare: m.relativeWelfare ? { value: m.relativeWelfare.value, utilities: byName(c, m.relativeWelfare.u, k), outcome: outcomeRecord(c, m.relativeWelfare.outcome) } : null,
    hull: m.hull ? { exact: m.hull.exact, note: m.hull.note, vertices: m.hull.vertices.map((v) => byName(c, f.points[v]!.u, k)) } : null,
  };
}

/** A {@link PackageAssessment} as reported by `accord solve --package --json` (`details.package`). */
export function reportAssessment(c: CompiledDomain, a: PackageAssessment) {
  const k = c.domain.scale === 1 ? 0.01 : 1;
  const iss = (i: number) => c.domain.issues[i]!;
  return {
    outcome: outcomeRecord(c, a.outcome),
    utilities: byName(c, a.u, k),
    feasible: a.feasible,
    redLinesCrossed: a.redLinesCrossed.map((r) => ({ party: c.names[r.party]!, issue: iss(r.issue).id, option: iss(r.issue).options[a.outcome[r.issue]!]!.id })),
    belowReservation: a.belowReservation.map((p) => c.names[p]!),
    pareto: a.pareto
      ? {
          optimal: a.pareto.optimal,
          by: a.pareto.by,
          commonGain: a.pareto.commonGain * k,
          commonGainOutcome: a.pareto.commonGainOutcome ? outcomeRecord(c, a.pareto.commonGainOutcome) : null,
          totalGain: a.pareto.totalGain * k,
          totalGainOutcome: a.pareto.totalGainOutcome ? outcomeRecord(c, a.pareto.totalGainOutcome) : null,
          distance: a.pareto.distance === null ? null : a.pareto.distance * k,
        }
      : null,
    nash: a.nash ? { distance: a.nash.distance * k, issuesDiffering: a.nash.issuesDiffering, productRatio: a.nash.productRatio } : null,
  };
}
