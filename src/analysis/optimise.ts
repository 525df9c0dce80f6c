/**
 * One exact optimisation: the default branch and bound (./bnb.ts) with its bounds (./bounds.ts),
 * falling back to HiGHS MILPs (./milp.ts) past the node budget, or MILPs only with `engine: 'milp'`.
 */
import { getHighs } from './highs.js';
import { dualBound, nashRelaxation, type LinBound } from './bounds.js';
import { branchAndBound, BudgetExceeded } from './bnb.js';
import type { Engine, Optimum, Spec } from './criteria.js';
import { milpOptimum } from './milp.js';
import type { Space } from './space.js';

/** Options of {@link optimise}. */
export interface OptimiseOptions {
  engine?: Engine;
  /** Node budget of the branch and bound before falling back to MILP (default 3,000,000). */
  budget?: number;
  /** Known good outcomes to start from. */
  initial?: number[][];
}

/** Exact optimum of `spec` on space `s`, or null when no package qualifies. */
export async function optimise(s: Space, spec: Spec, opts: OptimiseOptions = {}): Promise<Optimum | null> {
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
