/**
 * The account routes of a team server, described once: method, path, gate, inputs and response.
 * They are served by ./auth.ts (outside the route table, because they set cookies) and documented
 * in the OpenAPI document beside the table's routes (./routes.ts), so a client generated from the
 * document can sign in, accept an invitation and manage grants.
 */
import { z } from 'zod';
import { Id } from '../model/schemas.js';
import { GRANTEES } from '../store/accounts.js';
import { ALL, type Gate } from './policy.js';
import type { RouteDoc } from './route-kit.js';

/** `POST /api/session`. */
export const LoginBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
/** `POST /api/invitations/accept`: the invitation's one-time token, and the account to create or join with. */
export const AcceptBody = z.strictObject({ token: z.string().min(1).max(200), username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

const PidOnly = z.object({ pid: Id });
const GrantParams = z.object({ pid: Id, grantee: z.enum(GRANTEES).describe('the mediator role the party grants (or revokes) sight of its confidential layer') });

const doc = <G extends Gate>(d: RouteDoc & { gate: G }) => d;

/** Every account route (team servers only), each with its gate as the table's routes carry theirs. */
export const ACCOUNT_ROUTES = [
  doc({
    method: 'POST',
    path: '/api/session',
    gate: 'anyone',
    action: 'create',
    resource: 'accounts',
    summary: 'Sign in (team server): sets the session cookie and the CSRF cookie; failed attempts are counted per user and address (429 past the limit)',
    body: LoginBody,
    response: { status: 201, description: '`{user, memberships, csrf, expiresAt}`: send `csrf` back in the X-CSRF-Token header of every write' },
  }),
  doc({
    method: 'GET',
    path: '/api/session',
    gate: 'signed-in',
    action: 'read',
    resource: 'accounts',
    summary: 'The current session (team server)',
    response: { status: 200, description: '`{user, memberships, csrf, expiresAt}`' },
  }),
  doc({
    method: 'DELETE',
    path: '/api/session',
    gate: 'signed-in',
    action: 'delete',
    resource: 'accounts',
    summary: 'Sign out (team server)',
    response: { status: 200, description: '`{signedOut: true}`' },
  }),
  doc({
    method: 'POST',
    path: '/api/invitations/accept',
    gate: 'anyone',
    action: 'create',
    resource: 'accounts',
    summary: 'Accept an invitation (team server): creates the account, or adds the role to an existing one after checking its password (counted like a sign-in); never changes a role already held',
    body: AcceptBody,
    response: { status: 201, description: '`{user, memberships}`' },
  }),
  doc({
    method: 'GET',
    path: '/api/processes/:pid/me',
    gate: ALL,
    action: 'read',
    resource: 'accounts',
    summary: 'The caller in this process: role, party and the layers it sees (team server)',
    params: PidOnly,
    response: { status: 200, description: '`{user, role, party, sees}`' },
  }),
  doc({
    method: 'GET',
    path: '/api/processes/:pid/audit',
    gate: ['auditor'],
    action: 'list',
    resource: 'accounts',
    summary: 'The audit log of the process as the caller may read it (team server): changes to items it can see, without chain fields',
    params: PidOnly,
    response: { status: 200, description: 'audit entries `{at, actor, kind, entityId, action, before, after}`' },
  }),
  doc({
    method: 'GET',
    path: '/api/processes/:pid/verify',
    gate: ['auditor', 'mediator'],
    action: 'read',
    resource: 'accounts',
    summary: 'Whether the record passes its integrity checks (team server; `accord verify` on the server names what is broken)',
    params: PidOnly,
    response: { status: 200, description: '`{ok}` or `{ok: false, message}`' },
  }),
  doc({
    method: 'GET',
    path: '/api/processes/:pid/grants',
    gate: ALL,
    action: 'list',
    resource: 'accounts',
    summary: "Grants of sight of parties' confidential layers to mediator roles, as the caller may see them (team server)",
    params: PidOnly,
    response: { status: 200, description: '`[{party, grantee, grantedBy, grantedAt}]`' },
  }),
  doc({
    method: 'PUT',
    path: '/api/processes/:pid/grants/:grantee',
    gate: ['party-delegate'],
    action: 'update',
    resource: 'accounts',
    summary: "Grant a mediator role sight of the caller's party's confidential layer (team server)",
    params: GrantParams,
    response: { status: 200, description: '`{party, grantee, granted: true}`' },
  }),
  doc({
    method: 'DELETE',
    path: '/api/processes/:pid/grants/:grantee',
    gate: ['party-delegate'],
    action: 'delete',
    resource: 'accounts',
    summary: "Revoke a grant of the caller's party's confidential layer (team server)",
    params: GrantParams,
    response: { status: 200, description: '`{party, grantee, granted: false}`' },
  }),
] as const satisfies readonly RouteDoc[];
