/**
 * Reports: the review queue of ingested news reports. Paste a report with its publication date
 * (and outlet, URL); Accord proposes events, statements and new persons, each traced to its
 * characters. The report text is shown with every proposal's span marked — underlined or outlined
 * by type, with a numbered marker, never by colour alone — next to the list of proposals, each
 * showing what accepting it would do (the stored event it merges into). Accept, edit or reject each
 * proposal with the mouse or the keyboard (↑/↓ or j/k to move, a accept, e edit, r reject).
 * Server side: src/server/report-routes.ts.
 */
import { type FormEvent, type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReportView, ReviewResult } from '../../src/services/reports.js';
import type { ProposalPreview } from '../../src/ingest/review.js';
import type { ReportProposal } from '../../src/model/schemas.js';
import { ApiError } from './api.js';
import { get } from './api/client.js';
import { useApi, useWrite } from './api/queries.js';
import { href, LINKABLE, StatusBadge, useWorkbench, vocabLabel } from './ui.js';
import './reports.css';

// ── API calls of this view (CSRF header echoed from its cookie on a team server) ─────────────

/** A decision on one proposal of a report. */
type Decision = { n: number; action: 'accept' | 'reject' | 'edit'; edits?: Record<string, unknown> };

/** The report queue's reads and writes, through the typed client; a write marks stale what it changed (../api/queries.ts). */
function useReportsApi() {
  const write = useWrite();
  return useMemo(() => ({
    get: (pid: string, id: string) => get('/api/processes/{pid}/reports/{id}', { path: { pid, id } }),
    ingest: async (pid: string, body: { text: string; published: string; outlet?: string; url?: string }) =>
      (await write({ method: 'post', path: '/api/processes/{pid}/reports', params: { path: { pid } }, body: body as never })).data,
    review: async (pid: string, id: string, decisions: Decision[]) =>
      (await write({ method: 'put', path: '/api/processes/{pid}/reports/{id}', params: { path: { pid, id } }, body: { decisions } as never })).data as ReviewResult & { previews?: ProposalPreview[] },
  }), [write]);
}

// ── the text with marked spans ────────────────────────────────────────────────────────────────

interface Span {
  n: number;
  type: ReportProposal['type'];
  status: ReportProposal['status'];
  from: number;
  to: number;
}

/**
 * The text with each span marked, spans nested when one contains another; a span overlapping an
 * earlier one without being inside it starts where the earlier one ends.
 */
function Marked({ text, spans, selected, onPick }: { text: string; spans: Span[]; selected: number | null; onPick(n: number): void }) {
  const render = (from: number, to: number, list: Span[]): ReactNode[] => {
    const out: ReactNode[] = [];
    let at = from;
    let i = 0;
    while (i < list.length) {
      const s = list[i]!;
      const start = Math.max(s.from, at);
      if (start >= s.to) {
        i++;
        continue;
      }
      const inner: Span[] = [];
      let j = i + 1;
      while (j < list.length && list[j]!.from < s.to) {
        if (list[j]!.to <= s.to) inner.push(list[j]!);
        else break;
        j++;
      }
      if (start > at) out.push(text.slice(at, start));
      out.push(
        <mark
          key={`${s.n}-${start}`}
          id={`span-${s.n}`}
          className={`hl hl-${s.type} hl-${s.status}${selected === s.n ? ' hl-selected' : ''}`}
          data-n={s.n}
          onClick={(e) => {
            e.stopPropagation();
            onPick(s.n);
          }}
        >
          <span className="hl-marker" aria-hidden="true">
            {s.n}
          </span>
          <span className="sr-only">
            [proposal {s.n}, {s.type}, {s.status}:{' '}
          </span>
          {render(start, s.to, inner)}
          <span className="sr-only">]</span>
        </mark>,
      );
      at = s.to;
      i = j;
    }
    if (at < to) out.push(text.slice(at, to));
    return out;
  };
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from || b.to - a.to);
  return (
    <div className="report-text" dir="auto" tabIndex={0} role="region" aria-label="Report text with the proposals marked">
      {render(0, text.length, sorted)}
    </div>
  );
}

// ── one proposal ──────────────────────────────────────────────────────────────────────────────

/** `s` between Unicode first-strong and pop isolates, so right-to-left text keeps the separators around it in place. */
const iso = (s: string): string => `\u2068${s}\u2069`;

function describe(p: ReportProposal): string {
  if (p.type === 'event') {
    const e = p.proposed;
    const date = e.start ? e.start + (e.end ? ` – ${e.end}` : '') + (e.approximate ? ' (approx.)' : '') : 'no date given';
    const place = e.place ? [e.place.venue, e.place.city, e.place.country].filter((x): x is string => Boolean(x)).map(iso).join(', ') : '';
    return `${vocabLabel(e.kind)}, ${e.status}, ${date}${place ? `, ${place}` : ''}`;
  }
  if (p.type === 'statement') {
    const s = p.proposed;
    return `${iso(s.speaker.name)}${s.party ? ` (${s.party})` : ''}: ${s.form}, ${vocabLabel(s.attribution)}${s.cue ? `, cue “${iso(s.cue)}”` : ''}${s.provisions.length ? `, points ${s.provisions.join(', ')}` : ''}, ${s.date ?? 'undated'}`;
  }
  return `new person: ${iso(p.proposed.name)}${p.proposed.party ? ` (${p.proposed.party})` : ''}`;
}

function Preview({ p, pv }: { p: ReportProposal; pv: ProposalPreview | undefined }) {
  if (p.status === 'accepted' || p.status === 'edited') {
    const w = p.review?.written ?? [];
    return (
      <p className="small">
        Written:{' '}
        {w.map((x, i) => (
          <span key={i}>
            {i > 0 && ', '}
            {x.action} {x.kind === 'events' ? <a href={href('record', { event: x.id })}>{x.id}</a> : `${x.kind}/${x.id}`}
          </span>
        ))}
      </p>
    );
  }
  if (!pv) return null;
  if (pv.problem) return <p className="small warn">Cannot be accepted as proposed: {pv.problem} Edit it first.</p>;
  if (pv.mergeInto)
    return (
      <p className="small merge">
        Merges into{' '}
        <a href={href('record', { event: pv.mergeInto.id })}>
          {pv.mergeInto.id} “{pv.mergeInto.title}”
        </a>{' '}
        ({pv.mergeInto.start}
        {pv.mergeInto.end ? ` – ${pv.mergeInto.end}` : ''}, {pv.mergeInto.status})
      </p>
    );
  if (pv.mergeInto === null) return <p className="small">New event (nothing in the record matches)</p>;
  if (pv.existingPerson) return <p className="small">Already in the record as {pv.existingPerson}</p>;
  if (p.type === 'statement') return <p className="small">New evidence{pv.event ? ` at ${pv.event}` : ''}</p>;
  return <p className="small">New person</p>;
}

/** The edit form of one proposal: only changed fields are sent. */
function EditForm({ p, onSubmit, onCancel }: { p: ReportProposal; onSubmit(edits: Record<string, unknown>): void; onCancel(): void }) {
  const { outline: data, vocab } = useWorkbench();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const edits: Record<string, unknown> = {};
    if (p.type === 'event') {
      const e0 = p.proposed;
      if (v('title') && v('title') !== e0.title) edits.title = v('title');
      if (v('status') !== e0.status) edits.status = v('status');
      if (v('start') && v('start') !== (e0.start ?? '')) edits.start = v('start');
      if (v('end') !== (e0.end ?? '')) edits.end = v('end') || null;
      const city = v('city');
      const country = v('country');
      if (city !== (e0.place?.city ?? '') || country !== (e0.place?.country ?? '')) {
        const place = { ...(e0.place ?? {}), city: city || undefined, country: country || undefined };
        edits.place = Object.values(place).some(Boolean) ? Object.fromEntries(Object.entries(place).filter(([, x]) => x)) : null;
      }
      if (v('merge') === 'new') edits.mergeInto = null;
      else if (v('merge')) edits.mergeInto = v('merge');
    } else if (p.type === 'statement') {
      const s = p.proposed;
      if (v('text') && v('text') !== s.text) edits.text = v('text');
      if (v('saidAt') && v('saidAt') !== (s.date ?? '')) edits.saidAt = v('saidAt');
      if (v('onBehalfOf') !== (s.party ?? '')) edits.onBehalfOf = v('onBehalfOf') || null;
      if (v('attribution') !== s.attribution) edits.attribution = v('attribution');
      if (v('event')) edits.event = v('event') === 'none' ? null : v('event');
      if (v('stance')) {
        edits.stance = v('stance');
        edits.provisions = v('provisions').split(/[\s,]+/).filter(Boolean);
      }
    } else {
      if (v('id')) edits.id = v('id');
      if (v('name') && v('name') !== p.proposed.name) edits.name = v('name');
      if (v('party') !== (p.proposed.party ?? '')) edits.party = v('party') || null;
      if (v('post')) edits.post = v('post');
    }
    onSubmit(edits);
  };
  const fid = (k: string) => `edit-${p.n}-${k}`;
  const text = (k: string, label: string, value: string, hint?: string, ref?: typeof first) => (
    <div className="field">
      <label htmlFor={fid(k)}>{label}</label>
      <input id={fid(k)} name={k} defaultValue={value} ref={ref} aria-describedby={hint ? `${fid(k)}-hint` : undefined} />
      {hint && (
        <span className="hint" id={`${fid(k)}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
  const select = (k: string, label: string, value: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={fid(k)}>{label}</label>
      <select id={fid(k)} name={k} defaultValue={value}>
        {options.map(([o, l]) => (
          <option key={o} value={o}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const parties: [string, string][] = [['', '(none)'], ...data.parties.map((x) => [x.id, x.name] as [string, string])];
  const events: [string, string][] = data.events.map((e) => [e.id, `${e.start} · ${e.title}`]);
  return (
    <form className="review-edit" onSubmit={submit} aria-label={`Edit proposal ${p.n}`} onKeyDown={(e) => e.stopPropagation()}>
      {p.type === 'event' && (
        <>
          {text('title', 'Title', p.proposed.title, undefined, first)}
          {select('status', 'Status', p.proposed.status, vocab.eventStatuses.map((s) => [s, s]))}
          {text('start', 'Start', p.proposed.start ?? '', 'YYYY-MM-DD, YYYY-MM or YYYY')}
          {text('end', 'End', p.proposed.end ?? '')}
          {text('city', 'City', p.proposed.place?.city ?? '')}
          {text('country', 'Country', p.proposed.place?.country ?? '')}
          {select('merge', 'Merge into', '', [['', 'the suggested event (if any)'], ['new', 'a new event'], ...events])}
        </>
      )}
      {p.type === 'statement' && (
        <>
          {text('text', 'Words', p.proposed.text, undefined, first)}
          {text('saidAt', 'Said on', p.proposed.date ?? '')}
          {select('onBehalfOf', 'On behalf of', p.proposed.party ?? '', parties)}
          {select('attribution', 'Attribution', p.proposed.attribution, vocab.attributions.map((a) => [a, vocabLabel(a)]))}
          {select('event', 'Said at the event', '', [['', 'the event told in the same sentence (if any)'], ['none', 'no event'], ...events])}
          {select('stance', 'Record a position', '', [['', 'no position'], ...vocab.stances.map((s) => [s.value, s.label] as [string, string])])}
          {text('provisions', 'Provisions (lineage ids)', '', 'with a position: the lineage ids of its points, separated by commas')}
        </>
      )}
      {p.type === 'person' && (
        <>
          {text('id', 'Person id', '', 'default: from the name', first)}
          {text('name', 'Name', p.proposed.name)}
          {select('party', 'Party', p.proposed.party ?? '', parties)}
          {text('post', 'Post', '', 'e.g. spokesperson')}
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Accept with changes
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ── the view ──────────────────────────────────────────────────────────────────────────────────

export function ReportsView({ params }: { params: URLSearchParams }) {
  const wb = useWorkbench();
  const { pid, navigate } = wb;
  const reportsApi = useReportsApi();
  const canEdit = (wb as { canEdit?: boolean }).canEdit !== false;
  const reportId = params.get('report') ?? '';
  const [view, setView] = useState<ReportView | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<string>('');
  // The last decision's outcome, shown in the decided proposal's card (beside its buttons).
  const [outcome, setOutcome] = useState<{ n: number; text: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  const fail = (e: unknown) => setErr(e instanceof ApiError ? e.message : String(e));

  const listed = useApi('/api/processes/{pid}/reports', { path: { pid } });
  const list = listed.data ?? null;
  useEffect(() => {
    if (listed.error) fail(listed.error);
  }, [listed.error]);

  useEffect(() => {
    let live = true;
    setView(null);
    setSelected(null);
    setEditing(null);
    if (!reportId) return;
    reportsApi
      .get(pid, reportId)
      .then((v) => {
        if (!live) return;
        setView(v);
        setSelected(v.report.proposals.find((p) => p.status === 'pending')?.n ?? v.report.proposals[0]?.n ?? null);
      })
      .catch((e) => live && fail(e));
    return () => {
      live = false;
    };
  }, [pid, reportId]);

  const ingest = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    setErr(null);
    setBusy(true);
    try {
      const r = await reportsApi.ingest(pid, { text: String(f.get('text') ?? ''), published: v('published'), ...(v('outlet') ? { outlet: v('outlet') } : {}), ...(v('url') ? { url: v('url') } : {}) });
      setMessage(`Report queued with ${r.report.proposals.length} proposals to review.`);
      // Queued: the box is emptied for the next report (the text lives on in the queue).
      form.reset();
      navigate('reports', { report: r.report.id });
    } catch (x) {
      fail(x);
    } finally {
      setBusy(false);
    }
  };

  const decide = useCallback(
    async (n: number, action: 'accept' | 'reject' | 'edit', edits?: Record<string, unknown>) => {
      if (!view) return;
      setErr(null);
      setBusy(true);
      try {
        const r = await reportsApi.review(pid, view.report.id, [{ n, action, ...(edits ? { edits } : {}) }]);
        const o = r.outcomes[0]!;
        const merged = o.written.find((w) => w.kind === 'events');
        setMessage('');
        setOutcome({ n, text: `Proposal ${n} ${o.status}${merged ? `: ${merged.action === 'merged' ? 'merged into' : 'created'} ${merged.id}` : ''}.` });
        setView({ report: r.report, previews: r.previews ?? [] });
        setEditing(null);
        const next = r.report.proposals.find((p) => p.n > n && p.status === 'pending') ?? r.report.proposals.find((p) => p.status === 'pending');
        if (next) setSelected(next.n);
      } catch (x) {
        fail(x);
      } finally {
        setBusy(false);
      }
    },
    [pid, view, reportsApi],
  );

  // A decision made with a button removes or disables that button, which drops the focus to the
  // top of the page: move it to the decision's confirmation in the card instead.
  useEffect(() => setOutcome(null), [reportId]);
  useEffect(() => {
    if (!outcome) return;
    const a = document.activeElement;
    if (!a || a === document.body) document.getElementById(`outcome-${outcome.n}`)?.focus();
  }, [outcome]);

  // Keep the selected proposal's card in view and focused when moving by keyboard.
  useEffect(() => {
    if (selected === null || editing !== null) return;
    const el = document.getElementById(`proposal-${selected}`);
    if (el && listRef.current?.contains(document.activeElement)) el.focus();
  }, [selected, editing]);

  const proposals = view?.report.proposals ?? [];
  // Pending proposals that can be accepted as proposed (those with a problem need an edit first).
  const acceptable = proposals.filter((p) => p.status === 'pending' && !view?.previews.find((x) => x.n === p.n)?.problem);
  const acceptAll = async () => {
    if (!view || busy || !acceptable.length) return;
    setErr(null);
    setBusy(true);
    try {
      const r = await reportsApi.review(
        pid,
        view.report.id,
        acceptable.map((p) => ({ n: p.n, action: 'accept' as const })),
      );
      const left = r.report.proposals.filter((p) => p.status === 'pending').length;
      setOutcome(null);
      setMessage(`Accepted ${r.outcomes.length} proposal${r.outcomes.length === 1 ? '' : 's'}${left ? `; ${left} still need${left === 1 ? 's' : ''} an edit or a decision` : ''}.`);
      setView({ report: r.report, previews: r.previews ?? [] });
      setSelected(r.report.proposals.find((p) => p.status === 'pending')?.n ?? selected);
    } catch (x) {
      fail(x);
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (selected === null || busy || e.ctrlKey || e.metaKey || e.altKey) return;
    const i = proposals.findIndex((p) => p.n === selected);
    const p = proposals[i];
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      setSelected(proposals[Math.min(i + 1, proposals.length - 1)]!.n);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      setSelected(proposals[Math.max(i - 1, 0)]!.n);
    } else if (p && canEdit && (p.status === 'pending' || p.status === 'rejected')) {
      if (e.key === 'a') {
        e.preventDefault();
        void decide(p.n, 'accept');
      } else if (e.key === 'r' && p.status === 'pending') {
        e.preventDefault();
        void decide(p.n, 'reject');
      } else if (e.key === 'e') {
        e.preventDefault();
        setEditing(p.n);
      }
    }
  };

  const spans: Span[] = useMemo(() => proposals.map((p) => ({ n: p.n, type: p.type, status: p.status, from: p.span[0], to: p.span[1] })), [proposals]);

  return (
    <section aria-labelledby="rep-h" className="view reports-view">
      <h1 id="rep-h" tabIndex={-1}>
        Reports
      </h1>
      <p role="status" aria-live="polite" className="queue-message">
        {message}
      </p>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      <div className="reports-top">
        {canEdit && (
          <form className="ingest-form" onSubmit={ingest} aria-labelledby="ingest-h">
            <h2 id="ingest-h">Queue a news report</h2>
            <div className="field">
              <label htmlFor="ingest-text">Report text</label>
              <textarea id="ingest-text" name="text" rows={8} required aria-describedby="ingest-text-hint" />
              <span className="hint" id="ingest-text-hint">
                Paste the article as plain text. Nothing reaches the record until you accept a proposal.
              </span>
            </div>
            <div className="ingest-row">
              <div className="field">
                <label htmlFor="ingest-published">Publication date</label>
                <input id="ingest-published" name="published" type="date" required />
              </div>
              <div className="field">
                <label htmlFor="ingest-outlet">Outlet</label>
                <input id="ingest-outlet" name="outlet" />
              </div>
              <div className="field">
                <label htmlFor="ingest-url">URL</label>
                <input id="ingest-url" name="url" type="url" />
              </div>
            </div>
            <button type="submit" className="primary" disabled={busy}>
              Propose events and statements
            </button>
          </form>
        )}
        <nav className="report-queue" aria-labelledby="queue-h">
          <h2 id="queue-h">Review queue</h2>
          {!list ? (
            <p role="status">Loading the queue…</p>
          ) : list.length === 0 ? (
            <p className="muted">No report is waiting for review.</p>
          ) : (
            <ul>
              {list.map((r) => (
                <li key={r.id}>
                  <a href={href('reports', { report: r.id })} aria-current={r.id === reportId ? 'true' : undefined}>
                    <span dir="auto">{r.title ?? r.id}</span>
                  </a>
                  <span className="muted small">
                    {' '}
                    · {r.published}
                    {r.outlet ? (
                      <>
                        {' · '}
                        <bdi>{r.outlet}</bdi>
                      </>
                    ) : null}{' '}
                    · {r.counts.pending} pending, {r.counts.accepted + r.counts.edited} accepted, {r.counts.rejected} rejected
                  </span>
                </li>
              ))}
            </ul>
          )}
        </nav>
      </div>

      {reportId && !view && !err && <p role="status">Loading the report…</p>}
      {view && (
        <article className="review" aria-labelledby="review-h">
          <h2 id="review-h" dir="auto">
            {view.report.title ?? view.report.id}
          </h2>
          <p className="muted small">
            Published {view.report.published}
            {view.report.outlet ? ` by ${view.report.outlet}` : ''}
            {view.report.url && LINKABLE.test(view.report.url) ? (
              <>
                {' · '}
                <a href={view.report.url} target="_blank" rel="noopener noreferrer">
                  original<span className="sr-only"> (opens in a new tab)</span>
                </a>
              </>
            ) : null}
          </p>
          {view.report.warnings.map((w, i) => (
            <p key={i} className="small warn">
              Note: {w}
            </p>
          ))}
          <div className="review-grid">
            <section aria-labelledby="text-h" className="review-text">
              <h3 id="text-h">Report text</h3>
              <p className="muted small">Marks: underlined, events; dotted outline, statements; double underline, persons. Each starts with its proposal number.</p>
              <Marked text={view.report.text} spans={spans} selected={selected} onPick={(n) => { setSelected(n); document.getElementById(`proposal-${n}`)?.focus(); }} />
            </section>
            <section aria-labelledby="props-h" className="review-proposals">
              <h3 id="props-h">Proposals ({proposals.length})</h3>
              {canEdit && acceptable.length > 0 && (
                <p>
                  <button type="button" className="primary" disabled={busy} onClick={() => void acceptAll()} data-accept-all="">
                    ✓ Accept all {acceptable.length} pending
                  </button>{' '}
                  {acceptable.length < proposals.filter((p) => p.status === 'pending').length && <span className="muted small">(proposals with a problem are left for an edit)</span>}
                </p>
              )}
              <p className="muted small" id="keys-help">
                Keys: ↑/↓ or j/k move between proposals; a accepts, e edits, r rejects the selected one.
              </p>
              <ol className="proposals" ref={listRef} onKeyDown={onKey} aria-describedby="keys-help">
                {proposals.map((p) => {
                  const pv = view.previews.find((x) => x.n === p.n);
                  const open = p.status === 'pending' || p.status === 'rejected';
                  return (
                    <li
                      key={p.n}
                      id={`proposal-${p.n}`}
                      tabIndex={selected === p.n ? 0 : -1}
                      className={`proposal proposal-${p.type} proposal-${p.status}${selected === p.n ? ' selected' : ''}`}
                      aria-labelledby={`proposal-h-${p.n}`}
                      aria-current={selected === p.n ? 'true' : undefined}
                      onFocus={(e) => {
                        // Focus on a decision's confirmation keeps the selection where it moved.
                        if (!(e.target as HTMLElement).id.startsWith('outcome-')) setSelected(p.n);
                      }}
                      onClick={() => setSelected(p.n)}
                    >
                      <h4 id={`proposal-h-${p.n}`}>
                        <span className="hl-marker" aria-hidden="true">
                          {p.n}
                        </span>
                        <span className="sr-only">Proposal {p.n}: </span>
                        {p.type} <span className={`review-status review-${p.status}`}>{p.status}</span>
                      </h4>
                      <p>{describe(p)}</p>
                      {p.type === 'event' && p.proposed.attendees.length > 0 && (
                        <p className="small" dir="auto">
                          Attendees: {p.proposed.attendees.map((a) => a.name + (a.kind === 'new' ? ' (new)' : a.kind === 'group' ? ' (group)' : '')).join(', ')}
                        </p>
                      )}
                      {p.type === 'event' && <StatusBadge status={p.proposed.status} />}
                      <p className="small muted">
                        “{view.report.text.slice(p.span[0], p.span[1]).slice(0, 120)}” · confidence {Math.round(p.confidence * 100)}%
                      </p>
                      <Preview p={p} pv={pv} />
                      <p
                        role="status"
                        id={`outcome-${p.n}`}
                        tabIndex={-1}
                        className={outcome?.n === p.n ? 'review-message saved' : 'sr-only'}
                      >
                        {outcome?.n === p.n ? outcome.text : ''}
                      </p>
                      {canEdit && open && editing !== p.n && (
                        <div className="actions">
                          <button type="button" className="primary" disabled={busy} onClick={() => void decide(p.n, 'accept')} aria-label={`Accept proposal ${p.n}`}>
                            Accept
                          </button>
                          <button type="button" disabled={busy} onClick={() => setEditing(p.n)} aria-label={`Edit proposal ${p.n}`}>
                            Edit
                          </button>
                          {p.status === 'pending' && (
                            <button type="button" disabled={busy} onClick={() => void decide(p.n, 'reject')} aria-label={`Reject proposal ${p.n}`}>
                              Reject
                            </button>
                          )}
                        </div>
                      )}
                      {editing === p.n && <EditForm p={p} onSubmit={(edits) => void decide(p.n, 'edit', edits)} onCancel={() => setEditing(null)} />}
                    </li>
                  );
                })}
              </ol>
            </section>
          </div>
        </article>
      )}
      {!reportId && list && list.length > 0 && <p className="muted">Choose a report in the queue to review it.</p>}
      <p className="muted small">
        <a href={href('record')}>Record</a> shows what was accepted.
      </p>
    </section>
  );
}
