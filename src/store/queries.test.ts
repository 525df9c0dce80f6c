import { afterEach, describe, expect, it } from 'vitest';
import { rng } from '../analysis/random.js';
import { compareIsoDates, isOnOrBefore, startOf } from '../model/dates.js';
import type { Event, Evidence, Position, ProcessData } from '../model/schemas.js';
import { visibleTo } from '../model/visibility.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { cachedStore, forOneRead } from './cached-store.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import type { EntityQuery, Store } from './store.js';

const backends: Backend[] = [sqliteBackend];
const pg = await postgresBackend();
if (pg) backends.push(pg);

const ctx = { actor: 'test' };
const PARTIES = ['a', 'b', 'c', 'A'];
const LINEAGES = ['d-1', 'd-2', 'd-3'];

/** A process with dated items of every precision, in three layers, in a seeded random order. */
function sample(seed: number): ProcessData {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const date = () => {
    const y = pick(['2023', '2024']);
    const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    return pick([y, `${y}-${m}`, `${y}-${m}-${d}`, `${y}-${m}-${d}`]);
  };
  // Public, one party's layer, several parties' (visible to some, hidden from the rest; 'A' differs
  // from 'a' by case only), or a party's shared with the mediator's team.
  const vis = (): Position['visibility'] => {
    const x = r();
    if (x < 0.5) return 'public';
    if (x < 0.55) return 'mediator-team';
    const owner = pick(PARTIES);
    if (x < 0.75) return { confidentialTo: owner };
    if (x < 0.9) {
      const others = PARTIES.filter((p) => p !== owner);
      const some = others.filter(() => r() < 0.5);
      return { confidentialTo: owner, alsoVisibleTo: some.length ? some : [others[0]!] };
    }
    return { confidentialTo: owner, sharedWith: 'mediator-team' };
  };
  const events: Event[] = Array.from({ length: 40 }, (_, i) => {
    const start = date();
    const later = r() < 0.3 ? date() : undefined;
    return {
      id: `ev-${i}`,
      kind: 'meeting',
      status: pick(['held', 'scheduled', 'postponed', 'cancelled'] as const),
      title: `Event ${i}`,
      start,
      ...(later && startOf(later) >= startOf(start) ? { end: later } : {}),
      approximate: false,
      attendees: [],
      tabled: [],
      provisions: [],
      sources: [],
      visibility: vis(),
    };
  });
  const evidence: Evidence[] = Array.from({ length: 60 }, (_, i) => ({
    id: `e-${i}`,
    speaker: pick(['pa', 'pb', 'two officials']),
    ...(r() < 0.8 ? { onBehalfOf: pick(PARTIES) } : {}),
    form: 'quote',
    text: `said ${i}`,
    saidAt: date(),
    attribution: 'on-record',
    sources: [],
    ...(r() < 0.6 ? { event: pick(events).id } : {}),
    visibility: vis(),
  }));
  const positions: Position[] = Array.from({ length: 80 }, (_, i) => ({
    id: `pos-${i}`,
    party: pick(PARTIES),
    ...(r() < 0.9 ? { provision: pick(LINEAGES) } : {}),
    stance: pick(['accepts', 'rejects', 'undecided'] as const),
    asOf: date(),
    confidence: 1,
    visibility: vis(),
    evidence: [],
  }));
  return {
    process: { id: 'q', name: 'Queries' },
    parties: PARTIES.map((id) => ({ id, name: id.toUpperCase(), role: 'party' as const, aliases: [] })),
    persons: [
      { id: 'pa', name: 'P A', aliases: [], memberships: [] },
      { id: 'pb', name: 'P B', aliases: [], memberships: [] },
    ],
    documents: [{ id: 'd', title: 'Draft', kind: 'plan', proponents: [] }],
    versions: [
      {
        id: 'd-v1',
        document: 'd',
        label: 'v1',
        date: '2023-01',
        proponents: [],
        provisions: LINEAGES.map((l, i) => ({ kind: 'point' as const, num: String(i + 1), heading: null, text: `Point ${i + 1}.`, lineage: l, status: 'proposed' as const, brackets: [], alternatives: [], topics: [], children: [] })),
      },
    ],
    sources: [],
    evidence,
    positions,
    events,
    domains: [],
    alignments: [],
    reports: [],
  };
}

type Dated = { id: string; visibility?: Position['visibility'] } & Record<string, unknown>;

/** The same selection computed from the data, by the model's own date and visibility rules. */
function expected(kind: 'positions' | 'evidence' | 'events', data: ProcessData, q: EntityQuery): string[] {
  const field = { positions: 'asOf', evidence: 'saidAt', events: 'start' }[kind];
  const items = data[kind] as unknown as Dated[];
  const keep = items.filter((x) => {
    const d = x[field] as string;
    if (q.party !== undefined && (kind === 'positions' ? x.party : x.onBehalfOf) !== q.party) return false;
    if (q.person !== undefined && x.speaker !== q.person) return false;
    if (q.ref !== undefined && (kind === 'positions' ? x.provision : x.event) !== q.ref) return false;
    if (q.status && !q.status.includes(x.status as string)) return false;
    if (q.until !== undefined && !isOnOrBefore(d, q.until)) return false;
    if (q.from !== undefined && startOf(kind === 'events' ? ((x.end as string | undefined) ?? d) : d) < startOf(q.from)) return false;
    if (q.layers !== undefined && !visibleTo(x.visibility, q.layers)) return false;
    if (q.exclude?.includes(x.id)) return false;
    if (q.ids !== undefined && !q.ids.includes(x.id)) return false;
    return true;
  });
  const order = keep.map((x, i) => ({ x, i }));
  if (q.order === 'date') order.sort((a, b) => compareIsoDates(a.x[field] as string, b.x[field] as string) || a.i - b.i);
  if (q.order === 'date-desc') order.sort((a, b) => compareIsoDates(b.x[field] as string, a.x[field] as string) || b.i - a.i);
  return order.map((o) => o.x.id);
}

/** Every page of a query, followed to its end. */
async function allPages(store: Store, kind: 'positions' | 'evidence' | 'events', q: EntityQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query('q', kind, { ...q, ...(cursor ? { cursor } : {}) });
    pages.push(page.items.map((x) => x.id));
    cursor = page.next ?? undefined;
  } while (cursor && pages.length < 1000);
  return pages;
}

describe.each(backends)('queries on $name', (backend) => {
  let stores: KyselyStore[] = [];
  afterEach(async () => {
    for (const s of stores) await s.close();
    stores = [];
  });

  it('selects, counts and pages exactly what the model’s rules select, in stored and date order', async () => {
    const store = await backend.open();
    stores.push(store);
    const data = sample(7);
    await store.importProcess(data, ctx);
    const r = rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let n = 0; n < 80; n++) {
      const kind = pick(['positions', 'evidence', 'events'] as const);
      const q: EntityQuery = {};
      if (kind !== 'events' && r() < 0.4) q.party = pick(PARTIES);
      if (kind === 'evidence' && r() < 0.3) q.person = pick(['pa', 'pb']);
      if (kind === 'positions' && r() < 0.3) q.ref = pick(LINEAGES);
      if (kind === 'events' && r() < 0.5) q.status = [pick(['held', 'scheduled', 'postponed', 'cancelled'])];
      if (r() < 0.5) q.until = pick(['2023', '2023-06', '2024-02-10', '2024-12']);
      if (r() < 0.4) q.from = pick(['2023-03', '2023-11-15', '2024']);
      if (r() < 0.6) q.layers = pick([[], ['a'], ['A'], ['b', 'c'], ['@mediator-team'], ['c', '@mediator-team'], 'all'] as const);
      // Ids or referenced ids with a date bound: the dates are then compared without their index (src/store/queries.ts).
      if (r() < 0.25) q.ids = Array.from({ length: 1 + Math.floor(r() * 20) }, () => `${kind === 'events' ? 'ev' : kind === 'evidence' ? 'e' : 'pos'}-${Math.floor(r() * 40)}`);
      if (r() < 0.2) q.exclude = Array.from({ length: 1 + Math.floor(r() * 12) }, () => `${kind === 'events' ? 'ev' : kind === 'evidence' ? 'e' : 'pos'}-${Math.floor(r() * 40)}`);
      q.order = pick(['stored', 'date', 'date-desc'] as const);
      const want = expected(kind, data, q);
      q.limit = pick([1, 3, 7, 1000]);
      const pages = await allPages(store, kind, q);
      expect(pages.flat(), JSON.stringify({ kind, q })).toEqual(want);
      // Full pages until the last one, which is never empty unless the list is.
      expect(pages.slice(0, -1).every((p) => p.length === q.limit)).toBe(true);
      expect(await store.count('q', kind, q)).toBe(want.length);
      const heads = await store.heads('q', kind, { ...q, order: undefined });
      expect(heads.map((h) => h.id)).toEqual(expected(kind, data, { ...q, order: 'stored' }));
    }
  });

  it('answers the query columns without the JSON: dates as written, filing, layer, label', async () => {
    const store = await backend.open();
    stores.push(store);
    const data = sample(3);
    await store.importProcess(data, ctx);
    const e = data.evidence.find((x) => x.event && x.visibility !== 'public')!;
    const [h] = await store.heads('q', 'evidence', { ids: [e.id] });
    expect(h).toEqual({ id: e.id, date: e.saidAt, end: null, party: e.onBehalfOf ?? null, person: e.speaker, ref: e.event, status: null, layer: (e.visibility as { confidentialTo: string }).confidentialTo, label: null });
    const [v] = await store.heads('q', 'versions');
    expect(v).toMatchObject({ id: 'd-v1', date: '2023-01', ref: 'd', label: 'v1' });
    await expect(store.query('q', 'events', { order: 'date', cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'cursor' } });
  });

  it('moves the revision of each kind a write touches, in its transaction, and never back', async () => {
    const store = await backend.open();
    stores.push(store);
    expect(await store.revisions('q')).toEqual({});
    await store.importProcess(sample(1), ctx);
    const r0 = await store.revisions('q');
    expect(r0.positions).toBeGreaterThan(0);
    expect(r0.process).toBeGreaterThan(0);
    await store.put('q', 'parties', { id: 'x', name: 'X', role: 'observer', aliases: [] }, ctx);
    const r1 = await store.revisions('q');
    expect(r1).toEqual({ ...r0, parties: r0.parties! + 1 });
    // A failed write moves nothing.
    await expect(store.put('q', 'positions', { id: 'bad', party: 'nobody', provision: 'd-1', stance: 'accepts', asOf: '2024', confidence: 1, visibility: 'public', evidence: [] }, ctx)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await store.revisions('q')).toEqual(r1);
    await store.remove('q', 'parties', 'x', ctx);
    expect((await store.revisions('q')).parties).toBe(r0.parties! + 2);
    await store.deleteProcess('q', ctx);
    await store.importProcess(sample(1), ctx);
    const r2 = await store.revisions('q');
    for (const k of Object.keys(r0)) expect(r2[k]!).toBeGreaterThan(r1[k]!);
  });

  it('through the read cache, shows at the next read what another store on the same database wrote', async () => {
    const [a, b] = await backend.openPair();
    stores.push(a, b);
    await b.importProcess(sample(5), ctx);
    const cached = cachedStore(a);
    const first = await cached.loadKinds('q', ['parties', 'positions']);
    expect(first.positions).toHaveLength(80);
    expect(first.events).toEqual([]);
    expect(await cached.loadKinds('q', ['positions', 'parties'])).toBe(first); // same revisions: the same object
    let computed = 0;
    const count = () => cached.memo('q', 'n', ['positions'], async () => ++computed + (await cached.loadKinds('q', ['positions'])).positions.length * 0);
    expect(await count()).toBe(1);
    expect(await count()).toBe(1);
    // A write to another kind leaves both in place…
    await b.put('q', 'events', { ...sample(5).events[0]!, title: 'Renamed' }, ctx);
    expect(await cached.loadKinds('q', ['parties', 'positions'])).toBe(first);
    expect(await count()).toBe(1);
    expect((await cached.loadKinds('q', ['events'])).events[0]!.title).toBe('Renamed');
    // …a write to a kind they read is seen at once.
    await b.put('q', 'positions', { id: 'new', party: 'a', provision: 'd-1', stance: 'rejects', asOf: '2025', confidence: 1, visibility: 'public', evidence: [] }, ctx);
    const second = await cached.loadKinds('q', ['parties', 'positions']);
    expect(second).not.toBe(first);
    expect(second.positions.map((p) => p.id)).toContain('new');
    expect(second.parties).toBe(first.parties); // parties were not read again
    expect(await count()).toBe(2);
    await b.remove('q', 'positions', 'new', ctx);
    expect((await cached.loadKinds('q', ['positions'])).positions.map((p) => p.id)).not.toContain('new');
  });
});

describe.each(backends)('one read of the cache ($name)', (backend) => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('keys every cached read of one request on the revisions it first saw, and the next request sees a write at once', async () => {
    const [a, b] = await backend.openPair();
    stores.push(a, b);
    await b.importProcess(sample(5), ctx);
    const cached = cachedStore(a);
    let asked = 0;
    const inner = a.revisions.bind(a);
    a.revisions = async (pid: string) => (asked++, inner(pid));
    const one = forOneRead(cached);
    const before = await one.loadKinds('q', ['positions']);
    asked = 0; // (a load that read the database asks once more, to check that nothing moved meanwhile)
    await b.put('q', 'positions', { id: 'new', party: 'a', provision: 'd-1', stance: 'rejects', asOf: '2025', confidence: 1, visibility: 'public', evidence: [] }, ctx);
    // Same request: the revisions read first hold, so the positions are those of the first read.
    expect(await one.loadKinds('q', ['positions'])).toBe(before);
    expect(await one.memo('q', 'ids', ['positions'], async () => (await one.loadKinds('q', ['positions'])).positions.map((p) => p.id))).not.toContain('new');
    expect(asked).toBe(0);
    // The next request reads the revisions again and sees the write.
    const next = forOneRead(cached);
    expect((await next.loadKinds('q', ['positions'])).positions.map((p) => p.id)).toContain('new');
    expect(await next.memo('q', 'ids', ['positions'], async () => (await next.loadKinds('q', ['positions'])).positions.map((p) => p.id))).toContain('new');
    expect((await cached.loadKinds('q', ['positions'])).positions.map((p) => p.id)).toContain('new');
    // A store without the cache is given back as it is.
    expect(forOneRead(a)).toBe(a);
  });
});

describe('migration 0004 (query columns)', () => {
  it('fills the query columns of rows written before it', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await migrateToLatest(db, 'sqlite', '0003-integrity');
    const data = sample(9);
    await db.insertInto('processes').values({ id: 'q', data: JSON.stringify(data.process), created_at: '2024-01-01' }).execute();
    const rows = (['positions', 'evidence', 'events'] as const).flatMap((kind) =>
      (data[kind] as { id: string }[]).map((e, i) => ({ process_id: 'q', kind, id: e.id, seq: i + 1, data: JSON.stringify(e), updated_at: '2024-01-01', etag: 'x', hash: null })),
    );
    for (const r of rows) await db.insertInto('entities').values(r).execute();
    await migrateToLatest(db, 'sqlite');
    const store = new KyselyStore(db, 'sqlite');
    try {
      for (const kind of ['positions', 'evidence', 'events'] as const) {
        const q: EntityQuery = { until: '2023-09', layers: ['b'], order: 'date' };
        expect((await store.query('q', kind, q)).items.map((x) => x.id)).toEqual(expected(kind, data, q));
      }
    } finally {
      await store.close();
    }
  });
});
