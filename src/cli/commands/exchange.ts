/**
 * `accord import-csv FILE` (positions from an analyst's sheet) and `accord import-akn FILE`
 * (an Akoma Ntoso version back into the store).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { aknToVersion } from '../../report/akn.js';
import { checkPositionsHeader } from '../../report/csv.js';
import { importPositionsCsv } from '../../services/stances.js';
import { chooseProcess, cliActor, output, withJson, withService, withStore, withStoreOptions } from '../common.js';
import { readDataFile, readHead } from '../read-input.js';

function readInput(file: string, what: string): string {
  return readDataFile(file, what).toString('utf8');
}

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('import-csv')
        .description('import positions from a CSV sheet (party, point, stance, date, source); nothing is written if any row is wrong')
        .argument('<file>', 'CSV file with a header row')
        .option('--skip-bad-rows', 'write the good rows and report the bad ones')
        .option('--version <id>', 'version whose point numbers the sheet uses (default: the current one)'),
    ),
  ).action(async (file: string, opts: { db?: string; process?: string; json?: boolean; skipBadRows?: boolean; version?: string }) => {
    const name = path.basename(file);
    // The header is checked from the first bytes, before a file of any size is read.
    if (existsSync(file) && statSync(file).isFile()) checkPositionsHeader(readHead(file, 64 * 1024).toString('utf8'), name);
    const text = readInput(file, 'CSV sheet');
    const result = await withService(opts, (ctx, pid) => importPositionsCsv(ctx, pid, text, { file: name, version: opts.version, skipBadRows: opts.skipBadRows }));
    output(opts, result, () => {
      const lines = [`imported ${result.imported} of ${result.rows} rows into "${result.process}" (${result.created} new positions, ${result.updated} updated)`];
      if (result.problems.length) {
        lines.push(`skipped ${result.skipped} bad row(s):`);
        for (const p of result.problems) lines.push(`  ${name}: row ${p.row}, column ${p.column} (${p.field}): ${p.message}`);
      }
      return lines.join('\n');
    });
  });

  withJson(
    withStoreOptions(
      program
        .command('import-akn')
        .description('import an Akoma Ntoso 3.0 XML document as a new version (and its document if new)')
        .argument('<file>', 'Akoma Ntoso XML file'),
    ),
  ).action(async (file: string, opts: { db?: string; process?: string; json?: boolean }) => {
    const name = path.basename(file);
    const { version, document } = aknToVersion(readInput(file, 'Akoma Ntoso file'), { file: name });
    const result = await withStore(opts, async (store) => {
      const pid = await chooseProcess(store, opts);
      if (await store.get(pid, 'versions', version.id)) throw new AccordError('conflict', `version "${version.id}" already exists in "${pid}"; versions are immutable`, { file: name, field: 'version' });
      const ctx = { actor: cliActor() };
      const known = await store.get(pid, 'documents', document.id);
      await store.putMany(pid, [...(known ? [] : [{ kind: 'documents' as const, entity: { ...document } }]), { kind: 'versions' as const, entity: version }], ctx);
      return { process: pid, version: version.id, document: document.id, newDocument: !known };
    });
    output(opts, result, () => `imported version "${result.version}" of ${result.newDocument ? 'new ' : ''}document "${result.document}" into "${result.process}"`);
  });
}
