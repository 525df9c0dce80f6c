/**
 * The workbench's analysis, compare, rounds, briefing and sign-in views end to end in Debian's
 * Chromium (playwright-core), with one browser for the whole file and two servers on ephemeral
 * 127.0.0.1 ports over temporary SQLite copies of the example process: a local workbench (no
 * accounts) and a team server (accounts, sessions, CSRF, the access policy). Expected values are
 * computed here independently: solution packages and the pair frontier by enumerating every package
 * of the example domain, bracket counts and contested points by scanning the bundle's data.
 * axe-core checks each view and fails on serious or critical violations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumerateOutcomes } from '../src/analysis/brute.js';
import { compileDomain, FEASIBILITY_TOLERANCE, validateDomain } from '../src/analysis/domain.js';
import { compareIsoDates, isOnOrBefore } from '../src/model/dates.js';
import { type ProcessData, type Provision, walkProvisions } from '../src/model/schemas.js';
import { teamMode } from '../src/server/auth.js';
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
const PASSWORD = 'correct horse battery staple';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const textOf = async (l: Locator) => (await l.innerText()).trim();

let tmp: string;
let data: ProcessData;
let local: { store: Store; server: RunningServer };
let team: { store: Store; server: RunningServer };
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-views-'));
  data = readBundle(EXAMPLE).data;
  const silent = pino({ level: 'silent' });
  const localStore = await openSqliteStore(path.join(tmp, 'local.db'));
  await localStore.importProcess(data, { actor: 'e2e' });
  local = { store: localStore, server: await serve({ store: localStore, port: 0, host: '127.0.0.1', logger: silent }) };
  // The team server: a mediator added with the accounts module; the delegates join through the
  // accounts HTTP API (an invitation accepted with POST /api/invitations/accept).
  const teamStore = await openSqliteStore(path.join(tmp, 'team.db'));
  await teamStore.importProcess(data, { actor: 'e2e' });
  const t = teamMode({ store: teamStore, accounts: { scryptN: 1024 } });
  await t.accounts.addUser('mediator1', PASSWORD, { processId: PID, role: 'mediator' }, { actor: 'e2e' });
  const server = await serve({ store: teamStore, port: 0, host: '127.0.0.1', logger: silent, viewerOf: t.viewerOf, wrap: t.wrap, extend: t.extend });
  team = { store: teamStore, server };
  for (const [username, party] of [
    ['kyiv-delegate', 'ua'],
    ['moscow-delegate', 'ru'],
  ] as const) {
    const { token } = await t.accounts.createInvitation({ processId: PID, role: 'party-delegate', party }, {}, { actor: 'user:mediator1' });
    const r = await fetch(`${server.url}/api/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ token, username, password: PASSWORD }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await local?.server.close();
  await local?.store.close();
  await team?.server.close();
  await team?.store.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh page (its own cookies) on `url`, waiting for the first heading. */
async function open(url: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport });
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' }));
  const page = await ctx.newPage();
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  return page;
}
const closePage = (page: Page) => page.context().close();

/** Latest public stance of `party` on any of `lineages` as of `asOf` (a direct scan of the positions). */
function stanceOf(party: string, lineages: string[], asOf: string): string | null {
  let best: { asOf: string; stance: string } | null = null;
  for (const p of data.positions) {
    if (p.party !== party || !p.provision || !lineages.includes(p.provision) || p.visibility !== 'public' || !isOnOrBefore(p.asOf, asOf)) continue;
    if (!best || compareIsoDates(p.asOf, best.asOf) >= 0) best = { asOf: p.asOf, stance: p.stance };
  }
  return best?.stance ?? null;
}

describe('analysis', () => {
  it('shows the solution packages and a Pareto plot that match a brute-force enumeration', async () => {
    // Brute force over every package of the example domain: Nash = max product of gains over the
    // feasible packages; the RU × UA frontier = the non-dominated (u_RU, u_UA) values of feasible packages.
    const d = validateDomain(data.domains[0]);
    const c = compileDomain(d);
    const iRu = c.parties.indexOf('ru');
    const iUa = c.parties.indexOf('ua');
    let best = -Infinity;
    let nash: Float64Array | null = null;
    const pairs = new Map<string, [number, number]>();
    enumerateOutcomes(c, (o, u) => {
      for (let i = 0; i < o.length; i++) if (c.redLine[i]![o[i]!]!.length) return;
      let prod = 1;
      for (let p = 0; p < c.nParties; p++) {
        if (u[p]! < c.reservation[p]! - FEASIBILITY_TOLERANCE) return;
        prod *= Math.max(0, u[p]! - c.reservation[p]!);
      }
      pairs.set(`${u[iRu]},${u[iUa]}`, [u[iRu]!, u[iUa]!]);
      if (prod > best) {
        best = prod;
        nash = Float64Array.from(u);
      }
    });
    const pts = [...pairs.values()];
    const front = pts.filter(([x, y]) => !pts.some(([a, b]) => a >= x && b >= y && (a > x || b > y)));
    expect(nash).not.toBeNull();

    const page = await open(`${local.server.url}/#/analysis`);
    await poll(() => textOf(page.locator('h1'))).toBe('Analysis');
    const rows = page.locator('table.packages tbody tr');
    await poll(() => rows.count()).toBe(4);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-concept')))).toEqual(['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian']);
    for (const [p, party] of c.parties.entries()) {
      const shown = await textOf(page.locator(`table.packages tr[data-concept="nash"] td[data-party="${party}"] .utility`));
      expect(Number(shown), `Nash utility of ${party}`).toBeCloseTo(nash![p]!, 1);
    }
    // Every profile of the example is an estimate, and is marked so.
    expect(await page.locator('details.profile .pbadge-estimate').count()).toBe(d.profiles.length);

    // The plot: RU against UA by default, with its title and description, the pair frontier and the four solutions.
    const svg = page.locator('svg.pareto-svg');
    await svg.waitFor();
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.locator('title').textContent()).toBe('Pareto plot: Russia against Ukraine');
    expect(await svg.locator('desc').textContent()).toContain(`${front.length} of them not dominated for this pair`);
    expect(await svg.locator('circle.front-pt').count()).toBe(front.length);
    expect(await svg.locator('g.sol-pt').count()).toBe(4);
    // The same points as a table.
    await page.locator('details.plot-points > summary').click();
    expect(await page.locator('table.pareto-table tbody tr.front-row').count()).toBe(front.length);
    const nashRow = page.locator('table.pareto-table tr[data-concept="nash"] td');
    expect(Number(await textOf(nashRow.nth(0)))).toBeCloseTo(nash![iRu]!, 1);
    expect(Number(await textOf(nashRow.nth(1)))).toBeCloseTo(nash![iUa]!, 1);
    expect(await axeViolations(page)).toEqual([]);

    // Any pair: the United States against Ukraine.
    await page.getByLabel('Horizontal axis', { exact: true }).selectOption({ label: 'United States' });
    await poll(() => svg.getAttribute('data-x')).toBe('us');
    expect(await svg.locator('title').textContent()).toBe('Pareto plot: United States against Ukraine');

    // A what-if: Ukraine's reservation value at 100 leaves no acceptable package; nothing is saved.
    const before = JSON.stringify((await local.store.loadProcess(PID)).domains);
    const ua = page.locator('details.profile[data-party="ua"]');
    await ua.locator('summary').click();
    await ua.getByLabel('Reservation value (utility of no agreement, 0–100)').fill('100');
    await page.getByRole('button', { name: 'Solve with changes' }).click();
    await page.getByRole('heading', { name: 'No package is acceptable to every party' }).waitFor();
    await poll(() => textOf(page.locator('.lede'))).toContain('what-if: not saved');
    expect(await page.locator('table.packages').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A value out of range is refused next to its field.
    await ua.getByLabel('Reservation value (utility of no agreement, 0–100)').fill('140');
    await page.getByRole('button', { name: 'Solve with changes' }).click();
    await poll(() => textOf(ua.locator('.inline-error').first())).toMatch(/100/);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await poll(() => rows.count()).toBe(4);
    expect(JSON.stringify((await local.store.loadProcess(PID)).domains)).toBe(before);
    await closePage(page);
  });
});

describe('compare and rounds', () => {
  it('shows the E3 counter-proposal against the 28-point draft with change kinds, and an override that persists after reload', async () => {
    const page = await open(`${local.server.url}/#/compare?from=us-28-v1&to=e3-counter-v1`);
    await poll(() => textOf(page.locator('h1'))).toBe('Compare');
    const pair = (from: string, to: string) => page.locator(`tr.pair[data-from="${from}"][data-to="${to}"]`);
    await pair('1', '1').waitFor();
    // Point 1 keeps its substance; point 6 raises the army ceiling (600,000 → 800,000): amended, the
    // old figure struck out on the left and the new one inserted on the right.
    expect(await pair('1', '1').locator('.change').getAttribute('data-change')).toBe('unchanged');
    const p6 = pair('6', '6');
    expect(await p6.locator('.change').getAttribute('data-change')).toBe('amended');
    expect(await textOf(p6.locator('.change-label'))).toBe('amended');
    expect(await textOf(p6.locator('.change-symbol'))).toBe('✎');
    expect((await p6.locator('td').first().locator('del').allInnerTexts()).join(' ')).toContain('600');
    expect((await p6.locator('td').last().locator('ins').allInnerTexts()).join(' ')).toContain('800');
    expect(await textOf(p6.locator('.pair-change'))).toMatch(/similarity \d+%/);
    // Stored versions pair by lineage: the E3 text keeps point 15 as a placeholder (its wording was not
    // reported), so 15 → 15 is amended, and point 3, struck out by the E3, is deleted.
    expect(await pair('15', '15').locator('.change').getAttribute('data-change')).toBe('amended');
    expect(await pair('3', '3').locator('.change').getAttribute('data-change')).toBe('deleted');
    expect(await pair('15', '').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A person decides that the placeholder keeps the point unchanged in substance.
    await pair('15', '15').getByRole('button', { name: /^Decide/ }).click();
    const form = page.locator('form.decide');
    await form.getByLabel(/^To \(/).fill('15');
    await form.getByLabel('Change', { exact: true }).selectOption('unchanged');
    await form.getByLabel('Note (optional)').fill('E3 kept the point; its text was not reported');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save decision' }).click();
    await poll(() => pair('15', '15').locator('.change').getAttribute('data-change')).toBe('unchanged');
    await poll(() => textOf(pair('15', '15').locator('.decided'))).toContain('decided by a person');
    // Stored through the API, and still applied after a reload (a fresh alignment).
    const stored = (await local.store.loadProcess(PID)).alignments ?? [];
    expect(stored.find((a) => a.from === 'us-28-v1' && a.to === 'e3-counter-v1')?.overrides).toEqual([
      { from: ['15'], to: ['15'], change: 'unchanged', note: 'E3 kept the point; its text was not reported' },
    ]);
    await page.reload();
    await pair('15', '15').waitFor();
    expect(await pair('15', '15').locator('.change').getAttribute('data-change')).toBe('unchanged');
    expect(await textOf(pair('15', '15').locator('.decided'))).toContain('decided by a person');
    await closePage(page);
  });

  it('steps through the rounds of the text with their bracket and alternative counts', async () => {
    const byDate = data.versions
      .map((v, i) => ({ v, i }))
      .sort((a, b) => compareIsoDates(a.v.date, b.v.date) || a.i - b.i)
      .map((x) => x.v);
    const counts = (id: string) => {
      const ns = [...walkProvisions(data.versions.find((v) => v.id === id)!.provisions)].filter((p: Provision) => p.kind !== 'axis');
      return { brackets: ns.reduce((n, p) => n + p.brackets.length, 0), alternatives: ns.reduce((n, p) => n + p.alternatives.length, 0) };
    };
    const last = byDate.at(-1)!;
    const page = await open(`${local.server.url}/#/text?version=${last.id}`);
    const status = page.locator('.round-status');
    const check = async (k: number) => {
      const v = byDate[k]!;
      await poll(() => status.getAttribute('data-round')).toBe(String(k + 1));
      expect(await textOf(status)).toContain(`Round ${k + 1} of ${byDate.length}`);
      expect(await textOf(status)).toContain(v.date);
      expect(await page.locator('#plan-h').textContent()).toContain(v.label);
      expect(Number(await status.locator('.count-brackets').getAttribute('data-count'))).toBe(counts(v.id).brackets);
      expect(Number(await status.locator('.count-alternatives').getAttribute('data-count'))).toBe(counts(v.id).alternatives);
    };
    await check(byDate.length - 1);
    expect(await page.getByRole('button', { name: /^Next round/ }).isDisabled()).toBe(true);
    for (let k = byDate.length - 2; k >= 0; k--) {
      await page.getByRole('button', { name: /^Previous round/ }).click();
      await check(k);
    }
    expect(await page.getByRole('button', { name: /^Previous round/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /^Next round/ }).click();
    await check(1);
    expect(await axeViolations(page)).toEqual([]);
    // The round links to its comparison with the round before.
    await status.getByRole('link', { name: 'Compare with round 1' }).click();
    await poll(async () => page.url()).toContain(`#/compare?from=${byDate[0]!.id}&to=${byDate[1]!.id}`);
    await closePage(page);
  });
});

describe('briefing', () => {
  it('opens the briefing as of the matrix date in a new tab, with the contested points', async () => {
    const asOf = '2025-12-01';
    // Contested points of the text current on that date, by a direct scan: a principal party's latest
    // public stance on the point (or a sub-point) rejects it or proposes an alternative.
    // (the process names no single text: the latest plan or framework, not a counter-proposal)
    const kindOf = new Map(data.documents.map((d) => [d.id, d.kind]));
    const version = data.versions
      .filter((v) => kindOf.get(v.document) !== 'counter-proposal' && isOnOrBefore(v.date, asOf))
      .sort((a, b) => compareIsoDates(a.date, b.date))
      .at(-1)!;
    const principals = data.parties.filter((p) => p.role !== 'observer').map((p) => p.id);
    const contested = new Set<string>();
    for (const p of walkProvisions(version.provisions)) {
      if (p.kind !== 'point') continue;
      const lineages = [...walkProvisions([p])].map((x) => x.lineage);
      const stances = principals.map((party) => stanceOf(party, lineages, asOf));
      if (stances.some((s) => s === 'rejects' || s === 'proposes-alternative')) contested.add(p.num!);
    }
    expect(contested.size).toBeGreaterThan(0);

    const page = await open(`${local.server.url}/#/positions?asOf=${asOf}`);
    await page.locator('table.matrix').waitFor();
    const link = page.locator('a[data-briefing]');
    expect(await link.getAttribute('target')).toBe('_blank');
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toContain(`/api/processes/${PID}/briefing?asOf=${asOf}`);
    expect(await popup.locator('h1').textContent()).toBe(data.process.name);
    expect(await popup.locator('header').textContent()).toContain(`as of ${asOf}`);
    const labels = (await popup.locator('ul.contested li .pt').allInnerTexts()).map((t) => t.replace(/^Point /, '').trim());
    expect(labels.length).toBe(Math.min(5, contested.size));
    for (const l of labels) expect(contested, `point ${l}`).toContain(l);
    expect(await popup.locator('.fig.alert b').textContent()).toBe(String(contested.size));
    await popup.close();
    // A PDF of the same briefing is one button away (it shows its progress; see e2e-workbench.test.ts).
    expect(await page.getByRole('button', { name: `PDF briefing as of ${asOf}` }).count()).toBe(1);
    await closePage(page);
  });
});

describe('at phone width (390px)', () => {
  it('keeps the page within the screen: wide tables scroll in a labelled focusable region, the banner keeps its height', async () => {
    const page = await open(`${local.server.url}/#/positions`, { width: 390, height: 844 });
    await page.locator('table.matrix').waitFor();
    const region = page.getByRole('region', { name: /Positions matrix/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    // The matrix is wider than the screen and scrolls inside its region; the page itself does not.
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const heights: number[] = [];
    for (const view of ['positions', 'text', 'compare', 'analysis', 'record', 'overview']) {
      await page.goto(`${local.server.url}/#/${view}`);
      await page.locator('main h1').first().waitFor();
      heights.push(await page.locator('header.banner').evaluate((el) => Math.round(el.getBoundingClientRect().height)));
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(390);
    }
    expect(new Set(heights).size, heights.join(',')).toBe(1);
    await closePage(page);
  });
});

describe('sign-in on a team server', () => {
  it('signs a delegate in, shows its role and party and its confidential item, saves with the CSRF token, and signs out', async () => {
    const conf = data.positions.find((p) => p.visibility !== 'public' && p.party === 'ua')!;
    const point = (lineage: string) => `${team.server.url}/#/text?point=${lineage}`;
    const page = await open(`${team.server.url}/`);
    await poll(() => textOf(page.locator('h1'))).toBe('Sign in');
    expect(await page.locator('nav[aria-label="Views"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A wrong password: the error sits next to the password field, the user name stays.
    await page.getByLabel('User name').fill('kyiv-delegate');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => textOf(page.locator('[data-field-error="password"]'))).toContain('not right');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('User name').inputValue()).toBe('kyiv-delegate');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const who = page.locator('.who');
    await poll(() => textOf(who)).toContain('kyiv-delegate');
    await poll(() => textOf(who)).toContain('party delegate');
    expect(await textOf(who)).toContain('Ukraine');
    await poll(() => textOf(page.locator('h1'))).toBe(data.process.name);

    // Its party's confidential position, in the point panel, marked confidential.
    await page.goto(point(conf.provision!));
    const panel = page.locator('#point-panel');
    const ua = panel.locator('.stance-entry[data-party="ua"]');
    await poll(() => textOf(ua)).toContain(conf.conditions!);
    expect(await textOf(ua)).toContain('confidential');
    expect(await axeViolations(page)).toEqual([]);

    // A change goes through with the CSRF token the server set at sign-in.
    await page.goto(`${team.server.url}/#/edit?form=position&party=ua&point=us-28-7`);
    const form = page.locator('form.edit-form');
    await form.getByLabel('Stance', { exact: true }).selectOption('rejects');
    await form.getByLabel('As of', { exact: true }).fill('2026-01-10');
    await form.getByLabel(/^Attach evidence/).check();
    await form.getByLabel('Speaker', { exact: true }).fill('Rustem Umerov');
    await form.getByLabel('What was said', { exact: true }).fill('The delegation restated its line on the alliance.');
    await form.getByLabel('URL', { exact: true }).fill('https://example.org/kyiv-note');
    await form.getByRole('button', { name: 'Save stance' }).click();
    await poll(() => textOf(form.locator('.saved'))).toContain('Saved');
    const saved = (await team.store.loadProcess(PID)).positions.find((p) => p.party === 'ua' && p.provision === 'us-28-7' && p.asOf === '2026-01-10');
    expect(saved?.stance).toBe('rejects');

    // Sign out, then another party's delegate does not see Ukraine's confidential item.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await poll(() => textOf(page.locator('h1'))).toBe('Sign in');
    await page.getByLabel('User name').fill('moscow-delegate');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => textOf(page.locator('.who'))).toContain('Russia');
    await page.goto(point(conf.provision!));
    await page.locator('#point-panel .stance-entry[data-party="ua"]').waitFor();
    await poll(() => textOf(page.locator('#point-panel'))).toContain('Ukraine');
    expect(await page.content()).not.toContain(conf.conditions!);
    expect(await page.content()).not.toContain(conf.id);
    await closePage(page);
  });
});
