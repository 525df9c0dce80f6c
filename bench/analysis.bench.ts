/**
 * Negotiation analysis benchmark (`npx tsx bench/analysis.bench.ts`, or `npm run bench analysis`).
 *
 * 1. Side by side, Accord's exact solvers and frontier merge vs Accord's own brute-force enumeration
 *    (src/analysis/brute.ts) on sizes where enumeration still finishes; both must agree.
 * 2. Accord alone on 30 issues × 5 options × 6 parties (5^30 ≈ 9.3e20 outcomes): time to the exact
 *    Nash, Kalai–Smorodinsky, max-min and max-sum packages (goal < 2 s each), several random domains.
 * 3. The exact 2-party Pareto frontier on 60 issues × 3 options (3^60 ≈ 4.2e28 outcomes; goal < 0.1 s).
 * 4. The exact frontier side by side for 2, 4 and 6 parties at 12, 20 and 30 issues × 3 options (or
 *    how far it got when it is too large to list: bounds and a representative set, returned at once).
 * 5. Whole-process `accord solve` (the built CLI, `bin/accord.mjs`, a fresh process: start, read the
 *    domain file, solve, print JSON) on 6 × 30 × 5 (goal < 2 s) and 2 × 60 × 3 (goal < 1 s), without
 *    and with `--frontier`.
 * Domains are random but seeded, so runs are comparable. Prints figures; asserts nothing about time.
 * Wall time means little on a shared machine, so §4 and §5 also print CPU time (user + system: §4 of
 * this process, §5 of the child, read from GNU time's report when /usr/bin/time exists) and the load
 * average is printed first. Sections may be chosen: `npx tsx bench/analysis.bench.ts 4 5`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bruteForce } from '../src/analysis/brute.js';
import { compileDomain, validateDomain, type Domain } from '../src/analysis/domain.js';
import { getHighs } from '../src/analysis/highs.js';
import { paretoFrontier } from '../src/analysis/pareto.js';
import { buildSpace, idealPoint, solveConcept, type Concept } from '../src/analysis/solve.js';
import { rng } from '../src/analysis/random.js';

/** Random domain: weights uniform, option values integers 0–100, reservations `res`. */
function randomDomain(seed: number, I: number, O: number, P: number, res = 0): Domain {
  const r = rng(seed);
  const issues = Array.from({ length: I }, (_, i) => ({
    id: `i${i}`,
    name: `issue ${i}`,
    options: Array.from({ length: O }, (_, o) => ({ id: `o${o}`, label: `option ${o}` })),
  }));
  return validateDomain({
    id: `bench-${seed}`,
    name: 'bench',
    issues,
    profiles: Array.from({ length: P }, (_, p) => ({
      party: `p${p}`,
      weights: Object.fromEntries(issues.map((iss) => [iss.id, 0.05 + r()])),
      values: Object.fromEntries(issues.map((iss) => [iss.id, Object.fromEntries(iss.options.map((o) => [o.id, Math.round(r() * 100)]))])),
      reservation: res,
    })),
  });
}

const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;
/** CPU time (user + system) of this process since `c0`, as text. */
const cpuSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return `${((c.user + c.system) / 1000).toFixed(0)} ms`;
};
const SECTIONS = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n >= 1 && n <= 5);
const wanted = (n: number) => SECTIONS.length === 0 || SECTIONS.includes(n);
const GNU_TIME = '/usr/bin/time';

/**
 * Run `node args` as a child process; wall time measured here, CPU time (user + system, seconds) and
 * peak memory from GNU time's report when it is installed.
 */
function runChild(args: string[], dir: string): { status: number | null; stdout: string; wallMs: number; cpuS: number | null; maxRssMb: number | null } {
  const report = path.join(dir, 'time.txt');
  const useTime = existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(GNU_TIME, ['-o', report, '-f', '%U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  let cpuS: number | null = null;
  let maxRssMb: number | null = null;
  if (useTime) {
    const last = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (last.length === 3 && last.every(Number.isFinite)) {
      cpuS = last[0]! + last[1]!;
      maxRssMb = last[2]! / 1024;
    }
  }
  return { status: r.status, stdout: r.stdout, wallMs, cpuS, maxRssMb };
}
const CONCEPTS: Concept[] = ['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian'];

async function main(): Promise<void> {
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} CPUs\n`,
  );
  let t = performance.now();
  await getHighs();
  console.log(`HiGHS WebAssembly loaded in ${ms(t)}\n`);

  if (wanted(1)) {
    console.log('1. Accord vs brute-force enumeration (same machine, same run)');
    console.log('   issues×options×parties  outcomes     brute force   Accord (4 concepts + ideal)  Accord frontier   frontier pts  agree');
    for (const [I, O, P] of [
      [8, 3, 2],
      [10, 3, 3],
      [12, 3, 4],
      [14, 3, 2],
      [9, 4, 5],
    ] as const) {
      const d = randomDomain(1000 + I * 10 + P, I, O, P, 10);
      const c = compileDomain(d);
      t = performance.now();
      const bf = bruteForce(c);
      const tb = ms(t);
      t = performance.now();
      const s = buildSpace(c);
      const M = (await idealPoint(s))!;
      const got: Record<string, number> = {};
      for (const k of CONCEPTS) {
        const o = (await solveConcept(c, k, { space: s, M }))!;
        const u = Array.from(o.u);
        const r = c.reservation;
        const S = u.map((_, p) => p).filter((p) => M[p]! - r[p]! > 1e-6);
        got[k] =
          k === 'egalitarian'
            ? Math.min(...u.map((x, p) => x - r[p]!))
            : k === 'utilitarian'
              ? u.reduce((a, b) => a + b, 0)
              : k === 'kalaiSmorodinsky'
                ? Math.min(...S.map((p) => (u[p]! - r[p]!) / (M[p]! - r[p]!)))
                : S.reduce((a, p) => a + Math.log(u[p]! - r[p]!), 0);
      }
      const ta = ms(t);
      t = performance.now();
      const f = paretoFrontier(c);
      const tf = ms(t);
      const agree = CONCEPTS.every((k) => Math.abs(got[k]! - (bf[k] ?? NaN)) <= 1e-7 * Math.max(1, Math.abs(bf[k] ?? 1))) && f.size === bf.frontier.reduce((a, q) => a + q.count, 0);
      console.log(
        `   ${`${I}×${O}×${P}`.padEnd(24)} ${String(bf.outcomes).padEnd(12)} ${tb.padStart(11)}   ${ta.padStart(12)}                 ${tf.padStart(10)}     ${String(f.points.length).padStart(6)}       ${agree ? 'yes' : 'NO'}`,
      );
    }
  }

  if (wanted(2)) {
    console.log('\n2. Accord alone: 30 issues × 5 options × 6 parties (5^30 ≈ 9.3e20 outcomes), exact packages');
    console.log('   domain               ideal point   Nash         KS           max-min      max-sum      (engine, B&B nodes)');
    for (const [seed, res] of [
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 30],
      [5, 45],
    ] as const) {
      const d = randomDomain(seed, 30, 5, 6, res);
      const c = compileDomain(d);
      const s = buildSpace(c);
      t = performance.now();
      const M = (await idealPoint(s))!;
      const tIdeal = ms(t);
      const cells: string[] = [];
      const notes: string[] = [];
      for (const k of CONCEPTS) {
        t = performance.now();
        const o = await solveConcept(c, k, { space: s, M });
        cells.push(ms(t).padEnd(12));
        notes.push(o ? `${o.engine} ${o.nodes}` : 'none');
      }
      console.log(`   seed ${seed}, reservation ${String(res).padEnd(3)} ${tIdeal.padEnd(13)} ${cells.join(' ')} (${notes.join(', ')})`);
    }
  }

  if (wanted(3)) {
    console.log('\n3. Exact 2-party Pareto frontier, 60 issues × 3 options (3^60 ≈ 4.2e28 outcomes)');
    for (const seed of [11, 12, 13]) {
      const c = compileDomain(randomDomain(seed, 60, 3, 2));
      paretoFrontier(c); // warm-up
      t = performance.now();
      const f = paretoFrontier(c);
      console.log(`   seed ${seed}: ${ms(t)}  (${f.points.length} frontier points, ${f.size} packages, exact: ${f.exact})`);
    }
    const c3 = compileDomain(randomDomain(21, 30, 3, 3));
    t = performance.now();
    const f3 = paretoFrontier(c3);
    console.log(`   (3 parties, 30 issues × 3 options: ${ms(t)}, ${f3.points.length} points, exact: ${f3.exact})`);
  }

  if (wanted(4)) {
    console.log('\n4. Exact Pareto frontier by parties and issues (3 options per issue), side by side');
    console.log('   parties  issues  wall          CPU        distinct points   packages        exact');
    for (const P of [2, 4, 6]) {
      for (const I of [12, 20, 30]) {
        const c = compileDomain(randomDomain(4000 + P * 100 + I, I, 3, P));
        t = performance.now();
        const c0 = process.cpuUsage();
        const f = paretoFrontier(c);
        const tf = ms(t);
        const cpu = cpuSince(c0);
        const size = f.exact ? String(f.distinct) : `${f.bound!.atLeast}–${f.bound!.atMost.toExponential(2)} (bounds)`;
        console.log(`   ${String(P).padEnd(8)} ${String(I).padEnd(7)} ${tf.padEnd(13)} ${cpu.padEnd(10)} ${size.padEnd(17)} ${String(f.outcomes ?? `${f.points.length} shown`).padEnd(15)} ${f.exact}`);
      }
    }
  }

  if (wanted(5)) {
    console.log('\n5. Whole-process `accord solve` (fresh child process: start, read, solve, print JSON)');
    console.log(`   ${'domain'.padEnd(34)} ${'flags'.padEnd(11)} ${'wall'.padStart(11)}  ${'CPU'.padStart(8)}  ${'peak RSS'.padStart(9)}   answer`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-solve-'));
    try {
      for (const [I, O, P, seed] of [
        [30, 5, 6, 1],
        [60, 3, 2, 11],
      ] as const) {
        const file = path.join(dir, `d-${I}-${O}-${P}.json`);
        writeFileSync(file, JSON.stringify(randomDomain(seed, I, O, P)));
        for (const extra of [[], ['--frontier']]) {
          const args = ['bin/accord.mjs', 'solve', file, '--json', ...extra];
          spawnSync(process.execPath, args, { encoding: 'utf8' }); // warm-up (build check, file cache)
          const r = runChild(args, dir);
          const wall = `${r.wallMs.toFixed(0)} ms`;
          const cpu = r.cpuS === null ? 'n/a' : `${(r.cpuS * 1000).toFixed(0)} ms`;
          const rss = r.maxRssMb === null ? 'n/a' : `${r.maxRssMb.toFixed(0)} MB`;
          let note = `exit ${r.status}`;
          if (r.status === 0) {
            const j = JSON.parse(r.stdout) as { paretoSize: number | null; details: { answerMs: number; pareto: { note: string } } };
            note = `answer ${j.details.answerMs} ms in-process, paretoSize ${j.paretoSize}${extra.length ? `; ${j.details.pareto.note.slice(0, 90)}` : ''}`;
          }
          console.log(
            `   ${`${P} parties × ${I} issues × ${O} options`.padEnd(34)} ${(extra.join(' ') || '(default)').padEnd(11)} ${wall.padStart(11)}  ${cpu.padStart(8)}  ${rss.padStart(9)}   ${note}`,
          );
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
