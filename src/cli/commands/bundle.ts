/** `accord import DIR` and `accord export DIR`: process bundles in and out of the store. */
import type { Command } from 'commander';
import { readBundle } from '../../store/bundle.js';
import { AccordError } from '../../model/errors.js';
import { EXPORT_FORMATS, type ExportFormat, exportProcess } from '../../report/export.js';
import { chooseProcess, cliActor, dateOption, output, withJson, withStore, withStoreOptions } from '../common.js';

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('import')
        .description('load a process bundle (folder of YAML + Markdown) into the store, in one transaction')
        .argument('<dir>', 'bundle folder')
        .option('--replace', 'overwrite a process with the same id'),
    ),
  ).action(async (dir: string, opts: { db?: string; replace?: boolean; json?: boolean }) => {
    const { data, warnings } = readBundle(dir);
    await withStore(opts, (store) => store.importProcess(data, { actor: cliActor() }, { replace: opts.replace }), { create: true });
    const counts = {
      parties: data.parties.length,
      persons: data.persons.length,
      documents: data.documents.length,
      versions: data.versions.length,
      sources: data.sources.length,
      evidence: data.evidence.length,
      positions: data.positions.length,
      events: data.events.length,
      domains: data.domains.length,
    };
    output(opts, { process: data.process.id, counts, warnings }, () => {
      const lines = [`imported process "${data.process.id}": ` + Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')];
      for (const w of warnings) lines.push(`  warning: ${w.file}${w.line ? ':' + w.line : ''}: ${w.message}`);
      return lines.join('\n');
    });
  });

  withJson(
    withStoreOptions(
      program
        .command('export')
        .description('write a process from the store into a folder: bundle (YAML + Markdown), akn (one Akoma Ntoso file per version), csv (matrix, positions, events), ics (one calendar) or json (analysis results)')
        .argument('<dir>', 'target folder (created if missing)')
        .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'bundle')
        .option('--as-of <date>', 'date of the positions matrix and analysis (csv, json; default today)')
        .option('--link <url>', 'base URL of links back to Accord (ics, akn)'),
    ),
  ).action(async (dir: string, opts: { db?: string; process?: string; json?: boolean; format: string; asOf?: string; link?: string }) => {
    if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
      throw new AccordError('usage', `unknown export format "${opts.format}"; expected one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' });
    }
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await withStore(opts, async (store) => store.loadProcess(await chooseProcess(store, opts)));
    const files = await exportProcess(dir, data, opts.format as ExportFormat, { asOf, link: opts.link });
    output(opts, { process: data.process.id, dir, format: opts.format, files }, () => `exported process "${data.process.id}" to ${dir} as ${opts.format} (${files.length} file${files.length === 1 ? '' : 's'})`);
  });
}
