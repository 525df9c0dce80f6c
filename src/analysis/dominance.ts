/**
 * Non-dominated filtering of distinct points (maximisation in every coordinate), exact on exact
 * inputs: coordinates are binary64 numbers compared with `<`/`>` only, never added together except to
 * order the points (a monotone order, see below), so exact integers or ranks give an exact answer.
 *
 * - 2 coordinates: sort by (x desc, y desc) and sweep, keeping a point whose y beats every kept one
 *   (Kung, Luccio & Preparata 1975, the two-dimensional case).
 * - 3 coordinates: the same sweep against a staircase of the kept (y, z) pairs (ibid., O(n log n)).
 * - 4 or more: Sort-Filter-Skyline — points in decreasing order of their coordinate sum (a linear
 *   extension of dominance: a point can only be dominated by one before it), each tested against the
 *   points kept so far, held in a bucketed k-d tree whose nodes carry the componentwise maximum
 *   (ideal) and minimum (nadir) of their points: a node whose ideal does not weakly dominate the query
 *   cannot hold a dominator and is skipped; one whose nadir weakly dominates it decides at once (the
 *   pruning of the ND-tree, Jaszkiewicz & Lust 2018). Work grows with the size of the output, not
 *   with the square of the input.
 *
 * Inputs must be distinct points (merge equal vectors first); "dominates" is then "weakly greater in
 * every coordinate".
 */

/**
 * Order of row indices for Sort-Filter-Skyline: coordinate sum descending (a linear extension of
 * dominance when the sums are exact), equal rows adjacent. When every coordinate is a small
 * non-negative integer (ranks) the order is a native numeric sort of keys sum·2^22 + index (exact
 * below 2^53), with each run of equal sums then sorted lexicographically so that equal rows meet;
 * otherwise a comparator sort on (sum, lexicographic).
 */
export function sortForSkyline(coords: Float64Array, n: number, P: number): Int32Array {
  const sum = new Float64Array(n);
  let small = n < 2 ** 22;
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let p = 0; p < P; p++) s += coords[k * P + p]!;
    sum[k] = s;
    if (!(Number.isInteger(s) && s >= 0 && s < 2 ** 30)) small = false;
  }
  const idx = new Int32Array(n);
  const lex = (a: number, b: number) => {
    for (let p = 0; p < P; p++) {
      const e = coords[b * P + p]! - coords[a * P + p]!;
      if (e !== 0) return e;
    }
    return 0;
  };
  if (small) {
    const keys = new Float64Array(n);
    const SH = 2 ** 22;
    for (let k = 0; k < n; k++) keys[k] = (2 ** 30 - 1 - sum[k]!) * SH + k;
    keys.sort();
    for (let k = 0; k < n; k++) idx[k] = keys[k]! % SH;
    // Runs of equal sums: lexicographic, so that equal rows are adjacent.
    for (let a = 0; a < n; ) {
      let b = a + 1;
      while (b < n && sum[idx[b]!] === sum[idx[a]!]) b++;
      if (b - a > 1) idx.subarray(a, b).sort(lex);
      a = b;
    }
    return idx;
  }
  for (let k = 0; k < n; k++) idx[k] = k;
  idx.sort((a, b) => sum[b]! - sum[a]! || lex(a, b));
  return idx;
}

interface KdNode {
  ideal: Float64Array;
  nadir: Float64Array;
  dim: number;
  thr: number;
  lo: KdNode | null;
  hi: KdNode | null;
  items: number[] | null;
}

const LEAF = 24;

/**
 * An insert-only archive of mutually non-dominated points answering "is y dominated by a stored
 * point?" (see the module comment). Points are given by index into `coords` (row-major, P per row).
 */
export class DominanceArchive {
  private root: KdNode;
  private readonly stack: KdNode[] = [];
  constructor(
    private readonly coords: Float64Array,
    private readonly P: number,
  ) {
    this.root = this.leaf([]);
  }

  private leaf(items: number[]): KdNode {
    const P = this.P;
    const ideal = new Float64Array(P).fill(-Infinity);
    const nadir = new Float64Array(P).fill(Infinity);
    for (const k of items) this.grow(ideal, nadir, k);
    return { ideal, nadir, dim: -1, thr: 0, lo: null, hi: null, items };
  }

  private grow(ideal: Float64Array, nadir: Float64Array, k: number): void {
    const c = this.coords;
    const o = k * this.P;
    for (let p = 0; p < this.P; p++) {
      const v = c[o + p]!;
      if (v > ideal[p]!) ideal[p] = v;
      if (v < nadir[p]!) nadir[p] = v;
    }
  }

  /** True when a stored point weakly dominates point `k` (strictly, since points are distinct). */
  dominated(k: number): boolean {
    const c = this.coords;
    const P = this.P;
    const o = k * P;
    const stack = this.stack;
    let top = 0;
    stack[top++] = this.root;
    while (top > 0) {
      const node = stack[--top]!;
      let reach = true;
      let all = true;
      for (let p = 0; p < P; p++) {
        const y = c[o + p]!;
        if (node.ideal[p]! < y) {
          reach = false;
          break;
        }
        if (node.nadir[p]! < y) all = false;
      }
      if (!reach) continue;
      if (all) return true;
      if (node.items !== null) {
        for (const q of node.items) {
          const oq = q * P;
          let ge = true;
          for (let p = 0; p < P; p++) {
            if (c[oq + p]! < c[o + p]!) {
              ge = false;
              break;
            }
          }
          if (ge) return true;
        }
        continue;
      }
      if (c[o + node.dim]! >= node.thr) stack[top++] = node.hi!;
      else {
        stack[top++] = node.lo!;
        stack[top++] = node.hi!;
      }
    }
    return false;
  }

  /** Store point `k`. */
  insert(k: number): void {
    const c = this.coords;
    const P = this.P;
    let node = this.root;
    for (;;) {
      this.grow(node.ideal, node.nadir, k);
      if (node.items) break;
      node = c[k * P + node.dim]! >= node.thr ? node.hi! : node.lo!;
    }
    node.items!.push(k);
    if (node.items!.length > LEAF) this.split(node);
  }

  private split(node: KdNode): void {
    const c = this.coords;
    const P = this.P;
    const items = node.items!;
    let dim = -1;
    let spread = 0;
    for (let p = 0; p < P; p++) {
      const s = node.ideal[p]! - node.nadir[p]!;
      if (s > spread) {
        spread = s;
        dim = p;
      }
    }
    if (dim < 0) return;
    const vals = items.map((k) => c[k * P + dim]!).sort((a, b) => a - b);
    let thr = vals[vals.length >> 1]!;
    if (thr === vals[0]) thr = vals.find((v) => v > thr)!;
    const lo = items.filter((k) => c[k * P + dim]! < thr);
    const hi = items.filter((k) => c[k * P + dim]! >= thr);
    node.items = null;
    node.dim = dim;
    node.thr = thr;
    node.lo = this.leaf(lo);
    node.hi = this.leaf(hi);
  }
}

/**
 * The non-dominated rows among `n` rows of P coordinates, equal rows merged: returns the kept row
 * indices (the first of each group of equal rows, in the order examined) and, per kept row, the sum
 * of `counts` over its group. One sort serves both the merging of equal rows (they are adjacent in
 * either order used) and the filter.
 *
 * With `limit`, the filter stops as soon as more than `limit` rows are kept and returns them with
 * `overflow: true`. Every row kept is final when kept, whatever P: the order examined (lexicographic
 * descending, or coordinate sum descending) is a linear extension of dominance, so no later row can
 * dominate an earlier one; more than `limit` kept rows thus prove the skyline has more than `limit`.
 */
export function skyline(coords: Float64Array, n: number, P: number, counts: Float64Array, limit = Infinity): { keep: number[]; count: number[]; overflow: boolean } {
  const r = skylineUpTo(coords, n, P, counts, limit);
  return { ...r, overflow: r.keep.length > limit };
}

function skylineUpTo(coords: Float64Array, n: number, P: number, counts: Float64Array, limit: number): { keep: number[]; count: number[] } {
  const keep: number[] = [];
  const count: number[] = [];
  if (n === 0) return { keep, count };
  let order: Int32Array;
  if (P <= 3) {
    order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => {
      for (let p = 0; p < P; p++) {
        const e = coords[b * P + p]! - coords[a * P + p]!;
        if (e !== 0) return e;
      }
      return 0;
    });
  } else order = sortForSkyline(coords, n, P);
  const same = (a: number, b: number) => {
    for (let p = 0; p < P; p++) if (coords[a * P + p] !== coords[b * P + p]) return false;
    return true;
  };
  // Walk the order; a row equal to the previous *examined* row joins its group (kept or not).
  let prev = -1;
  let prevKept = -1; // index into keep of prev's group, or −1 when prev was dominated
  const accept = (k: number) => {
    keep.push(k);
    count.push(counts[k]!);
    prevKept = keep.length - 1;
  };
  if (P === 1) {
    for (const k of order) {
      if (prev >= 0 && same(k, prev)) {
        if (prevKept >= 0) count[prevKept]! += counts[k]!;
        continue;
      }
      prev = k;
      if (keep.length === 0) accept(k);
      else prevKept = -1;
    }
    return { keep, count };
  }
  if (P === 2) {
    let bestY = -Infinity;
    for (const k of order) {
      if (prev >= 0 && same(k, prev)) {
        if (prevKept >= 0) count[prevKept]! += counts[k]!;
        continue;
      }
      prev = k;
      const y = coords[k * 2 + 1]!;
      if (y > bestY) {
        accept(k);
        if (keep.length > limit) break;
        bestY = y;
      } else prevKept = -1;
    }
    return { keep, count };
  }
  if (P === 3) {
    // Staircase of kept (y, z): y ascending, z descending.
    const s1: number[] = [];
    const s2: number[] = [];
    for (const k of order) {
      if (prev >= 0 && same(k, prev)) {
        if (prevKept >= 0) count[prevKept]! += counts[k]!;
        continue;
      }
      prev = k;
      const x = coords[k * 3 + 1]!;
      const y = coords[k * 3 + 2]!;
      let lo = 0;
      let hi = s1.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s1[mid]! >= x) hi = mid;
        else lo = mid + 1;
      }
      if (lo < s1.length && s2[lo]! >= y) {
        prevKept = -1; // dominated: earlier rows are ≥ in the first coordinate
        continue;
      }
      accept(k);
      if (keep.length > limit) break;
      let pos = 0;
      let h2 = s1.length;
      while (pos < h2) {
        const mid = (pos + h2) >> 1;
        if (s1[mid]! < x) pos = mid + 1;
        else h2 = mid;
      }
      let from = pos;
      while (from > 0 && s2[from - 1]! <= y) from--;
      let to = pos;
      while (to < s1.length && s1[to]! <= x && s2[to]! <= y) to++;
      s1.splice(from, to - from, x);
      s2.splice(from, to - from, y);
    }
    return { keep, count };
  }
  const archive = new DominanceArchive(coords, P);
  for (const k of order) {
    if (prev >= 0 && same(k, prev)) {
      if (prevKept >= 0) count[prevKept]! += counts[k]!;
      continue;
    }
    prev = k;
    if (archive.dominated(k)) {
      prevKept = -1;
      continue;
    }
    archive.insert(k);
    accept(k);
    if (keep.length > limit) break;
  }
  return { keep, count };
}

/** Indices of the non-dominated rows among `n` distinct rows of P coordinates. */
export function nondominatedRows(coords: Float64Array, n: number, P: number): number[] {
  return skyline(coords, n, P, new Float64Array(n).fill(1)).keep;
}
