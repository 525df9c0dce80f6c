/**
 * Scale figures per tier (issue 18), on generated processes 10×, 100× and 1,000× the example
 * (bench/scale/generate.ts, seeded; bundles cached in bench/.out/, which git ignores):
 *  1. `accord import` of the bundle into a fresh SQLite file: wall time and peak memory (max RSS of
 *     the CLI process, from /usr/bin/time), then `accord export` the same way, and `accord status` /
 *     the Markdown briefing: time and size;
 *  2. every GET route of the API: size of one response, then p50/p99 latency and requests/s with
 *     autocannon at 10 and at 100 connections (server in a child process, `accord serve`);
 *  3. every view of the workbench in Debian's Chromium: time from navigation to interactive (the
 *     view's content shown, no "Loading…" status left), cold browser context, first and second visit.
 * With `--pg`, step 2 also runs against PostgreSQL (throwaway cluster, test/support/pg.ts) at 10
 * connections. Figures only: nothing here asserts a time.
 *
 * Run: `npx tsx bench/scale.bench.ts [--tiers 10,100,1000] [--pg] [--pg-only] [--no-http] [--no-views]
 *       [--routes NAME,NAME] [--duration S] [--json FILE]` (or `npm run bench -- scale`). Each figure
 * is printed with the load average of the moment; a server that dies is reported with its last
 * stderr lines, and the run goes on with the next store.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { ensureScaleBundle, TIERS, type Tier, tierSize } from './scale/generate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin/accord.mjs');
const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const value = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const tiers = (value('--tiers') ?? TIERS.join(',')).split(',').map(Number) as Tier[];
const DURATION = Number(value('--duration') ?? process.env.BENCH_DURATION ?? 3);

const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms` : '—');
const size = (b: number) => (b < 1024 ? `${b} B` : b < 1048576 ? `${(b / 1024).toFixed(1)} kB` : `${(b / 1048576).toFixed(1)} MB`);

/** Run the CLI under /usr/bin/time: wall seconds, max RSS in MB, stdout. */
function timedCli(cliArgs: string[], env: Record<string, string> = {}): { s: number; mb: number; out: string; code: number | null; err: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M', process.execPath, CLI, ...cliArgs], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const m = /@@time ([\d.]+) (\d+)/.exec(r.stderr);
  return { s: m ? Number(m[1]) : NaN, mb: m ? Number(m[2]) / 1024 : NaN, out: r.stdout, code: r.status, err: r.stderr.replace(/@@time.*\n?/, '').trim() };
}

/** A server under measure: its process, address, and the tail of what it wrote to stderr. */
interface Served {
  child: ChildProcess;
  url: string;
  /** Set when the server process ended (code or signal), with its last stderr lines. */
  gone?: string;
}

async function startServer(db: string, pid: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', '--no-build', '--process', pid], {
    env: { ...process.env, ACCORD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  return new Promise((resolve, reject) => {
    let served: Served | undefined;
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Accord workbench: (http:\/\/\S+)/.exec(out);
      if (m && !served) resolve((served = { child, url: m[1]! }));
    });
    child.on('exit', (code, signal) => {
      const why = `server exited (${signal ?? `code ${code}`})${err.trim() ? `; its last words: ${err.trim().split('\n').slice(-6).join(' | ')}` : ''}`;
      if (served) served.gone = why;
      else reject(new Error(why));
    });
  });
}

/** The GET routes measured, with the query each needs on a generated process. */
function routesOf(pid: string): { name: string; path: string }[] {
  const p = `/api/processes/${pid}`;
  const asOf = '2024-12-31';
  return [
    { name: 'health (trivial)', path: '/api/health' },
    { name: 'process', path: p },
    { name: 'matrix', path: `${p}/matrix?asOf=${asOf}` },
    { name: 'contested', path: `${p}/contested?asOf=${asOf}` },
    { name: 'matrix (100 rows)', path: `${p}/matrix?asOf=${asOf}&limit=100` },
    { name: 'timeline', path: `${p}/timeline` },
    { name: 'timeline (page 100)', path: `${p}/timeline?limit=100&sort=-date` },
    { name: 'record', path: `${p}/record` },
    { name: 'record (page 50)', path: `${p}/record?limit=50` },
    { name: 'status', path: `${p}/status?asOf=${asOf}` },
    { name: 'point', path: `${p}/points/doc-1-17?asOf=${asOf}` },
    { name: 'version text', path: `${p}/versions/doc-1-v1/text` },
    { name: 'compare', path: `${p}/compare?from=doc-1-v1&to=doc-1-v2` },
    { name: 'rounds', path: `${p}/rounds` },
    { name: 'briefing (html)', path: `${p}/briefing?asOf=${asOf}` },
    { name: 'parties', path: `${p}/parties` },
    { name: 'persons', path: `${p}/persons` },
    { name: 'documents', path: `${p}/documents` },
    { name: 'versions', path: `${p}/versions` },
    { name: 'sources', path: `${p}/sources` },
    { name: 'evidence', path: `${p}/evidence` },
    { name: 'evidence (page 100)', path: `${p}/evidence?limit=100&sort=-date` },
    { name: 'positions', path: `${p}/positions` },
    { name: 'positions (page 100)', path: `${p}/positions?limit=100&party=p04` },
    { name: 'events', path: `${p}/events` },
    { name: 'event', path: `${p}/events/ev-00001` },
    { name: 'reports', path: `${p}/reports` },
    { name: 'export (bulk)', path: `${p}/export` },
  ];
}

interface RouteFigure {
  name: string;
  status: number;
  bytes: number;
  firstMs: number;
  c10?: { rps: number; p50: number; p99: number; bad: number };
  c100?: { rps: number; p50: number; p99: number; bad: number };
}

async function loadRoute(url: string, connections: number) {
  const r = await autocannon({ url, connections, duration: DURATION, timeout: 20 } as Parameters<typeof autocannon>[0]);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.timeouts + r.non2xx };
}

/** Responses larger than this are fetched once, not loaded with autocannon (whole lists at 1,000×). */
const BIG = 4 * 1048576;

/** The 1-minute load average, printed beside each figure (other work shares the machine). */
const load = () => `load ${os.loadavg()[0]!.toFixed(1)}`;

async function benchRoutes(server: Served, pid: string, conns: number[]): Promise<RouteFigure[]> {
  const { url } = server;
  const out: RouteFigure[] = [];
  const only = value('--routes')?.split(',');
  for (const r of routesOf(pid).filter((x) => !only || only.includes(x.name))) {
    // let requests left over from the previous route drain first; a server that went away ends the run of this store
    try {
      await (await fetch(url + '/api/health', { signal: AbortSignal.timeout(120_000) })).arrayBuffer();
    } catch (e) {
      await new Promise((res) => setTimeout(res, 200));
      console.log(`    before ${r.name}: the server does not answer (${(e as Error).message}${(e as { cause?: Error }).cause ? `: ${(e as { cause: Error }).cause.message}` : ''})${server.gone ? `; ${server.gone}` : ''}`);
      if (server.gone) break;
      continue;
    }
    const t0 = performance.now();
    let f: RouteFigure;
    try {
      const res = await fetch(url + r.path, { signal: AbortSignal.timeout(120_000) });
      const body = await res.arrayBuffer();
      f = { name: r.name, status: res.status, bytes: body.byteLength, firstMs: performance.now() - t0 };
    } catch (e) {
      // a route that does not answer within 2 minutes is a figure too, not the end of the run
      console.log(`    ${r.name.padEnd(18)} no answer after ${ms(performance.now() - t0)} (${(e as Error).message})  ${load()}`);
      out.push({ name: r.name, status: 0, bytes: NaN, firstMs: NaN });
      continue;
    }
    if (f.bytes > BIG) console.log(`    ${r.name.padEnd(18)} ${String(f.status)} ${size(f.bytes).padStart(9)} first ${ms(f.firstMs).padStart(8)}  (not loaded: over ${size(BIG)}, the unpaged form)  ${load()}`);
    if (f.bytes > BIG) {
      out.push(f);
      continue;
    }
    if (f.status < 400) {
      if (conns.includes(10)) f.c10 = await loadRoute(url + r.path, 10);
      if (conns.includes(100)) f.c100 = await loadRoute(url + r.path, 100);
    }
    out.push(f);
    const c = (x?: RouteFigure['c10']) => (x ? `${x.rps.toFixed(0).padStart(6)} req/s p50 ${ms(x.p50).padStart(8)} p99 ${ms(x.p99).padStart(8)}${x.bad ? ` (${x.bad} bad)` : ''}` : '');
    console.log(`    ${r.name.padEnd(18)} ${String(f.status)} ${size(f.bytes).padStart(9)} first ${ms(f.firstMs).padStart(8)}  ${f.c10 ? `c10: ${c(f.c10)}` : ''}  ${f.c100 ? `c100: ${c(f.c100)}` : ''}  ${load()}`);
  }
  return out;
}

/** Views and what shows that each is interactive (its content, not the loading status). */
const VIEWS: { view: string; ready: string }[] = [
  { view: '', ready: 'main h1' },
  { view: 'text', ready: '#plan-h' },
  { view: 'positions', ready: 'table.matrix' },
  { view: 'record', ready: 'ol.timeline' },
  { view: 'compare', ready: 'tr.pair' },
  { view: 'analysis', ready: 'main h1' },
  { view: 'reports', ready: 'main h1' },
  { view: 'edit', ready: 'form' },
];

async function benchViews(url: string): Promise<{ view: string; first: number; second: number }[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out: { view: string; first: number; second: number }[] = [];
  try {
    for (const v of VIEWS) {
      const times: number[] = [];
      for (let i = 0; i < 2; i++) {
        const ctx = await browser.newContext();
        const page = await ctx.newPage();
        let t = NaN;
        try {
          await page.goto(`${url}/#/${v.view}`, { waitUntil: 'commit' });
          await page.waitForFunction(
            (sel) => !!document.querySelector(sel) && ![...document.querySelectorAll('[role=status]')].some((e) => /^Loading/.test(e.textContent ?? '')),
            v.ready,
            { timeout: 120_000, polling: 50 },
          );
          t = await page.evaluate(() => performance.now());
        } catch {
          t = NaN;
        }
        times.push(t);
        await ctx.close();
      }
      out.push({ view: v.view || 'overview', first: times[0]!, second: times[1]! });
      console.log(`    ${(v.view || 'overview').padEnd(10)} first ${ms(times[0]!).padStart(9)}   second ${ms(times[1]!).padStart(9)}`);
    }
  } finally {
    await browser.close();
  }
  return out;
}

async function main() {
  if (!flag('--no-views')) await ensureWebBuilt({ log: (m) => console.log(m) });
  const results: Record<string, unknown>[] = [];
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; autocannon ${DURATION} s per run`);
  for (const tier of tiers) {
    const dir = ensureScaleBundle(tier, { log: console.log });
    const pid = `scale-${tier}`;
    const bundleBytes = Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
    console.log(`\n×${tier}: ${JSON.stringify(tierSize(tier))}, bundle ${size(bundleBytes)}`);
    const tmp = mkdtempSync(path.join(os.tmpdir(), `accord-scale-${tier}-`));
    const db = path.join(tmp, 'accord.db');
    const res: Record<string, unknown> = { tier, bundleBytes };
    try {
      if (!flag('--pg-only')) {
        const imp = timedCli(['import', dir, '--db', db]);
        if (imp.code !== 0) throw new Error(`import failed (${imp.code}): ${imp.err}`);
        console.log(`  import (SQLite)    ${imp.s.toFixed(2)} s, peak ${imp.mb.toFixed(0)} MB`);
        const exp = timedCli(['export', path.join(tmp, 'out'), '--db', db]);
        console.log(`  export (bundle)    ${exp.s.toFixed(2)} s, peak ${exp.mb.toFixed(0)} MB${exp.code ? ` (exit ${exp.code}: ${exp.err})` : ''}`);
        const st = timedCli(['status', '--db', db, '--as-of', '2024-12-31']);
        console.log(`  accord status      ${st.s.toFixed(2)} s, ${size(Buffer.byteLength(st.out))}`);
        const md = path.join(tmp, 'brief.md');
        const br = timedCli(['brief', '--db', db, '--as-of', '2024-12-31', '--out', md]);
        const mdBytes = br.code === 0 ? statSync(md).size : NaN;
        console.log(`  accord brief (md)  ${br.s.toFixed(2)} s, ${size(mdBytes)}`);
        Object.assign(res, { import: { s: imp.s, mb: imp.mb }, export: { s: exp.s, mb: exp.mb }, status: { s: st.s, bytes: Buffer.byteLength(st.out) }, brief: { s: br.s, bytes: mdBytes } });
        if (!flag('--no-http') || !flag('--no-views')) {
          const server = await startServer(db, pid);
          const { child, url } = server;
          try {
            if (!flag('--no-http')) {
              console.log('  API on SQLite:');
              res.sqlite = await benchRoutes(server, pid, [10, 100]);
            }
            if (!flag('--no-views')) {
              console.log('  views in Chromium (time to interactive):');
              res.views = await benchViews(url);
            }
            const rss = Number(spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim()) / 1024;
            console.log(`  server resident memory after the runs: ${rss.toFixed(0)} MB`);
            res.serverMb = rss;
          } finally {
            child.kill('SIGTERM');
          }
        }
      }
      if ((flag('--pg') || flag('--pg-only')) && !flag('--no-http')) {
        const { freshDatabase } = await import('../test/support/pg.js');
        const pgUrl = await freshDatabase('scale');
        const pimp = timedCli(['import', dir, '--db', pgUrl]);
        console.log(`  import (PostgreSQL) ${pimp.s.toFixed(2)} s, peak ${pimp.mb.toFixed(0)} MB${pimp.code ? ` (exit ${pimp.code}: ${pimp.err})` : ''}`);
        const server = await startServer(pgUrl, pid);
        try {
          console.log('  API on PostgreSQL:');
          res.postgres = await benchRoutes(server, pid, [10]);
          if (server.gone) console.log(`  ${server.gone}`);
        } finally {
          server.child.kill('SIGTERM');
        }
        res.pgImport = { s: pimp.s, mb: pimp.mb };
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    results.push(res);
  }
  const jsonOut = value('--json');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), results }, null, 2));
  console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (flag('--pg') || flag('--pg-only')) process.exit(0); // the PostgreSQL cluster stops on exit
}

await main();
