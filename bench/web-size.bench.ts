/**
 * Size of the built browser workbench, as a browser downloads it: builds web/ with Vite (fresh),
 * then prints the gzip size (zlib, default level 6) of what the first page load fetches — the
 * scripts and style sheets index.html names (entry and modulepreload) — and of every script and
 * style sheet of the build (the views are chunks loaded on first use). Bytes, not timed.
 *
 * Run: `npx tsx bench/web-size.bench.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt, WEB_ROOT } from '../src/server/web-build.js';

await ensureWebBuilt({ force: true, log: () => undefined });
const dist = path.join(WEB_ROOT, 'dist');
const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const all = readdirSync(path.join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`);

const sum = (files: string[]) => files.reduce((n, f) => n + gz(f), 0);
const fmt = (n: number) => n.toLocaleString('en-US');
console.log(`web bundle, gzip bytes (zlib level 6):`);
console.log(`  initial load: ${fmt(sum(initial))} in ${initial.length} files (${initial.join(', ')})`);
console.log(`  total:        ${fmt(sum(all))} in ${all.length} files`);
for (const f of all.sort((a, b) => gz(b) - gz(a))) console.log(`    ${fmt(gz(f)).padStart(8)}  ${f}${initial.includes(f) ? '  (initial)' : ''}`);
