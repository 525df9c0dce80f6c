/**
 * The workbench as its users meet it (issue 16), end to end in Debian's Chromium (playwright-core):
 * the picture of the talks on Overview, the design system's dark mode, and each defect the issue
 * lists, at a laptop size (1366×900) and a phone size (390×844), over a temporary SQLite copy of
 * the example process. Expected values are computed here from the bundle's data by direct scans;
 * axe-core checks each page and fails on serious or critical violations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessData, walkProvisions } from '../src/model/schemas.js';
import { STANCE_SWATCH } from '../src/report/palette.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let tmp: string;
let data: ProcessData;
let store: Store;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-wb-'));
  data = readBundle(EXAMPLE).data;
  store = await openSqliteStore(path.join(tmp, 'wb.db'));
  await store.importProcess(data, { actor: 'e2e' });
  server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Serious or critical axe-core violations on the page. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A fresh page (its own storage) at `hash`, with every request and console error recorded. */
async function open(hash: string, viewport = LAPTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; failed: string[] }> {
  const ctx = await browser.newContext({ viewport, colorScheme });
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' }));
  const page = await ctx.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}/${hash}`);
  await page.locator('h1').first().waitFor();
  return { page, failed };
}
const close = (page: Page) => page.context().close();

const today = () => new Date().toISOString().slice(0, 10);
const day = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));

/** The text on the table today, by a direct scan: the latest version dated on or before today of the single text, else of any document that is not a counter-proposal. */
function currentText() {
  const counter = new Set(data.documents.filter((d) => d.kind === 'counter-proposal').map((d) => d.id));
  const eligible = data.versions.filter((v) => (data.process.singleText ? v.document === data.process.singleText : !counter.has(v.document)) && day(v.date) <= today());
  return eligible.sort((a, b) => day(a.date).localeCompare(day(b.date))).at(-1)!;
}

describe('Overview: a picture of the talks', () => {
  for (const [size, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const) {
    it(`draws the rounds with the meetings where each text was tabled, agreement per axis as bars and the compact heatmap (${size})`, async () => {
      const { page } = await open('#/overview', viewport);
      const rounds = page.locator('.chart-rounds svg');
      await rounds.waitFor();
      // Every version is a diamond; every (version, event where it was tabled) pair is a dashed connector.
      expect(await rounds.locator('g.version').count()).toBe(data.versions.length);
      const versionIds = new Set(data.versions.map((v) => v.id));
      const tablings = data.events.reduce((k, e) => k + e.tabled.filter((v) => versionIds.has(v)).length, 0);
      expect(tablings).toBeGreaterThan(0);
      expect(await rounds.locator('line.tabled').count()).toBe(tablings);
      expect(await rounds.locator('g.event').count()).toBe(data.events.length);
      // The last meeting held (latest held event whose last day has come) is labelled.
      const held = data.events.filter((e) => e.status === 'held' && day(e.end ?? e.start) <= today()).sort((a, b) => day(a.start).localeCompare(day(b.start)));
      const lastHeld = held.at(-1)!;
      expect(await rounds.textContent()).toContain(`last: ${lastHeld.title}`.slice(0, 20));
      expect(await rounds.getAttribute('role')).toBe('img');

      // The compact heatmap: one stance cell for each (principal party, point) with a public position by today.
      const cur = currentText();
      const points = [...walkProvisions(cur.provisions)].filter((p) => p.kind === 'point');
      const principals = data.parties.filter((p) => p.role !== 'observer');
      let cells = 0;
      for (const pt of points) {
        const ls = new Set([...walkProvisions([pt])].map((p) => p.lineage));
        for (const party of principals) if (data.positions.some((p) => p.party === party.id && p.provision && ls.has(p.provision) && p.visibility === 'public' && day(p.asOf) <= today())) cells++;
      }
      const strip = page.locator('.chart-strip svg');
      expect(await strip.locator('rect[class^="stance-"]').count()).toBe(cells);
      expect(await strip.locator('g.col').count()).toBe(points.length);

      // Agreement per axis: the bars' counts add up to the points of the current text; no "(no axis)" row anywhere.
      const bars = page.locator('.chart-axes svg');
      expect(await bars.locator('g.axis-bar').count()).toBeGreaterThan(0);
      const desc = (await bars.locator('desc').textContent())!;
      const sums = [...desc.matchAll(/(\d+) of (\d+) accepted by all, (\d+) contested, (\d+) unknown/g)].map((m) => [Number(m[2]), Number(m[1]) + Number(m[3]) + Number(m[4])]);
      expect(sums.reduce((t, [p]) => t + p!, 0)).toBe(points.length);
      for (const [p, s] of sums) expect(s).toBe(p);
      expect(await page.locator('main').innerText()).not.toContain('(no axis)');

      // The picture fits the screen: nothing wider than the viewport.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await close(page);
    });
  }

  it('opens the point under the pointer from the heatmap, and is dated by the last recorded activity rather than today', async () => {
    const { page } = await open('#/overview');
    // Last activity: the latest date on or before today among event starts, versions, stances and statements.
    const dates = [...data.events.map((e) => e.start), ...data.versions.map((v) => v.date), ...data.positions.map((p) => p.asOf), ...data.evidence.map((e) => e.saidAt)].map(day).filter((d) => d <= today());
    const last = dates.sort().at(-1)!;
    await poll(() => page.locator('.lede').getAttribute('data-last-activity')).toBe(last);
    expect(await page.locator('.lede').innerText()).toContain(`Last recorded activity ${last}`);
    const col = page.locator('.chart-strip g.col').nth(3);
    await col.locator('rect').first().click();
    await poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/text\?.*point=/);
    await page.locator('#point-panel').waitFor();
    await close(page);
  });
});

describe('design system', () => {
  it('switches to dark mode, keeps it after a reload, paints stance cells from the shared palette and stays accessible', async () => {
    const { page } = await open('#/positions');
    await page.locator('table.matrix').waitFor();
    const accepts = page.locator('td.cell[data-stance="accepts"]').first();
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await accepts.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(STANCE_SWATCH.light.accepts.fill));
    await page.getByLabel('Colour theme').selectOption('dark');
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await accepts.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(STANCE_SWATCH.dark.accepts.fill));
    const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lum = bodyBg.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    expect(lum).toBeLessThan(40);
    await page.reload();
    await page.locator('table.matrix').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/#/overview`);
    await page.locator('.chart-rounds svg').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('styles every select the same way (no browser-default selects)', async () => {
    const { page } = await open('#/positions');
    await page.locator('table.matrix').waitFor();
    const looks = await page.locator('select').evaluateAll((els) => els.map((el) => getComputedStyle(el).appearance));
    expect(looks.length).toBeGreaterThan(1);
    expect(new Set(looks)).toEqual(new Set(['none']));
    await close(page);
  });
});
