/**
 * The small kit every route module builds on: the shape of a route ({@link RouteDef}: method, path,
 * the roles allowed to call it, input schemas, OpenAPI response, handler), the non-JSON replies,
 * and the input schemas many routes share. The route table (./routes.ts), the report routes
 * (./report-routes.ts), the OpenAPI generator (./openapi.ts), the app (./app.ts) and the team
 * server (./auth.ts) all import this module and none of them imports another for these, so the
 * route modules form no import cycle.
 */
import { z } from 'zod';
import { AccordError } from '../model/errors.js';
import type { EntityKind } from '../model/schemas.js';
import { Id } from '../model/schemas.js';
import { MEDIATOR_TEAM } from '../model/visibility.js';
import type { RequestContext } from './context.js';
import type { Gate } from './policy.js';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route does, for the access policy: read a list or one item, change, or compute a query. */
export type RouteAction = 'list' | 'read' | 'create' | 'update' | 'delete' | 'query';

/**
 * The kind of resource a route touches, for the access policy: an entity kind, the process itself,
 * a batch of changes (`changes`: several kinds at once, listed in the body), one of the queries or
 * workbench views, or the service (health, OpenAPI).
 */
export type ResourceKind =
  | EntityKind
  | 'processes'
  | 'changes'
  | 'stances'
  | 'texts'
  | 'matrix'
  | 'contested'
  | 'timeline'
  | 'record'
  | 'status'
  | 'point'
  | 'points'
  | 'steps'
  | 'activity'
  | 'outline'
  | 'text'
  | 'plan-text'
  | 'analysis'
  | 'compare'
  | 'rounds'
  | 'response'
  | 'briefing'
  | 'catalogue'
  | 'accounts'
  | 'service';

/** A non-JSON reply (e.g. the Markdown text of a version). */
export class TextReply {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** A binary reply (e.g. the PDF of a briefing). */
export class BinaryReply {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    readonly fileName?: string,
  ) {}
}

/** A JSON reply with a status other than 200 (e.g. 201 Created), or with headers (e.g. `ETag`). */
export class JsonReply {
  constructor(
    readonly body: unknown,
    readonly status: number,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * Query fields of a paged list route (cursor pagination): `limit` (1–1000) and `cursor` (the
 * `X-Next-Cursor` of the previous page, with the same filters). Without either the route answers
 * the whole list, as it always has.
 */
export const PageQuery = {
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, 'a whole number from 1 to 1000')
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .optional()
    .describe('largest page (1–1000); the cursor of the next page is in the X-Next-Cursor header, the number of matching items in X-Total-Count'),
  cursor: z.string().max(200).optional().describe('continue after the page whose X-Next-Cursor header gave this value (same filters and sort)'),
};

/** Headers of a paged reply: the next page's cursor (absent at the end) and how many items match. */
export const PAGE_HEADERS = { next: 'X-Next-Cursor', total: 'X-Total-Count' } as const;

/**
 * A page of a list as a JSON reply: the body is the page's items (the same shape as the whole
 * list), the cursor of the next page and the total in {@link PAGE_HEADERS}.
 */
export function pageReply(page: { items: unknown[]; next: string | null; total?: number }): JsonReply {
  const headers: Record<string, string> = {};
  if (page.next) headers[PAGE_HEADERS.next] = page.next;
  if (page.total !== undefined) headers[PAGE_HEADERS.total] = String(page.total);
  return new JsonReply(page.items, 200, headers);
}

/** The HTTP `ETag` header value of an entity tag (a strong validator, RFC 9110 §8.8.3). */
export function etagHeader(etag: string): string {
  return `"${etag}"`;
}

/** A JSON reply of one entity with its entity tag as `ETag`. */
export function tagged(t: { entity: unknown; etag: string }, status = 200): JsonReply {
  return new JsonReply(t.entity, status, { ETag: etagHeader(t.etag) });
}

/** A JSON reply whose body carries the saved entity's new tag (`etag`), with that tag also as `ETag`. */
export function withEtag(body: { etag: string }, status = 200): JsonReply {
  return new JsonReply(body, status, { ETag: etagHeader(body.etag) });
}

/** A `201 Created` JSON reply of what a service made. */
export function created(body: unknown): JsonReply {
  return new JsonReply(body, 201);
}

/**
 * The entity tag an `If-Match` header asks for (RFC 9110 §13.1.1): one strong tag `"…"` → the tag;
 * `*` → `*` (any current entity); absent → undefined. A weak tag never matches a strong comparison,
 * so it is kept as given (and fails the check); a list of several tags is a `usage` error.
 */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const v = header.trim();
  if (v === '*') return '*';
  const tags = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (tags.length !== 1) throw new AccordError('usage', 'If-Match takes one entity tag, as sent in the ETag header of the entity (or *)', { field: 'If-Match' });
  const m = /^"([^"]*)"$/.exec(tags[0]!);
  return m ? m[1]! : tags[0]!;
}

/** The validated input of a handler. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The entity tag of the request's `If-Match` header ({@link parseIfMatch}), for conditional writes. */
  ifMatch?: string;
}

/** One route of the API. */
export interface RouteDef<P = Record<string, string>, Q = Record<string, unknown>, B = undefined> {
  method: HttpMethod;
  /** Hono path pattern, e.g. `/api/processes/:pid/positions/:id`. */
  path: string;
  /**
   * Who may call the route at all (the access policy's gate, ./policy.ts); item-level rules (which
   * positions a delegate may write, which items anyone sees) are the policy store's.
   */
  gate: Gate;
  action: RouteAction;
  resource: ResourceKind;
  /** One line for the OpenAPI document. */
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * Success response for the OpenAPI document: a component schema name (see the table's components);
   * `paged`: the reply may carry the {@link PAGE_HEADERS} ({@link pageReply}).
   */
  response: { status: number; description: string; schema?: string; list?: boolean; contentType?: string; paged?: boolean };
  /** Compute the reply: a JSON value, a {@link JsonReply}, {@link TextReply} or {@link BinaryReply}. Throws AccordErrors. */
  handler(ctx: RequestContext, input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** What the OpenAPI document says of a route: all of it but the handler (account routes are served elsewhere). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteDoc = Omit<RouteDef<any, any, any>, 'handler'>;

/** A route of any input types, as stored in the table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Route = RouteDef<any, any, any>;

/** Declare a route (keeps the handler's input types; stores it untyped in the table). */
export const route = <P, Q, B>(r: RouteDef<P, Q, B>): Route => r as Route;

// ── shared input schemas ─────────────────────────────────────────────────────────────────────

/** `:pid` */
export const PidParams = z.object({ pid: Id });
/** `:pid` and `:id` */
export const ItemParams = z.object({ pid: Id, id: Id });
/** No query parameters at all. */
export const NoQuery = z.strictObject({});
/**
 * `?viewAs=<party>` or `?viewAs=@mediator-team`: which confidential layer to include — for the local
 * user any; for a mediator role one it sees (a granted party's, or what parties shared with the
 * team); a delegate always sees its own party's.
 */
export const ViewAs = z
  .union([Id, z.literal(MEDIATOR_TEAM)])
  .optional()
  .describe('party whose confidential layer to include, or @mediator-team for what the parties shared with the mediator’s team; default: public layer');
