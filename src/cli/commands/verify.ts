/**
 * `accord verify`: recompute the version and audit hash chains of the store and name the first broken
 * entry. Exit 0 when intact; exit 1 (error code `integrity`) when a chain is broken.
 */
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { output, withJson, withStore } from '../common.js';
import { DEFAULT_DB } from '../../store/open.js';

export function register(program: Command): void {
  withJson(
    program
      .command('verify')
      .description('check the tamper-evident record: recompute the version and audit hash chains (exit 1 naming the first broken entry)')
      .option('--db <target>', `SQLite file or postgres:// URL (default ${DEFAULT_DB}, or $ACCORD_DB)`),
  ).action(async (opts: { db?: string; json?: boolean }) => {
    const r = await withStore(opts, (store) => store.verify());
    if (!r.ok) {
      throw new AccordError('integrity', `hash chain broken at ${r.firstBroken} (checked ${r.checked.versions} version links and ${r.checked.audit} audit entries)`);
    }
    output(opts, r, () => `ok: ${r.checked.versions} version links and ${r.checked.audit} audit entries verified`);
  });
}
