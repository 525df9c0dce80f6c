/**
 * Which party forms are demonyms (adjectives or peoples) and which name the actor itself: decided by
 * the world table for every country it knows, and by an adjective's ending only for forms it does not
 * know. Checked over every country of the table, and over made-up movement names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDemonymForm } from './events.js';
import { extractReport } from './extract.js';
import { actorByName, worldCountries } from './world.js';

describe('isDemonymForm', () => {
  it('every demonym of the world table is one, and no country name is', () => {
    for (const c of worldCountries()) {
      for (const d of c.demonyms) if (!actorByName(d)) expect(isDemonymForm(d), `${c.name}: ${d}`).toBe(true);
      expect(isDemonymForm(c.name), c.name).toBe(false);
    }
    // Names with an adjective's ending are names all the same.
    for (const n of ['Mali', 'Haiti', 'Djibouti', 'Malawi', 'the Vatican']) expect(isDemonymForm(n.replace(/^the\s+/, '')), n).toBe(false);
  });

  const stem = fc.array(fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'bri', 'sto', 'quen'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));

  it('a made-up form reads as a demonym by an adjective ending; a plural in -is or an acronym names the movement', () => {
    fc.assert(
      fc.property(stem, fc.constantFrom('ian', 'ese', 'ish', 'ean'), (w, suf) => {
        fc.pre(!actorByName(w + suf));
        expect(isDemonymForm(w + suf)).toBe(true);
        if (suf === 'ian' || suf === 'ean') expect(isDemonymForm(`${w}${suf}s`)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(stem, (w) => {
        fc.pre(!actorByName(`${w}is`));
        expect(isDemonymForm(`${w}is`)).toBe(false);
        expect(isDemonymForm(w.toUpperCase().slice(0, 5))).toBe(false);
      }),
    );
  });
});

describe('countries whose names end like adjectives act in events', () => {
  it('"<Mali> signed the agreement with <Country> on Monday" has the signer as attendee', () => {
    fc.assert(
      fc.property(fc.constantFrom('Mali', 'Haiti', 'Djibouti', 'Malawi'), fc.constantFrom('Norway', 'Chile', 'Indonesia'), (a, b) => {
        const r = extractReport({ text: `TALKS\nGeneva, Tuesday 10 June 2025\n\n${a} signed the border agreement with ${b} in Geneva on Monday.\n`, published: '2025-06-10' }, { parties: [], persons: [] });
        const ev = r.events.find((e) => e.kind === 'signing');
        expect(ev, JSON.stringify(r.events)).toBeTruthy();
        const names = ev!.attendees.map((p) => p.name);
        expect(names).toContain(a);
      }),
      { numRuns: 12 },
    );
  });
});
