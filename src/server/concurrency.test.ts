/**
 * Concurrency through the HTTP API on SQLite and PostgreSQL: two API processes (two apps, each
 * with its own connection or pool to one database) hit by 50 parallel requests. Creates of one id:
 * exactly one 201, the rest 409, one row, one audit entry. Accepts of one proposal: exactly one
 * 200 whose writes land once, the rest 409. Conditional writes: a stale `If-Match` is 412 and of 20
 * writers starting from the same read exactly one lands. `verify` is clean afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import { freshDatabase, postgresBackend } from '../../test/support/pg.js';
import { createApp } from './app.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-race-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A queued report with one pending proposal: a meeting on a day and in a city the record does not hold yet. */
const REPORT = {
  id: 'race-rep',
  text: 'Lev Petrov met envoys in Oslo on Wednesday.',
  published: '2024-04-11',
  url: 'https://news.example.org/oslo',
  outlet: 'Example News',
  proposals: [
    {
      n: 1,
      type: 'event' as const,
      span: [11, 14] as [number, number],
      confidence: 0.8,
      status: 'pending' as const,
      proposed: { kind: 'meeting' as const, status: 'held' as const, start: '2024-04-10', end: null, precision: 'day' as const, approximate: false, place: { city: 'Oslo' }, attendees: [{ person: 'lev', name: 'Lev Petrov', party: 'north', kind: 'known' as const }], medium: 'in-person' as const, title: 'meeting in Oslo', mentions: [] },
      edits: {},
    },
  ],
  warnings: [],
};

interface Backend {
  name: string;
  /** Two stores on one fresh database, as two API processes would hold them. */
  open(): Promise<[KyselyStore, KyselyStore]>;
}

const backends: Backend[] = [
  {
    // One connection, as one `accord serve` process holds it: its transactions queue on it. (Two
    // better-sqlite3 connections in ONE process would block each other's thread; across processes
    // SQLite's own lock serialises them: see the test of two server processes below.)
    name: 'sqlite',
    async open() {
      const file = path.join(tmp, `race-${Math.random().toString(36).slice(2)}.db`);
      const a = await openSqliteStore(file);
      return [a, a];
    },
  },
];
if (await postgresBackend()) {
  backends.push({
    name: 'postgres',
    async open() {
      const url = await freshDatabase('race');
      const a = await openPostgresStore(url, { poolSize: 10 });
      return [a, await openPostgresStore(url, { poolSize: 10 })];
    },
  });
}

const HEADERS = { 'content-type': 'application/json', origin: 'http://localhost' };

describe.each(backends)('concurrent writes through the API on $name', (b) => {
  let stores: [KyselyStore, KyselyStore];
  let apps: Hono[];
  /** Send a request through app `i % 2`. */
  const send = async (i: number, method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => {
    const r = await apps[i % 2]!.request(url, { method, headers: { ...HEADERS, ...extra }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: r.status, etag: r.headers.get('etag'), body: (await r.json()) as Record<string, any> };
  };
  const count = <T>(xs: T[], x: T) => xs.filter((y) => y === x).length;

  it('setup: two API processes over one database', async () => {
    stores = await b.open();
    await stores[0].importProcess(readBundle(MINI).data, { actor: 'test' });
    await stores[0].put('mini', 'reports', REPORT, { actor: 'test' });
    // The read cache is on (as served): the store, not the cache, must decide.
    apps = stores.map((store) => createApp({ store, logger: pino({ level: 'silent' }), webDir: false }));
  });

  it('50 parallel creates of one id: one 201, 49 × 409, one row and one audit entry', async () => {
    const P = '/api/processes/mini/positions';
    const res = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send(i, 'POST', P, { id: 'race-pos', party: 'south', provision: 'draft-2', stance: 'accepts', asOf: '2024-04-01', note: `writer ${i}` })),
    );
    const statuses = res.map((r) => r.status);
    expect(count(statuses, 201)).toBe(1);
    expect(count(statuses, 409)).toBe(49);
    for (const r of res) if (r.status === 409) expect(r.body.error.code).toBe('conflict');
    const winner = res.find((r) => r.status === 201)!;
    // The one told "created" is the one stored: nobody was silently overwritten.
    expect((await stores[1].get('mini', 'positions', 'race-pos'))?.note).toBe(winner.body.note);
    expect((await stores[0].list('mini', 'positions')).filter((p) => p.id === 'race-pos')).toHaveLength(1);
    expect((await stores[0].audit('mini')).filter((e) => e.entityId === 'race-pos').map((e) => e.action)).toEqual(['create']);
    expect(winner.etag).toMatch(/^"[A-Za-z0-9_-]{16}"$/);
  });

  it('50 parallel accepts of one proposal: exactly one applied, 49 × 409', async () => {
    const before = await stores[0].loadProcess('mini');
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => send(i, 'PUT', `/api/processes/mini/reports/${REPORT.id}`, { decisions: [{ n: 1, action: 'accept' }] })));
    const statuses = res.map((r) => r.status);
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 409)).toBe(49);
    for (const r of res) if (r.status === 409) expect(r.body.error.message).toMatch(/proposal 1 was already accepted/);
    const after = await stores[1].loadProcess('mini');
    // One new event (the meeting in Oslo) and one new source (the report's), nothing else.
    const newEvents = after.events.filter((e) => !before.events.some((x) => x.id === e.id));
    expect(newEvents.map((e) => [e.start, e.place?.city])).toEqual([['2024-04-10', 'Oslo']]);
    expect(after.sources.length - before.sources.length).toBe(1);
    expect(after.evidence.length).toBe(before.evidence.length);
    expect((await stores[0].audit('mini')).filter((e) => e.kind === 'reports' && e.entityId === REPORT.id && e.action === 'update')).toHaveLength(1);
    const report = after.reports!.find((r) => r.id === REPORT.id)!;
    expect(report.proposals[0]!.status).toBe('accepted');
    expect(report.proposals[0]!.review!.written).toEqual([
      { kind: 'sources', id: report.sourceId, action: 'created' },
      { kind: 'events', id: newEvents[0]!.id, action: 'created' },
    ]);
  });

  it('a stale If-Match is 412; of 20 writers from one read exactly one lands', async () => {
    const P = '/api/processes/mini/positions/race-pos';
    const read = await send(0, 'GET', P);
    expect(read.status).toBe(200);
    const tag = read.etag!;
    const body = { ...read.body, note: 'first update' };
    const ok = await send(1, 'PUT', P, body, { 'if-match': tag });
    expect(ok.status).toBe(200);
    expect(ok.etag).not.toBe(tag);
    const stale = await send(0, 'PUT', P, { ...body, note: 'lost update' }, { 'if-match': tag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await send(1, 'DELETE', P, undefined, { 'if-match': tag })).status).toBe(412);
    expect((await stores[0].get('mini', 'positions', 'race-pos'))?.note).toBe('first update');

    const fresh = await send(0, 'GET', P);
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i, 'PUT', P, { ...fresh.body, note: `racer ${i}` }, { 'if-match': fresh.etag! })));
    const statuses = res.map((r) => r.status);
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 412)).toBe(19);
    const won = res.find((r) => r.status === 200)!;
    expect((await stores[1].get('mini', 'positions', 'race-pos'))?.note).toBe(won.body.note);
    // A weak tag never matches; a tag list is a usage error; `*` asks only that it exists.
    expect((await send(0, 'PUT', P, won.body, { 'if-match': `W/${won.etag}` })).status).toBe(412);
    expect((await send(0, 'PUT', P, won.body, { 'if-match': `${won.etag}, "x"` })).status).toBe(400);
    const star = await send(0, 'PUT', P, won.body, { 'if-match': '*' });
    expect(star.status).toBe(200);
    // Deleting with the current tag works.
    expect((await send(1, 'DELETE', P, undefined, { 'if-match': star.etag! })).status).toBe(200);
    expect(await stores[0].get('mini', 'positions', 'race-pos')).toBeUndefined();
  });

  it('leaves a record that verifies', async () => {
    const r = await stores[0].verify();
    expect(r.problems ?? []).toEqual([]);
    expect(r.ok).toBe(true);
    await Promise.all([...new Set(stores)].map((s) => s.close()));
  });
});

const BIN = fileURLToPath(new URL('../../bin/accord.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** `accord serve --db FILE --port 0` in a child process; resolves with its URL. */
function serveChild(db: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--no-build'], { env: { ...process.env, NO_COLOR: '1', ACCORD_LOG_LEVEL: 'warn' } });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Accord workbench: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
}

describe('concurrent writes on one SQLite file from two server processes', () => {
  it('50 parallel creates of one id: one 201, 49 × 409; 50 parallel accepts: one applied', async () => {
    const file = path.join(tmp, 'two-servers.db');
    const store = await openSqliteStore(file);
    await store.importProcess(readBundle(MINI).data, { actor: 'test' });
    await store.put('mini', 'reports', REPORT, { actor: 'test' });
    await store.close();
    const urls = await Promise.all([serveChild(file), serveChild(file)]);
    const send = async (i: number, method: string, p: string, body: unknown) => {
      const base = urls[i % 2]!;
      const r = await fetch(base + p, { method, headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(body) });
      return r.status;
    };
    const creates = await Promise.all(Array.from({ length: 50 }, (_, i) => send(i, 'POST', '/api/processes/mini/positions', { id: 'race-pos', party: 'south', provision: 'draft-2', stance: 'accepts', asOf: '2024-04-01', note: `writer ${i}` })));
    expect([creates.filter((s) => s === 201).length, creates.filter((s) => s === 409).length]).toEqual([1, 49]);
    const accepts = await Promise.all(Array.from({ length: 50 }, (_, i) => send(i, 'PUT', `/api/processes/mini/reports/${REPORT.id}`, { decisions: [{ n: 1, action: 'accept' }] })));
    expect([accepts.filter((s) => s === 200).length, accepts.filter((s) => s === 409).length]).toEqual([1, 49]);
    const check = await openSqliteStore(file);
    try {
      expect((await check.list('mini', 'events')).filter((e) => e.place?.city === 'Oslo')).toHaveLength(1);
      expect((await check.audit('mini')).filter((e) => e.entityId === 'race-pos')).toHaveLength(1);
      expect((await check.verify()).ok).toBe(true);
    } finally {
      await check.close();
    }
  });
});
