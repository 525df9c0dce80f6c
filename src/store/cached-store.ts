/**
 * A read cache in front of a {@link Store}, keyed by the process revisions that every write moves in
 * its own transaction (src/store/queries.ts): entities loaded by kind ({@link Store.loadKinds}) are
 * kept per kind at the revision they were read at, and values computed by {@link Store.memo} at the
 * revisions of the kinds they depend on. Each read asks the database for the current revisions first
 * (one small indexed query), so a write through any server process on the same PostgreSQL database,
 * or by the CLI on the same SQLite file, is seen by the very next read: no time-to-live. A write to
 * one kind leaves what was read of the others in place.
 *
 * Cached objects are shared by every caller: never mutate them.
 */
import { emptyProcessData, ENTITY_KINDS, type EntityKind, type ProcessData } from '../model/schemas.js';
import { PROCESS_REVISION } from './queries.js';
import type { Revisions, Store } from './store.js';

/** Options of {@link cachedStore}. */
export interface CacheOptions {
  /** Most computed values kept (least recently used dropped first); default 128. */
  maxValues?: number;
}

const rev = (r: Revisions, kind: string) => r[kind] ?? 0;

/** What is kept of one process. */
interface ProcessEntry {
  process?: { rev: number; value: ProcessData['process'] };
  kinds: Map<string, { rev: number; list: unknown[] }>;
  /** Whole answers of {@link Store.loadKinds}, by kinds and revisions: the same object for the same key. */
  composed: Map<string, ProcessData>;
}

const ONE_READ = Symbol('one read');

/**
 * The store one reading request should use: where `store` is a {@link cachedStore}, a view of it
 * that reads the revisions of a process once, at its first cached read, and keys every cached read
 * of the request on them (one small query per request instead of one per cached read; every cached
 * value of the request is of the same state). Only for requests that write nothing: a write made
 * through this view would not be seen by its own later cached reads. Any other store is returned as is.
 */
export function forOneRead(store: Store): Store {
  const make = (store as { [ONE_READ]?: () => Store })[ONE_READ];
  return make ? make.call(store) : store;
}

/** Wrap `store` in the revision-keyed read cache described above. */
export function cachedStore(store: Store, opts: CacheOptions = {}): Store {
  const maxValues = opts.maxValues ?? 128;
  const processes = new Map<string, ProcessEntry>();
  const values = new Map<string, Promise<unknown>>();
  const inflight = new Map<string, Promise<ProcessData>>();

  const entryOf = (pid: string): ProcessEntry => {
    let e = processes.get(pid);
    if (!e) processes.set(pid, (e = { kinds: new Map(), composed: new Map() }));
    return e;
  };

  const compose = (process: ProcessData['process'], kinds: readonly string[], lists: Map<string, unknown[]>): ProcessData => {
    const out = emptyProcessData(process) as unknown as Record<string, unknown>;
    for (const k of kinds) out[k] = lists.get(k) ?? [];
    return out as unknown as ProcessData;
  };

  async function load(pid: string, kinds: readonly EntityKind[], revs: Revisions, key: string): Promise<ProcessData> {
    const e = entryOf(pid);
    const missing = kinds.filter((k) => e.kinds.get(k)?.rev !== rev(revs, k));
    const needProcess = e.process?.rev !== rev(revs, PROCESS_REVISION);
    let fresh: ProcessData | undefined;
    if (missing.length || needProcess) fresh = await store.loadKinds(pid, missing);
    // Keep only what was read at the revisions asked for: a write landing meanwhile moved them, and
    // what was read may then belong to the newer state (right for this call, wrong to keep as older).
    const after = fresh ? await store.revisions(pid) : revs;
    const lists = new Map<string, unknown[]>();
    let stable = true;
    for (const k of kinds) {
      if (!missing.includes(k)) {
        lists.set(k, e.kinds.get(k)!.list);
        continue;
      }
      const list = (fresh as unknown as Record<string, unknown[]>)[k] ?? [];
      lists.set(k, list);
      if (rev(after, k) === rev(revs, k)) e.kinds.set(k, { rev: rev(revs, k), list });
      else stable = false;
    }
    let process = e.process?.value;
    if (fresh) {
      process = fresh.process;
      if (rev(after, PROCESS_REVISION) === rev(revs, PROCESS_REVISION)) e.process = { rev: rev(revs, PROCESS_REVISION), value: process };
      else stable = false;
    }
    const data = compose(process!, kinds, lists);
    if (stable) {
      // One composed answer per set of kinds: older revisions of it are dropped.
      const prefix = key.slice(0, key.indexOf('@'));
      for (const k of e.composed.keys()) if (k.startsWith(prefix + '@')) e.composed.delete(k);
      e.composed.set(key, data);
    }
    return data;
  }

  async function loadAt(pid: string, kinds: readonly EntityKind[], revs: Revisions): Promise<ProcessData> {
    const sorted = [...new Set(kinds)].sort();
    const key = `${sorted.join(',')}@${sorted.map((k) => rev(revs, k)).join(',')},${rev(revs, PROCESS_REVISION)}`;
    const hit = processes.get(pid)?.composed.get(key);
    if (hit) return hit;
    const flightKey = `${pid}\u0000${key}`;
    let p = inflight.get(flightKey);
    if (!p) {
      p = load(pid, sorted as EntityKind[], revs, key).finally(() => inflight.delete(flightKey));
      inflight.set(flightKey, p);
    }
    return p;
  }

  function memoAt<T>(pid: string, key: string, deps: readonly string[], compute: () => Promise<T>, revs: Revisions): Promise<T> {
    const k = `${pid}\u0000${key}\u0000${deps.map((d) => `${d}:${rev(revs, d)}`).join(',')}`;
    const hit = values.get(k);
    if (hit) {
      values.delete(k);
      values.set(k, hit);
      return hit as Promise<T>;
    }
    const p = compute();
    values.set(k, p);
    p.catch(() => values.delete(k));
    while (values.size > maxValues) values.delete(values.keys().next().value!);
    return p;
  }

  const cached: Store = Object.create(store) as Store;
  return Object.assign(cached, {
    dialect: store.dialect,
    async loadKinds(pid: string, kinds: readonly EntityKind[]): Promise<ProcessData> {
      return loadAt(pid, kinds, await store.revisions(pid));
    },
    loadProcess(pid: string): Promise<ProcessData> {
      return cached.loadKinds(pid, ENTITY_KINDS);
    },
    async memo<T>(pid: string, key: string, deps: readonly string[], compute: () => Promise<T>): Promise<T> {
      return memoAt(pid, key, deps, compute, await store.revisions(pid));
    },
    [ONE_READ](): Store {
      // The revisions of each process, read once (at the first read that asks for them).
      const seen = new Map<string, Promise<Revisions>>();
      const revisionsOf = (pid: string) => {
        let r = seen.get(pid);
        if (!r) {
          r = store.revisions(pid);
          r.catch(() => seen.delete(pid));
          seen.set(pid, r);
        }
        return r;
      };
      const once: Store = Object.create(cached) as Store;
      return Object.assign(once, {
        revisions: revisionsOf,
        async loadKinds(pid: string, kinds: readonly EntityKind[]): Promise<ProcessData> {
          return loadAt(pid, kinds, await revisionsOf(pid));
        },
        loadProcess(pid: string): Promise<ProcessData> {
          return once.loadKinds(pid, ENTITY_KINDS);
        },
        async memo<T>(pid: string, key: string, deps: readonly string[], compute: () => Promise<T>): Promise<T> {
          return memoAt(pid, key, deps, compute, await revisionsOf(pid));
        },
      } as Partial<Store>);
    },
    async deleteProcess(...args: Parameters<Store['deleteProcess']>) {
      try {
        return await store.deleteProcess(...args);
      } finally {
        processes.delete(args[0]);
      }
    },
  } as Partial<Store>);
}
