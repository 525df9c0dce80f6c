/**
 * The search space of the exact solvers: each issue's options after removing red-lined ones (unless
 * asked to keep them) and options weakly dominated for every party on that issue — such an option
 * can never improve a monotone criterion, so dropping it keeps every optimum.
 */
import type { CompiledDomain } from './domain.js';

/** One candidate option of an issue in the reduced search space. */
export interface Cand {
  /** Option index in the domain. */
  o: number;
  /** Contribution to each party's utility (0–100 scale). */
  v: Float64Array;
}

/**
 * The search space after removing red-lined options (unless ignored) and options weakly dominated
 * for every party. `issues[j]` is the domain issue index of position j; `cands[j]` its options.
 */
export interface Space {
  c: CompiledDomain;
  P: number;
  issues: number[];
  cands: Cand[][];
  /** Issues whose every option is someone's red line (the space is then empty). */
  blocked: number[];
  /** True when red-lined options were kept. */
  ignoreRedLines: boolean;
}

/** Build the reduced space. With `ignoreRedLines`, red-lined options stay in. */
export function buildSpace(c: CompiledDomain, opts: { ignoreRedLines?: boolean } = {}): Space {
  const P = c.nParties;
  const issues: number[] = [];
  const cands: Cand[][] = [];
  const blocked: number[] = [];
  for (let i = 0; i < c.nIssues; i++) {
    const opts2: Cand[] = [];
    c.contrib[i]!.forEach((v, o) => {
      if (!opts.ignoreRedLines && c.redLine[i]![o]!.length) return;
      opts2.push({ o, v });
    });
    if (!opts2.length) {
      blocked.push(i);
      continue;
    }
    const keep = opts2.filter((a, ai) =>
      !opts2.some((b, bi) => {
        if (bi === ai) return false;
        let strict = false;
        for (let p = 0; p < P; p++) {
          if (b.v[p]! < a.v[p]!) return false;
          if (b.v[p]! > a.v[p]!) strict = true;
        }
        return strict || bi < ai; // equal vectors: keep the first
      }),
    );
    issues.push(i);
    cands.push(keep);
  }
  return { c, P, issues, cands, blocked, ignoreRedLines: !!opts.ignoreRedLines };
}

/** Every option of every issue (no red-line filtering, no dominance pruning): for the infeasibility MILPs. */
export function buildSpaceAll(c: CompiledDomain): Space {
  return {
    c,
    P: c.nParties,
    issues: c.domain.issues.map((_, i) => i),
    cands: c.contrib.map((os) => os.map((v, o) => ({ o, v }))),
    blocked: [],
    ignoreRedLines: true,
  };
}
