/**
 * iCalendar (RFC 5545) export of a process's events: one VEVENT per event, all-day
 * (`DTSTART;VALUE=DATE`, `DTEND` exclusive, §3.6.1), with STATUS, a link back and a description.
 *
 * Status mapping (RFC 5545 §3.8.1.11 defines TENTATIVE / CONFIRMED / CANCELLED for VEVENT):
 * held and scheduled → CONFIRMED; rescheduled → CONFIRMED (the event stands at its new date);
 * postponed → TENTATIVE with "Postponed" in the summary and the description, because it has not
 * been called off but its date no longer holds; cancelled → CANCELLED; under way → CONFIRMED; proposed (a
 * possible meeting a report only hedges about) → TENTATIVE. A reduced-precision date
 * (`2025-11`) becomes a span over the whole month (or year) and is marked approximate, as are dates
 * flagged approximate. Lines are folded at 75 octets (§3.1) and text escaped (§3.3.11).
 */
import { addDays, endOf, startOf } from '../model/dates.js';
import type { EventStatus, ProcessData } from '../model/schemas.js';

/** RFC 5545 STATUS of each Accord event status. */
export const ICS_STATUS: Record<EventStatus, 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'> = {
  held: 'CONFIRMED',
  scheduled: 'CONFIRMED',
  rescheduled: 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
  'under-way': 'CONFIRMED',
  proposed: 'TENTATIVE',
};

/** Escape a TEXT value (§3.3.11): backslash, semicolon, comma, newline. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold a content line at 75 octets (UTF-8), never splitting a character (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    const limit = out.length ? 74 : 75; // continuation lines start with one space
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const ymd = (d: string) => d.replace(/-/g, '');

/** Options of {@link eventsToIcs}. */
export interface IcsOptions {
  /** Base URL of links back: each event gets `URL:{link}/events/{id}` (default `accord:{process}/events/{id}`). */
  link?: string;
  /** DTSTAMP (UTC instant of the export), default now; fixed in tests. */
  now?: Date;
}

/** The iCalendar text of all events of a process (public data: events carry no confidential layer). */
export function eventsToIcs(data: ProcessData, opts: IcsOptions = {}): string {
  const now = opts.now ?? new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const person = new Map(data.persons.map((p) => [p.id, p.name]));
  const src = new Map(data.sources.map((s) => [s.id, s]));
  const versions = new Map(data.versions.map((v) => [v.id, v]));
  const docs = new Map(data.documents.map((d) => [d.id, d.title]));
  const L: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Accord//Accord negotiation workbench//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(data.process.name)}`,
  ];
  for (const e of data.events) {
    const start = startOf(e.start);
    const last = endOf(e.end ?? e.start);
    const reduced = e.start.length < 10 || (e.end !== undefined && e.end.length < 10);
    const approx = e.approximate || reduced;
    const url = opts.link ? `${opts.link.replace(/\/$/, '')}/events/${encodeURIComponent(e.id)}` : `accord:${data.process.id}/events/${e.id}`;
    const where = [e.place?.venue, e.place?.city, e.place?.country].filter(Boolean).join(', ');
    const desc: string[] = [];
    desc.push(`Status: ${e.status}${e.status === 'postponed' ? ' (date no longer holds; new date not fixed)' : ''}.`);
    if (approx) desc.push(`Date approximate (${e.start}${e.end ? ` to ${e.end}` : ''}).`);
    if (e.summary) desc.push(e.summary);
    if (e.attendees.length) desc.push(`Attendees: ${e.attendees.map((a) => person.get(a.person) ?? a.person).join(', ')}.`);
    if (e.tabled.length) desc.push(`Texts tabled: ${e.tabled.map((t) => { const v = versions.get(t); return v ? `${docs.get(v.document) ?? v.document}, ${v.label}` : t; }).join('; ')}.`);
    if (e.note) desc.push(e.note);
    const sources = e.sources.map((s) => src.get(s)).filter((s) => !!s);
    if (sources.length) desc.push(`Sources: ${sources.map((s) => `${s!.outlet ? s!.outlet + ' ' : ''}${s!.url}`).join(' ; ')}`);
    desc.push(`In Accord: ${url}`);
    const prefix = e.status === 'postponed' ? 'Postponed: ' : e.status === 'cancelled' ? 'Cancelled: ' : '';
    L.push('BEGIN:VEVENT');
    L.push(`UID:${icsText(`${e.id}@${data.process.id}.accord`)}`);
    L.push(`DTSTAMP:${stamp}`);
    L.push(`DTSTART;VALUE=DATE:${ymd(start)}`);
    L.push(`DTEND;VALUE=DATE:${ymd(addDays(last, 1))}`);
    L.push(`SUMMARY:${icsText(prefix + e.title + (approx ? ' (date approximate)' : ''))}`);
    L.push(`STATUS:${ICS_STATUS[e.status]}`);
    L.push('TRANSP:TRANSPARENT');
    if (where) L.push(`LOCATION:${icsText(where)}`);
    L.push(`CATEGORIES:${icsText(e.kind)}${e.cameo ? `,CAMEO-${e.cameo}` : ''}`);
    L.push(`DESCRIPTION:${icsText(desc.join('\n'))}`);
    L.push(`URL;VALUE=URI:${url}`);
    L.push(`X-ACCORD-STATUS:${e.status}`);
    L.push('END:VEVENT');
  }
  L.push('END:VCALENDAR');
  return L.map(foldLine).join('\r\n') + '\r\n';
}
