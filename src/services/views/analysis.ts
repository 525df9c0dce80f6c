/**
 * The analysis page's data (issue 5): a process's negotiation domain as the viewer may see it, its
 * validation problems, and — when it is valid — the exact solution packages (Nash, Kalai–Smorodinsky,
 * egalitarian, utilitarian; src/analysis/solve.ts), the infeasibility explanation when nothing is
 * acceptable, and the Pareto frontier (src/analysis/pareto.ts) with every party's utility per point,
 * so that the browser can draw it for any pair of parties.
 *
 * Confidential profiles (`visibility: {confidentialTo: P}`) are left out for a viewer who may not see
 * P's layer — before solving, so that no package, utility or count depends on them. Results are
 * deterministic (no timings), and cached by the domain's content.
 */
import { compileDomain, outcomeCount, validateDomain, type Domain, type PartyProfile } from '../../analysis/domain.js';
import { paretoFrontier } from '../../analysis/pareto.js';
import { CONCEPTS, solveDomain, type Concept, type Infeasibility, type PartyExplanation, type RedLineRef } from '../../analysis/solve.js';
import { AccordError, type ErrorDetail } from '../../model/errors.js';
import type { ProcessData, Visibility } from '../../model/schemas.js';
import { confidentialParty, layersOf, type Viewer, visibleTo } from '../../model/visibility.js';
import { onTable, type OnTable } from './on-table.js';

/** Labels of the solution concepts, long and short (the short one marks the plot). */
export const CONCEPT_LABEL: Record<Concept, { label: string; short: string }> = {
  nash: { label: 'Nash bargaining solution', short: 'N' },
  kalaiSmorodinsky: { label: 'Kalai–Smorodinsky', short: 'KS' },
  egalitarian: { label: 'Egalitarian (max-min)', short: 'E' },
  utilitarian: { label: 'Utilitarian (max-sum)', short: 'U' },
};

/** Most frontier points sent to the browser (the frontier's size is always stated). */
export const MAX_FRONTIER_POINTS = 2000;

/** A party of the analysis, in profile order. */
export interface AnalysisParty {
  /** Party id of the profile. */
  id: string;
  name: string;
  /** Short label (the process party's `short`, else the name). */
  short: string;
  /** Reservation value on the domain's reporting scale. */
  reservation: number;
  /** The profile is an analyst's estimate. */
  estimate: boolean;
  /** Party whose confidential layer holds the profile; null when public. */
  confidentialTo: string | null;
}

/** One solution package, utilities keyed by party id, on the domain's reporting scale. */
export interface AnalysisSolution {
  concept: Concept;
  label: string;
  short: string;
  /** issue id → option id. */
  outcome: Record<string, string>;
  /** party id → utility. */
  utilities: Record<string, number>;
  /** The concept's criterion value (product of gains, min gain, min normalised gain, sum). */
  value: number;
  parties: PartyExplanation[];
  bindingRedLines: RedLineRef[];
}

/** The solved domain. */
export interface AnalysisResult {
  scale: 1 | 100;
  parties: AnalysisParty[];
  /** Number of packages (one option per issue). */
  outcomes: number;
  feasible: boolean;
  /** party id → best utility over feasible packages; null when nothing is feasible. */
  ideal: Record<string, number> | null;
  solutions: AnalysisSolution[];
  infeasible: Infeasibility | null;
  frontier: {
    exact: boolean;
    method: 'merge' | 'representative';
    /** Packages on the frontier (exact) or representative packages. */
    size: number;
    note: string;
    /** Utility vectors in {@link parties} order (reporting scale), at most {@link MAX_FRONTIER_POINTS}. */
    points: { u: number[]; count: number }[];
    truncated: boolean;
  };
}

/** What the analysis route returns. */
export interface AnalysisView {
  /** Stored domains of the process (id and name), for choosing one. */
  domains: { id: string; name: string }[];
  /** The domain shown (raw, as stored or posted, without profiles hidden from the viewer); null when the process has none. */
  domain: Record<string, unknown> | null;
  /** Validation problems of the domain (field paths like `profiles[1].weights`); empty when valid. */
  problems: ErrorDetail[];
  result: AnalysisResult | null;
  /** The text the domain is read against and its issues' point numbers (./on-table.ts); present whenever a domain is shown. */
  onTable?: OnTable;
}

/** Whether a profile of `visibility` shows to `viewer` (plus the layer `viewerParty` it chose), by the one rule of src/model/visibility.ts. */
export function profileVisible(viewer: Viewer, viewerParty: string | undefined, visibility: Visibility | undefined): boolean {
  const layers = layersOf(viewer);
  return visibleTo(visibility, layers === 'all' ? 'all' : [...layers, ...(viewerParty ? [viewerParty] : [])]);
}

/** A raw domain without the profiles the viewer may not see. */
export function visibleDomain(raw: Record<string, unknown>, viewer: Viewer, viewerParty: string | undefined): Record<string, unknown> {
  const profiles = raw.profiles;
  if (!Array.isArray(profiles)) return raw;
  const kept = profiles.filter((p) => profileVisible(viewer, viewerParty, (p as { visibility?: Visibility } | null)?.visibility));
  return kept.length === profiles.length ? raw : { ...raw, profiles: kept };
}

/**
 * Profiles of `stored` the viewer cannot see, which a replacement `incoming` (written by that viewer,
 * who never received them) must keep; a profile of the same party in `incoming` wins.
 */
export function hiddenProfilesToKeep(stored: Record<string, unknown> | undefined, incoming: Record<string, unknown>, viewer: Viewer, viewerParty: string | undefined): unknown[] {
  if (!stored || !Array.isArray(stored.profiles)) return [];
  const mine = new Set((Array.isArray(incoming.profiles) ? incoming.profiles : []).map((p) => (p as { party?: string })?.party));
  return stored.profiles.filter((p) => !profileVisible(viewer, viewerParty, (p as { visibility?: Visibility })?.visibility) && !mine.has((p as { party?: string })?.party));
}

const cache = new Map<string, Promise<AnalysisResult>>();
const CACHE_SIZE = 16;

/**
 * Solve a validated domain and shape the answer for the browser (see {@link AnalysisResult}).
 * `shortOf` gives a party's short label. Cached by content (the last {@link CACHE_SIZE} domains).
 */
export function analyse(d: Domain, shortOf: (party: string, name: string | undefined) => string): Promise<AnalysisResult> {
  const key = JSON.stringify(d) + '\u0000' + d.profiles.map((p) => shortOf(p.party, p.name)).join('\u0000');
  const known = cache.get(key);
  if (known) {
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const job = solveAndShape(d, shortOf);
  cache.set(key, job);
  job.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return job;
}

async function solveAndShape(d: Domain, shortOf: (party: string, name: string | undefined) => string): Promise<AnalysisResult> {
  const sol = await solveDomain(d);
  const ids = sol.partyIds;
  const byName = (rec: Record<string, number>): Record<string, number> => Object.fromEntries(sol.parties.map((n, p) => [ids[p]!, rec[n]!]));
  const k = d.scale === 1 ? 0.01 : 1;
  const f = sol.feasible ? paretoFrontier(compileDomain(d)) : null;
  const points = (f?.points ?? []).slice(0, MAX_FRONTIER_POINTS).map((q) => ({ u: Array.from(q.u, (x) => x * k), count: q.count }));
  return {
    scale: d.scale,
    parties: d.profiles.map((p: PartyProfile) => ({
      id: p.party,
      name: p.name ?? p.party,
      short: shortOf(p.party, p.name),
      reservation: p.reservation * k,
      estimate: p.estimate,
      confidentialTo: confidentialParty(p.visibility),
    })),
    outcomes: outcomeCount(d),
    feasible: sol.feasible,
    ideal: sol.ideal ? byName(sol.ideal) : null,
    solutions: CONCEPTS.flatMap((c) => {
      const s = sol.solutions[c];
      if (!s) return [];
      return [{ concept: c, ...CONCEPT_LABEL[c], outcome: s.outcome, utilities: byName(s.utilities), value: s.value, parties: s.parties, bindingRedLines: s.bindingRedLines }];
    }),
    infeasible: sol.infeasible,
    frontier: f
      ? { exact: f.exact, method: f.method, size: f.size, note: f.note, points, truncated: f.points.length > points.length }
      : { exact: true, method: 'merge', size: 0, note: 'no package is acceptable to every party, so the frontier of acceptable packages is empty', points: [], truncated: false },
  };
}

/**
 * The analysis of one domain as a viewer may see it: the raw domain without hidden profiles, its
 * problems, and the solved result when valid.
 * @param raw the stored (or posted) domain; null when the process has none
 * @param domains the process's stored domains, for the chooser
 */
export async function analysisView(
  data: Pick<ProcessData, 'parties' | 'process' | 'documents' | 'versions'>,
  raw: Record<string, unknown> | null,
  domains: Record<string, unknown>[],
  viewer: Viewer,
  viewerParty: string | undefined,
): Promise<AnalysisView> {
  const list = domains.map((x) => ({ id: String(x.id), name: typeof x.name === 'string' ? x.name : String(x.id) }));
  if (!raw) return { domains: list, domain: null, problems: [], result: null };
  const shown = visibleDomain(raw, viewer, viewerParty);
  const issues = Array.isArray(shown.issues) ? (shown.issues as { provision?: unknown }[]) : [];
  const table = onTable(data, issues.map((i) => i?.provision).filter((l): l is string => typeof l === 'string'));
  let d: Domain;
  try {
    d = validateDomain(shown);
  } catch (err) {
    if (err instanceof AccordError && err.code === 'invalid_input') return { domains: list, domain: shown, problems: err.details.length ? err.details : [{ message: err.message }], result: null, onTable: table };
    throw err;
  }
  const shortOf = (party: string, name: string | undefined) => data.parties.find((p) => p.id === party)?.short ?? name ?? party;
  return { domains: list, domain: shown, problems: [], result: await analyse(d, shortOf), onTable: table };
}
