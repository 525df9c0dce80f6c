/**
 * `accord ingest FILE --published DATE [--outlet O] [--url U] [--json]`: read a news report and list
 * the proposed events and attributed statements, each with the characters it was read from. Nothing
 * is written: accepting proposals into the record is the review queue's job. With `--queue` the
 * report and its proposals are kept in the process's review queue (src/ingest/queue.ts) for
 * `accord review`; the record itself is still untouched.
 *
 * Known persons and parties come from the process in the store when one is available (`--db`,
 * `$ACCORD_DB`, or an existing ./accord.db); without a store every person is proposed as new.
 * `--json` prints `{"events":[…],"statements":[…],"warnings":[…]}` (the contract of issue 6 plus the
 * warnings that explain an empty result).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import type { ProcessData } from '../../model/schemas.js';
import { extractReport, MAX_REPORT_CHARS, placeLabel, toIngestJson } from '../../ingest/extract.js';
import type { IngestResult, ReportInput } from '../../ingest/types.js';
import { DEFAULT_DB } from '../../store/open.js';
import { cut, table } from '../format.js';
import { loadData, output, withJson, withService, withStoreOptions } from '../common.js';
import { proposeReport, queueReport, reportSummary } from '../../services/reports.js';

interface Opts {
  published?: string;
  outlet?: string;
  url?: string;
  json?: boolean;
  db?: string;
  process?: string;
  version?: string;
  queue?: boolean;
  id?: string;
}

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('ingest')
        .description('propose events and attributed statements from a news report (nothing is written)')
        .argument('<file>', 'the report as plain text or Markdown (HTML is tolerated)')
        .requiredOption('--published <date>', 'publication date YYYY-MM-DD; relative dates ("on Tuesday") are resolved against it')
        .option('--outlet <name>', 'outlet that published the report')
        .option('--url <url>', 'address of the report')
        .option('--version <id>', 'number provisions by this stored version (default: the text on the table on the publication date)')
        .option('--queue', 'keep the report and its proposals in the review queue (see `accord review`)')
        .option('--id <id>', 'with --queue: the report id (default report-<8 hex digits>)'),
    ),
  ).action(async (file: string, opts: Opts) => {
    const text = readReport(file);
    if (opts.queue) return queueIt(text, opts);
    if (opts.id !== undefined) throw new AccordError('usage', '--id needs --queue', { field: 'id' });
    const result = await propose({ text, published: opts.published ?? '', ...(opts.outlet ? { outlet: opts.outlet } : {}), ...(opts.url ? { url: opts.url } : {}) }, opts);
    output(opts, { ...toIngestJson(result), warnings: result.warnings.map((w) => w.message) }, () => render(result, text));
  });
}

/** `--queue`: extract against the stored process and keep the report for review. */
async function queueIt(text: string, opts: Opts): Promise<void> {
  const input = { text, published: opts.published ?? '', ...(opts.outlet ? { outlet: opts.outlet } : {}), ...(opts.url ? { url: opts.url } : {}) };
  const report = await withService(opts, (ctx, pid) =>
    queueReport(ctx, pid, input, { ...(opts.id ? { id: opts.id } : {}), ...(opts.version ? { version: opts.version } : {}) }),
  );
  output(opts, { queued: reportSummary(report), proposals: report.proposals.map((p) => ({ n: p.n, type: p.type, span: p.span, confidence: p.confidence })), warnings: report.warnings }, () => {
    const s = reportSummary(report);
    const kinds = ['event', 'statement', 'person'].map((t) => `${report.proposals.filter((p) => p.type === t).length} ${t}(s)`).join(', ');
    return [`queued report ${s.id}${s.title ? ` «${cut(s.title, 60)}»` : ''}: ${s.proposals} proposal(s) to review (${kinds})`, ...report.warnings.map((w) => `note: ${w}`), `next: accord review show ${s.id}`].join('\n');
  });
}

function readReport(file: string): string {
  if (!existsSync(file)) throw new AccordError('not_found', `no such file: ${file}`, { file });
  const st = statSync(file);
  if (!st.isFile()) throw new AccordError('invalid_input', 'expected a file with the report text', { file });
  if (st.size > MAX_REPORT_CHARS * 4) throw new AccordError('too_large', `the file has ${st.size} bytes; a report is at most ${MAX_REPORT_CHARS} characters`, { file });
  const buf = readFileSync(file);
  if (buf.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' || buf.includes(0)) {
    throw new AccordError('invalid_input', 'this looks like a binary file (e.g. .docx or PDF); save the report as plain text first', { file });
  }
  return buf.toString('utf8');
}

/**
 * Proposals of the report: against the process in the store when there is one (its persons and
 * parties, point numbers of `--version` or the text on the table, see `proposeReport`), else
 * against nothing, with a note saying so.
 */
async function propose(input: ReportInput, opts: Opts): Promise<IngestResult> {
  const wantStore = opts.db !== undefined || process.env.ACCORD_DB !== undefined || existsSync(DEFAULT_DB);
  if (!wantStore && opts.version) throw new AccordError('usage', '--version needs a store (--db)', { field: 'version' });
  const alone = (note: string): IngestResult => {
    const r = extractReport(input, { parties: [], persons: [] });
    r.warnings.push({ code: 'no_store', message: note });
    return r;
  };
  if (!wantStore) return alone('no store: every person is proposed as new (use --db to match the process’s persons)');
  let data: ProcessData;
  try {
    data = await loadData(opts);
  } catch (e) {
    if (e instanceof AccordError && e.code === 'not_found' && !opts.process) return alone('the store holds no process: every person is proposed as new');
    throw e;
  }
  return proposeReport(data, input, opts.version);
}

function quote(text: string, span: [number, number], max = 60): string {
  return '«' + cut(text.slice(span[0], span[1]).replace(/\s+/g, ' '), max) + '»';
}

function render(r: IngestResult, text: string): string {
  const lines: string[] = [];
  lines.push(`${r.events.length} proposed event(s)`);
  if (r.events.length) {
    lines.push('');
    lines.push(
      table(
        ['kind', 'status', 'date', 'place', 'attendees', 'conf', 'from the text'],
        r.events.map((e) => [
          e.kind,
          e.status,
          e.start ? e.start + (e.end ? `…${e.end.slice(5)}` : '') + (e.approximate ? ' ~' : '') : '—',
          cut(placeLabel(e.place) ?? '—', 24),
          cut(e.attendees.map((a) => a.name + (a.kind === 'new' ? ' (new)' : '')).join(', '), 40),
          e.confidence.toFixed(2),
          `${e.span[0]}–${e.span[1]} ${quote(text, e.span, 40)}`,
        ]),
      ),
    );
  }
  lines.push('');
  lines.push(`${r.statements.length} proposed statement(s)`);
  if (r.statements.length) {
    lines.push('');
    lines.push(
      table(
        ['speaker', 'party', 'attribution', 'cue', 'points', 'date', 'conf', 'from the text'],
        r.statements.map((s) => [
          cut(s.speaker.name, 28),
          s.party ?? '—',
          s.attribution,
          s.cue ?? '—',
          s.provisions.join(',') || '—',
          s.date ?? '—',
          s.confidence.toFixed(2),
          `${s.span[0]}–${s.span[1]} ${quote(text, s.span, 50)}`,
        ]),
      ),
    );
  }
  if (r.newPersons.length) lines.push('', `new persons named: ${r.newPersons.map((p) => p.name + (p.party ? ` (${p.party})` : '')).join(', ')}`);
  for (const w of r.warnings) lines.push(`note: ${w.message}`);
  lines.push('', 'Nothing was written; to review these proposals, run again with --queue, then `accord review show ID`.');
  return lines.join('\n');
}
