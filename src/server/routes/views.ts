/**
 * Routes of the texts and the workbench's analysis views: the Markdown text of a version, a new
 * version from its text, the rounds, the comparison of two versions (and the decisions people
 * keep on it), the negotiation analysis (stored, what-if, save), the printable briefing — adapters
 * over src/services/versions.ts, alignments.ts, analysis.ts and briefings.ts.
 */
import { z } from 'zod';
import { VersionTextInput } from '../../model/inputs.js';
import { Id, IsoDate, PairOverride } from '../../model/schemas.js';
import { compareVersions } from '../../services/alignments.js';
import { analysisOf, saveDomain, whatIf } from '../../services/analysis.js';
import { briefing } from '../../services/briefings.js';
import { outline } from '../../services/changes.js';
import { addVersion, pointIndex, rounds, textView, versionMarkdown } from '../../services/versions.js';
import { CHANGE_KINDS } from '../../text/align.js';
import { ALL, EDITORS } from '../policy.js';
import { BinaryReply, created, ItemParams, NoQuery, PidParams, type Route, route, TextReply, ViewAs } from '../route-kit.js';

const AnalysisQuery = z.strictObject({
  domain: Id.optional().describe('id of the stored negotiation domain; default: the first'),
  viewAs: ViewAs,
});
const CompareQuery = z.strictObject({
  from: Id.optional().describe('the earlier version (A); default: the version before `to`'),
  to: Id.optional().describe('the later version or counter-proposal (B); default: the current single negotiating text'),
});
const Pair = z.strictObject({ from: z.array(z.string().min(1)), to: z.array(z.string().min(1)) });
/** Decisions on the alignment of two stored versions (`POST /compare`). */
export const CompareDecisions = z
  .strictObject({
    from: Id.describe('the earlier version (A)'),
    to: Id.describe('the later version (B)'),
    confirm: z.array(Pair).optional().describe('pairs to confirm as the aligner made them (or with `change`)'),
    change: z.enum(CHANGE_KINDS).optional().describe('change kind stored with the confirmed pairs (default: the one found)'),
    override: z.array(PairOverride).optional().describe('corrected pairs {from, to, change} to store'),
    forget: z.array(Pair).optional().describe('stored pairs to remove'),
    note: z.string().optional(),
  })
  .describe('decisions people keep on the alignment of two stored versions');
const BriefingQuery = z.strictObject({
  asOf: IsoDate.optional().describe('ISO date the briefing describes; default today'),
  format: z.enum(['html', 'pdf']).default('html').describe('html (default) or pdf (printed by headless Chromium)'),
  viewAs: ViewAs,
});
/** A negotiation domain in a request body (validated in full by src/analysis/domain.ts validateDomain). */
const DomainBody = z.looseObject({ id: Id.optional() }).describe('a negotiation domain (src/analysis/domain.ts): id, name, issues with options, profiles');
const TextQuery = z.strictObject({ format: z.enum(['markdown']).default('markdown').describe('output format') });
const TextPageQuery = z.strictObject({
  version: Id.optional().describe('the version shown; default: the current single negotiating text as of asOf'),
  asOf: IsoDate.optional().describe('ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the stances are taken as of; default today'),
  viewAs: ViewAs,
});

/** The text and view routes. */
export function viewRoutes(): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/processes/:pid/outline',
      gate: ALL,
      action: 'query',
      resource: 'outline',
      summary: 'The outline of a process every page names things from: parties, persons by name, documents, versions without their text (date order, with axes), events in brief',
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'Outline (src/services/views/outline.ts)' },
      handler: (ctx, { params }) => outline(ctx, params.pid),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/text',
      gate: ALL,
      action: 'query',
      resource: 'text',
      summary: "The Text page in one answer: a version's whole text, its document, each party's stance per point as of a date, its place among the rounds",
      params: PidParams,
      query: TextPageQuery,
      response: { status: 200, description: 'TextPage (src/services/views/text.ts)' },
      handler: (ctx, { params, query }) => textView(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/points',
      gate: ALL,
      action: 'query',
      resource: 'points',
      summary: 'The points of every version for a picker: by version, newest first, each lineage once, labelled with number and text',
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'PointGroup[] (src/services/views/points.ts)' },
      handler: (ctx, { params }) => pointIndex(ctx, params.pid),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/versions/:id/text',
      gate: ALL,
      action: 'read',
      resource: 'plan-text',
      summary: 'The text of a version as canonical Markdown (numbering, brackets and alternatives kept)',
      params: ItemParams,
      query: TextQuery,
      response: { status: 200, description: 'Markdown', contentType: 'text/markdown' },
      handler: async (ctx, { params }) => new TextReply(await versionMarkdown(ctx, params.pid, params.id), 'text/markdown; charset=utf-8'),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/texts',
      gate: EDITORS,
      action: 'create',
      resource: 'texts',
      summary: 'Add a new immutable version of a document from its text (parsed; lineage ids carried across from the version it is based on)',
      params: PidParams,
      query: NoQuery,
      body: VersionTextInput,
      response: { status: 201, description: 'AddVersionResult (src/services/versions.ts): version, counts, lineage, changes, alignment, warnings' },
      handler: async (ctx, { params, body }) => created(await addVersion(ctx, params.pid, body)),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/analysis',
      gate: ALL,
      action: 'query',
      resource: 'analysis',
      summary: 'Negotiation analysis of a stored domain: issues, profiles the viewer may see, exact solution packages, infeasibility, Pareto frontier',
      params: PidParams,
      query: AnalysisQuery,
      response: { status: 200, description: 'AnalysisView (src/services/views/analysis.ts): domains, domain, problems (when invalid), result' },
      handler: (ctx, { params, query }) => analysisOf(ctx, params.pid, query),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/analysis',
      gate: EDITORS,
      action: 'query',
      resource: 'analysis',
      summary: 'Solve an edited negotiation domain without saving it (what-if)',
      params: PidParams,
      query: NoQuery,
      body: DomainBody,
      response: { status: 200, description: 'AnalysisView of the posted domain; invalid domains get 422 with every problem in `details`' },
      handler: (ctx, { params, body }) => whatIf(ctx, params.pid, body as Record<string, unknown>, ctx.viewerParty),
    }),
    route({
      method: 'PUT',
      path: '/api/processes/:pid/analysis/:id',
      gate: EDITORS,
      action: 'update',
      resource: 'analysis',
      summary: 'Validate and save a negotiation domain (created when new), then answer its analysis',
      params: ItemParams,
      query: NoQuery,
      body: DomainBody,
      response: { status: 200, description: 'AnalysisView of the saved domain; invalid domains get 422 with every problem in `details` and nothing is saved' },
      handler: (ctx, { params, body }) => saveDomain(ctx, params.pid, params.id, body as Record<string, unknown>, ctx.viewerParty),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/compare',
      gate: ALL,
      action: 'query',
      resource: 'compare',
      summary: 'Two versions aligned point by point (with the stored overrides of that pair applied): change kind, similarity and word diff per pair',
      params: PidParams,
      query: CompareQuery,
      response: { status: 200, description: 'CompareView (src/services/views/compare.ts)' },
      handler: (ctx, { params, query }) => compareVersions(ctx, params.pid, query),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/compare',
      gate: EDITORS,
      action: 'update',
      resource: 'compare',
      summary: 'Confirm, correct or forget pairs of the alignment of two stored versions (kept and applied to every later alignment), then answer the comparison',
      params: PidParams,
      query: NoQuery,
      body: CompareDecisions,
      response: { status: 200, description: 'CompareView (src/services/views/compare.ts) after the decisions' },
      handler: (ctx, { params, body }) => {
        const { from, to, ...decisions } = body as z.infer<typeof CompareDecisions>;
        return compareVersions(ctx, params.pid, { from, to }, decisions);
      },
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/rounds',
      gate: ALL,
      action: 'query',
      resource: 'rounds',
      summary: 'Every version in date order with its bracket and alternative counts and the brackets cleared since the round before',
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'Round[] (src/services/views/compare.ts)' },
      handler: (ctx, { params }) => rounds(ctx, params.pid),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/briefing',
      gate: ALL,
      action: 'query',
      resource: 'briefing',
      summary: 'The briefing of the process as of a date (what `accord brief` writes), as an HTML page or a PDF',
      params: PidParams,
      query: BriefingQuery,
      response: { status: 200, description: 'the briefing', contentType: 'text/html' },
      async handler(ctx, { params, query }) {
        const out = await briefing(ctx, params.pid, query);
        if (typeof out === 'string') return new TextReply(out, 'text/html; charset=utf-8');
        return new BinaryReply(new Uint8Array(out), 'application/pdf', `briefing-${params.pid}${query.asOf ? `-${query.asOf}` : ''}.pdf`);
      },
    }),
  ];
}
