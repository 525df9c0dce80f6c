/**
 * `accord serve`: the HTTP API and the browser workbench on http://127.0.0.1:5170 (by default), over
 * the store named by `--db`. Builds the UI first when web/dist is missing or stale. Runs until
 * interrupted (Ctrl-C / SIGTERM), then closes the server and the store.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { AccordError } from '../../model/errors.js';
import { openStore } from '../../store/open.js';
import { DEFAULT_PORT, serve } from '../../server/serve.js';
import { ensureWebBuilt } from '../../server/web-build.js';
import { hasAccounts, teamMode } from '../../server/auth.js';
import { allowedHostsFromEnv } from '../../server/local-guard.js';
import { dbTarget, withStoreOptions } from '../common.js';

/** Options shared by `accord serve` and `accord start`. */
export interface ServeOptions {
  db?: string;
  process?: string;
  port?: string;
  host?: string;
  build?: boolean;
  /** Local mode: further host names to answer to (DNS-rebinding protection allows loopback names only). */
  allowedHost?: string[];
}

/** Parse `--port`; throws `invalid_input` naming the option. */
export function portOption(value: string | undefined): number {
  if (value === undefined) return Number(process.env.ACCORD_PORT ?? DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new AccordError('invalid_input', `"${value}" is not a port number (0–65535)`, { field: 'port' });
  return Number(value);
}

/**
 * Serve the workbench until SIGINT/SIGTERM. Prints the URL on stdout (`Accord workbench: <url>`);
 * request logs go to stderr as pino JSON lines (level from $ACCORD_LOG_LEVEL, default `info`).
 * Throws `conflict` when the port is taken, `not_found`/`usage` from the process choice.
 */
export async function serveWorkbench(opts: ServeOptions, onListening?: (url: string) => void): Promise<void> {
  const port = portOption(opts.port);
  const host = opts.host ?? '127.0.0.1';
  if (opts.build !== false) {
    try {
      await ensureWebBuilt({ log: (m) => process.stderr.write(`${m}\n`) });
    } catch (err) {
      // The API still works without the UI; say why the page is missing.
      process.stderr.write(`accord: the browser UI could not be built: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  const store = await openStore(dbTarget(opts));
  let server;
  try {
    if (opts.process && !(await store.getProcess(opts.process))) throw new AccordError('not_found', `no process "${opts.process}" in the store`, { field: 'process' });
    const logger = pino({ level: process.env.ACCORD_LOG_LEVEL ?? 'info' }, pino.destination(2));
    // Team mode (issue 7) as soon as the store holds accounts: sign-in, roles and the access policy.
    const team = (await hasAccounts(store)) ? teamMode({ store }) : undefined;
    if (!team && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      throw new AccordError('usage', `the store has no accounts, so anyone reaching ${host} would have full access; add users with \`accord user add\` first, or listen on 127.0.0.1`, { field: 'host' });
    }
    const allowedHosts = [...(opts.allowedHost ?? []), ...allowedHostsFromEnv()];
    server = await serve({ store, port, host, processId: opts.process, logger, allowedHosts, ...(team ? { viewerOf: team.viewerOf, authorize: team.authorize, wrap: team.wrap, extend: team.extend } : {}) });
    if (team) process.stdout.write(`team mode: sign-in required (POST /api/session); ${store.dialect} store\n`);
  } catch (err) {
    await store.close();
    throw err;
  }
  process.stdout.write(`\nAccord workbench: ${server.url}\n(press Ctrl-C to stop)\n`);
  onListening?.(server.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await store.close();
}

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('serve')
      .description(`serve the HTTP API and the browser workbench (default http://127.0.0.1:${DEFAULT_PORT})`)
      .option('--port <n>', `TCP port (default ${DEFAULT_PORT}, or $ACCORD_PORT; 0 picks a free one)`)
      .option('--host <address>', 'address to listen on (default 127.0.0.1: this machine only)')
      .option('--allowed-host <name>', 'without accounts: a host name to answer to besides 127.0.0.1, localhost and [::1] (repeatable; also $ACCORD_ALLOWED_HOSTS)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--no-build', 'do not build the UI even when web/dist is missing or stale'),
  ).action(async (opts: ServeOptions) => {
    await serveWorkbench(opts);
  });
}
