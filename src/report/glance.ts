/**
 * The talks at a glance, as small SVG pictures shared by the workbench's Overview and the briefing:
 * the rounds (versions of the text on a time axis, joined to the meetings where each was tabled,
 * with the last and next meetings marked), agreement per axis as stacked bars, and the positions
 * matrix as a compact heatmap (parties × points). Pure functions: data in, SVG text out.
 *
 * Each picture reads without colour: stances carry their symbol, agreement segments a pattern and a
 * count, events a marker shape per status, and every picture has a `<title>`, a `<desc>` and
 * `role="img"`. Elements carry class names (`paper`, `ink`, `muted`, `grid`, `band`, `agree-*`,
 * `stance-*`, `mk-*`) so a page can restyle them (dark mode) with CSS, which outranks the
 * presentation attributes used on paper. Elements a page may open carry `data-href` (a link target
 * computed by the caller's `href`), never `<a>`: the pictures stay images for screen readers, whose
 * users get the same facts from the tables and lists beside them.
 */
import { STANCE_LABEL, STANCE_SYMBOL, type AxisSummary, type PositionsMatrix } from '../analysis/positions.js';
import { compareIsoDates, startOf } from '../model/dates.js';
import type { Event, EventStatus } from '../model/schemas.js';
import { dayNum, open, statusMarker } from './charts.js';
import { AGREEMENT_SWATCH, CHART_NEUTRALS, STANCE_SWATCH, STATUS_SWATCH, type AgreementState } from './palette.js';
import { clip, esc, n, textWidth } from './svg.js';

const PAPER = CHART_NEUTRALS.light;

/** Link targets for the elements of a picture (the workbench's hash routes); absent: no links. */
export interface GlanceLinks {
  point?: (lineage: string) => string;
  axis?: (axisLineage: string | null) => string;
  event?: (id: string) => string;
  version?: (id: string) => string;
}

const dataHref = (h: string | undefined) => (h ? ` data-href="${esc(h)}"` : '');

/** Pattern definitions for the agreement segments (contested: diagonal hatch, unknown: dots). */
function agreementPatterns(id: string): string {
  const c = AGREEMENT_SWATCH.light;
  return (
    `<defs>` +
    `<pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="agree-contested" fill="${c.contested.fill}"/><line x1="0" y1="0" x2="0" y2="6" class="hatch" stroke="${c.contested.ink}" stroke-width="1.6" stroke-opacity="0.55"/></pattern>` +
    `<pattern id="${id}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" class="agree-unknown" fill="${c.unknown.fill}"/><circle cx="2.5" cy="2.5" r="0.9" class="dots" fill="${c.unknown.ink}" fill-opacity="0.45"/></pattern>` +
    `</defs>`
  );
}

/**
 * Agreement per axis as horizontal stacked bars: for each axis the points accepted by all (solid),
 * contested (hatched) and unknown (dotted), each segment labelled with its count when it fits, and
 * the totals in words at the end of the row. `width` in px (default 640); the label column narrows
 * and the labels move above the bars below 480 px.
 */
export function axisBarsSvg(axes: AxisSummary[], opts: { width?: number; links?: GlanceLinks; id?: string } = {}): string {
  const W = opts.width ?? 640;
  const id = opts.id ?? 'ax';
  const narrow = W < 480;
  const labelW = narrow ? 0 : Math.min(240, Math.round(W * 0.34));
  const countW = narrow ? 0 : 96;
  const barX = labelW ? labelW + 10 : 0;
  const barW = Math.max(60, W - barX - countW);
  const rowH = narrow ? 38 : 24;
  const legendH = 24;
  const H = axes.length * rowH + legendH + 6;
  const total = axes.reduce((t, a) => ({ acc: t.acc + a.acceptedByAll, con: t.con + a.contested, unk: t.unk + a.unknown }), { acc: 0, con: 0, unk: 0 });
  const c = AGREEMENT_SWATCH.light;
  const out: string[] = [
    open(
      W,
      H,
      'Agreement per axis',
      axes.length
        ? axes.map((a) => `${a.axis}: ${a.acceptedByAll} of ${a.points} accepted by all, ${a.contested} contested, ${a.unknown} unknown`).join('; ') + '.'
        : 'No points to show.',
      id,
    ),
    agreementPatterns(id),
    `<rect class="paper" x="0" y="0" width="${W}" height="${H}" fill="${PAPER.paper}"/>`,
  ];
  const fills: Record<AgreementState, string> = { 'accepted-by-all': c['accepted-by-all'].fill, contested: `url(#${id}-hatch)`, unknown: `url(#${id}-dots)` };
  axes.forEach((a, i) => {
    const y = i * rowH;
    const by = narrow ? y + 16 : y + 4;
    const bh = narrow ? 16 : 16;
    const href = opts.links?.axis?.(a.lineage ?? null);
    out.push(`<g class="axis-bar"${dataHref(href)}><title>${esc(`${a.axis}: ${a.acceptedByAll} accepted by all, ${a.contested} contested, ${a.unknown} unknown of ${a.points} points`)}</title>`);
    const label = narrow ? clip(a.axis, Math.floor(W / 6.4)) : clip(a.axis, Math.floor(labelW / 6.1));
    out.push(`<text class="ink" x="${narrow ? 0 : labelW}" y="${narrow ? y + 12 : y + 16}" font-size="11"${narrow ? '' : ' text-anchor="end"'} fill="${PAPER.ink}">${esc(label)}</text>`);
    let x = barX;
    for (const [state, count] of [
      ['accepted-by-all', a.acceptedByAll],
      ['contested', a.contested],
      ['unknown', a.unknown],
    ] as [AgreementState, number][]) {
      if (!count || !a.points) continue;
      const w = (count / a.points) * barW;
      out.push(`<rect class="seg seg-${state}" x="${n(x)}" y="${by}" width="${n(Math.max(0, w - 1))}" height="${bh}" fill="${fills[state]}"/>`);
      const t = String(count);
      if (textWidth(t, 10) + 6 < w) {
        const ink = state === 'accepted-by-all' ? c['accepted-by-all'].ink : state === 'contested' ? c.contested.ink : c.unknown.ink;
        out.push(`<text class="seg-ink seg-ink-${state}" x="${n(x + w / 2)}" y="${by + 12}" font-size="10" font-weight="bold" text-anchor="middle" fill="${ink}"${state === 'accepted-by-all' ? '' : ` paint-order="stroke" stroke="${state === 'contested' ? c.contested.fill : c.unknown.fill}" stroke-width="3"`}>${t}</text>`);
      }
      x += w;
    }
    if (!narrow) out.push(`<text class="muted" x="${n(barX + barW + 8)}" y="${y + 16}" font-size="10" fill="${PAPER.muted}">${a.acceptedByAll}/${a.points} agreed</text>`);
    else out.push(`<text class="muted" x="${W}" y="${y + 12}" font-size="10" text-anchor="end" fill="${PAPER.muted}">${a.acceptedByAll}/${a.points} agreed</text>`);
    out.push('</g>');
  });
  // Legend: swatch with its pattern, then the words and the total.
  const ly = axes.length * rowH + 8;
  let lx = 0;
  for (const [state, label, count] of [
    ['accepted-by-all', 'accepted by all', total.acc],
    ['contested', 'contested', total.con],
    ['unknown', 'unknown', total.unk],
  ] as [AgreementState, string, number][]) {
    const words = `${label} (${count})`;
    out.push(`<rect class="seg seg-${state}" x="${lx}" y="${ly}" width="14" height="11" fill="${fills[state]}"/>`);
    out.push(`<text class="ink" x="${lx + 18}" y="${ly + 9.5}" font-size="10" fill="${PAPER.ink}">${esc(words)}</text>`);
    lx += 30 + textWidth(words, 10);
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * The positions matrix as a compact heatmap: one row per party, one column per point (in reading
 * order, a small gap between axes), each cell the party's latest stance as a fill with its symbol;
 * a ▲ under the columns of contested points. Cells shrink to fit `width` (default 640, at least 9 px).
 */
export function heatmapStripSvg(m: PositionsMatrix, opts: { width?: number; links?: GlanceLinks; id?: string } = {}): string {
  const W = opts.width ?? 640;
  const id = opts.id ?? 'hs';
  const P = m.parties.length;
  const rows = m.rows;
  const labelW = Math.min(64, Math.max(34, ...m.parties.map((p) => textWidth(clip(p.short, 8), 10.5) + 8)));
  let gaps = 0;
  rows.forEach((r, i) => {
    if (i > 0 && r.axis?.lineage !== rows[i - 1]!.axis?.lineage) gaps++;
  });
  const gapW = 5;
  const cell = Math.max(9, Math.min(26, Math.floor((W - labelW - gaps * gapW) / Math.max(1, rows.length))));
  const headH = 16;
  const H = headH + P * cell + 16;
  const contested = rows.filter((r) => r.state === 'contested').length;
  const out: string[] = [
    open(
      W,
      H,
      `Positions at a glance, ${m.version.label} as of ${m.asOf}`,
      `${rows.length} points × ${P} parties; ${contested} contested (marked ▲). Each cell shows the party's latest stance with a colour and a symbol.`,
      id,
    ),
    `<rect class="paper" x="0" y="0" width="${W}" height="${H}" fill="${PAPER.paper}"/>`,
  ];
  m.parties.forEach((p, j) => {
    out.push(`<text class="ink" x="${labelW - 6}" y="${n(headH + j * cell + cell / 2 + 4)}" font-size="10.5" font-weight="bold" text-anchor="end" fill="${PAPER.ink}"><title>${esc(p.name)}</title>${esc(clip(p.short, 8))}</text>`);
  });
  let x = labelW;
  const fontSize = Math.max(7, Math.min(12, cell * 0.55));
  rows.forEach((r, i) => {
    if (i > 0 && r.axis?.lineage !== rows[i - 1]!.axis?.lineage) x += gapW;
    const href = opts.links?.point?.(r.lineage);
    // Point label every column when it fits, else every fifth.
    const every = cell >= 16 ? 1 : cell >= 11 ? 2 : 5;
    if (i % every === 0 || i === rows.length - 1) out.push(`<text class="muted" x="${n(x + cell / 2)}" y="11" font-size="${Math.min(10, cell * 0.6)}" text-anchor="middle" fill="${PAPER.muted}">${esc(clip(r.label, 4))}</text>`);
    out.push(`<g class="col"${dataHref(href)}>`);
    m.parties.forEach((p, j) => {
      const c = r.cells[p.id] ?? null;
      const y = headH + j * cell;
      if (!c) {
        out.push(`<rect class="empty" x="${n(x + 1)}" y="${n(y + 1)}" width="${cell - 2}" height="${cell - 2}" rx="1.5" fill="${PAPER.empty}"><title>${esc(`${p.short} on point ${r.label}: nothing recorded`)}</title></rect>`);
        return;
      }
      const s = STANCE_SWATCH.light[c.stance];
      out.push(
        `<g><title>${esc(`${p.short} on point ${r.label}: ${STANCE_LABEL[c.stance]} (as of ${c.asOf})`)}</title><rect class="stance-${c.stance}" x="${n(x + 1)}" y="${n(y + 1)}" width="${cell - 2}" height="${cell - 2}" rx="1.5" fill="${s.fill}"/>` +
          (cell >= 11 ? `<text class="stance-ink-${c.stance}" x="${n(x + cell / 2)}" y="${n(y + cell / 2 + fontSize * 0.36)}" font-size="${n(fontSize)}" font-weight="bold" text-anchor="middle" fill="${s.ink}">${esc(STANCE_SYMBOL[c.stance])}</text>` : '') +
          `</g>`,
      );
    });
    if (r.state === 'contested') out.push(`<path class="contested-mark" d="M${n(x + cell / 2)} ${n(headH + P * cell + 3)}l4 7h-8z" fill="${AGREEMENT_SWATCH.light.contested.fill}" stroke="${PAPER.ink}" stroke-width="0.6"><title>${esc(`point ${r.label}: contested`)}</title></path>`);
    out.push('</g>');
    x += cell;
  });
  out.push('</svg>');
  return out.join('');
}

/** A version on the rounds picture. */
export interface RoundVersion {
  id: string;
  label: string;
  date: string;
  /** Document title (shown before the label when there is room). */
  title?: string;
}

/** Options of {@link roundsSvg}. */
export interface RoundsOptions {
  width?: number;
  asOf?: string;
  /** The last meeting held and the next one scheduled: their labels are always drawn. */
  lastHeld?: string | null;
  nextScheduled?: string | null;
  links?: GlanceLinks;
  id?: string;
}

/** Width in px of a version label: 9.5 px bold type, a tenth wider than {@link textWidth}'s regular estimate. */
const labelWidth = (s: string) => textWidth(s, 9.5) * 1.1;

/**
 * Where a version's label goes in the rows above the axis (`rowsEnd`: the right end in px of the
 * last label of each row): centred over the diamond at `vx` in the first row where it fits, else
 * moved right past that row's last label while it still starts left of `vx`, else cut (with an
 * ellipsis, at least 8 code points) to the room between the row's last label and the picture's edge
 * or `vx`. Null when no row has room for 8 code points. Labels 10 px apart.
 */
function placeLabel(label: string, vx: number, rowsEnd: number[], W: number): { row: number; x: number; text: string } | null {
  const lw = labelWidth(label);
  const centred = Math.max(0, Math.min(vx - lw / 2, W - lw - 2));
  let best: { row: number; x: number } | null = null;
  rowsEnd.forEach((end, row) => {
    const x = Math.max(centred, end + 10);
    if (x + lw <= W - 2 && x <= vx && (!best || x < best.x)) best = { row, x };
  });
  if (best) return { ...(best as { row: number; x: number }), text: label };
  const cps = [...label];
  for (let row = 0; row < rowsEnd.length; row++) {
    const x = Math.max(0, rowsEnd[row]! + 10);
    if (x > vx) continue;
    for (let k = cps.length - 1; k >= 8; k--) {
      const text = clip(label, k);
      if (x + labelWidth(text) <= W - 2) return { row, x, text };
    }
  }
  return null;
}

/**
 * The rounds of the text on a time axis: each version a diamond on the "texts" lane above the axis,
 * each meeting a marker shaped by its status on the axis, a dashed line from every version to each
 * meeting where it was tabled, the as-of date as a vertical line, and the last held and next
 * scheduled meetings labelled under the axis ("last: …", "next: …"). Width in px (default 640).
 */
export function roundsSvg(versions: RoundVersion[], events: Event[], opts: RoundsOptions = {}): string {
  const W = opts.width ?? 640;
  const id = opts.id ?? 'rd';
  const vs = versions.slice().sort((a, b) => compareIsoDates(a.date, b.date));
  const evs = events.slice().sort((a, b) => compareIsoDates(a.start, b.start));
  const recorded = [...vs.map((v) => v.date), ...evs.map((e) => e.start), ...evs.flatMap((e) => (e.end ? [e.end] : []))];
  // An as-of date long after the last thing recorded does not squeeze the talks to one side: the
  // axis stops after the record and says how far the as-of date lies beyond it.
  const lastDay = recorded.length ? Math.max(...recorded.map(dayNum)) : -Infinity;
  const firstDay = recorded.length ? Math.min(...recorded.map(dayNum)) : Infinity;
  const asOfDay = opts.asOf ? dayNum(opts.asOf) : null;
  const beyond = asOfDay !== null && recorded.length > 0 && asOfDay - lastDay > Math.max(45, (lastDay - firstDay) * 0.25);
  const dates = [...recorded, ...(opts.asOf && !beyond ? [opts.asOf] : [])];
  const narrow = W < 480;
  // A wide picture names every version by its title too, which takes a third row where texts crowd.
  const labelRows = narrow || W >= 900 ? 3 : 2;
  const vLabelH = labelRows * 12;
  const vY = vLabelH + 14;
  const axisY = vY + 46;
  const H = axisY + (narrow ? 58 : 64);
  if (!dates.length) return open(W, 40, 'Rounds of the text', 'No versions or events recorded.', id) + `<text class="muted" x="0" y="24" font-size="11" fill="${PAPER.muted}">No versions or events recorded.</text></svg>`;
  let d0 = Math.min(...dates.map(dayNum));
  let d1 = Math.max(...dates.map(dayNum));
  if (d1 - d0 < 20) {
    d0 -= 10;
    d1 += 10;
  }
  const pad = (d1 - d0) * 0.03;
  d0 -= pad;
  d1 += pad;
  const padL = 6;
  const padR = 6;
  const x = (d: string) => padL + ((dayNum(d) - d0) / (d1 - d0)) * (W - padL - padR);
  const tabledAt = new Map<string, Event[]>();
  for (const e of evs) for (const v of e.tabled) tabledAt.set(v, [...(tabledAt.get(v) ?? []), e]);
  const last = evs.find((e) => e.id === opts.lastHeld);
  const next = evs.find((e) => e.id === opts.nextScheduled);
  const desc =
    vs.map((v) => `${v.title ? `${v.title}, ` : ''}${v.label} (${v.date})${tabledAt.get(v.id)?.length ? `, tabled at ${tabledAt.get(v.id)!.map((e) => `${e.title} (${e.start})`).join(' and ')}` : ''}`).join('; ') +
    `. ${evs.length} events.` +
    (last ? ` Last meeting held: ${last.title} (${last.start}).` : '') +
    (next ? ` Next scheduled: ${next.title} (${next.start}).` : ' No meeting scheduled.');
  const out: string[] = [open(W, H, 'Rounds of the text and the meetings', desc, id), `<rect class="paper" x="0" y="0" width="${W}" height="${H}" fill="${PAPER.paper}"/>`];
  // Month (or quarter) ticks.
  const months = (d1 - d0) / 30.4;
  const step = months > 30 ? 6 : months > 14 ? 3 : narrow && months > 6 ? 2 : 1;
  const first = new Date((d0 + 1) * 86_400_000);
  let mY = first.getUTCFullYear();
  let mM = first.getUTCMonth() + 1;
  let firstTick = true;
  for (;;) {
    mM += 1;
    if (mM > 12) {
      mM -= 12;
      mY++;
    }
    if ((mM - 1) % step !== 0) continue;
    const iso = `${mY}-${String(mM).padStart(2, '0')}-01`;
    if (dayNum(iso) > d1) break;
    const tx = x(iso);
    out.push(`<line class="grid" x1="${n(tx)}" y1="${vY - 8}" x2="${n(tx)}" y2="${axisY + 4}" stroke="${PAPER.grid}"/>`);
    const label = new Date(Date.parse(iso)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }) + (mM === 1 || firstTick ? ` ${mY}` : '');
    firstTick = false;
    out.push(`<text class="muted" x="${n(tx + 2)}" y="${axisY + 14}" font-size="9" fill="${PAPER.muted}">${esc(label)}</text>`);
  }
  out.push(`<line class="axis" x1="${padL}" y1="${axisY}" x2="${W - padR}" y2="${axisY}" stroke="${PAPER.muted}" stroke-width="1.2"/>`);
  out.push(`<text class="muted" x="${padL}" y="${vY - 12}" font-size="9" fill="${PAPER.muted}">${vs.length ? 'texts' : ''}</text>`);
  if (opts.asOf && beyond) {
    const t = `as of ${opts.asOf} →`;
    const tw = textWidth(t, 9);
    out.push(`<text class="ink" x="${n(W - padR - tw)}" y="${axisY - 4}" font-size="9" fill="${PAPER.ink}">${esc(t)}</text>`);
    out.push(`<path class="break" d="M${n(W - padR - 3)} ${axisY + 5}l4 -10M${n(W - padR + 1)} ${axisY + 5}l4 -10" stroke="${PAPER.muted}" stroke-width="1"/>`);
  } else if (opts.asOf) {
    const ax = x(opts.asOf);
    out.push(`<line class="asof" x1="${n(ax)}" y1="${vY - 10}" x2="${n(ax)}" y2="${axisY + 6}" stroke="${PAPER.ink}" stroke-dasharray="3 2"/>`);
    const t = `as of ${opts.asOf}`;
    const tw = textWidth(t, 9);
    out.push(`<text class="ink" x="${n(ax - tw - 4 < 0 ? ax + 4 : ax - tw - 4)}" y="${axisY - 4}" font-size="9" fill="${PAPER.ink}">${esc(t)}</text>`);
  }
  // Connectors from each version to the meetings where it was tabled.
  for (const v of vs) for (const e of tabledAt.get(v.id) ?? []) out.push(`<line class="tabled" x1="${n(x(v.date))}" y1="${vY + 5}" x2="${n(x(e.start))}" y2="${axisY - 6}" stroke="${PAPER.muted}" stroke-dasharray="2 2"><title>${esc(`${v.label} tabled at ${e.title}`)}</title></line>`);
  // Events on the axis (stacked per day).
  const stack = new Map<string, number>();
  for (const e of evs) {
    const k = startOf(e.start);
    const level = stack.get(k) ?? 0;
    stack.set(k, level + 1);
    const ey = axisY - level * 9;
    const tip = `${e.start}${e.end ? `…${e.end}` : ''} — ${e.title} [${e.status}]`;
    out.push(`<g class="event"${dataHref(opts.links?.event?.(e.id))}><title>${esc(tip)}</title>${statusMarker(e.status, x(e.start), ey, e.approximate)}</g>`);
  }
  // Versions: diamonds, labels in rows above placed without overlap.
  const rowsEnd: number[] = Array.from({ length: labelRows }, () => -Infinity);
  for (const v of vs) {
    const vx = x(v.date);
    out.push(
      `<g class="version"${dataHref(opts.links?.version?.(v.id))}><title>${esc(`${v.title ? `${v.title}, ` : ''}${v.label} (${v.date})`)}</title><path class="diamond" d="M${n(vx)} ${vY - 6}L${n(vx + 6)} ${vY}L${n(vx)} ${vY + 6}L${n(vx - 6)} ${vY}Z" fill="${STATUS_SWATCH.light.held}" stroke="${PAPER.paper}" stroke-width="1"/></g>`,
    );
    // A bare label ("v1") says more with its document's title; a wide picture has room for the title of every version.
    const wide = W >= 900;
    const label = clip((wide || v.label.length <= 4) && v.title ? `${v.title}, ${v.label}` : v.label, narrow ? 22 : wide ? 64 : 30);
    // Centred over its diamond where the row is free, else moved right past the label before it as
    // long as it still starts left of its diamond; shortened to the room left when neither fits.
    const placed = placeLabel(label, vx, rowsEnd, W);
    if (!placed) continue;
    rowsEnd[placed.row] = placed.x + labelWidth(placed.text);
    out.push(`<text class="ink" x="${n(placed.x)}" y="${vY - 12 - placed.row * 12}" font-size="9.5" font-weight="bold" fill="${PAPER.ink}">${esc(placed.text)}</text>`);
  }
  // Last held and next scheduled, labelled under the axis.
  const marks: [string, Event][] = [];
  if (last) marks.push([`last: ${last.title}`, last]);
  if (next) marks.push([`next: ${next.title}`, next]);
  const lanes: [number, number][][] = [[], []];
  for (const [text, e] of marks) {
    const ex = x(e.start);
    const label = clip(text, narrow ? 30 : W >= 900 ? 64 : 44);
    const lw = textWidth(label, 10);
    let lx = ex - lw / 2;
    lx = Math.max(0, Math.min(lx, W - lw - 2));
    const lane = lanes.findIndex((occ) => occ.every(([a, b]) => lx + lw + 6 < a || lx > b + 6));
    if (lane < 0) continue;
    lanes[lane]!.push([lx, lx + lw]);
    const ly = axisY + 28 + lane * 13;
    out.push(`<line class="grid" x1="${n(ex)}" y1="${axisY + 5}" x2="${n(ex)}" y2="${ly - 9}" stroke="${PAPER.muted}" stroke-width="0.8"/>`);
    out.push(`<text class="ink"${dataHref(opts.links?.event?.(e.id))} x="${n(lx)}" y="${ly}" font-size="10" font-weight="bold" fill="${PAPER.ink}">${esc(label)}</text>`);
  }
  // Legend.
  const legendY = H - 6;
  if (!narrow) {
    let lx = W;
    const items: [EventStatus | 'text', string][] = [
      ['held', 'held'],
      ['scheduled', 'scheduled'],
      ['postponed', 'postponed'],
      ['cancelled', 'cancelled'],
      ['text', 'text tabled'],
    ];
    const parts: string[] = [];
    for (const [s, label] of items.reverse()) {
      lx -= textWidth(label, 9) + 22;
      parts.push(
        s === 'text'
          ? `<path class="diamond" d="M${n(lx + 5)} ${legendY - 9}L${n(lx + 10)} ${legendY - 4}L${n(lx + 5)} ${legendY + 1}L${n(lx)} ${legendY - 4}Z" fill="${STATUS_SWATCH.light.held}"/>`
          : statusMarker(s, lx + 5, legendY - 4, false),
      );
      parts.push(`<text class="muted" x="${n(lx + 13)}" y="${legendY}" font-size="9" fill="${PAPER.muted}">${label}</text>`);
    }
    out.push(...parts);
  }
  out.push('</svg>');
  return out.join('');
}
