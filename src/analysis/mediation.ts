/**
 * Simulation of the single negotiating text (one-text) procedure, as used at Camp David in 1978: the
 * mediator holds one package and revises it one issue at a time; a revision stands only if no party
 * is worse off by it. A party compares packages first by how many of its red lines they cross (fewer
 * is better), then by utility; "no worse" allows a 1e-6 slack for rounding.
 *
 * Two variants:
 * - `hill-climbing`: each round the mediator adopts, among all one-issue changes that no party
 *   objects to and that leave someone better off, the one with the largest total utility gain
 *   (steepest ascent); the trace lists only adopted changes.
 * - `veto`: the mediator walks the issues in turn and on each proposes the option with the largest
 *   total utility gain; any party left worse off vetoes it. Vetoed proposals are kept in the trace.
 *   The walk stops after a full pass over the issues without an adopted change.
 * Both stop at a package no single-issue change can improve unanimously (a local optimum of the
 * procedure), which is then compared with the Nash bargaining solution.
 */
import { compileDomain, FEASIBILITY_TOLERANCE, utilitiesOf, type CompiledDomain, type Domain } from './domain.js';
import { AccordError } from '../model/errors.js';
import { solveConcept } from './solve.js';

/** The procedure variant. */
export type MediationVariant = 'hill-climbing' | 'veto';

/** Options of {@link simulateMediation}. */
export interface MediationOptions {
  variant?: MediationVariant;
  /** Starting package: issue id → option id (default: each issue's first option, i.e. the draft's wording). */
  start?: Record<string, string>;
  /** Stop after this many rounds (default 10,000). */
  maxRounds?: number;
}

/** One round: the change the mediator put forward and what happened to it. */
export interface MediationRound {
  round: number;
  issue: string;
  from: string;
  to: string;
  accepted: boolean;
  /** Parties that vetoed (veto variant) — empty when accepted. */
  vetoedBy: string[];
  /** Utilities after the round (reporting scale), party name → utility. */
  utilities: Record<string, number>;
  /** Change of each party's utility had the proposal been adopted (reporting scale). */
  gains: Record<string, number>;
}

/** A simulated run. Utilities and distances on the domain's reporting scale. */
export interface MediationResult {
  variant: MediationVariant;
  start: Record<string, string>;
  end: Record<string, string>;
  endUtilities: Record<string, number>;
  rounds: MediationRound[];
  stoppedBecause: 'no-unanimous-improvement' | 'round-limit';
  /** The Nash package, or null when no package is feasible. */
  nash: { outcome: Record<string, string>; utilities: Record<string, number> } | null;
  /** Distance of the end point from the Nash package; null when there is none. */
  distanceFromNash: { euclidean: number; issuesDiffering: number; perParty: Record<string, number> } | null;
}

function redCount(c: CompiledDomain, o: number[], p: number): number {
  let n = 0;
  for (let i = 0; i < o.length; i++) if (c.redLine[i]![o[i]!]!.includes(p)) n++;
  return n;
}

/** −1 worse, 0 same, +1 better for party p going from (ra, ua) to (rb, ub). */
function verdict(ra: number, ua: number, rb: number, ub: number): number {
  if (rb !== ra) return rb < ra ? 1 : -1;
  if (ub > ua + FEASIBILITY_TOLERANCE) return 1;
  if (ub < ua - FEASIBILITY_TOLERANCE) return -1;
  return 0;
}

/**
 * Simulate the one-text procedure on a domain and compare its end point with the Nash package.
 * @throws AccordError `invalid_input` when `start` names an unknown issue or option
 */
export async function simulateMediation(domain: Domain, opts: MediationOptions = {}): Promise<MediationResult> {
  const c = compileDomain(domain);
  const k = domain.scale === 1 ? 0.01 : 1;
  const P = c.nParties;
  const variant = opts.variant ?? 'hill-climbing';
  const maxRounds = opts.maxRounds ?? 10_000;
  const cur: number[] = domain.issues.map((iss) => {
    const want = opts.start?.[iss.id];
    if (want === undefined) return 0;
    const j = iss.options.findIndex((o) => o.id === want);
    if (j < 0) {
      throw new AccordError('invalid_input', `unknown option "${want}" for issue "${iss.id}"`, { field: `start.${iss.id}` });
    }
    return j;
  });
  for (const key of Object.keys(opts.start ?? {})) {
    if (!domain.issues.some((iss) => iss.id === key)) {
      throw new AccordError('invalid_input', `unknown issue "${key}"`, { field: `start.${key}` });
    }
  }
  const rec = (o: number[]) => Object.fromEntries(domain.issues.map((iss, i) => [iss.id, iss.options[o[i]!]!.id]));
  const util = (u: Float64Array) => Object.fromEntries(c.names.map((n, p) => [n, u[p]! * k]));
  const start = rec(cur);
  const rounds: MediationRound[] = [];
  let u = utilitiesOf(c, cur);
  let reds = Array.from({ length: P }, (_, p) => redCount(c, cur, p));

  /** Evaluate switching issue i to option o: per-party verdicts, gains, total gain. */
  const evaluate = (i: number, o: number) => {
    const next = cur.slice();
    next[i] = o;
    const nu = utilitiesOf(c, next);
    const nr = Array.from({ length: P }, (_, p) => redCount(c, next, p));
    const verdicts = Array.from({ length: P }, (_, p) => verdict(reds[p]!, u[p]!, nr[p]!, nu[p]!));
    let total = 0;
    for (let p = 0; p < P; p++) total += nu[p]! - u[p]!;
    return { next, nu, nr, verdicts, total };
  };
  const push = (i: number, o: number, e: ReturnType<typeof evaluate>, accepted: boolean) => {
    rounds.push({
      round: rounds.length + 1,
      issue: domain.issues[i]!.id,
      from: domain.issues[i]!.options[cur[i]!]!.id,
      to: domain.issues[i]!.options[o]!.id,
      accepted,
      vetoedBy: accepted ? [] : c.names.filter((_, p) => e.verdicts[p]! < 0),
      utilities: util(accepted ? e.nu : u),
      gains: Object.fromEntries(c.names.map((n, p) => [n, (e.nu[p]! - u[p]!) * k])),
    });
  };
  const adopt = (i: number, o: number, e: ReturnType<typeof evaluate>) => {
    push(i, o, e, true);
    cur[i] = o;
    u = e.nu;
    reds = e.nr;
  };
  let stopped: MediationResult['stoppedBecause'] = 'no-unanimous-improvement';
  if (variant === 'hill-climbing') {
    for (;;) {
      if (rounds.length >= maxRounds) {
        stopped = 'round-limit';
        break;
      }
      let best: { i: number; o: number; e: ReturnType<typeof evaluate> } | null = null;
      for (let i = 0; i < c.nIssues; i++) {
        for (let o = 0; o < c.contrib[i]!.length; o++) {
          if (o === cur[i]) continue;
          const e = evaluate(i, o);
          if (e.verdicts.some((v) => v < 0) || !e.verdicts.some((v) => v > 0)) continue;
          if (!best || e.total > best.e.total + 1e-12) best = { i, o, e };
        }
      }
      if (!best) break;
      adopt(best.i, best.o, best.e);
    }
  } else {
    let sinceAdopted = 0;
    let i = 0;
    while (sinceAdopted < c.nIssues) {
      if (rounds.length >= maxRounds) {
        stopped = 'round-limit';
        break;
      }
      // The mediator's proposal on issue i: the option with the largest total gain (red lines aside).
      let bo = -1;
      let be: ReturnType<typeof evaluate> | null = null;
      for (let o = 0; o < c.contrib[i]!.length; o++) {
        if (o === cur[i]) continue;
        const e = evaluate(i, o);
        if (!e.verdicts.some((v) => v > 0)) continue;
        if (!be || e.total > be.total + 1e-12) {
          be = e;
          bo = o;
        }
      }
      if (be && bo >= 0) {
        const e = be;
        if (e.verdicts.some((v) => v < 0)) {
          push(i, bo, e, false);
          sinceAdopted++;
        } else {
          adopt(i, bo, e);
          sinceAdopted = 0;
        }
      } else sinceAdopted++;
      i = (i + 1) % c.nIssues;
    }
  }
  const nashOpt = await solveConcept(c, 'nash');
  let nash: MediationResult['nash'] = null;
  let distance: MediationResult['distanceFromNash'] = null;
  if (nashOpt) {
    nash = { outcome: rec(nashOpt.outcome), utilities: util(nashOpt.u) };
    let sq = 0;
    for (let p = 0; p < P; p++) sq += ((nashOpt.u[p]! - u[p]!) * k) ** 2;
    distance = {
      euclidean: Math.sqrt(sq),
      issuesDiffering: cur.filter((o, i) => o !== nashOpt.outcome[i]).length,
      perParty: Object.fromEntries(c.names.map((n, p) => [n, (nashOpt.u[p]! - u[p]!) * k])),
    };
  }
  return { variant, start, end: rec(cur), endUtilities: util(u), rounds, stoppedBecause: stopped, nash, distanceFromNash: distance };
}
