/**
 * The local workbench's guard (./local-guard.ts) on the app itself: host names other than the
 * loopback ones are refused on every request; writes must come from the server's own origin and
 * carry JSON. Each refused write is checked to have written nothing.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { readBundle } from '../store/bundle.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { openSqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';
import { hostName } from './local-guard.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
let store: KyselyStore;
let app: Hono;
beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false, allowedHosts: ['accord.lan'] });
});
afterAll(() => store.close());

const EVENT = { kind: 'meeting', status: 'held', title: 'Injected', start: '2024-04-01' };
const events = async () => (await store.list('mini', 'events')).length;

async function call(method: string, url: string, headers: Record<string, string>, body?: string) {
  const r = await app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: r.status, text: await r.text() };
}

describe('local workbench guard', () => {
  it('reads host names without their port', () => {
    expect(['127.0.0.1:5170', 'LOCALHOST', '[::1]:80', 'evil.example:5170'].map(hostName)).toEqual(['127.0.0.1', 'localhost', '[::1]', 'evil.example']);
  });

  it('answers only to loopback and allowed host names, reads included (DNS rebinding)', async () => {
    for (const host of ['127.0.0.1:5170', 'localhost:5170', '[::1]:5170', 'accord.lan:5170']) {
      expect((await call('GET', 'http://x/api/processes/mini/events', { host })).status, host).toBe(200);
    }
    const evil = await call('GET', 'http://x/api/processes/mini/export', { host: 'evil.example:5170' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.text).error.message).toContain('not to "evil.example"');
    expect(evil.text).not.toContain('north');
  });

  it('refuses writes from another origin or another site, and writes that are not JSON', async () => {
    const before = await events();
    const host = '127.0.0.1:5170';
    const json = JSON.stringify(EVENT);
    const refused = [
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'text/plain' }, json),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', origin: 'http://127.0.0.1:9999' }, json),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', origin: 'http://evil.example' }, json),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', origin: 'null' }, json),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, json),
      await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, json),
      await call('DELETE', 'http://x/api/processes/mini/events/ev3', { host, origin: 'http://evil.example' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
    expect(await events()).toBe(before);
    // The workbench's own pages, and clients that are not browsers, write.
    expect((await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json', origin: 'http://127.0.0.1:5170' }, json)).status).toBe(201);
    expect((await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' }, json)).status).toBe(201);
    expect((await call('POST', 'http://x/api/processes/mini/events', { host, 'content-type': 'application/json' }, json)).status).toBe(201);
    expect(await events()).toBe(before + 3);
  });
});
