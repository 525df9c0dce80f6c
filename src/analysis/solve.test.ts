import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForce } from './brute.js';
import { compileDomain, validateDomain, type Domain, type DomainInput } from './domain.js';
import { importGeniusXml } from './genius.js';
import { paretoFrontier } from './pareto.js';
import { CONCEPTS, solveDomain, toContract, type Concept } from './solve.js';

const shared = new URL('../../../shared/negotiation-domains/', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, shared), 'utf8');

interface RefPoint {
  utils: number[];
  outcome: unknown[];
}
interface Ref {
  domain: string;
  profiles: string[];
  pareto_size: number;
  nash: RefPoint[];
  ks: RefPoint[];
  egalitarian_kalai: RefPoint[];
  max_welfare: RefPoint[];
}
const refs: Ref[] = read('reference-solutions.jsonl')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Ref);
const domainFile: Record<string, string> = {
  anac2010_EnglandZimbabwe: 'EnglandZimbabwe_domain.xml',
  anac2010_ItexvsCypress: 'ItexvsCypress_domain.xml',
  anac2015_Politics: 'Politics.xml',
  genius_laptopdomain: 'laptop_domain.xml',
};

function loadRef(ref: Ref): Domain {
  const dir = `genius-xml/${ref.domain}/`;
  return importGeniusXml(
    read(dir + domainFile[ref.domain]!),
    ref.profiles.map((name) => ({ name, text: read(`${dir}${name}.xml`) })),
    { domainFile: domainFile[ref.domain]! },
  );
}

/** The reported utilities match one of the reference's (tied) points to 1e-4. */
function matchesOne(utilities: Record<string, number>, names: string[], pts: RefPoint[]): boolean {
  const mine = names.map((n) => utilities[n]!);
  return pts.some((pt) => pt.utils.every((x, i) => Math.abs(x - mine[i]!) <= 1e-4));
}

describe('reference solutions (NegMAS 0.15.7 on GENIUS domains)', () => {
  it('covers every domain in the reference file', () => {
    expect(refs.map((r) => r.domain).sort()).toEqual(Object.keys(domainFile).sort());
  });
  for (const ref of refs) {
    it(`${ref.domain}: Pareto size and Nash, KS, max-min, max-welfare utilities`, async () => {
      const d = loadRef(ref);
      const sol = await solveDomain(d);
      const front = paretoFrontier(compileDomain(d));
      const out = toContract(sol, front.distinct);
      expect(front.exact).toBe(true);
      expect(out.paretoSize).toBe(ref.pareto_size);
      expect(out.parties).toEqual(ref.profiles);
      const pairs: [Concept, RefPoint[]][] = [
        ['nash', ref.nash],
        ['kalaiSmorodinsky', ref.ks],
        ['egalitarian', ref.egalitarian_kalai],
        ['utilitarian', ref.max_welfare],
      ];
      for (const [concept, pts] of pairs) {
        const s = out[concept];
        expect(s, concept).not.toBeNull();
        expect(matchesOne(s!.utilities, ref.profiles, pts), `${concept}: ${JSON.stringify(s!.utilities)} vs ${JSON.stringify(pts.map((p) => p.utils))}`).toBe(true);
      }
      expect(out.infeasible).toBeNull();
    });
  }
});

/** A random domain of at most 3^8 outcomes and 2–5 parties (integer values, some reservations and red lines). */
const arbDomain = fc
  .record({
    P: fc.integer({ min: 2, max: 5 }),
    I: fc.integer({ min: 1, max: 8 }),
    seedValues: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5 * 8 * 3, maxLength: 5 * 8 * 3 }),
    seedWeights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5 * 8, maxLength: 5 * 8 }),
    options: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 8, maxLength: 8 }),
    reservations: fc.array(fc.integer({ min: 0, max: 70 }), { minLength: 5, maxLength: 5 }),
    withReservations: fc.boolean(),
    redLines: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
  })
  .map(({ P, I, seedValues, seedWeights, options, reservations, withReservations, redLines }): Domain => {
    const issues = Array.from({ length: I }, (_, i) => ({
      id: `i${i}`,
      name: `issue ${i}`,
      options: Array.from({ length: options[i]! }, (_, o) => ({ id: `o${o}`, label: `option ${o}` })),
    }));
    const raw: DomainInput = {
      id: 'random',
      name: 'random',
      issues,
      profiles: Array.from({ length: P }, (_, p) => {
        const weights = Object.fromEntries(issues.map((iss, i) => [iss.id, seedWeights[p * 8 + i]!]));
        if (Object.values(weights).every((w) => w === 0)) weights['i0'] = 1;
        const rl: Record<string, string[]> = {};
        for (const [q, i, o] of redLines) if (q === p && i < I && o < options[i]!) (rl[`i${i}`] ??= []).push(`o${o}`);
        return {
          party: `p${p}`,
          weights,
          values: Object.fromEntries(issues.map((iss, i) => [iss.id, Object.fromEntries(iss.options.map((o, j) => [o.id, seedValues[(p * 8 + i) * 3 + j]!]))])),
          reservation: withReservations ? reservations[p]! : 0,
          redLines: rl,
        };
      }),
    };
    return validateDomain(raw);
  });

function conceptValue(concept: Concept, u: number[], r: Float64Array, M: Float64Array): number {
  const S = u.map((_, p) => p).filter((p) => M[p]! - r[p]! > 1e-6);
  switch (concept) {
    case 'egalitarian':
      return Math.min(...u.map((x, p) => x - r[p]!));
    case 'utilitarian':
      return u.reduce((a, b) => a + b, 0);
    case 'kalaiSmorodinsky':
      return S.length ? Math.min(...S.map((p) => (u[p]! - r[p]!) / (M[p]! - r[p]!))) : 0;
    case 'nash':
      return S.reduce((s, p) => s + Math.log(u[p]! - r[p]!), 0);
  }
}

describe('exact solvers against brute-force enumeration', () => {
  it('every concept reaches the brute-force optimum; infeasibility agrees', async () => {
    await fc.assert(
      fc.asyncProperty(arbDomain, async (d) => {
        const c = compileDomain(d);
        const bf = bruteForce(c);
        const sol = await solveDomain(d, { explainRedLines: false });
        expect(sol.feasible).toBe(bf.feasible > 0);
        if (!bf.feasible) {
          expect(sol.infeasible).not.toBeNull();
          return;
        }
        for (let p = 0; p < c.nParties; p++) expect(sol.ideal![c.names[p]!]).toBeCloseTo(bf.ideal![p]!, 7);
        for (const concept of CONCEPTS) {
          const s = sol.solutions[concept];
          const want = bf[concept];
          if (want === null) continue;
          expect(s, concept).toBeDefined();
          const u = c.names.map((n) => s!.utilities[n]!);
          for (let p = 0; p < c.nParties; p++) expect(u[p]!).toBeGreaterThanOrEqual(c.reservation[p]! - 1e-6);
          const got = conceptValue(concept, u, c.reservation, bf.ideal!);
          expect(Math.abs(got - want), `${concept}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(want)));
        }
      }),
      { numRuns: 100, seed: 20251120 },
    );
  }, 60_000);

  it('the HiGHS MILP engine (outer approximation for Nash) agrees with brute force too', async () => {
    await fc.assert(
      fc.asyncProperty(arbDomain, async (d) => {
        const c = compileDomain(d);
        const bf = bruteForce(c);
        if (!bf.feasible) return;
        const sol = await solveDomain(d, { engine: 'milp', explainRedLines: false });
        for (const concept of CONCEPTS) {
          const want = bf[concept];
          if (want === null) continue;
          const s = sol.solutions[concept]!;
          expect(s.engine).toBe('milp');
          const got = conceptValue(concept, c.names.map((n) => s.utilities[n]!), c.reservation, bf.ideal!);
          expect(Math.abs(got - want), `${concept}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(want)));
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 60_000);
});

describe('explanations and infeasibility', () => {
  const base: DomainInput = {
    id: 'toy',
    name: 'toy',
    issues: [
      { id: 'cap', name: 'army cap', options: [{ id: 'c600', label: '600k' }, { id: 'c800', label: '800k' }] },
      { id: 'amnesty', name: 'amnesty', options: [{ id: 'full', label: 'full' }, { id: 'none', label: 'none' }] },
    ],
    profiles: [
      { party: 'a', weights: { cap: 3, amnesty: 1 }, values: { cap: { c600: 100, c800: 0 }, amnesty: { full: 100, none: 0 } }, reservation: 20 },
      { party: 'b', weights: { cap: 1, amnesty: 1 }, values: { cap: { c600: 0, c800: 100 }, amnesty: { full: 0, none: 100 } }, reservation: 40 },
    ],
  };

  it('explains utilities, gains, distance from best and binding reservations (hand-checked)', async () => {
    // Packages (u_a, u_b): 600k+full (100, 0), 600k+none (75, 50), 800k+full (25, 50), 800k+none (0, 100).
    // Feasible (a ≥ 20, b ≥ 40): 600k+none and 800k+full. Ideal: a 75, b 50.
    const sol = await solveDomain(validateDomain(base));
    expect(sol.feasible).toBe(true);
    expect(sol.ideal).toEqual({ a: 75, b: 50 });
    const n = sol.solutions.nash!;
    expect(n.outcome).toEqual({ cap: 'c600', amnesty: 'none' }); // gains (55, 10) → 550 beats (5, 10) → 50
    expect(n.value).toBeCloseTo(550, 9);
    const pa = n.parties.find((p) => p.party === 'a')!;
    expect(pa).toMatchObject({ utility: 75, reservation: 20, gain: 55, best: 75, fromBest: 0, atReservation: false });
    expect(sol.solutions.egalitarian!.outcome).toEqual({ cap: 'c600', amnesty: 'none' }); // min gain 10 vs 5
    expect(sol.solutions.utilitarian!.utilities).toEqual({ a: 75, b: 50 });
  });

  it('names binding red lines: those the criterion would cross without them', async () => {
    const d = validateDomain({ ...base, profiles: [{ ...base.profiles[0]!, redLines: { amnesty: ['none'] } }, base.profiles[1]!] });
    const sol = await solveDomain(d);
    // Only 800k+full is feasible now.
    expect(sol.solutions.utilitarian!.outcome).toEqual({ cap: 'c800', amnesty: 'full' });
    expect(sol.solutions.utilitarian!.bindingRedLines).toEqual([{ party: 'a', issue: 'amnesty', option: 'none' }]);
    expect(sol.solutions.utilitarian!.parties.find((p) => p.party === 'a')!.fromBest).toBe(0);
  });

  it('finds the fewest red lines and the smallest reservation cuts when nothing is feasible', async () => {
    const d = validateDomain({
      ...base,
      profiles: [
        { ...base.profiles[0]!, reservation: 60, redLines: { cap: ['c800'] } },
        { ...base.profiles[1]!, reservation: 60, redLines: { cap: ['c600'] } },
      ],
    });
    const sol = await solveDomain(d);
    expect(sol.feasible).toBe(false);
    const inf = sol.infeasible!;
    expect(inf.blockedIssues).toEqual(['cap']);
    // Moving one red line is not enough for both reservations of 60: best packages give (75, 50) or (25, 50)...
    // with a's cap line moved: 800k+none (0, 100) fails a; with b's moved: 600k+none (75, 50) fails b.
    expect(inf.redLines).toBeNull();
    expect(inf.reservationCuts).toBeNull();
    // Combined: one red line moved (b's, to 600k), then the smallest cut: 600k+none → b cut 10.
    expect(inf.combined.redLines).toBe(1);
    expect(inf.combined.byParty).toEqual({ b: [{ issue: 'cap', option: 'c600' }] });
    expect(inf.combined.cuts).toEqual({ b: 10 });
  });
});
