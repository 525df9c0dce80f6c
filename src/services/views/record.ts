/**
 * Read models the workbench shows that combine several entities: the detail of one point (every
 * party's stance with its evidence resolved to speakers and sources) and the diplomatic record
 * (events with attendees, tabled versions and the statements made there). Pure functions over
 * {@link ProcessData}; the matrix logic itself is {@link positionsMatrix}'s, reused here.
 */
import { stanceDrift, type StanceDrift } from '../../analysis/drift.js';
import { type MatrixCell, positionsMatrix, resolveVersion, timeline, visibleTo } from '../../analysis/positions.js';
import { compareIsoDates, isOnOrBefore, todayIso } from '../../model/dates.js';
import { AccordError } from '../../model/errors.js';
import type { AttributionKind, Event, EventStatus, Evidence, ProcessData, Provision, Stance, TextStatus, Version } from '../../model/schemas.js';

/** A source as shown next to a claim. */
export interface SourceRef {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  publishedAt: string | null;
}

/** An evidence item with its speaker, party, event and sources resolved. */
export interface EvidenceView {
  id: string;
  /** Person id when the speaker is a known person, else null. */
  speakerId: string | null;
  /** The person's name, or the description as recorded ("two officials"). */
  speaker: string;
  onBehalfOf: { id: string; name: string } | null;
  form: 'quote' | 'paraphrase';
  text: string;
  saidAt: string;
  attribution: AttributionKind;
  event: { id: string; title: string; start: string } | null;
  sources: SourceRef[];
  confidential: boolean;
}

/** One party's stance on a point with its evidence and history. */
export interface PartyStanceView {
  party: { id: string; name: string; short: string; role: string };
  /** Latest position as of the date (point or any subpoint), or null when none is recorded. */
  /**
   * Latest position as of the date (point or any subpoint), or null when none is recorded; `since`
   * says when it was taken against another version and how much the wording changed since.
   */
  current: (MatrixCell & { note?: string; confidence: number; confidential: boolean; provision: string; since: StanceDrift | null }) | null;
  evidence: EvidenceView[];
  /** Every visible position of the party on the point and its subpoints up to the date, oldest first. */
  history: { positionId: string; provision: string; stance: Stance; asOf: string; conditions?: string }[];
}

/** What the Text view's detail panel shows for one point. */
export interface PointDetail {
  asOf: string;
  version: { id: string; label: string; date: string; document: string };
  lineage: string;
  num: string | null;
  heading: string | null;
  text: string;
  status: TextStatus;
  axis: { num: string | null; heading: string | null; lineage: string } | null;
  provision: Provision;
  /** PA-X topic codes of the point and its subpoints, without repeats. */
  topics: string[];
  stances: PartyStanceView[];
  /** Events at which the point was discussed. */
  events: { id: string; title: string; start: string; status: EventStatus }[];
  /**
   * Statements about the point no current stance shows: the visible evidence behind every earlier
   * visible position of any party on the point or its subpoints up to the date, newest first, each
   * with the party (short name), stance and date of the latest position it backed.
   */
  earlierStatements: (EvidenceView & { backed: { party: string; stance: Stance; asOf: string } })[];
}

/** Resolve evidence items for display. */
export function evidenceViews(data: ProcessData, ids: string[], viewerParty?: string, lookups: Lookups = lookupsOf(data)): EvidenceView[] {
  const byId = new Map(data.evidence.map((e) => [e.id, e]));
  return ids
    .map((id) => byId.get(id))
    .filter((e): e is Evidence => e !== undefined && visibleTo(e.visibility, viewerParty))
    .map((e) => evidenceView(data, e, lookups));
}

/** Maps by id of what evidence and sources are shown with (built once per view, not per item). */
export interface Lookups {
  persons: Map<string, ProcessData['persons'][number]>;
  parties: Map<string, ProcessData['parties'][number]>;
  events: Map<string, Event>;
  sources: Map<string, ProcessData['sources'][number]>;
}

/** The {@link Lookups} of loaded data. */
export function lookupsOf(data: ProcessData): Lookups {
  return {
    persons: new Map(data.persons.map((p) => [p.id, p])),
    parties: new Map(data.parties.map((p) => [p.id, p])),
    events: new Map(data.events.map((e) => [e.id, e])),
    sources: new Map(data.sources.map((s) => [s.id, s])),
  };
}

/** One evidence item for display (`lookups` speeds up many items over large data). */
export function evidenceView(data: ProcessData, e: Evidence, lookups: Lookups = lookupsOf(data)): EvidenceView {
  const person = lookups.persons.get(e.speaker);
  const party = e.onBehalfOf ? lookups.parties.get(e.onBehalfOf) : undefined;
  const ev = e.event ? lookups.events.get(e.event) : undefined;
  return {
    id: e.id,
    speakerId: person?.id ?? null,
    speaker: person?.name ?? e.speaker,
    onBehalfOf: e.onBehalfOf ? { id: e.onBehalfOf, name: party?.name ?? e.onBehalfOf } : null,
    form: e.form,
    text: e.text,
    saidAt: e.saidAt,
    attribution: e.attribution,
    event: ev ? { id: ev.id, title: ev.title, start: ev.start } : null,
    sources: e.sources.map((sid) => sourceRef(data, sid, lookups)),
    confidential: e.visibility !== 'public',
  };
}

function sourceRef(data: ProcessData, id: string, lookups?: Lookups): SourceRef {
  const s = lookups ? lookups.sources.get(id) : data.sources.find((x) => x.id === id);
  return { id, url: s?.url ?? null, outlet: s?.outlet ?? null, title: s?.title ?? null, publishedAt: s?.publishedAt ?? null };
}

/**
 * The lineages whose positions {@link pointDetail} shows for `lineage` in version `v`: the point it
 * resolves to (a subpoint's point) and every provision under it; undefined when `v` has no such
 * provision.
 */
export function pointLineages(v: Version, lineage: string): string[] | undefined {
  const found = findProvision(v, lineage);
  if (!found) return undefined;
  const point = found.node.kind === 'subpoint' && found.point ? found.point : found.node;
  return collect(point).map((p) => p.lineage);
}

/** Find a provision and its axis in a version by lineage id. */
function findProvision(v: Version, lineage: string): { node: Provision; axis: PointDetail['axis']; point: Provision | null } | undefined {
  const visit = (ps: Provision[], axis: PointDetail['axis'], point: Provision | null): ReturnType<typeof findProvision> => {
    for (const p of ps) {
      if (p.lineage === lineage) return { node: p, axis, point };
      const nextAxis = p.kind === 'axis' ? { num: p.num, heading: p.heading, lineage: p.lineage } : axis;
      const found = visit(p.children, nextAxis, p.kind === 'point' ? p : point);
      if (found) return found;
    }
    return undefined;
  };
  return visit(v.provisions, null, null);
}

/**
 * The detail of point `lineage` in `version` (default: the current text as of `asOf`): its text and
 * status, PA-X topics, and for every party the latest visible stance on the point or its subpoints,
 * the evidence behind it and the history of the party's stances. A subpoint's lineage resolves to
 * its point. Throws `not_found` when the version has no such provision.
 */
export function pointDetail(
  data: ProcessData,
  lineage: string,
  opts: { asOf?: string; version?: string; viewerParty?: string } = {},
): PointDetail {
  const asOf = opts.asOf ?? todayIso();
  const version = resolveVersion(data, opts.version, asOf);
  const found = findProvision(version, lineage);
  if (!found) throw new AccordError('not_found', `no provision "${lineage}" in version "${version.id}"`, { field: 'lineage' });
  const point = found.node.kind === 'subpoint' && found.point ? found.point : found.node;
  const matrix = positionsMatrix(data, { asOf, version: version.id, viewerParty: opts.viewerParty, parties: data.parties.map((p) => p.id) });
  const row = matrix.rows.find((r) => r.lineage === point.lineage);
  const lineages = row?.lineages ?? [point.lineage];
  const byId = new Map(data.positions.map((p) => [p.id, p]));
  const lookups = lookupsOf(data);
  const topics = [...new Set(collect(point).flatMap((p) => p.topics))];
  const stances: PartyStanceView[] = data.parties.map((party) => {
    const cell = row?.cells[party.id] ?? null;
    const pos = cell ? byId.get(cell.positionId) : undefined;
    const history = data.positions
      .filter((p) => p.party === party.id && p.provision !== undefined && lineages.includes(p.provision))
      .filter((p) => isOnOrBefore(p.asOf, asOf) && visibleTo(p.visibility, opts.viewerParty))
      .sort((a, b) => compareIsoDates(a.asOf, b.asOf))
      .map((p) => ({ positionId: p.id, provision: p.provision!, stance: p.stance, asOf: p.asOf, ...(p.conditions ? { conditions: p.conditions } : {}) }));
    return {
      party: { id: party.id, name: party.name, short: party.short ?? party.id.toUpperCase(), role: party.role },
      current:
        cell && pos
          ? { ...cell, ...(pos.note ? { note: pos.note } : {}), confidence: pos.confidence, confidential: pos.visibility !== 'public', provision: pos.provision ?? point.lineage, since: stanceDrift(data, pos, version) }
          : null,
      evidence: cell ? evidenceViews(data, cell.evidence, opts.viewerParty, lookups) : [],
      history,
    };
  });
  const shown = new Set(stances.flatMap((s) => s.evidence.map((e) => e.id)));
  const evidenceById = new Map(data.evidence.map((e) => [e.id, e]));
  const backed = new Map<string, { party: string; stance: Stance; asOf: string }>();
  for (const s of stances)
    for (const h of s.history) {
      for (const id of byId.get(h.positionId)?.evidence ?? []) if (!shown.has(id)) backed.set(id, { party: s.party.short, stance: h.stance, asOf: h.asOf });
    }
  const earlierStatements = [...backed]
    .map(([id, b]) => ({ e: evidenceById.get(id), b }))
    .filter((x): x is { e: Evidence; b: { party: string; stance: Stance; asOf: string } } => x.e !== undefined && visibleTo(x.e.visibility, opts.viewerParty))
    .sort((x, y) => compareIsoDates(y.e.saidAt, x.e.saidAt))
    .map(({ e, b }) => ({ ...evidenceView(data, e, lookups), backed: b }));
  const events = data.events
    .filter((e) => e.provisions.some((l) => lineages.includes(l)))
    .sort((a, b) => compareIsoDates(a.start, b.start))
    .map((e) => ({ id: e.id, title: e.title, start: e.start, status: e.status }));
  return {
    asOf,
    version: { id: version.id, label: version.label, date: version.date, document: version.document },
    lineage: point.lineage,
    num: point.num,
    heading: point.heading,
    text: point.text,
    status: point.status,
    axis: found.axis,
    provision: point,
    topics,
    stances,
    events,
    earlierStatements,
  };
}

function collect(p: Provision): Provision[] {
  return [p, ...p.children.flatMap(collect)];
}

/** An event of the record with everything the Record view shows. */
export interface RecordEvent {
  event: Event;
  attendees: { person: string; personId: string | null; name: string; party: { id: string; name: string; short: string } | null; role: string | null }[];
  tabled: { id: string; label: string; date: string; document: string; title: string }[];
  statements: EvidenceView[];
  sources: SourceRef[];
}

/** Filters of the record. */
export interface RecordFilter {
  status?: string[];
  from?: string;
  to?: string;
  /** Events a party attended (directly or through a member) or spoke at. */
  party?: string;
  /** Events a person attended or spoke at. */
  person?: string;
  viewerParty?: string;
}

/**
 * The diplomatic record: events in date order (filtered as {@link timeline} does, then by party and
 * person), each with attendees resolved to names and parties, the versions tabled, the statements
 * made there (evidence whose `event` is the event, visible to the viewer) and its sources.
 */
export function recordView(data: ProcessData, f: RecordFilter = {}): RecordEvent[] {
  return recordEventsOf(data, recordMatches(data, f), f.viewerParty);
}

/** Evidence visible to the viewer, by the event it was said at. */
function statementsByEvent(data: ProcessData, viewerParty: string | undefined): Map<string, Evidence[]> {
  const at = new Map<string, Evidence[]>();
  for (const e of data.evidence) {
    if (!e.event || !visibleTo(e.visibility, viewerParty)) continue;
    const list = at.get(e.event) ?? [];
    list.push(e);
    at.set(e.event, list);
  }
  return at;
}

/** The parties a person acted for on a date (by the memberships of the person). */
function partiesOfPerson(persons: Map<string, ProcessData['persons'][number]>, personId: string, at: string): string[] {
  return (persons.get(personId)?.memberships ?? [])
    .filter((m) => (!m.from || isOnOrBefore(m.from, at)) && (!m.to || isOnOrBefore(at, m.to)))
    .map((m) => m.onBehalfOf);
}

/**
 * The events of the record matching `f`, in date order: by status and dates as {@link timeline}
 * filters, then those a party attended (directly, or through a person acting for it on the day) or
 * spoke at, and those a person attended or spoke at. Reads the events, the evidence and the persons.
 */
export function recordMatches(data: ProcessData, f: RecordFilter = {}): Event[] {
  const persons = new Map(data.persons.map((p) => [p.id, p]));
  const statementsAt = f.party || f.person ? statementsByEvent(data, f.viewerParty) : new Map<string, Evidence[]>();
  return timeline(data.events, { status: f.status, from: f.from, to: f.to }).filter((e) => {
    const said = statementsAt.get(e.id) ?? [];
    if (f.party) {
      const attended = e.attendees.some((a) => a.party === f.party || (!a.party && partiesOfPerson(persons, a.person, e.start).includes(f.party!)));
      if (!attended && !said.some((s) => s.onBehalfOf === f.party)) return false;
    }
    if (f.person) {
      if (!e.attendees.some((a) => a.person === f.person) && !said.some((s) => s.speaker === f.person)) return false;
    }
    return true;
  });
}

/**
 * The record entries of `events` (kept in their order): attendees resolved to names and parties,
 * the versions tabled, the statements made there visible to the viewer, and the sources. `data`
 * needs only what these events show: their evidence, the persons, parties, versions (stubs will
 * do), documents and sources they name.
 */
export function recordEventsOf(data: ProcessData, events: Event[], viewerParty: string | undefined): RecordEvent[] {
  const persons = new Map(data.persons.map((p) => [p.id, p]));
  const parties = new Map(data.parties.map((p) => [p.id, p]));
  const versions = new Map(data.versions.map((v) => [v.id, v]));
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const statementsAt = statementsByEvent(data, viewerParty);
  const lookups = lookupsOf(data);
  return events.map((e) => ({
    event: e,
    attendees: e.attendees.map((a) => {
      const person = persons.get(a.person);
      const partyId = a.party ?? (person ? partiesOfPerson(persons, person.id, e.start)[0] : undefined);
      const party = partyId ? parties.get(partyId) : undefined;
      return {
        person: a.person,
        personId: person?.id ?? null,
        name: person?.name ?? a.person,
        party: partyId ? { id: partyId, name: party?.name ?? partyId, short: party?.short ?? partyId.toUpperCase() } : null,
        role: a.role ?? null,
      };
    }),
    tabled: e.tabled.map((id) => {
      const v = versions.get(id);
      return { id, label: v?.label ?? id, date: v?.date ?? '', document: v?.document ?? '', title: (v && docs.get(v.document)?.title) ?? id };
    }),
    statements: (statementsAt.get(e.id) ?? []).sort((a, b) => compareIsoDates(a.saidAt, b.saidAt)).map((s) => evidenceView(data, s, lookups)),
    sources: e.sources.map((s) => sourceRef(data, s, lookups)),
  }));
}
