/**
 * Screenshots of every view of the workbench at a laptop size (1366×900) and a phone size (390×844),
 * over a temporary SQLite copy of the example process, in Debian's Chromium. Writes
 * `docs/screens/<view>-<width>.png` (the visible screen, not the whole page) and prints each file.
 * Run by `node scripts/screenshot.mjs`; `--only overview,text` limits the views; `--theme dark`
 * takes them in dark mode (files end in `-dark`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs/screens');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A view to photograph: its hash route, what to wait for, and an optional step before the picture. */
interface Shot {
  name: string;
  hash: string;
  ready: string;
  before?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'overview', hash: '#/overview', ready: '.overview-picture svg' },
  { name: 'text', hash: '#/text', ready: '.plan' },
  {
    name: 'text-point',
    hash: '#/text',
    ready: '.plan',
    before: async (page) => {
      await page.locator('[data-point-button]').nth(4).click();
      await page.locator('#point-panel .stance-entry').first().waitFor();
    },
  },
  { name: 'compare', hash: '#/compare', ready: 'table, .pairs, .compare' },
  { name: 'positions', hash: '#/positions', ready: 'table.matrix' },
  { name: 'analysis', hash: '#/analysis', ready: 'table.packages, .no-package, h2' },
  { name: 'record', hash: '#/record', ready: '.timeline' },
  { name: 'reports', hash: '#/reports', ready: 'textarea' },
  { name: 'edit', hash: '#/edit', ready: 'form' },
  { name: 'briefing', hash: '#/briefing', ready: 'h1' },
];

const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : null;
  const dark = args.includes('--theme') && args[args.indexOf('--theme') + 1] === 'dark';
  await ensureWebBuilt();
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-shots-'));
  const store = await openSqliteStore(path.join(tmp, 'shots.db'));
  await store.importProcess(readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data, { actor: 'screenshots' });
  const server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    for (const size of SIZES) {
      const ctx = await browser.newContext({ viewport: size, colorScheme: dark ? 'dark' : 'light', deviceScaleFactor: 1 });
      for (const shot of SHOTS) {
        if (only && !only.includes(shot.name)) continue;
        const page = await ctx.newPage();
        await page.goto(`${server.url}/${shot.hash}`);
        await page.locator('h1').first().waitFor();
        await page.locator(shot.ready).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
        if (shot.before) await shot.before(page);
        await page.waitForLoadState('networkidle');
        const file = path.join(OUT, `${shot.name}-${size.width}${dark ? '-dark' : ''}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${path.relative(ROOT, file)}`);
        await page.close();
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
