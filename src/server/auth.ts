/**
 * Team mode of the server: sign-in with accounts (src/store/accounts.ts), session cookies, CSRF
 * protection, and the access policy (./policy.ts) applied to every route.
 *
 * - `POST /api/session` `{"username","password"}` checks the password (rate-limited per user name and
 *   per client address) and sets the session cookie `accord_session` (HttpOnly, SameSite=Strict,
 *   Path=/, Secure over HTTPS) and `accord_csrf` (readable by the page). `GET /api/session` tells who
 *   is signed in; `DELETE /api/session` signs out.
 * - CSRF: every POST/PUT/PATCH/DELETE must come from the server's own origin (`Origin` header, or
 *   `Sec-Fetch-Site` when there is no Origin) and, when it carries a session cookie, must echo the
 *   session's token in `X-CSRF-Token` (double submit). Sign-in and accepting an invitation carry no
 *   session yet and are covered by the origin check.
 * - Every request resolves its viewer from the cookie; every handler of the route table runs behind
 *   the policy's gate and sees the store through {@link PolicyStore}. Disabled users and revoked or
 *   expired sessions are refused at once, on every server process sharing the database.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AccordError, notFound } from '../model/errors.js';
import { ENTITY_KINDS, type EntityKind, Id } from '../model/schemas.js';
import { SERVICE_ONLY_KINDS } from '../model/inputs.js';
import { type Accounts, type AccountsOptions, GRANTEES, type Grantee, type SessionInfo, accountsOf } from '../store/accounts.js';
import type { Store } from '../store/store.js';
import { AcceptBody, ACCOUNT_ROUTES, LoginBody } from './account-routes.js';
import { type AppOptions, createApp } from './app.js';
import type { Viewer } from './context.js';
import { parseWith } from '../model/validation.js';
import { type Access, type Caller, type Gate, PolicyStore, accessFor, auditViews, passes } from './policy.js';
import type { Route } from './route-kit.js';
import { ROUTES } from './routes.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'accord_session';
/** Name of the cookie holding the CSRF token (not HttpOnly: the page reads it). */
export const CSRF_COOKIE = 'accord_csrf';
/** Header that must echo the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** Options of team mode. */
export interface TeamOptions {
  store: Store;
  /** Account tunables (session lifetime, rate limits…). */
  accounts?: AccountsOptions;
  /** Origins besides the server's own allowed to make state-changing requests (e.g. behind a proxy). */
  allowedOrigins?: string[];
  /** Force the `Secure` cookie flag (default: only when the request came over HTTPS). */
  secureCookies?: boolean;
}

/** Per-request state kept between the middleware and the handlers. */
interface AuthState {
  session?: SessionInfo;
  access?: Access;
  caller: Caller;
}
/** Per request: the resolved session (null: none), and the state per process id in the path. */
const STATE = new WeakMap<Request, { session: SessionInfo | null; byPid: Map<string, AuthState> }>();
/** The state behind each viewer handed to the route table's handlers. */
const BY_VIEWER = new WeakMap<object, AuthState>();

export { ACCOUNT_ROUTES } from './account-routes.js';

/**
 * The gate declared for `method path`: on the route of the table (./routes.ts) or the account route
 * above; undefined for a route that does not exist (then nobody may call it).
 */
export function gateOf(method: string, path: string, routes: readonly Route[] = ROUTES): Gate | undefined {
  return (routes.find((r) => r.method === method && r.path === path) ?? ACCOUNT_ROUTES.find((r) => r.method === method && r.path === path))?.gate;
}

/** The account route's gate (declared above). */
function accountGate(method: string, path: string): Gate {
  const g = ACCOUNT_ROUTES.find((r) => r.method === method && r.path === path)?.gate;
  if (g === undefined) throw new AccordError('internal', `account route ${method} ${path} has no gate`);
  return g;
}


function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The client address as the socket saw it (`unknown` under `app.request` in tests). */
function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * The app options that turn a server into a team server: `viewerOf`, `wrap` and `extend` for
 * `createApp` (./app.ts). Needs a store with accounts (SQLite or PostgreSQL).
 */
export function teamMode(opts: TeamOptions): Pick<AppOptions, 'viewerOf' | 'authorize' | 'wrap' | 'extend'> & { accounts: Accounts } {
  const accounts = accountsOf(opts.store, opts.accounts);

  /** Resolve (once per request) the session and the caller's access to the process in the path. */
  async function stateOf(c: Context): Promise<AuthState> {
    let req = STATE.get(c.req.raw);
    if (!req) {
      req = { session: (await accounts.session(getCookie(c, SESSION_COOKIE))) ?? null, byPid: new Map() };
      STATE.set(c.req.raw, req);
    }
    const pid = c.req.param('pid');
    const key = pid ?? '';
    const known = req.byPid.get(key);
    if (known) return known;
    const session = req.session;
    let st: AuthState;
    if (!session) st = { caller: 'anonymous' };
    else {
      const m = pid === undefined ? undefined : session.memberships.find((x) => x.processId === pid);
      // Grants matter only to mediator roles; the others are spared the query.
      const grants = m && (m.role === 'mediator' || m.role === 'mediator-staff') ? await accounts.grants(pid!) : [];
      const access = accessFor(session.user.username, session.memberships, m ? pid : undefined, grants);
      st = { session, access, caller: access.role ?? 'signed-in' };
    }
    req.byPid.set(key, st);
    return st;
  }

  /**
   * The gate, applied the same way to table routes and to the account routes below: anonymous
   * callers of a protected route are `unauthenticated`; a process the caller is not a member of does
   * not exist (`not_found`, the same answer as for a missing process); a role the gate does not
   * list is `forbidden`.
   */
  function enforce(gate: Gate | undefined, st: AuthState, pid: string | undefined): void {
    if (gate === 'anyone') return;
    if (st.caller === 'anonymous') throw new AccordError('unauthenticated', 'sign in first (POST /api/session)');
    if (pid !== undefined && !st.access?.role) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
    if (!passes(gate, st.caller)) throw new AccordError('forbidden', gate === undefined ? 'this route has no access rule and is closed' : `your role (${st.caller}) does not allow this`);
  }

  const viewerOf = async (c: Context): Promise<Viewer> => {
    const st = await stateOf(c);
    const a = st.access;
    const viewer: Viewer = a
      ? { kind: 'user', user: a.user, role: a.role ?? 'signed-in', ...(a.party ? { party: a.party } : {}), sees: a.sees }
      : { kind: 'user', user: 'anonymous', role: 'anonymous', sees: [] };
    BY_VIEWER.set(viewer, st);
    return viewer;
  };

  /** The gate, before the request is validated (the app calls it first); `wrap` asks it again. */
  const authorize = (route: Route, viewer: Viewer, pid: string | undefined): void => {
    const st = BY_VIEWER.get(viewer);
    if (!st) throw new AccordError('internal', 'request without a resolved viewer');
    enforce(route.gate, st, pid);
  };

  const wrap = (route: Route, handler: Route['handler']): Route['handler'] => {
    return async (ctx, input) => {
      const st = BY_VIEWER.get(ctx.viewer);
      if (!st) throw new AccordError('internal', 'request without a resolved viewer');
      const pid = (input.params as { pid?: string } | undefined)?.pid;
      enforce(route.gate, st, pid);
      // Every handler, even an open one (health), sees the store only through the caller's view.
      const access = st.access ?? accessFor('anonymous', [], undefined, []);
      const view = new PolicyStore(ctx.store, access);
      if (pid !== undefined && input.body && typeof input.body === 'object' && route.method !== 'GET' && route.method !== 'DELETE') {
        // Every item of a write is checked before the handler writes any of them. Drafts and critiques
        // are written by their services (bodies are edits, not entities), through the same view.
        const body = input.body as Record<string, unknown>;
        const items =
          route.resource === 'changes'
            ? Object.entries(body).flatMap(([k, list]) => (Array.isArray(list) ? list.map((e) => ({ kind: k as EntityKind, entity: e as Record<string, unknown> })) : []))
            : (ENTITY_KINDS as string[]).includes(route.resource) && !SERVICE_ONLY_KINDS.includes(route.resource as EntityKind)
              ? [{ kind: route.resource as EntityKind, entity: { ...body, ...((input.params as { id?: string }).id ? { id: (input.params as { id: string }).id } : {}) } }]
              : [];
        await view.checkWrites(pid, items, route.method === 'PUT' ? 'update' : 'create');
      }
      return handler({ ...ctx, store: view }, input);
    };
  };

  const extend = (app: Hono): void => {
    // CSRF: own origin, and the double-submit token whenever a session cookie comes along.
    app.use('/api/*', async (c, next) => {
      const m = c.req.method;
      if (m === 'POST' || m === 'PUT' || m === 'PATCH' || m === 'DELETE') {
        const own = new URL(c.req.url).origin;
        const host = c.req.header('host');
        const origin = c.req.header('origin');
        const allowed = new Set([own, ...(host ? [`http://${host}`, `https://${host}`] : []), ...(opts.allowedOrigins ?? [])]);
        if (origin !== undefined ? !allowed.has(origin) : c.req.header('sec-fetch-site') === 'cross-site') {
          throw new AccordError('forbidden', 'cross-site request refused (CSRF protection): the Origin is not this server');
        }
        const cookie = getCookie(c, SESSION_COOKIE);
        const exempt = c.req.path === '/api/session' && m === 'POST';
        if (cookie && !exempt) {
          const st = await stateOf(c);
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (st.session && !sameToken(sent, st.session.csrf)) throw new AccordError('forbidden', `missing or wrong ${CSRF_HEADER} header (CSRF protection); read it from GET /api/session`);
        }
      }
      await next();
      c.header('Cache-Control', 'no-store');
    });

    const cookieOpts = (c: Context) => ({ httpOnly: true, sameSite: 'Strict' as const, path: '/', secure: opts.secureCookies ?? isHttps(c) });
    const sessionBody = (s: SessionInfo) => ({ user: s.user.username, memberships: s.memberships, csrf: s.csrf, expiresAt: s.expiresAt });

    app.post('/api/session', async (c) => {
      const body = parseWith(LoginBody, await c.req.json().catch(() => undefined), 'body');
      const { token, session } = await accounts.login(body.username, body.password, { ip: clientIp(c) });
      const maxAge = Math.max(1, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
      setCookie(c, SESSION_COOKIE, token, { ...cookieOpts(c), maxAge });
      setCookie(c, CSRF_COOKIE, session.csrf, { ...cookieOpts(c), httpOnly: false, maxAge });
      return c.json(sessionBody(session), 201);
    });

    app.get('/api/session', async (c) => {
      const st = await stateOf(c);
      enforce(accountGate('GET', '/api/session'), st, undefined);
      return c.json(sessionBody(st.session!));
    });

    app.delete('/api/session', async (c) => {
      const st = await stateOf(c);
      enforce(accountGate('DELETE', '/api/session'), st, undefined);
      await accounts.logout(getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.json({ signedOut: true });
    });

    app.post('/api/invitations/accept', async (c) => {
      const body = parseWith(AcceptBody, await c.req.json().catch(() => undefined), 'body');
      const u = await accounts.acceptInvitation(body.token, body.username, body.password, { ip: clientIp(c) });
      return c.json({ user: u.username, memberships: u.memberships }, 201);
    });

    /** A process-scoped account route behind the same gate and access as the table's. */
    const scoped = (method: 'GET' | 'PUT' | 'DELETE', path: string, fn: (c: Context, access: Access, pid: string) => Promise<Response>) => {
      app.on(method, path, async (c) => {
        const st = await stateOf(c);
        enforce(accountGate(method, path), st, c.req.param('pid'));
        const pid = parseWith(z.object({ pid: Id }), { pid: c.req.param('pid') }, 'path').pid;
        return fn(c, st.access!, pid);
      });
    };

    scoped('GET', '/api/processes/:pid/me', async (c, a) => c.json({ user: a.user, role: a.role, party: a.party ?? null, sees: a.sees }));

    scoped('GET', '/api/processes/:pid/audit', async (c, a, pid) => {
      const view = new PolicyStore(opts.store, a);
      return c.json(auditViews(await view.audit(pid)));
    });

    scoped('GET', '/api/processes/:pid/verify', async (c, a) => {
      const r = await new PolicyStore(opts.store, a).verify();
      return c.json(r.ok ? { ok: true } : { ok: false, message: r.firstBroken });
    });

    scoped('GET', '/api/processes/:pid/grants', async (c, a, pid) => {
      const all = await accounts.grants(pid);
      const shown = all.filter((g) => a.role === 'auditor' || (a.role === 'party-delegate' ? g.party === a.party : g.grantee === a.role));
      return c.json(shown.map(({ party, grantee, grantedBy, grantedAt }) => ({ party, grantee, grantedBy, grantedAt })));
    });

    for (const method of ['PUT', 'DELETE'] as const) {
      scoped(method, '/api/processes/:pid/grants/:grantee', async (c, a, pid) => {
        const grantee = c.req.param('grantee') ?? '';
        if (!(GRANTEES as readonly string[]).includes(grantee)) throw new AccordError('invalid_input', `a grant goes to one of ${GRANTEES.join(', ')}`, { field: 'grantee' });
        await accounts.setGrant(pid, a.party!, grantee as Grantee, method === 'PUT', { actor: `user:${a.user}` });
        return c.json({ party: a.party, grantee, granted: method === 'PUT' });
      });
    }
  };

  return { viewerOf, authorize, wrap, extend, accounts };
}

/** Whether a store holds any account (then `accord serve` runs in team mode). */
export async function hasAccounts(store: Store): Promise<boolean> {
  try {
    return (await accountsOf(store).listUsers()).length > 0;
  } catch {
    return false;
  }
}

/**
 * A team server's app: {@link createApp} with {@link teamMode}. Every route of the table and every
 * account route is behind the policy (./policy.ts).
 */
export function createTeamApp(opts: AppOptions & Omit<TeamOptions, 'store'>): Hono {
  const team = teamMode({ store: opts.store, accounts: opts.accounts, allowedOrigins: opts.allowedOrigins, secureCookies: opts.secureCookies });
  return createApp({ ...opts, viewerOf: team.viewerOf, authorize: team.authorize, wrap: team.wrap, extend: team.extend });
}
