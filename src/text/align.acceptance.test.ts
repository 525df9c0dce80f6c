/**
 * Acceptance: alignment of the 2025 texts in ../shared/corpus against their expected alignments.
 *
 * Scoring of the counter-proposal alignments (printed as precision / recall of pairs):
 * - An expected entry is a pair (A points → B point, change). A predicted pair is correct when its
 *   `from` and `to` sets equal the entry's and its change agrees. The corpus's change kinds describe
 *   the wording only, so our `moved` (renumbered, wording unchanged) counts as `unchanged`, and our
 *   `amended` counts as `amended` whether or not the point also moved.
 * - `deleted` entries are judged on `from` only: the E3 text keeps a numbered placeholder for some
 *   deletions (its 26) and not for others (its 3), so the B side is not compared.
 * - `unknown` entries whose content was not captured (`mapping: "unknown"`) carry no ground truth:
 *   they are left out of the expected set, and every predicted pair touching one of their A or B
 *   points is left out of the predicted set. A `change: "unknown"` entry with a known one-to-one
 *   mapping (E3 point 20) is scored on the mapping alone.
 * Precision = correct predicted / predicted; recall = correct expected / expected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parsePlan } from './parse.js';
import { alignment, type AlignmentPair } from './align.js';

const corpus = (p: string) => new URL(`../../../shared/corpus/${p}`, import.meta.url);
const read = (p: string) => readFileSync(corpus(p), 'utf8');
const parse = (text: string) => parsePlan(text, { format: detectFormat(text) }).provisions;

interface ExpectedEntry {
  counter_point: number | null;
  us_points: number[];
  mapping: string;
  change: string;
}

interface Score {
  precision: number;
  recall: number;
  mappingPrecision: number;
  mappingRecall: number;
  wrong: string[];
  missed: string[];
}

const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join('|') === [...y].sort().join('|');

function score(pairs: AlignmentPair[], entries: ExpectedEntry[]): Score {
  const exA = new Set<string>();
  const exB = new Set<string>();
  const expected: { from: string[]; to: string[] | '*'; change: string }[] = [];
  for (const e of entries) {
    if (e.mapping === 'unknown') {
      e.us_points.forEach((n) => exA.add(String(n)));
      if (e.counter_point !== null) exB.add(String(e.counter_point));
      continue;
    }
    const from = e.us_points.map(String);
    const to = e.counter_point === null ? [] : [String(e.counter_point)];
    if (e.change === 'deleted') expected.push({ from, to: '*', change: 'deleted' });
    else expected.push({ from, to, change: e.change === 'unknown' ? '*' : e.change });
  }
  const predicted = pairs.filter((p) => !p.from.some((k) => exA.has(k)) && !p.to.some((k) => exB.has(k)));
  const cls = (c: string) => (c === 'moved' ? 'unchanged' : c);
  const matches = (p: AlignmentPair, e: (typeof expected)[number], withChange: boolean) =>
    sameSet(p.from, e.from) && (e.to === '*' || sameSet(p.to, e.to)) && (!withChange || e.change === '*' || cls(p.change) === e.change);
  const show = (p: { from: string[]; to: string[] | '*'; change: string }) => `${p.from.join('+') || '∅'}→${p.to === '*' ? '*' : p.to.join('+') || '∅'} ${p.change}`;
  const ok = (withChange: boolean) => {
    const goodP = predicted.filter((p) => expected.some((e) => matches(p, e, withChange)));
    const goodE = expected.filter((e) => predicted.some((p) => matches(p, e, withChange)));
    return { goodP, goodE };
  };
  const strict = ok(true);
  const loose = ok(false);
  return {
    precision: strict.goodP.length / predicted.length,
    recall: strict.goodE.length / expected.length,
    mappingPrecision: loose.goodP.length / predicted.length,
    mappingRecall: loose.goodE.length / expected.length,
    wrong: predicted.filter((p) => !strict.goodP.includes(p)).map(show),
    missed: expected.filter((e) => !strict.goodE.includes(e)).map(show),
  };
}

const draftText = read('plan-28/layout-a-numbered-letters.txt');
const draft = parse(draftText);

describe('counter-proposals against the 28-point draft', () => {
  const cases = [
    ['E3 counter-proposal', 'counter-proposals/e3-reuters-2025-11-23.md', 'counter-proposals/e3-reuters.expected-alignment.json'],
    ['20-point framework', 'counter-proposals/framework-20pt-2025-12-23.md', 'counter-proposals/framework-20pt.expected-alignment.json'],
  ] as const;
  for (const [name, file, expectedFile] of cases) {
    for (const withSource of [true, false])
    it(`${name}${withSource ? '' : ' (parsed text only, markup unseen)'}: precision and recall of pairs ≥ 0.95`, () => {
      const text = read(file);
      const result = alignment(draft, parse(text), withSource ? { sourceA: draftText, sourceB: text } : {});
      const entries = (JSON.parse(read(expectedFile)) as { alignment: ExpectedEntry[] }).alignment;
      const s = score(result.pairs, entries);
      console.log(
        `${name}${withSource ? '' : ' without source'} (${result.mode} mode${result.sameNumbering ? ', same numbering' : ''}): ` +
          `pairs with change kinds P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)}; ` +
          `mapping only P=${s.mappingPrecision.toFixed(3)} R=${s.mappingRecall.toFixed(3)}` +
          (s.wrong.length ? `; wrong: ${s.wrong.join(', ')}` : '') +
          (s.missed.length ? `; missed: ${s.missed.join(', ')}` : ''),
      );
      expect(s.precision).toBeGreaterThanOrEqual(0.95);
      expect(s.recall).toBeGreaterThanOrEqual(0.95);
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
