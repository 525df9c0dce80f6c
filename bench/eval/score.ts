/** Counting and printing of precision / recall / F1 for `npm run eval`. */

/** True positives, false positives and false negatives of one task on one set. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One printed row: a task measured on one set, as counts (P/R/F1 derived) or as a plain ratio. */
export interface EvalRow {
  task: string;
  set: string;
  counts?: Counts;
  /** For tasks that are a share of items right (e.g. exact structures 12/13). */
  ratio?: { right: number; of: number };
  note?: string;
}

export const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

/** Precision, recall and F1; an empty denominator counts as 1 (nothing to find, nothing wrong). */
export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

/** Prints rows as an aligned table, tasks grouped, sets side by side in row order. */
export function printRows(rows: EvalRow[]): void {
  const f = (x: number) => x.toFixed(3);
  console.log(`${'task'.padEnd(34)} ${'set'.padEnd(11)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  counts`);
  for (const r of rows) {
    if (r.counts) {
      const { p, r: rec, f1 } = prf(r.counts);
      console.log(`${r.task.padEnd(34)} ${r.set.padEnd(11)} ${f(p).padStart(6)} ${f(rec).padStart(6)} ${f(f1).padStart(6)}  tp ${r.counts.tp} fp ${r.counts.fp} fn ${r.counts.fn}${r.note ? `  ${r.note}` : ''}`);
    } else if (r.ratio) {
      const share = r.ratio.of ? r.ratio.right / r.ratio.of : 1;
      console.log(`${r.task.padEnd(34)} ${r.set.padEnd(11)} ${''.padStart(6)} ${''.padStart(6)} ${f(share).padStart(6)}  ${r.ratio.right}/${r.ratio.of}${r.note ? `  ${r.note}` : ''}`);
    } else {
      console.log(`${r.task.padEnd(34)} ${r.set.padEnd(11)} ${r.note ?? ''}`);
    }
  }
}
