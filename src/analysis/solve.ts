/**
 * Exact bargaining solutions on a negotiation domain (./domain.ts), without enumerating outcomes.
 *
 * Definitions (utilities u_p on 0–100, reservation r_p, gain g_p = u_p − r_p; a package is *feasible*
 * when it crosses no party's red line and gives every party u_p ≥ r_p):
 * - **egalitarian** (max-min): maximise min_p (u_p − r_p) — NegMAS's `kalai_points` ("egalitarian
 *   Kalai") with the reserved value subtracted; ties broken by the larger utility sum, so the answer is
 *   Pareto-optimal.
 * - **utilitarian** (max-sum): maximise Σ_p u_p over feasible packages.
 * - **Kalai–Smorodinsky**: maximise the smallest normalised gain (u_p − r_p)/(M_p − r_p), M_p being
 *   party p's best utility over the feasible packages (the ideal point); ties broken by the larger
 *   utility sum. On a continuous frontier this is the point where normalised gains are equal; NegMAS
 *   states it as minimising the spread of the normalised gains over the Pareto frontier, which selects
 *   the same packages on the reference domains (see solve.test.ts). A party whose M_p = r_p has no gain
 *   to normalise and is left out of the minimum.
 * - **Nash bargaining solution**: maximise Π_p (u_p − r_p) (equivalently Σ log g_p) over feasible
 *   packages; parties with M_p = r_p (no possible gain) are left out of the product.
 *
 * Method. Every criterion above is a concave, monotone function F(u) of the utility vector, and u is a
 * sum of one vector per issue. The default engine is an exact depth-first branch and bound over the
 * issues, pruned by linear upper bounds F(u) ≤ c + λ·u whose maximum over the undecided issues is
 * separable (each issue contributes its best λ-weighted option):
 * - for max-min and max-sum criteria, λ and c come from the Lagrangian dual of the LP relaxation,
 *   solved with HiGHS (so the root bound equals the LP bound), plus each party's own bound;
 * - for Nash, the bound is the tangent plane of Σ log g at the optimum of the continuous relaxation,
 *   found by outer approximation (tangent cuts, HiGHS LPs) — a tangent-cut outer approximation of
 *   the concave log, evaluated exactly at every leaf (so the answer is exact, not approximated);
 * - options that are weakly dominated for every party on an issue are dropped first (they cannot
 *   improve any monotone criterion).
 * When the search exceeds a node budget, the engine falls back to HiGHS MILPs: max-min / max-sum
 * directly, and Nash by iterated outer approximation with tangent cuts until the incumbent is proven
 * optimal within 1e-9 (relative, in the product). `engine: 'milp'` forces that path.
 * Infeasible domains get the fewest red lines to move and the smallest reservation cuts (MILPs).
 */
import { compileDomain, FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain, type Domain } from './domain.js';
import { getHighs, solveLinear, type HighsRuntime, type LinearModel, type LinearRow } from './highs.js';

/** The four solution concepts, as named in the CLI's JSON. */
export type Concept = 'nash' | 'kalaiSmorodinsky' | 'egalitarian' | 'utilitarian';
/** All concepts in report order. */
export const CONCEPTS: Concept[] = ['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian'];

/** Which exact engine answers: branch and bound with LP-dual bounds (default) or HiGHS MILPs. */
export type Engine = 'bnb' | 'milp';

const FEAS_TOL = FEASIBILITY_TOLERANCE;

/** One candidate option of an issue in the reduced search space. */
interface Cand {
  /** Option index in the domain. */
  o: number;
  /** Contribution to each party's utility (0–100 scale). */
  v: Float64Array;
}

/**
 * The search space after removing red-lined options (unless ignored) and options weakly dominated
 * for every party. `issues[j]` is the domain issue index of position j; `cands[j]` its options.
 */
export interface Space {
  c: CompiledDomain;
  P: number;
  issues: number[];
  cands: Cand[][];
  /** Issues whose every option is someone's red line (the space is then empty). */
  blocked: number[];
  /** True when red-lined options were kept. */
  ignoreRedLines: boolean;
}

/** Build the reduced space. With `ignoreRedLines`, red-lined options stay in. */
export function buildSpace(c: CompiledDomain, opts: { ignoreRedLines?: boolean } = {}): Space {
  const P = c.nParties;
  const issues: number[] = [];
  const cands: Cand[][] = [];
  const blocked: number[] = [];
  for (let i = 0; i < c.nIssues; i++) {
    const opts2: Cand[] = [];
    c.contrib[i]!.forEach((v, o) => {
      if (!opts.ignoreRedLines && c.redLine[i]![o]!.length) return;
      opts2.push({ o, v });
    });
    if (!opts2.length) {
      blocked.push(i);
      continue;
    }
    const keep = opts2.filter((a, ai) =>
      !opts2.some((b, bi) => {
        if (bi === ai) return false;
        let strict = false;
        for (let p = 0; p < P; p++) {
          if (b.v[p]! < a.v[p]!) return false;
          if (b.v[p]! > a.v[p]!) strict = true;
        }
        return strict || bi < ai; // equal vectors: keep the first
      }),
    );
    issues.push(i);
    cands.push(keep);
  }
  return { c, P, issues, cands, blocked, ignoreRedLines: !!opts.ignoreRedLines };
}

/** A linear piece a·u + b of a max-min criterion. */
interface Piece {
  a: Float64Array;
  b: number;
}

/**
 * What the engine maximises:
 * - `min`: min_k (a_k·u + b_k) over `pieces` (one piece = a weighted sum);
 * - `nash`: Σ_{p∈nashParties} log(u_p − r_p).
 * `reservations` enforces u_p ≥ r_p; `tieBreakSum` prefers the larger Σu among equal primaries.
 */
interface Spec {
  kind: 'min' | 'nash';
  pieces?: Piece[];
  nashParties?: number[];
  reservations: boolean;
  tieBreakSum: boolean;
}

/** Result of one exact optimisation. `outcome` holds one option index per domain issue. */
export interface Optimum {
  outcome: number[];
  /** Utilities 0–100 of `outcome`. */
  u: Float64Array;
  /** The criterion's value at `outcome`. */
  value: number;
  engine: Engine;
  /** Branch-and-bound nodes (or HiGHS nodes summed over MILPs). */
  nodes: number;
}

function primaryOf(spec: Spec, u: Float64Array, r: Float64Array): number {
  const P = u.length;
  if (spec.reservations) for (let p = 0; p < P; p++) if (u[p]! < r[p]! - FEAS_TOL) return -Infinity;
  if (spec.kind === 'min') {
    let m = Infinity;
    for (const pc of spec.pieces!) {
      let s = pc.b;
      for (let p = 0; p < P; p++) s += pc.a[p]! * u[p]!;
      if (s < m) m = s;
    }
    return m;
  }
  let s = 0;
  for (const p of spec.nashParties!) {
    const g = u[p]! - r[p]!;
    if (!(g > 0)) return -Infinity;
    s += Math.log(g);
  }
  return s;
}

function sumOf(u: Float64Array): number {
  let s = 0;
  for (let p = 0; p < u.length; p++) s += u[p]!;
  return s;
}

/** Is `val` (primary, secondary) better than the incumbent, beyond tolerance? */
function better(spec: Spec, v: number, s: number, iv: number, is: number): boolean {
  if (v === -Infinity) return false;
  if (iv === -Infinity) return true;
  const tol = 1e-9 * Math.max(1, Math.abs(iv));
  if (v > iv + tol) return true;
  if (spec.tieBreakSum && v >= iv - tol && s > is + 1e-9 * Math.max(1, Math.abs(is))) return true;
  return false;
}

/** A linear upper bound F(u) ≤ c + λ·u. */
interface LinBound {
  c: number;
  lam: Float64Array;
}

/** Lagrangian dual of the LP relaxation of a `min` spec: the best (c, λ), or null if the relaxation is infeasible. */
function dualBound(h: HighsRuntime, s: Space, pieces: Piece[], reservations: boolean): LinBound | null | 'unbounded' {
  const P = s.P;
  const K = pieces.length;
  const n = s.cands.length;
  const r = s.c.reservation;
  // columns: π_k (K), μ_p (P if reservations), y_j (n)
  const muOff = K;
  const yOff = K + (reservations ? P : 0);
  const m: LinearModel = { sense: 'min', cols: [], rows: [] };
  for (let k = 0; k < K; k++) m.cols.push({ lower: 0, upper: 1, cost: pieces[k]!.b });
  if (reservations) for (let p = 0; p < P; p++) m.cols.push({ lower: 0, upper: Infinity, cost: -r[p]! });
  for (let j = 0; j < n; j++) m.cols.push({ lower: -Infinity, upper: Infinity, cost: 1 });
  m.rows.push({ lower: 1, upper: 1, idx: Array.from({ length: K }, (_, k) => k), val: Array(K).fill(1) });
  for (let j = 0; j < n; j++) {
    for (const cd of s.cands[j]!) {
      const idx = [yOff + j];
      const val = [1];
      for (let k = 0; k < K; k++) {
        let coef = 0;
        for (let p = 0; p < P; p++) coef += pieces[k]!.a[p]! * cd.v[p]!;
        idx.push(k);
        val.push(-coef);
      }
      if (reservations) for (let p = 0; p < P; p++) {
        idx.push(muOff + p);
        val.push(-cd.v[p]!);
      }
      m.rows.push({ lower: 0, upper: Infinity, idx, val });
    }
  }
  const res = solveLinear(h, m);
  if (res.status === 'unbounded' || res.status === 'infeasible') return 'unbounded';
  if (res.status !== 'optimal') return null;
  // Rebuild a valid multiplier: π projected on the simplex, μ ≥ 0 (validity does not depend on LP accuracy).
  const pi = Array.from({ length: K }, (_, k) => Math.max(0, res.x[k]!));
  const tot = pi.reduce((a, b) => a + b, 0);
  if (!(tot > 0)) return null;
  const lam = new Float64Array(P);
  let c = 0;
  for (let k = 0; k < K; k++) {
    const w = pi[k]! / tot;
    c += w * pieces[k]!.b;
    for (let p = 0; p < P; p++) lam[p]! += w * pieces[k]!.a[p]!;
  }
  if (reservations) {
    for (let p = 0; p < P; p++) {
      const mu = Math.max(0, res.x[muOff + p]!);
      lam[p]! += mu;
      c -= mu * r[p]!;
    }
  }
  return { c, lam };
}

/** Separable maximum of λ·u over the positions ≥ d, for every d (length n+1). */
function suffixMax(s: Space, order: number[], lam: Float64Array): Float64Array {
  const n = order.length;
  const suf = new Float64Array(n + 1);
  for (let d = n - 1; d >= 0; d--) {
    let best = -Infinity;
    for (const cd of s.cands[order[d]!]!) {
      let t = 0;
      for (let p = 0; p < s.P; p++) t += lam[p]! * cd.v[p]!;
      if (t > best) best = t;
    }
    suf[d] = suf[d + 1]! + best;
  }
  return suf;
}

class BudgetExceeded extends Error {}

/**
 * Gains ḡ at an (approximate) optimum of the continuous relaxation of the Nash criterion, found by
 * outer approximation: maximise Σ z_p subject to tangent cuts z_p ≤ log ḡ + (g_p − ḡ)/ḡ, adding the
 * tangents at each LP solution until the LP bound and the true value agree to 1e-7.
 */
function nashRelaxation(h: HighsRuntime, s: Space, S: number[], best: Float64Array): Float64Array {
  const P = s.P;
  const r = s.c.reservation;
  const n = s.cands.length;
  const xOff: number[] = [];
  let nx = 0;
  for (let j = 0; j < n; j++) {
    xOff.push(nx);
    nx += s.cands[j]!.length;
  }
  const zOff = nx;
  const base: LinearModel = { sense: 'max', cols: [], rows: [] };
  for (let k = 0; k < nx; k++) base.cols.push({ lower: 0, upper: 1, cost: 0 });
  for (const _ of S) base.cols.push({ lower: -Infinity, upper: Math.log(200), cost: 1 });
  for (let j = 0; j < n; j++) base.rows.push({ lower: 1, upper: 1, idx: s.cands[j]!.map((_, k) => xOff[j]! + k), val: s.cands[j]!.map(() => 1) });
  const uRow = (p: number): { idx: number[]; val: number[] } => {
    const idx: number[] = [];
    const val: number[] = [];
    for (let j = 0; j < n; j++) s.cands[j]!.forEach((cd, k) => {
      idx.push(xOff[j]! + k);
      val.push(cd.v[p]!);
    });
    return { idx, val };
  };
  const uRows = Array.from({ length: P }, (_, p) => uRow(p));
  for (let p = 0; p < P; p++) base.rows.push({ lower: r[p]!, upper: Infinity, ...uRows[p]! });
  const cut = (si: number, gbar: number): LinearRow => {
    const p = S[si]!;
    // z - (1/ḡ)·u_p ≤ log ḡ − 1 − r_p/ḡ
    const { idx, val } = uRows[p]!;
    return { lower: -Infinity, upper: Math.log(gbar) - 1 - r[p]! / gbar, idx: [zOff + si, ...idx], val: [1, ...val.map((v) => -v / gbar)] };
  };
  const range = S.map((p) => Math.max(best[p]! - r[p]!, 1e-9));
  for (let si = 0; si < S.length; si++) for (const f of [1, 0.5, 0.25, 1 / (2 * S.length)]) base.rows.push(cut(si, range[si]! * f));
  let gbar = Float64Array.from(S, (_, si) => range[si]! / 2);
  for (let it = 0; it < 40; it++) {
    const res = solveLinear(h, base);
    if (res.status !== 'optimal') break;
    const g = new Float64Array(S.length);
    let trueVal = 0;
    S.forEach((p, si) => {
      const { idx, val } = uRows[p]!;
      let u = 0;
      for (let k = 0; k < idx.length; k++) u += val[k]! * res.x[idx[k]!]!;
      g[si] = Math.max(u - r[p]!, range[si]! * 1e-9);
      trueVal += Math.log(g[si]!);
    });
    gbar = g;
    if (res.objective - trueVal < 1e-5) break;
    for (let si = 0; si < S.length; si++) base.rows.push(cut(si, g[si]!));
  }
  return gbar;
}

interface BnbOptions {
  budget: number;
  initial?: number[][];
}

/** Exact depth-first branch and bound (see the module comment). Throws BudgetExceeded past `budget` nodes. */
function branchAndBound(s: Space, spec: Spec, bounds: LinBound[], opts: BnbOptions): Optimum | null {
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

/** Column layout of the binary option variables of a space. */
function xLayout(s: Space): { off: number[]; nx: number } {
  const off: number[] = [];
  let nx = 0;
  for (const cs of s.cands) {
    off.push(nx);
    nx += cs.length;
  }
  return { off, nx };
}

function outcomeFromX(s: Space, x: Float64Array, off: number[]): number[] {
  const out: number[] = new Array(s.c.nIssues).fill(0);
  s.cands.forEach((cs, j) => {
    let bk = 0;
    cs.forEach((_, k) => {
      if (x[off[j]! + k]! > x[off[j]! + bk]!) bk = k;
    });
    out[s.issues[j]!] = cs[bk]!.o;
  });
  return out;
}

/** Rows Σ_k x_jk = 1 and the linear expression of u_p over x. */
function baseMilp(s: Space, sense: 'max' | 'min'): { m: LinearModel; off: number[]; nx: number; uExpr: (p: number) => { idx: number[]; val: number[] } } {
  const { off, nx } = xLayout(s);
  const m: LinearModel = { sense, cols: [], rows: [] };
  for (let k = 0; k < nx; k++) m.cols.push({ lower: 0, upper: 1, cost: 0, integer: true });
  s.cands.forEach((cs, j) => m.rows.push({ lower: 1, upper: 1, idx: cs.map((_, k) => off[j]! + k), val: cs.map(() => 1) }));
  const uExpr = (p: number) => {
    const idx: number[] = [];
    const val: number[] = [];
    s.cands.forEach((cs, j) => cs.forEach((cd, k) => {
      idx.push(off[j]! + k);
      val.push(cd.v[p]!);
    }));
    return { idx, val };
  };
  return { m, off, nx, uExpr };
}

/** Exact optimum by HiGHS MILP (and outer approximation for Nash). */
function milpOptimum(h: HighsRuntime, s: Space, spec: Spec, initial: number[][] = []): Optimum | null {
  const P = s.P;
  const r = s.c.reservation;
  let nodes = 0;
  const { m, off, nx, uExpr } = baseMilp(s, 'max');
  const uE = Array.from({ length: P }, (_, p) => uExpr(p));
  if (spec.reservations) for (let p = 0; p < P; p++) m.rows.push({ lower: r[p]!, upper: Infinity, ...uE[p]! });
  const exprOf = (a: Float64Array) => {
    const idx: number[] = [];
    const val: number[] = [];
    s.cands.forEach((cs, j) => cs.forEach((cd, k) => {
      let t = 0;
      for (let p = 0; p < P; p++) t += a[p]! * cd.v[p]!;
      idx.push(off[j]! + k);
      val.push(t);
    }));
    return { idx, val };
  };
  if (spec.kind === 'min') {
    const t = nx;
    m.cols.push({ lower: -1e6, upper: 1e6, cost: 1 });
    for (const pc of spec.pieces!) {
      const e = exprOf(pc.a);
      // t − a·u ≤ b
      m.rows.push({ lower: -Infinity, upper: pc.b, idx: [t, ...e.idx], val: [1, ...e.val.map((v) => -v)] });
    }
    const res = solveLinear(h, m);
    nodes += res.nodes;
    if (res.status !== 'optimal') return null;
    let outcome = outcomeFromX(s, res.x, off);
    if (spec.tieBreakSum) {
      const u0 = utilitiesOf(s.c, outcome);
      const v0 = primaryOf(spec, u0, r);
      m.cols[t] = { lower: v0 - 1e-9 * Math.max(1, Math.abs(v0)), upper: 1e6, cost: 0 };
      for (let k = 0; k < nx; k++) m.cols[k] = { ...m.cols[k]!, cost: 0 };
      const e = exprOf(new Float64Array(P).fill(1));
      e.idx.forEach((ix, k) => (m.cols[ix]!.cost += e.val[k]!));
      const res2 = solveLinear(h, m);
      nodes += res2.nodes;
      if (res2.status === 'optimal') {
        const o2 = outcomeFromX(s, res2.x, off);
        const u2 = utilitiesOf(s.c, o2);
        if (primaryOf(spec, u2, r) >= v0 - 1e-9 * Math.max(1, Math.abs(v0)) && sumOf(u2) >= sumOf(u0)) outcome = o2;
      }
    }
    const u = utilitiesOf(s.c, outcome);
    return { outcome, u, value: primaryOf(spec, u, r), engine: 'milp', nodes };
  }
  // Nash: outer approximation with tangent cuts; z_si ≤ log ḡ + (g − ḡ)/ḡ.
  const S = spec.nashParties!;
  const zOff = m.cols.length;
  const hi = S.map((p) => {
    let mx = 0;
    for (const cs of s.cands) mx += Math.max(...cs.map((cd) => cd.v[p]!));
    return Math.max(mx - r[p]!, 1e-6);
  });
  S.forEach((_, si) => m.cols.push({ lower: -50, upper: Math.log(hi[si]!), cost: 1 }));
  const addCut = (si: number, gbar: number) => {
    const p = S[si]!;
    const e = uE[p]!;
    m.rows.push({ lower: -Infinity, upper: Math.log(gbar) - 1 - r[p]! / gbar, idx: [zOff + si, ...e.idx], val: [1, ...e.val.map((v) => -v / gbar)] });
  };
  // g_p ≥ a tiny positive amount (log needs it); packages with a zero gain have product 0 anyway.
  S.forEach((p) => m.rows.push({ lower: r[p]! + 1e-7 * hi[S.indexOf(p)]!, upper: Infinity, ...uE[p]! }));
  S.forEach((_, si) => {
    for (const f of [1, 0.5, 0.25, 0.1, 1e-3, 1e-6]) addCut(si, hi[si]! * f);
  });
  let best: number[] | null = null;
  let bestVal = -Infinity;
  for (const o of initial) {
    const v = primaryOf(spec, utilitiesOf(s.c, o), r);
    if (v > bestVal) {
      bestVal = v;
      best = o;
    }
  }
  for (let it = 0; it < 500; it++) {
    const res = solveLinear(h, m);
    nodes += res.nodes;
    if (res.status !== 'optimal') break;
    const o = outcomeFromX(s, res.x, off);
    const u = utilitiesOf(s.c, o);
    const v = primaryOf(spec, u, r);
    if (v > bestVal) {
      bestVal = v;
      best = o;
    }
    // UB (MILP objective over an outer approximation) vs incumbent: proven optimal within 1e-9 relative.
    if (res.objective - bestVal <= 1e-9) break;
    S.forEach((p, si) => addCut(si, Math.max(u[p]! - r[p]!, hi[si]! * 1e-9)));
  }
  if (!best) return null;
  const u = utilitiesOf(s.c, best);
  return { outcome: best, u, value: primaryOf(spec, u, r), engine: 'milp', nodes };
}

/** Options of {@link optimise}. */
export interface OptimiseOptions {
  engine?: Engine;
  /** Node budget of the branch and bound before falling back to MILP (default 3,000,000). */
  budget?: number;
  /** Known good outcomes to start from. */
  initial?: number[][];
}

/** Exact optimum of `spec` on space `s`, or null when no package qualifies. */
async function optimise(s: Space, spec: Spec, opts: OptimiseOptions = {}): Promise<Optimum | null> {
  if (s.blocked.length) return null;
  const h = await getHighs();
  if (opts.engine === 'milp') return milpOptimum(h, s, spec, opts.initial);
  const bounds: LinBound[] = [];
  if (spec.kind === 'min') {
    const db = dualBound(h, s, spec.pieces!, spec.reservations);
    if (db === 'unbounded') return null;
    if (db) bounds.push(db);
    for (const pc of spec.pieces!) bounds.push({ c: pc.b, lam: pc.a });
  } else {
    const S = spec.nashParties!;
    const P = s.P;
    const best = new Float64Array(P);
    for (const cs of s.cands) for (let p = 0; p < P; p++) best[p]! += Math.max(...cs.map((cd) => cd.v[p]!));
    const gbar = nashRelaxation(h, s, S, best);
    const lam = new Float64Array(P);
    let c = 0;
    S.forEach((p, si) => {
      const g = gbar[si]!;
      lam[p] = 1 / g;
      c += Math.log(g) - 1 - s.c.reservation[p]! / g;
    });
    bounds.push({ c, lam });
  }
  try {
    return branchAndBound(s, spec, bounds, { budget: opts.budget ?? 3_000_000, ...(opts.initial ? { initial: opts.initial } : {}) });
  } catch (e) {
    if (e instanceof BudgetExceeded) return milpOptimum(h, s, spec, opts.initial);
    throw e;
  }
}

/** Per-party explanation of a solution. Utilities on the domain's reporting scale. */
export interface PartyExplanation {
  party: string;
  name: string;
  utility: number;
  reservation: number;
  /** utility − reservation. */
  gain: number;
  /** The party's best utility over feasible packages (its ideal). */
  best: number;
  /** best − utility: how far the party is from its best. */
  fromBest: number;
  /** True when the package leaves the party exactly at its reservation value (the constraint binds). */
  atReservation: boolean;
}

/** A red line, by party, issue and option ids. */
export interface RedLineRef {
  party: string;
  issue: string;
  option: string;
}

/** One solution with its explanation. */
export interface Solution {
  concept: Concept;
  /** Option index per issue. */
  outcomeIndex: number[];
  /** issue id → option id. */
  outcome: Record<string, string>;
  /** party name → utility (reporting scale). */
  utilities: Record<string, number>;
  /** The criterion's value (product of gains for Nash, min gain for egalitarian, ...), reporting scale. */
  value: number;
  parties: PartyExplanation[];
  /**
   * Red lines that bind: the criterion would be strictly better without red lines, and these are the
   * red lines the unconstrained optimum crosses. Empty when red lines do not cost this criterion anything.
   */
  bindingRedLines: RedLineRef[];
  engine: Engine;
  nodes: number;
  ms: number;
}

/** Why nothing is feasible and the smallest moves that would open a package. */
export interface Infeasibility {
  /** Issues on which every option is someone's red line. */
  blockedIssues: string[];
  /** Fewest red lines to move, keeping every reservation value; null if reservations alone cannot be met. */
  redLines: { count: number; byParty: Record<string, { issue: string; option: string }[]>; outcome: Record<string, string> } | null;
  /** Smallest total cut of reservation values (reporting scale), keeping every red line; null if red lines alone block. */
  reservationCuts: { total: number; byParty: Record<string, number>; outcome: Record<string, string> } | null;
  /** Fewest red lines first, then the smallest reservation cuts: always exists. */
  combined: { redLines: number; byParty: Record<string, { issue: string; option: string }[]>; cuts: Record<string, number>; outcome: Record<string, string> };
}

/** The full answer for a domain; `toContract` turns it into the CLI's JSON. */
export interface DomainSolution {
  domain: Domain;
  parties: string[];
  partyIds: string[];
  scale: 1 | 100;
  feasible: boolean;
  /** Best utility per party over feasible packages (reporting scale); null when infeasible. */
  ideal: Record<string, number> | null;
  solutions: Partial<Record<Concept, Solution>>;
  infeasible: Infeasibility | null;
}

/** Options of {@link solveDomain}. */
export interface SolveOptions extends OptimiseOptions {
  /** Which concepts to compute (default all four). */
  concepts?: Concept[];
  /** Re-solve without red lines to say which red lines bind (default true). */
  explainRedLines?: boolean;
  /** Called with a short message as each stage starts (for progress display). */
  onProgress?: (msg: string) => void;
}

function outcomeRecord(c: CompiledDomain, o: number[]): Record<string, string> {
  const rec: Record<string, string> = {};
  c.domain.issues.forEach((iss, i) => (rec[iss.id] = iss.options[o[i]!]!.id));
  return rec;
}

/** The criterion spec of a concept, given the ideal point M (0–100). Null spec means "no gain possible". */
function specOf(c: CompiledDomain, concept: Concept, M: Float64Array | null): Spec {
  const P = c.nParties;
  const r = c.reservation;
  const unit = (p: number, f = 1) => Float64Array.from({ length: P }, (_, q) => (q === p ? f : 0));
  switch (concept) {
    case 'egalitarian':
      return { kind: 'min', pieces: Array.from({ length: P }, (_, p) => ({ a: unit(p), b: -r[p]! })), reservations: false, tieBreakSum: true };
    case 'utilitarian':
      return { kind: 'min', pieces: [{ a: new Float64Array(P).fill(1), b: 0 }], reservations: true, tieBreakSum: false };
    case 'kalaiSmorodinsky': {
      const pieces: Piece[] = [];
      for (let p = 0; p < P; p++) {
        const range = M![p]! - r[p]!;
        if (range > FEAS_TOL) pieces.push({ a: unit(p, 1 / range), b: -r[p]! / range });
      }
      if (!pieces.length) pieces.push({ a: new Float64Array(P), b: 0 });
      return { kind: 'min', pieces, reservations: true, tieBreakSum: true };
    }
    case 'nash': {
      const S: number[] = [];
      for (let p = 0; p < P; p++) if (M![p]! - r[p]! > FEAS_TOL) S.push(p);
      return { kind: 'nash', nashParties: S, reservations: true, tieBreakSum: false };
    }
  }
}

/** Best feasible utility of each party (0–100), or null when no package is feasible. */
export async function idealPoint(s: Space, opts: OptimiseOptions = {}): Promise<Float64Array | null> {
  const P = s.P;
  const M = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const spec: Spec = { kind: 'min', pieces: [{ a: Float64Array.from({ length: P }, (_, q) => (q === p ? 1 : 0)), b: 0 }], reservations: true, tieBreakSum: false };
    const o = await optimise(s, spec, opts);
    if (!o) return null;
    M[p] = o.u[p]!;
  }
  return M;
}

/**
 * Solve one concept exactly on a compiled domain.
 * @param M the ideal point (needed for KS and Nash; computed when omitted)
 * @returns null when no package is feasible
 */
export async function solveConcept(
  c: CompiledDomain,
  concept: Concept,
  opts: OptimiseOptions & { M?: Float64Array; space?: Space } = {},
): Promise<Optimum | null> {
  const s = opts.space ?? buildSpace(c);
  const M = concept === 'kalaiSmorodinsky' || concept === 'nash' ? (opts.M ?? (await idealPoint(s, opts))) : null;
  if ((concept === 'kalaiSmorodinsky' || concept === 'nash') && !M) return null;
  const spec = specOf(c, concept, M);
  const o = await optimise(s, spec, opts);
  if (!o) return null;
  // Egalitarian is solved without reservation constraints: its optimum is feasible iff min gain ≥ 0.
  if (concept === 'egalitarian' && o.value < -FEAS_TOL) return null;
  if (concept === 'nash' && spec.nashParties!.length === 0) return o;
  return o;
}

/**
 * Solve a domain: feasibility, the ideal point, the four concepts (each exact and explained), and when
 * nothing is feasible, the smallest moves that would open a package.
 */
export async function solveDomain(domain: Domain, opts: SolveOptions = {}): Promise<DomainSolution> {
  const c = compileDomain(domain);
  const scale = domain.scale;
  const k = scale === 1 ? 0.01 : 1;
  const P = c.nParties;
  const r = c.reservation;
  const concepts = opts.concepts ?? CONCEPTS;
  const progress = opts.onProgress ?? (() => {});
  const s = buildSpace(c);
  const out: DomainSolution = {
    domain,
    parties: c.names,
    partyIds: c.parties,
    scale,
    feasible: false,
    ideal: null,
    solutions: {},
    infeasible: null,
  };
  progress('checking feasibility (max-min)');
  const t0 = performance.now();
  const egal = await solveConcept(c, 'egalitarian', { ...opts, space: s });
  const egalMs = performance.now() - t0;
  if (!egal) {
    progress('no feasible package: finding the smallest moves');
    out.infeasible = await analyseInfeasible(c);
    return out;
  }
  out.feasible = true;
  progress('ideal point');
  const M = (await idealPoint(s, { ...opts, initial: [egal.outcome] }))!;
  out.ideal = Object.fromEntries(c.names.map((n, p) => [n, M[p]! * k]));
  const free = opts.explainRedLines !== false && c.redLine.some((is) => is.some((ps) => ps.length)) ? buildSpace(c, { ignoreRedLines: true }) : null;
  const found: number[][] = [egal.outcome];
  for (const concept of concepts) {
    progress(`solving ${concept}`);
    const t1 = performance.now();
    const o = concept === 'egalitarian' ? egal : await solveConcept(c, concept, { ...opts, space: s, M, initial: found });
    const ms = concept === 'egalitarian' ? egalMs : performance.now() - t1;
    if (!o) continue;
    found.push(o.outcome);
    const spec = specOf(c, concept, M);
    let binding: RedLineRef[] = [];
    if (free) {
      const fo = await optimise(free, spec, { ...opts, initial: [o.outcome] });
      if (fo && better(spec, fo.value, sumOf(fo.u), o.value, sumOf(o.u)) && fo.value > o.value + 1e-9 * Math.max(1, Math.abs(o.value))) {
        c.domain.issues.forEach((iss, i) => {
          for (const p of c.redLine[i]![fo.outcome[i]!]!) binding.push({ party: c.parties[p]!, issue: iss.id, option: iss.options[fo.outcome[i]!]!.id });
        });
      }
    }
    const value = concept === 'nash' ? Math.exp(o.value) * (spec.nashParties!.length ? k ** spec.nashParties!.length : 1) : concept === 'kalaiSmorodinsky' ? o.value : o.value * k;
    out.solutions[concept] = {
      concept,
      outcomeIndex: o.outcome,
      outcome: outcomeRecord(c, o.outcome),
      utilities: Object.fromEntries(c.names.map((n, p) => [n, o.u[p]! * k])),
      value,
      parties: c.parties.map((id, p) => ({
        party: id,
        name: c.names[p]!,
        utility: o.u[p]! * k,
        reservation: r[p]! * k,
        gain: (o.u[p]! - r[p]!) * k,
        best: M[p]! * k,
        fromBest: (M[p]! - o.u[p]!) * k,
        atReservation: Math.abs(o.u[p]! - r[p]!) <= FEAS_TOL,
      })),
      bindingRedLines: binding,
      engine: o.engine,
      nodes: o.nodes,
      ms,
    };
  }
  void P;
  return out;
}

/**
 * When no package is feasible: the fewest red lines to move (keeping reservations), the smallest total
 * reservation cut (keeping red lines), and the lexicographic combination. All by HiGHS MILP over every
 * option (red-lined ones included), with one binary per red line and one continuous cut per party.
 */
export async function analyseInfeasible(c: CompiledDomain): Promise<Infeasibility> {
  const h = await getHighs();
  const k = c.domain.scale === 1 ? 0.01 : 1;
  const P = c.nParties;
  const r = c.reservation;
  const all = buildSpaceAll(c);
  const blockedIssues = buildSpace(c).blocked.map((i) => c.domain.issues[i]!.id);
  const { off } = xLayout(all);
  const redLines: { p: number; i: number; o: number; col: number }[] = [];
  const build = (mode: 'lines' | 'cuts' | 'combined') => {
    const { m, nx, uExpr } = baseMilp(all, 'min');
    const nRed = redLines.length === 0 ? (() => {
      all.cands.forEach((cs, j) => cs.forEach((cd, kk) => {
        for (const p of c.redLine[all.issues[j]!]![cd.o]!) redLines.push({ p, i: all.issues[j]!, o: cd.o, col: off[j]! + kk });
      }));
      return redLines.length;
    })() : redLines.length;
    const rlOff = nx;
    const bigM = 100 * P + 1;
    for (let q = 0; q < nRed; q++) m.cols.push({ lower: 0, upper: mode === 'cuts' ? 0 : 1, cost: mode === 'cuts' ? 0 : mode === 'combined' ? bigM : 1, integer: true });
    const sOff = m.cols.length;
    for (let p = 0; p < P; p++) m.cols.push({ lower: 0, upper: mode === 'lines' ? 0 : r[p]!, cost: mode === 'lines' ? 0 : 1 });
    redLines.forEach((rl, q) => m.rows.push({ lower: -Infinity, upper: 0, idx: [rl.col, rlOff + q], val: [1, -1] }));
    for (let p = 0; p < P; p++) {
      const e = uExpr(p);
      m.rows.push({ lower: r[p]!, upper: Infinity, idx: [...e.idx, sOff + p], val: [...e.val, 1] });
    }
    const res = solveLinear(h, m);
    if (res.status !== 'optimal') return null;
    const outcome = outcomeFromX(all, res.x, off);
    const u = utilitiesOf(c, outcome);
    const moved: Record<string, { issue: string; option: string }[]> = {};
    let count = 0;
    c.domain.issues.forEach((iss, i) => {
      for (const p of c.redLine[i]![outcome[i]!]!) {
        (moved[c.parties[p]!] ??= []).push({ issue: iss.id, option: iss.options[outcome[i]!]!.id });
        count++;
      }
    });
    const cuts: Record<string, number> = {};
    let total = 0;
    for (let p = 0; p < P; p++) {
      const cut = Math.max(0, r[p]! - u[p]!);
      if (cut > 1e-9) {
        cuts[c.parties[p]!] = cut * k;
        total += cut * k;
      }
    }
    return { outcome: outcomeRecord(c, outcome), moved, count, cuts, total };
  };
  const a = build('lines');
  const b = build('cuts');
  const cmb = build('combined')!;
  return {
    blockedIssues,
    redLines: a ? { count: a.count, byParty: a.moved, outcome: a.outcome } : null,
    reservationCuts: b ? { total: b.total, byParty: b.cuts, outcome: b.outcome } : null,
    combined: { redLines: cmb.count, byParty: cmb.moved, cuts: cmb.cuts, outcome: cmb.outcome },
  };
}

/** Every option of every issue (no red-line filtering, no dominance pruning): for the infeasibility MILPs. */
function buildSpaceAll(c: CompiledDomain): Space {
  return {
    c,
    P: c.nParties,
    issues: c.domain.issues.map((_, i) => i),
    cands: c.contrib.map((os) => os.map((v, o) => ({ o, v }))),
    blocked: [],
    ignoreRedLines: true,
  };
}

/** One solution in the CLI contract's shape. */
export interface ContractSolution {
  utilities: Record<string, number>;
  outcome: Record<string, string>;
}

/** The JSON printed by `accord solve --json`. */
export interface SolveContract {
  parties: string[];
  paretoSize: number;
  nash: ContractSolution | null;
  kalaiSmorodinsky: ContractSolution | null;
  egalitarian: ContractSolution | null;
  utilitarian: ContractSolution | null;
  infeasible: Infeasibility | null;
}

/** Shape a {@link DomainSolution} (plus a Pareto size) as the CLI contract. */
export function toContract(sol: DomainSolution, paretoSize: number): SolveContract {
  const pick = (cpt: Concept): ContractSolution | null => {
    const s = sol.solutions[cpt];
    return s ? { utilities: s.utilities, outcome: s.outcome } : null;
  };
  return {
    parties: sol.parties,
    paretoSize,
    nash: pick('nash'),
    kalaiSmorodinsky: pick('kalaiSmorodinsky'),
    egalitarian: pick('egalitarian'),
    utilitarian: pick('utilitarian'),
    infeasible: sol.infeasible,
  };
}
