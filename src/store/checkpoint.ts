/**
 * Signed checkpoints of the audit log, in the manner of Certificate Transparency's signed tree heads
 * (RFC 6962 §3.5): the log's size, its last entry's sequence number and hash, and a timestamp,
 * signed with an Ed25519 key (RFC 8032) held by whoever keeps the checkpoints. A checkpoint kept
 * outside the store — mailed to the parties, printed in the minutes — makes a truncated or rewritten
 * log detectable even by one who could rewrite every table: `accord verify --checkpoint FILE --key
 * PUB` checks the signature and then that the log still holds that entry, with that hash, at that
 * position. Unlike CT the log is a hash chain, not a Merkle tree, so consistency is checked by
 * recomputing the chain rather than by a proof.
 *
 * Pure apart from the key and the clock: reading and writing files is the CLI's (src/cli/commands/checkpoint.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { AccordError, invalid } from '../model/errors.js';
import { zodDetails } from '../model/validation.js';
import { canonicalJson, sha256 } from './canonical.js';
import type { LogHead } from './store.js';

/** The format tag of a checkpoint file. */
export const CHECKPOINT_FORMAT = 'accord-checkpoint/1';

/** A signed checkpoint as written to a file (JSON). */
export const SignedCheckpoint = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  /** Number of entries in the log. */
  count: z.number().int().nonnegative(),
  /** Sequence number of the last entry. */
  seq: z.number().int().nonnegative(),
  /** Hex SHA-256 chain hash of the last entry. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits'),
  /** When the checkpoint was signed (ISO 8601 UTC). */
  timestamp: z.string().min(1),
  /** First 16 hex digits of the SHA-256 of the signing key's public key (DER SubjectPublicKeyInfo), as CT's log id. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
  /** Base64 Ed25519 signature over the canonical JSON of the other fields but `keyId`. */
  signature: z.string().min(1),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

/** The bytes a checkpoint's signature covers. */
function signedBytes(c: Pick<SignedCheckpoint, 'format' | 'count' | 'seq' | 'hash' | 'timestamp'>): Buffer {
  return Buffer.from(canonicalJson({ format: c.format, count: c.count, seq: c.seq, hash: c.hash, timestamp: c.timestamp }), 'utf8');
}

/** A new Ed25519 key pair as PEM: PKCS #8 private key, SPKI public key. */
export function generateCheckpointKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The key id of a public key (see {@link SignedCheckpoint.keyId}). */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256(publicKey.export({ type: 'spki', format: 'der' }).toString('latin1')).slice(0, 16);
}

/** Parse a PEM key (`file` names it in errors); a private key gives its public half too. Throws `invalid_input`. */
export function parseKey(pem: string, file: string): { publicKey: KeyObject; privateKey?: KeyObject } {
  try {
    if (pem.includes('PRIVATE KEY')) {
      const privateKey = createPrivateKey(pem);
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`an ${privateKey.asymmetricKeyType} key`);
      return { privateKey, publicKey: createPublicKey(privateKey) };
    }
    const publicKey = createPublicKey(pem);
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`an ${publicKey.asymmetricKeyType} key`);
    return { publicKey };
  } catch (e) {
    throw invalid(`not an Ed25519 key in PEM form (${(e as Error).message}); make one with \`accord checkpoint keygen\``, { file });
  }
}

/** Sign the log head `head` with an Ed25519 private key. */
export function signCheckpoint(head: LogHead, privateKey: KeyObject, now: Date = new Date()): SignedCheckpoint {
  const body = { format: CHECKPOINT_FORMAT, count: head.count, seq: head.seq, hash: head.hash, timestamp: now.toISOString() } as const;
  return { ...body, keyId: keyIdOf(createPublicKey(privateKey)), signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

/** Parse a checkpoint file's text. Throws `invalid_input` naming the file and field. */
export function parseCheckpoint(text: string, file: string): SignedCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(`not a checkpoint (JSON expected): ${(e as Error).message}`, { file });
  }
  const r = SignedCheckpoint.safeParse(json);
  if (!r.success) {
    const details = zodDetails(r.error).map((d) => ({ ...d, file }));
    throw invalid(`not a valid checkpoint: ${details.map((d) => `${d.field ? `${d.field}: ` : ''}${d.message}`).join('; ')}`, { file }, details);
  }
  return r.data;
}

/**
 * Check a checkpoint's signature with `publicKey`. Throws `integrity` when the key is another
 * (key id differs) or the signature does not verify — the checkpoint was forged or altered.
 */
export function checkCheckpointSignature(c: SignedCheckpoint, publicKey: KeyObject, file: string): void {
  if (keyIdOf(publicKey) !== c.keyId) throw new AccordError('integrity', `${file}: the checkpoint was signed by key ${c.keyId}, not by the key given (${keyIdOf(publicKey)})`, { file });
  if (!verify(null, signedBytes(c), publicKey, Buffer.from(c.signature, 'base64'))) {
    throw new AccordError('integrity', `${file}: the checkpoint's signature does not verify: it was altered or not made with this key`, { file });
  }
}
