import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../store/bundle.js';
import type { ProcessData } from '../../model/schemas.js';
import { compareView, roundsView, roundsViewInTurns } from './compare.js';

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

describe('roundsView', () => {
  // Two rounds of one document. The stored lineage says v2's point 2 is v1's point 1 (its wording
  // replaced) and v2's point 1 a rewrite of v1's point 2, whose new words copy v1's point 1.
  const point = (num: string, lineage: string, text: string, bracket?: string) => ({
    kind: 'point' as const, num, heading: null, text, lineage, status: 'proposed' as const, topics: [], children: [], alternatives: [],
    brackets: bracket ? [{ text: bracket, start: text.indexOf(bracket) - 1, end: text.indexOf(bracket) + bracket.length + 1 }] : [],
  });
  const held = '[a ceasefire] along the whole line of contact';
  const v1 = { id: 'd-v1', document: 'd', label: 'v1', date: '2025-01-01', proponents: [], provisions: [point('1', 'd-1', held, 'a ceasefire'), point('2', 'd-2', 'prisoners are exchanged all for all within thirty days')] };
  const v2 = { id: 'd-v2', document: 'd', label: 'v2', date: '2025-02-01', proponents: [], provisions: [point('1', 'd-2', held, 'a ceasefire'), point('2', 'd-1', 'prisoners are exchanged all for all within thirty days')] };
  const data = (alignments: ProcessData['alignments']) =>
    ({ ...example, documents: [{ id: 'd', title: 'Plan', kind: 'plan', proponents: [] }], versions: [v1, v2], alignments }) as unknown as ProcessData;

  it('counts what changed between rounds over the alignment the Compare view shows (stored lineage first, then stored overrides)', () => {
    // Texts alone pair point 1 with point 1 (same words): the bracket would be kept. The lineage
    // pairs point 1 with point 2: v1's bracket is dropped and v2's bracket is new.
    const plain = roundsView(data([]));
    expect(plain.map((r) => r.sincePrevious)).toEqual([null, { cleared: 1, kept: 0, added: 1, alternativesResolved: 0 }]);
    const cv = compareView(data([]), 'd-v1', 'd-v2');
    expect(cv.pairs.find((p) => p.from[0] === '1')?.to).toEqual(['2']);
    // A person's decision (1 → 1, 2 → 2) comes before the lineage, in both views.
    const decided = data([{ id: 'd-v1--d-v2', from: 'd-v1', to: 'd-v2', overrides: [{ from: ['d-1'], to: ['d-2'], change: 'unchanged' }, { from: ['d-2'], to: ['d-1'], change: 'amended' }] }]);
    expect(compareView(decided, 'd-v1', 'd-v2').pairs.find((p) => p.from[0] === '1')?.to).toEqual(['1']);
    expect(roundsView(decided)[1]!.sincePrevious).toEqual({ cleared: 0, kept: 1, added: 0, alternativesResolved: 0 });
    // Computed again on a fresh process object (another revision): the same counts.
    expect(roundsView(data([]))[1]!.sincePrevious).toEqual(plain[1]!.sincePrevious);
    expect(plain.map((r) => [r.round, r.counts.brackets, r.counts.bracketedProvisions])).toEqual([[1, 1, 1], [2, 1, 1]]);
  });

  it('computed in turns of the event loop: the same rounds, and other work runs between its pairs', async () => {
    const fresh = data([{ id: 'd-v1--d-v2', from: 'd-v1', to: 'd-v2', overrides: [{ from: ['d-1'], to: ['d-1'], change: 'amended' }] }]);
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const inTurns = roundsViewInTurns(fresh);
    expect(ranBetween).toBe(false);
    const got = await inTurns;
    expect(ranBetween).toBe(true);
    expect(got).toEqual(roundsView({ ...fresh }));
    expect(await roundsViewInTurns(fresh)).toBe(got); // kept per loaded process object
  });
});
