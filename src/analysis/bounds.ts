/**
 * Linear upper bounds F(u) ≤ c + λ·u for the branch and bound (./bnb.ts), separable over issues:
 * - for max-min and max-sum criteria, (c, λ) from the Lagrangian dual of the LP relaxation, solved
 *   with HiGHS, so the bound at the root equals the LP bound;
 * - for Nash, the tangent plane of Σ log g at the optimum of the continuous relaxation, found by outer
 *   approximation with tangent cuts (Duran & Grossmann 1986), HiGHS LPs.
 * Validity never depends on the LP's accuracy: multipliers are projected back onto their domain.
 */
import { solveLinear, type HighsRuntime, type LinearModel, type LinearRow } from './highs.js';
import type { Piece } from './criteria.js';
import type { Space } from './space.js';

/** A linear upper bound F(u) ≤ c + λ·u. */
export interface LinBound {
  c: number;
  lam: Float64Array;
}

/** Lagrangian dual of the LP relaxation of a `min` spec: the best (c, λ), or null if the relaxation is infeasible. */
export function dualBound(h: HighsRuntime, s: Space, pieces: Piece[], reservations: boolean): LinBound | null | 'unbounded' {
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
export function suffixMax(s: Space, order: number[], lam: Float64Array): Float64Array {
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

/**
 * Gains ḡ at an (approximate) optimum of the continuous relaxation of the Nash criterion, found by
 * outer approximation: maximise Σ z_p subject to tangent cuts z_p ≤ log ḡ + (g_p − ḡ)/ḡ, adding the
 * tangents at each LP solution until the LP bound and the true value agree to 1e-7.
 */
export function nashRelaxation(h: HighsRuntime, s: Space, S: number[], best: Float64Array): Float64Array {
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
