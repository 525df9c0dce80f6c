#!/usr/bin/env node
// Regenerates docs/screenshot-workbench.png from the browser end-to-end run (web/e2e.test.ts writes
// the screenshot when ACCORD_SCREENSHOT names a path). Needs Debian's Chromium at /usr/bin/chromium.
import { spawnSync } from 'node:child_process';

const out = process.argv[2] ?? 'docs/screenshot-workbench.png';
const r = spawnSync('npx', ['vitest', 'run', 'web/e2e.test.ts', '-t', 'point 21'], {
  stdio: 'inherit',
  env: { ...process.env, ACCORD_SCREENSHOT: out },
});
if (r.status === 0) console.log(`wrote ${out}`);
process.exit(r.status ?? 1);
