/**
 * The PDF briefing with a warm browser: the example's briefing HTML printed once cold (the shared
 * Chromium launched, src/report/pdf.ts) and then again and again on the same browser, as the server
 * does for each "Download PDF". Prints the cold time, the warm median, p95 and worst, the launches
 * and prints counted by the module, and the load average (the machine is shared).
 *
 * Run: `nice npx tsx bench/pdf.bench.ts [runs]` (default 15 warm prints).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderBriefing } from '../src/report/briefing.js';
import { CHROMIUM_PATH, closePdfBrowser, htmlToPdf, pdfStats } from '../src/report/pdf.js';
import { readBundle } from '../src/store/bundle.js';

const EXAMPLE = fileURLToPath(new URL('../examples/russia-ukraine-2025', import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

if (!existsSync(CHROMIUM_PATH)) {
  console.log(`PDF bench: skipped (no Chromium at ${CHROMIUM_PATH})`);
} else {
  const { data } = readBundle(EXAMPLE);
  const html = renderBriefing(data, { format: 'html' });
  console.log(`briefing HTML ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB; load average before: ${load()}`);
  let t0 = performance.now();
  const first = await htmlToPdf(html);
  console.log(`cold print (browser launch included): ${(performance.now() - t0).toFixed(0)} ms, ${(first.length / 1024).toFixed(0)} KiB`);
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await htmlToPdf(html);
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  const at = (q: number) => ts[Math.min(ts.length - 1, Math.floor(q * ts.length))]!;
  console.log(`warm print: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, worst ${ts.at(-1)!.toFixed(0)} ms, best ${ts[0]!.toFixed(0)} ms (${runs} prints)`);
  const s = pdfStats();
  console.log(`launches ${s.launches}, prints ${s.prints}, pages opened ${s.pages}; load average after: ${load()}`);
  await closePdfBrowser();
}
