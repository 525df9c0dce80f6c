/**
 * The texts of a process: new documents, new immutable versions from their text, the text of a
 * version, and the rounds. Adding a version is one rule for every face (`accord version add`,
 * `POST /api/processes/:pid/texts`): parse the text (src/text/parse.ts), carry lineage ids across
 * from the version it is based on (src/text/lineage.ts) — `basedOn`, else the latest version of the
 * same document dated on or before it, else the latest such version of the document it amends —,
 * and store the version with any person-confirmed alignment decisions in one transaction.
 * Versions are immutable: an existing id is a `conflict`.
 */
import { compareIsoDates, isOnOrBefore, todayIso } from '../model/dates.js';
import { conflict, invalid, notFound } from '../model/errors.js';
import type { PutItem } from '../model/entities.js';
import { VersionTextInput } from '../model/inputs.js';
import { entityRefProblems, refIndex } from '../model/references.js';
import { type Alignment, Document, type ProcessData, type Version, Version as VersionSchema, walkProvisions } from '../model/schemas.js';
import { fieldPath, parseWith } from '../model/validation.js';
import type { ChangeKind } from '../text/align.js';
import { carryLineage } from '../text/lineage.js';
import { parsePlan } from '../text/parse.js';
import { renderPlanMarkdown } from '../text/render.js';
import type { ParseWarning } from '../text/types.js';
import { requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { cachedView } from './reading.js';
import { layerOf, matrixOf } from './stances.js';
import { roundsViewInTurns, type Round } from './views/compare.js';
import { type PointGroup, pointGroups } from './views/points.js';
import { type TextPage, textPage } from './views/text.js';
import { roundsGrid, type RoundsGrid } from './views/onetext.js';

/** What {@link addVersion} reports. */
export interface AddVersionResult {
  version: { id: string; document: string; label: string; date: string; basedOn: string | null; proponents: string[] };
  /** Points (and top-level nodes) in the new text, and all provisions. */
  counts: { points: number; provisions: number };
  /** Provisions that inherited a lineage id from the base, and those given a new one. */
  lineage: { inherited: number; fresh: number };
  /** Point pairs per change kind against the base (empty without a base). */
  changes: Partial<Record<ChangeKind, number>>;
  /** Id of the stored alignment decisions, when overrides were given. */
  alignment: string | null;
  warnings: ParseWarning[];
}

/** Id of the alignment-decisions record of an ordered pair of versions. */
export function alignmentId(from: string, to: string): string {
  return `${from}--${to}`;
}

/** The version a new version of `doc` dated `date` is based on by default (see module doc). */
export function defaultBase(data: ProcessData, doc: Document, date: string): Version | undefined {
  const latest = (documentId: string) =>
    data.versions
      .filter((v) => v.document === documentId && isOnOrBefore(v.date, date))
      .sort((a, b) => compareIsoDates(a.date, b.date))
      .at(-1);
  return latest(doc.id) ?? (doc.amends ? latest(doc.amends) : undefined);
}

/**
 * The id and ordinal of a new version of document `documentId`: `given` when free (`conflict`
 * otherwise: versions are immutable), else `<document>-v<n>` with n = the document's version
 * count + 1, bumped until free.
 */
export function newVersionId(data: ProcessData, documentId: string, given?: string): { id: string; n: number } {
  let n = data.versions.filter((v) => v.document === documentId).length + 1;
  if (given !== undefined) {
    if (data.versions.some((v) => v.id === given)) throw conflict(`version "${given}" already exists and versions are immutable; choose another id`, { field: 'id' });
    return { id: given, n };
  }
  while (data.versions.some((v) => v.id === `${documentId}-v${n}`)) n++;
  return { id: `${documentId}-v${n}`, n };
}

/** Throws `invalid_input` naming `field` for the first unknown party among `ids`. */
export function checkParties(data: ProcessData, ids: string[], field: string): void {
  const known = new Set(data.parties.map((p) => p.id));
  const bad = ids.filter((p) => !known.has(p));
  if (bad.length) throw invalid(`unknown party "${bad[0]}" (known: ${[...known].join(', ')})`, { field });
}

/**
 * Parse a text and store it as a new immutable version of a document of process `pid`, with lineage
 * carried from its base (see the module doc). `source` names the text in messages (a file name).
 * @throws AccordError `not_found` (document, base version), `invalid_input` (input fields, party,
 *   empty text, overrides without a base), `conflict` (the version id exists)
 */
export async function addVersion(ctx: ServiceContext, pid: string, raw: VersionTextInput, opts: { source?: string } = {}): Promise<AddVersionResult> {
  const input = parseWith(VersionTextInput, raw, 'version');
  const data = await ctx.store.loadProcess(pid);
  const doc = data.documents.find((d) => d.id === input.document);
  if (!doc) throw notFound(`no document "${input.document}" in process "${pid}"; add it first with \`accord document add\``, { field: 'document' });
  const date = input.date ?? todayIso();
  const { id, n } = newVersionId(data, doc.id, input.id);
  let base: Version | undefined;
  if (typeof input.basedOn === 'string') {
    base = data.versions.find((v) => v.id === input.basedOn);
    if (!base) throw notFound(`no version "${input.basedOn}" to base the new version on`, { field: 'basedOn' });
  } else if (input.basedOn !== false) base = defaultBase(data, doc, date);
  const proponents = input.proponents?.length ? input.proponents : doc.proponents;
  checkParties(data, proponents, 'proponents');
  if (input.overrides?.length && !base) throw invalid('overrides need a version to align with; give basedOn', { field: 'overrides' });

  const parsed = parsePlan(input.text, { format: input.format });
  if (!parsed.provisions.length) throw invalid('no provisions found in the text', opts.source ? { file: opts.source } : { field: 'text' });
  const taken = new Set<string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) taken.add(p.lineage);
  const carried = carryLineage(base?.provisions ?? null, parsed.provisions, doc.id, { source: input.text, taken, overrides: input.overrides });
  const version = VersionSchema.parse({
    id,
    document: doc.id,
    label: input.label ?? `v${n}`,
    date,
    proponents,
    ...(base ? { basedOn: base.id } : {}),
    ...(input.note ? { note: input.note } : {}),
    provisions: carried.provisions,
  });
  // The version and its alignment decisions land together or not at all.
  let alignment: string | null = null;
  const writes: PutItem[] = [{ kind: 'versions', entity: version }];
  if (base && input.overrides?.length) {
    const record: Alignment = { id: alignmentId(base.id, version.id), from: base.id, to: version.id, overrides: input.overrides };
    writes.push({ kind: 'alignments', entity: record });
    alignment = record.id;
  }
  await ctx.store.putMany(pid, writes, { actor: ctx.actor });
  ctx.log?.info({ process: pid, version: version.id, actor: ctx.actor }, 'version added');
  const all = [...walkProvisions(version.provisions)];
  return {
    version: { id: version.id, document: doc.id, label: version.label, date, basedOn: base?.id ?? null, proponents },
    counts: { points: all.filter((p) => p.kind === 'point').length, provisions: all.length },
    lineage: { inherited: carried.inherited, fresh: carried.fresh },
    changes: carried.changes,
    alignment,
    warnings: parsed.warnings,
  };
}

/** What to add with {@link addDocument}. */
export interface AddDocumentInput {
  id: string;
  title: string;
  kind: string;
  amends?: string;
  proponents?: string[];
  description?: string;
}

/**
 * Store a new document (without versions).
 * @throws AccordError `invalid_input` (fields, unknown party), `not_found` (the amended document),
 *   `conflict` (the id exists)
 */
export async function addDocument(ctx: ServiceContext, pid: string, input: AddDocumentInput): Promise<Document> {
  const data = await ctx.store.loadProcess(pid);
  const doc = parseWith(Document, { ...input, proponents: input.proponents ?? [] }, 'document');
  if (data.documents.some((d) => d.id === doc.id)) throw conflict(`document "${doc.id}" already exists in process "${pid}"`, { field: 'id' });
  const problems = entityRefProblems('documents', doc, refIndex(data));
  const amends = problems.find((p) => p.path[0] === 'amends');
  if (amends) throw notFound(`no document "${doc.amends}" to amend`, { field: 'amends' });
  if (problems.length) throw invalid(problems[0]!.message, { field: fieldPath(problems[0]!.path) });
  await ctx.store.put(pid, 'documents', doc, { actor: ctx.actor });
  return doc;
}

/** The text of a stored version as canonical Markdown (numbering, brackets and alternatives kept). */
export async function versionMarkdown(ctx: ServiceContext, pid: string, id: string): Promise<string> {
  const v = await ctx.store.get(pid, 'versions', id);
  if (!v) {
    await requireProcess(ctx.store, pid);
    throw notFound(`no version "${id}" in process "${pid}"`, { field: 'id' });
  }
  return renderPlanMarkdown(v.provisions);
}

/**
 * Every version in date order with its bracket counts and what changed since the round before
 * (computed a pair of rounds per turn of the event loop, kept across writes by the texts' digests).
 */
export async function rounds(ctx: ServiceContext, pid: string): Promise<Round[]> {
  return cachedView(ctx, pid, 'rounds', null, ROUNDS_KINDS, roundsViewInTurns);
}

/** What the rounds view reads: the versions, their documents' titles and the stored alignment decisions. */
const ROUNDS_KINDS = ['versions', 'documents', 'alignments'] as const;

/**
 * The Text page of a version (./views/text.ts): its whole text, its document, each party's stance
 * per point as of `asOf` and its place among the rounds — one answer per text shown.
 * @throws AccordError `not_found` (process, version), `invalid_input` (an unknown `viewAs` party)
 */
export async function textView(ctx: ServiceContext, pid: string, q: { version?: string; asOf?: string; viewAs?: string } = {}): Promise<TextPage> {
  await requireProcess(ctx.store, pid);
  const data = await ctx.store.loadProcess(pid);
  const m = matrixOf(data, { asOf: q.asOf, version: q.version, viewerParty: layerOf(ctx, data, q.viewAs) });
  return textPage(data, m);
}

/** The points of every version for a picker (./views/points.ts). */
export async function pointIndex(ctx: ServiceContext, pid: string): Promise<PointGroup[]> {
  await requireProcess(ctx.store, pid);
  return pointGroups(await ctx.store.loadProcess(pid));
}

/** The picture of the rounds: points × versions of a document (src/services/views/onetext.ts). */
export async function roundsPicture(ctx: ServiceContext, pid: string, document?: string): Promise<RoundsGrid> {
  return roundsGrid(await ctx.store.loadProcess(pid), document);
}
