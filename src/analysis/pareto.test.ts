import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactFrontierByEnumeration } from './brute.js';
import { compileDomain, utilitiesOf, validateDomain, type Domain, type DomainInput } from './domain.js';
import { compileExact, exactSums, exactUtility } from './exact.js';
import { importGeniusXml } from './genius.js';
import { paretoFrontier } from './pareto.js';

const shared = new URL('../../../shared/negotiation-domains/genius-xml/', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, shared), 'utf8');

function genius(dir: string, domainFile: string, profiles: string[]): Domain {
  return importGeniusXml(read(`${dir}/${domainFile}`), profiles.map((name) => ({ name, text: read(`${dir}/${name}.xml`) })));
}

/** The merge's frontier as exact keys (reduced fractions per party) → outcome counts. */
function mergeKeys(d: Domain, opts = {}): Map<string, number> {
  const c = compileDomain(d);
  const x = compileExact(c);
  const f = paretoFrontier(c, opts);
  expect(f.exact).toBe(true);
  return new Map(
    f.points.map((q) => [
      exactSums(x, q.outcome)
        .map((s, p) => {
          const r = exactUtility(x, p, s);
          return `${r.n}/${r.d}`;
        })
        .join(','),
      q.count,
    ]),
  );
}

function bruteKeys(d: Domain): Map<string, number> {
  return new Map(exactFrontierByEnumeration(d).map((q) => [q.key, q.count]));
}

describe('exact Pareto frontier on the ANAC domains with ties', () => {
  it('Car: 53 distinct utility points reached by 75 packages, as exact brute force finds', () => {
    const d = genius('anac2011_Car', 'adg.xml', ['adg_deal', 'adg_deal2']);
    const f = paretoFrontier(compileDomain(d));
    // The figures of ../shared/negotiation-domains/README.md, computed there in exact integer arithmetic.
    expect([f.distinct, f.outcomes]).toEqual([53, 75]);
    expect(mergeKeys(d)).toEqual(bruteKeys(d));
  });

  it('Energy: 204 distinct utility points reached by 205 packages, as exact brute force finds', () => {
    const d = genius('anac2011_Energy', 'energy_domain.xml', ['energy_consumer', 'energy_distributor']);
    const f = paretoFrontier(compileDomain(d));
    expect([f.distinct, f.outcomes]).toEqual([204, 205]);
    expect(mergeKeys(d)).toEqual(bruteKeys(d));
  }, 60_000);
});

/**
 * Random domains built to tie: option values on a coarse grid, and weights and values that are decimals
 * whose binary64 sums are not exact (0.1 + 0.2 ≠ 0.3), so a float frontier would split equal sums.
 */
const WEIGHTS = [0, 0.1, 0.2, 0.3, 0.7, 1, 1.5];
const VALUES = [0, 10, 20, 30, 33.3, 50, 66.7, 70, 100];
const arbTied = fc
  .record({
    P: fc.integer({ min: 2, max: 5 }),
    sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 7 }),
    vals: fc.array(fc.integer({ min: 0, max: VALUES.length - 1 }), { minLength: 5 * 7 * 3, maxLength: 5 * 7 * 3 }),
    ws: fc.array(fc.integer({ min: 0, max: WEIGHTS.length - 1 }), { minLength: 5 * 7, maxLength: 5 * 7 }),
    res: fc.array(fc.constantFrom(0, 10, 20, 30, 33.3, 50), { minLength: 5, maxLength: 5 }),
    useRes: fc.boolean(),
    red: fc.option(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 }))),
  })
  .map(({ P, sizes, vals, ws, res, useRes, red }): Domain => {
    const issues = sizes.map((n, i) => ({ id: `i${i}`, name: `i${i}`, options: Array.from({ length: n }, (_, o) => ({ id: `o${o}`, label: `o${o}` })) }));
    const raw: DomainInput = {
      id: 'tied',
      name: 'tied',
      issues,
      profiles: Array.from({ length: P }, (_, p) => {
        const weights = Object.fromEntries(issues.map((iss, i) => [iss.id, WEIGHTS[ws[p * 7 + i]!]!]));
        if (Object.values(weights).every((w) => w === 0)) weights['i0'] = 0.1;
        const redLines: Record<string, string[]> = {};
        if (red && red[0] === p && red[1] < sizes.length && red[2] < sizes[red[1]]!) redLines[`i${red[1]}`] = [`o${red[2]}`];
        return {
          party: `p${p}`,
          weights,
          values: Object.fromEntries(issues.map((iss, i) => [iss.id, Object.fromEntries(iss.options.map((o, j) => [o.id, VALUES[vals[(p * 7 + i) * 3 + j]!]!]))])),
          reservation: useRes ? res[p]! : 0,
          redLines,
        };
      }),
    };
    return validateDomain(raw);
  });

describe('Pareto frontier by issue-by-issue merging, in exact arithmetic', () => {
  it('equals the exact brute-force frontier (points and outcome counts) on 200 random domains with forced ties', () => {
    fc.assert(
      fc.property(arbTied, (d) => {
        const c = compileDomain(d);
        const f = paretoFrontier(c);
        expect(mergeKeys(d)).toEqual(bruteKeys(d));
        expect(f.distinct).toBe(f.points.length);
        expect(f.outcomes).toBe(f.points.reduce((s, q) => s + q.count, 0));
        for (const q of f.points) {
          expect(Array.from(utilitiesOf(c, q.outcome))).toEqual(Array.from(q.u));
          q.outcome.forEach((o, i) => expect(c.redLine[i]![o]!).toEqual([]));
        }
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('stays exact for 4+ parties under small caps: the k-d tree filter against brute force', () => {
    fc.assert(
      fc.property(arbTied.filter((d) => d.profiles.length >= 4), (d) => {
        expect(mergeKeys(d)).toEqual(bruteKeys(d));
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('a hand-checked 2-party frontier where 0.1·30 + 0.2·30 = 0.3·30 decides dominance', () => {
    // a weighs x, y, z, w at 0.1, 0.2, 0.3, 0.4 (total 1): u_a = 3[x1] + 6[y1] + 9[z2] + 20.
    // b weighs each issue 1 (total 4): u_b = (100[x2] + 100[y2] + 100[z1] + 20) / 4.
    // Issue w's two options are worth the same to both, so every point is reached by two packages.
    // Frontier (x, y, z): (1,1,2) → (38, 5); (2,1,2) → (35, 30); (2,2,2) → (29, 55); (2,2,1) → (20, 80).
    // (1,1,1) gives a 3 + 6 + 20 = 29 — exactly (2,2,2)'s 9 + 20, though not in binary64 — and b only 30,
    // so it is dominated and must not appear.
    const two = (id: string) => [{ id: `${id}1`, label: `${id}1` }, { id: `${id}2`, label: `${id}2` }];
    const d = validateDomain({
      id: 'h',
      name: 'h',
      issues: ['x', 'y', 'z', 'w'].map((id) => ({ id, name: id, options: two(id) })),
      profiles: [
        { party: 'a', weights: { x: 0.1, y: 0.2, z: 0.3, w: 0.4 }, values: { x: { x1: 30, x2: 0 }, y: { y1: 30, y2: 0 }, z: { z1: 0, z2: 30 }, w: { w1: 50, w2: 50 } } },
        { party: 'b', weights: { x: 1, y: 1, z: 1, w: 1 }, values: { x: { x1: 0, x2: 100 }, y: { y1: 0, y2: 100 }, z: { z1: 100, z2: 0 }, w: { w1: 20, w2: 20 } } },
      ],
    });
    const f = paretoFrontier(compileDomain(d));
    const pts = f.points.map((q) => [...Array.from(q.u, (v) => Math.round(v * 1e6) / 1e6), q.count]).sort((p, q) => q[0]! - p[0]!);
    expect(pts).toEqual([
      [38, 5, 2],
      [35, 30, 2],
      [29, 55, 2],
      [20, 80, 2],
    ]);
    expect([f.distinct, f.outcomes]).toEqual([4, 8]);
    expect(mergeKeys(d)).toEqual(bruteKeys(d));
  });

  it('stops at once with bounds and an exactly Pareto-optimal representative set when over the caps', () => {
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
    const exact = paretoFrontier(c);
    expect(exact.exact).toBe(true);
    const f = paretoFrontier(c, { maxPoints: 50, samples: 60 });
    expect(f.exact).toBe(false);
    expect(f.method).toBe('representative');
    expect(f.points.length).toBeLessThanOrEqual(60);
    expect(f.note).toMatch(/too large to list/);
    // The bounds bracket the true size, and every representative package is on the exact frontier.
    expect(f.bound!.atLeast).toBeLessThanOrEqual(exact.distinct);
    expect(f.bound!.atMost).toBeGreaterThanOrEqual(exact.distinct);
    const onFrontier = new Set(exact.points.map((q) => Array.from(q.u).join(',')));
    for (const q of f.points) expect(onFrontier.has(Array.from(q.u).join(','))).toBe(true);
    for (let p = 0; p < 6; p++) {
      expect(f.coverage![p]!.min).toBeLessThanOrEqual(f.coverage![p]!.max);
    }
  });
});
