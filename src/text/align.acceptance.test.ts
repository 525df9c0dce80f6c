/**
 * Acceptance: alignment of the 2025 texts in ../shared/corpus against their expected alignments,
 * scored by the same scorer as `npm run eval` (bench/eval/plan-score.ts, whose module doc gives the
 * conventions: `unknown` rows and the pairs touching them left out, deletions judged on the base
 * points, `moved` counted as `unchanged`). Printed and asserted: precision and recall of pairs whose
 * mapping and change kind both agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pointIdentities, prfOf, scoreAlignment, type ExpectedRow } from '../../bench/eval/plan-score.js';
import { detectFormat, parsePlan } from './parse.js';
import { KNOWN_PARTIES } from '../ingest/fixtures/known.js';
import { alignment } from './align.js';
import { aliasesOfParties } from './similarity.js';
import { walkWithKeys } from './provisions.js';
import type { ParsedProvision } from './types.js';

const corpus = (p: string) => new URL(`../../../shared/corpus/${p}`, import.meta.url);
const read = (p: string) => readFileSync(corpus(p), 'utf8');
const parse = (text: string) => parsePlan(text, { format: detectFormat(text) }).provisions;
const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join('|') === [...y].sort().join('|');
const POINTS_28 = new Set(Array.from({ length: 28 }, (_, k) => String(k + 1)));

const draftText = read('plan-28/layout-a-numbered-letters.txt');
const draft = parse(draftText);
// The party aliases a stored process gives (src/services/alignments.ts): those of the 2025 fixture.
const aliases = aliasesOfParties(KNOWN_PARTIES);

describe('counter-proposals against the 28-point draft', () => {
  const cases = [
    ['E3 counter-proposal', 'counter-proposals/e3-reuters-2025-11-23.md', 'counter-proposals/e3-reuters.expected-alignment.json'],
    ['20-point framework', 'counter-proposals/framework-20pt-2025-12-23.md', 'counter-proposals/framework-20pt.expected-alignment.json'],
  ] as const;
  for (const [name, file, expectedFile] of cases) {
    for (const withSource of [true, false])
    it(`${name}${withSource ? '' : ' (parsed text only, markup unseen)'}: precision and recall of pairs ≥ 0.95`, () => {
      const text = read(file);
      const result = alignment(draft, parse(text), withSource ? { sourceA: draftText, sourceB: text, aliases } : { aliases });
      const rows = (JSON.parse(read(expectedFile)) as { alignment: ExpectedRow[] }).alignment;
      const B = parse(text);
      const s = scoreAlignment(result.pairs, rows, {
        idA: pointIdentities(walkWithKeys(draft as ParsedProvision[])),
        idB: pointIdentities(walkWithKeys(B)),
        keysA: POINTS_28,
        keysB: null,
      });
      const strict = prfOf(s.strict);
      const loose = prfOf(s.links);
      console.log(
        `${name}${withSource ? '' : ' without source'} (${result.mode} mode${result.sameNumbering ? ', same numbering' : ''}): ` +
          `pairs with change kinds P=${strict.p.toFixed(3)} R=${strict.r.toFixed(3)}; ` +
          `mapping only P=${loose.p.toFixed(3)} R=${loose.r.toFixed(3)}` +
          (s.wrong.length ? `; wrong: ${s.wrong.join(', ')}` : '') +
          (s.missed.length ? `; missed: ${s.missed.join(', ')}` : ''),
      );
      expect(strict.p).toBeGreaterThanOrEqual(0.95);
      expect(strict.r).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('E3: deletions are recognised from the editorial notes and placeholders are kept by number', () => {
    const text = read('counter-proposals/e3-reuters-2025-11-23.md');
    const pairs = alignment(draft, parse(text), { sourceA: draftText, sourceB: text }).pairs;
    const of = (k: string) => pairs.find((p) => p.from.includes(k))!;
    expect(of('3')).toMatchObject({ change: 'deleted', status: 'deleted' });
    expect(of('26')).toMatchObject({ change: 'deleted', status: 'deleted' });
    for (const k of ['15', '17', '22', '23', '27']) expect(of(k)).toMatchObject({ to: [k], status: 'placeholder', similarity: 0 });
    // The army cap changed number: the word diff takes 600 out and puts 800 in.
    const six = of('6');
    expect(six.change).toBe('amended');
    expect(six.diff!.filter((d) => d.op === 'delete').map((d) => d.text).join(' ')).toMatch(/\b600\b/);
    expect(six.diff!.filter((d) => d.op === 'insert').map((d) => d.text).join(' ')).toMatch(/\b800\b/);
  });
});

describe('layout a against layout c (thematic bullets without numbers)', () => {
  const cText = read('plan-28/layout-c-thematic-bullets.txt');
  const c = parse(cText);
  const expected = JSON.parse(read('plan-28/expected.json')) as {
    layouts: Record<string, { bullets_in_order: { group: string; points: (number | string)[][] }[] }>;
  };
  const bullets = expected.layouts['layout-c-thematic-bullets.txt']!.bullets_in_order.flatMap((g) => g.points);
  const keyOf = (p: number | string) => String(p).replace(/^(\d+)([a-z])$/, '$1.$2');

  it('maps each of the 31 bullets to its point(s), 21a–21d as a split of point 21', () => {
    expect(bullets).toHaveLength(31);
    const pairs = alignment(draft, c).pairs;
    const got: string[][] = [];
    for (let k = 1; k <= 31; k++) {
      const key = `#${k}`;
      const pair = pairs.find((p) => p.to.includes(key));
      const part = pair?.parts?.find((x) => x.to.includes(key));
      got.push(part ? part.from : (pair?.from ?? []));
    }
    const want = bullets.map((ps) => ps.map(keyOf));
    const agree = want.filter((w, i) => sameSet(w, got[i]!)).length;
    console.log(`layout c: ${agree}/31 bullets mapped as expected.json says`);
    expect(got).toEqual(want);
    const split = pairs.find((p) => p.change === 'split')!;
    expect(split).toMatchObject({ from: ['21'], to: ['#9', '#10', '#11', '#12'] });
    expect(pairs.filter((p) => p.change === 'added' || p.change === 'deleted')).toEqual([]);
  });

  it('bullets whose wording matches a point exactly are moved, not amended', () => {
    const pairs = alignment(draft, c).pairs;
    // "Ukraine holds elections within 100 days." is word for word the same in both layouts.
    expect(pairs.find((p) => p.from[0] === '25')).toMatchObject({ to: ['#29'], change: 'moved', similarity: 1 });
  });
});
