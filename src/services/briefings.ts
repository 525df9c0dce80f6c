/**
 * Where the process stands, for people who read rather than edit: the status briefing, the
 * diplomatic record and timeline, and the printable briefing (Markdown, HTML, PDF) — each as of a
 * date and with only the layers the viewer sees. `accord status|timeline|brief` and the status,
 * timeline, record and briefing routes of the API are adapters over this module.
 */
import { statusBriefing, type StatusBriefing, timeline } from '../analysis/positions.js';
import { AccordError } from '../model/errors.js';
import type { Event } from '../model/schemas.js';
import { renderBriefingWithAnalysis } from '../report/briefing.js';
import { exportProcess, requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { layerOf } from './stances.js';
import { type RecordEvent, type RecordFilter, recordView } from './views/record.js';

/** The status briefing (what `accord status` prints) as of `asOf`, with the layer `viewAs` chosen. */
export async function status(ctx: ServiceContext, pid: string, q: { asOf?: string; viewAs?: string } = {}): Promise<StatusBriefing> {
  const data = await ctx.store.loadProcess(pid);
  return statusBriefing(data, { asOf: q.asOf, viewerParty: layerOf(ctx, data, q.viewAs) });
}

/** Events in date order, filtered by status and dates. */
export async function events(ctx: ServiceContext, pid: string, q: { status?: string[]; from?: string; to?: string } = {}): Promise<Event[]> {
  await requireProcess(ctx.store, pid);
  return timeline(await ctx.store.list(pid, 'events'), q);
}

/** The diplomatic record: events with attendees, texts tabled and statements made there. */
export async function record(ctx: ServiceContext, pid: string, q: Omit<RecordFilter, 'viewerParty'> & { viewAs?: string } = {}): Promise<RecordEvent[]> {
  const data = await ctx.store.loadProcess(pid);
  const viewerParty = layerOf(ctx, data, q.viewAs);
  if (q.party !== undefined && !data.parties.some((p) => p.id === q.party)) throw new AccordError('invalid_input', `unknown party "${q.party}"`, { field: 'party' });
  if (q.person !== undefined && !data.persons.some((p) => p.id === q.person)) throw new AccordError('invalid_input', `unknown person "${q.person}"`, { field: 'person' });
  const { viewAs: _v, ...filter } = q;
  return recordView(data, { ...filter, viewerParty });
}

/** Formats of {@link briefing}. */
export type BriefingFormat = 'md' | 'html' | 'pdf';

/**
 * The briefing as of a date (public positions and evidence only, unless the viewer's layer is
 * chosen): Markdown or HTML text, or a PDF printed by headless Chromium.
 */
export async function briefing(ctx: ServiceContext, pid: string, q: { asOf?: string; viewAs?: string; format: BriefingFormat; link?: string }): Promise<string | Buffer> {
  const data = await exportProcess(ctx, pid);
  const viewerParty = layerOf(ctx, data, q.viewAs);
  const text = await renderBriefingWithAnalysis(data, { asOf: q.asOf, viewerParty, link: q.link, format: q.format === 'md' ? 'md' : 'html' });
  if (q.format !== 'pdf') return text;
  const { htmlToPdf } = await import('../report/pdf.js');
  return htmlToPdf(text);
}
