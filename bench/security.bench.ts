/**
 * Benchmark of the team server (issue 7), on a throwaway PostgreSQL cluster:
 *
 * 1. Load: 200 concurrent authenticated clients (one session each, spread over mediator, staff,
 *    party-delegate and observer accounts) for 30 s against two `accord serve` processes sharing one
 *    database, mixing reads (lists, matrix, status, point detail, export) and writes (replacing one
 *    position of the client's own). Prints requests per second, p50/p99 latency and the error count.
 * 2. Durability: child processes importing a large process (and making single edits) are killed with
 *    SIGKILL at random moments, on SQLite and on PostgreSQL; prints how many stores were left corrupt
 *    or half-written (goal 0).
 *
 * Knobs: ACCORD_BENCH_CLIENTS (200), ACCORD_BENCH_SECONDS (30), ACCORD_BENCH_SERVERS (2),
 * ACCORD_BENCH_KILLS (20 per database).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Accounts } from '../src/store/accounts.js';
import { readBundle } from '../src/store/bundle.js';
import { editKillTrials, importKillTrials } from '../src/store/durability.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openStore } from '../src/store/open.js';
import { freshDatabase } from '../test/support/pg.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const CLIENTS = Number(process.env.ACCORD_BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.ACCORD_BENCH_SECONDS ?? 30);
const SERVERS = Number(process.env.ACCORD_BENCH_SERVERS ?? 2);
const KILLS = Number(process.env.ACCORD_BENCH_KILLS ?? 20);
const PASSWORD = 'bench password 1';

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function startServer(db: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/accord.mjs'), 'serve', '--db', db, '--port', '0', '--no-build'], {
    env: { ...process.env, ACCORD_LOG_LEVEL: 'warn', ACCORD_PG_POOL: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Accord workbench: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err.slice(-2000)}`)));
  });
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

async function load(): Promise<void> {
  console.log(`load: ${CLIENTS} clients × ${SECONDS} s against ${SERVERS} \`accord serve\` processes on one PostgreSQL database`);
  const db = await freshDatabase('bench');
  const store = (await openStore(db)) as KyselyStore;
  const { data } = readBundle(EXAMPLE);
  const pid = data.process.id;
  await store.importProcess(data, { actor: 'bench' });
  const accounts = new Accounts(store);
  const users: { name: string; role: 'mediator' | 'mediator-staff' | 'party-delegate' | 'observer'; party?: string }[] = [
    { name: 'mediator', role: 'mediator' },
    { name: 'staff', role: 'mediator-staff' },
    { name: 'ua-delegate', role: 'party-delegate', party: 'ua' },
    { name: 'ru-delegate', role: 'party-delegate', party: 'ru' },
    { name: 'eu-delegate', role: 'party-delegate', party: 'eu' },
    { name: 'observer', role: 'observer' },
  ];
  for (const u of users) await accounts.addUser(u.name, PASSWORD, { processId: pid, role: u.role, ...(u.party ? { party: u.party } : {}) }, { actor: 'bench' });
  const lineages = [...new Set(data.positions.map((p) => p.provision).filter((x): x is string => !!x))];
  const lineage = lineages[0] ?? 'x';
  // Each writing client owns one position it replaces again and again.
  for (let i = 0; i < CLIENTS; i++) {
    const u = users[i % users.length]!;
    if (u.role === 'observer') continue;
    await store.put(pid, 'positions', { id: `bench-${i}`, party: u.party ?? 'us', provision: lineage, stance: 'undecided', asOf: '2025-11-30', confidence: 1, visibility: u.party ? { confidentialTo: u.party } : 'public', evidence: [] }, { actor: 'bench' });
  }
  const urls = await Promise.all(Array.from({ length: SERVERS }, () => startServer(db)));
  const t0 = performance.now();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const base = urls[i % urls.length]!;
      const u = users[i % users.length]!;
      const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: u.name, password: PASSWORD }) });
      if (r.status !== 201) throw new Error(`login failed: ${r.status} ${await r.text()}`);
      const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { csrf } = (await r.json()) as { csrf: string };
      return { i, base, u, cookie, csrf };
    }),
  );
  console.log(`  ${CLIENTS} sessions opened in ${((performance.now() - t0) / 1000).toFixed(1)} s (scrypt N=2^14 per sign-in)`);

  const P = `/api/processes/${pid}`;
  const reads = [`${P}/positions`, `${P}/parties`, `${P}/matrix`, `${P}/status`, `${P}/points/${lineage}`, `${P}/timeline`, `${P}/evidence`, `${P}/export`];
  const lat: number[] = [];
  let reqs = 0;
  let writes = 0;
  let errors = 0;
  const errorKinds = new Map<string, number>();
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      let k = c.i;
      while (performance.now() < end) {
        k++;
        const write = c.u.role !== 'observer' && k % 5 === 0;
        const t = performance.now();
        try {
          const res = write
            ? await fetch(`${c.base}${P}/positions/bench-${c.i}`, {
                method: 'PUT',
                headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, origin: c.base, 'content-type': 'application/json' },
                body: JSON.stringify({ party: c.u.party ?? 'us', provision: lineage, stance: k % 10 === 0 ? 'accepts' : 'rejects', asOf: '2025-11-30', visibility: c.u.party ? { confidentialTo: c.u.party } : 'public' }),
              })
            : await fetch(`${c.base}${reads[k % reads.length]}`, { headers: { cookie: c.cookie } });
          await res.arrayBuffer();
          if (res.status >= 400) {
            errors++;
            errorKinds.set(String(res.status), (errorKinds.get(String(res.status)) ?? 0) + 1);
          }
        } catch (e) {
          errors++;
          const key = (e as Error).message.slice(0, 40);
          errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
        }
        lat.push(performance.now() - t);
        reqs++;
        if (write) writes++;
      }
    }),
  );
  lat.sort((a, b) => a - b);
  console.log(`  requests: ${reqs} (${writes} writes) in ${SECONDS} s → ${(reqs / SECONDS).toFixed(0)} req/s`);
  console.log(`  latency: p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${lat.at(-1)?.toFixed(1)} ms`);
  console.log(`  errors: ${errors}${errorKinds.size ? ' (' + [...errorKinds].map(([k, v]) => `${k}: ${v}`).join(', ') + ')' : ''}`);
  const v = await store.verify();
  console.log(`  after the run: audit chain ${v.ok ? 'verifies' : 'BROKEN: ' + v.firstBroken} (${v.checked.audit} entries)`);
  await store.close();
  for (const c of children.splice(0)) c.kill('SIGTERM');
}

async function durability(): Promise<void> {
  console.log(`\ndurability: SIGKILL during writes, ${KILLS} import kills and ${Math.ceil(KILLS / 2)} edit kills per database`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-dur-'));
  try {
    for (const [name, target] of [
      ['sqlite', path.join(tmp, 'store.db')],
      ['postgres', await freshDatabase('benchdur')],
    ] as const) {
      const t0 = performance.now();
      const r = await importKillTrials(target, KILLS);
      const e = await editKillTrials(target, Math.ceil(KILLS / 2));
      const corrupt = r.corrupt.length + e.corrupt.length;
      console.log(
        `  ${name}: import of ~${Math.round(r.importMs)} ms killed ${r.trials}× (${r.interrupted} mid-import): ${r.rolledBack} left as before, ${r.completed} complete; ` +
          `${e.trials} edit runs killed (${e.edits} edits kept); corrupt or half-written: ${corrupt} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
      for (const c of [...r.corrupt, ...e.corrupt]) console.log(`    ${c}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (CLIENTS > 0) await load();
if (KILLS > 0) await durability();
process.exit(0);
