/**
 * Merges and splits in version alignment (../align.ts): an unmatched unit mostly contained in a unit
 * of the other version joins that unit's pair; `parts` records which sub-point each piece answers.
 */
import type { AlignmentPart } from '../align.js';
import type { FeatureSpace } from '../similarity.js';
import { round, union, type Raw, type Unit } from './units.js';

/** Least share of a piece found in the whole for it to complete a split or merge of that whole. */
export const COMPLEMENT_RELEVANCE = 0.4;
/** Least share of the whole's content a completing piece must add to what its counterparts cover. */
export const COMPLEMENT_GAIN = 0.2;

/** Step 7: grow 1:1 pairs into merges (many A → one B) and splits (one A → many B). */
export function detectMergeSplit(
  A: Unit[],
  B: Unit[],
  raws: Raw[],
  usedA: Set<Unit>,
  usedB: Set<Unit>,
  space: FeatureSpace,
  cos: (x: Unit, y: Unit) => number,
): void {
  reclaimPieces(raws, usedA, usedB, space, cos);
  const pairOfA = new Map<Unit, Raw>();
  const pairOfB = new Map<Unit, Raw>();
  const held = new Set<Unit>();
  for (const r of raws) {
    if (r.override) {
      r.from.forEach((u) => held.add(u));
      r.to.forEach((u) => held.add(u));
      continue;
    }
    r.from.forEach((u) => pairOfA.set(u, r));
    r.to.forEach((u) => pairOfB.set(u, r));
  }
  // Candidate wholes share at least one term that is not too common (all units in small versions).
  const nAll = A.length + B.length;
  const cap = nAll < 400 ? Infinity : Math.max(5, 0.05 * nAll);
  const postings = (units: Unit[], offset: number) => {
    const m = new Map<number, Unit[]>();
    for (const u of units) for (const id of space.vector(offset + u.idx).ids) if (space.dfOf[id]! <= cap) (m.get(id) ?? m.set(id, []).get(id)!).push(u);
    return m;
  };
  const postA = postings(A, 0);
  const postB = postings(B, A.length);
  const candidates = (p: Unit, side: 'split' | 'merge'): Iterable<Unit> => {
    if (cap === Infinity) return side === 'split' ? A : B;
    const post = side === 'split' ? postA : postB;
    const out = new Set<Unit>();
    for (const id of space.vector((side === 'split' ? A.length : 0) + p.idx).ids) for (const u of post.get(id) ?? []) out.add(u);
    return out;
  };
  const grow = (side: 'split' | 'merge') => {
    const pieces = side === 'split' ? B : A;
    const used = side === 'split' ? usedB : usedA;
    const cs = (w: Unit, p: Unit) => (side === 'split' ? cos(w, p) : cos(p, w));
    for (const p of pieces) {
      if (used.has(p) || p.placeholder || !p.feats.terms.size) continue;
      const cands: [Unit, number, boolean][] = [];
      for (const w of candidates(p, side)) {
        if (w.placeholder || held.has(w)) continue;
        const s = cs(w, p);
        if (s < 0.15) continue;
        const c = space.containment(p.feats, w.feats);
        // Either mostly contained in the whole, or close to one of its sub-points, or it carries a
        // part of the whole that the whole's present counterparts leave out (a split into points
        // that need not be neighbours: "elections and a review commission" → 1 + 8).
        const strong = s >= 0.2 && c >= 0.6;
        const viaChild = c >= 0.4 && w.children.length >= 2 && Math.max(...w.children.map((k) => space.cosineOf(k.feats, p.feats))) >= 0.3;
        const complement = !strong && !viaChild && c >= COMPLEMENT_RELEVANCE && complementGain(w, p, side) >= COMPLEMENT_GAIN;
        if (strong || viaChild || complement) cands.push([w, s * c, viaChild || complement]);
      }
      cands.sort((x, y) => y[1] - x[1]);
      for (const [best, , viaChild] of cands) if (attach(p, best, viaChild)) break;
    }
  };
  /** Share of the whole's weighted content that `p` covers beyond the whole's present counterparts (0 when it has none). */
  const complementGain = (w: Unit, p: Unit, side: 'split' | 'merge'): number => {
    const r = (side === 'split' ? pairOfA : pairOfB).get(w);
    const current = r ? (side === 'split' ? r.to : r.from) : [];
    if (!current.length) return 0;
    const before = space.containment(w.feats, union(current));
    const after = space.containment(w.feats, union([...current, p]));
    return after - before;
  };
  const attach = (p: Unit, best: Unit, viaChild: boolean): boolean => {
    const split = pieces0(p) === 'B';
    const pairOf = split ? pairOfA : pairOfB;
    const r = pairOf.get(best);
    if (r && r.override) return false;
    if (r && (split ? r.from.length > 1 : r.to.length > 1)) return false; // a merge cannot also split
    const current = r ? (split ? r.to : r.from) : [];
    // The union of the pieces must be closer to the whole than the current pieces alone, unless the
    // piece answers one of the whole's sub-points.
    const before = current.length ? space.cosineOf(best.feats, union(current)) : 0;
    const after = space.cosineOf(best.feats, union([...current, p]));
    if (current.length && !viaChild && after <= before + 0.01) return false;
    (split ? usedB : usedA).add(p);
    if (r) {
      if (split) {
        r.to.push(p);
        r.to.sort((u, v) => u.order - v.order);
        r.kind = r.to.length > 1 ? 'split' : 'one';
      } else {
        r.from.push(p);
        r.from.sort((u, v) => u.order - v.order);
        r.kind = r.from.length > 1 ? 'merged' : 'one';
      }
      r.exact = false;
      r.similarity = after;
      pairOf.set(p, r);
    } else {
      const nr: Raw = split ? { from: [best], to: [p], kind: 'one', similarity: after } : { from: [p], to: [best], kind: 'one', similarity: after };
      raws.push(nr);
      (split ? usedA : usedB).add(best);
      pairOf.set(best, nr);
      (split ? pairOfB : pairOfA).set(p, nr);
    }
    return true;
  };
  const sideOf = new Set(B);
  const pieces0 = (u: Unit) => (sideOf.has(u) ? 'B' : 'A');
  grow('split');
  grow('merge');
  for (const r of raws) {
    if (r.kind === 'split') r.parts = partsOf(r.from[0]!, r.to, space, 'split');
    if (r.kind === 'merged') r.parts = partsOf(r.to[0]!, r.from, space, 'merge');
  }
}

/** A weak 1:1 pair below this similarity gives up its unit to a split or merge that explains it better. */
export const RECLAIM_LIMIT = 0.3;

/**
 * Global view of splits and merges: a unit held by a weak 1:1 pair (similarity under
 * {@link RECLAIM_LIMIT}) is freed when it reads better as the missing piece of another pair, i.e.
 * it is closer to that pair's other side than to its own partner, mostly contained in it, and adds
 * a share of its content that the pair leaves out (see {@link COMPLEMENT_GAIN}). The freed partner
 * is left for the later steps (usually a deletion or an addition), and step 7 then attaches the
 * piece.
 */
function reclaimPieces(raws: Raw[], usedA: Set<Unit>, usedB: Set<Unit>, space: FeatureSpace, cos: (x: Unit, y: Unit) => number): void {
  const ones = raws.filter((r) => r.kind === 'one' && r.from.length === 1 && r.to.length === 1 && !r.override && !r.exact && !r.lineage);
  const drop = new Set<Raw>();
  for (const weak of ones) {
    if (weak.similarity >= RECLAIM_LIMIT) continue;
    const x0 = weak.from[0]!;
    const y0 = weak.to[0]!;
    for (const other of ones) {
      if (other === weak || drop.has(other)) continue;
      const x = other.from[0]!;
      const y = other.to[0]!;
      // y0 as a second piece of x (split), or x0 as a second source of y (merge).
      const asSplit = cos(x, y0) > weak.similarity + 0.05 && space.containment(y0.feats, x.feats) >= COMPLEMENT_RELEVANCE &&
        space.containment(x.feats, union([y, y0])) - space.containment(x.feats, y.feats) >= COMPLEMENT_GAIN;
      const asMerge = !asSplit && cos(x0, y) > weak.similarity + 0.05 && space.containment(x0.feats, y.feats) >= COMPLEMENT_RELEVANCE &&
        space.containment(y.feats, union([x, x0])) - space.containment(y.feats, x.feats) >= COMPLEMENT_GAIN;
      if (asSplit || asMerge) {
        drop.add(weak);
        usedA.delete(x0);
        usedB.delete(y0);
        break;
      }
    }
  }
  if (!drop.size) return;
  const keep = raws.filter((r) => !drop.has(r));
  raws.length = 0;
  raws.push(...keep);
}

/** Which sub-point of the whole each piece corresponds to (the whole itself when none fits better). */
export function partsOf(whole: Unit, pieces: Unit[], space: FeatureSpace, side: 'split' | 'merge'): AlignmentPart[] {
  return pieces.map((p) => {
    let key = whole.key;
    let best = space.cosineOf(whole.feats, p.feats);
    if (whole.children.length >= 2) {
      let bc = -1;
      for (const c of whole.children) {
        const s = space.cosineOf(c.feats, p.feats);
        if (s > bc) {
          bc = s;
          key = c.key;
        }
      }
      best = bc;
    }
    const s = round(best);
    return side === 'split' ? { from: [key], to: [p.key], similarity: s } : { from: [p.key], to: [key], similarity: s };
  });
}
