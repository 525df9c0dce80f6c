/**
 * Property tests (fast-check) for label words a plan uses that no keyword list knows ("Pledge 1",
 * "STAGE TWO", "## Element 3: Title"): whatever the word, a text that counts its points with it
 * parses to those points, numbered as written; a word that does not count up from one stays prose.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse.js';
import type { ParsedProvision } from './types.js';
import { AXIS_KEYWORDS, NUMBER_WORDS, POINT_KEYWORDS, PREAMBLE_WORDS } from './parse/words.js';

const KNOWN = new Set([...POINT_KEYWORDS, ...AXIS_KEYWORDS, ...PREAMBLE_WORDS, ...NUMBER_WORDS.keys(), 'option', 'alternative', 'variant'].map((w) => w.toLowerCase()));
const syllable = fc.constantFrom('ba', 'ke', 'lo', 'mu', 'ra', 'se', 'to', 'pe', 'du', 'go', 'ne', 'fa', 'zo', 'wi');
/** A made-up label word: letters only, capitalised, not a keyword, not a Roman numeral. */
const labelWord = fc
  .array(syllable, { minLength: 2, maxLength: 5 })
  .map((s) => s.join(''))
  .filter((w) => !KNOWN.has(w) && !/^[ivxlcdm]+$/.test(w))
  .map((w) => w[0]!.toUpperCase() + w.slice(1));

const VOCAB = 'ceasefire troops border monitors report weekly prisoners exchange elections held within days corridor open guarantees fund sanctions lifted refugees return zone mission patrols withdraw heavy weapons'.split(' ');
const sentence = fc
  .array(fc.constantFrom(...VOCAB), { minLength: 3, maxLength: 9 })
  .map((ws) => ws.join(' '))
  .map((p) => p[0]!.toUpperCase() + p.slice(1) + '.');
const points = fc.array(sentence, { minLength: 2, maxLength: 8 });
/** The points of a tree, inside axes or not (a point's own sub-items are not points). */
const pointsOf = (ps: ParsedProvision[]): ParsedProvision[] => ps.flatMap((p) => (p.kind === 'point' ? [p] : pointsOf(p.children)));
const NUMBER_NAMES = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT'];

/** Ways of writing "the k-th point labelled with word w" (k from 1), each with its format. */
const LAYOUTS: { name: string; md: boolean; render(w: string, ps: string[]): string }[] = [
  { name: 'same line', md: false, render: (w, ps) => ps.map((p, i) => `${w} ${i + 1}: ${p}`).join('\n') },
  { name: 'label line', md: false, render: (w, ps) => ps.map((p, i) => `${w} ${i + 1}\n${p}`).join('\n\n') },
  { name: 'capitals, number words', md: false, render: (w, ps) => ps.map((p, i) => `${w.toUpperCase()} ${NUMBER_NAMES[i]}\n${p}`).join('\n\n') },
  { name: 'markdown heading with title', md: true, render: (w, ps) => `# Framework\n\n` + ps.map((p, i) => `## ${w} ${i + 1}: Title ${i + 1}\n\n${p}`).join('\n\n') },
];

describe('label words a text uses for its points', () => {
  for (const layout of LAYOUTS)
    it(`parse as points in the layout "${layout.name}"`, () => {
      fc.assert(
        fc.property(labelWord, points, (w, ps) => {
          const r = parsePlan(`Framework agreed by the sides\n\n${layout.render(w, ps)}\n`, { format: layout.md ? 'markdown' : 'text' });
          const got = pointsOf(r.provisions);
          expect(got.map((p) => p.num)).toEqual(ps.map((_, i) => String(i + 1)));
          expect(got.map((p) => p.text)).toEqual(ps);
        }),
        { numRuns: 60 },
      );
    });

  it('stay prose when their numbers do not count up from one', () => {
    const far = fc.uniqueArray(fc.integer({ min: 10, max: 9999 }), { minLength: 2, maxLength: 3 });
    fc.assert(
      fc.property(labelWord, points, far, (w, ps, ns) => {
        // Each numbered point is followed by a line that opens with the word and a far number.
        const text = ps.map((p, i) => `${i + 1}. ${p}\n${w} ${ns[i % ns.length]}: ${p.toLowerCase()}`).join('\n');
        const got = pointsOf(parsePlan(text).provisions);
        expect(got.map((p) => p.num)).toEqual(ps.map((_, i) => String(i + 1)));
      }),
      { numRuns: 60 },
    );
  });

  it('need two lines: one line opening with a word and "1" is not a label', () => {
    const r = parsePlan('Framework\n\nTrack 1: the sides meet weekly.\nThe monitors report.\n');
    expect(r.provisions.map((p) => p.num)).toEqual([null]);
  });
});
