/**
 * Child process of the durability harness (./durability.ts); meant to be killed with SIGKILL.
 *
 *   import TARGET ID GEN SIZE-JSON   import process ID, generation GEN (replacing any), print `done <ms>`
 *   edits TARGET PROCESS COUNT TAG   put positions TAG-1 … TAG-COUNT one transaction each
 *
 * It prints `ready` on stdout just before it starts writing.
 */
import { bigProcess } from './durability-data.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';

const [mode, target, a, b, c] = process.argv.slice(2);
// Opened directly (not through open.ts, whose lazy import of the driver a bundle cannot follow).
const store: KyselyStore = /^postgres(ql)?:/.test(target!) ? await openPostgresStore(target!, { poolSize: 1 }) : await openSqliteStore(target!);
if (mode === 'import') {
  const data = bigProcess(a!, Number(b), JSON.parse(c!));
  process.stdout.write('ready\n');
  const t0 = performance.now();
  await store.importProcess(data, { actor: 'durability-child' }, { replace: true });
  process.stdout.write(`done ${Math.round(performance.now() - t0)}\n`);
} else if (mode === 'edits') {
  process.stdout.write('ready\n');
  const count = Number(b);
  for (let k = 1; k <= count; k++) {
    const id = `${c}-${k}`;
    await store.put(a!, 'positions', { id, party: 'a', stance: 'accepts', asOf: '2025-01-01', confidence: 1, visibility: 'public', evidence: [], note: `edit ${id}` }, { actor: 'durability-child' });
  }
  process.stdout.write('done 0\n');
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exitCode = 64;
}
await store.close();
