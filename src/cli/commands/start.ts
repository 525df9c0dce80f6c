/**
 * `accord start` (what `npm start` runs): load the bundled example into a fresh store, print the
 * briefing, then serve the browser workbench on http://127.0.0.1:5170 (see `accord serve`).
 * `--no-serve` stops after the briefing (scripts and tests).
 */
import path from 'node:path';
import { REPO_ROOT } from '../../paths.js';
import type { Command } from 'commander';
import { statusBriefing } from '../../analysis/positions.js';
import { readBundle } from '../../store/bundle.js';
import { cliActor, dateOption, output, withJson, withStore, withStoreOptions } from '../common.js';
import { DEFAULT_PORT } from '../../server/serve.js';
import { serveWorkbench } from './serve.js';
import { renderStatus } from './status.js';

/** Folder of the bundled example process. */
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'russia-ukraine-2025');

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('start')
        .description('import the bundled Russia–Ukraine 2025 example when the store is empty, print `accord status`, then serve the workbench')
        .option('--example <dir>', 'bundle to load into an empty store', EXAMPLE_DIR)
        .option('--as-of <date>', 'ISO date of the briefing (default today)')
        .option('--no-serve', 'stop after printing the briefing (do not serve the workbench)')
        .option('--port <n>', `TCP port of the workbench (default ${DEFAULT_PORT}, or $ACCORD_PORT)`)
        .option('--no-build', 'do not build the UI even when web/dist is missing or stale'),
    ),
  ).action(async (opts: { db?: string; process?: string; example: string; asOf?: string; json?: boolean; serve: boolean; port?: string; build: boolean }) => {
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await withStore(opts, async (store) => {
      let procs = await store.listProcesses();
      if (procs.length === 0) {
        const { data } = readBundle(opts.example);
        await store.importProcess(data, { actor: cliActor() });
        process.stderr.write(`loaded the example "${data.process.id}" from ${path.relative(process.cwd(), opts.example) || opts.example}\n`);
        procs = await store.listProcesses();
      }
      const id = opts.process ?? procs[0]!.id;
      return store.loadProcess(id);
    }, { create: true });
    const b = statusBriefing(data, { asOf });
    output(opts, b, () => renderStatus(b, data));
    if (opts.serve) await serveWorkbench({ db: opts.db, process: data.process.id, port: opts.port, build: opts.build });
  });
}
