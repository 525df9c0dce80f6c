/**
 * A speaker's party from the text alone, in an empty store: a title that names one country's office
 * ("Secretary of State", "Foreign Secretary"), the capital a report without dateline is set in (its headline
 * or lead) for an unqualified title of state, a reported clause that opens with the speaker's own
 * country ("Norway could send monitors, X said"), and transcript labels that name a person the report
 * introduced. Names are made of syllables, so no fixture of any process can make these pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { countryOfPost } from './world.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'mar', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const fullName = fc.array(part, { minLength: 2, maxLength: 3 }).filter((ps) => new Set(ps).size === ps.length);
const nation = fc.constantFrom(['Norway', 'Norwegians'], ['Kenya', 'Kenyans'], ['Chile', 'Chileans'], ['Indonesia', 'Indonesians']);
const capitalOf = fc.constantFrom(['Oslo', 'Norway'], ['Nairobi', 'Kenya'], ['Santiago', 'Chile'], ['Jakarta', 'Indonesia']);
const verb = fc.constantFrom('said on Tuesday the ceasefire proposal was unacceptable', 'rejected the draft agreement on Monday', 'said the talks had been constructive');
const dated = 'TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n';
const run = (text: string) => extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
const partyNamed = (r: ReturnType<typeof run>, country: string) => r.newParties.find((p) => p.name === country)?.id;
const partyOf = (r: ReturnType<typeof run>, name: string) => r.newPersons.find((p) => p.name === name)?.party;
/** The person has a party, and it is the one proposed for `country`. */
const expectParty = (r: ReturnType<typeof run>, name: string, country: string) => {
  const got = partyOf(r, name);
  expect(got, JSON.stringify(r.newPersons)).toBeTruthy();
  expect(got).toBe(partyNamed(r, country));
};

const NATIONAL: [string, string][] = [
  ['Secretary of State', 'United States'],
  ['Foreign Secretary', 'United Kingdom'],
  ['Home Secretary', 'United Kingdom'],
];

describe('national titles (world knowledge, any process)', () => {
  it('countryOfPost reads the unqualified titles and "Secretary of State for …"', () => {
    expect(countryOfPost('Secretary of State')?.code).toBe('US');
    expect(countryOfPost('former secretary of state')?.code).toBe('US');
    expect(countryOfPost('Secretary of State for Defence')?.code).toBe('GB');
    expect(countryOfPost('Foreign Secretary')?.code).toBe('GB');
    expect(countryOfPost('Foreign Minister')).toBeNull();
    expect(countryOfPost('Secretary')).toBeNull();
    expect(countryOfPost('Chancellor')).toBeNull();
  });

  it('"<national title> X …" gives X that country, and a later "the <title> said" is X', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom(...NATIONAL), verb, (parts, [title, country], vp) => {
        const name = parts.join(' ');
        const r = run(`${dated}${title} ${name} ${vp}. Later, the ${title.toLowerCase()} said the ceasefire proposal was a good basis.\n`);
        expectParty(r, name, country);
        const later = r.statements.find((s) => /good basis/.test(s.text));
        expect(later?.party, JSON.stringify(r.statements)).toBe(partyOf(r, name));
      }),
      { numRuns: 60 },
    );
  });

  it('a country qualifying the title wins over the title ("Norway\'s Secretary of State X")', () => {
    fc.assert(
      fc.property(fullName, nation, (parts, [country]) => {
        const name = parts.join(' ');
        const r = run(`${dated}${country}'s Secretary of State ${name} rejected the draft agreement on Monday.\n`);
        expectParty(r, name, country);
      }),
      { numRuns: 30 },
    );
  });

  it('"Secretary of State for <department>, X" is British, not American', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom('Defence', 'Foreign Affairs', 'Health', 'the Home Department'), (parts, dept) => {
        const name = parts.join(' ');
        const r = run(`${dated}The Secretary of State for ${dept}, ${name}, rejected the draft agreement on Monday.\n`);
        expectParty(r, name, 'United Kingdom');
      }),
      { numRuns: 30 },
    );
  });

  it('a transcript label naming the person introduced earlier carries the party', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom(...NATIONAL), (parts, [title, country]) => {
        const name = parts.join(' ');
        const surname = parts[parts.length - 1]!.toUpperCase();
        const r = run(`${dated}${title} ${name} spoke to the programme on Monday.\n\nINTERVIEWER: Will you sign?\n\n${surname}: We reject the ceasefire proposal in its present form.\n`);
        const turn = r.statements.find((s) => /present form/.test(s.text));
        expect(turn?.speaker.name, JSON.stringify(r.statements)).toBe(name);
        expect(turn?.party).toBeTruthy();
        expect(turn?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the capital a report without dateline is set in', () => {
  const undated = (headline: string, body: string) => `${headline}\nBy staff | Published 10 June 2025\n\n${body}\n`;
  it('one capital in the headline gives an unqualified head of state or minister its country', () => {
    fc.assert(
      fc.property(fullName, capitalOf, fc.constantFrom('Chancellor', 'President', 'Foreign Minister', 'Prime Minister'), fc.constantFrom('summit', 'talks', 'conference'), (parts, [capital, country], title, what) => {
        const name = parts.join(' ');
        const r = run(undated(`${capital} ${what}: powers pledge to respect the arms embargo`, `Delegations agreed on Sunday to respect the arms embargo after talks hosted by ${title} ${name}. The gap is wide, ${name} said.`));
        expectParty(r, name, country);
      }),
      { numRuns: 40 },
    );
  });

  it('capitals of two countries in the headline give no party', () => {
    fc.assert(
      fc.property(fullName, capitalOf, capitalOf, (parts, [c1, k1], [c2, k2]) => {
        fc.pre(k1 !== k2);
        const name = parts.join(' ');
        const r = run(undated(`From ${c1} to ${c2}: the envoys' long week`, `Delegations agreed on Sunday to respect the arms embargo after talks hosted by Chancellor ${name}.`));
        expect(partyOf(r, name)).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });
});

describe('a reported clause that opens with the speaker\'s own country', () => {
  const commits = fc.constantFrom('could send monitors to the border', 'still wants to join the alliance', 'would not sign the draft', 'was ready to host the next round');
  const obliged = fc.constantFrom('would have to withdraw its forces', 'had to give up the border towns', 'would be forced to accept the plan');

  it('"<Country> could …, X said" gives X that country', () => {
    fc.assert(
      fc.property(fullName, nation, commits, (parts, [country], vp) => {
        const name = parts.join(' ');
        const r = run(`${dated}${country} ${vp}, ${name} said on Tuesday.\n`);
        expectParty(r, name, country);
      }),
      { numRuns: 50 },
    );
  });

  it('"…: <Country> still wants …, she said" gives the person "she" refers to that country', () => {
    fc.assert(
      fc.property(fullName, nation, commits, (parts, [country], vp) => {
        const name = parts.join(' ');
        const r = run(`${dated}${name} said on Tuesday she was prepared to hold elections. On the alliance she sounded resigned: ${country} ${vp}, she said.\n`);
        expectParty(r, name, country);
      }),
      { numRuns: 50 },
    );
  });

  it('a country under an obligation, or named after another speaker, gives no party', () => {
    fc.assert(
      fc.property(fullName, fullName, nation, obliged, commits, (p1, p2, [country], ob, vp) => {
        const name = p1.join(' ');
        const other = p2.join(' ');
        fc.pre(name !== other && !p1.some((x) => p2.includes(x)));
        const r1 = run(`${dated}${country} ${ob}, ${name} said on Tuesday.\n`);
        expect(partyOf(r1, name)).toBeUndefined();
        const r2 = run(`${dated}According to ${other}, ${country} ${vp}, ${name} said on Tuesday.\n`);
        expect(partyOf(r2, name)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});

describe('transcripts', () => {
  const headed = 'Evening News - transcript\nBroadcast Tuesday 10 June 2025\n\n';
  it('a surname label is the person named in full, not an earlier "Mr <surname>"; a label note gives a new speaker its party', () => {
    fc.assert(
      fc.property(fullName, fullName, nation, (p1, p2, [country]) => {
        fc.pre(!p1.some((x) => p2.includes(x)));
        const name = p1.join(' ');
        const sur = p1[p1.length - 1]!;
        const demonym = { Norway: 'Norwegian', Kenya: 'Kenyan', Chile: 'Chilean', Indonesia: 'Indonesian' }[country]!;
        const r = run(
          `${headed}ANCHOR: The opposition leader, ${name}, spoke earlier. Mr ${sur}, will you sign?\n\n${sur.toUpperCase()}: We reject the ceasefire proposal in its present form.\n\n` +
            `ANCHOR: And the minister?\n\n${p2[p2.length - 1]!.toUpperCase()} (${demonym} foreign minister): We accept the ceasefire proposal.\n`,
        );
        const first = r.statements.find((s) => /present form/.test(s.text));
        expect(first?.speaker.name, JSON.stringify(r.statements)).toBe(name);
        const second = r.statements.find((s) => /We accept/.test(s.text));
        expect(second?.party, JSON.stringify(r.statements)).toBeTruthy();
        expect(second?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 40 },
    );
  });

  it('where the correspondent reports from is home for an unqualified title', () => {
    fc.assert(
      fc.property(fullName, capitalOf, fc.boolean(), (parts, [capital, country], inNote) => {
        const name = parts.join(' ');
        const lead = inNote ? `ANCHOR: Good evening.\n\nCORRESPONDENT (${capital}): ` : `ANCHOR: Good evening. Our correspondent joins us from ${capital}.\n\nCORRESPONDENT: `;
        const r = run(`${headed}${lead}The mood is cautious. Prime Minister ${name} told parliament the ceasefire proposal would be honoured.\n\nANCHOR: Thank you.\n`);
        expectParty(r, name, country);
      }),
      { numRuns: 40 },
    );
  });
});


describe('a title referring back to the person named with it', () => {
  it('"the <Demonym> premier / top diplomat / leader said" is the person introduced as prime minister / foreign minister / president', () => {
    const demonyms: [string, string][] = [['Kenyan', 'Kenya'], ['Norwegian', 'Norway'], ['Chilean', 'Chile'], ['Indonesian', 'Indonesia']];
    const roles: [string, string][] = [['Prime Minister', 'premier'], ['Foreign Minister', 'top diplomat'], ['President', 'leader'], ['Prime Minister', 'prime minister']];
    fc.assert(
      fc.property(fullName, fc.constantFrom(...demonyms), fc.constantFrom(...roles), (parts, [dem, country], [title, later]) => {
        const name = parts.join(' ');
        const r = run(`${dated}${dem} ${title} ${name} arrived in Geneva on Monday. The ${dem} ${later} said the ceasefire proposal was unacceptable.\n`);
        const st = r.statements.find((s) => /unacceptable/.test(s.text));
        expect(st?.speaker.name, JSON.stringify(r.statements)).toBe(name);
        expect(st?.party).toBe(partyNamed(r, country));
      }),
      { numRuns: 60 },
    );
  });
});
