/**
 * Critiques (the one-text procedure): a party delegation answers a tabled version point by point —
 * a stance (accepts, accepts with conditions, proposes an alternative, rejects) with its
 * conditions or proposed wording and a note — and submits it to the mediator.
 *
 * Visibility follows the critique's life, by the one rule of src/model/visibility.ts:
 * - while written, `{confidentialTo: party}`: the party's delegation alone;
 * - once submitted, `{confidentialTo: party, sharedWith: mediator-team}`: the party and the mediator's
 *   team (never another party);
 * - once the party publishes it, `public`.
 * Submitting records, through the stances service's rules (src/model/stance.ts), one position per
 * answer as of the submission date, with the answer itself as its evidence (an evidence item citing
 * the critique), in the critique's visibility — critique, evidence and positions in one
 * transaction. A submitted critique changes only by being submitted again (the same positions are
 * updated); a later critique of the next version supersedes its positions by date, as every later
 * stance does. `accord critique …` and the `/critiques` routes are adapters over this module.
 */
import { STANCE_LABEL } from '../analysis/positions.js';
import { todayIso } from '../model/dates.js';
import { AccordError, conflict, type ErrorDetail, invalid, notFound, preconditionFailed } from '../model/errors.js';
import type { PutItem } from '../model/entities.js';
import { CritiqueInput, CritiqueUpdate, SubmitInput } from '../model/inputs.js';
import { addToIndex, refIndex } from '../model/references.js';
import { Critique, type CritiqueAnswer, type ProcessData, type Version, type Visibility, walkProvisions } from '../model/schemas.js';
import type { StanceDraft } from '../model/stance.js';
import { invalidFrom, parseWith } from '../model/validation.js';
import { filterVisible, visibleToViewer } from '../model/visibility.js';
import { responseCsv, responseMarkdown, type ResponseView, responseView } from './views/onetext.js';
import { type RoundView, roundView } from './views/round.js';
import type { Tagged } from '../store/store.js';
import { newId, requireProcess } from './changes.js';
import type { ServiceContext } from './context.js';
import { planStances } from './stances.js';
import { viewKey } from './reading.js';

/** Visibility of a critique being written by `party`'s delegation. */
export const writtenBy = (party: string): Visibility => ({ confidentialTo: party });
/** Visibility of a submitted critique of `party`. */
export const sharedBy = (party: string): Visibility => ({ confidentialTo: party, sharedWith: 'mediator-team' });

const nowIso = () => new Date().toISOString();

/** A critique the viewer may see, with its entity tag; `not_found` otherwise. */
export async function readCritique(ctx: ServiceContext, pid: string, id: string): Promise<Tagged<Critique>> {
  const t = await ctx.store.getTagged(pid, 'critiques', id);
  if (!t || !visibleToViewer(ctx.viewer, t.entity.visibility)) {
    await requireProcess(ctx.store, pid);
    throw notFound(`no critique "${id}" in process "${pid}"`, { field: 'id' });
  }
  return t;
}

/** The critiques the viewer may see, optionally of one version or one party, in stored order. */
export async function listCritiques(ctx: ServiceContext, pid: string, q: { version?: string; party?: string } = {}): Promise<Critique[]> {
  await requireProcess(ctx.store, pid);
  return (await ctx.store.list(pid, 'critiques')).filter((c) => visibleToViewer(ctx.viewer, c.visibility) && (q.version === undefined || c.version === q.version) && (q.party === undefined || c.party === q.party));
}

/** Problems of answers against the critiqued version: unknown or repeated provisions. */
function answerProblems(answers: { provision: string }[], version: Version): ErrorDetail[] {
  const known = new Set([...walkProvisions(version.provisions)].map((p) => p.lineage));
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  answers.forEach((a, i) => {
    if (!known.has(a.provision)) out.push({ field: `answers[${i}].provision`, message: `version "${version.id}" has no provision "${a.provision}"` });
    else if (seen.has(a.provision)) out.push({ field: `answers[${i}].provision`, message: `provision "${a.provision}" is answered twice` });
    seen.add(a.provision);
  });
  return out;
}

/** The party a critique is written for: a delegate's own; the local user names one. */
function answeringParty(ctx: ServiceContext, data: ProcessData, given: string | undefined): string {
  let party = given;
  if (ctx.viewer.kind === 'user') {
    if (!ctx.viewer.party) throw new AccordError('forbidden', 'only a party delegation answers a tabled text', { field: 'party' });
    if (given !== undefined && given !== ctx.viewer.party) throw new AccordError('forbidden', `you answer for ${ctx.viewer.party}, not for ${given}`, { field: 'party' });
    party = ctx.viewer.party;
  }
  if (party === undefined) throw invalid('name the party answering', { field: 'party' });
  if (!data.parties.some((p) => p.id === party)) throw invalid(`unknown party "${party}"`, { field: 'party' });
  return party;
}

/**
 * Start a critique of a tabled version for the caller's party (a delegate's own; the local user
 * names it), visible to that party alone until submitted.
 * @throws AccordError `not_found` (version), `invalid_input` (party, answers), `forbidden` (not a delegate, another party)
 */
export async function createCritique(ctx: ServiceContext, pid: string, raw: CritiqueInput): Promise<Tagged<Critique>> {
  const input = parseWith(CritiqueInput, raw, 'critique');
  const data = await ctx.store.loadProcess(pid);
  const version = data.versions.find((v) => v.id === input.version);
  if (!version) throw notFound(`no version "${input.version}" to answer`, { field: 'version' });
  const party = answeringParty(ctx, data, input.party);
  const problems = answerProblems(input.answers, version);
  if (problems.length) throw invalidFrom(problems, 'critique');
  const critique = Critique.parse({ id: newId('critiques'), version: version.id, party, answers: input.answers, ...(input.note ? { note: input.note } : {}), status: 'draft', updatedAt: nowIso(), updatedBy: ctx.actor, visibility: writtenBy(party) });
  const [w] = await ctx.store.write(pid, [{ kind: 'critiques', entity: critique, expect: { absent: true } }], { actor: ctx.actor });
  ctx.log?.info({ process: pid, critique: critique.id, actor: ctx.actor }, 'critique created');
  return { entity: critique, etag: w!.etag };
}

/** A critique the caller may change, checked against the tag it read. */
async function ownCritique(ctx: ServiceContext, pid: string, id: string, ifMatch?: string): Promise<Tagged<Critique>> {
  const t = await readCritique(ctx, pid, id);
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== t.etag) throw preconditionFailed(`critique "${id}" changed since you read it; reload it and apply your change again`, { field: 'If-Match' });
  if (ctx.viewer.kind === 'user' && ctx.viewer.party !== t.entity.party) throw new AccordError('forbidden', `the critique is ${t.entity.party}'s to change`, { field: 'id' });
  return t;
}

/**
 * Save the answers of a critique being written (the whole list replaces the old one). A submitted
 * critique changes only by {@link submitCritique} with new answers.
 * @throws AccordError `not_found`, `invalid_input`, `conflict` (submitted), `precondition_failed`, `forbidden`
 */
export async function saveCritique(ctx: ServiceContext, pid: string, id: string, raw: CritiqueUpdate, ifMatch?: string): Promise<Tagged<Critique>> {
  const input = parseWith(CritiqueUpdate, raw, 'critique');
  const read = await ownCritique(ctx, pid, id, ifMatch);
  const c = read.entity;
  if (c.status === 'submitted') throw conflict(`critique "${id}" was submitted on ${c.submittedAt}; to change it, submit it again with the new answers`, { field: 'id' });
  const version = await ctx.store.get(pid, 'versions', c.version);
  if (!version) throw notFound(`no version "${c.version}"`, { field: 'version' });
  const problems = answerProblems(input.answers, version);
  if (problems.length) throw invalidFrom(problems, 'critique');
  const { note: _n, ...rest } = c;
  const note = input.note === undefined ? c.note : (input.note ?? undefined);
  const next: Critique = { ...rest, ...(note ? { note } : {}), answers: input.answers, updatedAt: nowIso(), updatedBy: ctx.actor };
  const [w] = await ctx.store.write(pid, [{ kind: 'critiques', entity: next, expect: { etag: read.etag } }], { actor: ctx.actor });
  return { entity: next, etag: w!.etag };
}

/** What a party says on a point, in words: the text of the evidence a submitted answer records. */
export function answerText(partyName: string, label: string, a: Pick<CritiqueAnswer, 'stance' | 'conditions' | 'amendment' | 'note'>): string {
  const parts = [`${partyName} on ${label}: ${STANCE_LABEL[a.stance]}`];
  if (a.conditions) parts.push(`conditions: ${a.conditions}`);
  if (a.amendment) parts.push(`proposed wording: “${a.amendment}”`);
  if (a.note) parts.push(a.note);
  return parts.join(' — ');
}

/** Problems that keep answers from being submitted: missing conditions or wording, nothing answered. */
function submitProblems(answers: CritiqueAnswer[], version: Version): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (!answers.length) out.push({ field: 'answers', message: 'answer at least one point before submitting' });
  const text = new Map([...walkProvisions(version.provisions)].map((p) => [p.lineage, p.text]));
  answers.forEach((a, i) => {
    if (a.stance === 'accepts-with-conditions' && !a.conditions) out.push({ field: `answers[${i}].conditions`, message: 'say the conditions of an acceptance with conditions' });
    if (a.stance === 'proposes-alternative' && !a.amendment) out.push({ field: `answers[${i}].amendment`, message: 'give the wording you propose' });
    if (a.amendment !== undefined && a.amendment.trim() === text.get(a.provision)?.trim()) out.push({ field: `answers[${i}].amendment`, message: 'the proposed wording is the tabled wording' });
  });
  return out;
}

/** What {@link submitCritique} wrote. */
export interface SubmittedCritique {
  critique: Critique;
  etag: string;
  /** The positions recorded (one per answer), and their evidence. */
  positions: string[];
  evidence: string[];
}

/**
 * Submit a critique (see the module doc): record one position per answer as of `date` (default
 * today) with the answer as its evidence, share the critique with the mediator's team, in one
 * transaction. With `answers`, they replace the saved ones first (a submitted critique is changed
 * by submitting it again: its positions are updated).
 * @throws AccordError `not_found`, `invalid_input` (incomplete answers), `precondition_failed`, `forbidden`
 */
export async function submitCritique(ctx: ServiceContext, pid: string, id: string, raw: SubmitInput = {}, ifMatch?: string): Promise<SubmittedCritique> {
  const input = parseWith(SubmitInput, raw, 'submit');
  const read = await ownCritique(ctx, pid, id, ifMatch);
  const data = await ctx.store.loadProcess(pid);
  const c = read.entity;
  const version = data.versions.find((v) => v.id === c.version);
  if (!version) throw notFound(`no version "${c.version}"`, { field: 'version' });
  const answers: CritiqueAnswer[] = input.answers
    ? input.answers.map((a) => {
        const old = c.answers.find((x) => x.provision === a.provision);
        return { ...a, ...(old?.position ? { position: old.position } : {}), ...(old?.evidence ? { evidence: old.evidence } : {}) };
      })
    : c.answers;
  const problems = [...answerProblems(answers, version), ...submitProblems(answers, version)];
  if (problems.length) throw invalidFrom(problems, 'critique');
  const date = input.date ?? todayIso();
  const visibility = c.visibility === 'public' ? 'public' : sharedBy(c.party);
  const party = data.parties.find((p) => p.id === c.party)!;
  const labels = new Map<string, string>();
  for (const p of walkProvisions(version.provisions)) labels.set(p.lineage, p.num ? `${p.kind === 'subpoint' ? 'sub-point' : 'point'} ${p.num}` : p.heading ?? p.lineage);
  const recorded = answers.map((a) => ({ ...a, position: a.position ?? newId('positions'), evidence: a.evidence ?? newId('evidence') }));
  const note = input.note === undefined ? c.note : (input.note ?? undefined);
  const { note: _n, ...rest } = c;
  const next: Critique = { ...rest, ...(note ? { note } : {}), answers: recorded, status: 'submitted', submittedAt: date, updatedAt: nowIso(), updatedBy: ctx.actor, visibility };
  const index = refIndex(data);
  addToIndex(index, 'critiques', next);
  const drafts: StanceDraft[] = recorded.map((a) => ({
    positions: [{ id: a.position, party: c.party, provision: a.provision, document: version.id, stance: a.stance, asOf: date, visibility, ...(a.conditions ? { conditions: a.conditions } : {}), ...(a.note ? { note: a.note } : {}) }],
    evidence: { id: a.evidence, speaker: `${party.name} delegation`, onBehalfOf: c.party, form: 'quote', text: answerText(party.name, labels.get(a.provision) ?? a.provision, a), saidAt: date, attribution: 'official-document', critique: c.id, visibility, sources: [] },
  }));
  const { items } = planStances(data, drafts, { index, fields: (i) => ({ position: `answers[${i}]`, evidence: `answers[${i}]`, source: `answers[${i}]` }) });
  const writes: PutItem[] = [{ kind: 'critiques', entity: next, expect: { etag: read.etag } }, ...items];
  const results = await ctx.store.write(pid, writes, { actor: ctx.actor });
  ctx.log?.info({ process: pid, critique: c.id, positions: recorded.length, actor: ctx.actor }, 'critique submitted');
  return { critique: next, etag: results[0]!.etag, positions: recorded.map((a) => a.position), evidence: recorded.map((a) => a.evidence) };
}

/**
 * Publish a submitted critique: it, its evidence and its positions become public, in one transaction.
 * @throws AccordError `not_found`, `conflict` (not submitted yet), `precondition_failed`, `forbidden`
 */
export async function publishCritique(ctx: ServiceContext, pid: string, id: string, ifMatch?: string): Promise<Tagged<Critique>> {
  const read = await ownCritique(ctx, pid, id, ifMatch);
  const c = read.entity;
  if (c.status !== 'submitted') throw conflict(`critique "${id}" is not submitted yet; submit it before publishing it`, { field: 'id' });
  if (c.visibility === 'public') return read;
  const next: Critique = { ...c, visibility: 'public', updatedAt: nowIso(), updatedBy: ctx.actor };
  const writes: PutItem[] = [{ kind: 'critiques', entity: next, expect: { etag: read.etag } }];
  for (const a of c.answers) {
    const ev = a.evidence ? await ctx.store.get(pid, 'evidence', a.evidence) : undefined;
    if (ev) writes.push({ kind: 'evidence', entity: { ...ev, visibility: 'public' }, expect: { present: true } });
    const pos = a.position ? await ctx.store.get(pid, 'positions', a.position) : undefined;
    if (pos) writes.push({ kind: 'positions', entity: { ...pos, visibility: 'public' }, expect: { present: true } });
  }
  const [w] = await ctx.store.write(pid, writes, { actor: ctx.actor });
  ctx.log?.info({ process: pid, critique: c.id, actor: ctx.actor }, 'critique published');
  return { entity: next, etag: w!.etag };
}

/**
 * Delete a critique not yet submitted (a submitted one is on the record: its positions cite it).
 * @throws AccordError `not_found`, `conflict` (submitted), `forbidden`
 */
export async function deleteCritique(ctx: ServiceContext, pid: string, id: string, ifMatch?: string): Promise<{ deleted: { kind: 'critiques'; id: string } }> {
  const read = await ownCritique(ctx, pid, id, ifMatch);
  if (read.entity.status === 'submitted') throw conflict(`critique "${id}" was submitted and its positions cite it; it stays on the record`, { field: 'id' });
  await ctx.store.remove(pid, 'critiques', id, { actor: ctx.actor }, { etag: read.etag });
  return { deleted: { kind: 'critiques', id } };
}

/**
 * "What each party asked and what the new version did about it" for version `id`, as the viewer may
 * see it (its own party's critiques for a delegate; every submitted one for the mediator's team):
 * the view, or its export as Markdown or CSV.
 */
export async function responseOf(ctx: ServiceContext, pid: string, id: string, format: 'json' | 'md' | 'csv' = 'json'): Promise<ResponseView | string> {
  const data = await ctx.store.loadProcess(pid);
  const view = responseView(data, id, filterVisible(ctx.viewer, await ctx.store.list(pid, 'critiques')));
  const name = (p: string) => data.parties.find((x) => x.id === p)?.name ?? p;
  if (format === 'md') return responseMarkdown(view, name);
  if (format === 'csv') return responseCsv(view, name);
  return view;
}

/** What the round view reads whole (the critiques are listed and cut to the viewer's apart). */
const ROUND_KINDS = ['documents', 'versions', 'alignments'] as const;

/**
 * What version `id` did as a round (./views/round.ts): its changes against the version it revises,
 * who asked for each (as the viewer may see the critiques), the brackets cleared and added. Kept
 * until the texts, the alignment decisions or the critiques change.
 * @throws AccordError `not_found` (process, version)
 */
export async function roundOf(ctx: ServiceContext, pid: string, id: string): Promise<RoundView> {
  await requireProcess(ctx.store, pid);
  return ctx.store.memo(pid, viewKey(ctx, 'round', { id }), [...ROUND_KINDS, 'critiques', 'process'], async () => {
    const data = await ctx.store.loadKinds(pid, ROUND_KINDS);
    return roundView(data, id, filterVisible(ctx.viewer, await ctx.store.list(pid, 'critiques')));
  });
}
