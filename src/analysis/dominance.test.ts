import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skyline } from './dominance.js';

/** Rows of small integers (many ties and equal rows), 1–6 coordinates. */
const arbRows = fc.integer({ min: 1, max: 6 }).chain((P) =>
  fc.record({
    P: fc.constant(P),
    rows: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: P, maxLength: P }), { minLength: 0, maxLength: 120 }),
    limit: fc.integer({ min: 0, max: 40 }),
  }),
);

/** Distinct non-dominated rows by pairwise comparison, as sorted keys with their multiplicity. */
function bruteSkyline(rows: number[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of rows) {
    const dominated = rows.some((b) => b.every((v, p) => v >= a[p]!) && b.some((v, p) => v > a[p]!));
    if (!dominated) out.set(a.join(','), (out.get(a.join(',')) ?? 0) + 1);
  }
  return out;
}

describe('skyline (non-dominated filter)', () => {
  it('equals a pairwise brute force, equal rows merged with their counts, for 1–6 coordinates', () => {
    fc.assert(
      fc.property(arbRows, ({ P, rows }) => {
        const coords = Float64Array.from(rows.flat());
        const r = skyline(coords, rows.length, P, new Float64Array(rows.length).fill(1));
        expect(r.overflow).toBe(false);
        const got = new Map(r.keep.map((k, j) => [rows[k]!.join(','), r.count[j]!]));
        expect(got).toEqual(bruteSkyline(rows));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('with a limit, stops after limit + 1 kept rows, each of them on the skyline, and says it overflowed', () => {
    fc.assert(
      fc.property(arbRows, ({ P, rows, limit }) => {
        const coords = Float64Array.from(rows.flat());
        const ones = new Float64Array(rows.length).fill(1);
        const full = skyline(coords, rows.length, P, ones);
        const cut = skyline(coords, rows.length, P, ones, limit);
        expect(cut.overflow).toBe(full.keep.length > limit);
        if (cut.overflow) expect(cut.keep).toEqual(full.keep.slice(0, limit + 1));
        else expect(cut.keep).toEqual(full.keep);
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
