/**
 * Cost of the per-read hidden-item check of the access policy (issue 19; src/server/policy.ts
 * `PolicyStore`): every read through a policy store works out which evidence, events and documents
 * the viewer may not see (two SQL head queries per kind, and the items hidden documents conceal),
 * memoised by process revision when the revision-keyed read cache (src/store/cached-store.ts) sits
 * underneath. On a generated scale process (bench/scale/generate.ts, 10% of positions and evidence
 * confidential), one read of a 100-position page, repeated, three ways:
 *   raw store · policy store over the raw store (check on every read) · policy store over the cache.
 * Prints p50/p99/mean per read in ms. Figures only.
 *
 * Run: `npx tsx bench/hidden.bench.ts [--tier 100|1000] [--reps N] [--pg]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accessFor, PolicyStore } from '../src/server/policy.js';
import { readBundle } from '../src/store/bundle.js';
import { cachedStore } from '../src/store/cached-store.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { ensureScaleBundle, type Tier } from './scale/generate.js';

const args = process.argv.slice(2);
const value = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const tier = Number(value('--tier') ?? 100) as Tier;
const REPS = Number(value('--reps') ?? 200);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function timeReads(name: string, store: Store, pid: string): Promise<void> {
  const read = () => store.query(pid, 'positions', { limit: 100, party: 'p04' });
  for (let i = 0; i < 5; i++) await read(); // warm-up (JIT, SQLite page cache, memo)
  const t: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    await read();
    t.push(performance.now() - t0);
  }
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  console.log(`  ${name.padEnd(34)} p50 ${quantile(t, 0.5).toFixed(2).padStart(7)} ms  p99 ${quantile(t, 0.99).toFixed(2).padStart(7)} ms  mean ${mean.toFixed(2).padStart(7)} ms`);
}

async function main() {
  const dir = ensureScaleBundle(tier, { log: console.log });
  const pid = `scale-${tier}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-hidden-'));
  let target = path.join(tmp, 'accord.db');
  if (args.includes('--pg')) {
    const { freshDatabase } = await import('../test/support/pg.js');
    target = await freshDatabase('hidden');
  }
  const raw = await openStore(target);
  try {
    const t0 = performance.now();
    await raw.importProcess(readBundle(dir).data, { actor: 'bench' });
    console.log(`×${tier} on ${args.includes('--pg') ? 'PostgreSQL' : 'SQLite'}: imported in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${REPS} reads of positions?party=p04&limit=100 each`);
    const access = accessFor('bench', [{ processId: pid, role: 'party-delegate', party: 'p04' }], pid, []);
    await timeReads('raw store (no policy)', raw, pid);
    await timeReads('policy over raw (check every read)', new PolicyStore(raw, access), pid);
    await timeReads('policy over revision cache', new PolicyStore(cachedStore(raw), access), pid);
  } finally {
    await raw.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`load average: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (args.includes('--pg')) process.exit(0);
}

await main();
