/** The Pareto plot of the Analysis page: the frontier for a chosen pair of parties with the solution points marked, as an SVG and a table. */
import { type FormEvent, useState } from 'react';
import type { AnalysisResult } from '../api.js';
import { useWorkbench } from '../ui.js';
import { fmt } from './format.js';
import { ConceptMark, MARK } from './marks.js';

/** 2-D non-dominated points (maximising both), in increasing x. */
function frontier2d(pts: { x: number; y: number; count: number }[]) {
  const s = pts.slice().sort((a, b) => b.x - a.x || b.y - a.y);
  const out: typeof pts = [];
  let best = -Infinity;
  for (const p of s) {
    if (p.y > best + 1e-9) {
      out.push(p);
      best = p.y;
    }
  }
  return out.reverse();
}

function Shape({ shape, x, y, colour }: { shape: string; x: number; y: number; colour: string }) {
  const r = 7;
  if (shape === 'square') return <rect x={x - r + 1} y={y - r + 1} width={2 * r - 2} height={2 * r - 2} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  if (shape === 'diamond') return <polygon points={`${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  if (shape === 'triangle') return <polygon points={`${x},${y - r} ${x + r},${y + r - 1} ${x - r},${y + r - 1}`} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  return <circle cx={x} cy={y} r={r - 1} fill="none" stroke={colour} strokeWidth={2.5} />;
}

export function ParetoPlot({ result }: { result: AnalysisResult }) {
  const parties = result.parties;
  const { pid, outline: data } = useWorkbench();
  // Default pair: the first two profiles of parties whose process role is "party", else the first two.
  const principals = parties.map((p, i) => ({ p, i })).filter(({ p }) => data.parties.find((x) => x.id === p.id)?.role === 'party');
  const defaults = (principals.length >= 2 ? principals : parties.map((p, i) => ({ p, i }))).slice(0, 2).map((x) => x.i);
  const [xi, setXi] = useState(defaults[0] ?? 0);
  const [yi, setYi] = useState(defaults[1] ?? Math.min(1, parties.length - 1));
  if (parties.length < 2) return <p className="muted">A Pareto plot needs at least two parties.</p>;
  const same = xi === yi;
  const max = result.scale === 1 ? 1 : 100;
  const W = 520;
  const H = 420;
  const m = { l: 56, r: 20, t: 16, b: 48 };
  const sx = (v: number) => m.l + (v / max) * (W - m.l - m.r);
  const sy = (v: number) => H - m.b - (v / max) * (H - m.t - m.b);
  const X = parties[xi]!;
  const Y = parties[yi]!;
  const pts = result.frontier.points.map((p) => ({ x: p.u[xi]!, y: p.u[yi]!, count: p.count }));
  const front = same ? [] : frontier2d(pts);
  const sols = result.solutions.map((s) => ({ s, x: s.utilities[X.id]!, y: s.utilities[Y.id]! }));
  // Solutions at the same point share one label ("N, KS").
  const groups = new Map<string, { x: number; y: number; names: string[] }>();
  for (const { s, x, y } of sols) {
    const key = `${x.toFixed(6)},${y.toFixed(6)}`;
    const g = groups.get(key) ?? { x, y, names: [] };
    g.names.push(s.short);
    groups.set(key, g);
  }
  // Labels of nearby solution points are moved apart so that none hides another.
  const labels: { x: number; y: number; text: string }[] = [];
  for (const g of [...groups.values()].sort((a, b) => b.y - a.y)) {
    const lx = sx(g.x) + 10;
    let ly = sy(g.y) - 8;
    while (labels.some((l) => Math.abs(l.y - ly) < 13 && Math.abs(l.x - lx) < 8 * Math.max(l.text.length, g.names.join(', ').length))) ly += 14;
    labels.push({ x: lx, y: ly, text: g.names.join(', ') });
  }
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const solText = sols.map(({ s, x, y }) => `${s.label} at ${X.short} ${fmt(x)}, ${Y.short} ${fmt(y)}`).join('; ');
  const desc =
    `Horizontal axis: utility of ${X.name}; vertical axis: utility of ${Y.name} (0–${max}). ` +
    `${pts.length} Pareto-optimal package${pts.length === 1 ? '' : 's'} of all parties projected as grey dots; ` +
    `${front.length} of them not dominated for this pair, joined by a line. Dashed lines: reservation values (${X.short} ${fmt(X.reservation)}, ${Y.short} ${fmt(Y.reservation)}). ` +
    (solText ? `Solution packages: ${solText}.` : 'No solution package.');
  const onPair = (e: FormEvent) => e.preventDefault();
  return (
    <section className="pareto" aria-labelledby="pareto-h">
      <h2 id="pareto-h">Pareto plot</h2>
      <form className="toolbar" onSubmit={onPair} aria-label="Parties plotted">
        <AxisSelect id="pareto-x" label="Horizontal axis" parties={parties} value={xi} onChange={setXi} same={same} />
        <AxisSelect id="pareto-y" label="Vertical axis" parties={parties} value={yi} onChange={setYi} same={same} />
        {same && (
          <span className="inline-error" id="pareto-same">
            Choose two different parties.
          </span>
        )}
      </form>
      {!same && (
        <div className="pareto-layout">
          <svg className="pareto-svg" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby="pareto-title pareto-desc" data-x={X.id} data-y={Y.id}>
            <title id="pareto-title">
              Pareto plot: {X.name} against {Y.name}
            </title>
            <desc id="pareto-desc">{desc}</desc>
            <rect x={m.l} y={m.t} width={W - m.l - m.r} height={H - m.t - m.b} fill="#fff" stroke="#d9dee5" />
            {ticks.map((t) => (
              <g key={t}>
                <line x1={sx(t)} x2={sx(t)} y1={m.t} y2={H - m.b} stroke="#eef1f5" />
                <line x1={m.l} x2={W - m.r} y1={sy(t)} y2={sy(t)} stroke="#eef1f5" />
                <text x={sx(t)} y={H - m.b + 16} textAnchor="middle" fontSize="11" fill="#566170">
                  {fmt(t, max === 1 ? 2 : 0)}
                </text>
                <text x={m.l - 6} y={sy(t) + 4} textAnchor="end" fontSize="11" fill="#566170">
                  {fmt(t, max === 1 ? 2 : 0)}
                </text>
              </g>
            ))}
            <text x={(m.l + W - m.r) / 2} y={H - 10} textAnchor="middle" fontSize="12" fill="#1c2430">
              utility of {X.short}
            </text>
            <text x={14} y={(m.t + H - m.b) / 2} textAnchor="middle" fontSize="12" fill="#1c2430" transform={`rotate(-90 14 ${(m.t + H - m.b) / 2})`}>
              utility of {Y.short}
            </text>
            <line x1={sx(X.reservation)} x2={sx(X.reservation)} y1={m.t} y2={H - m.b} stroke="#a4161a" strokeDasharray="5 4" />
            <line x1={m.l} x2={W - m.r} y1={sy(Y.reservation)} y2={sy(Y.reservation)} stroke="#a4161a" strokeDasharray="5 4" />
            {pts.map((p, i) => (
              <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill="#9aa5b4" className="pt" />
            ))}
            {front.length > 1 && <polyline points={front.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke="#1f4e8c" strokeWidth={1.5} />}
            {front.map((p, i) => (
              <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3.5} fill="#1f4e8c" className="front-pt" />
            ))}
            {sols.map(({ s, x, y }) => (
              <g key={s.concept} className="sol-pt" data-concept={s.concept}>
                <Shape shape={MARK[s.concept]!.shape} x={sx(x)} y={sy(y)} colour={MARK[s.concept]!.colour} />
              </g>
            ))}
            {labels.map((l, i) => (
              <text key={i} x={l.x} y={l.y} fontSize="12" fontWeight="700" fill="#1c2430" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                {l.text}
              </text>
            ))}
          </svg>
          <ul className="legend plot-legend" aria-label="Plot legend">
            <li>
              <span aria-hidden="true" className="lg-dot">
                ●
              </span>{' '}
              Pareto-optimal package (all parties), projected
            </li>
            <li>
              <span aria-hidden="true" className="lg-front">
                ━
              </span>{' '}
              not dominated for {X.short} and {Y.short}
            </li>
            <li>
              <span aria-hidden="true" className="lg-res">
                ┄
              </span>{' '}
              reservation values
            </li>
            {result.solutions.map((s) => (
              <li key={s.concept}>
                <ConceptMark concept={s.concept} short={s.short} /> {s.label}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!same && (
        <details className="table-scroll plot-points">
          <summary>
            The plot's points as a table ({sols.length} solution package{sols.length === 1 ? '' : 's'}, {front.length} frontier point{front.length === 1 ? '' : 's'})
          </summary>
          <table className="data pareto-table">
            <caption>
              Points of the plot: the solution packages and the {front.length} package{front.length === 1 ? '' : 's'} not dominated for {X.short} and {Y.short}
              {pts.length > front.length ? ` (the other ${pts.length - front.length} projected points are dominated for this pair)` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">Utility of {X.short}</th>
                <th scope="col">Utility of {Y.short}</th>
                <th scope="col">Packages</th>
              </tr>
            </thead>
            <tbody>
              {sols.map(({ s, x, y }) => (
                <tr key={s.concept} data-concept={s.concept}>
                  <th scope="row">
                    <ConceptMark concept={s.concept} short={s.short} /> {s.label}
                  </th>
                  <td className="num">{fmt(x)}</td>
                  <td className="num">{fmt(y)}</td>
                  <td className="num">1</td>
                </tr>
              ))}
              {front.map((p, i) => (
                <tr key={i} className="front-row">
                  <th scope="row">Frontier point {i + 1}</th>
                  <td className="num">{fmt(p.x)}</td>
                  <td className="num">{fmt(p.y)}</td>
                  <td className="num">{p.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <p className="muted small">
        Frontier: {result.frontier.note}
        {result.frontier.truncated ? ` (the first ${result.frontier.points.length} points are drawn)` : ''}. The analysis data is also at{' '}
        <a href={`/api/processes/${encodeURIComponent(pid)}/analysis`}>the analysis API</a>.
      </p>
    </section>
  );
}

/** The party plotted on one axis (by its index in `parties`); marked invalid while both axes show the same party. */
function AxisSelect(props: { id: string; label: string; parties: readonly { id: string; name: string }[]; value: number; onChange(i: number): void; same: boolean }) {
  return (
    <div className="control">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} aria-invalid={props.same} aria-describedby={props.same ? 'pareto-same' : undefined}>
        {props.parties.map((p, i) => (
          <option key={p.id} value={i}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
