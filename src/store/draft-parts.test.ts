/**
 * A draft as the store keeps it (./draft-parts.ts): a header row plus one row per top-level
 * provision. On SQLite and PostgreSQL: a save writes and audits only the parts that changed,
 * `verify` replays them, a missing part is an integrity fault, and a stale save is refused.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft, Provision } from '../model/schemas.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';
import { readBundle } from './bundle.js';
import { PART_KIND, partId } from './draft-parts.js';
import type { KyselyStore } from './kysely-store.js';

const backends: Backend[] = [sqliteBackend];
const pg = await postgresBackend();
if (pg) backends.push(pg);

const MINI = readBundle(fileURLToPath(new URL('./fixtures/mini', import.meta.url))).data;
const PID = MINI.process.id;
const ctx = { actor: 'test' };

const point = (lineage: string, text: string, children: Provision[] = []): Provision => ({
  kind: 'point',
  num: lineage,
  heading: null,
  text,
  lineage,
  status: 'proposed',
  brackets: [],
  alternatives: [],
  topics: [],
  children,
});

const draft = (provisions: Provision[]): Draft => ({
  id: 'dr1',
  document: MINI.documents[0]!.id,
  provisions,
  links: [],
  folded: [],
  status: 'open',
  updatedAt: '2024-05-01T10:00:00.000Z',
  visibility: 'mediator-team',
});

/** Number of part rows the store holds for draft dr1, read behind the store's back. */
async function partRows(store: KyselyStore): Promise<string[]> {
  const rows = await store.db.selectFrom('entities').select('id').where('process_id', '=', PID).where('kind', '=', PART_KIND).where('ref', '=', 'dr1').execute();
  return rows.map((r) => r.id).sort();
}

describe.each(backends)('draft parts on $name', (backend) => {
  const opened: KyselyStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
  const fresh = async () => {
    const s = await backend.open();
    opened.push(s);
    await s.importProcess(MINI, ctx);
    return s;
  };

  it('stores one row per top-level point and audits only what a save changed; verify replays them', async () => {
    const store = await fresh();
    const d = draft([point('p1', 'First.'), point('p2', 'Second.', [{ ...point('p2a', 'Sub.'), kind: 'subpoint' }]), point('p3', 'Third.')]);
    await store.put(PID, 'drafts', d, ctx);
    expect(await partRows(store)).toEqual(['p1', 'p2', 'p3'].map((l) => partId('dr1', l)).sort());
    expect(await store.get(PID, 'drafts', 'dr1')).toEqual(d);

    const before = (await store.audit(PID)).length;
    const edited = draft([d.provisions[0]!, { ...d.provisions[1]!, text: 'Second, amended.' }, d.provisions[2]!]);
    const { etag } = (await store.getTagged(PID, 'drafts', 'dr1'))!;
    await store.put(PID, 'drafts', edited, ctx, { etag });
    const added = (await store.audit(PID)).slice(before);
    // The header and the one part whose wording changed: nothing else is written.
    expect(added.map((a) => [a.kind, a.entityId])).toEqual([
      ['drafts', 'dr1'],
      [PART_KIND, partId('dr1', 'p2')],
    ]);
    expect(await store.get(PID, 'drafts', 'dr1')).toEqual(edited);

    // Point 3 removed: its row goes, with a delete entry.
    const { etag: e2 } = (await store.getTagged(PID, 'drafts', 'dr1'))!;
    const before2 = (await store.audit(PID)).length;
    await store.put(PID, 'drafts', draft(edited.provisions.slice(0, 2)), ctx, { etag: e2 });
    expect((await store.audit(PID)).slice(before2).map((a) => [a.action, a.kind, a.entityId])).toEqual([
      ['update', 'drafts', 'dr1'],
      ['delete', PART_KIND, partId('dr1', 'p3')],
    ]);
    expect(await partRows(store)).toEqual(['p1', 'p2'].map((l) => partId('dr1', l)).sort());
    expect((await store.verify()).ok).toBe(true);
  });

  it('refuses a save whose entity tag is stale, changing nothing', async () => {
    const store = await fresh();
    await store.put(PID, 'drafts', draft([point('p1', 'First.'), point('p2', 'Second.')]), ctx);
    const { etag } = (await store.getTagged(PID, 'drafts', 'dr1'))!;
    await store.put(PID, 'drafts', draft([point('p1', 'First, by A.'), point('p2', 'Second.')]), ctx, { etag });
    await expect(store.put(PID, 'drafts', draft([point('p1', 'First, by B.'), point('p2', 'Second.')]), ctx, { etag })).rejects.toMatchObject({ code: 'precondition_failed' });
    expect((await store.get(PID, 'drafts', 'dr1'))!.provisions[0]!.text).toBe('First, by A.');
  });

  it('a part row missing behind the store is an integrity fault naming the draft and the part', async () => {
    const store = await fresh();
    await store.put(PID, 'drafts', draft([point('p1', 'First.'), point('p2', 'Second.')]), ctx);
    await sql`delete from entities where kind = ${PART_KIND} and id = ${partId('dr1', 'p2')}`.execute(store.db);
    const want = { code: 'integrity', message: expect.stringContaining(`draft "dr1" of process "${PID}" lacks its stored part ${partId('dr1', 'p2')}`) };
    await expect(store.get(PID, 'drafts', 'dr1')).rejects.toMatchObject(want);
    await expect(store.list(PID, 'drafts')).rejects.toMatchObject(want);
  });
  it('the list and the whole-process read share the parsed parts of the single-draft read, and see a saved change', async () => {
    const store = await fresh();
    const d = draft([point('p1', 'First.'), point('p2', 'Second.'), point('p3', 'Third.')]);
    await store.put(PID, 'drafts', d, ctx);
    const one = (await store.get(PID, 'drafts', 'dr1'))!;
    const [listed] = await store.list(PID, 'drafts');
    const loaded = (await store.loadProcess(PID)).drafts!.find((x) => x.id === 'dr1')!;
    expect(listed).toEqual(d);
    expect(loaded).toEqual(d);
    // The same frozen objects, not copies parsed again: the list went through the part cache.
    for (let i = 0; i < 3; i++) {
      expect(listed!.provisions[i]).toBe(one.provisions[i]);
      expect(loaded.provisions[i]).toBe(one.provisions[i]);
    }
    expect(Object.isFrozen(listed!.provisions[0])).toBe(true);

    // A save of the listed draft with one point changed: only that part is new in the next list.
    const { etag } = (await store.getTagged(PID, 'drafts', 'dr1'))!;
    await store.put(PID, 'drafts', { ...listed!, provisions: [listed!.provisions[0]!, { ...listed!.provisions[1]!, text: 'Second, amended.' }, listed!.provisions[2]!] }, ctx, { etag });
    const [after] = await store.list(PID, 'drafts');
    expect(after!.provisions.map((p) => p.text)).toEqual(['First.', 'Second, amended.', 'Third.']);
    expect(after!.provisions[0]).toBe(one.provisions[0]);
    expect(after!.provisions[1]).not.toBe(one.provisions[1]);
    expect(after!.provisions[2]).toBe(one.provisions[2]);
  });
});
