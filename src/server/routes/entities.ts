/**
 * Routes of the entities of a process and of whole processes: list, read, create, replace and
 * delete each kind (versions: list, read, create), several changes at once (`POST /changes`), a
 * whole process in and out — adapters over src/services/changes.ts, which holds the rules.
 */
import { z } from 'zod';
import { entityInput, ProcessInput, SINGULAR } from '../../model/inputs.js';
import { type EntityKind, ENTITY_KINDS, EventStatus, Id, IsoDate, type ProcessData } from '../../model/schemas.js';
import { notFound } from '../../model/errors.js';
import { applyChanges, createEntity, deleteEntity, exportProcess, importProcess, type ListQuery, listEntitiesPage, readTagged, replaceEntity } from '../../services/changes.js';
import { dateFieldOf } from '../../store/columns.js';
import { ALL, EDITORS, NOBODY, WRITERS } from '../policy.js';
import type { Gate } from '../policy.js';
import { ChangesInput } from '../../model/inputs.js';
import { ItemParams, JsonReply, NoQuery, PageQuery, pageReply, PidParams, type Route, route, tagged } from '../route-kit.js';

/** `If-Match: *` asks only that the entity exists, which every update and delete requires anyway. */
const tagOf = (ifMatch: string | undefined) => (ifMatch === '*' ? undefined : ifMatch);

/** Who writes and who deletes each kind (a delegate's items are further checked by the policy store). */
/** Kinds with their own routes: reports (./reports.ts), drafts and critiques (./onetext.ts). */
type PlainKind = Exclude<EntityKind, 'reports' | 'drafts' | 'critiques'>;

const WRITE_GATES: Record<PlainKind, { write: Gate; del: Gate | null }> = {
  parties: { write: EDITORS, del: ['mediator'] },
  persons: { write: EDITORS, del: ['mediator'] },
  documents: { write: EDITORS, del: ['mediator'] },
  versions: { write: EDITORS, del: null },
  sources: { write: WRITERS, del: ['mediator'] },
  evidence: { write: WRITERS, del: ['mediator', 'party-delegate'] },
  positions: { write: WRITERS, del: ['mediator', 'party-delegate'] },
  events: { write: WRITERS, del: ['mediator', 'party-delegate'] },
  domains: { write: EDITORS, del: ['mediator'] },
  alignments: { write: EDITORS, del: ['mediator'] },
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The query of a kind's list route: a page (`limit`, `cursor`), and the filters and date sort the
 * kind's query columns allow (src/store/columns.ts). Without any, the whole list in stored order.
 */
function listQueryOf(kind: PlainKind) {
  const date = dateFieldOf(kind);
  const shape: Record<string, z.ZodType> = { ...PageQuery };
  if (kind === 'positions' || kind === 'evidence') shape.party = Id.optional().describe(kind === 'positions' ? 'only positions of this party' : 'only evidence said on behalf of this party');
  if (kind === 'evidence') shape.person = Id.optional().describe('only evidence this person said');
  if (kind === 'positions') shape.provision = Id.optional().describe('only positions on this provision lineage (or document)');
  if (kind === 'evidence') shape.event = Id.optional().describe('only evidence said at this event');
  if (kind === 'versions') shape.document = Id.optional().describe('only versions of this document');
  if (kind === 'events')
    shape.status = z
      .string()
      .describe('comma-separated event statuses')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(EventStatus))
      .optional();
  if (date) {
    shape.from = IsoDate.optional().describe(`only items whose ${date} is on or after this ISO date${kind === 'events' ? ' (an event: whose last day is)' : ''}`);
    shape.to = IsoDate.optional().describe(`only items whose ${date} is on or before this ISO date`);
    shape.sort = z.enum(['date', '-date']).optional().describe(`date: by ${date}, oldest first; -date: latest first; default stored order`);
  }
  return z.strictObject(shape);
}

/** The service's query from a list route's: the one filing filter a kind takes becomes `ref`. */
function listQuery(q: Record<string, unknown>): ListQuery {
  const { provision, event, document, ...rest } = q;
  const ref = (provision ?? event ?? document) as string | undefined;
  return { ...(rest as ListQuery), ...(ref !== undefined ? { ref } : {}) };
}

/** The routes of one entity kind (reports, drafts and critiques have their own). */
function entityRoutes(kind: PlainKind): Route[] {
  const one = SINGULAR[kind];
  const comp = cap(one);
  const base = `/api/processes/:pid/${kind}`;
  const gates = WRITE_GATES[kind];
  const routes: Route[] = [
    route({
      method: 'GET',
      path: base,
      gate: ALL,
      action: 'list',
      resource: kind,
      summary: `List the ${kind} of a process`,
      params: PidParams,
      query: listQueryOf(kind),
      response: { status: 200, description: `the ${kind} visible to the viewer, in stored order unless sorted`, schema: comp, list: true, paged: true },
      handler: async (ctx, { params, query }) => pageReply(await listEntitiesPage(ctx, params.pid, kind, listQuery(query))),
    }),
    route({
      method: 'GET',
      path: `${base}/:id`,
      gate: ALL,
      action: 'read',
      resource: kind,
      summary: `Read one ${one}`,
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: `the ${one}, with its entity tag in the ETag header`, schema: comp },
      handler: async (ctx, { params }) => tagged(await readTagged(ctx, params.pid, kind, params.id)),
    }),
    route({
      method: 'POST',
      path: base,
      gate: gates.write,
      action: 'create',
      resource: kind,
      summary: kind === 'versions' ? 'Add a new immutable version' : `Create a ${one}`,
      params: PidParams,
      query: NoQuery,
      body: entityInput(kind),
      response: { status: 201, description: `the stored ${one} (id generated when absent), with its entity tag in the ETag header; 409 when the id is taken`, schema: comp },
      handler: async (ctx, { params, body }) => tagged(await createEntity(ctx, params.pid, kind, body as Record<string, unknown>), 201),
    }),
  ];
  if (gates.del) {
    routes.push(
      route({
        method: 'PUT',
        path: `${base}/:id`,
        gate: gates.write,
        action: 'update',
        resource: kind,
        summary: `Replace a ${one} (with If-Match: only while it still carries that entity tag)`,
        params: ItemParams,
        query: NoQuery,
        body: entityInput(kind),
        response: { status: 200, description: `the stored ${one}, with its new entity tag in the ETag header; 412 when If-Match names a tag it no longer carries`, schema: comp },
        handler: async (ctx, { params, body, ifMatch }) => tagged(await replaceEntity(ctx, params.pid, kind, params.id, body as Record<string, unknown>, tagOf(ifMatch))),
      }),
      route({
        method: 'DELETE',
        path: `${base}/:id`,
        gate: gates.del,
        action: 'delete',
        resource: kind,
        summary: `Delete a ${one} (refused while other entities refer to it; with If-Match: only while it carries that entity tag)`,
        params: ItemParams,
        query: NoQuery,
        response: { status: 200, description: 'what was deleted; 412 when If-Match names a tag it no longer carries' },
        handler: (ctx, { params, ifMatch }) => deleteEntity(ctx, params.pid, kind, params.id, tagOf(ifMatch)),
      }),
    );
  }
  return routes;
}

/** Routes of whole processes, batches of changes, and every plain entity kind. */
export function entityTableRoutes(): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/processes',
      gate: 'signed-in',
      action: 'list',
      resource: 'processes',
      summary: 'List the processes in the store',
      query: NoQuery,
      response: { status: 200, description: 'processes', schema: 'Process', list: true },
      handler: (ctx) => ctx.store.listProcesses(),
    }),
    route({
      method: 'POST',
      path: '/api/processes',
      // Processes are created and deleted only from the command line on a team server.
      gate: NOBODY,
      action: 'create',
      resource: 'processes',
      summary: 'Import a whole process (the JSON form of a bundle) in one transaction',
      query: NoQuery,
      body: ProcessInput,
      response: { status: 201, description: 'the process', schema: 'Process' },
      async handler(ctx, { body }) {
        const data = body as unknown as ProcessData;
        await importProcess(ctx, data);
        return new JsonReply(data.process, 201);
      },
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid',
      gate: ALL,
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
      gate: NOBODY,
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
      gate: ALL,
      action: 'read',
      resource: 'processes',
      summary: 'Everything in a process the viewer may see (the JSON form of a bundle)',
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'process data', schema: 'ProcessImport' },
      handler: (ctx, { params }) => exportProcess(ctx, params.pid),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/changes',
      gate: WRITERS,
      action: 'create',
      resource: 'changes',
      summary: 'Create or update several entities together (e.g. a position with its evidence and source); nothing is written unless all are valid',
      params: PidParams,
      query: NoQuery,
      body: ChangesInput,
      response: { status: 200, description: '`{written: [{kind, id, outcome}]}`' },
      handler: async (ctx, { params, body }) => ({ written: await applyChanges(ctx, params.pid, body) }),
    }),
    ...ENTITY_KINDS.filter((k): k is PlainKind => k in WRITE_GATES).flatMap(entityRoutes),
  ];
}
