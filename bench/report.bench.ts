/**
 * Benchmark: the briefing and the exchange formats on the example process. Prints medians of the
 * pure renderers (briefing facts, Markdown, HTML, SVG charts, Akoma Ntoso export and import, CSV,
 * iCal), the Pareto plot data, and one PDF print through headless Chromium (when installed).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { positionsMatrix } from '../src/analysis/positions.js';
import { readBundle } from '../src/store/bundle.js';
import { aknToVersion, versionToAkn } from '../src/report/akn.js';
import { buildBriefing, renderBriefing } from '../src/report/briefing.js';
import { heatmapSvg, timelineSvg } from '../src/report/charts.js';
import { eventsCsv, matrixCsv, positionsCsv, readPositionsCsv } from '../src/report/csv.js';
import { eventsToIcs } from '../src/report/ics.js';
import { paretoPlotData } from '../src/report/pareto.js';
import { CHROMIUM_PATH, htmlToPdf } from '../src/report/pdf.js';

const EXAMPLE = fileURLToPath(new URL('../examples/russia-ukraine-2025', import.meta.url));
const { data } = readBundle(EXAMPLE);
const asOf = '2026-03-01';
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(name: string, runs: number, fn: () => unknown | Promise<unknown>, size?: (r: unknown) => string): Promise<unknown> {
  const ts: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ts.push(performance.now() - t0);
  }
  console.log(`${name.padEnd(40)} ${median(ts).toFixed(2).padStart(9)} ms  (median of ${runs})${size ? '  ' + size(last) : ''}`);
  return last;
}
const kb = (r: unknown) => `${(Buffer.byteLength(String(r)) / 1024).toFixed(1)} KiB`;

console.log(`example: ${data.versions.length} versions, ${data.positions.length} positions, ${data.events.length} events`);
await time('briefing facts (buildBriefing)', 21, () => buildBriefing(data, { asOf }));
await time('briefing Markdown', 21, () => renderBriefing(data, { asOf, format: 'md' }), kb);
await time('briefing HTML', 21, () => renderBriefing(data, { asOf, format: 'html' }), kb);
const m = positionsMatrix(data, { asOf });
await time('heatmap SVG', 51, () => heatmapSvg(m), kb);
await time('timeline SVG', 51, () => timelineSvg(data.events, { asOf }), kb);
const pareto = await time('Pareto plot data (solve + frontier)', 3, () => paretoPlotData(data));
console.log(`  ${(pareto as { points: unknown[] }).points.length} dots, ${(pareto as { frontier: unknown[] }).frontier.length} frontier points`);
for (const v of data.versions) {
  const xml = (await time(`AKN export ${v.id}`, 21, () => versionToAkn(data, v.id), kb)) as string;
  await time(`AKN import ${v.id}`, 21, () => aknToVersion(xml));
}
await time('CSV matrix + positions + events', 21, () => matrixCsv(m) + positionsCsv(data) + eventsCsv(data), kb);
const sheet = positionsCsv(data);
await time('CSV positions import (all rows)', 21, () => readPositionsCsv(sheet, data));
await time('iCal of all events', 21, () => eventsToIcs(data), kb);
if (existsSync(CHROMIUM_PATH)) {
  const html = renderBriefing(data, { asOf, format: 'html', pareto: pareto as never });
  await time('PDF print (Chromium launch included)', 3, () => htmlToPdf(html), (r) => `${((r as Buffer).length / 1024).toFixed(0)} KiB`);
} else console.log('PDF print: skipped (no Chromium)');
