/** `accord import DIR` and `accord export DIR`: process bundles in and out of the store. */
import type { Command } from 'commander';
import { readBundle, writeBundle } from '../../store/bundle.js';
import { chooseProcess, cliActor, output, withJson, withStore, withStoreOptions } from '../common.js';

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
    await withStore(opts, (store) => store.importProcess(data, { actor: cliActor() }, { replace: opts.replace }));
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
        .description('write a process from the store as a bundle folder (YAML + Markdown)')
        .argument('<dir>', 'target folder (created if missing)'),
    ),
  ).action(async (dir: string, opts: { db?: string; process?: string; json?: boolean }) => {
    const data = await withStore(opts, async (store) => store.loadProcess(await chooseProcess(store, opts)));
    const files = writeBundle(dir, data);
    output(opts, { process: data.process.id, dir, files }, () => `exported process "${data.process.id}" to ${dir} (${files.length} files)`);
  });
}
