/**
 * Truth tables of the access policy, over every API route enumerated from the app's router.
 * The expectations below are the specification (PRODUCT.md "Share safely", issue 7), written
 * independently of ./policy.ts: who may call what, and which items each role sees and changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processProblems } from '../model/references.js';
import { readBundle, writeBundle } from '../store/bundle.js';
import { ENTITY_SCHEMAS } from '../model/schemas.js';
import { ACCOUNT_ROUTES, gateOf } from './auth.js';
import { ROUTES } from './routes.js';
import { PEOPLE, type TeamFixture, type Who, routerRoutes, teamFixture } from '../../test/support/team-fixture.js';

type Person = keyof typeof PEOPLE;
/** The gates the routes declare (each route of the table, each account route), by `METHOD path`. */
const POLICY: Record<string, unknown> = Object.fromEntries([...ROUTES, ...ACCOUNT_ROUTES].map((r) => [`${r.method} ${r.path}`, r.gate]));
const MEMBERS: Person[] = ['med', 'staff', 'north', 'south', 'obs', 'aud'];
const CALLERS: Who[] = [...MEMBERS, 'outsider', 'anonymous'];
const roleOf = (p: Person) => PEOPLE[p]?.role;
const partyOf = (p: Who): string | undefined => (p !== 'anonymous' && PEOPLE[p] && 'party' in PEOPLE[p]! ? (PEOPLE[p] as { party: string }).party : undefined);

/** Routes open to anyone, and routes open to any signed-in user whatever the process. */
const OPEN = ['GET /api/health', 'GET /api/openapi.json', 'GET /api/vocabulary', 'POST /api/session', 'POST /api/invitations/accept'];
const SIGNED_IN = ['GET /api/session', 'DELETE /api/session', 'GET /api/processes'];

/** The specification: may a member with `role` call `method path` (items permitting)? */
function specAllows(role: string, method: string, path: string): boolean {
  const m = /^\/api\/processes\/:pid(?:\/([a-z-]+))?(?:\/:[a-z]+)?(?:\/([a-z]+))?$/.exec(path);
  if (!m) return false;
  const [, sub, tail] = m;
  const editors = role === 'mediator' || role === 'mediator-staff';
  if (method === 'GET') {
    if (sub === 'audit') return role === 'auditor';
    if (sub === 'verify') return role === 'auditor' || role === 'mediator';
    return true; // every member reads (what it may see)
  }
  if (sub === undefined) return false; // a process is created or deleted only from the command line
  if (sub === 'grants') return role === 'party-delegate';
  if (sub === 'changes') return editors || role === 'party-delegate';
  // A stance with its evidence and source: positions, evidence and sources, which a delegate writes for its own party.
  if (sub === 'stances') return editors || role === 'party-delegate';
  // The one-text procedure: the mediator's team drafts (the mediator alone discards a draft); a
  // party's delegation writes its critiques.
  if (sub === 'drafts') return method === 'DELETE' ? role === 'mediator' : editors;
  if (sub === 'critiques') return role === 'party-delegate';
  if (tail) return false;
  // Positions and evidence of a delegate's party; events of its party's layer (its back channels).
  const partyKinds = sub === 'positions' || sub === 'evidence' || sub === 'events';
  if (method === 'DELETE') return role === 'mediator' || (partyKinds && role === 'party-delegate');
  return editors || ((partyKinds || sub === 'sources') && role === 'party-delegate');
}

let f: TeamFixture;
let n = 0;
/** The provisions of the fixture's draft-v1 (the text a fresh draft starts from). */
let MINI_V1: unknown[] = [];
const fresh = (p: string) => `${p}-${++n}`;

/** A valid body for creating or replacing an entity of `kind` as `who`. */
function bodyFor(kind: string, who: Who): Record<string, unknown> {
  const party = partyOf(who) ?? 'north';
  switch (kind) {
    case 'parties':
      return { name: 'Observer Mission', role: 'observer', aliases: [] };
    case 'persons':
      return { name: 'Amara Diallo', aliases: ['the mediator'], memberships: [{ onBehalfOf: 'med', post: 'chief mediator', from: '2024-01' }] };
    case 'documents':
      return { title: 'Draft agreement', kind: 'plan', proponents: ['med'] };
    case 'versions':
      return { document: 'draft', label: 'v9', date: '2024-05-01', provisions: [] };
    case 'sources':
      return { url: 'https://example.org/report-1', outlet: 'Example Wire', publishedAt: '2024-03-05' };
    case 'evidence':
      return { speaker: 'an official', onBehalfOf: party, form: 'paraphrase', text: 'Said something.', saidAt: '2024-03-05', attribution: 'on-record', sources: ['s1'] };
    case 'positions':
      return { party, provision: 'draft-1', stance: 'accepts', asOf: '2024-03-06' };
    case 'events':
      return { kind: 'talks', status: 'postponed', title: 'Second round', start: '2024-03-20', ...(partyOf(who) ? { visibility: { confidentialTo: party } } : {}) };
    case 'domains':
      return { issues: [] };
    case 'alignments':
      return { from: 'draft-v1', to: 'draft-v2', overrides: [] };
    case 'drafts':
      return { document: 'draft', basedOn: 'draft-v1', provisions: MINI_V1, links: [], folded: [], status: 'open', updatedAt: '2024-04-20T10:00:00.000Z', visibility: 'mediator-team' };
    case 'critiques':
      return { version: 'draft-v1', party, answers: [{ provision: 'draft-1', stance: 'accepts' }], status: 'draft', updatedAt: '2024-04-20T10:00:00.000Z', visibility: { confidentialTo: party } };
    case 'reports':
      return { text: `Lev Petrov met the mediator in Geneva on Tuesday (${fresh('note')}).`, published: '2024-03-06' };
    case 'analysis':
      return {
        name: 'Two-party check',
        issues: [{ id: 'ceasefire', name: 'Ceasefire', options: [{ id: 'now', label: 'Now' }, { id: 'later', label: 'Later' }] }],
        profiles: [
          { party: 'north', weights: { ceasefire: 1 }, values: { ceasefire: { now: 100, later: 20 } } },
          { party: 'south', weights: { ceasefire: 1 }, values: { ceasefire: { now: 30, later: 90 } } },
        ],
      };
    default:
      throw new Error(`no body for ${kind}`);
  }
}

/** Existing public item each caller may replace (a delegate's own party's item where it matters). */
function targetFor(kind: string, who: Who): string {
  const party = partyOf(who);
  if (kind === 'positions') return party === 'south' ? 'p2' : 'p3';
  if (kind === 'evidence') return party === 'south' ? 'e2' : 'e1';
  if (kind === 'events' && party) return `ev-${party}`;
  return { parties: 'obs', persons: 'amara', documents: 'draft', versions: 'draft-v1', sources: 's1', events: 'ev2', domains: 'dom1', alignments: 'al1', reports: 'rep1', drafts: 'dr1', critiques: 'cr-pub' }[kind] ?? 'x';
}

/** Build a request for a route as `who`: path parameters filled, body valid; may create a throwaway target first. */
async function requestFor(method: string, path: string, who: Who): Promise<{ url: string; body?: unknown }> {
  const kind = /^\/api\/processes\/:pid\/([a-z]+)/.exec(path)?.[1];
  let id = kind ? targetFor(kind, who) : 'x';
  // Tabling or changing a draft or critique acts once: each call gets a fresh one, the caller's party's.
  const fresh1 = (method === 'DELETE' && /\/:id$/.test(path)) || (method !== 'GET' && /\/(drafts\/:id\/table|critiques\/:id)/.test(path));
  if (fresh1 && kind) {
    // A fresh unreferenced item to delete, attributed to the caller's party.
    id = fresh(`del-${kind}`);
    const schema = (ENTITY_SCHEMAS as Record<string, { parse(x: unknown): unknown }>)[kind];
    const submitted = path.endsWith('/publish') ? { status: 'submitted', submittedAt: '2024-03-20', visibility: { confidentialTo: partyOf(who) ?? 'north', sharedWith: 'mediator-team' } } : {};
    const entity = schema ? schema.parse({ ...bodyFor(kind, who), id, ...submitted }) : { ...bodyFor(kind, who), id };
    await f.store.put('mini', kind as never, entity as never, { actor: 'test' });
  }
  const url = path
    .replace(':pid', 'mini')
    .replace(':lineage', 'draft-1')
    .replace(':grantee', 'mediator')
    .replace(':id', kind === 'versions' ? 'draft-v1' : id);
  if (path.includes(':lineage')) return { url: `${url}?version=draft-v1` };
  if (method === 'GET' || method === 'DELETE') return { url };
  if (path === '/api/session') return { url, body: { username: who === 'anonymous' ? 'med' : who, password: 'test password 123' } };
  if (path === '/api/invitations/accept') {
    const { token } = await f.accounts.createInvitation({ processId: 'mini', role: 'observer' }, {}, { actor: 'test' });
    return { url, body: { token, username: fresh('invitee'), password: 'invitee password 1' } };
  }
  if (path === '/api/processes') return { url, body: { process: { id: fresh('proc'), name: 'New' } } };
  if (path.endsWith('/changes')) return { url, body: { positions: [{ ...bodyFor('positions', who), id: fresh('chg') }] } };
  if (path.endsWith('/stances')) return { url, body: { position: { ...bodyFor('positions', who), id: fresh('stance') }, evidence: { speaker: 'an official', form: 'paraphrase', text: 'Said so.', attribution: 'on-record' } } };
  if (path.endsWith('/drafts')) return { url, body: { basedOn: 'draft-v1' } };
  if (path.endsWith('/edits')) return { url, body: { ops: [{ op: 'set', lineage: 'draft-1', text: 'The parties observe a ceasefire.' }] } };
  if (path.endsWith('/fold')) return { url, body: { critique: 'cr1', provision: 'draft-2', how: 'accept' } };
  if (path.endsWith('/table')) return { url, body: {} };
  if (path.endsWith('/critiques')) return { url, body: { version: 'draft-v1', answers: [] } };
  if (path.endsWith('/submit') || path.endsWith('/publish')) return { url, body: path.endsWith('/submit') ? {} : undefined };
  if (method === 'PUT' && path.endsWith('/critiques/:id')) return { url, body: { answers: [{ provision: 'draft-2', stance: 'rejects' }] } };
  if (path.endsWith('/texts')) return { url, body: { document: 'draft', id: fresh('text'), date: '2024-05-02', text: '1. A first point.\n2. A second point.\n' } };
  if (method === 'POST' && path.endsWith('/compare')) return { url, body: { from: 'draft-v1', to: 'draft-v2' } };
  if (method === 'PUT' && path.endsWith('/reports/:id')) return { url, body: { decisions: [{ n: 1, action: 'reject' }] } };
  if (path.includes('/grants/')) return { url };
  if (kind) return { url, body: method === 'POST' ? { ...bodyFor(kind, who), id: fresh(kind) } : bodyFor(kind, who) };
  throw new Error(`no request for ${method} ${path}`);
}

beforeAll(async () => {
  f = await teamFixture({ grants: ['north'] });
  MINI_V1 = (await f.store.get('mini', 'versions', 'draft-v1'))!.provisions;
  // Each delegation's own back channel (what a delegate may replace).
  for (const party of ['north', 'south']) await f.store.put('mini', 'events', ENTITY_SCHEMAS.events.parse({ id: `ev-${party}`, kind: 'phone-call', status: 'held', title: `${party} call`, start: '2024-03-08', visibility: { confidentialTo: party } }), { actor: 'test' });
});
afterAll(async () => {
  await f.close();
});

describe('policy coverage', () => {
  it('has an entry for every route of the router, and none for a route that does not exist', () => {
    const routes = routerRoutes(f.app).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((k) => POLICY[k] === undefined);
    expect(missing, 'routes without a policy entry').toEqual([]);
    const stale = Object.keys(POLICY).filter((k) => !routes.includes(k));
    expect(stale, 'policy entries without a route').toEqual([]);
  });

  it('refuses to everyone a route that has no policy entry', async () => {
    expect(gateOf('GET', '/api/processes/:pid/not-a-route')).toBeUndefined();
  });
});

describe('route gate truth table (role × route)', () => {
  it('lets exactly the roles of the specification through every route', async () => {
    const wrong: string[] = [];
    for (const { method, path } of routerRoutes(f.app)) {
      const key = `${method} ${path}`;
      for (const who of CALLERS) {
        const { url, body } = await requestFor(method, path, who);
        const r = await f.call(who, method, url, body);
        let expected: string;
        if (OPEN.includes(key)) expected = '2xx';
        else if (who === 'anonymous') expected = '401';
        else if (SIGNED_IN.includes(key)) expected = '2xx';
        else if (who === 'outsider') expected = path.includes(':pid') ? '404' : '403'; // the process does not exist for a non-member
        else if (!specAllows(roleOf(who as Person)!, method, path)) expected = '403';
        // A draft exists for the mediator's team alone: anyone else reading one finds nothing.
        else if (method === 'GET' && /\/drafts\/:id/.test(path) && !['med', 'staff'].includes(who)) expected = '404';
        else expected = '2xx';
        const got = r.status >= 200 && r.status < 300 ? '2xx' : String(r.status);
        if (got !== expected) wrong.push(`${who} ${key}: expected ${expected}, got ${r.status} ${r.text.slice(0, 160)}`);
        // Undo what would disturb later rows: sign-outs and grant changes.
        if (key === 'DELETE /api/session' && who !== 'anonymous') await f.relogin(who);
        if (path.includes('/grants/')) await f.accounts.setGrant('mini', 'north', 'mediator', true, { actor: 'test' });
        if (path.includes('/grants/') && who === 'south') await f.accounts.setGrant('mini', 'south', 'mediator', false, { actor: 'test' });
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the gate comes first', () => {
  it('refuses a caller the gate refuses before validating anything it sent (401/403/404, never 422)', async () => {
    const wrong: string[] = [];
    for (const { method, path } of routerRoutes(f.app)) {
      const key = `${method} ${path}`;
      if (OPEN.includes(key)) continue;
      // Malformed in every part the route reads: a bad id in the path, an unknown query parameter, a body of the wrong shape.
      const url = path.replace(':pid', 'mini').replace(/:[a-z]+/gi, 'not a valid id!') + '?bogus=1';
      const body = method === 'GET' || method === 'DELETE' ? undefined : { bogus: [1, 2, 3] };
      const anon = await f.call('anonymous', method, url, body);
      if (anon.status !== 401) wrong.push(`anonymous ${key}: ${anon.status}`);
      if (path.includes(':pid')) {
        const out = await f.call('outsider', method, url, body);
        if (out.status !== 404) wrong.push(`outsider ${key}: ${out.status}`);
      }
      if (!SIGNED_IN.includes(key) && path.includes(':pid') && !specAllows('observer', method, path)) {
        const obs = await f.call('obs', method, url, body);
        if (obs.status !== 403) wrong.push(`observer ${key}: ${obs.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('ids are no oracle of hidden items', () => {
  it('answers a create on an id held in a layer the writer cannot see exactly as on an id it can see', async () => {
    const pos = (id: string, party: string, visibility: unknown) => ({ id, party, provision: 'draft-1', stance: 'rejects', asOf: '2024-03-09', confidence: 1, visibility, evidence: [] });
    await f.store.put('mini', 'positions', pos('oracle-hidden', 'south', { confidentialTo: 'south' }) as never, { actor: 'test' });
    await f.store.put('mini', 'positions', pos('oracle-seen', 'north', 'public') as never, { actor: 'test' });
    const tryId = async (id: string) => {
      const r = await f.call('north', 'POST', '/api/processes/mini/positions', { ...pos(id, 'north', { confidentialTo: 'north' }), confidence: undefined, evidence: undefined });
      return { status: r.status, body: r.text.replaceAll(id, 'ID') };
    };
    const hidden = await tryId('oracle-hidden');
    const seen = await tryId('oracle-seen');
    expect(hidden.status).toBe(409);
    expect(hidden).toEqual(seen);
    // The same through a batch, where a visible id is an update and a hidden one is refused without saying why.
    const batch = await f.call('north', 'POST', '/api/processes/mini/changes', { positions: [pos('oracle-hidden', 'north', 'public')] });
    expect(batch.status).toBe(409);
    expect(JSON.parse(batch.text).error.message).toBe(JSON.parse(hidden.body).error.message.replace('ID', 'oracle-hidden'));
    expect(await f.store.get('mini', 'positions', 'oracle-hidden')).toMatchObject({ party: 'south', visibility: { confidentialTo: 'south' } });
  });
});

describe('references across layers', () => {
  it("refuses deleting what another party's confidential layer cites, saying how many but not whose; the citing party still saves and the export still imports", async () => {
    const ev = fresh('south-public-ev');
    const pos = fresh('north-secret-pos');
    const made = await f.call('south', 'POST', '/api/processes/mini/evidence', { id: ev, speaker: 'an official', onBehalfOf: 'south', form: 'paraphrase', text: 'Said something in public.', saidAt: '2024-03-05', attribution: 'on-record', sources: ['s1'] });
    expect(made.status, made.text).toBe(201);
    const cite = { id: pos, party: 'north', provision: 'draft-1', stance: 'accepts', asOf: '2024-03-06', visibility: { confidentialTo: 'north' }, evidence: [ev] };
    const cited = await f.call('north', 'POST', '/api/processes/mini/positions', cite);
    expect(cited.status, cited.text).toBe(201);
    // South cannot see north's position, yet its delete is refused, with a count and no id or party of the citer.
    const del = await f.call('south', 'DELETE', `/api/processes/mini/evidence/${ev}`);
    expect(del.status, del.text).toBe(409);
    expect(JSON.parse(del.text).error.message).toMatch(/referred to by 1 entry/);
    expect(del.text).not.toContain(pos);
    expect(del.text).not.toContain('north');
    expect(await f.store.get('mini', 'evidence', ev)).toBeDefined();
    // North keeps saving its position as it stands.
    const saved = await f.call('north', 'PUT', `/api/processes/mini/positions/${pos}`, { ...cite, stance: 'rejects' });
    expect(saved.status, saved.text).toBe(200);
    // The whole store (every layer) still exports to a bundle that imports, unchanged.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-layers-'));
    try {
      const data = await f.store.loadProcess('mini');
      writeBundle(dir, data);
      const back = readBundle(dir).data;
      expect(back.evidence.find((e) => e.id === ev)).toEqual(data.evidence.find((e) => e.id === ev));
      expect(back.positions.find((p) => p.id === pos)).toMatchObject({ stance: 'rejects', evidence: [ev] });
      expect(processProblems(back)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports change only through the review queue', () => {
  it('refuses raw reports in POST /changes to every role, writing nothing', async () => {
    const before = JSON.stringify(await f.store.list('mini', 'reports'));
    const raw = { reports: [{ id: fresh('raw-report'), text: 'A raw report.', published: '2024-03-06', proposals: [] }] };
    for (const who of ['med', 'staff'] as const) {
      const r = await f.call(who, 'POST', '/api/processes/mini/changes', raw);
      expect(r.status, r.text).toBe(422);
      expect(JSON.parse(r.text).error.message).toMatch(/reports/);
    }
    expect(JSON.stringify(await f.store.list('mini', 'reports'))).toBe(before);
  });
});

describe('item truth table (role × action × visibility)', () => {
  // Items by visibility: public; confidential to north (north granted its layer to the mediator);
  // confidential to south (no grant).
  // `pair`: north's layer, also visible to south (seen by both delegations and, by north's grant, the mediator).
  const VIS = { public: 'public', north: { confidentialTo: 'north' }, south: { confidentialTo: 'south' }, pair: { confidentialTo: 'north', alsoVisibleTo: ['south'] } } as const;
  type Vis = keyof typeof VIS;

  /** Specification of reading. */
  const mayRead = (who: Person, vis: Vis) =>
    vis === 'public' || (vis === 'north' && (who === 'north' || who === 'med')) || (vis === 'south' && who === 'south') || (vis === 'pair' && (who === 'north' || who === 'south' || who === 'med'));
  /**
   * Specification of replacing (a position or evidence item belongs to `owner`'s party; an event to
   * no party: a delegate writes those of its own layer only).
   */
  const mayWrite = (who: Person, vis: Vis, owner: 'north' | 'south', kind: string) => {
    if (!mayRead(who, vis)) return false;
    // A shared item is its owner's layer's: the party it is shared with reads it only.
    if (vis === 'pair') return who === 'north' && (kind === 'events' || owner === 'north');
    if (who === 'med' || who === 'staff') return vis === 'public';
    if (who === 'north' || who === 'south') return kind === 'events' ? vis === who : owner === who;
    return false;
  };
  const mayDelete = (who: Person, vis: Vis, owner: 'north' | 'south', kind: string) => mayWrite(who, vis, owner, kind) && who !== 'staff';

  for (const kind of ['positions', 'evidence', 'events'] as const) {
    it(`${kind}: read, list, replace and delete as each role, for each visibility`, async () => {
      const wrong: string[] = [];
      for (const who of MEMBERS) {
        for (const vis of Object.keys(VIS) as Vis[]) {
          for (const owner of ['north', 'south'] as const) {
            const id = fresh(`${kind}-${vis}-${owner}`);
            const item =
              kind === 'positions'
                ? { id, party: owner, provision: 'draft-1', stance: 'undecided', asOf: '2024-03-09', confidence: 1, visibility: VIS[vis], evidence: [] }
                : kind === 'evidence'
                  ? { id, speaker: 'x', onBehalfOf: owner, form: 'quote', text: 'words', saidAt: '2024-03-09', attribution: 'leak', sources: [], visibility: VIS[vis] }
                  : ENTITY_SCHEMAS.events.parse({ id, kind: 'meeting', status: 'held', title: 'Talks', start: '2024-03-09', visibility: VIS[vis] });
            await f.store.put('mini', kind, item as never, { actor: 'test' });
            const url = `/api/processes/mini/${kind}/${id}`;
            const read = await f.call(who, 'GET', url);
            const expectRead = mayRead(who, vis) ? 200 : 404;
            if (read.status !== expectRead) wrong.push(`${who} read ${vis}/${owner}: ${read.status}, expected ${expectRead}`);
            const list = await f.call(who, 'GET', `/api/processes/mini/${kind}`);
            if (list.text.includes(`"${id}"`) !== mayRead(who, vis)) wrong.push(`${who} list ${vis}/${owner}: listed=${list.text.includes(`"${id}"`)}`);
            const exp = await f.call(who, 'GET', `/api/processes/mini/export`);
            if (exp.text.includes(`"${id}"`) !== mayRead(who, vis)) wrong.push(`${who} export ${vis}/${owner}`);

            const { id: _id, ...rest } = item;
            const put = await f.call(who, 'PUT', url, { ...rest, ...(kind === 'positions' ? { stance: 'accepts' } : kind === 'evidence' ? { text: 'other words' } : { title: 'Other talks' }) });
            const gateOk = specAllows(roleOf(who)!, 'PUT', `/api/processes/:pid/${kind}/:id`);
            const expectPut = !gateOk ? 403 : !mayRead(who, vis) ? 404 : mayWrite(who, vis, owner, kind) ? 200 : 403;
            if (put.status !== expectPut) wrong.push(`${who} replace ${vis}/${owner}: ${put.status}, expected ${expectPut}: ${put.text.slice(0, 120)}`);

            const del = await f.call(who, 'DELETE', url);
            const delGate = specAllows(roleOf(who)!, 'DELETE', `/api/processes/:pid/${kind}/:id`);
            const expectDel = !delGate ? 403 : !mayRead(who, vis) ? 404 : mayDelete(who, vis, owner, kind) ? 200 : 403;
            if (del.status !== expectDel) wrong.push(`${who} delete ${vis}/${owner}: ${del.status}, expected ${expectDel}: ${del.text.slice(0, 120)}`);
            const still = await f.store.get('mini', kind, id);
            if ((still === undefined) !== (expectDel === 200)) wrong.push(`${who} delete ${vis}/${owner}: store says ${still ? 'present' : 'gone'}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('lets a delegate create only its own party’s items, and never for another party’s layer', async () => {
    const pos = (party: string, vis: unknown) => ({ id: fresh('newpos'), party, provision: 'draft-1', stance: 'accepts', asOf: '2024-03-09', visibility: vis });
    expect((await f.call('north', 'POST', '/api/processes/mini/positions', pos('north', { confidentialTo: 'north' }))).status).toBe(201);
    expect((await f.call('north', 'POST', '/api/processes/mini/positions', pos('north', 'public'))).status).toBe(201);
    expect((await f.call('north', 'POST', '/api/processes/mini/positions', pos('south', 'public'))).status).toBe(403);
    expect((await f.call('north', 'POST', '/api/processes/mini/positions', pos('north', { confidentialTo: 'south' }))).status).toBe(403);
    // The mediator may read north's granted layer but not write into it.
    expect((await f.call('med', 'POST', '/api/processes/mini/positions', pos('north', { confidentialTo: 'north' }))).status).toBe(403);
    // A batch is checked item by item: one refused item refuses the batch before anything is written.
    const before = (await f.store.list('mini', 'positions')).length;
    const batch = await f.call('north', 'POST', '/api/processes/mini/changes', { positions: [pos('north', 'public'), pos('south', 'public')] });
    expect(batch.status).toBe(403);
    expect((await f.store.list('mini', 'positions')).length).toBe(before);
  });

  it('cuts, field by field, references to evidence the viewer may not see, and keeps them on update', async () => {
    await f.store.put('mini', 'evidence', { id: 'ev-secret', speaker: 'x', onBehalfOf: 'south', form: 'quote', text: 'secret words', saidAt: '2024-03-09', attribution: 'leak', sources: [], visibility: { confidentialTo: 'south' } }, { actor: 'test' });
    await f.store.put('mini', 'positions', { id: 'p-mixed', party: 'south', provision: 'draft-2', stance: 'rejects', asOf: '2024-03-09', confidence: 1, visibility: 'public', evidence: ['e2', 'ev-secret'] }, { actor: 'test' });
    const asMed = JSON.parse((await f.call('med', 'GET', '/api/processes/mini/positions/p-mixed')).text);
    expect(asMed.evidence).toEqual(['e2']);
    const asSouth = JSON.parse((await f.call('south', 'GET', '/api/processes/mini/positions/p-mixed')).text);
    expect(asSouth.evidence).toEqual(['e2', 'ev-secret']);
    // The mediator edits the public position it sees; south's hidden reference survives.
    const { id: _i, ...rest } = asMed;
    expect((await f.call('med', 'PUT', '/api/processes/mini/positions/p-mixed', { ...rest, stance: 'undecided' })).status).toBe(200);
    expect(await f.store.get('mini', 'positions', 'p-mixed')).toMatchObject({ stance: 'undecided', evidence: ['e2', 'ev-secret'] });
  });

  it('shows a mediator a party’s layer only while the grant stands', async () => {
    await f.store.put('mini', 'positions', { id: 'p-grant', party: 'south', provision: 'draft-1', stance: 'rejects', asOf: '2024-03-09', confidence: 1, visibility: { confidentialTo: 'south' }, evidence: [] }, { actor: 'test' });
    expect((await f.call('med', 'GET', '/api/processes/mini/positions/p-grant')).status).toBe(404);
    expect((await f.call('south', 'PUT', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await f.call('med', 'GET', '/api/processes/mini/positions/p-grant')).status).toBe(200);
    expect((await f.call('staff', 'GET', '/api/processes/mini/positions/p-grant')).status).toBe(404);
    // The matrix includes the granted layer when the mediator asks for it.
    const m = JSON.parse((await f.call('med', 'GET', '/api/processes/mini/matrix?asOf=2024-03-09&version=draft-v1&viewAs=south')).text);
    expect(JSON.stringify(m)).toContain('p-grant');
    expect((await f.call('south', 'DELETE', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await f.call('med', 'GET', '/api/processes/mini/positions/p-grant')).status).toBe(404);
    expect(JSON.stringify(JSON.parse((await f.call('med', 'GET', '/api/processes/mini/matrix?asOf=2024-03-09&version=draft-v1&viewAs=south')).text))).not.toContain('p-grant');
  });
});

describe('item truth table of the one-text procedure (role × action × visibility)', () => {
  // A draft is the mediator's team's; a critique is its party's while written, also the team's once
  // submitted, everyone's once published — never another party's.
  const CRIT = {
    written: { confidentialTo: 'north' },
    submitted: { confidentialTo: 'north', sharedWith: 'mediator-team' },
    published: 'public',
  } as const;
  type Stage = keyof typeof CRIT;
  // North granted its confidential layer to the mediator (the fixture's grant): the mediator sees
  // what north writes there, a critique being written included; staff only what north submitted.
  const mayReadCritique = (who: Person, stage: Stage) => who === 'north' || stage === 'published' || (stage === 'submitted' && (who === 'med' || who === 'staff')) || (stage === 'written' && who === 'med');

  it('drafts: only the mediator’s team reads, lists, exports, edits and tables them; only the mediator discards one', async () => {
    const wrong: string[] = [];
    for (const who of MEMBERS) {
      const team = who === 'med' || who === 'staff';
      const id = fresh('dr');
      await f.store.put('mini', 'drafts', { ...(bodyFor('drafts', who) as object), id } as never, { actor: 'test' });
      const read = await f.call(who, 'GET', `/api/processes/mini/drafts/${id}`);
      if (read.status !== (team ? 200 : 404)) wrong.push(`${who} read: ${read.status}`);
      const list = await f.call(who, 'GET', '/api/processes/mini/drafts');
      if (list.text.includes(id) !== team) wrong.push(`${who} list`);
      const exp = await f.call(who, 'GET', '/api/processes/mini/export');
      if (exp.text.includes(`"${id}"`) !== team) wrong.push(`${who} export`);
      const edit = await f.call(who, 'POST', `/api/processes/mini/drafts/${id}/edits`, { ops: [{ op: 'set', lineage: 'draft-1', text: 'Changed.' }] });
      if (edit.status !== (team ? 200 : 403)) wrong.push(`${who} edit: ${edit.status}`);
      const del = await f.call(who, 'DELETE', `/api/processes/mini/drafts/${id}`);
      if (del.status !== (who === 'med' ? 200 : 403)) wrong.push(`${who} delete: ${del.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('critiques: read, list, export, save, submit and discard as each role, at each stage', async () => {
    const wrong: string[] = [];
    for (const who of MEMBERS) {
      for (const stage of Object.keys(CRIT) as Stage[]) {
        const id = fresh(`cr-${stage}`);
        const status = stage === 'written' ? 'draft' : 'submitted';
        await f.store.put('mini', 'critiques', { id, version: 'draft-v1', party: 'north', answers: [{ provision: 'draft-1', stance: 'accepts' }], status, ...(status === 'submitted' ? { submittedAt: '2024-03-20' } : {}), updatedAt: '2024-03-20T10:00:00.000Z', visibility: CRIT[stage] } as never, { actor: 'test' });
        const sees = mayReadCritique(who, stage);
        const read = await f.call(who, 'GET', `/api/processes/mini/critiques/${id}`);
        if (read.status !== (sees ? 200 : 404)) wrong.push(`${who} read ${stage}: ${read.status}`);
        const list = await f.call(who, 'GET', '/api/processes/mini/critiques');
        if (list.text.includes(id) !== sees) wrong.push(`${who} list ${stage}`);
        const exp = await f.call(who, 'GET', '/api/processes/mini/export');
        if (exp.text.includes(`"${id}"`) !== sees) wrong.push(`${who} export ${stage}`);
        // Only north's delegation changes north's critique; anyone else: refused at the gate (403), or the critique does not exist for them (404).
        const expectChange = (ok: number) => (who === 'north' ? ok : who === 'south' && !sees ? 404 : 403);
        const put = await f.call(who, 'PUT', `/api/processes/mini/critiques/${id}`, { answers: [{ provision: 'draft-2', stance: 'rejects' }] });
        if (put.status !== expectChange(stage === 'written' ? 200 : 409)) wrong.push(`${who} save ${stage}: ${put.status} ${put.text.slice(0, 100)}`);
        const sub = await f.call(who, 'POST', `/api/processes/mini/critiques/${id}/submit`, { date: '2024-03-21' });
        if (sub.status !== expectChange(200)) wrong.push(`${who} submit ${stage}: ${sub.status} ${sub.text.slice(0, 100)}`);
        const del = await f.call(who, 'DELETE', `/api/processes/mini/critiques/${id}`);
        if (del.status !== expectChange(409)) wrong.push(`${who} delete ${stage}: ${del.status} ${del.text.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets a delegate start a critique only for its own party, and nobody else start one', async () => {
    expect((await f.call('north', 'POST', '/api/processes/mini/critiques', { version: 'draft-v1', party: 'south' })).status).toBe(403);
    const own = await f.call('north', 'POST', '/api/processes/mini/critiques', { version: 'draft-v1' });
    expect(own.status).toBe(201);
    expect(JSON.parse(own.text)).toMatchObject({ party: 'north', status: 'draft', visibility: { confidentialTo: 'north' } });
    for (const who of ['med', 'staff', 'obs', 'aud'] as const) expect((await f.call(who, 'POST', '/api/processes/mini/critiques', { version: 'draft-v1', party: 'north' })).status).toBe(403);
  });
});

describe('the policy view of the store', () => {
  it('refuses a whole batch written through putMany when one item is not the writer’s to write', async () => {
    const { PolicyStore, accessFor } = await import('./policy.js');
    const view = new PolicyStore(f.store, accessFor('north', [{ processId: 'mini', role: 'party-delegate', party: 'north' }], 'mini', []));
    const pos = (id: string, party: string) => ({ kind: 'positions' as const, entity: { id, party, provision: 'draft-1', stance: 'accepts' as const, asOf: '2024-03-09', confidence: 1, visibility: 'public' as const, evidence: [] } });
    await expect(view.putMany('mini', [pos('pm-1', 'north'), pos('pm-2', 'south')], { actor: 'user:north' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await f.store.get('mini', 'positions', 'pm-1')).toBeUndefined();
    expect(await view.putMany('mini', [pos('pm-1', 'north'), pos('pm-3', 'north')], { actor: 'user:north' })).toEqual(['created', 'created']);
    // Another process does not exist in this view.
    await expect(view.list('other', 'positions')).rejects.toMatchObject({ code: 'not_found' });
  });
});
