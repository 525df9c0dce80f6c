/**
 * The review queue of report ingestion, pure part (no I/O): an extraction becomes a queued
 * {@link Report}; a reviewer's decisions on its proposals become a {@link ReviewPlan} — the entities
 * to write in ONE transaction (src/ingest/queue.ts writes them with `Store.putMany`) and the report
 * with its proposals' new statuses.
 *
 * What an accepted proposal becomes:
 * - the report's **Source** first (url, or `accord:report/<id>` when the report has none; outlet,
 *   title = headline, publishedAt), cited by everything accepted from the report;
 * - a **person** proposal → a Person (id from the name unless the reviewer gives one);
 * - an **event** proposal → an Event, or, when the record already holds the same event (see
 *   {@link findMergeTarget}), that event with the report's source, the new attendees, missing place
 *   parts and a scheduled status updated (e.g. scheduled → held) — MERGED, not duplicated;
 * - a **statement** proposal → Evidence (speaker id or phrase, onBehalfOf, quote or paraphrase,
 *   attribution, saidAt, the report's source, the event it was made at — see ./link.ts — else the event
 *   told in the same sentence) and, when the reviewer picks a stance and provisions (lineage ids) or a document, one Position per provision.
 *
 * Decisions: `accept` (as proposed → status `accepted`), `edit` (with the reviewer's changes →
 * `edited`), `reject` (nothing written → `rejected`; rejecting again changes nothing). A proposal
 * already accepted or edited cannot be decided again (`conflict`): change the record itself instead.
 * Bad decisions and edits are `invalid_input` naming `decisions[i].…`; nothing is planned then.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addDays, endOf, startOf } from '../model/dates.js';
import { AccordError, conflict, type ErrorDetail, invalid, notFound } from '../model/errors.js';
import {
  type Attendee,
  type Event,
  EventEdits,
  type EventKind,
  type EventStatus,
  type Evidence,
  type NamedPerson,
  type Person,
  PersonEdits,
  type Place,
  type Position,
  type ProcessData,
  type Report,
  type ReportProposal,
  type ReviewOutcome,
  type Source,
  StatementEdits,
} from '../model/schemas.js';
import type { PutItem } from '../model/entities.js';
import { refIndex } from '../model/references.js';
import type { IngestResult, ReportInput } from './types.js';
import { eventOfStatement } from './link.js';

/** One reviewer decision on proposal `n` of a report. `edits` only with `edit` (fields by proposal type, see schemas.ts). */
export const ReviewDecision = z.strictObject({
  n: z.number().int().positive(),
  action: z.enum(['accept', 'reject', 'edit']),
  edits: z.record(z.string(), z.unknown()).optional(),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** Days of slack on each side when an approximate date is compared with another. */
export const APPROXIMATE_SLACK_DAYS = 3;

/** Longest headline kept as a report's title. */
const TITLE_MAX = 200;

/** The headline of a report: its first non-empty line, trimmed (at most 200 characters). */
export function headline(text: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!line) return undefined;
  const t = line.trim().replace(/^#+\s*/, '');
  return t.length > TITLE_MAX ? t.slice(0, TITLE_MAX - 1) + '…' : t;
}

/**
 * A queued report from an extraction: proposals numbered from 1 — events, then statements, then
 * the new persons named (spanned at their first mention) — all `pending`.
 */
export function toReport(input: ReportInput, result: IngestResult, id: string): Report {
  const proposals: ReportProposal[] = [];
  let n = 0;
  for (const e of result.events) {
    const { span, confidence, mentions, ...rest } = e;
    proposals.push({ n: ++n, type: 'event', span, confidence, status: 'pending', proposed: { ...rest, mentions }, edits: {} });
  }
  for (const s of result.statements) {
    const { span, confidence, event: _event, ...rest } = s;
    proposals.push({ n: ++n, type: 'statement', span, confidence, status: 'pending', proposed: rest, edits: {} });
  }
  for (const p of result.newPersons) {
    const at = input.text.indexOf(p.name);
    proposals.push({ n: ++n, type: 'person', span: at >= 0 ? [at, at + p.name.length] : [0, 0], confidence: 0.6, status: 'pending', proposed: { ...p }, edits: {} });
  }
  const title = headline(input.text);
  return {
    id,
    text: input.text,
    published: result.published,
    ...(input.outlet ? { outlet: input.outlet } : {}),
    ...(input.url ? { url: input.url } : {}),
    ...(title ? { title } : {}),
    proposals,
    warnings: result.warnings.map((w) => w.message),
  };
}

// ── merging events ──────────────────────────────────────────────────────────────────────────

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** Kinds that may name the same occasion: equal, a visit and the meeting it was for, a meeting and a round of talks. */
function kindsCompatible(a: EventKind, b: EventKind): boolean {
  if (a === b) return true;
  const k = new Set([a, b]);
  return k.has('meeting') && (k.has('visit') || k.has('talks'));
}

/** Statuses that may describe one event at different times (scheduled → anything; postponed ↔ cancelled ↔ rescheduled). */
function statusesCompatible(a: EventStatus, b: EventStatus): boolean {
  if (a === b || a === 'scheduled' || b === 'scheduled') return true;
  const off = ['postponed', 'cancelled', 'rescheduled'];
  return off.includes(a) && off.includes(b);
}

/** The days an event covers, `[first, last]` as `YYYY-MM-DD`, widened when approximate. */
function daysOf(e: Pick<Event, 'start' | 'end' | 'approximate'>): [string, string] {
  const from = startOf(e.start);
  const to = endOf(e.end ?? e.start);
  return e.approximate ? [addDays(from, -APPROXIMATE_SLACK_DAYS), addDays(to, APPROXIMATE_SLACK_DAYS)] : [from, to];
}

function placesCompatible(a: Place | undefined, b: Place | undefined): boolean {
  if (!a || !b) return true;
  if (a.city && b.city && norm(a.city) !== norm(b.city)) return false;
  if (a.country && b.country && norm(a.country) !== norm(b.country)) return false;
  return true;
}

/** An event built from a proposal, with the kind of each attendee as the report named it. */
export interface CandidateEvent {
  event: Event;
  /** Parallel to `event.attendees`: known person, new person, group phrase, or set by the reviewer. */
  attendeeKinds: ('known' | 'new' | 'group' | 'edited')[];
}

/** Attendees the stored event and the candidate share, by person id or name; empty when none. */
function sharedAttendees(stored: Event, c: CandidateEvent): string[] {
  const names = new Set(stored.attendees.map((a) => norm(a.person)));
  const shared = c.event.attendees.filter((a) => names.has(norm(a.person))).map((a) => a.person);
  if (shared.length) return shared;
  // Only groups named ("European leaders", "a Russian delegation"): each must be a party present.
  const individuals = c.event.attendees.filter((_, i) => c.attendeeKinds[i] !== 'group');
  const groups = c.event.attendees.filter((_, i) => c.attendeeKinds[i] === 'group');
  if (individuals.length === 0 && groups.length > 0) {
    const parties = new Set(stored.attendees.map((a) => a.party).filter(Boolean));
    if (groups.every((g) => g.party && parties.has(g.party))) return groups.map((g) => g.person);
  }
  return [];
}

/** A stored event a proposed one merges into, with the attendees they share. */
export interface MergeTarget {
  event: Event;
  shared: string[];
}

/**
 * The stored event that is the same occasion as `c`, or null. Same test as `compatible()` in
 * ./events.ts, applied to the record: compatible kinds (equal; meeting with visit or talks), compatible
 * statuses (equal; one scheduled; postponed/cancelled/rescheduled), overlapping days (reduced dates
 * as the interval they denote, approximate ones widened by {@link APPROXIMATE_SLACK_DAYS}),
 * compatible places (no differing city or country) and at least one shared attendee (by id or name;
 * for a proposal naming only groups, every group's party present); when either date is coarser than
 * a day, every person the proposal names must attend the stored event. Among several, the one sharing
 * the most attendees, then of the same kind, start, status and city; ties go to the earlier stored.
 */
export function findMergeTarget(events: Event[], c: CandidateEvent): MergeTarget | null {
  const [cFrom, cTo] = daysOf(c.event);
  let best: { t: MergeTarget; score: number } | null = null;
  for (const e of events) {
    if (!kindsCompatible(e.kind, c.event.kind)) continue;
    if (!statusesCompatible(e.status, c.event.status)) continue;
    const [from, to] = daysOf(e);
    if (from > cTo || cFrom > to) continue;
    if (!placesCompatible(e.place, c.event.place)) continue;
    const shared = sharedAttendees(e, c);
    if (!shared.length) continue;
    // A date coarser than a day ("in November", an undated plan) is weak evidence: every person the
    // proposal names must then be at the stored event.
    if (e.start.length < 10 || c.event.start.length < 10) {
      const names = new Set(e.attendees.map((a) => norm(a.person)));
      if (!c.event.attendees.every((a, i) => c.attendeeKinds[i] === 'group' || names.has(norm(a.person)))) continue;
    }
    const score =
      3 * shared.length +
      (e.kind === c.event.kind ? 1 : 0) +
      (e.start === c.event.start ? 1 : 0) +
      (e.status === c.event.status ? 1 : 0) +
      (e.place?.city && norm(e.place.city) === norm(c.event.place?.city) ? 1 : 0);
    if (!best || score > best.score) best = { t: { event: e, shared }, score };
  }
  return best?.t ?? null;
}

/**
 * The stored event with a report's evidence merged in: the source added, attendees not yet present
 * added (a group only when nobody of its party attends), missing place parts filled, and a
 * `scheduled` status replaced by the report's (held, postponed…). Dates, title and the rest stay.
 */
export function mergeEvent(stored: Event, c: CandidateEvent, sourceId: string): Event {
  const out: Event = structuredClone(stored);
  if (!out.sources.includes(sourceId)) out.sources.push(sourceId);
  c.event.attendees.forEach((a, i) => {
    if (out.attendees.some((b) => norm(b.person) === norm(a.person))) return;
    if (c.attendeeKinds[i] === 'group' && (!a.party || out.attendees.some((b) => b.party === a.party))) return;
    out.attendees.push(a);
  });
  if (c.event.place) {
    const place: Place = { ...(out.place ?? {}) };
    for (const k of ['city', 'country', 'venue'] as const) if (!place[k] && c.event.place[k]) place[k] = c.event.place[k];
    if (Object.keys(place).length) out.place = place;
  }
  if (out.status === 'scheduled' && c.event.status !== 'scheduled') out.status = c.event.status;
  return out;
}

// ── planning a review ───────────────────────────────────────────────────────────────────────

/** What one decided proposal became. */
export interface DecisionOutcome {
  n: number;
  type: ReportProposal['type'];
  status: ReportProposal['status'];
  written: ReviewOutcome['written'];
}

/** Everything a set of decisions writes, in write order (source, persons, events, evidence, positions, report). */
export interface ReviewPlan {
  report: Report;
  items: PutItem[];
  outcomes: DecisionOutcome[];
}

/** Options of {@link planReview}. */
export interface PlanOptions {
  /** Recorded as the reviewer (`cli:<user>`, `user:<name>`, `web:local`). */
  actor: string;
  /** ISO date-time of the decision (default now). */
  now?: string;
  /** Id generator for new entities (default `<prefix>-<8 hex digits>`). */
  newId?: (prefix: string) => string;
}

/** `<prefix>-<8 hex digits>`. */
export function randomId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A person id from a name: lower-case words joined by `-` (`Ana María Pereira` → `ana-maria-pereira`, accents dropped). */
export function personSlug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'person';
}

type Proposal<T extends ReportProposal['type']> = Extract<ReportProposal, { type: T }>;

/**
 * Plan the writes of `decisions` on `report` against the process `data` (pure; nothing is written).
 * Throws `not_found` (no such proposal, merge target or event), `conflict` (already accepted, a
 * person id taken) or `invalid_input` (bad edits, unknown party/provision/document, an event with no
 * date), each naming `decisions[i].…`; on any error nothing should be written.
 */
export function planReview(data: ProcessData, report: Report, decisions: ReviewDecision[], opts: PlanOptions): ReviewPlan {
  const now = opts.now ?? new Date().toISOString();
  const newId = opts.newId ?? randomId;
  const problems: ErrorDetail[] = [];
  const byN = new Map(report.proposals.map((p) => [p.n, p]));
  const seen = new Set<number>();
  const chosen: { i: number; d: ReviewDecision; p: ReportProposal; edits: Record<string, unknown> }[] = [];

  decisions.forEach((d, i) => {
    const at = `decisions[${i}]`;
    const p = byN.get(d.n);
    if (!p) throw notFound(`report "${report.id}" has no proposal ${d.n} (it has ${report.proposals.length})`, { field: `${at}.n` });
    if (seen.has(d.n)) throw invalid(`proposal ${d.n} is decided twice in one request`, { field: `${at}.n` });
    seen.add(d.n);
    if (p.status === 'accepted' || p.status === 'edited') {
      const into = p.review?.written.map((w) => `${w.kind}/${w.id}`).join(', ');
      throw conflict(`proposal ${d.n} was already ${p.status}${into ? ` (into ${into})` : ''}; change the record itself instead`, { field: `${at}.n` });
    }
    if (d.action !== 'edit' && d.edits !== undefined) throw invalid(`only an "edit" decision carries edits (proposal ${d.n} is "${d.action}")`, { field: `${at}.edits` });
    let edits: Record<string, unknown> = {};
    if (d.action === 'edit') {
      const schema = p.type === 'event' ? EventEdits : p.type === 'statement' ? StatementEdits : PersonEdits;
      const r = schema.safeParse(d.edits ?? {});
      if (!r.success) {
        for (const issue of r.error.issues) problems.push({ field: [`${at}.edits`, ...issue.path.map(String)].join('.'), message: issue.message });
        return;
      }
      edits = r.data;
      if (Object.keys(edits).length === 0) problems.push({ field: `${at}.edits`, message: `an "edit" decision needs at least one changed field (proposal ${d.n} is a ${p.type})` });
    }
    chosen.push({ i, d, p, edits });
  });
  if (problems.length) throw invalid(`the review of report "${report.id}" has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`, { field: 'decisions' }, problems);

  // The ids references are checked against: the one index of src/model/references.ts.
  const idx = refIndex(data);
  const { parties, lineages } = idx;
  const docs = new Set([...idx.documents, ...idx.versions]);
  const fail = (i: number, field: string, message: string): never => {
    throw invalid(message, { field: `decisions[${i}].${field}` });
  };

  // Working copies: events as they will be after this batch; ids already taken.
  const events = new Map(data.events.map((e) => [e.id, e]));
  const touchedEvents = new Map<string, Event>();
  const personIds = new Set(data.persons.map((p) => p.id));
  const personByName = new Map<string, string>();
  for (const p of data.persons) personByName.set(norm(p.name), p.id);
  const writtenOf = (p: ReportProposal) => p.review?.written ?? [];
  for (const p of report.proposals) {
    if (p.type === 'person') for (const w of writtenOf(p)) if (w.kind === 'persons') personByName.set(norm(p.proposed.name), w.id);
  }
  const eventOfN = new Map<number, string>();
  for (const p of report.proposals) if (p.type === 'event') for (const w of writtenOf(p)) if (w.kind === 'events') eventOfN.set(p.n, w.id);

  const accepting = chosen.filter((c) => c.d.action !== 'reject');
  const outcomes = new Map<number, DecisionOutcome>();
  const persons: Person[] = [];
  const evidence: Evidence[] = [];
  const positions: Position[] = [];
  let source: Source | undefined;
  let sourceId = report.sourceId && data.sources.some((s) => s.id === report.sourceId) ? report.sourceId : undefined;
  if (accepting.length && !sourceId) {
    source = {
      id: newId('source'),
      url: report.url ?? `accord:report/${report.id}`,
      ...(report.outlet ? { outlet: report.outlet } : {}),
      ...(report.title ? { title: report.title } : {}),
      publishedAt: report.published,
    };
    sourceId = source.id;
  }
  const written = (n: number) => outcomes.get(n)!.written;
  for (const c of chosen) outcomes.set(c.p.n, { n: c.p.n, type: c.p.type, status: c.d.action === 'reject' ? 'rejected' : c.d.action === 'edit' ? 'edited' : 'accepted', written: [] });
  if (source) written(accepting[0]!.p.n).push({ kind: 'sources', id: source.id, action: 'created' });
  const sorted = (t: ReportProposal['type']) => accepting.filter((c) => c.p.type === t).sort((a, b) => a.p.n - b.p.n);

  // Persons first: events and statements may name them.
  for (const { i, p, edits } of sorted('person')) {
    const pp = p as Proposal<'person'>;
    const e = edits as z.infer<typeof PersonEdits>;
    const name = e.name ?? pp.proposed.name;
    const party = e.party === null ? undefined : (e.party ?? pp.proposed.party);
    if (party !== undefined && !parties.has(party)) fail(i, 'edits.party', `unknown party "${party}"`);
    const existing = e.id === undefined ? personByName.get(norm(name)) : undefined;
    if (existing) {
      written(p.n).push({ kind: 'persons', id: existing, action: 'merged' });
      personByName.set(norm(pp.proposed.name), existing);
      continue;
    }
    let id = e.id ?? personSlug(name);
    if (e.id !== undefined && personIds.has(id)) throw conflict(`person id "${id}" is taken; choose another`, { field: `decisions[${i}].edits.id` });
    for (let k = 2; personIds.has(id); k++) id = `${personSlug(name)}-${k}`;
    personIds.add(id);
    const person: Person = {
      id,
      name,
      aliases: e.aliases ?? (name !== pp.proposed.name ? [pp.proposed.name] : []),
      memberships: party && e.post ? [{ onBehalfOf: party, post: e.post, from: report.published }] : [],
    };
    persons.push(person);
    personByName.set(norm(pp.proposed.name), id);
    personByName.set(norm(name), id);
    written(p.n).push({ kind: 'persons', id, action: 'created' });
  }

  const attendeeOf = (a: NamedPerson): Attendee => {
    const person = a.kind === 'known' && a.person ? a.person : a.kind === 'new' ? (personByName.get(norm(a.name)) ?? a.name) : a.name;
    return { person, ...(a.party && parties.has(a.party) ? { party: a.party } : {}) };
  };

  for (const { i, p, edits } of sorted('event')) {
    const pe = (p as Proposal<'event'>).proposed;
    const e = edits as z.infer<typeof EventEdits>;
    const status = e.status ?? pe.status;
    let start = e.start ?? pe.start ?? undefined;
    let approximate = e.approximate ?? pe.approximate;
    if (!start) {
      if (status !== 'scheduled') fail(i, 'edits.start', `proposal ${p.n} gives no date; edit it with a start date`);
      start = report.published.slice(0, 7);
      approximate = e.approximate ?? true;
    }
    const end = 'end' in e ? (e.end ?? undefined) : (pe.end ?? undefined);
    if (end !== undefined && startOf(end) < startOf(start)) fail(i, 'edits.end', `the end ${end} comes before the start ${start}`);
    const placeIn = 'place' in e ? e.place : pe.place;
    const place = placeIn && Object.values(placeIn).some(Boolean) ? placeIn : undefined;
    const attendees = e.attendees ?? pe.attendees.map(attendeeOf);
    attendees.forEach((a, j) => {
      if (a.party !== undefined && !parties.has(a.party)) fail(i, `edits.attendees.${j}.party`, `unknown party "${a.party}"`);
    });
    const notes = [e.note, pe.medium === 'remote' ? 'held remotely (video link)' : undefined, `from report ${report.id}, proposal ${p.n}`].filter(Boolean);
    const candidate: CandidateEvent = {
      event: {
        id: newId('event'),
        kind: e.kind ?? pe.kind,
        status,
        title: e.title ?? pe.title,
        start,
        ...(end !== undefined && end !== start ? { end } : {}),
        approximate,
        ...(place ? { place } : {}),
        attendees,
        tabled: [],
        provisions: [],
        note: notes.join('; '),
        sources: [sourceId!],
      },
      attendeeKinds: e.attendees ? attendees.map(() => 'edited' as const) : pe.attendees.map((a) => a.kind),
    };
    let target: Event | undefined;
    if (typeof e.mergeInto === 'string') {
      target = events.get(e.mergeInto);
      if (!target) throw notFound(`no event "${e.mergeInto}" to merge into`, { field: `decisions[${i}].edits.mergeInto` });
    } else if (e.mergeInto !== null) {
      target = findMergeTarget([...events.values()], candidate)?.event;
    }
    const out = target ? mergeEvent(target, candidate, sourceId!) : candidate.event;
    events.set(out.id, out);
    touchedEvents.set(out.id, out);
    eventOfN.set(p.n, out.id);
    written(p.n).push({ kind: 'events', id: out.id, action: target ? 'merged' : 'created' });
  }

  /** The accepted event told within a statement's characters, if any. */
  const eventWithin = (span: [number, number]): string | undefined => {
    for (const q of report.proposals) {
      if (q.type !== 'event') continue;
      const id = eventOfN.get(q.n);
      if (!id) continue;
      const spans = [q.span, ...q.proposed.mentions];
      if (spans.some(([f, t]) => f >= span[0] && t <= span[1])) return id;
    }
    return undefined;
  };

  // The event each statement was made at (./link.ts), among this report's event proposals.
  const eventProposals = report.proposals.filter((q): q is Proposal<'event'> => q.type === 'event');
  const linkable = eventProposals.map((e) => ({ ...e.proposed, span: e.span }));
  const madeAt = (q: Proposal<'statement'>): string | undefined => {
    const k = eventOfStatement(linkable, { speaker: q.proposed.speaker, date: q.proposed.date, span: q.span });
    return k === null ? undefined : eventOfN.get(eventProposals[k]!.n);
  };

  for (const { i, p, edits } of sorted('statement')) {
    const ps = p as Proposal<'statement'>;
    const s = ps.proposed;
    const e = edits as z.infer<typeof StatementEdits>;
    const speaker = e.speaker ?? (s.speaker.kind === 'known' && s.speaker.person ? s.speaker.person : (personByName.get(norm(s.speaker.name)) ?? s.speaker.name));
    const onBehalfOf = 'onBehalfOf' in e ? (e.onBehalfOf ?? undefined) : s.party && parties.has(s.party) ? s.party : undefined;
    if (onBehalfOf !== undefined && !parties.has(onBehalfOf)) fail(i, 'edits.onBehalfOf', `unknown party "${onBehalfOf}"`);
    let event: string | undefined;
    if ('event' in e) {
      event = e.event ?? undefined;
      if (event !== undefined && !events.has(event)) throw notFound(`no event "${event}" in the process`, { field: `decisions[${i}].edits.event` });
    } else event = madeAt(ps) ?? eventWithin(p.span);
    const ev: Evidence = {
      id: newId('evidence'),
      speaker,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      form: e.form ?? s.form,
      text: e.text ?? s.text,
      saidAt: e.saidAt ?? s.date ?? report.published,
      attribution: e.attribution ?? s.attribution,
      sources: [sourceId!],
      ...(event ? { event } : {}),
      visibility: 'public',
    };
    evidence.push(ev);
    written(p.n).push({ kind: 'evidence', id: ev.id, action: 'created' });
    const targets = e.provisions?.length ? e.provisions : e.document ? [undefined] : [];
    if (e.stance === undefined && targets.length) fail(i, 'edits.stance', 'choose the stance to record on the provisions');
    if (e.stance !== undefined && !targets.length) fail(i, 'edits.provisions', 'choose the provisions (lineage ids) or the document the stance is about');
    if (e.stance === undefined) continue;
    if (!onBehalfOf) fail(i, 'edits.onBehalfOf', 'a position needs the party it is for: set onBehalfOf');
    if (e.document !== undefined && !docs.has(e.document)) fail(i, 'edits.document', `unknown document or version "${e.document}"`);
    (e.provisions ?? []).forEach((l, j) => {
      if (!lineages.has(l)) fail(i, `edits.provisions.${j}`, `unknown provision lineage "${l}"`);
    });
    for (const provision of targets) {
      const pos: Position = {
        id: newId('position'),
        party: onBehalfOf!,
        ...(provision ? { provision } : {}),
        ...(e.document ? { document: e.document } : {}),
        stance: e.stance,
        ...(e.conditions ? { conditions: e.conditions } : {}),
        ...(e.issue ? { issue: e.issue } : s.topics.length ? { issue: s.topics.join(', ') } : {}),
        asOf: ev.saidAt,
        confidence: 1,
        visibility: 'public',
        evidence: [ev.id],
        note: `coded by the reviewer from report ${report.id}, proposal ${p.n}`,
      };
      positions.push(pos);
      written(p.n).push({ kind: 'positions', id: pos.id, action: 'created' });
    }
  }

  // The report with its new statuses; rejecting a rejected proposal changes nothing.
  let changed = false;
  const proposals = report.proposals.map((p) => {
    const o = outcomes.get(p.n);
    if (!o || (o.status === 'rejected' && p.status === 'rejected')) return p;
    changed = true;
    const c = chosen.find((x) => x.p.n === p.n)!;
    return { ...p, status: o.status, edits: o.status === 'edited' ? (c.edits as never) : p.edits, review: { at: now, by: opts.actor, written: o.written } } as ReportProposal;
  });
  const updated: Report = { ...report, ...(sourceId ? { sourceId } : {}), proposals };
  const items: PutItem[] = [];
  if (source) items.push({ kind: 'sources', entity: source });
  for (const p of persons) items.push({ kind: 'persons', entity: p });
  for (const e of touchedEvents.values()) items.push({ kind: 'events', entity: e });
  for (const e of evidence) items.push({ kind: 'evidence', entity: e });
  for (const p of positions) items.push({ kind: 'positions', entity: p });
  if (changed) items.push({ kind: 'reports', entity: updated });
  return { report: changed ? updated : report, items, outcomes: chosen.map((c) => outcomes.get(c.p.n)!) };
}

/** What accepting one pending proposal as it stands would write, or why it cannot be accepted. */
export interface ProposalPreview {
  n: number;
  /** For an event: the stored event it would merge into (id, title, start, status), or null for a new one. */
  mergeInto?: { id: string; title: string; start: string; end?: string; status: EventStatus; kind: EventKind } | null;
  /** For a statement: the event the evidence would be linked to. */
  event?: string | null;
  /** For a person: the person already in the record under that name. */
  existingPerson?: string | null;
  /** Why accepting as proposed fails (e.g. "gives no date"); the reviewer edits first. */
  problem?: string;
}

/** Previews of every pending (or rejected) proposal of a report, each planned alone against `data`. */
export function previewReport(data: ProcessData, report: Report): ProposalPreview[] {
  const out: ProposalPreview[] = [];
  for (const p of report.proposals) {
    if (p.status === 'accepted' || p.status === 'edited') continue;
    const pv: ProposalPreview = { n: p.n };
    try {
      const plan = planReview(data, report, [{ n: p.n, action: 'accept' }], { actor: 'preview', now: '1970-01-01T00:00:00Z', newId: (x) => `${x}-new` });
      const w = plan.outcomes[0]!.written;
      if (p.type === 'event') {
        const m = w.find((x) => x.kind === 'events' && x.action === 'merged');
        const e = m ? data.events.find((x) => x.id === m.id) : undefined;
        pv.mergeInto = e ? { id: e.id, title: e.title, start: e.start, ...(e.end ? { end: e.end } : {}), status: e.status, kind: e.kind } : null;
      } else if (p.type === 'statement') {
        const ev = plan.items.find((x) => x.kind === 'evidence')?.entity as Evidence | undefined;
        pv.event = ev?.event ?? null;
      } else {
        pv.existingPerson = w.find((x) => x.kind === 'persons' && x.action === 'merged')?.id ?? null;
      }
    } catch (err) {
      pv.problem = err instanceof AccordError ? err.message : String(err);
    }
    out.push(pv);
  }
  return out;
}
