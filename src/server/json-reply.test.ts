/**
 * Conditional GETs of the API (src/server/json-reply.ts) on the mini fixture, through `app.request`:
 * a JSON answer carries a weak tag that is the SHA-1 of its exact bytes (computed here
 * independently), `If-None-Match` with it gives 304 and no body, a write moves the tag, and an
 * entity's own tag (used by `If-Match`) is kept.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { noneMatchHits } from './json-reply.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const P = '/api/processes/mini';
const MATRIX = `${P}/matrix?asOf=2024-03-09`;

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false });
});
afterEach(async () => {
  await store.close();
});

const sha1Tag = (text: string) => `W/"${createHash('sha1').update(Buffer.from(text, 'utf8')).digest('base64url')}"`;

describe('conditional GET of JSON answers', () => {
  it('tags an answer with the digest of its bytes and answers 304 with no body to that tag', async () => {
    const first = await app.request(MATRIX);
    const text = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(sha1Tag(text));
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    // The same answer again: the same bytes and tag (the kept serialisation of the kept answer).
    const again = await app.request(MATRIX);
    expect(await again.text()).toBe(text);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));

    const tag = first.headers.get('etag')!;
    for (const header of [tag, tag.slice(2), `"other", ${tag}`, '*']) {
      const r = await app.request(MATRIX, { headers: { 'If-None-Match': header } });
      expect(r.status, header).toBe(304);
      expect(await r.text()).toBe('');
      expect(r.headers.get('etag')).toBe(tag);
    }
    const miss = await app.request(MATRIX, { headers: { 'If-None-Match': 'W/"other"' } });
    expect(miss.status).toBe(200);
    expect(await miss.text()).toBe(text);
  });

  it('moves the tag when a write changes the answer, and the old tag then gets the new answer', async () => {
    const before = await app.request(MATRIX);
    const tag = before.headers.get('etag')!;
    const w = await app.request(`${P}/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p-new', party: 'south', provision: 'draft-1', stance: 'rejects', asOf: '2024-03-09' }),
    });
    expect(w.status).toBe(201);
    expect(w.headers.get('cache-control')).toBeNull();
    const after = await app.request(MATRIX, { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
    const body = (await after.json()) as { rows: { cells: Record<string, { stance: string } | null> }[] };
    expect(body.rows[0]!.cells.south!.stance).toBe('rejects');
    expect(after.headers.get('etag')).not.toBe(tag);
  });

  it("keeps an entity's own tag, and If-None-Match with it gives 304", async () => {
    const r = await app.request(`${P}/positions/p1`);
    const tag = r.headers.get('etag')!;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await app.request(`${P}/positions/p1`, { headers: { 'If-None-Match': tag } })).status).toBe(304);
  });

  it('compares tags weakly and lists', () => {
    expect(noneMatchHits(undefined, 'W/"a"')).toBe(false);
    expect(noneMatchHits('"a"', 'W/"a"')).toBe(true);
    expect(noneMatchHits('W/"b" , W/"a"', '"a"')).toBe(true);
    expect(noneMatchHits('W/"ab"', 'W/"a"')).toBe(false);
  });
});
