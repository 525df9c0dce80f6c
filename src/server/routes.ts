/**
 * Every route of the HTTP API in ONE table ({@link ROUTES}). The Hono app (./app.ts) and the OpenAPI
 * document (./openapi.ts) are both built from it, so a test can enumerate every route and an access
 * policy can wrap every handler (see {@link Route.handler} and `createApp({ wrap })`).
 *
 * Shape: JSON in and out under `/api`; entities of a process under `/api/processes/:pid/<kind>`
 * (list, read, create, update, delete; versions are immutable: list, read, create only); queries
 * (matrix, contested, timeline, record, status, point detail, plan text); errors as
 * `{"error":{"code","message","field?","details?"}}` with the status of src/model/errors.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { STANCE_LABEL, STANCE_SYMBOL, contestedPoints, positionsMatrix, resolveVersion, statusBriefing, timeline } from '../analysis/positions.js';
import { AccordError, conflict, type ErrorDetail, notFound } from '../model/errors.js';
import {
  AttributionKind,
  DocumentKind,
  ENTITY_KINDS,
  ENTITY_SCHEMAS,
  type EntityKind,
  EventKind,
  EventStatus,
  Id,
  IsoDate,
  Process,
  type ProcessData,
  ProcessRole,
  Stance,
  TextStatus,
} from '../model/schemas.js';
import type { EntityMap, PutItem, Store } from '../store/store.js';
import { renderPlanMarkdown } from '../text/render.js';
import { validateDomain } from '../analysis/domain.js';
import { renderBriefingWithAnalysis } from '../report/briefing.js';
import { analysisView, hiddenProfilesToKeep, visibleDomain } from './analysis-view.js';
import { compareView, roundsView } from './compare-view.js';
import { filterVisible, type RequestContext, viewerPartyOf } from './context.js';
import { buildOpenApi } from './openapi.js';
import { addToIndex, referenceProblems, referrersOf, refIndex } from './references.js';
import { invalidFrom, zodDetails } from './validate.js';
import { pointDetail, recordView } from './views.js';
import { reportRoutes } from './report-routes.js';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route does, for the access policy: read a list or one item, change, or compute a query. */
export type RouteAction = 'list' | 'read' | 'create' | 'update' | 'delete' | 'query';

/**
 * The kind of resource a route touches, for the access policy: an entity kind, the process itself,
 * a batch of changes (`changes`: several kinds at once, listed in the body), one of the queries, or
 * the service (health, OpenAPI).
 */
export type ResourceKind =
  | EntityKind
  | 'processes'
  | 'changes'
  | 'matrix'
  | 'contested'
  | 'timeline'
  | 'record'
  | 'status'
  | 'point'
  | 'plan-text'
  | 'analysis'
  | 'compare'
  | 'rounds'
  | 'briefing'
  | 'service';

/** A non-JSON reply (e.g. the Markdown text of a version). */
export class TextReply {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** A binary reply (e.g. the PDF of a briefing). */
export class BinaryReply {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    readonly fileName?: string,
  ) {}
}

/** A JSON reply with a status other than 200 (e.g. 201 Created). */
export class JsonReply {
  constructor(
    readonly body: unknown,
    readonly status: number,
  ) {}
}

/** The validated input of a handler. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** One route of the API. */
export interface RouteDef<P = Record<string, string>, Q = Record<string, unknown>, B = undefined> {
  method: HttpMethod;
  /** Hono path pattern, e.g. `/api/processes/:pid/positions/:id`. */
  path: string;
  action: RouteAction;
  resource: ResourceKind;
  /** One line for the OpenAPI document. */
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Success response for the OpenAPI document: a component schema name (see {@link COMPONENTS}). */
  response: { status: number; description: string; schema?: string; list?: boolean; contentType?: string };
  /** Compute the reply: a JSON value, a {@link JsonReply} or a {@link TextReply}. Throws AccordErrors. */
  handler(ctx: RequestContext, input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** A route of any input types, as stored in the table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Route = RouteDef<any, any, any>;

const route = <P, Q, B>(r: RouteDef<P, Q, B>): Route => r as Route;

// ── input schemas ──────────────────────────────────────────────────────────────────────────────

const PidParams = z.object({ pid: Id });
const ItemParams = z.object({ pid: Id, id: Id });
const LineageParams = z.object({ pid: Id, lineage: Id });

/** `?viewAs=<party>`: which confidential layer the local user looks at (ignored for signed-in users). */
const ViewAs = Id.optional().describe('party whose confidential layer to include (local workbench only); default: public layer');

const MatrixQuery = z.strictObject({
  asOf: IsoDate.optional().describe('ISO date (YYYY, YYYY-MM or YYYY-MM-DD); positions after it are ignored; default today'),
  version: Id.optional().describe('version whose points form the rows; default: the current single negotiating text as of asOf'),
  viewAs: ViewAs,
});
const StatusQuery = z.strictObject({ asOf: MatrixQuery.shape.asOf, viewAs: ViewAs });
const StatusList = z
  .string()
  .describe('comma-separated event statuses: scheduled, held, postponed, cancelled, rescheduled, under-way, proposed')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(EventStatus));
const TimelineQuery = z.strictObject({
  status: StatusList.optional(),
  from: IsoDate.optional().describe('events ending on or after this ISO date'),
  to: IsoDate.optional().describe('events starting on or before this ISO date'),
});
const RecordQuery = TimelineQuery.extend({
  party: Id.optional().describe('only events the party attended or spoke at'),
  person: Id.optional().describe('only events the person attended or spoke at'),
  viewAs: ViewAs,
});
const AnalysisQuery = z.strictObject({
  domain: Id.optional().describe('id of the stored negotiation domain; default: the first'),
  viewAs: ViewAs,
});
const CompareQuery = z.strictObject({
  from: Id.optional().describe('the earlier version (A); default: the version before `to`'),
  to: Id.optional().describe('the later version or counter-proposal (B); default: the current single negotiating text'),
});
const BriefingQuery = z.strictObject({
  asOf: MatrixQuery.shape.asOf,
  format: z.enum(['html', 'pdf']).default('html').describe('html (default) or pdf (printed by headless Chromium)'),
  viewAs: ViewAs,
});
/** A negotiation domain in a request body (validated in full by src/analysis/domain.ts validateDomain). */
const DomainBody = z.looseObject({ id: Id.optional() }).describe('a negotiation domain (src/analysis/domain.ts): id, name, issues with options, profiles');
const TextQuery = z.strictObject({ format: z.enum(['markdown']).default('markdown').describe('output format') });
const NoQuery = z.strictObject({});

/** Body of POST/PUT for an entity kind: the model schema with `id` optional (generated or taken from the path). */
function inputSchema(kind: EntityKind): z.ZodObject {
  const cached = INPUT_CACHE.get(kind);
  if (cached) return cached;
  const base = kind === 'domains' ? z.looseObject({ id: Id }) : (ENTITY_SCHEMAS[kind as keyof typeof ENTITY_SCHEMAS] as unknown as z.ZodObject);
  const extended = base.extend({ id: Id.optional() });
  const s = kind === 'domains' ? extended : extended.strict();
  INPUT_CACHE.set(kind, s);
  return s;
}
const INPUT_CACHE = new Map<EntityKind, z.ZodObject>();

/** Order in which a batch writes kinds, so that referenced entities come first. */
const PREFERRED_ORDER: EntityKind[] = ['parties', 'persons', 'documents', 'versions', 'sources', 'events', 'evidence', 'positions', 'domains'];
export const WRITE_ORDER: EntityKind[] = [
  ...PREFERRED_ORDER.filter((k) => ENTITY_KINDS.includes(k)),
  ...ENTITY_KINDS.filter((k) => !PREFERRED_ORDER.includes(k)),
];

/** Body of `POST /changes`: entities to create or update, by kind, validated and written together. */
export const ChangesBody = z.strictObject(
  Object.fromEntries(WRITE_ORDER.map((k) => [k, z.array(inputSchema(k)).optional()])) as Record<EntityKind, z.ZodOptional<z.ZodArray<z.ZodObject>>>,
);

/** Body of `POST /api/processes`: a whole process (the JSON form of a bundle). */
export const ProcessBody = z.strictObject({
  process: Process,
  ...(Object.fromEntries(
    (Object.keys(ENTITY_SCHEMAS) as (keyof typeof ENTITY_SCHEMAS)[]).map((k) => [k, z.array(ENTITY_SCHEMAS[k] as z.ZodType).default([])]),
  ) as Record<Exclude<EntityKind, 'domains'>, z.ZodDefault<z.ZodArray<z.ZodType>>>),
  domains: z.array(z.looseObject({ id: Id })).default([]),
});

/** The error body every failure returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable code, see src/model/errors.ts ERROR_CODES'),
    message: z.string(),
    field: z.string().optional().describe('the offending field, e.g. "party" or "positions[0].asOf"'),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});

/** Human singular names of the kinds, for messages and generated ids. */
export const SINGULAR: Record<EntityKind, string> = {
  parties: 'party',
  persons: 'person',
  documents: 'document',
  versions: 'version',
  sources: 'source',
  evidence: 'evidence',
  positions: 'position',
  events: 'event',
  domains: 'domain',
  alignments: 'alignment',
  reports: 'report',
};

/** Component schemas of the OpenAPI document, by name. */
export const COMPONENTS: Record<string, z.ZodType> = {
  Process,
  ...Object.fromEntries(
    (Object.keys(ENTITY_SCHEMAS) as (keyof typeof ENTITY_SCHEMAS)[]).flatMap((k) => [
      [cap(SINGULAR[k]), ENTITY_SCHEMAS[k]],
      [`${cap(SINGULAR[k])}Input`, inputSchema(k)],
    ]),
  ),
  Domain: z.looseObject({ id: Id }),
  DomainInput: inputSchema('domains'),
  Changes: ChangesBody,
  ProcessImport: ProcessBody,
  Error: ErrorBody,
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

async function requireProcess(store: Store, pid: string): Promise<void> {
  if (!(await store.getProcess(pid))) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
}

/** Check `?viewAs` names a party of the process; returns the viewer's party layer. */
function layerOf(ctx: RequestContext, data: ProcessData, viewAs: string | undefined): string | undefined {
  if (viewAs !== undefined && ctx.viewer.kind === 'local' && !data.parties.some((p) => p.id === viewAs)) {
    throw new AccordError('invalid_input', `unknown party "${viewAs}"`, { field: 'viewAs' });
  }
  return viewerPartyOf(ctx.viewer, viewAs);
}

/** Load a process with the confidential items the viewer may not see removed. */
async function loadVisible(ctx: RequestContext, pid: string): Promise<ProcessData> {
  const data = await ctx.store.loadProcess(pid);
  return { ...data, positions: filterVisible(ctx, data.positions), evidence: filterVisible(ctx, data.evidence) };
}

/** A fresh id for an entity of `kind`: `<singular>-<8 hex digits>`. */
export function newId(kind: EntityKind): string {
  return `${SINGULAR[kind]}-${randomUUID().slice(0, 8)}`;
}

/** Parse an entity body through the kind's model schema (after the id is filled in); fields prefixed. */
function parseEntity<K extends EntityKind>(kind: K, value: Record<string, unknown>, prefix: string): { entity?: EntityMap[K]; problems: ErrorDetail[] } {
  const schema = kind === 'domains' ? z.looseObject({ id: Id }) : (ENTITY_SCHEMAS[kind as keyof typeof ENTITY_SCHEMAS] as z.ZodType);
  const r = schema.safeParse(value);
  if (r.success) return { entity: r.data as EntityMap[K], problems: [] };
  return { problems: zodDetails(r.error).map((d) => ({ ...d, field: prefix + (d.field ?? '') })) };
}

/** One entity of a write: what and how. */
interface WriteItem {
  kind: EntityKind;
  entity: Record<string, unknown> & { id: string };
  /** `create`: must not exist; `update`: must exist; `upsert`: either (versions: create only). */
  mode: 'create' | 'update' | 'upsert';
  /** Field prefix for messages, e.g. `positions[0].`. */
  prefix: string;
}

/**
 * Validate a set of writes together — model schemas, existence, immutability of versions, every
 * cross-reference (items of the batch may refer to each other) — and only then write them in
 * {@link WRITE_ORDER}. Bad input throws before anything is written, so the store is unchanged.
 */
async function writeAll(ctx: RequestContext, pid: string, items: WriteItem[]): Promise<{ kind: EntityKind; id: string; outcome: 'created' | 'updated'; entity: unknown }[]> {
  const data = await ctx.store.loadProcess(pid);
  const idx = refIndex(data);
  const problems: ErrorDetail[] = [];
  const parsed: { item: WriteItem; entity: EntityMap[EntityKind] }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const { entity, problems: p } = parseEntity(item.kind, item.entity, item.prefix);
    if (!entity) {
      problems.push(...p);
      continue;
    }
    const key = `${item.kind}/${entity.id}`;
    if (seen.has(key)) problems.push({ field: `${item.prefix}id`, message: `${SINGULAR[item.kind]} "${entity.id}" appears twice in the request` });
    seen.add(key);
    const exists = idx[item.kind].has(entity.id);
    if (item.kind === 'versions' && exists) {
      throw conflict(`version "${entity.id}" already exists and versions are immutable; add a new version instead`, { field: `${item.prefix}id` });
    }
    if (item.mode === 'create' && exists) throw conflict(`${SINGULAR[item.kind]} "${entity.id}" already exists in process "${pid}"`, { field: `${item.prefix}id` });
    if (item.mode === 'update' && !exists) throw notFound(`no ${SINGULAR[item.kind]} "${entity.id}" in process "${pid}"`, { field: 'id' });
    parsed.push({ item, entity });
  }
  if (problems.length) throw invalidFrom(problems, 'input');
  for (const { item, entity } of parsed) addToIndex(idx, item.kind, entity as { id: string });
  for (const { item, entity } of parsed) problems.push(...referenceProblems(item.kind, entity, idx, item.prefix));
  if (problems.length) throw invalidFrom(problems, 'input');
  const ordered = parsed.slice().sort((a, b) => WRITE_ORDER.indexOf(a.item.kind) - WRITE_ORDER.indexOf(b.item.kind));
  const out: { kind: EntityKind; id: string; outcome: 'created' | 'updated'; entity: unknown }[] = [];
  // One transaction for the whole batch: all of it is written or none.
  const outcomes = await ctx.store.putMany(
    pid,
    ordered.map(({ item, entity }) => ({ kind: item.kind, entity: entity as PutItem['entity'] })),
    { actor: ctx.actor },
  );
  ordered.forEach(({ item, entity }, i) => {
    const outcome = outcomes[i]!;
    ctx.log.info({ process: pid, kind: item.kind, id: entity.id, outcome, actor: ctx.actor }, 'entity written');
    out.push({ kind: item.kind, id: entity.id as string, outcome, entity });
  });
  return out;
}

// ── entity routes ────────────────────────────────────────────────────────────────────────────

function entityRoutes(kind: EntityKind): Route[] {
  const one = SINGULAR[kind];
  const comp = cap(one);
  const base = `/api/processes/:pid/${kind}`;
  const routes: Route[] = [
    route({
      method: 'GET',
      path: base,
      action: 'list',
      resource: kind,
      summary: `List the ${kind} of a process`,
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: `the ${kind} visible to the viewer, in stored order`, schema: comp, list: true },
      async handler(ctx, { params }) {
        await requireProcess(ctx.store, params.pid);
        return filterVisible(ctx, await ctx.store.list(params.pid, kind));
      },
    }),
    route({
      method: 'GET',
      path: `${base}/:id`,
      action: 'read',
      resource: kind,
      summary: `Read one ${one}`,
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: `the ${one}`, schema: comp },
      async handler(ctx, { params }) {
        await requireProcess(ctx.store, params.pid);
        const e = await ctx.store.get(params.pid, kind, params.id);
        if (!e || filterVisible(ctx, [e]).length === 0) throw notFound(`no ${one} "${params.id}" in process "${params.pid}"`, { field: 'id' });
        return e;
      },
    }),
    route({
      method: 'POST',
      path: base,
      action: 'create',
      resource: kind,
      summary: kind === 'versions' ? 'Add a new immutable version' : `Create a ${one}`,
      params: PidParams,
      query: NoQuery,
      body: inputSchema(kind),
      response: { status: 201, description: `the stored ${one} (id generated when absent)`, schema: comp },
      async handler(ctx, { params, body }) {
        const b = body as Record<string, unknown>;
        const entity = { ...b, id: (b.id as string | undefined) ?? newId(kind) };
        const [w] = await writeAll(ctx, params.pid, [{ kind, entity, mode: 'create', prefix: '' }]);
        return new JsonReply(w!.entity, 201);
      },
    }),
  ];
  if (kind !== 'versions') {
    routes.push(
      route({
        method: 'PUT',
        path: `${base}/:id`,
        action: 'update',
        resource: kind,
        summary: `Replace a ${one}`,
        params: ItemParams,
        query: NoQuery,
        body: inputSchema(kind),
        response: { status: 200, description: `the stored ${one}`, schema: comp },
        async handler(ctx, { params, body }) {
          const b = body as Record<string, unknown>;
          if (b.id !== undefined && b.id !== params.id) {
            throw new AccordError('invalid_input', `the body's id "${String(b.id)}" differs from the id in the path "${params.id}"`, { field: 'id' });
          }
          const existing = await ctx.store.get(params.pid, kind, params.id);
          if (existing && filterVisible(ctx, [existing]).length === 0) throw notFound(`no ${one} "${params.id}" in process "${params.pid}"`, { field: 'id' });
          const [w] = await writeAll(ctx, params.pid, [{ kind, entity: { ...b, id: params.id }, mode: 'update', prefix: '' }]);
          return w!.entity;
        },
      }),
      route({
        method: 'DELETE',
        path: `${base}/:id`,
        action: 'delete',
        resource: kind,
        summary: `Delete a ${one} (refused while other entities refer to it)`,
        params: ItemParams,
        query: NoQuery,
        response: { status: 200, description: 'what was deleted' },
        async handler(ctx, { params }) {
          const data = await ctx.store.loadProcess(params.pid);
          const existing = await ctx.store.get(params.pid, kind, params.id);
          if (!existing || filterVisible(ctx, [existing]).length === 0) throw notFound(`no ${one} "${params.id}" in process "${params.pid}"`, { field: 'id' });
          const refs = referrersOf(data, kind, params.id);
          if (refs.length) {
            const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? ` and ${refs.length - 5} more` : '');
            throw conflict(`${one} "${params.id}" is still referred to by ${shown}; change those first`, { field: 'id' });
          }
          await ctx.store.remove(params.pid, kind, params.id, { actor: ctx.actor });
          ctx.log.info({ process: params.pid, kind, id: params.id, actor: ctx.actor }, 'entity deleted');
          return { deleted: { kind, id: params.id } };
        },
      }),
    );
  }
  return routes;
}

// ── the table ────────────────────────────────────────────────────────────────────────────────

/** Every route of the API. Build the app with `createApp` (./app.ts); never register routes elsewhere. */
export const ROUTES: Route[] = [
  route({
    method: 'GET',
    path: '/api/health',
    action: 'read',
    resource: 'service',
    summary: 'Liveness and the default process of this workbench',
    query: NoQuery,
    response: { status: 200, description: '`{ok, dialect, defaultProcess}`' },
    async handler(ctx) {
      return { ok: true, dialect: ctx.store.dialect, defaultProcess: ctx.defaultProcess ?? (await ctx.store.listProcesses())[0]?.id ?? null };
    },
  }),
  route({
    method: 'GET',
    path: '/api/openapi.json',
    action: 'read',
    resource: 'service',
    summary: 'This API as an OpenAPI 3.1 document',
    query: NoQuery,
    response: { status: 200, description: 'OpenAPI 3.1 document' },
    async handler() {
      return openApiDocument();
    },
  }),
  route({
    method: 'GET',
    path: '/api/vocabulary',
    action: 'read',
    resource: 'service',
    summary: 'The controlled vocabularies (stances with symbols and labels, event statuses, attributions…) for clients',
    query: NoQuery,
    response: { status: 200, description: 'vocabularies by name' },
    async handler() {
      return {
        stances: Stance.options.map((s) => ({ value: s, label: STANCE_LABEL[s], symbol: STANCE_SYMBOL[s] })),
        eventStatuses: EventStatus.options,
        eventKinds: EventKind.options,
        attributions: AttributionKind.options,
        textStatuses: TextStatus.options,
        documentKinds: DocumentKind.options,
        processRoles: ProcessRole.options,
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes',
    action: 'list',
    resource: 'processes',
    summary: 'List the processes in the store',
    query: NoQuery,
    response: { status: 200, description: 'processes', schema: 'Process', list: true },
    async handler(ctx) {
      return ctx.store.listProcesses();
    },
  }),
  route({
    method: 'POST',
    path: '/api/processes',
    action: 'create',
    resource: 'processes',
    summary: 'Import a whole process (the JSON form of a bundle) in one transaction',
    query: NoQuery,
    body: ProcessBody,
    response: { status: 201, description: 'the process', schema: 'Process' },
    async handler(ctx, { body }) {
      const data = body as unknown as ProcessData;
      if (await ctx.store.getProcess(data.process.id)) throw conflict(`process "${data.process.id}" is already in the store`, { field: 'process.id' });
      const idx = refIndex(data);
      const problems: ErrorDetail[] = [];
      for (const k of WRITE_ORDER) {
        const list = ((data as unknown as Record<string, unknown>)[k] ?? []) as { id: string }[];
        const seen = new Set<string>();
        list.forEach((e, i) => {
          if (seen.has(e.id)) problems.push({ field: `${k}[${i}].id`, message: `duplicate id "${e.id}"` });
          seen.add(e.id);
          problems.push(...referenceProblems(k, e as EntityMap[typeof k], idx, `${k}[${i}].`));
        });
      }
      if (data.process.singleText !== undefined && !idx.documents.has(data.process.singleText)) {
        problems.push({ field: 'process.singleText', message: `unknown document "${data.process.singleText}"` });
      }
      if (problems.length) throw invalidFrom(problems, 'process');
      await ctx.store.importProcess(data, { actor: ctx.actor });
      return new JsonReply(data.process, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid',
    action: 'read',
    resource: 'processes',
    summary: 'Read a process',
    params: PidParams,
    query: NoQuery,
    response: { status: 200, description: 'the process', schema: 'Process' },
    async handler(ctx, { params }) {
      const p = await ctx.store.getProcess(params.pid);
      if (!p) throw notFound(`no process "${params.pid}" in the store`, { field: 'pid' });
      return p;
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/processes/:pid',
    action: 'delete',
    resource: 'processes',
    summary: 'Delete a process and everything in it',
    params: PidParams,
    query: NoQuery,
    response: { status: 200, description: 'what was deleted' },
    async handler(ctx, { params }) {
      await ctx.store.deleteProcess(params.pid, { actor: ctx.actor });
      return { deleted: { kind: 'processes', id: params.pid } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/export',
    action: 'read',
    resource: 'processes',
    summary: 'Everything in a process the viewer may see (the JSON form of a bundle)',
    params: PidParams,
    query: NoQuery,
    response: { status: 200, description: 'process data', schema: 'ProcessImport' },
    async handler(ctx, { params }) {
      return loadVisible(ctx, params.pid);
    },
  }),
  route({
    method: 'POST',
    path: '/api/processes/:pid/changes',
    action: 'create',
    resource: 'changes',
    summary: 'Create or update several entities together (e.g. a position with its evidence and source); nothing is written unless all are valid',
    params: PidParams,
    query: NoQuery,
    body: ChangesBody,
    response: { status: 200, description: '`{written: [{kind, id, outcome}]}`' },
    async handler(ctx, { params, body }) {
      const items: WriteItem[] = [];
      for (const kind of WRITE_ORDER) {
        const list = (body as Record<string, Record<string, unknown>[] | undefined>)[kind] ?? [];
        list.forEach((e, i) => items.push({ kind, entity: { ...e, id: (e.id as string | undefined) ?? newId(kind) }, mode: 'upsert', prefix: `${kind}[${i}].` }));
      }
      if (!items.length) throw new AccordError('invalid_input', 'the request lists no change', { field: 'body' });
      await requireProcess(ctx.store, params.pid);
      const written = await writeAll(ctx, params.pid, items);
      return { written: written.map(({ kind, id, outcome }) => ({ kind, id, outcome })) };
    },
  }),
  // Reports are created by ingestion and changed by review only (./report-routes.ts).
  ...ENTITY_KINDS.filter((k) => k !== 'reports').flatMap(entityRoutes),
  ...reportRoutes(),
  route({
    method: 'GET',
    path: '/api/processes/:pid/versions/:id/text',
    action: 'read',
    resource: 'plan-text',
    summary: 'The text of a version as canonical Markdown (numbering, brackets and alternatives kept)',
    params: ItemParams,
    query: TextQuery,
    response: { status: 200, description: 'Markdown', contentType: 'text/markdown' },
    async handler(ctx, { params }) {
      const v = await ctx.store.get(params.pid, 'versions', params.id);
      if (!v) {
        await requireProcess(ctx.store, params.pid);
        throw notFound(`no version "${params.id}" in process "${params.pid}"`, { field: 'id' });
      }
      return new TextReply(renderPlanMarkdown(v.provisions), 'text/markdown; charset=utf-8');
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/matrix',
    action: 'query',
    resource: 'matrix',
    summary: 'The party × point positions matrix as of a date',
    params: PidParams,
    query: MatrixQuery,
    response: { status: 200, description: 'PositionsMatrix (src/analysis/positions.ts): asOf, version, parties, rows with cells, state and disagreement' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      return positionsMatrix(data, { asOf: query.asOf, version: query.version, viewerParty: layerOf(ctx, data, query.viewAs) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/contested',
    action: 'query',
    resource: 'contested',
    summary: 'Contested points ranked by disagreement',
    params: PidParams,
    query: MatrixQuery,
    response: { status: 200, description: '`{asOf, version, contested: ContestedPoint[]}`' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      const m = positionsMatrix(data, { asOf: query.asOf, version: query.version, viewerParty: layerOf(ctx, data, query.viewAs) });
      return { asOf: m.asOf, version: m.version.id, contested: contestedPoints(m) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/timeline',
    action: 'query',
    resource: 'timeline',
    summary: 'Events in date order, filtered by status and dates',
    params: PidParams,
    query: TimelineQuery,
    response: { status: 200, description: 'events', schema: 'Event', list: true },
    async handler(ctx, { params, query }) {
      await requireProcess(ctx.store, params.pid);
      return timeline(await ctx.store.list(params.pid, 'events'), query);
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/record',
    action: 'query',
    resource: 'record',
    summary: 'The diplomatic record: events with attendees, versions tabled and statements made there',
    params: PidParams,
    query: RecordQuery,
    response: { status: 200, description: 'RecordEvent[] (src/server/views.ts)' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      const viewerParty = layerOf(ctx, data, query.viewAs);
      if (query.party !== undefined && !data.parties.some((p) => p.id === query.party)) throw new AccordError('invalid_input', `unknown party "${query.party}"`, { field: 'party' });
      if (query.person !== undefined && !data.persons.some((p) => p.id === query.person)) throw new AccordError('invalid_input', `unknown person "${query.person}"`, { field: 'person' });
      return recordView(data, { ...query, viewerParty });
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/status',
    action: 'query',
    resource: 'status',
    summary: 'The status briefing (what `accord status` prints)',
    params: PidParams,
    query: StatusQuery,
    response: { status: 200, description: 'StatusBriefing (src/analysis/positions.ts)' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      return statusBriefing(data, { asOf: query.asOf, viewerParty: layerOf(ctx, data, query.viewAs) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/points/:lineage',
    action: 'query',
    resource: 'point',
    summary: "One point: its text, PA-X topics and every party's stance with evidence and sources",
    params: LineageParams,
    query: MatrixQuery,
    response: { status: 200, description: 'PointDetail (src/server/views.ts)' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      const viewerParty = layerOf(ctx, data, query.viewAs);
      resolveVersion(data, query.version, query.asOf);
      return pointDetail(data, params.lineage, { asOf: query.asOf, version: query.version, viewerParty });
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/analysis',
    action: 'query',
    resource: 'analysis',
    summary: 'Negotiation analysis of a stored domain: issues, profiles the viewer may see, exact solution packages, infeasibility, Pareto frontier',
    params: PidParams,
    query: AnalysisQuery,
    response: { status: 200, description: 'AnalysisView (src/server/analysis-view.ts): domains, domain, problems (when invalid), result' },
    async handler(ctx, { params, query }) {
      const data = await ctx.store.loadProcess(params.pid);
      const viewerParty = layerOf(ctx, data, query.viewAs);
      const raw = query.domain !== undefined ? data.domains.find((d) => d.id === query.domain) : data.domains[0];
      if (query.domain !== undefined && !raw) throw notFound(`no domain "${query.domain}" in process "${params.pid}"`, { field: 'domain' });
      return analysisView(data, raw ?? null, data.domains, ctx.viewer, viewerParty);
    },
  }),
  route({
    method: 'POST',
    path: '/api/processes/:pid/analysis',
    action: 'query',
    resource: 'analysis',
    summary: 'Solve an edited negotiation domain without saving it (what-if)',
    params: PidParams,
    query: NoQuery,
    body: DomainBody,
    response: { status: 200, description: 'AnalysisView of the posted domain; invalid domains get 422 with every problem in `details`' },
    async handler(ctx, { params, body }) {
      const data = await ctx.store.loadProcess(params.pid);
      const d = { ...(body as Record<string, unknown>) };
      d.id ??= 'what-if';
      validateDomain(d);
      return analysisView(data, d, data.domains, ctx.viewer, ctx.viewerParty);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/processes/:pid/analysis/:id',
    action: 'update',
    resource: 'analysis',
    summary: 'Validate and save a negotiation domain (created when new), then answer its analysis',
    params: ItemParams,
    query: NoQuery,
    body: DomainBody,
    response: { status: 200, description: 'AnalysisView of the saved domain; invalid domains get 422 with every problem in `details` and nothing is saved' },
    async handler(ctx, { params, body }) {
      const b = body as Record<string, unknown>;
      if (b.id !== undefined && b.id !== params.id) {
        throw new AccordError('invalid_input', `the body's id "${String(b.id)}" differs from the id in the path "${params.id}"`, { field: 'id' });
      }
      const incoming: Record<string, unknown> & { id: string } = { ...b, id: params.id };
      validateDomain(incoming);
      const stored = (await ctx.store.get(params.pid, 'domains', params.id)) as Record<string, unknown> | undefined;
      // Profiles the writer could not see (confidential to another party) stay as they were.
      const kept = hiddenProfilesToKeep(stored, incoming, ctx.viewer, ctx.viewerParty);
      const entity = kept.length ? { ...incoming, profiles: [...(incoming.profiles as unknown[]), ...kept] } : incoming;
      await writeAll(ctx, params.pid, [{ kind: 'domains', entity, mode: 'upsert', prefix: '' }]);
      const data = await ctx.store.loadProcess(params.pid);
      return analysisView(data, visibleDomain(entity, ctx.viewer, ctx.viewerParty), data.domains, ctx.viewer, ctx.viewerParty);
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/compare',
    action: 'query',
    resource: 'compare',
    summary: 'Two versions aligned point by point (with the stored overrides of that pair applied): change kind, similarity and word diff per pair',
    params: PidParams,
    query: CompareQuery,
    response: { status: 200, description: 'CompareView (src/server/compare-view.ts)' },
    async handler(ctx, { params, query }) {
      return compareView(await ctx.store.loadProcess(params.pid), query.from, query.to);
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/rounds',
    action: 'query',
    resource: 'rounds',
    summary: 'Every version in date order with its bracket and alternative counts and the brackets cleared since the round before',
    params: PidParams,
    query: NoQuery,
    response: { status: 200, description: 'Round[] (src/server/compare-view.ts)' },
    async handler(ctx, { params }) {
      return roundsView(await ctx.store.loadProcess(params.pid));
    },
  }),
  route({
    method: 'GET',
    path: '/api/processes/:pid/briefing',
    action: 'query',
    resource: 'briefing',
    summary: 'The briefing of the process as of a date (what `accord brief` writes), as an HTML page or a PDF',
    params: PidParams,
    query: BriefingQuery,
    response: { status: 200, description: 'the briefing', contentType: 'text/html' },
    async handler(ctx, { params, query }) {
      const data = await loadVisible(ctx, params.pid);
      const viewerParty = layerOf(ctx, data, query.viewAs);
      const html = await renderBriefingWithAnalysis(data, { asOf: query.asOf, viewerParty, format: 'html' });
      if (query.format === 'html') return new TextReply(html, 'text/html; charset=utf-8');
      const { htmlToPdf } = await import('../report/pdf.js');
      return new BinaryReply(new Uint8Array(await htmlToPdf(html)), 'application/pdf', `briefing-${params.pid}${query.asOf ? `-${query.asOf}` : ''}.pdf`);
    },
  }),
];

let cachedDoc: unknown;
/** The OpenAPI 3.1 document of {@link ROUTES} (built once). */
export function openApiDocument(): unknown {
  cachedDoc ??= buildOpenApi(ROUTES, COMPONENTS);
  return cachedDoc;
}
