/**
 * Property tests (fast-check) for plans as they circulate: a generated plan rendered in each
 * supported layout (numbered, parenthesised, `1-`, Arabic-Indic digits with right-to-left marks,
 * keyword labels in several languages, Roman numerals, glued bullets, part headings, numbers inside
 * one paragraph, ordinal words inside prose) parses back to the same tree; and re-hyphenating,
 * re-spelling or re-bulleting a version aligns to it as unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignVersions } from './align.js';
import { parsePlan } from './parse.js';
import type { ParsedProvision } from './types.js';

interface Gen {
  text: string;
  subs: string[];
}

// Words that carry no label meaning in any layout (no keywords, ordinals, Roman numerals or single letters).
const VOCAB = 'ceasefire troops border monitors report weekly prisoners exchange elections held within days corridor open guarantees reconstruction fund sanctions lifted refugees return zone demilitarised mission patrols withdraw heavy weapons'.split(' ');
const word = fc.constantFrom(...VOCAB);
const phrase = fc.array(word, { minLength: 3, maxLength: 9 }).map((ws) => ws.join(' '));
const sentence = phrase.map((p) => p[0]!.toUpperCase() + p.slice(1) + '.');
const plan = fc.array(fc.record({ text: sentence, subs: fc.array(phrase, { maxLength: 3 }) }), { minLength: 2, maxLength: 8 });
const flat = fc.array(phrase, { minLength: 3, maxLength: 9 });

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const WORDS = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN'];
const LETTERS = 'abcdefgh';
const arabicDigits = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));

/** A layout: how to write the plan, and the labels it reads back with (null: unnumbered). */
interface Layout {
  name: string;
  render(p: Gen[]): string;
  num(k: number): string | null;
  sub(k: number): string | null;
}

const lines = (p: Gen[], point: (g: Gen, k: number) => string, sub: (s: string, k: number) => string, sep = '\n') =>
  'Title of the text\n\n' + p.map((g, k) => [point(g, k), ...g.subs.map(sub)].join('\n')).join(sep) + '\n';

const LAYOUTS: Layout[] = [
  { name: '1. with a.', render: (p) => lines(p, (g, k) => `${k + 1}. ${g.text}`, (s, j) => `   ${LETTERS[j]}. ${s}`), num: (k) => String(k + 1), sub: (j) => LETTERS[j]! },
  { name: '1) with (a)', render: (p) => lines(p, (g, k) => `${k + 1}) ${g.text}`, (s, j) => `   (${LETTERS[j]}) ${s}`), num: (k) => String(k + 1), sub: (j) => LETTERS[j]! },
  { name: '1- with dashes', render: (p) => lines(p, (g, k) => `${k + 1}- ${g.text}`, (s) => `   - ${s}`), num: (k) => String(k + 1), sub: () => null },
  {
    name: 'Arabic-Indic digits, RLM marks',
    render: (p) => lines(p, (g, k) => `\u200F${arabicDigits(k + 1)}- ${g.text}`, (s) => `\u200F   - ${s}`),
    num: (k) => String(k + 1),
    sub: () => null,
  },
  { name: 'Article N.', render: (p) => lines(p, (g, k) => `Article ${k + 1}. ${g.text}`, (s, j) => `   ${LETTERS[j]}) ${s}`, '\n\n'), num: (k) => String(k + 1), sub: (j) => LETTERS[j]! },
  { name: 'Статья N.', render: (p) => lines(p, (g, k) => `Статья ${k + 1}. ${g.text}`, (s, j) => `   ${LETTERS[j]}) ${s}`, '\n\n'), num: (k) => String(k + 1), sub: (j) => LETTERS[j]! },
  { name: 'Artículo N —', render: (p) => lines(p, (g, k) => `Artículo ${k + 1} — ${g.text}`, (s) => `   • ${s}`, '\n\n'), num: (k) => String(k + 1), sub: () => null },
  { name: 'Roman I.', render: (p) => lines(p, (g, k) => `${ROMAN[k]}. ${g.text}`, (s, j) => `   ${LETTERS[j]}. ${s}`), num: (k) => ROMAN[k]!, sub: (j) => LETTERS[j]! },
  { name: 'glued bullets', render: (p) => lines(p, (g) => `•${g.text}`, (s) => `  – ${s}`), num: () => null, sub: () => null },
  {
    name: 'PART ONE headings',
    render: (p) => 'Title of the text\n\n' + p.map((g, k) => [`PART ${WORDS[k]}`, '', g.text, ...g.subs.map((s, j) => `${LETTERS[j]!.toUpperCase()}. ${s}`)].join('\n')).join('\n\n') + '\n',
    num: (k) => String(k + 1),
    sub: (j) => LETTERS[j]!.toUpperCase(),
  },
];

const shape = (ns: ParsedProvision[]) => ns.map((n) => ({ kind: n.kind, num: n.num, text: n.text, subs: n.children.map((c) => [c.num, c.text]) }));

describe('every layout parses back to the same tree (fast-check)', () => {
  for (const layout of LAYOUTS) {
    it(layout.name, () => {
      fc.assert(
        fc.property(plan, (p) => {
          const r = parsePlan(layout.render(p), { format: 'text' });
          expect(shape(r.provisions)).toEqual(
            p.map((g, k) => ({ kind: 'point', num: layout.num(k), text: g.text, subs: g.subs.map((s, j) => [layout.sub(j), s]) })),
          );
          expect(r.warnings.filter((w) => ['loose-paragraph', 'internal-error', 'empty-heading', 'no-structure'].includes(w.code))).toEqual([]);
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 60) },
      );
    });
  }

  it('points numbered inside one paragraph (1- …; 2- …) and ordinal words (first, …; second, …)', () => {
    fc.assert(
      fc.property(flat, fc.boolean(), (items, ordinals) => {
        const list = items.map((t, k) => (ordinals ? `${k === items.length - 1 ? 'and ' : ''}${ORD[k]}, ${t}` : `${k + 1}- ${t}`)).join('; ');
        const r = parsePlan(`Talks ended with a deal\n\nAfter long talks the parties agreed on: ${list}. Officials left the venue late.\n`);
        expect(shape(r.provisions)).toEqual(items.map((t, k) => ({ kind: 'point', num: String(k + 1), text: k === items.length - 1 ? t + '.' : t, subs: [] })));
        expect(r.warnings.some((w) => w.code === 'trailing-text' && w.message.includes('Officials left'))).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});

// -- alignment that survives rewording ------------------------------------------------------------

/** Spelling variants that say the same thing: each pair is interchangeable. */
const VARIANTS: [string, string][] = [
  ['ceasefire', 'cease-fire'],
  ['organisation', 'organization'],
  ['defence', 'defense'],
  ['labour', 'labor'],
  ['centre', 'center'],
  ['demilitarised', 'demilitarized'],
  ['non-aggression', 'nonaggression'],
  ['50 per cent', '50%'],
  ['thirty days', '30 days'],
  ['programme', 'program'],
];
const PLAIN = 'troops border monitors report weekly prisoners exchange elections within corridor guarantees fund sanctions refugees return zone mission patrols'.split(' ');
const token = fc.oneof(fc.constantFrom(...PLAIN).map((w) => [w, w] as [string, string]), fc.constantFrom(...VARIANTS));
const pointPair = fc.array(token, { minLength: 4, maxLength: 10 }).map((ts) => [ts.map((t) => t[0]).join(' ') + '.', ts.map((t) => t[1]).join(' ') + '.'] as const);

const node = (num: string | null, text: string): ParsedProvision => ({ kind: 'point', num, heading: null, text, line: 1, brackets: [], alternatives: [], children: [] });

describe('re-hyphenating, re-spelling or re-bulleting aligns as unchanged (fast-check)', () => {
  it('each point pairs with its variant, unchanged, at the same position', () => {
    fc.assert(
      fc.property(fc.uniqueArray(pointPair, { minLength: 2, maxLength: 12, selector: (p) => p[0] }), fc.boolean(), fc.boolean(), (pts, respell, bullets) => {
        const a = pts.map(([x], k) => node(String(k + 1), x));
        const b = pts.map(([x, y], k) => node(bullets ? null : String(k + 1), respell ? y : x));
        const pairs = alignVersions(a, b);
        expect(pairs.map((p) => [p.from, p.to, p.change])).toEqual(
          pts.map((_, k) => [[String(k + 1)], [bullets ? `#${k + 1}` : String(k + 1)], 'unchanged']),
        );
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });
});
