/**
 * Server and workbench figures (issue 3):
 *  1. autocannon, 100 connections for 10 s, against the positions-matrix route and a trivial route
 *     (/api/health) of the same server: requests per second, p50 and p99 latency, and the ratio of
 *     the two throughputs (how close the real route comes to the framework's own limit);
 *  2. the size of the UI's JavaScript, raw and gzip-compressed;
 *  3. the time to first render of the overview in Debian's Chromium (cold browser context each run).
 *
 * The server runs as a child process (`accord serve`, request logs at info level written to a file of
 * the temporary folder, as a log file would be) over a temporary SQLite copy of the example, so the
 * load generator does not share its event loop (nor read the server's log through a pipe). The load
 * average is printed beside the figures: on a shared machine they are the machine's only when it is low.
 * Run: `npx tsx bench/server.bench.ts` (or `npm run bench -- server`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PID = 'russia-ukraine-2025';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

async function startServer(db: string, logFile: string): Promise<{ child: ChildProcess; url: string }> {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/accord.mjs'), 'serve', '--db', db, '--port', '0', '--no-build', '--process', PID], {
    env: { ...process.env, ACCORD_LOG_LEVEL: 'info' },
    stdio: ['ignore', fd, 'ignore'],
  });
  closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 600; i++) {
    const m = /Accord workbench: (http:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
    if (m) return { child, url: m[1]! };
    if (exited !== undefined) throw new Error(`server exited with ${exited}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the server printed no URL in 60 s');
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const r = await autocannon({ url, connections: 100, duration: DURATION, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx - (headers['If-None-Match'] ? r['3xx'] : 0) };
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await ensureWebBuilt({ log: (m) => console.log(m) });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  const db = path.join(tmp, 'accord.db');
  const store = await openSqliteStore(db);
  await store.importProcess(readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data, { actor: 'bench' });
  await store.close();
  const { child, url } = await startServer(db, path.join(tmp, 'server.log'));
  try {
    const matrixUrl = `${url}/api/processes/${PID}/matrix?asOf=2025-12-31`;
    const trivialUrl = `${url}/api/health`;
    // warm up
    for (let i = 0; i < 50; i++) await (await fetch(matrixUrl)).arrayBuffer();
    const first = await fetch(matrixUrl);
    const tag = first.headers.get('etag') ?? '';
    const rows = (await first.json()) as { rows: unknown[]; parties: unknown[] };
    const loadAvg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`HTTP load: autocannon, 100 connections, ${DURATION} s each, server in a child process (${os.cpus().length} cores, load average ${loadAvg()})`);
    const trivial = await load(trivialUrl);
    const matrix = await load(matrixUrl);
    const revalidated = tag ? await load(matrixUrl, { 'If-None-Match': tag }) : undefined;
    const line = (name: string, l: Load) =>
      `  ${name.padEnd(44)} ${l.rps.toFixed(0).padStart(7)} req/s   p50 ${ms(l.p50).padStart(7)}   p99 ${ms(l.p99).padStart(7)}${l.errors || l.non2xx ? `   (${l.errors} errors, ${l.non2xx} non-2xx)` : ''}`;
    console.log(line('GET /api/health (trivial)', trivial));
    console.log(line(`GET …/matrix (${rows.rows.length} points × ${rows.parties.length} parties)`, matrix));
    if (revalidated) console.log(line('  the same, If-None-Match its ETag (304)', revalidated));
    console.log(`  ratio matrix / trivial: ${((matrix.rps / trivial.rps) * 100).toFixed(1)} % of the framework's throughput (load average ${loadAvg()})`);

    const assets = path.join(ROOT, 'web/dist/assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const raw = js.reduce((n, f) => n + readFileSync(path.join(assets, f)).length, 0);
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
    console.log(`\nUI JavaScript (${js.length} file${js.length === 1 ? '' : 's'}): ${kb(raw)} raw, ${kb(gz)} gzip -9`);

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const fcp: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 7; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.locator('ol.contested > li').first().waitFor();
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return { fcp: paint ? paint.startTime : NaN, now: performance.now(), start: nav.startTime };
      });
      if (i > 0) {
        fcp.push(t.fcp);
        ready.push(t.now - t.start);
      }
      await ctx.close();
    }
    await browser.close();
    console.log(`\nOverview in Chromium (cold context, median of ${ready.length}):`);
    console.log(`  first contentful paint               ${ms(median(fcp))}`);
    console.log(`  briefing rendered (data loaded)      ${ms(median(ready))}`);
  } finally {
    child.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
