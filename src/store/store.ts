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

import type { EntityMap, PutItem } from '../model/entities.js';

/** The entity types per kind and one item of a batch write live in the model (src/model/entities.ts). */
export type { EntityMap, PutItem };

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

/** Outcome of an integrity check: ok, or the first broken link named. */
export interface VerifyResult {
  ok: boolean;
  checked: { versions: number; audit: number };
  /** E.g. `audit entry 17 (positions/pos-3): hash does not match its content`. */
  firstBroken?: string;
}

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
  /** Entities of one kind, in stored order. */
  list<K extends EntityKind>(processId: string, kind: K): Promise<EntityMap[K][]>;
  get<K extends EntityKind>(processId: string, kind: K, id: string): Promise<EntityMap[K] | undefined>;
  /** Create or update one entity (versions: create only). Appends to the audit log. */
  put<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext): Promise<'created' | 'updated'>;
  /**
   * Create or update several entities in ONE transaction (all or nothing), each audited.
   * Used by imports of spreadsheets and by batch API writes.
   */
  putMany(processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]>;
  /** Delete one entity (not versions). Throws `not_found`. */
  remove(processId: string, kind: EntityKind, id: string, ctx: ChangeContext): Promise<void>;
  /** Delete a whole process. */
  deleteProcess(id: string, ctx: ChangeContext): Promise<void>;
  /** Audit entries, oldest first. */
  audit(processId?: string): Promise<AuditEntry[]>;
  /** Recompute the version and audit hash chains. */
  verify(): Promise<VerifyResult>;
  close(): Promise<void>;
}
