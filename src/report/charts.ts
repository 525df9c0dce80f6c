/**
 * The briefing's pictures as standalone SVG strings: the positions heatmap (colour plus a symbol in
 * every cell, so it reads in greyscale and for colour-blind readers), the timeline of events with
 * their statuses and the texts tabled, and the Pareto plot of a negotiation domain with the solution
 * packages. Pure functions: data in, SVG text out. Every chart carries a `<title>` and `<desc>` and
 * `role="img"` for screen readers; cells and markers carry `<title>` tooltips.
 */
import { STANCE_LABEL, STANCE_SYMBOL, type PositionsMatrix } from '../analysis/positions.js';
import { compareIsoDates, startOf } from '../model/dates.js';
import type { Event, EventStatus, Stance } from '../model/schemas.js';
import { STANCE_SWATCH, STATUS_SWATCH } from './palette.js';
import { clip, esc, n, textWidth } from './svg.js';

/** Fill colour of each stance on paper (the shared palette, ./palette.ts: checked for colour-blind readers; every cell also shows a symbol). */
export const STANCE_COLOR: Record<Stance, string> = Object.fromEntries(Object.entries(STANCE_SWATCH.light).map(([k, v]) => [k, v.fill])) as Record<Stance, string>;

/** Symbol colour on each stance's fill (contrast ≥ 4.5:1, tested in ./palette.test.ts). */
const STANCE_INK: Record<Stance, string> = Object.fromEntries(Object.entries(STANCE_SWATCH.light).map(([k, v]) => [k, v.ink])) as Record<Stance, string>;

/** Stances in legend order (support to opposition, then unknowns). */
const STANCE_ORDER: Stance[] = ['accepts', 'accepts-with-conditions', 'proposes-alternative', 'rejects', 'undecided', 'no-public-position'];

const FONT = `font-family="DejaVu Sans, Helvetica, Arial, sans-serif"`;

/** The opening `<svg>` of a chart: size, viewBox, `role="img"` labelled by its `<title>` and `<desc>` (ids prefixed by `id`). */
export function open(w: number, h: number, title: string, desc: string, id: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${n(h)}" viewBox="0 0 ${n(w)} ${n(h)}" role="img" aria-labelledby="${id}-t ${id}-d" ${FONT}>` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>`
  );
}

/** Options of {@link heatmapSvg}. */
export interface HeatmapOptions {
  /** Total width in px (default 700). */
  width?: number;
  /** Characters of point text shown next to the number (default: fits the width). */
  textChars?: number;
  /** Row height in px (default 17). */
  rowHeight?: number;
  /** Only these rows (lineage ids), e.g. to fit a page; default all. */
  rows?: string[];
}

/**
 * The party × point positions heatmap. Rows are the points of the matrix's version grouped under
 * their axes; columns are the parties; each cell shows the party's latest stance as a coloured
 * square with its symbol (✓ ~ ± ✗ ? ·), blank when nothing is recorded. A right-hand column marks
 * contested rows. A legend explains colours and symbols.
 */
export function heatmapSvg(m: PositionsMatrix, opts: HeatmapOptions = {}): string {
  const W = opts.width ?? 700;
  const rows = opts.rows ? m.rows.filter((r) => opts.rows!.includes(r.lineage)) : m.rows;
  const P = m.parties.length;
  const cellW = Math.min(62, Math.max(40, Math.floor((W * 0.42) / Math.max(1, P))));
  const stateW = 74;
  const numW = 30;
  const gridX = W - stateW - P * cellW;
  const textW = gridX - numW - 8;
  const chars = opts.textChars ?? Math.max(10, Math.floor(textW / 6.0));
  const rowH = opts.rowHeight ?? 17;
  const headH = 26;
  const axisH = rowH;
  const legendH = 40;
  // Lay out rows with axis bands.
  type Line = { kind: 'axis'; label: string } | { kind: 'row'; r: (typeof rows)[number] };
  const lines: Line[] = [];
  let lastAxis: string | null | undefined;
  for (const r of rows) {
    const ax = r.axis ? [r.axis.num, r.axis.heading].filter(Boolean).join('. ') : null;
    if (ax !== lastAxis && ax !== null) lines.push({ kind: 'axis', label: ax });
    lastAxis = ax;
    lines.push({ kind: 'row', r });
  }
  const bodyH = lines.reduce((h, l) => h + (l.kind === 'axis' ? axisH : rowH), 0);
  const H = headH + bodyH + 8 + legendH;
  const contested = rows.filter((r) => r.state === 'contested').length;
  const out: string[] = [
    open(
      W,
      H,
      `Positions matrix, ${m.version.label} as of ${m.asOf}`,
      `${rows.length} points × ${P} parties; ${contested} contested. Each cell shows the party's latest stance with a colour and a symbol.`,
      'hm',
    ),
  ];
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  // Header.
  out.push(`<text x="0" y="17" font-size="11" font-weight="bold" fill="#333">Point</text>`);
  m.parties.forEach((p, i) => {
    out.push(`<text x="${n(gridX + i * cellW + cellW / 2)}" y="17" font-size="11" font-weight="bold" text-anchor="middle" fill="#222"><title>${esc(p.name)}</title>${esc(clip(p.short, 8))}</text>`);
  });
  out.push(`<text x="${n(gridX + P * cellW + 8)}" y="17" font-size="11" font-weight="bold" fill="#333">state</text>`);
  out.push(`<line x1="0" y1="${headH - 3}" x2="${W}" y2="${headH - 3}" stroke="#999" stroke-width="1"/>`);
  let y = headH;
  for (const l of lines) {
    if (l.kind === 'axis') {
      out.push(`<rect x="0" y="${n(y + 1)}" width="${W}" height="${axisH - 2}" fill="#eef2f7"/>`);
      out.push(`<text x="4" y="${n(y + axisH - 5)}" font-size="10.5" font-weight="bold" fill="#1f3a5f">${esc(clip(l.label, Math.floor(W / 6.2)))}</text>`);
      y += axisH;
      continue;
    }
    const r = l.r;
    const ty = y + rowH - 5;
    out.push(`<text x="${numW - 4}" y="${n(ty)}" font-size="10.5" font-weight="bold" text-anchor="end" fill="#222">${esc(r.label)}</text>`);
    out.push(`<text x="${numW + 2}" y="${n(ty)}" font-size="10" fill="#333"><title>${esc(r.text)}</title>${esc(clip(r.text, chars))}</text>`);
    m.parties.forEach((p, i) => {
      const c = r.cells[p.id] ?? null;
      const x = gridX + i * cellW;
      if (!c) {
        out.push(`<rect x="${n(x + 1.5)}" y="${n(y + 1.5)}" width="${cellW - 3}" height="${rowH - 3}" fill="#ffffff" stroke="#e2e2e2"><title>${esc(`${p.short} on ${r.label}: nothing recorded`)}</title></rect>`);
        return;
      }
      const tip = `${p.short} on ${r.label}: ${STANCE_LABEL[c.stance]} (as of ${c.asOf})${c.conditions ? ` — ${c.conditions}` : ''}`;
      out.push(
        `<g><title>${esc(tip)}</title><rect x="${n(x + 1.5)}" y="${n(y + 1.5)}" width="${cellW - 3}" height="${rowH - 3}" rx="2" fill="${STANCE_COLOR[c.stance]}"/>` +
          `<text x="${n(x + cellW / 2)}" y="${n(ty)}" font-size="11.5" font-weight="bold" text-anchor="middle" fill="${STANCE_INK[c.stance]}">${esc(STANCE_SYMBOL[c.stance])}</text></g>`,
      );
    });
    const sx = gridX + P * cellW + 8;
    if (r.state === 'contested') {
      out.push(`<rect x="${n(sx - 2)}" y="${n(y + 2.5)}" width="${stateW - 10}" height="${rowH - 5}" rx="6" fill="#fde2e1"/>`);
      out.push(`<text x="${n(sx + 4)}" y="${n(ty)}" font-size="9.5" font-weight="bold" fill="#9b1c1c">contested</text>`);
    } else if (r.state === 'accepted-by-all') out.push(`<text x="${n(sx + 4)}" y="${n(ty)}" font-size="9.5" fill="#1d5e20">all accept</text>`);
    out.push(`<line x1="0" y1="${n(y + rowH)}" x2="${W}" y2="${n(y + rowH)}" stroke="#f0f0f0"/>`);
    y += rowH;
  }
  // Legend.
  y += 12;
  let lx = 0;
  for (const s of STANCE_ORDER) {
    const label = STANCE_LABEL[s];
    const w = 18 + textWidth(label, 10) + 14;
    if (lx + w > W) {
      lx = 0;
      y += 16;
    }
    out.push(`<rect x="${n(lx)}" y="${n(y)}" width="15" height="13" rx="2" fill="${STANCE_COLOR[s]}" stroke="#bbb" stroke-width="0.5"/>`);
    out.push(`<text x="${n(lx + 7.5)}" y="${n(y + 10.5)}" font-size="10" font-weight="bold" text-anchor="middle" fill="${STANCE_INK[s]}">${esc(STANCE_SYMBOL[s])}</text>`);
    out.push(`<text x="${n(lx + 19)}" y="${n(y + 10.5)}" font-size="10" fill="#333">${esc(label)}</text>`);
    lx += w;
  }
  out.push('</svg>');
  // Trim the height to what the legend used.
  const used = y + 18;
  return out.join('').replace(`height="${n(H)}" viewBox="0 0 ${n(W)} ${n(H)}"`, `height="${n(used)}" viewBox="0 0 ${n(W)} ${n(used)}"`).replace(`<rect x="0" y="0" width="${W}" height="${H}"`, `<rect x="0" y="0" width="${W}" height="${n(used)}"`);
}

/** Marker colour of each event status on paper (./palette.ts; each status also has its own marker shape). */
export const STATUS_COLOR: Record<EventStatus, string> = STATUS_SWATCH.light;

/** Text badge of each status (symbol + word), as used by `accord timeline`. */
export const STATUS_BADGE: Record<EventStatus, string> = {
  held: '● held',
  scheduled: '○ scheduled',
  postponed: '↷ postponed',
  cancelled: '✗ cancelled',
  rescheduled: '↻ rescheduled',
  'under-way': '◐ under way',
  proposed: '◌ proposed',
};

/** SVG marker of a status centred at (x, y): shape differs per status, not only colour. */
export function statusMarker(s: EventStatus, x: number, y: number, approximate: boolean): string {
  return `<g class="mk mk-${s}">${statusShape(s, x, y, approximate)}</g>`;
}

function statusShape(s: EventStatus, x: number, y: number, approximate: boolean): string {
  const c = STATUS_COLOR[s];
  const dash = approximate ? ' stroke-dasharray="2 1.5"' : '';
  switch (s) {
    case 'held':
    case 'under-way':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="4.5" fill="${c}" stroke="#fff" stroke-width="0.8"${dash}/>`;
    case 'proposed':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="4.2" fill="#fff" stroke="${c}" stroke-width="1.4" stroke-dasharray="1.5 1.5"/>`;
    case 'scheduled':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="4.2" fill="#fff" stroke="${c}" stroke-width="1.8"${dash}/>`;
    case 'rescheduled':
      return `<path d="M${n(x)} ${n(y - 5)}L${n(x + 5)} ${n(y)}L${n(x)} ${n(y + 5)}L${n(x - 5)} ${n(y)}Z" fill="#fff" stroke="${c}" stroke-width="1.8"${dash}/>`;
    case 'postponed':
      return `<path d="M${n(x - 4)} ${n(y - 5)}L${n(x + 5)} ${n(y)}L${n(x - 4)} ${n(y + 5)}Z" fill="${c}" stroke="#fff" stroke-width="0.6"/>`;
    case 'cancelled':
      return `<path d="M${n(x - 4)} ${n(y - 4)}L${n(x + 4)} ${n(y + 4)}M${n(x + 4)} ${n(y - 4)}L${n(x - 4)} ${n(y + 4)}" stroke="${c}" stroke-width="2.6" stroke-linecap="round"/>`;
  }
}

/** A version shown on the timeline's "texts" lane. */
export interface TimelineVersion {
  id: string;
  label: string;
  date: string;
}

/** Options of {@link timelineSvg}. */
export interface TimelineOptions {
  width?: number;
  /** Draw an "as of" line at this date. */
  asOf?: string;
  /** Versions tabled, drawn as diamonds on their own lane. */
  versions?: TimelineVersion[];
  /** Event ids whose labels must be shown (e.g. last held and next scheduled). */
  highlight?: string[];
  /** Most label lanes under the axis (default 5). */
  lanes?: number;
}

const DAY = 86_400_000;
/** Days since 1970-01-01 of an ISO date (reduced dates: their first day). */
export const dayNum = (d: string) => Date.parse(startOf(d) + 'T00:00:00Z') / DAY;

/**
 * Timeline of events: a date axis with month ticks, one marker per event by status (● held,
 * ○ scheduled, ↷ postponed, ✗ cancelled, ◇ rescheduled; dashed when the date is approximate),
 * events on the same day stacked, spans drawn as bars, labels placed greedily in lanes under the
 * axis (highlighted events first, then held talks and summits, then the rest; a label that finds no
 * free lane is left to the marker's tooltip). Texts tabled appear as diamonds on a lane above.
 */
export function timelineSvg(events: Event[], opts: TimelineOptions = {}): string {
  const W = opts.width ?? 700;
  const versions = opts.versions ?? [];
  const evs = events.slice().sort((a, b) => compareIsoDates(a.start, b.start));
  const dates = [...evs.flatMap((e) => [e.start, e.end ?? e.start]), ...versions.map((v) => v.date), ...(opts.asOf ? [opts.asOf] : [])];
  const padL = 14;
  const padR = 14;
  const laneN = opts.lanes ?? 5;
  const vY = versions.length ? 40 : 0;
  const axisY = vY + 56;
  const laneH = 13;
  const legendY = axisY + 22 + laneN * laneH + 12;
  const H = legendY + 22;
  if (!dates.length) {
    return open(W, 40, 'Timeline of events', 'No events recorded.', 'tl') + `<text x="0" y="24" font-size="11" fill="#555">No events recorded.</text></svg>`;
  }
  let d0 = Math.min(...dates.map(dayNum));
  let d1 = Math.max(...dates.map(dayNum));
  if (d1 - d0 < 14) {
    d0 -= 7;
    d1 += 7;
  }
  d0 -= 2;
  d1 += 2;
  const x = (d: string) => padL + ((dayNum(d) - d0) / (d1 - d0)) * (W - padL - padR);
  const counts: Record<string, number> = {};
  for (const e of evs) counts[e.status] = (counts[e.status] ?? 0) + 1;
  const out: string[] = [
    open(
      W,
      H,
      'Timeline of events',
      `${evs.length} events from ${evs[0]?.start ?? ''} to ${evs.at(-1)?.start ?? ''}: ` +
        Object.entries(counts).map(([s, k]) => `${k} ${s}`).join(', ') +
        (versions.length ? `; ${versions.length} texts tabled.` : '.'),
      'tl',
    ),
  ];
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  // Month ticks.
  const first = new Date(d0 * DAY);
  let mY = first.getUTCFullYear();
  let mM = first.getUTCMonth() + 1;
  for (;;) {
    mM++;
    if (mM > 12) {
      mM = 1;
      mY++;
    }
    const iso = `${mY}-${String(mM).padStart(2, '0')}-01`;
    if (dayNum(iso) > d1) break;
    const tx = x(iso);
    out.push(`<line x1="${n(tx)}" y1="${vY + 8}" x2="${n(tx)}" y2="${axisY + 4}" stroke="#e3e3e3"/>`);
    const label = new Date(Date.parse(iso)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }) + (mM === 1 ? ` ${mY}` : '');
    out.push(`<text x="${n(tx + 3)}" y="${vY + 17}" font-size="9" fill="#888">${esc(label)}</text>`);
  }
  out.push(`<line x1="${padL}" y1="${axisY}" x2="${W - padR}" y2="${axisY}" stroke="#555" stroke-width="1.2"/>`);
  // As-of line.
  if (opts.asOf) {
    const ax = x(opts.asOf);
    out.push(`<line x1="${n(ax)}" y1="${vY + 2}" x2="${n(ax)}" y2="${axisY + 12}" stroke="#111" stroke-dasharray="3 2"/>`);
    const lbl = `as of ${opts.asOf}`;
    const lw = textWidth(lbl, 9);
    const lx = ax + 4 + lw > W ? ax - 4 - lw : ax + 4;
    out.push(`<text x="${n(lx)}" y="${vY + 28}" font-size="9" font-weight="bold" fill="#111">${esc(lbl)}</text>`);
  }
  // Versions lane: diamonds, labels in two rows above them placed without overlap.
  if (versions.length) {
    out.push(`<text x="0" y="${vY + 3}" font-size="8.5" fill="#666">texts</text>`);
    const rowsEnd = [-Infinity, -Infinity, -Infinity];
    for (const v of versions.slice().sort((a, b) => compareIsoDates(a.date, b.date))) {
      const vx = x(v.date);
      out.push(`<path d="M${n(vx)} ${vY - 5}L${n(vx + 5)} ${vY}L${n(vx)} ${vY + 5}L${n(vx - 5)} ${vY}Z" fill="#2f855a"><title>${esc(`${v.label} (${v.id}), ${v.date}`)}</title></path>`);
      const label = clip(v.label, 34);
      const lw = textWidth(label, 9);
      const lx = Math.max(28, Math.min(vx - 4, W - lw - 2));
      const row = rowsEnd.findIndex((end) => lx > end + 6);
      if (row < 0) continue;
      rowsEnd[row] = lx + lw;
      const ly = vY - 9 - row * 11;
      out.push(`<text x="${n(lx)}" y="${ly}" font-size="9" fill="#22543d">${esc(label)}</text>`);
    }
  }
  // Event markers (stacked per day) and spans.
  const stack = new Map<string, number>();
  const pos = new Map<string, { x: number; y: number }>();
  for (const e of evs) {
    const ex = x(e.start);
    const k = startOf(e.start);
    const level = stack.get(k) ?? 0;
    stack.set(k, level + 1);
    const ey = axisY - 7 - level * 10;
    pos.set(e.id, { x: ex, y: ey });
    if (e.end && e.end !== e.start) {
      out.push(`<line x1="${n(ex)}" y1="${n(ey)}" x2="${n(x(e.end))}" y2="${n(ey)}" stroke="${STATUS_COLOR[e.status]}" stroke-width="3" stroke-opacity="0.45"/>`);
    }
    const where = [e.place?.city, e.place?.country].filter(Boolean).join(', ');
    const tip = `${e.start}${e.end ? `…${e.end}` : ''}${e.approximate ? ' (approx.)' : ''} — ${e.title}${where ? `, ${where}` : ''} [${e.status}]`;
    out.push(`<g><title>${esc(tip)}</title>${statusMarker(e.status, ex, ey, e.approximate)}</g>`);
  }
  // Labels in lanes.
  const rank = (e: Event) =>
    (opts.highlight?.includes(e.id) ? 0 : 10) +
    (e.kind === 'talks' || e.kind === 'summit' ? 0 : e.kind === 'meeting' || e.kind === 'visit' ? 1 : 3) +
    (e.status === 'held' ? 0 : e.status === 'scheduled' || e.status === 'rescheduled' ? 0.5 : 1);
  const order = evs.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i);
  const lanes: [number, number][][] = Array.from({ length: laneN }, () => []);
  for (const { e } of order) {
    const p = pos.get(e.id)!;
    const label = clip(`${e.title}`, 34);
    const lw = textWidth(label, 9);
    let lx = p.x - 3;
    if (lx + lw > W - 2) lx = W - 2 - lw;
    if (lx < 0) lx = 0;
    const lane = lanes.findIndex((occ) => occ.every(([a, b]) => lx + lw + 6 < a || lx > b + 6));
    if (lane < 0) continue;
    lanes[lane]!.push([lx, lx + lw]);
    const ly = axisY + 22 + lane * laneH;
    const strong = opts.highlight?.includes(e.id);
    out.push(`<line x1="${n(p.x)}" y1="${axisY + 2}" x2="${n(p.x)}" y2="${ly - 9}" stroke="${STATUS_COLOR[e.status]}" stroke-width="0.6" stroke-opacity="0.7"/>`);
    out.push(`<text x="${n(lx)}" y="${ly}" font-size="9"${strong ? ' font-weight="bold"' : ''} fill="${STATUS_COLOR[e.status]}">${esc(label)}</text>`);
  }
  // Legend.
  let lx = 0;
  for (const s of ['held', 'scheduled', 'rescheduled', 'postponed', 'cancelled'] as EventStatus[]) {
    out.push(statusMarker(s, lx + 5, legendY + 6, false));
    out.push(`<text x="${lx + 14}" y="${legendY + 9.5}" font-size="9.5" fill="#333">${s}</text>`);
    lx += 26 + textWidth(s, 9.5);
  }
  out.push(`<path d="M${lx + 5} ${legendY + 1}L${lx + 10} ${legendY + 6}L${lx + 5} ${legendY + 11}L${lx} ${legendY + 6}Z" fill="#2f855a"/>`);
  out.push(`<text x="${lx + 14}" y="${legendY + 9.5}" font-size="9.5" fill="#333">text tabled</text>`);
  lx += 26 + textWidth('text tabled', 9.5);
  out.push(`<text x="${lx}" y="${legendY + 9.5}" font-size="9.5" fill="#555">dashed: approximate date</text>`);
  out.push('</svg>');
  return out.join('');
}

/** What {@link paretoSvg} draws: utilities of two parties on 0–100. */
export interface ParetoPlot {
  /** Display names of the x and y parties. */
  x: string;
  y: string;
  /** Utilities of the packages shown as dots (feasible ones, possibly thinned). */
  points: [number, number][];
  /** Packages crossing a red line or a reservation value, shown faintly (optional). */
  excluded?: [number, number][];
  /** The Pareto frontier of the shown parties, as points in increasing x. */
  frontier: [number, number][];
  /** Reservation values of the two parties. */
  reservation: [number, number];
  /** Solution packages (Nash, Kalai–Smorodinsky, egalitarian, utilitarian). */
  solutions: { name: string; short: string; u: [number, number] }[];
  /** Footnote, e.g. that the plot projects a domain of more parties onto two. */
  note?: string;
  /** Total packages in the domain (for the description). */
  outcomes?: number;
}

const SOLUTION_SHAPES = ['square', 'triangle', 'diamond', 'star'] as const;
const SOLUTION_COLORS = ['#b7410e', '#6b46c1', '#0f766e', '#1d4ed8'];

function shape(kind: (typeof SOLUTION_SHAPES)[number], x: number, y: number, color: string): string {
  const s = 6;
  switch (kind) {
    case 'square':
      return `<rect x="${n(x - s + 1)}" y="${n(y - s + 1)}" width="${2 * s - 2}" height="${2 * s - 2}" fill="${color}" stroke="#fff" stroke-width="1"/>`;
    case 'triangle':
      return `<path d="M${n(x)} ${n(y - s)}L${n(x + s)} ${n(y + s - 1)}L${n(x - s)} ${n(y + s - 1)}Z" fill="${color}" stroke="#fff" stroke-width="1"/>`;
    case 'diamond':
      return `<path d="M${n(x)} ${n(y - s)}L${n(x + s)} ${n(y)}L${n(x)} ${n(y + s)}L${n(x - s)} ${n(y)}Z" fill="${color}" stroke="#fff" stroke-width="1"/>`;
    case 'star': {
      const pts: string[] = [];
      for (let k = 0; k < 10; k++) {
        const r = k % 2 ? s * 0.45 : s * 1.1;
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        pts.push(`${n(x + r * Math.cos(a))} ${n(y + r * Math.sin(a))}`);
      }
      return `<path d="M${pts.join('L')}Z" fill="${color}" stroke="#fff" stroke-width="0.8"/>`;
    }
  }
}

/**
 * Pareto plot: party x's utility against party y's (both 0–100). Grey dots are packages, faint
 * crosses those excluded by red lines or reservation values, the dark line the Pareto frontier,
 * dashed lines the reservation values, and distinct shapes the solution packages (labelled; equal
 * packages share one label).
 */
export function paretoSvg(p: ParetoPlot, opts: { width?: number; legend?: boolean } = {}): string {
  const legend = opts.legend ?? true;
  const W = opts.width ?? 340;
  const left = 40;
  const top = 12;
  const size = W - left - 12;
  const H = top + size + 34 + (legend ? 16 * Math.ceil(p.solutions.length / 2) + (p.note ? 14 : 0) : 0);
  const X = (u: number) => left + (u / 100) * size;
  const Y = (u: number) => top + size - (u / 100) * size;
  const out: string[] = [
    open(
      W,
      H,
      `Pareto plot: ${p.x} and ${p.y}`,
      `${p.points.length} packages${p.outcomes ? ` of ${p.outcomes}` : ''}; frontier of ${p.frontier.length} points; ` +
        p.solutions.map((s) => `${s.name} at (${s.u[0].toFixed(1)}, ${s.u[1].toFixed(1)})`).join('; '),
      'pp',
    ),
  ];
  out.push(`<rect x="0" y="0" width="${W}" height="${n(H)}" fill="#ffffff"/>`);
  out.push(`<rect x="${left}" y="${top}" width="${n(size)}" height="${n(size)}" fill="#fafafa" stroke="#bbb"/>`);
  for (const t of [0, 25, 50, 75, 100]) {
    out.push(`<line x1="${n(X(t))}" y1="${top}" x2="${n(X(t))}" y2="${n(top + size)}" stroke="#ececec"/><line x1="${left}" y1="${n(Y(t))}" x2="${n(left + size)}" y2="${n(Y(t))}" stroke="#ececec"/>`);
    out.push(`<text x="${n(X(t))}" y="${n(top + size + 12)}" font-size="9" text-anchor="middle" fill="#666">${t}</text>`);
    out.push(`<text x="${left - 4}" y="${n(Y(t) + 3)}" font-size="9" text-anchor="end" fill="#666">${t}</text>`);
  }
  out.push(`<text x="${n(left + size / 2)}" y="${n(top + size + 26)}" font-size="10.5" font-weight="bold" text-anchor="middle" fill="#222">${esc(p.x)} utility</text>`);
  out.push(`<text x="11" y="${n(top + size / 2)}" font-size="10.5" font-weight="bold" text-anchor="middle" fill="#222" transform="rotate(-90 11 ${n(top + size / 2)})">${esc(p.y)} utility</text>`);
  for (const [a, b] of p.excluded ?? []) {
    out.push(`<path d="M${n(X(a) - 1.6)} ${n(Y(b) - 1.6)}L${n(X(a) + 1.6)} ${n(Y(b) + 1.6)}M${n(X(a) + 1.6)} ${n(Y(b) - 1.6)}L${n(X(a) - 1.6)} ${n(Y(b) + 1.6)}" stroke="#d4d4d4" stroke-width="0.7"/>`);
  }
  for (const [a, b] of p.points) out.push(`<circle cx="${n(X(a))}" cy="${n(Y(b))}" r="1.9" fill="#9aa5b1"/>`);
  const [rx, ry] = p.reservation;
  out.push(`<line x1="${n(X(rx))}" y1="${top}" x2="${n(X(rx))}" y2="${n(top + size)}" stroke="#777" stroke-dasharray="4 3"/>`);
  out.push(`<line x1="${left}" y1="${n(Y(ry))}" x2="${n(left + size)}" y2="${n(Y(ry))}" stroke="#777" stroke-dasharray="4 3"/>`);
  if (p.frontier.length) {
    const f = p.frontier.slice().sort((a, b) => a[0] - b[0]);
    out.push(`<polyline points="${f.map(([a, b]) => `${n(X(a))},${n(Y(b))}`).join(' ')}" fill="none" stroke="#1f2937" stroke-width="1.6"/>`);
    for (const [a, b] of f) out.push(`<circle cx="${n(X(a))}" cy="${n(Y(b))}" r="2.4" fill="#1f2937"/>`);
  }
  // Solutions: group equal packages.
  const groups: { u: [number, number]; idx: number[] }[] = [];
  p.solutions.forEach((s, i) => {
    const g = groups.find((g) => Math.abs(g.u[0] - s.u[0]) < 1e-6 && Math.abs(g.u[1] - s.u[1]) < 1e-6);
    if (g) g.idx.push(i);
    else groups.push({ u: s.u, idx: [i] });
  });
  for (const g of groups) {
    const [a, b] = g.u;
    g.idx.forEach((i, k) => {
      out.push(`<g><title>${esc(`${p.solutions[i]!.name}: ${p.x} ${a.toFixed(1)}, ${p.y} ${b.toFixed(1)}`)}</title>${shape(SOLUTION_SHAPES[i % 4]!, X(a) + k * 9, Y(b), SOLUTION_COLORS[i % 4]!)}</g>`);
    });
  }
  // Legend.
  let ly = top + size + 42;
  if (legend) p.solutions.forEach((s, i) => {
    const lx = i % 2 ? left + size / 2 : left - 30;
    if (i % 2 === 0 && i > 0) ly += 16;
    out.push(shape(SOLUTION_SHAPES[i % 4]!, lx + 6, ly - 4, SOLUTION_COLORS[i % 4]!));
    out.push(`<text x="${n(lx + 16)}" y="${n(ly)}" font-size="9.5" fill="#222">${esc(`${s.short}: ${s.name}`)}</text>`);
  });
  if (legend && p.note) out.push(`<text x="${left - 30}" y="${n(ly + 16)}" font-size="8.5" fill="#555">${esc(clip(p.note, Math.floor(W / 4.6)))}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** A small standalone SVG of the marker used for the i-th solution in {@link paretoSvg} (for tables). */
export function solutionGlyph(i: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${shape(SOLUTION_SHAPES[i % 4]!, 7, 7.5, SOLUTION_COLORS[i % 4]!)}</svg>`;
}
