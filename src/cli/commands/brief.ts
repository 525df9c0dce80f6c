/** `accord brief`: the one- or two-page briefing of a process as Markdown, HTML or PDF. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { buildBriefing, renderBriefingWithAnalysis } from '../../report/briefing.js';
import { paretoPlotData } from '../../report/pareto.js';
import { dateOption, loadData, withJson, withStoreOptions } from '../common.js';

const FORMATS = ['md', 'html', 'pdf'] as const;

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('brief')
        .description('briefing of where the process stands: status per axis, changes, contested points, meetings, pictures')
        .option('--as-of <date>', 'ISO date the briefing describes (default today)')
        .option('--format <format>', 'md, html or pdf', 'md')
        .option('--out <file>', 'write to this file (required for pdf; default stdout)')
        .option('--link <url>', 'link back to the process, printed in the header'),
    ),
  ).action(async (opts: { db?: string; process?: string; asOf?: string; format: string; out?: string; link?: string; json?: boolean }) => {
    if (!(FORMATS as readonly string[]).includes(opts.format)) {
      throw new AccordError('usage', `unknown format "${opts.format}"; expected one of ${FORMATS.join(', ')}`, { field: 'format' });
    }
    if (opts.format === 'pdf' && !opts.out && !opts.json) throw new AccordError('usage', 'a PDF briefing needs --out FILE', { field: 'out' });
    const asOf = await dateOption(opts.asOf, 'as-of');
    const data = await loadData(opts);
    if (opts.json) {
      const pareto = await paretoPlotData(data).catch(() => null);
      process.stdout.write(JSON.stringify(buildBriefing(data, { asOf, link: opts.link, pareto }), null, 2) + '\n');
      return;
    }
    const html = await renderBriefingWithAnalysis(data, { asOf, link: opts.link, format: opts.format === 'md' ? 'md' : 'html' });
    if (opts.format === 'pdf') {
      const { closePdfBrowser, htmlToPdf } = await import('../../report/pdf.js');
      try {
        writeFileSync(opts.out!, await htmlToPdf(html));
      } finally {
        await closePdfBrowser();
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    } else if (opts.out) {
      writeFileSync(opts.out, html, 'utf8');
      process.stderr.write(`wrote ${opts.out}\n`);
    } else process.stdout.write(html);
  });
}
