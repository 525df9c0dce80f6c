/**
 * Which proposed event a proposed statement was made at (issue 12: an accepted statement is linked to
 * the meeting it was made at, `Evidence.event`). Used by the extractor (`StatementProposal.event`)
 * and by the review (src/ingest/review.ts), which links the evidence to the accepted event.
 *
 * A statement is made at an event when
 *   - the event took place (held or under way) and is not the publication of a text,
 *   - its days cover the statement's date (an undated event: when the event is told in the
 *     statement's own characters),
 *   - and the speaker is one of its attendees (the same store person, the same name, or a group of
 *     the speaker's party when the speaker is a group) — or the event is told within the statement's
 *     characters and is the speaker's own announcement (kind `statement`).
 * Among several, the event told inside the statement wins, then the one whose nearest mention is
 * closest to the statement in the text. No candidate: null (a statement made outside any event the
 * report tells of, e.g. on social media on another day).
 */
import { endOf, startOf } from '../model/dates.js';
import type { EventKind, EventStatus } from '../model/schemas.js';
import type { ProposedPerson, Span } from './types.js';

/** What linking reads of an event proposal. */
export interface LinkableEvent {
  kind: EventKind;
  status: EventStatus;
  start: string | null;
  end: string | null;
  attendees: ProposedPerson[];
  span: Span;
  mentions: Span[];
}

/** What linking reads of a statement proposal. */
export interface LinkableStatement {
  speaker: ProposedPerson;
  date: string | null;
  span: Span;
}

const TOOK_PLACE = new Set<EventStatus>(['held', 'under-way']);

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^(?:the|a|an)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Is the speaker among the attendees? */
function attends(speaker: ProposedPerson, attendees: ProposedPerson[]): boolean {
  return attendees.some((a) => {
    if (speaker.person || a.person) return !!speaker.person && speaker.person === a.person;
    if (norm(a.name) === norm(speaker.name)) return true;
    // A group speaker ("the government delegation") and a group attendee of the same party.
    return speaker.kind === 'group' && a.kind === 'group' && !!speaker.party && speaker.party === a.party;
  });
}

const inside = ([f, t]: Span, [sf, st]: Span) => f >= sf && t <= st;

/**
 * Index into `events` of the event the statement was made at, or null.
 * @param events proposals of one report (spans into its text)
 * @param s a statement proposal of the same report
 */
export function eventOfStatement(events: readonly LinkableEvent[], s: LinkableStatement): number | null {
  let best: { i: number; within: boolean; dist: number } | null = null;
  events.forEach((e, i) => {
    if (!TOOK_PLACE.has(e.status) || e.kind === 'publication') return;
    const spans = [e.span, ...e.mentions];
    const within = spans.some((sp) => inside(sp, s.span));
    if (e.start && s.date) {
      if (!(startOf(e.start) <= endOf(s.date) && startOf(s.date) <= endOf(e.end ?? e.start))) return;
    } else if (!within) return;
    const speakerThere = attends(s.speaker, e.attendees);
    const ownAnnouncement = within && e.kind === 'statement' && (e.attendees.length === 0 || speakerThere);
    if (!speakerThere && !ownAnnouncement) return;
    const dist = Math.min(...spans.map(([f, t]) => (t <= s.span[0] ? s.span[0] - t : f >= s.span[1] ? f - s.span[1] : 0)));
    if (!best || (within && !best.within) || (within === best.within && dist < best.dist)) best = { i, within, dist };
  });
  return best === null ? null : (best as { i: number }).i;
}
