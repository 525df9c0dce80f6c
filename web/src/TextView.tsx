/**
 * Text: a version by axis, points and sub-points with their numbering; bracketed spans and
 * alternatives marked; each point opens a detail panel with every party's stance, its evidence and
 * the point's PA-X topics.
 */
import { Fragment, type ReactElement, type ReactNode, useEffect, useRef, useState } from 'react';
import type { StanceDrift } from '../../src/analysis/drift.js';
import { OUTCOME_LABEL } from '../../src/model/vocabulary.js';
import type { TextPage } from '../../src/services/views/text.js';
import type { Provision } from './api.js';
import { useApi } from './api/queries.js';
import { href, partyShort, ProvisionText, SourceLinks, StanceMark, StatusBadge, TextStatusBadge, useWorkbench, vocabLabel } from './ui.js';

function Alternatives({ p }: { p: Provision }) {
  const { outline: data } = useWorkbench();
  if (!p.alternatives.length) return null;
  return (
    <ul className="alternatives" aria-label="Alternative wordings">
      {p.alternatives.map((a) => (
        <li key={a.label}>
          <span className="alt-label">Option {a.label}</span>
          {a.proponents.length > 0 && <span className="muted small"> (proposed by {a.proponents.map((x) => partyShort(data, x)).join(', ')})</span>}
          {': '}
          <span dir="auto">{a.text}</span>
        </li>
      ))}
    </ul>
  );
}

function SubPoints({ items }: { items: Provision[] }) {
  if (!items.length) return null;
  return (
    <ol className="subpoints">
      {items.map((s) => (
        <li key={s.lineage} className={s.status === 'deleted' ? 'deleted' : undefined}>
          <span className="num">{s.num ?? '•'}</span>
          <div>
            {s.heading && <strong dir="auto">{s.heading} </strong>}
            <ProvisionText p={s} /> <TextStatusBadge status={s.status} />
            <Alternatives p={s} />
            <SubPoints items={s.children} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * A stance taken against an earlier version than the one shown (the matrix's rule, src/analysis/drift.ts):
 * which version, and how much the point's wording changed since, with the comparison one click away.
 */
function DriftNote({ since, shown }: { since: StanceDrift; shown: string }) {
  const c = since.change;
  const words = !c ? `${since.about.label} did not hold this point` : c.label === 'unchanged' ? 'wording unchanged since' : `${c.label} since (${Math.round(c.share * 100)} % of the words)`;
  return (
    <p className="small drift-note" data-about={since.about.id} data-since={c?.label ?? 'not in that version'}>
      <span aria-hidden="true" className="drift">
        {c && c.label !== 'unchanged' ? '≠' : '′'}{' '}
      </span>
      Taken on {since.about.label} ({since.about.date}): {words}.{' '}
      {since.about.id !== shown && (
        <a href={href('compare', { from: since.about.id, to: shown })}>
          Compare {since.about.label} with this version
        </a>
      )}
    </p>
  );
}

function PointPanel({ lineage, version, asOf, onClose, inline = false }: { lineage: string; version: string; asOf?: string; onClose: () => void; inline?: boolean }) {
  const { pid, outline, viewAs, navigate } = useWorkbench();
  const q = useApi('/api/processes/{pid}/points/{lineage}', { path: { pid, lineage }, query: { version, asOf, viewAs: viewAs || undefined } }, { keepPrevious: true });
  const d = q.data;
  const err = q.error ? q.error.message : null;
  const headRef = useRef<HTMLHeadingElement>(null);
  // The heading takes the focus whenever a point's details arrive.
  const focused = useRef('');
  useEffect(() => {
    if (!d || q.isPlaceholderData) return;
    const key = `${d.lineage}@${q.dataUpdatedAt}`;
    if (focused.current === key) return;
    focused.current = key;
    setTimeout(() => headRef.current?.focus(), 0);
  }, [d, q.isPlaceholderData, q.dataUpdatedAt]);

  const label = d ? `Point ${d.num ?? d.lineage}` : 'Point';
  return (
    <aside className="panel" aria-labelledby="panel-h" id="point-panel" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="panel-head">
        <h2 id="panel-h" tabIndex={-1} ref={headRef}>
          {label}
          {d?.heading ? <span dir="auto">: {d.heading}</span> : null}
        </h2>
        <button type="button" className="icon" onClick={onClose} aria-label="Close the point details">
          ✕
        </button>
      </div>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      {!d ? (
        !err && <p role="status">Loading…</p>
      ) : (
        <>
          <p className="muted small">
            {d.axis ? (
              <span dir="auto">
                {[d.axis.num, d.axis.heading].filter(Boolean).join('. ')} ·{' '}
              </span>
            ) : null}
            lineage <code>{d.lineage}</code> · stances as of {d.asOf}
          </p>
          {/* Opened in place (narrow screens), the point's text is right above the panel. */}
          {!inline && (
            <>
              <p className="point-text">
                <ProvisionText p={d.provision} /> <TextStatusBadge status={d.status} />
              </p>
              <Alternatives p={d.provision} />
              <SubPoints items={d.provision.children} />
            </>
          )}
          <div className="topics">
            <h3>PA-X topics</h3>
            {d.topics.length ? (
              <ul className="chips" aria-label="PA-X topic codes">
                {d.topics.map((t) => (
                  <li key={t} className="chip">
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">None coded.</p>
            )}
          </div>
          <h3>Stances</h3>
          <ul className="stances" aria-label={`Each party's stance on ${label.toLowerCase()}`}>
            {d.stances.map((s) => (
              <li key={s.party.id} className="stance-entry" data-party={s.party.id}>
                <div className="stance-head">
                  <span className="party-name" dir="auto">
                    {s.party.name}
                  </span>{' '}
                  <span className="muted small">({s.party.role})</span>
                  <span className="spacer" />
                  <StanceMark stance={s.current?.stance} />
                </div>
                {s.current && (
                  <p className="small muted">
                    as of {s.current.asOf}
                    {s.current.provision !== d.lineage ? ` · on sub-point ${s.current.provision}` : ''}
                    {s.current.confidential ? ' · confidential' : ''}
                    {s.current.confidence < 1 ? ` · coding confidence ${Math.round(s.current.confidence * 100)}%` : ''}
                  </p>
                )}
                {s.current?.since && <DriftNote since={s.current.since} shown={version} />}
                {s.current?.conditions && (
                  <p className="small" dir="auto">
                    Conditions: {s.current.conditions}
                  </p>
                )}
                {s.current?.note &&
                  (s.current.note.length > 360 ? (
                    <details className="long-note small">
                      <summary>
                        Note ({s.current.note.length.toLocaleString('en')} characters) — show the whole note
                      </summary>
                      <p className="point-note" dir="auto">
                        {s.current.note}
                      </p>
                    </details>
                  ) : (
                    <p className="small" dir="auto">
                      Note: {s.current.note}
                    </p>
                  ))}
                {s.evidence.length > 0 && (
                  <ul className="evidence" aria-label={`Evidence for ${s.party.name}'s stance`}>
                    {s.evidence.map((e) => (
                      <Said key={e.id} e={e}>
                        {' · '}
                        {vocabLabel(e.attribution)}
                      </Said>
                    ))}
                  </ul>
                )}
                {s.history.length > 1 && (
                  <details className="history">
                    <summary>History ({s.history.length} positions)</summary>
                    <ol>
                      {s.history.map((h) => (
                        <li key={h.positionId}>
                          {h.asOf} <StanceMark stance={h.stance} />
                          {h.conditions ? <span dir="auto"> — {h.conditions}</span> : null}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => navigate('edit', { form: 'position', party: s.party.id, point: d.lineage })}
                >
                  Record a stance for {s.party.short}
                </button>
              </li>
            ))}
          </ul>
          {d.events.length > 0 && (
            <>
              <h3>Discussed at</h3>
              <ul className="plain">
                {d.events.map((e) => (
                  <li key={e.id}>
                    <a href={href('record', { event: e.id })} dir="auto">
                      {e.title}
                    </a>{' '}
                    <span className="muted small">{e.start}</span> <StatusBadge status={e.status} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.earlierStatements.length > 0 && (
            <details className="earlier-statements">
              <summary>
                <h3 className="small-h">Earlier statements about this point ({d.earlierStatements.length})</h3>
              </summary>
              <ul className="evidence" aria-label="Earlier statements about this point">
                {d.earlierStatements.map((e) => (
                  <Said key={e.id} e={e} after>
                    {' · backed '}
                    <bdi>{e.backed.party}</bdi> <StanceMark stance={e.backed.stance} /> as of {e.backed.asOf}
                  </Said>
                ))}
              </ul>
            </details>
          )}
          {outline.parties.length === 0 && <p className="muted">No parties recorded.</p>}
        </>
      )}
    </aside>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Step through the rounds of the text (every version in date order) with their bracket and alternative counts. */
function RoundStepper({ rounds, asOf }: { rounds: NonNullable<TextPage['rounds']>; asOf?: string }) {
  const { navigate } = useWorkbench();
  const r = rounds.shown;
  const prev = rounds.previous;
  const next = rounds.next;
  const go = (x: { id: string; date: string }) => navigate('text', { version: x.id, asOf: asOf ? x.date : undefined });
  const since = r.sincePrevious;
  return (
    <nav className="rounds" aria-label="Rounds of the text">
      <button type="button" onClick={() => prev && go(prev)} disabled={!prev} aria-label={prev ? `Previous round: ${prev.title}, ${prev.label} (${prev.date})` : 'Previous round (this is the first)'}>
        ◀ Previous round
      </button>
      <p className="round-status" aria-live="polite" data-round={r.round}>
        <strong>
          Round {r.round} of {rounds.total}
        </strong>
        : <span dir="auto">{r.title}</span>, {r.label} ({r.date}){r.current ? ' · current single negotiating text' : ''}
        <span className="round-counts">
          {' · '}
          <span className="count-brackets" data-count={r.counts.brackets}>
            <span aria-hidden="true">[ ] </span>
            {plural(r.counts.brackets, 'bracket')}
          </span>
          {' · '}
          <span className="count-alternatives" data-count={r.counts.alternatives}>
            <span aria-hidden="true">⎇ </span>
            {plural(r.counts.alternatives, 'alternative')}
          </span>
          {since ? ` · since round ${r.round - 1}: ${since.cleared} cleared, ${since.added} added, ${since.alternativesResolved} alternative sets resolved` : ''}
        </span>
        {prev && (
          <>
            {' · '}
            <a href={href('compare', { from: prev.id, to: r.id })}>Compare with round {prev.round}</a>
          </>
        )}
      </p>
      <button type="button" onClick={() => next && go(next)} disabled={!next} aria-label={next ? `Next round: ${next.title}, ${next.label} (${next.date})` : 'Next round (this is the last)'}>
        Next round ▶
      </button>
    </nav>
  );
}

/**
 * What the round shown did (GET /versions/:id/round, src/services/views/round.ts): each change
 * against the version it revises with the parties that asked for it and what became of their
 * answer, and the brackets cleared and added.
 */
function RoundChanges({ version }: { version: string }) {
  const { pid, outline } = useWorkbench();
  const q = useApi('/api/processes/{pid}/versions/{id}/round', { path: { pid, id: version } }, { keepPrevious: true });
  const r = q.data;
  if (q.isError) return <p role="alert" className="alert small">{q.error.message}</p>;
  if (!r || !r.from) return null;
  const num = (xs: { num: string | null; lineage: string }[]) => xs.map((x) => x.num ?? x.lineage).join(', ') || '—';
  return (
    <details className="round-changes" open={r.changes.length <= 12} data-version={r.version.id}>
      <summary>
        What {r.version.label} changed since {r.from.label}: {plural(r.changes.length, 'change')}, {plural(r.brackets.cleared.length, 'bracket')} cleared, {r.brackets.added.length} added
      </summary>
      <ul className="plain small" aria-label={`Changes of ${r.version.label}`}>
        {r.changes.map((c, i) => (
          <li key={i} data-change={c.change} data-to={c.to.map((x) => x.lineage).join(' ')}>
            <strong>{c.change}</strong> {num(c.from)} → {num(c.to)}
            {c.askedBy.length ? (
              <span className="asked-by">
                {' · asked by '}
                {c.askedBy.map((a) => `${partyShort(outline, a.party)} (${vocabLabel(a.stance)}: ${OUTCOME_LABEL[a.outcome]})`).join('; ')}
              </span>
            ) : (
              <span className="muted"> · no critique you may see asked for it</span>
            )}
          </li>
        ))}
        {r.brackets.cleared.map((b, i) => (
          <li key={`c${i}`} data-bracket="cleared">
            Bracket cleared in point {b.num ?? b.lineage} ({b.fate === 'agreed' ? 'words kept' : b.fate === 'dropped' ? 'words dropped' : 'point deleted'}): <span dir="auto">[{b.text}]</span>
            {b.proponents.length ? ` — held by ${b.proponents.map((p) => partyShort(outline, p)).join(', ')}` : ''}
          </li>
        ))}
        {r.brackets.added.map((b, i) => (
          <li key={`a${i}`} data-bracket="added">
            Bracket added in point {b.num ?? b.lineage}: <span dir="auto">[{b.text}]</span>
            {b.proponents.length ? ` — for ${b.proponents.map((p) => partyShort(outline, p)).join(', ')}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** True while the page is at most `px` wide (the layouts of phones and small tablets). */
export function useNarrow(px = 900): boolean {
  const query = `(max-width: ${px}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

export function TextView({ params }: { params: URLSearchParams }) {
  const { pid, outline, viewAs, navigate } = useWorkbench();
  const versionParam = params.get('version') ?? undefined;
  const point = params.get('point') ?? undefined;
  const asOf = params.get('asOf') ?? undefined;
  const lastOpened = useRef<string | null>(null);
  // One request for one text: the version, its stances and its round together (src/services/views/text.ts).
  const q = useApi('/api/processes/{pid}/text', { path: { pid }, query: { version: versionParam, asOf, viewAs: viewAs || undefined } }, { keepPrevious: true });
  const t = q.data;
  const err = q.error ? q.error.message : null;

  const version = t?.version;
  const doc = t?.document;
  // On a narrow screen the point's panel opens right under the point tapped, not after the whole text.
  const narrow = useNarrow();
  useEffect(() => {
    if (!narrow || !point || !t) return;
    const li = document.querySelector(`[data-point-button="${CSS.escape(point)}"]`)?.closest('li');
    li?.scrollIntoView({ block: 'start' });
  }, [narrow, point, t]);
  const open = (lineage: string | undefined) => {
    if (lineage) lastOpened.current = lineage;
    navigate('text', { version: versionParam, asOf, point: lineage });
  };
  const close = () => {
    const back = lastOpened.current ?? point;
    navigate('text', { version: versionParam, asOf });
    setTimeout(() => (document.querySelector(`[data-point-button="${back}"]`) as HTMLElement | null)?.focus(), 0);
  };

  const renderPoint = (p: Provision) => {
    const row = t?.stances[p.lineage];
    const label = p.num ?? '•';
    return (
      <li key={p.lineage} className={`point${p.lineage === point ? ' selected' : ''}${p.status === 'deleted' ? ' deleted' : ''}`}>
        <button
          type="button"
          className="point-num"
          data-point-button={p.lineage}
          aria-expanded={p.lineage === point}
          aria-controls={p.lineage === point ? 'point-panel' : undefined}
          onClick={() => open(p.lineage)}
          aria-label={`Open point ${label}`}
        >
          {label}
        </button>
        <div className="point-body">
          {p.heading && (
            <strong className="point-heading" dir="auto">
              {p.heading}{' '}
            </strong>
          )}
          <ProvisionText p={p} /> <TextStatusBadge status={p.status} />
          <Alternatives p={p} />
          <SubPoints items={p.children} />
          {narrow && p.lineage === point && version && <PointPanel lineage={point} version={version.id} asOf={asOf} onClose={close} inline />}
          {row && t && t.parties.some((party) => row[party.id]) && (
            <ul className="mini-cells" aria-label={`Recorded stances on point ${label}`}>
              {t.parties
                .filter((party) => row[party.id])
                .map((party) => (
                  <li key={party.id}>
                    <span className="party-tag">{party.short}</span> <StanceMark stance={row[party.id]} compact />
                  </li>
                ))}
            </ul>
          )}
        </div>
      </li>
    );
  };

  return (
    <section aria-labelledby="text-h" className="view">
      <h1 id="text-h" tabIndex={-1}>
        Text
      </h1>
      <div className="toolbar">
        <label htmlFor="text-version">Version</label>
        <select id="text-version" value={versionParam ?? ''} onChange={(e) => navigate('text', { version: e.target.value || undefined, asOf })}>
          <option value="">Current single negotiating text</option>
          {outline.documents.map((d) => (
            <optgroup key={d.id} label={d.title}>
              {outline.versions
                .filter((v) => v.document === d.id)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {d.title}, {v.label} ({v.date})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <span className="legend-inline small muted">
          <mark className="bracket">[bracketed]</mark> not yet agreed · <span className="alt-label">Option A</span> alternatives
        </span>
      </div>
      {t?.rounds && <RoundStepper rounds={t.rounds} asOf={asOf} />}
      {t?.rounds && <RoundChanges version={t.rounds.shown.id} />}
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      {version && (
        <div className={`text-layout${point ? ' with-panel' : ''}`}>
          <article className="plan" aria-labelledby="plan-h">
            <h2 id="plan-h" dir="auto">
              {doc?.title ?? version.document} — {version.label}
            </h2>
            <p className="muted small">
              {version.id} · tabled {version.date}
              {version.proponents.length ? ` by ${version.proponents.map((x) => partyShort(outline, x)).join(', ')}` : ''}
              {version.basedOn ? ` · based on ${version.basedOn}` : ''}
            </p>
            {version.note && (
              <p className="note small" dir="auto">
                {version.note}
              </p>
            )}
            {(() => {
              const loose: Provision[] = [];
              const out: ReactElement[] = [];
              const flushLoose = (key: string) => {
                if (loose.length) out.push(<ol key={`loose-${key}`} className="points">{loose.splice(0).map(renderPoint)}</ol>);
              };
              version.provisions.forEach((p, i) => {
                if (p.kind === 'axis') {
                  flushLoose(String(i));
                  out.push(
                    <section key={p.lineage} className="axis" aria-labelledby={`axis-${p.lineage}`}>
                      <h3 id={`axis-${p.lineage}`} dir="auto">
                        {[p.num, p.heading].filter(Boolean).join('. ')}
                      </h3>
                      {p.text && (
                        <p dir="auto">
                          <ProvisionText p={p} />
                        </p>
                      )}
                      <ol className="points">{p.children.filter((c) => c.kind !== 'axis').map(renderPoint)}</ol>
                    </section>,
                  );
                } else loose.push(p);
              });
              flushLoose('end');
              return <Fragment>{out}</Fragment>;
            })()}
          </article>
          {point && !narrow && <PointPanel lineage={point} version={version.id} asOf={asOf} onClose={close} />}
        </div>
      )}
    </section>
  );
}

/** What a statement shows in the point panel: its words, who said them for whom, when and where. */
interface SaidItem {
  form: string;
  text: string;
  speaker: string;
  onBehalfOf?: { name: string } | null;
  saidAt: string;
  event?: { id: string; title: string } | null;
  sources: Parameters<typeof SourceLinks>[0]['sources'];
}

/**
 * One statement as a list item. `children` add to its line of particulars: before the meeting it
 * was made at, or after it with `after`.
 */
function Said({ e, after = false, children }: { e: SaidItem; after?: boolean; children?: ReactNode }): ReactElement {
  return (
    <li>
      {e.form === 'quote' ? <blockquote dir="auto">“{e.text}”</blockquote> : <p dir="auto">{e.text}</p>}
      <p className="small muted">
        <bdi>{e.speaker}</bdi>
        {e.onBehalfOf ? (
          <>
            {' for '}
            <bdi>{e.onBehalfOf.name}</bdi>
          </>
        ) : null}{' '}
        · {e.saidAt}
        {after ? null : children}
        {e.event ? (
          <>
            {' · at '}
            <a href={href('record', { event: e.event.id })} dir="auto">
              {e.event.title}
            </a>
          </>
        ) : null}
        {after ? children : null}
      </p>
      <SourceLinks sources={e.sources} />
    </li>
  );
}
