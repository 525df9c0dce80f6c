/** Overview: the status briefing (`accord status`) with links into everything it mentions. */
import type { Event } from './api.js';
import { briefingUrl } from './api/client.js';
import { useApi } from './api/queries.js';
import { OverviewPicture } from './OverviewPicture.js';
import { PdfButton } from './PdfButton.js';
import { href, partyShort, StanceMark, StatusBadge, useWorkbench } from './ui.js';

/** Whole months from `from` to `to` (ISO days). */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

function EventLine({ e }: { e: Event | null }) {
  const { outline: data } = useWorkbench();
  if (!e) return <span className="muted">none</span>;
  const people = e.attendees.map((a) => data.persons.find((p) => p.id === a.person)?.name ?? a.person);
  return (
    <span>
      <a href={href('record', { event: e.id })} dir="auto">
        {e.title}
      </a>{' '}
      <span className="muted">
        {e.start}
        {e.end ? `–${e.end}` : ''}
        {e.approximate ? ' (approx.)' : ''}
        {e.place?.city ? (
          <>
            {' · '}
            <bdi>{e.place.city}</bdi>
          </>
        ) : null}
      </span>{' '}
      <StatusBadge status={e.status} />
      {people.length > 0 && (
        <span className="muted small" dir="auto">
          {' '}
          — with {people.join(', ')}
        </span>
      )}
    </span>
  );
}

export function Overview() {
  const wb = useWorkbench();
  const { pid, outline: data, viewAs } = wb;
  const layer = { path: { pid }, query: { viewAs: viewAs || undefined } };
  const q = useApi('/api/processes/{pid}/status', layer);
  const mq = useApi('/api/processes/{pid}/matrix', layer);
  const b = q.data ?? null;
  const matrix = mq.data ?? null;
  const err = q.error ? q.error.message : null;
  // Last recorded activity on or before the briefing's date, and the events the picture draws.
  const last = useApi('/api/processes/{pid}/activity', { path: { pid }, query: { asOf: b?.asOf } }, { enabled: b !== null }).data?.last ?? null;
  const events = useApi('/api/processes/{pid}/timeline', { path: { pid } }).data ?? [];
  const quiet = b && last ? monthsBetween(last.date, b.asOf) : 0;

  return (
    <section aria-labelledby="overview-h" className="view">
      <h1 id="overview-h" tabIndex={-1} dir="auto">
        {data.process.name}
      </h1>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      {!b ? (
        <p role="status">Loading the briefing…</p>
      ) : (
        <>
          <p className="lede" data-last-activity={last?.date ?? ''}>
            {last ? (
              <>
                Last recorded activity <strong>{last.date}</strong>
                {' — '}
                {last.event ? (
                  <a href={href('record', { event: last.event })} dir="auto">
                    {last.what}
                  </a>
                ) : (
                  <span dir="auto">{last.what}</span>
                )}
                {quiet >= 1 ? <span className="quiet"> · nothing recorded in the {quiet === 1 ? 'month' : `${quiet} months`} since</span> : null}
                {'. '}
              </>
            ) : null}
            <span className="muted">
              Status as of {b.asOf}
              {viewAs ? ` (public layer plus ${partyShort(data, viewAs)} confidential)` : ' (public layer)'}.
            </span>{' '}
            <a className="button-link" href={briefingUrl(pid, { asOf: b.asOf, viewAs: viewAs || undefined })} target="_blank" rel="noopener" data-briefing="">
              <span aria-hidden="true">▤ </span>Briefing<span className="sr-only"> as of {b.asOf} (opens in a new tab)</span>
            </a>{' '}
            <PdfButton asOf={b.asOf} />
          </p>
          {data.process.description && (
            <p className="muted" dir="auto">
              {data.process.description}
            </p>
          )}
          <OverviewPicture b={b} matrix={matrix} events={events} />
          <div className="cards">
            <section className="card" aria-labelledby="ov-text">
              <h2 id="ov-text">Single negotiating text</h2>
              {b.currentVersion ? (
                <p>
                  <a href={href('text', { version: b.currentVersion.id })} dir="auto">
                    {b.currentVersion.title}, {b.currentVersion.label}
                  </a>{' '}
                  <span className="muted">
                    tabled {b.currentVersion.date} · {b.currentVersion.points} points
                  </span>
                </p>
              ) : (
                <p className="muted">No text yet.</p>
              )}
              {b.latestVersion && b.latestVersion.id !== b.currentVersion?.id && (
                <p>
                  Latest text on the table:{' '}
                  <a href={href('text', { version: b.latestVersion.id })} dir="auto">
                    {b.latestVersion.title}, {b.latestVersion.label}
                  </a>{' '}
                  <span className="muted">({b.latestVersion.date})</span>
                </p>
              )}
            </section>
            <section className="card" aria-labelledby="ov-record">
              <h2 id="ov-record">On record</h2>
              <ul className="counts">
                <li>
                  <a href={href('record')}>{b.counts.events} events</a>
                </li>
                <li>
                  <a href={href('positions')}>{b.counts.positions} positions</a> backed by {b.counts.evidence} evidence items
                </li>
                <li>
                  <a href={href('text')}>{b.counts.versions} versions</a> of {b.counts.documents} documents
                </li>
                <li>
                  {b.counts.parties} parties, {b.counts.persons} persons, {b.counts.sources} sources
                </li>
              </ul>
            </section>
            <section className="card" aria-labelledby="ov-meet">
              <h2 id="ov-meet">Meetings</h2>
              <dl className="meet">
                <dt>Last held</dt>
                <dd>
                  <EventLine e={b.lastHeld} />
                </dd>
                <dt>Next scheduled</dt>
                <dd>
                  <EventLine e={b.nextScheduled} />
                </dd>
              </dl>
              {b.overdueScheduled.length > 0 && (
                <p className="small">
                  Still marked scheduled though the date has passed:{' '}
                  {b.overdueScheduled.map((e, i) => (
                    <span key={e.id}>
                      {i > 0 && ', '}
                      <a href={href('record', { event: e.id })} dir="auto">
                        {e.title}
                      </a>
                    </span>
                  ))}
                  {b.more.overdueScheduled > 0 && (
                    <>
                      {' '}
                      and <a href={href('record', { status: 'scheduled,rescheduled' })}>{b.more.overdueScheduled} more</a>
                    </>
                  )}
                </p>
              )}
            </section>
          </div>

          <section aria-labelledby="ov-axes">
            <h2 id="ov-axes">Agreement per axis</h2>
            <p className="muted small">Among the principal parties (parties, mediator and guarantors).</p>
            <div className="table-scroll" role="region" aria-label="Agreement per axis table, scrolls sideways" tabIndex={0}>
              <table className="data">
                <caption className="sr-only">Points per axis accepted by all, contested and unknown</caption>
                <thead>
                  <tr>
                    <th scope="col">Axis</th>
                    <th scope="col" className="num">
                      Points
                    </th>
                    <th scope="col" className="num">
                      Accepted by all
                    </th>
                    <th scope="col" className="num">
                      Contested
                    </th>
                    <th scope="col" className="num">
                      Unknown
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.axes.map((a) => (
                    <tr key={a.axis}>
                      <th scope="row">
                        <a href={href('positions', { axis: a.lineage ?? undefined })} dir="auto">
                          {a.axis}
                        </a>
                      </th>
                      <td className="num">{a.points}</td>
                      <td className="num">{a.acceptedByAll}</td>
                      <td className="num">{a.contested}</td>
                      <td className="num">{a.unknown}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num">{b.totals.points}</td>
                    <td className="num">{b.totals.acceptedByAll}</td>
                    <td className="num">{b.totals.contested}</td>
                    <td className="num">{b.totals.unknown}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>

          <section aria-labelledby="ov-contested">
            <h2 id="ov-contested">Most contested points</h2>
            {b.topContested.length === 0 ? (
              <p className="muted">No contested point.</p>
            ) : (
              <ol className="contested">
                {b.topContested.map((c) => (
                  <li key={c.lineage}>
                    <a href={href('text', { version: b.currentVersion?.id, point: c.lineage })}>
                      Point {c.label}
                      {c.axis ? <span className="muted"> ({c.axis})</span> : null}
                    </a>
                    <p className="clip" dir="auto">
                      {c.text}
                    </p>
                    <ul className="holders" aria-label={`Stances on point ${c.label}`}>
                      {c.holders.map((h) => (
                        <li key={h.party}>
                          <span className="party-tag">{partyShort(data, h.party)}</span> <StanceMark stance={h.stance} />{' '}
                          <span className="muted small">{h.asOf}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            )}
          </section>

          {(b.postponed.length > 0 || b.cancelled.length > 0) && (
            <section aria-labelledby="ov-off">
              <h2 id="ov-off">Postponed and cancelled</h2>
              <ul className="plain">
                {[...b.postponed, ...b.cancelled].map((e) => (
                  <li key={e.id}>
                    <EventLine e={e} />
                  </li>
                ))}
              </ul>
              {(b.more.postponed > 0 || b.more.cancelled > 0) && (
                <p className="small">
                  The latest are shown; <a href={href('record', { status: 'postponed,cancelled' })}>the record lists all {b.postponed.length + b.more.postponed} postponed and {b.cancelled.length + b.more.cancelled} cancelled</a>.
                </p>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}
