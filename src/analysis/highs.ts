/**
 * A small typed adapter around the `highs` npm package (HiGHS compiled to WebAssembly).
 *
 * The package ships CommonJS-flavoured type declarations, so under `module: NodeNext` its default
 * import is typed as the module object rather than the loader function; at run time the ESM build
 * exports the loader directly. This file hides that mismatch, loads the WebAssembly runtime once
 * per process and hands the same instance to every caller.
 */
import { setFlagsFromString } from 'node:v8';
import highsModule from 'highs';
import type { Highs, InitOptions } from 'highs';

/** The loaded HiGHS runtime (persistent-model and one-shot APIs). */
export type HighsRuntime = Highs;

type Loader = (options?: InitOptions) => Promise<Highs>;

const loader: Loader = (
  typeof highsModule === 'function' ? highsModule : (highsModule as unknown as { default: Loader }).default
) as unknown as Loader;

let pending: Promise<Highs> | null = null;
let loaded: Highs | null = null;

/**
 * The shared HiGHS runtime, loading the WebAssembly module on first call and reusing it after.
 * Never rejects except when the `.wasm` file cannot be loaded (an environment fault).
 */
export function getHighs(): Promise<Highs> {
  if (loaded) return Promise.resolve(loaded);
  if (!pending) {
    pending = loader().then((h) => {
      loaded = h;
      return h;
    });
  }
  return pending;
}

/**
 * Have V8 compile HiGHS's WebAssembly (3.5 MB) with its baseline compiler only (Liftoff), for
 * short-lived processes such as one `accord solve`. By default V8 also recompiles hot functions with
 * its optimising compiler in background threads, and a process cannot exit before those jobs end:
 * measured on `accord solve` (2 parties × 60 issues, 6 × 30 × 5 and `--engine milp`), that costs 1.0–1.6 s
 * of CPU per run, more than the LPs and MILPs those functions speed up. A long-running server gains
 * from the optimised code and should not call this. Process-wide (a V8 flag); takes effect only when
 * called before the first {@link getHighs}, and does nothing after.
 */
export function compileHighsForQuickExit(): void {
  if (!pending) setFlagsFromString('--liftoff-only');
}

/** The runtime if {@link getHighs} has already resolved, else null (for synchronous callers). */
export function highsIfLoaded(): Highs | null {
  return loaded;
}

/** A column (variable) of a {@link LinearModel}. Bounds may be ±Infinity. */
export interface LinearCol {
  lower: number;
  upper: number;
  cost: number;
  /** Integer variable (with bounds 0..1 a binary). */
  integer?: boolean;
}

/** A row `lower ≤ Σ val[k]·x[idx[k]] ≤ upper` of a {@link LinearModel}. Bounds may be ±Infinity. */
export interface LinearRow {
  lower: number;
  upper: number;
  idx: number[];
  val: number[];
}

/** A linear or mixed-integer linear program in plain arrays. */
export interface LinearModel {
  sense: 'max' | 'min';
  cols: LinearCol[];
  rows: LinearRow[];
}

/** Outcome of {@link solveLinear}: `x` holds the column values when `status` is `optimal`. */
export interface LinearResult {
  status: 'optimal' | 'infeasible' | 'unbounded' | 'limit' | 'error';
  objective: number;
  x: Float64Array;
  /** Branch-and-bound nodes HiGHS explored (0 for an LP). */
  nodes: number;
}

/** HiGHS options used by {@link solveLinear}: quiet, and a MIP proved optimal to a 1e-9 relative gap. */
export interface SolveLinearOptions {
  timeLimitSeconds?: number;
  mipRelGap?: number;
}

/**
 * Solve a linear model with HiGHS (simplex for an LP, branch-and-cut for a MIP).
 * Never throws for an optimisation outcome (infeasible, unbounded, time limit): see `status`.
 * @throws Error when HiGHS rejects the model data (a programming error)
 */
export function solveLinear(h: Highs, m: LinearModel, opts: SolveLinearOptions = {}): LinearResult {
  const n = m.cols.length;
  const inf = h.infinity;
  const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of m.rows) {
    for (let k = 0; k < r.idx.length; k++) {
      if (r.val[k] === 0) continue;
      indices.push(r.idx[k]!);
      values.push(r.val[k]!);
    }
    starts.push(indices.length);
  }
  const hasInt = m.cols.some((c) => c.integer);
  const model = h.createModel({
    numCols: n,
    numRows: m.rows.length,
    sense: m.sense === 'max' ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize,
    colCost: Float64Array.from(m.cols, (c) => c.cost),
    colLower: Float64Array.from(m.cols, (c) => clamp(c.lower)),
    colUpper: Float64Array.from(m.cols, (c) => clamp(c.upper)),
    rowLower: Float64Array.from(m.rows, (r) => clamp(r.lower)),
    rowUpper: Float64Array.from(m.rows, (r) => clamp(r.upper)),
    ...(hasInt ? { integrality: Int32Array.from(m.cols, (c) => (c.integer ? 1 : 0)) } : {}),
    matrix: { format: 'csr', numRows: m.rows.length, numCols: n, starts, indices, values },
  });
  try {
    model.options.set({
      output_flag: false,
      mip_rel_gap: opts.mipRelGap ?? 1e-9,
      mip_abs_gap: 1e-10,
      ...(opts.timeLimitSeconds ? { time_limit: opts.timeLimitSeconds } : {}),
    });
    const run = model.run();
    const S = h.constants.modelStatus;
    const st = run.modelStatus;
    const status: LinearResult['status'] =
      st === S.optimal
        ? 'optimal'
        : st === S.infeasible
          ? 'infeasible'
          : st === S.unbounded || st === S.unboundedOrInfeasible
            ? 'unbounded'
            : st === S.timeLimit || st === S.interrupted || st === S.iterationLimit || st === S.solutionLimit
              ? 'limit'
              : 'error';
    const x = status === 'optimal' || status === 'limit' ? Float64Array.from(model.getSolution().colValue) : new Float64Array(n);
    const objective = status === 'optimal' || status === 'limit' ? model.getObjectiveValue() : NaN;
    const nodes = hasInt ? Number(model.info.get('mip_node_count') ?? 0) : 0;
    return { status, objective, x, nodes };
  } finally {
    model.dispose();
  }
}
