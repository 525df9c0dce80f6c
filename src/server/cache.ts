/**
 * A read-through cache of whole processes in front of a {@link Store}, for the query routes (matrix,
 * status, point, record) that each need a full {@link ProcessData}. Writes made through the cached
 * store drop the process's entry at once, so a single server always answers from fresh data; writes
 * made elsewhere (another API process on the same PostgreSQL database, the CLI on the same SQLite
 * file) become visible after at most `ttlMs`. Cached objects are shared: callers must not mutate them.
 */
import type { ProcessData } from '../model/schemas.js';
import type { Store } from '../store/store.js';

/** Wrap `store`; `ttlMs` ≤ 0 returns the store itself (no caching). */
export function cachedStore(store: Store, ttlMs: number): Store {
  if (ttlMs <= 0) return store;
  const entries = new Map<string, { at: number; data: Promise<ProcessData> }>();
  const drop = (pid: string) => entries.delete(pid);
  const cached: Store = Object.create(store) as Store;
  return Object.assign(cached, {
    dialect: store.dialect,
    loadProcess(id: string): Promise<ProcessData> {
      const now = Date.now();
      const e = entries.get(id);
      if (e && now - e.at < ttlMs) return e.data;
      const data = store.loadProcess(id);
      entries.set(id, { at: now, data });
      data.catch(() => drop(id));
      return data;
    },
    async importProcess(...args: Parameters<Store['importProcess']>) {
      drop(args[0].process.id);
      try {
        return await store.importProcess(...args);
      } finally {
        drop(args[0].process.id);
      }
    },
    async put(...args: Parameters<Store['put']>) {
      try {
        return await store.put(...args);
      } finally {
        drop(args[0]);
      }
    },
    async putMany(...args: Parameters<Store['putMany']>) {
      try {
        return await store.putMany(...args);
      } finally {
        drop(args[0]);
      }
    },
    async write(...args: Parameters<Store['write']>) {
      try {
        return await store.write(...args);
      } finally {
        drop(args[0]);
      }
    },
    async remove(...args: Parameters<Store['remove']>) {
      try {
        return await store.remove(...args);
      } finally {
        drop(args[0]);
      }
    },
    async deleteProcess(...args: Parameters<Store['deleteProcess']>) {
      try {
        return await store.deleteProcess(...args);
      } finally {
        drop(args[0]);
      }
    },
  } as Partial<Store>);
}
