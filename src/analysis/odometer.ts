/**
 * Every index tuple of a product space, in odometer order: the first position turns fastest
 * ([0,0,…], [1,0,…], …, [s0-1, s1-1, …]). `visit` receives the same array each time, changed in
 * place — copy it to keep it. With any size 0 there is no tuple and `visit` is never called; with no
 * positions at all there is exactly one, the empty tuple.
 */
export function forEachTuple(sizes: readonly number[], visit: (o: readonly number[]) => void): void {
  if (sizes.some((s) => s <= 0)) return;
  const o = new Array<number>(sizes.length).fill(0);
  for (;;) {
    visit(o);
    let k = 0;
    while (k < sizes.length) {
      o[k]!++;
      if (o[k]! < sizes[k]!) break;
      o[k] = 0;
      k++;
    }
    if (k === sizes.length) return;
  }
}
