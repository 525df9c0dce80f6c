/**
 * Open the store named by a `--db` value: a file path (SQLite, the default `./accord.db`) or a
 * `postgres://` / `postgresql://` URL (PostgreSQL, see ./postgres.ts when present).
 */
import { AccordError } from '../model/errors.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** Default SQLite file in the working directory. */
export const DEFAULT_DB = './accord.db';

/** True when `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** Open the store at `target`. Throws `invalid_input` when it cannot be opened. */
export async function openStore(target: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(target)) {
    let mod: { openPostgresStore?: (url: string) => Promise<Store> };
    try {
      // A literal import, so that the built CLI (esbuild, code splitting) carries it as a chunk of its
      // own: the PostgreSQL driver still loads only when a postgres:// URL asks for it.
      mod = await import('./postgres.js');
    } catch {
      throw new AccordError('unsupported', 'PostgreSQL support is not available in this build');
    }
    if (!mod.openPostgresStore) throw new AccordError('unsupported', 'PostgreSQL support is not available in this build');
    return mod.openPostgresStore(target);
  }
  return openSqliteStore(target);
}
