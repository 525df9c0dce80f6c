/**
 * Reports: the review queue of ingested news reports against a store: queue a report (extract, then keep the report and its proposals
 * as a `reports` entity), show a report with what accepting each proposal would do, and apply a
 * reviewer's decisions — every accepted item and the updated report written by ONE `Store.putMany`
 * (one transaction, each change in the audit log), so a failed review writes nothing. The CLI
 * (`accord ingest --queue`, `accord review`) and the HTTP API (src/server/report-routes.ts) both
 * call these functions; the pure rules are in src/ingest/review.ts.
 */
import { currentVersion } from '../analysis/positions.js';
import { compareIsoDates } from '../model/dates.js';
import { AccordError, conflict, invalid, notFound, preconditionFailed } from '../model/errors.js';
import type { PutItem } from '../model/entities.js';
import { type ProcessData, type Report, type ReviewStatus, walkProvisions } from '../model/schemas.js';
import type { Store } from '../store/store.js';
import type { ServiceContext } from './context.js';
import { extractReport } from '../ingest/extract.js';
import { type DecisionOutcome, planReview, previewReport, type ProposalPreview, randomId, type ReviewDecision, toReport } from '../ingest/review.js';
import type { IngestResult, KnownContext, KnownProvision, ReportInput } from '../ingest/types.js';

/** Persons, parties and (with `version`) the points of a stored version, for the extractor. */
export function knownContextOf(data: ProcessData, version?: string): KnownContext {
  if (!version) return { parties: data.parties, persons: data.persons };
  const v = data.versions.find((x) => x.id === version);
  if (!v) throw notFound(`no version "${version}" in the process (versions: ${data.versions.map((x) => x.id).join(', ') || 'none'})`, { field: 'version' });
  const provisions: KnownProvision[] = [];
  for (const p of walkProvisions(v.provisions)) if (p.kind === 'point' && p.num) provisions.push({ lineage: p.lineage, num: p.num, text: [p.heading, p.text].filter(Boolean).join(' '), topics: p.topics });
  return { parties: data.parties, persons: data.persons, ...(provisions.length ? { provisions } : {}) };
}

/**
 * The version whose numbering a report's point numbers are read in when the caller names none: the
 * text on the table (the process's single text, else the latest plan that is not a counter-proposal)
 * on the report's publication date, else the earliest version, else none.
 */
export function numberingVersion(data: ProcessData, published: string): string | undefined {
  return (currentVersion(data, published) ?? [...data.versions].sort((a, b) => compareIsoDates(a.date, b.date))[0])?.id;
}

/**
 * Proposals of a report against a process, nothing written: persons and parties of the process, and
 * point numbers read in `version` (default {@link numberingVersion} on the publication date). The
 * one reading behind `accord ingest` and {@link queueReport}. Throws `not_found` for an unknown version.
 */
export function proposeReport(data: ProcessData, input: ReportInput, version?: string): IngestResult {
  return extractReport(input, knownContextOf(data, version ?? numberingVersion(data, input.published)));
}

/** Options of {@link queueReport}. */
export interface QueueOptions {
  /** Report id (default `report-<8 hex>`). */
  id?: string;
  /** Number provisions by this stored version (default: the text on the table on the report's publication date, see {@link numberingVersion}). */
  version?: string;
}

/**
 * Extract proposals from a report and keep it in the process's review queue (nothing else is
 * written). Throws `invalid_input` when there is nothing to review (empty, not English, no body —
 * the message says why) or the input is bad (publication date, text), `too_large`, and `conflict`
 * when the same text is already queued or the id is taken.
 */
export async function queueReport(ctx: ServiceContext, pid: string, input: ReportInput, opts: QueueOptions = {}): Promise<Report> {
  const { store, actor } = ctx;
  const data = await store.loadProcess(pid);
  const result = proposeReport(data, input, opts.version);
  if (!result.events.length && !result.statements.length && !result.newPersons.length) {
    const why = result.warnings.map((w) => w.message).join('; ') || 'no event, statement or person was found in it';
    throw invalid(`nothing to review in this report: ${why}; it was not queued`, { field: 'text' });
  }
  const same = (data.reports ?? []).find((r) => r.text === input.text);
  if (same) throw conflict(`this report is already in the review queue as "${same.id}"`, { field: 'text' });
  const id = opts.id ?? randomId('report');
  if (await store.get(pid, 'reports', id)) throw conflict(`report "${id}" already exists; choose another id`, { field: 'id' });
  const report = toReport(input, result, id);
  await store.put(pid, 'reports', report, { actor });
  return report;
}

/** A report in a list: headline, publication, counts of proposals by review status. */
export interface ReportSummary {
  id: string;
  title: string | null;
  published: string;
  outlet: string | null;
  url: string | null;
  proposals: number;
  counts: Record<ReviewStatus, number>;
}

/** Summarise a report for lists. */
export function reportSummary(r: Report): ReportSummary {
  const counts: Record<ReviewStatus, number> = { pending: 0, accepted: 0, edited: 0, rejected: 0 };
  for (const p of r.proposals) counts[p.status]++;
  return { id: r.id, title: r.title ?? null, published: r.published, outlet: r.outlet ?? null, url: r.url ?? null, proposals: r.proposals.length, counts };
}

/** A report with, for each undecided proposal, what accepting it as proposed would do (merge target, linked event, problem). */
export interface ReportView {
  report: Report;
  previews: ProposalPreview[];
}

async function loadReport(store: Store, pid: string, id: string): Promise<Report> {
  const r = await store.get(pid, 'reports', id);
  if (!r) {
    if (!(await store.getProcess(pid))) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
    throw notFound(`no report "${id}" in the review queue of process "${pid}"`, { field: 'id' });
  }
  return r;
}

/** The report `id` with previews of its undecided proposals. Throws `not_found`. */
export async function reportView(ctx: ServiceContext, pid: string, id: string): Promise<ReportView> {
  const { store } = ctx;
  const report = await loadReport(store, pid, id);
  const data = await store.loadProcess(pid);
  return { report, previews: previewReport(data, report) };
}

/** What {@link reviewReport} did (or, with `dryRun`, would do). */
export interface ReviewResult {
  dryRun: boolean;
  report: Report;
  outcomes: DecisionOutcome[];
  /** Number of entities written (0 for a dry run). */
  writes: number;
}

/**
 * Apply `decisions` to report `id`: plan (./review.ts) then write everything in one transaction.
 * Throws what {@link planReview} throws, and anything the store throws — in every case nothing is written.
 */
export async function reviewReport(
  ctx: ServiceContext,
  pid: string,
  id: string,
  decisions: ReviewDecision[],
  opts: { dryRun?: boolean; now?: string; newId?: (prefix: string) => string; ifMatch?: string } = {},
): Promise<ReviewResult> {
  const { store, actor } = ctx;
  if (!decisions.length) throw new AccordError('invalid_input', 'no decision given: accept, edit or reject at least one proposal', { field: 'decisions' });
  // A review is a state transition of the report, guarded in the database: everything it writes
  // lands in one transaction only while the report still carries the entity tag it was planned
  // from. Of concurrent reviews of the same proposals exactly one lands; each other one is planned
  // again from the report as it now stands, where the proposal is already decided (`conflict`).
  // A caller that sent If-Match gets `precondition_failed` instead of a new plan.
  for (let attempt = 1; ; attempt++) {
    const tagged = await store.getTagged(pid, 'reports', id);
    const report = tagged?.entity ?? (await loadReport(store, pid, id));
    if (opts.ifMatch !== undefined && opts.ifMatch !== '*' && tagged && tagged.etag !== opts.ifMatch) {
      throw preconditionFailed(`report "${id}" was reviewed or changed since it was read (its entity tag is no longer "${opts.ifMatch}"); read it again`, { field: 'id' });
    }
    const data = await store.loadProcess(pid);
    const plan = planReview(data, report, decisions, { actor, ...(opts.now ? { now: opts.now } : {}), ...(opts.newId ? { newId: opts.newId } : {}) });
    if (opts.dryRun || !plan.items.length) return { dryRun: Boolean(opts.dryRun), report: plan.report, outcomes: plan.outcomes, writes: 0 };
    const created = new Set(plan.outcomes.flatMap((o) => o.written.filter((w) => w.action === 'created').map((w) => `${w.kind}/${w.id}`)));
    const items: PutItem[] = plan.items.map((it) => {
      const key = `${it.kind}/${(it.entity as { id: string }).id}`;
      if (it.kind === 'reports') return { ...it, expect: { etag: tagged!.etag } };
      return created.has(key) ? { ...it, expect: { absent: true } } : it;
    });
    try {
      await store.write(pid, items, { actor });
      return { dryRun: false, report: plan.report, outcomes: plan.outcomes, writes: items.length };
    } catch (err) {
      const stale = err instanceof AccordError && err.code === 'precondition_failed';
      if (!stale || opts.ifMatch !== undefined || attempt >= 5) throw err;
    }
  }
}

/** The review queue: one summary per report. `not_found` for an unknown process. */
export async function listReports(ctx: ServiceContext, pid: string): Promise<ReportSummary[]> {
  if (!(await ctx.store.getProcess(pid))) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
  return (await ctx.store.list(pid, 'reports')).map(reportSummary);
}

/** Drop a report from the queue (what was accepted from it stays in the record). */
export async function dropReport(ctx: ServiceContext, pid: string, id: string): Promise<{ deleted: { kind: 'reports'; id: string } }> {
  await loadReport(ctx.store, pid, id);
  await ctx.store.remove(pid, 'reports', id, { actor: ctx.actor });
  return { deleted: { kind: 'reports', id } };
}
