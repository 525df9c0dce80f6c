/**
 * Shared plumbing of the `accord` commands: the `--db`/`--process` options, opening the store,
 * printing human text or `--json`, and the actor recorded in the audit log.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { AccordError } from '../model/errors.js';
import type { ProcessData } from '../model/schemas.js';
import { isoDateProblem } from '../model/dates.js';
import { DEFAULT_DB, isPostgresUrl, openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { localContext, type ServiceContext } from '../services/context.js';

/** Options every store-backed command accepts. */
export interface StoreOptions {
  db?: string;
  process?: string;
  json?: boolean;
}

/** Add `--db` and `--process` to a command. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <target>', `SQLite file or postgres:// URL (default ${DEFAULT_DB}, or $ACCORD_DB)`)
    .option('--process <id>', 'process id (default: the only process in the store)');
}

/** Add `--json`. */
export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print machine-readable JSON on stdout');
}

/** The store target from options or the environment. */
export function dbTarget(opts: StoreOptions): string {
  return opts.db ?? process.env.ACCORD_DB ?? DEFAULT_DB;
}

/**
 * Open the store, run `fn`, always close. A SQLite file that does not exist is `not_found` unless
 * `create` is set (only commands that fill a new store create one), so a mistyped `--db` never
 * passes silently as an empty store.
 */
export async function withStore<T>(opts: StoreOptions, fn: (store: Store) => Promise<T>, { create = false }: { create?: boolean } = {}): Promise<T> {
  const target = dbTarget(opts);
  if (!create && !isPostgresUrl(target) && target !== ':memory:' && !existsSync(target)) {
    throw new AccordError('not_found', `no Accord store at "${target}"; create one with \`accord import DIR --db ${target}\``, { file: target, field: 'db' });
  }
  const store = await openStore(target);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * The process to work on: `--process`, or the only process in the store.
 * Throws `not_found` when the store is empty and `usage` when several processes need choosing.
 */
export async function chooseProcess(store: Store, opts: StoreOptions): Promise<string> {
  if (opts.process) return opts.process;
  const all = await store.listProcesses();
  if (all.length === 1) return all[0]!.id;
  if (all.length === 0) throw new AccordError('not_found', 'the store holds no process; run `accord import DIR` first', { field: 'process' });
  throw new AccordError('usage', `the store holds ${all.length} processes (${all.map((p) => p.id).join(', ')}); choose one with --process`, { field: 'process' });
}

/**
 * Open the store, choose the process and run a service call as the local user (actor `cli:<user>`):
 * what every store-backed command does around the service of its job.
 */
export async function withService<T>(opts: StoreOptions, fn: (ctx: ServiceContext, pid: string) => Promise<T>, how: { create?: boolean } = {}): Promise<T> {
  return withStore(opts, async (store) => fn(localContext(store, cliActor()), await chooseProcess(store, opts)), how);
}

/** Open the store and load the chosen process. */
export async function loadData(opts: StoreOptions): Promise<ProcessData> {
  return withStore(opts, async (store) => store.loadProcess(await chooseProcess(store, opts)));
}

/** Print `data` as JSON when `--json`, else the human rendering. */
export function output(opts: { json?: boolean }, data: unknown, human: () => string): void {
  if (opts.json) process.stdout.write(JSON.stringify(data, null, 2) + '\n');
  else {
    const text = human();
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
}

/** Who is acting, for the audit log. */
export function cliActor(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* some containers have no passwd entry */
  }
  return `cli:${user}`;
}

/** Colour only on a terminal that allows it (NO_COLOR, FORCE_COLOR respected). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined) return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Progress line on stderr when it is a terminal (never pollutes --json on stdout). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
}

/** End a progress line. */
export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

/** Validate a reduced-precision ISO date option; throws `invalid_input` naming the option. */
export function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const p = isoDateProblem(value);
  if (p) throw new AccordError('invalid_input', p, { field: name });
  return value;
}
