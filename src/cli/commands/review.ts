/**
 * `accord review`: the review queue of ingested reports (queued by `accord ingest FILE --queue`).
 *
 * ```
 * accord review list                         reports in the queue, with proposals by status
 * accord review show ID [--text]             proposals, the stored event each would merge into; --text
 *                                            prints the report with ⟦n … ⟧ around each proposal's characters
 * accord review accept ID[:N[,N-M…]] …       accept proposals (ID alone: every pending one)
 * accord review reject ID[:N…] …             reject proposals (nothing is written to the record)
 * accord review edit ID:N --field value …    accept one proposal with changes (see --help for the fields)
 * ```
 *
 * `accept` and `edit` write everything accepted in one transaction (audited) and print what was
 * created or merged; `--dry-run` prints it without writing. `--json` prints the same as JSON.
 * Exit codes as every command: 64 usage, 65 invalid input, 66 not found, 73 conflict.
 */
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { EventKind, EventStatus, Stance, walkProvisions, type ProcessData, type Report, type ReportProposal } from '../../model/schemas.js';
import { listReports, reportView, reviewReport, reportSummary, type ReviewResult } from '../../services/reports.js';
import type { ProposalPreview, ReviewDecision } from '../../ingest/review.js';
import { placeLabel } from '../../ingest/extract.js';
import { cut, table } from '../format.js';
import { dateOption, output, withJson, withService, withStoreOptions } from '../common.js';

interface Common {
  db?: string;
  process?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `ID`, `ID:3`, `ID:1,3-5` → report id and proposal numbers (empty: all). */
export function parseTarget(arg: string): { id: string; ns: number[] } {
  const i = arg.lastIndexOf(':');
  if (i < 0) return { id: arg, ns: [] };
  const id = arg.slice(0, i);
  const ns: number[] = [];
  for (const part of arg.slice(i + 1).split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m || !id) throw new AccordError('usage', `"${arg}" is not REPORT:N, REPORT:N,M or REPORT:N-M`, { field: 'target' });
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b < a) throw new AccordError('usage', `"${part}" is not a proposal number or range`, { field: 'target' });
    for (let n = a; n <= b; n++) ns.push(n);
  }
  return { id, ns };
}

/** One line describing a proposal. */
function describe(p: ReportProposal): string {
  if (p.type === 'event') {
    const e = p.proposed;
    const date = e.start ? e.start + (e.end ? `…${e.end}` : '') + (e.approximate ? ' ~' : '') : 'no date';
    return `${e.kind} ${e.status} ${date}${e.place ? ` ${placeLabel(e.place)}` : ''} — ${e.attendees.map((a) => a.name + (a.kind === 'new' ? ' (new)' : '')).join(', ') || 'nobody named'}`;
  }
  if (p.type === 'statement') {
    const s = p.proposed;
    return `${s.speaker.name}${s.party ? ` (${s.party})` : ''}, ${s.attribution}, ${s.cue ?? 'no cue'}${s.provisions.length ? `, points ${s.provisions.join(',')}` : ''}, ${s.date ?? 'undated'}`;
  }
  return `new person ${p.proposed.name}${p.proposed.party ? ` (${p.proposed.party})` : ''}`;
}

function previewText(p: ReportProposal, pv: ProposalPreview | undefined): string {
  if (p.status !== 'pending' && p.status !== 'rejected') return (p.review?.written ?? []).map((w) => `${w.action} ${w.kind}/${w.id}`).join('; ') || '—';
  if (!pv) return '—';
  if (pv.problem) return `cannot accept as is: ${pv.problem}`;
  if (pv.mergeInto) return `merges into ${pv.mergeInto.id} «${pv.mergeInto.title}» (${pv.mergeInto.start}, ${pv.mergeInto.status})`;
  if (pv.mergeInto === null) return 'new event';
  if (pv.existingPerson) return `already recorded as ${pv.existingPerson}`;
  if (pv.event) return `evidence at ${pv.event}`;
  return p.type === 'statement' ? 'new evidence' : p.type === 'person' ? 'new person' : '—';
}

/** The report text with ⟦n … ⟧n around each proposal's characters (outermost first when nested). */
export function markedText(r: Report): string {
  const marks: { at: number; s: string; order: number }[] = [];
  for (const p of r.proposals) {
    marks.push({ at: p.span[0], s: `⟦${p.n} `, order: 1 }, { at: p.span[1], s: ` ⟧${p.n}`, order: 0 });
  }
  marks.sort((a, b) => b.at - a.at || b.order - a.order);
  let t = r.text;
  for (const m of marks) t = t.slice(0, m.at) + m.s + t.slice(m.at);
  return t;
}

function renderShow(r: Report, previews: ProposalPreview[], withText: boolean): string {
  const s = reportSummary(r);
  const lines = [
    `${r.id}: ${r.title ?? '(no headline)'}`,
    `published ${r.published}${r.outlet ? ` by ${r.outlet}` : ''}${r.url ? ` <${r.url}>` : ''}; ${s.counts.pending} pending, ${s.counts.accepted} accepted, ${s.counts.edited} edited, ${s.counts.rejected} rejected`,
    '',
    table(
      ['#', 'type', 'status', 'proposal', 'conf', 'from the text', 'on accept'],
      r.proposals.map((p) => [
        String(p.n),
        p.type,
        p.status,
        cut(describe(p), 70),
        p.confidence.toFixed(2),
        `${p.span[0]}–${p.span[1]} «${cut(r.text.slice(p.span[0], p.span[1]).replace(/\s+/g, ' '), 36)}»`,
        cut(previewText(p, previews.find((x) => x.n === p.n)), 80),
      ]),
    ),
  ];
  for (const w of r.warnings) lines.push(`note: ${w}`);
  if (withText) lines.push('', markedText(r));
  lines.push('', `accept: accord review accept ${r.id}:N   reject: accord review reject ${r.id}:N   edit: accord review edit ${r.id}:N --start 2025-11-20 …`);
  return lines.join('\n');
}

function renderResult(r: ReviewResult): string {
  const lines = r.outcomes.map((o) => `#${o.n} ${o.type} ${o.status}${o.written.length ? ': ' + o.written.map((w) => `${w.action} ${w.kind}/${w.id}`).join(', ') : ''}`);
  lines.push(r.dryRun ? 'dry run: nothing was written' : `${r.writes} change(s) written in one transaction`);
  return lines.join('\n');
}

/** Proposal numbers to decide: the given ones, or every pending one of the report. */
function numbers(report: Report, ns: number[]): number[] {
  if (ns.length) return ns;
  const pending = report.proposals.filter((p) => p.status === 'pending').map((p) => p.n);
  if (!pending.length) throw new AccordError('invalid_input', `report "${report.id}" has no pending proposal`, { field: 'target' });
  return pending;
}

async function decide(targets: string[], action: 'accept' | 'reject', opts: Common & { dryRun?: boolean }): Promise<void> {
  if (!targets.length) throw new AccordError('usage', `name the report (and proposals) to ${action}: REPORT[:N,…]`, { field: 'target' });
  const parsed = targets.map(parseTarget);
  const ids = [...new Set(parsed.map((t) => t.id))];
  if (ids.length > 1) throw new AccordError('usage', `decide on one report at a time (got ${ids.join(', ')})`, { field: 'target' });
  const result = await withService(opts, async (ctx, pid) => {
    const { report } = await reportView(ctx, pid, ids[0]!);
    const ns = numbers(report, parsed.flatMap((t) => t.ns));
    const decisions: ReviewDecision[] = [...new Set(ns)].map((n) => ({ n, action }));
    return reviewReport(ctx, pid, report.id, decisions, { dryRun: Boolean(opts.dryRun) });
  });
  output(opts, result, () => renderResult(result));
}

interface EditOpts extends Common {
  dryRun?: boolean;
  kind?: string;
  status?: string;
  title?: string;
  start?: string;
  end?: string;
  approximate?: boolean;
  city?: string;
  country?: string;
  venue?: string;
  attendee?: string[];
  mergeInto?: string;
  note?: string;
  speaker?: string;
  onBehalfOf?: string;
  form?: string;
  text?: string;
  saidAt?: string;
  attribution?: string;
  event?: string;
  stance?: string;
  provision?: string[];
  version?: string;
  document?: string;
  conditions?: string;
  issue?: string;
  id?: string;
  name?: string;
  alias?: string[];
  party?: string;
  post?: string;
}

const EVENT_FIELDS = ['kind', 'status', 'title', 'start', 'end', 'approximate', 'city', 'country', 'venue', 'attendee', 'mergeInto', 'note'] as const;
const STATEMENT_FIELDS = ['speaker', 'onBehalfOf', 'form', 'text', 'saidAt', 'attribution', 'event', 'stance', 'provision', 'version', 'document', 'conditions', 'issue'] as const;
const PERSON_FIELDS = ['id', 'name', 'alias', 'party', 'post'] as const;
const FLAG: Record<string, string> = { mergeInto: '--merge-into', onBehalfOf: '--on-behalf-of', saidAt: '--said-at' };
const flag = (k: string) => FLAG[k] ?? `--${k}`;
const none = (v: string) => v === 'none' || v === '';

/** A point number or lineage id → lineage id (numbers need `--version`). */
function resolveProvision(data: ProcessData, value: string, version: string | undefined): string {
  const lineages = new Map<string, string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) lineages.set(p.lineage, v.id);
  if (lineages.has(value)) return value;
  if (!version) throw new AccordError('invalid_input', `"${value}" is not a provision lineage id; give a lineage (e.g. us-28-21) or a point number with --version`, { field: 'provision' });
  const v = data.versions.find((x) => x.id === version);
  if (!v) throw new AccordError('not_found', `no version "${version}" in the process`, { field: 'version' });
  for (const p of walkProvisions(v.provisions)) if (p.num === value && p.kind === 'point') return p.lineage;
  throw new AccordError('invalid_input', `version "${version}" has no point ${value}`, { field: 'provision' });
}

/** Turn edit options into the edits of one proposal; options of another proposal type are a usage error. */
async function editsFor(p: ReportProposal, o: EditOpts, data: ProcessData): Promise<Record<string, unknown>> {
  const allowed: readonly string[] = p.type === 'event' ? EVENT_FIELDS : p.type === 'statement' ? STATEMENT_FIELDS : PERSON_FIELDS;
  const given = [...EVENT_FIELDS, ...STATEMENT_FIELDS, ...PERSON_FIELDS].filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const wrong = given.filter((k) => !allowed.includes(k));
  if (wrong.length) throw new AccordError('usage', `${wrong.map(flag).join(', ')} do(es) not apply to proposal ${p.n}, a ${p.type}; its fields: ${allowed.map(flag).join(' ')}`, { field: wrong[0] });
  const e: Record<string, unknown> = {};
  if (p.type === 'event') {
    if (o.kind !== undefined) e.kind = EventKind.parse(o.kind);
    if (o.status !== undefined) e.status = EventStatus.parse(o.status);
    if (o.title !== undefined) e.title = o.title;
    if (o.start !== undefined) e.start = await dateOption(o.start, 'start');
    if (o.end !== undefined) e.end = none(o.end) ? null : await dateOption(o.end, 'end');
    if (o.approximate !== undefined) e.approximate = o.approximate;
    if (o.city !== undefined || o.country !== undefined || o.venue !== undefined) {
      const base = p.proposed.place ?? {};
      const place = { ...base, ...(o.city !== undefined ? { city: o.city } : {}), ...(o.country !== undefined ? { country: o.country } : {}), ...(o.venue !== undefined ? { venue: o.venue } : {}) };
      for (const k of ['city', 'country', 'venue'] as const) if (place[k] === '' || place[k] === 'none') delete place[k];
      e.place = Object.keys(place).length ? place : null;
    }
    if (o.attendee) e.attendees = o.attendee.map((a) => (a.includes('@') ? { person: a.slice(0, a.lastIndexOf('@')), party: a.slice(a.lastIndexOf('@') + 1) } : { person: a }));
    if (o.mergeInto !== undefined) e.mergeInto = o.mergeInto === 'new' ? null : o.mergeInto;
    if (o.note !== undefined) e.note = o.note;
  } else if (p.type === 'statement') {
    if (o.speaker !== undefined) e.speaker = o.speaker;
    if (o.onBehalfOf !== undefined) e.onBehalfOf = none(o.onBehalfOf) ? null : o.onBehalfOf;
    if (o.form !== undefined) e.form = o.form;
    if (o.text !== undefined) e.text = o.text;
    if (o.saidAt !== undefined) e.saidAt = await dateOption(o.saidAt, 'said-at');
    if (o.attribution !== undefined) e.attribution = o.attribution;
    if (o.event !== undefined) e.event = none(o.event) ? null : o.event;
    if (o.stance !== undefined) e.stance = Stance.parse(o.stance);
    if (o.provision) e.provisions = o.provision.map((x) => resolveProvision(data, x, o.version));
    if (o.version !== undefined && !o.provision) throw new AccordError('usage', '--version resolves --provision point numbers; give --provision too', { field: 'version' });
    if (o.document !== undefined) e.document = o.document;
    if (o.conditions !== undefined) e.conditions = o.conditions;
    if (o.issue !== undefined) e.issue = o.issue;
  } else {
    if (o.id !== undefined) e.id = o.id;
    if (o.name !== undefined) e.name = o.name;
    if (o.alias) e.aliases = o.alias;
    if (o.party !== undefined) e.party = none(o.party) ? null : o.party;
    if (o.post !== undefined) e.post = o.post;
  }
  return e;
}

/** Map a zod enum parse failure of an option to a usage error naming the option. */
function enumGuard<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((err: unknown) => {
    if (err && typeof err === 'object' && 'issues' in err) {
      const issue = (err as { issues: { message: string; values?: unknown[] }[] }).issues[0];
      throw new AccordError('invalid_input', issue?.values ? `expected one of ${issue.values.join(', ')}` : (issue?.message ?? 'invalid value'), { field: 'option' });
    }
    throw err;
  });
}

export function register(program: Command): void {
  const review = program
    .command('review')
    .description('review queued reports: accept, edit or reject each proposal (see `accord ingest --queue`)');

  withJson(withStoreOptions(review.command('list').description('reports in the review queue, with their proposals by status'))).action(async (opts: Common) => {
    const list = await withService(opts, listReports);
    output(opts, list, () =>
      list.length
        ? table(
            ['report', 'published', 'outlet', 'pending', 'accepted', 'edited', 'rejected', 'headline'],
            list.map((r) => [r.id, r.published, r.outlet ?? '—', String(r.counts.pending), String(r.counts.accepted), String(r.counts.edited), String(r.counts.rejected), cut(r.title ?? '', 50)]),
          )
        : 'the review queue is empty (queue a report with `accord ingest FILE --published DATE --queue`)',
    );
  });

  withJson(
    withStoreOptions(
      review
        .command('show')
        .description('a report: its proposals, what accepting each would do (the stored event it merges into)')
        .argument('<report>', 'report id')
        .option('--text', 'also print the report with ⟦n … ⟧n around the characters of each proposal'),
    ),
  ).action(async (id: string, opts: Common & { text?: boolean }) => {
    const view = await withService(opts, (ctx, pid) => reportView(ctx, pid, id));
    output(opts, view, () => renderShow(view.report, view.previews, Boolean(opts.text)));
  });

  for (const action of ['accept', 'reject'] as const) {
    withJson(
      withStoreOptions(
        review
          .command(action)
          .description(action === 'accept' ? 'accept proposals as proposed: write them to the record in one transaction' : 'reject proposals: nothing is written to the record')
          .argument('<targets...>', 'REPORT (every pending proposal), REPORT:N, REPORT:N,M or REPORT:N-M')
          .option('--dry-run', 'print what would be written without writing'),
      ),
    ).action(async (targets: string[], opts: Common & { dryRun?: boolean }) => decide(targets, action, opts));
  }

  withJson(
    withStoreOptions(
      review
        .command('edit')
        .description('accept one proposal with changes (fields by proposal type; "none" clears a field)')
        .argument('<target>', 'REPORT:N')
        .option('--dry-run', 'print what would be written without writing')
        .option('--kind <kind>', `event: ${EventKind.options.join('|')}`)
        .option('--status <status>', `event: ${EventStatus.options.join('|')}`)
        .option('--title <text>', 'event: title')
        .option('--start <date>', 'event: start date (YYYY, YYYY-MM or YYYY-MM-DD)')
        .option('--end <date>', 'event: end date, or none')
        .option('--approximate', 'event: the date is approximate')
        .option('--no-approximate', 'event: the date is exact')
        .option('--city <name>', 'event: city')
        .option('--country <name>', 'event: country')
        .option('--venue <name>', 'event: venue')
        .option('--attendee <person[@party]>', 'event: an attendee (person id or name), repeatable; replaces the proposed ones', collect)
        .option('--merge-into <event>', 'event: the stored event to merge into, or new for a new event')
        .option('--note <text>', 'event: note')
        .option('--speaker <person>', 'statement: speaker (person id or description)')
        .option('--on-behalf-of <party>', 'statement: party, or none')
        .option('--form <form>', 'statement: quote|paraphrase')
        .option('--text <text>', 'statement: the words')
        .option('--said-at <date>', 'statement: when it was said')
        .option('--attribution <kind>', 'statement: on-record|official-document|anonymous-official|sources|leak|outlet-report')
        .option('--event <event>', 'statement: the event it was said at, or none')
        .option('--stance <stance>', `statement: record a position: ${Stance.options.join('|')}`)
        .option('--provision <lineage|number>', 'statement: provision of the position (lineage id, or point number with --version), repeatable', collect)
        .option('--version <id>', 'statement: the version whose point numbers --provision gives')
        .option('--document <id>', 'statement: document or version the stance is about')
        .option('--conditions <text>', 'statement: conditions of the position')
        .option('--issue <text>', 'statement: issue label of the position')
        .option('--id <id>', 'person: id of the new person')
        .option('--name <name>', 'person: name')
        .option('--alias <name>', 'person: an alias, repeatable', collect)
        .option('--party <party>', 'person: party the person acts for')
        .option('--post <post>', 'person: post (with --party, recorded as a membership)'),
    ),
  ).action(async (target: string, opts: EditOpts) => {
    const t = parseTarget(target);
    if (t.ns.length !== 1) throw new AccordError('usage', 'edit one proposal at a time: REPORT:N', { field: 'target' });
    const result = await withService(opts, async (ctx, pid) => {
      const { report } = await reportView(ctx, pid, t.id);
      const p = report.proposals.find((x) => x.n === t.ns[0]);
      if (!p) throw new AccordError('not_found', `report "${t.id}" has no proposal ${t.ns[0]}`, { field: 'target' });
      const data = await ctx.store.loadProcess(pid);
      const edits = await enumGuard(() => editsFor(p, opts, data));
      if (!Object.keys(edits).length) throw new AccordError('usage', `give at least one field to change (see accord review edit --help), or use accept`, { field: 'target' });
      return reviewReport(ctx, pid, t.id, [{ n: p.n, action: 'edit', edits }], { dryRun: Boolean(opts.dryRun) });
    });
    output(opts, result, () => renderResult(result));
  });
}
