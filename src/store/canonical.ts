/**
 * Canonical JSON (keys sorted, no whitespace; in the spirit of RFC 8785 JCS for the values Accord
 * stores) and SHA-256 hashing, used by the version and audit hash chains.
 */
import { createHash } from 'node:crypto';

/** Serialise a JSON value with object keys sorted recursively; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** Hex SHA-256 of a UTF-8 string. */
export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** The hash a chain link carries: SHA-256 of the previous hash and the content hash. */
export function linkHash(prevHash: string, contentHash: string): string {
  return sha256(prevHash + '\n' + contentHash);
}

/** The first link's predecessor. */
export const GENESIS = '0'.repeat(64);
