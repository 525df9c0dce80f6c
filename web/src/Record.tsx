/**
 * Record: the diplomatic record on a timeline — status badges, attendees, place, versions tabled and
 * the statements made at each event — filtered by party, person and status, read a page at a time
 * (the server orders and pages it; "load more" reads the next page).
 */
import { useEffect, useRef, useState } from 'react';
import type { RecordEvent } from './api.js';
import { useApiPages } from './api/queries.js';
import { LoadMore, useFocusOnGrowth } from './LoadMore.js';
import { RECORD_PAGE as PAGE } from './record-page.js';
import { href, NamedOptions, SourceLinks, StatusBadge, useWorkbench, vocabLabel } from './ui.js';

export function RecordView({ params }: { params: URLSearchParams }) {
  const { pid, outline, vocab, viewAs, navigate } = useWorkbench();
  const party = params.get('party') ?? '';
  const person = params.get('person') ?? '';
  const status = (params.get('status') ?? '').split(',').filter(Boolean);
  const focusEvent = params.get('event') ?? '';
  // On a phone the filters sit behind a button naming how many are set (styles.css, .filter-set).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [party, person, status.join(',')].filter(Boolean).length;
  // Newest first unless asked otherwise: the latest meetings are what a reader looks for.
  const order = params.get('order') === 'oldest' ? 'oldest' : 'newest';
  const set = (p: Record<string, string | undefined>) =>
    navigate('record', { party: party || undefined, person: person || undefined, status: status.join(',') || undefined, order: order === 'oldest' ? 'oldest' : undefined, ...p });

  const q = useApiPages<'/api/processes/{pid}/record', RecordEvent>(
    '/api/processes/{pid}/record',
    {
      path: { pid },
      query: { party: party || undefined, person: person || undefined, status: status.join(',') || undefined, viewAs: viewAs || undefined, sort: order === 'newest' ? '-date' : undefined },
    },
    PAGE,
  );
  const events = q.items;
  const err = q.error ? q.error.message : null;
  const more = useFocusOnGrowth(events?.length ?? 0, (i) => document.querySelectorAll<HTMLElement>('ol.timeline > li > article')[i]);

  // The event the address names is shown and focused once (reading on past it keeps its place).
  const focused = useRef('');
  const { hasMore, loadMore } = q;
  useEffect(() => {
    if (!focusEvent || !events || focused.current === focusEvent) return;
    const el = document.getElementById(`event-${focusEvent}`);
    if (el) {
      focused.current = focusEvent;
      el.scrollIntoView({ block: 'center' });
      el.focus();
    } else if (hasMore) loadMore(); // the event asked for is on a later page
  }, [focusEvent, events, hasMore, loadMore]);

  const toggleStatus = (s: string, on: boolean) => {
    const next = on ? [...status, s] : status.filter((x) => x !== s);
    set({ status: next.join(',') || undefined, event: undefined });
  };

  return (
    <section aria-labelledby="rec-h" className="view">
      <h1 id="rec-h" tabIndex={-1}>
        Record
      </h1>
      <form className="toolbar record-filters" role="search" aria-label="Filter the record" onSubmit={(e) => e.preventDefault()}>
        <button type="button" className="filters-toggle" aria-expanded={filtersOpen} aria-controls="rec-filter-set" onClick={() => setFiltersOpen((o) => !o)}>
          Filters
          {activeFilters > 0 && <span className="filter-count"> · {activeFilters} active</span>}
          <span aria-hidden="true"> {filtersOpen ? '▴' : '▾'}</span>
        </button>
        <div id="rec-filter-set" className={`filter-set${filtersOpen ? ' open' : ''}`}>
          <div className="control">
            <label htmlFor="rec-party">Party</label>
            <select id="rec-party" value={party} onChange={(e) => set({ party: e.target.value || undefined, event: undefined })}>
              <option value="">Any party</option>
              <NamedOptions items={outline.parties} />
            </select>
          </div>
          <div className="control">
            <label htmlFor="rec-person">Person</label>
            <select id="rec-person" value={person} onChange={(e) => set({ person: e.target.value || undefined, event: undefined })}>
              <option value="">Anyone</option>
              <NamedOptions items={outline.persons} sorted />
            </select>
          </div>
          <fieldset className="control statuses">
            <legend>Status</legend>
            {vocab.eventStatuses.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" checked={status.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} /> {s}
              </label>
            ))}
          </fieldset>
          <div className="control">
            <label htmlFor="rec-order">Order</label>
            <select id="rec-order" value={order} onChange={(e) => set({ order: e.target.value === 'oldest' ? 'oldest' : undefined, event: undefined })}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </select>
          </div>
        </div>
        <button type="button" onClick={() => navigate('edit', { form: 'event' })}>
          + New event
        </button>
      </form>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      {!events ? (
        <p role="status">Loading the record…</p>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {(q.total ?? events.length).toLocaleString('en')} event{(q.total ?? events.length) === 1 ? '' : 's'}
          </p>
          <ol className="timeline" reversed={order === 'newest' || undefined} start={order === 'newest' ? (q.total ?? events.length) : undefined} data-order={order}>
            {events.map(({ event: e, attendees, tabled, statements, sources }) => (
              <li key={e.id} className={`tl-item tl-${e.status}${e.id === focusEvent ? ' focused' : ''}`}>
                <article id={`event-${e.id}`} tabIndex={-1} aria-labelledby={`event-h-${e.id}`}>
                  <div className="tl-date">
                    <time dateTime={e.start}>{e.start}</time>
                    {e.end ? (
                      <>
                        {' – '}
                        <time dateTime={e.end}>{e.end}</time>
                      </>
                    ) : null}
                    {e.approximate ? <span className="muted small"> (approx.)</span> : null}
                  </div>
                  <div className="tl-body">
                    <h2 id={`event-h-${e.id}`} className="tl-title">
                      <span dir="auto">{e.title}</span> <StatusBadge status={e.status} />
                    </h2>
                    <p className="muted small">
                      {vocabLabel(e.kind)}
                      {/* Each user-typed place part is isolated (<bdi>); the separators stay outside, so
                          right-to-left names do not pull the kind and the dots around. */}
                      {[e.place?.venue, e.place?.city, e.place?.country]
                        .filter((x): x is string => Boolean(x))
                        .map((x, i) => (
                          <span key={i}>
                            {i === 0 ? ' · ' : ', '}
                            <bdi>{x}</bdi>
                          </span>
                        ))}
                      {e.cameo ? <> · CAMEO {e.cameo}</> : null}
                    </p>
                    {e.summary && <p dir="auto">{e.summary}</p>}
                    {attendees.length > 0 && (
                      <div className="tl-attendees">
                        <h3 className="small-h">Attendees</h3>
                        <ul className="attendees">
                          {attendees.map((a, i) => (
                            <li key={i}>
                              {a.personId ? (
                                <a href={href('record', { person: a.personId })} dir="auto">
                                  {a.name}
                                </a>
                              ) : (
                                <span dir="auto">{a.name}</span>
                              )}
                              {a.party ? <span className="party-tag">{a.party.short}</span> : null}
                              {a.role ? (
                                <span className="muted small" dir="auto">
                                  {' '}
                                  {a.role}
                                </span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                    {tabled.length > 0 && (
                      <p>
                        <span className="small-h">Tabled: </span>
                        {tabled.map((t, i) => (
                          <span key={t.id}>
                            {i > 0 && ', '}
                            <a href={href('text', { version: t.id })} dir="auto">
                              {t.title}, {t.label}
                            </a>
                          </span>
                        ))}
                      </p>
                    )}
                    {statements.length > 0 && (
                      <details className="tl-statements" open={e.id === focusEvent || undefined}>
                        <summary>
                          <h3 className="small-h">Statements made there ({statements.length})</h3>
                        </summary>
                        <ul className="evidence">
                          {statements.map((s) => (
                            <li key={s.id}>
                              {s.form === 'quote' ? <blockquote dir="auto">“{s.text}”</blockquote> : <p dir="auto">{s.text}</p>}
                              <p className="small muted">
                                <bdi>{s.speaker}</bdi>
                                {s.onBehalfOf ? (
                                  <>
                                    {' for '}
                                    <bdi>{s.onBehalfOf.name}</bdi>
                                  </>
                                ) : null}{' '}
                                · {s.saidAt} · {vocabLabel(s.attribution)}
                              </p>
                              <SourceLinks sources={s.sources} />
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                    {sources.length > 0 && (
                      <details>
                        <summary>Sources ({sources.length})</summary>
                        <SourceLinks sources={sources} />
                      </details>
                    )}
                    <button type="button" className="link-button small" onClick={() => navigate('edit', { form: 'event', event: e.id })}>
                      Edit this event
                    </button>
                  </div>
                </article>
              </li>
            ))}
          </ol>
          {q.hasMore && (
            <LoadMore
              shown={events.length}
              total={q.total}
              noun={['event', 'events']}
              hasMore={q.hasMore}
              loading={q.loadingMore}
              pageSize={PAGE}
              onMore={() => {
                more.mark();
                q.loadMore();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
