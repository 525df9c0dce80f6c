/**
 * How soon each view of the workbench is usable on the example process, in Debian's Chromium
 * (headless) against the server on 127.0.0.1: for every view the navigation lists, at a desktop
 * (1280×800) and a phone (390×844) size, the ms from the start of navigation to the first frame where
 * the view's main content is shown and nothing in it is loading (test/support/workbench-views.ts
 * `usableAt`, timed by the page's own clock). "cold" opens the view's URL in a fresh browser context
 * (empty cache: the shell, the view's chunk and its data are all fetched); "warm" opens it again in
 * the same context (scripts cached, data fetched again). Median, best and worst of `--runs` (default
 * 3), with the machine's load average before and after: on a shared machine the best of several
 * runs is the figure least disturbed by other work. `--views a,b` times only those views.
 * Target: every view < 1,000 ms. Prints figures; asserts nothing.
 *
 * Run: `npx tsx bench/views.bench.ts [--runs N] [--views overview,text]`
 */
import os from 'node:os';
import { listViews, SIZES, startExample, usableAt } from '../test/support/workbench-views.js';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(opt('--runs') ?? 3);
const only = opt('--views')?.split(',');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const TARGET_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (n: number) => `${Math.round(n)}`.padStart(6);

console.log(`load average (1, 5, 15 min) at start: ${load()} on ${os.cpus().length} cores`);
const example = await startExample();
let worst = 0;
try {
  for (const [name, viewport] of Object.entries(SIZES)) {
    const probe = await example.browser.newContext({ viewport });
    const first = await probe.newPage();
    await first.goto(`${example.url}/#/overview`);
    const views = (await listViews(first)).filter((v) => !only || only.includes(v.id));
    await probe.close();
    console.log(`\n${name} ${viewport.width}×${viewport.height}, ms from navigation to usable (median / best / worst of ${runs}):`);
    console.log(`  ${'view'.padEnd(12)} ${'cold'.padStart(6)} ${'best'.padStart(6)} ${'worst'.padStart(6)}   ${'warm'.padStart(6)} ${'best'.padStart(6)} ${'worst'.padStart(6)}`);
    for (const { id } of views) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let r = 0; r < runs; r++) {
        const ctx = await example.browser.newContext({ viewport });
        const page = await ctx.newPage();
        await page.goto(`${example.url}/#/${id}`, { waitUntil: 'commit' });
        cold.push(await usableAt(page, id));
        await page.goto('about:blank');
        await page.goto(`${example.url}/#/${id}`, { waitUntil: 'commit' });
        warm.push(await usableAt(page, id));
        await ctx.close();
      }
      const w = Math.max(...cold, ...warm);
      worst = Math.max(worst, w);
      const over = Math.max(median(cold), median(warm)) >= TARGET_MS ? '   median over the 1,000 ms target' : '';
      console.log(`  ${id.padEnd(12)} ${ms(median(cold))} ${ms(Math.min(...cold))} ${ms(Math.max(...cold))}   ${ms(median(warm))} ${ms(Math.min(...warm))} ${ms(Math.max(...warm))}${over}`);
    }
  }
} finally {
  await example.close();
}
console.log(`\nslowest view, any size, any run: ${Math.round(worst)} ms (target < ${TARGET_MS} ms)`);
console.log(`load average (1, 5, 15 min) at end: ${load()}`);
