/** `accord positions` (party × point matrix) and `accord contested` (points ranked by disagreement). */
import type { Command } from 'commander';
import { STANCE_LABEL, STANCE_SYMBOL, contestedPoints, positionsMatrix } from '../../analysis/positions.js';
import { matrixOf } from '../../services/stances.js';
import type { Stance } from '../../model/schemas.js';
import { cut, table } from '../format.js';
import { dateOption, loadData, output, withJson, withStoreOptions } from '../common.js';

const LEGEND = (Object.keys(STANCE_SYMBOL) as Stance[]).map((s) => `${STANCE_SYMBOL[s]} ${STANCE_LABEL[s]}`).join('   ') + '   (blank) no recorded position';

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('positions')
        .description('party × point matrix of stances as of a date, with a legend')
        .option('--as-of <date>', 'ISO date (default today); positions after it are ignored')
        .option('--version <id>', 'version whose points form the rows (default: current text)')
        .option('--only-about', 'count only the positions taken against this version (a stance about a document belongs to its version current at the stance\'s date)'),
    ),
  ).action(async (opts: { db?: string; process?: string; asOf?: string; version?: string; onlyAbout?: boolean; json?: boolean }) => {
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await loadData(opts);
    const m = matrixOf(data, { asOf, version: opts.version, onlyAbout: opts.onlyAbout });
    output(opts, m, () => {
      const elsewhere = new Set<string>();
      const header = ['point', ...m.parties.map((p) => p.short), 'state', 'text'];
      const rows = m.rows.map((r) => [
        r.label,
        ...m.parties.map((p) => {
          const c = r.cells[p.id];
          if (!c) return '';
          const on = c.about;
          if (on && on !== m.version.id) elsewhere.add(on);
          return STANCE_SYMBOL[c.stance] + (on && on !== m.version.id ? '*' : '');
        }),
        r.state === 'accepted-by-all' ? 'agreed' : r.state,
        cut(r.text, 48),
      ]);
      const note = elsewhere.size ? `\n* stance taken against another version of the point (${[...elsewhere].join(', ')}); --only-about hides them` : '';
      return `Positions as of ${m.asOf} on ${m.version.id} (${m.version.date})\n\n${table(header, rows)}\n\nLegend: ${LEGEND}${note}`;
    });
  });

  withJson(
    withStoreOptions(
      program
        .command('contested')
        .description('contested points ranked by disagreement, with who holds what')
        .option('--as-of <date>', 'ISO date (default today)')
        .option('--version <id>', 'version whose points are ranked (default: current text)'),
    ),
  ).action(async (opts: { db?: string; process?: string; asOf?: string; version?: string; json?: boolean }) => {
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await loadData(opts);
    const m = positionsMatrix(data, { asOf, version: opts.version });
    const list = contestedPoints(m);
    const name = new Map(data.parties.map((p) => [p.id, p.short ?? p.name]));
    output(opts, { asOf: m.asOf, version: m.version.id, contested: list }, () => {
      if (!list.length) return `No contested points as of ${m.asOf} on ${m.version.id}.`;
      const lines = [`${list.length} contested point(s) as of ${m.asOf} on ${m.version.id}, most disputed first:`, ''];
      list.forEach((c, i) => {
        lines.push(`${i + 1}. Point ${c.label}${c.axis ? ` (${c.axis})` : ''} — disagreement ${c.disagreement.toFixed(1)} of 2`);
        lines.push(`   ${cut(c.text, 90)}`);
        lines.push('   ' + c.holders.map((h) => `${name.get(h.party) ?? h.party}: ${STANCE_SYMBOL[h.stance]} ${STANCE_LABEL[h.stance]} (${h.asOf})`).join('; '));
      });
      return lines.join('\n');
    });
  });
}
