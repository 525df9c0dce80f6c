/**
 * Positions: the party × point matrix as a heatmap (colour plus symbol, never colour alone), a
 * legend, a filter by axis, and an as-of date control that replays the matrix through time.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from './api.js';
import { useApi } from './api/queries.js';
import { PdfButton } from './PdfButton.js';
import { href, useWorkbench } from './ui.js';

const STATE_LABEL: Record<string, { symbol: string; label: string }> = {
  'accepted-by-all': { symbol: '✓', label: 'accepted by all' },
  contested: { symbol: '⚡', label: 'contested' },
  unknown: { symbol: '?', label: 'unknown' },
};

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Whether `v` is a whole calendar date (YYYY-MM-DD, a real day). With `typing` set, years before
 * 1000 count as unfinished: a date field fills the year digit by digit (0002, 0020, 0202, 2025).
 */
function completeDate(v: string, typing = false): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (typing && y < 1000) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function PositionsView({ params }: { params: URLSearchParams }) {
  const { pid, outline, vocab, viewAs, navigate } = useWorkbench();
  const asOfParam = params.get('asOf') ?? '';
  const version = params.get('version') ?? '';
  const axis = params.get('axis') ?? '';
  const contestedOnly = params.get('contested') === '1';
  const [playing, setPlaying] = useState(false);
  // What is typed in the as-of field, kept here until it is a whole date (never applied per keystroke).
  const [draft, setDraft] = useState<string | null>(null);
  const draftTimer = useRef<number | null>(null);
  const set = (p: Record<string, string | undefined>) =>
    navigate('positions', { asOf: asOfParam || undefined, version: version || undefined, axis: axis || undefined, contested: contestedOnly ? '1' : undefined, ...p });

  const mq = useApi('/api/processes/{pid}/matrix', { path: { pid }, query: { asOf: asOfParam || undefined, version: version || undefined, viewAs: viewAs || undefined } }, { keepPrevious: true });
  // A matrix of another date is not shown under this date's heading while the new one loads.
  const m = mq.data && !(asOfParam && mq.data.asOf !== asOfParam) ? mq.data : null;
  const err = mq.error ? mq.error.message : null;

  // Dates at which something changed as the viewer sees it: positions taken and versions tabled (the replay's steps).
  const steps = useApi('/api/processes/{pid}/steps', { path: { pid }, query: { viewAs: viewAs || undefined } }, { keepPrevious: true }).data?.steps ?? [today()];
  const asOf = asOfParam || m?.asOf || today();
  const stepIndex = Math.max(0, steps.findLastIndex((d) => d <= asOf));

  const clearDraftTimer = () => {
    if (draftTimer.current) window.clearTimeout(draftTimer.current);
    draftTimer.current = null;
  };
  useEffect(() => clearDraftTimer, []);
  // Another control (replay, Today, a link) moved the date: show it rather than an old draft.
  useEffect(() => setDraft(null), [asOfParam]);
  /** Applies the typed date if it is whole and differs from the shown one; otherwise keeps it typed. */
  const applyDraft = (v: string | null, typing: boolean) => {
    clearDraftTimer();
    if (v === null) return;
    if (!completeDate(v, typing)) return;
    setDraft(null);
    if (v !== asOf) set({ asOf: v });
  };

  const timer = useRef<number | null>(null);
  useEffect(() => {
    if (!playing) return;
    timer.current = window.setTimeout(() => {
      const next = stepIndex + 1;
      if (next >= steps.length) setPlaying(false);
      else set({ asOf: steps[next] });
    }, 900);
    return () => {
      if (timer.current) window.clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, stepIndex, m]);

  const axes = useMemo(() => {
    const out = new Map<string, string>();
    for (const r of m?.rows ?? []) if (r.axis) out.set(r.axis.lineage, [r.axis.num, r.axis.heading].filter(Boolean).join('. '));
    return [...out];
  }, [m]);
  const rows = (m?.rows ?? []).filter((r) => (!axis || r.axis?.lineage === axis) && (!contestedOnly || r.state === 'contested'));
  const stance = new Map(vocab.stances.map((s) => [s.value, s]));

  return (
    <section aria-labelledby="pos-h" className="view">
      <h1 id="pos-h" tabIndex={-1}>
        Positions
      </h1>
      <form className="toolbar matrix-controls" role="search" aria-label="Matrix controls" onSubmit={(e) => e.preventDefault()}>
        <div className="control ctl-asof">
          <label htmlFor="asof-date">As of</label>
          <input
            id="asof-date"
            type="date"
            value={draft ?? asOf}
            min="1000-01-01"
            max="9999-12-31"
            onChange={(e) => {
              const v = e.target.value;
              setDraft(v);
              clearDraftTimer();
              // A whole date is applied after a short pause in typing; Enter or leaving applies at once.
              if (completeDate(v, true)) draftTimer.current = window.setTimeout(() => applyDraft(v, true), 700);
            }}
            onBlur={(e) => applyDraft(e.currentTarget.value, false)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyDraft(e.currentTarget.value, false);
              } else if (e.key === 'Escape' && draft !== null) {
                clearDraftTimer();
                setDraft(null);
              }
            }}
            aria-describedby="asof-hint"
          />
        </div>
        <div className="control replay">
          <label htmlFor="asof-range">Replay</label>
          <input
            id="asof-range"
            type="range"
            min={0}
            max={Math.max(0, steps.length - 1)}
            step={1}
            value={stepIndex}
            aria-valuetext={steps[stepIndex] ?? asOf}
            onChange={(e) => set({ asOf: steps[Number(e.target.value)] })}
          />
          <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <button type="button" onClick={() => set({ asOf: undefined })}>
            Today
          </button>
        </div>
        <div className="control ctl-rows">
          <label htmlFor="pos-version">Rows</label>
          <select id="pos-version" value={version} onChange={(e) => set({ version: e.target.value || undefined, axis: undefined })}>
            <option value="">Current text as of the date</option>
            {outline.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}, {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="control ctl-axis">
          <label htmlFor="pos-axis">Axis</label>
          <select id="pos-axis" value={axis} onChange={(e) => set({ axis: e.target.value || undefined })}>
            <option value="">All axes</option>
            {axes.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="control briefing-links">
          <a
            className="button-link"
            href={api.briefingUrl(pid, { asOf, viewAs: viewAs || undefined })}
            target="_blank"
            rel="noopener"
            data-briefing=""
          >
            <span aria-hidden="true">▤ </span>Briefing<span className="sr-only"> as of {asOf} (opens in a new tab)</span>
          </a>
          <PdfButton asOf={asOf} />
        </div>
        <div className="control check">
          <input id="pos-contested" type="checkbox" checked={contestedOnly} onChange={(e) => set({ contested: e.target.checked ? '1' : undefined })} />
          <label htmlFor="pos-contested">Contested only</label>
        </div>
      </form>
      <p id="asof-hint" className="muted small" aria-live="polite">
        {m ? (
          <>
            Stances known on <strong>{m.asOf}</strong>, on the points of{' '}
            <a href={href('text', { version: m.version.id })}>
              {outline.documents.find((d) => d.id === m.version.document)?.title ?? m.version.document}, {m.version.label}
            </a>{' '}
            ({m.version.date}). Later positions are not shown.
          </>
        ) : err ? (
          'No matrix shown.'
        ) : (
          `Loading the matrix as of ${asOfParam || 'today'}…`
        )}
      </p>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      <ul className="legend" aria-label="Legend">
        {vocab.stances.map((s) => (
          <li key={s.value}>
            <span className={`swatch stance-${s.value}`} aria-hidden="true">
              {s.symbol}
            </span>{' '}
            {s.label}
          </li>
        ))}
        <li>
          <span className="swatch stance-none" aria-hidden="true">
            —
          </span>{' '}
          no recorded position
        </li>
        <li>
          <span aria-hidden="true">′ ≠</span> taken on an earlier version: wording unchanged since (′) or changed (≠)
        </li>
      </ul>
      {m && (
        <div className="matrix-wrap table-scroll" role="region" aria-label="Positions matrix, scrolls sideways" tabIndex={0}>
          <table className="matrix" aria-describedby="asof-hint">
            <caption className="sr-only">
              Positions of each party on each point as of {m.asOf}. Rows are points, columns are parties.
            </caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                {m.parties.map((p) => (
                  <th scope="col" key={p.id} className="party-col" data-role={p.role}>
                    <abbr title={p.role === 'observer' ? `${p.name} (observer: not counted for agreement)` : p.name}>{p.short}</abbr>
                    {p.role === 'observer' ? <span className="role-note"> obs.</span> : null}
                  </th>
                ))}
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const prevAxis = i > 0 ? rows[i - 1]!.axis?.lineage : undefined;
                return [
                  r.axis && r.axis.lineage !== prevAxis && !axis ? (
                    <tr key={`axis-${r.axis.lineage}-${i}`} className="axis-row">
                      <th scope="rowgroup" colSpan={m.parties.length + 2} dir="auto">
                        {[r.axis.num, r.axis.heading].filter(Boolean).join('. ')}
                      </th>
                    </tr>
                  ) : null,
                  <tr key={r.lineage} data-point={r.lineage}>
                    <th scope="row" className="row-head">
                      <a href={href('text', { version: m.version.id, point: r.lineage })} title={r.text}>
                        <span className="row-num">{r.label}</span> <span className="row-text" dir="auto">{r.text}</span>
                      </a>
                    </th>
                    {m.parties.map((p) => {
                      const c = r.cells[p.id];
                      const s = c ? stance.get(c.stance) : undefined;
                      // A stance taken against an earlier wording (the matrix carries it along the lineage): marked, with how much the wording changed since.
                      const since = (c as { since?: { about: { label: string }; change: { label: string } | null } | null } | null)?.since;
                      const drift = since ? `, taken on ${since.about.label}${since.change ? ` (${since.change.label} since)` : ''}` : '';
                      const words = c ? `${p.name} on point ${r.label}: ${s?.label ?? c.stance} as of ${c.asOf}${drift}` : `${p.name} on point ${r.label}: no recorded position`;
                      return (
                        <td key={p.id} className={`cell stance-${c ? c.stance : 'none'}`} data-party={p.id} data-stance={c?.stance ?? ''} data-since={since ? since.change?.label ?? 'not in that version' : undefined}>
                          <a href={href('text', { version: m.version.id, point: r.lineage, asOf: asOfParam || undefined })} aria-label={words} title={words}>
                            <span aria-hidden="true">{c ? s?.symbol ?? '?' : '—'}</span>
                            {since && (
                              <sup aria-hidden="true" className="drift">
                                {since.change && since.change.label !== 'unchanged' ? '≠' : '′'}
                              </sup>
                            )}
                          </a>
                        </td>
                      );
                    })}
                    <td className={`state state-${r.state}`}>
                      <span aria-hidden="true">{STATE_LABEL[r.state]?.symbol}</span> {STATE_LABEL[r.state]?.label ?? r.state}
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted">No point matches the filter.</p>}
        </div>
      )}
    </section>
  );
}
