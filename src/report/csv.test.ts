import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { positionsMatrix } from '../analysis/positions.js';
import { readBundle } from '../store/bundle.js';
import { columnLetter, csvField, eventsCsv, importProblemsError, matrixCsv, positionsCsv, readPositionsCsv } from './csv.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const example = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;
const mini = readBundle(path.join(ROOT, 'src/store/fixtures/mini')).data;
const rows = (s: string) => parse(s, { bom: true }) as string[][];

describe('CSV export', () => {
  it('quotes fields only when needed (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(27)).toBe('AB');
  });

  it('writes the positions matrix: one row per point, one column per party', () => {
    // Mini fixture as of 2024-03-15, hand-checked: point 1 accepted by N, S and M; point 2 rejected by N
    // (2024-03-05) and accepted with conditions by S (2024-03-10); point 3: only N's confidential stance, not shown.
    const t = rows(matrixCsv(positionsMatrix(mini, { asOf: '2024-03-15' })));
    expect(t[0]).toEqual(['point', 'lineage', 'axis', 'text', 'N', 'S', 'M', 'state', 'disagreement']);
    expect(t.slice(1).map((r) => [r[0], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ['1', 'accepts', 'accepts', 'accepts', 'accepted-by-all', '0'],
      ['2', 'rejects', 'accepts-with-conditions', '', 'contested', '1.5'],
      ['3', '', '', '', 'unknown', '0'],
    ]);
  });

  it('writes events with their status, and positions that read back to the same stances', () => {
    const ev = rows(eventsCsv(example));
    expect(ev.length - 1).toBe(example.events.length);
    const col = ev[0]!.indexOf('status');
    expect(ev.slice(1).map((r) => r[col])).toEqual(example.events.map((e) => e.status));
    const back = readPositionsCsv(positionsCsv(example), example, { file: 'positions.csv' });
    expect(back.problems).toEqual([]);
    const key = (p: { party: string; provision?: string; document?: string; stance: string; asOf: string; evidence: string[] }) =>
      [p.party, p.provision ?? '', p.document ?? '', p.stance, p.asOf, p.evidence.join(' ')].join('|');
    const publicOnes = example.positions.filter((p) => p.visibility === 'public');
    expect(back.positions.map(key).sort()).toEqual(publicOnes.map(key).sort());
    // Confidential positions never leave in a CSV.
    expect(positionsCsv(example)).not.toMatch(/pos-conf-/);
  });
});

describe('CSV import of positions', () => {
  const header = 'Party,Point,Stance,Date,Source,Conditions\n';

  it('reads an analyst sheet: names, numbers, labels, new sources', () => {
    const sheet =
      header +
      'Northland,2,accepts with conditions,2024-04-03,https://example.org/new-report,verification first\n' +
      'S,draft-3.a,✗,2024-04,s1,\n' +
      '"the northern government",3.b,undecided,2024-04-05,,\n';
    const r = readPositionsCsv(sheet, mini, { file: 'sheet.csv' });
    expect(r.problems).toEqual([]);
    expect(r.positions.map((p) => [p.party, p.provision, p.stance, p.asOf, p.conditions ?? null])).toEqual([
      ['north', 'draft-2', 'accepts-with-conditions', '2024-04-03', 'verification first'],
      ['south', 'draft-3.a', 'rejects', '2024-04', null],
      ['north', 'draft-3.b', 'undecided', '2024-04-05', null],
    ]);
    // Point numbers are read against the current version (draft-v2 today), whose point 2 keeps lineage draft-2.
    expect(r.sources).toEqual([{ id: r.sources[0]!.id, url: 'https://example.org/new-report' }]);
    expect(r.evidence.map((e) => e.sources)).toEqual([[r.sources[0]!.id], ['s1']]);
    expect(r.positions[2]!.evidence).toEqual([]);
  });

  it('names the row and column of every bad cell', () => {
    const sheet =
      header +
      'north,1,accepts,2024-04-01,,\n' + // row 2: fine
      'north,99,maybe,2024-13-01,,\n' + // row 3: bad point (B), stance (C), date (D)
      'nobody,2,accepts,2024-04-01,not a url,\n'; // row 4: bad party (A), source (E)
    const r = readPositionsCsv(sheet, mini, { file: 'sheet.csv' });
    expect(r.accepted).toBe(1);
    expect(r.problems.map((p) => [p.row, p.column, p.field])).toEqual([
      [3, 'B', 'point'],
      [3, 'C', 'stance'],
      [3, 'D', 'date'],
      [4, 'A', 'party'],
      [4, 'E', 'source'],
    ]);
    expect(r.problems[2]!.message).toMatch(/month 13/);
    const err = importProblemsError(r.problems, 'sheet.csv');
    expect(err.code).toBe('invalid_input');
    expect(err.describe()).toContain('sheet.csv: row 3, column C (stance): unknown stance "maybe"');
  });

  it('refuses a sheet without the required columns', () => {
    expect(() => readPositionsCsv('who,what\na,b\n', mini, { file: 'x.csv' })).toThrow(/lacks columns point, stance, date/);
  });
});
