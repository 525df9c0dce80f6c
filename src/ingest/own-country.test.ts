/**
 * A speaker introduced without title or nationality gets the country they commit in what they say
 * ("X said Norway could send experts", "X said on Monday that Kenya was ready to sign") or the people
 * they address ("X told Chileans"); a country put under an obligation by the speaker ("X said Norway
 * would have to withdraw") tells nothing about the speaker. Names are made of syllables, so no fixture
 * of any process can make this pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'mar', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const fullName = fc.array(part, { minLength: 2, maxLength: 3 }).filter((ps) => new Set(ps).size === ps.length);
const nation = fc.constantFrom(['Norway', 'Norwegians'], ['Kenya', 'Kenyans'], ['Chile', 'Chileans'], ['Indonesia', 'Indonesians']);
const when = fc.constantFrom('', ' on Monday', ' late on Sunday');
const that = fc.constantFrom('', ' that');
const commits = fc.constantFrom('could send monitors to the border', 'would not sign the draft', 'was ready to host the next round', 'had accepted the ceasefire proposal', 'will contribute troops to the mission');
const obliged = fc.constantFrom('would have to withdraw its forces', 'had to give up the border towns', 'would be forced to accept the plan');

const base = 'TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n';
const run = (body: string) => extractReport({ text: `${base}${body}\n`, published: '2025-06-10' }, { parties: [], persons: [] });
const partyNamed = (r: ReturnType<typeof run>, country: string) => r.newParties.find((p) => p.name === country)?.id;

describe('property: the country a speaker commits is the speaker\'s party', () => {
  it('"X said (on Monday) (that) <Country> could/would/was ready …" gives X that country', () => {
    fc.assert(
      fc.property(fullName, nation, when, that, commits, (parts, [country], w, t, vp) => {
        const name = parts.join(' ');
        const r = run(`${name} said${w}${t} ${country} ${vp}.`);
        const st = r.statements.find((s) => s.speaker.name === name);
        expect(st, JSON.stringify(r.statements)).toBeTruthy();
        expect(st!.party).toBe(partyNamed(r, country));
        expect(st!.party).toBeTruthy();
      }),
      { numRuns: 80 },
    );
  });

  it('"X told <Demonyms> …" gives X the country of the people addressed', () => {
    fc.assert(
      fc.property(fullName, nation, (parts, [country, people]) => {
        const name = parts.join(' ');
        const r = run(`${name} told ${people} on Friday that the ceasefire proposal was unacceptable.`);
        expect(r.newPersons.find((p) => p.name === name)?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 30 },
    );
  });

  it('a relative clause ("…, who said on Monday in <town> that … but that <Country> would …") commits the country too', () => {
    fc.assert(
      fc.property(fullName, nation, commits, (parts, [country], vp) => {
        const name = parts.join(' ');
        const r = run(`The envoys will put the draft to ${name}, who said on Thursday in Tarvel that the draft could be a basis for agreement but that ${country} ${vp}.`);
        expect(r.newPersons.find((p) => p.name === name)?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 30 },
    );
  });

  it('a sentence opening "In <capital>" places a titled speaker without comma too', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom(['Oslo', 'Norway'], ['Nairobi', 'Kenya'], ['Santiago', 'Chile'], ['Jakarta', 'Indonesia']), fc.constantFrom('', ', ', ' the '), (parts, [capital, country], sep) => {
        const name = parts.join(' ');
        const r = run(`In ${capital}${sep}President ${name} on Wednesday described the meeting as rather good.`);
        expect(r.newPersons.find((p) => p.name === name)?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 30 },
    );
  });

  it('a country under an obligation gives the speaker no party', () => {
    fc.assert(
      fc.property(fullName, nation, when, that, obliged, (parts, [country], w, t, vp) => {
        const name = parts.join(' ');
        const r = run(`${name} said${w}${t} ${country} ${vp}.`);
        expect(r.newPersons.find((p) => p.name === name)?.party, JSON.stringify(r.newPersons)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
