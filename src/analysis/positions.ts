/**
 * Where the talks stand: the party × provision positions matrix as of a date, contested provisions
 * ranked by disagreement, agreement per axis, and the status briefing. Pure functions over
 * {@link ProcessData}; callers filter confidential items through the access policy first.
 */
import { compareIsoDates, isOnOrBefore, startOf, todayIso } from '../model/dates.js';
import { AccordError } from '../model/errors.js';
import { visibleTo } from '../model/visibility.js';
import {
  type Event,
  type EventStatus,
  type Party,
  type Position,
  type ProcessData,
  type Provision,
  type Stance,
  type Version,
} from '../model/schemas.js';
import { STANCE_SUPPORT } from '../model/vocabulary.js';

/** Symbols for stances in terminals and charts (never colour alone). */
export const STANCE_SYMBOL: Record<Stance, string> = {
  accepts: '✓',
  'accepts-with-conditions': '~',
  'proposes-alternative': '±',
  rejects: '✗',
  undecided: '?',
  'no-public-position': '·',
};

/** Human labels of stances. */
export const STANCE_LABEL: Record<Stance, string> = {
  accepts: 'accepts',
  'accepts-with-conditions': 'accepts with conditions',
  'proposes-alternative': 'proposes alternative',
  rejects: 'rejects',
  undecided: 'undecided',
  'no-public-position': 'no public position',
};

/** True when `v` may be shown to a viewer acting for `viewerParty` (undefined: public only); the one rule of src/model/visibility.ts. */
export { visibleTo };

/** Parties whose consent a package needs: role party, mediator or guarantor. */
export function principalParties(data: ProcessData): Party[] {
  return data.parties.filter((p) => p.role !== 'observer');
}

/**
 * The current version as of a date: the latest version dated on or before `asOf` of the process's
 * single negotiating text (`process.singleText`), else of any document that is not a
 * counter-proposal. Returns undefined when no version qualifies.
 */
export function currentVersion(data: ProcessData, asOf: string = todayIso()): Version | undefined {
  const docKind = new Map(data.documents.map((d) => [d.id, d.kind]));
  const pick = (vs: Version[]) =>
    vs.filter((v) => isOnOrBefore(v.date, asOf)).sort((a, b) => compareIsoDates(a.date, b.date)).at(-1);
  const st = data.process.singleText;
  if (st) {
    const v = pick(data.versions.filter((x) => x.document === st));
    if (v) return v;
  }
  return pick(data.versions.filter((v) => docKind.get(v.document) !== 'counter-proposal')) ?? pick(data.versions);
}

/** Find a version by id, or the current one when `id` is undefined. Throws `not_found`. */
export function resolveVersion(data: ProcessData, id: string | undefined, asOf?: string): Version {
  if (id !== undefined) {
    const v = data.versions.find((x) => x.id === id);
    if (!v) throw new AccordError('not_found', `no version "${id}" in process "${data.process.id}"`, { field: 'version' });
    return v;
  }
  const v = currentVersion(data, asOf);
  if (!v) throw new AccordError('not_found', `process "${data.process.id}" has no version of its text${asOf ? ` as of ${asOf}` : ''}`, { field: 'version' });
  return v;
}

/** A point of the matrix with the axis it sits in. */
export interface MatrixRow {
  lineage: string;
  num: string | null;
  label: string;
  axis: { num: string | null; heading: string | null; lineage: string } | null;
  text: string;
  /** Text status of the point: a placeholder (text not reported) or deleted point is never ranked contested. */
  status?: Provision['status'];
  /** Lineage ids that count for this row: the point and its subpoints. */
  lineages: string[];
}

/** One cell: the latest position of a party on a row as of the date, or null. */
export interface MatrixCell {
  party: string;
  stance: Stance;
  asOf: string;
  positionId: string;
  evidence: string[];
  conditions?: string;
}

/** Agreement state of a row among the principal parties. */
export type RowState = 'accepted-by-all' | 'contested' | 'unknown';

/** The positions matrix. */
export interface PositionsMatrix {
  asOf: string;
  version: { id: string; label: string; date: string; document: string };
  /** Columns: the principal parties, then observers holding a stance on a row (marked by role; they never count for agreement). */
  parties: { id: string; name: string; short: string; role?: Party['role'] }[];
  rows: (MatrixRow & { cells: Record<string, MatrixCell | null>; state: RowState; disagreement: number })[];
}

/** Points of a version with their axis, in reading order. */
export function pointRows(version: Version): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const collect = (p: Provision): string[] => [p.lineage, ...p.children.flatMap(collect)];
  let unnumbered = 0;
  const visit = (ps: Provision[], axis: MatrixRow['axis']) => {
    for (const p of ps) {
      if (p.kind === 'axis') visit(p.children, { num: p.num, heading: p.heading, lineage: p.lineage });
      else if (p.kind === 'point') {
        const label = p.num ?? `#${++unnumbered}`;
        rows.push({ lineage: p.lineage, num: p.num, label, axis, text: p.text, status: p.status, lineages: collect(p) });
      }
    }
  };
  visit(version.provisions, null);
  return rows;
}

/** Latest position per (party, lineage) on or before `asOf`, visible to the viewer. */
function latestPositions(positions: Position[], asOf: string, viewerParty?: string): Map<string, Position> {
  const out = new Map<string, Position>();
  const sorted = positions
    .filter((p) => p.provision !== undefined && isOnOrBefore(p.asOf, asOf) && visibleTo(p.visibility, viewerParty))
    .sort((a, b) => compareIsoDates(a.asOf, b.asOf));
  for (const p of sorted) out.set(`${p.party}\u0000${p.provision}`, p);
  return out;
}

/** Agreement state and disagreement score (max − min support, 0–2) of a row's cells. */
export function rowAgreement(cells: (MatrixCell | null)[]): { state: RowState; disagreement: number } {
  const supports = cells.map((c) => (c ? STANCE_SUPPORT[c.stance] : null));
  const known = supports.filter((s): s is number => s !== null);
  const disagreement = known.length ? Math.max(...known) - Math.min(...known) : 0;
  if (known.some((s) => s < 0)) return { state: 'contested', disagreement };
  if (known.length === supports.length && known.length > 0) return { state: 'accepted-by-all', disagreement };
  return { state: 'unknown', disagreement };
}

/**
 * Build the party × point matrix of `version` (default: current) as of `asOf` (default today).
 * A cell is the party's latest position on the point or any of its subpoints. Only public
 * positions count unless `viewerParty` is given (then also that party's confidential ones).
 * Columns (unless `parties` names them): the principal parties, then every observer holding a
 * stance on a row. A row's agreement state counts the principal parties only; a placeholder (text
 * not reported) or deleted point is `unknown`, whatever was said about its lineage.
 */
export function positionsMatrix(
  data: ProcessData,
  opts: { asOf?: string; version?: string; viewerParty?: string; parties?: string[] } = {},
): PositionsMatrix {
  const asOf = opts.asOf ?? todayIso();
  const version = resolveVersion(data, opts.version, asOf);
  const latest = latestPositions(data.positions, asOf, opts.viewerParty);
  const versionRows = pointRows(version);
  const principal = new Set(principalParties(data).map((p) => p.id));
  let parties: Party[];
  if (opts.parties) parties = data.parties.filter((p) => opts.parties!.includes(p.id));
  else {
    const onRows = new Set(versionRows.flatMap((r) => r.lineages));
    const speaking = new Set([...latest.values()].filter((p) => p.provision !== undefined && onRows.has(p.provision)).map((p) => p.party));
    parties = [...data.parties.filter((p) => principal.has(p.id)), ...data.parties.filter((p) => !principal.has(p.id) && speaking.has(p.id))];
  }
  const counted = parties.filter((p) => principal.has(p.id));
  const rows = versionRows.map((row) => {
    const cells: Record<string, MatrixCell | null> = {};
    for (const party of parties) {
      let best: Position | undefined;
      for (const l of row.lineages) {
        const p = latest.get(`${party.id}\u0000${l}`);
        if (p && (!best || compareIsoDates(p.asOf, best.asOf) >= 0)) best = p;
      }
      cells[party.id] = best
        ? { party: party.id, stance: best.stance, asOf: best.asOf, positionId: best.id, evidence: best.evidence, ...(best.conditions ? { conditions: best.conditions } : {}) }
        : null;
    }
    const unreported = row.status === 'placeholder' || row.status === 'deleted';
    return { ...row, cells, ...(unreported ? { state: 'unknown' as const, disagreement: 0 } : rowAgreement(counted.map((p) => cells[p.id] ?? null))) };
  });
  return {
    asOf,
    version: { id: version.id, label: version.label, date: version.date, document: version.document },
    parties: parties.map((p) => ({ id: p.id, name: p.name, short: p.short ?? p.id.toUpperCase(), role: p.role })),
    rows,
  };
}

/** A contested point with who holds what. */
export interface ContestedPoint {
  lineage: string;
  label: string;
  text: string;
  axis: string | null;
  disagreement: number;
  rejecting: string[];
  holders: { party: string; stance: Stance; asOf: string }[];
}

/**
 * Contested points ranked by disagreement (max − min support), then by the number of parties
 * rejecting or proposing alternatives, then by reading order.
 */
export function contestedPoints(m: PositionsMatrix): ContestedPoint[] {
  return m.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.state === 'contested')
    .map(({ r, i }) => {
      const holders = Object.values(r.cells)
        .filter((c): c is MatrixCell => c !== null)
        .map((c) => ({ party: c.party, stance: c.stance, asOf: c.asOf }));
      const rejecting = holders.filter((h) => (STANCE_SUPPORT[h.stance] ?? 0) < 0).map((h) => h.party);
      return {
        i,
        lineage: r.lineage,
        label: r.label,
        text: r.text,
        axis: r.axis ? r.axis.heading ?? r.axis.num : null,
        disagreement: r.disagreement,
        rejecting,
        holders,
      };
    })
    .sort((a, b) => b.disagreement - a.disagreement || b.rejecting.length - a.rejecting.length || a.i - b.i)
    .map(({ i: _i, ...rest }) => rest);
}

/** Per axis: how many points are accepted by all, contested, unknown. */
export interface AxisSummary {
  /** The axis's number and heading ("I. Security"); "All points" when the text has no axes, "Other points" for points outside any axis. */
  axis: string;
  /** Lineage id of the axis, null for points outside any axis. */
  lineage: string | null;
  points: number;
  acceptedByAll: number;
  contested: number;
  unknown: number;
}

/** Group the matrix by axis (points outside any axis under "Other points", or "All points" when the text has no axes). */
export function axisSummary(m: PositionsMatrix): AxisSummary[] {
  const out = new Map<string, AxisSummary>();
  const anyAxis = m.rows.some((r) => r.axis);
  for (const r of m.rows) {
    const name = r.axis ? [r.axis.num, r.axis.heading].filter(Boolean).join('. ') || r.axis.lineage : anyAxis ? 'Other points' : 'All points';
    const s = out.get(name) ?? { axis: name, lineage: r.axis?.lineage ?? null, points: 0, acceptedByAll: 0, contested: 0, unknown: 0 };
    s.points++;
    if (r.state === 'accepted-by-all') s.acceptedByAll++;
    else if (r.state === 'contested') s.contested++;
    else s.unknown++;
    out.set(name, s);
  }
  return [...out.values()];
}

/** Events filtered by status and date range, in date order. */
export function timeline(events: Event[], opts: { status?: string[]; from?: string; to?: string } = {}): Event[] {
  return events
    .filter((e) => !opts.status || opts.status.includes(e.status))
    .filter((e) => !opts.from || startOf(e.end ?? e.start) >= startOf(opts.from))
    .filter((e) => !opts.to || isOnOrBefore(e.start, opts.to))
    .slice()
    .sort((a, b) => compareIsoDates(a.start, b.start));
}

/** The status briefing: what `accord status` prints. */
export interface StatusBriefing {
  process: { id: string; name: string };
  asOf: string;
  currentVersion: { id: string; label: string; date: string; document: string; title: string; points: number } | null;
  latestVersion: { id: string; label: string; date: string; document: string; title: string } | null;
  counts: { parties: number; persons: number; documents: number; versions: number; positions: number; evidence: number; events: number; sources: number };
  axes: AxisSummary[];
  totals: { points: number; acceptedByAll: number; contested: number; unknown: number };
  topContested: ContestedPoint[];
  lastHeld: Event | null;
  nextScheduled: Event | null;
  /**
   * Scheduled events whose date has passed without an update: the {@link STATUS_LIST_MAX} latest, in
   * date order (`more.overdueScheduled` says how many are left out).
   */
  overdueScheduled: Event[];
  /** Postponed events up to the date: the {@link STATUS_LIST_MAX} latest, in date order. */
  postponed: Event[];
  /** Cancelled events up to the date: the {@link STATUS_LIST_MAX} latest, in date order. */
  cancelled: Event[];
  /** How many events of each list above are not listed (0 when the list is whole). */
  more: { overdueScheduled: number; postponed: number; cancelled: number };
  /** Events that had started by the date, counted by status. */
  eventsByStatus: Partial<Record<EventStatus, number>>;
}

/** Longest event list in a status briefing: the briefing stays one screen at any scale. */
export const STATUS_LIST_MAX = 5;

/** The last `max` items (kept in order) and how many were left out. */
function lastFew<T>(xs: T[], max = STATUS_LIST_MAX): { list: T[]; more: number } {
  return { list: xs.slice(-max), more: Math.max(0, xs.length - max) };
}

/** Build the status briefing as of a date (default today), public layer unless `viewerParty`. */
export function statusBriefing(data: ProcessData, opts: { asOf?: string; viewerParty?: string } = {}): StatusBriefing {
  const asOf = opts.asOf ?? todayIso();
  const cur = currentVersion(data, asOf);
  const title = (docId: string) => data.documents.find((d) => d.id === docId)?.title ?? docId;
  const latest = data.versions.filter((v) => isOnOrBefore(v.date, asOf)).sort((a, b) => compareIsoDates(a.date, b.date)).at(-1);
  const matrix = cur ? positionsMatrix(data, { asOf, version: cur.id, viewerParty: opts.viewerParty }) : null;
  const axes = matrix ? axisSummary(matrix) : [];
  const totals = axes.reduce(
    (t, a) => ({ points: t.points + a.points, acceptedByAll: t.acceptedByAll + a.acceptedByAll, contested: t.contested + a.contested, unknown: t.unknown + a.unknown }),
    { points: 0, acceptedByAll: 0, contested: 0, unknown: 0 },
  );
  // A meeting counts as held once its last day has come.
  const held = timeline(data.events, { status: ['held'] }).filter((e) => isOnOrBefore(e.end ?? e.start, asOf));
  const scheduled = timeline(data.events, { status: ['scheduled', 'rescheduled'] });
  const upcoming = scheduled.filter((e) => startOf(e.end ?? e.start) >= asOf);
  const overdue = lastFew(scheduled.filter((e) => startOf(e.end ?? e.start) < asOf));
  const postponed = lastFew(timeline(data.events, { status: ['postponed'] }).filter((e) => isOnOrBefore(e.start, asOf)));
  const cancelled = lastFew(timeline(data.events, { status: ['cancelled'] }).filter((e) => isOnOrBefore(e.start, asOf)));
  const eventsByStatus: Partial<Record<EventStatus, number>> = {};
  for (const e of data.events) if (isOnOrBefore(e.start, asOf)) eventsByStatus[e.status] = (eventsByStatus[e.status] ?? 0) + 1;
  return {
    process: { id: data.process.id, name: data.process.name },
    asOf,
    currentVersion: cur ? { id: cur.id, label: cur.label, date: cur.date, document: cur.document, title: title(cur.document), points: matrix?.rows.length ?? 0 } : null,
    latestVersion: latest ? { id: latest.id, label: latest.label, date: latest.date, document: latest.document, title: title(latest.document) } : null,
    // The record as it stood on the as-of date: later texts, stances, statements and meetings do not count.
    counts: {
      parties: data.parties.length,
      persons: data.persons.length,
      documents: data.documents.length,
      versions: data.versions.filter((v) => isOnOrBefore(v.date, asOf)).length,
      positions: data.positions.filter((p) => visibleTo(p.visibility, opts.viewerParty) && isOnOrBefore(p.asOf, asOf)).length,
      evidence: data.evidence.filter((e) => visibleTo(e.visibility, opts.viewerParty) && isOnOrBefore(e.saidAt, asOf)).length,
      events: data.events.filter((e) => isOnOrBefore(e.start, asOf)).length,
      sources: data.sources.filter((x) => x.publishedAt === undefined || isOnOrBefore(x.publishedAt, asOf)).length,
    },
    axes,
    totals,
    topContested: matrix ? contestedPoints(matrix).slice(0, 5) : [],
    lastHeld: held.at(-1) ?? null,
    nextScheduled: upcoming[0] ?? null,
    overdueScheduled: overdue.list,
    postponed: postponed.list,
    cancelled: cancelled.list,
    more: { overdueScheduled: overdue.more, postponed: postponed.more, cancelled: cancelled.more },
    eventsByStatus,
  };
}
