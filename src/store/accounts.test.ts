import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessData } from '../model/schemas.js';
import { Accounts, checkPassword, hashPassword } from './accounts.js';
import type { KyselyStore } from './kysely-store.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';

const backends: Backend[] = [sqliteBackend];
const pgb = await postgresBackend();
if (pgb) backends.push(pgb);

const data: ProcessData = {
  process: { id: 'p1', name: 'Sample' },
  parties: [
    { id: 'a', name: 'A', role: 'party', aliases: [] },
    { id: 'b', name: 'B', role: 'party', aliases: [] },
  ],
  persons: [],
  documents: [],
  versions: [],
  sources: [],
  evidence: [],
  positions: [],
  events: [],
  domains: [],
};
const admin = { actor: 'cli:admin' };
const PW = 'correct horse battery';

describe('password hashing', () => {
  it('stores scrypt parameters and a salt, and checks only the right password', async () => {
    const h = await hashPassword(PW, 1024);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await hashPassword(PW, 1024)).not.toBe(h); // fresh salt each time
    expect(await checkPassword(PW, h)).toBe(true);
    expect(await checkPassword(PW + ' ', h)).toBe(false);
    expect(await checkPassword(PW, 'plain')).toBe(false);
  });
});

describe.each(backends)('accounts on $name', (backend) => {
  let store: KyselyStore;
  let clock: Date;
  let acc: Accounts;
  const setup = async () => {
    store = await backend.open();
    await store.importProcess(data, admin);
    clock = new Date('2026-01-01T10:00:00Z');
    acc = new Accounts(store, { scryptN: 1024, now: () => clock });
  };
  afterEach(async () => {
    await store?.close();
  });

  it('adds users with one role per process and validates roles and parties', async () => {
    await setup();
    const u = await acc.addUser('ana', PW, { processId: 'p1', role: 'party-delegate', party: 'a' }, admin);
    expect(u).toMatchObject({ username: 'ana', memberships: [{ processId: 'p1', role: 'party-delegate', party: 'a' }] });
    await expect(acc.addUser('ana', PW, undefined, admin)).rejects.toMatchObject({ code: 'conflict' });
    await expect(acc.addUser('bo', PW, { processId: 'p1', role: 'party-delegate' }, admin)).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'party' } });
    await expect(acc.addUser('bo', PW, { processId: 'p1', role: 'party-delegate', party: 'zz' }, admin)).rejects.toMatchObject({ code: 'not_found' });
    await expect(acc.addUser('bo', PW, { processId: 'p1', role: 'mediator', party: 'a' }, admin)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(acc.addUser('bo', PW, { processId: 'p1', role: 'boss' as never }, admin)).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'role' } });
    await expect(acc.addUser('bo', PW, { processId: 'nope', role: 'observer' }, admin)).rejects.toMatchObject({ code: 'not_found' });
    await expect(acc.addUser('bo', 'short', undefined, admin)).rejects.toMatchObject({ code: 'invalid_input', location: { field: 'password' } });
    await expect(acc.addUser('-bad name', PW, undefined, admin)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await acc.getUser('bo')).toBeUndefined();
    await acc.setMembership('ana', { processId: 'p1', role: 'observer' }, admin);
    expect((await acc.getUser('ana'))!.memberships).toEqual([{ processId: 'p1', role: 'observer' }]);
    await acc.removeMembership('ana', 'p1', admin);
    expect((await acc.getUser('ana'))!.memberships).toEqual([]);
  });

  it('logs in, resolves the session, logs out', async () => {
    await setup();
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    const { token, session } = await acc.login('med', PW, { ip: '10.0.0.1' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.user.username).toBe('med');
    const s = await acc.session(token);
    expect(s).toMatchObject({ user: { username: 'med' }, memberships: [{ processId: 'p1', role: 'mediator' }], csrf: session.csrf });
    expect(s!.csrf).not.toBe(token);
    expect(await acc.session(token + 'x')).toBeUndefined();
    await acc.logout(token);
    expect(await acc.session(token)).toBeUndefined();
    // Sessions expire.
    const again = await acc.login('med', PW);
    clock = new Date(clock.getTime() + 13 * 3600_000);
    expect(await acc.session(again.token)).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike, and rate-limits failures per user', async () => {
    await setup();
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    const wrong = await acc.login('med', 'nope nope nope').catch((e) => e);
    const unknown = await acc.login('ghost', PW).catch((e) => e);
    expect(wrong.code).toBe('unauthenticated');
    expect(unknown.code).toBe('unauthenticated');
    expect(wrong.message).toBe(unknown.message);
    for (let i = 0; i < 4; i++) await expect(acc.login('med', 'wrong' + i)).rejects.toMatchObject({ code: 'unauthenticated' });
    // Five failures now: even the right password is refused until the window passes.
    await expect(acc.login('med', PW)).rejects.toMatchObject({ code: 'rate_limited' });
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await acc.login('med', PW)).session.user.username).toBe('med');
  });

  it('rate-limits failures per client address across user names', async () => {
    await setup();
    acc = new Accounts(store, { scryptN: 1024, now: () => clock, maxFailuresPerIp: 3 });
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    for (const name of ['x1', 'x2', 'x3']) await expect(acc.login(name, PW, { ip: '10.9.9.9' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(acc.login('med', PW, { ip: '10.9.9.9' })).rejects.toMatchObject({ code: 'rate_limited' });
    expect((await acc.login('med', PW, { ip: '10.1.1.1' })).session.user.username).toBe('med');
  });

  it('revokes every session of a disabled user at once', async () => {
    await setup();
    await acc.addUser('del', PW, { processId: 'p1', role: 'party-delegate', party: 'b' }, admin);
    const s1 = await acc.login('del', PW);
    const s2 = await acc.login('del', PW);
    await acc.disableUser('del', admin);
    expect(await acc.session(s1.token)).toBeUndefined();
    expect(await acc.session(s2.token)).toBeUndefined();
    await expect(acc.login('del', PW)).rejects.toMatchObject({ code: 'unauthenticated' });
    await acc.enableUser('del', admin);
    expect(await acc.session(s1.token)).toBeUndefined();
    expect(await acc.session((await acc.login('del', PW)).token)).toBeDefined();
    // A password change revokes too.
    const s3 = await acc.login('del', PW);
    await acc.setPassword('del', 'another long password', admin);
    expect(await acc.session(s3.token)).toBeUndefined();
    await expect(acc.login('del', PW)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('invites to a role: accepted once, never after revocation or expiry', async () => {
    await setup();
    const { token, invitation } = await acc.createInvitation({ processId: 'p1', role: 'party-delegate', party: 'a' }, { days: 2 }, admin);
    expect(invitation).toMatchObject({ processId: 'p1', role: 'party-delegate', party: 'a', createdBy: 'cli:admin', expiresAt: '2026-01-03T10:00:00.000Z' });
    const u = await acc.acceptInvitation(token, 'newbie', PW);
    expect(u.memberships).toEqual([{ processId: 'p1', role: 'party-delegate', party: 'a' }]);
    await expect(acc.acceptInvitation(token, 'other', PW)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await acc.getUser('other')).toBeUndefined();
    expect((await acc.listInvitations('p1'))[0]).toMatchObject({ acceptedBy: 'newbie' });

    const r = await acc.createInvitation({ processId: 'p1', role: 'observer' }, {}, admin);
    await acc.revokeInvitation(r.invitation.id, admin);
    await expect(acc.acceptInvitation(r.token, 'late', PW)).rejects.toMatchObject({ code: 'unauthenticated' });

    const x = await acc.createInvitation({ processId: 'p1', role: 'observer' }, { days: 1 }, admin);
    clock = new Date(clock.getTime() + 25 * 3600_000);
    await expect(acc.acceptInvitation(x.token, 'late', PW)).rejects.toMatchObject({ code: 'unauthenticated' });

    // An existing user adds the role with its own password, not with a wrong one.
    await acc.addUser('obs', PW, undefined, admin);
    const y = await acc.createInvitation({ processId: 'p1', role: 'auditor' }, {}, admin);
    await expect(acc.acceptInvitation(y.token, 'obs', 'not the password')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await acc.acceptInvitation(y.token, 'obs', PW)).memberships).toEqual([{ processId: 'p1', role: 'auditor' }]);
  });

  it('counts password checks by invitation and by sign-in together, also when guesses run in parallel', async () => {
    await setup();
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    const inv = await acc.createInvitation({ processId: 'p1', role: 'observer' }, {}, admin);
    // 25 guesses at once, through both doors: only the limit (5) get a password checked.
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? acc.acceptInvitation(inv.token, 'med', `guess ${i}`) : acc.login('med', `guess ${i}`)).then(() => 'ok', (e: { code: string }) => e.code)),
    );
    const checked = guesses.filter((c) => c === 'unauthenticated').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(guesses.filter((c) => c === 'rate_limited').length).toBe(25 - checked);
    // Guessing on, one at a time: five wrong passwords in all are checked in the window, no more.
    const later: string[] = [];
    for (let i = 0; i < 10; i++) later.push(await (i % 2 ? acc.acceptInvitation(inv.token, 'med', `late ${i}`) : acc.login('med', `late ${i}`)).then(() => 'ok', (e: { code: string }) => e.code));
    expect(checked + later.filter((c) => c === 'unauthenticated').length).toBe(5);
    // Locked for both: even the right password is refused, and the invitation stays unused.
    await expect(acc.acceptInvitation(inv.token, 'med', PW)).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(acc.login('med', PW)).rejects.toMatchObject({ code: 'rate_limited' });
    expect((await acc.listInvitations('p1'))[0]!.acceptedAt).toBeUndefined();
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await acc.login('med', PW)).session.user.username).toBe('med');
  });

  it('never lets an invitation change a role the user holds in the process', async () => {
    await setup();
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    const inv = await acc.createInvitation({ processId: 'p1', role: 'observer' }, {}, admin);
    await expect(acc.acceptInvitation(inv.token, 'med', PW)).rejects.toMatchObject({ code: 'conflict' });
    expect((await acc.getUser('med'))!.memberships).toEqual([{ processId: 'p1', role: 'mediator' }]);
    expect((await acc.listInvitations('p1'))[0]!.acceptedAt).toBeUndefined();
    // The same role again is harmless; a role where it had none is added.
    const same = await acc.createInvitation({ processId: 'p1', role: 'mediator' }, {}, admin);
    expect((await acc.acceptInvitation(same.token, 'med', PW)).memberships).toEqual([{ processId: 'p1', role: 'mediator' }]);
    await store.importProcess({ ...data, process: { id: 'p2', name: 'Other' } }, admin);
    const other = await acc.createInvitation({ processId: 'p2', role: 'observer' }, {}, admin);
    expect((await acc.acceptInvitation(other.token, 'med', PW)).memberships).toEqual([
      { processId: 'p1', role: 'mediator' },
      { processId: 'p2', role: 'observer' },
    ]);
  });

  it('records grants and audits every account change without secrets, keeping the chain valid', async () => {
    await setup();
    await acc.addUser('med', PW, { processId: 'p1', role: 'mediator' }, admin);
    await acc.setGrant('p1', 'a', 'mediator', true, { actor: 'user:ana' });
    await acc.setGrant('p1', 'a', 'mediator', true, { actor: 'user:ana' }); // idempotent, no second entry
    expect(await acc.grants('p1')).toMatchObject([{ party: 'a', grantee: 'mediator', grantedBy: 'user:ana' }]);
    await acc.setGrant('p1', 'a', 'mediator', false, { actor: 'user:ana' });
    expect(await acc.grants('p1')).toEqual([]);
    const { token } = await acc.login('med', PW);
    await acc.disableUser('med', admin);
    const inv = await acc.createInvitation({ processId: 'p1', role: 'observer' }, {}, admin);
    const audit = await store.audit();
    expect(audit.map((a) => `${a.action} ${a.kind}`)).toEqual([
      'import process',
      'create users',
      'create memberships',
      'create grants',
      'delete grants',
      'update users',
      'create invitations',
    ]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain(token);
    expect(text).not.toContain(inv.token);
    expect(text).not.toContain(PW);
    expect(await store.verify()).toMatchObject({ ok: true, checked: { audit: 7 } });
  });
});
