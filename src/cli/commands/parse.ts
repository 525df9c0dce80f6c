/** `accord parse FILE`: parse a plan from text or Markdown and print its structure. */
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { parsePlan } from '../../text/parse.js';
import { renderPlanText } from '../../text/render.js';
import type { ParsedProvision, PlanFormat } from '../../text/types.js';
import { output, useColor, withJson } from '../common.js';
import { readDocxText, readTextFile } from '../read-input.js';

/** Shape of `accord parse --json` (the CLI contract): the tree without parser internals. */
export function contractTree(ps: ParsedProvision[]): unknown[] {
  return ps.map((p) => ({ kind: p.kind, num: p.num, heading: p.heading, text: p.text, children: contractTree(p.children) }));
}

/**
 * Read a plan file within the input limits (./read-input.ts); .docx goes through mammoth (raw text)
 * after its archive is checked. Throws `not_found`, `invalid_input` or `too_large`.
 */
export async function readPlanFile(file: string): Promise<string> {
  if (/\.docx$/i.test(file)) return readDocxText(file);
  const buf = readTextFile(file, 'plan');
  if (buf.includes(0)) throw new AccordError('invalid_input', 'expected a text, Markdown or .docx file, found binary data', { file });
  return buf.toString('utf8');
}

/** Format from the option or the file name. */
export function formatOf(file: string, opt?: string): PlanFormat | undefined {
  if (opt !== undefined) {
    if (opt !== 'text' && opt !== 'markdown') throw new AccordError('usage', `--format must be text or markdown, not "${opt}"`, { field: 'format' });
    return opt;
  }
  return /\.(md|markdown)$/i.test(file) ? 'markdown' : undefined;
}

export function register(program: Command): void {
  withJson(
    program
      .command('parse')
      .description('parse a plan (plain text, Markdown or .docx) into axes, points and sub-points, with warnings')
      .argument('<file>', 'the plan file')
      .option('--format <format>', 'text or markdown (default: from the file name and content)'),
  ).action(async (file: string, opts: { format?: string; json?: boolean }) => {
    const text = await readPlanFile(file);
    const result = parsePlan(text, { format: formatOf(file, opts.format) });
    output(opts, { provisions: contractTree(result.provisions), warnings: result.warnings }, () => {
      const lines = [renderPlanText(result.provisions, { color: useColor() })];
      if (result.warnings.length) {
        lines.push('', `${result.warnings.length} warning(s):`);
        for (const w of result.warnings) lines.push(`  ${file}:${w.line}: ${w.code}: ${w.message}`);
      }
      return lines.join('\n');
    });
  });
}
