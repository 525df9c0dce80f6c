/**
 * Events completed from their context (end to end through extractReport, generated reports with
 * made-up names): a mediator named as the subject of the next sentence ("The envoy, X, is
 * facilitating") takes part in the talks just told, never in talks that are only possible; a headline
 * that names a summit as done makes the body's "talks" that summit, never when the headline tells of
 * one to come; talks told in passing ("After five days of talks that began on Monday, A and B signed")
 * are held talks of their own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'mar', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const fullName = fc.array(part, { minLength: 2, maxLength: 3 }).filter((ps) => new Set(ps).size === ps.length).map((ps) => ps.join(' '));
const capital = fc.constantFrom('Oslo', 'Nairobi', 'Santiago', 'Jakarta');
const sides = fc.constantFrom('Military commanders of the two armies', 'The government and rebel delegations', 'Negotiators of both sides');
const role = fc.constantFrom('The AU envoy', 'The UN special envoy', 'The mediator', 'Norway\'s special envoy');
const facilitates = fc.constantFrom('is facilitating', 'is mediating', 'chaired the first session', 'is facilitating with members of the panel');

const run = (text: string) => extractReport({ text, published: '2025-06-09' }, { parties: [], persons: [] });

describe('property: a mediator named after the talks takes part in them', () => {
  it('held or under-way talks take the subject of "is facilitating" as an attendee', () => {
    fc.assert(
      fc.property(fullName, capital, sides, role, facilitates, fc.constantFrom('began talks in {C} on Monday', 'held talks in {C} on Monday'), (name, c, who, r, f, vp) => {
        const text = `TALKS OPEN\n${c}, Monday 9 June 2025\n\n${who} ${vp.replace('{C}', c)} on how to carry out the truce.\n\n${r}, ${name}, ${f}.\n`;
        const ev = run(text).events.filter((e) => e.kind === 'talks');
        expect(ev.length, text).toBe(1);
        expect(ev[0]!.attendees.map((p) => p.name), text).toContain(name);
      }),
      { numRuns: 60 },
    );
  });

  it('possible talks take no one from the next sentence', () => {
    fc.assert(
      fc.property(fullName, capital, sides, role, facilitates, (name, c, who, r, f) => {
        const text = `TALKS MAY OPEN\n${c}, Monday 9 June 2025\n\n${who} could begin talks in ${c} next week, officials said.\n\n${r}, ${name}, ${f}.\n`;
        const r0 = run(text);
        for (const e of r0.events) expect(e.status === 'held' || e.status === 'under-way', text).toBe(false);
        for (const e of r0.events.filter((x) => x.kind === 'talks')) expect(e.attendees.map((p) => p.name), text).not.toContain(name);
      }),
      { numRuns: 40 },
    );
  });
});

describe('property: talks told in passing before the act of the sentence are an event of their own', () => {
  it('"After five days of talks that began on Monday, A and B signed …" → talks held that Monday by A and B, and the signing', () => {
    fc.assert(
      fc.property(fullName, fullName, capital, fc.constantFrom('five days of talks', 'a week of negotiations', 'two weeks of talks', 'talks', 'consultations'), fc.constantFrom(['Monday', '2025-06-02'], ['Tuesday', '2025-06-03']), (a, b, c, what, [day, iso]) => {
        fc.pre(a !== b && !a.includes(b) && !b.includes(a));
        const text = `DEAL SIGNED\n${c}, Saturday 7 June 2025\n\nAfter ${what} that began on ${day}, General ${a} and General ${b} signed a declaration in ${c} on Saturday.\n`;
        const evs = extractReport({ text, published: '2025-06-07' }, { parties: [], persons: [] }).events;
        const talks = evs.filter((e) => e.kind === 'talks');
        expect(talks.map((e) => [e.status, e.start]), text).toEqual([['held', iso]]);
        expect(talks[0]!.attendees.map((p) => p.name).sort(), text).toEqual([a, b].sort());
        expect(evs.some((e) => e.kind === 'signing' && e.start === '2025-06-07'), text).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('talks told without names take the parties acting in their paragraph', () => {
  it.each(['Houthis', 'Taliban'])('the %s who arrived late attend the delayed talks', (who) => {
    const text = `TALKS DELAYED\nOslo, Thursday 6 December 2018\n\nThe opening session of the consultations in Sweden was delayed on Thursday because the ${who} arrived with far more negotiators than agreed, a source at the talks said.\n`;
    const evs = extractReport({ text, published: '2018-12-06' }, { parties: [], persons: [] }).events.filter((e) => e.kind === 'talks');
    expect(evs.map((e) => [e.status, e.attendees.map((p) => p.name)]), text).toEqual([['postponed', [who]]]);
  });
});

describe('property: a headline that names a summit as done makes the body\'s talks that summit', () => {
  const body = (c: string) => `Leaders of twelve countries agreed on Sunday to respect the arms embargo after four hours of talks in ${c} hosted by the foreign minister.`;
  it('"<City> summit: …" → summit', () => {
    fc.assert(
      fc.property(capital, fc.constantFrom('{C} summit: powers pledge to respect the arms embargo', 'Leaders agree on embargo at {C} summit', 'Peace conference in {C} ends with a pledge'), (c, h) => {
        const text = `${h.replace('{C}', c)}\nSunday 8 June 2025\n\n${body(c)}\n`;
        expect(run(text).events.map((e) => e.kind), text).toContain('summit');
      }),
      { numRuns: 30 },
    );
  });

  it('a summit to come in the headline leaves the talks as talks', () => {
    fc.assert(
      fc.property(capital, fc.constantFrom('Powers meet ahead of {C} summit', '{C} to host summit next month', 'Leaders could hold a summit in {C}'), (c, h) => {
        const text = `${h.replace('{C}', c)}\nSunday 8 June 2025\n\n${body(c)}\n`;
        expect(run(text).events.map((e) => e.kind), text).not.toContain('summit');
      }),
      { numRuns: 30 },
    );
  });
});

describe('property: talks told in passing by another event', () => {
  const lead = fc.constantFrom('AU-led', 'UN-backed', 'indirect', 'the');
  const where = fc.constantFrom('here', 'in {C}', 'on Monday', 'in {C} on Monday');
  it('"A and B signed … a week after <…> talks opened here/in C/on Monday" adds held talks of A and B at that place, never after the publication day', () => {
    fc.assert(
      fc.property(fullName, fullName, capital, lead, where, fc.constantFrom('opened', 'began', 'started'), (x, y, c, l, w, v) => {
        fc.pre(x !== y);
        const phrase = w.replace('{C}', c);
        const text = `DEAL SIGNED\n${c}, Monday 9 June 2025\n\nPresident ${x} and rebel leader ${y} signed a ceasefire agreement on Monday, just over a week after ${l === 'the' ? 'the' : l} talks ${v} ${phrase}.\n`;
        const r = run(text);
        const talks = r.events.filter((e) => e.kind === 'talks');
        expect(talks.length, JSON.stringify(r.events)).toBe(1);
        expect(talks[0]!.status).toBe('held');
        expect(talks[0]!.attendees.map((p) => p.name)).toEqual(expect.arrayContaining([x, y]));
        if (phrase !== 'on Monday') expect(talks[0]!.place?.city).toBe(c);
        if (talks[0]!.start) expect(talks[0]!.start <= '2025-06-09').toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a planned signing tells no held talks ("will sign … after talks open")', () => {
    fc.assert(
      fc.property(fullName, fullName, capital, (x, y, c) => {
        fc.pre(x !== y);
        const r = run(`DEAL TO BE SIGNED\n${c}, Monday 9 June 2025\n\nPresident ${x} and rebel leader ${y} could sign a ceasefire agreement next week, after talks opened here.\n`);
        expect(r.events.filter((e) => e.kind === 'talks' && e.status === 'held')).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
