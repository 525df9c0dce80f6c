/**
 * How the read services take what they need from the store: a view computed from some kinds of a
 * process and kept, by a caching store, until one of them changes ({@link cachedView}); the versions
 * of a process as stubs without their text, from the query columns ({@link versionStubs}), and one
 * version whole ({@link fullVersion}) — so that resolving "the current text as of a date" never
 * parses every version; and one page of a list sorted once ({@link pageAfter}).
 */
import { AccordError } from '../model/errors.js';
import type { EntityMap } from '../model/entities.js';
import type { EntityKind, ProcessData, Version } from '../model/schemas.js';
import type { EntityQuery, Page } from '../store/store.js';
import type { ServiceContext } from './context.js';

/** Largest page of a list route; also its default. */
export const PAGE_MAX = 1000;

/**
 * The value of `compute` over the process with only `kinds` loaded, under a key made of `name` and
 * `params` (which must hold every input of the view); kept by a caching store until a write moves
 * one of `kinds` or the process record. The viewer's access is part of the key where the store is
 * a viewer's view (src/server/policy.ts).
 */
export function cachedView<T>(ctx: ServiceContext, pid: string, name: string, params: unknown, kinds: readonly EntityKind[], compute: (data: ProcessData) => T | Promise<T>): Promise<T> {
  return ctx.store.memo(pid, viewKey(ctx, name, params), [...kinds, 'process'], async () => compute(await ctx.store.loadKinds(pid, kinds)));
}

/**
 * The key of a view for {@link Store.memo}: its name, its parameters and who reads (the layers the
 * viewer sees decide what the view holds, whatever store the viewer reads through).
 */
export function viewKey(ctx: ServiceContext, name: string, params: unknown): string {
  const v = ctx.viewer;
  const who = v.kind === 'local' ? 'local' : `${v.user}|${v.role}|${v.party ?? ''}|${[...(v.sees ?? [])].sort().join(',')}`;
  return `${name}:${who}:${JSON.stringify(params ?? null)}`;
}

/**
 * Every version of the process as a stub: id, document, label and date as stored, no proponents and
 * no provisions (read from the query columns, no text parsed). Enough to resolve which version is
 * current as of a date (src/analysis/positions.ts `currentVersion`).
 */
export function versionStubs(ctx: ServiceContext, pid: string): Promise<Version[]> {
  return ctx.store.memo(pid, 'version-stubs', ['versions'], async () =>
    (await ctx.store.heads(pid, 'versions')).map((h) => ({ id: h.id, document: h.ref ?? '', label: h.label ?? h.id, date: h.date ?? '', proponents: [], provisions: [] })),
  );
}

/** One version whole (versions are immutable: kept until the versions of the process change). `not_found` when absent. */
export function fullVersion(ctx: ServiceContext, pid: string, id: string): Promise<Version> {
  return ctx.store.memo(pid, `version:${id}`, ['versions'], async () => {
    const v = await ctx.store.get(pid, 'versions', id);
    if (!v) throw new AccordError('not_found', `no version "${id}" in process "${pid}"`, { field: 'version' });
    return v;
  });
}

/** The process data with `stubs` as its versions and the versions of `full` in their place. */
export function withVersions(data: ProcessData, stubs: Version[], full: Version[]): ProcessData {
  const byId = new Map(full.map((v) => [v.id, v]));
  return { ...data, versions: stubs.map((s) => byId.get(s.id) ?? s) };
}

/**
 * One page of a list held whole in memory (a view's rows): `limit` items (default and at most
 * {@link PAGE_MAX}) after the cursor, which is the opaque offset of the previous page's end.
 * A malformed cursor is `invalid_input` on field `cursor`.
 */
export function pageAfter<T>(items: readonly T[], q: { cursor?: string; limit?: number }, max = PAGE_MAX): Page<T> & { total: number } {
  let start = 0;
  if (q.cursor !== undefined) {
    const m = /^o(\d+)$/.exec(Buffer.from(q.cursor, 'base64url').toString('utf8'));
    if (!m) throw new AccordError('invalid_input', 'the cursor is not one this list gave out (take `next` from the previous page, with the same filters)', { field: 'cursor' });
    start = Number(m[1]);
  }
  const limit = Math.max(1, Math.min(q.limit ?? max, max));
  const end = Math.min(items.length, start + limit);
  return { items: items.slice(start, end), next: end < items.length ? Buffer.from(`o${end}`).toString('base64url') : null, total: items.length };
}

/** Every entity of `kind` matching `q`, following the pages to the end (for a bounded selection). */
export async function allMatching<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K, q: EntityQuery = {}): Promise<EntityMap[K][]> {
  const out: EntityMap[K][] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.query(pid, kind, { ...q, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

/** The entities of `kind` with these ids (those that exist and the viewer may see), in stored order. */
export async function byIds<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K, ids: Iterable<string>, q: EntityQuery = {}): Promise<EntityMap[K][]> {
  const all = [...new Set(ids)];
  const out: EntityMap[K][] = [];
  for (let i = 0; i < all.length; i += 500) out.push(...(await allMatching(ctx, pid, kind, { ...q, ids: all.slice(i, i + 500) })));
  return out;
}
