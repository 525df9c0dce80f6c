/**
 * Vitest setup: with `FC_SEED` set, every fast-check property runs from that seed, so a run can be
 * repeated exactly (CI sets it in .ci/run: what passed on a clean clone passes again there). Without
 * it each run draws new cases, which is how developers' runs keep finding counterexamples; a failure
 * prints its seed and path, and `FC_SEED=<seed> npx vitest run <file>` repeats it.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  const n = Number(seed);
  if (!Number.isInteger(n)) throw new Error(`FC_SEED must be an integer, got "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: n });
}
