/**
 * API routes of the workbench's analysis, compare, rounds and briefing views, on the mini fixture
 * (src/store/fixtures/mini) and on small domains whose answers are worked out by hand in the
 * comments. Team-mode cases (profiles confidential to a party, who may save) use the signed-in
 * team fixture.
 */
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { type TeamFixture, teamFixture } from '../../test/support/team-fixture.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const P = '/api/processes/mini';

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  // No read cache: some tests write to the store behind the server's back.
  app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false });
});
afterEach(async () => {
  await store.close();
});

const call = async (method: string, url: string, body?: unknown) => {
  const r = await app.request(url, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const type = r.headers.get('content-type') ?? '';
  return { status: r.status, type, body: (type.includes('json') ? await r.json() : await r.text()) as any };
};
const snapshot = async () => JSON.stringify({ data: await store.loadProcess('mini'), audit: (await store.audit('mini')).length });

/**
 * Two issues a, b with options x, y; north values x on both (weights 1:1), south values y (weights 3:1).
 * Packages (a, b) → (u_north, u_south): xx (100, 0), xy (50, 25), yx (50, 75), yy (0, 100).
 */
function twoByTwo(extra: { north?: object; south?: object } = {}) {
  return {
    id: 'two-by-two',
    name: 'Two by two',
    issues: ['a', 'b'].map((id) => ({ id, name: `Issue ${id}`, options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] })),
    profiles: [
      { party: 'north', weights: { a: 1, b: 1 }, values: { a: { x: 100, y: 0 }, b: { x: 100, y: 0 } }, ...extra.north },
      { party: 'south', weights: { a: 3, b: 1 }, values: { a: { x: 0, y: 100 }, b: { x: 0, y: 100 } }, ...extra.south },
    ],
  };
}

describe('analysis', () => {
  it('answers a process without a domain with an empty view', async () => {
    const r = await call('GET', `${P}/analysis`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ domains: [], domain: null, problems: [], result: null });
  });

  it('solves a posted domain without saving it: packages, frontier and per-party explanation', async () => {
    const before = await snapshot();
    const r = await call('POST', `${P}/analysis`, twoByTwo());
    expect(r.status).toBe(200);
    const res = r.body.result;
    expect(res.feasible).toBe(true);
    expect(res.outcomes).toBe(4);
    expect(res.parties.map((p: any) => [p.id, p.short])).toEqual([['north', 'N'], ['south', 'S']]);
    // Nash: gains products 0, 1250, 3750, 0 → yx; max-sum 100, 75, 125, 100 → yx; max-min 0, 25, 50, 0 → yx.
    for (const s of res.solutions) {
      expect(s.outcome, s.concept).toEqual({ a: 'y', b: 'x' });
      expect(s.utilities.north).toBeCloseTo(50, 6);
      expect(s.utilities.south).toBeCloseTo(75, 6);
    }
    expect(res.solutions.map((s: any) => s.concept)).toEqual(['nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian']);
    expect(res.solutions[0].value).toBeCloseTo(3750, 4);
    // Ideal: north's best is 100 (xx), south's 100 (yy).
    expect(res.ideal.north).toBeCloseTo(100, 6);
    expect(res.ideal.south).toBeCloseTo(100, 6);
    // Frontier: xx, yx, yy (xy is dominated by yx).
    const pts = res.frontier.points.map((p: any) => p.u.map((x: number) => Math.round(x))).sort((p: number[], q: number[]) => p[0]! - q[0]!);
    expect(pts).toEqual([[0, 100], [50, 75], [100, 0]]);
    expect(res.frontier.exact).toBe(true);
    expect(res.frontier.size).toBe(3);
    expect(JSON.stringify(r.body)).not.toMatch(/"ms"/);
    expect(await snapshot()).toBe(before);
  });

  it('explains infeasibility: the smallest reservation cut that opens a package', async () => {
    // Reservations 60 / 60: no package reaches both. Cutting north to 50 opens yx (total cut 10);
    // xy needs 10 + 35, xx and yy 60. No red line to move can help (none exists): redLines is null.
    const r = await call('POST', `${P}/analysis`, twoByTwo({ north: { reservation: 60 }, south: { reservation: 60 } }));
    expect(r.status).toBe(200);
    const res = r.body.result;
    expect(res.feasible).toBe(false);
    expect(res.solutions).toEqual([]);
    expect(res.frontier.points).toEqual([]);
    expect(res.infeasible.redLines).toBeNull();
    expect(res.infeasible.reservationCuts.total).toBeCloseTo(10, 6);
    expect(res.infeasible.reservationCuts.byParty.north).toBeCloseTo(10, 6);
    expect(res.infeasible.reservationCuts.outcome).toEqual({ a: 'y', b: 'x' });
  });

  it('names issues blocked by red lines', async () => {
    const r = await call('POST', `${P}/analysis`, twoByTwo({ north: { redLines: { a: ['y'] } }, south: { redLines: { a: ['x'] } } }));
    expect(r.status).toBe(200);
    expect(r.body.result.feasible).toBe(false);
    expect(r.body.result.infeasible.blockedIssues).toEqual(['a']);
    // Moving one red line suffices: either party's on issue a.
    expect(r.body.result.infeasible.redLines.count).toBe(1);
  });

  it('refuses an invalid domain with every problem next to its field, and saves nothing', async () => {
    const before = await snapshot();
    const bad = twoByTwo({ south: { weights: { a: 1, c: 2 } } });
    for (const [method, url] of [
      ['POST', `${P}/analysis`],
      ['PUT', `${P}/analysis/two-by-two`],
    ] as const) {
      const r = await call(method, url, bad);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.map((d: any) => d.field)).toContain('profiles[1].weights.c');
    }
    expect(await snapshot()).toBe(before);
  });

  it('saves a domain with PUT, then analyses the stored one; a stored invalid domain comes back with its problems', async () => {
    const saved = await call('PUT', `${P}/analysis/two-by-two`, twoByTwo());
    expect(saved.status).toBe(200);
    expect(saved.body.domains).toEqual([{ id: 'two-by-two', name: 'Two by two' }]);
    expect((await store.get('mini', 'domains', 'two-by-two')) as any).toMatchObject({ name: 'Two by two', profiles: [{ party: 'north' }, { party: 'south' }] });
    const got = await call('GET', `${P}/analysis?domain=two-by-two`);
    expect(got.body.result.solutions[0].outcome).toEqual({ a: 'y', b: 'x' });
    expect((await call('GET', `${P}/analysis?domain=nope`)).status).toBe(404);
    expect((await call('PUT', `${P}/analysis/two-by-two`, { ...twoByTwo(), id: 'other' })).body.error.field).toBe('id');
    await store.put('mini', 'domains', { id: 'broken', name: 'Broken', issues: [] }, { actor: 'test' });
    const broken = await call('GET', `${P}/analysis?domain=broken`);
    expect(broken.status).toBe(200);
    expect(broken.body.result).toBeNull();
    expect(broken.body.problems.map((d: any) => d.field)).toContain('issues');
  });
});

describe('compare and rounds', () => {
  it('aligns draft v1 with v2 point by point, with word diffs and sides for display', async () => {
    // v1 → v2 (texts in src/store/fixtures/mini/texts): 1 unchanged; 2 "[thirty]" → "twenty"; 3 "a year" → "eighteen months".
    const r = await call('GET', `${P}/compare?from=draft-v1&to=draft-v2`);
    expect(r.status).toBe(200);
    const v = r.body;
    expect([v.from.id, v.to.id, v.alignmentId, v.stored]).toEqual(['draft-v1', 'draft-v2', 'draft-v1--draft-v2', null]);
    expect(v.pairs.map((p: any) => [p.from, p.to, p.change])).toEqual([
      [['1'], ['1'], 'unchanged'],
      [['2'], ['2'], 'amended'],
      [['3'], ['3'], 'amended'],
    ]);
    expect(v.pairs[0].similarity).toBe(1);
    const words = (ops: any[], op: string) => ops.filter((o) => o.op === op).map((o) => o.text.trim()).join(' ');
    expect(words(v.pairs[2].diff, 'delete')).toBe('a year');
    expect(words(v.pairs[2].diff, 'insert')).toBe('eighteen months');
    expect(words(v.pairs[1].diff, 'insert')).toBe('twenty');
    expect(v.counts).toMatchObject({ unchanged: 1, amended: 2, added: 0, deleted: 0 });
    expect(v.units.from.map((u: any) => u.key)).toEqual(['1', '2', '3']);
    expect(v.units.from[2].subs.map((s: any) => [s.key, s.text])).toEqual([
      ['3.a', 'An electoral commission is formed.'],
      ['3.b', 'Observers are invited.'],
    ]);
    // Defaults: the current single text (v2) against the version it is based on (v1).
    const d = await call('GET', `${P}/compare`);
    expect([d.body.from.id, d.body.to.id]).toEqual(['draft-v1', 'draft-v2']);
    const missing = await call('GET', `${P}/compare?from=draft-v1&to=nope`);
    expect([missing.status, missing.body.error.field]).toEqual([404, 'to']);
  });

  it('applies a stored override on every later alignment (it survives re-alignment)', async () => {
    const created = await call('POST', `${P}/alignments`, { id: 'draft-v1--draft-v2', from: 'draft-v1', to: 'draft-v2', overrides: [{ from: ['3'], to: ['3'], change: 'unchanged', note: 'same substance' }] });
    expect(created.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const v = (await call('GET', `${P}/compare?from=draft-v1&to=draft-v2`)).body;
      expect(v.stored.id).toBe('draft-v1--draft-v2');
      const p3 = v.pairs.find((p: any) => p.to[0] === '3');
      expect([p3.change, p3.overridden]).toEqual(['unchanged', true]);
      expect(v.pairs.find((p: any) => p.to[0] === '2').change).toBe('amended');
    }
    // Re-map: 2 of v1 declared deleted and 2 of v2 added.
    const put = await call('PUT', `${P}/alignments/draft-v1--draft-v2`, { from: 'draft-v1', to: 'draft-v2', overrides: [{ from: ['2'], to: [], change: 'deleted' }, { from: [], to: ['2'], change: 'added' }] });
    expect(put.status).toBe(200);
    const v = (await call('GET', `${P}/compare?from=draft-v1&to=draft-v2`)).body;
    expect(v.pairs.filter((p: any) => p.overridden).map((p: any) => [p.from, p.to, p.change])).toEqual(
      expect.arrayContaining([
        [['2'], [], 'deleted'],
        [[], ['2'], 'added'],
      ]),
    );
    expect(v.pairs.find((p: any) => p.to[0] === '3').change).toBe('amended');
  });

  it('lists the rounds in date order with bracket counts and brackets cleared since the round before', async () => {
    const r = await call('GET', `${P}/rounds`);
    expect(r.status).toBe(200);
    // Independent count: brackets and non-axis nodes of each stored version.
    const data = await store.loadProcess('mini');
    const count = (id: string) => {
      const ns = [...walkProvisions(data.versions.find((v) => v.id === id)!.provisions)].filter((p) => p.kind !== 'axis');
      return { provisions: ns.length, brackets: ns.reduce((n, p) => n + p.brackets.length, 0) };
    };
    expect(r.body.map((x: any) => [x.round, x.id, x.current])).toEqual([
      [1, 'draft-v1', false],
      [2, 'draft-v2', true],
    ]);
    expect(r.body[0].counts).toMatchObject({ ...count('draft-v1'), bracketedProvisions: 1 });
    expect(r.body[0].counts).toMatchObject({ provisions: 5, brackets: 1 });
    expect(r.body[1].counts).toMatchObject({ ...count('draft-v2'), brackets: 0 });
    expect(r.body[0].sincePrevious).toBeNull();
    expect(r.body[1].sincePrevious).toMatchObject({ cleared: 1, kept: 0, added: 0 });
  });
});

describe('briefing', () => {
  it('is an HTML page of the process as of a date, with its contested point', async () => {
    // As of 2024-03-20, point 2: north rejects (p1), south accepts with conditions (p5): contested.
    const r = await call('GET', `${P}/briefing?asOf=2024-03-20`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.body).toContain('Mini process (test fixture)');
    expect(r.body).toContain('2024-03-20');
    expect(r.body).toContain('Forces withdraw');
    expect((await call('GET', `${P}/briefing?asOf=2024-13-01`)).status).toBe(422);
  });

  it('prints the same briefing as a PDF', async () => {
    const r = await app.request(`${P}/briefing?asOf=2024-03-20&format=pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });
});

describe('team mode: confidential profiles and who may save', () => {
  let f: TeamFixture;
  beforeAll(async () => {
    f = await teamFixture();
    const domain = twoByTwo({ south: { visibility: { confidentialTo: 'south' }, note: 'SECRET-south-fallback' } });
    await f.store.put('mini', 'domains', { ...domain, id: 'conf' }, { actor: 'test' });
  });
  afterAll(async () => {
    await f?.close();
  });

  it("shows a party's confidential profile to that party only, and solves without it for everyone else", async () => {
    const south = JSON.parse((await f.call('south', 'GET', `${P}/analysis?domain=conf`)).text);
    expect(south.domain.profiles.map((p: any) => p.party)).toEqual(['north', 'south']);
    expect(south.result.parties[1]).toMatchObject({ id: 'south', confidentialTo: 'south' });
    for (const who of ['north', 'med', 'staff', 'obs', 'aud'] as const) {
      const r = await f.call(who, 'GET', `${P}/analysis?domain=conf`);
      expect(r.status, who).toBe(200);
      expect(r.text, who).not.toContain('SECRET');
      const v = JSON.parse(r.text);
      expect(v.domain.profiles.map((p: any) => p.party), who).toEqual(['north']);
      // One party left: its best package xx is every concept's answer.
      expect(v.result.solutions[0].outcome, who).toEqual({ a: 'x', b: 'x' });
    }
  });

  it('keeps the confidential profile out of every other route: domain reads, export, audit log', async () => {
    for (const who of ['north', 'med', 'staff', 'obs', 'aud'] as const) {
      for (const url of [`${P}/domains/conf`, `${P}/domains`, `${P}/export`]) {
        const r = await f.call(who, 'GET', url);
        expect(r.status, `${who} ${url}`).toBe(200);
        expect(r.text, `${who} ${url}`).not.toContain('SECRET');
      }
    }
    const audit = await f.call('aud', 'GET', `${P}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('conf');
    expect(audit.text).not.toContain('SECRET');
    expect((await f.call('south', 'GET', `${P}/domains/conf`)).text).toContain('SECRET-south-fallback');
  });

  it('lets editors save, keeping the profiles they could not see; others may not', async () => {
    const edited = { ...twoByTwo(), id: 'conf', name: 'Edited by the mediator' };
    edited.profiles = edited.profiles.slice(0, 1);
    const r = await f.call('med', 'PUT', `${P}/analysis/conf`, edited);
    expect(r.status).toBe(200);
    const stored = (await f.store.get('mini', 'domains', 'conf')) as any;
    expect(stored.name).toBe('Edited by the mediator');
    expect(stored.profiles.map((p: any) => p.party)).toEqual(['north', 'south']);
    expect(stored.profiles[1].note).toBe('SECRET-south-fallback');
    for (const who of ['north', 'obs'] as const) expect((await f.call(who, 'PUT', `${P}/analysis/conf`, edited)).status).toBe(403);
    expect((await f.call('anonymous', 'GET', `${P}/analysis`)).status).toBe(401);
  });
});

describe('page views: outline, text, points, steps', () => {
  it('outlines the process without the record: versions in date order without provisions, with axes and the current text', async () => {
    const r = await call('GET', `${P}/outline`);
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o.process).toEqual({ id: 'mini', name: 'Mini process (test fixture)', description: null, singleText: 'draft' });
    expect(o.parties.map((p: any) => p.id)).toEqual(['north', 'south', 'med', 'obs']);
    expect(o.persons).toEqual([
      { id: 'amara', name: 'Amara Diallo', aliases: ['the mediator'] },
      { id: 'lev', name: 'Lev Petrov', aliases: [] },
    ]);
    expect(o.documents).toEqual([{ id: 'draft', title: 'Draft agreement', kind: 'plan', proponents: ['med'] }]);
    expect(o.versions.map((v: any) => [v.id, v.date, v.basedOn, v.current])).toEqual([
      ['draft-v1', '2024-03-01', null, false],
      ['draft-v2', '2024-04-01', 'draft-v1', true],
    ]);
    expect(o.versions[0].axes.map((a: any) => a.label)).toEqual(['I. Security', 'II. Politics']);
    expect(JSON.stringify(o.versions)).not.toContain('provisions');
    expect(o.events.map((e: any) => [e.id, e.start, e.status])).toEqual([
      ['ev1', '2024-03-04', 'held'],
      ['ev2', '2024-03-20', 'postponed'],
      ['ev3', '2024-05', 'scheduled'],
    ]);
    // Nothing of the record: no positions, evidence or sources.
    expect(Object.keys(o).sort()).toEqual(['documents', 'events', 'parties', 'persons', 'process', 'versions']);
  });

  it('answers the Text page in one reply: the version in force on the date, its stances and its round', async () => {
    const r = await call('GET', `${P}/text?asOf=2024-03-08`);
    expect(r.status).toBe(200);
    const t = r.body;
    expect(t.version.id).toBe('draft-v1'); // v2 is tabled on 2024-04-01
    expect(t.document).toEqual({ id: 'draft', title: 'Draft agreement', kind: 'plan' });
    expect(t.version.provisions.map((p: any) => p.kind)).toEqual(['axis', 'axis']);
    expect(t.parties.map((p: any) => p.id)).toEqual(['north', 'south', 'med']);
    // Latest public positions on or before 2024-03-08 (positions.yaml): p2, p3, p4 on point 1, p1 on point 2;
    // p5 (2024-03-10) is later, p7 (point 3.a) is confidential to north.
    expect(t.stances).toEqual({ 'draft-1': { north: 'accepts', south: 'accepts', med: 'accepts' }, 'draft-2': { north: 'rejects' } });
    expect(t.rounds.total).toBe(2);
    expect(t.rounds.shown.round).toBe(1);
    expect(t.rounds.previous).toBeNull();
    expect(t.rounds.next.id).toBe('draft-v2');
    // Point 2's "[thirty]" is one bracket of version 1.
    expect(t.rounds.shown.counts.brackets).toBe(1);
    // North's confidential layer adds its alternative on 3.a (a sub-point counts for its point).
    const north = (await call('GET', `${P}/text?asOf=2024-03-08&viewAs=north`)).body;
    expect(north.stances['draft-3']).toEqual({ north: 'proposes-alternative' });
    expect((await call('GET', `${P}/text?version=nope`)).status).toBe(404);
  });

  it('lists the points of every version for a picker, each lineage once under the newest version that has it', async () => {
    const r = await call('GET', `${P}/points`);
    expect(r.status).toBe(200);
    expect(r.body.map((g: any) => [g.version, g.label])).toEqual([['draft-v2', 'Draft agreement, v2']]);
    expect(r.body[0].points.map((p: any) => p.label)).toEqual([
      '1. The parties observe a ceasefire from the date of signature.',
      '2. Forces withdraw twenty kilometres from the line of contact.',
      '3. Elections are held within eighteen months.',
      '3.a. An electoral commission is formed.',
      '3.b. Observers are invited.',
    ]);
  });

  it('gives the replay steps: the days positions were taken (visible ones) and versions tabled, then today', async () => {
    const r = await call('GET', `${P}/steps`);
    expect(r.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    // Versions 2024-03-01, 2024-04-01; public positions p1..p6 (p4 shares 2024-03-01 with v1).
    const expected = ['2024-03-01', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-10', '2024-04-01', '2024-04-02'];
    expect(r.body.steps).toEqual([...expected, today]);
    // North's layer adds p7's day.
    expect((await call('GET', `${P}/steps?viewAs=north`)).body.steps).toEqual([...expected.slice(0, 3), '2024-03-07', '2024-03-08', ...expected.slice(4), today]);
  });
});

describe('page views: last activity, the text on the table', () => {
  it('dates the process by its last recorded activity on or before a date: events, versions, stances, statements', async () => {
    const at = async (q: string) => (await call('GET', `${P}/activity${q}`)).body;
    // Stances p1..p7 (p5 on 03-10, p6 on 04-02), events ev1 03-04, ev2 03-20, ev3 2024-05, versions 03-01 and 04-01.
    expect(await at('?asOf=2024-03-19')).toEqual({ asOf: '2024-03-19', last: { date: '2024-03-10', what: 'a stance recorded' } });
    expect((await at('?asOf=2024-03-20')).last).toEqual({ date: '2024-03-20', what: 'Second round', event: 'ev2' });
    expect((await at('?asOf=2024-04-01')).last).toEqual({ date: '2024-04-01', what: 'Draft agreement, v2' });
    expect((await at('?asOf=2024-04-30')).last).toEqual({ date: '2024-04-02', what: 'a stance recorded' });
    // A reduced date counts as its first day: the third round (2024-05) is the latest thing today.
    expect((await at('')).last).toEqual({ date: '2024-05-01', what: 'Third round', event: 'ev3' });
    expect((await at('?asOf=2024-02-01')).last).toBeNull();
    expect((await call('GET', `${P}/activity?asOf=soon`)).status).toBe(422);
  });

  it('names the text the analysis is read against and numbers its issues’ points from it', async () => {
    const domain = twoByTwo();
    domain.issues[0] = { ...domain.issues[0]!, provision: 'draft-2' } as never;
    domain.issues[1] = { ...domain.issues[1]!, provision: 'nowhere' } as never;
    const r = await call('POST', `${P}/analysis`, domain);
    expect(r.status).toBe(200);
    expect(r.body.onTable).toEqual({ version: { id: 'draft-v2', title: 'Draft agreement', label: 'v2', date: '2024-04-01' }, points: { 'draft-2': '2' }, missing: ['nowhere'] });
  });
});

describe('team mode: last activity by layer, stances by delegates', () => {
  let f: TeamFixture;
  beforeAll(async () => {
    f = await teamFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('counts a confidential stance only for those who see its layer', async () => {
    // p7 (2024-03-08) is confidential to north; the latest public stance before it is p3 (2024-03-07).
    const last = async (who: 'north' | 'obs') => JSON.parse((await f.call(who, 'GET', `${P}/activity?asOf=2024-03-09`)).text).last;
    expect(await last('north')).toEqual({ date: '2024-03-08', what: 'a stance recorded' });
    expect(await last('obs')).toEqual({ date: '2024-03-07', what: 'a stance recorded' });
  });

  it("lets a delegate record its own party's stance through POST /stances, not another party's", async () => {
    const body = (party: string, id: string) => ({
      position: { id, party, provision: 'draft-2', stance: 'rejects', asOf: '2024-04-03' },
      evidence: { speaker: 'a delegate', form: 'paraphrase', text: 'Not twenty kilometres.', attribution: 'on-record' },
    });
    const own = await f.call('north', 'POST', `${P}/stances`, body('north', 'api-own'));
    expect(own.status).toBe(201);
    expect(JSON.parse(own.text).written.map((w: any) => w.kind)).toEqual(['evidence', 'positions']);
    const theirs = await f.call('north', 'POST', `${P}/stances`, body('south', 'api-theirs'));
    expect(theirs.status).toBe(403);
    expect(await f.store.get('mini', 'positions', 'api-theirs')).toBeUndefined();
    expect((await f.call('obs', 'POST', `${P}/stances`, body('north', 'api-obs'))).status).toBe(403);
  });
});
