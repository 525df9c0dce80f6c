/**
 * Acceptance over ../shared/corpus/articles: extract each report against the Russia–Ukraine fixture
 * store (./fixtures/known.ts) and score it with the matching rule of ./scoring.ts — the same rule
 * `npm run eval -- articles` uses on every set and store condition.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { KNOWN_PARTIES, KNOWN_PERSONS } from './fixtures/known.js';
import { type ExpectedArticle, ScoringWorld, scoreArticle, type Tally, truthFromStore } from './scoring.js';

const DIR = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const known = { parties: KNOWN_PARTIES, persons: KNOWN_PERSONS };
const world = new ScoringWorld(truthFromStore(KNOWN_PARTIES, KNOWN_PERSONS));

const articles = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as ExpectedArticle);

const prf = (t: Tally) => {
  const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
  const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

describe('ingest acceptance over the corpus articles', () => {
  const ev: Tally = { tp: 0, fp: 0, fn: 0 };
  const st: Tally = { tp: 0, fp: 0, fn: 0 };
  const rows: Record<string, string | number>[] = [];
  for (const art of articles) {
    const text = readFileSync(DIR + art.article, 'utf8');
    const r = extractReport({ text, published: art.dateline_date }, known);
    const s = scoreArticle(r, art, world, known);
    for (const k of ['tp', 'fp', 'fn'] as const) {
      ev[k] += s.events[k];
      st[k] += s.statements[k];
    }
    rows.push({ article: art.article.slice(0, 3), 'ev tp': s.events.tp, 'ev fp': s.events.fp, 'ev fn': s.events.fn, 'st tp': s.statements.tp, 'st fp': s.statements.fp, 'st fn': s.statements.fn });
  }
  const pe = prf(ev);
  const ps = prf(st);
  console.log(`\ningest acceptance (rule in src/ingest/scoring.ts): events F1 ${pe.f1.toFixed(2)}, statements F1 ${ps.f1.toFixed(2)}`);
  console.table(rows);

  it('finds events with F1 of at least 0.9 overall', () => {
    expect(pe.f1).toBeGreaterThanOrEqual(0.9);
  });
  it('finds statements with F1 of at least 0.85 overall', () => {
    expect(ps.f1).toBeGreaterThanOrEqual(0.85);
  });
  it('covers all seven corpus articles', () => {
    expect(articles.length).toBe(7);
  });
});
