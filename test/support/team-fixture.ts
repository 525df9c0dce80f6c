/**
 * Test support for the team server: the mini fixture process with one account per role, signed in,
 * and a request helper that sends the session cookie, the CSRF token and the server's own Origin.
 * Used by the policy truth-table and canary suites.
 */
import pino from 'pino';
import type { Hono } from 'hono';
import { readBundle } from '../../src/store/bundle.js';
import { Accounts, type Role } from '../../src/store/accounts.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { createTeamApp } from '../../src/server/auth.js';

/** Test accounts: name → role (and party) in process `mini`; `outsider` has no role there. */
export const PEOPLE = {
  med: { role: 'mediator' },
  staff: { role: 'mediator-staff' },
  north: { role: 'party-delegate', party: 'north' },
  south: { role: 'party-delegate', party: 'south' },
  obs: { role: 'observer' },
  aud: { role: 'auditor' },
  outsider: undefined,
} as const satisfies Record<string, { role: Role; party?: string } | undefined>;

/** A caller of the API: one of {@link PEOPLE}, or nobody signed in. */
export type Who = keyof typeof PEOPLE | 'anonymous';

/** Password of every test account. */
export const PASSWORD = 'test password 123';

/** A queued report of the fixture (`rep1`): one proposed meeting, pending review. */
const REPORT_1 = {
  id: 'rep1',
  text: 'Lev Petrov met the mediator in Geneva on Tuesday.',
  published: '2024-03-06',
  proposals: [
    {
      n: 1,
      type: 'event' as const,
      span: [11, 14] as [number, number],
      confidence: 0.8,
      status: 'pending' as const,
      proposed: { kind: 'meeting' as const, status: 'held' as const, start: '2024-03-05', end: null, precision: 'day' as const, approximate: false, place: { city: 'Geneva' }, attendees: [{ person: 'lev', name: 'Lev Petrov', party: 'north', kind: 'known' as const }], medium: 'in-person' as const, title: 'meeting: Lev Petrov', mentions: [] },
      edits: {},
    },
  ],
  warnings: [],
};

/** A signed-in test server. */
export interface TeamFixture {
  store: KyselyStore;
  accounts: Accounts;
  app: Hono;
  /** Send a request as `who` (with extra `headers`, e.g. If-Match); the reply's status, text and ETag. */
  call(who: Who, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string; etag?: string }>;
  /** Sign `who` in again (after a sign-out). */
  relogin(who: Exclude<Who, 'anonymous'>): Promise<void>;
  close(): Promise<void>;
}

const MINI = new URL('../../src/store/fixtures/mini', import.meta.url).pathname;

/**
 * Build the fixture: mini process, accounts, sessions; `grants` are party → mediator grants to record;
 * `open` opens the empty store to use (default: SQLite in memory; test/support/store-backends.ts).
 */
export async function teamFixture(opts: { grants?: string[]; open?: () => Promise<KyselyStore> } = {}): Promise<TeamFixture> {
  const store = await (opts.open ?? (() => openSqliteStore(':memory:')))();
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  await store.put('mini', 'domains', { id: 'dom1', issues: [] }, { actor: 'test' });
  await store.put('mini', 'alignments' as never, { id: 'al1', from: 'draft-v1', to: 'draft-v2', overrides: [] } as never, { actor: 'test' });
  await store.put('mini', 'reports', REPORT_1, { actor: 'test' });
  // The one-text procedure: an open draft of the mediator's team (a copy of draft-v1), north's
  // submitted critique of draft-v1 (shared with the team) and south's published one.
  const v1 = (await store.get('mini', 'versions', 'draft-v1'))!;
  await store.put('mini', 'drafts', { id: 'dr1', document: 'draft', basedOn: 'draft-v1', provisions: v1.provisions, links: [], folded: [], status: 'open', updatedAt: '2024-04-20T10:00:00.000Z', visibility: 'mediator-team' }, { actor: 'test' });
  await store.put('mini', 'critiques', { id: 'cr1', version: 'draft-v1', party: 'north', answers: [{ provision: 'draft-2', stance: 'proposes-alternative', amendment: 'Forces withdraw twenty kilometres from the line of contact.' }], status: 'submitted', submittedAt: '2024-03-15', updatedAt: '2024-03-15T10:00:00.000Z', visibility: { confidentialTo: 'north', sharedWith: 'mediator-team' } }, { actor: 'test' });
  await store.put('mini', 'critiques', { id: 'cr-pub', version: 'draft-v1', party: 'south', answers: [{ provision: 'draft-1', stance: 'accepts' }], status: 'submitted', submittedAt: '2024-03-16', updatedAt: '2024-03-16T10:00:00.000Z', visibility: 'public' }, { actor: 'test' });
  const acc = { scryptN: 1024, maxFailuresPerIp: 1000, maxFailuresPerUser: 1000 };
  const accounts = new Accounts(store, acc);
  for (const [name, m] of Object.entries(PEOPLE)) {
    await accounts.addUser(name, PASSWORD, m ? { processId: 'mini', role: m.role, ...('party' in m ? { party: m.party } : {}) } : undefined, { actor: 'test' });
  }
  for (const party of opts.grants ?? []) await accounts.setGrant('mini', party, 'mediator', true, { actor: 'test' });
  // With the read cache: the tests also write to the store behind the server's back and read at once.
  const app = createTeamApp({ store, logger: pino({ level: 'silent' }), webDir: false, accounts: acc });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const relogin = async (who: string) => {
    const r = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ username: who, password: PASSWORD }),
    });
    if (r.status !== 201) throw new Error(`login of ${who} failed: ${r.status} ${await r.text()}`);
    const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const csrf = ((await r.json()) as { csrf: string }).csrf;
    sessions.set(who, { cookie: cookies.join('; '), csrf });
  };
  for (const name of Object.keys(PEOPLE)) await relogin(name);
  return {
    store,
    accounts,
    app,
    relogin,
    async call(who, method, url, body, extra) {
      const s = who === 'anonymous' ? undefined : sessions.get(who);
      const headers: Record<string, string> = { origin: 'http://localhost', ...extra };
      if (s) Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
      if (body !== undefined) headers['content-type'] = 'application/json';
      const r = await app.request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const etag = r.headers.get('etag');
      return { status: r.status, text: await r.text(), ...(etag ? { etag } : {}) };
    },
    close: () => store.close(),
  };
}

/** Every API route the app's router serves, as `METHOD path` (middleware and catch-alls left out). */
export function routerRoutes(app: Hono): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL' || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}
