/**
 * Sessions, cookies, CSRF, rate limit and revocation over HTTP (through `app.request`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, type TeamFixture, teamFixture } from '../../test/support/team-fixture.js';

let f: TeamFixture;
beforeEach(async () => {
  f = await teamFixture();
});
afterEach(async () => {
  await f.close();
});

const login = (username: string, password: string, headers: Record<string, string> = { origin: 'http://localhost' }) =>
  f.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const r = await login('obs', PASSWORD);
    expect(r.status).toBe(201);
    const [session, csrf] = r.headers.getSetCookie();
    expect(session).toMatch(/^accord_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(csrf).toMatch(/^accord_csrf=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; SameSite=Strict$/);
    const body = (await r.json()) as { user: string; memberships: unknown[]; csrf: string };
    expect(body).toMatchObject({ user: 'obs', memberships: [{ processId: 'mini', role: 'observer' }] });
    expect(csrf).toContain(body.csrf);
    // Over HTTPS the cookie is Secure.
    const s = await f.app.request('https://accord.example/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://accord.example' }, body: JSON.stringify({ username: 'obs', password: PASSWORD }) });
    expect(s.headers.getSetCookie()[0]).toContain('; Secure');
  });

  it('refuses a wrong password without a cookie, then rate-limits', async () => {
    const bad = await login('obs', 'not the password');
    expect(bad.status).toBe(401);
    expect(bad.headers.getSetCookie()).toEqual([]);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    // The fixture allows 1000 failures; a server with defaults allows 5 per user name.
    const { createTeamApp } = await import('./auth.js');
    const pino = (await import('pino')).default;
    const strict = createTeamApp({ store: f.store, logger: pino({ level: 'silent' }), webDir: false, accounts: { scryptN: 1024 } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await strict.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'aud', password: `wrong ${i}` }) });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const right = await strict.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'aud', password: PASSWORD }) });
    expect(right.status).toBe(429);
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await login('obs', PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await login('obs', PASSWORD, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });
});

describe('sessions', () => {
  it('requires a session for process data and tells nothing to anonymous callers', async () => {
    expect((await f.call('anonymous', 'GET', '/api/processes/mini/parties')).status).toBe(401);
    expect((await f.call('anonymous', 'GET', '/api/processes')).status).toBe(401);
    const health = JSON.parse((await f.call('anonymous', 'GET', '/api/health')).text);
    expect(health.defaultProcess).toBeNull();
    expect(JSON.parse((await f.call('obs', 'GET', '/api/health')).text).defaultProcess).toBe('mini');
    expect(JSON.parse((await f.call('outsider', 'GET', '/api/processes')).text)).toEqual([]);
  });

  it('ends every session of a disabled user at once, and a signed-out one', async () => {
    expect((await f.call('staff', 'GET', '/api/processes/mini/parties')).status).toBe(200);
    await f.accounts.disableUser('staff', { actor: 'test' });
    expect((await f.call('staff', 'GET', '/api/processes/mini/parties')).status).toBe(401);
    expect((await login('staff', PASSWORD)).status).toBe(401);

    expect((await f.call('obs', 'DELETE', '/api/session')).status).toBe(200);
    expect((await f.call('obs', 'GET', '/api/processes/mini/parties')).status).toBe(401);
  });

  it('says who is signed in, with the CSRF token', async () => {
    const me = JSON.parse((await f.call('south', 'GET', '/api/session')).text);
    expect(me).toMatchObject({ user: 'south', memberships: [{ processId: 'mini', role: 'party-delegate', party: 'south' }] });
    expect(me.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse((await f.call('south', 'GET', '/api/processes/mini/me')).text)).toEqual({ user: 'south', role: 'party-delegate', party: 'south', sees: ['south'] });
  });
});

describe('CSRF', () => {
  const position = { party: 'med', provision: 'draft-1', stance: 'accepts', asOf: '2024-03-09' };
  /** A write as `med` with chosen headers (cookie always sent, as a browser would). */
  async function write(headers: Record<string, string>) {
    const login = await f.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'med', password: PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrf } = (await login.json()) as { csrf: string };
    const h: Record<string, string> = { 'content-type': 'application/json', cookie };
    for (const [k, v] of Object.entries(headers)) h[k] = v.replace('$CSRF', csrf);
    return f.app.request('/api/processes/mini/positions', { method: 'POST', headers: h, body: JSON.stringify(position) });
  }

  it('accepts a same-origin write that echoes the token', async () => {
    expect((await write({ origin: 'http://localhost', 'x-csrf-token': '$CSRF' })).status).toBe(201);
    expect((await write({ 'x-csrf-token': '$CSRF' })).status).toBe(201); // no Origin (non-browser client)
  });

  it('refuses a write without the token, with a wrong one, or from another origin', async () => {
    const before = (await f.store.list('mini', 'positions')).length;
    const variants: Record<string, string>[] = [{ origin: 'http://localhost' }, { origin: 'http://localhost', 'x-csrf-token': 'forged' }, { origin: 'https://evil.example', 'x-csrf-token': '$CSRF' }, { 'sec-fetch-site': 'cross-site', 'x-csrf-token': '$CSRF' }];
    for (const h of variants) {
      const r = await write(h);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect((await f.store.list('mini', 'positions')).length).toBe(before);
  });
});

describe('invitations and the audit log over HTTP', () => {
  it('accepts an invitation, then the new user signs in with its role', async () => {
    const { token } = await f.accounts.createInvitation({ processId: 'mini', role: 'party-delegate', party: 'south' }, {}, { actor: 'test' });
    const r = await f.app.request('/api/invitations/accept', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ token, username: 'sana', password: 'sana password 1' }) });
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ user: 'sana', memberships: [{ processId: 'mini', role: 'party-delegate', party: 'south' }] });
    expect((await login('sana', 'sana password 1')).status).toBe(201);
  });

  it('lets the auditor read who changed what, without chain fields, and nobody else', async () => {
    await f.call('med', 'PUT', '/api/processes/mini/parties/obs', { name: 'Observer Mission (renamed)', role: 'observer' });
    const entries = JSON.parse((await f.call('aud', 'GET', '/api/processes/mini/audit')).text) as Record<string, unknown>[];
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ actor: 'user:med', action: 'update', kind: 'parties', entityId: 'obs', before: { name: 'Observer Mission' }, after: { name: 'Observer Mission (renamed)' } });
    expect(Object.keys(last).sort()).toEqual(['action', 'actor', 'after', 'at', 'before', 'entityId', 'kind', 'processId']);
    expect(entries[0]).toMatchObject({ action: 'import', kind: 'process', after: { imported: true } });
    for (const who of ['med', 'staff', 'north', 'obs'] as const) expect((await f.call(who, 'GET', '/api/processes/mini/audit')).status).toBe(403);
  });
});
