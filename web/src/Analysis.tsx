/**
 * Analysis (issue 5): the negotiation domain of the process — issues and options, each party's
 * profile (weights, option values, reservation value, red lines; editable; estimates and
 * confidential profiles marked) — the exact solution packages (Nash, Kalai–Smorodinsky, egalitarian,
 * utilitarian) with per-party utilities and outcomes, the explanation when nothing is acceptable, and
 * a Pareto plot for any chosen pair of parties with the solution points marked (an SVG with a title
 * and description, its points also listed in a table).
 *
 * "Solve with changes" posts the edited domain and shows the answer without saving; "Save" validates
 * and stores it. The server's field errors appear next to the inputs they concern.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { DomainInput } from '../../src/analysis/domain.js';
import { api, ApiError, type AnalysisResult, type AnalysisView as View } from './api.js';
import { href, type FieldErrors, partyShort, useWorkbench } from './ui.js';

type Draft = DomainInput & { id: string };
type Profile = Draft['profiles'][number];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letter = (i: number) => LETTERS[i] ?? String(i + 1);
const fmt = (x: number | undefined | null, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(digits));
const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Marker of each solution concept in the plot and the tables: a shape and letters (never colour alone). */
const MARK: Record<string, { shape: 'square' | 'diamond' | 'triangle' | 'circle'; colour: string }> = {
  nash: { shape: 'square', colour: '#1f4e8c' },
  kalaiSmorodinsky: { shape: 'diamond', colour: '#8c2f1f' },
  egalitarian: { shape: 'triangle', colour: '#1e6b3a' },
  utilitarian: { shape: 'circle', colour: '#6b3a8c' },
};
const SHAPE_SYMBOL = { square: '■', diamond: '◆', triangle: '▲', circle: '●' } as const;

function ConceptMark({ concept, short }: { concept: string; short: string }) {
  const m = MARK[concept];
  return (
    <span className="concept-mark" style={{ color: m?.colour }}>
      <span aria-hidden="true">{m ? SHAPE_SYMBOL[m.shape] : '•'}</span> {short}
    </span>
  );
}

/** Marks shown next to a party: estimate, confidential. */
function ProfileBadges({ estimate, confidentialTo }: { estimate?: boolean; confidentialTo?: string | null }) {
  const { data } = useWorkbench();
  return (
    <>
      {estimate ? (
        <span className="pbadge pbadge-estimate" title="an analyst's estimate, not the party's own statement">
          <span aria-hidden="true">≈</span> estimate
        </span>
      ) : null}
      {confidentialTo ? (
        <span className="pbadge pbadge-confidential" title={`visible only to ${partyShort(data, confidentialTo)} (and a mediator it granted)`}>
          <span aria-hidden="true">✉</span> confidential to {partyShort(data, confidentialTo)}
        </span>
      ) : null}
    </>
  );
}

/** An inline error next to an input (linked through aria-describedby). */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="inline-error" id={id} data-field-error="">
      {message}
    </span>
  );
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

function NumberInput(props: {
  name: string;
  label: string;
  value: number | undefined;
  errors: FieldErrors;
  readOnly: boolean;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const err = props.errors[props.name];
  const errId = `err-${safeId(props.name)}`;
  return (
    <span className={`num-input${err ? ' field-error' : ''}`}>
      <input
        type="number"
        name={props.name}
        aria-label={props.label}
        title={props.label}
        min={props.min ?? 0}
        max={props.max}
        step={props.step ?? 'any'}
        value={props.value === undefined ? '' : String(props.value)}
        readOnly={props.readOnly}
        aria-invalid={Boolean(err)}
        aria-describedby={err ? errId : undefined}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <FieldError id={errId} message={err} />
    </span>
  );
}

function ProfileEditor({ draft, k, errors, readOnly, update }: { draft: Draft; k: number; errors: FieldErrors; readOnly: boolean; update: (fn: (p: Profile) => void) => void }) {
  const p = draft.profiles[k]!;
  const { data } = useWorkbench();
  const who = data.parties.find((x) => x.id === p.party)?.name ?? p.name ?? p.party;
  const maxOptions = Math.max(...draft.issues.map((i) => i.options.length));
  const base = `profiles[${k}]`;
  const conf = p.visibility && typeof p.visibility === 'object' ? p.visibility.confidentialTo : null;
  const weightsErr = errors[`${base}.weights`];
  return (
    <details className="profile" data-party={p.party} open={k === 0}>
      <summary>
        <span className="profile-name" dir="auto">
          {who}
        </span>{' '}
        <ProfileBadges estimate={p.estimate} confidentialTo={conf} />{' '}
        <span className="muted small">reservation {fmt(p.reservation ?? 0)}</span>
      </summary>
      {p.note && (
        <p className="note small" dir="auto">
          {p.note}
        </p>
      )}
      <div className="profile-head">
        <label htmlFor={`res-${safeId(p.party)}`}>Reservation value (utility of no agreement, 0–100)</label>
        <span className={`num-input${errors[`${base}.reservation`] ? ' field-error' : ''}`}>
          <input
            id={`res-${safeId(p.party)}`}
            type="number"
            name={`${base}.reservation`}
            min={0}
            max={100}
            step="any"
            value={p.reservation === undefined ? '' : String(p.reservation)}
            readOnly={readOnly}
            aria-invalid={Boolean(errors[`${base}.reservation`])}
            aria-describedby={errors[`${base}.reservation`] ? `err-${safeId(`${base}.reservation`)}` : undefined}
            onChange={(e) => update((q) => void (q.reservation = e.target.value === '' ? undefined : Number(e.target.value)))}
          />
          <FieldError id={`err-${safeId(`${base}.reservation`)}`} message={errors[`${base}.reservation`]} />
        </span>
      </div>
      {weightsErr && (
        <p className="inline-error" role="note">
          Weights: {weightsErr}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label="Profile table, scrolls sideways" tabIndex={0}>
        <table className="data profile-table">
          <caption className="sr-only">
            Preferences of {who}: issue weights, the value (0–100) of each option, and the options it cannot accept (red lines)
          </caption>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Weight</th>
              {Array.from({ length: maxOptions }, (_, j) => (
                <th scope="col" key={j}>
                  Option {letter(j)}: value · red line
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.issues.map((iss) => (
              <tr key={iss.id}>
                <th scope="row" dir="auto">
                  {iss.name}
                </th>
                <td>
                  <NumberInput
                    name={`${base}.weights.${iss.id}`}
                    label={`${who}: weight of “${iss.name}”`}
                    value={p.weights[iss.id]}
                    errors={errors}
                    readOnly={readOnly}
                    onChange={(v) =>
                      update((q) => {
                        if (v === undefined) delete q.weights[iss.id];
                        else q.weights[iss.id] = v;
                      })
                    }
                  />
                </td>
                {Array.from({ length: maxOptions }, (_, j) => {
                  const o = iss.options[j];
                  if (!o) return <td key={j} />;
                  const red = (p.redLines?.[iss.id] ?? []).includes(o.id);
                  const redName = `${base}.redLines.${iss.id}.${o.id}`;
                  return (
                    <td key={j} className={red ? 'red-line' : undefined}>
                      <NumberInput
                        name={`${base}.values.${iss.id}.${o.id}`}
                        label={`${who}: value of option ${letter(j)} (${o.label}) on “${iss.name}”`}
                        value={p.values[iss.id]?.[o.id]}
                        errors={errors}
                        readOnly={readOnly}
                        max={100}
                        onChange={(v) =>
                          update((q) => {
                            const row = (q.values[iss.id] ??= {});
                            if (v === undefined) delete row[o.id];
                            else row[o.id] = v;
                          })
                        }
                      />
                      <label className="red-line-check">
                        <input
                          type="checkbox"
                          name={redName}
                          checked={red}
                          disabled={readOnly}
                          onChange={(e) =>
                            update((q) => {
                              const lines = (q.redLines ??= {});
                              const cur = new Set(lines[iss.id] ?? []);
                              if (e.target.checked) cur.add(o.id);
                              else cur.delete(o.id);
                              if (cur.size) lines[iss.id] = [...cur];
                              else delete lines[iss.id];
                            })
                          }
                        />
                        <span aria-hidden="true">⊘</span>
                        <span className="sr-only">
                          {who} cannot accept option {letter(j)} on “{iss.name}” (red line)
                        </span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

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

function ParetoPlot({ result }: { result: AnalysisResult }) {
  const parties = result.parties;
  const { pid, data } = useWorkbench();
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
        <div className="control">
          <label htmlFor="pareto-x">Horizontal axis</label>
          <select id="pareto-x" value={xi} onChange={(e) => setXi(Number(e.target.value))} aria-invalid={same} aria-describedby={same ? 'pareto-same' : undefined}>
            {parties.map((p, i) => (
              <option key={p.id} value={i}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="control">
          <label htmlFor="pareto-y">Vertical axis</label>
          <select id="pareto-y" value={yi} onChange={(e) => setYi(Number(e.target.value))} aria-invalid={same} aria-describedby={same ? 'pareto-same' : undefined}>
            {parties.map((p, i) => (
              <option key={p.id} value={i}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
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

function Packages({ result, draft }: { result: AnalysisResult; draft: Draft }) {
  const optionOf = (issue: string, option: string) => {
    const iss = draft.issues.find((i) => i.id === issue);
    const j = iss?.options.findIndex((o) => o.id === option) ?? -1;
    return { code: j >= 0 ? letter(j) : '?', label: j >= 0 ? iss!.options[j]!.label : option };
  };
  if (!result.solutions.length) return null;
  return (
    <section aria-labelledby="packages-h">
      <h2 id="packages-h" tabIndex={-1}>
        Solution packages
      </h2>
      <div className="table-scroll" role="region" aria-label="Solution packages table, scrolls sideways" tabIndex={0}>
        <table className="data packages">
          <caption className="sr-only">Utility of each party (0–{result.scale === 1 ? 1 : 100}) in each solution package, with its gain over the reservation value and its distance from its best</caption>
          <thead>
            <tr>
              <th scope="col">Package</th>
              {result.parties.map((p) => (
                <th scope="col" key={p.id} data-party={p.id}>
                  <abbr title={p.name}>{p.short}</abbr> <ProfileBadges estimate={false} confidentialTo={p.confidentialTo} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.solutions.map((s) => (
              <tr key={s.concept} data-concept={s.concept}>
                <th scope="row">
                  <ConceptMark concept={s.concept} short={s.short} /> {s.label}
                </th>
                {s.parties.map((x) => (
                  <td key={x.party} className="num" data-party={x.party}>
                    <strong className="utility">{fmt(x.utility)}</strong>
                    <span className="small muted block">
                      {x.atReservation ? (
                        <>
                          <span aria-hidden="true">⚑</span> at reservation
                        </>
                      ) : (
                        <>+{fmt(x.gain)} over reservation</>
                      )}
                      {' · '}
                      {fmt(x.fromBest)} below best
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.solutions.some((s) => s.bindingRedLines.length) && (
        <ul className="plain small binding">
          {result.solutions
            .filter((s) => s.bindingRedLines.length)
            .map((s) => (
              <li key={s.concept}>
                <ConceptMark concept={s.concept} short={s.short} /> would be better without these red lines:{' '}
                {s.bindingRedLines.map((r) => `${result.parties.find((p) => p.id === r.party)?.short ?? r.party} on “${draft.issues.find((i) => i.id === r.issue)?.name ?? r.issue}” (option ${optionOf(r.issue, r.option).code})`).join('; ')}
              </li>
            ))}
        </ul>
      )}
      <h3 id="outcomes-h">What each package picks</h3>
      <div className="table-scroll" role="region" aria-label="Package outcomes table, scrolls sideways" tabIndex={0}>
        <table className="data outcomes" aria-labelledby="outcomes-h">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              {result.solutions.map((s) => (
                <th scope="col" key={s.concept}>
                  <ConceptMark concept={s.concept} short={s.short} />
                  <span className="sr-only"> {s.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.issues.map((iss) => {
              const picks = result.solutions.map((s) => s.outcome[iss.id]!);
              const agree = picks.every((x) => x === picks[0]);
              return (
                <tr key={iss.id} data-issue={iss.id}>
                  <th scope="row" dir="auto">
                    {iss.name}
                    {agree ? (
                      <span className="small muted">
                        {' '}
                        <span aria-hidden="true">✓</span> same in every package
                      </span>
                    ) : null}
                  </th>
                  {picks.map((o, j) => {
                    const x = optionOf(iss.id, o);
                    return (
                      <td key={j} title={x.label}>
                        <strong>{x.code}</strong>{' '}
                        <span className="small clip-2" dir="auto">
                          {x.label}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Infeasible({ result, draft }: { result: AnalysisResult; draft: Draft }) {
  const inf = result.infeasible;
  if (!inf) return null;
  const pn = (id: string) => result.parties.find((p) => p.id === id)?.short ?? id;
  const iname = (id: string) => draft.issues.find((i) => i.id === id)?.name ?? id;
  const opt = (issue: string, option: string) => {
    const iss = draft.issues.find((i) => i.id === issue);
    const j = iss?.options.findIndex((o) => o.id === option) ?? -1;
    return j >= 0 ? `option ${letter(j)} (${iss!.options[j]!.label})` : option;
  };
  const moves = (byParty: Record<string, { issue: string; option: string }[]>) =>
    Object.entries(byParty).map(([p, xs]) => (
      <li key={p}>
        {pn(p)} would have to accept {xs.map((x) => `${opt(x.issue, x.option)} on “${iname(x.issue)}”`).join('; ')}
      </li>
    ));
  return (
    <section className="infeasible" aria-labelledby="infeasible-h">
      <h2 id="infeasible-h" tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>No package is acceptable to every party
      </h2>
      <p>Every package crosses someone's red line or leaves someone below its reservation value. The smallest moves that would open a package:</p>
      {inf.blockedIssues.length > 0 && <p>Blocked issues (every option is someone's red line): {inf.blockedIssues.map(iname).join(', ')}.</p>}
      <h3>Fewest red lines to move (reservations kept)</h3>
      {inf.redLines ? (
        <>
          <p>
            {inf.redLines.count} red line{inf.redLines.count === 1 ? '' : 's'}:
          </p>
          <ul>{moves(inf.redLines.byParty)}</ul>
        </>
      ) : (
        <p>Moving red lines alone cannot help: the reservation values cannot all be met.</p>
      )}
      <h3>Smallest reservation cuts (red lines kept)</h3>
      {inf.reservationCuts ? (
        <ul>
          {Object.entries(inf.reservationCuts.byParty).map(([p, c]) => (
            <li key={p}>
              {pn(p)} lowers its reservation value by {fmt(c)}
            </li>
          ))}
          <li>
            total {fmt(inf.reservationCuts.total)}
          </li>
        </ul>
      ) : (
        <p>Cutting reservation values alone cannot help: red lines block every package.</p>
      )}
      <h3>Both together</h3>
      <p>
        {inf.combined.redLines} red line{inf.combined.redLines === 1 ? '' : 's'} moved
        {Object.keys(inf.combined.cuts).length ? `, and reservation cuts of ${Object.entries(inf.combined.cuts).map(([p, c]) => `${fmt(c)} for ${pn(p)}`).join(', ')}` : ''}.
      </p>
      <ul>{moves(inf.combined.byParty)}</ul>
    </section>
  );
}

/** Server field path → the input name used here (identical: inputs are named by the domain's paths). */
function fieldErrors(err: ApiError): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  const list = err.details.length ? err.details : [{ field: err.field, message: err.message }];
  for (const d of list) {
    const f = d.field ?? '';
    // Red lines are checkboxes per option: `profiles[0].redLines.x[1]` has no input of its own.
    if (f && !/redLines/.test(f)) {
      if (!errors[f]) errors[f] = d.message;
    }
    other.push(f ? `${f}: ${d.message}` : d.message);
  }
  return { errors, other };
}

/** The Analysis view (`#/analysis?domain=…`): see the module comment. */
export function AnalysisView({ params }: { params: URLSearchParams }) {
  const { pid, data, revision, viewAs, canEdit, navigate } = useWorkbench();
  const domainParam = params.get('domain') ?? undefined;
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [dirty, setDirty] = useState(false);
  const [whatIf, setWhatIf] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState<'' | 'solve' | 'save'>('');
  const [loadErr, setLoadErr] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoadErr(null);
    api
      .analysis(pid, { domain: domainParam, viewAs: viewAs || undefined })
      .then((v) => {
        if (!live) return;
        setView(v);
        setDraft(v.domain ? (clone(v.domain) as Draft) : null);
        setResult(v.result);
        setDirty(false);
        setWhatIf(false);
        setErrors({});
        setProblems(v.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)));
      })
      .catch((e) => live && setLoadErr(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [pid, domainParam, viewAs, revision]);

  const update = (k: number) => (fn: (p: Profile) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const next = clone(d);
      fn(next.profiles[k]!);
      return next;
    });
    setDirty(true);
    setStatus('');
  };

  const run = async (kind: 'solve' | 'save') => {
    if (!draft) return;
    setBusy(kind);
    setStatus(kind === 'solve' ? 'Solving…' : 'Saving…');
    try {
      const v = kind === 'solve' ? await api.whatIf(pid, draft) : await api.saveDomain(pid, draft.id, draft);
      setResult(v.result);
      setErrors({});
      setProblems([]);
      if (kind === 'save') {
        setView(v);
        setDirty(false);
        setWhatIf(false);
        setStatus('Saved. The packages below are those of the saved domain.');
      } else {
        setWhatIf(true);
        setStatus('Solved with your changes (not saved).');
      }
    } catch (err) {
      if (err instanceof ApiError) {
        const { errors: fe, other } = fieldErrors(err);
        setErrors(fe);
        setProblems(other);
        setStatus(kind === 'solve' ? 'Not solved: the domain has problems (shown next to the fields).' : 'Not saved: the domain has problems (shown next to the fields).');
      } else setStatus(String(err));
    } finally {
      setBusy('');
    }
  };

  const discard = () => {
    if (!view) return;
    setDraft(view.domain ? (clone(view.domain) as Draft) : null);
    setResult(view.result);
    setDirty(false);
    setWhatIf(false);
    setErrors({});
    setProblems(view.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)));
    setStatus('Changes discarded.');
  };

  const maxOptions = useMemo(() => (draft ? Math.max(...draft.issues.map((i) => i.options.length)) : 0), [draft]);
  // Point numbers by lineage, from the latest version that has the point.
  const nums = useMemo(() => {
    const out = new Map<string, string>();
    const walk = (ps: typeof data.versions[number]['provisions']) => {
      for (const p of ps) {
        if (p.num && p.kind !== 'axis') out.set(p.lineage, p.num);
        walk(p.children);
      }
    };
    for (const v of data.versions.slice().sort((a, b) => (a.date < b.date ? -1 : 1))) walk(v.provisions);
    return out;
  }, [data]);
  const pointNum = (lineage: string) => nums.get(lineage) ?? lineage;

  return (
    <section aria-labelledby="analysis-h" className="view analysis">
      <h1 id="analysis-h" tabIndex={-1}>
        Analysis
      </h1>
      {loadErr && (
        <p role="alert" className="alert">
          {loadErr}
        </p>
      )}
      {!view ? (
        !loadErr && <p role="status">Loading the analysis…</p>
      ) : !draft ? (
        <p className="muted">This process has no negotiation domain yet. Add one to the bundle as domain.yaml, import a GENIUS domain with `accord solve`, or store it through the API.</p>
      ) : (
        <>
          <div className="toolbar">
            {view.domains.length > 1 && (
              <div className="control">
                <label htmlFor="domain-select">Domain</label>
                <select id="domain-select" value={draft.id} onChange={(e) => navigate('analysis', { domain: e.target.value })}>
                  {view.domains.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <p className="domain-title">
              <strong dir="auto">{draft.name}</strong>
              {draft.description ? (
                <span className="muted small block" dir="auto">
                  {draft.description}
                </span>
              ) : null}
            </p>
          </div>
          {result && (
            <p className="lede" aria-live="polite">
              {result.parties.length} parties, {draft.issues.length} issues, {result.outcomes.toLocaleString('en')} possible packages ·{' '}
              {result.feasible ? (
                <>
                  <span aria-hidden="true">✓</span> acceptable packages exist · Pareto frontier: {result.frontier.size} package{result.frontier.size === 1 ? '' : 's'}
                  {result.frontier.exact ? ' (exact)' : ' (representative)'}
                </>
              ) : (
                <>
                  <span aria-hidden="true">⚠</span> no package is acceptable to every party
                </>
              )}
              {whatIf ? (
                <span className="pbadge pbadge-whatif">
                  <span aria-hidden="true">✎</span> what-if: not saved
                </span>
              ) : null}
            </p>
          )}
          {problems.length > 0 && (
            <div className="error-summary" role="alert">
              <h2>The domain has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</h2>
              <ul>
                {problems.slice(0, 12).map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {result && !result.feasible && <Infeasible result={result} draft={draft} />}
          {result && <Packages result={result} draft={draft} />}
          {result && result.feasible && <ParetoPlot key={`${draft.id}-${result.parties.map((p) => p.id).join(',')}`} result={result} />}

          <section aria-labelledby="issues-h">
            <h2 id="issues-h">Issues and options</h2>
            <div className="table-scroll" role="region" aria-label="Issues and options table, scrolls sideways" tabIndex={0}>
              <table className="data issues">
                <thead>
                  <tr>
                    <th scope="col">Issue</th>
                    {Array.from({ length: maxOptions }, (_, j) => (
                      <th scope="col" key={j}>
                        Option {letter(j)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {draft.issues.map((iss) => (
                    <tr key={iss.id} data-issue={iss.id}>
                      <th scope="row">
                        <span dir="auto">{iss.name}</span>
                        {iss.provision ? (
                          <span className="small block">
                            <a href={href('text', { point: iss.provision })}>point {pointNum(iss.provision)}</a>
                          </span>
                        ) : null}
                      </th>
                      {Array.from({ length: maxOptions }, (_, j) => {
                        const o = iss.options[j];
                        return (
                          <td key={j}>
                            {o ? (
                              <>
                                <span dir="auto">{o.label}</span>
                                {o.note ? (
                                  <span className="small muted block" dir="auto">
                                    {o.note}
                                  </span>
                                ) : null}
                              </>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="profiles-h">
            <h2 id="profiles-h">Party profiles</h2>
            <p className="muted small">
              Utility = Σ weight × option value (weights scaled to sum 1, values 0–100). A party accepts no package below its reservation value or crossing one of its red lines
              (<span aria-hidden="true">⊘</span> ticked). {canEdit ? 'Change any figure, then solve to see the packages move, or save.' : 'Your role may read these profiles, not change them.'}
            </p>
            <form
              className="profiles-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run('solve');
              }}
              noValidate
            >
              {draft.profiles.map((_, k) => (
                <ProfileEditor key={draft.profiles[k]!.party} draft={draft} k={k} errors={errors} readOnly={!canEdit} update={update(k)} />
              ))}
              {canEdit && (
                <div className="actions sticky-actions">
                  <button type="submit" disabled={busy !== ''}>
                    {busy === 'solve' ? 'Solving…' : 'Solve with changes'}
                  </button>{' '}
                  <button type="button" className="primary" disabled={busy !== '' || (!dirty && !whatIf)} onClick={() => void run('save')}>
                    {busy === 'save' ? 'Saving…' : 'Save domain'}
                  </button>{' '}
                  <button type="button" disabled={busy !== '' || (!dirty && !whatIf)} onClick={discard}>
                    Discard changes
                  </button>{' '}
                  <span role="status" aria-live="polite" className="small">
                    {status}
                    {dirty && !status ? 'Unsaved changes.' : ''}
                  </span>
                  {result && (whatIf || status.startsWith('Saved')) ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button small"
                        onClick={() => {
                          const h = document.getElementById(result.feasible ? 'packages-h' : 'infeasible-h');
                          h?.scrollIntoView({ block: 'start' });
                          h?.focus();
                        }}
                      >
                        Go to the {result.feasible ? 'packages' : 'explanation'}
                      </button>
                    </>
                  ) : null}
                </div>
              )}
            </form>
          </section>
        </>
      )}
    </section>
  );
}
