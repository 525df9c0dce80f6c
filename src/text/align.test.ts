import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { readBundle } from '../store/bundle.js';
import type { Provision } from '../model/schemas.js';
import { alignment, alignVersions, cleanText, inheritLineage, sourceMarkup } from './align.js';
import { changedWords } from './diff.js';
import type { ParsedProvision } from './types.js';

const node = (kind: ParsedProvision['kind'], num: string | null, text: string, children: ParsedProvision[] = [], heading: string | null = null): ParsedProvision => ({
  kind,
  num,
  heading,
  text,
  line: 1,
  brackets: [],
  alternatives: [],
  children,
});
const pt = (num: string | null, text: string, children: ParsedProvision[] = []) => node('point', num, text, children);
const sub = (num: string | null, text: string) => node('subpoint', num, text);
const axis = (heading: string, children: ParsedProvision[]) => node('axis', null, '', children, heading);

const withLineage = (ps: ParsedProvision[], prefix: string): Provision[] =>
  ps.map((p, i) => ({
    kind: p.kind,
    num: p.num,
    heading: p.heading,
    text: p.text,
    lineage: `${prefix}-${p.num ?? i + 1}`,
    status: 'proposed',
    brackets: [],
    alternatives: [],
    topics: [],
    children: withLineage(p.children, `${prefix}-${p.num ?? i + 1}`),
  }));

const T = {
  army: 'The armed forces of the republic are capped at a fixed ceiling of personnel under monitoring.',
  grain: 'Grain exports leave through the southern ports under a corridor agreement with naval escorts.',
  plant: 'The nuclear power station restarts under agency inspection and its output is shared.',
  vote: 'General elections are held within a short period after signature of the settlement.',
  amnesty: 'An amnesty covers acts committed during the conflict and claims are waived.',
  council: 'A supervisory council chaired by the convener oversees implementation and sanctions breaches.',
};

describe('alignVersions on hand-built versions', () => {
  it('pairs identical points as unchanged and a renumbered one as moved', () => {
    const a = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant)];
    const b = [pt('1', T.army), pt('2', T.plant), pt('3', T.grain)];
    expect(alignVersions(a, b).map((p) => [p.from, p.to, p.change, p.similarity])).toEqual([
      [['1'], ['1'], 'unchanged', 1],
      [['3'], ['2'], 'moved', 1],
      [['2'], ['3'], 'moved', 1],
    ]);
  });

  it('reports an added and a deleted point', () => {
    const a = [pt('1', T.army), pt('2', T.amnesty), pt('3', T.plant)];
    const b = [pt('1', T.army), pt('2', T.plant), pt('3', T.vote)];
    const pairs = alignVersions(a, b);
    expect(pairs.find((p) => p.change === 'deleted')).toMatchObject({ from: ['2'], to: [], similarity: 0 });
    expect(pairs.find((p) => p.change === 'added')).toMatchObject({ from: [], to: ['3'], similarity: 0 });
    expect(pairs.find((p) => p.from[0] === '3')).toMatchObject({ to: ['2'], change: 'moved' });
  });

  it('recovers a word edit as amended with its diff', () => {
    const a = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant)];
    const b = [pt('1', T.army.replace('fixed', 'lower')), pt('2', T.grain), pt('3', T.plant)];
    const p = alignVersions(a, b)[0]!;
    expect(p).toMatchObject({ from: ['1'], to: ['1'], change: 'amended' });
    expect(changedWords(p.diff!)).toEqual({ inserted: ['lower'], deleted: ['fixed'] });
    expect(p.similarity).toBeGreaterThan(0.8);
    expect(p.similarity).toBeLessThan(1);
  });

  it('detects a merge (two points into one) and a split (one into two)', () => {
    const a = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant), pt('4', T.vote), pt('5', T.council)];
    const merged = [pt('1', T.army), pt('2', `${T.grain} ${T.plant}`), pt('3', T.vote), pt('4', T.council)];
    const m = alignVersions(a, merged).find((p) => p.change === 'merged');
    expect(m).toMatchObject({ from: ['2', '3'], to: ['2'] });
    expect(m!.parts!.map((x) => [x.from, x.to])).toEqual([
      [['2'], ['2']],
      [['3'], ['2']],
    ]);
    const s = alignVersions(merged, a).find((p) => p.change === 'split');
    expect(s).toMatchObject({ from: ['2'], to: ['2', '3'] });
  });

  it('splits a point with sub-points into bullets and says which sub-point each came from', () => {
    const a = [pt('1', T.army), pt('2', 'Territory:', [sub('a', T.grain), sub('b', T.plant), sub('c', T.amnesty)]), pt('3', T.vote)];
    const b = [axis('Security', [pt(null, T.army)]), axis('Land', [pt(null, T.plant), pt(null, T.grain), pt(null, T.amnesty)]), axis('Politics', [pt(null, T.vote)])];
    const s = alignVersions(a, b).find((p) => p.change === 'split')!;
    expect(s).toMatchObject({ from: ['2'], to: ['#2', '#3', '#4'] });
    expect(s.parts!.map((x) => [x.from[0], x.to[0]])).toEqual([
      ['2.b', '#2'],
      ['2.a', '#3'],
      ['2.c', '#4'],
    ]);
  });

  it('marks a point moved under another axis as moved even when its number stays', () => {
    const a = [axis('I', [pt('1', T.army), pt('2', T.grain)]), axis('II', [pt('3', T.plant), pt('4', T.vote)])];
    const b = [axis('I', [pt('1', T.army), pt('3', T.plant)]), axis('II', [pt('2', T.grain), pt('4', T.vote)])];
    const pairs = alignVersions(a, b);
    const kinds = Object.fromEntries(pairs.map((p) => [p.from[0], p.change]));
    // Axis I keeps most of its points in I: point 1 stays; 3 came from II; 2 left I; 4 stays in II.
    expect(kinds).toEqual({ '1': 'unchanged', '2': 'moved', '3': 'moved', '4': 'unchanged' });
  });

  it('keeps the lineage ids a stored version gives the pieces of a split, whichever piece is most like the source', () => {
    const a = withLineage([pt('1', `${T.grain} ${T.plant}`), pt('2', T.vote)], 'v1');
    // Stored in both orders: the source's id on the first piece, then on the second.
    for (const [first, second] of [['v1-1', 'v1-1.s2'], ['v1-1.s2', 'v1-1']]) {
      const b: Provision[] = [
        { ...a[0]!, num: '1', text: T.grain, lineage: first! },
        { ...a[0]!, num: '1 bis', text: T.plant, lineage: second! },
        a[1]!,
      ];
      const s = alignVersions(a, b).find((p) => p.change === 'split')!;
      expect(s.toLineage).toEqual([first, second]);
    }
  });

  it('carries lineage: inherited for unchanged/amended/moved, principal part for merge and split', () => {
    const a = withLineage([pt('1', T.army), pt('2', T.grain), pt('3', T.plant), pt('4', T.vote)], 'v1');
    const b = [pt('1', T.army.replace('fixed', 'lower')), pt('2', T.vote), pt('3', T.grain), pt('4', T.plant)];
    const pairs = alignVersions(a, b);
    expect(pairs.map((p) => [p.to[0], p.toLineage?.[0]])).toEqual([
      ['1', 'v1-1'],
      ['2', 'v1-4'],
      ['3', 'v1-2'],
      ['4', 'v1-3'],
    ]);
    const split = alignVersions(withLineage([pt('1', `${T.grain} ${T.plant}`), pt('2', T.vote)], 'v1'), [pt('1', T.grain), pt('2', T.plant), pt('3', T.vote)]);
    const s = split.find((p) => p.change === 'split')!;
    expect(s.fromLineage).toEqual(['v1-1']);
    expect(s.toLineage!.sort()).toEqual(['v1-1', 'v1-1.s2']);
    const merge = alignVersions(withLineage([pt('1', T.grain), pt('2', `${T.plant} It is inspected monthly.`)], 'v1'), [pt('1', `${T.grain} ${T.plant}`)]);
    expect(merge[0]).toMatchObject({ change: 'merged', fromLineage: ['v1-1', 'v1-2'] });
    expect(['v1-1', 'v1-2']).toContain(merge[0]!.toLineage![0]);
  });

  it('inheritLineage rewrites B with the lineage the pairs give', () => {
    const a = withLineage([pt('1', T.army), pt('2', T.grain)], 'v1');
    const b = withLineage([pt('1', T.grain), pt('2', T.army), pt('3', T.vote)], 'v2');
    const out = inheritLineage(b, alignVersions(a, b));
    expect(out.map((p) => p.lineage)).toEqual(['v1-2', 'v1-1', 'v2-3']);
    expect(b[0]!.lineage).toBe('v2-1'); // input untouched
  });

  it('applies overrides, keeps them on re-alignment and reports stale ones', () => {
    const a = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant)];
    const b = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant)];
    const overrides = [
      { from: ['2'], to: ['3'], change: 'amended' as const },
      { from: ['3'], to: [], change: 'deleted' as const },
      { from: ['9'], to: ['1'], change: 'moved' as const },
    ];
    const r = alignment(a, b, { overrides });
    const by = (k: string) => r.pairs.find((p) => p.from[0] === k)!;
    expect(by('2')).toMatchObject({ to: ['3'], change: 'amended', overridden: true });
    expect(by('3')).toMatchObject({ to: [], change: 'deleted', overridden: true });
    expect(by('1')).toMatchObject({ to: ['1'], change: 'unchanged' });
    expect(r.pairs.find((p) => p.to[0] === '2')).toMatchObject({ from: [], change: 'added' });
    expect(r.staleOverrides).toEqual([overrides[2]]);
    // Re-aligning an edited B with the same overrides keeps them.
    const b2 = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant.replace('shared', 'split'))];
    expect(alignment(a, b2, { overrides }).pairs.find((p) => p.from[0] === '2')).toMatchObject({ to: ['3'], change: 'amended', overridden: true });
    // Overrides may name lineage ids instead of keys.
    const la = withLineage(a, 'v1');
    const viaLineage = alignVersions(la, b, { overrides: [{ from: ['v1-1'], to: ['2'], change: 'amended' }] });
    expect(viaLineage.find((p) => p.from[0] === '1')).toMatchObject({ to: ['2'], change: 'amended', overridden: true });
  });

  it('rejects two overrides claiming the same provision', () => {
    const a = [pt('1', T.army), pt('2', T.grain)];
    const call = () =>
      alignVersions(a, a, {
        overrides: [
          { from: ['1'], to: ['1'], change: 'unchanged' },
          { from: ['1'], to: ['2'], change: 'moved' },
        ],
      });
    expect(call).toThrow(AccordError);
    expect(call).toThrow(/claim provision 1/);
  });

  it('treats a deletion note as a deleted point and a not-captured note as a placeholder', () => {
    const a = [pt('1', T.army), pt('2', T.grain), pt('3', T.plant), pt('4', T.vote)];
    const b = [pt('1', T.army), pt('2', '(Deleted: the grain corridor clause is struck out.)'), pt('3', '(Not reproduced in the renderings consulted.)'), pt('4', T.vote)];
    const pairs = alignVersions(a, b);
    expect(pairs[1]).toMatchObject({ from: ['2'], to: ['2'], change: 'deleted', status: 'deleted' });
    expect(pairs[2]).toMatchObject({ from: ['3'], to: ['3'], change: 'amended', status: 'placeholder', similarity: 0 });
  });

  it('in paraphrase mode tells substance from wording', () => {
    const a = [pt('1', 'The army is capped at 600,000 soldiers.'), pt('2', 'Elections are held within 100 days.'), pt('3', 'The sovereignty of the republic is reaffirmed.')];
    const b = [pt('1', 'Soldiers in the army may number at most 800,000.'), pt('2', 'Within 100 days, elections are held.'), pt('3', 'The republic’s sovereignty is confirmed.')];
    const r = alignment(a, b, { mode: 'paraphrase' });
    expect(r.pairs.map((p) => p.change)).toEqual(['amended', 'unchanged', 'unchanged']);
    expect(r.pairs[0]!.reasons).toContain('numbers');
    expect(alignment(a, b, { mode: 'verbatim' }).pairs.map((p) => p.change)).toEqual(['amended', 'amended', 'amended']);
  });
});

describe('markup helpers', () => {
  it('cleanText pulls out notes and bold markup', () => {
    expect(cleanText('Elections **as soon as possible** after signing *(no 100-day deadline)*.')).toEqual({
      text: 'Elections as soon as possible after signing .',
      notes: ['no 100-day deadline'],
      marked: true,
    });
    expect(cleanText('(Not reproduced in the renderings consulted.)')).toEqual({ text: '', notes: ['Not reproduced in the renderings consulted.'], marked: false });
    expect(cleanText('A committee is set up. (Sub-items not reproduced.)').text).toBe('A committee is set up.');
    expect(cleanText('Jets based in Poland (rather than elsewhere).').notes).toEqual([]);
  });

  it('sourceMarkup reads bold and notes on each node’s own lines', () => {
    const src = ['1. Plain text here.', '', '2. Text with **an insertion** *(a note)*', '   a. sub item', '', '3. Last one.'].join('\n');
    const tree = [{ ...pt('1', 'Plain text here.'), line: 1 }, { ...pt('2', 'Text with an insertion (a note)', [{ ...sub('a', 'sub item'), line: 4 }]), line: 3 }, { ...pt('3', 'Last one.'), line: 6 }];
    const m = sourceMarkup(src, tree);
    expect(tree.map((n) => m.get(n))).toEqual([
      { marked: false, notes: [] },
      { marked: true, notes: ['a note'] },
      { marked: false, notes: [] },
    ]);
    expect(m.get(tree[1]!.children[0]!)).toEqual({ marked: false, notes: [] });
    // With the source, the note leaves the compared text and the bold makes the pair amended.
    const a = [pt('1', 'Plain text here.'), pt('2', 'Text with'), pt('3', 'Last one.')];
    const pairs = alignVersions(a, tree, { sourceB: src, mode: 'paraphrase' });
    expect(pairs[1]).toMatchObject({ change: 'amended', reasons: ['markup'] });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties (fast-check).

/** Content-like pseudo-words that are no English function words. */
const VOCAB = Array.from({ length: 120 }, (_, i) => `w${'bcdfghklmnprstvz'[i % 16]}${'aeiou'[i % 5]}${'rnlst'[Math.floor(i / 16) % 5]}o${i}`);
const textArb = fc.array(fc.constantFrom(...VOCAB), { minLength: 8, maxLength: 18 }).map((ws) => ws.join(' ') + '.');
const planArb = fc.uniqueArray(textArb, { minLength: 2, maxLength: 14 });
const numbered = (texts: string[]) => texts.map((t, i) => pt(String(i + 1), t));

describe('alignment properties', () => {
  it('a version compared with itself gives only unchanged pairs, each point with itself', () => {
    fc.assert(
      fc.property(planArb, fc.boolean(), (texts, withNumbers) => {
        const v = withNumbers ? numbered(texts) : texts.map((t) => pt(null, t));
        const pairs = alignVersions(v, v);
        expect(pairs).toHaveLength(texts.length);
        for (const p of pairs) {
          expect(p.change).toBe('unchanged');
          expect(p.from).toEqual(p.to);
          expect(p.similarity).toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a random permutation gives moved exactly for the points whose position changed, unchanged for the rest', () => {
    fc.assert(
      fc.property(
        planArb.chain((texts) => fc.tuple(fc.constant(texts), fc.shuffledSubarray(texts.map((_, i) => i), { minLength: texts.length, maxLength: texts.length }))),
        fc.boolean(),
        ([texts, perm], withNumbers) => {
          const a = withNumbers ? numbered(texts) : texts.map((t) => pt(null, t));
          const b = withNumbers ? numbered(perm.map((i) => texts[i]!)) : perm.map((i) => pt(null, texts[i]!));
          const key = (i: number) => (withNumbers ? String(i + 1) : `#${i + 1}`);
          const pairs = alignVersions(a, b);
          expect(pairs).toHaveLength(texts.length);
          perm.forEach((orig, pos) => {
            const p = pairs.find((x) => x.to[0] === key(pos))!;
            expect(p.from).toEqual([key(orig)]);
            expect(p.change).toBe(orig === pos ? 'unchanged' : 'moved');
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random word edits are recovered as amended with the right diff', () => {
    const NEW = ['qxalpha', 'qxbeta', 'qxgamma', 'qxdelta'];
    const editArb = planArb.chain((texts) =>
      fc.tuple(
        fc.constant(texts),
        fc.array(fc.tuple(fc.nat(texts.length - 1), fc.nat(30), fc.constantFrom(...NEW), fc.constantFrom('replace', 'insert', 'delete')), { maxLength: texts.length }),
      ),
    );
    fc.assert(
      fc.property(editArb, ([texts, edits]) => {
        const words = texts.map((t) => t.replace(/\.$/, '').split(' '));
        const expected = new Map<number, { inserted: string[]; deleted: string[] }>();
        for (const [i, pos, w, op] of edits) {
          if (expected.has(i)) continue; // one edit per point keeps the expected diff unambiguous
          const ws = words[i]!;
          const at = pos % ws.length;
          if (op === 'replace') expected.set(i, { inserted: [w], deleted: [ws[at]!] }), ws.splice(at, 1, w);
          else if (op === 'insert') expected.set(i, { inserted: [w], deleted: [] }), ws.splice(at, 0, w);
          else if (ws.length > 8) expected.set(i, { inserted: [], deleted: [ws[at]!] }), ws.splice(at, 1);
        }
        const b = numbered(words.map((ws) => ws.join(' ') + '.'));
        const r = alignment(numbered(texts), b);
        expect(r.mode).toBe('verbatim');
        r.pairs.forEach((p, i) => {
          expect(p.from).toEqual([String(i + 1)]);
          expect(p.to).toEqual([String(i + 1)]);
          const e = expected.get(i);
          if (!e) return expect(p.change).toBe('unchanged');
          expect(p.change).toBe('amended');
          const got = changedWords(p.diff!);
          // jsdiff may attribute a repeated neighbouring word differently; the multiset of changed words is what counts.
          expect(got.inserted.sort()).toEqual(e.inserted.sort());
          expect(got.deleted.sort()).toEqual(e.deleted.sort());
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('stored lineage (option lineage)', () => {
  const example = readBundle(fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url))).data;
  const version = (id: string) => example.versions.find((v) => v.id === id)!;
  const pairOf = (pairs: { from: string[]; to: string[] }[], from: string) => pairs.find((p) => p.from.length === 1 && p.from[0] === from);

  it('pairs the curated lineages of the example (us-28 → framework-20), whatever the texts say', () => {
    const r = alignment(version('us-28-v1').provisions, version('framework-20-v1').provisions, { lineage: true });
    // brute force from documents.yaml: every framework point with a us-28 lineage pairs with that point
    const want = version('framework-20-v1').provisions.filter((p) => p.lineage.startsWith('us-28-')).map((p) => [p.lineage.slice('us-28-'.length), p.num]);
    expect(want.length).toBe(19);
    for (const [from, to] of want) expect(pairOf(r.pairs, from!)?.to, `us-28 ${from}`).toEqual([to]);
    expect(pairOf(r.pairs, '6')?.to).toEqual(['4']);
    expect(pairOf(r.pairs, '16')?.to).toEqual(['6']);
    expect(pairOf(r.pairs, '28')).toMatchObject({ to: ['20'], change: 'amended', status: 'placeholder' });
    // 8 has no counterpart in framework-20 and is deleted; 10 of framework-20 is new
    expect(pairOf(r.pairs, '8')).toMatchObject({ to: [], change: 'deleted' });
    expect(r.pairs.filter((p) => p.change === 'added').map((p) => p.to)).toEqual([['10']]);
    // The texts alone pair 6 with framework 4 as well (its figure changed, 600,000 → 800,000). Swap
    // the wordings of framework 4 and 6: the texts now point the other way, the lineage still wins.
    const fw = version('framework-20-v1').provisions.map((p) => ({ ...p }));
    const f4 = fw.find((p) => p.num === '4')!;
    const f6 = fw.find((p) => p.num === '6')!;
    [f4.text, f6.text] = [f6.text, f4.text];
    expect(pairOf(alignVersions(version('us-28-v1').provisions, fw), '6')?.to).not.toEqual(['4']);
    expect(pairOf(alignment(version('us-28-v1').provisions, fw, { lineage: true }).pairs, '6')?.to).toEqual(['4']);
  });

  it('keeps the stored deleted and placeholder statuses (us-28 → e3-counter)', () => {
    const r = alignment(version('us-28-v1').provisions, version('e3-counter-v1').provisions, { lineage: true });
    expect(r.pairs.length).toBe(28);
    for (const p of r.pairs) expect(p.to).toEqual(p.from); // e3 keeps the US numbering, lineage by lineage
    const byStatus = (s: string) => r.pairs.filter((p) => p.status === s).map((p) => p.from[0]);
    expect(byStatus('deleted')).toEqual(['3', '26']);
    expect(r.pairs.filter((p) => p.change === 'deleted').map((p) => p.from[0])).toEqual(['3', '26']);
    expect(byStatus('placeholder')).toEqual(['15', '17', '22', '23', '27']);
    expect(r.pairs.filter((p) => p.status === 'placeholder').every((p) => p.change === 'amended')).toBe(true);
    expect(r.pairs.some((p) => p.change === 'added')).toBe(false);
  });

  it('a stored override still wins over a shared lineage; the rest is aligned by similarity', () => {
    const a = withLineage([pt('1', T.army), pt('2', T.grain), pt('3', T.vote)], 'x');
    const b = withLineage([pt('1', T.grain), pt('2', T.army), pt('3', T.vote)], 'x');
    // lineage x-1 / x-2 pair by id although the texts swapped
    const byId = alignVersions(a, b, { lineage: true });
    expect(byId.map((p) => [p.from, p.to, p.change])).toEqual([
      [['1'], ['1'], 'amended'],
      [['2'], ['2'], 'amended'],
      [['3'], ['3'], 'unchanged'],
    ]);
    const over = alignVersions(a, b, { lineage: true, overrides: [{ from: ['1'], to: ['2'], change: 'moved' }] });
    expect(over.find((p) => p.from[0] === '1')).toMatchObject({ to: ['2'], change: 'moved', overridden: true });
    // x-2 lost its partner to the override; it is aligned by text with what is left (B's 1)
    expect(over.find((p) => p.from[0] === '2')).toMatchObject({ to: ['1'], change: 'moved', similarity: 1 });
  });
});
