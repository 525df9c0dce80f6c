/**
 * Benchmark: time to import the bundled example (read + validate + parse texts + one transaction into
 * a fresh SQLite file), and to load it back. Prints medians over several runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const EXAMPLE = fileURLToPath(new URL('../examples/russia-ukraine-2025', import.meta.url));
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
const read: number[] = [];
const write: number[] = [];
const load: number[] = [];
let counts = '';
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  const { data } = readBundle(EXAMPLE);
  const t1 = performance.now();
  const store = await openSqliteStore(path.join(tmp, `b${i}.db`));
  const t2 = performance.now();
  await store.importProcess(data, { actor: 'bench' });
  const t3 = performance.now();
  await store.loadProcess(data.process.id);
  const t4 = performance.now();
  await store.close();
  read.push(t1 - t0);
  write.push(t3 - t2);
  load.push(t4 - t3);
  counts = `${data.versions.length} versions, ${data.positions.length} positions, ${data.evidence.length} evidence, ${data.events.length} events, ${data.sources.length} sources`;
}
rmSync(tmp, { recursive: true, force: true });
console.log(`example bundle: ${counts}`);
console.log(`import example: read+validate+parse ${median(read).toFixed(1)} ms, write (one transaction, SQLite file) ${median(write).toFixed(1)} ms, total ${(median(read) + median(write)).toFixed(1)} ms (median of 9)`);
console.log(`load process back: ${median(load).toFixed(1)} ms`);
