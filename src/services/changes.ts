/**
 * Changes to the entities of a process — one, or several together — and whole processes in and out.
 * The rules, once: every entity parses through its model schema; versions are immutable; an id is
 * created only where free and replaced only where present; every cross-reference is checked
 * against the stored process and the rest of the batch (src/model/references.ts); an entity still
 * referred to is not deleted; everything of one call is written in ONE transaction or nothing is.
 * What the viewer may not see does not exist here (src/model/visibility.ts). The HTTP API's entity
 * routes, `POST /changes` and `POST /api/processes` are adapters over these functions.
 */
import { randomUUID } from 'node:crypto';
import { AccordError, conflict, type ErrorDetail, idTaken, notFound } from '../model/errors.js';
import type { EntityMap, PutItem, WriteExpect } from '../model/entities.js';
import { BATCH_KINDS, type ChangesInput, entitySchema, SINGULAR, WRITE_ORDER } from '../model/inputs.js';
import { addToIndex, processProblems, referenceProblems, referrersOf, refIndex } from '../model/references.js';
import { ENTITY_KINDS, type EntityKind, type ProcessData } from '../model/schemas.js';
import { fieldPath, invalidFrom, zodDetails } from '../model/validation.js';
import { filterVisible, layersOf, visibleToViewer } from '../model/visibility.js';
import type { EntityQuery, Page, Store, Tagged } from '../store/store.js';
import type { ServiceContext } from './context.js';
import { type Outline, outlineOf } from './views/outline.js';

/** A fresh id for an entity of `kind`: `<singular>-<8 hex digits>`. */
export function newId(kind: EntityKind): string {
  return `${SINGULAR[kind]}-${randomUUID().slice(0, 8)}`;
}

/** Throws `not_found` (field `pid`) unless the process exists (for this viewer). */
export async function requireProcess(store: Store, pid: string): Promise<void> {
  if (!(await store.getProcess(pid))) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
}

/** One entity of a write: what and how. */
export interface WriteItem {
  kind: EntityKind;
  entity: Record<string, unknown> & { id: string };
  /** `create`: must not exist; `update`: must exist; `upsert`: either (versions: create only). */
  mode: 'create' | 'update' | 'upsert';
  /** Field prefix for messages, e.g. `positions[0].`. */
  prefix: string;
  /** For an update: the entity tag the writer read (HTTP `If-Match`); a changed row is `precondition_failed`. */
  ifMatch?: string;
}

/** What was written: kind, id, whether created or updated, the stored entity and its new entity tag. */
export interface Written {
  kind: EntityKind;
  id: string;
  outcome: 'created' | 'updated';
  entity: unknown;
  etag: string;
}

/**
 * What the store must find when the write lands (inside its transaction, so that the check and
 * the write are one step even with concurrent writers on several server processes): a create needs
 * a free id, an update the row (with the tag the writer read, when given); versions are created only.
 */
export function expectationOf(item: Pick<WriteItem, 'kind' | 'mode' | 'ifMatch'>): WriteExpect | undefined {
  if (item.kind === 'versions' || item.mode === 'create') return { absent: true };
  if (item.mode === 'update') return item.ifMatch !== undefined ? { etag: item.ifMatch } : { present: true };
  return undefined;
}

/**
 * Validate a set of writes together — model schemas, existence, immutability of versions, every
 * cross-reference (items of the batch may refer to each other) — and only then write them in
 * {@link WRITE_ORDER}, in one transaction. Bad input throws before anything is written.
 * @throws AccordError `invalid_input` (every problem in `details`), `conflict`, `not_found`
 */
export async function writeEntities(ctx: ServiceContext, pid: string, items: WriteItem[]): Promise<Written[]> {
  const data = await ctx.store.loadProcess(pid);
  const idx = refIndex(data);
  const problems: ErrorDetail[] = [];
  const parsed: { item: WriteItem; entity: EntityMap[EntityKind] }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const r = entitySchema(item.kind).safeParse(item.entity);
    if (!r.success) {
      problems.push(...zodDetails(r.error).map((d) => ({ ...d, field: item.prefix + (d.field ?? '') })));
      continue;
    }
    const entity = r.data as EntityMap[EntityKind];
    const key = `${item.kind}/${entity.id}`;
    if (seen.has(key)) problems.push({ field: `${item.prefix}id`, message: `${SINGULAR[item.kind]} "${entity.id}" appears twice in the request` });
    seen.add(key);
    const exists = idx[item.kind].has(entity.id);
    if (item.kind === 'versions' && exists) {
      throw conflict(`version "${entity.id}" already exists and versions are immutable; add a new version instead`, { field: `${item.prefix}id` });
    }
    if (item.mode === 'create' && exists) throw idTaken(entity.id, `${item.prefix}id`);
    if (item.mode === 'update' && !exists) throw notFound(`no ${SINGULAR[item.kind]} "${entity.id}" in process "${pid}"`, { field: 'id' });
    parsed.push({ item, entity });
  }
  if (problems.length) throw invalidFrom(problems, 'input');
  for (const { item, entity } of parsed) addToIndex(idx, item.kind, entity as { id: string });
  for (const { item, entity } of parsed) problems.push(...referenceProblems(item.kind, entity, idx, item.prefix));
  if (problems.length) throw invalidFrom(problems, 'input');
  const ordered = parsed.slice().sort((a, b) => WRITE_ORDER.indexOf(a.item.kind) - WRITE_ORDER.indexOf(b.item.kind));
  // One transaction for the whole batch: all of it is written or none. The checks above read a
  // snapshot (perhaps a cached one) for clear messages; the store checks existence and tags again
  // inside the transaction, where concurrent writers cannot slip in between.
  const results = await ctx.store.write(
    pid,
    ordered.map(({ item, entity }): PutItem => {
      const expect = expectationOf(item);
      return { kind: item.kind, entity, ...(expect ? { expect } : {}) };
    }),
    { actor: ctx.actor },
  );
  return ordered.map(({ item, entity }, i) => {
    const { outcome, etag } = results[i]!;
    ctx.log?.info({ process: pid, kind: item.kind, id: entity.id, outcome, actor: ctx.actor }, 'entity written');
    return { kind: item.kind, id: entity.id as string, outcome, entity, etag };
  });
}

/**
 * Create or update several entities together (`POST /changes`): ids generated where absent;
 * nothing is written unless every item is valid. Throws `invalid_input` for an empty request.
 */
export async function applyChanges(ctx: ServiceContext, pid: string, body: ChangesInput): Promise<{ kind: EntityKind; id: string; outcome: 'created' | 'updated' }[]> {
  const items: WriteItem[] = [];
  for (const kind of BATCH_KINDS) {
    const list = (body as Record<string, Record<string, unknown>[] | undefined>)[kind] ?? [];
    list.forEach((e, i) => items.push({ kind, entity: { ...e, id: (e.id as string | undefined) ?? newId(kind) }, mode: 'upsert', prefix: `${kind}[${i}].` }));
  }
  if (!items.length) throw new AccordError('invalid_input', 'the request lists no change', { field: 'body' });
  await requireProcess(ctx.store, pid);
  return (await writeEntities(ctx, pid, items)).map(({ kind, id, outcome }) => ({ kind, id, outcome }));
}

/** The entities of `kind` the viewer may see, in stored order. */
export async function listEntities<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K): Promise<EntityMap[K][]> {
  await requireProcess(ctx.store, pid);
  return filterVisible(ctx.viewer, await ctx.store.list(pid, kind));
}

/** Filters, sort and page of a list of one kind (which filters a kind takes: src/server/routes/entities.ts). */
export type ListQuery = Pick<EntityQuery, 'party' | 'person' | 'ref' | 'status' | 'from' | 'cursor' | 'limit'> & {
  /** Dated on or before this ISO date. */
  to?: string;
  /** `date`: oldest first; `-date`: latest first; default stored order. */
  sort?: 'date' | '-date';
};

/**
 * The entities of one kind the viewer may see, filtered and sorted in SQL: one page when `limit` or
 * `cursor` is given (`next` continues it), else every match. `total` counts every match. Without
 * any filter, sort or page this is {@link listEntities}.
 */
export async function listEntitiesPage<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K, q: ListQuery = {}): Promise<Page<EntityMap[K]> & { total: number }> {
  const { to, sort, cursor, limit, ...filters } = q;
  const sel: EntityQuery = {
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    ...(to !== undefined ? { until: to } : {}),
    ...(sort ? { order: sort === 'date' ? 'date' : 'date-desc' } : {}),
  };
  if (!Object.keys(sel).length && cursor === undefined && limit === undefined) {
    const items = await listEntities(ctx, pid, kind);
    return { items, next: null, total: items.length };
  }
  await requireProcess(ctx.store, pid);
  // Only the layers the viewer sees are selected (a policy store below narrows them again).
  const layers = layersOf(ctx.viewer);
  const scoped: EntityQuery = { ...sel, layers };
  if (cursor === undefined && limit === undefined) {
    const items: EntityMap[K][] = [];
    let next: string | undefined;
    do {
      const page = await ctx.store.query(pid, kind, { ...scoped, ...(next ? { cursor: next } : {}) });
      items.push(...page.items);
      next = page.next ?? undefined;
    } while (next);
    return { items, next: null, total: items.length };
  }
  const [page, total] = await Promise.all([
    ctx.store.query(pid, kind, { ...scoped, ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}) }),
    ctx.store.count(pid, kind, scoped),
  ]);
  return { ...page, total };
}

/** One entity the viewer may see; `not_found` (field `id`) otherwise. */
export async function readEntity<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K, id: string): Promise<EntityMap[K]> {
  return (await readTagged(ctx, pid, kind, id)).entity;
}

/** One entity the viewer may see with its entity tag (the HTTP `ETag`); `not_found` (field `id`) otherwise. */
export async function readTagged<K extends EntityKind>(ctx: ServiceContext, pid: string, kind: K, id: string): Promise<Tagged<EntityMap[K]>> {
  await requireProcess(ctx.store, pid);
  const t = await ctx.store.getTagged(pid, kind, id);
  if (!t || !visibleToViewer(ctx.viewer, (t.entity as { visibility?: never }).visibility)) throw notFound(`no ${SINGULAR[kind]} "${id}" in process "${pid}"`, { field: 'id' });
  return t;
}

/** Create an entity (id generated when absent); `conflict` when the id is taken, also by a concurrent create. */
export async function createEntity(ctx: ServiceContext, pid: string, kind: EntityKind, body: Record<string, unknown>): Promise<Tagged<unknown>> {
  const entity = { ...body, id: (body.id as string | undefined) ?? newId(kind) };
  const [w] = await writeEntities(ctx, pid, [{ kind, entity, mode: 'create', prefix: '' }]);
  return { entity: w!.entity, etag: w!.etag };
}

/**
 * Replace an entity the viewer may see; the body's id, when given, must be `id`. With `ifMatch`
 * (the entity tag the writer read) a row changed since is `precondition_failed` and nothing is written.
 */
export async function replaceEntity(ctx: ServiceContext, pid: string, kind: EntityKind, id: string, body: Record<string, unknown>, ifMatch?: string): Promise<Tagged<unknown>> {
  if (body.id !== undefined && body.id !== id) {
    throw new AccordError('invalid_input', `the body's id "${String(body.id)}" differs from the id in the path "${id}"`, { field: 'id' });
  }
  const existing = await ctx.store.get(pid, kind, id);
  if (existing && !visibleToViewer(ctx.viewer, (existing as { visibility?: never }).visibility)) throw notFound(`no ${SINGULAR[kind]} "${id}" in process "${pid}"`, { field: 'id' });
  const [w] = await writeEntities(ctx, pid, [{ kind, entity: { ...body, id }, mode: 'update', prefix: '', ...(ifMatch !== undefined ? { ifMatch } : {}) }]);
  return { entity: w!.entity, etag: w!.etag };
}

/**
 * Delete an entity the viewer may see (with `ifMatch`, only while it carries that tag). Refused
 * with `conflict` while any entity of the process refers to it — in any layer, counted by the
 * store inside the delete's transaction; the message says how many, never which (they may lie in
 * a confidential layer the caller cannot see).
 */
export async function deleteEntity(ctx: ServiceContext, pid: string, kind: EntityKind, id: string, ifMatch?: string): Promise<{ deleted: { kind: EntityKind; id: string } }> {
  await requireProcess(ctx.store, pid);
  const existing = await ctx.store.get(pid, kind, id);
  const one = SINGULAR[kind];
  if (!existing || !visibleToViewer(ctx.viewer, (existing as { visibility?: never }).visibility)) throw notFound(`no ${one} "${id}" in process "${pid}"`, { field: 'id' });
  await ctx.store.remove(pid, kind, id, { actor: ctx.actor }, ifMatch !== undefined ? { etag: ifMatch } : undefined);
  ctx.log?.info({ process: pid, kind, id, actor: ctx.actor }, 'entity deleted');
  return { deleted: { kind, id } };
}

/**
 * Import a whole process in one transaction after checking it whole (duplicate ids, every
 * reference, the single negotiating text). `conflict` when the id is taken (unless `replace`).
 */
export async function importProcess(ctx: ServiceContext, data: ProcessData, opts: { replace?: boolean } = {}): Promise<void> {
  if (!opts.replace && (await ctx.store.getProcess(data.process.id))) throw conflict(`process "${data.process.id}" is already in the store`, { field: 'process.id' });
  const problems = processProblems(data).map((p) => ({ field: p.kind === 'process' ? `process.${fieldPath(p.path)}` : `${p.kind}[${p.index}].${fieldPath(p.path)}`, message: p.message }));
  if (problems.length) throw invalidFrom(problems, 'process');
  await ctx.store.importProcess(data, { actor: ctx.actor }, opts);
}

/** Everything in a process the viewer may see (the JSON form of a bundle). */
export async function exportProcess(ctx: ServiceContext, pid: string): Promise<ProcessData> {
  const data = await ctx.store.loadProcess(pid);
  const out = { ...data } as unknown as Record<string, unknown[] | undefined>;
  for (const kind of ENTITY_KINDS) if (out[kind]) out[kind] = filterVisible(ctx.viewer, out[kind]);
  return out as unknown as ProcessData;
}

/** The outline of a process (./views/outline.ts): what every page of the workbench names, without the record. */
export async function outline(ctx: ServiceContext, pid: string): Promise<Outline> {
  await requireProcess(ctx.store, pid);
  return outlineOf(await ctx.store.loadProcess(pid));
}
