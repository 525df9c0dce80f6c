/**
 * The Pareto frontier of a negotiation domain without enumerating its outcomes, decided in exact
 * arithmetic (./exact.ts).
 *
 * Utilities are additive over issues, so the set of utility vectors is the Minkowski sum of the
 * per-issue sets of option vectors, and the non-dominated part of a Minkowski sum only needs the
 * non-dominated parts of its terms: frontier(A ⊕ B) = frontier(frontier(A) ⊕ frontier(B)). Merging
 * issue by issue and pruning dominated points after each merge (multi-objective dynamic programming)
 * gives the exact frontier; the work grows with the frontiers' sizes, not with the number of outcomes.
 * Each merge is filtered by ./dominance.ts (a sweep for 2 and 3 parties, Sort-Filter-Skyline over a
 * k-d tree with ideal/nadir pruning beyond).
 *
 * Branch and bound over the issues: a partial package (the first k issues decided) is dropped as soon
 * as even the utopia point of its completions — its partial utilities plus each party's best on every
 * remaining issue — leaves some party below its reservation value. The frontier is that of the
 * *feasible* packages: red-lined options are left out before merging and infeasible partial packages
 * are cut this way (a feasible package dominated by anything is dominated by a feasible package, so
 * the answer is exact).
 *
 * Exactness. Every comparison is made on the integers of ./exact.ts (one or more 48-bit limbs per
 * party). With one limb the integers are the coordinates; with more, each merge maps every party's
 * values to their ranks (equal values, equal ranks) and filters the rank vectors, which has the same
 * dominance relation. Equal utility vectors reached by several outcomes are one point with a `count`.
 *
 * Two sizes are reported and they differ under ties: `distinct` counts distinct utility vectors (what
 * NegMAS's `pareto_frontier` returns, one entry per utility point); `outcomes` counts the packages
 * reaching them.
 *
 * When an intermediate frontier outgrows `maxPoints` (or a merge would examine more than
 * `maxCandidates` vectors), the merge stops at once — the filter of the merge that overflows stops
 * at its (maxPoints + 1)-th kept point, each kept point being final — and the answer says so: an exact upper bound on
 * the number of distinct frontier points (|F_k| · Π_{j>k} |T_j|, the last completed frontier times the
 * option vectors still to merge), a lower bound (the distinct points of a representative set, each
 * exactly Pareto-optimal: maximisers of strictly positive integer-weighted sums of utilities, computed
 * in exact arithmetic), and the set's coverage (the range of each party's utility it spans).
 */
import { utilitiesOf, type CompiledDomain } from './domain.js';
import { skyline } from './dominance.js';
import { addLimbs, cmpParty, compileExact, exactSums, LIMB_BITS, meetsReservations, type ExactDomain } from './exact.js';

const LIMB_BASE = 2 ** LIMB_BITS;
import { rng } from './random.js';

/** A point of the frontier: utilities 0–100, how many outcomes reach it, and one of them. */
export interface FrontierPoint {
  /** Utilities 0–100 of `outcome`, as the solvers compute them (floats; decisions were exact). */
  u: Float64Array;
  /** Outcomes reaching this utility vector exactly. */
  count: number;
  /** One outcome (option index per issue) reaching it. */
  outcome: number[];
}

/** Per-party utility range (0–100) spanned by a representative set. */
export interface CoverageRange {
  min: number;
  max: number;
}

/** A Pareto frontier and how it was obtained. */
export interface Frontier {
  /** True when `points` is the whole frontier. */
  exact: boolean;
  method: 'merge' | 'representative';
  points: FrontierPoint[];
  /**
   * Packages (outcomes) on the frontier when exact; the number of representative packages otherwise.
   * Kept for callers of the first version; prefer `outcomes` and `distinct`.
   */
  size: number;
  /** Distinct utility vectors: of the frontier when exact, of the representative set otherwise. */
  distinct: number;
  /** Packages on the frontier (Σ count) when exact; null otherwise. */
  outcomes: number | null;
  /** False when some count passed 2^53 and may be rounded. */
  countsExact: boolean;
  /** When not exact: bounds on the number of distinct utility points of the whole frontier. */
  bound: { atLeast: number; atMost: number } | null;
  /** When not exact: per party (profile order), the utility range the representative set spans. */
  coverage: CoverageRange[] | null;
  /** Issues merged before stopping (all of them when exact). */
  issuesMerged: number;
  /** Plain-words statement of what the set is. */
  note: string;
}

/** Options of {@link paretoFrontier}. */
export interface FrontierOptions {
  /** Largest intermediate frontier the exact merge may hold (default 50,000). */
  maxPoints?: number;
  /** Most candidate vectors one merge may examine (default 600,000). */
  maxCandidates?: number;
  /** Weight vectors tried for the representative set (default 400). */
  samples?: number;
  /** Extra packages (e.g. the solutions) to include in a representative set. */
  include?: number[][];
}

/** One option of an issue after removing red-lined options and options dominated on that issue. */
interface Term {
  o: number;
  /** Exact limbs, P·m. */
  x: Float64Array;
  count: number;
}

/** Exact limb vectors of one merge stage. */
interface Stage {
  n: number;
  /** n × P·m limbs. */
  x: Float64Array;
  count: Float64Array;
  prev: Int32Array;
  opt: Int32Array;
}

class TooBig extends Error {
  constructor(
    readonly merged: number,
    readonly last: Stage,
  ) {
    super('frontier too large');
  }
}

/**
 * Comparison coordinates of n limb vectors: the values themselves (one limb and at most 3 parties),
 * else per-party dense ranks (equal values, equal ranks; so the skyline's sums are exact small integers).
 * Ranks come from each value's binary64 rounding (Horner over the limbs, monotone in the exact value),
 * sorted natively; two exact values sharing one rounding are detected and that party is then ranked
 * with the exact comparator instead.
 */
function coordsOf(x: Float64Array, n: number, P: number, m: number): Float64Array {
  if (m === 1 && P <= 3) return x.subarray(0, n * P);
  const out = new Float64Array(n * P);
  const stride = P * m;
  const approx = new Float64Array(n);
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < n; k++) {
      let v = 0;
      const o = k * stride + p * m;
      for (let j = 0; j < m; j++) v = v * LIMB_BASE + x[o + j]!;
      approx[k] = v;
    }
    const sorted = approx.slice().sort();
    let u = 0;
    for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[u - 1]) sorted[u++] = sorted[k]!;
    const rep = new Int32Array(u).fill(-1);
    let collision = false;
    for (let k = 0; k < n; k++) {
      let lo = 0;
      let hi = u - 1;
      const v = approx[k]!;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      out[k * P + p] = lo;
      if (m === 1) continue; // one limb: the binary64 value is the exact integer
      if (rep[lo] === -1) rep[lo] = k;
      else if (!collision && cmpParty(x, k * stride, x, rep[lo]! * stride, p, m) !== 0) collision = true;
    }
    if (collision) {
      const idx = new Int32Array(n);
      for (let k = 0; k < n; k++) idx[k] = k;
      idx.sort((a, b) => cmpParty(x, a * stride, x, b * stride, p, m));
      let rank = 0;
      for (let k = 0; k < n; k++) {
        if (k > 0 && cmpParty(x, idx[k]! * stride, x, idx[k - 1]! * stride, p, m) !== 0) rank++;
        out[idx[k]! * P + p] = rank;
      }
    }
  }
  return out;
}

/**
 * Distinct rows of `coords` (equal rows merged, counts summed into the first), then the
 * non-dominated ones. Returns the kept row indices and their merged counts.
 */
function filterStage(coords: Float64Array, counts: Float64Array, n: number, P: number, limit = Infinity): { keep: number[]; count: number[]; overflow: boolean } {
  return skyline(coords, n, P, counts, limit);
}

/** Per-issue terms: red-lined options out, then options dominated on the issue out, equal vectors folded. */
function issueTerms(c: CompiledDomain, x: ExactDomain): Term[][] {
  const P = c.nParties;
  const m = x.m;
  return x.contrib.map((os, i) => {
    const opts: number[] = [];
    os.forEach((_, o) => {
      if (!c.redLine[i]![o]!.length) opts.push(o);
    });
    const n = opts.length;
    const flat = new Float64Array(n * P * m);
    opts.forEach((o, k) => flat.set(os[o]!, k * P * m));
    const coords = coordsOf(flat, n, P, m);
    const { keep, count } = filterStage(coords, new Float64Array(n).fill(1), n, P);
    return keep.map((k, j) => ({ o: opts[k]!, x: os[opts[k]!]!, count: count[j]! }));
  });
}

/** Exact frontier stages (see the module comment); throws TooBig past the caps. */
function mergeStages(c: CompiledDomain, x: ExactDomain, terms: Term[][], maxPoints: number, maxCandidates: number): Stage[] {
  const P = c.nParties;
  const m = x.m;
  const W = P * m;
  const I = terms.length;
  // rem[k]: each party's best over issues k…I−1 (exact limbs); rem[I] = 0.
  const rem: Float64Array[] = new Array(I + 1);
  rem[I] = new Float64Array(W);
  for (let k = I - 1; k >= 0; k--) {
    const best = new Float64Array(W);
    for (let p = 0; p < P; p++) {
      let bi = 0;
      terms[k]!.forEach((t, ti) => {
        if (cmpParty(t.x, 0, terms[k]![bi]!.x, 0, p, m) > 0) bi = ti;
      });
      best.set(terms[k]![bi]!.x.subarray(p * m, p * m + m), p * m);
    }
    const r = new Float64Array(W);
    addLimbs(best, 0, rem[k + 1]!, 0, r, 0, P, m);
    rem[k] = r;
  }
  const stages: Stage[] = [];
  let cur: Stage = { n: 1, x: new Float64Array(W), count: new Float64Array([1]), prev: new Int32Array([-1]), opt: new Int32Array([-1]) };
  const tmp = new Float64Array(W);
  const anyThreshold = x.threshold.some((v) => v > 0);
  const reachable = (buf: Float64Array, off: number, k: number): boolean => {
    if (!anyThreshold) return true;
    addLimbs(buf, off, rem[k]!, 0, tmp, 0, P, m);
    for (let p = 0; p < P; p++) if (cmpParty(tmp, 0, x.threshold, 0, p, m) < 0) return false;
    return true;
  };
  if (!reachable(cur.x, 0, 0)) return [];
  for (let k = 0; k < I; k++) {
    const t = terms[k]!;
    const nCand = cur.n * t.length;
    if (nCand > maxCandidates) throw new TooBig(k, cur);
    const cx = new Float64Array(nCand * W);
    const cc = new Float64Array(nCand);
    const cp = new Int32Array(nCand);
    const co = new Int32Array(nCand);
    let n = 0;
    for (let q = 0; q < cur.n; q++) {
      for (const term of t) {
        addLimbs(cur.x, q * W, term.x, 0, cx, n * W, P, m);
        if (!reachable(cx, n * W, k + 1)) continue;
        cc[n] = cur.count[q]! * term.count;
        cp[n] = q;
        co[n] = term.o;
        n++;
      }
    }
    const coords = coordsOf(cx, n, P, m);
    const { keep, count, overflow } = filterStage(coords, cc, n, P, maxPoints);
    if (overflow) throw new TooBig(k, cur);
    const next: Stage = { n: keep.length, x: new Float64Array(keep.length * W), count: new Float64Array(keep.length), prev: new Int32Array(keep.length), opt: new Int32Array(keep.length) };
    keep.forEach((j, r) => {
      next.x.set(cx.subarray(j * W, j * W + W), r * W);
      next.count[r] = count[r]!;
      next.prev[r] = cp[j]!;
      next.opt[r] = co[j]!;
    });
    stages.push(next);
    cur = next;
    if (cur.n === 0) return stages;
  }
  return stages;
}

/** The outcome of point `idx` of the last stage, by following back-pointers. */
function outcomeOf(stages: Stage[], idx: number): number[] {
  const outcome = new Array<number>(stages.length);
  for (let st = stages.length - 1; st >= 0; st--) {
    outcome[st] = stages[st]!.opt[idx]!;
    idx = stages[st]!.prev[idx]!;
  }
  return outcome;
}

/**
 * Representative Pareto-optimal packages: for each strictly positive integer weight vector a, the
 * package maximising Σ_p a_p·u_p, chosen issue by issue in exact arithmetic (so each is Pareto-optimal:
 * anything dominating it would have a larger weighted sum). Infeasible ones (below a reservation) are
 * dropped; `include` packages are added when feasible; the set is then filtered for mutual dominance.
 */
function representative(c: CompiledDomain, x: ExactDomain, samples: number, include: number[][]): { outcome: number[]; sums: bigint[] }[] {
  const P = c.nParties;
  // u_p = S_p · d_p / n_p (scale n_p/d_p); with L = lcm(n_p): Σ a_p u_p ∝ Σ a_p S_p f_p, f_p = d_p · L / n_p.
  let L = 1n;
  for (const s of x.scale) L = (L / gcdBig(L, s.n)) * s.n;
  const f = x.scale.map((s) => (s.d * L) / s.n);
  const rand = rng(12345);
  const weights: bigint[][] = [new Array(P).fill(1n)];
  for (let p = 0; p < P; p++) weights.push(Array.from({ length: P }, (_, q) => (q === p ? 1000n : 1n)));
  while (weights.length < samples) weights.push(Array.from({ length: P }, () => BigInt(1 + Math.floor(-Math.log(1 - rand()) * 200))));
  const seen = new Set<string>();
  const found: { outcome: number[]; sums: bigint[] }[] = [];
  const push = (o: number[]) => {
    if (o.some((oi, i) => oi < 0 || c.redLine[i]![oi]!.length)) return;
    const sums = exactSums(x, o);
    if (!meetsReservations(x, sums)) return;
    const key = sums.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ outcome: o, sums });
  };
  for (const a of weights) {
    const w = a.map((ap, p) => ap * f[p]!);
    const o = x.N.map((os, i) => {
      let best = -1;
      let bv = -1n;
      os.forEach((v, oi) => {
        if (c.redLine[i]![oi]!.length) return;
        let t = 0n;
        for (let p = 0; p < P; p++) t += w[p]! * v[p]!;
        if (t > bv) {
          bv = t;
          best = oi;
        }
      });
      return best;
    });
    push(o);
  }
  for (const o of include) push(o);
  // Mutual filter in exact arithmetic (included packages need not be optimal).
  return found.filter((a) => !found.some((b) => b !== a && b.sums.every((s, p) => s >= a.sums[p]!) && b.sums.some((s, p) => s > a.sums[p]!)));
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The Pareto frontier of the feasible packages of a compiled domain (see the module comment).
 * Exact when every intermediate frontier stays within the caps; otherwise a representative set with
 * bounds on the frontier's size and the set's coverage, returned as soon as a cap is hit.
 */
export function paretoFrontier(c: CompiledDomain, opts: FrontierOptions = {}): Frontier {
  const P = c.nParties;
  const x = compileExact(c);
  const maxPoints = opts.maxPoints ?? 50_000;
  const maxCandidates = opts.maxCandidates ?? 600_000;
  const terms = issueTerms(c, x);
  if (terms.some((t) => t.length === 0)) return exactResult([], c.nIssues);
  try {
    const stages = mergeStages(c, x, terms, maxPoints, maxCandidates);
    const last = stages[stages.length - 1];
    const points: FrontierPoint[] = [];
    if (stages.length === terms.length && last) {
      for (let k = 0; k < last.n; k++) {
        const outcome = outcomeOf(stages, k);
        points.push({ u: utilitiesOf(c, outcome), count: last.count[k]!, outcome });
      }
    }
    return exactResult(points, c.nIssues);
  } catch (e) {
    if (!(e instanceof TooBig)) throw e;
    const reps = representative(c, x, opts.samples ?? 400, opts.include ?? []);
    let atMost = e.last.n;
    for (let j = e.merged; j < terms.length; j++) atMost *= terms[j]!.length;
    const points = reps.map((r) => ({ u: utilitiesOf(c, r.outcome), count: 1, outcome: r.outcome }));
    const coverage = Array.from({ length: P }, (_, p) => ({
      min: Math.min(...points.map((q) => q.u[p]!)),
      max: Math.max(...points.map((q) => q.u[p]!)),
    }));
    const atLeast = points.length;
    return {
      exact: false,
      method: 'representative',
      points,
      size: points.length,
      distinct: points.length,
      outcomes: null,
      countsExact: true,
      bound: { atLeast, atMost: Math.max(atLeast, atMost) },
      coverage,
      issuesMerged: e.merged,
      note:
        `the exact frontier is too large to list (stopped after ${e.merged} of ${terms.length} issues, ${e.last.n} partial points): ` +
        `it has between ${atLeast} and ${fmtCount(Math.max(atLeast, atMost))} distinct utility points; ` +
        `showing ${points.length} representative Pareto-optimal packages (maximisers of positive weighted sums of utilities)`,
    };
  }
}

function fmtCount(n: number): string {
  return n < 1e7 ? String(n) : n.toExponential(2);
}

function exactResult(points: FrontierPoint[], issues: number): Frontier {
  const outcomes = points.reduce((s, q) => s + q.count, 0);
  const d = points.length;
  return {
    exact: true,
    method: 'merge',
    points,
    size: outcomes,
    distinct: d,
    outcomes,
    countsExact: outcomes <= Number.MAX_SAFE_INTEGER,
    bound: null,
    coverage: null,
    issuesMerged: issues,
    note: `exact Pareto frontier of the feasible packages: ${d} distinct utility point${d === 1 ? '' : 's'}, reached by ${outcomes} package${outcomes === 1 ? '' : 's'}`,
  };
}
