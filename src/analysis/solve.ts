/**
 * Exact bargaining solutions on a negotiation domain (./domain.ts), without enumerating outcomes.
 *
 * Definitions (utilities u_p on 0–100, reservation r_p, gain g_p = u_p − r_p; a package is *feasible*
 * when it crosses no party's red line and gives every party u_p ≥ r_p). The disagreement point is
 * the vector of reservation values r (the utility of no agreement); the ideal point M_p is party p's
 * best utility over the feasible packages. Utilities are not rescaled: GENIUS imports keep GENIUS's
 * normalisation (./genius.ts), Accord domains their 0–100 values.
 * - **egalitarian** (max-min): maximise min_p (u_p − r_p) — NegMAS's `kalai_points` ("egalitarian
 *   Kalai") with the reserved value subtracted; ties broken by the larger utility sum, so the answer is
 *   Pareto-optimal.
 * - **utilitarian** (max-sum): maximise Σ_p u_p over feasible packages.
 * - **Kalai–Smorodinsky** (Kalai & Smorodinsky 1975): Accord maximises the smallest normalised gain
 *   (u_p − r_p)/(M_p − r_p) over the feasible packages, ties broken by the larger utility sum. On a
 *   continuous convex frontier the KS point is the Pareto point on the segment from r to M, where all
 *   normalised gains are equal, and it is also the max-min of the normalised gains; on a finite set of
 *   packages there is in general no package with equal normalised gains, and the two readings part.
 *   NegMAS's `ks_points` picks, among Pareto-optimal points, the one with the smallest spread
 *   (max − min) of normalised gains; Accord picks the largest minimum. Accord's reading keeps what
 *   the KS point guarantees on a continuous frontier — every party gets at least the common share t of
 *   its possible gain, for the largest t possible — and never trades a smaller share for the worst-off
 *   party for evenness; the sum tie-break makes the answer Pareto-optimal. The two differ on some
 *   domains (a frontier with normalised gains (0.5, 0.8) and (0.7, 0.45): NegMAS takes the second,
 *   spread 0.25 < 0.3; Accord the first, minimum 0.5 > 0.45). A party whose M_p = r_p has no gain to
 *   normalise and is left out of the minimum.
 * - **Nash bargaining solution** (Nash 1950): maximise Π_p (u_p − r_p) (equivalently Σ log g_p) over
 *   feasible packages; parties with M_p = r_p (no possible gain) are left out of the product.
 *
 * Method. Every criterion above is a concave, monotone function F(u) of the utility vector, and u is a
 * sum of one vector per issue. The search space drops red-lined options and options weakly dominated
 * on their issue (./space.ts); the criteria and their comparison are in ./criteria.ts; the default
 * engine is an exact depth-first branch and bound over the issues (./bnb.ts) pruned by linear upper
 * bounds F(u) ≤ c + λ·u whose maximum over the undecided issues is separable (./bounds.ts: Lagrangian
 * duals of the LP relaxation for max-min and max-sum, a tangent plane of Σ log g at the relaxed
 * optimum for Nash), with leaves evaluated exactly; past a node budget it falls back to HiGHS MILPs
 * (./milp.ts; Nash by outer approximation until the incumbent is proven optimal within 1e-9 relative
 * in the product), and `engine: 'milp'` forces that path (./optimise.ts). Infeasible domains get the
 * fewest red lines to move and the smallest reservation cuts (./infeasible.ts). These optimisations run
 * on the float utilities of ./domain.ts (grid-snapped, with a 1e-6 feasibility slack); the Pareto
 * frontier (./pareto.ts) decides its ties in exact arithmetic.
 */
import { compileDomain, FEASIBILITY_TOLERANCE, type CompiledDomain, type Domain } from './domain.js';
import { better, sumOf, type Engine, type Optimum, type Piece, type Spec } from './criteria.js';
import { analyseInfeasible, type Infeasibility } from './infeasible.js';
import { optimise, type OptimiseOptions } from './optimise.js';
import { buildSpace, type Space } from './space.js';

export { buildSpace, type Space } from './space.js';
export type { Engine, Optimum } from './criteria.js';
export type { OptimiseOptions } from './optimise.js';
export { analyseInfeasible, type Infeasibility } from './infeasible.js';

/** The four solution concepts, as named in the CLI's JSON. */
export type Concept = 'nash' | 'kalaiSmorodinsky' | 'egalitarian' | 'utilitarian';
/** All concepts in report order. */
export const CONCEPTS: Concept[] = ['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian'];

const FEAS_TOL = FEASIBILITY_TOLERANCE;

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

/** One solution in the CLI contract's shape. */
export interface ContractSolution {
  utilities: Record<string, number>;
  outcome: Record<string, string>;
}

/** The JSON printed by `accord solve --json`. */
export interface SolveContract {
  parties: string[];
  /**
   * Distinct utility points of the exact Pareto frontier (what NegMAS's `pareto_frontier` lists, one
   * entry per point; several packages may reach one point). Null when the frontier was not computed
   * (`accord solve` computes it on demand) or is too large to list exactly.
   */
  paretoSize: number | null;
  nash: ContractSolution | null;
  kalaiSmorodinsky: ContractSolution | null;
  egalitarian: ContractSolution | null;
  utilitarian: ContractSolution | null;
  infeasible: Infeasibility | null;
}

/** Shape a {@link DomainSolution} (plus the frontier's distinct points, or null) as the CLI contract. */
export function toContract(sol: DomainSolution, paretoSize: number | null): SolveContract {
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
