/**
 * Routes of the positions and the record: the matrix, contested points, one point's detail, the
 * timeline, the diplomatic record, the status briefing; recording a stance with its evidence and
 * source — adapters over src/services/stances.ts and src/services/briefings.ts.
 */
import { z } from 'zod';
import { StanceInput } from '../../model/inputs.js';
import { EventStatus, Id, IsoDate } from '../../model/schemas.js';
import { activity, events, record } from '../../services/briefings.js';
import { status } from '../../services/status.js';
import { contested, matrixRows, point, recordStance, replaySteps } from '../../services/stances.js';
import { ALL, WRITERS } from '../policy.js';
import { created, NoQuery, PageQuery, pageReply, PidParams, type Route, route, ViewAs } from '../route-kit.js';

const LineageParams = z.object({ pid: Id, lineage: Id });
const AsOf = IsoDate.optional().describe('ISO date (YYYY, YYYY-MM or YYYY-MM-DD); positions after it are ignored; default today');

/** Query of the matrix, contested points and point detail. */
export const MatrixQuery = z.strictObject({
  asOf: AsOf,
  version: Id.optional().describe('version whose points form the rows; default: the current single negotiating text as of asOf'),
  onlyAbout: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: count only the positions taken against this version (a stance on a document belongs to its version current at the stance’s date)'),
  viewAs: ViewAs,
});
/** Query of the matrix route: the matrix's, and which rows (state, words, one page). */
const MatrixRowsQuery = MatrixQuery.extend({
  state: z.enum(['accepted-by-all', 'contested', 'unknown']).optional().describe('only rows in this agreement state'),
  q: z.string().max(200).optional().describe('only rows whose label, text or axis heading holds every one of these words (case ignored)'),
  limit: PageQuery.limit.describe('largest page of rows (1–1000; default every row); `total` rows match, `next` is the cursor of the next page'),
  cursor: z.string().max(200).optional().describe('continue after the page whose `next` gave this value (same filters)'),
});
const StatusQuery = z.strictObject({ asOf: AsOf, viewAs: ViewAs });
const StatusList = z
  .string()
  .describe('comma-separated event statuses: scheduled, held, postponed, cancelled, rescheduled, under-way, proposed')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(EventStatus));
const TimelineQuery = z.strictObject({
  status: StatusList.optional(),
  from: IsoDate.optional().describe('events ending on or after this ISO date'),
  to: IsoDate.optional().describe('events starting on or before this ISO date'),
  ...PageQuery,
});
const TimelineRouteQuery = TimelineQuery.extend({
  sort: z.enum(['date', '-date']).optional().describe('date: oldest first (default); -date: latest first'),
});
const RecordQuery = TimelineQuery.extend({
  sort: z.enum(['date', '-date']).optional().describe('date: oldest first (default); -date: latest first'),
  party: Id.optional().describe('only events the party attended or spoke at'),
  person: Id.optional().describe('only events the person attended or spoke at'),
  viewAs: ViewAs,
});

/** The query routes and the stance route. */
export function queryRoutes(): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/processes/:pid/matrix',
      gate: ALL,
      action: 'query',
      resource: 'matrix',
      summary: 'The party × point positions matrix as of a date (rows filtered by state and words, paged with limit/cursor)',
      params: PidParams,
      query: MatrixRowsQuery,
      response: {
        status: 200,
        description:
          'PositionsMatrix (src/analysis/positions.ts): asOf, version, parties, rows with cells (each with the version its position was about), state and disagreement; `total` rows matching and `next` (cursor of the next page, null at the end)',
      },
      handler: (ctx, { params, query }) => matrixRows(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/contested',
      gate: ALL,
      action: 'query',
      resource: 'contested',
      summary: 'Contested points ranked by disagreement',
      params: PidParams,
      query: MatrixQuery,
      response: { status: 200, description: '`{asOf, version, contested: ContestedPoint[]}`' },
      handler: (ctx, { params, query }) => contested(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/steps',
      gate: ALL,
      action: 'query',
      resource: 'steps',
      summary: 'The dates at which the positions matrix changes (positions taken, versions tabled) as the viewer sees it, for the replay',
      params: PidParams,
      query: StatusQuery.pick({ viewAs: true }),
      response: { status: 200, description: '`{steps: string[]}`: ISO days in order, ending today' },
      handler: (ctx, { params, query }) => replaySteps(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/timeline',
      gate: ALL,
      action: 'query',
      resource: 'timeline',
      summary: 'Events in date order, filtered by status and dates (paged with limit/cursor)',
      params: PidParams,
      query: TimelineRouteQuery,
      response: { status: 200, description: 'events', schema: 'Event', list: true, paged: true },
      handler: async (ctx, { params, query }) => pageReply(await events(ctx, params.pid, query)),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/record',
      gate: ALL,
      action: 'query',
      resource: 'record',
      summary: 'The diplomatic record: events with attendees, versions tabled and statements made there',
      params: PidParams,
      query: RecordQuery,
      response: { status: 200, description: 'RecordEvent[] (src/services/views/record.ts)', paged: true },
      handler: async (ctx, { params, query }) => pageReply(await record(ctx, params.pid, query)),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/status',
      gate: ALL,
      action: 'query',
      resource: 'status',
      summary: 'The status briefing (what `accord status` prints)',
      params: PidParams,
      query: StatusQuery,
      response: { status: 200, description: 'StatusBriefing (src/analysis/positions.ts)' },
      handler: (ctx, { params, query }) => status(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/activity',
      gate: ALL,
      action: 'query',
      resource: 'activity',
      summary: 'The last recorded activity on or before a date (an event started, a version tabled, a stance, a statement), for the Overview',
      params: PidParams,
      query: StatusQuery.pick({ asOf: true }),
      response: { status: 200, description: '`{asOf, last: {date, what, event?} | null}` (src/services/views/activity.ts)' },
      handler: (ctx, { params, query }) => activity(ctx, params.pid, query),
    }),
    route({
      method: 'GET',
      path: '/api/processes/:pid/points/:lineage',
      gate: ALL,
      action: 'query',
      resource: 'point',
      summary: "One point: its text, PA-X topics and every party's stance with evidence and sources",
      params: LineageParams,
      query: MatrixQuery,
      response: { status: 200, description: 'PointDetail (src/services/views/record.ts)' },
      handler: (ctx, { params, query }) => point(ctx, params.pid, params.lineage, query),
    }),
    route({
      method: 'POST',
      path: '/api/processes/:pid/stances',
      gate: WRITERS,
      action: 'create',
      resource: 'stances',
      summary:
        "Record a stance with its evidence and source together (the stance form); nothing is written unless all are valid. A party delegate records its own party's stances only (the access policy's rule for positions and evidence)",
      params: PidParams,
      query: NoQuery,
      body: StanceInput,
      response: { status: 201, description: 'RecordedStance (src/services/stances.ts): position, evidence, source, written' },
      handler: async (ctx, { params, body }) => created(await recordStance(ctx, params.pid, body)),
    }),
  ];
}
