/**
 * Crash-durability harness, shared by the durability test and `bench/security.bench.ts`.
 *
 * A child process (./durability-child.ts) writes to a store — a whole-process import, or a run of
 * single-entity edits — and is killed with SIGKILL at a random moment. The parent then reopens the
 * store and checks that it holds exactly the state before the interrupted write or exactly the state
 * after it (never anything in between), and that `verify()` still passes the hash chains.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { ENTITY_KINDS, type ProcessData } from '../model/schemas.js';
import { canonicalJson, sha256 } from './canonical.js';
import type { KyselyStore } from './kysely-store.js';
import { openStore } from './open.js';
import { type BigProcessSize, DEFAULT_SIZE, bigProcess } from './durability-data.js';

export { type BigProcessSize, DEFAULT_SIZE, bigProcess };

/** SHA-256 of a process's canonical JSON, with every entity kind present (absent lists count as empty). */
export function digest(data: ProcessData): string {
  const full: Record<string, unknown> = { ...data };
  for (const k of ENTITY_KINDS) full[k] = (data as unknown as Record<string, unknown[] | undefined>)[k] ?? [];
  return sha256(canonicalJson(full));
}

/** Fingerprint of a process's whole content in the store (or `absent`). */
export async function fingerprint(store: KyselyStore, id: string): Promise<string> {
  if (!(await store.getProcess(id))) return 'absent';
  return digest(await store.loadProcess(id));
}

/** Path of the child script. */
const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));

let bundled: string | undefined;

/**
 * The child script bundled once into plain JavaScript (esbuild), so that each of the many short-lived
 * children starts in a fraction of a second instead of compiling TypeScript again. The bundle lives in
 * node_modules/.cache so that its package imports resolve against the project's node_modules.
 */
function childScript(): string {
  if (bundled) return bundled;
  const out = fileURLToPath(new URL(`../../node_modules/.cache/accord/durability-child-${process.pid}.mjs`, import.meta.url));
  mkdirSync(path.dirname(out), { recursive: true });
  buildSync({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out, logLevel: 'error' });
  process.once('exit', () => rmSync(out, { force: true }));
  bundled = out;
  return out;
}

/** A running child writer. */
interface Child {
  /** Resolves when the child prints its `ready` line (just before it starts writing). */
  ready: Promise<void>;
  /** Resolves with the exit code (null when killed) and its output. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
  kill(): void;
  /** Output so far. */
  output(): string;
}

/** Spawn the child writer: `import` (args: target, id, gen) or `edits` (args: target, process id, count, tag). */
export function spawnChild(args: string[]): Child {
  const p = spawn(process.execPath, [childScript(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  p.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready')) onReady();
  });
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    p.on('exit', (code, signal) => {
      onReady();
      resolve({ code, signal, out });
    }),
  );
  return { ready, exit, kill: () => p.kill('SIGKILL'), output: () => out };
}

/** On PostgreSQL, wait until no other session is still working in this database (a killed client's transaction being aborted or committed). */
async function settle(store: KyselyStore): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (let i = 0; i < 200; i++) {
    const r = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(store.db);
    if (Number(r.rows[0]?.n ?? 0) === 0) return;
    await new Promise((res) => setTimeout(res, 25));
  }
}

/** Outcome of a series of kill trials. */
export interface KillReport {
  trials: number;
  /** Kills that landed while the write was still running (the rest came after it finished). */
  interrupted: number;
  /** Trials after which the store held the complete new state. */
  completed: number;
  /** Trials after which the store held the old state. */
  rolledBack: number;
  /** Trials that left anything else, or a failing `verify()`; each described. Goal: none. */
  corrupt: string[];
  /** Milliseconds one uninterrupted import takes (calibration run). */
  importMs: number;
}

/**
 * Kill an importing child `trials` times at random moments. Each trial re-imports process `big` with
 * `replace` and a new generation (the first creates it), over a store that also holds a `base`
 * process which must never change. `random` is the source of kill delays (default Math.random).
 */
export async function importKillTrials(target: string, trials: number, opts: { size?: BigProcessSize; random?: () => number } = {}): Promise<KillReport> {
  const rnd = opts.random ?? Math.random;
  const size = opts.size ?? DEFAULT_SIZE;
  const sizeArg = JSON.stringify(size);
  const report: KillReport = { trials, interrupted: 0, completed: 0, rolledBack: 0, corrupt: [], importMs: 0 };

  let store = (await openStore(target)) as KyselyStore;
  const base = bigProcess('base', 0, { positions: 20, evidence: 10, versions: 2, points: 5 });
  if (!(await store.getProcess('base'))) await store.importProcess(base, { actor: 'durability' });
  const baseFp = await fingerprint(store, 'base');
  await store.close();

  // Calibration: generation 0 imported twice (the second time replacing) to learn how long a replacing import takes.
  for (let i = 0; i < 2; i++) {
    const cal = spawnChild(['import', target, 'big', '0', sizeArg]);
    const calExit = await cal.exit;
    const m = /done (\d+)/.exec(calExit.out);
    if (calExit.code !== 0 || !m) throw new Error(`durability child failed: ${calExit.out}`);
    report.importMs = Number(m[1]);
  }

  let prevFp = digest(bigProcess('big', 0, size));
  for (let t = 1; t <= trials; t++) {
    const nextFp = digest(bigProcess('big', t, size));
    const child = spawnChild(['import', target, 'big', String(t), sizeArg]);
    await child.ready;
    // The first kill aims at the middle of the import; the others fall anywhere in it, or just after.
    const delay = t === 1 ? report.importMs / 2 : rnd() * report.importMs * 1.1;
    await new Promise((r) => setTimeout(r, Math.floor(delay)));
    const finishedBefore = /done \d+/.test(child.output());
    child.kill();
    const ex = await child.exit;
    if (ex.signal === 'SIGKILL' && !finishedBefore) report.interrupted++;

    store = (await openStore(target)) as KyselyStore;
    try {
      await settle(store);
      const fp = await fingerprint(store, 'big');
      const v = await store.verify();
      const bfp = await fingerprint(store, 'base');
      const problems: string[] = [];
      if (bfp !== baseFp) problems.push('process "base" changed');
      if (!v.ok) problems.push(`verify failed: ${v.firstBroken}`);
      if (fp === nextFp) report.completed++;
      else if (fp === prevFp) report.rolledBack++;
      else problems.push(`process "big" is neither generation ${t - 1} nor ${t} (fingerprint ${fp.slice(0, 12)})`);
      if (problems.length) report.corrupt.push(`trial ${t}: ${problems.join('; ')}`);
      if (fp === nextFp) prevFp = nextFp;
    } finally {
      await store.close();
    }
  }
  return report;
}

/** Outcome of killing a child making single-entity edits. */
export interface EditKillReport {
  trials: number;
  /** Edits committed in total before the kills. */
  edits: number;
  corrupt: string[];
}

/**
 * Kill a child making a run of single-position edits (`put`, one transaction each) `trials` times; after
 * each kill, the audit log must name exactly the edits whose entities are stored, in order, with no
 * gap, and `verify()` must pass. Needs a store already holding process `base`.
 */
export async function editKillTrials(target: string, trials: number, opts: { random?: () => number; maxMs?: number } = {}): Promise<EditKillReport> {
  const rnd = opts.random ?? Math.random;
  const maxMs = opts.maxMs ?? 600;
  const report: EditKillReport = { trials, edits: 0, corrupt: [] };
  for (let t = 1; t <= trials; t++) {
    const tag = `t${t}x${Math.floor(rnd() * 1e9).toString(36)}`;
    const child = spawnChild(['edits', target, 'base', '100000', tag]);
    await child.ready;
    await new Promise((r) => setTimeout(r, Math.floor(rnd() * maxMs)));
    child.kill();
    await child.exit;
    const store = (await openStore(target)) as KyselyStore;
    try {
      await settle(store);
      const audit = (await store.audit('base')).filter((a) => a.entityId.startsWith(`${tag}-`));
      const stored = (await store.list('base', 'positions')).filter((p) => p.id.startsWith(`${tag}-`));
      const problems: string[] = [];
      const expectIds = audit.map((_, i) => `${tag}-${i + 1}`);
      if (audit.map((a) => a.entityId).join() !== expectIds.join()) problems.push('audit entries out of order or with gaps');
      if (stored.map((p) => p.id).join() !== expectIds.join()) problems.push(`${stored.length} edits stored but ${audit.length} audited`);
      for (const p of stored) if (p.note !== `edit ${p.id}`) problems.push(`edit ${p.id} stored with wrong content`);
      const v = await store.verify();
      if (!v.ok) problems.push(`verify failed: ${v.firstBroken}`);
      if (problems.length) report.corrupt.push(`edit trial ${t}: ${problems.join('; ')}`);
      report.edits += stored.length;
    } finally {
      await store.close();
    }
  }
  return report;
}
