/**
 * The canary sweep: a confidential position and evidence item of party `north`, carrying a unique
 * string, must never reach anyone but north's delegates — through any route of the router, any
 * export, query, count, list of ids or error message. Every GET answer of every other caller is
 * compared byte for byte before and after the canary is stored (so counts, ids and orderings cannot
 * move), and every route called with the canary's ids answers exactly as for ids that never existed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamFixture, Who } from '../../test/support/team-fixture.js';
import { PASSWORD, routerRoutes, teamFixture } from '../../test/support/team-fixture.js';
import { Event } from '../model/schemas.js';

const CANARY = 'CANARY-kq7Vx2-red-line-never-leak';
const POS = 'canary-pos-kq7Vx2';
const EV = 'canary-ev-kq7Vx2';
const GHOST_POS = 'ghost-pos-kq7Vx2';
const GHOST_EV = 'ghost-ev-kq7Vx2';
const EVT = 'canary-evt-kq7Vx2';
const OTHERS: Who[] = ['med', 'staff', 'south', 'obs', 'aud', 'outsider', 'anonymous'];

let f: TeamFixture;

/** Existing ids to fill `:id` with, per kind (visible to everyone). */
const VISIBLE: Record<string, string> = { parties: 'north', persons: 'lev', documents: 'draft', versions: 'draft-v1', sources: 's1', evidence: 'e1', positions: 'p1', events: 'ev1', domains: 'dom1', alignments: 'al1', reports: 'rep1' };

/** Every GET URL to sweep: each GET route with its parameters filled, with and without queries that try to reach north's layer. */
function getUrls(): string[] {
  const urls: string[] = [];
  for (const { method, path } of routerRoutes(f.app)) {
    if (method !== 'GET') continue;
    const kind = /^\/api\/processes\/:pid\/([a-z]+)/.exec(path)?.[1] ?? '';
    const base = path.replace(':pid', 'mini').replace(':id', VISIBLE[kind] ?? 'x');
    if (path.includes(':lineage')) {
      for (const l of ['draft-1', 'draft-2', 'draft-3', 'draft-3.a']) {
        urls.push(base.replace(':lineage', l) + '?version=draft-v1', base.replace(':lineage', l) + '?version=draft-v1&viewAs=north&asOf=2024-12-31');
      }
      continue;
    }
    urls.push(base);
    if (/\/(matrix|contested|status|record)$/.test(path)) {
      urls.push(`${base}?viewAs=north`, `${base}?asOf=2024-12-31&viewAs=north`, `${base}?asOf=2024-03-31`);
      if (!path.endsWith('status')) urls.push(`${base}?version=draft-v1&viewAs=north`);
    }
    if (path.endsWith('/record')) urls.push(`${base}?party=north`, `${base}?person=lev`);
  }
  return urls;
}

async function sweep(who: Who, urls: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const u of urls) {
    const r = await f.call(who, 'GET', u);
    out.set(u, `${r.status} ${r.text}`);
  }
  return out;
}

const before = new Map<Who, Map<string, string>>();
let urls: string[] = [];

beforeAll(async () => {
  f = await teamFixture();
  urls = getUrls();
  for (const who of OTHERS) before.set(who, await sweep(who, urls));
  // The canary: north's confidential evidence (said at an event, from a public source) and the position it backs.
  await f.store.put('mini', 'evidence', { id: EV, speaker: 'lev', onBehalfOf: 'north', form: 'quote', text: `${CANARY} evidence`, saidAt: '2024-03-05', attribution: 'leak', sources: ['s1'], event: 'ev1', visibility: { confidentialTo: 'north' } }, { actor: 'user:north' });
  // A back-channel meeting held out of view, confidential to north (recorded on the server's command line or by import).
  await f.store.put('mini', 'events', Event.parse({ id: EVT, kind: 'meeting', status: 'held', title: `${CANARY} back channel`, start: '2024-03-07', summary: `${CANARY} summary`, place: { city: `${CANARY} city` }, visibility: { confidentialTo: 'north' } }), { actor: 'user:north' });
  await f.store.put('mini', 'positions', { id: POS, party: 'north', provision: 'draft-2', stance: 'rejects', conditions: `${CANARY} conditions`, issue: `${CANARY} issue`, asOf: '2024-03-06', confidence: 1, visibility: { confidentialTo: 'north' }, evidence: [EV], note: `${CANARY} note` }, { actor: 'user:north' });
});
afterAll(async () => {
  await f.close();
});

describe('canary: north’s confidential layer', () => {
  it('is visible to north’s delegate (the sweep is not vacuous)', async () => {
    const exp = await f.call('north', 'GET', '/api/processes/mini/export');
    expect(exp.text).toContain(CANARY);
    expect(exp.text).toContain(POS);
    expect(exp.text).toContain(EVT);
    const tl = await f.call('north', 'GET', '/api/processes/mini/timeline');
    expect(tl.text).toContain(`${CANARY} back channel`);
    const point = await f.call('north', 'GET', '/api/processes/mini/points/draft-2?version=draft-v1&asOf=2024-03-06');
    expect(point.text).toContain(CANARY);
    expect(urls.length).toBeGreaterThan(40);
  });

  it.each(OTHERS)('changes nothing %s can read through any GET route', async (who) => {
    const after = await sweep(who, urls);
    const changed = urls.filter((u) => after.get(u) !== before.get(who)!.get(u));
    expect(changed.map((u) => `${u}: ${after.get(u)!.slice(0, 200)}`)).toEqual([]);
    for (const [u, text] of after) {
      expect(text, u).not.toContain(CANARY);
      expect(text, u).not.toContain(POS);
      expect(text, u).not.toContain(EV);
      expect(text, u).not.toContain('kq7Vx2');
    }
    // The confidential event's id answers as an id that never existed.
    const real = await f.call(who, 'GET', `/api/processes/mini/events/${EVT}`);
    const ghost = await f.call(who, 'GET', '/api/processes/mini/events/ghost-evt-kq7Vx2');
    expect(`${real.status} ${real.text.replaceAll(EVT, 'ID')}`).toBe(`${ghost.status} ${ghost.text.replaceAll('ghost-evt-kq7Vx2', 'ID')}`);
  });

  it.each(OTHERS)('answers %s about the canary’s ids exactly as about ids that never existed, on every route', async (who) => {
    const diffs: string[] = [];
    for (const { method, path } of routerRoutes(f.app)) {
      if (!/\/(positions|evidence)\/:id$/.test(path) && !/\/(positions|evidence)$/.test(path) && !path.endsWith('/changes')) continue;
      const isPos = path.includes('/positions');
      const [real, ghost] = isPos ? [POS, GHOST_POS] : [EV, GHOST_EV];
      const url = (id: string) => path.replace(':pid', 'mini').replace(':id', id);
      const body = (id: string) =>
        isPos
          ? { party: 'south', provision: 'draft-1', stance: 'accepts', asOf: '2024-03-06', evidence: [isPos ? GHOST_EV : EV].map((x) => (id === real ? x.replace('ghost', 'canary') : x)) }
          : { speaker: 'x', onBehalfOf: 'south', form: 'quote', text: 'words', saidAt: '2024-03-05', attribution: 'leak' };
      if (method === 'POST' && path.endsWith('/changes')) {
        // A position citing the canary evidence: refused as for an unknown evidence id.
        const mk = (id: string) => ({ positions: [{ party: 'south', provision: 'draft-1', stance: 'accepts', asOf: '2024-03-06', evidence: [id] }] });
        const a = await f.call(who, 'POST', url(''), mk(EV));
        const b = await f.call(who, 'POST', url(''), mk(GHOST_EV));
        if (`${a.status} ${a.text.replaceAll(EV, GHOST_EV)}` !== `${b.status} ${b.text}`) diffs.push(`${method} ${path}: ${a.status} ${a.text} vs ${b.status} ${b.text}`);
        continue;
      }
      if (method === 'POST') continue; // creating with a chosen id: see the note in src/server/policy.ts (ids of confidential items are random)
      const a = await f.call(who, method, url(real), method === 'PUT' ? body(real) : undefined);
      const b = await f.call(who, method, url(ghost), method === 'PUT' ? body(ghost) : undefined);
      const norm = (s: string) => s.replaceAll(real, 'ID').replaceAll(ghost, 'ID').replaceAll(EV, 'EVID').replaceAll(GHOST_EV, 'EVID');
      if (`${a.status} ${norm(a.text)}` !== `${b.status} ${norm(b.text)}`) diffs.push(`${method} ${path}: ${a.status} ${a.text} vs ${b.status} ${b.text}`);
      expect(a.text).not.toContain(CANARY);
    }
    expect(diffs).toEqual([]);
    // Nobody changed or removed the canary.
    expect(await f.store.get('mini', 'positions', POS)).toMatchObject({ note: `${CANARY} note`, stance: 'rejects' });
    expect(await f.store.get('mini', 'evidence', EV)).toMatchObject({ text: `${CANARY} evidence` });
  });

  it('stays out of the audit log the auditor reads, while the chain itself still verifies', async () => {
    const audit = await f.call('aud', 'GET', '/api/processes/mini/audit');
    expect(audit.status).toBe(200);
    expect(audit.text).not.toContain('kq7Vx2');
    expect(JSON.parse(audit.text).length).toBeGreaterThan(0);
    expect((await f.store.audit('mini')).some((e) => e.entityId === POS)).toBe(true);
    expect(JSON.parse((await f.call('aud', 'GET', '/api/processes/mini/verify')).text)).toEqual({ ok: true });
  });

  it('reaches the mediator once north grants it, and only then', async () => {
    expect((await f.call('med', 'GET', `/api/processes/mini/positions/${POS}`)).status).toBe(404);
    expect((await f.call('north', 'PUT', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await f.call('med', 'GET', `/api/processes/mini/positions/${POS}`)).text).toContain(CANARY);
    expect((await f.call('staff', 'GET', `/api/processes/mini/positions/${POS}`)).status).toBe(404);
    expect((await f.call('north', 'DELETE', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await f.call('med', 'GET', `/api/processes/mini/positions/${POS}`)).status).toBe(404);
  });
});

describe('canary: the one-text procedure (drafts, critiques)', () => {
  const C_DRAFT = 'CANARY-dr9Qm4-mediators-draft';
  const C_NORTH = 'CANARY-nc3Wz8-norths-critique';
  const C_SOUTH = 'CANARY-sc5Jt1-souths-critique';
  const DRAFT = 'canary-draft-dr9Qm4';
  /** Who must see nothing of each canary. */
  const BLIND: Record<string, Who[]> = {
    [C_DRAFT]: ['north', 'south', 'obs', 'aud', 'outsider', 'anonymous'],
    [C_NORTH]: ['south', 'obs', 'aud', 'outsider', 'anonymous'],
    [C_SOUTH]: ['north', 'med', 'staff', 'obs', 'aud', 'outsider', 'anonymous'],
  };
  const ALL_WHO: Who[] = ['med', 'staff', 'north', 'south', 'obs', 'aud', 'outsider', 'anonymous'];
  let g: TeamFixture;
  let gUrls: string[] = [];
  const gBefore = new Map<Who, Map<string, string>>();
  let northCritique = '';
  let southCritique = '';
  const ids: string[] = [];

  const sweepG = async (who: Who) => {
    const out = new Map<string, string>();
    for (const u of gUrls) {
      const r = await g.call(who, 'GET', u);
      out.set(u, `${r.status} ${r.text}`);
    }
    return out;
  };

  beforeAll(async () => {
    g = await teamFixture();
    const saved = f;
    f = g;
    gUrls = [...getUrls(), '/api/processes/mini/critiques?version=draft-v1', '/api/processes/mini/critiques?party=north', '/api/processes/mini/versions/draft-v2/response?format=md', '/api/processes/mini/versions/draft-v2/response?format=csv', '/api/processes/mini/matrix?viewAs=%40mediator-team&version=draft-v1&asOf=2024-03-25'];
    f = saved;
    for (const who of ALL_WHO) gBefore.set(who, await sweepG(who));
    // The mediator's draft, north's submitted critique (with the positions and evidence it records), south's critique being written.
    const v1 = (await g.store.get('mini', 'versions', 'draft-v1'))!;
    const provisions = v1.provisions.map((a) => ({ ...a, children: a.children.map((p, i) => (i === 0 ? { ...p, text: `${p.text} ${C_DRAFT}` } : p)) }));
    await g.store.put('mini', 'drafts', { id: DRAFT, document: 'draft', basedOn: 'draft-v1', title: C_DRAFT, provisions, links: [], folded: [], status: 'open', updatedAt: '2024-04-20T10:00:00.000Z', visibility: 'mediator-team' }, { actor: 'user:med' });
    const n = JSON.parse((await g.call('north', 'POST', '/api/processes/mini/critiques', { version: 'draft-v1', note: C_NORTH, answers: [{ provision: 'draft-2', stance: 'proposes-alternative', amendment: `Forces withdraw ${C_NORTH}.`, note: C_NORTH }] })).text);
    northCritique = n.id;
    const sub = await g.call('north', 'POST', `/api/processes/mini/critiques/${n.id}/submit`, { date: '2024-03-20' });
    expect(sub.status).toBe(200);
    ids.push(...JSON.parse(sub.text).positions, ...JSON.parse(sub.text).evidence);
    const s = JSON.parse((await g.call('south', 'POST', '/api/processes/mini/critiques', { version: 'draft-v1', note: C_SOUTH, answers: [{ provision: 'draft-1', stance: 'rejects', note: C_SOUTH }] })).text);
    southCritique = s.id;
    ids.push(northCritique, southCritique, DRAFT);
  });
  afterAll(async () => {
    await g.close();
  });

  it('is there for those who may see it (the sweep is not vacuous)', async () => {
    expect((await g.call('med', 'GET', `/api/processes/mini/drafts/${DRAFT}`)).text).toContain(C_DRAFT);
    expect((await g.call('staff', 'GET', `/api/processes/mini/critiques/${northCritique}`)).text).toContain(C_NORTH);
    expect((await g.call('south', 'GET', `/api/processes/mini/critiques/${southCritique}`)).text).toContain(C_SOUTH);
    expect((await g.call('med', 'GET', '/api/processes/mini/matrix?viewAs=%40mediator-team&version=draft-v1&asOf=2024-03-25')).text).toContain(ids[0]);
  });

  it.each(ALL_WHO)('shows %s nothing of a draft or critique it may not see, through any GET route', async (who) => {
    const after = await sweepG(who);
    const hidden = Object.entries(BLIND).filter(([, blind]) => blind.includes(who)).map(([c]) => c);
    for (const [u, text] of after) for (const c of hidden) expect(text, `${u} shows ${c}`).not.toContain(c.slice(7, 13));
    if (hidden.includes(C_DRAFT)) for (const [u, text] of after) expect(text, u).not.toContain(DRAFT);
    if (hidden.includes(C_NORTH)) for (const [u, text] of after) for (const id of [northCritique, ...ids.slice(0, 2)]) expect(text, u).not.toContain(id);
    if (hidden.includes(C_SOUTH)) for (const [u, text] of after) expect(text, u).not.toContain(southCritique);
    // Those who see none of it read exactly what they read before, byte for byte (no count, id or order moved);
    // south too, but for the lists that carry its own critique.
    if (hidden.length === 3 || who === 'south') {
      const own = (u: string) => who === 'south' && (u.endsWith('/export') || /\/critiques(\?|$)/.test(u));
      const changed = gUrls.filter((u) => !own(u) && after.get(u) !== gBefore.get(who)!.get(u));
      expect(changed.map((u) => `${u}: ${after.get(u)!.slice(0, 160)}`)).toEqual([]);
    }
  });

  it.each(ALL_WHO)('answers %s about a hidden draft or critique exactly as about one that never existed, on every route', async (who) => {
    const diffs: string[] = [];
    const targets: [string, string][] = [];
    if (BLIND[C_DRAFT]!.includes(who)) targets.push([DRAFT, 'ghost-draft-dr9Qm4']);
    if (BLIND[C_NORTH]!.includes(who)) targets.push([northCritique, 'crit-ghost001']);
    if (BLIND[C_SOUTH]!.includes(who)) targets.push([southCritique, 'crit-ghost002']);
    for (const { method, path } of routerRoutes(g.app)) {
      const m = /\/(drafts|critiques)\/:id/.exec(path);
      if (!m) continue;
      for (const [real, ghost] of targets) {
        if ((m[1] === 'drafts') !== real.startsWith('canary-draft')) continue;
        const body = method === 'GET' || method === 'DELETE' ? undefined : path.endsWith('/edits') ? { ops: [{ op: 'set', lineage: 'draft-1', text: 'x' }] } : path.endsWith('/fold') ? { critique: northCritique, provision: 'draft-2', how: 'accept' } : path.endsWith('/submit') || path.endsWith('/table') ? {} : method === 'PUT' ? { answers: [] } : undefined;
        const a = await g.call(who, method, path.replace(':pid', 'mini').replace(':id', real), body);
        const b = await g.call(who, method, path.replace(':pid', 'mini').replace(':id', ghost), body);
        const norm = (s: string, id: string) => s.replaceAll(id, 'ID');
        if (`${a.status} ${norm(a.text, real)}` !== `${b.status} ${norm(b.text, ghost)}`) diffs.push(`${method} ${path}: ${a.status} ${a.text.slice(0, 120)} vs ${b.status} ${b.text.slice(0, 120)}`);
      }
    }
    expect(diffs).toEqual([]);
    // Nothing was changed by those who may not see it.
    expect((await g.store.get('mini', 'drafts', DRAFT))!.status).toBe('open');
    expect((await g.store.get('mini', 'critiques', southCritique))!.status).toBe('draft');
  });
});

describe('canary: a confidential document, items visible to several parties, a team-only event', () => {
  const C_DOC = 'CANARY-Hp6dc2-secret-plan';
  const C_PAIR = 'CANARY-Pr4nS7-north-south';
  const C_WEST = 'CANARY-Wt8kL3-north-west';
  const C_TEAM = 'CANARY-Tm2qR9-team-only';
  const DOC = 'canary-doc-Hp6dc2';
  const VER = 'canary-ver-Hp6dc2';
  const PAIR_EVT = 'canary-pairevt-Pr4nS7';
  const WEST = 'west' as Who;
  const WHO: Who[] = ['med', 'staff', 'north', 'south', WEST, 'obs', 'aud', 'outsider', 'anonymous'];
  /** Who must see nothing of each canary (north's document; north and south's exchange; north and west's). */
  const BLIND: Record<string, Who[]> = {
    [C_DOC]: WHO.filter((w) => w !== 'north'),
    [C_PAIR]: WHO.filter((w) => w !== 'north' && w !== 'south'),
    [C_WEST]: WHO.filter((w) => w !== 'north' && w !== WEST),
    [C_TEAM]: WHO.filter((w) => w !== 'med' && w !== 'staff'),
  };
  /** The ids each canary brings (none may reach those blind to it either). */
  const IDS: Record<string, string[]> = {
    [C_DOC]: [DOC, VER, 'Hp6dc2'],
    [C_PAIR]: [PAIR_EVT, 'Pr4nS7'],
    [C_WEST]: ['Wt8kL3'],
    [C_TEAM]: ['Tm2qR9'],
  };
  let h: TeamFixture;
  let hUrls: string[] = [];
  const hBefore = new Map<Who, Map<string, string>>();
  const sweepH = async (who: Who) => {
    const out = new Map<string, string>();
    for (const u of hUrls) {
      const r = await h.call(who, 'GET', u);
      out.set(u, `${r.status} ${r.text}`);
    }
    return out;
  };

  beforeAll(async () => {
    h = await teamFixture();
    // A third delegation, so that "visible to north and south" has a party it is hidden from.
    await h.store.put('mini', 'parties', { id: 'west', name: 'West', role: 'party', aliases: [] }, { actor: 'test' });
    await h.accounts.addUser('west', PASSWORD, { processId: 'mini', role: 'party-delegate', party: 'west' }, { actor: 'test' });
    await h.relogin('west' as never);
    const saved = f;
    f = h;
    hUrls = [...getUrls(), `/api/processes/mini/compare?from=draft-v1&to=draft-v2`, '/api/processes/mini/matrix?version=draft-v1&viewAs=north', '/api/processes/mini/versions?document=canary-doc-Hp6dc2', '/api/processes/mini/positions?provision=draft-2-Hp6dc2', '/api/processes/mini/positions?provision=draft-1', '/api/processes/mini/evidence?event=canary-pairevt-Pr4nS7'];
    f = saved;
    for (const who of WHO) hBefore.set(who, await sweepH(who));
    // North's plan drafted in secret: its document, a version (one point keeps a public lineage, the
    // others are new), a public position of north's on a new point, a position about the document, and
    // a public alignment to the secret version — all of them the document's.
    const v1 = (await h.store.get('mini', 'versions', 'draft-v1'))!;
    const relineage = (ps: typeof v1.provisions, keep: string): typeof v1.provisions =>
      ps.map((p) => ({ ...p, text: `${p.text} ${C_DOC}`, lineage: p.lineage === keep ? p.lineage : `${p.lineage}-Hp6dc2`, children: relineage(p.children, keep) }));
    const actor = { actor: 'user:north' };
    await h.store.put('mini', 'documents', { id: DOC, title: `${C_DOC} title`, kind: 'non-paper', proponents: ['north'], amends: 'draft', description: C_DOC, visibility: { confidentialTo: 'north' } } as never, actor);
    await h.store.put('mini', 'versions', { id: VER, document: DOC, label: `${C_DOC} v1`, date: '2024-03-10', proponents: ['north'], basedOn: 'draft-v1', provisions: relineage(v1.provisions, 'draft-1') }, actor);
    await h.store.put('mini', 'positions', { id: 'canary-pos-Hp6dc2', party: 'north', provision: 'draft-2-Hp6dc2', stance: 'accepts', asOf: '2024-03-11', confidence: 1, visibility: 'public', evidence: [], note: C_DOC }, actor);
    await h.store.put('mini', 'positions', { id: 'canary-posdoc-Hp6dc2', party: 'north', document: DOC, stance: 'accepts', asOf: '2024-03-11', confidence: 1, visibility: 'public', evidence: [], note: C_DOC }, actor);
    await h.store.put('mini', 'alignments', { id: 'canary-al-Hp6dc2', from: 'draft-v1', to: VER, overrides: [], note: C_DOC } as never, actor);
    // North and south's exchange (a call and the stance it recorded), hidden from west and the mediator.
    const pair = { confidentialTo: 'north', alsoVisibleTo: ['south'] };
    await h.store.put('mini', 'events', Event.parse({ id: PAIR_EVT, kind: 'phone-call', status: 'held', title: `${C_PAIR} call`, start: '2024-03-08', summary: C_PAIR, visibility: pair }), actor);
    await h.store.put('mini', 'positions', { id: 'canary-pos-Pr4nS7', party: 'north', provision: 'draft-1', stance: 'accepts-with-conditions', conditions: C_PAIR, asOf: '2024-03-08', confidence: 1, visibility: pair, evidence: [] }, actor);
    // A meeting of the mediator's team alone.
    await h.store.put('mini', 'events', Event.parse({ id: 'canary-teamevt-Tm2qR9', kind: 'meeting', status: 'held', title: `${C_TEAM} team meeting`, start: '2024-03-07', visibility: 'mediator-team' }), { actor: 'user:med' });
    // North's word to west alone.
    await h.store.put('mini', 'evidence', { id: 'canary-ev-Wt8kL3', speaker: 'lev', onBehalfOf: 'north', form: 'quote', text: C_WEST, saidAt: '2024-03-09', attribution: 'leak', sources: ['s1'], visibility: { confidentialTo: 'north', alsoVisibleTo: ['west'] } }, actor);
  });
  afterAll(async () => {
    await h.close();
  });

  it('is there for those who may see it (the sweep is not vacuous)', async () => {
    const north = await h.call('north', 'GET', '/api/processes/mini/export');
    for (const c of [C_DOC, C_PAIR, C_WEST]) expect(north.text).toContain(c);
    expect((await h.call('staff', 'GET', '/api/processes/mini/timeline')).text).toContain(C_TEAM);
    expect((await h.call('north', 'GET', `/api/processes/mini/versions/${VER}`)).text).toContain(C_DOC);
    expect((await h.call('south', 'GET', `/api/processes/mini/events/${PAIR_EVT}`)).text).toContain(C_PAIR);
    expect((await h.call('south', 'GET', '/api/processes/mini/positions?provision=draft-1')).text).toContain(C_PAIR);
    expect((await h.call(WEST, 'GET', '/api/processes/mini/evidence/canary-ev-Wt8kL3')).text).toContain(C_WEST);
    expect((await h.call(WEST, 'GET', '/api/processes/mini/export')).text).not.toContain(C_PAIR);
  });

  it.each(WHO)('shows %s nothing of a document or exchange it may not see, through any GET route', async (who) => {
    const after = await sweepH(who);
    const hidden = Object.entries(BLIND).filter(([, blind]) => blind.includes(who)).map(([c]) => c);
    for (const [u, text] of after) {
      for (const c of hidden) {
        expect(text, `${u} shows ${c}`).not.toContain(c.slice(7, 13));
        for (const id of IDS[c]!) expect(text, `${u} shows ${id}`).not.toContain(id);
      }
    }
    // Those who see none of it read exactly what they read before, byte for byte.
    if (hidden.length === 4) {
      const changed = hUrls.filter((u) => after.get(u) !== hBefore.get(who)!.get(u));
      expect(changed.map((u) => `${u}: ${after.get(u)!.slice(0, 160)}`)).toEqual([]);
    }
  });

  it.each(WHO.filter((w) => w !== 'north'))('answers %s about the hidden document’s and version’s ids exactly as about ids that never existed', async (who) => {
    const diffs: string[] = [];
    for (const { method, path } of routerRoutes(h.app)) {
      const m = /\/(documents|versions)\/:id/.exec(path);
      if (!m || (method !== 'GET' && method !== 'DELETE')) continue;
      const [real, ghost] = m[1] === 'documents' ? [DOC, 'ghost-doc-Hp6dc2'] : [VER, 'ghost-ver-Hp6dc2'];
      const a = await h.call(who, method, path.replace(':pid', 'mini').replace(':id', real));
      const b = await h.call(who, method, path.replace(':pid', 'mini').replace(':id', ghost));
      if (`${a.status} ${a.text.replaceAll(real, 'ID')}` !== `${b.status} ${b.text.replaceAll(ghost, 'ID')}`) diffs.push(`${method} ${path}: ${a.status} ${a.text.slice(0, 120)} vs ${b.status} ${b.text.slice(0, 120)}`);
    }
    expect(diffs).toEqual([]);
    expect(await h.store.get('mini', 'versions', VER)).toBeDefined();
  });

  it('cuts a visible item’s reference to a hidden event or version, for those who may not see it', async () => {
    // A public evidence item said at north and south's call, and a public event at which north's secret version was tabled.
    await h.store.put('mini', 'evidence', { id: 'pub-ev-at-call', speaker: 'lev', onBehalfOf: 'north', form: 'paraphrase', text: 'said in public', saidAt: '2024-03-08', attribution: 'on-record', sources: ['s1'], event: PAIR_EVT, visibility: 'public' }, { actor: 'test' });
    await h.store.put('mini', 'events', Event.parse({ id: 'pub-evt-tabled', kind: 'meeting', status: 'held', title: 'Open session', start: '2024-03-12', tabled: ['draft-v1', VER], provisions: ['draft-1', 'draft-2-Hp6dc2'] }), { actor: 'test' });
    for (const who of ['south', 'north'] as Who[]) {
      expect(JSON.parse((await h.call(who, 'GET', '/api/processes/mini/evidence/pub-ev-at-call')).text).event, who).toBe(PAIR_EVT);
    }
    for (const who of ['med', WEST, 'obs', 'aud'] as Who[]) {
      const ev = await h.call(who, 'GET', '/api/processes/mini/evidence/pub-ev-at-call');
      expect(ev.status, who).toBe(200);
      expect(JSON.parse(ev.text).event, who).toBeUndefined();
      for (const u of ['/api/processes/mini/export', '/api/processes/mini/evidence', '/api/processes/mini/record', '/api/processes/mini/audit']) {
        expect((await h.call(who, 'GET', u)).text, `${who} ${u}`).not.toContain('Pr4nS7');
      }
    }
    for (const who of ['med', 'south', 'obs'] as Who[]) {
      const e = JSON.parse((await h.call(who, 'GET', '/api/processes/mini/events/pub-evt-tabled')).text);
      expect([e.tabled, e.provisions], who).toEqual([['draft-v1'], ['draft-1']]);
      expect((await h.call(who, 'GET', '/api/processes/mini/export')).text, who).not.toContain('Hp6dc2');
    }
    expect(JSON.parse((await h.call('north', 'GET', '/api/processes/mini/events/pub-evt-tabled')).text).tabled).toEqual(['draft-v1', VER]);
  });

  it('reaches the mediator when north grants it, shared items by either party’s grant', async () => {
    expect((await h.call('med', 'GET', `/api/processes/mini/documents/${DOC}`)).status).toBe(404);
    expect((await h.call('south', 'PUT', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await h.call('med', 'GET', `/api/processes/mini/events/${PAIR_EVT}`)).text).toContain(C_PAIR);
    expect((await h.call('med', 'GET', `/api/processes/mini/versions/${VER}`)).status).toBe(404);
    expect((await h.call('north', 'PUT', '/api/processes/mini/grants/mediator')).status).toBe(200);
    expect((await h.call('med', 'GET', `/api/processes/mini/versions/${VER}`)).text).toContain(C_DOC);
    expect((await h.call('staff', 'GET', `/api/processes/mini/versions/${VER}`)).status).toBe(404);
  });
});
