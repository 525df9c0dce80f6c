import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachTuple } from './odometer.js';

describe('forEachTuple', () => {
  it('visits each tuple of the product once, first position fastest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }), (sizes) => {
        const seen: string[] = [];
        forEachTuple(sizes, (o) => seen.push(o.join(',')));
        const expected = sizes.reduce((n, s) => n * s, 1);
        expect(seen.length).toBe(expected);
        expect(new Set(seen).size).toBe(expected);
        // Odometer order: read right to left, the tuples count up in mixed radix.
        const rank = (t: string) => t.split(',').filter(Boolean).map(Number).reduceRight((n, d, i) => n * sizes[i]! + d, 0);
        seen.forEach((t, i) => expect(rank(t)).toBe(i));
      }),
    );
  });

  it('hand-checked: sizes [2, 3]', () => {
    const seen: string[] = [];
    forEachTuple([2, 3], (o) => seen.push(o.join('')));
    expect(seen).toEqual(['00', '10', '01', '11', '02', '12']);
  });
});
