/**
 * Events of whole generated reports (end to end through extractReport): two people introduced by
 * nationality and post under made-up names, then one sentence telling of a meeting, phone call or
 * signing as a verb ("A met B") or as a noun subject with a long complement ("A meeting between A and
 * B's foreign minister C was postponed"), in the past, the future, hedged, negated or with a change
 * of plan. Whatever the form, a hedged or future event is never held, a denied one gives no event of
 * its kind, a change of plan gives its status, and the attendees are the two people.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'mar', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const twoNames = fc.array(part, { minLength: 4, maxLength: 4 }).filter((ps) => new Set(ps).size === 4).map((ps) => [`${ps[0]} ${ps[1]}`, `${ps[2]} ${ps[3]}`] as const);
const nations = fc.constantFrom(['Norway', 'Chile'], ['Kenya', 'Indonesia'], ['Chile', 'Kenya']);
const post = fc.constantFrom('foreign minister', 'national security adviser', 'chief negotiator');

type Want = 'held' | 'scheduled' | 'proposed' | 'postponed' | 'cancelled' | 'none';
/** Verb forms: [predicate with {B}, expected status]. */
const verbForms: [string, Want][] = [
  ['met {B} in Oslo on Monday', 'held'],
  ['will meet {B} in Oslo on Friday', 'scheduled'],
  ['is due to meet {B} in Oslo next week', 'scheduled'],
  ['could meet {B} in Oslo next week', 'proposed'],
  ['may meet {B} in Oslo on Friday', 'proposed'],
  ['is reportedly preparing to meet {B} in Oslo', 'proposed'],
  ['did not meet {B} in Oslo on Monday', 'none'],
  ['never met {B} in Oslo', 'none'],
  ['put off a meeting with {B} in Oslo planned for Monday', 'postponed'],
];
/** Noun subjects: [predicate after "A meeting between {A} and {B}", expected status]. */
const nounForms: [string, Want][] = [
  ['was held in Oslo on Monday', 'held'],
  ['is expected in Oslo next week', 'scheduled'],
  ['will take place in Oslo on Friday', 'scheduled'],
  ['could take place in Oslo next week', 'proposed'],
  ['was postponed', 'postponed'],
  ['has been put off until next month', 'postponed'],
  ['was called off on Monday', 'cancelled'],
  ['did not take place', 'none'],
];

describe('property: the status of generated events, verb or noun, whatever the names', () => {
  const forms = fc.oneof(
    fc.constantFrom(...verbForms).map(([p, w]) => ({ noun: false, p, w })),
    fc.constantFrom(...nounForms).map(([p, w]) => ({ noun: true, p, w })),
  );
  it('hedged and future events are never held; denied ones give no meeting; changes of plan keep their status', () => {
    fc.assert(
      fc.property(twoNames, nations, post, post, forms, ([a, b], [na, nb], pa, pb, f) => {
        const bFull = `${nb}'s ${pb} ${b}`;
        const sentence = f.noun ? `A meeting between ${a} and ${bFull} ${f.p}.` : `${a} ${f.p.replace('{B}', bFull)}.`;
        const text = `DIPLOMACY\nOslo, Tuesday 10 June 2025\n\n${na}'s ${pa} ${a} arrived in Oslo on Sunday. ${sentence}\n`;
        const r = extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
        const meetings = r.events.filter((e) => e.kind === 'meeting' || e.kind === 'talks');
        if (f.w === 'none') {
          expect(meetings, text).toEqual([]);
          return;
        }
        expect(meetings.map((e) => e.status), text).toEqual([f.w]);
        expect(meetings[0]!.attendees.map((x) => x.name).sort(), text).toEqual([a, b].sort());
        if (f.w !== 'held') expect(r.events.some((e) => e.status === 'held' && e.kind !== 'visit'), text).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('an agreement dated in the possessive is told in passing', () => {
  it.each([
    ['last Wednesday', '2025-06-04'],
    ['last Friday', '2025-06-06'],
    ['yesterday', '2025-06-09'],
  ])("'%s's truce' is a signing held that day, with none of the clause's people or places", (when, day) => {
    const text = `TALKS\nOslo, Tuesday 10 June 2025\n\nMilitary commanders of both sides began talks in Nairobi on Tuesday on how to carry out ${when}'s truce.\n`;
    const r = extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
    const signing = r.events.filter((e) => e.kind === 'signing');
    expect(signing.map((e) => [e.status, e.start, e.attendees.length, e.place])).toEqual([['held', day, 0, null]]);
    expect(r.events.some((e) => e.kind === 'talks' && e.start === '2025-06-10')).toBe(true);
  });
});
