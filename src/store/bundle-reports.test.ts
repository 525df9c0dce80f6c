/**
 * The review queue in process bundles: reports.yaml plus reports/<id>.txt round-trip losslessly
 * (bundle → store → bundle), texts byte for byte (CRLF, trailing spaces, non-Latin letters), and bad
 * entries are reported with file, line and field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { Report } from '../model/schemas.js';
import { localContext } from '../services/context.js';
import { reviewReport } from '../services/reports.js';
import { readBundle, writeBundle } from './bundle.js';
import { openSqliteStore } from './sqlite.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bundle-reports-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Written for this test: CRLF line ends, a trailing space, Cyrillic letters, no final newline.
const TEXT = 'KYIV TALKS \r\nEnvoys met in Kyiv on Tuesday, officials said. «Добре», one said.\r\n\r\nNo date was set for the next round. ';

const report: Report = Report.parse({
  id: 'report-test-1',
  text: TEXT,
  published: '2025-11-19',
  outlet: 'Test Desk',
  title: 'KYIV TALKS',
  proposals: [
    {
      n: 1,
      type: 'event',
      span: [18, 21],
      confidence: 0.8,
      proposed: { kind: 'meeting', status: 'held', start: '2025-11-18', end: null, precision: 'day', approximate: false, place: { city: 'Kyiv', country: 'Ukraine' }, attendees: [{ name: 'Envoys', kind: 'group' }], medium: 'in-person', title: 'meeting: Envoys', mentions: [[18, 21]] },
    },
    {
      n: 2,
      type: 'statement',
      span: [61, 80],
      confidence: 0.5,
      proposed: { speaker: { name: 'one', kind: 'group' }, party: null, attribution: 'anonymous-official', form: 'quote', text: 'Добре', cue: null, stance: null, date: '2025-11-19', dateSource: 'published' },
    },
    { n: 3, type: 'person', span: [0, 0], confidence: 0.6, status: 'rejected', proposed: { name: 'Nobody Named', kind: 'new' }, review: { at: '2025-11-19T10:00:00.000Z', by: 'test', written: [] } },
  ],
});

describe('reports in bundles', () => {
  it('round-trips the queue through the store and back, text byte for byte', async () => {
    const store = await openSqliteStore(':memory:');
    const a = readBundle(EXAMPLE).data;
    expect(a.reports).toEqual([]);
    await store.importProcess({ ...a, reports: [report] }, { actor: 't' });
    // Accept the statement, so the report carries a source id and a review outcome.
    await reviewReport(localContext(store, 'test'), a.process.id, report.id, [{ n: 2, action: 'accept' }]);
    const stored = await store.loadProcess(a.process.id);
    expect(stored.reports![0]!.sourceId).toMatch(/^source-/);
    const out = path.join(tmp, 'rt');
    const files = writeBundle(out, stored);
    expect(files).toContain('reports.yaml');
    expect(files).toContain('reports/report-test-1.txt');
    expect(readFileSync(path.join(out, 'reports/report-test-1.txt'), 'utf8')).toBe(TEXT);
    const b = readBundle(out).data;
    expect(b).toEqual(stored);
    // Into a fresh store and out again: the same files.
    const store2 = await openSqliteStore(':memory:');
    await store2.importProcess(b, { actor: 't' });
    const out2 = path.join(tmp, 'rt2');
    writeBundle(out2, await store2.loadProcess(a.process.id));
    expect(readFileSync(path.join(out2, 'reports.yaml'), 'utf8')).toBe(readFileSync(path.join(out, 'reports.yaml'), 'utf8'));
    await store.close();
    await store2.close();
  });

  it('names the file, line and field of a bad report entry', () => {
    const out = path.join(tmp, 'bad');
    writeBundle(out, { ...readBundle(EXAMPLE).data, reports: [{ ...report, sourceId: 'src-missing' }] });
    const y = path.join(out, 'reports.yaml');
    writeFileSync(y, readFileSync(y, 'utf8').replace(/(span:\n\s+- 61\n\s+- )80/, '$1999'));
    let err: AccordError | undefined;
    try {
      readBundle(out);
    } catch (e) {
      err = e as AccordError;
    }
    expect(err).toBeInstanceOf(AccordError);
    const details = err!.details.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}`);
    // Shape problems come first; references are checked once every file reads and validates.
    expect(details).toEqual([
      expect.stringMatching(/^reports\.yaml:\d+: \[0\]\.proposals\[1\]\.span: span \[61, 999\] lies outside the report text \(118 characters\)$/),
    ]);
    expect(TEXT.length).toBe(118);
    // With the span repaired, the dangling source is named.
    writeFileSync(y, readFileSync(y, 'utf8').replace(/(span:\n\s+- 61\n\s+- )999/, '$180'));
    let err2: AccordError | undefined;
    try {
      readBundle(out);
    } catch (e) {
      err2 = e as AccordError;
    }
    expect(err2!.details.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}`)).toEqual([
      expect.stringMatching(/^reports\.yaml:\d+: \[0\]\.sourceId: unknown source "src-missing"$/),
    ]);
  });
});
