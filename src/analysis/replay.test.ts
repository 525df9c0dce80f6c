import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Position, ProcessData, Version } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { carryLineage } from '../text/lineage.js';
import { parsePlan } from '../text/parse.js';
import { bracketsOverTime, replayRounds, versionOfPosition, versionsInDateOrder } from './replay.js';

const example = readBundle(fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url))).data;
const mini = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;

const pos = (over: Partial<Position>): Position => ({ id: 'x', party: 'a', stance: 'accepts', asOf: '2025-01-01', confidence: 1, visibility: 'public', evidence: [], ...over });
const ver = (id: string, document: string, date: string, text: string): Version => ({
  id,
  document,
  label: id,
  date,
  proponents: [],
  provisions: carryLineage(null, parsePlan(text).provisions, document).provisions,
});

/** Two versions of one draft; point 3 of v1 is gone from v2. */
function twoRounds(): ProcessData {
  return {
    process: { id: 't', name: 'T' },
    parties: [],
    persons: [],
    documents: [{ id: 'd', title: 'Draft', kind: 'plan', proponents: [] }],
    versions: [
      ver('d-v2', 'd', '2025-12-01', '1. Ceasefire now.\n2. Prisoners are exchanged.\n'),
      ver('d-v1', 'd', '2025-11-20', '1. Ceasefire now.\n2. Prisoners are exchanged.\n3. A [joint] commission meets.\n'),
    ],
    sources: [],
    evidence: [],
    positions: [],
    events: [],
    domains: [],
  };
}

describe('versionOfPosition', () => {
  const data = twoRounds();
  const about = (p: Partial<Position>) => {
    const a = versionOfPosition(data, pos(p));
    return a && `${a.rule}:${a.version.id}`;
  };

  it('a stance about a document is shown against the version current at its date', () => {
    expect(about({ document: 'd', asOf: '2025-11-25' })).toBe('document:d-v1');
    expect(about({ document: 'd', asOf: '2025-12-01' })).toBe('document:d-v2');
    expect(about({ document: 'd', asOf: '2025-12' })).toBe('document:d-v2'); // a month covers 1 Dec
    expect(about({ document: 'd', asOf: '2025-11' })).toBe('document:d-v1');
    // before any version (a reaction to a leak): the first version
    expect(about({ document: 'd', asOf: '2025-11-02' })).toBe('document:d-v1');
  });

  it('a second version dated the same day as the first does not take the document-level stances', () => {
    const same = twoRounds();
    // v1 stored first, then a v1b of the same date added later (as `accord version add` appends)
    same.versions = [ver('d-v1', 'd', '2025-11-20', '1. Ceasefire now.\n'), ver('d-v1b', 'd', '2025-11-20', '1. Ceasefire now.\n2. Talks.\n')];
    const at = (asOf: string) => versionOfPosition(same, pos({ document: 'd', asOf }))!.version.id;
    expect(at('2025-11-20')).toBe('d-v1');
    expect(at('2025-11-25')).toBe('d-v1');
    expect(at('2025-11-02')).toBe('d-v1'); // before both: the first one
    // stored in the other order, the other one stays first
    same.versions.reverse();
    expect(at('2025-11-20')).toBe('d-v1b');
    // a later-dated version still takes stances from its date on
    same.versions.push(ver('d-v2', 'd', '2025-11-21', '1. Ceasefire now.\n'));
    expect(at('2025-11-21')).toBe('d-v2');
    expect(replayRounds({ ...same, positions: [pos({ id: 'p1', document: 'd', asOf: '2025-11-20' })] }).map((r) => [r.version.id, r.positions.total])).toEqual([
      ['d-v1b', 1],
      ['d-v1', 0],
      ['d-v2', 0],
    ]);
  });

  it('a stance naming a version stays with it; without a document the provision lineage decides', () => {
    expect(about({ document: 'd-v1', asOf: '2026-01-01' })).toBe('version:d-v1');
    expect(about({ provision: 'd-1', asOf: '2025-11-21' })).toBe('lineage:d-v1');
    expect(about({ provision: 'd-1', asOf: '2025-12-02' })).toBe('lineage:d-v2');
    // point 3 was dropped from v2: the latest version that still has it
    expect(about({ provision: 'd-3', asOf: '2025-12-02' })).toBe('lineage:d-v1');
    expect(about({ asOf: '2025-12-02' })).toBe('current:d-v2');
    expect(about({ provision: 'nowhere', asOf: '2025-12-02' })).toBeUndefined();
    expect(about({ document: 'no-such-doc', asOf: '2025-12-02' })).toBe('current:d-v2');
  });

  it('on the example every position is placed by its document field (each document has one version)', () => {
    const tally: Record<string, number> = {};
    for (const p of example.positions) {
      const a = versionOfPosition(example, p)!;
      tally[`${a.rule}:${a.version.id}`] = (tally[`${a.rule}:${a.version.id}`] ?? 0) + 1;
    }
    // brute force: the document field names us-28 36 times, framework-20 26 times, e3-counter 7 times
    const byDoc = (d: string) => example.positions.filter((p) => p.document === d).length;
    expect(tally).toEqual({ 'document:us-28-v1': byDoc('us-28'), 'document:framework-20-v1': byDoc('framework-20'), 'document:e3-counter-v1': byDoc('e3-counter') });
    expect(tally).toEqual({ 'document:us-28-v1': 36, 'document:framework-20-v1': 26, 'document:e3-counter-v1': 7 });
    // the Kremlin's reaction of 17 Nov predates the text of 20 Nov: shown against v1
    expect(versionOfPosition(example, example.positions.find((p) => p.id === 'pos-ru-01')!)!.version.id).toBe('us-28-v1');
  });

  it('on the mini fixture positions without a document follow the current text at their date', () => {
    const ids = mini.positions.map((p) => `${p.id}:${versionOfPosition(mini, p)!.version.id}`);
    expect(ids).toEqual(['p1:draft-v1', 'p2:draft-v1', 'p3:draft-v1', 'p4:draft-v1', 'p5:draft-v1', 'p6:draft-v2', 'p7:draft-v1']);
  });
});

describe('replayRounds', () => {
  it('lists the example rounds in date order with where each text was tabled and the positions against it', () => {
    const rounds = replayRounds(example);
    expect(rounds.map((r) => [r.round, r.version.id, r.current, r.points, r.tabledAt.map((e) => e.id), r.positions.total])).toEqual([
      [1, 'us-28-v1', true, 28, ['ev-012', 'ev-018'], 36],
      [2, 'e3-counter-v1', false, 28, ['ev-018', 'ev-019'], 7],
      [3, 'framework-20-v1', true, 20, ['ev-033'], 24], // two of the 26 are confidential
    ]);
    const fw = rounds[2]!.positions;
    expect(fw.byParty).toEqual({ us: 10, ru: 4, ua: 8, eu: 2 });
    expect(Object.values(fw.byStance).reduce((a, b) => a + b, 0)).toBe(24);
    expect(fw.opposed).toBe((fw.byStance.rejects ?? 0) + (fw.byStance['proposes-alternative'] ?? 0));
    // a delegate sees its own confidential position counted
    expect(replayRounds(example, { viewerParty: 'ua' })[2]!.positions.total).toBe(25);
  });

  it('counts the mini fixture: p7 is confidential to north, p6 comes after v2', () => {
    expect(replayRounds(mini).map((r) => [r.version.id, r.positions.total, r.tabledAt.map((e) => e.id)])).toEqual([
      ['draft-v1', 5, ['ev1']],
      ['draft-v2', 1, []],
    ]);
    expect(replayRounds(mini, { viewerParty: 'north' })[0]!.positions.byParty).toEqual({ north: 3, south: 2, med: 1 });
  });

  it('sorts reduced-precision dates as intervals, coarser first, ties in stored order', () => {
    const vs = ['2025-12-01', '2025-11', '2025-11-05', '2025', '2025-11'].map((d, i) => ({ ...ver(`v${i}`, 'd', d, '1. A.\n') }));
    expect(versionsInDateOrder(vs).map((v) => v.date)).toEqual(['2025', '2025-11', '2025-11', '2025-11-05', '2025-12-01']);
    expect(versionsInDateOrder(vs).map((v) => v.id).slice(1, 3)).toEqual(['v1', 'v4']);
  });
});

describe('bracketsOverTime', () => {
  it('mini: one bracket in axis I of v1, dropped in v2', () => {
    const r = bracketsOverTime(mini);
    expect(r.map((x) => [x.version.id, x.status.total.brackets, x.status.perAxis.map((a) => [a.axis, a.counts.brackets])])).toEqual([
      ['draft-v1', 1, [['axis I', 1], ['axis II', 0]]],
      ['draft-v2', 0, [['axis I', 0], ['axis II', 0]]],
    ]);
    expect(r[1]!.sincePrevious).toMatchObject({ from: 'draft-v1', summary: { cleared: 1, kept: 0, added: 0, alternativesResolved: 0 } });
    expect(r[1]!.sincePrevious!.brackets).toEqual([{ key: '2', text: 'thirty', fate: 'dropped', to: ['2'] }]);
  });

  it('example: the framework offers two points with options A and B (4 alternatives), no brackets', () => {
    const r = bracketsOverTime(example);
    expect(r.map((x) => [x.version.id, x.status.total.brackets, x.status.total.alternatives, x.status.total.provisionsWithAlternatives])).toEqual([
      ['us-28-v1', 0, 0, 0],
      ['e3-counter-v1', 0, 0, 0],
      ['framework-20-v1', 0, 4, 2],
    ]);
    expect(bracketsOverTime(example, { documents: ['us-28', 'framework-20'] }).map((x) => x.sincePrevious?.from ?? null)).toEqual([null, 'us-28-v1']);
  });

  it('applies the stored alignment decisions between two versions', () => {
    const data = twoRounds();
    data.versions.push(ver('d-v3', 'd', '2025-12-10', '1. Ceasefire now.\n2. Prisoners are exchanged.\n3. Observers from a joint body convene monthly.\n'));
    data.versions = data.versions.filter((v) => v.id !== 'd-v2');
    const plain = bracketsOverTime(data)[1]!.sincePrevious!;
    expect(plain.brackets.map((b) => b.fate)).toEqual(['agreed']); // "joint" stands unbracketed in the aligned point 3
    data.alignments = [{ id: 'd-v1--d-v3', from: 'd-v1', to: 'd-v3', overrides: [{ from: ['3'], to: [], change: 'deleted' }] }];
    const decided = bracketsOverTime(data)[1]!.sincePrevious!;
    expect(decided.brackets).toEqual([{ key: '3', text: 'joint', fate: 'provision-deleted', to: [] }]);
  });
});
