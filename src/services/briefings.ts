/**
 * Where the process stands, for people who read rather than edit: the status briefing, the
 * diplomatic record and timeline, and the printable briefing (Markdown, HTML, PDF) — each as of a
 * date and with only the layers the viewer sees. `accord status|timeline|brief` and the status,
 * timeline, record and briefing routes of the API are adapters over this module.
 */
import { currentVersion, statusBriefing, type StatusBriefing } from '../analysis/positions.js';
import { compareIsoDates, todayIso } from '../model/dates.js';
import { AccordError } from '../model/errors.js';
import type { Event, ProcessData } from '../model/schemas.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import type { EntityHead, Page } from '../store/store.js';
import { exportProcess, requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { allMatching, byIds, cachedView, fullVersion, pageAfter, versionStubs, viewKey, withVersions } from './reading.js';
import { layerOf } from './layer.js';
import { lastActivity, type LastActivity } from './views/activity.js';
import { type RecordEvent, type RecordFilter, recordEventsOf, recordMatches } from './views/record.js';

/** Kinds the last activity is read from. */
const ACTIVITY_KINDS = ['events', 'documents', 'positions', 'evidence'] as const;

/**
 * The last recorded activity on or before `asOf` (default today) among what the viewer may read:
 * events started, versions tabled, stances, statements (./views/activity.ts). Versions are read as
 * stubs (no text parsed).
 */
export async function activity(ctx: ServiceContext, pid: string, q: { asOf?: string } = {}): Promise<{ asOf: string; last: LastActivity | null }> {
  await requireProcess(ctx.store, pid);
  const asOf = q.asOf ?? todayIso();
  return ctx.store.memo(pid, viewKey(ctx, 'activity', { asOf }), [...ACTIVITY_KINDS, 'versions', 'process'], async () => {
    const [loaded, versions] = await Promise.all([ctx.store.loadKinds(pid, [...ACTIVITY_KINDS]), versionStubs(ctx, pid)]);
    return { asOf, last: lastActivity({ ...loaded, versions }, asOf) };
  });
}

/** Filters and page of the timeline. */
export interface TimelineQuery {
  status?: string[];
  from?: string;
  to?: string;
  /** Largest page (default and at most 1000). */
  limit?: number;
  cursor?: string;
  /** `date` (default: oldest first) or `-date` (latest first). */
  sort?: 'date' | '-date';
}

/**
 * Events in date order, filtered by status and dates (selected in SQL): one page when `limit` or
 * `cursor` is given, else every matching event (`next` null). `total` counts every match.
 */
export async function events(ctx: ServiceContext, pid: string, q: TimelineQuery = {}): Promise<Page<Event> & { total: number }> {
  await requireProcess(ctx.store, pid);
  const sel = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { until: q.to } : {}),
    order: q.sort === '-date' ? ('date-desc' as const) : ('date' as const),
  };
  if (q.limit === undefined && q.cursor === undefined) {
    const items = await allMatching(ctx, pid, 'events', sel);
    return { items, next: null, total: items.length };
  }
  const [page, total] = await Promise.all([
    ctx.store.query(pid, 'events', { ...sel, ...(q.cursor !== undefined ? { cursor: q.cursor } : {}), ...(q.limit !== undefined ? { limit: q.limit } : {}) }),
    ctx.store.count(pid, 'events', sel),
  ]);
  return { ...page, total };
}

/** Filters and page of the record. */
export type RecordQuery = Omit<RecordFilter, 'viewerParty'> & { viewAs?: string; limit?: number; cursor?: string; sort?: 'date' | '-date' };

/**
 * The diplomatic record: events with attendees, texts tabled and statements made there: one page
 * when `limit` or `cursor` is given, else every matching event (`next` null); oldest first, or
 * latest first with `sort: '-date'`. Which events match is decided once per revision (by the query columns, and for a party
 * or person over the events, their statements and the memberships); only the events of the page
 * are then read whole, with their statements, people, texts and sources.
 */
export async function record(ctx: ServiceContext, pid: string, q: RecordQuery = {}): Promise<Page<RecordEvent> & { total: number }> {
  const small = await ctx.store.loadKinds(pid, ['parties']);
  const viewerParty = layerOf(ctx, small, q.viewAs);
  if (q.party !== undefined && !small.parties.some((p) => p.id === q.party)) throw new AccordError('invalid_input', `unknown party "${q.party}"`, { field: 'party' });
  if (q.person !== undefined && !(await ctx.store.count(pid, 'persons', { ids: [q.person] }))) throw new AccordError('invalid_input', `unknown person "${q.person}"`, { field: 'person' });
  const filter = { status: q.status, from: q.from, to: q.to, party: q.party, person: q.person, viewerParty };
  const inOrder = await matchingEvents(ctx, pid, filter);
  // Latest first: the same list read backwards (cursors count places in the order asked for).
  const ids = q.sort === '-date' ? [...inOrder].reverse() : inOrder;
  const page = q.limit === undefined && q.cursor === undefined ? { items: ids, next: null, total: ids.length } : pageAfter(ids, q);
  // A page (the first above all) is read again and again: its entries are kept until what they show changes.
  const entries =
    q.limit === undefined && q.cursor === undefined
      ? recordPage(ctx, pid, page.items, viewerParty)
      : ctx.store.memo(pid, viewKey(ctx, 'record-page', { ...filter, sort: q.sort, limit: q.limit, cursor: q.cursor }), RECORD_PAGE_DEPS, () => recordPage(ctx, pid, page.items, viewerParty));
  return { ...(await entries), next: page.next, total: page.total };
}

/** What a page of the record shows (./views/record.ts `recordEventsOf`). */
const RECORD_PAGE_DEPS = ['events', 'evidence', 'persons', 'sources', 'parties', 'documents', 'versions', 'process'];

/** Ids of the events of the record matching `f`, in date order (kept until the events, evidence or persons change). */
function matchingEvents(ctx: ServiceContext, pid: string, f: RecordFilter): Promise<string[]> {
  const dated = { ...(f.status ? { status: f.status } : {}), ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { until: f.to } : {}) };
  if (f.party === undefined && f.person === undefined) {
    return ctx.store.memo(pid, viewKey(ctx, 'record-ids', dated), ['events', 'process'], async () =>
      (await ctx.store.heads(pid, 'events', dated))
        .map((h, seq) => ({ h, seq }))
        .sort(byDate)
        .map((x) => x.h.id),
    );
  }
  return cachedView(ctx, pid, 'record-ids', f, ['events', 'evidence', 'persons'], (data) => recordMatches(data, f).map((e) => e.id));
}

/** Heads in date order (coarser dates first on the same first day), ties in stored order. */
function byDate(a: { h: EntityHead; seq: number }, b: { h: EntityHead; seq: number }): number {
  return compareIsoDates(a.h.date ?? '', b.h.date ?? '') || a.seq - b.seq;
}

/** Evidence said at the events `ids` in the layers given (public always), asked 500 events at a time. */
async function filedUnder(ctx: ServiceContext, pid: string, ids: string[], layers: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await allMatching(ctx, pid, 'evidence', { ref: ids.slice(i, i + 500), layers })));
  return out;
}

/** The record entries of the events `ids` (in that order), reading only what they show. */
async function recordPage(ctx: ServiceContext, pid: string, ids: string[], viewerParty: string | undefined): Promise<{ items: RecordEvent[] }> {
  if (!ids.length) return { items: [] };
  const layers = viewerParty ? [viewerParty] : [];
  const [events, said, small, stubs] = await Promise.all([
    byIds(ctx, pid, 'events', ids),
    filedUnder(ctx, pid, ids, layers),
    ctx.store.loadKinds(pid, ['parties', 'documents']),
    versionStubs(ctx, pid),
  ]);
  const order = new Map(ids.map((id, i) => [id, i]));
  events.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const personIds = new Set<string>();
  const sourceIds = new Set<string>();
  for (const e of events) {
    for (const a of e.attendees) personIds.add(a.person);
    for (const s of e.sources) sourceIds.add(s);
  }
  for (const s of said) {
    personIds.add(s.speaker);
    for (const x of s.sources) sourceIds.add(x);
  }
  const [persons, sources] = await Promise.all([byIds(ctx, pid, 'persons', personIds), byIds(ctx, pid, 'sources', sourceIds)]);
  const data: ProcessData = { ...small, versions: stubs, events, evidence: said, persons, sources };
  return { items: recordEventsOf(data, events, viewerParty) };
}

/** Formats of {@link briefing}. */
export type BriefingFormat = 'md' | 'html' | 'pdf';

/**
 * The briefing as of a date (public positions and evidence only, unless the viewer's layer is
 * chosen): Markdown or HTML text, or a PDF printed by headless Chromium.
 */
export async function briefing(ctx: ServiceContext, pid: string, q: { asOf?: string; viewAs?: string; format: BriefingFormat; link?: string }): Promise<string | Buffer> {
  const format = q.format === 'md' ? 'md' : 'html';
  const asOf = q.asOf ?? todayIso();
  // Kept until the process changes, and shared by requests that arrive while it is written: ten
  // readers at once of a large process read it whole once, not ten times over.
  const text = await ctx.store.memo(pid, viewKey(ctx, 'briefing', { asOf, viewAs: q.viewAs, link: q.link, format }), [...ENTITY_KINDS, 'process'], async () => {
    const data = await exportProcess(ctx, pid);
    const viewerParty = layerOf(ctx, data, q.viewAs);
    // Loaded here, not at the top: `accord status` imports this module and needs none of it.
    const { renderBriefingWithAnalysis } = await import('../report/briefing.js');
    return renderBriefingWithAnalysis(data, { asOf, viewerParty, link: q.link, format });
  });
  if (q.format !== 'pdf') return text;
  const { htmlToPdf } = await import('../report/pdf.js');
  return htmlToPdf(text);
}
