/**
 * The status briefing (`accord status`, GET /status): where the process stands as of a date. Kept
 * apart from the other briefings so the command loads only what it reads, not the report renderer
 * and the alignment code.
 */
import { currentVersion, pointRows, statusBriefing, type StatusBriefing } from '../analysis/positions.js';
import { compareIsoDates, todayIso } from '../model/dates.js';
import type { Event, Position, ProcessData } from '../model/schemas.js';
import type { EntityHead, EntityQuery } from '../store/store.js';
import type { ServiceContext } from './context.js';
import { layerOf } from './layer.js';
import { byIds, fullVersion, versionStubs, viewKey, withVersions } from './reading.js';

/** Kinds the status briefing depends on (read, or counted in SQL). */
const STATUS_DEPS = ['parties', 'persons', 'documents', 'versions', 'positions', 'evidence', 'events', 'sources', 'process'];

/**
 * The status briefing (what `accord status` prints) as of `asOf`, with the layer `viewAs` chosen.
 * Reads the parties and documents, the versions as stubs and the current one whole; of the
 * positions, only the latest of each party on each provision of the current text (chosen by their
 * query columns); of the events, their query columns, then whole only those the briefing lists;
 * positions, persons, evidence and sources are counted in SQL.
 */
export function status(ctx: ServiceContext, pid: string, q: { asOf?: string; viewAs?: string } = {}): Promise<StatusBriefing> {
  const asOf = q.asOf ?? todayIso();
  return ctx.store.memo(pid, viewKey(ctx, 'status', { asOf, viewAs: q.viewAs }), STATUS_DEPS, async () => {
    const [loaded, stubs] = await Promise.all([ctx.store.loadKinds(pid, ['parties', 'documents']), versionStubs(ctx, pid)]);
    const viewerParty = layerOf(ctx, loaded, q.viewAs);
    const layers = viewerParty ? [viewerParty] : [];
    let data: ProcessData = { ...loaded, versions: stubs };
    const cur = currentVersion(data, asOf);
    const full = cur ? await fullVersion(ctx, pid, cur.id) : undefined;
    if (full) data = withVersions(data, stubs, [full]);
    const known = { until: asOf, layers };
    const onText = [...new Set(full ? pointRows(full).flatMap((r) => r.lineages) : [])];
    const [positionHeads, events, positionCount] = await Promise.all([headsOn(ctx, pid, onText, known), eventStubs(ctx, pid), ctx.store.count(pid, 'positions', known)]);
    const positions = await byIds(ctx, pid, 'positions', latestIds(positionHeads), known);
    const b = statusBriefing({ ...data, positions, events }, { asOf, viewerParty });
    const listed = [b.lastHeld, b.nextScheduled, ...b.overdueScheduled, ...b.postponed, ...b.cancelled].filter((e): e is Event => e !== null);
    const whole = new Map(
      (
        await byIds(
          ctx,
          pid,
          'events',
          listed.map((e) => e.id),
        )
      ).map((e) => [e.id, e]),
    );
    const swap = (e: Event) => whole.get(e.id) ?? e;
    const [persons, evidence, sources] = await Promise.all([
      ctx.store.count(pid, 'persons'),
      ctx.store.count(pid, 'evidence', { until: asOf, layers }),
      ctx.store.count(pid, 'sources', { until: asOf }),
    ]);
    return {
      ...b,
      counts: { ...b.counts, persons, evidence, sources, positions: positionCount },
      lastHeld: b.lastHeld && swap(b.lastHeld),
      nextScheduled: b.nextScheduled && swap(b.nextScheduled),
      overdueScheduled: b.overdueScheduled.map(swap),
      postponed: b.postponed.map(swap),
      cancelled: b.cancelled.map(swap),
    };
  });
}

/**
 * The heads of the positions filed under the provisions `lineages` that match `q`, asked 500
 * provisions at a time: in stored order among those of one provision.
 */
async function headsOn(ctx: ServiceContext, pid: string, lineages: string[], q: EntityQuery): Promise<EntityHead[]> {
  const out: EntityHead[] = [];
  for (let i = 0; i < lineages.length; i += 500) out.push(...(await ctx.store.heads(pid, 'positions', { ...q, ref: lineages.slice(i, i + 500) })));
  return out;
}

/**
 * Ids of the positions the matrix shows, from the heads of the visible positions known by the date
 * on the provisions of the text (in stored order among those of one provision): for each party and
 * provision, the latest by date, the last stored among those of one date — the choice of
 * src/analysis/positions.ts `latestPositions`.
 */
function latestIds(heads: EntityHead[]): string[] {
  const latest = new Map<string, EntityHead>();
  const sorted = heads.slice().sort((a, b) => compareIsoDates(a.date ?? '', b.date ?? ''));
  for (const h of sorted) latest.set(`${h.party}\u0000${h.ref}`, h);
  return [...latest.values()].map((h) => h.id);
}

/**
 * Every event as a stub from its query columns (id, status, title, first day and last day; nothing
 * else): enough for the briefing to count, order and choose the events it lists (it reads `start`,
 * `end` only through their first days), which are then read whole. Kept until the events change.
 */
function eventStubs(ctx: ServiceContext, pid: string): Promise<Event[]> {
  return ctx.store.memo(pid, 'event-stubs', ['events'], async () =>
    (await ctx.store.heads(pid, 'events')).map((h) => ({
      id: h.id,
      kind: 'meeting' as Event['kind'],
      status: h.status as Event['status'],
      title: h.label ?? h.id,
      start: h.date ?? '',
      ...(h.end && h.end !== h.date ? { end: h.end } : {}),
      approximate: false,
      attendees: [],
      tabled: [],
      provisions: [],
      sources: [],
    })),
  );
}
