/**
 * The Record read page by page (issue 18), end to end in Debian's Chromium (playwright-core) over a
 * generated store: the example process plus 260 generated events (one a day through 2019, before
 * every event of the example), 303 events in all. The view shows the first 100, newest first, with
 * how many there are; "load more", pressed from the keyboard, adds the next 100 in order and moves
 * the focus to the first of them; the presses that follow show the rest and the button goes. Expected
 * orders are computed here from the data (days sorted), independently of the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessData } from '../src/model/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { axeViolations } from '../test/support/axe.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const EXTRA = 260;

let tmp: string;
let data: ProcessData;
let store: Store;
let server: RunningServer;
let browser: Browser;

/** The first day a (possibly reduced) ISO date stands for. */
const day = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-more-'));
  const example = readBundle(EXAMPLE).data;
  const model = example.events[0]!;
  const extra = Array.from({ length: EXTRA }, (_, i) => {
    const d = new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10);
    return { ...model, id: `gen-ev-${String(i).padStart(3, '0')}`, title: `Generated meeting ${i + 1}`, start: d, end: undefined, note: undefined };
  });
  data = { ...example, events: [...example.events, ...extra] };
  store = await openSqliteStore(path.join(tmp, 'more.db'));
  await store.importProcess(data, { actor: 'e2e' });
  server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('Record: load more', () => {
  it('shows the first 100 events newest first, then the next pages on "load more" from the keyboard', async () => {
    const total = data.events.length;
    const newest = data.events.map((e) => day(e.start)).sort((a, b) => b.localeCompare(a));
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/record`);
    const items = page.locator('ol.timeline > li > article');
    const dates = page.locator('ol.timeline article .tl-date time:first-child');
    await items.first().waitFor();
    expect(await items.count()).toBe(100);
    expect((await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!))).map(day)).toEqual(newest.slice(0, 100));
    const more = page.locator('.load-more');
    expect(await more.locator('p').innerText()).toBe(`100 events shown of ${total}`);
    const button = more.getByRole('button', { name: 'Load 100 more' });

    await button.focus();
    await page.keyboard.press('Enter');
    await poll(() => items.count()).toBe(200);
    expect((await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!))).map(day)).toEqual(newest.slice(0, 200));
    // The focus is on the first event the page added.
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await items.nth(100).getAttribute('id'));
    expect(await more.locator('p').innerText()).toBe(`200 events shown of ${total}`);

    // On to the end, with the space bar: each press says how many it adds.
    for (let shown = 200; shown < total; shown += 100) {
      const next = more.getByRole('button', { name: `Load ${Math.min(100, total - shown)} more` });
      await next.focus();
      await page.keyboard.press(' ');
      await poll(() => items.count()).toBe(Math.min(total, shown + 100));
    }
    expect((await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!))).map(day)).toEqual(newest);
    expect(await page.locator('.load-more').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('pages oldest first too, and opens an event of a later page named in the address', async () => {
    const oldest = data.events.map((e) => day(e.start)).sort((a, b) => a.localeCompare(b));
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/record?order=oldest`);
    const dates = page.locator('ol.timeline article .tl-date time:first-child');
    await dates.first().waitFor();
    expect((await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!))).map(day)).toEqual(oldest.slice(0, 100));
    // Newest first, the oldest generated event is on the third page: the view reads on to it.
    await page.goto(`${server.url}/#/record?event=gen-ev-000`);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('event-gen-ev-000');
    await ctx.close();
  });
});
