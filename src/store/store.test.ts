import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessData } from '../model/schemas.js';
import type { KyselyStore } from './kysely-store.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';

/**
 * Back-ends under test: SQLite, and PostgreSQL in the run's throwaway cluster. Without PostgreSQL
 * installed the second is skipped with a warning, except in CI (CI=true) where the suite fails.
 */
export const backends: Backend[] = [sqliteBackend];
const pgBackend = await postgresBackend();
if (pgBackend) backends.push(pgBackend);

function sample(id = 'p1'): ProcessData {
  return {
    process: { id, name: 'Sample' },
    parties: [
      { id: 'a', name: 'A', role: 'party', aliases: [] },
      { id: 'b', name: 'B', role: 'party', aliases: [] },
    ],
    persons: [],
    documents: [{ id: 'd', title: 'Draft', kind: 'plan', proponents: [] }],
    versions: [
      {
        id: 'd-v1',
        document: 'd',
        label: 'v1',
        date: '2024-01-01',
        proponents: [],
        provisions: [
          { kind: 'point', num: '1', heading: null, text: 'One.', lineage: 'd-1', status: 'proposed', brackets: [], alternatives: [], topics: [], children: [] },
        ],
      },
    ],
    sources: [],
    evidence: [],
    positions: [{ id: 'pos1', party: 'a', provision: 'd-1', stance: 'accepts', asOf: '2024-01-02', confidence: 1, visibility: 'public', evidence: [] }],
    events: [],
    domains: [],
    alignments: [{ id: 'd-v1--d-v1', from: 'd-v1', to: 'd-v1', overrides: [{ from: ['1'], to: ['1'], change: 'unchanged' }] }],
    reports: [],
  };
}

const ctx = { actor: 'test' };

describe.each(backends)('store on $name', (backend) => {
  let store: KyselyStore;
  afterEach(async () => {
    await store?.close();
  });

  it('imports a process and loads back exactly the same data', async () => {
    store = await backend.open();
    const data = sample();
    await store.importProcess(data, ctx);
    expect(await store.loadProcess('p1')).toEqual(data);
    expect((await store.listProcesses()).map((p) => p.id)).toEqual(['p1']);
  });

  it('refuses to import over an existing process without replace, and replaces with it', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    await expect(store.importProcess(sample(), ctx)).rejects.toMatchObject({ code: 'conflict' });
    const changed = sample();
    changed.parties.push({ id: 'c', name: 'C', role: 'observer', aliases: [] });
    await store.importProcess(changed, ctx, { replace: true });
    expect((await store.list('p1', 'parties')).map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('rolls a failed import back completely', async () => {
    store = await backend.open();
    await store.importProcess(sample('keep'), ctx);
    const before = await store.audit();
    const bad = sample('broken');
    bad.parties.push({ ...bad.parties[0]! }); // duplicate primary key: fails half-way through
    await expect(store.importProcess(bad, ctx)).rejects.toThrow();
    expect((await store.listProcesses()).map((p) => p.id)).toEqual(['keep']);
    expect(await store.audit()).toEqual(before);
    expect(await store.getProcess('broken')).toBeUndefined();
  });

  it('creates, updates and removes entities with an audit trail', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    expect(await store.put('p1', 'parties', { id: 'c', name: 'C', role: 'observer', aliases: [] }, ctx)).toBe('created');
    expect(await store.put('p1', 'parties', { id: 'c', name: 'C2', role: 'observer', aliases: [] }, ctx)).toBe('updated');
    expect((await store.get('p1', 'parties', 'c'))?.name).toBe('C2');
    expect((await store.list('p1', 'parties')).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    await store.remove('p1', 'parties', 'c', ctx);
    expect(await store.get('p1', 'parties', 'c')).toBeUndefined();
    await expect(store.remove('p1', 'parties', 'c', ctx)).rejects.toMatchObject({ code: 'not_found' });
    const audit = await store.audit('p1');
    expect(audit.map((a) => a.action)).toEqual(['import', 'create', 'update', 'delete']);
    expect(audit[2]!.before).toMatchObject({ name: 'C' });
    expect(audit[2]!.after).toMatchObject({ name: 'C2' });
  });

  it('writes several entities in one transaction: all or nothing', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    const before = await store.audit('p1');
    await expect(
      store.putMany(
        'p1',
        [
          { kind: 'parties', entity: { id: 'c', name: 'C', role: 'observer', aliases: [] } },
          { kind: 'versions', entity: { ...(await store.get('p1', 'versions', 'd-v1'))! } }, // immutable: fails
        ],
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.get('p1', 'parties', 'c')).toBeUndefined();
    expect(await store.audit('p1')).toEqual(before);
    expect(
      await store.putMany(
        'p1',
        [
          { kind: 'parties', entity: { id: 'c', name: 'C', role: 'observer', aliases: [] } },
          { kind: 'parties', entity: { id: 'a', name: 'A2', role: 'party', aliases: [] } },
        ],
        ctx,
      ),
    ).toEqual(['created', 'updated']);
    expect((await store.audit('p1')).map((a) => a.action)).toEqual(['import', 'create', 'update']);
  });

  it('keeps versions immutable', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    const v = (await store.get('p1', 'versions', 'd-v1'))!;
    await expect(store.put('p1', 'versions', { ...v, label: 'changed' }, ctx)).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.remove('p1', 'versions', 'd-v1', ctx)).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.put('p1', 'versions', { ...v, id: 'd-v2', label: 'v2', basedOn: 'd-v1' }, ctx)).toBe('created');
  });

  it('verifies its hash chains and names the first tampered version or audit entry', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    await store.put('p1', 'parties', { id: 'c', name: 'C', role: 'observer', aliases: [] }, ctx);
    expect(await store.verify()).toMatchObject({ ok: true, checked: { versions: 1, audit: 2 } });

    const db = store.db;
    const row = await db.selectFrom('entities').select('data').where('kind', '=', 'versions').executeTakeFirstOrThrow();
    const tampered = row.data.replace('One.', 'Two.');
    await sql`update entities set data = ${tampered} where kind = 'versions' and id = 'd-v1'`.execute(db);
    const bad = await store.verify();
    expect(bad.ok).toBe(false);
    expect(bad.firstBroken).toContain('p1/d-v1');

    await sql`update entities set data = ${row.data} where kind = 'versions' and id = 'd-v1'`.execute(db);
    expect((await store.verify()).ok).toBe(true);
    await sql`update audit_log set actor = 'mallory' where seq = (select max(seq) from audit_log)`.execute(db);
    const bad2 = await store.verify();
    expect(bad2.ok).toBe(false);
    expect(bad2.firstBroken).toMatch(/^audit entry \d+ \(parties\/c\)/);
  });

  it('chains an update whose states are spliced in as stored JSON exactly as it would chain the parsed states', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    // Keys out of order, quotes, non-ASCII and a line separator: the canonical form must be the one verify recomputes.
    const before = { role: 'observer' as const, name: 'Ünïon "quoted"\u2028', id: 'u', aliases: ['b', 'a'] };
    await store.put('p1', 'parties', before, ctx);
    const after = { ...before, name: 'Union, renamed ✓', short: 'U' };
    await store.put('p1', 'parties', after, ctx);
    const last = (await store.audit('p1')).at(-1)!;
    expect([last.action, last.before, last.after]).toEqual(['update', before, after]);
    expect(await store.verify()).toMatchObject({ ok: true, checked: { audit: 3 } });
  });

  it('writes conditionally: a taken id is a conflict, a stale entity tag is precondition_failed', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    const c = { id: 'c', name: 'C', role: 'observer' as const, aliases: [] };
    expect(await store.put('p1', 'parties', c, ctx, { absent: true })).toBe('created');
    await expect(store.put('p1', 'parties', { ...c, name: 'C2' }, ctx, { absent: true })).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.put('p1', 'parties', { ...c, id: 'zz' }, ctx, { present: true })).rejects.toMatchObject({ code: 'not_found' });
    const t1 = (await store.getTagged('p1', 'parties', 'c'))!;
    expect(t1.entity).toEqual(c);
    const [w] = await store.write('p1', [{ kind: 'parties', entity: { ...c, name: 'C2' }, expect: { etag: t1.etag } }], ctx);
    expect(w!.outcome).toBe('updated');
    expect(w!.etag).not.toBe(t1.etag);
    expect((await store.getTagged('p1', 'parties', 'c'))!.etag).toBe(w!.etag);
    // The tag read before that write is stale now: neither an update nor a delete lands.
    await expect(store.put('p1', 'parties', { ...c, name: 'C3' }, ctx, { etag: t1.etag })).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(store.remove('p1', 'parties', 'c', ctx, { etag: t1.etag })).rejects.toMatchObject({ code: 'precondition_failed' });
    expect((await store.get('p1', 'parties', 'c'))!.name).toBe('C2');
    await store.remove('p1', 'parties', 'c', ctx, { etag: w!.etag });
    // A deleted and re-created row never gets an old tag back.
    await store.put('p1', 'parties', c, ctx);
    expect((await store.getTagged('p1', 'parties', 'c'))!.etag).not.toBe(t1.etag);
    expect((await store.audit('p1')).map((a) => a.action)).toEqual(['import', 'create', 'update', 'delete', 'create']);
    expect((await store.verify()).ok).toBe(true);
  });

  it('refuses, inside the transaction, writes citing what is gone and deletes of what is cited', async () => {
    store = await backend.open();
    await store.importProcess(sample(), ctx);
    // pos1 cites party a: deleting a is refused with the number of entries, not their names.
    await expect(store.remove('p1', 'parties', 'a', ctx)).rejects.toMatchObject({ code: 'conflict', message: 'parties "a" is still referred to by 1 entry of the process; change or delete it first' });
    await expect(store.remove('p1', 'documents', 'd', ctx)).rejects.toMatchObject({ code: 'conflict' });
    await store.remove('p1', 'parties', 'b', ctx);
    await expect(
      store.put('p1', 'positions', { id: 'pos2', party: 'b', provision: 'd-1', stance: 'rejects', asOf: '2024-01-03', confidence: 1, visibility: 'public', evidence: ['gone'] }, ctx),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ field: 'party', message: 'unknown party "b"' }, { field: 'evidence[0]', message: 'unknown evidence "gone"' }] });
    // Within one batch, items may cite those written before them.
    await store.putMany(
      'p1',
      [
        { kind: 'sources', entity: { id: 's1', url: 'https://example.org/a' } },
        { kind: 'evidence', entity: { id: 'e1', speaker: 'x', form: 'quote', text: 'y', saidAt: '2024-01-01', attribution: 'leak', sources: ['s1'], visibility: 'public' } },
      ],
      ctx,
    );
    await expect(store.remove('p1', 'sources', 's1', ctx)).rejects.toMatchObject({ code: 'conflict' });
    await store.remove('p1', 'evidence', 'e1', ctx);
    await store.remove('p1', 'sources', 's1', ctx);
    expect((await store.verify()).ok).toBe(true);
  });

  it('reports a missing process as not_found', async () => {
    store = await backend.open();
    await expect(store.loadProcess('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.put('nope', 'parties', { id: 'x', name: 'X', role: 'party', aliases: [] }, ctx)).rejects.toMatchObject({ code: 'not_found' });
  });
});
