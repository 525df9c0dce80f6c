/**
 * Data for the briefing's Pareto plot, from a process's negotiation domain: the solution packages
 * come from the exact solvers (src/analysis/solve.ts), the frontier from src/analysis/pareto.ts
 * (projected onto the two parties drawn, then reduced to its 2-D non-dominated part), and the grey
 * dots from enumerating the packages when the domain is small enough (at most {@link DRAW_LIMIT}).
 */
import { compileDomain, outcomeCount, validateDomain, type Domain } from '../analysis/domain.js';
import { enumerateOutcomes } from '../analysis/brute.js';
import { paretoFrontier } from '../analysis/pareto.js';
import { visibleTo } from '../analysis/positions.js';
import { solveDomain, type Concept } from '../analysis/solve.js';
import type { ProcessData } from '../model/schemas.js';
import type { ParetoPlot } from './charts.js';

/** Largest number of packages enumerated to draw the dots and the frontier. */
export const DRAW_LIMIT = 200_000;
/** Most dots drawn (distinct points after rounding to 0.5 utility). */
const MAX_DOTS = 2500;

const NAMES: Record<Concept, [string, string]> = {
  nash: ['Nash bargaining solution', 'N'],
  kalaiSmorodinsky: ['Kalai–Smorodinsky', 'KS'],
  egalitarian: ['egalitarian (max-min)', 'E'],
  utilitarian: ['utilitarian (max-sum)', 'U'],
};

/**
 * Non-dominated points of a 2-D point set (maximising both coordinates), in increasing x.
 * Sort by x descending (y descending on ties) and keep points whose y beats every earlier one.
 */
export function frontier2d(pts: [number, number][]): [number, number][] {
  const s = pts.slice().sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  let best = -Infinity;
  for (const p of s) {
    if (p[1] > best + 1e-9) {
      out.push(p);
      best = p[1];
    }
  }
  return out.reverse();
}

/**
 * The Pareto plot of the process's first negotiation domain, or null when there is none, when it is
 * invalid, or when any profile is confidential to a party other than `viewerParty` (a plot would
 * reveal it). The two parties drawn are, in order of preference, the domain's profiles whose process
 * role is `party`, then the first two profiles; with more than two profiles the plot is a projection
 * (said in the note). Utilities are on 0–100 whatever the domain's reporting scale.
 */
export async function paretoPlotData(data: ProcessData, opts: { viewerParty?: string } = {}): Promise<ParetoPlot | null> {
  const raw = data.domains[0];
  if (!raw) return null;
  let d: Domain;
  try {
    d = validateDomain(raw, 'domain.yaml');
  } catch {
    return null;
  }
  if (d.profiles.length < 2) return null;
  if (!d.profiles.every((p) => visibleTo(p.visibility, opts.viewerParty))) return null;
  const role = new Map(data.parties.map((p) => [p.id, p.role]));
  const byRole = d.profiles.map((p, i) => ({ p, i })).filter(({ p }) => role.get(p.party) === 'party');
  const pick = (byRole.length >= 2 ? byRole : d.profiles.map((p, i) => ({ p, i }))).slice(0, 2);
  const [ia, ib] = [pick[0]!.i, pick[1]!.i];
  const partyLabel = (id: string, name?: string) => data.parties.find((p) => p.id === id)?.short ?? name ?? id;
  const xName = partyLabel(d.profiles[ia]!.party, d.profiles[ia]!.name);
  const yName = partyLabel(d.profiles[ib]!.party, d.profiles[ib]!.name);
  const c = compileDomain(d);
  const total = outcomeCount(d);
  const sol = await solveDomain(d, { explainRedLines: false });
  const k = d.scale === 1 ? 100 : 1;
  const names = c.names;
  const solutions: ParetoPlot['solutions'] = [];
  for (const concept of ['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian'] as Concept[]) {
    const s = sol.solutions[concept];
    if (!s) continue;
    const ua = s.utilities[names[ia]!];
    const ub = s.utilities[names[ib]!];
    if (ua === undefined || ub === undefined) continue;
    solutions.push({ name: NAMES[concept][0], short: NAMES[concept][1], u: [ua * k, ub * k] });
  }
  const points: [number, number][] = [];
  const excluded: [number, number][] = [];
  // Pareto-optimal packages of the whole domain (exact merge, or a representative set), projected.
  const f = paretoFrontier(c);
  const optimal: [number, number][] = f.points.map((q) => [q.u[ia]!, q.u[ib]!]);
  const front = frontier2d(optimal);
  let note: string | undefined = f.exact ? undefined : 'Frontier: representative Pareto-optimal packages.';
  if (total <= DRAW_LIMIT) {
    const seen = new Set<string>();
    const seenX = new Set<string>();
    enumerateOutcomes(c, (o, u) => {
      let ok = true;
      for (let p = 0; p < c.nParties && ok; p++) if (u[p]! < c.reservation[p]! - 1e-9) ok = false;
      for (let i = 0; i < c.nIssues && ok; i++) if (c.redLine[i]![o[i]!]!.length) ok = false;
      const pt: [number, number] = [u[ia]!, u[ib]!];
      const key = `${Math.round(pt[0] * 2)},${Math.round(pt[1] * 2)}`;
      if (ok) {
        if (!seen.has(key) && seen.size < MAX_DOTS) {
          seen.add(key);
          points.push(pt);
        }
      } else if (!seenX.has(key) && seenX.size < MAX_DOTS) {
        seenX.add(key);
        excluded.push(pt);
      }
    });
  } else {
    note = (note ? note + ' ' : '') + `${total.toExponential(1)} packages: too many to draw each one.`;
    points.push(...optimal.slice(0, MAX_DOTS));
  }
  if (d.profiles.length > 2) {
    const others = d.profiles.filter((_, i) => i !== ia && i !== ib).map((p) => partyLabel(p.party, p.name));
    note = (note ? note + ' ' : '') + `Projection onto ${xName} and ${yName} of packages that ${others.join(', ')} can also accept.`;
  }
  return {
    x: xName,
    y: yName,
    points,
    excluded,
    frontier: front,
    reservation: [c.reservation[ia]!, c.reservation[ib]!],
    solutions,
    outcomes: total,
    ...(note ? { note } : {}),
  };
}
