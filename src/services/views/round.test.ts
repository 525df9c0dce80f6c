/**
 * The round view (./round.ts) on the mini fixture, checked by hand against its two texts
 * (src/store/fixtures/mini/texts): v2 rewords point 2 ("[thirty]" → "twenty", clearing the bracket
 * by dropping its words) and point 3 ("a year" → "eighteen months"), and keeps point 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Critique } from '../../model/schemas.js';
import { readBundle } from '../../store/bundle.js';
import { revisedBy, roundView } from './round.js';

const mini = readBundle(path.join(fileURLToPath(new URL('../../..', import.meta.url)), 'src/store/fixtures/mini')).data;

const critique = (id: string, party: string, answers: Critique['answers'], status: Critique['status'] = 'submitted'): Critique => ({
  id,
  version: 'draft-v1',
  party,
  answers,
  status,
  ...(status === 'submitted' ? { submittedAt: '2024-03-20' } : {}),
  updatedAt: '2024-03-20T10:00:00.000Z',
  visibility: { confidentialTo: party },
});

describe('round view', () => {
  it('lists what v2 changed, who asked for it and what became of it, and the bracket it cleared', () => {
    const critiques = [
      critique('c-south', 'south', [
        { provision: 'draft-2', stance: 'proposes-alternative', amendment: 'Forces withdraw twenty kilometres from the line of contact.' },
        { provision: 'draft-1', stance: 'accepts' },
      ]),
      critique('c-north', 'north', [{ provision: 'draft-3', stance: 'rejects', note: 'too soon' }]),
      // Not submitted: the mediator has not received it, it counts for nothing.
      critique('c-north-2', 'north', [{ provision: 'draft-2', stance: 'rejects' }], 'draft'),
    ];
    const r = roundView(mini, 'draft-v2', critiques);
    expect(r.from?.id).toBe('draft-v1');
    expect(r.counts).toMatchObject({ unchanged: 1, amended: 2, moved: 0, split: 0, added: 0, deleted: 0 });
    expect(r.changes.map((c) => [c.change, c.from.map((f) => f.lineage), c.to.map((t) => t.num)])).toEqual([
      ['amended', ['draft-2'], ['2']],
      ['amended', ['draft-3'], ['3']],
    ]);
    expect(r.changes[0]!.diff!.filter((d) => d.op !== 'equal').map((d) => [d.op, d.text.trim()])).toEqual([
      ['delete', '[thirty]'],
      ['insert', 'twenty'],
    ]);
    // South's amendment is v2's wording word for word; north's rejection of 3 got another wording.
    expect(r.changes[0]!.askedBy).toEqual([{ party: 'south', critique: 'c-south', stance: 'proposes-alternative', amendment: 'Forces withdraw twenty kilometres from the line of contact.', conditions: null, outcome: 'adopted' }]);
    expect(r.changes[1]!.askedBy.map((a) => [a.party, a.stance, a.outcome])).toEqual([['north', 'rejects', 'amended']]);
    // The words of v1's bracket are gone from v2.
    expect(r.brackets).toEqual({ cleared: [{ lineage: 'draft-2', num: '2', text: 'thirty', proponents: [], fate: 'dropped' }], kept: 0, added: [] });
    // Point 1, answered by south and kept as it was, counts among the answers, not the changes.
    expect(r.answered).toEqual([
      { party: 'south', asked: 2, outcomes: { adopted: 1, unchanged: 1 } },
      { party: 'north', asked: 1, outcomes: { amended: 1 } },
    ]);
  });

  it('answers a first version with nothing to compare, and an unknown one with not_found', () => {
    expect(roundView(mini, 'draft-v1', [])).toMatchObject({ from: null, changes: [], counts: null, brackets: { cleared: [], kept: 0, added: [] }, answered: [] });
    expect(() => roundView(mini, 'nope', [])).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('takes the latest earlier version of the same document when a version names none it revises', () => {
    const v2 = mini.versions.find((v) => v.id === 'draft-v2')!;
    const { basedOn: _, ...loose } = v2;
    const data = { ...mini, versions: mini.versions.map((v) => (v.id === 'draft-v2' ? loose : v)) };
    expect(revisedBy(data, data.versions.find((v) => v.id === 'draft-v2')!)?.id).toBe('draft-v1');
    expect(roundView(data, 'draft-v2', []).changes).toHaveLength(2);
  });
});
