/**
 * The workbench's one client of the Accord HTTP API: openapi-fetch over the types openapi-typescript
 * generates from /api/openapi.json (./openapi.d.ts, `npm run gen:api`), so a path, its path and query
 * parameters and its request body are checked against the server's route table at compile time.
 * Reply bodies the OpenAPI document describes only in words (the workbench views) are typed by
 * ./replies.ts from the server modules that build them (type-only imports, erased at build).
 *
 * Every call: JSON in and out; on a team server the CSRF token of the session is echoed on writes
 * (double submit, src/server/auth.ts); a 401 tells the app to show the sign-in form; a failure
 * becomes an {@link ApiError} carrying the server's code, message, field and details as they are
 * (src/model/validation.ts words them for people).
 */
import createClient from 'openapi-fetch';
import type { ErrorDetail } from '../../../src/model/errors.js';
import type { paths } from './openapi.js';
import type { Replies } from './replies.js';

/** An error reply of the API: HTTP status, stable code (src/model/errors.ts), message, offending field, every problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The message of any failure, for an alert: an API error's own words, else the error as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Name of the cookie in which a team server hands the page its CSRF token (src/server/auth.ts). */
const CSRF_COOKIE = 'accord_csrf';
/** Header that must echo it on state-changing requests. */
const CSRF_HEADER = 'x-csrf-token';

/** The CSRF token of the current session, read from its cookie (double submit); empty in local mode. */
export function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === CSRF_COOKIE) return decodeURIComponent(v.join('='));
  }
  return '';
}

let onUnauthenticated: (() => void) | null = null;
/** Called whenever the API answers 401 (the session ended or was revoked): the app shows the sign-in form. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

/** Tell the app the session has ended (what a 401 does). */
export function signalUnauthenticated(): void {
  onUnauthenticated?.();
}

/** Paths whose 401 is an answer, not a lost session (asking for the session, signing in). */
const QUIET_401 = new Set(['/api/session']);

const client = createClient<paths>({ baseUrl: '' });
client.use({
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && !QUIET_401.has(schemaPath)) onUnauthenticated?.();
    return response;
  },
});

// ── types of a call, read from the generated paths ───────────────────────────────────────────

/** HTTP methods the API uses, as openapi-typescript names them. */
export type Method = 'get' | 'post' | 'put' | 'delete';
type Paths = paths;
/** Paths of the API that answer `method`. */
export type PathsWith<M extends Method> = { [P in keyof Paths]: Paths[P][M] extends { responses: unknown } ? P : never }[keyof Paths];
type Op<M extends Method, P extends keyof Paths> = Exclude<Paths[P][M], undefined>;
type ParamsOf<O> = O extends { parameters: infer X } ? X : never;
type Nothing<T> = [Exclude<T, undefined>] extends [never] ? true : false;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Part<X, K extends 'path' | 'query'> = X extends { [k in K]: infer A } ? (Nothing<A> extends true ? {} : { [k in K]: A }) : X extends { [k in K]?: infer A } ? (Nothing<A> extends true ? {} : { [k in K]?: A }) : {};
/** Path and query parameters of `method path`, exactly as the OpenAPI document declares them (parts it does not take left out). */
export type Params<M extends Method, P extends PathsWith<M>> = Part<ParamsOf<Op<M, P>>, 'path'> & Part<ParamsOf<Op<M, P>>, 'query'>;
/** The JSON request body of `method path`. */
export type Body<M extends Method, P extends PathsWith<M>> = Op<M, P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : unknown;
type Success<O> = O extends { responses: infer R } ? (200 extends keyof R ? JsonOf<R[200]> : 201 extends keyof R ? JsonOf<R[201]> : unknown) : unknown;
/** The reply body of `method path`: from ./replies.ts where the document describes it in words, else the generated type. */
export type Reply<M extends Method, P extends PathsWith<M>> = `${Uppercase<M>} ${P}` extends keyof Replies ? Replies[`${Uppercase<M>} ${P}`] : Success<Op<M, P>>;

/** A reply with the entity tag the server sent (`ETag`), for a later conditional write (`If-Match`). */
export interface Tagged<T> {
  data: T;
  etag?: string;
}

/** What a call may carry besides its parameters. */
export interface CallOptions<B> {
  body?: B;
  /** Only write while the item still carries this entity tag (`If-Match`); 412 `precondition_failed` otherwise. */
  ifMatch?: string;
}

async function invoke(method: Method, path: string, params: { path?: unknown; query?: unknown }, opts: CallOptions<unknown>): Promise<Tagged<unknown> & { headers: Headers }> {
  const headers: Record<string, string> = {};
  if (opts.ifMatch !== undefined) headers['if-match'] = opts.ifMatch === '*' ? '*' : `"${opts.ifMatch}"`;
  const init = { params, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) };
  let r: { data?: unknown; error?: unknown; response: Response };
  try {
    const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
    r = await (client[verb] as (p: string, i: unknown) => Promise<typeof r>)(path, init);
  } catch (err) {
    throw new ApiError(0, 'network', `the workbench server did not answer (${messageOf(err)})`);
  }
  const res = r.response;
  if (!res.ok) {
    const e = (r.error as { error?: { code?: string; message?: string; field?: string; details?: ErrorDetail[] } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? `request failed with status ${res.status}`, e?.field, e?.details ?? []);
  }
  // A strong tag is an entity's (for If-Match); a weak one (`W/"…"`) only tags the bytes of an answer.
  const tag = res.headers.get('etag');
  const etag = tag && !tag.startsWith('W/') ? tag.replace(/^"(.*)"$/, '$1') : undefined;
  return { data: r.data, headers: res.headers, ...(etag ? { etag } : {}) };
}

/** GET `path`: the reply body. @throws ApiError */
export async function get<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>): Promise<Reply<'get', P>> {
  return (await invoke('get', path, params as never, {})).data as Reply<'get', P>;
}

/** GET `path` with the entity tag of the reply (entity reads send `ETag`). @throws ApiError */
export async function getTagged<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>): Promise<Tagged<Reply<'get', P>>> {
  const { data, etag } = await invoke('get', path, params as never, {});
  return { data, ...(etag ? { etag } : {}) } as Tagged<Reply<'get', P>>;
}

/** One page of a paged list route: its items, the cursor of the next page (null at the end), how many items match. */
export interface ListPage<T> {
  items: T;
  next: string | null;
  total: number | null;
}

/**
 * GET one page of a paged list route (`limit`, `cursor` in `params.query`): the body is the page's
 * items; the next page's cursor and the total come in the `X-Next-Cursor` and `X-Total-Count`
 * headers (src/server/route-kit.ts `pageReply`). @throws ApiError
 */
export async function getPage<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>): Promise<ListPage<Reply<'get', P>>> {
  const r = await invoke('get', path, params as never, {});
  const total = r.headers.get('x-total-count');
  return { items: r.data as Reply<'get', P>, next: r.headers.get('x-next-cursor'), total: total === null ? null : Number(total) };
}

/** A write (`post`, `put`, `delete`) to `path`: the reply body and its entity tag. @throws ApiError */
export async function send<M extends Exclude<Method, 'get'>, P extends PathsWith<M>>(method: M, path: P, params: Params<M, P>, opts: CallOptions<Body<M, P>> = {}): Promise<Tagged<Reply<M, P>>> {
  const { data, etag } = await invoke(method, path, params as never, opts as CallOptions<unknown>);
  return { data, ...(etag ? { etag } : {}) } as Tagged<Reply<M, P>>;
}

/** URL of a page the server renders (the briefing as HTML or PDF), for a link that opens in a new tab. */
export function pageUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

/** URL of the briefing page (HTML) or its PDF (`GET /briefing`), for a link that opens in a new tab. */
export function briefingUrl(pid: string, q: { asOf?: string; viewAs?: string; format?: 'pdf' } = {}): string {
  return pageUrl(`/api/processes/${encodeURIComponent(pid)}/briefing`, q);
}

/** A short random id suffix for new entities (`pos-1a2b3c4d`). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
