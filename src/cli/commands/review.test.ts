/**
 * `accord ingest --queue` and `accord review` in process (only these two commands registered), on a
 * SQLite copy of the example process and a corpus article.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../../ingest/extract.js';
import type { AccordError } from '../../model/errors.js';
import { readBundle } from '../../store/bundle.js';
import { openSqliteStore } from '../../store/sqlite.js';
import * as ingest from './ingest.js';
import * as review from './review.js';
import { markedText, parseTarget } from './review.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const A01 = path.resolve(ROOT, '../shared/corpus/articles/a01-2025-11-19-ankara-wire.txt');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-review-'));
const db = path.join(tmp, 'accord.db');
const PID = 'russia-ukraine-2025';

beforeAll(async () => {
  const store = await openSqliteStore(db);
  await store.importProcess(readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data, { actor: 'test' });
  await store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; error?: AccordError }> {
  const program = new Command('accord').exitOverride();
  ingest.register(program);
  review.register(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const s of c.commands) s.exitOverride();
  }
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'accord', ...args]);
    return { out };
  } catch (e) {
    return { out, error: e as AccordError };
  } finally {
    process.stdout.write = write;
  }
}

const events = async () => {
  const store = await openSqliteStore(db);
  try {
    return await store.list(PID, 'events');
  } finally {
    await store.close();
  }
};

describe('accord review', () => {
  it('queues a report, shows the merge targets, accepts, rejects and edits', async () => {
    const q = await run('ingest', A01, '--published', '2025-11-19', '--outlet', 'corpus wire', '--queue', '--id', 'rep-a01', '--db', db, '--json');
    expect(q.error).toBeUndefined();
    // One pending proposal per event, statement and new person the extractor finds with the process's actors.
    const { data } = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025'));
    const x = extractReport({ text: readFileSync(A01, 'utf8'), published: '2025-11-19' }, { parties: data.parties, persons: data.persons });
    const pending = x.events.length + x.statements.length + x.newPersons.length;
    expect(pending).toBeGreaterThanOrEqual(9);
    expect(JSON.parse(q.out).queued).toMatchObject({ id: 'rep-a01', published: '2025-11-19', outlet: 'corpus wire', counts: { pending, accepted: 0 } });

    const list = JSON.parse((await run('review', 'list', '--db', db, '--json')).out);
    expect(list.map((r: { id: string }) => r.id)).toEqual(['rep-a01']);

    const show = JSON.parse((await run('review', 'show', 'rep-a01', '--db', db, '--json')).out);
    const ankara = show.report.proposals.find((p: { type: string; proposed: { place?: { city?: string } | null } }) => p.type === 'event' && p.proposed.place?.city === 'Ankara');
    expect(show.previews.find((p: { n: number }) => p.n === ankara.n).mergeInto).toMatchObject({ id: 'ev-009', title: 'Zelensky and Erdogan meet in Ankara' });
    const human = (await run('review', 'show', 'rep-a01', '--db', db)).out;
    expect(human).toContain('merges into ev-009 «Zelensky and Erdogan meet in Ankara»');

    const before = (await events()).length;
    const dry = JSON.parse((await run('review', 'accept', `rep-a01:${ankara.n}`, '--dry-run', '--db', db, '--json')).out);
    expect(dry).toMatchObject({ dryRun: true, writes: 0 });
    expect((await events()).find((e) => e.id === 'ev-009')!.sources).toEqual(['src-020', 'src-021']);

    const acc = await run('review', 'accept', `rep-a01:${ankara.n}`, '--db', db);
    expect(acc.out).toMatch(new RegExp(`#${ankara.n} event accepted: created sources/source-[0-9a-f]{8}, merged events/ev-009`));
    const ev9 = (await events()).find((e) => e.id === 'ev-009')!;
    expect(ev9.sources).toHaveLength(3);
    expect((await events()).length).toBe(before);

    const rej = JSON.parse((await run('review', 'reject', 'rep-a01:3', '--db', db, '--json')).out);
    expect(rej.outcomes).toEqual([{ n: 3, type: 'event', status: 'rejected', written: [] }]);

    // Accept the postponed Witkoff visit as a new event, with a corrected date.
    const edit = JSON.parse((await run('review', 'edit', 'rep-a01:2', '--merge-into', 'new', '--title', 'Witkoff trip to Turkey put off', '--db', db, '--json')).out);
    expect(edit.outcomes[0]).toMatchObject({ n: 2, status: 'edited', written: [{ kind: 'events', action: 'created' }] });
    const created = (await events()).find((e) => e.id === edit.outcomes[0].written[0].id)!;
    expect(created).toMatchObject({ kind: 'meeting', status: 'postponed', title: 'Witkoff trip to Turkey put off', start: '2025-11-19', sources: [ev9.sources[2]] });
  });

  it('refuses options of another proposal type and bad targets, writing nothing', async () => {
    const before = JSON.stringify(await events());
    const show = JSON.parse((await run('review', 'show', 'rep-a01', '--db', db, '--json')).out);
    const st = show.report.proposals.find((p: { type: string; status: string }) => p.type === 'statement' && p.status === 'pending');
    const wrong = await run('review', 'edit', `rep-a01:${st.n}`, '--city', 'Kyiv', '--db', db);
    expect(wrong.error).toMatchObject({ code: 'usage' });
    expect(wrong.error!.message).toMatch(/--city do\(es\) not apply to proposal \d+, a statement/);
    expect((await run('review', 'accept', 'rep-a01:x', '--db', db)).error).toMatchObject({ code: 'usage' });
    expect((await run('review', 'accept', 'rep-zz:1', '--db', db)).error).toMatchObject({ code: 'not_found' });
    expect((await run('review', 'edit', `rep-a01:${st.n}`, '--stance', 'likes', '--provision', 'us-28-6', '--db', db)).error).toMatchObject({ code: 'invalid_input' });
    expect((await run('review', 'edit', `rep-a01:${st.n}`, '--stance', 'accepts', '--provision', '99', '--version', 'us-28-v1', '--db', db)).error).toMatchObject({ code: 'invalid_input', message: 'version "us-28-v1" has no point 99' });
    expect(JSON.stringify(await events())).toBe(before);
  });
});

describe('helpers', () => {
  it('parses targets', () => {
    expect(parseTarget('rep-1')).toEqual({ id: 'rep-1', ns: [] });
    expect(parseTarget('rep-1:2,4-6')).toEqual({ id: 'rep-1', ns: [2, 4, 5, 6] });
    expect(() => parseTarget('rep-1:3-1')).toThrow(/not a proposal number/);
  });
  it('marks proposal spans in the text, nested ones inside', () => {
    const r = { text: 'Abc def ghi.', proposals: [{ n: 1, span: [0, 12] }, { n: 2, span: [4, 7] }] } as never;
    expect(markedText(r)).toBe('⟦1 Abc ⟦2 def ⟧2 ghi. ⟧1');
  });
});
