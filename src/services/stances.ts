/**
 * Stances: recording a party's position with its evidence and source (the stance form, an analyst's
 * sheet, a statement accepted from a report — the rules are src/model/stance.ts, written here in
 * one transaction), and reading them: the party × point matrix as of a date (optionally only the
 * positions taken against the version shown: `onlyAbout`), the contested points, and the detail of
 * one point. `accord positions|contested|import-csv` and the matrix, contested, point, stances
 * routes of the API are adapters over this module.
 */
import { contestedPoints, type ContestedPoint, type MatrixCell, type PositionsMatrix, positionsMatrix, resolveVersion } from '../analysis/positions.js';
import { stanceDrift, type StanceDrift } from '../analysis/drift.js';
import { versionOfPosition } from '../analysis/replay.js';
import { todayIso } from '../model/dates.js';
import { AccordError } from '../model/errors.js';
import { StanceInput } from '../model/inputs.js';
import { type RefIndex, refIndex } from '../model/references.js';
import type { PutItem } from '../model/entities.js';
import type { Evidence, Position, ProcessData, Source } from '../model/schemas.js';
import { planStance, type StanceDraft, type StancePlan } from '../model/stance.js';
import { invalidFrom, parseWith } from '../model/validation.js';
import { visibleTo } from '../model/visibility.js';
import { importProblemsError, readPositionsCsv, type RowProblem } from '../report/csv.js';
import { newId, requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { layerOf } from './layer.js';

export { layerOf };
import { allMatching, byIds, cachedView, pageAfter, viewKey } from './reading.js';
import { pointDetail, type PointDetail, pointLineages } from './views/record.js';

/** What {@link recordStance} wrote. */
export interface RecordedStance {
  position: Position;
  evidence: Evidence | null;
  source: Source | null;
  /** Each entity written, with whether it was created or updated. */
  written: { kind: 'sources' | 'evidence' | 'positions'; id: string; outcome: 'created' | 'updated' }[];
}

const ids = { newId: (k: 'position' | 'evidence' | 'source') => newId(k === 'position' ? 'positions' : k === 'source' ? 'sources' : 'evidence') };

/**
 * Plan stances against loaded data without writing them (src/model/stance.ts has the rules), for a
 * caller that writes them together with something else in one transaction (a critique and the
 * positions it records). `index` may already hold entities of the same batch.
 * @throws AccordError `invalid_input` with every problem
 */
export function planStances(data: ProcessData, drafts: StanceDraft[], opts: { index?: RefIndex; fields?: (i: number) => { position: string; evidence: string; source: string } } = {}): { plans: StancePlan[]; items: PutItem[] } {
  const index = opts.index ?? refIndex(data);
  const plans = drafts.map((d, i) => planStance(data, d, { ...ids, index, ...(opts.fields ? { fields: opts.fields(i) } : {}) }));
  const problems = plans.flatMap((p) => p.problems);
  if (problems.length) throw invalidFrom(problems, 'stance');
  return { plans, items: plans.flatMap((p) => p.items) };
}

/** Write planned stances in one transaction; `invalid_input` with every problem when any is wrong. */
async function writeStances(ctx: ServiceContext, pid: string, data: ProcessData, drafts: StanceDraft[], fields?: (i: number) => { position: string; evidence: string; source: string }) {
  const { plans, items } = planStances(data, drafts, fields ? { fields } : {});
  const outcomes = items.length ? await ctx.store.putMany(pid, items, { actor: ctx.actor }) : [];
  const written = items.map((it, i) => ({ kind: it.kind as RecordedStance['written'][number]['kind'], id: (it.entity as { id: string }).id, outcome: outcomes[i]! }));
  for (const w of written) ctx.log?.info({ process: pid, kind: w.kind, id: w.id, outcome: w.outcome, actor: ctx.actor }, 'entity written');
  return { plans, written };
}

/**
 * Record a stance with its evidence and source (see src/model/stance.ts for the rules) in one
 * transaction. An existing position id is updated (the workbench saves a form again after a
 * failure or an edit); versions of the record it cites must exist.
 * @throws AccordError `invalid_input` naming `position.…`, `evidence.…`, `source.…`; `not_found` (process)
 */
export async function recordStance(ctx: ServiceContext, pid: string, raw: StanceInput): Promise<RecordedStance> {
  const input = parseWith(StanceInput, raw, 'stance');
  await requireProcess(ctx.store, pid);
  const data = await ctx.store.loadProcess(pid);
  const { plans, written } = await writeStances(ctx, pid, data, [{ positions: [input.position], ...(input.evidence ? { evidence: input.evidence } : {}), ...(input.source ? { source: input.source } : {}) }]);
  const plan = plans[0]!;
  return { position: plan.positions[0]!, evidence: plan.evidence ?? null, source: plan.source ?? null, written };
}

/** What {@link importPositionsCsv} did. */
export interface CsvImportResult {
  process: string;
  rows: number;
  imported: number;
  /** New and updated positions. */
  created: number;
  updated: number;
  skipped: number;
  problems: RowProblem[];
}

/**
 * Import positions from an analyst's sheet (src/report/csv.ts reads it): each good row is recorded
 * by the rules of {@link recordStance}, all rows in one transaction. With problems and without
 * `skipBadRows`, nothing is written (`invalid_input` naming row and column of each).
 */
export async function importPositionsCsv(ctx: ServiceContext, pid: string, text: string, opts: { file?: string; version?: string; skipBadRows?: boolean } = {}): Promise<CsvImportResult> {
  const data = await ctx.store.loadProcess(pid);
  const r = readPositionsCsv(text, data, { file: opts.file, version: opts.version });
  if (r.problems.length && !opts.skipBadRows) throw importProblemsError(r.problems, opts.file);
  const rowField = (i: number) => {
    const row = r.stances[i]!.row;
    return { position: `row ${row}`, evidence: `row ${row} (evidence)`, source: `row ${row} (source)` };
  };
  const { written } = await writeStances(ctx, pid, data, r.stances.map((s) => s.draft), rowField);
  const counts = { created: 0, updated: 0 };
  for (const w of written) if (w.kind === 'positions') counts[w.outcome]++;
  return { process: pid, rows: r.rows, imported: r.accepted, ...counts, skipped: r.rows - r.accepted, problems: r.problems };
}

/** Options of the matrix and the contested points. */
export interface MatrixQuery {
  asOf?: string;
  /** Version whose points form the rows (default: the current single negotiating text as of `asOf`). */
  version?: string;
  /** The confidential layer to include, as the viewer may choose it. */
  viewAs?: string;
  /** Count only the positions taken against the version shown (a stance on a document belongs to its version current at the stance's date). */
  onlyAbout?: boolean;
}

/** Which rows of the matrix to answer: a state, words of the point, and one page. */
export interface MatrixRowsQuery {
  /** Only rows in this agreement state. */
  state?: 'accepted-by-all' | 'contested' | 'unknown';
  /** Only rows whose label, text or axis heading contains these words (case ignored). */
  q?: string;
  /** Largest page of rows (default: every row, at most 1000 per page). */
  limit?: number;
  /** Continue after the `next` of the previous page. */
  cursor?: string;
}

/**
 * A matrix cell that also says which version its position was about (null when none fits) and,
 * when that is not the version shown, how much the wording changed since (src/analysis/drift.ts).
 */
export type AboutCell = MatrixCell & { about: string | null; since: StanceDrift | null };
/** The positions matrix with {@link AboutCell}s. */
export type AboutMatrix = Omit<PositionsMatrix, 'rows'> & { rows: (Omit<PositionsMatrix['rows'][number], 'cells'> & { cells: Record<string, AboutCell | null> })[] };

/** The matrix over loaded data (see {@link matrix}). */
export function matrixOf(data: ProcessData, q: Omit<MatrixQuery, 'viewAs'> & { viewerParty?: string }): AboutMatrix {
  const about = new Map(data.positions.map((p) => [p.id, versionOfPosition(data, p)?.version.id ?? null]));
  let d = data;
  if (q.onlyAbout) {
    const v = resolveVersion(data, q.version, q.asOf);
    d = { ...data, positions: data.positions.filter((p) => about.get(p.id) === v.id) };
  }
  const m = positionsMatrix(d, { asOf: q.asOf, version: q.version, viewerParty: q.viewerParty });
  const shown = data.versions.find((v) => v.id === m.version.id)!;
  const byId = new Map(data.positions.map((p) => [p.id, p]));
  const cell = (c: MatrixCell): AboutCell => ({ ...c, about: about.get(c.positionId) ?? null, since: stanceDrift(data, byId.get(c.positionId)!, shown) });
  const rows = m.rows.map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c ? cell(c) : null])) }));
  return { ...m, rows };
}

/** What the matrix reads: the parties, the texts (a cell says which version its position was about) and the positions. */
const MATRIX_KINDS = ['parties', 'documents', 'versions', 'positions'] as const;

/** The whole party × point matrix as of a date, as the viewer may see it (kept until what it reads changes). */
export function matrix(ctx: ServiceContext, pid: string, q: MatrixQuery = {}): Promise<AboutMatrix> {
  const key = { asOf: q.asOf ?? todayIso(), version: q.version, viewAs: q.viewAs, onlyAbout: Boolean(q.onlyAbout) };
  return cachedView(ctx, pid, 'matrix', key, MATRIX_KINDS, (data) => matrixOf(data, { ...key, viewerParty: layerOf(ctx, data, q.viewAs) }));
}

/**
 * Rows of the matrix as the matrix route answers them: the matrix with only the rows asked for
 * (`state`, words `q`, one page), `total` rows matching and the cursor of the `next` page.
 */
export function matrixRows(ctx: ServiceContext, pid: string, query: MatrixQuery & MatrixRowsQuery = {}): Promise<AboutMatrix & { total: number; next: string | null }> {
  const q = { ...query, asOf: query.asOf ?? todayIso() };
  // The answer itself is kept (the same object while the process does not change), so the server
  // serialises it once (src/server/json-reply.ts).
  return ctx.store.memo(pid, viewKey(ctx, 'matrix-page', q), [...MATRIX_KINDS, 'process'], async () => {
    const m = await matrix(ctx, pid, q);
    const words = q.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const rows =
      q.state === undefined && !words.length
        ? m.rows
        : m.rows.filter((r) => {
            if (q.state !== undefined && r.state !== q.state) return false;
            const hay = [r.label, r.text, r.axis?.heading ?? ''].join(' ').toLowerCase();
            return words.every((w) => hay.includes(w));
          });
    if (q.limit === undefined && q.cursor === undefined && rows === m.rows) return { ...m, total: rows.length, next: null };
    const page = pageAfter(rows, q, q.limit === undefined ? Math.max(rows.length, 1) : undefined);
    return { ...m, rows: page.items, total: page.total, next: page.next };
  });
}

/** The contested points ranked by disagreement. */
export function contested(ctx: ServiceContext, pid: string, q: MatrixQuery = {}): Promise<{ asOf: string; version: string; contested: ContestedPoint[] }> {
  return ctx.store.memo(pid, viewKey(ctx, 'contested', { ...q, asOf: q.asOf ?? todayIso() }), [...MATRIX_KINDS, 'process'], async () => {
    const m = await matrix(ctx, pid, q);
    return { asOf: m.asOf, version: m.version.id, contested: contestedPoints(m as PositionsMatrix) };
  });
}

/** What the point detail reads whole; its positions, evidence and sources are selected in SQL. */
const POINT_KINDS = ['parties', 'persons', 'documents', 'versions', 'events'] as const;

/**
 * The detail of one point: text, topics, every party's stance with evidence and sources. Reads only
 * the positions filed under the point's lineages, the evidence they cite and the sources of that
 * evidence (the matrix row of a point depends on nothing else: src/analysis/positions.ts).
 */
export function point(ctx: ServiceContext, pid: string, lineage: string, q: MatrixQuery = {}): Promise<PointDetail> {
  const key = { lineage, asOf: q.asOf ?? todayIso(), version: q.version, viewAs: q.viewAs };
  return ctx.store.memo(pid, viewKey(ctx, 'point', key), [...POINT_KINDS, 'positions', 'evidence', 'sources', 'process'], async () => {
    const base = await ctx.store.loadKinds(pid, POINT_KINDS);
    const viewerParty = layerOf(ctx, base, q.viewAs);
    const version = resolveVersion(base, q.version, key.asOf);
    const lineages = pointLineages(version, lineage) ?? [lineage];
    const positions = await allMatching(ctx, pid, 'positions', { ref: lineages });
    const evidence = await byIds(ctx, pid, 'evidence', positions.flatMap((p) => p.evidence));
    const sources = await byIds(ctx, pid, 'sources', evidence.flatMap((e) => e.sources));
    return pointDetail({ ...base, positions, evidence, sources }, lineage, { asOf: key.asOf, version: q.version, viewerParty });
  });
}


/**
 * The dates at which the positions matrix changes as the viewer sees it (the replay's steps):
 * every day a visible position was taken or a version tabled (reduced dates read as their first
 * day), up to today, in order, and today.
 */
export async function replaySteps(ctx: ServiceContext, pid: string, q: { viewAs?: string } = {}): Promise<{ steps: string[] }> {
  await requireProcess(ctx.store, pid);
  const data = await ctx.store.loadProcess(pid);
  const viewerParty = layerOf(ctx, data, q.viewAs);
  const dayOf = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  const days = new Set<string>();
  for (const p of data.positions) if (visibleTo(p.visibility, viewerParty)) days.add(dayOf(p.asOf));
  for (const v of data.versions) days.add(dayOf(v.date));
  const today = todayIso();
  return { steps: [...days].filter((d) => d <= today).sort().concat(days.has(today) ? [] : [today]) };
}
