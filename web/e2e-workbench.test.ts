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
import { differenceCiede2000, parse, wcagContrast } from 'culori';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDomain } from '../src/analysis/domain.js';
import { type ProcessData, walkProvisions } from '../src/model/schemas.js';
import { STANCE_SWATCH } from '../src/report/palette.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { axeViolations } from '../test/support/axe.js';
import { waitUsable } from '../test/support/workbench-views.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
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
      // Columns: the principal parties, then each observer holding a public stance on a point of the text.
      const onText = new Set(points.flatMap((pt) => [...walkProvisions([pt])].map((p) => p.lineage)));
      const speaks = (id: string) => data.positions.some((p) => p.party === id && p.provision && onText.has(p.provision) && p.visibility === 'public' && day(p.asOf) <= today());
      const principals = data.parties.filter((p) => p.role !== 'observer' || speaks(p.id));
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

describe('defects of issue 16: data and trust', () => {
  it('refuses a javascript: source URL next to its field and stores nothing', async () => {
    const { page } = await open('#/edit?form=position&party=ua&point=us-28-21');
    const form = page.locator('form.edit-form');
    await form.getByLabel('Stance', { exact: true }).selectOption('rejects');
    await form.getByLabel('As of', { exact: true }).fill(today());
    await form.getByLabel(/^Attach evidence/).check();
    await form.getByLabel('Speaker', { exact: true }).fill('Rustem Umerov');
    await form.getByLabel('What was said', { exact: true }).fill('A statement whose source link is a script.');
    await form.getByLabel('URL', { exact: true }).fill('javascript:alert(document.cookie)');
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => form.locator('[data-field-error="source.url"]').innerText()).toMatch(/http/);
    const stored = await store.loadProcess(data.process.id);
    expect(stored.sources.some((s) => !/^https?:/i.test(s.url))).toBe(false);
    expect(stored.positions.length).toBe(data.positions.length);
    await close(page);
  });

  it('refuses a 50,000-character note, and folds a long note in the point panel', async () => {
    const { page } = await open('#/edit?form=position&party=ua&point=us-28-21');
    const form = page.locator('form.edit-form');
    await form.getByLabel('Stance', { exact: true }).selectOption('rejects');
    await form.getByLabel('As of', { exact: true }).fill(today());
    await form.getByLabel('Note', { exact: true }).fill('x'.repeat(50_000));
    await form.getByLabel(/^Attach evidence/).check();
    await form.getByLabel('Speaker', { exact: true }).fill('Rustem Umerov');
    await form.getByLabel('What was said', { exact: true }).fill('Kyiv restated its line on territory.');
    await form.getByLabel('URL', { exact: true }).fill('https://example.org/long-note');
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => form.locator('[data-field-error="position.note"]').innerText()).toMatch(/2000|2,000/);
    expect((await store.loadProcess(data.process.id)).positions.length).toBe(data.positions.length);
    await close(page);

    // A note at the limit is kept, and the panel shows it folded.
    const cur = currentText();
    const p14 = [...walkProvisions(cur.provisions)].find((p) => p.kind === 'point' && p.num === '14')!;
    await store.put(data.process.id, 'positions', { id: 'pos-long-note', party: 'ua', provision: p14.lineage, stance: 'rejects', asOf: today(), confidence: 1, visibility: 'public', evidence: [], note: 'A long note. '.repeat(150).slice(0, 1900) }, { actor: 'e2e' });
    const again = await open(`#/text?point=${p14.lineage}`);
    const entry = again.page.locator('#point-panel .stance-entry[data-party="ua"]');
    await entry.waitFor();
    await poll(() => entry.locator('details.long-note summary').innerText()).toContain('show the whole note');
    expect(await entry.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(500);
    await store.remove(data.process.id, 'positions', 'pos-long-note', { actor: 'e2e' });
    await close(again.page);
  });

  it('saves a plain stance without evidence, and words validation messages for people', async () => {
    const cur = currentText();
    const pt = [...walkProvisions(cur.provisions)].find((p) => p.kind === 'point' && p.num === '15')!;
    const { page } = await open(`#/edit?form=position&party=ru&point=${pt.lineage}`);
    const form = page.locator('form.edit-form');
    // Evidence is offered, not required: its fields stay folded until asked for.
    expect(await form.getByLabel(/^Attach evidence/).isChecked()).toBe(false);
    expect(await form.getByLabel('Speaker', { exact: true }).count()).toBe(0);
    await form.getByLabel('Stance', { exact: true }).selectOption('accepts');
    await form.getByLabel('As of', { exact: true }).fill(today());
    // Asked for evidence but left empty: one plain message per field, no schema wording.
    await form.getByLabel(/^Attach evidence/).check();
    await form.getByRole('button', { name: 'Save stance' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).not.toMatch(/Too small|expected|>=|received/);
    expect(await form.locator('[data-field-error="evidence.text"]').innerText()).toBe('This field is required.');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel(/^Attach evidence/).uncheck();
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => form.locator('.saved').innerText()).toContain('Saved');
    const stored = (await store.loadProcess(data.process.id)).positions.filter((p) => p.party === 'ru' && p.provision === pt.lineage && p.asOf === today());
    expect(stored.map((p) => [p.stance, p.evidence.length])).toEqual([['accepts', 0]]);
    for (const p of stored) await store.remove(data.process.id, 'positions', p.id, { actor: 'e2e' });
    await close(page);
  });

  it('records another stance after a save instead of replacing the saved one', async () => {
    const cur = currentText();
    const [a, b] = [...walkProvisions(cur.provisions)].filter((p) => p.kind === 'point' && (p.num === '16' || p.num === '17'));
    const { page } = await open(`#/edit?form=position&party=ua&point=${a!.lineage}`);
    const form = page.locator('form.edit-form');
    await form.getByLabel('Stance', { exact: true }).selectOption('accepts');
    await form.getByLabel('As of', { exact: true }).fill(today());
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => form.locator('.saved').innerText()).toContain('Saved');
    // Another point after the save: the button says what will happen, and both stances are kept.
    await form.getByLabel('Point', { exact: true }).selectOption(b!.lineage);
    await form.getByRole('button', { name: 'Save as another stance' }).click();
    await poll(() => form.locator('.saved').innerText()).toContain('Saved');
    const mine = async () => (await store.loadProcess(data.process.id)).positions.filter((p) => p.party === 'ua' && p.asOf === today() && (p.provision === a!.lineage || p.provision === b!.lineage));
    expect((await mine()).map((p) => p.provision).sort()).toEqual([a!.lineage, b!.lineage].sort());
    // "Record another stance" empties the form but keeps the party and the date.
    await form.getByRole('button', { name: '+ Record another stance' }).click();
    expect(await form.getByLabel('Stance', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('Party', { exact: true }).inputValue()).toBe('ua');
    expect(await form.getByRole('button', { name: 'Save stance' }).count()).toBe(1);
    for (const p of await mine()) await store.remove(data.process.id, 'positions', p.id, { actor: 'e2e' });
    await close(page);
  });

  it('compares with the words as written: a reworded point shows its diff, no "600 ,000", labels inside their cell', async () => {
    const [a, b] = ['us-28-v1', 'framework-20-v1'].map((id) => data.versions.find((v) => v.id === id)!);
    const points = (v: typeof a) => [...walkProvisions(v!.provisions)].filter((p) => p.kind === 'point');
    // By a direct scan: the one point on security guarantees in each text, and the army ceiling.
    const guarantees = points(a).find((p) => /security guarantees\.$/.test(p.text))!;
    const guaranteesB = points(b).find((p) => p.lineage === guarantees.lineage || /security guarantees\.$/.test(p.text))!;
    const army = points(a).find((p) => /\d{3},\d{3}/.test(p.text))!;
    const armyB = points(b).find((p) => /\d{3},\d{3}/.test(p.text))!;
    const { page } = await open(`#/compare?from=${a!.id}&to=${b!.id}`);
    const pair = (x: string, y: string) => page.locator(`tr.pair[data-from="${x}"][data-to="${y}"]`);
    const plain = (loc: ReturnType<typeof pair>) =>
      loc.evaluate((el) => {
        const c = el.cloneNode(true) as HTMLElement;
        c.querySelectorAll('.sr-only').forEach((n) => n.remove());
        return c.textContent ?? '';
      });
    const g = pair(guarantees.num!, guaranteesB.num!);
    await g.waitFor();
    const gone = guarantees.text.split(' ').filter((w) => !guaranteesB.text.split(' ').includes(w));
    const come = guaranteesB.text.split(' ').filter((w) => !guarantees.text.split(' ').includes(w));
    expect(gone.length).toBeGreaterThan(0);
    expect((await g.locator('td').first().locator('del').allInnerTexts()).join(' ')).toContain(gone[0]);
    expect((await g.locator('td').last().locator('ins').allInnerTexts()).join(' ')).toContain(come[0]);
    expect(await g.locator('.pair-change').innerText()).not.toContain('100%');
    // Each side of the diff reads exactly as its text.
    expect(await plain(g.locator('td').first().locator('.diff-text'))).toBe(guarantees.text);
    const armyPair = pair(army.num!, armyB.num!);
    expect(await plain(armyPair.locator('td').first().locator('.diff-text'))).toBe(army.text);
    expect(await plain(armyPair.locator('td').last().locator('.diff-text'))).toBe(armyB.text);
    // No change label is wider than its cell.
    const spills = await page.locator('td.pair-change').evaluateAll((tds) => tds.filter((td) => [...td.querySelectorAll('.change')].some((c) => c.getBoundingClientRect().right > td.getBoundingClientRect().right + 0.5)).length);
    expect(spills).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('keeps points whose text was not reported out of the contested ranking', async () => {
    const cur = currentText();
    const placeholders = [...walkProvisions(cur.provisions)].filter((p) => p.kind === 'point' && p.status === 'placeholder');
    expect(placeholders.length).toBeGreaterThan(0);
    // Something was said about the placeholder's lineage (that is why it used to rank).
    expect(data.positions.some((p) => placeholders.some((x) => x.lineage === p.provision))).toBe(true);
    const { page } = await open('#/overview');
    const ranked = page.locator('ol.contested > li > a');
    await ranked.first().waitFor();
    const labels = await ranked.evaluateAll((as) => as.map((a) => (a.textContent ?? '').replace(/\s*\(.*$/, '').trim()));
    for (const p of placeholders) expect(labels).not.toContain(`Point ${p.num}`);
    await page.goto(`${server.url}/#/positions`);
    for (const p of placeholders) await poll(() => page.locator(`tr[data-point="${p.lineage}"] td.state`).innerText()).toContain('unknown');
    await close(page);
  });

  it('prints each Option A/B wording once, in the alternatives block with its proponent', async () => {
    const cur = currentText();
    const withAlts = [...walkProvisions(cur.provisions)].filter((p) => p.kind === 'point' && p.alternatives.length > 0);
    expect(withAlts.length).toBeGreaterThan(0);
    const { page } = await open(`#/text?version=${cur.id}`);
    for (const p of withAlts) {
      const li = page.locator('li.point', { has: page.locator(`[data-point-button="${p.lineage}"]`) });
      const text = await li.innerText();
      for (const a of p.alternatives) {
        expect(text.split(a.text).length - 1, `point ${p.num} option ${a.label}`).toBe(1);
        const shorts = a.proponents.map((id) => data.parties.find((x) => x.id === id)!.short ?? id);
        const item = li.locator('ul.alternatives > li', { hasText: `Option ${a.label}` });
        if (shorts.length) expect(await item.innerText()).toContain(`proposed by ${shorts.join(', ')}`);
      }
    }
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('gives observers holding a stance their own column, without counting them for agreement', async () => {
    const observers = new Set(data.parties.filter((p) => p.role === 'observer').map((p) => p.id));
    const obsPos = data.positions.filter((p) => observers.has(p.party) && p.visibility === 'public' && p.provision);
    expect(obsPos.length).toBeGreaterThan(0);
    const v = data.versions.find((x) => [...walkProvisions(x.provisions)].some((p) => p.lineage === obsPos[0]!.provision))!;
    const row = [...walkProvisions(v.provisions)].find((p) => p.kind === 'point' && [...walkProvisions([p])].some((q) => q.lineage === obsPos[0]!.provision))!;
    const { page } = await open(`#/positions?version=${v.id}`);
    const cell = page.locator(`tr[data-point="${row.lineage}"] td[data-party="${obsPos[0]!.party}"]`);
    await poll(() => cell.getAttribute('data-stance')).toBe(obsPos[0]!.stance);
    expect(await page.locator(`th.party-col[data-role="observer"]`).count()).toBeGreaterThan(0);
    await close(page);
  });
});

describe('defects of issue 16: layout and flow', () => {
  it('lists the record newest first and compactly, and back oldest first on request', async () => {
    const { page } = await open('#/record');
    const dates = page.locator('ol.timeline article .tl-date time:first-child');
    await dates.first().waitFor();
    const shown = await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
    const sorted = data.events.map((e) => e.start).sort((a, b) => day(b).localeCompare(day(a)));
    expect(day(shown[0]!)).toBe(day(sorted[0]!));
    expect(day(shown.at(-1)!)).toBe(day(sorted.at(-1)!));
    // Statements are folded under each meeting; the page is far shorter than one screen per event.
    const withStatements = new Set(data.evidence.filter((e) => e.event && e.visibility === 'public').map((e) => e.event));
    expect(await page.locator('details.tl-statements').count()).toBe([...withStatements].filter((id) => data.events.some((e) => e.id === id)).length);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(data.events.length * 260);
    await page.getByLabel('Order', { exact: true }).selectOption('oldest');
    await poll(() => dates.first().getAttribute('datetime')).toBe(data.events.map((e) => e.start).sort((a, b) => day(a).localeCompare(day(b)))[0]);
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('queues a report, empties the box, accepts all its proposals at once, and titles the meeting in words', async () => {
    const { page } = await open('#/reports');
    const text = 'Leaders meet in Oslo\n\nOSLO, Dec 1 - Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff in Oslo on Monday to discuss the 20-point framework. Zelensky said Ukraine would not withdraw its troops from the Donetsk region.';
    await page.locator('#ingest-text').fill(text);
    await page.getByLabel('Publication date').fill('2026-12-01');
    await page.getByLabel('Outlet').fill('Example Wire');
    await page.getByRole('button', { name: 'Propose events and statements' }).click();
    await poll(() => page.locator('.queue-message').innerText()).toMatch(/queued with \d+ proposals/);
    expect(await page.locator('#ingest-text').inputValue()).toBe('');
    const all = page.locator('[data-accept-all]');
    await all.waitFor();
    const pending = (await store.loadProcess(data.process.id)).reports!.at(-1)!.proposals.length;
    expect(await all.innerText()).toContain(`Accept all ${pending} pending`);
    expect(await axeViolations(page)).toEqual([]);
    await all.click();
    await poll(() => page.locator('.queue-message').innerText()).toContain(`Accepted ${pending} proposal`);
    const stored = await store.loadProcess(data.process.id);
    expect(stored.reports!.at(-1)!.proposals.every((p) => p.status === 'accepted')).toBe(true);
    // The new meeting reads as a title, not as "meeting: name, name".
    const added = stored.events.filter((e) => !data.events.some((x) => x.id === e.id));
    expect(added.map((e) => e.title)).toEqual(['Meeting of Zelensky and Witkoff in Oslo']);
    // The statement was read in the numbering of the text on the table then: its territory point.
    const report = stored.reports!.at(-1)!;
    const st = report.proposals.find((p) => p.type === 'statement')!;
    const onTable = currentText();
    const donetsk = [...walkProvisions(onTable.provisions)].find((p) => p.kind === 'point' && [...walkProvisions([p])].some((q) => /Donetsk/.test(q.text + q.alternatives.map((a) => a.text).join(' '))))!;
    expect(st.type === 'statement' && st.proposed.provisions).toContain(donetsk.num);
    await close(page);
  });

  it('loads every view of a local workbench without a failed request (no /api/session 404)', async () => {
    const { page, failed } = await open('#/overview');
    await page.locator('.chart-rounds svg').waitFor();
    for (const view of ['text', 'positions', 'record', 'briefing']) {
      await page.goto(`${server.url}/#/${view}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(failed).toEqual([]);
    await close(page);
  });

  it('never downloads the whole process: every view and form asks for its own data, and the Text view for one text in one request', async () => {
    const { page } = await open('#/overview');
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) asked.push(u.pathname);
    });
    await page.goto(`${server.url}/#/overview`);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const views = ['text', 'compare', 'positions', 'analysis', 'record', 'reports', 'edit', 'edit?form=event', 'edit?form=person', 'briefing'];
    for (const view of views) {
      const before = asked.length;
      await page.goto(`${server.url}/#/${view}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (view === 'text') expect(asked.slice(before).filter((u) => u.endsWith('/text'))).toHaveLength(1);
    }
    expect(asked.filter((u) => u.endsWith('/export'))).toEqual([]);
    // Each view's own answers were asked for (not one download shared by all).
    for (const own of ['/outline', '/status', '/text', '/compare', '/matrix', '/steps', '/analysis', '/record', '/reports', '/points', '/sources', '/activity']) {
      expect(asked.some((u) => u.endsWith(own)), own).toBe(true);
    }
    await close(page);
  });

  it('has a Briefing tab that previews the briefing and fetches the PDF with progress', async () => {
    const { page } = await open('#/overview');
    await page.locator('nav[aria-label="Views"] a[data-view="briefing"]').click();
    await poll(() => page.locator('main h1').innerText()).toBe('Briefing');
    const frame = page.frameLocator('iframe.briefing-frame');
    await poll(() => frame.locator('h1').innerText()).toBe(data.process.name);
    await page.getByRole('button', { name: /Download PDF/ }).click();
    const ready = page.locator('[data-pdf-ready]');
    await ready.waitFor({ timeout: 30_000 });
    expect(Number(await ready.getAttribute('data-pdf-ready'))).toBeGreaterThan(10_000);
    // Saving it gives the PDF itself (the page's CSP keeps blob: out of fetch, so read the download).
    const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('on a phone: the menu collapses behind a visible button, the matrix keeps its point column pinned, a point opens where it was tapped', async () => {
    const { page } = await open('#/positions', PHONE);
    const menu = page.getByRole('button', { name: /menu of the views/ });
    await menu.waitFor();
    expect(await menu.innerText()).toContain('Positions');
    const link = page.locator('nav[aria-label="Views"] a[data-view="record"]');
    expect(await link.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await link.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await menu.click();
    await page.locator('nav[aria-label="Views"] a[data-view="positions"]').click();
    await page.locator('table.matrix').waitFor();

    // Scrolling the matrix sideways leaves the point column where it was and brings the last party into view.
    const region = page.getByRole('region', { name: /Positions matrix/ });
    const head = page.locator('table.matrix tbody th.row-head').first();
    const x0 = (await head.boundingBox())!.x;
    await region.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await page.waitForTimeout(200);
    expect(Math.abs((await head.boundingBox())!.x - x0)).toBeLessThan(1);
    const lastParty = page.locator('table.matrix thead th.party-col').last();
    const box = (await lastParty.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page)).toEqual([]);

    // The point panel opens right under the point tapped.
    const cur = currentText();
    const p14 = [...walkProvisions(cur.provisions)].find((p) => p.kind === 'point' && p.num === '14')!;
    await page.goto(`${server.url}/#/text`);
    const button = page.locator(`[data-point-button="${p14.lineage}"]`);
    await button.click();
    const panel = page.locator('#point-panel');
    await panel.locator('.stance-entry').first().waitFor();
    const gap = (await panel.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)) - (await button.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY));
    expect(gap).toBeLessThan(PHONE.height);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await close(page);
  });
});

describe('defects of issue 16: the stance badge on a phone', () => {
  it('keeps every stance badge of the point panel inside the panel at 390 px', async () => {
    const { page } = await open('#/text', PHONE);
    await page.locator('[data-point-button]').nth(4).click();
    await page.locator('#point-panel .stance-entry').first().waitFor();
    const overflow = await page.locator('#point-panel').evaluate((panel) => {
      const right = panel.getBoundingClientRect().right;
      return [...panel.querySelectorAll('.stance-head > :last-child')].filter((b) => b.getBoundingClientRect().right > right + 0.5).map((b) => b.textContent);
    });
    expect(await page.locator('#point-panel .stance-head > :last-child').count()).toBeGreaterThan(0);
    expect(overflow).toEqual([]);
    await close(page);
  });
});

describe('issue 16, session 5: the shell and the layout', () => {
  it('asks for each of the shell reads once on a cold load (health, vocabulary, outline), whatever the view', async () => {
    for (const view of ['positions', 'text']) {
      const ctx = await browser.newContext({ viewport: LAPTOP });
      const page = await ctx.newPage();
      const asked: string[] = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/api/')) asked.push(u.pathname);
      });
      await page.goto(`${server.url}/#/${view}`);
      await page.locator(view === 'text' ? 'main .plan [data-point-button]' : 'main table.matrix tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      const count = (p: string) => asked.filter((u) => u === p).length;
      expect(count('/api/health'), view).toBe(1);
      expect(count('/api/vocabulary'), view).toBe(1);
      expect(count(`/api/processes/${data.process.id}/outline`), view).toBe(1);
      await ctx.close();
    }
  });

  it('marks a phrase changed word by word as one mark in Compare, spaces inside, and shows each version select label whole', async () => {
    const { page } = await open('#/compare');
    await page.locator('main table.compare-table tbody tr').first().waitFor();
    const marks = await page.locator('main .diff-text').evaluateAll((ps) => {
      let gaps = 0;
      let phrases = 0;
      for (const p of ps)
        for (const m of p.querySelectorAll('ins, del')) {
          if (/\S\s+\S/.test(m.textContent ?? '')) phrases++;
          const next = m.nextSibling;
          // A gap: this mark, then only spaces, then another mark of the same kind.
          if (next?.nodeType === Node.TEXT_NODE && /^\s+$/.test(next.textContent ?? '') && next.nextSibling instanceof Element && next.nextSibling.tagName === m.tagName) gaps++;
        }
      return { gaps, phrases };
    });
    expect(marks.gaps).toBe(0);
    expect(marks.phrases).toBeGreaterThan(0);
    // Each version select is wide enough for the label it shows.
    for (const id of ['#cmp-from', '#cmp-to']) {
      const fit = await page.locator(id).evaluate((sel: HTMLSelectElement) => {
        const cs = getComputedStyle(sel);
        const probe = document.createElement('span');
        probe.style.font = cs.font;
        probe.style.whiteSpace = 'pre';
        probe.style.position = 'absolute';
        probe.textContent = sel.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        return { text, room: sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
      });
      expect(fit.text, id).toBeLessThanOrEqual(fit.room + 1);
    }
    await close(page);
  });
});

describe('issue 16, session 6: statements where they were made', () => {
  it('shows a statement accepted from a report under the meeting it was made at (Record) and on its point (point panel)', async () => {
    const { page } = await open('#/reports');
    const text =
      'Talks resume in Geneva\n\nGENEVA, Dec 3 - Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff in Geneva on Thursday to discuss the 20-point framework. Zelensky said Ukraine would never give up the Donetsk region.';
    await page.locator('#ingest-text').fill(text);
    await page.getByLabel('Publication date').fill('2026-12-03');
    await page.getByLabel('Outlet').fill('Example Wire');
    await page.getByRole('button', { name: 'Propose events and statements' }).click();
    await poll(() => page.locator('.queue-message').innerText()).toMatch(/queued with \d+ proposals/);
    const report = (await store.loadProcess(data.process.id)).reports!.at(-1)!;
    const meeting = report.proposals.find((p) => p.type === 'event')!;
    const said = report.proposals.find((p) => p.type === 'statement' && p.proposed.text.includes('Donetsk'))!;
    const onTable = currentText();
    const donetsk = [...walkProvisions(onTable.provisions)].find((p) => p.kind === 'point' && [...walkProvisions([p])].some((q) => /Donetsk/.test(q.text + q.alternatives.map((a) => a.text).join(' '))))!;
    await page.getByRole('button', { name: `Accept proposal ${meeting.n}`, exact: true }).click();
    await poll(async () => (await store.loadProcess(data.process.id)).events.some((e) => e.place?.city === 'Geneva')).toBe(true);
    await page.getByRole('button', { name: `Edit proposal ${said.n}`, exact: true }).click();
    await page.locator(`#edit-${said.n}-stance`).selectOption('rejects');
    await page.locator(`#edit-${said.n}-provisions`).fill(donetsk.lineage);
    await page.getByRole('button', { name: 'Accept with changes' }).click();
    const stored = async () => {
      const d = await store.loadProcess(data.process.id);
      const ev = d.evidence.find((e) => e.text.includes('never give up the Donetsk'));
      return { d, ev };
    };
    await poll(async () => (await stored()).ev?.event ?? null).not.toBeNull();
    const { d, ev } = await stored();
    const event = d.events.find((e) => e.id === ev!.event)!;
    expect(event.place?.city).toBe('Geneva');
    expect(d.positions.filter((p) => p.evidence.includes(ev!.id)).map((p) => p.provision)).toEqual([donetsk.lineage]);
    await close(page);

    // Record: under that meeting, "Statements made there" holds the words.
    const rec = await open(`#/record?event=${event.id}`);
    const there = rec.page.locator(`#event-${event.id} details.tl-statements[open]`);
    await poll(() => there.innerText()).toContain('never give up the Donetsk region');
    expect(await there.locator('summary').innerText()).toContain('Statements made there (1)');
    expect(await axeViolations(rec.page)).toEqual([]);
    await close(rec.page);

    // The point panel: the statement under the party's stance, with the meeting it was made at.
    const txt = await open(`#/text?point=${donetsk.lineage}`);
    const entry = txt.page.locator(`#point-panel .stance-entry[data-party="${ev!.onBehalfOf}"]`);
    await poll(() => entry.innerText()).toContain('never give up the Donetsk region');
    expect(await entry.locator(`a[href*="event=${event.id}"]`).innerText()).toBe(event.title);
    await close(txt.page);
  });

  it('lists the statements behind earlier stances on a point, each once, newest first, with the stance it backed', async () => {
    const d = await store.loadProcess(data.process.id);
    const cur = currentText();
    const p14 = [...walkProvisions(cur.provisions)].find((p) => p.kind === 'point' && p.num === '14')!;
    const lineages = new Set([...walkProvisions([p14])].map((p) => p.lineage));
    const behind = d.positions.filter((p) => p.provision && lineages.has(p.provision) && p.visibility === 'public' && day(p.asOf) <= today());
    const evidence = new Map(d.evidence.map((e) => [e.id, e]));
    const all = new Set(behind.flatMap((p) => p.evidence).filter((id) => evidence.get(id)?.visibility === 'public'));
    const { page } = await open(`#/text?point=${p14.lineage}`);
    await page.locator('#point-panel .stance-entry').first().waitFor();
    const earlier = page.locator('#point-panel details.earlier-statements');
    await earlier.locator('summary').click();
    const underStances = await page.locator('#point-panel .stance-entry ul.evidence > li > :first-child').allInnerTexts();
    const listed = await earlier.locator('ul.evidence > li > :first-child').allInnerTexts();
    const words = (id: string) => {
      const e = evidence.get(id)!;
      return e.form === 'quote' ? `“${e.text}”` : e.text;
    };
    // Every statement behind a stance on the point shows once: under the current stance or here.
    expect([...underStances, ...listed].sort()).toEqual([...all].map(words).sort());
    expect(listed.length).toBeGreaterThan(0);
    expect(await earlier.locator('summary').innerText()).toContain(`(${listed.length})`);
    const dates = await earlier.locator('ul.evidence > li').evaluateAll((lis) => lis.map((li) => /· (\d{4}(-\d\d){0,2})/.exec(li.querySelector('p.small')?.textContent ?? '')?.[1] ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await earlier.locator('ul.evidence > li .stance').count()).toBe(listed.length);
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });
});

describe('issue 16, session 6: layout faults seen on the screenshots', () => {
  it('keeps the desktop banner on one row, the Layer select beside the views (1366 and 1280 px)', async () => {
    for (const viewport of [LAPTOP, { width: 1280, height: 800 }]) {
      const { page } = await open('#/positions', viewport);
      await page.locator('#layer-select').waitFor();
      const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
      const tab = await box('nav[aria-label="Views"] a[aria-current="page"]');
      const layer = await box('#layer-select');
      const banner = await box('header.banner');
      // The select's middle lies within the tabs' row, and the banner is one row high.
      expect(Math.abs(layer.y + layer.height / 2 - (tab.y + tab.height / 2)), `${viewport.width}`).toBeLessThan(tab.height / 2);
      expect(banner.height, `${viewport.width}`).toBeLessThan(tab.height * 2);
      expect(layer.x + layer.width).toBeLessThanOrEqual(viewport.width);
      await close(page);
    }
  });

  it("names every version whole on Overview's rounds picture at 1366 px: title and label, not cut", async () => {
    const { page } = await open('#/overview');
    const rounds = page.locator('.chart-rounds svg');
    await rounds.waitFor();
    const texts = await rounds.locator('text').allTextContents();
    for (const v of data.versions) {
      const title = data.documents.find((d) => d.id === v.document)!.title;
      expect(texts, v.id).toContain(`${title}, ${v.label}`);
    }
    expect(texts.filter((t) => t.endsWith('…'))).toEqual([]);
    await close(page);
  });

  it('keeps each count of the round line whole on its line (no "· [ ]" left at a line end)', async () => {
    for (const viewport of [LAPTOP, PHONE]) {
      const { page } = await open('#/text', viewport);
      const counts = page.locator('.round-status .round-counts > span');
      await counts.first().waitFor();
      const lines = await counts.evaluateAll((els) => els.map((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size));
      expect(lines.length).toBe(2);
      expect(lines, `${viewport.width}`).toEqual(lines.map(() => 1));
      await close(page);
    }
  });

  it('on a phone, fits the Positions controls in two columns so the matrix starts on the first screen', async () => {
    const { page } = await open('#/positions', PHONE);
    await page.locator('main table.matrix tbody tr').first().waitFor();
    const form = (await page.locator('form.matrix-controls').boundingBox())!;
    // Every control inside the form, every button on one line.
    const controls = await page.locator('form.matrix-controls > *').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    for (const r of controls) expect(r).toBeLessThanOrEqual(form.x + form.width + 0.5);
    const buttons = await page.locator('form.matrix-controls button, form.matrix-controls .button-link').evaluateAll((els) =>
      els.map((el) => {
        // Lines of the button's visible words (not its screen-reader text): the tops of their boxes, more than 8 px apart.
        const tops: number[] = [];
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walk.nextNode(); t; t = walk.nextNode()) {
          if (t.parentElement?.closest('.sr-only')) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          tops.push(...[...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top));
        }
        tops.sort((a, b) => a - b);
        return tops.filter((t, i) => i === 0 || t - tops[i - 1]! > 8).length === 1;
      }),
    );
    expect(buttons).toEqual(buttons.map(() => true));
    // Three points of the matrix are on the first screen without scrolling.
    const third = (await page.locator('main table.matrix tbody tr').nth(2).boundingBox())!;
    expect(third.y + third.height).toBeLessThanOrEqual(PHONE.height);
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('keeps the briefing preview off the frame edge at 390 px', async () => {
    const { page } = await open('#/briefing', PHONE);
    const frame = page.frameLocator('iframe.briefing-frame');
    await poll(() => frame.locator('h1').innerText()).toBe(data.process.name);
    const outer = (await page.locator('iframe.briefing-frame').boundingBox())!;
    const h1 = (await frame.locator('h1').boundingBox())!;
    const fig = (await frame.locator('.figures').boundingBox())!;
    expect(h1.x - outer.x).toBeGreaterThanOrEqual(8);
    expect(outer.x + outer.width - (fig.x + fig.width)).toBeGreaterThanOrEqual(8);
    await close(page);
  });
});

describe('issue 16, session 7: a view interactive sooner', () => {
  // The reads each view makes first (path under /api/processes/<pid>/), by the view's own code.
  const FIRST: Record<string, string[]> = {
    overview: ['status', 'matrix', 'timeline'],
    text: ['text'],
    compare: ['compare'],
    onetext: ['rounds/grid'],
    positions: ['matrix', 'steps'],
    analysis: ['analysis'],
    record: ['record'],
    reports: ['reports'],
    edit: ['points', 'sources'],
  };
  it('starts each view’s own reads on a cold load before the first render (with the outline, not after it), and asks for each of them once', async () => {
    const pid = data.process.id;
    for (const [view, reads] of Object.entries(FIRST)) {
      const ctx = await browser.newContext({ viewport: LAPTOP });
      const page = await ctx.newPage();
      await page.goto(`${server.url}/#/${view}`);
      await waitUsable(page, view);
      await page.waitForLoadState('networkidle');
      const { fetched, render } = await page.evaluate(() => ({
        fetched: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => new URL(r.name).pathname.startsWith('/api/'))
          .map((r) => ({ url: r.name.replace(location.origin, ''), start: r.startTime })),
        render: performance.getEntriesByName('accord:first-render')[0]?.startTime ?? NaN,
      }));
      expect(render, `${view}: first render marked`).toBeGreaterThan(0);
      const outline = fetched.filter((f) => f.url === `/api/processes/${pid}/outline`);
      expect(outline, view).toHaveLength(1);
      const urls = fetched.map((f) => f.url);
      expect(urls.filter((u, i) => urls.indexOf(u) !== i), `${view}: asked twice`).toEqual([]);
      for (const r of reads) {
        const got = fetched.filter((f) => new URL(f.url, server.url).pathname === `/api/processes/${pid}/${r}`);
        expect(got, `${view}: ${r}`).toHaveLength(1);
        expect(got[0]!.start, `${view}: ${r} starts before the first render`).toBeLessThan(render);
      }
      await ctx.close();
    }
  });
});

describe('issue 16, session 7: Record on a phone', () => {
  it('keeps the filters behind a button naming how many are set, so the record starts on the first screen; keyboard and screen reader reach them', async () => {
    const { page, failed } = await open('#/record', PHONE);
    await page.locator('main .timeline li').first().waitFor();
    const toggle = page.getByRole('button', { name: /^Filters/ });
    await expect.poll(() => toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#rec-party').isVisible()).toBe(false);
    // The filters' box is one row, and the first event's title is in the top half of the screen.
    const box = (await page.locator('main form.record-filters').boundingBox())!;
    expect(box.height).toBeLessThan(80);
    const title = (await page.locator('main .timeline .tl-title').first().boundingBox())!;
    expect(title.y).toBeLessThan(PHONE.height / 2);
    await page.screenshot({ path: path.join(tmp, 'record-phone-closed.png') });

    // Keyboard: the button opens the filters; a party chosen is counted on the button, which stays open.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#rec-party').isVisible()).toBe(true);
    expect(await page.locator(`#${await toggle.getAttribute('aria-controls')}`).locator('#rec-party').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const party = data.parties[0]!;
    await page.locator('#rec-party').selectOption(party.id);
    await poll(() => toggle.textContent()).toMatch(/Filters\s*·\s*1 active/);
    await page.locator('main input[type="checkbox"]').first().check();
    await poll(() => toggle.textContent()).toMatch(/2 active/);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(tmp, 'record-phone-open.png') });
    await page.keyboard.press('Shift+Tab');
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#rec-party').isVisible()).toBe(false);
    expect(failed).toEqual([]);
    await close(page);
  });

  it('shows the filters in the toolbar on a laptop, with no button in front of them', async () => {
    const { page } = await open('#/record', LAPTOP);
    await page.locator('main .timeline li').first().waitFor();
    expect(await page.locator('#rec-party').isVisible()).toBe(true);
    expect(await page.locator('main fieldset.statuses').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Filters/ }).count()).toBe(0);
    await close(page);
  });
});

describe('issue 16, session 7: defects without a browser test until now', () => {
  it('reads the Analysis against the text on the table, numbers each issue’s point as that text does, and says the utilities are estimates', async () => {
    const onTable = currentText();
    const d = validateDomain(data.domains[0]);
    // By a direct scan: the text on the table numbers a point it holds; else the latest version holding it.
    const byDate = [...data.versions].sort((a, b) => day(b.date).localeCompare(day(a.date)));
    const numOf = (lineage: string) => {
      for (const v of [onTable, ...byDate]) {
        const p = [...walkProvisions(v.provisions)].find((x) => x.lineage === lineage && x.kind !== 'axis');
        if (p) return p.num ?? p.lineage;
      }
      return lineage;
    };
    const { page } = await open('#/analysis');
    await page.locator('main table.data tbody tr').first().waitFor();
    expect(await page.locator('main [data-on-table]').getAttribute('data-on-table')).toBe(onTable.id);
    expect(await page.locator('main .estimates-note').innerText()).toMatch(/utilities are estimates/i);
    const tied = d.issues.filter((i) => i.provision);
    expect(tied.length).toBeGreaterThan(0);
    for (const iss of tied) expect(await page.locator(`main table.issues tr[data-issue="${iss.id}"] th a`).innerText(), iss.id).toBe(`point ${numOf(iss.provision!)}`);
    // The 28-point draft is not the text on the table, so at least one issue is numbered differently from it.
    const draft = data.versions.find((v) => v.id === 'us-28-v1');
    if (draft && draft.id !== onTable.id) {
      const draftNum = (l: string) => [...walkProvisions(draft.provisions)].find((x) => x.lineage === l)?.num;
      expect(tied.some((i) => draftNum(i.provision!) !== numOf(i.provision!))).toBe(true);
    }
    await close(page);
  });

  it('gives the guarantor’s stances their column in the matrix, as the save confirmation promises', async () => {
    const guarantors = new Set(data.parties.filter((p) => p.role === 'guarantor').map((p) => p.id));
    const held = data.positions.filter((p) => guarantors.has(p.party) && p.visibility === 'public' && p.provision);
    expect(held.length).toBeGreaterThan(0);
    const pos = held[0]!;
    const v = data.versions.find((x) => [...walkProvisions(x.provisions)].some((p) => p.lineage === pos.provision))!;
    const row = [...walkProvisions(v.provisions)].find((p) => p.kind === 'point' && [...walkProvisions([p])].some((q) => q.lineage === pos.provision))!;
    const { page } = await open(`#/positions?version=${v.id}`);
    await page.locator('main table.matrix tbody tr').first().waitFor();
    expect(await page.locator(`main th.party-col[data-party="${pos.party}"], main th.party-col:has-text("${data.parties.find((p) => p.id === pos.party)!.short ?? pos.party}")`).count()).toBeGreaterThan(0);
    // Some stance of the guarantor is shown in its column on that version (the latest per point wins, so any of them).
    const cells = page.locator(`main td.cell[data-party="${pos.party}"]:not([data-stance=""])`);
    await poll(() => cells.count()).toBeGreaterThan(0);
    await close(page);
  });

  it('underlines links only inside running text, lightly; navigation, table and matrix links and button links stand plain', async () => {
    const { page } = await open('#/overview');
    await page.locator('main .overview-picture svg').first().waitFor();
    const deco = (sel: string) => page.locator(sel).first().evaluate((el) => ({ line: getComputedStyle(el).textDecorationLine, color: getComputedStyle(el).textDecorationColor, ink: getComputedStyle(el).color }));
    expect((await deco('nav a[data-view]')).line).toBe('none');
    await page.goto(`${server.url}/#/positions`);
    await page.locator('main table.matrix tbody tr').first().waitFor();
    expect((await deco('main td.cell a')).line).toBe('none');
    expect((await deco('main th.row-head a')).line).toBe('none');
    await page.goto(`${server.url}/#/briefing`);
    await page.locator('main a.button-link').first().waitFor();
    expect((await deco('main a.button-link')).line).toBe('none');
    // A link in running text keeps an underline (not colour alone), fainter than its text.
    await page.goto(`${server.url}/#/analysis`);
    await page.locator('main [data-on-table] a').first().waitFor();
    const prose = await deco('main [data-on-table] a');
    expect(prose.line).toBe('underline');
    expect(prose.color).not.toBe(prose.ink);
    await close(page);
  });

  it('paints the stances in colours far apart (CIEDE2000 ≥ 10 between any two shown), and the empty-cell dash lighter than any stance symbol', async () => {
    const { page } = await open('#/positions');
    await page.locator('main table.matrix tbody tr').first().waitFor();
    const seen = await page.locator('main td.cell').evaluateAll((tds) => {
      const out: Record<string, { bg: string; ink: string; weight: string }> = {};
      // The colour painted behind an element: its own background, else the nearest ancestor's that is not transparent.
      const paint = (el: Element | null): string => {
        for (; el; el = el.parentElement) {
          const bg = getComputedStyle(el).backgroundColor;
          if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      for (const td of tds) {
        const s = td.getAttribute('data-stance') || 'none';
        const mark = td.querySelector('span[aria-hidden="true"]')!;
        out[s] ??= { bg: paint(td), ink: getComputedStyle(mark).color, weight: getComputedStyle(mark).fontWeight };
      }
      return out;
    });
    const stances = Object.keys(seen).filter((s) => s !== 'none');
    expect(stances.length).toBeGreaterThanOrEqual(3);
    expect(seen.none).toBeDefined();
    for (const a of stances)
      for (const b of stances) if (a < b) expect(differenceCiede2000()(parse(seen[a]!.bg)!, parse(seen[b]!.bg)!), `${a} vs ${b}`).toBeGreaterThanOrEqual(10);
    const none = seen.none!;
    const dash = wcagContrast(parse(none.ink)!, parse(none.bg)!);
    for (const s of stances) expect(dash, `dash vs ${s}`).toBeLessThan(wcagContrast(parse(seen[s]!.ink)!, parse(seen[s]!.bg)!));
    for (const s of stances) expect(Number(none.weight), s).toBeLessThanOrEqual(Number(seen[s]!.weight));
    await close(page);
  });

  it('spaces the toolbars, cards and headings on the spacing scale of the design system', async () => {
    const { page } = await open('#/overview');
    await page.locator('main .overview-picture svg').first().waitFor();
    const scale = await page.evaluate(() => [1, 2, 3, 4, 5, 6, 7].map((i) => parseFloat(getComputedStyle(document.documentElement).getPropertyValue(`--space-${i}`))));
    expect(scale.every((x) => x > 0)).toBe(true);
    const onScale = (px: string) => px.split(' ').every((v) => parseFloat(v) === 0 || scale.includes(parseFloat(v)));
    const card = await page.locator('main .card').first().evaluate((el) => getComputedStyle(el).padding);
    expect(onScale(card), `card padding ${card}`).toBe(true);
    await page.goto(`${server.url}/#/record`);
    await page.locator('main .timeline li').first().waitFor();
    const bar = await page.locator('main form.toolbar').first().evaluate((el) => ({ padding: getComputedStyle(el).padding, gap: `${getComputedStyle(el).rowGap} ${getComputedStyle(el).columnGap}` }));
    expect(onScale(bar.padding), `toolbar padding ${bar.padding}`).toBe(true);
    expect(onScale(bar.gap), `toolbar gap ${bar.gap}`).toBe(true);
    const h2 = await page.locator('main h2').first().evaluate((el) => `${getComputedStyle(el).marginTop} ${getComputedStyle(el).marginBottom}`);
    expect(onScale(h2), `h2 margins ${h2}`).toBe(true);
    await close(page);
  });
});
