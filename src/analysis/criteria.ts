/**
 * What the exact engines maximise, and how two candidate packages are compared: a concave, monotone
 * criterion of the utility vector (a minimum of linear pieces, or the Nash sum of log gains), optional
 * reservation constraints, and a tie-break towards the larger utility sum.
 */
import { FEASIBILITY_TOLERANCE } from './domain.js';

/** Which exact engine answers: branch and bound with LP-dual bounds (default) or HiGHS MILPs. */
export type Engine = 'bnb' | 'milp';

const FEAS_TOL = FEASIBILITY_TOLERANCE;

/** A linear piece a·u + b of a max-min criterion. */
export interface Piece {
  a: Float64Array;
  b: number;
}

/**
 * What the engine maximises:
 * - `min`: min_k (a_k·u + b_k) over `pieces` (one piece = a weighted sum);
 * - `nash`: Σ_{p∈nashParties} log(u_p − r_p).
 * `reservations` enforces u_p ≥ r_p; `tieBreakSum` prefers the larger Σu among equal primaries.
 */
export interface Spec {
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

export function primaryOf(spec: Spec, u: Float64Array, r: Float64Array): number {
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

export function sumOf(u: Float64Array): number {
  let s = 0;
  for (let p = 0; p < u.length; p++) s += u[p]!;
  return s;
}

/** Is `val` (primary, secondary) better than the incumbent, beyond tolerance? */
export function better(spec: Spec, v: number, s: number, iv: number, is: number): boolean {
  if (v === -Infinity) return false;
  if (iv === -Infinity) return true;
  const tol = 1e-9 * Math.max(1, Math.abs(iv));
  if (v > iv + tol) return true;
  if (spec.tieBreakSum && v >= iv - tol && s > is + 1e-9 * Math.max(1, Math.abs(is))) return true;
  return false;
}
