/**
 * Drafts of the next version (the one-text procedure), kept by the mediator's team: start one from
 * a version (a copy, lineage ids and all), from a pasted text or an uploaded .docx (parsed, lineage
 * carried across from the version it revises, src/text/lineage.ts) or from an edited tree; edit its
 * point tree (src/model/draft-edit.ts: every edit keeps lineage ids); take a party's amendment in
 * (src/model/amendment.ts); table it as an immutable version with its date, the event of the
 * record where it is tabled, its proponents and the splits and merges made in the editor (stored as
 * the pair's alignment decisions) — version, decisions, event and draft in one transaction.
 *
 * A draft is visible to the mediator's team only (`visibility: mediator-team`, the one rule of
 * src/model/visibility.ts); on a team server the access policy's view of the store enforces it and
 * lets only the team write one. Every save is conditional on the draft as read (its entity tag, or
 * the `If-Match` the caller sends): of two people saving the same draft, the second is told
 * (`precondition_failed`) instead of silently undoing the first. `accord draft …` and the
 * `/drafts` routes are adapters over this module.
 */
import { mergeWording, bracketReadings } from '../model/amendment.js';
import { precisionOf, todayIso } from '../model/dates.js';
import { applyDraftOps, type EditContext, lineagesOf, normaliseLinks, readMarks } from '../model/draft-edit.js';
import { conflict, invalid, notFound, preconditionFailed } from '../model/errors.js';
import type { PutItem } from '../model/entities.js';
import { DraftEdits, DraftInput, type DraftOpParsed, type DraftProvisionInput, FoldInput, TableInput } from '../model/inputs.js';
import { type Alignment, Draft, type Event, type PairOverride, type Provision, type Version, Version as VersionSchema, walkProvisions } from '../model/schemas.js';
import { parseWith } from '../model/validation.js';
import { filterVisible, visibleToViewer } from '../model/visibility.js';
import { type ReviseView, reviseView } from './views/onetext.js';
import type { Tagged } from '../store/store.js';
import { carryLineage } from '../text/lineage.js';
import { findAlternatives, findBrackets, parsePlan } from '../text/parse.js';
import { impliedStatus } from '../text/provisions.js';
import type { ParsedProvision, ParseWarning } from '../text/types.js';
import { newId, requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { docxText } from './docx.js';
import { alignmentId, checkParties, newVersionId } from './versions.js';

/** A draft as lists show it (without its tree). */
export interface DraftSummary {
  id: string;
  document: string;
  basedOn: string | null;
  title: string | null;
  status: Draft['status'];
  tabledAs: string | null;
  updatedAt: string;
  updatedBy: string | null;
  /** Points (and provisions of every kind) in the draft. */
  points: number;
  provisions: number;
}

/** The summary of a draft. */
export function draftSummary(d: Draft): DraftSummary {
  const all = [...walkProvisions(d.provisions)];
  return {
    id: d.id,
    document: d.document,
    basedOn: d.basedOn ?? null,
    title: d.title ?? null,
    status: d.status,
    tabledAs: d.tabledAs ?? null,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy ?? null,
    points: all.filter((p) => p.kind === 'point').length,
    provisions: all.length,
  };
}

/** What {@link createDraft} reports. */
export interface CreatedDraft {
  draft: Draft;
  etag: string;
  /** Provisions that kept a lineage id of the base, and those given a new one. */
  lineage: { inherited: number; fresh: number };
  /** The parser's warnings (text and .docx only). */
  warnings: ParseWarning[];
}

/** What a save of a draft answers: its new entity tag, the provisions the edits touched, and the whole draft after a change of shape. */
export interface SavedDraft {
  id: string;
  etag: string;
  updatedAt: string;
  /** The provisions created or changed, as stored (with the brackets, alternatives and status read from their text). */
  touched: Provision[];
  /** The whole draft when an edit changed the shape of the tree (add, delete, move, split, merge, renumber). */
  draft?: Draft;
}

const nowIso = () => new Date().toISOString();

/** A draft the viewer may see, with its entity tag; `not_found` otherwise. */
export async function readDraft(ctx: ServiceContext, pid: string, id: string): Promise<Tagged<Draft>> {
  const t = await ctx.store.getTagged(pid, 'drafts', id);
  if (!t || !visibleToViewer(ctx.viewer, t.entity.visibility)) {
    await requireProcess(ctx.store, pid);
    throw notFound(`no draft "${id}" in process "${pid}"`, { field: 'id' });
  }
  return t;
}

/** An open draft the viewer may see, checked against the entity tag the caller read (`ifMatch`). */
async function openDraft(ctx: ServiceContext, pid: string, id: string, ifMatch?: string): Promise<Tagged<Draft>> {
  const t = await readDraft(ctx, pid, id);
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== t.etag) throw preconditionFailed(`draft "${id}" changed since you read it; reload it and apply your change again`, { field: 'If-Match' });
  if (t.entity.status === 'tabled') throw conflict(`draft "${id}" was tabled as version "${t.entity.tabledAs}" and can no longer change; start a new draft from that version`, { field: 'id' });
  return t;
}

/** The drafts the viewer may see (the mediator's team: all of them), latest first. */
export async function listDrafts(ctx: ServiceContext, pid: string): Promise<DraftSummary[]> {
  await requireProcess(ctx.store, pid);
  const drafts = (await ctx.store.list(pid, 'drafts')).filter((d) => visibleToViewer(ctx.viewer, d.visibility));
  return drafts.map(draftSummary).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** A parsed node of an edited tree, for the aligner. */
function asParsed(p: DraftProvisionInput): ParsedProvision {
  return {
    kind: p.kind,
    num: p.num ?? null,
    heading: p.heading ?? null,
    text: p.text,
    line: 0,
    brackets: findBrackets(p.text).spans,
    alternatives: findAlternatives(p.text),
    children: (p.children ?? []).map(asParsed),
  };
}

/**
 * Provisions of an edited tree: a lineage id where given, else the one the aligner carried across
 * from the base (or a new one); marks read from the text with the given proponents.
 */
function treeProvisions(input: DraftProvisionInput[], carried: Provision[], base: ReadonlySet<string>, taken: ReadonlySet<string>): Provision[] {
  const seen = new Set<string>();
  const visit = (ins: DraftProvisionInput[], outs: Provision[], path: string): Provision[] =>
    ins.map((p, i) => {
      const c = outs[i]!;
      const field = `${path}[${i}]`;
      let lineage = c.lineage;
      if (p.lineage !== undefined) {
        if (taken.has(p.lineage) && !base.has(p.lineage)) throw invalid(`lineage "${p.lineage}" belongs to a provision of another version; leave it out to get a new one`, { field: `${field}.lineage` });
        lineage = p.lineage;
      }
      if (seen.has(lineage)) throw invalid(`lineage "${lineage}" appears twice in the tree`, { field: `${field}.lineage` });
      seen.add(lineage);
      const marks = readMarks(p.text, { brackets: [], alternatives: [] }, { ...(p.bracketProponents ? { bracketProponents: p.bracketProponents } : {}), ...(p.alternativeProponents ? { alternativeProponents: p.alternativeProponents } : {}) });
      return {
        kind: p.kind,
        num: p.num ?? null,
        heading: p.heading ?? null,
        text: p.text,
        lineage,
        status: p.status ?? impliedStatus(marks),
        ...marks,
        topics: p.topics ?? c.topics,
        children: visit(p.children ?? [], c.children, `${field}.children`),
      };
    });
  return visit(input, carried, 'provisions');
}

/** Links (alignment decisions) of the splits and merges the aligner found between a base and a new text. */
function linksOfPairs(pairs: { change: string; fromLineage?: string[]; toLineage?: string[] }[]): PairOverride[] {
  return pairs
    .filter((p) => (p.change === 'split' || p.change === 'merged') && p.fromLineage?.length && p.toLineage?.length)
    .map((p) => ({ from: [...p.fromLineage!], to: [...p.toLineage!], change: p.change as 'split' | 'merged' }));
}

/** Every party named as a proponent in a tree. */
function proponentsOf(tree: Provision[]): string[] {
  const out = new Set<string>();
  for (const p of walkProvisions(tree)) {
    for (const b of p.brackets) b.proponents.forEach((x) => out.add(x));
    for (const a of p.alternatives) a.proponents.forEach((x) => out.add(x));
  }
  return [...out];
}

/**
 * Start a draft (see the module doc): a copy of `basedOn`, or a text, .docx or edited tree parsed
 * and given lineage ids against it.
 * @throws AccordError `not_found` (process, version, document), `invalid_input` (fields, empty text,
 *   unknown party, a lineage of another version), `conflict` (the id is taken)
 */
export async function createDraft(ctx: ServiceContext, pid: string, raw: DraftInput): Promise<CreatedDraft> {
  const input = parseWith(DraftInput, raw, 'draft');
  const data = await ctx.store.loadProcess(pid);
  let base: Version | undefined;
  if (input.basedOn !== undefined) {
    base = data.versions.find((v) => v.id === input.basedOn);
    if (!base) throw notFound(`no version "${input.basedOn}" to start the draft from`, { field: 'basedOn' });
  }
  const documentId = input.document ?? base!.document;
  if (!data.documents.some((d) => d.id === documentId)) throw notFound(`no document "${documentId}" in process "${pid}"`, { field: 'document' });
  const taken = new Set<string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) taken.add(p.lineage);
  const baseIds = base ? lineagesOf(base.provisions) : new Set<string>();

  let provisions: Provision[];
  let links: PairOverride[] = [];
  let warnings: ParseWarning[] = [];
  let lineage = { inherited: 0, fresh: 0 };
  if (input.text !== undefined || input.docx !== undefined) {
    const text = input.text ?? (await docxText(input.docx!));
    const parsed = parsePlan(text, input.format ? { format: input.format } : {});
    if (!parsed.provisions.length) throw invalid('no provisions found in the text', { field: input.text !== undefined ? 'text' : 'docx' });
    const carried = carryLineage(base?.provisions ?? null, parsed.provisions, documentId, { source: text, taken });
    provisions = carried.provisions;
    links = linksOfPairs(carried.pairs);
    warnings = parsed.warnings;
    lineage = { inherited: carried.inherited, fresh: carried.fresh };
  } else if (input.provisions !== undefined) {
    if (!input.provisions.length) throw invalid('the tree holds no provision', { field: 'provisions' });
    const carried = carryLineage(base?.provisions ?? null, input.provisions.map(asParsed), documentId, { taken });
    provisions = treeProvisions(input.provisions, carried.provisions, baseIds, taken);
    links = linksOfPairs(carried.pairs);
    const ids = lineagesOf(provisions);
    lineage = { inherited: [...ids].filter((l) => baseIds.has(l)).length, fresh: [...ids].filter((l) => !baseIds.has(l)).length };
  } else {
    provisions = structuredClone(base!.provisions);
    lineage = { inherited: baseIds.size, fresh: 0 };
  }
  checkParties(data, proponentsOf(provisions), 'provisions');
  const id = input.id ?? newId('drafts');
  if ((data.drafts ?? []).some((d) => d.id === id)) throw conflict(`draft "${id}" already exists in process "${pid}"`, { field: 'id' });
  const draft = Draft.parse({
    id,
    document: documentId,
    ...(base ? { basedOn: base.id } : {}),
    ...(input.title ? { title: input.title } : {}),
    provisions,
    links: normaliseLinks(links, baseIds, provisions),
    folded: [],
    status: 'open',
    updatedAt: nowIso(),
    updatedBy: ctx.actor,
    visibility: 'mediator-team',
  });
  const [w] = await ctx.store.write(pid, [{ kind: 'drafts', entity: draft, expect: { absent: true } }], { actor: ctx.actor });
  ctx.log?.info({ process: pid, draft: id, actor: ctx.actor }, 'draft created');
  return { draft, etag: w!.etag, lineage, warnings };
}

/** What the edits of a draft need to know, loaded only when an edit needs it (typing needs none of it). */
async function editContext(ctx: ServiceContext, pid: string, draft: Draft, ops: DraftOpParsed[]): Promise<EditContext> {
  const kinds = new Set(ops.map((o) => o.op));
  const needsBase = kinds.has('split') || kinds.has('merge');
  const needsTaken = kinds.has('add') || kinds.has('split');
  const needsParties = ops.some((o) => ('proponents' in o && o.proponents.length) || ('bracketProponents' in o && o.bracketProponents) || ('alternativeProponents' in o && o.alternativeProponents) || o.op === 'alternatives');
  let base: ReadonlySet<string> = new Set();
  let taken: ReadonlySet<string> = new Set();
  if (needsTaken) {
    const versions = await ctx.store.list(pid, 'versions');
    const all = new Set<string>();
    for (const v of versions) for (const p of walkProvisions(v.provisions)) all.add(p.lineage);
    taken = all;
    const b = draft.basedOn ? versions.find((v) => v.id === draft.basedOn) : undefined;
    base = b ? lineagesOf(b.provisions) : new Set();
  } else if (needsBase && draft.basedOn) {
    const b = await ctx.store.get(pid, 'versions', draft.basedOn);
    base = b ? lineagesOf(b.provisions) : new Set();
  }
  const parties = needsParties ? new Set((await ctx.store.list(pid, 'parties')).map((p) => p.id)) : undefined;
  return { documentId: draft.document, base, taken, ...(parties ? { parties } : {}) };
}

/** The provisions with these lineage ids, as in the tree (children included). */
function nodesOf(tree: Provision[], lineages: string[]): Provision[] {
  const want = new Set(lineages);
  return [...walkProvisions(tree)].filter((p) => want.has(p.lineage));
}

/** Write a changed draft conditionally on the tag read, and answer the save. */
async function saveDraft(ctx: ServiceContext, pid: string, read: Tagged<Draft>, next: Draft, touched: string[], structural: boolean): Promise<SavedDraft> {
  const [w] = await ctx.store.write(pid, [{ kind: 'drafts', entity: next, expect: { etag: read.etag } }], { actor: ctx.actor });
  ctx.log?.info({ process: pid, draft: next.id, actor: ctx.actor }, 'draft saved');
  return { id: next.id, etag: w!.etag, updatedAt: next.updatedAt, touched: nodesOf(next.provisions, touched), ...(structural ? { draft: next } : {}) };
}

/**
 * Apply edits to an open draft, all or none, and save it — conditionally on `ifMatch` (the entity
 * tag the caller read) when given, else on the draft as read here.
 * @throws AccordError `not_found` (draft, lineage), `invalid_input` (an edit), `conflict` (tabled),
 *   `precondition_failed` (changed since it was read)
 */
export async function editDraft(ctx: ServiceContext, pid: string, id: string, raw: DraftEdits, ifMatch?: string): Promise<SavedDraft> {
  const { ops } = parseWith(DraftEdits, raw, 'edits');
  const read = await openDraft(ctx, pid, id, ifMatch);
  const d = read.entity;
  const r = applyDraftOps({ provisions: d.provisions, links: d.links }, ops, await editContext(ctx, pid, d, ops));
  const next: Draft = { ...d, provisions: r.provisions, links: r.links, updatedAt: nowIso(), updatedBy: ctx.actor };
  return saveDraft(ctx, pid, read, next, r.touched, r.structural);
}

/** Parties holding the tabled wording of a point: those whose critique accepts it, else the version's proponents. */
function holdersOfTabled(critiques: { party: string; answers: { provision: string; stance: string }[] }[], lineage: string, version: Version): string[] {
  const accepting = critiques.filter((c) => c.answers.some((a) => a.provision === lineage && (a.stance === 'accepts' || a.stance === 'accepts-with-conditions'))).map((c) => c.party);
  return [...new Set(accepting.length ? accepting : version.proponents)];
}

/**
 * Take a critique's amendment of a point into the draft (see src/model/amendment.ts): `accept`
 * changes the words it changes; `bracket` writes the disputed words as two bracketed readings, the
 * tabled one with the parties holding it (those whose critique accepts the point, else the
 * version's proponents) and the amended one with the parties proposing it (every critique proposing
 * the same wording). Recorded in the draft's `folded` list.
 * @throws AccordError `not_found` (draft, critique, point), `invalid_input` (no amendment, another
 *   version's critique), `conflict` (the draft changed the same words: edit it by hand; tabled)
 */
export async function foldAmendment(ctx: ServiceContext, pid: string, id: string, raw: FoldInput, ifMatch?: string): Promise<SavedDraft> {
  const input = parseWith(FoldInput, raw, 'fold');
  const read = await openDraft(ctx, pid, id, ifMatch);
  const d = read.entity;
  const critique = await ctx.store.get(pid, 'critiques', input.critique);
  if (!critique || !visibleToViewer(ctx.viewer, critique.visibility) || critique.status !== 'submitted') throw notFound(`no submitted critique "${input.critique}" in process "${pid}"`, { field: 'critique' });
  if (critique.version !== d.basedOn) throw invalid(`critique "${critique.id}" answers version "${critique.version}", and the draft revises "${d.basedOn ?? 'no version'}"`, { field: 'critique' });
  const answer = critique.answers.find((a) => a.provision === input.provision);
  if (!answer?.amendment) throw invalid(`critique "${critique.id}" proposes no wording for provision "${input.provision}"`, { field: 'provision' });
  const version = await ctx.store.get(pid, 'versions', critique.version);
  const tabled = version ? [...walkProvisions(version.provisions)].find((p) => p.lineage === input.provision) : undefined;
  if (!version || !tabled) throw notFound(`no provision "${input.provision}" in version "${critique.version}"`, { field: 'provision' });
  const current = [...walkProvisions(d.provisions)].find((p) => p.lineage === input.provision);
  if (!current) throw notFound(`the draft no longer holds provision "${input.provision}" (deleted or merged); edit it by hand`, { field: 'provision' });

  const others = (await ctx.store.list(pid, 'critiques')).filter((c) => c.version === critique.version && c.status === 'submitted' && visibleToViewer(ctx.viewer, c.visibility));
  let op: DraftOpParsed;
  if (input.how === 'accept') {
    const m = mergeWording(tabled.text, current.text, answer.amendment);
    if (!m.ok) throw conflict(`the draft already changed the words this amendment changes (${m.conflicts} place${m.conflicts === 1 ? '' : 's'}); edit provision "${input.provision}" by hand`, { field: 'provision' });
    op = { op: 'set', lineage: input.provision, text: m.text };
  } else {
    const br = bracketReadings(tabled.text, answer.amendment);
    if (!br.readings.length) throw invalid('the amendment proposes the tabled wording: nothing to bracket', { field: 'provision' });
    const m = mergeWording(tabled.text, current.text, br.text);
    if (!m.ok) throw conflict(`the draft already changed the words this amendment changes (${m.conflicts} place${m.conflicts === 1 ? '' : 's'}); edit provision "${input.provision}" by hand`, { field: 'provision' });
    const holders = holdersOfTabled(others, input.provision, version);
    const proposers = [...new Set(others.filter((c) => c.answers.some((a) => a.provision === input.provision && a.amendment === answer.amendment)).map((c) => c.party).concat(critique.party))];
    const tabledWords = new Set(br.readings.map((r) => r.tabled).filter(Boolean));
    const amendedWords = new Set(br.readings.map((r) => r.amended).filter(Boolean));
    const old = readMarks(m.text, current).brackets;
    const bracketProponents = old.map((s) => (amendedWords.has(s.text) ? proposers : tabledWords.has(s.text) ? holders : s.proponents));
    op = { op: 'set', lineage: input.provision, text: m.text, bracketProponents };
  }
  const r = applyDraftOps({ provisions: d.provisions, links: d.links }, [op], { documentId: d.document, base: new Set(), taken: new Set() });
  const folded = [...d.folded.filter((x) => !(x.critique === critique.id && x.provision === input.provision)), { critique: critique.id, provision: input.provision, how: input.how === 'accept' ? ('accepted' as const) : ('bracketed' as const) }];
  const next: Draft = { ...d, provisions: r.provisions, folded, updatedAt: nowIso(), updatedBy: ctx.actor };
  return saveDraft(ctx, pid, read, next, r.touched, false);
}

/** What {@link tableDraft} reports. */
export interface TabledDraft {
  version: { id: string; document: string; label: string; date: string; basedOn: string | null; proponents: string[]; event: string | null };
  counts: { points: number; provisions: number };
  /** Id of the alignment decisions stored with it (splits and merges made in the editor), or null. */
  alignment: string | null;
  draft: string;
}

/** Problems that keep a tree from being tabled: unmatched brackets, empty points. */
function tableProblems(tree: Provision[]): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const p of walkProvisions(tree)) {
    const name = `${p.kind} ${p.num ?? p.heading ?? p.lineage}`;
    const br = findBrackets(p.text);
    if (br.unmatchedOpen || br.unmatchedClose) out.push({ field: `provisions.${p.lineage}`, message: `${name} has ${br.unmatchedOpen ? `${br.unmatchedOpen} "[" without "]"` : ''}${br.unmatchedOpen && br.unmatchedClose ? ' and ' : ''}${br.unmatchedClose ? `${br.unmatchedClose} "]" without "["` : ''}` });
    if (p.kind !== 'axis' && !p.text.trim() && !p.children.length) out.push({ field: `provisions.${p.lineage}`, message: `${name} has no text` });
  }
  return out;
}

/**
 * Table an open draft: an immutable version of its document with the date, the event of the record
 * where it is tabled (the version joins the event's `tabled` list) and the proponents; the splits
 * and merges made in the editor stored as the alignment decisions of the pair (base, version); the
 * draft marked tabled. All in one transaction.
 * @throws AccordError `not_found` (draft, event), `invalid_input` (unknown party, unmatched
 *   brackets, an empty draft), `conflict` (version id taken, draft already tabled),
 *   `precondition_failed` (the draft changed since it was read)
 */
export async function tableDraft(ctx: ServiceContext, pid: string, id: string, raw: TableInput, ifMatch?: string): Promise<TabledDraft> {
  const input = parseWith(TableInput, raw, 'table');
  const read = await openDraft(ctx, pid, id, ifMatch);
  const d = read.entity;
  const data = await ctx.store.loadProcess(pid);
  const doc = data.documents.find((x) => x.id === d.document);
  if (!doc) throw notFound(`no document "${d.document}" in process "${pid}"`, { field: 'document' });
  if (!d.provisions.length) throw invalid('the draft holds no provision', { field: 'provisions' });
  const problems = tableProblems(d.provisions);
  if (problems.length) throw invalid(`the draft cannot be tabled: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { field: problems[0]!.field }, problems);
  let event: Event | undefined;
  if (input.event !== undefined) {
    event = data.events.find((e) => e.id === input.event);
    if (!event) throw notFound(`no event "${input.event}" on the record`, { field: 'event' });
  }
  const date = input.date ?? (event && precisionOf(event.start) === 'day' ? event.start : todayIso());
  const proponents = input.proponents?.length ? input.proponents : doc.proponents;
  checkParties(data, proponents, 'proponents');
  const { id: vid, n } = newVersionId(data, doc.id, input.id);
  const version = VersionSchema.parse({
    id: vid,
    document: doc.id,
    label: input.label ?? `v${n}`,
    date,
    proponents,
    ...(d.basedOn ? { basedOn: d.basedOn } : {}),
    ...(input.note ? { note: input.note } : {}),
    provisions: d.provisions,
  });
  const writes: PutItem[] = [{ kind: 'versions', entity: version }];
  let alignment: string | null = null;
  const base = d.basedOn ? data.versions.find((v) => v.id === d.basedOn) : undefined;
  const overrides = base ? normaliseLinks(d.links, lineagesOf(base.provisions), d.provisions) : [];
  if (base && overrides.length) {
    const record: Alignment = { id: alignmentId(base.id, vid), from: base.id, to: vid, overrides, note: `splits and merges made in draft ${d.id}` };
    writes.push({ kind: 'alignments', entity: record, expect: { absent: true } });
    alignment = record.id;
  }
  if (event) writes.push({ kind: 'events', entity: { ...event, tabled: [...new Set([...event.tabled, vid])] }, expect: { present: true } });
  writes.push({ kind: 'drafts', entity: { ...d, status: 'tabled', tabledAs: vid, updatedAt: nowIso(), updatedBy: ctx.actor }, expect: { etag: read.etag } });
  await ctx.store.write(pid, writes, { actor: ctx.actor });
  ctx.log?.info({ process: pid, draft: d.id, version: vid, actor: ctx.actor }, 'draft tabled');
  const all = [...walkProvisions(version.provisions)];
  return {
    version: { id: vid, document: doc.id, label: version.label, date, basedOn: version.basedOn ?? null, proponents, event: event?.id ?? null },
    counts: { points: all.filter((p) => p.kind === 'point').length, provisions: all.length },
    alignment,
    draft: d.id,
  };
}

/** Discard a draft (the mediator; on a team server the access policy decides). */
export async function deleteDraft(ctx: ServiceContext, pid: string, id: string, ifMatch?: string): Promise<{ deleted: { kind: 'drafts'; id: string } }> {
  await readDraft(ctx, pid, id);
  await ctx.store.remove(pid, 'drafts', id, { actor: ctx.actor }, ifMatch !== undefined && ifMatch !== '*' ? { etag: ifMatch } : undefined);
  ctx.log?.info({ process: pid, draft: id, actor: ctx.actor }, 'draft deleted');
  return { deleted: { kind: 'drafts', id } };
}

/** The revise view of a draft the viewer may see (src/services/views/onetext.ts). */
export async function reviseOf(ctx: ServiceContext, pid: string, id: string): Promise<ReviseView> {
  const d = (await readDraft(ctx, pid, id)).entity;
  const data = await ctx.store.loadProcess(pid);
  return reviseView(data, d, filterVisible(ctx.viewer, await ctx.store.list(pid, 'critiques')));
}
