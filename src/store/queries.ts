/**
 * Reads that take only what a view or a list needs, in SQL over the query columns of ./columns.ts
 * (indexed by migration 0004): a page of one kind filtered by party, person, filing, status, date
 * range and confidential layer, in stored or date order, continued by an opaque keyset cursor; the
 * same filters counted, or answered with the query columns only (no JSON parsed); and the process
 * revisions that every write moves in its own transaction, which read caches key on
 * (./cached-store.ts). Shared by SQLite and PostgreSQL through Kysely.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { endOf, startOf } from '../model/dates.js';
import { AccordError } from '../model/errors.js';
import type { QueryColumns } from './columns.js';
import type { EntityHead, EntityQuery, Page, Revisions } from './store.js';

/** The tables these reads touch (a subset of ./kysely-store.ts `Tables`). */
export interface QueryTables {
  entities: {
    process_id: string;
    kind: string;
    id: string;
    seq: number;
    data: string;
  } & QueryColumns;
  revisions: { process_id: string; kind: string; rev: any };
}

type Db = Kysely<QueryTables> | Transaction<QueryTables>;

/** Largest page {@link selectPage} returns, whatever `limit` asks. */
export const MAX_PAGE = 1000;

/** Kind under which the process record's own revision is kept. */
export const PROCESS_REVISION = 'process';

/** The position after which a page continues: stored order `[seq]`, date order `[at, prec, seq]`. */
type Keyset = [number] | [string, number, number];

/** An opaque cursor for a keyset (base64url of its JSON). */
export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify(k)).toString('base64url');
}

/** The keyset of a cursor; a malformed or foreign cursor is `invalid_input` on field `cursor`. */
export function decodeCursor(cursor: string, order: 'stored' | 'date' | 'date-desc'): Keyset {
  let k: unknown;
  try {
    k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    k = undefined;
  }
  const ok =
    Array.isArray(k) &&
    (order === 'stored'
      ? k.length === 1 && Number.isInteger(k[0])
      : k.length === 3 && typeof k[0] === 'string' && Number.isInteger(k[1]) && Number.isInteger(k[2]));
  if (!ok) throw new AccordError('invalid_input', 'the cursor is not one this list gave out (take `next` from the previous page, with the same sort)', { field: 'cursor' });
  return k as Keyset;
}

/** Apply the filters of `q` to a select over `entities` of one process and kind. */
function filtered(db: Db, pid: string, kind: string, q: EntityQuery) {
  let s = db.selectFrom('entities').where('process_id', '=', pid).where('kind', '=', kind);
  if (q.ids) s = q.ids.length ? s.where('id', 'in', q.ids) : s.where(sql<boolean>`1 = 0`);
  if (q.party !== undefined) s = s.where('party', '=', q.party);
  if (q.person !== undefined) s = s.where('person', '=', q.person);
  if (q.ref !== undefined) {
    const refs = typeof q.ref === 'string' ? [q.ref] : q.ref;
    s = refs.length ? s.where('ref', 'in', refs) : s.where(sql<boolean>`1 = 0`);
  }
  if (q.hasRef !== undefined) s = s.where('ref', q.hasRef ? 'is not' : 'is', null);
  if (q.status) s = q.status.length ? s.where('status', 'in', q.status) : s.where(sql<boolean>`1 = 0`);
  // Dates as intervals (src/model/dates.ts): known by `until` once its first day has come; an event
  // lies on or after `from` when its last day does.
  // Given ids or referenced ids (a selective filter), a date bound is written `at || ''`, which no
  // index serves: SQLite (no statistics) would otherwise walk the date index over most of the kind
  // instead of the primary key or the `ref` index (positions on 500 provisions by a date at
  // 1,000x: 309 -> 98 ms). Same rows either way.
  const selective = q.ids !== undefined || q.ref !== undefined;
  const col = (c: 'at' | 'at_end') => (selective ? sql<string>`${sql.ref(c)} || ''` : sql<string>`${sql.ref(c)}`);
  if (q.until !== undefined) s = s.where(col('at'), '<=', endOf(q.until));
  if (q.from !== undefined) s = s.where(col(kind === 'events' ? 'at_end' : 'at'), '>=', startOf(q.from));
  if (q.confidential !== undefined) s = s.where('layer', q.confidential ? 'is not' : 'is', null);
  if (q.layers !== undefined && q.layers !== 'all') {
    const layers = [...q.layers];
    // `readers` is `|Q|R|` (src/store/columns.ts): an exact, case-sensitive containment test in both dialects.
    s = layers.length
      ? s.where((eb) => eb.or([eb('layer', 'is', null), eb('layer', 'in', layers), ...layers.map((l) => sql<boolean>`replace(readers, ${`|${l}|`}, '') <> readers`)]))
      : s.where('layer', 'is', null);
  }
  if (q.exclude?.length) s = s.where('id', 'not in', [...q.exclude]);
  return s;
}

/**
 * The stored-order sort key of a select. Given ids or referenced ids (a selective filter), sorting
 * by `seq + 0` keeps SQLite from walking the (process, kind, seq) index over every entity of the
 * kind to spare a sort of the few rows found: the primary key or the `ref` index finds them (a page of 50 events by id at 1,000x: 21 ms -> 1 ms). Same order either way.
 */
function storedOrder(q: EntityQuery) {
  return q.ids !== undefined || q.ref !== undefined ? sql`seq + 0` : sql`seq`;
}

/**
 * One page of entities of `kind` matching `q`, in `q.order` (stored order by default; `date`:
 * oldest first, coarser dates before finer on the same first day, then stored order; `date-desc`:
 * the reverse), at most `q.limit` (default and cap {@link MAX_PAGE}) items after `q.cursor`.
 * `next` continues the list, or is null at its end.
 */
export async function selectPage(db: Db, pid: string, kind: string, q: EntityQuery): Promise<Page<unknown>> {
  const order = q.order ?? 'stored';
  const limit = Math.max(1, Math.min(q.limit ?? MAX_PAGE, MAX_PAGE));
  let s = filtered(db, pid, kind, q).select(['data', 'seq', 'at', 'prec']);
  if (q.cursor !== undefined) {
    const k = decodeCursor(q.cursor, order);
    if (order === 'stored') s = s.where('seq', '>', k[0] as number);
    else {
      const [at, prec, seq] = k as [string, number, number];
      const op = sql.raw(order === 'date' ? '>' : '<');
      s = s.where(sql<boolean>`(at, prec, seq) ${op} (${at}, ${prec}, ${seq})`);
    }
  }
  if (order === 'stored') s = s.orderBy(storedOrder(q));
  else {
    const dir = order === 'date' ? 'asc' : 'desc';
    s = s.orderBy('at', dir).orderBy('prec', dir).orderBy('seq', dir);
  }
  const rows = await s.limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const next = more && last ? encodeCursor(order === 'stored' ? [Number(last.seq)] : [last.at, Number(last.prec), Number(last.seq)]) : null;
  return { items: page.map((r) => JSON.parse(r.data)), next };
}

/** How many entities of `kind` match `q` (its order, cursor and limit aside). */
export async function countWhere(db: Db, pid: string, kind: string, q: EntityQuery): Promise<number> {
  const r = await filtered(db, pid, kind, { ...q, cursor: undefined })
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The query columns of every entity of `kind` matching `q`, in stored order (no JSON is read). */
export async function selectHeads(db: Db, pid: string, kind: string, q: EntityQuery): Promise<EntityHead[]> {
  const rows = await filtered(db, pid, kind, q).select(['id', 'at', 'prec', 'at_end', 'party', 'person', 'ref', 'status', 'layer', 'label']).orderBy(storedOrder(q)).execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.at ? r.at.slice(0, Number(r.prec)) : null,
    end: r.at_end,
    party: r.party,
    person: r.person,
    ref: r.ref,
    status: r.status,
    layer: r.layer,
    label: r.label,
  }));
}

/** Entities of the given kinds of a process, in stored order per kind. */
export async function selectKinds(db: Db, pid: string, kinds: readonly string[]): Promise<{ kind: string; data: string }[]> {
  if (!kinds.length) return [];
  return db.selectFrom('entities').select(['kind', 'data']).where('process_id', '=', pid).where('kind', 'in', [...kinds]).orderBy('kind').orderBy('seq').execute();
}

/** The revisions of a process, by kind (a kind never written has none: read it as 0). */
export async function readRevisions(db: Db, pid: string): Promise<Revisions> {
  const rows = await db.selectFrom('revisions').select(['kind', 'rev']).where('process_id', '=', pid).execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.rev)]));
}

/**
 * Move the revision of each kind in `kinds` of a process by one, inside the writing transaction (so a
 * reader sees the new revision exactly when it sees the new rows). Revisions only grow: a deleted or
 * replaced process keeps its rows here, so a cache can never take new content for old.
 */
export async function bumpRevisions(t: Db, pid: string, kinds: Iterable<string>): Promise<void> {
  for (const kind of new Set(kinds)) {
    await t
      .insertInto('revisions')
      .values({ process_id: pid, kind, rev: 1 })
      .onConflict((oc) => oc.columns(['process_id', 'kind']).doUpdateSet({ rev: sql`revisions.rev + 1` }))
      .execute();
  }
}
