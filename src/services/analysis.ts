/**
 * Negotiation analysis of a process's stored domains, as the viewer may see them: the analysis of a
 * stored domain, a what-if on an edited domain (solved, not saved), and saving a domain. The rules,
 * once: a domain is validated in full before it is solved or saved (src/analysis/domain.ts);
 * profiles confidential to a layer the viewer does not see are left out before solving, and kept as
 * they were when the viewer saves a domain it could not see whole. The analysis routes of the API
 * are adapters over this module (the solver and the answer's shape: ./views/analysis.ts).
 */
import { validateDomain } from '../analysis/domain.js';
import { AccordError, notFound } from '../model/errors.js';
import { writeEntities } from './changes.js';
import type { ServiceContext } from './context.js';
import { layerOf } from './stances.js';
import { type AnalysisView, analysisView, hiddenProfilesToKeep, visibleDomain } from './views/analysis.js';

/** The analysis of stored domain `domain` (default: the first) with the layer `viewAs` chosen. */
export async function analysisOf(ctx: ServiceContext, pid: string, q: { domain?: string; viewAs?: string } = {}): Promise<AnalysisView> {
  const data = await ctx.store.loadProcess(pid);
  const viewerParty = layerOf(ctx, data, q.viewAs);
  const raw = q.domain !== undefined ? data.domains.find((d) => d.id === q.domain) : data.domains[0];
  if (q.domain !== undefined && !raw) throw notFound(`no domain "${q.domain}" in process "${pid}"`, { field: 'domain' });
  return analysisView(data, raw ?? null, data.domains, ctx.viewer, viewerParty);
}

/** Solve an edited domain without saving it; invalid domains are `invalid_input` with every problem. */
export async function whatIf(ctx: ServiceContext, pid: string, domain: Record<string, unknown>, viewerParty?: string): Promise<AnalysisView> {
  const data = await ctx.store.loadProcess(pid);
  const d = { ...domain };
  d.id ??= 'what-if';
  validateDomain(d);
  return analysisView(data, d, data.domains, ctx.viewer, viewerParty);
}

/**
 * Validate and save domain `id` (created when new), then answer its analysis. Profiles the writer
 * could not see (confidential to another party) stay as they were.
 */
export async function saveDomain(ctx: ServiceContext, pid: string, id: string, body: Record<string, unknown>, viewerParty?: string): Promise<AnalysisView> {
  if (body.id !== undefined && body.id !== id) {
    throw new AccordError('invalid_input', `the body's id "${String(body.id)}" differs from the id in the path "${id}"`, { field: 'id' });
  }
  const incoming: Record<string, unknown> & { id: string } = { ...body, id };
  validateDomain(incoming);
  const stored = (await ctx.store.get(pid, 'domains', id)) as Record<string, unknown> | undefined;
  const kept = hiddenProfilesToKeep(stored, incoming, ctx.viewer, viewerParty);
  const entity = kept.length ? { ...incoming, profiles: [...(incoming.profiles as unknown[]), ...kept] } : incoming;
  await writeEntities(ctx, pid, [{ kind: 'domains', entity, mode: 'upsert', prefix: '' }]);
  const data = await ctx.store.loadProcess(pid);
  return analysisView(data, visibleDomain(entity, ctx.viewer, viewerParty), data.domains, ctx.viewer, viewerParty);
}
