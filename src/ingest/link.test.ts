/**
 * Statements linked to the event they were made at (./link.ts): hand-checked reports, the review
 * writing `Evidence.event`, and a property over generated reports — a statement is linked only to an
 * event that took place on its day with its speaker present, never to a planned one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Party, Person, ProcessData } from '../model/schemas.js';
import { extractReport } from './extract.js';
import { eventOfStatement, type LinkableEvent } from './link.js';
import { planReview, toReport } from './review.js';

const parties: Party[] = [
  { id: 'no', name: 'Norway', role: 'mediator', aliases: [] },
  { id: 'ke', name: 'Kenya', role: 'party', aliases: [] },
];
const persons: Person[] = [
  { id: 'ivar', name: 'Ivar Lund', aliases: [], memberships: [{ onBehalfOf: 'no', post: 'foreign minister' }] },
  { id: 'amina', name: 'Amina Odero', aliases: [], memberships: [{ onBehalfOf: 'ke', post: 'president' }] },
];
const known = { parties, persons };

const REPORT = `Oslo talks end with a joint plan
Oslo, Tuesday 3 March 2026

Foreign Minister Ivar Lund met President Amina Odero in Oslo on Tuesday. "We have found common ground," Lund said after the meeting.

Odero said on Monday that she was ready to compromise.

Lund and Odero will meet again in Nairobi next week, and Lund said he would bring the draft.
`;

describe('statements and the event they were made at', () => {
  const r = extractReport({ text: REPORT, published: '2026-03-03' }, known);
  const met = r.events.findIndex((e) => e.status === 'held' && e.start === '2026-03-03');
  const said = (name: string, date: string) => r.statements.find((s) => s.speaker.person === name && s.date === date);

  it('links a statement made at the meeting, on its day, by an attendee', () => {
    expect(met).toBeGreaterThanOrEqual(0);
    expect(said('ivar', '2026-03-03')?.event).toBe(met);
  });
  it('links a statement of another day to its own announcement, never to the meeting or the one planned for next week', () => {
    const monday = said('amina', '2026-03-02')!;
    expect(r.events[monday.event!]).toMatchObject({ kind: 'statement', start: '2026-03-02' });
    for (const s of r.statements) if (s.event !== null && s.event !== undefined) expect(r.events[s.event]!.status).toBe('held');
  });
  it('writes Evidence.event to the accepted event when the statement is accepted', () => {
    const data = { parties, persons, events: [], sources: [], evidence: [], positions: [], documents: [], versions: [], reports: [] } as unknown as ProcessData;
    const report = toReport({ text: REPORT, published: '2026-03-03' }, r, 'rep-1');
    const ev = report.proposals.find((p) => p.type === 'event' && p.proposed.status === 'held')!;
    const st = report.proposals.find((p) => p.type === 'statement' && p.proposed.speaker.person === 'ivar' && p.proposed.date === '2026-03-03')!;
    const plan = planReview(data, report, [{ n: ev.n, action: 'accept' }, { n: st.n, action: 'accept' }], { actor: 't', newId: (p) => `${p}-1` });
    const evidence = plan.items.find((i) => i.kind === 'evidence')!.entity as { event?: string };
    expect(evidence.event).toBe('event-1');
    // Not accepting the event leaves the statement unlinked.
    const alone = planReview(data, report, [{ n: st.n, action: 'accept' }], { actor: 't', newId: (p) => `${p}-1` });
    expect((alone.items.find((i) => i.kind === 'evidence')!.entity as { event?: string }).event).toBeUndefined();
  });
});

describe('property: only an event that took place, on the day, with the speaker', () => {
  const day = fc.integer({ min: 1, max: 9 }).map((d) => `2026-03-0${d}`);
  const who = fc.constantFrom('a', 'b', 'c');
  const event = fc.record({
    kind: fc.constantFrom('meeting', 'talks', 'summit', 'visit', 'phone-call', 'publication', 'statement'),
    status: fc.constantFrom('held', 'under-way', 'scheduled', 'proposed', 'postponed', 'cancelled'),
    start: fc.option(day, { nil: null }),
    who: fc.uniqueArray(who, { maxLength: 3 }),
    at: fc.integer({ min: 0, max: 900 }),
  });
  it('holds over generated reports', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 6 }), who, fc.option(day, { nil: null }), fc.integer({ min: 0, max: 900 }), (es, speaker, date, at) => {
        const events: LinkableEvent[] = es.map((e) => ({
          kind: e.kind as LinkableEvent['kind'],
          status: e.status as LinkableEvent['status'],
          start: e.start,
          end: null,
          attendees: e.who.map((p) => ({ person: p, name: p, kind: 'known' as const })),
          span: [e.at, e.at + 20],
          mentions: [],
        }));
        const s = { speaker: { person: speaker, name: speaker, kind: 'known' as const }, date, span: [at, at + 60] as [number, number] };
        const k = eventOfStatement(events, s);
        if (k === null) {
          // Nothing is missed: no event took place on the day with the speaker present.
          const missed = es.some((e) => (e.status === 'held' || e.status === 'under-way') && e.kind !== 'publication' && e.who.includes(speaker) && (e.start && date ? e.start === date : e.at >= at && e.at + 20 <= at + 60));
          return !missed;
        }
        const e = es[k]!;
        const inside = e.at >= at && e.at + 20 <= at + 60;
        return (e.status === 'held' || e.status === 'under-way') && e.kind !== 'publication' && (e.start && date ? e.start === date : inside) && (e.who.includes(speaker) || (inside && e.kind === 'statement' && e.who.length === 0));
      }),
      { numRuns: 500 },
    );
  });
});
