/** `accord start` (what `npm start` runs): load the bundled example into a fresh store, print the briefing. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { statusBriefing } from '../../analysis/positions.js';
import { readBundle } from '../../store/bundle.js';
import { cliActor, dateOption, output, withJson, withStore, withStoreOptions } from '../common.js';
import { renderStatus } from './status.js';

/** Folder of the bundled example process. */
export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/russia-ukraine-2025', import.meta.url));

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('start')
        .description('import the bundled Russia–Ukraine 2025 example when the store is empty, then print `accord status`')
        .option('--example <dir>', 'bundle to load into an empty store', EXAMPLE_DIR)
        .option('--as-of <date>', 'ISO date of the briefing (default today)'),
    ),
  ).action(async (opts: { db?: string; process?: string; example: string; asOf?: string; json?: boolean }) => {
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
    });
    const b = statusBriefing(data, { asOf });
    output(opts, b, () => renderStatus(b, data));
  });
}
