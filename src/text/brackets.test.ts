import { describe, expect, it } from 'vitest';
import { bracketChanges, statusOverTime, textStatus } from './brackets.js';
import { parsePlan } from './parse.js';

const v1 = parsePlan(
  [
    'I. Security',
    '1. The parties agree to [a ceasefire] [within 30 days].',
    '2. Forces withdraw. Option A: to the 2022 line. Option B: to the current line.',
    'II. Politics',
    '3. Elections are held [within 100 days].',
    '4. A council [chaired by the mediator] oversees implementation.',
  ].join('\n'),
  { format: 'text' },
).provisions;

const v2 = parsePlan(
  [
    'I. Security',
    '1. The parties agree to a ceasefire [within 60 days].',
    '2. Forces withdraw to the current line.',
    'II. Politics',
    '3. Elections are held [within 100 days].',
    '4. Prisoners are exchanged [all for all].',
  ].join('\n'),
  { format: 'text' },
).provisions;

describe('textStatus', () => {
  it('counts brackets and alternatives per version and per axis', () => {
    const s = textStatus(v1);
    expect(s.total).toEqual({ provisions: 4, brackets: 4, bracketedProvisions: 3, alternatives: 2, provisionsWithAlternatives: 1, cleanProvisions: 0 });
    expect(s.perAxis.map((a) => [a.axis, a.heading, a.counts.brackets, a.counts.alternatives, a.counts.provisions])).toEqual([
      ['axis I', 'Security', 2, 2, 2],
      ['axis II', 'Politics', 2, 0, 2],
    ]);
    expect(textStatus(v2).total).toEqual({ provisions: 4, brackets: 3, bracketedProvisions: 3, alternatives: 0, provisionsWithAlternatives: 0, cleanProvisions: 1 });
  });

  it('puts provisions outside any axis under a null axis', () => {
    const flat = parsePlan('1. One [x].\n2. Two.', { format: 'text' }).provisions;
    expect(textStatus(flat).perAxis).toEqual([{ axis: null, heading: null, counts: { provisions: 2, brackets: 1, bracketedProvisions: 1, alternatives: 0, provisionsWithAlternatives: 0, cleanProvisions: 1 } }]);
  });
});

describe('bracketChanges', () => {
  it('tells which brackets were agreed, dropped, kept or went with their provision, and which are new', () => {
    const c = bracketChanges(v1, v2);
    expect(c.brackets.map((b) => [b.key, b.text, b.fate])).toEqual([
      ['1', 'a ceasefire', 'agreed'],
      ['1', 'within 30 days', 'dropped'],
      ['3', 'within 100 days', 'kept'],
      ['4', 'chaired by the mediator', 'provision-deleted'],
    ]);
    expect(c.added).toEqual([
      { key: '1', text: 'within 60 days' },
      { key: '4', text: 'all for all' },
    ]);
    expect(c.alternatives).toEqual([{ key: '2', labels: ['A', 'B'], fate: 'resolved', chosen: 'B', to: ['2'] }]);
    expect(c.summary).toEqual({ cleared: 3, kept: 1, added: 2, alternativesResolved: 1 });
  });

  it('a version against itself clears nothing', () => {
    expect(bracketChanges(v1, v1).summary).toEqual({ cleared: 0, kept: 4, added: 0, alternativesResolved: 0 });
  });
});

describe('statusOverTime', () => {
  it('gives each version its counts and the changes since the previous one', () => {
    const series = statusOverTime([
      { id: 'r1', date: '2025-11', provisions: v1 },
      { id: 'r2', date: '2025-12-02', provisions: v2 },
    ]);
    expect(series.map((s) => [s.id, s.date, s.status.total.brackets, s.sincePrevious])).toEqual([
      ['r1', '2025-11', 4, undefined],
      ['r2', '2025-12-02', 3, { cleared: 3, kept: 1, added: 2, alternativesResolved: 1 }],
    ]);
  });
});
