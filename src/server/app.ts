/**
 * The Hono application of Accord: the API routes of ./routes.ts, request logs with pino, a body size
 * limit, one error mapping (AccordError code → HTTP status through src/model/errors.ts) and the
 * built browser workbench (web/dist) as static files. {@link createApp} needs no socket, so tests
 * call `app.request(...)` directly; ./serve.ts listens on a port.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import pino, { type Logger } from 'pino';
import { AccordError, httpStatusOf, toAccordError } from '../model/errors.js';
import type { Store } from '../store/store.js';
import { cachedStore, forOneRead } from '../store/cached-store.js';
import { parseWith } from '../model/validation.js';
import { actorOf, type RequestContext, type Viewer, viewerPartyOf } from './context.js';
import { BinaryReply, JsonReply, parseIfMatch, type Route, TextReply } from './route-kit.js';
import { ROUTES } from './routes.js';
import { jsonReply } from './json-reply.js';
import { allowedHostsFromEnv, jsonWrites, localGuard } from './local-guard.js';

/** The built UI of the repository (`vite build web` writes it). */
export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

/** Default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link createApp}. */
export interface AppOptions {
  store: Store;
  /** Process the workbench opens by default (else the first in the store). */
  processId?: string;
  /** Request and error logs (default: pino at `$ACCORD_LOG_LEVEL` or `info` on stdout). */
  logger?: Logger;
  /** Folder of the built UI; `false` serves the API only. Default {@link WEB_DIST}. */
  webDir?: string | false;
  /** Largest accepted request body in bytes (default {@link DEFAULT_MAX_BODY_BYTES}); larger → 413 `too_large`. */
  maxBodyBytes?: number;
  /**
   * Who is asking (default: the local single user, full access, behind the local guard of
   * ./local-guard.ts: loopback host names only, same-origin writes). The access policy replaces this.
   */
  viewerOf?: (c: Context) => Viewer | Promise<Viewer>;
  /** Local mode: host names to answer to besides the loopback names (default `$ACCORD_ALLOWED_HOSTS`). */
  allowedHosts?: readonly string[];
  /**
   * The access gate (the access policy's hook), asked before a request's path, query or body are
   * validated, so that a caller the route's gate refuses learns nothing from validation (401/403
   * before 422). `pid` is the raw `:pid` of the path, if any. Throws to refuse.
   */
  authorize?: (route: Route, viewer: Viewer, pid: string | undefined) => void | Promise<void>;
  /** Wrap every handler (the access policy's hook); receives the route it wraps. */
  wrap?: (route: Route, handler: Route['handler']) => Route['handler'];
  /** Routes to serve (default {@link ROUTES}). */
  routes?: Route[];
  /**
   * Keep what the views read and compute, keyed by the process revisions every write moves
   * (src/store/cached-store.ts), so writes made anywhere show at the next read (default true).
   */
  cache?: boolean;
  /**
   * Extra middleware and routes (accounts, CSRF checks: src/server/auth.ts), registered after the
   * common middleware (logs, headers, body limit) and before the routes of the table.
   */
  extend?: (app: Hono) => void;
}

/** The JSON error reply for anything thrown: `{"error":{code,message,field?,details?}}`. */
export function errorResponse(c: Context, err: unknown, log?: Logger): Response {
  const e = toAccordError(err);
  if (e.code === 'internal' || e.code === 'integrity') log?.error({ err, path: c.req.path }, 'request failed');
  return c.json({ error: e.toJSON() }, httpStatusOf(e.code) as 400);
}

/** Read a JSON body; malformed JSON is `invalid_input` on field `body`. */
async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new AccordError('invalid_input', 'the request needs a JSON body', { field: 'body' });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AccordError('invalid_input', `the request body is not valid JSON: ${(err as Error).message}`, { field: 'body' });
  }
}

/**
 * Build the app. Every route of `opts.routes` (default {@link ROUTES}) is registered the same way:
 * ask the access gate (`authorize`), validate path parameters, query and body with the route's zod schemas (→ 422 with the field),
 * build the {@link RequestContext}, run the (possibly wrapped) handler, reply.
 */
export function createApp(opts: AppOptions): Hono {
  const log = opts.logger ?? pino({ level: process.env.ACCORD_LOG_LEVEL ?? 'info' });
  const maxSize = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const viewerOf = opts.viewerOf ?? (() => ({ kind: 'local' }) as const);
  const store = opts.cache === false ? opts.store : cachedStore(opts.store);
  const app = new Hono();

  app.onError((err, c) => errorResponse(c, err, log));

  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    const status = c.res.status;
    const line = { method: c.req.method, path: c.req.path, status, ms };
    if (status >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    }),
  );
  // The local single user has full access: only this machine's own pages may reach it (./local-guard.ts).
  if (!opts.viewerOf) app.use('*', localGuard({ allowedHosts: opts.allowedHosts ?? allowedHostsFromEnv() }));
  app.use('/api/*', jsonWrites());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize,
      onError: (c) => errorResponse(c, new AccordError('too_large', `the request body is larger than ${maxSize} bytes`, { field: 'body' })),
    }),
  );

  opts.extend?.(app);

  for (const r of opts.routes ?? ROUTES) {
    const handler = opts.wrap ? opts.wrap(r, r.handler.bind(r)) : r.handler.bind(r);
    app.on(r.method, r.path, async (c) => {
      const viewer = await viewerOf(c);
      await opts.authorize?.(r, viewer, c.req.param('pid'));
      const params = r.params ? parseWith(r.params, c.req.param(), 'path') : {};
      const rawQuery = c.req.query();
      const query = r.query ? parseWith(r.query, rawQuery, 'query') : {};
      const body = r.body ? parseWith(r.body, await readJson(c), 'body') : undefined;
      const ctx: RequestContext = {
        viewer,
        viewerParty: viewerPartyOf(viewer, rawQuery.viewAs),
        // A read asks for the process revisions once, whatever number of cached reads it makes.
        store: r.method === 'GET' ? forOneRead(store) : store,
        actor: actorOf(viewer),
        log,
        defaultProcess: opts.processId,
      };
      const ifMatch = parseIfMatch(c.req.header('if-match'));
      const out = await handler(ctx, { params, query, body, ...(ifMatch !== undefined ? { ifMatch } : {}) });
      if (out instanceof TextReply) return c.body(out.text, 200, { 'Content-Type': out.contentType });
      if (out instanceof BinaryReply) {
        return c.body(out.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': out.contentType, ...(out.fileName ? { 'Content-Disposition': `inline; filename="${out.fileName}"` } : {}) });
      }
      if (out instanceof JsonReply) return jsonReply(c, out.body, out.status, out.headers);
      return jsonReply(c, out, 200);
    });
  }

  app.all('/api/*', (c) => errorResponse(c, new AccordError('not_found', `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`)));

  const webDir = opts.webDir === undefined ? WEB_DIST : opts.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/*', serveStatic({ root: webDir }));
    app.get('*', serveStatic({ root: webDir, path: 'index.html' }));
  } else {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Accord</title></head><body><main><h1>Accord</h1>' +
          '<p>The API is running (see <a href="/api/openapi.json">/api/openapi.json</a>), but the browser workbench is not built. ' +
          'Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p></main></body></html>',
      ),
    );
  }
  return app;
}
