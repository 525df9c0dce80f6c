/**
 * A party's delegates record the events of their own party's layer through the API (a back channel,
 * a call held out of view), and nothing else: a public event, another party's, or one they only see
 * because it is shared with them is refused with `forbidden` (403, src/model/errors.ts). On SQLite and
 * PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';
import { type TeamFixture, teamFixture } from '../../test/support/team-fixture.js';

const backends: Backend[] = [sqliteBackend];
const pg = await postgresBackend();
if (pg) backends.push(pg);

const URL = '/api/processes/mini/events';
const meeting = (id: string, visibility?: unknown) => ({ id, kind: 'meeting', status: 'held', title: `Meeting ${id}`, start: '2024-03-09', ...(visibility === undefined ? {} : { visibility }) });
const code = (text: string) => (JSON.parse(text) as { error?: { code?: string } }).error?.code;

describe.each(backends)('delegates recording events on $name', (backend) => {
  let f: TeamFixture;
  beforeAll(async () => {
    f = await teamFixture({ open: () => backend.open() });
  });
  afterAll(async () => {
    await f.close();
  });

  it('records, changes and deletes an event of its own party’s layer, seen by that layer only', async () => {
    const made = await f.call('north', 'POST', URL, meeting('bc-1', { confidentialTo: 'north' }));
    expect(made.status, made.text).toBe(201);
    expect((await f.call('north', 'GET', `${URL}/bc-1`)).status).toBe(200);
    for (const who of ['south', 'med', 'obs'] as const) expect((await f.call(who, 'GET', `${URL}/bc-1`)).status, who).toBe(404);
    const read = await f.call('north', 'GET', `${URL}/bc-1`);
    const put = await f.call('north', 'PUT', `${URL}/bc-1`, { ...meeting('bc-1', { confidentialTo: 'north' }), title: 'Renamed' }, { 'if-match': read.etag! });
    expect(put.status, put.text).toBe(200);
    expect((await f.store.get('mini', 'events', 'bc-1'))?.title).toBe('Renamed');
    expect((await f.call('north', 'DELETE', `${URL}/bc-1`)).status).toBe(200);
    expect(await f.store.get('mini', 'events', 'bc-1')).toBeUndefined();
  });

  it('records an event shared with another party, which that party reads but cannot change', async () => {
    const shared = { confidentialTo: 'north', alsoVisibleTo: ['south'] };
    expect((await f.call('north', 'POST', URL, meeting('bc-2', shared))).status).toBe(201);
    expect((await f.call('south', 'GET', `${URL}/bc-2`)).status).toBe(200);
    expect((await f.call('med', 'GET', `${URL}/bc-2`)).status).toBe(404);
    const put = await f.call('south', 'PUT', `${URL}/bc-2`, { ...meeting('bc-2', shared), title: 'South’s' });
    expect([put.status, code(put.text)]).toEqual([403, 'forbidden']);
    const del = await f.call('south', 'DELETE', `${URL}/bc-2`);
    expect([del.status, code(del.text)]).toEqual([403, 'forbidden']);
    expect((await f.store.get('mini', 'events', 'bc-2'))?.title).toBe('Meeting bc-2');
  });

  it.each([
    ['a public event', meeting('bc-3')],
    ['an event of another party’s layer', meeting('bc-4', { confidentialTo: 'south' })],
    ['a team-only event', meeting('bc-5', 'mediator-team')],
  ])('refuses %s with forbidden, and stores nothing', async (_what, body) => {
    const before = (await f.store.audit('mini')).length;
    const r = await f.call('north', 'POST', URL, body);
    expect([r.status, code(r.text)]).toEqual([403, 'forbidden']);
    expect(await f.store.get('mini', 'events', body.id)).toBeUndefined();
    expect((await f.store.audit('mini')).length).toBe(before);
  });

  it('refuses a delegate changing or deleting a public event, and an observer recording one', async () => {
    const ev1 = (await f.store.get('mini', 'events', 'ev1'))!;
    const put = await f.call('north', 'PUT', `${URL}/ev1`, { ...ev1, title: 'Rewritten' });
    expect([put.status, code(put.text)]).toEqual([403, 'forbidden']);
    const moved = await f.call('north', 'PUT', `${URL}/ev1`, { ...ev1, visibility: { confidentialTo: 'north' } });
    expect([moved.status, code(moved.text)]).toEqual([403, 'forbidden']);
    const del = await f.call('north', 'DELETE', `${URL}/ev1`);
    expect([del.status, code(del.text)]).toEqual([403, 'forbidden']);
    const obs = await f.call('obs', 'POST', URL, meeting('bc-6', { confidentialTo: 'north' }));
    expect([obs.status, code(obs.text)]).toEqual([403, 'forbidden']);
    expect(await f.store.get('mini', 'events', 'ev1')).toEqual(ev1);
  });
});
