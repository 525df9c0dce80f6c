/**
 * A whole round of the one-text procedure played against the team server's HTTP API alone (no
 * web), on the example process, as three signed-in users: `staff` (mediator staff), `rud` (a
 * delegate of party ru) and `uad` (a delegate of party ua). The staff drafts v2 of the US plan from
 * v1 with a moved, a split and a bracketed point and tables it; each delegation critiques three
 * points of v2, one with an amendment; the staff folds ua's amendment into a draft of v3 and
 * tables it; each delegate then reads the shared texts and only its own critique, and the compare
 * view and the matrix show the round with the stances carried across the lineage and marked.
 * Expected texts are written out by hand from examples/russia-ukraine-2025/texts/us-28-v1.md.
 */
import pino from 'pino';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { Accounts } from '../store/accounts.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { openSqliteStore } from '../store/sqlite.js';
import { createTeamApp } from './auth.js';

const EXAMPLE = new URL('../../examples/russia-ukraine-2025', import.meta.url).pathname;
const PID = 'russia-ukraine-2025';
const API = `/api/processes/${PID}`;
const PASSWORD = 'round password 123';
const USERS = { staff: { role: 'mediator-staff' }, rud: { role: 'party-delegate', party: 'ru' }, uad: { role: 'party-delegate', party: 'ua' } } as const;
type Who = keyof typeof USERS;

// Wordings of us-28-v1 (texts/us-28-v1.md), and what the round makes of them.
const P2 = 'Russia, Ukraine and Europe conclude a comprehensive agreement on non-aggression, under which every question left open over the last 30 years is considered closed.';
const P2_HEAD = 'Russia, Ukraine and Europe conclude a comprehensive agreement on non-aggression,';
const P2_TAIL = 'under which every question left open over the last 30 years is considered closed.';
const P3 = 'The parties expect that Russia will not attack its neighbours and that NATO will not grow any further.';
const P3_BRACKETED = 'The parties expect that Russia will not attack its neighbours [and that NATO will not grow any further].';
const P6 = 'The Armed Forces of Ukraine may not exceed 600,000 personnel.';
const P6_UA = 'The Armed Forces of Ukraine may not exceed 800,000 personnel in peacetime.';
const P16_RU = 'Russia and Ukraine each legislate a non-aggression policy towards Europe and towards each other.';

const DATA = readBundle(EXAMPLE).data;
/** Every provision of v1, by a walk of the bundle. */
const V1_NODES = [...walkProvisions(DATA.versions.find((v) => v.id === 'us-28-v1')!.provisions)];

let store: KyselyStore;
let app: Hono;
const sessions = new Map<Who, { cookie: string; csrf: string }>();

/** Send a request as `who`; the reply's status, parsed body (JSON when it is) and ETag. */
async function call(who: Who, method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: any; etag: string | null }> {
  const s = sessions.get(who)!;
  const headers: Record<string, string> = { origin: 'http://localhost', cookie: s.cookie, 'x-csrf-token': s.csrf, ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await app.request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = text;
  if ((r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: r.status, body: parsed, etag: r.headers.get('etag') };
}

/** `call`, failing with the reply's text unless the status is the one expected. */
async function ok(status: number, who: Who, method: string, url: string, body?: unknown, extra?: Record<string, string>) {
  const r = await call(who, method, url, body, extra);
  if (r.status !== status) throw new Error(`${who} ${method} ${url}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

interface Node { lineage: string; num: string | null; kind: string; text: string; status: string; brackets: { text: string; proponents: string[] }[]; children: Node[] }
const walk = (tree: Node[]): Node[] => tree.flatMap((n) => [n, ...walk(n.children)]);
const find = (tree: Node[], lineage: string) => walk(tree).find((n) => n.lineage === lineage);

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.importProcess(DATA, { actor: 'test' });
  const opts = { scryptN: 1024, maxFailuresPerIp: 1000, maxFailuresPerUser: 1000 };
  const accounts = new Accounts(store, opts);
  for (const [name, m] of Object.entries(USERS)) await accounts.addUser(name, PASSWORD, { processId: PID, role: m.role, ...('party' in m ? { party: m.party } : {}) }, { actor: 'test' });
  app = createTeamApp({ store, logger: pino({ level: 'silent' }), webDir: false, accounts: opts });
  for (const name of Object.keys(USERS) as Who[]) {
    const r = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: name, password: PASSWORD }) });
    if (r.status !== 201) throw new Error(`login of ${name} failed: ${r.status}`);
    sessions.set(name, { cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; '), csrf: ((await r.json()) as { csrf: string }).csrf });
  }
});
afterAll(() => store?.close());

describe('a round of the one-text procedure over HTTP, as mediator staff and two delegations', () => {
  // Ids handed from step to step (each step relies on the one before).
  const ids = { ru: '', ua: '' };

  it('drafts v2 from v1 with a moved, a split and a bracketed point, unseen by the parties, and tables it', async () => {
    const created = await ok(201, 'staff', 'POST', `${API}/drafts`, { basedOn: 'us-28-v1', id: 'round-v2', title: 'v2 after the Geneva talks' });
    expect(created.body.lineage).toEqual({ inherited: V1_NODES.length, fresh: 0 });
    // A party sees no draft, and is answered about it as about one that never existed.
    for (const who of ['rud', 'uad'] as const) {
      expect((await ok(200, who, 'GET', `${API}/drafts`)).body).toEqual([]);
      expect((await call(who, 'GET', `${API}/drafts/round-v2`)).status).toBe(404);
      expect((await call(who, 'GET', `${API}/drafts/round-v2/revise`)).status).toBe(404);
      expect((await call(who, 'POST', `${API}/drafts/round-v2/edits`, { ops: [{ op: 'set', lineage: 'us-28-1', text: 'x' }] })).status).toBe(403);
    }
    const at = P2.indexOf(' under which');
    const start = P3.indexOf('and that NATO');
    const saved = await ok(200, 'staff', 'POST', `${API}/drafts/round-v2/edits`, {
      ops: [
        { op: 'move', lineage: 'us-28-9', parent: 'us-28-axis-II', index: 4 },
        { op: 'split', lineage: 'us-28-2', at, num: '2 bis' },
        { op: 'bracket', lineage: 'us-28-3', start, end: P3.length - 1, proponents: ['ru'] },
      ],
    }, { 'if-match': created.etag! });
    const tree = saved.body.draft.provisions as Node[];
    expect(find(tree, 'us-28-axis-II')!.children.map((c) => c.lineage)).toEqual(['us-28-5', 'us-28-6', 'us-28-7', 'us-28-8', 'us-28-9', 'us-28-10', 'us-28-18']);
    expect(find(tree, 'us-28-axis-I')!.children.map((c) => c.lineage)).toEqual(['us-28-1', 'us-28-2', 'us-28-2.s2', 'us-28-3', 'us-28-4', 'us-28-15', 'us-28-16', 'us-28-17']);
    expect([find(tree, 'us-28-2')!.text, find(tree, 'us-28-2.s2')!.text, find(tree, 'us-28-2.s2')!.num]).toEqual([P2_HEAD, P2_TAIL, '2 bis']);
    expect(find(tree, 'us-28-3')).toMatchObject({ text: P3_BRACKETED, status: 'bracketed', brackets: [{ text: 'and that NATO will not grow any further', proponents: ['ru'] }] });
    // A second save on the tag the first one replaced is refused and changes nothing.
    expect((await call('staff', 'POST', `${API}/drafts/round-v2/edits`, { ops: [{ op: 'delete', lineage: 'us-28-1' }] }, { 'if-match': created.etag! })).status).toBe(412);

    const tabled = await ok(201, 'staff', 'POST', `${API}/drafts/round-v2/table`, { date: '2026-04-01', proponents: ['us'] }, { 'if-match': saved.etag! });
    expect(tabled.body.version).toMatchObject({ id: 'us-28-v2', label: 'v2', date: '2026-04-01', basedOn: 'us-28-v1', proponents: ['us'] });
    expect(tabled.body.counts).toEqual({ points: V1_NODES.filter((n) => n.kind === 'point').length + 1, provisions: V1_NODES.length + 1 });
    expect(tabled.body.alignment).not.toBeNull();
  });

  it('lets each delegation critique three points of v2, one with an amendment, seen by itself and the team only', async () => {
    // Both parties read the tabled text.
    for (const who of ['rud', 'uad'] as const) {
      const text = (await ok(200, who, 'GET', `${API}/versions/us-28-v2/text`)).body;
      expect(JSON.stringify(text)).toContain('and that NATO will not grow any further]');
    }
    const ru = await ok(201, 'rud', 'POST', `${API}/critiques`, {
      version: 'us-28-v2',
      answers: [
        { provision: 'us-28-1', stance: 'accepts-with-conditions', conditions: 'read together with point 16' },
        { provision: 'us-28-5', stance: 'rejects', note: 'guarantees by third states are not acceptable' },
        { provision: 'us-28-16', stance: 'proposes-alternative', amendment: P16_RU },
      ],
    });
    expect(ru.body).toMatchObject({ party: 'ru', status: 'draft' });
    expect(ru.body.visibility).toEqual({ confidentialTo: 'ru' });
    ids.ru = ru.body.id;
    // Written but not yet submitted: the team does not see it, nor does the other party.
    expect((await ok(200, 'staff', 'GET', `${API}/critiques`)).body.map((c: { id: string }) => c.id)).toEqual([]);
    expect((await call('uad', 'GET', `${API}/critiques/${ids.ru}`)).status).toBe(404);
    await ok(200, 'rud', 'POST', `${API}/critiques/${ids.ru}/submit`, { date: '2026-04-08' }, { 'if-match': ru.etag! });

    const ua = await ok(201, 'uad', 'POST', `${API}/critiques`, { version: 'us-28-v2', answers: [] });
    ids.ua = ua.body.id;
    const answers = [
      { provision: 'us-28-1', stance: 'accepts' },
      { provision: 'us-28-6', stance: 'proposes-alternative', amendment: P6_UA, note: 'the present strength' },
      { provision: 'us-28-7', stance: 'rejects' },
    ];
    const put = await ok(200, 'uad', 'PUT', `${API}/critiques/${ids.ua}`, { answers }, { 'if-match': ua.etag! });
    const sub = await ok(200, 'uad', 'POST', `${API}/critiques/${ids.ua}/submit`, { date: '2026-04-09' }, { 'if-match': put.etag! });
    expect(sub.body.positions).toHaveLength(3);
    expect(sub.body.evidence).toHaveLength(3);

    // A delegation sees its own critique only; the team sees both submitted ones.
    expect((await ok(200, 'rud', 'GET', `${API}/critiques`)).body.map((c: { id: string }) => c.id)).toEqual([ids.ru]);
    expect((await ok(200, 'uad', 'GET', `${API}/critiques`)).body.map((c: { id: string }) => c.id)).toEqual([ids.ua]);
    expect((await ok(200, 'staff', 'GET', `${API}/critiques?version=us-28-v2`)).body.map((c: { id: string }) => c.id).sort()).toEqual([ids.ru, ids.ua].sort());
    expect((await call('rud', 'GET', `${API}/critiques/${ids.ua}`)).status).toBe(404);
    expect((await call('uad', 'GET', `${API}/critiques/${ids.ru}`)).status).toBe(404);
    expect(JSON.stringify((await ok(200, 'rud', 'GET', `${API}/critiques?party=ua`)).body)).toBe('[]');
    // Nor does one party's amendment reach the other through the point panel or the matrix.
    const uaPanel = JSON.stringify((await ok(200, 'uad', 'GET', `${API}/points/us-28-16?version=us-28-v2`)).body);
    expect(uaPanel).not.toContain('towards each other');
    const ruMatrix = JSON.stringify((await ok(200, 'rud', 'GET', `${API}/matrix?version=us-28-v2&asOf=2026-04-10`)).body);
    expect(ruMatrix).not.toContain(sub.body.positions[0]);
  });

  it('shows the mediator every critique side by side, folds ua’s amendment in and tables v3', async () => {
    const d = await ok(201, 'staff', 'POST', `${API}/drafts`, { basedOn: 'us-28-v2', id: 'round-v3' });
    const rv = (await ok(200, 'staff', 'GET', `${API}/drafts/round-v3/revise`)).body;
    expect(rv.critiques.map((c: { party: string }) => c.party).sort()).toEqual(['ru', 'ua']);
    const row1 = rv.rows.find((r: { lineage: string }) => r.lineage === 'us-28-1');
    expect(row1.answers.map((a: { party: string; stance: string }) => [a.party, a.stance]).sort()).toEqual([['ru', 'accepts-with-conditions'], ['ua', 'accepts']]);
    const row6 = rv.rows.find((r: { lineage: string }) => r.lineage === 'us-28-6');
    expect(row6.tabled.text).toBe(P6);
    expect(row6.answers).toMatchObject([{ party: 'ua', stance: 'proposes-alternative', amendment: P6_UA, folded: null }]);

    const folded = await ok(200, 'staff', 'POST', `${API}/drafts/round-v3/fold`, { critique: ids.ua, provision: 'us-28-6', how: 'accept' }, { 'if-match': d.etag! });
    expect(folded.body.touched.map((p: Node) => [p.lineage, p.text])).toEqual([['us-28-6', P6_UA]]);
    const after = (await ok(200, 'staff', 'GET', `${API}/drafts/round-v3/revise`)).body;
    expect(after.rows.find((r: { lineage: string }) => r.lineage === 'us-28-6').answers[0].folded).toBe('accepted');
    const v3 = await ok(201, 'staff', 'POST', `${API}/drafts/round-v3/table`, { date: '2026-04-15' }, { 'if-match': folded.etag! });
    expect(v3.body.version).toMatchObject({ id: 'us-28-v3', basedOn: 'us-28-v2', date: '2026-04-15' });
    // A tabled draft no longer changes.
    expect((await call('staff', 'POST', `${API}/drafts/round-v3/edits`, { ops: [{ op: 'set', lineage: 'us-28-1', text: 'x' }] })).status).toBe(409);
  });

  it('shows each delegate the shared texts and only its own critique’s outcome', async () => {
    const staff = (await ok(200, 'staff', 'GET', `${API}/versions/us-28-v3/response`)).body;
    const rows = (v: { rows: { party: string; provision: string; outcome: string }[] }) => v.rows.map((r) => [r.party, r.provision, r.outcome]).sort();
    expect(rows(staff)).toEqual([
      ['ru', 'us-28-1', 'unchanged'],
      ['ru', 'us-28-16', 'unchanged'],
      ['ru', 'us-28-5', 'unchanged'],
      ['ua', 'us-28-1', 'unchanged'],
      ['ua', 'us-28-6', 'adopted'],
      ['ua', 'us-28-7', 'unchanged'],
    ]);
    expect(rows((await ok(200, 'rud', 'GET', `${API}/versions/us-28-v3/response`)).body)).toEqual(rows(staff).filter((r) => r[0] === 'ru'));
    expect(rows((await ok(200, 'uad', 'GET', `${API}/versions/us-28-v3/response`)).body)).toEqual(rows(staff).filter((r) => r[0] === 'ua'));
    const ruMd = (await ok(200, 'rud', 'GET', `${API}/versions/us-28-v3/response?format=md`)).body as string;
    expect(ruMd).not.toContain('800,000');
    expect(ruMd).toContain('towards each other');
    for (const who of ['rud', 'uad'] as const) {
      const v3 = JSON.stringify((await ok(200, who, 'GET', `${API}/versions/us-28-v3/text`)).body);
      expect(v3).toContain(P6_UA);
      expect((await ok(200, who, 'GET', `${API}/drafts`)).body).toEqual([]);
    }
  });

  it('compares the rounds and carries the stances across the lineage, marked with the change of wording since', async () => {
    const c12 = (await ok(200, 'uad', 'GET', `${API}/compare?from=us-28-v1&to=us-28-v2`)).body;
    const notSame = c12.pairs.filter((p: { change: string }) => p.change !== 'unchanged').map((p: { change: string; fromLineage: string[]; toLineage: string[] }) => [p.change, p.fromLineage, p.toLineage]);
    expect(notSame).toEqual([
      ['split', ['us-28-2'], ['us-28-2', 'us-28-2.s2']],
      ['amended', ['us-28-3'], ['us-28-3']],
      ['moved', ['us-28-9'], ['us-28-9']],
    ]);
    const c23 = (await ok(200, 'rud', 'GET', `${API}/compare?from=us-28-v2&to=us-28-v3`)).body;
    const changed = c23.pairs.filter((p: { change: string }) => p.change !== 'unchanged').map((p: { toLineage: string[] }) => p.toLineage);
    expect(changed).toEqual([['us-28-6']]);

    const m = (await ok(200, 'staff', 'GET', `${API}/matrix?version=us-28-v3&asOf=2026-04-20&viewAs=%40mediator-team`)).body;
    const cell = (lineage: string, party: string) => m.rows.find((r: { lineage: string }) => r.lineage === lineage).cells[party];
    // ua's amendment was taken against v2's wording, which v3 changed: carried and marked.
    expect(cell('us-28-6', 'ua')).toMatchObject({ stance: 'proposes-alternative', asOf: '2026-04-09', about: 'us-28-v2' });
    expect(cell('us-28-6', 'ua').since.about.id).toBe('us-28-v2');
    // By hand: "600,000" out; "800,000", "in", "peacetime." in; 4 of the 10 + 12 words of both wordings.
    expect(cell('us-28-6', 'ua').since.change).toEqual({ inserted: 3, deleted: 1, share: 0.18, label: 'slightly reworded' });
    // ru's rejection of point 5, whose wording v3 kept: carried, and marked unchanged.
    expect(cell('us-28-5', 'ru')).toMatchObject({ stance: 'rejects', about: 'us-28-v2' });
    expect(cell('us-28-5', 'ru').since.change).toMatchObject({ share: 0, label: 'unchanged' });
    // Each delegation's matrix carries its own critique and not the other's.
    const ruM = (await ok(200, 'rud', 'GET', `${API}/matrix?version=us-28-v3&asOf=2026-04-20`)).body;
    const ruCell = (lineage: string, party: string) => ruM.rows.find((r: { lineage: string }) => r.lineage === lineage).cells[party];
    expect(ruCell('us-28-5', 'ru')).toMatchObject({ stance: 'rejects', about: 'us-28-v2' });
    expect(ruCell('us-28-6', 'ua')?.asOf).not.toBe('2026-04-09');
    expect(ruCell('us-28-7', 'ua')?.asOf).not.toBe('2026-04-09');
  });
  it('marks ua’s stance on point 6 as taken on v2 in the point panel and the briefing, until its critique of v3 replaces it', async () => {
    const since = { about: { id: 'us-28-v2', label: 'v2', date: '2026-04-01' }, change: { inserted: 3, deleted: 1, share: 0.18, label: 'slightly reworded' } };
    const uaOn6 = async (who: Who, asOf: string, layer = '') => {
      const d = (await ok(200, who, 'GET', `${API}/points/us-28-6?version=us-28-v3&asOf=${asOf}${layer}`)).body;
      return d.stances.find((s: { party: { id: string } }) => s.party.id === 'ua').current;
    };
    // The same mark as the matrix's (the previous step): the team's view and ua's own.
    expect(await uaOn6('staff', '2026-04-20', '&viewAs=%40mediator-team')).toMatchObject({ stance: 'proposes-alternative', asOf: '2026-04-09', since });
    expect(await uaOn6('uad', '2026-04-20')).toMatchObject({ stance: 'proposes-alternative', since });
    // ru's own rejection of point 5 (wording kept by v3): carried, marked unchanged.
    const p5 = (await ok(200, 'rud', 'GET', `${API}/points/us-28-5?version=us-28-v3&asOf=2026-04-20`)).body;
    expect(p5.stances.find((s: { party: { id: string } }) => s.party.id === 'ru').current.since).toMatchObject({ about: { id: 'us-28-v2' }, change: { share: 0, label: 'unchanged' } });

    // The briefing counts the marks of the matrix (the same rule): stances on a changed wording, and on a kept one.
    const brief = (who: Who, asOf: string, layer = '') => ok(200, who, 'GET', `${API}/briefing?asOf=${asOf}${layer}`).then((r) => r.body as string);
    const marks = async (who: Who, asOf: string, layer = '') => {
      const m = (await ok(200, who, 'GET', `${API}/matrix?version=us-28-v3&asOf=${asOf}${layer}`)).body;
      const cells = m.rows.flatMap((r: { cells: Record<string, { since: { change: { label: string } | null } | null } | null> }) => Object.values(r.cells)).filter((c: any) => c?.since);
      const changed = cells.filter((c: any) => c.since.change?.label !== 'unchanged').length;
      return { changed, kept: cells.length - changed };
    };
    const legend = (n: { changed: number; kept: number }) => `taken on an earlier version: ≠ wording changed since (${n.changed}), ′ kept (${n.kept})`;
    const team = '&viewAs=%40mediator-team';
    const before = await marks('staff', '2026-04-20', team);
    expect(before.changed).toBeGreaterThan(0);
    expect(await brief('staff', '2026-04-20', team)).toContain(legend(before));
    expect(await brief('uad', '2026-04-20')).toContain(legend(await marks('uad', '2026-04-20')));
    // ua's critique is confidential to ua and the team: ru's briefing counts ru's own matrix, and shows nothing dated that day.
    const ruBrief = await brief('rud', '2026-04-20');
    expect(ruBrief).toContain(legend(await marks('rud', '2026-04-20')));
    expect(ruBrief).not.toContain('2026-04-09');

    // ua answers v3: its acceptance of point 6 is about v3, and takes the place of the v2 stance, unmarked.
    const c = await ok(201, 'uad', 'POST', `${API}/critiques`, { version: 'us-28-v3', answers: [{ provision: 'us-28-6', stance: 'accepts' }] });
    await ok(200, 'uad', 'POST', `${API}/critiques/${c.body.id}/submit`, { date: '2026-04-21' }, { 'if-match': c.etag! });
    const now = await uaOn6('staff', '2026-04-22', '&viewAs=%40mediator-team');
    expect(now).toMatchObject({ stance: 'accepts', asOf: '2026-04-21', since: null });
    const m = (await ok(200, 'staff', 'GET', `${API}/matrix?version=us-28-v3&asOf=2026-04-22&viewAs=%40mediator-team`)).body;
    expect(m.rows.find((r: { lineage: string }) => r.lineage === 'us-28-6').cells.ua).toMatchObject({ stance: 'accepts', about: 'us-28-v3', since: null });
    // One stance on a changed wording fewer in the matrix and in the briefing.
    const after = await marks('staff', '2026-04-22', team);
    expect(after).toEqual({ changed: before.changed - 1, kept: before.kept });
    expect(await brief('staff', '2026-04-22', team)).toContain(legend(after));
    // The stance of v2 stays in the point's history.
    const hist = (await ok(200, 'staff', 'GET', `${API}/points/us-28-6?version=us-28-v3&asOf=2026-04-22&viewAs=%40mediator-team`)).body.stances.find((s: { party: { id: string } }) => s.party.id === 'ua').history;
    expect(hist.map((h: { asOf: string; stance: string }) => [h.asOf, h.stance]).slice(-2)).toEqual([
      ['2026-04-09', 'proposes-alternative'],
      ['2026-04-21', 'accepts'],
    ]);
  });
  it('steps through the rounds: what v2 and v3 changed, who asked for it as each viewer may see, the brackets added and cleared', async () => {
    const v2 = (await ok(200, 'uad', 'GET', `${API}/versions/us-28-v2/round`)).body;
    expect(v2.from.id).toBe('us-28-v1');
    expect(v2.changes.map((c: { change: string; from: { lineage: string }[]; to: { lineage: string }[] }) => [c.change, c.from.map((f) => f.lineage), c.to.map((t) => t.lineage)])).toEqual([
      ['split', ['us-28-2'], ['us-28-2', 'us-28-2.s2']],
      ['amended', ['us-28-3'], ['us-28-3']],
      ['moved', ['us-28-9'], ['us-28-9']],
    ]);
    // v1 was answered by no critique: nobody asked through the procedure.
    expect(v2.changes.every((c: { askedBy: unknown[] }) => c.askedBy.length === 0)).toBe(true);
    expect(v2.brackets).toEqual({ cleared: [], kept: 0, added: [{ lineage: 'us-28-3', num: '3', text: 'and that NATO will not grow any further', proponents: ['ru'], fate: 'added' }] });

    const v3 = (await ok(200, 'staff', 'GET', `${API}/versions/us-28-v3/round`)).body;
    expect(v3.changes.map((c: { change: string; to: { lineage: string; text: string }[] }) => [c.change, c.to.map((t) => [t.lineage, t.text])])).toEqual([['amended', [['us-28-6', P6_UA]]]]);
    expect(v3.changes[0].askedBy).toEqual([{ party: 'ua', critique: ids.ua, stance: 'proposes-alternative', amendment: P6_UA, conditions: null, outcome: 'adopted' }]);
    // v2's bracket is still in v3.
    expect(v3.brackets).toEqual({ cleared: [], kept: 1, added: [] });
    expect(v3.answered).toEqual(
      expect.arrayContaining([
        { party: 'ru', asked: 3, outcomes: { unchanged: 3 } },
        { party: 'ua', asked: 3, outcomes: { adopted: 1, unchanged: 2 } },
      ]),
    );
    expect(v3.answered).toHaveLength(2);
    // ru does not see who asked for point 6 (ua's critique is confidential), only its own answers.
    const ru = (await ok(200, 'rud', 'GET', `${API}/versions/us-28-v3/round`)).body;
    expect(ru.changes[0].askedBy).toEqual([]);
    expect(ru.answered).toEqual([{ party: 'ru', asked: 3, outcomes: { unchanged: 3 } }]);
    expect(JSON.stringify(ru)).not.toContain(ids.ua);
    expect((await call('rud', 'GET', `${API}/versions/nope/round`)).status).toBe(404);
  });
});
