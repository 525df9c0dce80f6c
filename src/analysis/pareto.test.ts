import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForce } from './brute.js';
import { compileDomain, utilitiesOf, validateDomain } from './domain.js';
import { paretoFrontier } from './pareto.js';

/** Random domains up to 3^8 outcomes, 2–5 parties; values on a coarse grid so ties and equal vectors occur. */
const arb = fc
  .record({
    P: fc.integer({ min: 2, max: 5 }),
    sizes: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 1, maxLength: 8 }),
    vals: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 120, maxLength: 120 }),
    ws: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 40, maxLength: 40 }),
    res: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 5, maxLength: 5 }),
    useRes: fc.boolean(),
    red: fc.option(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 }))),
  })
  .map(({ P, sizes, vals, ws, res, useRes, red }) => {
    const issues = sizes.map((n, i) => ({ id: `i${i}`, name: `i${i}`, options: Array.from({ length: n }, (_, o) => ({ id: `o${o}`, label: `o${o}` })) }));
    return validateDomain({
      id: 'r',
      name: 'r',
      issues,
      profiles: Array.from({ length: P }, (_, p) => {
        const weights = Object.fromEntries(issues.map((iss, i) => [iss.id, ws[p * 8 + i]!]));
        if (Object.values(weights).every((w) => w === 0)) weights['i0'] = 1;
        const redLines: Record<string, string[]> = {};
        if (red && red[0] === p && red[1] < sizes.length && red[2] < sizes[red[1]]!) redLines[`i${red[1]}`] = [`o${red[2]}`];
        return {
          party: `p${p}`,
          weights,
          values: Object.fromEntries(issues.map((iss, i) => [iss.id, Object.fromEntries(iss.options.map((o, j) => [o.id, 25 * vals[(p * 8 + i) * 3 + j]!]))])),
          reservation: useRes ? res[p]! : 0,
          redLines,
        };
      }),
    });
  });

const key = (u: Float64Array) => Array.from(u).join(',');

describe('Pareto frontier by issue-by-issue merging', () => {
  it('equals the brute-force frontier (points and outcome counts) on random domains', () => {
    fc.assert(
      fc.property(arb, (d) => {
        const c = compileDomain(d);
        const f = paretoFrontier(c);
        const bf = bruteForce(c);
        expect(f.exact).toBe(true);
        const got = new Map(f.points.map((q) => [key(q.u), q.count]));
        const want = new Map(bf.frontier.map((q) => [key(q.u), q.count]));
        expect(got).toEqual(want);
        expect(f.size).toBe(bf.frontier.reduce((s, q) => s + q.count, 0));
        // Each point's sample outcome really has that utility vector and crosses no red line.
        for (const q of f.points) {
          expect(key(utilitiesOf(c, q.outcome))).toBe(key(q.u));
          q.outcome.forEach((o, i) => expect(c.redLine[i]![o]!).toEqual([]));
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('a hand-checked 2-party frontier', () => {
    // Two issues, opposed values: outcomes (a, b) = (100,0) (60,40) (40,60) (0,100) and
    // a dominated pair from the second option of issue y (worth 0 to both).
    const d = validateDomain({
      id: 'h',
      name: 'h',
      issues: [
        { id: 'x', name: 'x', options: [{ id: 'x1', label: 'x1' }, { id: 'x2', label: 'x2' }] },
        { id: 'y', name: 'y', options: [{ id: 'y1', label: 'y1' }, { id: 'y2', label: 'y2' }, { id: 'y3', label: 'y3' }] },
      ],
      profiles: [
        { party: 'a', weights: { x: 6, y: 4 }, values: { x: { x1: 100, x2: 0 }, y: { y1: 100, y2: 0, y3: 0 } } },
        { party: 'b', weights: { x: 6, y: 4 }, values: { x: { x1: 0, x2: 100 }, y: { y1: 0, y2: 100, y3: 0 } } },
      ],
    });
    const f = paretoFrontier(compileDomain(d));
    expect(f.points.map((q) => Array.from(q.u).map((x) => Math.round(x * 1e6) / 1e6)).sort((a, b) => b[0]! - a[0]!)).toEqual([
      [100, 0],
      [60, 40],
      [40, 60],
      [0, 100],
    ]);
    expect(f.size).toBe(4);
  });

  it('falls back to a bounded representative set, stating it, when the frontier outgrows the cap', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ id: `i${i}`, name: `i${i}`, options: [0, 1, 2].map((o) => ({ id: `o${o}`, label: `o${o}` })) }));
    const d = validateDomain({
      id: 'big',
      name: 'big',
      issues,
      profiles: [0, 1, 2, 3, 4, 5].map((p) => ({
        party: `p${p}`,
        weights: Object.fromEntries(issues.map((iss, i) => [iss.id, 1 + ((i * 7 + p * 3) % 5)])),
        values: Object.fromEntries(issues.map((iss, i) => [iss.id, { o0: (i * 13 + p * 29) % 101, o1: (i * 31 + p * 17) % 101, o2: (i * 7 + p * 41) % 101 }])),
      })),
    });
    const c = compileDomain(d);
    const f = paretoFrontier(c, { maxPoints: 50, samples: 60 });
    expect(f.exact).toBe(false);
    expect(f.method).toBe('representative');
    expect(f.size).toBe(f.points.length);
    expect(f.points.length).toBeLessThanOrEqual(60);
    expect(f.note).toMatch(/representative/);
    // Every representative package is Pareto-optimal: nothing in the exact frontier dominates it.
    const exact = paretoFrontier(c);
    for (const q of f.points) {
      const dominated = exact.points.some((e) => e.u.every((x, p) => x >= q.u[p]!) && e.u.some((x, p) => x > q.u[p]!));
      expect(dominated).toBe(false);
    }
  });
});
