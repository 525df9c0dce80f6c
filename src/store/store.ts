/**
 * The one storage interface of Accord. SQLite (embedded default) and PostgreSQL (server option)
 * implement it through the same Kysely code (./kysely-store.ts); everything above the store —
 * CLI, server, bundle import — talks to this interface only.
 */
import type {
  Alignment,
  Document,
  EntityKind,
  Event,
  Evidence,
  Party,
  Person,
  Position,
  Process,
  ProcessData,
  Report,
  Source,
  Version,
} from '../model/schemas.js';

import type { EntityMap, PutItem, WriteExpect } from '../model/entities.js';

/** The entity types per kind and one item of a batch write live in the model (src/model/entities.ts). */
export type { EntityMap, PutItem, WriteExpect };

/**
 * An entity with its entity tag: an opaque random token (16 base64url characters) replaced by
 * every write of the row and never reused, so it tells a reader whether the row changed since it
 * read it (HTTP `ETag`; a conditional write names it in {@link WriteExpect}).
 */
export interface Tagged<T> {
  entity: T;
  etag: string;
}

/** What one write did: created or updated the row, and the row's new entity tag. */
export interface WriteResult {
  outcome: 'created' | 'updated';
  etag: string;
}

/**
 * The anchor of the audit log: its last entry's sequence number and hash and the number of entries,
 * stored beside the log and moved in the same transaction as every append, so that rows cut from
 * the tail of the log (or from anywhere) no longer match it.
 */
export interface LogHead {
  /** Sequence number of the last entry (0 for an empty log). */
  seq: number;
  /** Hash of the last entry (the genesis hash, 64 zeros, for an empty log). */
  hash: string;
  /** Number of entries. */
  count: number;
}

/**
 * A log head recorded earlier (a checkpoint, see ./checkpoint.ts) that the log must still contain:
 * entry `seq` with hash `hash`, preceded by `count - 1` entries.
 */
export type LogCheckpoint = LogHead;

/** Who made a change, for the audit log: a user name, or `cli:<os user>`. */
export interface ChangeContext {
  actor: string;
}

/** One append-only audit record. `hash` commits to `prevHash` and the record's content. */
export interface AuditEntry {
  seq: number;
  processId: string;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'import';
  kind: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** A stored version's place in the per-process hash chain. */
export interface VersionChainEntry {
  seq: number;
  processId: string;
  versionId: string;
  prevHash: string;
  hash: string;
}

/** Outcome of an integrity check: ok, or the first broken link named (and every problem found). */
export interface VerifyResult {
  ok: boolean;
  /** Version links, audit entries, entity rows compared with the log, checkpoints checked. */
  checked: { versions: number; audit: number; entities?: number; checkpoints?: number };
  /** E.g. `audit entry 17 (positions/pos-3): hash does not match its content`. */
  firstBroken?: string;
  /** Every problem found, in the order checked (the first is {@link firstBroken}); at most 100. */
  problems?: string[];
}

/**
 * What {@link Store.query}, {@link Store.count} and {@link Store.heads} select: entities of one kind
 * filtered on their query columns (src/store/columns.ts). Every filter given must hold.
 */
export interface EntityQuery {
  /** Only these ids. */
  ids?: readonly string[];
  /** A position's `party`, an evidence item's `onBehalfOf`. */
  party?: string;
  /** An evidence item's `speaker`. */
  person?: string;
  /** Filed under (one of) these: a position's provision lineage, an evidence item's event, a version's document. */
  ref?: string | readonly string[];
  /** true: filed under something (a position on a provision); false: under nothing. */
  hasRef?: boolean;
  /** An event's status, one of these. */
  status?: readonly string[];
  /** Dated on or before this ISO date (reduced precision allowed: an item counts once its first day has come). */
  until?: string;
  /** Dated on or after this ISO date (an event: whose last day is). */
  from?: string;
  /** true: only items in a confidential layer (a party's or the team's); false: only public ones. */
  confidential?: boolean;
  /**
   * Confidential layers to include besides the public one (`all`: every one; default: all): an item
   * is included when its owner's layer or one it is shared with (`alsoVisibleTo`, the team) is listed.
   */
  layers?: readonly string[] | 'all';
  /** Not these ids (what an access policy conceals). */
  exclude?: readonly string[];
  /** `stored` (default), `date` (oldest first, coarser dates first, then stored order) or `date-desc`. */
  order?: 'stored' | 'date' | 'date-desc';
  /** Continue after this cursor (the `next` of the previous page with the same filters and order). */
  cursor?: string;
  /** Largest page (default and at most 1000). */
  limit?: number;
}

/** One page of a list: its items and the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The query columns of one entity, without its JSON (see src/store/columns.ts). */
export interface EntityHead {
  id: string;
  /** Its date as written (reduced precision kept), or null. */
  date: string | null;
  /** An event's last day (first day of its `end`, else of its `start`). */
  end: string | null;
  party: string | null;
  person: string | null;
  ref: string | null;
  status: string | null;
  /** The layer that holds it (a party's, or the mediator's team's for a team-only item), or null when public. */
  layer: string | null;
  /** A version's label; an event's, document's or report's title. */
  label: string | null;
}

/**
 * The revisions of a process by kind (plus `process` for the process record): each moves by one in
 * the transaction of every write that touches the kind, and never goes back (not even when the
 * process is deleted or replaced). A kind never written reads as 0.
 */
export type Revisions = Record<string, number>;

/**
 * Storage of processes and their entities.
 * All methods are async so that PostgreSQL and SQLite share one contract.
 * Errors: `not_found` for a missing process; `conflict` when changing an immutable version.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Processes in the store, by id. */
  listProcesses(): Promise<Process[]>;
  getProcess(id: string): Promise<Process | undefined>;
  /**
   * Write a whole process in one transaction. Without `replace`, an existing process id is a
   * `conflict`; with it, the old content is removed first. A failure leaves the store unchanged.
   */
  importProcess(data: ProcessData, ctx: ChangeContext, opts?: { replace?: boolean }): Promise<void>;
  /** Everything in a process, in stored order. Throws `not_found`. */
  loadProcess(id: string): Promise<ProcessData>;
  /**
   * The process with only the entities of `kinds` (every other list empty): what a view needs, not
   * the whole process. Throws `not_found`. A caching store may hand the same object to many callers:
   * never mutate it.
   */
  loadKinds(id: string, kinds: readonly EntityKind[]): Promise<ProcessData>;
  /** Entities of one kind, in stored order. */
  list<K extends EntityKind>(processId: string, kind: K): Promise<EntityMap[K][]>;
  /** A page of entities of one kind selected in SQL ({@link EntityQuery}). */
  query<K extends EntityKind>(processId: string, kind: K, q?: EntityQuery): Promise<Page<EntityMap[K]>>;
  /** How many entities of one kind match (order, cursor and limit aside). */
  count(processId: string, kind: EntityKind, q?: EntityQuery): Promise<number>;
  /** The query columns of every matching entity of one kind, in stored order, without reading their JSON. */
  heads(processId: string, kind: EntityKind, q?: EntityQuery): Promise<EntityHead[]>;
  /** The process's revisions ({@link Revisions}); `{}` for a process never written. */
  revisions(processId: string): Promise<Revisions>;
  /**
   * The value `compute` gives for `key` while the revisions of `deps` (kinds, and `process` for the
   * process record) stay as they are: a caching store keeps it and answers from it until one of them
   * moves; the plain store just computes. `compute` must read only `deps` and must depend on nothing
   * but the process and `key` (a viewer's access is part of the key: see src/server/policy.ts).
   */
  memo<T>(processId: string, key: string, deps: readonly string[], compute: () => Promise<T>): Promise<T>;
  get<K extends EntityKind>(processId: string, kind: K, id: string): Promise<EntityMap[K] | undefined>;
  /** One entity with its entity tag, or undefined. */
  getTagged<K extends EntityKind>(processId: string, kind: K, id: string): Promise<Tagged<EntityMap[K]> | undefined>;
  /**
   * Create or update one entity (versions: create only), optionally only under `expect`
   * ({@link WriteExpect}: `conflict`, `not_found` or `precondition_failed` otherwise). Audited.
   */
  put<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext, expect?: WriteExpect): Promise<'created' | 'updated'>;
  /**
   * Create or update several entities in ONE transaction (all or nothing), each audited and each
   * under its own `expect`. Used by imports of spreadsheets and by batch API writes.
   */
  putMany(processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]>;
  /** {@link putMany} returning each row's new entity tag as well. */
  write(processId: string, items: PutItem[], ctx: ChangeContext): Promise<WriteResult[]>;
  /**
   * Delete one entity (not versions), with `expect.etag` only while the row still carries that tag
   * (`precondition_failed` otherwise). Throws `not_found`.
   */
  remove(processId: string, kind: EntityKind, id: string, ctx: ChangeContext, expect?: { etag: string }): Promise<void>;
  /** Delete a whole process. */
  deleteProcess(id: string, ctx: ChangeContext): Promise<void>;
  /** Audit entries, oldest first. */
  audit(processId?: string): Promise<AuditEntry[]>;
  /** The stored head of the audit log ({@link LogHead}). */
  logHead(): Promise<LogHead>;
  /**
   * Check the record: the version and audit hash chains, the log against its stored head and any
   * `checkpoints` recorded earlier, and every current entity row against what the log says was
   * last written to it.
   */
  verify(opts?: { checkpoints?: LogCheckpoint[] }): Promise<VerifyResult>;
  close(): Promise<void>;
}

/**
 * {@link Store.put} by way of the store's own {@link Store.write}: one item, under its expectation
 * if given; the outcome of that item. For stores whose `put` is nothing more than a one-item write.
 */
export async function putByWrite<K extends EntityKind>(
  store: Pick<Store, 'write'>,
  processId: string,
  kind: K,
  entity: EntityMap[K],
  ctx: ChangeContext,
  expect?: WriteExpect,
): Promise<'created' | 'updated'> {
  const [r] = await store.write(processId, [{ kind, entity, ...(expect ? { expect } : {}) }], ctx);
  return r!.outcome;
}

/** {@link Store.putMany} by way of the store's own {@link Store.write}: the outcome of each item, in order. */
export async function putManyByWrite(store: Pick<Store, 'write'>, processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]> {
  return (await store.write(processId, items, ctx)).map((r) => r.outcome);
}
