/**
 * `accord verify`: check the tamper-evident record of the store — the version and audit hash chains,
 * the audit log against its stored head (so rows cut from its tail are noticed), every current
 * entity row against what the log last wrote to it (so a row edited in SQL is named), and, with
 * `--checkpoint FILE --key KEY`, signed checkpoints kept outside the store (so even a log rewritten
 * together with its head is noticed; `accord checkpoint` makes them). Exit 0 when intact; exit 1
 * (error code `integrity`) naming the first problem, with every problem listed under it.
 *
 * `accord checkpoint keygen FILE` makes an Ed25519 key pair (FILE, and FILE.pub for verifiers);
 * `accord checkpoint create --key FILE [--out CP]` verifies the store and signs its log head.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { checkCheckpointSignature, generateCheckpointKey, parseCheckpoint, parseKey, type SignedCheckpoint, signCheckpoint } from '../../store/checkpoint.js';
import { DEFAULT_DB } from '../../store/open.js';
import type { VerifyResult } from '../../store/store.js';
import { output, withJson, withStore } from '../common.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Read and check the signatures of checkpoint files with the key in `keyFile`. */
function readCheckpoints(files: string[], keyFile: string | undefined): SignedCheckpoint[] {
  if (!files.length) return [];
  if (!keyFile) throw new AccordError('usage', 'a checkpoint is checked against its signer’s key: give --key FILE (the .pub file of `accord checkpoint keygen`)', { field: 'key' });
  const { publicKey } = parseKey(readFileSync(keyFile, 'utf8'), keyFile);
  return files.map((f) => {
    const cp = parseCheckpoint(readFileSync(f, 'utf8'), f);
    checkCheckpointSignature(cp, publicKey, f);
    return cp;
  });
}

function failure(r: VerifyResult): AccordError {
  const more = (r.problems ?? []).slice(1);
  const c = r.checked;
  const counts = `checked ${c.versions} version links, ${c.audit} audit entries, ${c.entities ?? 0} entity rows${c.checkpoints ? `, ${c.checkpoints} checkpoints` : ''}`;
  return new AccordError(
    'integrity',
    `the record is not intact: ${r.firstBroken} (${counts})${more.length ? `\nalso:\n${more.map((p) => `  - ${p}`).join('\n')}` : ''}`,
  );
}

export function register(program: Command): void {
  withJson(
    program
      .command('verify')
      .description('check the tamper-evident record: hash chains, the log against its stored head and signed checkpoints, every entity row against the log (exit 1 naming what is broken)')
      .option('--db <target>', `SQLite file or postgres:// URL (default ${DEFAULT_DB}, or $ACCORD_DB)`)
      .option('--checkpoint <file>', 'a signed checkpoint (from `accord checkpoint create`) the log must still contain; repeatable', collect, [])
      .option('--key <file>', 'the public key (or private key) the checkpoints were signed with'),
  ).action(async (opts: { db?: string; json?: boolean; checkpoint: string[]; key?: string }) => {
    const checkpoints = readCheckpoints(opts.checkpoint, opts.key);
    const r = await withStore(opts, (store) => store.verify({ checkpoints }));
    if (!r.ok) throw failure(r);
    const c = r.checked;
    output(opts, r, () => `ok: ${c.versions} version links, ${c.audit} audit entries and ${c.entities ?? 0} entity rows verified${c.checkpoints ? `, ${c.checkpoints} checkpoints found in the log` : ''}`);
  });

  const cp = program.command('checkpoint').description('signed checkpoints of the audit log, to keep outside the store (as Certificate Transparency’s signed tree heads)');
  cp.command('keygen')
    .description('make an Ed25519 key pair: FILE (private, keep it safe) and FILE.pub (for whoever verifies)')
    .argument('<file>', 'where to write the private key (PEM); the public key goes to FILE.pub')
    .action((file: string) => {
      const { privatePem, publicPem } = generateCheckpointKey();
      writeFileSync(file, privatePem, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      writeFileSync(`${file}.pub`, publicPem, { flag: 'wx' });
      process.stdout.write(`wrote ${file} (private) and ${file}.pub (public)\n`);
    });
  withJson(
    cp
      .command('create')
      .description('verify the store, then sign its audit log head (size, last entry, hash) with the private key')
      .requiredOption('--key <file>', 'the private key of `accord checkpoint keygen`')
      .option('--out <file>', 'write the checkpoint here (default: standard output)')
      .option('--db <target>', `SQLite file or postgres:// URL (default ${DEFAULT_DB}, or $ACCORD_DB)`),
  ).action(async (opts: { db?: string; json?: boolean; key: string; out?: string }) => {
    const { privateKey } = parseKey(readFileSync(opts.key, 'utf8'), opts.key);
    if (!privateKey) throw new AccordError('invalid_input', `${opts.key} holds a public key; signing needs the private key`, { file: opts.key, field: 'key' });
    const signed = await withStore(opts, async (store) => {
      const r = await store.verify();
      if (!r.ok) throw failure(r);
      return signCheckpoint(await store.logHead(), privateKey);
    });
    const text = `${JSON.stringify(signed, null, 2)}\n`;
    if (opts.out) {
      writeFileSync(opts.out, text);
      output(opts, signed, () => `checkpoint of ${signed.count} audit entries (last ${signed.seq}) written to ${opts.out}`);
    } else process.stdout.write(text);
  });
}
