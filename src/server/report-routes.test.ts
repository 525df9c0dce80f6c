/**
 * The review-queue routes over HTTP (`app.request`, no socket) on the example process with the
 * default read cache on, so that a review's writes must show in the record at once. Merge targets
 * come from the corpus expected file of the article (`timeline_ref`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTICLES = path.resolve(ROOT, '../shared/corpus/articles');
const A03 = readFileSync(path.join(ARTICLES, 'a03-2025-11-24-geneva-quotes.txt'), 'utf8');
const P = '/api/processes/russia-ukraine-2025';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data, { actor: 'test' });
  app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false });
});
afterAll(async () => store.close());

const call = async (method: string, url: string, body?: unknown) => {
  const r = await app.request(url, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
};
const snapshot = async () => JSON.stringify({ data: await store.loadProcess('russia-ukraine-2025'), audit: (await store.audit()).length });

describe('review queue API', () => {
  let id = '';
  let proposals: any[] = [];

  it('ingests a report into the queue with previews, changing nothing in the record', async () => {
    const before = JSON.parse(await snapshot()).data;
    const r = await call('POST', `${P}/reports`, { text: A03, published: '2025-11-24', outlet: 'corpus correspondent', url: 'https://example.org/corpus/a03' });
    expect(r.status).toBe(201);
    id = r.body.report.id;
    proposals = r.body.report.proposals;
    expect(id).toMatch(/^report-[0-9a-f]{8}$/);
    expect(r.body.report).toMatchObject({ published: '2025-11-24', outlet: 'corpus correspondent', title: 'GENEVA TALKS SHRINK US PLAN AS KREMLIN BRUSHES OFF EUROPEAN VERSION' });
    const talks = proposals.find((p) => p.type === 'event' && p.proposed.kind === 'talks');
    expect(A03.slice(talks.span[0], talks.span[1])).toBe('talks');
    expect(r.body.previews.find((p: any) => p.n === talks.n).mergeInto).toMatchObject({ id: 'ev-018', title: 'US–Ukraine talks in Geneva' });
    const after = JSON.parse(await snapshot()).data;
    expect({ ...after, reports: [] }).toEqual(before);
    const list = await call('GET', `${P}/reports`);
    expect(list.body).toEqual([{ id, title: r.body.report.title, published: '2025-11-24', outlet: 'corpus correspondent', url: 'https://example.org/corpus/a03', proposals: proposals.length, counts: { pending: proposals.length, accepted: 0, edited: 0, rejected: 0 } }]);
  });

  it('answers bad input with the field, and writes nothing', async () => {
    const before = await snapshot();
    expect((await call('POST', `${P}/reports`, { text: '', published: '2025-11-24' })).body.error).toMatchObject({ code: 'invalid_input', field: 'text' });
    expect((await call('POST', `${P}/reports`, { text: A03, published: '24/11/2025' })).body.error).toMatchObject({ code: 'invalid_input', field: 'published' });
    expect((await call('POST', `${P}/reports`, { text: A03, published: '2025-11-24' })).status).toBe(409);
    expect((await call('POST', `${P}/reports`, { text: 'x', published: '2025-11-24', colour: 'red' })).status).toBe(422);
    expect((await call('PUT', `${P}/reports/${id}`, { decisions: [] })).status).toBe(422);
    expect((await call('PUT', `${P}/reports/${id}`, { decisions: [{ n: 99, action: 'accept' }] })).body.error).toMatchObject({ code: 'not_found', field: 'decisions[0].n' });
    expect((await call('GET', `${P}/reports/report-none`)).status).toBe(404);
    expect((await call('GET', `/api/processes/nope/reports`)).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('previews a review without writing, then accepts: merged into the stored talks, shown in the record at once', async () => {
    const talks = proposals.find((p) => p.type === 'event' && p.proposed.kind === 'talks');
    const rubio = proposals.find((p) => p.type === 'statement' && p.proposed.speaker.person === 'rubio');
    // Rubio's words are about the Geneva session, told in another sentence: the reviewer links them.
    const decisions = [{ n: talks.n, action: 'accept' }, { n: rubio.n, action: 'edit', edits: { event: 'ev-018' } }];
    const before = await snapshot();
    const dry = await call('PUT', `${P}/reports/${id}`, { decisions, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, writes: 0 });
    expect(await snapshot()).toBe(before);

    const r = await call('PUT', `${P}/reports/${id}`, { decisions });
    expect(r.status).toBe(200);
    expect(r.body.writes).toBe(4); // source, ev-018, evidence, the report
    const sourceId = r.body.report.sourceId;
    const record = await call('GET', `${P}/record?person=rubio`);
    const geneva = record.body.find((x: any) => x.event.id === 'ev-018');
    expect(geneva.event.sources).toContain(sourceId);
    expect(geneva.statements.map((s: any) => s.text)).toContain('most productive and meaningful');
    expect(r.body.report.proposals.find((p: any) => p.n === talks.n).status).toBe('accepted');
    expect(r.body.report.proposals.find((p: any) => p.n === rubio.n)).toMatchObject({ status: 'edited', edits: { event: 'ev-018' } });
    expect(r.body.previews.some((p: any) => p.n === talks.n)).toBe(false);
    // Already accepted: a conflict, and nothing changes.
    const mid = await snapshot();
    expect((await call('PUT', `${P}/reports/${id}`, { decisions: [{ n: talks.n, action: 'reject' }] })).status).toBe(409);
    expect(await snapshot()).toBe(mid);
  });

  it('rejects with nothing written to the record, and drops a report from the queue', async () => {
    const ush = proposals.filter((p) => p.type === 'statement' && p.proposed.speaker.person === 'ushakov').map((p) => ({ n: p.n, action: 'reject' }));
    const evidence = (await store.list('russia-ukraine-2025', 'evidence')).length;
    const r = await call('PUT', `${P}/reports/${id}`, { decisions: ush });
    expect(r.body.outcomes.map((o: any) => o.status)).toEqual(['rejected', 'rejected']);
    expect((await store.list('russia-ukraine-2025', 'evidence')).length).toBe(evidence);
    // The report cites its source, so the source cannot be deleted while the report is queued.
    const sourceId = r.body.report.sourceId;
    expect((await call('DELETE', `${P}/sources/${sourceId}`)).status).toBe(409);
    expect((await call('DELETE', `${P}/reports/${id}`)).body).toEqual({ deleted: { kind: 'reports', id } });
    expect((await call('GET', `${P}/reports`)).body).toEqual([]);
    // What was accepted stays in the record.
    expect((await store.get('russia-ukraine-2025', 'events', 'ev-018'))!.sources).toContain(sourceId);
  });
});
