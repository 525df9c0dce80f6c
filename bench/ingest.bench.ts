/**
 * Ingestion speed: reports processed per second over the seven corpus articles
 * (../shared/corpus/articles), with the fixture of known persons and parties. Goal: over 50 per second.
 * Run: npx tsx bench/ingest.bench.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/ingest/extract.js';
import { KNOWN_PARTIES, KNOWN_PERSONS } from '../src/ingest/fixtures/known.js';

const dir = fileURLToPath(new URL('../../shared/corpus/articles/', import.meta.url));
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => {
    const exp = JSON.parse(readFileSync(dir + f, 'utf8')) as { article: string; dateline_date: string };
    return { name: exp.article, text: readFileSync(dir + exp.article, 'utf8'), published: exp.dateline_date };
  });
const known = { parties: KNOWN_PARTIES, persons: KNOWN_PERSONS };

// Warm-up (JIT, compromise's lexicon, chrono's parsers).
for (let i = 0; i < 3; i++) for (const r of reports) extractReport(r, known);

const perReport: string[] = [];
for (const r of reports) {
  const n = 20;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) extractReport(r, known);
  const ms = (performance.now() - t0) / n;
  perReport.push(`  ${r.name.padEnd(42)} ${String(r.text.length).padStart(5)} chars  ${ms.toFixed(2)} ms`);
}

const rounds = 30;
const t0 = performance.now();
let events = 0;
let statements = 0;
for (let i = 0; i < rounds; i++) {
  for (const r of reports) {
    const out = extractReport(r, known);
    events += out.events.length;
    statements += out.statements.length;
  }
}
const secs = (performance.now() - t0) / 1000;
const total = rounds * reports.length;
console.log('ingest bench: extractReport over the corpus articles');
console.log(perReport.join('\n'));
console.log(`  ${total} reports in ${secs.toFixed(2)} s → ${(total / secs).toFixed(1)} reports/s (goal > 50/s); ${events / rounds} events and ${statements / rounds} statements per pass`);
