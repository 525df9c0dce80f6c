/**
 * Test support: the store back-ends the shared store suite runs on. SQLite always; PostgreSQL when
 * a throwaway cluster is available (see ./pg.ts, or ACCORD_TEST_PG_URL).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';

/** A named way to open a fresh, empty store. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<KyselyStore>;
  /** Two stores over one fresh database, as two server processes (or a server and the CLI) would open it. */
  openPair(): Promise<[KyselyStore, KyselyStore]>;
}

/** SQLite in memory (a pair: one file in a fresh temporary folder). */
export const sqliteBackend: Backend = {
  name: 'sqlite',
  open: () => openSqliteStore(':memory:'),
  async openPair() {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'accord-pair-')), 'accord.db');
    const a = await openSqliteStore(file);
    return [a, await openSqliteStore(file)];
  },
};
