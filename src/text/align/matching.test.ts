import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parse.js';
import { FeatureSpace, type TextFeatures } from '../similarity.js';
import { candidateSims, CANDIDATES_KEPT, DENSE_PAIRS, hungarianByComponent } from './matching.js';
import { unitsOf, type Unit } from './units.js';

// Two large versions that share their vocabulary and little else: every point is like every other a
// little (the case where the similarity graph is dense), seeded so the figures are the same each run.
const WORDS = 'parties agree ceasefire line contact observers prisoners exchange elections supervision commission compliance quarter guarantors sanctions stages refugees homes protection weapons distances corridors border trade amnesty constitution decentralisation reconstruction fund'.split(' ');
function version(points: number, seed: number): string {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: points }, (_, i) => `${i + 1}. ${Array.from({ length: 8 + Math.floor(r() * 8) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ')}.`).join('\n\n');
}
const n = Math.ceil(Math.sqrt(DENSE_PAIRS)) + 50;
const cache = new Map<string, TextFeatures>();
const A = unitsOf(parsePlan(version(n, 1)).provisions, {}, cache);
const B = unitsOf(parsePlan(version(n, 2)).provisions, {}, cache);
const space = new FeatureSpace([...A.map((u) => u.feats), ...B.map((u) => u.feats)]);
const cos = (x: Unit, y: Unit) => space.cosine(x.idx, A.length + y.idx);

describe('candidateSims on large, dense versions (thinned)', () => {
  const sims = candidateSims(A, B, space, A.length);
  const kept = [...sims].flatMap(([x, row]) => [...row].map(([y, s]) => ({ x, y, s })));
  // Brute force: every pair's cosine, each unit's best counterparts.
  const best = (u: Unit, others: Unit[], s: (o: Unit) => number) => others.map((o) => ({ o, s: s(o) })).sort((p, q) => q.s - p.s).slice(0, CANDIDATES_KEPT);

  it('keeps, with its exact cosine, each unit\'s most similar counterparts and the same-numbered one, and few others', () => {
    expect(A.length * B.length).toBeGreaterThan(DENSE_PAIRS);
    for (const { x, y, s } of kept) expect(s).toBeCloseTo(cos(x, y), 12);
    for (const y of B.slice(0, 40)) {
      const top = best(y, A, (x) => cos(x, y)).filter((t) => t.s > 0);
      // ties at the K-th score may keep either unit: compare the scores kept
      const mine = A.filter((x) => sims.get(x)?.has(y)).map((x) => cos(x, y)).sort((p, q) => q - p);
      expect(mine.slice(0, top.length)).toEqual(top.map((t) => t.s).map((v) => expect.closeTo(v, 12)));
      expect(sims.get(A[B.indexOf(y)]!)?.has(y)).toBe(cos(A[B.indexOf(y)]!, y) > 0);
    }
    for (const x of A.slice(0, 40)) {
      const top = best(x, B, (y) => cos(x, y)).filter((t) => t.s > 0);
      const row = [...(sims.get(x)?.values() ?? [])].sort((p, q) => q - p);
      expect(row.slice(0, top.length)).toEqual(top.map((t) => expect.closeTo(t.s, 12)));
    }
    expect(kept.length).toBeLessThanOrEqual((A.length + B.length) * CANDIDATES_KEPT + A.length);
    expect(kept.length).toBeGreaterThan(A.length * CANDIDATES_KEPT);
  });

  it('is assigned one to one, greedily: no edge left out is better than both edges that took its ends', () => {
    const edges = kept.map(({ x, y, s }) => [x, y, s] as [Unit, Unit, number]);
    const m = hungarianByComponent(edges);
    const ofA = new Map(m.map((e) => [e[0], e[2]]));
    const ofB = new Map(m.map((e) => [e[1], e[2]]));
    expect(ofA.size).toBe(m.length);
    expect(ofB.size).toBe(m.length);
    for (const [x, y, s] of edges) {
      if (ofA.get(x) === s && ofB.get(y) === s) continue; // taken (or tied with what was taken)
      expect(Math.max(ofA.get(x) ?? -1, ofB.get(y) ?? -1)).toBeGreaterThanOrEqual(s);
    }
    expect(m.length).toBeGreaterThan(0.9 * Math.min(A.length, B.length));
  });
});

describe('candidateSims on small versions (exact)', () => {
  it('keeps every pair sharing a term, with its cosine', () => {
    const a = A.slice(0, 60);
    const b = B.slice(0, 60);
    const sims = candidateSims(a, b, space, A.length);
    for (const x of a) for (const y of b) expect(sims.get(x)?.get(y) ?? 0).toBeCloseTo(cos(x, y), 12);
  });
});
