import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { applyDraftOps, type EditContext, fits, lineagesOf, normaliseLinks } from './draft-edit.js';
import { DraftOp, type DraftOpParsed } from './inputs.js';
import { type Provision, walkProvisions } from './schemas.js';

const MINI = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;
const V1 = MINI.versions.find((v) => v.id === 'draft-v1')!;
const BASE = lineagesOf(V1.provisions);
const CTX: EditContext = { documentId: 'draft', base: BASE, taken: new Set([...BASE, ...lineagesOf(MINI.versions[1]!.provisions)]), parties: new Set(MINI.parties.map((p) => p.id)) };
const ops = (...xs: unknown[]): DraftOpParsed[] => xs.map((x) => DraftOp.parse(x));
const run = (...xs: unknown[]) => applyDraftOps({ provisions: V1.provisions, links: [] }, ops(...xs), CTX);
const node = (tree: Provision[], lineage: string) => [...walkProvisions(tree)].find((p) => p.lineage === lineage);
const points = (tree: Provision[]) => [...walkProvisions(tree)].filter((p) => p.kind === 'point').map((p) => `${p.num}:${p.lineage}`);

describe('applyDraftOps (hand-checked on the mini draft v1)', () => {
  it('reads brackets from new wording and keeps their proponents by the bracketed words', () => {
    const a = run({ op: 'bracket', lineage: 'draft-1', start: 37, end: 58, proponents: ['north'] });
    const p1 = node(a.provisions, 'draft-1')!;
    expect(p1.text).toBe('The parties observe a ceasefire from [the date of signature].');
    expect(p1.brackets).toEqual([{ start: 37, end: 60, text: 'the date of signature', proponents: ['north'] }]);
    expect(p1.status).toBe('bracketed');
    const b = applyDraftOps(a, ops({ op: 'set', lineage: 'draft-1', text: 'All parties observe a ceasefire from [the date of signature].' }), CTX);
    expect(node(b.provisions, 'draft-1')!.brackets[0]!.proponents).toEqual(['north']);
    const c = applyDraftOps(b, ops({ op: 'set', lineage: 'draft-1', text: 'All parties observe a ceasefire from signature.' }), CTX);
    expect(node(c.provisions, 'draft-1')).toMatchObject({ brackets: [], status: 'proposed' });
    expect(a.touched).toEqual(['draft-1']);
    expect(a.structural).toBe(false);
  });

  it('keeps a status set by hand when the wording changes', () => {
    const a = run({ op: 'set', lineage: 'draft-3', status: 'agreed' }, { op: 'set', lineage: 'draft-3', text: 'Elections are held within [a year].' });
    expect(node(a.provisions, 'draft-3')).toMatchObject({ status: 'agreed', brackets: [{ text: 'a year' }] });
  });

  it('splits a point: the second piece gets <lineage>.s2 and the split is linked to the base', () => {
    const a = run({ op: 'split', lineage: 'draft-3', at: 19 });
    expect(points(a.provisions)).toEqual(['1:draft-1', '2:draft-2', '3:draft-3', '3 bis:draft-3.s2']);
    expect(node(a.provisions, 'draft-3')!.text).toBe('Elections are held');
    expect(node(a.provisions, 'draft-3.s2')!.text).toBe('within a year.');
    // Sub-points stay with the first piece.
    expect(node(a.provisions, 'draft-3')!.children.map((c) => c.lineage)).toEqual(['draft-3.a', 'draft-3.b']);
    expect(a.links).toEqual([{ from: ['draft-3'], to: ['draft-3', 'draft-3.s2'], change: 'split' }]);
    expect(node(run({ op: 'split', lineage: 'draft-3', at: 32 }).provisions, 'draft-3.s2')!.text).toBe('.');
    expect(() => run({ op: 'split', lineage: 'draft-3', at: 33 })).toThrow(/leaves one part empty/);
  });

  it('merges two points into the first, linking both base points to it; merging a split piece back undoes the link', () => {
    const a = run({ op: 'merge', lineage: 'draft-1', with: 'draft-2' });
    expect(points(a.provisions)).toEqual(['1:draft-1', '3:draft-3']);
    expect(node(a.provisions, 'draft-1')).toMatchObject({ text: 'The parties observe a ceasefire from the date of signature. Forces withdraw [thirty] kilometres from the line of contact.', status: 'bracketed' });
    expect(a.links).toEqual([{ from: ['draft-1', 'draft-2'], to: ['draft-1'], change: 'merged' }]);
    const b = applyDraftOps(run({ op: 'split', lineage: 'draft-3', at: 19 }), ops({ op: 'merge', lineage: 'draft-3', with: 'draft-3.s2' }), CTX);
    expect(normaliseLinks(b.links, BASE, b.provisions)).toEqual([]);
    expect(() => run({ op: 'merge', lineage: 'draft-3', with: 'draft-3.a' })).toThrow(/merges only with another point/);
  });

  it('moves a point under another axis and refuses a point under a point', () => {
    const axis2 = V1.provisions[1]!.lineage;
    const a = run({ op: 'move', lineage: 'draft-1', parent: axis2, index: 1 });
    expect(a.provisions[0]!.children.map((c) => c.lineage)).toEqual(['draft-2']);
    expect(a.provisions[1]!.children.map((c) => c.lineage)).toEqual(['draft-3', 'draft-1']);
    expect(() => run({ op: 'move', lineage: 'draft-1', parent: 'draft-3', index: 0 })).toThrow(/cannot sit under a point/);
    expect(() => run({ op: 'move', lineage: 'draft-3', parent: 'draft-3.a', index: 0 })).toThrow(/under itself/);
  });

  it('adds provisions with new lineage ids never used in the process, and deletes with their links', () => {
    const axis2 = V1.provisions[1]!.lineage;
    const a = run({ op: 'add', kind: 'point', parent: axis2, num: '4', text: 'Refugees may return.' }, { op: 'add', kind: 'subpoint', parent: 'draft-3', num: 'c', text: 'Results are published.' });
    expect(node(a.provisions, 'draft-4')).toMatchObject({ kind: 'point', text: 'Refugees may return.', status: 'proposed' });
    expect(node(a.provisions, 'draft-3.c')).toMatchObject({ kind: 'subpoint', text: 'Results are published.' });
    // draft-3.a is taken: a new sub-point numbered "a" gets draft-3.a-n2.
    const b = run({ op: 'add', kind: 'subpoint', parent: 'draft-3', num: 'a', text: 'x' });
    expect(node(b.provisions, 'draft-3.a-n2')).toBeDefined();
    const c = applyDraftOps(run({ op: 'split', lineage: 'draft-3', at: 19 }), ops({ op: 'delete', lineage: 'draft-3' }), CTX);
    expect(c.links).toEqual([{ from: ['draft-3'], to: ['draft-3.s2'], change: 'split' }]);
    expect(node(c.provisions, 'draft-3.a')).toBeUndefined();
    expect(() => run({ op: 'delete', lineage: 'nope' })).toThrow(/no provision with lineage "nope"/);
  });

  it('writes Option A/B alternatives with their proponents, and refuses unknown parties', () => {
    const a = run({ op: 'alternatives', lineage: 'draft-3', options: [{ label: 'A', text: 'within a year', proponents: ['north'] }, { label: 'B', text: 'within two years', proponents: ['south'] }] });
    const p = node(a.provisions, 'draft-3')!;
    expect(p.text).toBe('Elections are held within a year.: Option A: within a year / Option B: within two years');
    expect(p.alternatives).toEqual([
      { label: 'A', text: 'within a year', proponents: ['north'] },
      { label: 'B', text: 'within two years', proponents: ['south'] },
    ]);
    expect(p.status).toBe('alternatives');
    expect(() => run({ op: 'bracket', lineage: 'draft-1', start: 0, end: 3, proponents: ['atlantis'] })).toThrow(/unknown party "atlantis"/);
  });

  it('renumbers points in reading order and sub-points by their family', () => {
    const a = run({ op: 'split', lineage: 'draft-1', at: 32 }, { op: 'renumber' });
    expect(points(a.provisions)).toEqual(['1:draft-1', '2:draft-1.s2', '3:draft-2', '4:draft-3']);
    expect(node(a.provisions, 'draft-3')!.children.map((c) => c.num)).toEqual(['a', 'b']);
  });
});

describe('applyDraftOps (properties)', () => {
  const all = [...walkProvisions(V1.provisions)].map((p) => p.lineage);
  const lineage = fc.constantFrom(...all, 'draft-3.s2', 'draft-1.s2', 'draft-4');
  const op = fc.oneof(
    fc.record({ op: fc.constant('set'), lineage, text: fc.constantFrom('A [b] c.', 'Plain words here.', 'x [y] [z]', 'Option A: one / Option B: two') }),
    fc.record({ op: fc.constant('split'), lineage, at: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ op: fc.constant('merge'), lineage, with: lineage }),
    fc.record({ op: fc.constant('move'), lineage, parent: fc.constantFrom(null, V1.provisions[0]!.lineage, V1.provisions[1]!.lineage, 'draft-3'), index: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant('delete'), lineage }),
    fc.record({ op: fc.constant('add'), kind: fc.constantFrom('point', 'subpoint'), parent: fc.constantFrom(null, V1.provisions[0]!.lineage, 'draft-3'), num: fc.constantFrom('4', 'a', null), text: fc.constant('New words.') }),
    fc.record({ op: fc.constant('bracket'), lineage, start: fc.integer({ min: 0, max: 10 }), end: fc.integer({ min: 1, max: 20 }), proponents: fc.constant(['north']) }),
    fc.constant({ op: 'renumber' }),
  );

  it('keeps lineage ids unique and never reuses another version’s, keeps the structure, links only base → draft ids, never changes its input', () => {
    const frozen = JSON.stringify(V1.provisions);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (xs) => {
        let state = { provisions: V1.provisions, links: [] as never[] } as Parameters<typeof applyDraftOps>[0];
        const born = new Set<string>();
        for (const x of xs) {
          try {
            const r = applyDraftOps(state, ops(x), CTX);
            for (const l of lineagesOf(r.provisions)) if (!lineagesOf(state.provisions).has(l)) born.add(l);
            state = r;
          } catch (err) {
            expect((err as { code?: string }).code).toMatch(/invalid_input|not_found/);
          }
        }
        const ids = [...walkProvisions(state.provisions)].map((p) => p.lineage);
        expect(new Set(ids).size).toBe(ids.length);
        for (const b of born) expect(CTX.taken.has(b)).toBe(false);
        const check = (ps: Provision[], parent: Provision['kind'] | null) => ps.forEach((p) => (expect(fits(p.kind, parent)).toBe(true), check(p.children, p.kind)));
        check(state.provisions, null);
        for (const l of state.links) {
          for (const f of l.from) expect(BASE.has(f)).toBe(true);
          for (const t of l.to) expect(ids).toContain(t);
        }
        // No provision is claimed by two links.
        const claimed = state.links.flatMap((l) => [...l.from.map((f) => `from:${f}`), ...l.to.map((t) => `to:${t}`)]);
        expect(new Set(claimed).size).toBe(claimed.length);
      }),
      { numRuns: 400 },
    );
    expect(JSON.stringify(V1.provisions)).toBe(frozen);
  });
});
