/**
 * When no package is feasible: the fewest red lines to move, the smallest reservation cuts, and both
 * together, by HiGHS MILPs over every option.
 */
import { utilitiesOf, type CompiledDomain } from './domain.js';
import { getHighs, solveLinear } from './highs.js';
import { baseMilp, outcomeFromX, xLayout } from './milp.js';
import { buildSpace, buildSpaceAll } from './space.js';

function outcomeRecord(c: CompiledDomain, o: number[]): Record<string, string> {
  const rec: Record<string, string> = {};
  c.domain.issues.forEach((iss, i) => (rec[iss.id] = iss.options[o[i]!]!.id));
  return rec;
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
