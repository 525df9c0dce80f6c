/**
 * The last recorded activity of a process on or before a date, for the Overview's "last recorded
 * activity" line (a process that went quiet is dated by its record, not by today): the latest of
 * the events that had started, the versions tabled, the stances recorded and the statements made.
 * Reduced-precision dates (`2025`, `2025-03`) count as their first day.
 */
import type { Document, Event, Evidence, Position, Version } from '../../model/schemas.js';

/** What happened last, on which day; `event` names the event when the last thing was one. */
export interface LastActivity {
  /** ISO day. */
  date: string;
  /** An event's title, a version's `<document title>, <label>`, `a stance recorded` or `a statement`. */
  what: string;
  event?: string;
}

/** The data the last activity is read from. */
export interface ActivityData {
  events: Pick<Event, 'id' | 'title' | 'start'>[];
  versions: Pick<Version, 'document' | 'label' | 'date'>[];
  documents: Pick<Document, 'id' | 'title'>[];
  positions: Pick<Position, 'asOf'>[];
  evidence: Pick<Evidence, 'saidAt'>[];
}

const dayOf = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));

/**
 * The latest activity dated on or before `asOf` (an ISO day); on a tie the first met wins, in the
 * order events, versions, stances, statements. Null when nothing is dated that early.
 */
export function lastActivity(data: ActivityData, asOf: string): LastActivity | null {
  let best: LastActivity | null = null;
  const consider = (date: string, what: string, event?: string) => {
    const d = dayOf(date);
    if (d > asOf) return;
    if (!best || d > best.date) best = { date: d, what, ...(event ? { event } : {}) };
  };
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  for (const e of data.events) consider(e.start, e.title, e.id);
  for (const v of data.versions) consider(v.date, `${title.get(v.document) ?? v.document}, ${v.label}`);
  for (const p of data.positions) consider(p.asOf, 'a stance recorded');
  for (const e of data.evidence) consider(e.saidAt, 'a statement');
  return best;
}
