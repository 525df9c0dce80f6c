import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumerateOutcomes } from './brute.js';
import { compileDomain, validateDomain, type Domain, type DomainInput } from './domain.js';
import { compileExact, exactSums, lcm, rationalOf, reduce } from './exact.js';
import { importGeniusFolder } from './genius.js';
import { rng } from './random.js';
import { assessPackage, conflictLevels, hullVertices, oppositionLevel, relativeWelfare } from './measures.js';
import { paretoFrontier, type Frontier } from './pareto.js';
import { solveDomain } from './solve.js';

const issue = (id: string, n: number) => ({ id, name: id, options: Array.from({ length: n }, (_, o) => ({ id: `${id}${o}`, label: `${id}${o}` })) });

/** Small random domains, 2–4 parties, values on a grid (ties), some reservations. */
const arb = fc
  .record({
    P: fc.integer({ min: 2, max: 4 }),
    sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }),
    vals: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4 * 6 * 3, maxLength: 4 * 6 * 3 }),
    ws: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4 * 6, maxLength: 4 * 6 }),
    res: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ P, sizes, vals, ws, res }): Domain => {
    const issues = sizes.map((n, i) => issue(`i${i}`, n));
    const raw: DomainInput = {
      id: 'm',
      name: 'm',
      issues,
      profiles: Array.from({ length: P }, (_, p) => ({
        party: `p${p}`,
        weights: Object.fromEntries(issues.map((iss, i) => [iss.id, ws[p * 6 + i]!])),
        values: Object.fromEntries(issues.map((iss, i) => [iss.id, Object.fromEntries(iss.options.map((o, j) => [o.id, 25 * vals[(p * 6 + i) * 3 + j]!]))])),
        reservation: res[p]!,
      })),
    };
    return validateDomain(raw);
  });

/** Feasible outcomes with their float utilities, by enumeration (reservations with a 1e-9 slack). */
function feasible(d: Domain): { o: number[]; u: Float64Array }[] {
  const c = compileDomain(d);
  const out: { o: number[]; u: Float64Array }[] = [];
  enumerateOutcomes(c, (o, u) => {
    if (Array.from(u).every((v, p) => v >= c.reservation[p]! - 1e-9)) out.push({ o: o.slice(), u: u.slice() });
  });
  return out;
}

describe('conflict level', () => {
  it('is 1 for a zero-sum pair and 0 for identical preferences (hand-checked)', () => {
    const d = validateDomain({
      id: 'z',
      name: 'z',
      issues: [issue('x', 3), issue('y', 2)],
      profiles: [
        { party: 'a', weights: { x: 1, y: 1 }, values: { x: { x0: 0, x1: 50, x2: 100 }, y: { y0: 0, y1: 100 } } },
        { party: 'b', weights: { x: 1, y: 1 }, values: { x: { x0: 100, x1: 50, x2: 0 }, y: { y0: 100, y1: 0 } } },
        { party: 'c', weights: { x: 1, y: 1 }, values: { x: { x0: 0, x1: 50, x2: 100 }, y: { y0: 0, y1: 100 } } },
      ],
    });
    const levels = conflictLevels(compileDomain(d));
    expect(levels.map((l) => [l.a, l.b, l.level])).toEqual([
      ['a', 'b', 1],
      ['a', 'c', 0],
      ['b', 'c', 1],
    ]);
    // 6 packages, 15 pairs; a's utilities 0, 25, 50, 50, 75, 100: one pair (x2,y0)/(x0,y1) tied for all → 14 counted.
    expect(levels[0]!.pairs).toBe(14);
  });

  it('equals a count over every pair of packages on random domains', () => {
    fc.assert(
      fc.property(arb, (d) => {
        const c = compileDomain(d);
        const x = compileExact(c);
        const all: bigint[][] = [];
        enumerateOutcomes(c, (o) => void all.push(exactSums(x, o)));
        const got = conflictLevels(c);
        let k = 0;
        for (let p = 0; p < c.nParties; p++) {
          for (let q = p + 1; q < c.nParties; q++) {
            let disc = 0;
            let n = 0;
            for (let i = 0; i < all.length; i++) {
              for (let j = i + 1; j < all.length; j++) {
                const dp = all[i]![p]! - all[j]![p]!;
                const dq = all[i]![q]! - all[j]![q]!;
                if (dp === 0n && dq === 0n) continue;
                n++;
                if ((dp > 0n && dq < 0n) || (dp < 0n && dq > 0n)) disc++;
              }
            }
            expect(got[k]!.pairs).toBe(n);
            expect(got[k]!.level).toBeCloseTo(n ? disc / n : 1, 12);
            k++;
          }
        }
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('opposition level and relative welfare', () => {
  it('equal brute-force minima and maxima over the feasible packages', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const c = compileDomain(d);
        const pkgs = feasible(d);
        const f = paretoFrontier(c);
        const opp = oppositionLevel(c, f);
        if (!pkgs.length) {
          expect(opp).toBeNull();
          return;
        }
        const best = c.contrib.reduce((acc, os) => acc.map((v, p) => v + Math.max(...os.map((o) => o[p]!))), new Array<number>(c.nParties).fill(0));
        const want = Math.min(...pkgs.map(({ u }) => Math.sqrt(Array.from(u).reduce((s, v, p) => s + (1 - v / best[p]!) ** 2, 0))));
        expect(opp!.level).toBeCloseTo(want, 9);
        const M = new Array<number>(c.nParties).fill(0).map((_, p) => Math.max(...pkgs.map(({ u }) => u[p]!)));
        const rw = await relativeWelfare(c);
        const score = (u: Float64Array) => Array.from(u).reduce((s, v, p) => (M[p]! - c.reservation[p]! > 1e-6 ? s + (v - c.reservation[p]!) / (M[p]! - c.reservation[p]!) : s), 0);
        const wantRw = Math.max(...pkgs.map(({ u }) => score(u)));
        expect(rw!.value).toBeCloseTo(wantRw, 7);
      }),
      { numRuns: 60, seed: 9 },
    );
  }, 60_000);
});

describe('convex hull of the frontier', () => {
  it('2 parties: keeps the strict vertices only (hand-checked, exact)', async () => {
    // One issue, options worth (100,0), (60,40), (50,55), (40,60), (0,100).
    const pts = [
      [100, 0],
      [60, 40],
      [50, 55],
      [40, 60],
      [0, 100],
    ];
    const d = validateDomain({
      id: 'h',
      name: 'h',
      issues: [issue('x', 5)],
      profiles: [0, 1].map((p) => ({ party: `p${p}`, weights: { x: 1 }, values: { x: Object.fromEntries(pts.map((v, o) => [`x${o}`, v[p]!])) } })),
    });
    const c = compileDomain(d);
    const f = paretoFrontier(c);
    const hull = (await hullVertices(c, f))!;
    const got = hull.vertices.map((k) => Array.from(f.points[k]!.u)).sort((a, b) => a[0]! - b[0]!);
    // (40,60) lies under the segment (0,100)–(50,55) (64 at 40); (60,40) under (50,55)–(100,0) (44 at 60).
    expect(got).toEqual([
      [0, 100],
      [50, 55],
      [100, 0],
    ]);
    expect(hull.exact).toBe(true);
  });

  it('3 parties: a point under the plane through the unit vectors is not a vertex; one above is', async () => {
    const c = compileDomain(
      validateDomain({ id: 't', name: 't', issues: [issue('x', 2)], profiles: [0, 1, 2].map((p) => ({ party: `p${p}`, weights: { x: 1 }, values: { x: { x0: 0, x1: 0 } } })) }),
    );
    const mk = (u: number[]) => ({ u: Float64Array.from(u), count: 1, outcome: [0] });
    const f = (extra: number[]): Frontier => ({
      exact: true, method: 'merge', points: [mk([100, 0, 0]), mk([0, 100, 0]), mk([0, 0, 100]), mk(extra)], size: 4, distinct: 4, outcomes: 4, countsExact: true, bound: null, coverage: null, issuesMerged: 1, note: '',
    });
    expect((await hullVertices(c, f([30, 30, 30])))!.vertices).toEqual([0, 1, 2]);
    expect((await hullVertices(c, f([40, 40, 40])))!.vertices).toEqual([0, 1, 2, 3]);
  });
});

describe('assessing a package', () => {
  const toy = validateDomain({
    id: 'toy',
    name: 'toy',
    issues: [issue('cap', 2), issue('amn', 2)],
    profiles: [
      { party: 'a', weights: { cap: 3, amn: 1 }, values: { cap: { cap0: 100, cap1: 0 }, amn: { amn0: 100, amn1: 0 } } },
      { party: 'b', weights: { cap: 1, amn: 1 }, values: { cap: { cap0: 0, cap1: 100 }, amn: { amn0: 100, amn1: 100 } }, redLines: { amn: ['amn1'] } },
    ],
  });

  it('says how far a dominated draft is from Pareto and from Nash (hand-checked)', async () => {
    // Packages (u_a, u_b): (cap0, amn0) = (100, 50); (cap1, amn0) = (25, 100); amn1 is b's red line,
    // so the draft (cap0, amn1) is infeasible, and (cap0, amn0) is on the frontier.
    const c = compileDomain(toy);
    const f = paretoFrontier(c);
    const sol = await solveDomain(toy);
    const nash = { outcome: sol.solutions.nash!.outcomeIndex, u: Float64Array.from(c.names.map((n) => sol.solutions.nash!.utilities[n]!)) };
    const red = await assessPackage(c, [0, 1], f, nash);
    expect(red.feasible).toBe(false);
    expect(red.redLinesCrossed).toEqual([{ party: 1, issue: 1 }]);
    expect(red.pareto).toBeNull();
    const ok = await assessPackage(c, [0, 0], f, nash);
    expect(ok.pareto).toMatchObject({ optimal: true, by: 'exact-frontier', commonGain: 0, distance: 0 });
  });

  it('finds the common and the total gain of a dominated package', async () => {
    const d = validateDomain({
      id: 'g',
      name: 'g',
      issues: [issue('x', 3)],
      profiles: [
        { party: 'a', weights: { x: 1 }, values: { x: { x0: 20, x1: 50, x2: 90 } } },
        { party: 'b', weights: { x: 1 }, values: { x: { x0: 30, x1: 60, x2: 40 } } },
      ],
    });
    const c = compileDomain(d);
    const f = paretoFrontier(c);
    const r = await assessPackage(c, [0], f, null);
    // From (20, 30): x1 gives (+30, +30), x2 gives (+70, +10): common gain 30 (x1), total gain 80 (x2).
    expect(r.pareto).toMatchObject({ optimal: false, commonGain: 30, commonGainOutcome: [1], totalGain: 80, totalGainOutcome: [2] });
    // Nearest frontier point: (50, 60) at √(900 + 900) ≈ 42.43; (90, 40) at √(4900 + 100) ≈ 70.7.
    expect(r.pareto!.distance).toBeCloseTo(Math.sqrt(1800), 9);
  });
});

/** Exact utilities of every package by enumeration, computed here from the domain's rationals (independent of ./exact.ts's scaling). */
function exactTable(d: Domain) {
  const P = d.profiles.length;
  const sizes = d.issues.map((iss) => iss.options.length);
  // term[i][o][p] = w_pi · v_pio / W_p · 100-scale, as a rational; D[p] a common denominator.
  const D: bigint[] = [];
  const T: bigint[][][] = d.issues.map((iss) => iss.options.map(() => new Array<bigint>(P).fill(0n)));
  const R: bigint[] = [];
  d.profiles.forEach((prof, p) => {
    const ws = d.issues.map((iss) => rationalOf(prof.weights[iss.id] ?? 0));
    const W = ws.reduce((a, b) => reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d }), { n: 0n, d: 1n });
    const terms = d.issues.map((iss, i) => iss.options.map((o) => reduce({ n: ws[i]!.n * rationalOf(prof.values[iss.id]?.[o.id] ?? 0).n * W.d, d: ws[i]!.d * rationalOf(prof.values[iss.id]?.[o.id] ?? 0).d * W.n })));
    const r = rationalOf(prof.reservation);
    let Dp = r.d;
    for (const os of terms) for (const t of os) Dp = lcm(Dp, t.d);
    D.push(Dp);
    terms.forEach((os, i) => os.forEach((t, o) => (T[i]![o]![p] = (t.n * Dp) / t.d)));
    R.push((r.n * Dp) / r.d);
  });
  const rows: { o: number[]; s: bigint[]; feasible: boolean }[] = [];
  const o = new Array<number>(sizes.length).fill(0);
  for (;;) {
    const s = new Array<bigint>(P).fill(0n);
    o.forEach((j, i) => T[i]![j]!.forEach((v, p) => (s[p]! += v)));
    const red = d.profiles.some((prof) => d.issues.some((iss, i) => (prof.redLines[iss.id] ?? []).includes(iss.options[o[i]!]!.id)));
    rows.push({ o: o.slice(), s, feasible: !red && s.every((v, p) => v >= R[p]!) });
    let k = 0;
    while (k < sizes.length) {
      o[k]!++;
      if (o[k]! < sizes[k]!) break;
      o[k] = 0;
      k++;
    }
    if (k === sizes.length) break;
  }
  /** Utility 0–100 as a float. */
  const u = (s: bigint, p: number) => Number(s) / Number(D[p]!);
  const res = (p: number) => Number(R[p]!) / Number(D[p]!);
  return { P, rows, u, res };
}

const maxOf = (v: number[]) => v.reduce((a, b) => (b > a ? b : a), -Infinity);
const minOf = (v: number[]) => v.reduce((a, b) => (b < a ? b : a), Infinity);
const dominates = (a: bigint[], b: bigint[]) => a.every((v, p) => v >= b[p]!) && a.some((v, p) => v > b[p]!);

/** 200 packages (5 × 5 × 8), 3 parties, values on a coarse grid and equal weights: many exact ties. */
function tied200(): Domain {
  const r = rng(77);
  const issues = [issue('a', 5), issue('b', 5), issue('c', 8)];
  return validateDomain({
    id: 'tied200',
    name: 'tied200',
    issues,
    profiles: [0, 1, 2].map((p) => ({
      party: `p${p}`,
      weights: Object.fromEntries(issues.map((iss, i) => [iss.id, [1, 2, 1][(i + p) % 3]!])),
      values: Object.fromEntries(issues.map((iss) => [iss.id, Object.fromEntries(iss.options.map((o) => [o.id, 25 * Math.floor(r() * 5)]))])),
      reservation: p === 0 ? 20 : 0,
      redLines: p === 2 ? { c: ['c7'] } : {},
    })),
  });
}

function geniusFolder(dir: string): Domain {
  const base = new URL(`../../../shared/negotiation-domains/genius-xml/${dir}/`, import.meta.url);
  return importGeniusFolder(readdirSync(base).filter((f) => f.endsWith('.xml')).map((f) => ({ name: f, text: readFileSync(new URL(f, base), 'utf8') })));
}

describe('measures against brute force over every package: Car, Energy and a 200-package tied domain', () => {
  const cases: [string, () => Domain, boolean][] = [
    ['anac2011_Car', () => geniusFolder('anac2011_Car'), true],
    ['anac2011_Energy', () => geniusFolder('anac2011_Energy'), false],
    ['tied200', tied200, true],
  ];
  for (const [name, load, pairwise] of cases) {
    it(`${name}: opposition, relative welfare, hull, package standing${pairwise ? ', conflict and win-win' : ''}`, async () => {
      const d = load();
      const c = compileDomain(d);
      const { P, rows, u, res } = exactTable(d);
      const feas = rows.filter((x) => x.feasible);
      const f = paretoFrontier(c);
      expect(f.exact).toBe(true);

      // Brute-force frontier: feasible rows no feasible row dominates (distinct vectors).
      const frontKeys = new Set<string>();
      if (P === 2) {
        // Staircase: distinct vectors by u0 descending (u1 descending among equals); keep each whose u1
        // beats every u1 before it.
        const dv = [...new Map(feas.map((x) => [x.s.join(','), x.s])).values()].sort((a, b) => (a[0]! !== b[0]! ? (a[0]! > b[0]! ? -1 : 1) : a[1]! > b[1]! ? -1 : a[1]! < b[1]! ? 1 : 0));
        let top: bigint | null = null;
        for (const v of dv) {
          if (top === null || v[1]! > top) {
            frontKeys.add(v.join(','));
            top = v[1]!;
          }
        }
      } else for (const a of feas) if (!feas.some((b) => dominates(b.s, a.s))) frontKeys.add(a.s.join(','));
      expect(f.distinct).toBe(frontKeys.size);

      // Opposition: best_p over all packages; min distance over feasible ones.
      const best = Array.from({ length: P }, (_, p) => maxOf(rows.map((x) => u(x.s[p]!, p))));
      const opp = minOf(feas.map((x) => Math.sqrt(x.s.reduce((acc, v, p) => acc + (1 - u(v, p) / best[p]!) ** 2, 0))));
      expect(oppositionLevel(c, f)!.level).toBeCloseTo(opp, 10);

      // Relative welfare: M_p over feasible packages.
      const M = Array.from({ length: P }, (_, p) => maxOf(feas.map((x) => u(x.s[p]!, p))));
      const rwScore = (s: bigint[]) => s.reduce((acc, v, p) => (M[p]! - res(p) > 1e-9 ? acc + (u(v, p) - res(p)) / (M[p]! - res(p)) : acc), 0);
      const rw = (await relativeWelfare(c))!;
      expect(rw.value).toBeCloseTo(maxOf(feas.map((x) => rwScore(x.s))), 7);

      // Convex hull (2 parties): a frontier point is not a vertex when it lies on or under a segment
      // between two other frontier points on either side of it (exact cross products).
      if (P === 2) {
        const F = [...frontKeys].map((k) => k.split(',').map(BigInt));
        const isVertex = (q: bigint[]) =>
          !F.some((a) => a[0]! < q[0]! && F.some((b) => b[0]! > q[0]! && (b[0]! - a[0]!) * (q[1]! - a[1]!) - (b[1]! - a[1]!) * (q[0]! - a[0]!) <= 0n));
        const want = F.filter(isVertex).map((q) => q.join(',')).sort();
        const x = compileExact(c);
        const hull = (await hullVertices(c, f))!;
        // Compare as exact utility vectors: scale each party's integers to one another by equality of sets.
        const got = hull.vertices.map((k) => f.points[k]!.outcome);
        const gotKeys = got.map((o) => rows.find((r) => r.o.every((v, i) => v === o[i]))!.s.join(',')).sort();
        expect(gotKeys).toEqual(want);
        expect(x.m).toBeGreaterThan(0);
      }

      // Package standing for seeded random packages.
      const rand = rng(5);
      const nash = await solveDomain(d, { concepts: ['nash'], explainRedLines: false });
      const ns = nash.solutions.nash!;
      const nashPt = { outcome: ns.outcomeIndex, u: Float64Array.from(c.names.map((n) => ns.utilities[n]! * (d.scale === 1 ? 100 : 1))) };
      for (let t = 0; t < 12; t++) {
        const row = t < 2 ? feas[Math.floor(rand() * feas.length)]! : rows[Math.floor(rand() * rows.length)]!;
        const a = await assessPackage(c, row.o, f, nashPt);
        expect(a.feasible).toBe(row.feasible);
        if (!row.feasible) {
          expect(a.pareto).toBeNull();
          continue;
        }
        const better = feas.filter((b) => b.s.every((v, p) => v >= row.s[p]!));
        const optimal = !better.some((b) => dominates(b.s, row.s));
        expect(a.pareto!.optimal).toBe(optimal);
        const common = maxOf(better.map((b) => Math.min(...b.s.map((v, p) => u(v, p) - u(row.s[p]!, p)))));
        const total = maxOf(better.map((b) => b.s.reduce((acc, v, p) => acc + u(v, p) - u(row.s[p]!, p), 0)));
        expect(a.pareto!.commonGain).toBeCloseTo(optimal ? 0 : Math.max(0, common), 6);
        expect(a.pareto!.totalGain).toBeCloseTo(optimal ? 0 : total, 6);
        const F = feas.filter((b) => frontKeys.has(b.s.join(',')));
        const dist = minOf(F.map((b) => Math.sqrt(b.s.reduce((acc, v, p) => acc + (u(v, p) - u(row.s[p]!, p)) ** 2, 0))));
        expect(a.pareto!.distance!).toBeCloseTo(dist, 8);
      }

      // Conflict and win-win: every pair of packages, grouped by equal utility pairs.
      if (pairwise) {
        const levels = conflictLevels(c);
        let k = 0;
        for (let p = 0; p < P; p++) {
          for (let q = p + 1; q < P; q++) {
            // Each party's exact values replaced by their position among its sorted distinct values
            // (same order), then every pair of groups of equal (u_p, u_q) counted with its weight.
            const pos = (r: number) => {
              const vals = [...new Set(rows.map((x) => x.s[r]!))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
              return new Map(vals.map((v, i) => [v, i]));
            };
            const posP = pos(p);
            const posQ = pos(q);
            const groups = new Map<string, { a: number; b: number; n: number }>();
            for (const x of rows) {
              const a = posP.get(x.s[p]!)!;
              const b = posQ.get(x.s[q]!)!;
              const g = groups.get(`${a},${b}`);
              if (g) g.n++;
              else groups.set(`${a},${b}`, { a, b, n: 1 });
            }
            const G = [...groups.values()];
            let opposite = 0;
            let same = 0;
            let counted = 0;
            for (let i = 0; i < G.length; i++) {
              const gi = G[i]!;
              for (let j = i + 1; j < G.length; j++) {
                const gj = G[j]!;
                const da = gi.a - gj.a;
                const db = gi.b - gj.b;
                const w = gi.n * gj.n;
                counted += w;
                if (da * db < 0) opposite += w;
                else if (da * db > 0) same += w;
              }
            }
            // Pairs inside one group are tied for both and not counted.
            expect(levels[k]!.pairs).toBe(counted);
            expect(levels[k]!.level).toBeCloseTo(opposite / counted, 12);
            expect(levels[k]!.winWin).toBeCloseTo(same / counted, 12);
            k++;
          }
        }
      }
    }, 300_000);
  }
});
