/**
 * HTTP API tests on the mini fixture bundle (src/store/fixtures/mini), through `app.request` (no
 * socket). Expected values are worked out by hand from the fixture's YAML (see the comments).
 */
import fc from 'fast-check';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isIsoDate } from '../model/dates.js';
import { ENTITY_KINDS, Stance } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import type { Viewer } from './context.js';
import { ACCOUNT_ROUTES } from './account-routes.js';
import { ROUTES } from './routes.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const silent = pino({ level: 'silent' });

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  app = createApp({ store, logger: silent, webDir: false });
});
afterEach(async () => {
  await store.close();
});

const get = async (url: string) => {
  const r = await app.request(url);
  return { status: r.status, body: (await r.json()) as any };
};
const send = async (method: string, url: string, body: unknown) => {
  const r = await app.request(url, { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as any };
};
/** Everything stored plus the audit length: equal snapshots mean the store did not change. */
const snapshot = async () => JSON.stringify({ data: await store.loadProcess('mini'), audit: (await store.audit('mini')).length });

const P = '/api/processes/mini';

describe('route table and OpenAPI', () => {
  it('documents every route of the table and every account route, and nothing else, in OpenAPI 3.1', async () => {
    const { status, body: doc } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const fromTable = [...ROUTES, ...ACCOUNT_ROUTES].map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`).sort();
    const fromDoc = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(fromDoc).toEqual(fromTable);
    // The stance vocabulary in the document is the model's.
    expect(doc.components.schemas.Position.properties.stance.enum).toEqual(Stance.options);
    // A body refers to its component schema.
    expect(doc.paths['/api/processes/{pid}/positions'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PositionInput' });
    // The account routes, with their bodies and gates.
    expect(doc.paths['/api/session'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LoginBody' });
    expect(doc.components.schemas.LoginBody.required.sort()).toEqual(['password', 'username']);
    expect(doc.paths['/api/invitations/accept'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AcceptBody' });
    expect(doc.paths['/api/processes/{pid}/grants/{grantee}'].put['x-accord-gate']).toEqual(['party-delegate']);
    expect(doc.paths['/api/processes/{pid}/grants/{grantee}'].put.parameters.find((p: { name: string }) => p.name === 'grantee').schema.enum).toEqual(['mediator', 'mediator-staff']);
  });

  it('serves every entity kind with list/read/create/update/delete, versions create-only', () => {
    for (const k of ENTITY_KINDS.filter((x) => x !== 'versions')) {
      // Drafts and critiques also have routes of their own jobs (edits, submit…) and views ('query').
      const actions = [...new Set(ROUTES.filter((r) => r.resource === k).map((r) => r.action))].filter((a) => a !== 'query').sort();
      expect(actions, k).toEqual(['create', 'delete', 'list', 'read', 'update']);
    }
    expect(ROUTES.filter((r) => r.resource === 'versions').map((r) => r.action).sort()).toEqual(['create', 'list', 'read']);
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets a wrapper see every handler call with its route and a viewer', async () => {
    const seen: string[] = [];
    const wrapped = createApp({
      store,
      logger: silent,
      webDir: false,
      wrap: (route, h) => async (ctx, input) => {
        seen.push(`${route.action}:${route.resource}:${ctx.viewer.kind}`);
        return h(ctx, input);
      },
    });
    expect((await wrapped.request(`${P}/parties`)).status).toBe(200);
    expect((await wrapped.request(`${P}/matrix?asOf=2024-03-08`)).status).toBe(200);
    expect(seen).toEqual(['list:parties:local', 'query:matrix:local']);
  });
});

describe('queries', () => {
  it('computes the matrix as of a date (hand-checked against positions.yaml)', async () => {
    const { status, body: m } = await get(`${P}/matrix?asOf=2024-03-08`);
    expect(status).toBe(200);
    expect(m.version.id).toBe('draft-v1'); // draft-v2 is dated 2024-04-01
    expect(m.parties.map((p: any) => p.id)).toEqual(['north', 'south', 'med']); // the observer is not a principal
    const cell = (lineage: string, party: string) => m.rows.find((r: any) => r.lineage === lineage).cells[party]?.stance ?? null;
    // draft-1: p3 north accepts (03-07), p2 south accepts (03-06), p4 med accepts (03-01) → agreed by all
    expect([cell('draft-1', 'north'), cell('draft-1', 'south'), cell('draft-1', 'med')]).toEqual(['accepts', 'accepts', 'accepts']);
    expect(m.rows[0].state).toBe('accepted-by-all');
    // draft-2: p1 north rejects (03-05); p5 south is dated 03-10, after the date
    expect([cell('draft-2', 'north'), cell('draft-2', 'south')]).toEqual(['rejects', null]);
    expect(m.rows[1].state).toBe('contested');
    // draft-3: only p7, confidential to north → absent from the public layer
    expect(cell('draft-3', 'north')).toBeNull();

    const later = (await get(`${P}/matrix?asOf=2024-04-02`)).body;
    expect(later.version.id).toBe('draft-v2');
    const row2 = later.rows.find((r: any) => r.lineage === 'draft-2');
    expect(row2.cells.north.stance).toBe('accepts'); // p6, 2024-04-02
    expect(row2.cells.south.stance).toBe('accepts-with-conditions'); // p5
    expect(row2.cells.south.conditions).toBe('verification by the observer mission');
  });

  it('includes a confidential layer only when asked for that party', async () => {
    const m = (await get(`${P}/matrix?asOf=2024-03-08&viewAs=north`)).body;
    expect(m.rows[2].cells.north.stance).toBe('proposes-alternative'); // p7 on draft-3.a counts for point 3
    const bad = await get(`${P}/matrix?viewAs=atlantis`);
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'viewAs' });
  });

  it('ranks contested points and answers the status briefing', async () => {
    const c = (await get(`${P}/contested?asOf=2024-03-08`)).body;
    expect(c.contested.map((x: any) => x.lineage)).toEqual(['draft-2']);
    expect(c.contested[0].rejecting).toEqual(['north']);
    const s = (await get(`${P}/status?asOf=2024-03-31`)).body;
    expect(s.currentVersion.id).toBe('draft-v1');
    expect(s.totals).toEqual({ points: 3, acceptedByAll: 1, contested: 1, unknown: 1 });
    expect(s.lastHeld.id).toBe('ev1');
    expect(s.postponed.map((e: any) => e.id)).toEqual(['ev2']);
  });

  it('gives a point with every party, evidence resolved to speaker and source', async () => {
    const { status, body: d } = await get(`${P}/points/draft-2?asOf=2024-03-31`);
    expect(status).toBe(200);
    expect(d.status).toBe('bracketed');
    expect(d.provision.brackets[0].text).toBe('thirty');
    expect(d.stances.map((s: any) => s.party.id)).toEqual(['north', 'south', 'med', 'obs']);
    const north = d.stances[0];
    expect(north.current.stance).toBe('rejects');
    expect(north.evidence).toHaveLength(1);
    expect(north.evidence[0]).toMatchObject({ id: 'e1', speaker: 'Lev Petrov', speakerId: 'lev', attribution: 'on-record', saidAt: '2024-03-05' });
    expect(north.evidence[0].sources[0]).toMatchObject({ url: 'https://example.org/report-1', outlet: 'Example Wire' });
    expect(d.stances[1].current).toMatchObject({ stance: 'accepts-with-conditions', conditions: 'verification by the observer mission' });
    expect(d.stances[2].current).toBeNull();
    const topics = (await get(`${P}/points/draft-2?asOf=2024-03-31&version=draft-v1`)).body.topics;
    expect(topics).toEqual(['Ce']);
    expect((await get(`${P}/points/nowhere`)).status).toBe(404);
  });

  it('filters the record by party, person and status', async () => {
    const ids = async (q: string) => (await get(`${P}/record${q}`)).body.map((e: any) => e.event.id);
    expect(await ids('')).toEqual(['ev1', 'ev2', 'ev3']);
    expect(await ids('?party=north')).toEqual(['ev1']); // lev attended for north
    expect(await ids('?party=south')).toEqual([]); // no southern attendee; e2 was not said at an event
    expect(await ids('?person=amara')).toEqual(['ev1']);
    expect(await ids('?status=postponed,scheduled')).toEqual(['ev2', 'ev3']);
    const ev1 = (await get(`${P}/record?party=north`)).body[0];
    expect(ev1.attendees.map((a: any) => `${a.name}/${a.party.id}`)).toEqual(['Amara Diallo/med', 'Lev Petrov/north']);
    expect(ev1.tabled).toEqual([{ id: 'draft-v1', label: 'v1', date: '2024-03-01', document: 'draft', title: 'Draft agreement' }]);
    const bad = await get(`${P}/timeline?status=held,maybe`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('status[1]');
  });

  it('pages the timeline, the record and the matrix rows with limit and cursor; without them answers the whole list', async () => {
    // Follow X-Next-Cursor to the end: the pages, joined, are the whole list in the same order.
    const walk = async (url: string, limit: number) => {
      const out: string[] = [];
      const totals: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await app.request(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(r.status).toBe(200);
        const body = (await r.json()) as any[];
        expect(body.length).toBeLessThanOrEqual(limit);
        out.push(...body.map((e: any) => e.id ?? e.event.id));
        totals.push(r.headers.get('x-total-count')!);
        cursor = r.headers.get('x-next-cursor');
      } while (cursor);
      return { out, totals };
    };
    const whole = (await get(`${P}/timeline`)).body.map((e: any) => e.id);
    expect(whole).toEqual(['ev1', 'ev2', 'ev3']);
    expect(await walk(`${P}/timeline`, 2)).toEqual({ out: whole, totals: ['3', '3'] });
    expect((await walk(`${P}/timeline?sort=-date`, 1)).out).toEqual([...whole].reverse());
    expect(await walk(`${P}/record?status=postponed,scheduled`, 1)).toEqual({ out: ['ev2', 'ev3'], totals: ['2', '2'] });
    const m = (await get(`${P}/matrix?asOf=2024-03-31`)).body;
    const p1 = (await get(`${P}/matrix?asOf=2024-03-31&limit=1`)).body;
    expect(p1.rows.map((r: any) => r.lineage)).toEqual([m.rows[0].lineage]);
    expect(p1.total).toBe(m.rows.length);
    const p2 = (await get(`${P}/matrix?asOf=2024-03-31&limit=1&cursor=${p1.next}`)).body;
    expect(p2.rows.map((r: any) => r.lineage)).toEqual([m.rows[1].lineage]);
    const contested = (await get(`${P}/matrix?asOf=2024-03-31&state=contested`)).body;
    expect(contested.rows.map((r: any) => r.lineage)).toEqual(m.rows.filter((r: any) => r.state === 'contested').map((r: any) => r.lineage));
    // Entity lists: pages join to the whole list; filters select what the model's fields say.
    const positions = (await get(`${P}/positions`)).body as any[];
    expect((await walk(`${P}/positions`, 2)).out).toEqual(positions.map((p) => p.id));
    const north = (await walk(`${P}/positions?party=north`, 1)).out;
    expect(north).toEqual(positions.filter((p) => p.party === 'north').map((p) => p.id));
    expect(north.length).toBeGreaterThan(0);
    const onDraft1 = (await get(`${P}/positions?provision=draft-1`)).body.map((p: any) => p.id);
    expect(onDraft1).toEqual(positions.filter((p) => p.provision === 'draft-1').map((p) => p.id));
    const byDate = [...positions].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0)).map((p) => p.asOf);
    expect((await get(`${P}/positions?sort=-date`)).body.map((p: any) => p.asOf)).toEqual(byDate);
    const evidence = (await get(`${P}/evidence`)).body as any[];
    expect((await get(`${P}/evidence?person=lev`)).body.map((e: any) => e.id)).toEqual(evidence.filter((e) => e.speaker === 'lev').map((e) => e.id));
    expect((await get(`${P}/events?status=held`)).body.map((e: any) => e.id)).toEqual(['ev1']);
    expect((await get(`${P}/parties?party=north`)).status).toBe(422);
    expect((await get(`${P}/timeline?limit=0`)).status).toBe(422);
    const bad = await get(`${P}/timeline?limit=1&cursor=nonsense`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('cursor');
  });

  it('returns the plan text of a version as Markdown with brackets kept', async () => {
    const r = await app.request(`${P}/versions/draft-v1/text`);
    expect(r.headers.get('content-type')).toContain('text/markdown');
    const text = await r.text();
    expect(text).toContain('2. Forces withdraw [thirty] kilometres');
    expect(text).toContain('   a. An electoral commission is formed.');
  });

  it('accepts exactly the valid reduced-precision dates as asOf (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
            ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          ),
        ),
        async (s) => {
          const r = await app.request(`${P}/status?asOf=${encodeURIComponent(s)}`);
          const ok = s !== '' && isIsoDate(s);
          expect(r.status).toBe(ok ? 200 : 422);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('writes', () => {
  const position = { party: 'south', provision: 'draft-1', stance: 'rejects', asOf: '2024-03-09' };

  it('creates a position, changes the matrix, and records the change in the audit log', async () => {
    const r = await send('POST', `${P}/positions`, { id: 'p-new', ...position });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'p-new', confidence: 1, visibility: 'public', evidence: [] });
    const m = (await get(`${P}/matrix?asOf=2024-03-09`)).body;
    expect(m.rows[0].cells.south.stance).toBe('rejects');
    expect(m.rows[0].state).toBe('contested');
    const last = (await store.audit('mini')).at(-1)!;
    expect(last).toMatchObject({ action: 'create', kind: 'positions', entityId: 'p-new', actor: 'web:local' });
    // an id is generated when absent
    const r2 = await send('POST', `${P}/positions`, position);
    expect(r2.body.id).toMatch(/^position-[0-9a-f]{8}$/);
  });

  it('updates with PUT and deletes with DELETE', async () => {
    const r = await send('PUT', `${P}/positions/p1`, { party: 'north', provision: 'draft-2', stance: 'undecided', asOf: '2024-03-05' });
    expect(r.status).toBe(200);
    expect((await get(`${P}/positions/p1`)).body.stance).toBe('undecided');
    expect((await send('PUT', `${P}/positions/p1`, { id: 'p2', ...position })).body.error.field).toBe('id');
    expect((await send('PUT', `${P}/positions/zzz`, position)).status).toBe(404);
    expect((await send('DELETE', `${P}/positions/p1`, '')).status).toBe(200);
    expect((await get(`${P}/positions/p1`)).status).toBe(404);
  });

  it('rejects bad input with a field-level message and leaves the store unchanged', async () => {
    const before = await snapshot();
    const cases: [unknown, number, string, RegExp][] = [
      [{ ...position, party: 'atlantis' }, 422, 'party', /unknown party "atlantis"/],
      [{ ...position, asOf: '2024-02-30' }, 422, 'asOf', /day 30 is not between 01 and 29/],
      [{ ...position, stance: 'maybe' }, 422, 'stance', /expected one of "accepts"/],
      [{ ...position, provision: 'draft-99' }, 422, 'provision', /unknown provision lineage/],
      [{ ...position, evidence: ['nope'] }, 422, 'evidence[0]', /unknown evidence "nope"/],
      [{ ...position, stnce: 'accepts' }, 422, '', /unknown field/],
      [{ ...position, id: 'p1' }, 409, 'id', /already taken/],
      ['{"party": ', 422, 'body', /not valid JSON/],
    ];
    for (const [body, status, field, message] of cases) {
      const r = await send('POST', `${P}/positions`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      if (field) expect(r.body.error.field).toBe(field);
      expect(r.body.error.message).toMatch(message);
    }
    const huge = { ...position, note: 'x'.repeat(1024 * 1024 + 10) };
    const big = await send('POST', `${P}/positions`, huge);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
    expect(await snapshot()).toBe(before);
  });

  it('writes a position with its evidence and source together, or nothing', async () => {
    const before = await snapshot();
    const batch = {
      sources: [{ id: 's-new', url: 'https://example.org/report-9', outlet: 'Example Wire', publishedAt: '2024-03-12' }],
      evidence: [{ id: 'e-new', speaker: 'lev', onBehalfOf: 'north', form: 'quote', text: 'We can live with twenty.', saidAt: '2024-03-12', attribution: 'on-record', sources: ['s-new'] }],
      positions: [{ id: 'p-new', party: 'north', provision: 'draft-2', stance: 'accepts-with-conditions', asOf: '2024-03-12', evidence: ['e-new'] }],
    };
    const bad = await send('POST', `${P}/changes`, { ...batch, sources: [{ ...batch.sources[0], url: 'not a url' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('sources[0].url');
    const dangling = await send('POST', `${P}/changes`, { evidence: batch.evidence, positions: batch.positions });
    expect(dangling.status).toBe(422);
    expect(dangling.body.error.field).toBe('evidence[0].sources[0]');
    expect(await snapshot()).toBe(before);

    const ok = await send('POST', `${P}/changes`, batch);
    expect(ok.status).toBe(200);
    expect(ok.body.written.map((w: any) => `${w.kind}/${w.id}/${w.outcome}`)).toEqual(['sources/s-new/created', 'evidence/e-new/created', 'positions/p-new/created']);
    const d = (await get(`${P}/points/draft-2?asOf=2024-03-12`)).body;
    expect(d.stances[0].current.stance).toBe('accepts-with-conditions');
    expect(d.stances[0].evidence[0].sources[0].url).toBe('https://example.org/report-9');
  });

  it('keeps versions immutable and refuses deletes that would leave references dangling', async () => {
    const v = (await get(`${P}/versions/draft-v1`)).body;
    expect((await send('POST', `${P}/versions`, v)).status).toBe(409);
    expect((await send('PUT', `${P}/versions/draft-v1`, v)).status).toBe(404);
    expect((await send('DELETE', `${P}/versions/draft-v1`, '')).status).toBe(404);
    const del = await send('DELETE', `${P}/parties/north`, '');
    expect(del.status).toBe(409);
    // Counted by hand in the mini fixture: person lev, event ev1, one evidence item, four positions
    // (one confidential). How many, never which: some may lie in a layer the caller cannot see.
    expect(del.body.error.message).toBe('parties "north" is still referred to by 7 entries of the process; change or delete them first');
    expect((await send('DELETE', `${P}/parties/obs`, '')).status).toBe(200);
    const nv = await send('POST', `${P}/versions`, { ...v, id: 'draft-v3', label: 'v3', date: '2024-05-01', basedOn: 'draft-v2' });
    expect(nv.status).toBe(201);
  });

  it('imports a whole process and refuses one with a dangling reference', async () => {
    const data = await store.loadProcess('mini');
    const copy = { ...data, process: { ...data.process, id: 'copy' } };
    const before = (await store.listProcesses()).length;
    const bad = await send('POST', '/api/processes', { ...copy, positions: [{ ...data.positions[0], party: 'atlantis' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('positions[0].party');
    expect((await store.listProcesses()).length).toBe(before);
    expect((await send('POST', '/api/processes', copy)).status).toBe(201);
    expect((await get('/api/processes/copy/matrix?asOf=2024-03-08')).body.rows[0].state).toBe('accepted-by-all');
    expect((await get('/api/processes/none/parties')).status).toBe(404);
  });
});

describe('read cache', () => {
  it('shows writes at the next read, whether made through the app or by another writer on the same store', async () => {
    const cached = createApp({ store, logger: silent, webDir: false });
    const stanceOf = async (a: ReturnType<typeof createApp>) =>
      ((await (await a.request(`${P}/matrix?asOf=2024-03-31`)).json()) as any).rows[0].cells.south.stance;
    expect(await stanceOf(cached)).toBe('accepts');
    const w = await cached.request(`${P}/positions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ party: 'south', provision: 'draft-1', stance: 'undecided', asOf: '2024-03-30' }) });
    expect(w.status).toBe(201);
    expect(await stanceOf(cached)).toBe('undecided');
    // Another writer (the CLI, another API process) changes the store behind this app's back: no waiting.
    await store.put('mini', 'positions', { id: 'p-cli', party: 'south', provision: 'draft-1', stance: 'rejects', asOf: '2024-03-31', confidence: 1, visibility: 'public', evidence: [] }, { actor: 'cli:test' });
    expect(await stanceOf(cached)).toBe('rejects');
    await store.remove('mini', 'positions', 'p-cli', { actor: 'cli:test' });
    expect(await stanceOf(cached)).toBe('undecided');
  });
});

describe('viewers', () => {
  it('hides another party’s confidential items from a signed-in party delegate', async () => {
    const as = (viewer: Viewer) => createApp({ store, logger: silent, webDir: false, viewerOf: () => viewer });
    const south = as({ kind: 'user', user: 'sam', role: 'party-delegate', party: 'south' });
    const north = as({ kind: 'user', user: 'nina', role: 'party-delegate', party: 'north' });
    const ids = async (a: ReturnType<typeof createApp>) => ((await (await a.request(`${P}/positions`)).json()) as { id: string }[]).map((p) => p.id);
    expect(await ids(south)).not.toContain('p7');
    expect(await ids(north)).toContain('p7');
    expect((await south.request(`${P}/positions/p7`)).status).toBe(404);
    const m = (await (await north.request(`${P}/matrix?asOf=2024-03-08`)).json()) as any;
    expect(m.rows[2].cells.north.stance).toBe('proposes-alternative');
    const ms = (await (await south.request(`${P}/matrix?asOf=2024-03-08&viewAs=north`)).json()) as any;
    expect(ms.rows[2].cells.north).toBeNull(); // viewAs is the local user's; a delegate sees their own layer
  });
});
