/**
 * The workbench end to end in a real browser: Debian's Chromium driven by playwright-core, against
 * the server on an ephemeral 127.0.0.1 port over a temporary SQLite copy of the example process.
 * Expected stances are recomputed here from the bundle by a direct scan of positions.yaml (not
 * through the matrix code), so the browser must show what the data says. axe-core checks each view
 * and fails on serious or critical violations.
 *
 * With ACCORD_SCREENSHOT=<path> the run also writes a screenshot of the workbench there
 * (scripts/screenshot.mjs regenerates docs/screenshot-workbench.png that way).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareIsoDates, isOnOrBefore, todayIso } from '../src/model/dates.js';
import { type ProcessData, type Provision, walkProvisions } from '../src/model/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { axeViolations } from '../test/support/axe.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const PID = 'russia-ukraine-2025';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Retry an assertion for up to 10 s while the page settles (playwright-core has no web-first assertions). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 100 });
const textOf = async (l: Locator) => (await l.innerText()).trim();
const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

let tmp: string;
let store: Store;
let server: RunningServer;
let context: BrowserContext;
let data: ProcessData;

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-'));
  data = readBundle(EXAMPLE).data;
  store = await openSqliteStore(path.join(tmp, 'accord.db'));
  await store.importProcess(data, { actor: 'e2e' });
  server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
  });
  // Nothing leaves 127.0.0.1: outside addresses (source links) get a stub page naming the URL.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>stub</title><p>${route.request().url()}</p>` }),
  );
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function open(hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/${hash}`);
  await page.locator('h1').first().waitFor();
  return page;
}

/** Lineages of a point and its sub-points in a version. */
function lineagesOf(versionId: string, lineage: string): string[] {
  const v = data.versions.find((x) => x.id === versionId)!;
  const node = [...walkProvisions(v.provisions)].find((p) => p.lineage === lineage)!;
  return [...walkProvisions([node])].map((p: Provision) => p.lineage);
}

/**
 * Expected stance of `party` on a point as of `asOf`, by a direct scan of the stored positions:
 * public positions on the point or a sub-point dated on or before `asOf`; the latest date wins.
 */
function expectedStance(positions: ProcessData['positions'], party: string, lineages: string[], asOf: string): string | null {
  let best: { asOf: string; stance: string } | null = null;
  for (const l of lineages) {
    const onL = positions.filter((p) => p.party === party && p.provision === l && p.visibility === 'public' && isOnOrBefore(p.asOf, asOf));
    const latest = onL.reduce<(typeof onL)[number] | null>((a, p) => (!a || compareIsoDates(p.asOf, a.asOf) >= 0 ? p : a), null);
    if (latest && (!best || compareIsoDates(latest.asOf, best.asOf) >= 0)) best = { asOf: latest.asOf, stance: latest.stance };
  }
  return best?.stance ?? null;
}

const LABEL: Record<string, string> = {
  accepts: 'accepts',
  'accepts-with-conditions': 'accepts with conditions',
  'proposes-alternative': 'proposes alternative',
  rejects: 'rejects',
  undecided: 'undecided',
  'no-public-position': 'no public position',
};

describe('workbench in Chromium', () => {
  it('opens the overview with the briefing and links into the views', async () => {
    const page = await open('');
    await poll(() => textOf(page.locator('h1'))).toBe(data.process.name);
    await page.getByRole('heading', { name: 'Most contested points' }).waitFor();
    const contested = page.locator('ol.contested > li');
    expect(await contested.count()).toBeGreaterThan(0);
    const first = contested.first().locator('a').first();
    expect(await first.getAttribute('href')).toMatch(/^#\/text\?version=.+&point=.+/);
    expect(await page.locator('table.data tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("opens point 21 and shows each party's stance with evidence and a working source link", async () => {
    const page = await open('#/text?version=us-28-v1');
    await page.getByRole('button', { name: 'Open point 21', exact: true }).click();
    const panel = page.locator('#point-panel');
    await poll(() => textOf(panel.getByRole('heading', { level: 2 }))).toContain('Point 21');
    await panel.locator('.stance-entry').first().waitFor();
    const lineages = lineagesOf('us-28-v1', 'us-28-21');
    const today = todayIso();
    let withEvidence = 0;
    for (const party of data.parties) {
      const entry = panel.locator(`.stance-entry[data-party="${party.id}"]`);
      await poll(() => textOf(entry.locator('.party-name'))).toBe(party.name);
      const stance = expectedStance(data.positions, party.id, lineages, today);
      await poll(() => textOf(entry.locator('.stance-head .stance-label'))).toBe(stance ? LABEL[stance]! : 'no recorded position');
      if (stance) withEvidence += await entry.locator('.evidence > li').count();
    }
    expect(withEvidence).toBeGreaterThan(0);
    // PA-X topics of point 21 (documents.yaml: 21 StBor, 21.c SsrFf, 21.d DdrDemil)
    await poll(() => panel.locator('.topics code').allInnerTexts()).toEqual(['StBor', 'SsrFf', 'DdrDemil']);
    // A source link: it names a source of the process, opens in a new tab, and leads there.
    const link = panel.locator('a.source-link').first();
    const url = (await link.getAttribute('href'))!;
    expect(data.sources.map((s) => s.url)).toContain(url);
    expect(await link.getAttribute('target')).toBe('_blank');
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(url);
    await popup.close();
    expect(await axeViolations(page)).toEqual([]);
    if (process.env.ACCORD_SCREENSHOT) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.resolve(ROOT, process.env.ACCORD_SCREENSHOT) });
    }
    await page.close();
  });

  it("changes Ukraine's stance through the form and sees the matrix cell change; a failed save loses nothing", async () => {
    const lineage = 'us-28-21';
    const page = await open('#/positions');
    const cell = page.locator(`tr[data-point="${lineage}"] td[data-party="ua"]`);
    await cell.waitFor();
    const before = await cell.getAttribute('data-stance');
    const target = before === 'accepts' ? 'rejects' : 'accepts';
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/#/edit?form=position&party=ua&point=${lineage}`);
    const form = page.locator('form.edit-form');
    await form.getByLabel('Stance', { exact: true }).selectOption(target);
    await form.getByLabel('As of', { exact: true }).fill('2026-13-01');
    await form.getByLabel(/^Attach evidence/).check();
    await form.getByLabel('Speaker', { exact: true }).fill('Rustem Umerov');
    await form.getByLabel('What was said', { exact: true }).fill('Kyiv told the mediators it could now live with the territorial point.');
    await form.getByLabel('URL', { exact: true }).fill('https://example.org/e2e-report');
    await form.getByLabel('Outlet', { exact: true }).fill('Example Wire');
    await form.getByRole('button', { name: 'Save stance' }).click();
    // The error sits next to the field; everything typed is still there.
    const err = form.locator('[data-field-error="position.asOf"]');
    await poll(() => textOf(err)).toContain('month 13');
    // The summary names the field by its visible label, not its internal path.
    const summary = await textOf(form.locator('.error-summary'));
    expect(summary).toContain('As of: ');
    expect(summary).not.toMatch(/position\.|evidence\.|source\./);
    await poll(() => form.getByLabel('As of', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await poll(() => form.getByLabel('What was said', { exact: true }).inputValue()).toBe('Kyiv told the mediators it could now live with the territorial point.');
    await poll(() => form.getByLabel('Stance', { exact: true }).inputValue()).toBe(target);
    expect(await axeViolations(page)).toEqual([]);

    const today = todayIso();
    await form.getByLabel('As of', { exact: true }).fill(today);
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => textOf(form.locator('.saved'))).toContain('Saved');
    // The confirmation sits beside the button and holds the focus; the button says the form is saved.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect(await textOf(form.locator('.save-actions button[type="submit"]'))).toBe('✓ Saved');
    // The point is named as chosen (number and text), not by its internal id.
    const savedText = await textOf(form.locator('.saved'));
    const chosen = await form.getByLabel('Point', { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]!.text);
    expect(chosen).toMatch(/^\d+\. \S/);
    expect(savedText).toContain(`on point ${chosen} as of`);
    expect(savedText).not.toContain(lineage);
    await form.locator('.saved').getByRole('link', { name: 'See the matrix' }).click();
    const after = page.locator(`tr[data-point="${lineage}"] td[data-party="ua"]`);
    await poll(() => after.getAttribute('data-stance')).toBe(target);
    await poll(() => textOf(after)).toBe(target === 'accepts' ? '✓' : '✗');
    // The store holds the new position with its evidence and source.
    const stored = await store.loadProcess(PID);
    const pos = stored.positions.find((p) => p.party === 'ua' && p.provision === lineage && p.asOf === today && p.stance === target)!;
    expect(pos).toBeDefined();
    const ev = stored.evidence.find((e) => e.id === pos.evidence[0])!;
    expect(ev.speaker).toBe(data.persons.find((p) => p.name === 'Rustem Umerov')?.id ?? 'Rustem Umerov');
    expect(stored.sources.find((s) => s.id === ev.sources[0])?.url).toBe('https://example.org/e2e-report');
    await page.close();
  });

  it('moves the as-of control back before 2025-11-23 and shows the matrix as it was', async () => {
    const page = await open('#/positions');
    await page.locator('table.matrix').waitFor();
    await page.locator('#asof-date').fill('2025-11-22');
    await poll(() => textOf(page.locator('#asof-hint'))).toContain('2025-11-22');
    await poll(() => textOf(page.locator('#asof-hint'))).toContain('US 28-point draft peace plan');
    const rows = page.locator('table.matrix tbody tr[data-point]');
    await poll(() => rows.count()).toBe(28);
    const stored = await store.loadProcess(PID);
    const parties = await page.locator('table.matrix thead th.party-col abbr').count();
    expect(parties).toBe(stored.parties.filter((p) => p.role !== 'observer').length);
    let known = 0;
    let differs = 0;
    for (const lineage of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-point')!))) {
      const ls = lineagesOf('us-28-v1', lineage);
      for (const party of stored.parties.filter((p) => p.role !== 'observer')) {
        const shown = (await page.locator(`tr[data-point="${lineage}"] td[data-party="${party.id}"]`).getAttribute('data-stance')) || null;
        const then = expectedStance(stored.positions, party.id, ls, '2025-11-22');
        expect(shown, `${party.id} on ${lineage}`).toBe(then);
        if (then) known++;
        if (then !== expectedStance(stored.positions, party.id, ls, todayIso())) differs++;
      }
    }
    expect(known).toBeGreaterThan(0); // some stances were already known on 22 November 2025
    expect(differs).toBeGreaterThan(0); // and the matrix today is different
    await page.close();
  });

  it('takes a date typed with the keyboard into the as-of field and shows the matrix of that date', async () => {
    const page = await open('#/positions');
    await page.locator('table.matrix').waitFor();
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.endsWith('/matrix') || u.searchParams.has('asOf')) asked.push(u.searchParams.get('asOf') ?? '');
    });
    await page.locator('#asof-date').focus();
    // en-US order: month, day, year; the field moves to the next part by itself.
    await page.keyboard.type('11222025', { delay: 60 });
    await expect(page.locator('#asof-date').inputValue()).resolves.toBe('2025-11-22');
    await page.keyboard.press('Enter');
    await poll(() => textOf(page.locator('#asof-hint'))).toContain('Stances known on 2025-11-22');
    // The typed value stays; no matrix was asked for a half-typed year.
    expect(await page.locator('#asof-date').inputValue()).toBe('2025-11-22');
    expect(asked.filter((d) => d && !d.startsWith('2025')), asked.join(' ')).toEqual([]);
    const stored = await store.loadProcess(PID);
    const rows = page.locator('table.matrix tbody tr[data-point]');
    await poll(() => rows.count()).toBe(28);
    let known = 0;
    for (const lineage of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-point')!))) {
      for (const party of stored.parties.filter((p) => p.role !== 'observer')) {
        const shown = (await page.locator(`tr[data-point="${lineage}"] td[data-party="${party.id}"]`).getAttribute('data-stance')) || null;
        const then = expectedStance(stored.positions, party.id, lineagesOf('us-28-v1', lineage), '2025-11-22');
        expect(shown, `${party.id} on ${lineage}`).toBe(then);
        if (then) known++;
      }
    }
    expect(known).toBeGreaterThan(0);
    await page.close();
  });

  it('reaches every view from the keyboard and passes axe-core on each', async () => {
    const page = await open('');
    for (const [view, heading] of [
      ['text', 'Text'],
      ['positions', 'Positions'],
      ['record', 'Record'],
      ['edit', 'Edit'],
      ['overview', data.process.name],
    ] as const) {
      // From the page start, Tab goes forward to the navigation; from a view's heading, Shift+Tab goes back to it.
      const fromStart = await page.evaluate(() => document.activeElement === document.body);
      let reached = false;
      for (let i = 0; i < 20 && !reached; i++) {
        await page.keyboard.press(fromStart ? 'Tab' : 'Shift+Tab');
        reached = await page.evaluate((v) => document.activeElement?.getAttribute('data-view') === v, view);
      }
      expect(reached, `Tab reaches the ${view} link`).toBe(true);
      await page.keyboard.press('Enter');
      await poll(() => textOf(page.locator('h1'))).toBe(heading);
      await poll(() => focused(page.locator('h1'))).toBe(true);
      expect(page.url()).toContain(`#/${view}`);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page), `axe on ${view}`).toEqual([]);
    }
    // A point opens from the keyboard, and Escape returns focus to it.
    await page.goto(`${server.url}/#/text?version=us-28-v1`);
    const btn = page.getByRole('button', { name: 'Open point 21', exact: true });
    await btn.focus();
    await page.keyboard.press('Enter');
    await poll(() => focused(page.locator('#panel-h'))).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => focused(page.getByRole('button', { name: 'Open point 21', exact: true }))).toBe(true);
    await page.close();
  });

  it('shows right-to-left text in its own direction', async () => {
    const res = await fetch(`${server.url}/api/processes/${PID}/persons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'rtl-speaker', name: 'سفير الوساطة', memberships: [{ onBehalfOf: 'tr', post: 'مبعوث' }] }),
    });
    expect(res.status).toBe(201);
    const page = await open('#/edit?form=person&person=rtl-speaker');
    const input = page.getByLabel('Name', { exact: true });
    await poll(() => input.inputValue()).toBe('سفير الوساطة');
    expect(await input.getAttribute('dir')).toBe('auto');
    expect(await input.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.close();

    // An event placed in an Arabic-named city: the place is isolated, and the separator stays
    // between the kind and the place on screen (kind, then dot, then place, left to right).
    const ev = await fetch(`${server.url}/api/processes/${PID}/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ id: 'rtl-call', kind: 'phone-call', status: 'held', title: 'Call from Riyadh', start: '2025-11-30', place: { city: 'الرياض' } }] }),
    });
    expect(ev.status, await ev.clone().text()).toBeLessThan(300);
    const rec = await open('#/record?event=rtl-call');
    const line = rec.locator('article', { hasText: 'Call from Riyadh' }).locator('p.muted.small').first();
    await line.waitFor();
    const city = line.locator('bdi', { hasText: 'الرياض' });
    expect(await city.count()).toBe(1);
    expect((await line.innerText()).trim()).toBe('phone call · الرياض');
    // The dot is drawn left of the city (it is outside the isolated span, in the line's own direction).
    const [dotRight, cityLeft] = await line.evaluate((p) => {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let dot: Text | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.includes('·')) dot = n as Text;
      const r = document.createRange();
      const i = dot!.textContent!.indexOf('·');
      r.setStart(dot!, i);
      r.setEnd(dot!, i + 1);
      return [r.getBoundingClientRect().right, p.querySelector('bdi')!.getBoundingClientRect().left];
    });
    expect(dotRight).toBeLessThanOrEqual(cityLeft);
    await rec.close();
  });
});
