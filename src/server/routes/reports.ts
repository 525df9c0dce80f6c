/**
 * Routes of the review queue of ingested reports (`reports`), added to the one route table of
 * ../routes.ts in place of the generic entity routes of that kind, so that a report can only be
 * created by ingesting it and its proposals only change by review:
 *
 * - `GET    /api/processes/:pid/reports`      the queue: one summary per report (counts by review status)
 * - `POST   /api/processes/:pid/reports`      ingest `{text, published, outlet?, url?, version?, id?}`:
 *                                             extract proposals and queue the report (nothing else is written)
 * - `GET    /api/processes/:pid/reports/:id`  the report with previews: the stored event each event
 *                                             proposal would merge into, the event a statement is linked to
 * - `PUT    /api/processes/:pid/reports/:id`  review `{decisions:[{n, action: accept|edit|reject, edits?}], dryRun?}`:
 *                                             everything accepted written in ONE transaction, audited
 * - `DELETE /api/processes/:pid/reports/:id`  drop a report from the queue (what was accepted stays in the record)
 *
 * The logic is src/services/reports.ts (shared with `accord ingest --queue` and `accord review`).
 */
import { z } from 'zod';
import { Id } from '../../model/schemas.js';
import { ReviewDecision } from '../../ingest/review.js';
import { dropReport, listReports, queueReport, reportView, reviewReport } from '../../services/reports.js';
import { ALL, EDITORS } from '../policy.js';
import { etagHeader, ItemParams, JsonReply, NoQuery, PidParams, type Route, route } from '../route-kit.js';

const IngestBody = z
  .strictObject({
    id: Id.optional().describe('report id; default report-<8 hex digits>'),
    text: z.string().describe('the report as plain text or Markdown (HTML tolerated); at most 200,000 characters'),
    published: z.string().describe('publication date YYYY-MM-DD; relative dates ("on Tuesday") are resolved against it'),
    outlet: z.string().min(1).optional(),
    url: z.url().optional(),
    version: Id.optional().describe('number provisions by this stored version (default: the text on the table on the publication date)'),
  })
  .describe('a news report to ingest into the review queue');
const ReviewBody = z
  .strictObject({
    decisions: z.array(ReviewDecision).min(1).describe('one decision per proposal: accept, edit (accept with `edits`) or reject'),
    dryRun: z.boolean().default(false).describe('plan and return the outcome without writing'),
  })
  .describe('review decisions on proposals of one report');

/** The five routes of `reports`: editors ingest and review; the mediator drops a report. */
export function reportRoutes(): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/processes/:pid/reports',
      gate: ALL,
      action: 'list',
      resource: 'reports',
      summary: 'The review queue: ingested reports with their proposals counted by review status',
      params: PidParams,
      query: NoQuery,
      response: { status: 200, description: 'ReportSummary[] (src/services/reports.ts): id, title, published, outlet, url, proposals, counts' },
      handler: (ctx, { params }) => listReports(ctx, params.pid),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/reports',
      gate: EDITORS,
      action: 'create',
      resource: 'reports',
      summary: 'Ingest a news report: propose events, statements and new persons, each traced to its characters, and queue them for review (the record is not changed)',
      params: PidParams,
      query: NoQuery,
      body: IngestBody,
      response: { status: 201, description: 'ReportView (src/services/reports.ts): the queued report and a preview of each proposal' },
      async handler(ctx, { params, body }) {
        const { id, version, ...input } = body as z.infer<typeof IngestBody>;
        const report = await queueReport(ctx, params.pid, input, { ...(id ? { id } : {}), ...(version ? { version } : {}) });
        ctx.log.info({ process: params.pid, report: report.id, proposals: report.proposals.length, actor: ctx.actor }, 'report queued');
        return new JsonReply(await reportView(ctx, params.pid, report.id), 201);
      },
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/reports/:id',
      gate: ALL,
      action: 'read',
      resource: 'reports',
      summary: 'One queued report: its text, proposals with spans and review status, and what accepting each would do (the stored event it merges into)',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'ReportView (src/services/reports.ts): report, previews; the report’s entity tag in the ETag header' },
      async handler(ctx, { params }) {
        const view = await reportView(ctx, params.pid, params.id);
        const t = await ctx.store.getTagged(params.pid, 'reports', params.id);
        return t ? new JsonReply(view, 200, { ETag: etagHeader(t.etag) }) : view;
      },
    }),
    route({
      method: 'PUT',
      path: '/api/processes/:pid/reports/:id',
      gate: EDITORS,
      action: 'update',
      resource: 'reports',
      summary: 'Review proposals of a report: accept, edit or reject each; everything accepted is written in one transaction (nothing on any error), exactly once under concurrent reviews (409 for the later ones; 412 with a stale If-Match)',
      params: ItemParams,
      query: NoQuery,
      body: ReviewBody,
      response: { status: 200, description: 'ReviewResult (src/services/reports.ts) and fresh previews: dryRun, outcomes [{n, type, status, written}], writes, report, previews' },
      async handler(ctx, { params, body, ifMatch }) {
        const b = body as z.infer<typeof ReviewBody>;
        const result = await reviewReport(ctx, params.pid, params.id, b.decisions, { dryRun: b.dryRun, ...(ifMatch !== undefined ? { ifMatch } : {}) });
        if (!result.dryRun) ctx.log.info({ process: params.pid, report: params.id, writes: result.writes, actor: ctx.actor }, 'report reviewed');
        const view = result.dryRun ? undefined : await reportView(ctx, params.pid, params.id);
        return { ...result, ...(view ? { report: view.report, previews: view.previews } : {}) };
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/processes/:pid/reports/:id',
      gate: ['mediator'],
      action: 'delete',
      resource: 'reports',
      summary: 'Drop a report from the review queue (what was accepted from it stays in the record)',
      params: ItemParams,
      query: NoQuery,
      response: { status: 200, description: 'what was deleted' },
      handler: (ctx, { params }) => dropReport(ctx, params.pid, params.id),
    }),
  ];
}
