/**
 * Exact optima by HiGHS mixed-integer programs: one binary per candidate option, one row per issue
 * (exactly one option), utilities as linear expressions. Max-min and max-sum criteria are solved
 * directly (then re-solved for the larger utility sum at the same criterion value); Nash by outer
 * approximation of Σ log g with tangent cuts, adding the tangents at each MILP solution until the
 * MILP bound and the incumbent agree within 1e-9.
 */
import { utilitiesOf } from './domain.js';
import { primaryOf, sumOf, type Optimum, type Spec } from './criteria.js';
import { solveLinear, type HighsRuntime, type LinearModel } from './highs.js';
import type { Space } from './space.js';

/** Column layout of the binary option variables of a space. */
export function xLayout(s: Space): { off: number[]; nx: number } {
  const off: number[] = [];
  let nx = 0;
  for (const cs of s.cands) {
    off.push(nx);
    nx += cs.length;
  }
  return { off, nx };
}

export function outcomeFromX(s: Space, x: Float64Array, off: number[]): number[] {
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
export function baseMilp(s: Space, sense: 'max' | 'min'): { m: LinearModel; off: number[]; nx: number; uExpr: (p: number) => { idx: number[]; val: number[] } } {
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
export function milpOptimum(h: HighsRuntime, s: Space, spec: Spec, initial: number[][] = []): Optimum | null {
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
