/**
 * The server store: the same {@link KyselyStore} as SQLite, over Kysely's PostgresDialect and a `pg`
 * connection pool. Several `accord serve` processes may share one database: chain writers are
 * serialised inside their transaction by an advisory lock (see KyselyStore), and migrations run under
 * a session-level advisory lock so that processes starting together migrate once.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AccordError } from '../model/errors.js';
import { KyselyStore, type Tables } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';

/** Advisory lock key held while migrating (any constant distinct from the chain writers' 7301). */
const MIGRATION_LOCK = 7302;

/** Options for {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Largest number of pooled connections (default 10, or $ACCORD_PG_POOL). */
  poolSize?: number;
}

/** The URL with any password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Bring the database at `url` to the latest schema, one process at a time: a dedicated connection
 * takes `pg_advisory_lock` for the whole migration so that concurrent starters never race on
 * `create table`.
 */
async function migrateLocked(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
      try {
        await migrateToLatest(conn, 'postgres');
      } finally {
        await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

/**
 * Open the PostgreSQL store at `url` (`postgres://user:pass@host:port/db`, or with `?host=/socket/dir`)
 * and migrate it. Throws `invalid_input` when the server cannot be reached or the database is not
 * usable (the message carries the URL with its password hidden, never a stack trace).
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<KyselyStore> {
  const max = opts.poolSize ?? (Number(process.env.ACCORD_PG_POOL) || 10);
  try {
    await migrateLocked(url);
  } catch (e) {
    throw new AccordError('invalid_input', `cannot open PostgreSQL database ${redactUrl(url)}: ${(e as Error).message}`, { field: 'db' });
  }
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, 'postgres');
}
