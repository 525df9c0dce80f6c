/**
 * Accounts: users, their role in each process, login sessions, invitations, the login rate limit and
 * parties' confidentiality grants — stored beside the process data (migration `0002-accounts`) so that
 * several API processes sharing one database see the same sessions at once (a disabled user's
 * sessions stop working on every process immediately).
 *
 * Passwords are hashed with scrypt (Node's crypto, RFC 7914) with a per-user random salt; session and
 * invitation tokens are 256-bit random values of which only the SHA-256 is stored. Every change to
 * users, memberships, invitations and grants is appended to the hash-chained audit log (never a
 * password, hash or token).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import { AccordError, invalid, notFound } from '../model/errors.js';
import { Id } from '../model/schemas.js';
import { sha256 } from './canonical.js';
import { KyselyStore, type Tables } from './kysely-store.js';
import type { ChangeContext, Store } from './store.js';

/** Roles a user can hold in a process (one per process). */
export const ROLES = ['mediator', 'mediator-staff', 'party-delegate', 'observer', 'auditor'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Roles a party can grant its confidential layer to. */
export const GRANTEES = ['mediator', 'mediator-staff'] as const;
/** One of {@link GRANTEES}. */
export type Grantee = (typeof GRANTEES)[number];

/** A user's role in one process; `party` is set exactly for party delegates. */
export interface Membership {
  processId: string;
  role: Role;
  party?: string;
}

/** A user as shown to administrators (never the password hash). */
export interface User {
  id: number;
  username: string;
  createdAt: string;
  /** When disabled (ISO 8601), absent while active. */
  disabledAt?: string;
  memberships: Membership[];
}

/** A live session resolved from its cookie token. */
export interface SessionInfo {
  /** SHA-256 of the token: stable id usable in logs without revealing the token. */
  id: string;
  user: { id: number; username: string };
  memberships: Membership[];
  /** Token the client must echo in `X-CSRF-Token` on state-changing requests. */
  csrf: string;
  expiresAt: string;
}

/** An invitation as listed (the token itself is shown only once, at creation). */
export interface Invitation {
  id: string;
  processId: string;
  role: Role;
  party?: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  acceptedBy?: string;
  revokedAt?: string;
}

/** A party's grant of its confidential layer to a mediator role. */
export interface Grant {
  processId: string;
  party: string;
  grantee: Grantee;
  grantedBy: string;
  grantedAt: string;
}

/** Tunables; defaults suit a server. */
export interface AccountsOptions {
  /** Session lifetime in milliseconds (default 12 hours). */
  sessionMs?: number;
  /** Failed logins allowed per user name within {@link windowMs} (default 5). */
  maxFailuresPerUser?: number;
  /** Failed logins allowed per client address within {@link windowMs} (default 30). */
  maxFailuresPerIp?: number;
  /** Rate-limit window in milliseconds (default 15 minutes). */
  windowMs?: number;
  /** scrypt cost N (power of two, default 16384 = 2^14). */
  scryptN?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

interface AccountTables {
  users: { id: any; username: string; password_hash: string; created_at: string; disabled_at: string | null };
  memberships: { user_id: number; process_id: string; role: string; party: string | null; created_at: string };
  sessions: { id: string; user_id: number; csrf: string; created_at: string; expires_at: string; revoked_at: string | null };
  invitations: {
    id: string;
    process_id: string;
    role: string;
    party: string | null;
    created_by: string;
    created_at: string;
    expires_at: string;
    accepted_at: string | null;
    accepted_by: string | null;
    revoked_at: string | null;
  };
  login_attempts: { id: any; username: string; ip: string; at: string; ok: number };
  grants: { process_id: string; party: string; grantee: string; granted_by: string; granted_at: string };
}
type All = Tables & AccountTables;
type Tx = Transaction<All>;

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** Shortest password accepted. */
export const MIN_PASSWORD = 10;

function scrypt(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, 32, { N: n, r: 8, p: 1, maxmem: 256 * n * 8 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hash a password as `scrypt$N$r$p$salt$key` (base64 salt and key). */
export async function hashPassword(password: string, n = 16384): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, n);
  return `scrypt$${n}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Check a password against a hash from {@link hashPassword}, in constant time. */
export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, , , salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), Number(n));
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A random 256-bit token, base64url. */
function token(): string {
  return randomBytes(32).toString('base64url');
}

/** Check a role name; throws `invalid_input` listing the roles. */
export function parseRole(role: string): Role {
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw invalid(`unknown role "${role}"; expected one of ${ROLES.join(', ')}`, { field: 'role' });
}

/**
 * The accounts of a store. Only stores written on Kysely (SQLite and PostgreSQL) hold accounts;
 * anything else is `unsupported`.
 */
export function accountsOf(store: Store, opts: AccountsOptions = {}): Accounts {
  if (!(store instanceof KyselyStore)) throw new AccordError('unsupported', 'this store does not hold accounts');
  return new Accounts(store, opts);
}

/** Accounts API over a {@link KyselyStore}. Errors: `invalid_input`, `not_found`, `conflict`, `unauthenticated`, `rate_limited`. */
export class Accounts {
  private readonly db: Kysely<All>;
  private readonly o: Required<Omit<AccountsOptions, 'now'>> & { now: () => Date };
  private dummyHash?: Promise<string>;

  constructor(
    readonly store: KyselyStore,
    opts: AccountsOptions = {},
  ) {
    this.db = store.db as unknown as Kysely<All>;
    this.o = {
      sessionMs: opts.sessionMs ?? 12 * 3600_000,
      maxFailuresPerUser: opts.maxFailuresPerUser ?? 5,
      maxFailuresPerIp: opts.maxFailuresPerIp ?? 30,
      windowMs: opts.windowMs ?? 15 * 60_000,
      scryptN: opts.scryptN ?? 16384,
      now: opts.now ?? (() => new Date()),
    };
  }

  private nowIso(): string {
    return this.o.now().toISOString();
  }

  private chained<T>(fn: (t: Tx) => Promise<T>): Promise<T> {
    return this.store.chainedTransaction((t) => fn(t as unknown as Tx));
  }

  private async audit(t: Tx, processId: string, ctx: ChangeContext, action: 'create' | 'update' | 'delete', kind: string, entityId: string, before: unknown, after: unknown) {
    await this.store.appendAudit(t as unknown as Transaction<Tables>, { processId, at: this.nowIso(), actor: ctx.actor, action, kind, entityId, before, after });
  }

  /** Validate a membership against the stored process: the process exists; a delegate names one of its parties; others name none. */
  async checkMembership(m: Membership): Promise<Membership> {
    const role = parseRole(m.role);
    const proc = await this.store.getProcess(m.processId);
    if (!proc) throw notFound(`no process "${m.processId}" in the store`, { field: 'process' });
    if (role === 'party-delegate') {
      if (!m.party) throw invalid('a party delegate must be bound to one party: give --party', { field: 'party' });
      const party = await this.store.get(m.processId, 'parties', m.party);
      if (!party) throw notFound(`no party "${m.party}" in process "${m.processId}"`, { field: 'party' });
      return { processId: m.processId, role, party: m.party };
    }
    if (m.party) throw invalid(`only a party delegate is bound to a party; role "${role}" takes no --party`, { field: 'party' });
    return { processId: m.processId, role };
  }

  private checkNewPassword(password: string): void {
    if (password.length < MIN_PASSWORD) throw invalid(`the password must have at least ${MIN_PASSWORD} characters`, { field: 'password' });
  }

  /** Create a user, optionally with a first membership. Throws `conflict` when the name is taken. */
  async addUser(username: string, password: string, membership: Membership | undefined, ctx: ChangeContext): Promise<User> {
    if (!USERNAME.test(username)) throw invalid('a user name is 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit', { field: 'username' });
    this.checkNewPassword(password);
    const m = membership ? await this.checkMembership(membership) : undefined;
    const hash = await hashPassword(password, this.o.scryptN);
    await this.chained((t) => this.insertUser(t, username, hash, m, ctx));
    return (await this.getUser(username))!;
  }

  private async insertUser(t: Tx, username: string, hash: string, m: Membership | undefined, ctx: ChangeContext): Promise<void> {
    const taken = await t.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new AccordError('conflict', `user "${username}" already exists; use \`accord user role\` to give it a role in another process`, { field: 'username' });
    await t.insertInto('users').values({ username, password_hash: hash, created_at: this.nowIso(), disabled_at: null }).execute();
    const row = await t.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await this.audit(t, m?.processId ?? '', ctx, 'create', 'users', username, null, { username });
    if (m) await this.writeMembership(t, Number(row.id), username, m, ctx);
  }

  private async writeMembership(t: Tx, userId: number, username: string, m: Membership, ctx: ChangeContext): Promise<void> {
    const old = await t.selectFrom('memberships').selectAll().where('user_id', '=', userId).where('process_id', '=', m.processId).executeTakeFirst();
    const now = this.nowIso();
    if (old) {
      await t.updateTable('memberships').set({ role: m.role, party: m.party ?? null }).where('user_id', '=', userId).where('process_id', '=', m.processId).execute();
    } else {
      await t.insertInto('memberships').values({ user_id: userId, process_id: m.processId, role: m.role, party: m.party ?? null, created_at: now }).execute();
    }
    await this.audit(t, m.processId, ctx, old ? 'update' : 'create', 'memberships', username, old ? { role: old.role, party: old.party ?? undefined } : null, { role: m.role, party: m.party });
  }

  /** Give an existing user a role in a process (replacing any role it had there). */
  async setMembership(username: string, membership: Membership, ctx: ChangeContext): Promise<User> {
    const m = await this.checkMembership(membership);
    await this.chained(async (t) => {
      const u = await t.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!u) throw notFound(`no user "${username}"`, { field: 'username' });
      await this.writeMembership(t, Number(u.id), username, m, ctx);
    });
    return (await this.getUser(username))!;
  }

  /** Remove a user's role in a process. Throws `not_found` when it had none. */
  async removeMembership(username: string, processId: string, ctx: ChangeContext): Promise<void> {
    await this.chained(async (t) => {
      const u = await t.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!u) throw notFound(`no user "${username}"`, { field: 'username' });
      const old = await t.selectFrom('memberships').selectAll().where('user_id', '=', Number(u.id)).where('process_id', '=', processId).executeTakeFirst();
      if (!old) throw notFound(`user "${username}" has no role in process "${processId}"`, { field: 'process' });
      await t.deleteFrom('memberships').where('user_id', '=', Number(u.id)).where('process_id', '=', processId).execute();
      await this.audit(t, processId, ctx, 'delete', 'memberships', username, { role: old.role, party: old.party ?? undefined }, null);
    });
  }

  /** A user with its memberships, or undefined. */
  async getUser(username: string): Promise<User | undefined> {
    const u = await this.db.selectFrom('users').select(['id', 'username', 'created_at', 'disabled_at']).where('username', '=', username).executeTakeFirst();
    if (!u) return undefined;
    return { id: Number(u.id), username: u.username, createdAt: u.created_at, ...(u.disabled_at ? { disabledAt: u.disabled_at } : {}), memberships: await this.membershipsOf(Number(u.id)) };
  }

  /** All users (optionally only those with a role in `processId`), by name. */
  async listUsers(processId?: string): Promise<User[]> {
    const rows = await this.db.selectFrom('users').select('username').orderBy('username').execute();
    const users = await Promise.all(rows.map((r) => this.getUser(r.username)));
    return users.filter((u): u is User => !!u && (!processId || u.memberships.some((m) => m.processId === processId)));
  }

  /** Memberships of a user id, by process. */
  async membershipsOf(userId: number): Promise<Membership[]> {
    const rows = await this.db.selectFrom('memberships').select(['process_id', 'role', 'party']).where('user_id', '=', userId).orderBy('process_id').execute();
    return rows.map((r) => ({ processId: r.process_id, role: r.role as Role, ...(r.party ? { party: r.party } : {}) }));
  }

  /** Change a user's password; its existing sessions are revoked. */
  async setPassword(username: string, password: string, ctx: ChangeContext): Promise<void> {
    this.checkNewPassword(password);
    const hash = await hashPassword(password, this.o.scryptN);
    await this.chained(async (t) => {
      const u = await t.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!u) throw notFound(`no user "${username}"`, { field: 'username' });
      await t.updateTable('users').set({ password_hash: hash }).where('id', '=', u.id).execute();
      await t.updateTable('sessions').set({ revoked_at: this.nowIso() }).where('user_id', '=', Number(u.id)).where('revoked_at', 'is', null).execute();
      await this.audit(t, '', ctx, 'update', 'users', username, null, { password: 'changed' });
    });
  }

  /** Disable a user: it can no longer log in, and every session it holds is revoked at once. */
  async disableUser(username: string, ctx: ChangeContext): Promise<void> {
    await this.setDisabled(username, true, ctx);
  }

  /** Re-enable a disabled user (old sessions stay revoked). */
  async enableUser(username: string, ctx: ChangeContext): Promise<void> {
    await this.setDisabled(username, false, ctx);
  }

  private async setDisabled(username: string, disabled: boolean, ctx: ChangeContext): Promise<void> {
    await this.chained(async (t) => {
      const u = await t.selectFrom('users').select(['id', 'disabled_at']).where('username', '=', username).executeTakeFirst();
      if (!u) throw notFound(`no user "${username}"`, { field: 'username' });
      const now = this.nowIso();
      await t.updateTable('users').set({ disabled_at: disabled ? (u.disabled_at ?? now) : null }).where('id', '=', u.id).execute();
      if (disabled) await t.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', Number(u.id)).where('revoked_at', 'is', null).execute();
      await this.audit(t, '', ctx, 'update', 'users', username, { disabled: !!u.disabled_at }, { disabled });
    });
  }

  /**
   * THE password check, for every way in (sign-in, accepting an invitation as an existing user):
   * one counter of failed attempts per user name and per client address. The attempt is recorded
   * first (as a failure) and only then are failures in the window counted, so of any number of
   * concurrent guesses — on one server process or several — at most the limit get a password
   * checked; past it the answer is `rate_limited` without checking (and that refused attempt is not
   * counted again). A right password turns its record into a success.
   */
  private async countedCheck(username: string, ip: string, check: () => Promise<boolean>): Promise<boolean> {
    const now = this.o.now();
    const since = new Date(now.getTime() - this.o.windowMs).toISOString();
    const row = await this.db.insertInto('login_attempts').values({ username, ip, at: now.toISOString(), ok: 0 }).returning('id').executeTakeFirstOrThrow();
    const [byUser, byIp] = await Promise.all([
      this.db.selectFrom('login_attempts').select((eb) => eb.fn.countAll().as('n')).where('username', '=', username).where('ok', '=', 0).where('at', '>', since).executeTakeFirst(),
      this.db.selectFrom('login_attempts').select((eb) => eb.fn.countAll().as('n')).where('ip', '=', ip).where('ok', '=', 0).where('at', '>', since).executeTakeFirst(),
    ]);
    // Counts include this attempt.
    if (Number(byUser?.n ?? 0) > this.o.maxFailuresPerUser || Number(byIp?.n ?? 0) > this.o.maxFailuresPerIp) {
      await this.db.updateTable('login_attempts').set({ ok: 2 }).where('id', '=', row.id).execute();
      throw new AccordError('rate_limited', 'too many failed sign-ins; wait a few minutes and try again');
    }
    const ok = await check();
    if (ok) await this.db.updateTable('login_attempts').set({ ok: 1 }).where('id', '=', row.id).execute();
    // Old attempts are pruned opportunistically.
    await this.db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - 2 * this.o.windowMs).toISOString()).execute();
    return ok;
  }

  /** Whether `password` is the password of the active user row `u` (the same hashing work when there is no such user). */
  private async passwordMatches(u: { password_hash: string; disabled_at: string | null } | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= hashPassword(randomBytes(12).toString('hex'), this.o.scryptN);
    return (await checkPassword(password, u?.password_hash ?? (await this.dummyHash))) && !!u && !u.disabled_at;
  }

  /**
   * Check a user name and password ({@link countedCheck}) and open a session. A wrong name and a
   * wrong password give the same `unauthenticated` answer, after the same amount of hashing work.
   */
  async login(username: string, password: string, client: { ip?: string } = {}): Promise<{ token: string; session: SessionInfo }> {
    const ip = client.ip ?? 'unknown';
    const u = await this.db.selectFrom('users').select(['id', 'username', 'password_hash', 'disabled_at']).where('username', '=', username).executeTakeFirst();
    const ok = await this.countedCheck(username, ip, () => this.passwordMatches(u, password));
    if (!ok || !u) throw new AccordError('unauthenticated', 'wrong user name or password, or the account is disabled');
    const now = this.o.now();
    const tok = token();
    const csrf = token();
    const expiresAt = new Date(now.getTime() + this.o.sessionMs).toISOString();
    await this.db.insertInto('sessions').values({ id: sha256(tok), user_id: Number(u.id), csrf, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null }).execute();
    return { token: tok, session: { id: sha256(tok), user: { id: Number(u.id), username: u.username }, memberships: await this.membershipsOf(Number(u.id)), csrf, expiresAt } };
  }

  /** The live session of a cookie token: undefined when unknown, expired, revoked, or its user disabled. */
  async session(tok: string | undefined): Promise<SessionInfo | undefined> {
    if (!tok || tok.length > 200) return undefined;
    const id = sha256(tok);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.csrf', 'sessions.expires_at', 'sessions.revoked_at', 'users.id as uid', 'users.username', 'users.disabled_at'])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row || row.revoked_at || row.disabled_at || row.expires_at <= this.nowIso()) return undefined;
    return { id, user: { id: Number(row.uid), username: row.username }, memberships: await this.membershipsOf(Number(row.uid)), csrf: row.csrf, expiresAt: row.expires_at };
  }

  /** End a session (no error when it is already gone). */
  async logout(tok: string | undefined): Promise<void> {
    if (!tok) return;
    await this.db.updateTable('sessions').set({ revoked_at: this.nowIso() }).where('id', '=', sha256(tok)).where('revoked_at', 'is', null).execute();
  }

  /** Create an invitation to a role in a process; returns the secret token (shown once) and its record. */
  async createInvitation(m: Membership, opts: { days?: number }, ctx: ChangeContext): Promise<{ token: string; invitation: Invitation }> {
    const mm = await this.checkMembership(m);
    const days = opts.days ?? 7;
    if (!(days > 0 && days <= 90)) throw invalid('an invitation lasts between 1 and 90 days', { field: 'days' });
    const tok = token();
    const id = sha256(tok).slice(0, 16);
    const now = this.o.now();
    const row = {
      id,
      process_id: mm.processId,
      role: mm.role,
      party: mm.party ?? null,
      created_by: ctx.actor,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86400_000).toISOString(),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    };
    await this.chained(async (t) => {
      await t.insertInto('invitations').values(row).execute();
      await this.audit(t, mm.processId, ctx, 'create', 'invitations', id, null, { role: mm.role, party: mm.party, expiresAt: row.expires_at });
    });
    return { token: tok, invitation: invitationOf(row) };
  }

  /** Invitations, newest first, optionally of one process. */
  async listInvitations(processId?: string): Promise<Invitation[]> {
    let q = this.db.selectFrom('invitations').selectAll().orderBy('created_at', 'desc');
    if (processId) q = q.where('process_id', '=', processId);
    return (await q.execute()).map(invitationOf);
  }

  /** Revoke an unused invitation by id. */
  async revokeInvitation(id: string, ctx: ChangeContext): Promise<void> {
    await this.chained(async (t) => {
      const row = await t.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`no invitation "${id}"`, { field: 'id' });
      if (row.accepted_at || row.revoked_at) throw new AccordError('conflict', `invitation "${id}" was already ${row.accepted_at ? 'accepted' : 'revoked'}`, { field: 'id' });
      await t.updateTable('invitations').set({ revoked_at: this.nowIso() }).where('id', '=', id).execute();
      await this.audit(t, row.process_id, ctx, 'update', 'invitations', id, { revoked: false }, { revoked: true });
    });
  }

  /**
   * Accept an invitation: creates user `username` with `password`, or — when that user exists and the
   * password is its own (checked with the same attempt counter as sign-in, {@link countedCheck}) —
   * adds the role to it. An invitation never changes a role the user already holds in the process
   * (it could lower it: a mediator accepting an observer's invitation); that is `conflict`, and
   * the invitation stays unused. An unknown, used, revoked or expired token is `unauthenticated`
   * (one answer for all, so tokens cannot be probed).
   */
  async acceptInvitation(tok: string, username: string, password: string, client: { ip?: string } = {}): Promise<User> {
    const id = sha256(tok).slice(0, 16);
    const row = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.accepted_at || row.revoked_at || row.expires_at <= this.nowIso()) throw new AccordError('unauthenticated', 'this invitation is not valid (unknown, used, revoked or expired)');
    const m: Membership = { processId: row.process_id, role: row.role as Role, ...(row.party ? { party: row.party } : {}) };
    const ctx = { actor: `user:${username}` };
    const existing = await this.db.selectFrom('users').select(['id', 'password_hash', 'disabled_at']).where('username', '=', username).executeTakeFirst();
    let hash: string | undefined;
    if (existing) {
      const ok = await this.countedCheck(username, client.ip ?? 'unknown', () => this.passwordMatches(existing, password));
      if (!ok) throw new AccordError('unauthenticated', 'wrong user name or password, or the account is disabled');
    } else {
      if (!USERNAME.test(username)) throw invalid('a user name is 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit', { field: 'username' });
      this.checkNewPassword(password);
      hash = await hashPassword(password, this.o.scryptN);
    }
    // Claiming the invitation and creating the user (or its new role) is one transaction.
    await this.chained(async (t) => {
      if (existing) {
        const held = await t.selectFrom('memberships').select(['role', 'party']).where('user_id', '=', Number(existing.id)).where('process_id', '=', m.processId).executeTakeFirst();
        if (held && (held.role !== m.role || (held.party ?? undefined) !== m.party)) {
          throw new AccordError('conflict', `user "${username}" already has a role in process "${m.processId}"; an invitation only adds a role where there is none (an administrator changes roles with \`accord user role\`)`, { field: 'username' });
        }
      }
      const claimed = await t
        .updateTable('invitations')
        .set({ accepted_at: this.nowIso(), accepted_by: username })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AccordError('unauthenticated', 'this invitation is not valid (unknown, used, revoked or expired)');
      await this.audit(t, row.process_id, ctx, 'update', 'invitations', id, { accepted: false }, { accepted: true, by: username });
      if (existing) await this.writeMembership(t, Number(existing.id), username, m, ctx);
      else await this.insertUser(t, username, hash!, m, ctx);
    });
    return (await this.getUser(username))!;
  }

  /** Grant (or, with `granted=false`, withdraw) a mediator role's sight of a party's confidential layer. */
  async setGrant(processId: string, party: string, grantee: Grantee, granted: boolean, ctx: ChangeContext): Promise<void> {
    if (!(GRANTEES as readonly string[]).includes(grantee)) throw invalid(`a grant goes to one of ${GRANTEES.join(', ')}`, { field: 'grantee' });
    Id.parse(party);
    await this.chained(async (t) => {
      const old = await t.selectFrom('grants').select('party').where('process_id', '=', processId).where('party', '=', party).where('grantee', '=', grantee).executeTakeFirst();
      if (granted && !old) {
        await t.insertInto('grants').values({ process_id: processId, party, grantee, granted_by: ctx.actor, granted_at: this.nowIso() }).execute();
        await this.audit(t, processId, ctx, 'create', 'grants', `${party}:${grantee}`, null, { party, grantee });
      } else if (!granted && old) {
        await t.deleteFrom('grants').where('process_id', '=', processId).where('party', '=', party).where('grantee', '=', grantee).execute();
        await this.audit(t, processId, ctx, 'delete', 'grants', `${party}:${grantee}`, { party, grantee }, null);
      }
    });
  }

  /** Grants in force in a process. */
  async grants(processId: string): Promise<Grant[]> {
    const rows = await this.db.selectFrom('grants').selectAll().where('process_id', '=', processId).orderBy('party').orderBy('grantee').execute();
    return rows.map((r) => ({ processId: r.process_id, party: r.party, grantee: r.grantee as Grantee, grantedBy: r.granted_by, grantedAt: r.granted_at }));
  }
}

function invitationOf(r: AccountTables['invitations']): Invitation {
  return {
    id: r.id,
    processId: r.process_id,
    role: r.role as Role,
    ...(r.party ? { party: r.party } : {}),
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.accepted_at ? { acceptedAt: r.accepted_at } : {}),
    ...(r.accepted_by ? { acceptedBy: r.accepted_by } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };
}
