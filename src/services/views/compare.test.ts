import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../store/bundle.js';
import { compareView } from './compare.js';

const example = readBundle(fileURLToPath(new URL('../../../examples/russia-ukraine-2025', import.meta.url))).data;

describe('compareView on stored versions', () => {
  it('pairs provisions by their stored lineage ids (us-28 → framework-20: 6 → 4, 16 → 6, 28 → 20)', () => {
    const v = compareView(example, 'us-28-v1', 'framework-20-v1');
    const to = (from: string) => v.pairs.find((p) => p.from.length === 1 && p.from[0] === from)?.to;
    expect([to('6'), to('16'), to('28'), to('8')]).toEqual([['4'], ['6'], ['20'], []]);
    expect(v.pairs.find((p) => p.from[0] === '28')).toMatchObject({ change: 'amended', status: 'placeholder' });
  });

  it('keeps the stored statuses (us-28 → e3-counter: 3 and 26 deleted, no placeholder split into deleted + added)', () => {
    const v = compareView(example, 'us-28-v1', 'e3-counter-v1');
    expect(v.pairs.filter((p) => p.change === 'deleted').map((p) => [p.from, p.to])).toEqual([
      [['3'], ['3']],
      [['26'], ['26']],
    ]);
    expect(v.counts.added).toBe(0);
    expect(v.pairs.filter((p) => p.status === 'placeholder').map((p) => p.from[0])).toEqual(['15', '17', '22', '23', '27']);
  });
});
