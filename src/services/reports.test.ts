/**
 * The review queue against a real store holding the example process: corpus articles queued and
 * reviewed. Merge targets are the `timeline_ref` of the corpus's expected files (written
 * independently of this code); "nothing written" is checked on a snapshot of the whole process and
 * the audit log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { type Event, type ProcessData, type Provision, type Report, walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { localContext } from './context.js';
import { queueReport, reportView, reviewReport } from './reports.js';

const as = (s: Store) => localContext(s, 'test');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTICLES = path.resolve(ROOT, '../shared/corpus/articles');
const EXAMPLE = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;
const PID = EXAMPLE.process.id;

interface Expected {
  article: string;
  dateline_date: string;
  events: { kind: string; date: string | null; status: string; timeline_ref?: string | null }[];
}
const expected = (name: string): Expected => JSON.parse(readFileSync(path.join(ARTICLES, `${name}.expected.json`), 'utf8'));
const article = (name: string) => readFileSync(path.join(ARTICLES, expected(name).article), 'utf8');

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(EXAMPLE, { actor: 'test' });
});
afterEach(async () => store.close());

/** Everything stored plus the audit length: equal snapshots mean nothing was written. */
const snapshot = async () => JSON.stringify({ data: await store.loadProcess(PID), audit: (await store.audit(PID)).length });

async function queue(name: string, extra: { url?: string; outlet?: string } = {}): Promise<Report> {
  const e = expected(name);
  return queueReport(as(store), PID, { text: article(name), published: e.dateline_date, ...extra }, { id: `rep-${name.slice(0, 3)}` });
}

/** The event proposal matching an expected event: same kind, status and day (or within its range). */
function proposalFor(r: Report, e: Expected['events'][number]) {
  return r.proposals.find(
    (p) =>
      p.type === 'event' &&
      p.proposed.kind === e.kind.replace(' ', '-') &&
      p.proposed.status === e.status &&
      (e.date === null || p.proposed.start === e.date || (p.proposed.end !== null && p.proposed.start! <= e.date && e.date <= p.proposed.end)),
  );
}

describe('accepting a corpus article into the example process', () => {
  it('merges every event the timeline already has into that event, and cites the report as their source', async () => {
    const before = await store.loadProcess(PID);
    const r = await queue('a01-2025-11-19-ankara-wire', { url: 'https://example.org/corpus/a01', outlet: 'corpus wire' });
    const refs = expected('a01-2025-11-19-ankara-wire').events.map((e) => [proposalFor(r, e)?.n, e.timeline_ref] as const);
    // The Ankara wire tells seven events, all on the example's timeline.
    expect(refs.map(([, ref]) => ref)).toEqual(['ev-009', 'ev-010', 'ev-008', 'ev-006', 'ev-007', 'ev-011', 'ev-012']);
    const { previews } = await reportView(as(store), PID, r.id);
    for (const [n, ref] of refs) expect(previews.find((p) => p.n === n)?.mergeInto?.id, `proposal ${n}`).toBe(ref);

    const all = r.proposals.map((p) => ({ n: p.n, action: 'accept' as const }));
    const auditBefore = (await store.audit(PID)).length;
    const res = await reviewReport(as(store), PID, r.id, all);
    const after = await store.loadProcess(PID);
    // Merged, not duplicated: no new event.
    expect(after.events.length).toBe(before.events.length);
    const source = after.sources.find((s) => s.id === res.report.sourceId)!;
    expect(source).toEqual({ id: res.report.sourceId, url: 'https://example.org/corpus/a01', outlet: 'corpus wire', title: r.text.split('\n')[0]!.trim().slice(0, 199) + '…', publishedAt: '2025-11-19' });
    const byId = (d: ProcessData, id: string) => d.events.find((e) => e.id === id)!;
    for (const [n, ref] of refs) {
      const o = res.outcomes.find((x) => x.n === n)!;
      expect(o.written.filter((w) => w.kind === 'events')).toEqual([{ kind: 'events', id: ref, action: 'merged' }]);
      const was = byId(before, ref!);
      const now = byId(after, ref!);
      expect(now.sources).toEqual([...was.sources, source.id]);
      // Nothing else of the curated event changes here: every attendee the report names is already there.
      expect({ ...now, sources: was.sources }).toEqual(was);
    }
    // Statements became evidence citing the report, with the report's own words.
    const evidence = after.evidence.filter((e) => e.sources.includes(source.id));
    expect(evidence.length).toBe(r.proposals.filter((p) => p.type === 'statement').length);
    const z = evidence.find((e) => e.speaker === 'zelensky')!;
    expect(z).toMatchObject({ onBehalfOf: 'ua', form: 'paraphrase', attribution: 'on-record', saidAt: '2025-11-19', visibility: 'public' });
    const zp = r.proposals.find((p) => p.type === 'statement' && p.proposed.speaker.person === 'zelensky')!;
    expect(z.text).toBe(r.text.slice(zp.span[0], zp.span[1]));
    // One audit entry per entity written: source, 7 events, evidence, the report.
    expect(res.writes).toBe(1 + 7 + evidence.length + 1);
    expect((await store.audit(PID)).length - auditBefore).toBe(res.writes);
    const stored = after.reports!.find((x) => x.id === r.id)!;
    expect(stored.proposals.map((p) => p.status)).toEqual(r.proposals.map(() => 'accepted'));
    expect((await store.verify()).ok).toBe(true);
  });

  it('merges the Geneva report into the timeline’s Geneva talks, Reuters publication and Luanda meeting', async () => {
    const r = await queue('a03-2025-11-24-geneva-quotes');
    const { previews } = await reportView(as(store), PID, r.id);
    const merged = expected('a03-2025-11-24-geneva-quotes').events.map((e) => {
      const p = proposalFor(r, e)!;
      return [e.timeline_ref ?? null, previews.find((x) => x.n === p.n)!.mergeInto?.id ?? null];
    });
    expect(merged).toEqual([
      ['ev-018', 'ev-018'],
      ['ev-018', 'ev-018'],
      ['ev-019', 'ev-019'],
      [null, null],
      ['ev-020', 'ev-020'],
      [null, null],
    ]);
  });

  it('creates an undated scheduled meeting in the month of publication, approximate, and records positions the reviewer codes', async () => {
    const r = await queue('a03-2025-11-24-geneva-quotes');
    const undated = r.proposals.find((p) => p.type === 'event' && p.proposed.start === null)!;
    const vdl = r.proposals.find((p) => p.type === 'statement' && p.proposed.speaker.person === 'von-der-leyen')!;
    const res = await reviewReport(as(store), PID, r.id, [
      { n: undated.n, action: 'accept' },
      { n: vdl.n, action: 'edit', edits: { stance: 'rejects', provisions: ['us-28-21', 'us-28-6'], conditions: 'borders not changed by force' } },
    ]);
    const d = await store.loadProcess(PID);
    const evId = res.outcomes.find((o) => o.n === undated.n)!.written.find((w) => w.kind === 'events')!;
    expect(evId.action).toBe('created');
    const ev = d.events.find((e) => e.id === evId.id) as Event;
    expect(ev).toMatchObject({ kind: 'meeting', status: 'scheduled', start: '2025-11', approximate: true, sources: [res.report.sourceId] });
    expect(ev.attendees.map((a) => a.person).sort()).toEqual(['trump', 'zelensky']);
    const evidenceId = res.outcomes.find((o) => o.n === vdl.n)!.written.find((w) => w.kind === 'evidence')!.id;
    const positions = d.positions.filter((p) => p.evidence.includes(evidenceId));
    expect(positions.map((p) => [p.party, p.provision, p.stance, p.asOf, p.conditions])).toEqual([
      ['eu', 'us-28-21', 'rejects', '2025-11-23', 'borders not changed by force'],
      ['eu', 'us-28-6', 'rejects', '2025-11-23', 'borders not changed by force'],
    ]);
    expect(res.report.proposals.find((p) => p.n === vdl.n)!.status).toBe('edited');
  });

  it('creates a new person when the reviewer accepts one, and names it as the speaker', async () => {
    const r = await queue('a04-2025-11-26-abu-dhabi-bulletin');
    const person = r.proposals.find((p) => p.type === 'person')!;
    expect(person.type === 'person' && person.proposed.name).toBe('Jeff Tolbert');
    expect(r.text.slice(person.span[0], person.span[1])).toBe('Jeff Tolbert');
    const said = r.proposals.find((p) => p.type === 'statement' && p.proposed.speaker.name === 'Jeff Tolbert')!;
    await reviewReport(as(store), PID, r.id, [{ n: said.n, action: 'accept' }, { n: person.n, action: 'edit', edits: { party: 'us', post: 'Army spokesman' } }]);
    const d = await store.loadProcess(PID);
    expect(d.persons.find((p) => p.id === 'jeff-tolbert')).toEqual({ id: 'jeff-tolbert', name: 'Jeff Tolbert', aliases: [], memberships: [{ onBehalfOf: 'us', post: 'Army spokesman', from: '2025-11-26' }] });
    expect(d.evidence.filter((e) => e.speaker === 'jeff-tolbert')).toHaveLength(1);
  });
});

describe('nothing is written without review', () => {
  it('queues a report without touching the record', async () => {
    const before = JSON.parse(await snapshot());
    await queue('a01-2025-11-19-ankara-wire');
    const after = JSON.parse(await snapshot());
    expect({ ...after.data, reports: [] }).toEqual(before.data);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('rejecting writes nothing to the record; rejecting again writes nothing at all', async () => {
    const r = await queue('a03-2025-11-24-geneva-quotes');
    const before = await store.loadProcess(PID);
    const audit = (await store.audit(PID)).length;
    const res = await reviewReport(as(store), PID, r.id, r.proposals.map((p) => ({ n: p.n, action: 'reject' as const })));
    expect(res.writes).toBe(1);
    const after = await store.loadProcess(PID);
    expect({ ...after, reports: before.reports }).toEqual(before);
    expect(after.reports![0]!.proposals.every((p) => p.status === 'rejected' && p.review?.written.length === 0)).toBe(true);
    expect((await store.audit(PID)).length).toBe(audit + 1);
    const again = await reviewReport(as(store), PID, r.id, [{ n: 1, action: 'reject' }]);
    expect(again.writes).toBe(0);
    expect((await store.audit(PID)).length).toBe(audit + 1);
  });

  it('a failed accept writes nothing: bad edits', async () => {
    const r = await queue('a03-2025-11-24-geneva-quotes');
    const vdl = r.proposals.find((p) => p.type === 'statement' && p.proposed.speaker.person === 'von-der-leyen')!;
    const before = await snapshot();
    const err = await reviewReport(as(store), PID, r.id, [{ n: 1, action: 'accept' }, { n: vdl.n, action: 'edit', edits: { stance: 'rejects', provisions: ['us-28-99'] } }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccordError);
    expect((err as AccordError).code).toBe('invalid_input');
    expect((err as AccordError).location.field).toBe('decisions[1].edits.provisions.0');
    expect(await snapshot()).toBe(before);
  });

  it('a failed accept writes nothing: the store fails inside the transaction', async () => {
    const r = await queue('a01-2025-11-19-ankara-wire');
    const before = await snapshot();
    // A store whose batch ends with a write that must fail (re-adding an immutable version).
    const poisoned: Store = Object.create(store) as Store;
    poisoned.write = (pid, items, ctx) => store.write(pid, [...items, { kind: 'versions', entity: EXAMPLE.versions[0]! }], ctx);
    const err = await reviewReport(as(poisoned), PID, r.id, r.proposals.map((p) => ({ n: p.n, action: 'accept' as const }))).catch((e: unknown) => e);
    expect((err as AccordError).code).toBe('conflict');
    expect(await snapshot()).toBe(before);
  });

  it('refuses to decide an accepted proposal again, and to queue the same text twice or an empty one', async () => {
    const r = await queue('a01-2025-11-19-ankara-wire');
    await reviewReport(as(store), PID, r.id, [{ n: 1, action: 'accept' }]);
    const again = await reviewReport(as(store), PID, r.id, [{ n: 1, action: 'reject' }]).catch((e: unknown) => e as AccordError);
    expect(again).toMatchObject({ code: 'conflict' });
    expect((again as AccordError).message).toMatch(/already accepted \(into sources\/source-[0-9a-f]{8}, events\/ev-009\)/);
    await expect(queue('a01-2025-11-19-ankara-wire')).rejects.toMatchObject({ code: 'conflict' });
    const before = await snapshot();
    await expect(queueReport(as(store), PID, { text: '   ', published: '2025-11-19' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/nothing to review.*empty/) });
    await expect(queueReport(as(store), PID, { text: 'Talks were held.', published: '19 Nov' })).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'published' } });
    expect(await snapshot()).toBe(before);
  });
});

describe('the numbering a report is read in', () => {
  const territory = 'Kyiv rejects withdrawal from Donbas\n\nKYIV (Example Wire) - The Ukrainian president said on Wednesday that Ukraine would not withdraw its troops from the Donetsk region and that any free economic zone there would need a national referendum.';
  /** Number of the point of `version` whose text (with its options and subpoints) names the Donetsk region (by a direct scan). */
  const mentions = (p: Provision) => [...walkProvisions([p])].some((q) => /Donetsk/.test(q.text + q.alternatives.map((a) => a.text).join(' ')));
  const zonePoint = (version: string) => [...walkProvisions(EXAMPLE.versions.find((v) => v.id === version)!.provisions)].find((p) => p.kind === 'point' && mentions(p))!.num;

  it('is the text on the table on the publication date when none is named', async () => {
    const later = EXAMPLE.versions.filter((v) => !EXAMPLE.documents.some((d) => d.id === v.document && d.kind === 'counter-proposal')).sort((a, b) => a.date.localeCompare(b.date)).at(-1)!;
    const published = later.date.length === 10 ? later.date : `${later.date}-28`;
    const r = await queueReport(as(store), PID, { text: territory, published }, { id: 'rep-num' });
    const statement = r.proposals.find((p) => p.type === 'statement')!;
    expect(statement.type === 'statement' && statement.proposed.provisions).toContain(zonePoint(later.id));
    // Named explicitly, that version is read instead: the later one gives the same points, the earlier one others.
    const first = EXAMPLE.versions.find((v) => v.id !== later.id && [...walkProvisions(v.provisions)].some((p) => p.kind === 'point' && mentions(p)))!;
    const points = async (id: string, version: string) => {
      const rr = await queueReport(as(store), PID, { text: `${territory} (${id})`, published }, { id, version });
      const st = rr.proposals.find((p) => p.type === 'statement')!;
      return st.type === 'statement' ? st.proposed.provisions : [];
    };
    expect(await points('rep-later', later.id)).toEqual(statement.type === 'statement' ? statement.proposed.provisions : null);
    expect(await points('rep-first', first.id)).not.toEqual(statement.type === 'statement' ? statement.proposed.provisions : null);
  });
});
