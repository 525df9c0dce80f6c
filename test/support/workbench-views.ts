/**
 * The workbench's views as a visitor meets them, shared by the screenshots script
 * (scripts/screenshots.ts), the timing benchmark (bench/views.bench.ts) and the accessibility test
 * over every view (web/e2e-every-view.test.ts):
 *
 * - `startExample()` serves a temporary SQLite copy of the example process on 127.0.0.1 (port
 *   chosen by the system) and opens Debian's Chromium (headless, with the project's flags);
 * - `listViews(page)` reads the views from the page's own navigation (`nav a[data-view]`), so a view
 *   added to the workbench is photographed, timed and checked without being listed here;
 * - `waitUsable(page, view)` waits until the view's main content is on screen and no part of it is
 *   still loading (the definition of "usable" that the benchmark times).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningServer, serve } from '../../src/server/serve.js';
import { ensureWebBuilt } from '../../src/server/web-build.js';
import { readBundle } from '../../src/store/bundle.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The example process every view is shown on. */
export const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
/** Debian's Chromium, headless, with the flags the project's browser tests use. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The two sizes every view is shown at: a desktop screen and a phone (CSS pixels). */
export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * The main content of each known view (a CSS selector inside `main`): what a user came to the view
 * for. A view without an entry is usable once its heading is shown and nothing in it is loading.
 */
const MAIN_CONTENT: Record<string, string> = {
  overview: '.overview-picture svg',
  text: '.plan [data-point-button]',
  compare: 'table.compare-table tbody tr',
  positions: 'table.matrix tbody tr',
  analysis: 'table.data tbody tr',
  record: '.timeline li',
  reports: '.ingest-form textarea',
  edit: '.edit-form',
  briefing: '.briefing-frame',
};

/** The selector `waitUsable` waits for in the view `view`. */
export const mainContentOf = (view: string) => `main ${MAIN_CONTENT[view] ?? 'h1'}`;

/** A running example: the server's base URL, the browser, and one call that stops both. */
export interface Example {
  url: string;
  browser: Browser;
  store: Store;
  server: RunningServer;
  close(): Promise<void>;
}

/** Builds the web bundle if it is stale, imports the example into a temporary SQLite store, serves it on 127.0.0.1 and opens Chromium. */
export async function startExample(): Promise<Example> {
  await ensureWebBuilt({ log: () => undefined });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-views-'));
  const store = await openSqliteStore(path.join(tmp, 'views.db'));
  await store.importProcess(readBundle(EXAMPLE).data, { actor: 'views' });
  const server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return {
    url: server.url,
    browser,
    store,
    server,
    async close() {
      await browser.close();
      await server.close();
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A view as the navigation names it: its route (`data-view` of its tab) and the tab's label. */
export interface ViewTab {
  id: string;
  label: string;
}

/** The views of the workbench, in navigation order, as the page's navigation lists them. */
export async function listViews(page: Page): Promise<ViewTab[]> {
  await page.locator('nav a[data-view]').first().waitFor({ state: 'attached' });
  return page
    .locator('nav a[data-view]')
    .evaluateAll((as) => as.map((a) => ({ id: a.getAttribute('data-view') ?? '', label: (a.textContent ?? '').trim() })).filter((v) => v.id));
}

/**
 * When `view` became usable, in ms since the page's navigation started (the page's own
 * `performance.now()` at the first animation frame where its main content was visible and nothing in
 * `main` said "Loading…"). Waits up to `timeout` ms.
 */
export async function usableAt(page: Page, view: string, timeout = 15_000): Promise<number> {
  const handle = await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector);
      if (!el || el.getClientRects().length === 0) return false;
      if ([...document.querySelectorAll('main [role="status"]')].some((s) => /^\s*Loading/i.test(s.textContent ?? ''))) return false;
      return performance.now();
    },
    mainContentOf(view),
    { timeout, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Waits until `view` is usable: its main content (see `mainContentOf`) is visible and `main` holds no
 * "Loading…" status. Throws (playwright's timeout error) after `timeout` ms.
 */
export async function waitUsable(page: Page, view: string, timeout = 15_000): Promise<void> {
  await page.locator(mainContentOf(view)).first().waitFor({ state: 'visible', timeout });
  await page.waitForFunction(
    () => ![...document.querySelectorAll('main [role="status"]')].some((s) => /^\s*Loading/i.test(s.textContent ?? '')),
    undefined,
    { timeout, polling: 'raf' },
  );
}
