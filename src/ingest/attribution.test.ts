/**
 * Attribution patterns of English news, over generated reports: a person introduced by nationality
 * and title under a made-up name of two or three parts, then one attributed sentence in one of the
 * common patterns. Whatever the pattern, the statement goes to that person in full (never a part of
 * the name, never the outlet told), with the party the introduction gives, and the stance follows
 * the words with their negation ("would not accept" is a rejection, "rejected" is no acceptance).
 * Names are built from syllables so that no fixture of any process can be what makes the test pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'mar', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const fullName = fc.array(part, { minLength: 2, maxLength: 3 }).filter((ps) => new Set(ps).size === ps.length);
const nation = fc.constantFrom(['Norway', 'Norwegian'], ['Kenya', 'Kenyan'], ['Chile', 'Chilean'], ['Indonesia', 'Indonesian']);
const title = fc.constantFrom('foreign minister', 'prime minister', 'president', 'national security adviser', 'chief negotiator');
const outlet = fc.constantFrom('Reuters', 'the Associated Press', 'Al Jazeera');

/** What is said, as a quote and in reported speech, with the stance a reader takes from it. */
const said = fc.constantFrom(
  { quote: 'We accept the ceasefire proposal', plain: 'his government accepted the ceasefire proposal', stance: 'accepts' },
  { quote: 'We welcome the draft agreement', plain: 'his government welcomed the draft agreement', stance: 'accepts' },
  { quote: 'We reject the temporary truce', plain: 'his government rejected the temporary truce', stance: 'rejects' },
  { quote: 'We will not accept a temporary truce', plain: 'his government would not accept a temporary truce', stance: 'rejects' },
  { quote: 'The plan is unacceptable', plain: 'the plan was unacceptable', stance: 'rejects' },
  { quote: 'We cannot support the proposal', plain: 'his government could not support the proposal', stance: 'rejects' },
);

type Pattern = (q: { quote: string; plain: string }, name: string, surname: string, o: string) => string;
const patterns: [string, Pattern][] = [
  ['"…," said X', (q, n) => `"${q.quote}," said ${n}.`],
  ['"…," Surname said', (q, _n, s) => `"${q.quote}," ${s} said.`],
  ['"…," he said', (q) => `"${q.quote}," he said.`],
  ['He said: "…"', (q) => `He said: "${q.quote}."`],
  ['Surname said: "…"', (q, _n, s) => `${s} said: "${q.quote}."`],
  ['Surname said that …', (q, _n, s) => `${s} said that ${q.plain}.`],
  ['according to Surname, …', (q, _n, s) => `According to ${s}, ${q.plain}.`],
  ['Surname told <outlet> …', (q, _n, s, o) => `${s} told ${o} on Monday that ${q.plain}.`],
];

describe('property: every common attribution pattern gives the full speaker, the party and the stance', () => {
  it.each(patterns)('%s', (_label, pattern) => {
    fc.assert(
      fc.property(fullName, nation, title, said, outlet, fc.boolean(), (parts, [country, adjective], post, s, o, possessive) => {
        const name = parts.join(' ');
        const surname = parts[parts.length - 1]!;
        const intro = possessive ? `${country}'s ${post} ${name} arrived in Geneva on Sunday for the talks.` : `${adjective} ${post} ${name} arrived in Geneva on Sunday for the talks.`;
        const text = `TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n${intro} ${pattern(s, name, surname, o)}\n`;
        const r = extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
        const intro0 = r.newPersons.find((p) => p.name === name);
        expect(intro0?.party, text).toBeTruthy();
        expect(r.statements.map((x) => x.speaker.name), text).toEqual([name]);
        const st = r.statements[0]!;
        expect(st.party, text).toBe(intro0!.party);
        expect(st.cue, text).toBe(s.stance);
      }),
      { numRuns: 60 },
    );
  });

  it('an office or spokesman speaks for the person named, with the party of that person', () => {
    fc.assert(
      fc.property(fullName, nation, title, said, fc.constantFrom('office', 'spokesman', 'spokeswoman'), (parts, [country], post, s, who) => {
        const name = parts.join(' ');
        const surname = parts[parts.length - 1]!;
        const text = `TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n${country}'s ${post} ${name} arrived in Geneva on Sunday. ${surname}'s ${who} said that ${s.plain}.\n`;
        const r = extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
        expect(r.statements.length, text).toBe(1);
        const st = r.statements[0]!;
        expect(st.speaker.name, text).toContain(surname);
        expect(st.party, text).toBe(r.newPersons.find((p) => p.name === name)?.party);
        expect(st.cue, text).toBe(s.stance);
      }),
      { numRuns: 60 },
    );
  });

  it('a stance verb with its object is a statement, its polarity kept', () => {
    fc.assert(
      fc.property(fullName, nation, fc.constantFrom(['rejected a temporary truce', 'rejects'], ['dismissed the ceasefire proposal', 'rejects'], ['welcomed the draft agreement', 'accepts'], ['refused to sign the truce', 'rejects']), (parts, [country], [vp, stance]) => {
        const name = parts.join(' ');
        const text = `TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n${country}'s foreign minister ${name} arrived in Geneva on Sunday. On Monday ${parts[parts.length - 1]} ${vp}.\n`;
        const r = extractReport({ text, published: '2025-06-10' }, { parties: [], persons: [] });
        expect(r.statements.map((x) => [x.speaker.name, x.cue]), text).toEqual([[name, stance]]);
      }),
      { numRuns: 40 },
    );
  });

  it('a reporting adverb gives no speaker; an "X-sponsored" text is no statement of X', () => {
    const base = `TALKS IN GENEVA\nGeneva, Tuesday 10 June 2025\n\n`;
    const r1 = extractReport({ text: `${base}The plan would reportedly require the rebels to withdraw from the border towns.\n`, published: '2025-06-10' }, { parties: [], persons: [] });
    expect(r1.statements).toEqual([]);
    const r2 = extractReport({ text: `${base}The Kenyan foreign minister Kalomi Rendus said the Norway-sponsored draft was unacceptable.\n`, published: '2025-06-10' }, { parties: [], persons: [] });
    expect(r2.statements.map((s) => [s.speaker.name, s.party, s.cue])).toEqual([['Kalomi Rendus', r2.newPersons[0]!.party, 'rejects']]);
    // A relative clause's verb belongs to its antecedent ("the law"), not to the nearest person before it.
    const r3 = extractReport({ text: `${base}Kenyan president Kalomi Rendus asked lawmakers to change the law that currently rules out elections in wartime.\n`, published: '2025-06-10' }, { parties: [], persons: [] });
    expect(r3.statements.map((s) => s.speaker.name)).not.toContain('lawmakers');
    expect(r2.statements[0]!.party).not.toBe(r2.newParties.find((p) => /norway/i.test(p.name))?.id ?? 'none');
  });
});
