/** `accord plan show`: the text of a version with numbering, brackets and alternatives visible. */
import type { Command } from 'commander';
import { resolveVersion } from '../../analysis/positions.js';
import { renderPlanText } from '../../text/render.js';
import { dateOption, loadData, output, useColor, withJson, withStoreOptions } from '../common.js';

export function register(program: Command): void {
  const plan = program.command('plan').description('work with the texts of the process');
  withJson(
    withStoreOptions(
      plan
        .command('show')
        .description('print a version of the text (default: the current single negotiating text)')
        .option('--version <id>', 'version id (see `accord plan list`)')
        .option('--as-of <date>', 'the current version as of this ISO date'),
    ),
  ).action(async (opts: { db?: string; process?: string; version?: string; asOf?: string; json?: boolean }) => {
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await loadData(opts);
    const v = resolveVersion(data, opts.version, asOf);
    const doc = data.documents.find((d) => d.id === v.document);
    output(opts, v, () => {
      const head = `${doc?.title ?? v.document} — ${v.label} (${v.id}, ${v.date})`;
      return `${head}\n${'═'.repeat(Math.min(78, head.length))}\n\n${renderPlanText(v.provisions, { color: useColor() })}`;
    });
  });
  withJson(withStoreOptions(plan.command('list').description('list documents and their versions'))).action(
    async (opts: { db?: string; process?: string; json?: boolean }) => {
      const data = await loadData(opts);
      const rows = data.documents.map((d) => ({ ...d, versions: data.versions.filter((v) => v.document === d.id).map((v) => ({ id: v.id, label: v.label, date: v.date, basedOn: v.basedOn })) }));
      output(opts, rows, () =>
        rows
          .map((d) => `${d.id}  ${d.title} [${d.kind}]${d.amends ? ` amends ${d.amends}` : ''}\n` + d.versions.map((v) => `  ${v.id}  ${v.label}  ${v.date}${v.basedOn ? `  based on ${v.basedOn}` : ''}`).join('\n'))
          .join('\n'),
      );
    },
  );
}
