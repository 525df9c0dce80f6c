/**
 * The Edit page's forms on react-hook-form with the server's schemas (issue 15), end to end in
 * Debian's Chromium (playwright-core) over a temporary SQLite copy of the example process: a form
 * the schema refuses sends nothing, shows each problem beside its field (linked by
 * aria-describedby) and in a summary that takes the focus; a corrected form is saved and stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessData } from '../src/model/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { readBundle } from '../src/store/bundle.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let tmp: string;
let data: ProcessData;
let store: Store;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-forms-'));
  data = readBundle(EXAMPLE).data;
  store = await openSqliteStore(path.join(tmp, 'forms.db'));
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

/** A fresh page at `hash`, with the writes (non-GET API requests) it sends recorded. */
async function open(hash: string): Promise<{ page: Page; writes: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/')) writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${server.url}/${hash}`);
  await page.locator('form.edit-form').waitFor();
  return { page, writes };
}

/** The message shown beside the field labelled `label`, read through its aria-describedby. */
async function describedError(page: Page, label: string): Promise<string> {
  const input = page.locator('form.edit-form').getByLabel(label, { exact: true });
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  for (const id of ids) {
    const el = page.locator(`[id="${id}"].error`);
    if (await el.count()) return (await el.innerText()).trim();
  }
  return '';
}

describe('the person form', () => {
  it('refuses an empty name and a post without its party before sending, then saves the corrected person', async () => {
    const { page, writes } = await open('#/edit?form=person');
    const form = page.locator('form.edit-form');
    await form.getByRole('button', { name: '+ Add a post' }).click();
    await form.getByRole('group', { name: 'Post 1' }).getByLabel('From', { exact: true }).fill('2025-13');
    await form.getByRole('button', { name: 'Save person' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    // Nothing was sent: the server's schema refused the body in the browser.
    expect(writes).toEqual([]);
    await poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain('Name: This field is required.');
    expect(text).toContain('Post 1: On behalf of: This field is required.');
    expect(text).toContain('Post 1: Post: This field is required.');
    expect(text).toContain('month 13');
    expect(text).not.toMatch(/persons|memberships|Too small|received/);
    expect(await describedError(page, 'Name')).toBe('This field is required.');
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // A link of the summary moves the focus to its field.
    await summary.getByRole('button', { name: 'Name' }).click();
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('person.name');

    const party = data.parties[0]!;
    await form.getByLabel('Name', { exact: true }).fill('Form Test Envoy');
    await form.getByLabel('Aliases', { exact: true }).fill('the envoy; FTE');
    const post = form.getByRole('group', { name: 'Post 1' });
    await post.getByLabel('On behalf of', { exact: true }).selectOption(party.id);
    await post.getByLabel('Post', { exact: true }).fill('special envoy');
    await post.getByLabel('From', { exact: true }).fill('2025-11');
    await form.getByRole('button', { name: 'Save person' }).click();
    await poll(() => form.locator('.saved').innerText()).toContain('Saved Form Test Envoy.');
    expect(writes).toEqual([`POST /api/processes/${data.process.id}/changes`]);
    const stored = (await store.loadProcess(data.process.id)).persons.find((p) => p.name === 'Form Test Envoy');
    expect(stored).toEqual({ id: 'form-test-envoy', name: 'Form Test Envoy', aliases: ['the envoy', 'FTE'], memberships: [{ onBehalfOf: party.id, post: 'special envoy', from: '2025-11' }] });
    expect(await form.locator('.save-actions button[type="submit"]').innerText()).toBe('✓ Saved');
    // Saving again after a change updates the same person (its id kept), not a second one.
    await form.getByLabel('Aliases', { exact: true }).fill('the envoy');
    await form.getByRole('button', { name: 'Save person' }).click();
    await poll(async () => (await store.loadProcess(data.process.id)).persons.filter((p) => p.name === 'Form Test Envoy').map((p) => [p.id, p.aliases])).toEqual([['form-test-envoy', ['the envoy']]]);
    await page.context().close();
  });
});

describe('the event form', () => {
  it('refuses a missing title and date and a bad CAMEO code before sending, then saves the event with a known attendee as that person', async () => {
    const { page, writes } = await open('#/edit?form=event');
    const form = page.locator('form.edit-form');
    await form.getByLabel('CAMEO code', { exact: true }).fill('negotiate');
    await form.getByRole('button', { name: 'Save event' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(writes).toEqual([]);
    await poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain('these 3 problems');
    expect(text).toContain('Title: This field is required.');
    expect(text).toContain('Start: This field is required.');
    expect(text).toContain('CAMEO code: expected a CAMEO code of 2–4 digits');
    expect(await describedError(page, 'Start')).toBe('This field is required.');

    const person = data.persons[0]!;
    const version = data.versions[0]!;
    await form.getByLabel('Title', { exact: true }).fill('Form test round');
    await form.getByLabel('Start', { exact: true }).fill('2025-12-02');
    await form.getByLabel('CAMEO code', { exact: true }).fill('046');
    await form.getByLabel('City', { exact: true }).fill('Geneva');
    await form.getByRole('button', { name: '+ Add an attendee' }).click();
    await form.getByRole('group', { name: 'Attendee 1' }).getByLabel('Person', { exact: true }).fill(person.name.toUpperCase());
    await form.getByRole('button', { name: '+ Add an attendee' }).click();
    await form.getByRole('group', { name: 'Attendee 2' }).getByLabel('Person', { exact: true }).fill('two officials');
    await form.getByRole('group', { name: 'Attendee 2' }).getByLabel('Role', { exact: true }).fill('note takers');
    const doc = data.documents.find((d) => d.id === version.document)!;
    await form.getByLabel(`${doc.title}, ${version.label}`, { exact: true }).check();
    await form.getByRole('button', { name: 'Save event' }).click();
    await poll(() => form.locator('.saved').innerText()).toContain('Saved the event “Form test round”.');
    expect(writes).toEqual([`POST /api/processes/${data.process.id}/changes`]);
    const stored = (await store.loadProcess(data.process.id)).events.find((e) => e.title === 'Form test round');
    expect(stored).toMatchObject({
      kind: 'meeting',
      status: 'scheduled',
      start: '2025-12-02',
      approximate: false,
      cameo: '046',
      place: { city: 'Geneva' },
      attendees: [{ person: person.id }, { person: 'two officials', role: 'note takers' }],
      tabled: [version.id],
      sources: [],
    });
    expect(stored!.end).toBeUndefined();
    await page.context().close();
  });
});

describe('the stance form', () => {
  it('refuses a stance without party, stance or a real date before sending, and keeps what was typed', async () => {
    const { page, writes } = await open('#/edit?form=position');
    const form = page.locator('form.edit-form');
    await form.getByLabel('As of', { exact: true }).fill('2025-02-30');
    await form.getByLabel('Conditions', { exact: true }).fill('only with guarantees');
    await form.getByRole('button', { name: 'Save stance' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(writes).toEqual([]);
    await poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain('Party: This field is required.');
    expect(text).toContain('Stance: Choose one of the listed options.');
    expect(text).toContain('As of: "2025-02-30"');
    expect(await describedError(page, 'Party')).toBe('This field is required.');
    expect(await form.getByLabel('Conditions', { exact: true }).inputValue()).toBe('only with guarantees');
    await page.context().close();
  });
});
