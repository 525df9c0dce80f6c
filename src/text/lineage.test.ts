import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Provision, walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { carryLineage } from './lineage.js';
import { parsePlan } from './parse.js';
import { walkWithKeys } from './provisions.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url));
const example = readBundle(EXAMPLE).data;
const version = (id: string) => example.versions.find((v) => v.id === id)!;
const us28 = version('us-28-v1');
const lineageByKey = (ps: Provision[]) => new Map(walkWithKeys(ps).map((k) => [k.key, k.node.lineage]));

/** Re-import a version of the example from its Markdown text, carrying lineage from us-28-v1. */
function reimport(id: string) {
  const v = version(id);
  const text = readFileSync(`${EXAMPLE}/texts/${id}.md`, 'utf8');
  const taken = new Set(example.versions.filter((x) => x.id !== id).flatMap((x) => [...walkProvisions(x.provisions)].map((p) => p.lineage)));
  const r = carryLineage(us28.provisions, parsePlan(text, { format: 'markdown' }).provisions, v.document, { source: text, taken });
  const want = lineageByKey(v.provisions);
  const got = lineageByKey(r.provisions);
  const wrong = [...want].filter(([k, l]) => got.get(k) !== l).map(([k]) => k);
  return { r, want, got, wrong };
}

describe('carryLineage on the example bundle (hand-set lineages as the reference)', () => {
  it('E3 counter-proposal: every point with reported text keeps its US lineage; only the five unreported placeholders differ', () => {
    const { r, want, wrong } = reimport('e3-counter-v1');
    // The example's metadata marks exactly these points as placeholders (text not reported).
    const placeholders = [...walkProvisions(version('e3-counter-v1').provisions)].filter((p) => p.status === 'placeholder').map((p) => p.num);
    expect(placeholders).toEqual(['15', '17', '22', '23', '27']);
    expect(wrong).toEqual(placeholders);
    expect(want.size - wrong.length).toBe(28);
    expect(r.inherited).toBe(28);
    expect(r.fresh).toBe(5);
    expect(r.changes).toEqual({ unchanged: 5, amended: 18, deleted: 5, added: 5 });
    // topics come along with the lineage: point 21 is StBor in the US draft
    expect(walkWithKeys(r.provisions).find((k) => k.key === '21')!.node.topics).toEqual(['StBor']);
  });

  it('20-point framework: renumbered points and reordered sub-points inherit; the new point 10 gets a new id', () => {
    const { r, got, wrong } = reimport('framework-20-v1');
    expect(got.get('3')).toBe('us-28-5');
    expect(got.get('5')).toBe('us-28-10');
    expect(got.get('5.a')).toBe('us-28-10.c');
    expect(got.get('5.b')).toBe('us-28-10.b');
    expect(got.get('5.c')).toBe('framework-20-5.c');
    expect(got.get('14')).toBe('us-28-21');
    expect(got.get('10')).toBe('framework-20-10');
    expect(wrong.length).toBeLessThanOrEqual(4); // of 23 provisions
    expect(r.inherited + r.fresh).toBe(23);
  });
});

describe('carryLineage rules', () => {
  const base = parsePlan('1. Ceasefire along the line of contact.\n   a) Monitors deploy.\n   b) Heavy weapons withdraw.\n2. Prisoners are exchanged all for all.\n3. Elections are held within 100 days.\n').provisions;
  const baseProvs = carryLineage(null, base, 'd').provisions;

  it('without a base every provision gets the default id <document>-<key>', () => {
    expect([...lineageByKey(baseProvs)]).toEqual([
      ['1', 'd-1'],
      ['1.a', 'd-1.a'],
      ['1.b', 'd-1.b'],
      ['2', 'd-2'],
      ['3', 'd-3'],
    ]);
  });

  it('renumbering inherits, an added point never reuses an id another provision holds, a split gets .s2', () => {
    const next = parsePlan(
      '1. Amnesty for all combatants is declared.\n2. Ceasefire along the line of contact.\n   a) Heavy weapons withdraw.\n   b) Monitors deploy.\n3. Prisoners are exchanged all for all.\n4. Elections are held.\n5. Elections take place within 100 days under observers.\n',
    ).provisions;
    const r = carryLineage(baseProvs, next, 'd', { taken: [...walkProvisions(baseProvs)].map((p) => p.lineage) });
    const m = lineageByKey(r.provisions);
    expect(m.get('2')).toBe('d-1');
    expect(m.get('2.a')).toBe('d-1.b');
    expect(m.get('2.b')).toBe('d-1.a');
    expect(m.get('3')).toBe('d-2');
    // new point 1: its default "d-1" belongs to the ceasefire point, so it gets d-1-n2
    expect(m.get('1')).toBe('d-1-n2');
    // point 3 of the base is split into 4 and 5: the closer piece inherits
    expect([m.get('4'), m.get('5')].sort()).toEqual(['d-3', 'd-3.s2']);
    const ids = [...m.values()];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('an override stands over the aligner: a person pairs a rewritten point with its source', () => {
    const next = parsePlan('1. Ceasefire along the line of contact.\n2. A joint commission reviews detainee lists.\n3. Elections are held within 100 days.\n').provisions;
    const taken = [...walkProvisions(baseProvs)].map((p) => p.lineage);
    const plain = carryLineage(baseProvs, next, 'd', { taken });
    // no word in common with "Prisoners are exchanged all for all": new id, base point 2 deleted
    expect(lineageByKey(plain.provisions).get('2')).toBe('d-2-n2');
    expect(plain.pairs.find((p) => p.from[0] === '2')).toMatchObject({ to: [], change: 'deleted' });
    const r = carryLineage(baseProvs, next, 'd', { taken, overrides: [{ from: ['2'], to: ['2'], change: 'amended' }] });
    expect(lineageByKey(r.provisions).get('2')).toBe('d-2');
    expect(r.pairs.find((p) => p.to[0] === '2')).toMatchObject({ from: ['2'], change: 'amended', overridden: true });
  });

  it('property: any reordering of the points of the US draft keeps every lineage (and no id repeats)', () => {
    const points = us28.provisions.flatMap((a) => a.children);
    const render = (ps: Provision[]) => ps.map((p, i) => `${i + 1}. ${p.text}\n${p.children.map((c, j) => `   ${String.fromCharCode(97 + j)}) ${c.text}\n`).join('')}`).join('');
    fc.assert(
      fc.property(fc.shuffledSubarray(points, { minLength: points.length, maxLength: points.length }), (order) => {
        const r = carryLineage(us28.provisions, parsePlan(render(order)).provisions, 'us-28');
        const got = r.provisions.map((p) => p.lineage);
        expect(got).toEqual(order.map((p) => p.lineage));
        const all = [...walkProvisions(r.provisions)].map((p) => p.lineage);
        expect(new Set(all).size).toBe(all.length);
      }),
      { numRuns: 8 },
    );
  });
});
