/**
 * The Store implementation shared by SQLite and PostgreSQL, written once against Kysely.
 * Entities are kept as canonical JSON; versions are immutable and hash-chained; every change appends
 * a hash-chained audit entry in the same transaction as the change itself.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import { AccordError, conflict, notFound } from '../model/errors.js';
import type { EntityKind, Process, ProcessData } from '../model/schemas.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import { GENESIS, canonicalJson, linkHash, sha256 } from './canonical.js';
import type { AuditEntry, ChangeContext, EntityMap, PutItem, Store, VerifyResult } from './store.js';

/** Kysely table types. */
export interface Tables {
  processes: { id: string; data: string; created_at: string };
  entities: { process_id: string; kind: string; id: string; seq: number; data: string; updated_at: string };
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

/** The stored row of one entity, or undefined. */
function entityRow(db: Db, processId: string, kind: string, id: string) {
  return db
    .selectFrom('entities')
    .select('data')
    .where('process_id', '=', processId)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A Store over any Kysely database holding the schema of ./migrations.ts. */
export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Tables>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

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
      for (const kind of ENTITY_KINDS) {
        const list = (data[kind] ?? []) as { id?: unknown }[];
        const rows = list.map((e, i) => ({
          process_id: pid,
          kind,
          id: String(e.id),
          seq: i + 1,
          data: canonicalJson(e),
          updated_at: now,
        }));
        // Chunked so that PostgreSQL's parameter limit is never reached.
        for (let i = 0; i < rows.length; i += 200) await t.insertInto('entities').values(rows.slice(i, i + 200)).execute();
      }
      for (const v of data.versions) await this.chainVersion(t, pid, v.id, v);
      const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, (data[k] ?? []).length]));
      await this.appendAudit(t, {
        processId: pid,
        at: now,
        actor: ctx.actor,
        action: 'import',
        kind: 'process',
        entityId: pid,
        before: existing ? { replaced: true } : null,
        after: { counts, sha256: sha256(canonicalJson(data)) },
      });
    });
  }

  async loadProcess(id: string): Promise<ProcessData> {
    const process = await this.getProcess(id);
    if (!process) throw notFound(`no process "${id}" in the store`, { field: 'process' });
    const rows = await this.db
      .selectFrom('entities')
      .select(['kind', 'data'])
      .where('process_id', '=', id)
      .orderBy('kind')
      .orderBy('seq')
      .execute();
    const out: ProcessData = {
      process,
      parties: [],
      persons: [],
      documents: [],
      versions: [],
      sources: [],
      evidence: [],
      positions: [],
      events: [],
      domains: [],
      alignments: [],
      reports: [],
    };
    for (const r of rows) {
      const bucket = (out as unknown as Record<string, unknown[]>)[r.kind];
      if (bucket) bucket.push(JSON.parse(r.data));
    }
    return out;
  }

  async list<K extends EntityKind>(processId: string, kind: K): Promise<EntityMap[K][]> {
    const rows = await this.db
      .selectFrom('entities')
      .select('data')
      .where('process_id', '=', processId)
      .where('kind', '=', kind)
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.data));
  }

  async get<K extends EntityKind>(processId: string, kind: K, id: string): Promise<EntityMap[K] | undefined> {
    const row = await entityRow(this.db, processId, kind, id);
    return row ? JSON.parse(row.data) : undefined;
  }

  async put<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext): Promise<'created' | 'updated'> {
    return this.tx(async (t) => {
      await this.requireProcess(t, processId);
      return this.putIn(t, processId, kind, entity, ctx);
    });
  }

  async putMany(processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]> {
    return this.tx(async (t) => {
      await this.requireProcess(t, processId);
      const out: ('created' | 'updated')[] = [];
      for (const it of items) out.push(await this.putIn(t, processId, it.kind, it.entity as EntityMap[typeof it.kind], ctx));
      return out;
    });
  }

  private async requireProcess(t: Db, processId: string): Promise<void> {
    const proc = await t.selectFrom('processes').select('id').where('id', '=', processId).executeTakeFirst();
    if (!proc) throw notFound(`no process "${processId}" in the store`, { field: 'process' });
  }

  /** Create or update one entity inside an open transaction, with its audit entry. */
  private async putIn<K extends EntityKind>(t: Db, processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext): Promise<'created' | 'updated'> {
    const id = String((entity as { id: unknown }).id);
    const old = await entityRow(t, processId, kind, id);
    if (old && kind === 'versions') throw conflict(`version "${id}" already exists and versions are immutable; add a new version instead`, { field: 'id' });
    const now = new Date().toISOString();
    const data = canonicalJson(entity);
    if (old) {
      await t
        .updateTable('entities')
        .set({ data, updated_at: now })
        .where('process_id', '=', processId)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .execute();
    } else {
      const max = await t
        .selectFrom('entities')
        .select((eb) => eb.fn.max('seq').as('m'))
        .where('process_id', '=', processId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      const seq = Number(max?.m ?? 0) + 1;
      await t.insertInto('entities').values({ process_id: processId, kind, id, seq, data, updated_at: now }).execute();
      if (kind === 'versions') await this.chainVersion(t, processId, id, entity);
    }
    await this.appendAudit(t, {
      processId,
      at: now,
      actor: ctx.actor,
      action: old ? 'update' : 'create',
      kind,
      entityId: id,
      before: old ? JSON.parse(old.data) : null,
      after: entity,
    });
    return old ? 'updated' : 'created';
  }

  async remove(processId: string, kind: EntityKind, id: string, ctx: ChangeContext): Promise<void> {
    if (kind === 'versions') throw new AccordError('conflict', 'versions are immutable and cannot be deleted', { field: 'kind' });
    await this.tx(async (t) => {
      const old = await entityRow(t, processId, kind, id);
      if (!old) throw notFound(`no ${kind} "${id}" in process "${processId}"`, { field: 'id' });
      await t.deleteFrom('entities').where('process_id', '=', processId).where('kind', '=', kind).where('id', '=', id).execute();
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

  async verify(): Promise<VerifyResult> {
    const chain = await this.db.selectFrom('version_chain').selectAll().orderBy('seq').execute();
    let prev = GENESIS;
    const latest = new Map<string, (typeof chain)[number]>();
    for (const row of chain) {
      if (row.prev_hash !== prev || row.hash !== linkHash(row.prev_hash, row.content_hash)) {
        return { ok: false, checked: { versions: chain.length, audit: 0 }, firstBroken: `version chain entry ${row.seq} (${row.process_id}/${row.version_id}): link hash does not match` };
      }
      prev = row.hash;
      latest.set(`${row.process_id}\u0000${row.version_id}`, row);
    }
    for (const [key, row] of latest) {
      const [pid, vid] = key.split('\u0000') as [string, string];
      const ent = await entityRow(this.db, pid, 'versions', vid);
      if (ent && sha256(canonicalJson(JSON.parse(ent.data))) !== row.content_hash) {
        return { ok: false, checked: { versions: chain.length, audit: 0 }, firstBroken: `version ${pid}/${vid}: stored text does not match its hash (chain entry ${row.seq})` };
      }
    }
    const audit = await this.audit();
    let aprev = GENESIS;
    for (const e of audit) {
      const content = sha256(auditContent(e));
      if (e.prevHash !== aprev || e.hash !== linkHash(e.prevHash, content)) {
        return { ok: false, checked: { versions: chain.length, audit: audit.length }, firstBroken: `audit entry ${e.seq} (${e.kind}/${e.entityId}): hash does not match its content or its predecessor` };
      }
      aprev = e.hash;
    }
    return { ok: true, checked: { versions: chain.length, audit: audit.length } };
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

  /** Append one entry to the audit chain; only inside {@link chainedTransaction} (or the store's own writes). */
  async appendAudit(t: Db, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>): Promise<void> {
    const last = await t.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const prev = last?.hash ?? GENESIS;
    const hash = linkHash(prev, sha256(auditContent(e)));
    await t
      .insertInto('audit_log')
      .values({
        process_id: e.processId,
        at: e.at,
        actor: e.actor,
        action: e.action,
        kind: e.kind,
        entity_id: e.entityId,
        before: e.before === null || e.before === undefined ? null : canonicalJson(e.before),
        after: e.after === null || e.after === undefined ? null : canonicalJson(e.after),
        prev_hash: prev,
        hash,
      })
      .execute();
  }
}
