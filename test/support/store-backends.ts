/**
 * Test support: the store back-ends the shared store suite runs on. SQLite always; PostgreSQL when
 * a throwaway cluster is available (see ./pg.ts, or ACCORD_TEST_PG_URL).
 */
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';

/** A named way to open a fresh, empty store. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<KyselyStore>;
}

/** SQLite in memory. */
export const sqliteBackend: Backend = { name: 'sqlite', open: () => openSqliteStore(':memory:') };
