/**
 * A whole round of the one-text procedure in Debian's Chromium (playwright-core), as three users of
 * a team server over a temporary SQLite copy of the example process: `staff` (mediator staff),
 * `rud` (delegate of ru) and `uad` (delegate of ua), each in their own browser context. The staff
 * drafts v2 of the US plan from v1 in the editor — a moved, a split and a bracketed point — and
 * tables it; each delegation critiques three points, one with an amendment; the staff takes ua's
 * amendment into a draft of v3 in the revise view and tables it; each delegate sees the shared text
 * and only its own critique; the compare view and the matrix show the round, the stances carried
 * across the lineage and marked. Expected wording is written out from
 * examples/russia-ukraine-2025/texts/us-28-v1.md; what the server stored is read back from the store.
 * Screenshots at a laptop and a phone size go to $ACCORD_SHOTS when it is set (to look at; not kept).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkProvisions } from '../src/model/schemas.js';
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
const PASSWORD = 'round e2e password 1';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.ACCORD_SHOTS;

const P2 = 'Russia, Ukraine and Europe conclude a comprehensive agreement on non-aggression, under which every question left open over the last 30 years is considered closed.';
const P3 = 'The parties expect that Russia will not attack its neighbours and that NATO will not grow any further.';
const P6_UA = 'The Armed Forces of Ukraine may not exceed 800,000 personnel in peacetime.';
const P16_RU = 'Russia and Ukraine each legislate a non-aggression policy towards Europe and towards each other.';

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const textOf = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

let tmp: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
const pages: Partial<Record<'staff' | 'rud' | 'uad', Page>> = {};

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-onetext-'));
  store = await openSqliteStore(path.join(tmp, 'round.db'));
  await store.importProcess(readBundle(EXAMPLE).data, { actor: 'e2e' });
  const t = teamMode({ store, accounts: { scryptN: 1024 } });
  await t.accounts.addUser('staff', PASSWORD, { processId: PID, role: 'mediator-staff' }, { actor: 'e2e' });
  await t.accounts.addUser('rud', PASSWORD, { processId: PID, role: 'party-delegate', party: 'ru' }, { actor: 'e2e' });
  await t.accounts.addUser('uad', PASSWORD, { processId: PID, role: 'party-delegate', party: 'ua' }, { actor: 'e2e' });
  server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), viewerOf: t.viewerOf, wrap: t.wrap, extend: t.extend });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `who` signed in through the sign-in form, in a browser context of its own; every failed request and console error recorded. */
async function signIn(who: 'staff' | 'rud' | 'uad', failed: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: LAPTOP });
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' }));
  const page = await ctx.newPage();
  page.on('response', (r) => {
    if (r.status() >= 500) failed.push(`${who}: ${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${server.url}/`);
  await page.getByLabel('User name').fill(who);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await poll(() => textOf(page.locator('.who'))).toContain(who);
  // Signed in (the sign-in page's own 401 is its question "who are you?"): from here, any console error is a defect.
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`${who} console: ${m.text()}`);
  });
  pages[who] = page;
  return page;
}

/** Go to a workbench route and wait for its heading. */
async function go(page: Page, hash: string, heading: string | RegExp) {
  await page.goto(`${server.url}/${hash}`);
  await poll(() => textOf(page.locator('h1'))).toMatch(heading);
}

/** Screenshots at the laptop and the phone size (when $ACCORD_SHOTS is set), and no page wider than the phone. */
async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-laptop.png`), fullPage: false });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: false });
  await page.setViewportSize(LAPTOP);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
}

/** Put the caret (or select from `start` to `end`) in a textarea. */
const select = (l: Locator, start: number, end = start) => l.evaluate((el, [s, e]) => {
  const t = el as HTMLTextAreaElement;
  t.focus();
  t.setSelectionRange(s!, e!);
}, [start, end]);

const node = async (versionId: string, lineage: string) => [...walkProvisions((await store.get(PID, 'versions', versionId))!.provisions)].find((p) => p.lineage === lineage);

describe('a round of the one-text procedure in the browser, as mediator staff and two delegations', () => {
  const failed: string[] = [];

  it('drafts v2 from v1 in the editor with a moved, a split and a bracketed point, and tables it', async () => {
    const page = await signIn('staff', failed);
    await go(page, '#/onetext?document=us-28', 'Rounds of the text');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('New version from').selectOption('us-28-v1');
    await page.getByRole('button', { name: 'Start a draft' }).click();
    await poll(() => textOf(page.locator('h1'))).toMatch(/^Draft/);
    const tree = page.getByRole('list', { name: 'Points of the draft' });
    const item = (lineage: string) => tree.locator(`li[data-lineage="${lineage}"]`);

    // Move point 9 under axis II, by keyboard: the button, the select and the Move button.
    await page.getByRole('button', { name: 'Edit Point 9', exact: true }).click();
    await page.getByLabel('Move under').selectOption({ label: "II. Security guarantees and Ukraine's military status" });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await poll(() => textOf(page.getByRole('status').first())).toContain('Moved');
    const order = () => tree.locator('> li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-lineage')));
    await poll(async () => {
      const o = await order();
      return o.indexOf('us-28-9') > o.indexOf('us-28-18') && o.indexOf('us-28-9') < o.indexOf('us-28-axis-III');
    }).toBe(true);
    await page.getByRole('button', { name: 'Close Point 9', exact: true }).click();

    // Split point 2 at the caret, before "under which".
    await page.getByRole('button', { name: 'Edit Point 2', exact: true }).click();
    const text2 = item('us-28-2').getByLabel('Wording');
    await select(text2, P2.indexOf(' under which'));
    await item('us-28-2').getByRole('button', { name: 'Split at the caret' }).click();
    await poll(() => textOf(page.getByRole('status').first())).toContain('Split');
    await poll(() => item('us-28-2.s2').count()).toBe(1);
    expect(await text2.inputValue()).toBe(P2.slice(0, P2.indexOf(' under which')));
    await page.getByRole('button', { name: 'Close Point 2', exact: true }).click();

    // Bracket "and that NATO will not grow any further" in point 3, wanted by ru.
    await page.getByRole('button', { name: 'Edit Point 3', exact: true }).click();
    const start = P3.indexOf('and that NATO');
    await item('us-28-3').getByLabel('RU').check();
    await select(item('us-28-3').getByLabel('Wording'), start, P3.length - 1);
    await item('us-28-3').getByRole('button', { name: 'Bracket selected words' }).click();
    await poll(() => item('us-28-3').getByLabel('Wording').inputValue()).toBe(`${P3.slice(0, start)}[${P3.slice(start, -1)}].`);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'editor');

    await page.getByLabel('Date tabled').fill('2026-04-01');
    await page.getByRole('button', { name: 'Table the version' }).click();
    await poll(async () => page.url()).toContain('#/compare');
    await poll(() => textOf(page.locator('main'))).toContain('split');

    // What the server stored: v2 with the lineage ids kept, the split's second half new.
    const v2 = (await store.get(PID, 'versions', 'us-28-v2'))!;
    expect(v2).toMatchObject({ basedOn: 'us-28-v1', date: '2026-04-01' });
    expect(v2.provisions.find((a) => a.lineage === 'us-28-axis-II')!.children.map((c) => c.lineage).at(-1)).toBe('us-28-9');
    expect((await node('us-28-v2', 'us-28-2.s2'))!.text).toBe(P2.slice(P2.indexOf('under which')));
    expect((await node('us-28-v2', 'us-28-3'))!.brackets).toMatchObject([{ text: 'and that NATO will not grow any further', proponents: ['ru'] }]);
  });

  /** A delegate's critique of v2 through the critique view: three answers, one amendment, submitted. */
  async function critique(who: 'rud' | 'uad', answers: { point: string; choice: string; field?: [string, string] }[], date: string) {
    const page = await signIn(who, failed);
    await go(page, '#/onetext?document=us-28&version=us-28-v2', 'Rounds of the text');
    // No draft of the team is listed for a delegation.
    expect(await page.getByRole('heading', { name: 'Drafts of the next version' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Critique this version' }).click();
    await poll(() => textOf(page.locator('h1'))).toMatch(/^Critique of/);
    for (const a of answers) {
      const group = page.getByRole('radiogroup', { name: `Your answer on Point ${a.point}`, exact: true });
      await group.getByLabel(a.choice, { exact: true }).check();
      if (a.field) {
        const f = page.getByLabel(`${a.field[0]} Point ${a.point}`, { exact: true });
        await f.fill(a.field[1]);
      }
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Date of the submission').fill(date);
    await page.getByRole('button', { name: 'Submit to the mediator' }).click();
    await poll(() => textOf(page.getByRole('status').last())).toContain('Submitted');
    return page;
  }

  it('lets each delegation critique three points of v2, one with an amendment', async () => {
    const ru = await critique(
      'rud',
      [
        { point: '1', choice: 'Agree with a reservation', field: ['Your reservation on', 'read together with point 16'] },
        { point: '5', choice: 'Reject' },
        { point: '16', choice: 'Propose an amendment', field: ['Your wording of', P16_RU] },
      ],
      '2026-04-08',
    );
    await shoot(ru, 'critique');
    await critique(
      'uad',
      [
        { point: '1', choice: 'Agree' },
        { point: '6', choice: 'Propose an amendment', field: ['Your wording of', P6_UA] },
        { point: '7', choice: 'Reject' },
      ],
      '2026-04-09',
    );
    const stored = (await store.list(PID, 'critiques')).map((c) => [c.party, c.version, c.status, c.answers.map((a) => [a.provision, a.stance, a.amendment ?? null])]);
    expect(stored.sort()).toEqual([
      // In reading order of v2: point 16 stands in axis I, point 5 in axis II.
      ['ru', 'us-28-v2', 'submitted', [['us-28-1', 'accepts-with-conditions', null], ['us-28-16', 'proposes-alternative', P16_RU], ['us-28-5', 'rejects', null]]],
      ['ua', 'us-28-v2', 'submitted', [['us-28-1', 'accepts', null], ['us-28-6', 'proposes-alternative', P6_UA], ['us-28-7', 'rejects', null]]],
    ]);
  });

  it('shows the mediator the critiques side by side, takes ua’s amendment in and tables v3', async () => {
    const page = pages.staff!;
    await go(page, '#/onetext?document=us-28', 'Rounds of the text');
    await page.getByLabel('New version from').selectOption('us-28-v2');
    await page.getByRole('button', { name: 'Start a draft' }).click();
    await poll(() => textOf(page.locator('h1'))).toMatch(/^Draft/);
    await page.getByRole('link', { name: 'Critiques side by side' }).click();
    await poll(() => textOf(page.locator('h1'))).toMatch(/^Revise/);
    const row = (lineage: string) => page.locator(`.ot-revise-row[data-lineage="${lineage}"]`);
    // Both parties' answers on point 1 side by side; ru's amendment of point 16 as the words it changes.
    await poll(() => textOf(row('us-28-1'))).toContain('Russia');
    expect(await textOf(row('us-28-1'))).toContain('Ukraine');
    expect(await textOf(row('us-28-1'))).toContain('read together with point 16');
    expect(await row('us-28-16').locator('ins').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'revise');
    await row('us-28-6').getByRole('button', { name: /^Take into the draft/ }).click();
    await poll(() => textOf(row('us-28-6'))).toContain('taken into the draft');
    expect(await textOf(row('us-28-6').locator('.ot-side'))).toContain(P6_UA);
    await page.getByLabel('Date tabled').fill('2026-04-15');
    await page.getByRole('button', { name: 'Table the version' }).click();
    await poll(async () => page.url()).toContain('to=us-28-v3');
    expect((await node('us-28-v3', 'us-28-6'))!.text).toBe(P6_UA);
    expect((await node('us-28-v3', 'us-28-16'))!.text).toBe('Russia legislates a non-aggression policy with respect to Europe and Ukraine.');
    // The round picture: point 6 reworded in v3, point 2 bis new in v2.
    await go(page, '#/onetext?document=us-28', 'Rounds of the text');
    const grid = page.getByRole('region', { name: 'Points × versions' });
    await poll(() => textOf(grid)).toContain('v3');
    expect(await textOf(grid.locator('tr[data-lineage="us-28-6"] td').last())).toContain('reworded');
    expect(await textOf(grid.locator('tr[data-lineage="us-28-2.s2"] td').nth(1))).toContain('new');
    await shoot(page, 'rounds');
  });

  it('shows each delegate the shared text and only its own critique', async () => {
    for (const [who, own, other] of [['rud', 'RU', 'UA'], ['uad', 'UA', 'RU']] as const) {
      const page = pages[who]!;
      await go(page, '#/onetext?document=us-28&version=us-28-v2', 'Rounds of the text');
      const who_ = page.getByRole('region', { name: 'Critiques of the round' });
      await poll(() => textOf(who_.locator('thead'))).toContain(own);
      expect(await textOf(who_.locator('thead'))).not.toContain(other);
      await go(page, '#/text?version=us-28-v3', /./);
      await poll(() => textOf(page.locator('main'))).toContain(P6_UA);
      // No way to a draft: the drafts list answers empty, a draft's page says not found.
      const drafts = await page.evaluate(async (pid) => (await fetch(`/api/processes/${pid}/drafts`)).json(), PID);
      expect(drafts).toEqual([]);
    }
  });

  it('compares v2 with v3 and shows the stances carried across the lineage, marked, in the matrix', async () => {
    const page = pages.staff!;
    await go(page, '#/compare?from=us-28-v2&to=us-28-v3', /Compare/);
    await poll(() => textOf(page.locator('main'))).toContain('amended: 1');
    expect(await textOf(page.locator('main'))).toContain('[inserted: in peacetime]');
    await go(page, '#/positions?version=us-28-v3&asOf=2026-04-20', /Positions/);
    await page.getByLabel('Layer').selectOption('@mediator-team');
    const cell = (lineage: string, party: string) => page.locator(`tr[data-point="${lineage}"] td[data-party="${party}"]`);
    // Once the team's layer is shown: ua's critique of v2, carried to v3 and marked with the change since.
    await poll(() => cell('us-28-6', 'ua').locator('a').getAttribute('aria-label')).toContain('as of 2026-04-09');
    expect(await cell('us-28-6', 'ua').getAttribute('data-since')).toBe('slightly reworded');
    expect(await cell('us-28-6', 'ua').getAttribute('data-stance')).toBe('proposes-alternative');
    expect(await cell('us-28-6', 'ua').locator('a').getAttribute('aria-label')).toContain('taken on v2 (slightly reworded since)');
    expect(await cell('us-28-5', 'ru').getAttribute('data-since')).toBe('unchanged');
    await shoot(page, 'matrix');
    // ru's own matrix shows its critique, and none of ua's.
    const ru = pages.rud!;
    await go(ru, '#/positions?version=us-28-v3&asOf=2026-04-20', /Positions/);
    const rcell = (lineage: string, party: string) => ru.locator(`tr[data-point="${lineage}"] td[data-party="${party}"]`);
    await poll(() => rcell('us-28-5', 'ru').getAttribute('data-stance')).toBe('rejects');
    // ua's cell there is its public stance of 2025, not the critique it submitted on 2026-04-09.
    expect(await rcell('us-28-6', 'ua').locator('a').getAttribute('aria-label')).not.toContain('2026-04-09');
    expect(await rcell('us-28-7', 'ua').locator('a').getAttribute('aria-label')).not.toContain('2026-04-09');
    expect(failed).toEqual([]);
  });
  it('marks a stance taken on an earlier wording in the point panel, steps through what each round changed and who asked, and shows what v3 did about the critiques', async () => {
    const ua = pages.uad!;
    await go(ua, '#/text?version=us-28-v3&asOf=2026-04-20&point=us-28-6', /./);
    // ua's critique of v2, carried to v3: the matrix's rule, in the panel (6 → "800,000 … in peacetime": 4 of 22 words).
    const note = ua.locator('#point-panel li[data-party="ua"] .drift-note');
    await poll(() => note.getAttribute('data-since')).toBe('slightly reworded');
    expect(await note.getAttribute('data-about')).toBe('us-28-v2');
    expect(await textOf(note)).toContain('Taken on v2 (2026-04-01): slightly reworded since (18 % of the words).');
    // The round shown: v3 against v2, point 6 asked for by ua and adopted.
    const rc = ua.locator('details.round-changes');
    await poll(() => rc.getAttribute('data-version')).toBe('us-28-v3');
    expect(await textOf(rc.locator('summary'))).toBe('What v3 changed since v2: 1 change, 0 brackets cleared, 0 added');
    expect(await textOf(rc.locator('li[data-change="amended"]'))).toBe('amended 6 → 6 · asked by UA (proposes alternative: wording adopted)');
    await shoot(ua, 'round-v3');
    // v2 against v1: the split, the bracket and the move, asked for by no critique; ru's bracket added.
    await go(ua, '#/text?version=us-28-v2', /./);
    await poll(() => rc.getAttribute('data-version')).toBe('us-28-v2');
    expect(await textOf(rc.locator('summary'))).toBe('What v2 changed since v1: 3 changes, 0 brackets cleared, 1 added');
    expect(await rc.locator('li[data-change]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-change')))).toEqual(['split', 'amended', 'moved']);
    expect(await textOf(rc.locator('li[data-change="split"]'))).toContain('2 → 2, 2 bis · no critique you may see asked for it');
    expect(await textOf(rc.locator('li[data-bracket="added"]'))).toBe('Bracket added in point 3: [and that NATO will not grow any further] — for RU');
    expect(await axeViolations(ua)).toEqual([]);

    // The mediator's "what each party asked and what v3 did about it", in the page.
    const staff = pages.staff!;
    await go(staff, '#/onetext?document=us-28&version=us-28-v2', 'Rounds of the text');
    const resp = staff.locator('section.ot-response');
    await poll(() => textOf(resp.locator('h2'))).toBe('What v3 did about the critiques');
    await poll(() => resp.locator('tbody tr').count()).toBe(6);
    expect(await resp.locator('tr[data-party="ua"][data-provision="us-28-6"]').getAttribute('data-outcome')).toBe('adopted');
    expect(await textOf(resp.locator('tr[data-party="ua"][data-provision="us-28-6"] td').last())).toContain('[deleted: 600][inserted: 800],000 personnel[inserted: in peacetime]');
    expect(await textOf(resp.locator('li[data-party="ua"]'))).toBe('Ukraine: 3 points answered — 2 left unchanged, 1 wording adopted');
    expect(await textOf(resp.locator('li[data-party="ru"]'))).toBe('Russia: 3 points answered — 3 left unchanged');
    expect(await axeViolations(staff)).toEqual([]);
    await shoot(staff, 'response');
    // A delegation sees only what was done about its own answers.
    const ru = pages.rud!;
    await go(ru, '#/onetext?document=us-28&version=us-28-v2', 'Rounds of the text');
    await ru.reload(); // the delegate's page was opened before v3 was tabled: load its list of versions again
    await poll(() => ru.locator('section.ot-response tbody tr').count()).toBe(3);
    expect(await ru.locator('section.ot-response tr[data-party="ua"]').count()).toBe(0);
    expect(failed).toEqual([]);
  });
});
