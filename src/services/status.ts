/**
 * The status briefing (`accord status`, GET /status): where the process stands as of a date. Kept
 * apart from the other briefings so the command loads only what it reads, not the report renderer
 * and the alignment code.
 */
import { currentVersion, statusBriefing, type StatusBriefing } from '../analysis/positions.js';
import { todayIso } from '../model/dates.js';
import type { ProcessData } from '../model/schemas.js';
import type { ServiceContext } from './context.js';
import { layerOf } from './layer.js';
import { fullVersion, versionStubs, viewKey, withVersions } from './reading.js';

/** Kinds the status briefing depends on (read, or counted in SQL). */
const STATUS_DEPS = ['parties', 'persons', 'documents', 'versions', 'positions', 'evidence', 'events', 'sources', 'process'];

/**
 * The status briefing (what `accord status` prints) as of `asOf`, with the layer `viewAs` chosen.
 * Reads the parties, documents, positions and events, the versions as stubs and the current one
 * whole; persons, evidence and sources are only counted (in SQL).
 */
export function status(ctx: ServiceContext, pid: string, q: { asOf?: string; viewAs?: string } = {}): Promise<StatusBriefing> {
  const asOf = q.asOf ?? todayIso();
  return ctx.store.memo(pid, viewKey(ctx, 'status', { asOf, viewAs: q.viewAs }), STATUS_DEPS, async () => {
    const [loaded, stubs] = await Promise.all([ctx.store.loadKinds(pid, ['parties', 'documents', 'positions', 'events']), versionStubs(ctx, pid)]);
    const viewerParty = layerOf(ctx, loaded, q.viewAs);
    let data: ProcessData = { ...loaded, versions: stubs };
    const cur = currentVersion(data, asOf);
    if (cur) data = withVersions(data, stubs, [await fullVersion(ctx, pid, cur.id)]);
    const b = statusBriefing(data, { asOf, viewerParty });
    const layers = viewerParty ? [viewerParty] : [];
    const [persons, evidence, sources] = await Promise.all([
      ctx.store.count(pid, 'persons'),
      ctx.store.count(pid, 'evidence', { until: asOf, layers }),
      ctx.store.count(pid, 'sources', { until: asOf }),
    ]);
    return { ...b, counts: { ...b.counts, persons, evidence, sources } };
  });
}
