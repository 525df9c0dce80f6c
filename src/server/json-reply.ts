/**
 * JSON replies of the API with their serialisation kept per answer object, and an entity tag
 * for conditional GETs (RFC 9110 §8.8.3, §13.1.2).
 *
 * The services answer views from the revision-keyed cache (src/store/cached-store.ts): while the
 * process does not change, a route returns the very same object to every request with the same
 * parameters and viewer. The text of that object and its entity tag are therefore computed once
 * (kept in a WeakMap keyed by the object, so they go when the cache drops the answer) and a request
 * whose `If-None-Match` names the tag gets `304 Not Modified` with no body. Answers built afresh per
 * request are serialised per request, as before. Cached answers are never mutated (the cache's
 * rule), so a kept text always matches its object.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** The serialised form of one answer object. */
interface Serialised {
  text: string;
  /** Weak entity tag of `text` (`W/"…"`): a digest of its bytes. */
  tag: string;
}

const kept = new WeakMap<object, Serialised>();

/** Weak entity tag of a JSON text: `W/"<SHA-1 of the UTF-8 bytes, base64url>"`. */
export function weakTagOf(text: string): string {
  return `W/"${createHash('sha1').update(text).digest('base64url')}"`;
}

/** The JSON text of `body` and its weak tag, computed once per object. */
function serialise(body: unknown): Serialised {
  if (typeof body !== 'object' || body === null) {
    const text = JSON.stringify(body);
    return { text, tag: weakTagOf(text) };
  }
  let s = kept.get(body);
  if (!s) {
    const text = JSON.stringify(body);
    s = { text, tag: weakTagOf(text) };
    kept.set(body, s);
  }
  return s;
}

/**
 * Whether an `If-None-Match` header value names `tag` (weak comparison: `W/` ignored on both
 * sides; `*` matches any current representation).
 */
export function noneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(tag);
  return header.split(',').some((t) => {
    const x = t.trim();
    return x === '*' || opaque(x) === want;
  });
}

/**
 * The HTTP response of a JSON answer. A 200 answer to a GET carries an `ETag` (the route's own entity tag
 * if it gave one in `headers`, else the weak tag of the text) and `Cache-Control: private,
 * no-cache` (a browser keeps it and asks again each time); when the request's `If-None-Match`
 * names that tag the response is `304` with no body.
 */
export function jsonReply(c: Context, body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const s = serialise(body);
  const out: Record<string, string> = { 'Content-Type': 'application/json', ...headers };
  if (status === 200 && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
    const tag = headers.ETag ?? s.tag;
    out.ETag = tag;
    out['Cache-Control'] = 'private, no-cache';
    if (noneMatchHits(c.req.header('if-none-match'), tag)) {
      delete out['Content-Type'];
      return c.body(null, 304, out);
    }
  }
  return c.body(s.text, status as 200, out);
}
