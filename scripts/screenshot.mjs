#!/usr/bin/env node
// Regenerates the screenshots in docs/: every view of the workbench at 1280×800 and 390×844
// (docs/screens/<view>-<width>.png, by scripts/screenshots.ts) and docs/screenshot-workbench.png
// (point 21 of the 28-point draft open, from the browser end-to-end run: web/e2e.test.ts writes it
// when ACCORD_SCREENSHOT names a path). Options after the script name go to screenshots.ts
// (`--only overview,text`, `--theme dark`). Needs Debian's Chromium at /usr/bin/chromium.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const views = spawnSync('npx', ['tsx', 'scripts/screenshots.ts', ...args], { stdio: 'inherit' });
if (views.status !== 0) process.exit(views.status ?? 1);
if (args.length) process.exit(0);
const out = 'docs/screenshot-workbench.png';
const r = spawnSync('npx', ['vitest', 'run', 'web/e2e.test.ts', '-t', 'point 21'], {
  stdio: 'inherit',
  env: { ...process.env, ACCORD_SCREENSHOT: out },
});
if (r.status === 0) console.log(`wrote ${out}`);
process.exit(r.status ?? 1);
