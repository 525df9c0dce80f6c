/**
 * `accord ingest` in process (only this command registered, so the test does not depend on the
 * others): with the example process in a SQLite store, without a store, and on bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordError } from '../../model/errors.js';
import { readBundle } from '../../store/bundle.js';
import { openSqliteStore } from '../../store/sqlite.js';
import * as ingest from './ingest.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ARTICLES = path.resolve(ROOT, '../shared/corpus/articles');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-ingest-'));
const db = path.join(tmp, 'accord.db');

beforeAll(async () => {
  const { data } = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025'));
  const store = await openSqliteStore(db);
  await store.importProcess(data, { actor: 'test' });
  await store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; error?: AccordError }> {
  const program = new Command('accord').exitOverride();
  ingest.register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'accord', 'ingest', ...args]);
    return { out };
  } catch (e) {
    return { out, error: e as AccordError };
  } finally {
    process.stdout.write = write;
  }
}

describe('accord ingest', () => {
  it('lists proposals as the JSON contract, persons matched against the stored process', async () => {
    const r = await run(path.join(ARTICLES, 'a01-2025-11-19-ankara-wire.txt'), '--published', '2025-11-19', '--db', db, '--json');
    expect(r.error).toBeUndefined();
    const j = JSON.parse(r.out) as { events: { kind: string; status: string; start: string; attendees: string[]; span: number[] }[]; statements: { speaker: string; party: string }[]; warnings: string[] };
    const ankara = j.events.find((e) => e.kind === 'meeting' && e.status === 'held' && e.start === '2025-11-19')!;
    expect(ankara.attendees).toEqual(['Volodymyr Zelensky', 'Recep Tayyip Erdogan']);
    expect(j.events.find((e) => e.status === 'postponed')!.attendees).toEqual(['Steve Witkoff', 'Volodymyr Zelensky']);
    expect(j.statements.find((s) => s.speaker === 'Volodymyr Zelensky')!.party).toBe('ua');
    expect(j.warnings).toEqual([]);
  });
  it('numbers points in the text on the table on the publication date, as a queued report is; an unknown --version is named', async () => {
    const report = path.join(tmp, 'territory.txt');
    writeFileSync(report, 'KYIV, Dec 26 (Wire) - Ukrainian President Volodymyr Zelensky said on Friday that Ukraine rejects any withdrawal of its troops from the Donbas region, calling the territorial clause unacceptable.\n');
    const provisions = async (...extra: string[]) => {
      const r = await run(report, '--published', '2025-12-26', '--db', db, '--json', ...extra);
      expect(r.error).toBeUndefined();
      return (JSON.parse(r.out) as { statements: { provisions: string[] }[] }).statements.map((s) => s.provisions);
    };
    // On 26 December the 20-point framework is on the table: its territory point is 14 (21 in the 28-point draft).
    expect(await provisions()).toEqual([['14']]);
    expect(await provisions('--version', 'framework-20-v1')).toEqual([['14']]);
    const unknown = await run(report, '--published', '2025-12-26', '--db', db, '--version', 'no-such-version');
    expect(unknown.error?.code).toBe('not_found');
    expect(unknown.error?.message).toMatch(/no version "no-such-version".*framework-20-v1/);
  });
  it('prints a readable table with the characters of each proposal', async () => {
    const r = await run(path.join(ARTICLES, 'a07-2025-12-09-london-elections.txt'), '--published', '2025-12-09', '--db', db);
    expect(r.out).toMatch(/proposed event\(s\)/);
    expect(r.out).toMatch(/meeting\s+held\s+2025-12-08\s+London, United Kingdom/);
    expect(r.out).toMatch(/«hosted»/);
    expect(r.out).toMatch(/Nothing was written/);
  });
  it('works without a store and says that every person is new', async () => {
    const cwd = process.cwd();
    process.chdir(tmp + '/..');
    const saved = process.env.ACCORD_DB;
    delete process.env.ACCORD_DB;
    try {
      const r = await run(path.join(ARTICLES, 'a06-2025-12-03-moscow-translated.txt'), '--published', '2025-12-03', '--json');
      const j = JSON.parse(r.out) as { warnings: string[]; events: unknown[] };
      expect(j.warnings.join(' ')).toMatch(/no store/);
      expect(j.events.length).toBeGreaterThan(0);
    } finally {
      process.chdir(cwd);
      if (saved !== undefined) process.env.ACCORD_DB = saved;
    }
  });
  it('fails clearly on a missing file, a bad date and a binary file', async () => {
    expect((await run(path.join(tmp, 'nope.txt'), '--published', '2025-11-19', '--db', db)).error?.code).toBe('not_found');
    const bad = await run(path.join(ARTICLES, 'a01-2025-11-19-ankara-wire.txt'), '--published', '19/11/2025', '--db', db);
    expect(bad.error?.code).toBe('invalid_input');
    expect(bad.error?.location.field).toBe('published');
    const bin = path.join(tmp, 'report.docx');
    writeFileSync(bin, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]));
    expect((await run(bin, '--published', '2025-11-19', '--db', db)).error?.code).toBe('invalid_input');
  });
});
