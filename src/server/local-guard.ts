/**
 * Protection of the local workbench (`npm start`, `accord serve` on a store without accounts), which
 * grants full access to whoever reaches it and so must be reachable only from this machine and only
 * from its own pages:
 *
 * - **Allowed hosts** (against DNS rebinding): a page of another site whose name is made to resolve
 *   to 127.0.0.1 is same-origin with itself, not with us, but its requests carry its own name in
 *   `Host`. Every request — reads included — must name one of the loopback names (`127.0.0.1`,
 *   `localhost`, `[::1]`, on any port) or a host given with `--allowed-host` / `$ACCORD_ALLOWED_HOSTS`;
 *   anything else is refused (403) before any route runs.
 * - **Same origin on writes** (against cross-site request forgery): a POST, PUT, PATCH or DELETE
 *   whose `Origin` is not the server's own origin is refused; without `Origin`, a `Sec-Fetch-Site`
 *   other than `same-origin` or `none` is refused. Clients that are not browsers send neither and
 *   pass (the command line, scripts).
 * - **JSON on writes**: a write carrying a body must say `Content-Type: application/json`. Browsers
 *   send `text/plain`, form and multipart bodies across sites without asking the server first; a
 *   JSON body from another origin needs a CORS preflight, which this server never grants.
 *
 * Reads from another origin are kept out by the browser itself: no response carries CORS headers,
 * and `Cross-Origin-Resource-Policy: same-origin` (./app.ts) stops embedding them.
 * {@link jsonWrites} also guards the team server; its origin and token checks are in ./auth.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AccordError } from '../model/errors.js';

/** Host names the local workbench always answers to. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** Options of {@link localGuard}. */
export interface LocalGuardOptions {
  /** Further host names (without port) to answer to, e.g. a name in /etc/hosts for this machine. */
  allowedHosts?: readonly string[];
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host name of a `Host` header, lower-case, without its port (`[::1]` keeps its brackets). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** Allowed hosts from `$ACCORD_ALLOWED_HOSTS` (comma-separated). */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ACCORD_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const refuse = (why: string) => new AccordError('forbidden', why);

/** Whether a request writes (a state-changing method). */
function isWrite(c: Context): boolean {
  return WRITES.has(c.req.method);
}

/**
 * Writes with a body must be JSON (`application/json`, or a `+json` type, any parameters). A write
 * without a body (most DELETEs) passes.
 */
export function jsonWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (isWrite(c)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined || type !== '';
      if (hasBody && type !== 'application/json' && !type.endsWith('+json')) {
        throw refuse(`a write must send its body as application/json (got ${type ? `"${type}"` : 'no content type'}); this also keeps other sites from writing through a browser`);
      }
    }
    await next();
  };
}

/** The middleware of the local workbench: allowed hosts on every request, same origin on writes. */
export function localGuard(opts: LocalGuardOptions = {}): MiddlewareHandler {
  const allowed = new Set<string>([...LOOPBACK_HOSTS, ...(opts.allowedHosts ?? []).map((h) => h.toLowerCase())]);
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!allowed.has(hostName(host))) {
      throw refuse(`this workbench answers only to ${[...allowed].join(', ')}, not to "${hostName(host)}" (protection against DNS rebinding; add a name with --allowed-host)`);
    }
    if (isWrite(c)) {
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        let same = false;
        try {
          const o = new URL(origin);
          same = o.host.toLowerCase() === host.toLowerCase() && (o.protocol === 'http:' || o.protocol === 'https:');
        } catch {
          same = false;
        }
        if (!same) throw refuse(`cross-site request refused: a write from ${origin} to this workbench (only its own pages may write)`);
      } else {
        const site = c.req.header('sec-fetch-site');
        if (site !== undefined && site !== 'same-origin' && site !== 'none') throw refuse(`cross-site request refused: a write from a ${site} page to this workbench (only its own pages may write)`);
      }
    }
    await next();
  };
}
