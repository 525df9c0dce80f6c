/**
 * The Reports page end to end in Debian's Chromium (playwright-core, same setup as web/e2e.test.ts):
 * paste a corpus article with its publication date, see every proposal's characters marked with its
 * number, see the stored event the Ankara meeting merges into (the corpus expected file's
 * `timeline_ref`), accept it with the mouse, reject another with the keyboard, find the report as a
 * source of the event in Record, and no serious axe-core violation on the page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../src/ingest/extract.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { axeViolations } from '../test/support/axe.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTICLES = path.resolve(ROOT, '../shared/corpus/articles');
const A01 = readFileSync(path.join(ARTICLES, 'a01-2025-11-19-ankara-wire.txt'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(path.join(ARTICLES, 'a01-2025-11-19-ankara-wire.expected.json'), 'utf8')) as { events: { kind: string; date: string; status: string; timeline_ref: string }[] };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 100 });

let tmp: string;
let store: Store;
let server: RunningServer;
let context: BrowserContext;
const data = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-reports-'));
  store = await openSqliteStore(path.join(tmp, 'accord.db'));
  await store.importProcess(data, { actor: 'e2e' });
  server = await serve({ store, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1360, height: 900 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' }));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('Reports page in Chromium', () => {
  it('queues a pasted report, marks its proposals, accepts one into the record and rejects another by keyboard', async () => {
    // What the page must show: the proposals the extractor makes against the example's persons.
    const proposed = extractReport({ text: A01, published: '2025-11-19' }, { parties: data.parties, persons: data.persons });
    const total = proposed.events.length + proposed.statements.length + proposed.newPersons.length;
    const ankara = EXPECTED.events[0]!;
    expect(ankara).toMatchObject({ kind: 'meeting', date: '2025-11-19', status: 'held', timeline_ref: 'ev-009' });
    const n = proposed.events.findIndex((e) => e.kind === 'meeting' && e.status === 'held' && e.start === '2025-11-19') + 1;
    const publication = proposed.events.findIndex((e) => e.kind === 'publication') + 1;
    expect(n).toBeGreaterThan(0);

    const page = await context.newPage();
    await page.goto(`${server.url}/#/reports`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByRole('link', { name: 'Reports' }).first().waitFor();
    await page.getByLabel('Report text').fill(A01);
    await page.getByLabel('Publication date').fill('2025-11-19');
    await page.getByLabel('Outlet').fill('corpus wire');
    await page.getByLabel('URL').fill('https://example.org/corpus/a01');
    await page.getByRole('button', { name: 'Propose events and statements' }).click();

    // Every proposal's characters are marked, each mark starting with its number.
    await poll(() => page.locator('mark.hl').count()).toBe(total);
    const [from, to] = proposed.events[n - 1]!.span;
    const mark = page.locator(`#span-${n}`);
    expect((await mark.locator('.hl-marker').textContent())?.trim()).toBe(String(n));
    expect(await mark.textContent()).toContain(A01.slice(from, to));
    expect(await mark.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect(await page.locator('.hl-marker').allTextContents()).toEqual(expect.arrayContaining(Array.from({ length: total }, (_, i) => String(i + 1))));

    // The merge target is shown before accepting.
    const card = page.locator(`#proposal-${n}`);
    await poll(() => card.locator('.merge').innerText()).toContain(`Merges into ${ankara.timeline_ref} “Zelensky and Erdogan meet in Ankara”`);
    expect(await axeViolations(page)).toEqual([]);

    // Accept with the mouse.
    await page.getByRole('button', { name: `Accept proposal ${n}`, exact: true }).click();
    await poll(() => page.locator('.review-message').innerText()).toBe(`Proposal ${n} accepted: merged into ${ankara.timeline_ref}.`);
    expect((await card.locator('.review-status').innerText()).trim().toLowerCase()).toBe('accepted');

    // Reject with the keyboard: focus the publication proposal, press r.
    await page.locator(`#proposal-${publication}`).focus();
    await page.keyboard.press('r');
    await poll(() => page.locator('.review-message').innerText()).toBe(`Proposal ${publication} rejected.`);
    await poll(() => page.locator(`#span-${publication}`).getAttribute('class')).toContain('hl-rejected');
    expect(await axeViolations(page)).toEqual([]);

    // The record now cites the report on the merged event; nothing was duplicated.
    await page.goto(`${server.url}/#/record?event=${ankara.timeline_ref}`);
    const article = page.locator(`#event-${ankara.timeline_ref}`);
    await article.waitFor();
    await article.locator('summary').click();
    await poll(() => article.locator('.sources').innerText()).toContain('corpus wire');
    expect(await article.locator('summary').innerText()).toBe('Sources (3)');
    expect((await store.list(data.process.id, 'events')).length).toBe(data.events.length);
    await page.close();
  });
});
