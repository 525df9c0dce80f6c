/**
 * Negotiation domains: contested issues with discrete options, and one preference profile per party.
 *
 * A domain is what a process bundle keeps in `domain.yaml` (the store treats it as opaque JSON) and
 * what GENIUS / GeniusWeb imports produce (./genius.ts). Preferences are linear additive:
 *
 *   u_p(outcome) = Σ_i w_pi · v_pi(o_i)
 *
 * with the weights w_p· scaled to sum to 1 and option values v_pi(o) on 0–100, so every utility is on
 * 0–100. A party's reservation value (0–100) is the utility of no agreement; its red lines are options
 * it cannot accept whatever else the package holds. An outcome (package) picks one option per issue.
 */
import { z } from 'zod';
import { AccordError, type ErrorDetail } from '../model/errors.js';
import { Id, Visibility } from '../model/schemas.js';

/** One discrete option of an issue (a wording, an alternative, a figure). */
export const DomainOption = z.object({
  id: Id,
  label: z.string().min(1),
  /** Where the option comes from (e.g. "E3 counter-proposal, point 6"). */
  note: z.string().optional(),
});
export type DomainOption = z.infer<typeof DomainOption>;

/** A contested issue: a provision (by lineage id) or a free-standing question, with its options. */
export const DomainIssue = z.object({
  id: Id,
  name: z.string().min(1),
  /** Lineage id of the provision the issue is about, e.g. `us-28-6`. */
  provision: Id.optional(),
  options: z.array(DomainOption).min(1, 'an issue needs at least one option'),
  note: z.string().optional(),
});
export type DomainIssue = z.infer<typeof DomainIssue>;

/**
 * One party's preferences.
 * - `weights`: issue id → weight ≥ 0 (any scale; scaled to sum 1; a missing issue weighs 0);
 * - `values`: issue id → option id → value 0–100 (required for every option of a weighted issue);
 * - `reservation`: utility of no agreement, 0–100;
 * - `redLines`: issue id → option ids the party cannot accept;
 * - `estimate`: true when the profile is an analyst's estimate rather than the party's own statement.
 */
export const PartyProfile = z.object({
  /** Party id (the process's party id when the domain belongs to a process). */
  party: Id,
  /** Display name; defaults to the party id. */
  name: z.string().min(1).optional(),
  weights: z.record(z.string(), z.number().min(0)),
  values: z.record(z.string(), z.record(z.string(), z.number().min(0).max(100))),
  reservation: z.number().min(0).max(100).default(0),
  redLines: z.record(z.string(), z.array(z.string())).default({}),
  estimate: z.boolean().default(false),
  note: z.string().optional(),
  /** Who may see this profile; a confidential profile is shown only to that party (and the mediator). */
  visibility: Visibility.default('public'),
});
export type PartyProfile = z.infer<typeof PartyProfile>;

/** A negotiation domain. `scale` says how utilities are reported: `100` (0–100, default) or `1` (0–1). */
export const Domain = z.object({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Reporting scale: utilities are computed on 0–100 and divided by 100 when this is 1. */
  scale: z.union([z.literal(100), z.literal(1)]).default(100),
  /** Where the domain came from, e.g. `genius-xml:anac2010_EnglandZimbabwe`. */
  source: z.string().optional(),
  issues: z.array(DomainIssue).min(1, 'a domain needs at least one issue'),
  profiles: z.array(PartyProfile).min(1, 'a domain needs at least one party profile'),
});
export type Domain = z.infer<typeof Domain>;
/** The input shape of a domain (defaults not yet applied). */
export type DomainInput = z.input<typeof Domain>;

function zodPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

/**
 * Validate a raw (parsed YAML/JSON) domain: the schema, then cross-references — unique issue, option
 * and party ids; weights, values and red lines naming existing issues and options; a value for every
 * option of every issue a party weighs; at least one positive weight per party.
 * @param raw the parsed object
 * @param file file name for error messages (e.g. `domain.yaml`)
 * @returns the domain with defaults applied
 * @throws AccordError `invalid_input` whose `details` list every problem with its dotted field path
 */
export function validateDomain(raw: unknown, file?: string): Domain {
  const parsed = Domain.safeParse(raw);
  const loc = file === undefined ? {} : { file };
  if (!parsed.success) {
    const details: ErrorDetail[] = parsed.error.issues.map((i) => ({ ...loc, field: zodPath(i.path), message: i.message }));
    throw new AccordError('invalid_input', `invalid negotiation domain (${details.length} problem${details.length === 1 ? '' : 's'})`, loc, details);
  }
  const d = parsed.data;
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ ...loc, field, message });
  const issueById = new Map<string, DomainIssue>();
  d.issues.forEach((iss, i) => {
    if (issueById.has(iss.id)) add(`issues[${i}].id`, `duplicate issue id "${iss.id}"`);
    issueById.set(iss.id, iss);
    const seen = new Set<string>();
    iss.options.forEach((o, j) => {
      if (seen.has(o.id)) add(`issues[${i}].options[${j}].id`, `duplicate option id "${o.id}" in issue "${iss.id}"`);
      seen.add(o.id);
    });
  });
  const parties = new Set<string>();
  d.profiles.forEach((p, k) => {
    const at = `profiles[${k}]`;
    if (parties.has(p.party)) add(`${at}.party`, `duplicate profile for party "${p.party}"`);
    parties.add(p.party);
    let total = 0;
    for (const [iid, w] of Object.entries(p.weights)) {
      if (!issueById.has(iid)) add(`${at}.weights.${iid}`, `unknown issue "${iid}"; expected one of ${[...issueById.keys()].join(', ')}`);
      else total += w;
    }
    if (!(total > 0)) add(`${at}.weights`, 'expected at least one positive issue weight');
    for (const [iid, vals] of Object.entries(p.values)) {
      const iss = issueById.get(iid);
      if (!iss) {
        add(`${at}.values.${iid}`, `unknown issue "${iid}"`);
        continue;
      }
      for (const oid of Object.keys(vals)) {
        if (!iss.options.some((o) => o.id === oid)) add(`${at}.values.${iid}.${oid}`, `unknown option "${oid}" of issue "${iid}"`);
      }
    }
    for (const iss of d.issues) {
      if (!((p.weights[iss.id] ?? 0) > 0)) continue;
      const vals = p.values[iss.id];
      for (const o of iss.options) {
        if (vals?.[o.id] === undefined) add(`${at}.values.${iss.id}.${o.id}`, `missing value (0–100) for option "${o.id}" of weighted issue "${iss.id}"`);
      }
    }
    for (const [iid, opts] of Object.entries(p.redLines)) {
      const iss = issueById.get(iid);
      if (!iss) {
        add(`${at}.redLines.${iid}`, `unknown issue "${iid}"`);
        continue;
      }
      opts.forEach((oid, j) => {
        if (!iss.options.some((o) => o.id === oid)) add(`${at}.redLines.${iid}[${j}]`, `unknown option "${oid}" of issue "${iid}"`);
      });
    }
  });
  if (problems.length) {
    throw new AccordError('invalid_input', `invalid negotiation domain (${problems.length} problem${problems.length === 1 ? '' : 's'})`, loc, problems);
  }
  return d;
}

/**
 * A domain compiled to arrays for the solvers. Indices: p party, i issue, o option (all in domain order).
 * `contrib[i][o][p]` = w_pi · v_pi(o) on 0–100 (weights already normalised, snapped to {@link UTILITY_GRID}), so a party's float
 * utility of an outcome is the sum of its contributions (exact values: ./exact.ts); `redLine[i][o]` lists the parties for which (i, o) is a red line.
 */
export interface CompiledDomain {
  domain: Domain;
  /** Party ids in profile order. */
  parties: string[];
  /** Display names in profile order. */
  names: string[];
  nParties: number;
  nIssues: number;
  contrib: Float64Array[][];
  reservation: Float64Array;
  redLine: number[][][];
}

/** Grid of the compiled contributions: 2^-30 ≈ 9.3e-10 utility points. */
export const UTILITY_GRID = 2 ** -30;

/**
 * Snap a contribution to the 2^-30 grid. Sums of grid multiples below 2^23 are exact in binary64, so
 * a package's float utility is the same whatever the summation order, and every solver and the brute
 * force see bit-identical values for the same package. Snapping moves each contribution by at most
 * 2^-31, so these floats are not the domain's exact utilities: two packages whose exact utilities are
 * equal can differ here by a grid step. Decisions that need exact ties — dominance and feasibility on
 * the Pareto frontier — are therefore made on the exact integers of ./exact.ts, not on these floats.
 */
export function quantise(x: number): number {
  return Math.round(x / UTILITY_GRID) * UTILITY_GRID;
}

/**
 * Slack (utility points, 0–100 scale) the float solvers allow when checking u ≥ reservation: snapping
 * to the grid can move a utility by up to ~1e-9 per issue, so a package meant to sit exactly at a
 * reservation still counts.
 */
export const FEASIBILITY_TOLERANCE = 1e-6;

/** Compile a validated domain (weights normalised to sum 1) for the solvers. */
export function compileDomain(d: Domain): CompiledDomain {
  const P = d.profiles.length;
  const contrib: Float64Array[][] = d.issues.map((iss) => iss.options.map(() => new Float64Array(P)));
  const redLine: number[][][] = d.issues.map((iss) => iss.options.map(() => []));
  d.profiles.forEach((prof, p) => {
    let total = 0;
    for (const iss of d.issues) total += prof.weights[iss.id] ?? 0;
    d.issues.forEach((iss, i) => {
      const w = (prof.weights[iss.id] ?? 0) / total;
      iss.options.forEach((o, j) => {
        contrib[i]![j]![p] = w === 0 ? 0 : quantise(w * (prof.values[iss.id]?.[o.id] ?? 0));
      });
      for (const oid of prof.redLines[iss.id] ?? []) {
        const j = iss.options.findIndex((o) => o.id === oid);
        if (j >= 0 && !redLine[i]![j]!.includes(p)) redLine[i]![j]!.push(p);
      }
    });
  });
  return {
    domain: d,
    parties: d.profiles.map((p) => p.party),
    names: d.profiles.map((p) => p.name ?? p.party),
    nParties: P,
    nIssues: d.issues.length,
    contrib,
    reservation: Float64Array.from(d.profiles.map((p) => p.reservation)),
    redLine,
  };
}

/**
 * Utilities (0–100) of an outcome given as one option index per issue, summed in issue order
 * (the same order every solver uses, so equal outcomes give bit-identical utilities).
 */
export function utilitiesOf(c: CompiledDomain, outcome: ArrayLike<number>): Float64Array {
  const u = new Float64Array(c.nParties);
  for (let i = 0; i < c.nIssues; i++) {
    const v = c.contrib[i]![outcome[i]!]!;
    for (let p = 0; p < c.nParties; p++) u[p]! += v[p]!;
  }
  return u;
}

/** Number of outcomes (Π of option counts); may exceed 2^53 and is then approximate. */
export function outcomeCount(d: Domain): number {
  return d.issues.reduce((n, iss) => n * iss.options.length, 1);
}
