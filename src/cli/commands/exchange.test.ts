import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open.js';
import { runAccord } from '../../../test/support/cli.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-exchange-'));
const db = path.join(tmp, 'a.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const accord = (...args: string[]) => runAccord([...args, '--db', db]);

async function positionsInStore(): Promise<string[]> {
  const store = await openStore(db);
  try {
    return (await store.list('mini', 'positions')).map((p) => p.id).sort();
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  expect((await accord('import', path.join(ROOT, 'src/store/fixtures/mini'))).code).toBe(0);
});

describe('accord export --format', () => {
  it('writes one AKN file per version, three CSV tables, one calendar, the analysis JSON', async () => {
    for (const f of ['akn', 'csv', 'ics', 'json']) expect((await accord('export', path.join(tmp, f), '--format', f, '--as-of', '2024-03-15')).code).toBe(0);
    expect(readdirSync(path.join(tmp, 'akn')).sort()).toEqual(['draft-v1.akn.xml', 'draft-v2.akn.xml']);
    expect(readdirSync(path.join(tmp, 'csv')).sort()).toEqual(['events.csv', 'matrix.csv', 'positions.csv']);
    expect(readdirSync(path.join(tmp, 'ics'))).toEqual(['mini.ics']);
    const analysis = JSON.parse(readFileSync(path.join(tmp, 'json', 'analysis.json'), 'utf8'));
    expect(analysis.contested.map((c: { label: string }) => c.label)).toEqual(['2']);
    expect(analysis.solutions).toBeNull();
    const bad = await accord('export', path.join(tmp, 'x'), '--format', 'pdf');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/unknown export format "pdf"/);
  });
});

describe('accord import-csv', () => {
  const header = 'party,point,stance,date,source\n';
  it('writes nothing when a row is wrong, naming its row and column', async () => {
    const before = await positionsInStore();
    const file = path.join(tmp, 'bad.csv');
    writeFileSync(file, header + 'north,1,accepts,2024-04-05,\nsouth,2,sort of,2024-04-05,\n');
    const r = await accord('import-csv', file);
    expect(r.code).toBe(65);
    expect(r.err).toContain('bad.csv: row 3, column C (stance): unknown stance "sort of"');
    expect(await positionsInStore()).toEqual(before);
  });

  it('with --skip-bad-rows writes the good rows and reports the bad ones', async () => {
    const file = path.join(tmp, 'mixed.csv');
    writeFileSync(file, header + 'north,1,accepts,2024-04-05,https://example.org/r2\nsouth,2,sort of,2024-04-05,\n');
    const r = await accord('import-csv', file, '--skip-bad-rows', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.rows, j.imported, j.created, j.skipped]).toEqual([2, 1, 1, 1]);
    expect(j.problems[0]).toMatchObject({ row: 3, column: 'C', field: 'stance' });
    expect(await positionsInStore()).toContain('csv-north-draft-1-2024-04-05');
  });
});

describe('accord import-akn', () => {
  it('reads an exported version back as a new version with the same provisions', async () => {
    const xml = readFileSync(path.join(tmp, 'akn', 'draft-v2.akn.xml'), 'utf8').replace(/id="draft-v2"/, 'id="draft-v2-copy"');
    const file = path.join(tmp, 'copy.akn.xml');
    writeFileSync(file, xml);
    expect((await accord('import-akn', file)).code).toBe(0);
    const store = await openStore(db);
    try {
      const a = await store.get('mini', 'versions', 'draft-v2');
      const b = await store.get('mini', 'versions', 'draft-v2-copy');
      expect(b?.provisions).toEqual(a?.provisions);
    } finally {
      await store.close();
    }
    const again = await accord('import-akn', file);
    expect(again.code).toBe(73);
  });
});

describe('accord brief', () => {
  it('prints the Markdown briefing and refuses a PDF without --out', async () => {
    const r = await accord('brief', '--as-of', '2024-03-15');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# Mini process (test fixture) — briefing as of 2024-03-15');
    expect(r.out).toContain('**Point 2**');
    expect((await accord('brief', '--format', 'pdf')).code).toBe(64);
    expect((await accord('brief', '--format', 'docx')).code).toBe(64);
  });
});
