/**
 * The briefing: the state of a process on one or two pages, for an envoy. {@link buildBriefing}
 * gathers the facts (reusing the status briefing, positions matrix and contested ranking of
 * src/analysis/positions.ts); {@link renderBriefing} renders them as Markdown or HTML with the
 * pictures inline as SVG (src/report/charts.ts). Pure: data in, string out. The PDF is the HTML
 * printed by headless Chromium (./pdf.ts). Only the public layer is shown unless `viewerParty` is
 * given (then also that party's confidential positions and evidence).
 */
import {
  STANCE_LABEL,
  STANCE_SYMBOL,
  contestedPoints,
  positionsMatrix,
  statusBriefing,
  timeline,
  visibleTo,
  type PositionsMatrix,
  type StatusBriefing,
} from '../analysis/positions.js';
import { stanceDrift, type StanceDrift } from '../analysis/drift.js';
import { compareIsoDates, isOnOrBefore, startOf, todayIso } from '../model/dates.js';
import type { Event, Evidence, ProcessData, Provision, Stance, Version } from '../model/schemas.js';
import { isWebUrl, walkProvisions } from '../model/schemas.js';
import { wordDiff, type DiffOp } from '../text/diff.js';
import { STATUS_BADGE, STATUS_COLOR, heatmapSvg, paretoSvg, solutionGlyph, timelineSvg, type ParetoPlot } from './charts.js';
import { STANCE_SWATCH } from './palette.js';
import { clip, esc } from './svg.js';

/** Options of {@link buildBriefing} and {@link renderBriefing}. */
export interface BriefingOptions {
  /** ISO date the briefing describes (default today). */
  asOf?: string;
  /** Party whose confidential layer may be shown; default: public layer only. */
  viewerParty?: string;
  /** Pareto plot data (./pareto.ts `paretoPlotData`); null or absent: no plot. */
  pareto?: ParetoPlot | null;
  /** Most contested points listed (default 5). */
  contested?: number;
  /** Link back to the process (e.g. the web UI's URL), printed in the header. */
  link?: string;
}

/**
 * How much of a large process a briefing shows, so that it stays one or two pages at any scale:
 * lists are cut to their first items with "and N more", the heatmap to the most contested points
 * and the timeline to the events nearest the date. Below these sizes everything is shown.
 */
export const BRIEFING_LIMITS = {
  /** Axes in the status table. */
  axes: 12,
  /** Heatmap rows when the text has more than `heatmapAll` points: the most contested ones. */
  heatmapRows: 12,
  heatmapAll: 24,
  /** Events on the timeline picture: those nearest the date. */
  timelineEvents: 48,
  /** Events on the Markdown briefing's timeline (inline SVG costs about 400 bytes an event). */
  markdownTimelineEvents: 20,
  /** Points listed as added, and former numbers listed as dropped. */
  added: 10,
  dropped: 30,
  /** Stances listed as taken on a wording changed since (Markdown; the HTML's one paragraph lists fewer). */
  drifted: 10,
  driftedHtml: 6,
} as const;

/** The first `max` items and how many are left out. */
function firstFew<T>(xs: T[], max: number): { list: T[]; more: number } {
  return { list: xs.slice(0, max), more: Math.max(0, xs.length - max) };
}

/** The `max` events nearest `asOf` (by days from it), in date order. */
function nearest(events: Event[], asOf: string, max: number): Event[] {
  if (events.length <= max) return events;
  const day = (d: string) => Date.parse(startOf(d) + 'T00:00:00Z') / 86_400_000;
  const at = day(asOf);
  return events
    .map((e, i) => ({ e, i, d: Math.abs(day(e.start) - at) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => compareIsoDates(a.e.start, b.e.start) || a.i - b.i)
    .map((x) => x.e);
}

/** The latest evidence behind a contested point. */
export interface EvidenceLine {
  id: string;
  speaker: string;
  party: string | null;
  form: 'quote' | 'paraphrase';
  text: string;
  saidAt: string;
  attribution: string;
  source: { outlet: string | null; url: string } | null;
}

/** A contested point with who holds what and the latest evidence. */
export interface ContestedDetail {
  lineage: string;
  label: string;
  axis: string | null;
  text: string;
  disagreement: number;
  /** `since`: when the stance was taken against an earlier version, which, and how much the wording changed since (src/analysis/drift.ts). */
  holders: { party: string; short: string; stance: Stance; asOf: string; conditions?: string; since: StanceDrift | null }[];
  evidence: EvidenceLine | null;
}

/** A stance shown against the text on the table that was taken against an earlier version whose wording of the point differs (or did not hold it). */
export interface DriftedStance {
  lineage: string;
  label: string;
  party: string;
  short: string;
  stance: Stance;
  asOf: string;
  since: StanceDrift;
}

/** The stances of the matrix taken against an earlier version than the text on the table. */
export interface BriefingDrift {
  /** Those whose point's wording changed since (or that version did not hold it), in reading order of the points, then party order. */
  changed: DriftedStance[];
  /** How many were taken on a wording the text on the table keeps word for word. */
  unchanged: number;
}

/** One change between the previous version and the current one (points, matched by lineage). */
export interface ChangeItem {
  change: 'amended' | 'added' | 'dropped' | 'struck-out' | 'not-reproduced' | 'unchanged';
  lineage: string;
  fromNum: string | null;
  toNum: string | null;
  text: string;
  /** Word diff of the point's own text (amended only). */
  diff?: DiffOp[];
}

/** What changed since the previous version. */
export interface VersionChanges {
  from: { id: string; label: string; date: string; title: string };
  to: { id: string; label: string; date: string; title: string };
  counts: Record<ChangeItem['change'] | 'renumbered', number>;
  items: ChangeItem[];
  /** How the points were matched. */
  method: 'lineage';
}

/** Everything a briefing shows. */
export interface Briefing {
  process: { id: string; name: string };
  asOf: string;
  /** The party whose confidential layer is included, if any. */
  viewerParty?: string;
  link?: string;
  status: StatusBriefing;
  matrix: PositionsMatrix | null;
  changes: VersionChanges | null;
  contested: ContestedDetail[];
  lastEvents: Event[];
  nextEvents: Event[];
  /** Postponed or cancelled events in the 60 days up to the date. */
  setbacks: Event[];
  /** Events drawn on the timeline (at most {@link BRIEFING_LIMITS}.timelineEvents, nearest the date). */
  events: Event[];
  /** Events the timeline could have drawn (known by the date, or scheduled). */
  eventsTotal: number;
  /** Rows of the heatmap (lineage ids, reading order) when it shows only the most contested; null: every row. */
  heatmapRows: string[] | null;
  versions: { id: string; label: string; date: string }[];
  pareto: ParetoPlot | null;
  /** Stances carried from an earlier version onto the text on the table (null without a text). */
  drift: BriefingDrift | null;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Points (kind `point`) of a version with their text, including sub-points' texts for comparison. */
function pointsOf(v: Version): { p: Provision; full: string }[] {
  const out: { p: Provision; full: string }[] = [];
  for (const p of walkProvisions(v.provisions)) {
    if (p.kind !== 'point') continue;
    const full = [p.text, ...p.alternatives.map((a) => `${a.label}: ${a.text}`), ...[...walkProvisions(p.children)].map((c) => c.text)].join(' ');
    out.push({ p, full: normalise(full) });
  }
  return out;
}

/** The version the current one revises: its `basedOn`, else the previous version of its document. */
export function previousVersion(data: ProcessData, cur: Version): Version | undefined {
  if (cur.basedOn) {
    const v = data.versions.find((x) => x.id === cur.basedOn);
    if (v) return v;
  }
  return data.versions
    .filter((v) => v.document === cur.document && v.id !== cur.id && compareIsoDates(v.date, cur.date) <= 0)
    .sort((a, b) => compareIsoDates(a.date, b.date))
    .at(-1);
}

/**
 * Compare two versions point by point through lineage ids (which the bundle and the alignment step
 * keep stable across renumbering, merges and splits). A point of `to` whose lineage occurs in
 * `from` is unchanged or amended (own text, alternatives and sub-points compared after whitespace
 * normalisation) and counts as renumbered when its number differs; a point whose status is
 * `deleted` is struck out, `placeholder` not reproduced; other points of `to` are added, and points
 * of `from` whose lineage no longer occurs are dropped.
 */
export function compareByLineage(from: Version, to: Version, titles: Map<string, string>): VersionChanges {
  const A = pointsOf(from);
  const B = pointsOf(to);
  const aBy = new Map(A.map((x) => [x.p.lineage, x]));
  const bLineages = new Set<string>();
  for (const p of walkProvisions(to.provisions)) bLineages.add(p.lineage);
  const items: ChangeItem[] = [];
  let renumbered = 0;
  for (const b of B) {
    const a = aBy.get(b.p.lineage);
    if (b.p.status === 'deleted') {
      items.push({ change: 'struck-out', lineage: b.p.lineage, fromNum: a?.p.num ?? null, toNum: b.p.num, text: a?.p.text ?? b.p.text });
      continue;
    }
    if (b.p.status === 'placeholder') {
      items.push({ change: 'not-reproduced', lineage: b.p.lineage, fromNum: a?.p.num ?? null, toNum: b.p.num, text: a?.p.text ?? b.p.text });
      continue;
    }
    if (!a) {
      items.push({ change: 'added', lineage: b.p.lineage, fromNum: null, toNum: b.p.num, text: b.p.text });
      continue;
    }
    if (a.p.num !== b.p.num) renumbered++;
    if (a.full === b.full) items.push({ change: 'unchanged', lineage: b.p.lineage, fromNum: a.p.num, toNum: b.p.num, text: b.p.text });
    else items.push({ change: 'amended', lineage: b.p.lineage, fromNum: a.p.num, toNum: b.p.num, text: b.p.text, diff: wordDiff(a.p.text, b.p.text) });
  }
  for (const a of A) {
    if (!bLineages.has(a.p.lineage)) items.push({ change: 'dropped', lineage: a.p.lineage, fromNum: a.p.num, toNum: null, text: a.p.text });
  }
  const counts = { amended: 0, added: 0, dropped: 0, 'struck-out': 0, 'not-reproduced': 0, unchanged: 0, renumbered };
  for (const i of items) counts[i.change]++;
  const meta = (v: Version) => ({ id: v.id, label: v.label, date: v.date, title: titles.get(v.document) ?? v.document });
  return { from: meta(from), to: meta(to), counts, items, method: 'lineage' };
}

/**
 * Gather the briefing's facts as of a date. Reuses {@link statusBriefing}, {@link positionsMatrix}
 * and {@link contestedPoints}; adds the latest visible evidence per contested point, the changes
 * since the previous version, the last three events held and the next three scheduled.
 */
export function buildBriefing(data: ProcessData, opts: BriefingOptions = {}): Briefing {
  const asOf = opts.asOf ?? todayIso();
  const status = statusBriefing(data, { asOf, viewerParty: opts.viewerParty });
  const titles = new Map(data.documents.map((d) => [d.id, d.title]));
  const cur = status.currentVersion ? data.versions.find((v) => v.id === status.currentVersion!.id) : undefined;
  const matrix = cur ? positionsMatrix(data, { asOf, version: cur.id, viewerParty: opts.viewerParty }) : null;
  const prev = cur ? previousVersion(data, cur) : undefined;
  const changes = cur && prev ? compareByLineage(prev, cur, titles) : null;

  const short = new Map(data.parties.map((p) => [p.id, p.short ?? p.id.toUpperCase()]));
  const personName = new Map(data.persons.map((p) => [p.id, p.name]));
  const evidence = new Map<string, Evidence>(data.evidence.filter((e) => visibleTo(e.visibility, opts.viewerParty)).map((e) => [e.id, e]));
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const positions = new Map(data.positions.map((p) => [p.id, p]));
  // The matrix's own drift rule (src/analysis/drift.ts), once per cell shown.
  const sinceOf = (positionId: string): StanceDrift | null => {
    const p = positions.get(positionId);
    return p && cur ? stanceDrift(data, p, cur) : null;
  };
  const contested: ContestedDetail[] = [];
  if (matrix) {
    for (const c of contestedPoints(matrix).slice(0, opts.contested ?? 5)) {
      const row = matrix.rows.find((r) => r.lineage === c.lineage)!;
      const holders = matrix.parties
        .map((p) => row.cells[p.id])
        .filter((x): x is NonNullable<typeof x> => !!x)
        .map((cell) => ({ party: cell.party, short: short.get(cell.party) ?? cell.party, stance: cell.stance, asOf: cell.asOf, ...(cell.conditions ? { conditions: cell.conditions } : {}), since: sinceOf(cell.positionId) }));
      // Latest visible evidence among the positions behind the row's cells (and older positions on the row's lineages).
      const evIds = new Set<string>();
      for (const cell of Object.values(row.cells)) cell?.evidence.forEach((e) => evIds.add(e));
      for (const p of data.positions) {
        if (p.provision && row.lineages.includes(p.provision) && isOnOrBefore(p.asOf, asOf) && visibleTo(p.visibility, opts.viewerParty)) p.evidence.forEach((e) => evIds.add(e));
      }
      const evs = [...evIds].map((id) => evidence.get(id)).filter((e): e is Evidence => !!e && isOnOrBefore(e.saidAt, asOf));
      evs.sort((a, b) => compareIsoDates(a.saidAt, b.saidAt));
      const e = evs.at(-1);
      let line: EvidenceLine | null = null;
      if (e) {
        const src = e.sources.map((s) => sources.get(s)).find((s) => !!s);
        line = {
          id: e.id,
          speaker: personName.get(e.speaker) ?? e.speaker,
          party: e.onBehalfOf ? short.get(e.onBehalfOf) ?? e.onBehalfOf : null,
          form: e.form,
          text: e.text,
          saidAt: e.saidAt,
          attribution: e.attribution,
          source: src ? { outlet: src.outlet ?? null, url: src.url } : null,
        };
      }
      contested.push({ lineage: c.lineage, label: c.label, axis: c.axis, text: c.text, disagreement: c.disagreement, holders, evidence: line });
    }
  }
  let drift: BriefingDrift | null = null;
  if (matrix) {
    drift = { changed: [], unchanged: 0 };
    for (const r of matrix.rows) {
      for (const p of matrix.parties) {
        const cell = r.cells[p.id];
        const since = cell ? sinceOf(cell.positionId) : null;
        if (!cell || !since) continue;
        if (since.change?.label === 'unchanged') drift.unchanged++;
        else drift.changed.push({ lineage: r.lineage, label: r.label, party: p.id, short: short.get(p.id) ?? p.id, stance: cell.stance, asOf: cell.asOf, since });
      }
    }
  }
  const known = data.events;
  const held = timeline(known, { status: ['held'] }).filter((e) => isOnOrBefore(e.start, asOf));
  const upcoming = timeline(known, { status: ['scheduled', 'rescheduled'] }).filter((e) => startOf(e.end ?? e.start) >= asOf);
  const since = new Date(Date.parse(startOf(asOf) + 'T00:00:00Z') - 60 * 86_400_000).toISOString().slice(0, 10);
  const setbacks = timeline(known, { status: ['postponed', 'cancelled'], from: since }).filter((e) => isOnOrBefore(e.start, asOf) || startOf(e.start) > asOf);
  const drawable = known.filter((e) => isOnOrBefore(e.start, asOf) || e.status === 'scheduled' || e.status === 'rescheduled');
  let heatmapRows: string[] | null = null;
  if (matrix && matrix.rows.length > BRIEFING_LIMITS.heatmapAll) {
    const top = new Set(contestedPoints(matrix).slice(0, BRIEFING_LIMITS.heatmapRows).map((c) => c.lineage));
    heatmapRows = matrix.rows.filter((r) => top.has(r.lineage)).map((r) => r.lineage);
  }
  const versions = data.versions
    .filter((v) => isOnOrBefore(v.date, asOf))
    .map((v) => ({ id: v.id, label: `${titles.get(v.document)?.split(/[,(:]/)[0]?.trim() ?? v.document} ${v.label}`.trim(), date: v.date }));
  return {
    process: { id: data.process.id, name: data.process.name },
    asOf,
    ...(opts.viewerParty ? { viewerParty: opts.viewerParty } : {}),
    ...(opts.link ? { link: opts.link } : {}),
    status,
    matrix,
    changes,
    contested,
    lastEvents: held.slice(-3).reverse(),
    nextEvents: upcoming.slice(0, 3),
    setbacks: setbacks.slice(-4),
    events: nearest(drawable, asOf, BRIEFING_LIMITS.timelineEvents),
    eventsTotal: drawable.length,
    heatmapRows,
    versions,
    pareto: opts.pareto ?? null,
    drift,
  };
}

/** Output formats of {@link renderBriefing}. */
export type BriefingFormat = 'md' | 'html';

/** The pictures of a briefing as SVG strings (the Pareto plot only when a domain gave data). */
export function briefingCharts(b: Briefing): { heatmap: string | null; timeline: string; pareto: string | null } {
  const highlight = [...b.lastEvents.slice(0, 1), ...b.nextEvents.slice(0, 1)].map((e) => e.id);
  return {
    heatmap:
      b.matrix && b.matrix.rows.length && (b.heatmapRows === null || b.heatmapRows.length)
        ? heatmapSvg(b.matrix, { width: 700, rowHeight: (b.heatmapRows ?? b.matrix.rows).length > 24 ? 13 : 15, ...(b.heatmapRows ? { rows: b.heatmapRows } : {}) })
        : null,
    timeline: timelineSvg(b.events, { width: 700, asOf: b.asOf, versions: b.versions, highlight, lanes: 4 }),
    pareto: b.pareto ? paretoSvg(b.pareto, { width: 270, legend: false }) : null,
  };
}

function when(e: Event): string {
  const d = e.end && e.end !== e.start ? `${e.start} – ${e.end}` : e.start;
  return e.approximate ? `~${d}` : d;
}
function place(e: Event): string {
  return [e.place?.city, e.place?.country].filter(Boolean).join(', ');
}

/** Render a briefing (built from `data` as of `opts.asOf`) as Markdown or HTML. */
export function renderBriefing(data: ProcessData, opts: BriefingOptions & { format: BriefingFormat }): string {
  const b = buildBriefing(data, opts);
  return opts.format === 'md' ? briefingMarkdown(b) : briefingHtml(b);
}

function diffText(ops: DiffOp[] | undefined, html: boolean, max = 240): string {
  if (!ops) return '';
  let out = '';
  let len = 0;
  let prev: DiffOp | undefined;
  for (const o of ops) {
    if (len > max) {
      out += '…';
      break;
    }
    const t = o.text;
    // A deletion directly followed by an insertion reads as one word unless separated.
    if (prev && prev.op !== 'equal' && o.op !== 'equal' && !/\s$/.test(prev.text) && !/^\s/.test(t)) out += ' ';
    len += t.length;
    if (html) out += o.op === 'equal' ? esc(t) : o.op === 'insert' ? `<ins>${esc(t)}</ins>` : `<del>${esc(t)}</del>`;
    else out += o.op === 'equal' ? mdEsc(t) : o.op === 'insert' ? `**${mdEsc(t.trim())}** ` : `~~${mdEsc(t.trim())}~~ `;
    prev = o;
  }
  return out;
}

/** Escape Markdown inline syntax (and HTML) in plain text. */
function mdEsc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** A URL as a Markdown link destination: characters that would end or break it percent-encoded. */
function mdUrl(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function changeSummary(c: VersionChanges): string {
  const k = c.counts;
  const parts = [
    `${k.unchanged + k.amended} points carried over (${k.amended} reworded, ${k.renumbered} renumbered)`,
    `${k.added} added`,
    `${k.dropped} dropped`,
  ];
  if (k['struck-out']) parts.push(`${k['struck-out']} struck out`);
  if (k['not-reproduced']) parts.push(`${k['not-reproduced']} not reproduced in the rendering`);
  return parts.join(', ');
}

function nums(items: ChangeItem[], side: 'from' | 'to'): string {
  const ns = items.map((i) => (side === 'from' ? i.fromNum : i.toNum) ?? '–');
  const key = (x: string) => (/^\d+$/.test(x) ? Number(x) : Infinity);
  return ns.sort((a, b) => key(a) - key(b) || a.localeCompare(b)).join(', ');
}

/** Former numbers of dropped points, the first {@link BRIEFING_LIMITS}.dropped of them. */
function numsFew(items: ChangeItem[]): string {
  const all = nums(items, 'from').split(', ');
  const few = firstFew(all, BRIEFING_LIMITS.dropped);
  return few.list.join(', ') + andMore(few.more, '');
}

function evidenceText(e: EvidenceLine): string {
  const body = e.form === 'quote' ? `“${clip(e.text, 220)}”` : clip(e.text, 220);
  return body;
}
function evidenceBy(e: EvidenceLine): string {
  return `${e.speaker}${e.party ? ` (${e.party})` : ''}, ${e.saidAt}, ${e.attribution.replace(/-/g, ' ')}`;
}

/** What the heatmap shows, in words. */
function heatmapCaption(b: Briefing): string {
  const n = b.matrix?.rows.length ?? 0;
  return b.heatmapRows ? `the ${b.heatmapRows.length} most contested of ${n} points` : 'each point';
}

/** What the timeline shows, in words. */
function timelineCaption(b: Briefing): string {
  return b.events.length < b.eventsTotal ? ` (the ${b.events.length} nearest the date, of ${b.eventsTotal})` : '';
}

/** "and N more …" or nothing. */
function andMore(n: number, what: string): string {
  return n ? ` and ${n} more${what ? ` ${what}` : ''}` : '';
}

/** How a stance taken on an earlier version stands to the text on the table, in words: `on v1, slightly reworded since (11 % of the words)`. */
function sinceWords(s: StanceDrift): string {
  if (!s.change) return `on ${s.about.label}, which did not hold this point`;
  if (s.change.label === 'unchanged') return `on ${s.about.label}, wording unchanged since`;
  return `on ${s.about.label}, ${s.change.label} since (${Math.round(s.change.share * 100)} % of the words)`;
}

/** The sentence counting the stances carried from earlier versions (null when there are none). */
function driftSummary(b: Briefing): string | null {
  const d = b.drift;
  if (!d || d.changed.length + d.unchanged === 0) return null;
  const n = d.changed.length + d.unchanged;
  const label = b.status.currentVersion?.label ?? 'the text on the table';
  return `${n} stance${n === 1 ? '' : 's'} shown against ${label} ${n === 1 ? 'was' : 'were'} taken on an earlier version: ${d.changed.length} on a wording changed since, ${d.unchanged} on a wording kept word for word. A party's answer to ${label} takes the place of its earlier stance.`;
}

/**
 * The heatmap as a Markdown table: one row per point shown, one column per principal party with the
 * stance's symbol (· nothing recorded), and the row's state. Used when the heatmap is cut to the most
 * contested points (a large text), where its SVG would cost about 280 bytes a cell.
 */
function heatmapTable(b: Briefing): string[] {
  const m = b.matrix!;
  const shown = new Set(b.heatmapRows ?? m.rows.map((r) => r.lineage));
  const L = [`| point | ${m.parties.map((p) => mdEsc(p.short)).join(' | ')} | state |`, `| --- | ${m.parties.map(() => ':---:').join(' | ')} | --- |`];
  for (const r of m.rows) {
    if (!shown.has(r.lineage)) continue;
    const cells = m.parties.map((p) => {
      const c = r.cells[p.id];
      return c ? STANCE_SYMBOL[c.stance] : '·';
    });
    L.push(`| ${mdEsc(r.label)} | ${cells.join(' | ')} | ${r.state} |`);
  }
  return L;
}

/** The Markdown briefing (GitHub-flavoured; SVG pictures inline as HTML blocks). */
export function briefingMarkdown(full: Briefing): string {
  // Markdown carries its pictures inline: the timeline shows fewer events than the HTML's, and a cut
  // heatmap becomes a table of symbols (heatmapTable), so the file stays small at any scale.
  const b: Briefing = { ...full, events: nearest(full.events, full.asOf, BRIEFING_LIMITS.markdownTimelineEvents) };
  const s = b.status;
  const charts = briefingCharts(b);
  const L: string[] = [];
  L.push(`# ${mdEsc(b.process.name)} — briefing as of ${b.asOf}`, '');
  if (s.currentVersion) {
    L.push(
      `**Text on the table:** ${mdEsc(s.currentVersion.title)}, ${mdEsc(s.currentVersion.label)} (tabled ${s.currentVersion.date}), ${s.currentVersion.points} points — ` +
        `**${s.totals.acceptedByAll}** accepted by all principal parties, **${s.totals.contested}** contested, **${s.totals.unknown}** without a full set of stances.`,
    );
  } else L.push('**Text on the table:** none yet.');
  if (b.link) L.push('', isWebUrl(b.link) ? `Source: <${mdUrl(b.link)}>` : `Source: ${mdEsc(b.link)}`);
  L.push('', '## Status per axis', '');
  L.push('| axis | points | accepted by all | contested | unknown |', '| --- | ---: | ---: | ---: | ---: |');
  const axes = firstFew(s.axes, BRIEFING_LIMITS.axes);
  for (const a of axes.list) L.push(`| ${mdEsc(a.axis)} | ${a.points} | ${a.acceptedByAll} | ${a.contested} | ${a.unknown} |`);
  if (axes.more) L.push(`| …${andMore(axes.more, 'axes')} | | | | |`);
  L.push(`| **total** | ${s.totals.points} | ${s.totals.acceptedByAll} | ${s.totals.contested} | ${s.totals.unknown} |`);
  L.push('', '## Contested points', '');
  if (!b.contested.length) L.push('No point is contested on the record.');
  for (const c of b.contested) {
    L.push(`- **Point ${mdEsc(c.label)}**${c.axis ? ` (${mdEsc(c.axis)})` : ''}: ${mdEsc(clip(c.text, 200))}`);
    L.push(`  - Who holds what: ${c.holders.map((h) => `${mdEsc(h.short)} ${STANCE_SYMBOL[h.stance]} ${STANCE_LABEL[h.stance]} (${h.asOf}${h.since ? `; ${mdEsc(sinceWords(h.since))}` : ''})${h.conditions ? ` — ${mdEsc(clip(h.conditions, 80))}` : ''}`).join('; ')}`);
    if (c.evidence) {
      const s = c.evidence.source;
      const src = s ? ` — ${isWebUrl(s.url) ? `[${mdEsc(s.outlet ?? 'source')}](${mdUrl(s.url)})` : mdEsc(s.outlet ?? 'source')}` : '';
      L.push(`  - Latest evidence: ${mdEsc(evidenceText(c.evidence))} — ${mdEsc(evidenceBy(c.evidence))}${src}`);
    }
  }
  const drift = driftSummary(b);
  if (drift) {
    L.push('', '## Stances taken on an earlier wording', '', mdEsc(drift));
    const few = firstFew(b.drift!.changed, BRIEFING_LIMITS.drifted);
    if (few.list.length) L.push('');
    for (const x of few.list) L.push(`- **Point ${mdEsc(x.label)}** — ${mdEsc(x.short)} ${STANCE_SYMBOL[x.stance]} ${STANCE_LABEL[x.stance]} (${x.asOf}), ${mdEsc(sinceWords(x.since))}`);
    if (few.more) L.push(`- …${andMore(few.more, 'stances')}`);
  }
  L.push('', '## Meetings', '');
  L.push(`**Last held:** ${b.lastEvents.length ? b.lastEvents.map((e) => `${when(e)} ${mdEsc(e.title)}${place(e) ? ` (${mdEsc(place(e))})` : ''}`).join('; ') : 'none'}`, '');
  L.push(`**Next scheduled:** ${b.nextEvents.length ? b.nextEvents.map((e) => `${when(e)} ${mdEsc(e.title)}${place(e) ? ` (${mdEsc(place(e))})` : ''}`).join('; ') : 'none announced'}`);
  if (b.setbacks.length) L.push('', `**Postponed or cancelled lately:** ${b.setbacks.map((e) => `${STATUS_BADGE[e.status]} ${when(e)} ${mdEsc(e.title)}`).join('; ')}`);
  if (b.changes) {
    const c = b.changes;
    L.push('', `## Changes since ${mdEsc(c.from.title)} ${mdEsc(c.from.label)} (${c.from.date})`, '');
    L.push(changeSummary(c) + '.');
    const added = c.items.filter((i) => i.change === 'added');
    const dropped = c.items.filter((i) => i.change === 'dropped' || i.change === 'struck-out');
    const addedFew = firstFew(added, BRIEFING_LIMITS.added);
    if (added.length) L.push('', `- Added: ${addedFew.list.map((i) => `${i.toNum ?? '–'} (${mdEsc(clip(i.text, 70))})`).join('; ')}${andMore(addedFew.more, 'points')}`);
    if (dropped.length) L.push(`- Dropped or struck out (former numbers): ${numsFew(dropped)}`);
    const amended = c.items.filter((i) => i.change === 'amended').slice(0, 3);
    for (const i of amended) L.push(`- ${i.fromNum ?? '–'} → ${i.toNum ?? '–'}: ${diffText(i.diff, false, 160)}`);
  }
  L.push('', '## Pictures', '');
  if (charts.heatmap && b.heatmapRows) L.push(`**Positions** (latest stance of each principal party on ${heatmapCaption(b)})`, '', ...heatmapTable(b), '');
  else if (charts.heatmap) L.push(`**Positions** (latest stance of each principal party on ${heatmapCaption(b)})`, '', charts.heatmap, '');
  L.push(`**Timeline** of events with their status, and the texts tabled${timelineCaption(b)}`, '', charts.timeline, '');
  if (charts.pareto) L.push('**Packages** of the negotiation domain and the solution packages', '', charts.pareto, '');
  L.push(`Stances: ${Object.entries(STANCE_SYMBOL).map(([k, v]) => `${v} ${STANCE_LABEL[k as Stance]}`).join(' · ')}. ${b.viewerParty ? `Includes what is confidential to ${mdEsc(b.viewerParty)}: do not share outside that party.` : 'Only public positions and evidence are shown.'}`);
  return L.join('\n') + '\n';
}

const CSS = `
@page { size: A4; margin: 10mm 12mm 9mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 9.2pt; line-height: 1.36; color: #1b1b1b; margin: 0; }
main { max-width: 184mm; margin: 0 auto; }
header { border-bottom: 2.5px solid #1f3a5f; padding-bottom: 5px; margin-bottom: 8px; }
header .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 7.6pt; color: #5a6b80; }
h1 { font-size: 15.5pt; margin: 1px 0 3px; color: #10263f; }
h2 { font-size: 10.6pt; margin: 10px 0 4px; color: #1f3a5f; border-bottom: 1px solid #d5dde8; padding-bottom: 1px; }
.lead { font-size: 9.6pt; margin: 2px 0; }
.figures { display: flex; gap: 6px; margin: 6px 0 2px; }
.fig { flex: 1; border: 1px solid #d5dde8; border-radius: 4px; padding: 3px 6px; background: #f7f9fc; }
.fig b { display: block; font-size: 13pt; color: #10263f; }
.fig.alert b { color: #9b1c1c; }
.fig.next { flex: 1.5; }
.fig.next b { font-size: 11pt; }
.fig span { font-size: 7.6pt; color: #4a5a6e; }
table { border-collapse: collapse; width: 100%; font-size: 8.4pt; }
th, td { text-align: left; padding: 1.5px 5px; border-bottom: 1px solid #e4e8ee; vertical-align: top; }
th { background: #eef2f7; font-weight: bold; color: #1f3a5f; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.contested { margin: 0; padding: 0; list-style: none; }
.contested li { margin: 0 0 5px; padding: 3px 6px; border-left: 3px solid #d73027; background: #fdf5f4; break-inside: avoid; }
.contested .pt { font-weight: bold; }
.holders { margin: 2px 0 1px; }
.stance { display: inline-block; padding: 0 3px; border-radius: 3px; margin-right: 3px; font-size: 7.8pt; white-space: nowrap; }
.ev { color: #333; font-size: 8.2pt; }
.ev .by { color: #5a6b80; }
.events { margin: 0; font-size: 8.4pt; }
.events dt { font-weight: bold; color: #1f3a5f; background: #eef2f7; padding: 1px 5px; margin-top: 3px; }
.events dd { margin: 0; padding: 2px 5px; border-bottom: 1px solid #e4e8ee; }
.events .when { font-weight: bold; white-space: nowrap; }
.by { color: #5a6b80; }
.badge { font-size: 7.8pt; white-space: nowrap; }
ins { background: #e3f5e1; text-decoration: none; color: #14532d; }
del { background: #fde2e1; color: #7f1d1d; }
.pic { break-inside: avoid; margin: 4px 0 6px; }
.pic svg { max-width: 100%; height: auto; }
.caption { font-size: 7.8pt; color: #4a5a6e; margin: 1px 0 2px; }
.pics2 { display: grid; grid-template-columns: 270px 1fr; gap: 14px; align-items: start; }
.diff td { font-size: 8pt; }
footer { margin-top: 8px; font-size: 7.4pt; color: #5a6b80; border-top: 1px solid #d5dde8; padding-top: 3px; }
.page2 { break-before: page; }
a { color: #1f4f8a; text-decoration: none; }
.nw { white-space: nowrap; }
.drift-note { font-size: 8.2pt; margin: 3px 0 1px; }
sup.drift { font-size: 6.5pt; line-height: 0; margin-left: 1px; }
@media screen { body { padding: 14px 16px; } }
@media screen and (max-width: 600px) { .figures { flex-wrap: wrap; } .fig { flex: 1 1 7rem; } .two, .pics2 { grid-template-columns: 1fr; } }
`;

function stanceChip(short: string, stance: Stance, asOf: string, conditions?: string, since?: StanceDrift | null): string {
  const { fill: bg, ink: fg } = STANCE_SWATCH.light[stance];
  const tip = `${STANCE_LABEL[stance]} as of ${asOf}${since ? `, ${sinceWords(since)}` : ''}${conditions ? ` — ${conditions}` : ''}`;
  // The matrix's marks: ′ taken on an earlier version whose wording is kept, ≠ on a wording changed since.
  const mark = since ? `<sup class="drift">${since.change?.label === 'unchanged' ? '′' : '≠'}</sup>` : '';
  return `<span class="stance" style="background:${bg};color:${fg}" title="${esc(tip)}">${esc(short)} ${STANCE_SYMBOL[stance]} ${esc(STANCE_LABEL[stance])}${mark}</span>`;
}

/** The footer's words for the marks of stances taken on an earlier version, with their count (empty when none is shown). */
function driftLegend(b: Briefing): string {
  const d = b.drift;
  if (!d || d.changed.length + d.unchanged === 0) return '';
  return `; taken on an earlier version: ≠ wording changed since (${d.changed.length}), ′ kept (${d.unchanged})`;
}

/** The HTML briefing: one self-contained document (inline CSS and SVG), laid out for two A4 pages. */
export function briefingHtml(b: Briefing): string {
  const s = b.status;
  const charts = briefingCharts(b);
  const H: string[] = [];
  H.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(b.process.name)} — briefing ${b.asOf}</title><style>${CSS}</style></head><body><main>`);
  H.push(`<header><div class="kicker">Briefing · as of ${b.asOf}${b.link ? ` · ${isWebUrl(b.link) ? `<a href="${esc(b.link)}">${esc(b.link)}</a>` : esc(b.link)}` : ''}</div><h1>${esc(b.process.name)}</h1>`);
  if (s.currentVersion) {
    H.push(`<p class="lead">Text on the table: <b>${esc(s.currentVersion.title)}</b>, ${esc(s.currentVersion.label)} <span class="nw">(tabled ${s.currentVersion.date})</span>.</p>`);
  } else H.push('<p class="lead">No text on the table yet.</p>');
  const next = b.nextEvents[0];
  H.push(
    `<div class="figures">` +
      `<div class="fig"><b>${s.totals.points}</b><span>points in the text</span></div>` +
      `<div class="fig"><b>${s.totals.acceptedByAll}</b><span>accepted by all principal parties</span></div>` +
      `<div class="fig alert"><b>${s.totals.contested}</b><span>contested</span></div>` +
      `<div class="fig"><b>${s.totals.unknown}</b><span>stances incomplete</span></div>` +
      `<div class="fig next"><b>${next ? esc(when(next)) : '—'}</b><span>${next ? `next: ${esc(clip(next.title, 40))}` : 'no meeting scheduled'}</span></div>` +
      `</div></header>`,
  );
  // Contested points.
  H.push('<section><h2>Contested points</h2>');
  if (!b.contested.length) H.push('<p>No point is contested on the record.</p>');
  else {
    H.push('<ul class="contested">');
    for (const c of b.contested) {
      H.push(`<li><div><span class="pt">Point ${esc(c.label)}</span>${c.axis ? ` <span class="ev by">(${esc(c.axis)})</span>` : ''}: ${esc(clip(c.text, 210))}</div>`);
      H.push(`<div class="holders">${c.holders.map((h) => stanceChip(h.short, h.stance, h.asOf, h.conditions, h.since)).join('')}</div>`);
      if (c.evidence) {
        const e = c.evidence;
        const src = e.source ? ` · ${isWebUrl(e.source.url) ? `<a href="${esc(e.source.url)}">${esc(e.source.outlet ?? 'source')}</a>` : esc(e.source.outlet ?? 'source')}` : '';
        H.push(`<div class="ev">Latest: ${esc(evidenceText(e))} <span class="by">— ${esc(evidenceBy(e))}${src}</span></div>`);
      }
      H.push('</li>');
    }
    H.push('</ul>');
  }
  H.push('</section>');
  // Axis table and the change summary beside the meetings.
  H.push('<div class="two"><div><section><h2>Status per axis</h2><table><thead><tr><th>axis</th><th class="n">pts</th><th class="n">all ✓</th><th class="n">contested</th><th class="n">unknown</th></tr></thead><tbody>');
  const axes = firstFew(s.axes, BRIEFING_LIMITS.axes);
  for (const a of axes.list) H.push(`<tr><td>${esc(clip(a.axis, 44))}</td><td class="n">${a.points}</td><td class="n">${a.acceptedByAll}</td><td class="n">${a.contested}</td><td class="n">${a.unknown}</td></tr>`);
  if (axes.more) H.push(`<tr><td colspan="5">…${esc(andMore(axes.more, 'axes'))}</td></tr>`);
  H.push(`<tr><th>total</th><th class="n">${s.totals.points}</th><th class="n">${s.totals.acceptedByAll}</th><th class="n">${s.totals.contested}</th><th class="n">${s.totals.unknown}</th></tr></tbody></table></section>`);
  if (b.changes) {
    const c = b.changes;
    H.push(`<section><h2>Since ${esc(c.from.title)}, ${esc(c.from.label)}</h2>`);
    H.push(`<p>${esc(changeSummary(c))}.`);
    const added = c.items.filter((i) => i.change === 'added');
    const dropped = c.items.filter((i) => i.change === 'dropped' || i.change === 'struck-out');
    const addedFew = firstFew(added, BRIEFING_LIMITS.added);
    if (added.length) H.push(` <b>Added:</b> ${addedFew.list.map((i) => `${esc(i.toNum ?? '–')} (${esc(clip(i.text, 80))})`).join('; ')}${esc(andMore(addedFew.more, 'points'))}.`);
    if (dropped.length) H.push(` <b>Dropped or struck out</b> (former numbers): ${esc(numsFew(dropped))}.`);
    H.push('</p></section>');
  }
  H.push('</div><section><h2>Meetings</h2><dl class="events">');
  const evLine = (e: Event) =>
    `<dd><span class="when">${esc(when(e))}</span> <span class="badge" style="color:${STATUS_COLOR[e.status]}">${esc(STATUS_BADGE[e.status])}</span><br>${esc(e.title)}${place(e) ? ` <span class="by">— ${esc(place(e))}</span>` : ''}</dd>`;
  H.push('<dt>Next scheduled</dt>' + (b.nextEvents.length ? b.nextEvents.map(evLine).join('') : '<dd>none announced</dd>'));
  H.push('<dt>Last held</dt>' + (b.lastEvents.length ? b.lastEvents.map(evLine).join('') : '<dd>none</dd>'));
  if (b.setbacks.length) H.push('<dt>Postponed or cancelled lately</dt>' + b.setbacks.map(evLine).join(''));
  H.push('</dl></section></div>');
  // Pictures (page 2).
  H.push('<section class="page2">');
  if (charts.heatmap) H.push(`<h2>Positions of the principal parties, ${b.heatmapRows ? esc(heatmapCaption(b)) : 'point by point'}</h2><div class="pic">${charts.heatmap}</div>`);
  H.push(`<h2>Timeline of events and texts tabled${esc(timelineCaption(b))}</h2><div class="pic">${charts.timeline}</div>`);
  const amended = b.changes ? b.changes.items.filter((i) => i.change === 'amended').slice(0, charts.pareto ? 2 : 4) : [];
  const wording: string[] = [];
  if (b.changes && amended.length) {
    wording.push(`<h2>Wording changes since ${esc(b.changes.from.title)}, ${esc(b.changes.from.label)} (${amended.length} of ${b.changes.counts.amended})</h2><table class="diff"><tbody>`);
    for (const i of amended) wording.push(`<tr><td class="badge">${esc(i.fromNum ?? '–')} → ${esc(i.toNum ?? '–')}</td><td>${diffText(i.diff, true, charts.pareto ? 110 : 220)}</td></tr>`);
    wording.push('</tbody></table>');
  }
  if (charts.pareto && b.pareto) {
    const pp = b.pareto;
    H.push(
      `<div class="pics2"><div><h2>Packages of the contested issues</h2><div class="pic">${charts.pareto}</div></div><div>` +
        `<h2>Solution packages</h2><div class="caption"><p>Each grey dot is a package (one option per contested issue) that crosses no red line and meets every reservation value; black dots are Pareto-optimal packages and the line their frontier for ${esc(pp.x)} and ${esc(pp.y)}; dashed lines mark the two reservation values.${pp.note ? ` ${esc(pp.note)}` : ''}</p>` +
        `<table><tbody>${pp.solutions.map((x, i) => `<tr><td>${solutionGlyph(i)} <b>${esc(x.short)}</b></td><td>${esc(x.name)}</td><td class="n">${esc(pp.x)} ${x.u[0].toFixed(1)}</td><td class="n">${esc(pp.y)} ${x.u[1].toFixed(1)}</td></tr>`).join('')}</tbody></table></div>` +
        wording.join('') +
        `</div></div>`,
    );
  } else H.push(...wording);
  H.push('</section>');
  H.push(
    `<footer>Accord briefing of process “${esc(b.process.id)}”, as of ${b.asOf}. ${b.viewerParty ? `Includes what is confidential to ${esc(b.viewerParty)}: do not share outside that party.` : 'Public layer only.'} Stances: ${Object.entries(STANCE_SYMBOL)
      .map(([k, v]) => `${v} ${STANCE_LABEL[k as Stance]}`)
      .join(' · ')}${driftLegend(b)}. Every stance is backed by recorded evidence; see <code>accord positions</code>.</footer>`,
  );
  H.push('</main></body></html>');
  return H.join('\n');
}

/**
 * Render a briefing with its Pareto plot computed from the process's negotiation domain (when there
 * is one, it is valid and no profile is hidden from the viewer); any failure of the analysis leaves
 * the plot out rather than failing the briefing. This is what `accord brief` and the UI call.
 */
export async function renderBriefingWithAnalysis(data: ProcessData, opts: BriefingOptions & { format: BriefingFormat }): Promise<string> {
  let pareto = opts.pareto;
  if (pareto === undefined) {
    const { paretoPlotData } = await import('./pareto.js');
    pareto = await paretoPlotData(data, { viewerParty: opts.viewerParty }).catch(() => null);
  }
  return renderBriefing(data, { ...opts, pareto });
}
