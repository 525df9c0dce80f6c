/**
 * Drafts of a long text (issue 14, "a draft of a 2,000-point text stays responsive"): a document of
 * 2,000 points (200 axes × 10 points, every fifth point with two sub-points) on a SQLite file; a
 * draft started from it; then N saves of one point's wording through the API
 * (`POST /api/processes/:pid/drafts/:id/edits` with If-Match, in process through `app.request`, so
 * the figure is server time: routing, validation, the edit, the conditional write), and N
 * structural saves (a point moved). Prints the draft's size and the median, p95 and max save time,
 * on a SQLite file and then on PostgreSQL (a throwaway cluster, test/support/pg.ts) when its server
 * binaries are installed.
 * Run: `npx tsx bench/draft.bench.ts` (or `npm run bench -- draft`); BENCH_SAVES sets N (default 60).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { postgresBackend } from '../test/support/pg.js';

const N = Number(process.env.BENCH_SAVES ?? 60);
const AXES = 200;
const PER_AXIS = 10;

/** A plan of AXES × PER_AXIS points as Markdown, with a sentence of a dozen words per point. */
function planText(): string {
  const lines: string[] = [];
  let n = 0;
  for (let a = 1; a <= AXES; a++) {
    lines.push(`## ${a}. Chapter ${a}`, '');
    for (let k = 0; k < PER_AXIS; k++) {
      n++;
      lines.push(`${n}. The parties shall implement measure ${n} of chapter ${a} within ${(n % 90) + 10} days of signature.`);
      if (n % 5 === 0) lines.push(`   a. A commission verifies measure ${n}.`, `   b. Observers report on measure ${n}.`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const q = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The saves on one store (`backend` names it in the output). */
async function run(store: Store, backend: string): Promise<void> {
  await store.importProcess(
    {
      process: { id: 'long', name: 'Long text' },
      parties: [{ id: 'med', name: 'Mediator', role: 'mediator' } as never],
      persons: [],
      documents: [{ id: 'plan', title: 'Plan', kind: 'plan', proponents: ['med'] } as never],
      versions: [],
      sources: [],
      evidence: [],
      positions: [],
      events: [],
      domains: [],
    },
    { actor: 'bench' },
  );
  const app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false });
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await app.request(url, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const json = (await r.json()) as Record<string, any>;
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return { json, etag: r.headers.get('etag') ?? '' };
  };
  const P = '/api/processes/long';
  let t0 = performance.now();
  await call('POST', `${P}/texts`, { document: 'plan', text: planText(), format: 'markdown', date: '2025-01-01' });
  const tVersion = performance.now() - t0;
  t0 = performance.now();
  const created = await call('POST', `${P}/drafts`, { basedOn: 'plan-v1', id: 'd1' });
  const tDraft = performance.now() - t0;
  const points = (created.json.draft.provisions as { children: { lineage: string; text: string }[] }[]).flatMap((a) => a.children);
  const bytes = Buffer.byteLength(JSON.stringify(created.json.draft));

  let etag = created.etag;
  const typing: number[] = [];
  for (let i = 0; i < N; i++) {
    const p = points[(i * 37) % points.length]!;
    t0 = performance.now();
    const r = await call('POST', `${P}/drafts/d1/edits`, { ops: [{ op: 'set', lineage: p.lineage, text: `${p.text} Edit ${i}.` }] }, { 'if-match': etag });
    typing.push(performance.now() - t0);
    etag = r.etag;
  }
  const moving: number[] = [];
  for (let i = 0; i < Math.max(10, Math.floor(N / 3)); i++) {
    const p = points[(i * 53) % points.length]!;
    t0 = performance.now();
    const r = await call('POST', `${P}/drafts/d1/edits`, { ops: [{ op: 'move', lineage: p.lineage, parent: null, index: 0 }] }, { 'if-match': etag });
    moving.push(performance.now() - t0);
    etag = r.etag;
  }
  console.log(`draft of ${points.length} points (${(bytes / 1024).toFixed(0)} kB of JSON) on ${backend}; version from text ${ms(tVersion)}, draft started ${ms(tDraft)}`);
  console.log(`typing in a point and saving (${typing.length} saves, If-Match): median ${ms(q(typing, 0.5))}, p95 ${ms(q(typing, 0.95))}, max ${ms(Math.max(...typing))}`);
  console.log(`moving a point and saving (${moving.length} saves, whole draft answered): median ${ms(q(moving, 0.5))}, p95 ${ms(q(moving, 0.95))}, max ${ms(Math.max(...moving))}`);
  console.log(`target on ${backend}: typing and saving < 100 ms server time — ${q(typing, 0.95) < 100 ? 'met' : 'NOT met'} at p95`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-draft-bench-'));
const sqlite = await openSqliteStore(path.join(dir, 'bench.db'));
try {
  await run(sqlite, 'SQLite');
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
const pg = await postgresBackend();
if (pg) {
  const store = await pg.open();
  try {
    await run(store, 'PostgreSQL');
  } finally {
    await store.close();
  }
} else console.log('PostgreSQL: server binaries not found, not measured');
process.exit(0);
