/**
 * The visibility rule (./visibility.ts) against its specification written out independently: who
 * sees an item of several parties, and what a hidden document conceals (brute force over small
 * random processes with fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Visibility } from './schemas.js';
import { MEDIATOR_TEAM, concealedBy, concealedOf, cutConcealed, sharedLayers, visibleTo } from './visibility.js';

const PARTIES = ['a', 'b', 'c', 'A'];
const layer = fc.constantFrom(...PARTIES, MEDIATOR_TEAM);
const visibility: fc.Arbitrary<Visibility> = fc.oneof(
  fc.constant('public' as const),
  fc.constant('mediator-team' as const),
  fc.record({ confidentialTo: fc.constantFrom(...PARTIES) }),
  fc.record({ confidentialTo: fc.constantFrom(...PARTIES), sharedWith: fc.constant('mediator-team' as const) }),
  fc
    .tuple(fc.constantFrom(...PARTIES), fc.subarray(PARTIES, { minLength: 1 }))
    .filter(([o, also]) => !also.includes(o))
    .map(([confidentialTo, alsoVisibleTo]) => ({ confidentialTo, alsoVisibleTo })),
);

describe('visibleTo', () => {
  it('sees an item exactly when one of the layers is one that holds it', () => {
    fc.assert(
      fc.property(visibility, fc.uniqueArray(layer), (v, layers) => {
        // The specification: the set of layers holding the item, intersected with the viewer's.
        const holders = v === 'public' ? null : v === 'mediator-team' ? [MEDIATOR_TEAM] : [v.confidentialTo, ...(v.alsoVisibleTo ?? []), ...(v.sharedWith ? [MEDIATOR_TEAM] : [])];
        const want = holders === null || holders.some((h) => layers.includes(h));
        expect(visibleTo(v, layers)).toBe(want);
        expect(visibleTo(v, 'all')).toBe(true);
        if (typeof v === 'object') expect(new Set([v.confidentialTo, ...sharedLayers(v)])).toEqual(new Set(holders));
      }),
    );
  });

  it('tells parties apart by exact id (case matters)', () => {
    expect(visibleTo({ confidentialTo: 'a', alsoVisibleTo: ['b'] }, ['A'])).toBe(false);
    expect(visibleTo({ confidentialTo: 'a', alsoVisibleTo: ['b'] }, ['b'])).toBe(true);
    expect(visibleTo({ confidentialTo: 'a', alsoVisibleTo: ['b'] }, [MEDIATOR_TEAM])).toBe(false);
  });
});

describe('what a hidden document conceals', () => {
  const point = (lineage: string) => ({ lineage, children: [] as unknown[] });
  const versionsArb = fc.array(fc.record({ document: fc.constantFrom('d1', 'd2', 'd3'), lineages: fc.subarray(['l1', 'l2', 'l3', 'l4'], { minLength: 1 }) }), { maxLength: 6 });

  it('conceals the hidden documents’ versions and the lineages no visible version holds', () => {
    fc.assert(
      fc.property(versionsArb, fc.subarray(['d1', 'd2', 'd3']), (vs, hiddenDocs) => {
        const versions = vs.map((v, i) => ({ id: `v${i}`, document: v.document, provisions: [{ lineage: `top-${i}`, children: v.lineages.map(point) }] }));
        const c = concealedOf(new Set(hiddenDocs), versions);
        for (const v of versions) {
          const hidden = hiddenDocs.includes(v.document);
          expect(c.versions.has(v.id)).toBe(hidden);
          expect(concealedBy('versions', v, c)).toBe(hidden);
        }
        for (const l of ['l1', 'l2', 'l3', 'l4']) {
          const holders = versions.filter((v) => v.provisions[0]!.children.some((p) => p.lineage === l));
          const want = holders.length > 0 && holders.every((v) => hiddenDocs.includes(v.document));
          expect(c.lineages.has(l), l).toBe(want);
          expect(concealedBy('positions', { provision: l }, c)).toBe(want);
        }
      }),
    );
  });

  it('conceals what is about a hidden document or version, and cuts visible items’ references to them', () => {
    const c = concealedOf(new Set(['d2']), [
      { id: 'v1', document: 'd1', provisions: [point('l1')] },
      { id: 'v2', document: 'd2', provisions: [point('l1'), point('l9')] },
    ]);
    expect(concealedBy('documents', { id: 'd2' }, c)).toBe(true);
    expect(concealedBy('positions', { document: 'd2' }, c)).toBe(true);
    expect(concealedBy('positions', { document: 'v2' }, c)).toBe(true);
    expect(concealedBy('positions', { provision: 'l1' }, c)).toBe(false);
    expect(concealedBy('alignments', { from: 'v1', to: 'v2' }, c)).toBe(true);
    expect(concealedBy('critiques', { version: 'v2' }, c)).toBe(true);
    expect(concealedBy('drafts', { document: 'd1', basedOn: 'v2' }, c)).toBe(true);
    expect(concealedBy('drafts', { document: 'd1', basedOn: 'v1' }, c)).toBe(false);
    expect(concealedBy('events', { tabled: ['v2'] }, c)).toBe(false);
    expect(cutConcealed('events', { id: 'e', tabled: ['v1', 'v2'], provisions: ['l1', 'l9'] }, c)).toEqual({ id: 'e', tabled: ['v1'], provisions: ['l1'] });
    expect(cutConcealed('documents', { id: 'd3', amends: 'd2' }, c)).toEqual({ id: 'd3' });
    expect(cutConcealed('versions', { id: 'v3', document: 'd1', basedOn: 'v2' }, c)).toEqual({ id: 'v3', document: 'd1' });
    const visible = { id: 'e', tabled: ['v1'], provisions: ['l1'] };
    expect(cutConcealed('events', visible, c)).toBe(visible);
  });
});
