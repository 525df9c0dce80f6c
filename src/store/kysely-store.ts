/**
 * The Store implementation shared by SQLite and PostgreSQL, written once against Kysely.
 * Entities are kept as canonical JSON with an entity tag (replaced by every write) and the SHA-256
 * of the JSON; versions are immutable and hash-chained; every change appends a hash-chained audit
 * entry, and moves the log's stored head, in the same transaction as the change itself.
 *
 * Serialisable writes: every write transaction runs alone — on PostgreSQL behind an advisory lock
 * taken first thing in the transaction, on SQLite as `BEGIN IMMEDIATE` (./sqlite.ts) — and checks
 * its preconditions ({@link WriteExpect}) inside it; an update is also conditional in SQL on the
 * tag it read (`where etag = …`) and the head moves only from the hash the append read. So of
 * concurrent writers expecting the same state exactly one succeeds, on one server process or many.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import { AccordError, conflict, idTaken, invalid, notFound, preconditionFailed } from '../model/errors.js';
import { entityReferences, referrersOf, targetName } from '../model/references.js';
import { emptyProcessData, type Draft, type EntityKind, type Process, type ProcessData } from '../model/schemas.js';
import { fieldPath } from '../model/validation.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import { GENESIS, canonicalJson, linkHash, sha256 } from './canonical.js';
import { queryColumns } from './columns.js';
import { assembleDraft, type DraftPart, isHeader, PART_KIND, PartCache, splitDraft } from './draft-parts.js';
import { kindDigests, replayProblems, type RowHash } from './integrity.js';
import { bumpRevisions, countWhere, PROCESS_REVISION, type QueryTables, readRevisions, selectHeads, selectKinds, selectPage } from './queries.js';
import type {
  AuditEntry,
  ChangeContext,
  EntityHead,
  EntityMap,
  EntityQuery,
  LogCheckpoint,
  LogHead,
  Page,
  PutItem,
  Revisions,
  Store,
  Tagged,
  VerifyResult,
  WriteExpect,
  WriteResult,
} from './store.js';
import { putByWrite, putManyByWrite } from './store.js';

/** Kysely table types. */
export interface Tables {
  processes: { id: string; data: string; created_at: string };
  entities: QueryTables['entities'] & { updated_at: string; etag: string | null; hash: string | null };
  revisions: QueryTables['revisions'];
  log_head: { id: number; seq: any; hash: string; count: any };
  version_chain: { seq: any; process_id: string; version_id: string; content_hash: string; prev_hash: string; hash: string };
  audit_log: {
    seq: any;
    process_id: string;
    at: string;
    actor: string;
    action: string;
    kind: string;
    entity_id: string;
    before: string | null;
    after: string | null;
    prev_hash: string;
    hash: string;
  };
}

type Db = Kysely<Tables> | Transaction<Tables>;

/** Content of an audit entry that its hash commits to. */
function auditContent(e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>): string {
  return canonicalJson({ p: e.processId, at: e.at, by: e.actor, a: e.action, k: e.kind, id: e.entityId, b: e.before, f: e.after });
}

/**
 * Canonical JSON of an entity's state before and after a change, already serialised (the stored row
 * and the row being written are canonical JSON): {@link auditContentOf} splices them in instead of
 * sorting and serialising a large entity (a long draft) twice more per save.
 */
interface AuditJson {
  before: string | null;
  after: string;
}

/** {@link auditContent}, with the before and after states given as canonical JSON: the same string, by construction (keys in sorted order a, at, b, by, f, id, k, p). */
function auditContentOf(e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>, json?: AuditJson): string {
  if (!json) return auditContent(e);
  const j = JSON.stringify;
  return `{"a":${j(e.action)},"at":${j(e.at)},"b":${json.before ?? 'null'},"by":${j(e.actor)},"f":${json.after},"id":${j(e.entityId)},"k":${j(e.kind)},"p":${j(e.processId)}}`;
}

/** One audit entry to append, its states as canonical JSON (see {@link KyselyStore.appendAudits}). */
interface AuditRow {
  action: AuditEntry['action'];
  kind: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

/** Kinds of rows whose audit entries `verify` replays: the model's entity kinds and the store's draft parts (./draft-parts.ts). */
const STORED_KINDS: readonly string[] = [...ENTITY_KINDS, PART_KIND];

/** The store fault of a draft header naming a part row that is not there: `integrity`, pointing to `accord verify`. */
function lacksPart(pid: string, draft: string): (part: string) => never {
  return (part) => {
    throw new AccordError('integrity', `draft "${draft}" of process "${pid}" lacks its stored part ${part}; run \`accord verify\``);
  };
}

/** A stored row with the SHA-256 of its JSON (null on rows written before hashes were kept). */
interface HashedRow {
  kind: string;
  data: string;
  hash: string | null;
}

/** The stored row of one entity (its JSON and entity tag), or undefined. */
function entityRow(db: Db, processId: string, kind: string, id: string) {
  return db
    .selectFrom('entities')
    .select(['data', 'etag'])
    .where('process_id', '=', processId)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A fresh entity tag: 96 random bits, base64url (16 characters). */
export function newEtag(): string {
  return randomBytes(12).toString('base64url');
}

/** Whether a database error is a primary-key or unique violation (SQLite or PostgreSQL). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Kinds that can be deleted: a write's references to them are checked again inside its
 * transaction, and deleting one is refused while anything refers to it (versions are immutable).
 */
const DELETABLE = new Set<string>(['parties', 'persons', 'documents', 'sources', 'evidence', 'events', 'positions', 'domains', 'alignments', 'reports', 'drafts', 'critiques']);

/** Kinds whose entities may refer to others (see src/model/references.ts `referrersOf`). */
const REFERRING: EntityKind[] = ['persons', 'documents', 'versions', 'evidence', 'positions', 'events', 'reports', 'drafts', 'critiques'];

/** An empty process with these entities, for the pure reference rules. */
function partialProcess(pid: string, rows: { kind: string; data: string }[], process?: Process): ProcessData {
  const out = { ...emptyProcessData(process ?? { id: pid, name: pid }), drafts: [], critiques: [] } as unknown as Record<string, unknown[]>;
  for (const r of rows) out[r.kind]?.push(JSON.parse(r.data));
  return out as unknown as ProcessData;
}

/** Kinds whose list a loaded process carries only when it holds one of them. */
const OPTIONAL_LISTS = new Set<string>(['drafts', 'critiques']);

/** Most problems `verify` lists. */
const MAX_PROBLEMS = 100;

/** A Store over any Kysely database holding the schema of ./migrations.ts. */
export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Tables>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  /** Parsed draft parts by hash (./draft-parts.ts): reads parse only what changed, saves skip what did not. */
  private readonly partCache = new PartCache();

  /**
   * Run `fn` in one transaction that may append to the audit chain (through {@link appendAudit});
   * on PostgreSQL, chain writers are serialised by an advisory lock. Used by the accounts store.
   */
  async chainedTransaction<T>(fn: (t: Transaction<Tables>) => Promise<T>): Promise<T> {
    return this.tx(fn);
  }

  /** Run `fn` in one transaction; on PostgreSQL, chain writers are serialised by an advisory lock. */
  private async tx<T>(fn: (t: Transaction<Tables>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (t) => {
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7301)`.execute(t);
      return fn(t);
    });
  }

  async listProcesses(): Promise<Process[]> {
    const rows = await this.db.selectFrom('processes').select('data').orderBy('id').execute();
    return rows.map((r) => JSON.parse(r.data) as Process);
  }

  async getProcess(id: string): Promise<Process | undefined> {
    const row = await this.db.selectFrom('processes').select('data').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.data) as Process) : undefined;
  }

  async importProcess(data: ProcessData, ctx: ChangeContext, opts: { replace?: boolean } = {}): Promise<void> {
    const pid = data.process.id;
    await this.tx(async (t) => {
      const existing = await t.selectFrom('processes').select('id').where('id', '=', pid).executeTakeFirst();
      if (existing && !opts.replace) {
        throw conflict(`process "${pid}" is already in the store; use --replace to overwrite it`, { field: 'process.id' });
      }
      const now = new Date().toISOString();
      if (existing) {
        await t.deleteFrom('entities').where('process_id', '=', pid).execute();
        await t.updateTable('processes').set({ data: canonicalJson(data.process) }).where('id', '=', pid).execute();
      } else {
        await t.insertInto('processes').values({ id: pid, data: canonicalJson(data.process), created_at: now }).execute();
      }
      const hashes: { kind: string; id: string; hash: string }[] = [];
      // Drafts are stored as a header and parts (./draft-parts.ts).
      const parts: DraftPart[] = [];
      const stored = (kind: string, list: unknown[]) => (kind !== 'drafts' ? list : list.map((d) => {
        const split = splitDraft(d as Draft);
        if (!split) return d;
        parts.push(...split.parts);
        return split.header;
      }));
      for (const kind of [...ENTITY_KINDS, PART_KIND]) {
        const list = kind === PART_KIND ? parts : stored(kind, (data[kind as EntityKind] ?? []) as unknown[]);
        const rows = (list as { id?: unknown }[]).map((e, i) => {
          const json = canonicalJson(e);
          const row = { process_id: pid, kind, id: String(e.id), seq: i + 1, data: json, updated_at: now, etag: newEtag(), hash: sha256(json), ...queryColumns(kind, e), ...(kind === PART_KIND ? { ref: (e as DraftPart).draft } : {}) };
          hashes.push({ kind, id: row.id, hash: row.hash });
          return row;
        });
        // Chunked so that PostgreSQL's parameter limit is never reached.
        for (let i = 0; i < rows.length; i += 200) await t.insertInto('entities').values(rows.slice(i, i + 200)).execute();
      }
      for (const v of data.versions) await this.chainVersion(t, pid, v.id, v);
      await bumpRevisions(t, pid, [PROCESS_REVISION, ...ENTITY_KINDS]);
      const counts: Record<string, number> = Object.fromEntries(ENTITY_KINDS.map((k) => [k, (data[k] ?? []).length]));
      if (parts.length) counts[PART_KIND] = parts.length;
      // The entry commits to every row written (per kind, a digest of ids and hashes) and to the
      // process record, so that `verify` can recompute them later (./integrity.ts).
      await this.appendAudit(t, {
        processId: pid,
        at: now,
        actor: ctx.actor,
        action: 'import',
        kind: 'process',
        entityId: pid,
        before: existing ? { replaced: true } : null,
        after: { counts, entities: kindDigests(hashes), process: sha256(canonicalJson(data.process)) },
      });
    });
  }

  async loadProcess(id: string): Promise<ProcessData> {
    return this.loadKinds(id, ENTITY_KINDS);
  }

  async loadKinds(id: string, kinds: readonly EntityKind[]): Promise<ProcessData> {
    const process = await this.getProcess(id);
    if (!process) throw notFound(`no process "${id}" in the store`, { field: 'process' });
    const rows = kinds.includes('drafts') ? await this.rowsWithHash(id, [...kinds, PART_KIND]) : await selectKinds(this.db, id, kinds);
    const out = emptyProcessData(process);
    const lists = out as unknown as Record<string, unknown[]>;
    const drafts: HashedRow[] = [];
    for (const r of rows) {
      if (r.kind === 'drafts' || r.kind === PART_KIND) {
        drafts.push(r as HashedRow);
        continue;
      }
      // Drafts and critiques are listed only when the process has some (older data has no such lists).
      if (!lists[r.kind] && OPTIONAL_LISTS.has(r.kind)) lists[r.kind] = [];
      lists[r.kind]?.push(JSON.parse(r.data));
    }
    const ds = this.draftsOf(id, drafts);
    if (ds.length) lists.drafts = ds;
    return out;
  }

  async list<K extends EntityKind>(processId: string, kind: K): Promise<EntityMap[K][]> {
    if (kind === 'drafts') return this.draftsOf(processId, await this.rowsWithHash(processId, ['drafts', PART_KIND])) as EntityMap[K][];
    const rows = await this.db
      .selectFrom('entities')
      .select('data')
      .where('process_id', '=', processId)
      .where('kind', '=', kind)
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.data));
  }

  async query<K extends EntityKind>(processId: string, kind: K, q: EntityQuery = {}): Promise<Page<EntityMap[K]>> {
    const page = (await selectPage(this.db, processId, kind, q)) as Page<EntityMap[K]>;
    if (kind !== 'drafts' || !page.items.some(isHeader)) return page;
    const items = await Promise.all(page.items.map(async (d) => (isHeader(d) ? ((await this.draftIn(this.db, processId, d.id))?.entity ?? d) : d)));
    return { ...page, items: items as EntityMap[K][] };
  }

  async count(processId: string, kind: EntityKind, q: EntityQuery = {}): Promise<number> {
    return countWhere(this.db, processId, kind, q);
  }

  async heads(processId: string, kind: EntityKind, q: EntityQuery = {}): Promise<EntityHead[]> {
    return selectHeads(this.db, processId, kind, q);
  }

  async revisions(processId: string): Promise<Revisions> {
    return readRevisions(this.db, processId);
  }

  /** The plain store keeps nothing: it computes (a caching store, ./cached-store.ts, keeps the value). */
  async memo<T>(_processId: string, _key: string, _deps: readonly string[], compute: () => Promise<T>): Promise<T> {
    return compute();
  }

  async get<K extends EntityKind>(processId: string, kind: K, id: string): Promise<EntityMap[K] | undefined> {
    return (await this.getTagged(processId, kind, id))?.entity;
  }

  async getTagged<K extends EntityKind>(processId: string, kind: K, id: string): Promise<Tagged<EntityMap[K]> | undefined> {
    if (kind === 'drafts') return (await this.draftIn(this.db, processId, id)) as Tagged<EntityMap[K]> | undefined;
    const row = await entityRow(this.db, processId, kind, id);
    return row ? { entity: JSON.parse(row.data), etag: row.etag ?? '' } : undefined;
  }

  /** The rows of `kinds` of a process in stored order (as `selectKinds`), each with the hash of its JSON. */
  private rowsWithHash(pid: string, kinds: readonly string[]): Promise<HashedRow[]> {
    return this.db.selectFrom('entities').select(['kind', 'data', 'hash']).where('process_id', '=', pid).where('kind', 'in', [...kinds]).orderBy('kind').orderBy('seq').execute();
  }

  /**
   * Drafts rows parsed and put together with the parts rows they name (./draft-parts.ts); other
   * rows as they are. A part whose hash the part cache holds is not parsed again: the list hands out
   * the same frozen parts as the single-draft read ({@link draftIn}), so a save of a listed draft
   * recognises its unchanged parts by identity too.
   */
  private draftsOf(pid: string, rows: readonly HashedRow[]): unknown[] {
    const parts = new Map<string, DraftPart>();
    const heads: unknown[] = [];
    for (const r of rows) {
      if (r.kind === PART_KIND) {
        const p = (r.hash ? this.partCache.get(r.hash) : undefined) ?? this.partCache.put(r.hash ?? sha256(r.data), r.data);
        parts.set(p.id, p);
      } else heads.push(JSON.parse(r.data));
    }
    return heads.map((h) => (isHeader(h) ? assembleDraft(h, parts, lacksPart(pid, h.id)) : h));
  }

  /**
   * A draft put together from its header row and parts, with the header's tag. The header and the
   * parts' hashes are read in one statement (one snapshot); only parts not in the cache are read
   * and parsed, by id, and a part whose hash moved meanwhile makes the read start again.
   */
  private async draftIn(db: Db, processId: string, id: string): Promise<Tagged<Draft> | undefined> {
    for (let attempt = 0; ; attempt++) {
      const rows = await db
        .selectFrom('entities')
        .select(['kind', 'id', 'etag', 'hash', sql<string | null>`case when kind = 'drafts' then data end`.as('data')])
        .where('process_id', '=', processId)
        .where((eb) => eb.or([eb.and([eb('kind', '=', 'drafts'), eb('id', '=', id)]), eb.and([eb('kind', '=', PART_KIND), eb('ref', '=', id)])]))
        .execute();
      const head = rows.find((r) => r.kind === 'drafts');
      if (!head) return undefined;
      const header = JSON.parse(head.data!) as unknown;
      if (!isHeader(header)) return { entity: header as Draft, etag: head.etag ?? '' };
      const parts = new Map<string, DraftPart>();
      const missing = new Map<string, string>();
      for (const r of rows) {
        if (r.kind !== PART_KIND) continue;
        const p = r.hash ? this.partCache.get(r.hash) : undefined;
        if (p) parts.set(r.id, p);
        else missing.set(r.id, r.hash ?? '');
      }
      let moved = false;
      const ids = [...missing.keys()];
      for (let i = 0; i < ids.length; i += 200) {
        const got = await db.selectFrom('entities').select(['id', 'data', 'hash']).where('process_id', '=', processId).where('kind', '=', PART_KIND).where('id', 'in', ids.slice(i, i + 200)).execute();
        for (const r of got) {
          if (r.hash !== missing.get(r.id)) moved = true;
          const hash = r.hash ?? sha256(r.data);
          parts.set(r.id, this.partCache.put(hash, r.data));
        }
        if (got.length !== Math.min(200, ids.length - i)) moved = true;
      }
      // A write landed between the two reads: read again (after a few tries, the state as last read is whole anyway).
      if (moved && attempt < 3) continue;
      const entity = assembleDraft(header, parts, lacksPart(processId, id));
      return { entity, etag: head.etag ?? '' };
    }
  }

  put<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext, expect?: WriteExpect): Promise<'created' | 'updated'> {
    return putByWrite(this, processId, kind, entity, ctx, expect);
  }

  putMany(processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]> {
    return putManyByWrite(this, processId, items, ctx);
  }

  async write(processId: string, items: PutItem[], ctx: ChangeContext): Promise<WriteResult[]> {
    return this.tx(async (t) => {
      await this.requireProcess(t, processId);
      const out: WriteResult[] = [];
      for (const it of items) out.push(await this.putIn(t, processId, it.kind, it.entity as EntityMap[typeof it.kind], ctx, it.expect));
      await bumpRevisions(t, processId, items.map((it) => it.kind));
      return out;
    });
  }

  /**
   * Refuse a write whose references to deletable entities do not resolve as the transaction sees
   * the store (a concurrent delete of what it cites has won): `invalid_input` naming the field.
   */
  private async checkReferencesIn(t: Db, processId: string, kind: EntityKind, entity: unknown): Promise<void> {
    const refs = entityReferences(kind, entity as never).filter((r) => r.target === 'document-or-version' || DELETABLE.has(r.target));
    if (!refs.length) return;
    const ids = [...new Set(refs.map((r) => r.id))];
    const rows = await t.selectFrom('entities').select(['kind', 'id']).where('process_id', '=', processId).where('id', 'in', ids).execute();
    const have = new Set(rows.map((r) => `${r.kind}/${r.id}`));
    const missing = refs.filter((r) => (r.target === 'document-or-version' ? !have.has(`documents/${r.id}`) && !have.has(`versions/${r.id}`) : !have.has(`${r.target}/${r.id}`)));
    if (missing.length) {
      const details = missing.map((r) => ({ field: fieldPath(r.path), message: `unknown ${targetName(r.target)} "${r.id}"` }));
      throw invalid(`${kind} "${String((entity as { id?: unknown }).id)}" refers to what is not in process "${processId}": ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, { field: details[0]!.field }, details);
    }
  }

  /**
   * How many entities of the process (every layer) refer to `kind/id`, as the transaction sees the
   * store: rows whose JSON mentions the id are read and judged by the one rule of
   * src/model/references.ts; the process's single negotiating text counts for a document.
   */
  private async referrersIn(t: Db, processId: string, kind: EntityKind, id: string): Promise<number> {
    const hits = await t
      .selectFrom('entities')
      .select(['kind', 'id', 'data', 'ref'])
      .where('process_id', '=', processId)
      .where('kind', 'in', [...REFERRING, PART_KIND])
      .where('data', 'like', `%"${id}"%`)
      .execute();
    // A draft's tree is in its parts: the drafts a hit names are read whole and judged whole.
    const drafts = new Set(hits.flatMap((h) => (h.kind === PART_KIND ? [h.ref ?? ''] : h.kind === 'drafts' ? [h.id] : [])));
    const rows: { kind: string; data: string }[] = hits.filter((h) => h.kind !== 'drafts' && h.kind !== PART_KIND);
    for (const d of drafts) {
      const whole = await this.draftIn(t, processId, d);
      if (whole) rows.push({ kind: 'drafts', data: JSON.stringify(whole.entity) });
    }
    const procRow = await t.selectFrom('processes').select('data').where('id', '=', processId).executeTakeFirst();
    const proc = procRow ? (JSON.parse(procRow.data) as Process) : undefined;
    const n = referrersOf(partialProcess(processId, rows, proc), kind, id).length;
    return n + (kind === 'documents' && proc?.singleText === id ? 1 : 0);
  }

  private async requireProcess(t: Db, processId: string): Promise<void> {
    const proc = await t.selectFrom('processes').select('id').where('id', '=', processId).executeTakeFirst();
    if (!proc) throw notFound(`no process "${processId}" in the store`, { field: 'process' });
  }

  /**
   * Create or update one entity inside an open transaction, with its audit entry, under `expect`
   * (checked against the row as this transaction reads it).
   */
  private async putIn<K extends EntityKind>(t: Db, processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext, expect?: WriteExpect): Promise<WriteResult> {
    const id = String((entity as { id: unknown }).id);
    const old = await entityRow(t, processId, kind, id);
    if (old && kind === 'versions') throw conflict(`version "${id}" already exists and versions are immutable; add a new version instead`, { field: 'id' });
    checkExpect(kind, id, processId, old, expect);
    await this.checkReferencesIn(t, processId, kind, entity);
    if (kind === 'drafts') return this.putDraftIn(t, processId, entity as Draft, ctx, old);
    const now = new Date().toISOString();
    const data = canonicalJson(entity);
    const etag = await this.writeRowIn(t, processId, kind, id, data, entity, old, now);
    if (!old && kind === 'versions') await this.chainVersion(t, processId, id, entity);
    // The states as the canonical JSON at hand (the row read, the row written): not parsed nor serialised again.
    await this.appendAudits(t, processId, now, ctx.actor, [{ action: old ? 'update' : 'create', kind, entityId: id, before: old ? old.data : null, after: data }]);
    return { outcome: old ? 'updated' : 'created', etag };
  }

  /**
   * Write one row (canonical JSON `data` of `entity`) in an open transaction: an update conditional
   * on the tag of the row read (`old`), or an insert at the end of its kind. Returns the new tag.
   */
  private async writeRowIn(t: Db, processId: string, kind: string, id: string, data: string, entity: unknown, old: { etag: string | null } | undefined, now: string, columns: { ref?: string } = {}): Promise<string> {
    const etag = newEtag();
    const hash = sha256(data);
    if (old) {
      // Conditional on the tag just read: a writer that slipped in between cannot be overwritten.
      const res = await t
        .updateTable('entities')
        .set({ data, updated_at: now, etag, hash, ...queryColumns(kind, entity), ...columns })
        .where('process_id', '=', processId)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .where((eb) => (old.etag === null ? eb('etag', 'is', null) : eb('etag', '=', old.etag)))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw preconditionFailed(`${kind} "${id}" changed while it was being written; read it again`, { field: 'id' });
      return etag;
    }
    const max = await t
      .selectFrom('entities')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('process_id', '=', processId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    const seq = Number(max?.m ?? 0) + 1;
    try {
      await t.insertInto('entities').values({ process_id: processId, kind, id, seq, data, updated_at: now, etag, hash, ...queryColumns(kind, entity), ...columns }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw idTaken(id);
      throw err;
    }
    return etag;
  }

  /**
   * Write a draft as its header row and parts (./draft-parts.ts), in an open transaction whose
   * precondition was checked against the header row read (`old`): the header is always written
   * (its tag is the draft's), a part only when its canonical JSON changed; parts no longer in the
   * tree are deleted. Each row written or deleted gets its own audit entry with its whole state.
   */
  private async putDraftIn(t: Db, processId: string, draft: Draft, ctx: ChangeContext, old: { data: string; etag: string | null } | undefined): Promise<WriteResult> {
    const now = new Date().toISOString();
    const split = splitDraft(draft);
    const headerJson = canonicalJson(split ? split.header : draft);
    const etag = await this.writeRowIn(t, processId, 'drafts', draft.id, headerJson, draft, old, now);
    const audits: AuditRow[] = [{ action: old ? 'update' : 'create', kind: 'drafts', entityId: draft.id, before: old ? old.data : null, after: headerJson }];
    const stored = old ? await t.selectFrom('entities').select(['id', 'hash', 'etag']).where('process_id', '=', processId).where('kind', '=', PART_KIND).where('ref', '=', draft.id).execute() : [];
    const byId = new Map(stored.map((r) => [r.id, r]));
    const writes: { part: DraftPart; json: string; old?: { etag: string | null } }[] = [];
    for (const part of split?.parts ?? []) {
      const was = byId.get(part.id);
      byId.delete(part.id);
      // A part handed out by a read and left as it was (frozen, the same object) is not serialised again.
      if (was?.hash && this.partCache.holds(was.hash, part)) continue;
      const json = canonicalJson(part);
      if (was && was.hash === sha256(json)) continue;
      writes.push({ part, json, ...(was ? { old: was } : {}) });
    }
    const beforeIds = [...writes.filter((w) => w.old).map((w) => w.part.id), ...byId.keys()];
    const before = new Map<string, string>();
    for (let i = 0; i < beforeIds.length; i += 200) {
      const rows = await t.selectFrom('entities').select(['id', 'data']).where('process_id', '=', processId).where('kind', '=', PART_KIND).where('id', 'in', beforeIds.slice(i, i + 200)).execute();
      for (const r of rows) before.set(r.id, r.data);
    }
    for (const w of writes) {
      await this.writeRowIn(t, processId, PART_KIND, w.part.id, w.json, w.part, w.old, now, { ref: draft.id });
      this.partCache.put(sha256(w.json), w.json);
      audits.push({ action: w.old ? 'update' : 'create', kind: PART_KIND, entityId: w.part.id, before: w.old ? (before.get(w.part.id) ?? null) : null, after: w.json });
    }
    const gone = [...byId.keys()];
    for (let i = 0; i < gone.length; i += 200) await t.deleteFrom('entities').where('process_id', '=', processId).where('kind', '=', PART_KIND).where('id', 'in', gone.slice(i, i + 200)).execute();
    for (const id of gone) audits.push({ action: 'delete', kind: PART_KIND, entityId: id, before: before.get(id) ?? null, after: null });
    await this.appendAudits(t, processId, now, ctx.actor, audits);
    return { outcome: old ? 'updated' : 'created', etag };
  }

  async remove(processId: string, kind: EntityKind, id: string, ctx: ChangeContext, expect?: { etag: string }): Promise<void> {
    if (kind === 'versions') throw new AccordError('conflict', 'versions are immutable and cannot be deleted', { field: 'kind' });
    await this.tx(async (t) => {
      const old = await entityRow(t, processId, kind, id);
      if (!old) throw notFound(`no ${kind} "${id}" in process "${processId}"`, { field: 'id' });
      checkExpect(kind, id, processId, old, expect);
      const refs = await this.referrersIn(t, processId, kind, id);
      if (refs > 0) {
        throw conflict(`${kind} "${id}" is still referred to by ${refs} ${refs === 1 ? 'entry' : 'entries'} of the process; change or delete ${refs === 1 ? 'it' : 'them'} first`, { field: 'id' });
      }
      const res = await t
        .deleteFrom('entities')
        .where('process_id', '=', processId)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .where((eb) => (old.etag === null ? eb('etag', 'is', null) : eb('etag', '=', old.etag)))
        .executeTakeFirst();
      if (Number(res.numDeletedRows) !== 1) throw preconditionFailed(`${kind} "${id}" changed while it was being deleted; read it again`, { field: 'id' });
      if (kind === 'drafts') {
        const parts = await t.selectFrom('entities').select(['id', 'data']).where('process_id', '=', processId).where('kind', '=', PART_KIND).where('ref', '=', id).execute();
        await t.deleteFrom('entities').where('process_id', '=', processId).where('kind', '=', PART_KIND).where('ref', '=', id).execute();
        await this.appendAudits(t, processId, new Date().toISOString(), ctx.actor, parts.map((p) => ({ action: 'delete', kind: PART_KIND, entityId: p.id, before: p.data, after: null })));
      }
      await bumpRevisions(t, processId, [kind]);
      await this.appendAudit(t, {
        processId,
        at: new Date().toISOString(),
        actor: ctx.actor,
        action: 'delete',
        kind,
        entityId: id,
        before: JSON.parse(old.data),
        after: null,
      });
    });
  }

  async deleteProcess(id: string, ctx: ChangeContext): Promise<void> {
    await this.tx(async (t) => {
      const res = await t.deleteFrom('processes').where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound(`no process "${id}" in the store`, { field: 'process' });
      await t.deleteFrom('entities').where('process_id', '=', id).execute();
      await bumpRevisions(t, id, [PROCESS_REVISION, ...ENTITY_KINDS]);
      await this.appendAudit(t, {
        processId: id,
        at: new Date().toISOString(),
        actor: ctx.actor,
        action: 'delete',
        kind: 'process',
        entityId: id,
        before: null,
        after: null,
      });
    });
  }

  async audit(processId?: string): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq');
    if (processId !== undefined) q = q.where('process_id', '=', processId);
    const rows = await q.execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      processId: r.process_id,
      at: r.at,
      actor: r.actor,
      action: r.action as AuditEntry['action'],
      kind: r.kind,
      entityId: r.entity_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  async logHead(): Promise<LogHead> {
    const h = await this.db.selectFrom('log_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!h) throw new AccordError('integrity', 'the audit log has no stored head (the log_head row is missing)');
    return { seq: Number(h.seq), hash: h.hash, count: Number(h.count) };
  }

  async verify(opts: { checkpoints?: LogCheckpoint[] } = {}): Promise<VerifyResult> {
    const problems: string[] = [];
    const note = (p: string) => {
      if (problems.length < MAX_PROBLEMS) problems.push(p);
    };
    // 1. The version chain, and each version's text against its last link.
    const chain = await this.db.selectFrom('version_chain').selectAll().orderBy('seq').execute();
    let prev = GENESIS;
    const latest = new Map<string, (typeof chain)[number]>();
    for (const row of chain) {
      if (row.prev_hash !== prev || row.hash !== linkHash(row.prev_hash, row.content_hash)) {
        note(`version chain entry ${row.seq} (${row.process_id}/${row.version_id}): link hash does not match`);
        break;
      }
      prev = row.hash;
      latest.set(`${row.process_id}\u0000${row.version_id}`, row);
    }
    for (const [key, row] of latest) {
      const [pid, vid] = key.split('\u0000') as [string, string];
      const ent = await entityRow(this.db, pid, 'versions', vid);
      if (ent && sha256(canonicalJson(JSON.parse(ent.data))) !== row.content_hash) note(`version ${pid}/${vid}: stored text does not match its hash (chain entry ${row.seq})`);
    }
    // 2. The audit chain.
    const audit = await this.audit();
    let aprev = GENESIS;
    let chainOk = true;
    for (const e of audit) {
      const content = sha256(auditContent(e));
      if (e.prevHash !== aprev || e.hash !== linkHash(e.prevHash, content)) {
        note(`audit entry ${e.seq} (${e.kind}/${e.entityId}): hash does not match its content or its predecessor`);
        chainOk = false;
        break;
      }
      aprev = e.hash;
    }
    // 3. The log against its stored head: rows cut from the tail (or anywhere) no longer add up.
    const last = audit[audit.length - 1];
    const head = await this.db.selectFrom('log_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!head) note('the audit log has no stored head (the log_head row is missing)');
    else if (Number(head.count) !== audit.length || Number(head.seq) !== (last?.seq ?? 0) || head.hash !== (last?.hash ?? GENESIS)) {
      note(
        `the audit log does not end at its stored head: the head records ${Number(head.count)} entries ending with entry ${Number(head.seq)}, the log holds ${audit.length}${last ? ` ending with entry ${last.seq}` : ''}` +
          (Number(head.count) > audit.length ? ' (entries were removed)' : ''),
      );
    }
    // 4. Checkpoints recorded earlier (e.g. signed and kept outside, ./checkpoint.ts): still in the log.
    const bySeq = new Map(audit.map((e, i) => [e.seq, { e, n: i + 1 }]));
    for (const cp of opts.checkpoints ?? []) {
      const at = bySeq.get(cp.seq);
      if (!at) note(`checkpoint at entry ${cp.seq} (${cp.count} entries): the entry is no longer in the log`);
      else if (at.e.hash !== cp.hash) note(`checkpoint at entry ${cp.seq}: the log's entry has another hash (the log was rewritten up to there)`);
      else if (at.n !== cp.count) note(`checkpoint at entry ${cp.seq}: the log holds ${at.n} entries up to it, the checkpoint recorded ${cp.count}`);
    }
    // 5. Every current entity row against what the log last wrote to it.
    let entities = 0;
    if (chainOk) {
      const byProcess = new Map<string, AuditEntry[]>();
      for (const e of audit) {
        if (e.kind !== 'process' && !STORED_KINDS.includes(e.kind)) continue;
        let list = byProcess.get(e.processId);
        if (!list) byProcess.set(e.processId, (list = []));
        list.push(e);
      }
      const stored = await this.db.selectFrom('processes').select(['id', 'data']).execute();
      const pids = new Set([...byProcess.keys(), ...stored.map((p) => p.id)]);
      const inEntities = await this.db.selectFrom('entities').select('process_id').distinct().execute();
      for (const r of inEntities) pids.add(r.process_id);
      for (const pid of [...pids].sort()) {
        const rows: RowHash[] = [];
        for (const kind of STORED_KINDS) {
          const list = await this.db.selectFrom('entities').select(['id', 'data', 'hash']).where('process_id', '=', pid).where('kind', '=', kind).execute();
          for (const r of list) rows.push({ kind, id: r.id, hash: sha256(r.data), stored: r.hash });
        }
        entities += rows.length;
        const proc = stored.find((p) => p.id === pid);
        for (const p of replayProblems(pid, byProcess.get(pid) ?? [], rows, proc ? sha256(proc.data) : undefined, STORED_KINDS)) note(p);
      }
    }
    const checked = { versions: chain.length, audit: audit.length, entities, checkpoints: opts.checkpoints?.length ?? 0 };
    return problems.length ? { ok: false, checked, firstBroken: problems[0], problems } : { ok: true, checked };
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.onClose();
  }

  private async chainVersion(t: Db, processId: string, versionId: string, version: unknown): Promise<void> {
    const last = await t.selectFrom('version_chain').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const prev = last?.hash ?? GENESIS;
    const content = sha256(canonicalJson(version));
    await t
      .insertInto('version_chain')
      .values({ process_id: processId, version_id: versionId, content_hash: content, prev_hash: prev, hash: linkHash(prev, content) })
      .execute();
  }

  /**
   * Append one entry to the audit chain and move the log's stored head, in the caller's transaction;
   * only inside {@link chainedTransaction} (or the store's own writes). The head moves only from the
   * hash this append chained onto, so two appends that read the same head cannot both land. With
   * `json`, the before and after states are those canonical JSON strings (`e.before` and `e.after`
   * are then not read).
   */
  async appendAudit(t: Db, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>, json?: AuditJson): Promise<void> {
    const head = await t.selectFrom('log_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!head) throw new AccordError('integrity', 'the audit log has no stored head (the log_head row is missing); run `accord verify`');
    const prev = head.hash;
    const hash = linkHash(prev, sha256(auditContentOf(e, json)));
    const row = await t
      .insertInto('audit_log')
      .values({
        process_id: e.processId,
        at: e.at,
        actor: e.actor,
        action: e.action,
        kind: e.kind,
        entity_id: e.entityId,
        before: json ? json.before : e.before === null || e.before === undefined ? null : canonicalJson(e.before),
        after: json ? json.after : e.after === null || e.after === undefined ? null : canonicalJson(e.after),
        prev_hash: prev,
        hash,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    const moved = await t
      .updateTable('log_head')
      .set({ seq: Number(row.seq), hash, count: Number(head.count) + 1 })
      .where('id', '=', 1)
      .where('hash', '=', prev)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AccordError('internal', 'the audit log moved during an append; retry the change');
  }

  /**
   * Append several entries of one change (same process, time and actor) to the audit chain, in the
   * caller's transaction, chained in order as {@link appendAudit} would chain them one by one, with
   * the log's head read and moved once. States are given as canonical JSON.
   */
  private async appendAudits(t: Db, processId: string, at: string, actor: string, entries: readonly AuditRow[]): Promise<void> {
    if (!entries.length) return;
    const head = await t.selectFrom('log_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!head) throw new AccordError('integrity', 'the audit log has no stored head (the log_head row is missing); run `accord verify`');
    let prev = head.hash;
    const rows = entries.map((e) => {
      const base = { processId, at, actor, action: e.action, kind: e.kind, entityId: e.entityId, before: undefined, after: undefined };
      const hash = linkHash(prev, sha256(auditContentOf(base, { before: e.before, after: e.after ?? 'null' })));
      const row = { process_id: processId, at, actor, action: e.action, kind: e.kind, entity_id: e.entityId, before: e.before, after: e.after, prev_hash: prev, hash };
      prev = hash;
      return row;
    });
    let last = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const out = await t.insertInto('audit_log').values(rows.slice(i, i + 100)).returning('seq').execute();
      for (const r of out) last = Math.max(last, Number(r.seq));
    }
    const moved = await t
      .updateTable('log_head')
      .set({ seq: last, hash: prev, count: Number(head.count) + rows.length })
      .where('id', '=', 1)
      .where('hash', '=', head.hash)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AccordError('internal', 'the audit log moved during an append; retry the change');
  }
}

/** Check a write's expectation against the row its transaction read (see {@link WriteExpect}). */
function checkExpect(kind: string, id: string, processId: string, old: { etag: string | null } | undefined, expect: WriteExpect | undefined): void {
  if (!expect) return;
  if ('absent' in expect) {
    if (old) throw idTaken(id);
    return;
  }
  if (!old) throw notFound(`no ${kind} "${id}" in process "${processId}"`, { field: 'id' });
  if ('etag' in expect && old.etag !== expect.etag) {
    throw preconditionFailed(`${kind} "${id}" was changed by someone else since it was read (its entity tag is no longer "${expect.etag}"); read it again and reapply your change`, { field: 'id' });
  }
}
