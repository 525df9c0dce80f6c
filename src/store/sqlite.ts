/**
 * The embedded default store: one SQLite file through better-sqlite3 and Kysely.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AccordError } from '../model/errors.js';
import { KyselyStore, type Tables } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';

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
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw new AccordError('invalid_input', `"${file}" is not a usable Accord database: ${(e as Error).message}`, { file });
  }
  return new KyselyStore(db, 'sqlite');
}
