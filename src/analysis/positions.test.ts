import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { axisSummary, contestedPoints, currentVersion, positionsMatrix, rowAgreement, statusBriefing } from './positions.js';

const mini = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;
const stances = (m: ReturnType<typeof positionsMatrix>) =>
  m.rows.map((r) => [r.label, ...m.parties.map((p) => r.cells[p.id]?.stance ?? null), r.state]);

describe('positions matrix (hand-checked on the mini fixture)', () => {
  it('picks the current version of the single text as of a date', () => {
    expect(currentVersion(mini, '2024-03-31')?.id).toBe('draft-v1');
    expect(currentVersion(mini, '2024-04-01')?.id).toBe('draft-v2');
    expect(currentVersion(mini, '2024-02-01')).toBeUndefined();
  });

  it('gives the latest public stance per party and point, principal parties only', () => {
    const m = positionsMatrix(mini, { asOf: '2024-03-31' });
    expect(m.version.id).toBe('draft-v1');
    expect(m.parties.map((p) => p.id)).toEqual(['north', 'south', 'med']);
    expect(stances(m)).toEqual([
      ['1', 'accepts', 'accepts', 'accepts', 'accepted-by-all'],
      ['2', 'rejects', 'accepts-with-conditions', null, 'contested'],
      ['3', null, null, null, 'unknown'],
    ]);
    expect(m.rows[1]!.disagreement).toBe(1.5);
    expect(m.rows[1]!.cells.south).toMatchObject({ conditions: 'verification by the observer mission', asOf: '2024-03-10' });
  });

  it('replays the matrix through time', () => {
    expect(stances(positionsMatrix(mini, { asOf: '2024-03-05' }))).toEqual([
      ['1', null, null, 'accepts', 'unknown'],
      ['2', 'rejects', null, null, 'contested'],
      ['3', null, null, null, 'unknown'],
    ]);
    expect(stances(positionsMatrix(mini, { asOf: '2024-04-30' }))).toEqual([
      ['1', 'accepts', 'accepts', 'accepts', 'accepted-by-all'],
      ['2', 'accepts', 'accepts-with-conditions', null, 'unknown'],
      ['3', null, null, null, 'unknown'],
    ]);
  });

  it('shows a confidential position only to its own party, rolled up from a subpoint', () => {
    const pub = positionsMatrix(mini, { asOf: '2024-03-31' });
    expect(pub.rows[2]!.cells.north).toBeNull();
    const own = positionsMatrix(mini, { asOf: '2024-03-31', viewerParty: 'north' });
    expect(own.rows[2]!.cells.north).toMatchObject({ stance: 'proposes-alternative', positionId: 'p7' });
    const other = positionsMatrix(mini, { asOf: '2024-03-31', viewerParty: 'south' });
    expect(other.rows[2]!.cells.north).toBeNull();
  });

  it('ranks contested points and summarises axes', () => {
    const m = positionsMatrix(mini, { asOf: '2024-03-31' });
    expect(contestedPoints(m)).toEqual([
      {
        lineage: 'draft-2',
        label: '2',
        text: 'Forces withdraw [thirty] kilometres from the line of contact.',
        axis: 'Security',
        disagreement: 1.5,
        rejecting: ['north'],
        holders: [
          { party: 'north', stance: 'rejects', asOf: '2024-03-05' },
          { party: 'south', stance: 'accepts-with-conditions', asOf: '2024-03-10' },
        ],
      },
    ]);
    expect(axisSummary(m)).toEqual([
      { axis: 'I. Security', lineage: 'draft-axis-I', points: 2, acceptedByAll: 1, contested: 1, unknown: 0 },
      { axis: 'II. Politics', lineage: 'draft-axis-II', points: 1, acceptedByAll: 0, contested: 0, unknown: 1 },
    ]);
  });

  it('classifies agreement from support scores', () => {
    const c = (stance: any) => ({ party: 'x', stance, asOf: '2024', positionId: 'p', evidence: [] });
    expect(rowAgreement([c('accepts'), c('accepts-with-conditions')])).toEqual({ state: 'accepted-by-all', disagreement: 0.5 });
    expect(rowAgreement([c('accepts'), c('undecided')])).toEqual({ state: 'unknown', disagreement: 0 });
    expect(rowAgreement([c('accepts'), c('proposes-alternative')])).toEqual({ state: 'contested', disagreement: 1.5 });
    expect(rowAgreement([null, null])).toEqual({ state: 'unknown', disagreement: 0 });
  });

  it('briefs the status: last held, next scheduled, postponed', () => {
    const b = statusBriefing(mini, { asOf: '2024-03-31' });
    expect(b.currentVersion).toMatchObject({ id: 'draft-v1', points: 3 });
    expect(b.totals).toEqual({ points: 3, acceptedByAll: 1, contested: 1, unknown: 1 });
    expect(b.lastHeld?.id).toBe('ev1');
    expect(b.nextScheduled?.id).toBe('ev3');
    expect(b.postponed.map((e) => e.id)).toEqual(['ev2']);
    expect(b.counts.positions).toBe(5); // p6 comes later; the confidential p7 is not in the public layer
    expect(b.counts.versions).toBe(1); // v2 is tabled on 2024-04-01
    expect(statusBriefing(mini, { asOf: '2024-03-05' }).lastHeld).toBeNull(); // the round ends on 03-06
    const later = statusBriefing(mini, { asOf: '2024-06-15' });
    expect(later.nextScheduled).toBeNull();
    expect(later.overdueScheduled.map((e) => e.id)).toEqual(['ev3']);
  });
});
