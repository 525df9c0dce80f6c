/**
 * The embedded default store: one SQLite file through better-sqlite3 and Kysely.
 */
import Database from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect } from 'kysely';
import { AccordError } from '../model/errors.js';
import { KyselyStore, type Tables } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';

/**
 * Kysely's SQLite dialect with every transaction begun as `BEGIN IMMEDIATE`: the write lock is
 * taken when the transaction starts, so a transaction that reads a row and then writes it cannot
 * interleave with another connection's write (a deferred `BEGIN` would read a snapshot and then
 * fail, or wait, only at its first write). Busy connections wait up to `busy_timeout`.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Open (creating when absent) the SQLite store at `file` (`:memory:` for a throwaway one) and migrate
 * it. WAL journaling keeps readers unblocked and makes a killed writer roll back cleanly.
 * Throws `invalid_input` when the file exists but is not an Accord database.
 */
export async function openSqliteStore(file: string): Promise<KyselyStore> {
  let raw: Database.Database;
  try {
    raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
  } catch (e) {
    throw new AccordError('invalid_input', `cannot open SQLite database "${file}": ${(e as Error).message}`, { file });
  }
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw new AccordError('invalid_input', `"${file}" is not a usable Accord database: ${(e as Error).message}`, { file });
  }
  return new KyselyStore(db, 'sqlite');
}
