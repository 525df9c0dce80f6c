/**
 * Routes of the one-text procedure: the mediator's team's drafts (start, edit, take an amendment
 * in, revise view, table, discard), the parties' critiques (start, save, submit, publish, discard),
 * what a version did about the critiques of the one before it, and the picture of the rounds —
 * adapters over src/services/drafts.ts, critiques.ts and versions.ts. Who sees a draft or a
 * critique is the one visibility rule (src/model/visibility.ts) applied by the policy's view of
 * the store; the gates below say who may call each route at all.
 */
import { z } from 'zod';
import { CritiqueInput, CritiqueUpdate, DraftEdits, DraftInput, FoldInput, SubmitInput, TableInput } from '../../model/inputs.js';
import { Id } from '../../model/schemas.js';
import { createCritique, deleteCritique, listCritiques, publishCritique, readCritique, responseOf, saveCritique, submitCritique } from '../../services/critiques.js';
import { createDraft, deleteDraft, editDraft, foldAmendment, listDrafts, readDraft, reviseOf, tableDraft } from '../../services/drafts.js';
import { roundsPicture } from '../../services/versions.js';
import { ALL, EDITORS } from '../policy.js';
import { created, ItemParams, NoQuery, PidParams, type Route, route, tagged, TextReply, withEtag } from '../route-kit.js';

const DELEGATES = ['party-delegate'] as const;
const CritiqueQuery = z.strictObject({
  version: Id.optional().describe('only critiques of this version'),
  party: Id.optional().describe('only critiques of this party'),
});
const ResponseQuery = z.strictObject({ format: z.enum(['json', 'md', 'csv']).default('json').describe('json (default), md (Markdown) or csv') });
const GridQuery = z.strictObject({ document: Id.optional().describe('the document (default: that of the single negotiating text, else of the latest version)') });


/** The drafts, critiques, response and rounds-picture routes. */
export function onetextRoutes(): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/processes/:pid/drafts',
      gate: ALL,
      action: 'list',
      resource: 'drafts',
      summary: "The drafts of next versions (the mediator's team's only; nobody else sees any), latest first",
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'DraftSummary[] (src/services/drafts.ts)' },
      handler: (ctx, { params }) => listDrafts(ctx, params.pid),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/drafts',
      gate: EDITORS,
      action: 'create',
      resource: 'drafts',
      summary: 'Start a draft: a copy of a version, or a pasted text, a .docx (base64) or an edited tree, parsed and given lineage ids against the version it revises',
      params: PidParams,
      query: NoQuery,
      body: DraftInput,
      response: { status: 201, description: 'CreatedDraft (src/services/drafts.ts): draft, etag, lineage, warnings; the ETag header carries the draft’s tag' },
      handler: async (ctx, { params, body }) => withEtag(await createDraft(ctx, params.pid, body), 201),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/drafts/:id',
      gate: ALL,
      action: 'read',
      resource: 'drafts',
      summary: 'Read a draft with its point tree (ETag: its entity tag, for If-Match on the next save)',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'the draft', schema: 'Draft' },
      handler: async (ctx, { params }) => tagged(await readDraft(ctx, params.pid, params.id)),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/drafts/:id/edits',
      gate: EDITORS,
      action: 'update',
      resource: 'drafts',
      summary: 'Edit a draft’s point tree (set wording, add, delete, move, split, merge, bracket, alternatives, renumber), all edits or none; with If-Match only while the draft still carries that tag',
      params: ItemParams,
      query: NoQuery,
      body: DraftEdits,
      response: { status: 200, description: 'SavedDraft (src/services/drafts.ts): etag, touched provisions, and the whole draft after a change of shape; 412 when the draft changed since' },
      handler: async (ctx, { params, body, ifMatch }) => withEtag(await editDraft(ctx, params.pid, params.id, body, ifMatch)),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/drafts/:id/fold',
      gate: EDITORS,
      action: 'update',
      resource: 'drafts',
      summary: 'Take a party’s amendment of a point into the draft: accept it, or bracket the disputed words with the parties holding each reading',
      params: ItemParams,
      query: NoQuery,
      body: FoldInput,
      response: { status: 200, description: 'SavedDraft; 409 when the draft changed the same words (edit by hand)' },
      handler: async (ctx, { params, body, ifMatch }) => withEtag(await foldAmendment(ctx, params.pid, params.id, body, ifMatch)),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/drafts/:id/revise',
      gate: ALL,
      action: 'query',
      resource: 'drafts',
      summary: 'Revise view: per point of the draft, the tabled wording, the draft’s, and every submitted critique’s answer and amendment side by side',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'ReviseView (src/services/views/onetext.ts)' },
      handler: (ctx, { params }) => reviseOf(ctx, params.pid, params.id),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/drafts/:id/table',
      gate: EDITORS,
      action: 'update',
      resource: 'drafts',
      summary: 'Table the draft as an immutable version, with its date, the event where it is tabled and its proponents (version, alignment decisions, event and draft in one transaction)',
      params: ItemParams,
      query: NoQuery,
      body: TableInput,
      response: { status: 201, description: 'TabledDraft (src/services/drafts.ts): version, counts, alignment, draft' },
      handler: async (ctx, { params, body, ifMatch }) => created(await tableDraft(ctx, params.pid, params.id, body, ifMatch)),
    }),
    route({
      method: 'DELETE',
      path: '/api/processes/:pid/drafts/:id',
      gate: ['mediator'],
      action: 'delete',
      resource: 'drafts',
      summary: 'Discard a draft',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'what was deleted' },
      handler: (ctx, { params, ifMatch }) => deleteDraft(ctx, params.pid, params.id, ifMatch),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/critiques',
      gate: ALL,
      action: 'list',
      resource: 'critiques',
      summary: "Critiques the viewer may see: a delegation its own party's; the mediator's team every submitted one; anyone the published ones",
      params: PidParams,
      query: CritiqueQuery,
      response: { status: 200, description: 'critiques', schema: 'Critique', list: true },
      handler: (ctx, { params, query }) => listCritiques(ctx, params.pid, query),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/critiques',
      gate: DELEGATES,
      action: 'create',
      resource: 'critiques',
      summary: "Start a critique of a tabled version for the delegate's party (seen by that party alone until submitted)",
      params: PidParams,
      query: NoQuery,
      body: CritiqueInput,
      response: { status: 201, description: 'the critique, with its entity tag in the ETag header', schema: 'Critique' },
      handler: async (ctx, { params, body }) => tagged(await createCritique(ctx, params.pid, body), 201),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/critiques/:id',
      gate: ALL,
      action: 'read',
      resource: 'critiques',
      summary: 'Read a critique',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'the critique, with its entity tag in the ETag header', schema: 'Critique' },
      handler: async (ctx, { params }) => tagged(await readCritique(ctx, params.pid, params.id)),
    }),
    route({
      method: 'PUT',
      path: '/api/processes/:pid/critiques/:id',
      gate: DELEGATES,
      action: 'update',
      resource: 'critiques',
      summary: 'Save the answers of a critique being written (the list replaces the old one; with If-Match only while it carries that tag)',
      params: ItemParams,
      query: NoQuery,
      body: CritiqueUpdate,
      response: { status: 200, description: 'the critique; 409 once submitted (submit it again instead)', schema: 'Critique' },
      handler: async (ctx, { params, body, ifMatch }) => tagged(await saveCritique(ctx, params.pid, params.id, body, ifMatch)),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/critiques/:id/submit',
      gate: DELEGATES,
      action: 'update',
      resource: 'critiques',
      summary: "Submit a critique to the mediator's team: one position per answer as of the date, with the answer as its evidence (again: updates them)",
      params: ItemParams,
      query: NoQuery,
      body: SubmitInput,
      response: { status: 200, description: 'SubmittedCritique (src/services/critiques.ts): critique, etag, positions, evidence' },
      handler: async (ctx, { params, body, ifMatch }) => withEtag(await submitCritique(ctx, params.pid, params.id, body, ifMatch)),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/critiques/:id/publish',
      gate: DELEGATES,
      action: 'update',
      resource: 'critiques',
      summary: 'Publish a submitted critique: it, its evidence and its positions become public',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'the critique', schema: 'Critique' },
      handler: async (ctx, { params, ifMatch }) => tagged(await publishCritique(ctx, params.pid, params.id, ifMatch)),
    }),
    route({
      method: 'DELETE',
      path: '/api/processes/:pid/critiques/:id',
      gate: DELEGATES,
      action: 'delete',
      resource: 'critiques',
      summary: 'Discard a critique not yet submitted',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'what was deleted; 409 once submitted' },
      handler: (ctx, { params, ifMatch }) => deleteCritique(ctx, params.pid, params.id, ifMatch),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/versions/:id/response',
      gate: ALL,
      action: 'query',
      resource: 'response',
      summary: 'What each party asked of the version before this one and what this version did about it (as the viewer may see the critiques), as JSON, Markdown or CSV',
      params: ItemParams,
      query: ResponseQuery,
      response: { status: 200, description: 'ResponseView (src/services/views/onetext.ts), or its Markdown or CSV export' },
      async handler(ctx, { params, query }) {
        const out = await responseOf(ctx, params.pid, params.id, query.format);
        if (typeof out !== 'string') return out;
        return new TextReply(out, query.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8');
      },
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/rounds/grid',
      gate: ALL,
      action: 'query',
      resource: 'rounds',
      summary: 'The picture of the rounds: points × versions of a document, each cell with its text status and whether the wording changed',
      params: PidParams,
      query: GridQuery,
      response: { status: 200, description: 'RoundsGrid (src/services/views/onetext.ts)' },
      handler: (ctx, { params, query }) => roundsPicture(ctx, params.pid, query.document),
    }),
  ];
}
