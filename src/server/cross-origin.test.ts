/**
 * A page of another origin, in Debian's Chromium, can neither write to nor read from a local-mode
 * server (`accord serve` without accounts, full access for whoever reaches it):
 *
 * - from another port of this machine (another origin): a `text/plain` fetch, a form post, a JSON
 *   fetch (preflighted) and a plain read of the export all fail to write or to read;
 * - by DNS rebinding: a page served under a name that then resolves to 127.0.0.1 (emulated by
 *   answering the page itself through playwright and mapping the name with `--host-resolver-rules`)
 *   reads nothing, since the server answers only to its loopback names.
 *
 * The workbench's own page writes the same way and succeeds, so the refusals are not vacuous.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { openSqliteStore } from '../store/sqlite.js';
import { type RunningServer, serve } from './serve.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP rebind.test 127.0.0.1',
  // Chromium's own guard against pages reaching this machine (Private/Local Network Access) is
  // turned off, as other browsers lack it: the server must refuse by itself.
  '--disable-features=PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests,LocalNetworkAccessChecks',
];
/** The id of north's confidential position in the fixture, which no read attempt may see. */
const SECRET_ID = 'p7';
/** Request log lines of the workbench (pino JSON), to see that refused writes did reach it. */
const requests: { method: string; path: string; status: number }[] = [];

let tmp: string;
let store: KyselyStore;
let accord: RunningServer;
let attacker: Server;
let attackerUrl: string;
let context: BrowserContext;

/** The attacker's page: four attempts on the workbench at `target`, results in `window.results`. */
function attackPage(target: string): string {
  const event = JSON.stringify({ kind: 'meeting', status: 'held', title: 'Injected by another site', start: '2024-04-01' });
  return `<!doctype html><html><head><title>elsewhere</title></head><body>
<iframe name="sink"></iframe>
<form id="f" method="POST" action="${target}/api/processes/mini/events" enctype="text/plain" target="sink">
  <input name='${event.slice(0, -1)}, "x": "' value='"}'>
</form>
<script>
const T = ${JSON.stringify(target)};
const EV = ${JSON.stringify(event)};
window.results = {};
const outcome = (p) => p.then(async (r) => (r.type === 'opaque' ? 'opaque' : r.status + ' ' + (await r.text()).slice(0, 400)), (e) => 'error ' + e.name);
(async () => {
  results.textPlain = await outcome(fetch(T + '/api/processes/mini/events', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: EV }));
  results.json = await outcome(fetch(T + '/api/processes/mini/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: EV }));
  results.read = await outcome(fetch(T + '/api/processes/mini/export'));
  document.getElementById('f').submit();
  await new Promise((r) => setTimeout(r, 1500));
  results.done = true;
})();
</script></body></html>`;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-xorigin-'));
  store = await openSqliteStore(path.join(tmp, 'accord.db'));
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  const logger = pino({ level: 'info' }, { write: (line: string) => void requests.push(JSON.parse(line)) });
  accord = await serve({ store, port: 0, host: '127.0.0.1', logger, webDir: false });
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackPage(accord.url));
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((r) => (attacker ? attacker.close(() => r()) : r()));
  await accord?.close();
  await store?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('a local-mode server seen from another origin in Chromium', () => {
  it('the fixture holds confidential data for the read attempts to look for', async () => {
    const data = await store.loadProcess('mini');
    expect(data.positions.find((p) => p.id === SECRET_ID)).toBeDefined();
  });

  it('a page on another port can neither write nor read', async () => {
    const before = await store.audit('mini');
    const page = await context.newPage();
    await page.goto(attackerUrl);
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true, undefined, { timeout: 15_000 });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
    // The simple (no-cors) write and the form post reach the server and are refused; its answer
    // stays closed to the page (Cross-Origin-Resource-Policy), as do the preflighted write's and the read's.
    expect(results).toMatchObject({ textPlain: 'error TypeError', json: 'error TypeError', read: 'error TypeError' });
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/processes/mini/events').map((r) => r.status)).toEqual([403, 403]);
    expect(await store.audit('mini')).toEqual(before);
    expect((await store.list('mini', 'events')).some((e) => e.title.startsWith('Injected'))).toBe(false);
    await page.close();
  });

  it('a DNS-rebinding page under another name reads nothing', async () => {
    const port = new URL(accord.url).port;
    const origin = `http://rebind.test:${port}`;
    const page = await context.newPage();
    // The attacker's server answers the first look-up of rebind.test; afterwards the name resolves to 127.0.0.1.
    await page.route(`${origin}/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>rebound</title><p>hello</p>' }));
    await page.goto(`${origin}/`);
    const read = await page.evaluate(async () => {
      const r = await fetch('/api/processes/mini/export');
      return `${r.status} ${await r.text()}`;
    });
    expect(read.startsWith('403 ')).toBe(true);
    expect(read).toContain('not to \\"rebind.test\\"');
    expect(read).not.toContain(SECRET_ID);
    const write = await page.evaluate(async (ev) => (await fetch('/api/processes/mini/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ev })).status, JSON.stringify({ kind: 'meeting', status: 'held', title: 'Injected by rebinding', start: '2024-04-01' }));
    expect(write).toBe(403);
    // Straight to the server under that name: refused as well.
    const direct = await page.goto(`${origin}/api/processes/mini/positions`);
    expect(direct?.status()).toBe(403);
    expect((await store.list('mini', 'events')).some((e) => e.title.startsWith('Injected'))).toBe(false);
    await page.close();
  });

  it('the workbench’s own page writes the same way and succeeds', async () => {
    const page = await context.newPage();
    await page.goto(`${accord.url}/api/openapi.json`);
    const status = await page.evaluate(async (ev) => (await fetch('/api/processes/mini/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ev })).status, JSON.stringify({ kind: 'meeting', status: 'held', title: 'Recorded from its own page', start: '2024-04-01' }));
    expect(status).toBe(201);
    expect((await store.list('mini', 'events')).some((e) => e.title === 'Recorded from its own page')).toBe(true);
    await page.close();
  });
});
