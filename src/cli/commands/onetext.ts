/**
 * `accord draft …` and `accord critique …`: the one-text procedure from the command line — the
 * mediator's drafts of the next version (start from a version or a plan file, edit, take an
 * amendment in, see the critiques beside the text, table) and the parties' critiques (start, save,
 * submit, publish), and what a version did about the critiques of the one before it. Thin
 * adapters: every rule is in src/services/drafts.ts and critiques.ts, the same ones the API uses.
 */
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { type Draft, type Provision, walkProvisions } from '../../model/schemas.js';
import { createCritique, listCritiques, publishCritique, readCritique, responseOf, saveCritique, submitCritique } from '../../services/critiques.js';
import { createDraft, deleteDraft, draftSummary, editDraft, foldAmendment, listDrafts, readDraft, reviseOf, tableDraft } from '../../services/drafts.js';
import type { ResponseView, ReviseView } from '../../services/views/onetext.js';
import { cut } from '../format.js';
import { dateOption, output, withJson, withService, withStoreOptions } from '../common.js';
import { readDataFile } from '../read-input.js';
import { formatOf, readPlanFile } from './parse.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const parties = (xs: string[] | undefined) => xs?.flatMap((p) => p.split(',')).filter(Boolean);

/** A JSON file read within the data-file limit; `invalid_input` naming it when it is not JSON. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readDataFile(file, what).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AccordError('invalid_input', `${what} is not JSON: ${(e as Error).message}`, { file });
  }
}

/** `LINEAGE=TEXT` of `--set`, as a `set` edit. */
function setOp(spec: string): { op: 'set'; lineage: string; text: string } {
  const i = spec.indexOf('=');
  if (i <= 0) throw new AccordError('usage', `--set expects LINEAGE=TEXT, not "${cut(spec, 60)}"`, { field: 'set' });
  return { op: 'set', lineage: spec.slice(0, i), text: spec.slice(i + 1) };
}

/** A draft's point tree as indented lines: number, wording, lineage id. */
export function renderTree(tree: Provision[]): string {
  const lines: string[] = [];
  const visit = (ps: Provision[], depth: number) => {
    for (const p of ps) {
      const head = p.kind === 'axis' ? `## ${[p.num, p.heading].filter(Boolean).join('. ')}` : `${p.num ? `${p.num}. ` : ''}${cut(p.text, 120)}`;
      lines.push(`${'  '.repeat(depth)}${head}  [${p.lineage}${p.status !== 'proposed' && p.kind !== 'axis' ? `, ${p.status}` : ''}]`);
      visit(p.children, p.kind === 'axis' ? depth : depth + 1);
    }
  };
  visit(tree, 0);
  return lines.join('\n');
}

function renderDraft(d: Draft, etag?: string): string {
  const s = draftSummary(d);
  return [`draft ${s.id} of ${s.document}${s.basedOn ? `, revising ${s.basedOn}` : ''}: ${s.points} points, ${s.provisions} provisions, ${s.status}${s.tabledAs ? ` as ${s.tabledAs}` : ''}${etag ? ` (tag ${etag})` : ''}`, renderTree(d.provisions)].join('\n');
}

/** The revise view as text: each point with the tabled and draft wording and every party's answer. */
export function renderRevise(v: ReviseView): string {
  const out = [`draft ${v.draft.id}${v.version ? ` revising ${v.version.id} (${v.version.label}, ${v.version.date})` : ''}: ${v.critiques.length} submitted critique(s)`];
  for (const r of v.rows) {
    if (!r.answers.length && r.tabled?.text === r.draft?.text) continue;
    const num = r.draft?.num ?? r.tabled?.num ?? r.lineage;
    out.push('', `${num} [${r.lineage}]`);
    if (r.tabled) out.push(`  tabled: ${cut(r.tabled.text, 160)}`);
    out.push(r.draft ? `  draft:  ${cut(r.draft.text, 160)}` : '  draft:  (no longer in the draft)');
    for (const a of r.answers) {
      const extra = [a.conditions && `conditions: ${a.conditions}`, a.amendment && `proposes: “${cut(a.amendment, 140)}”`, a.note, a.folded && `(${a.folded} into the draft)`].filter(Boolean).join(' — ');
      out.push(`  ${a.party}: ${a.stance}${extra ? ` — ${extra}` : ''}`);
    }
  }
  return out.join('\n');
}

function renderResponse(v: ResponseView): string {
  if (!v.basedOn) return `${v.version.id} revises no earlier version: no critiques to answer`;
  const out = [`${v.version.id} (${v.version.label}) after the critiques of ${v.basedOn.id} (${v.basedOn.label}):`];
  for (const p of v.byParty) out.push(`  ${p.party}: ${p.asked} answer(s) — ${Object.entries(p.outcomes).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  for (const r of v.rows) out.push(`  ${r.party} on ${r.label}: ${r.stance}${r.amendment ? ` (proposed “${cut(r.amendment, 80)}”)` : ''} → ${r.outcome}`);
  return out.join('\n');
}

export function register(program: Command): void {
  const draft = program.command('draft').description("the mediator's drafts of the next version: start, edit, take amendments in, table");
  const cmd = (parent: Command, name: string, description: string) => withJson(withStoreOptions(parent.command(name).description(description)));

  cmd(draft, 'new', 'start a draft: a copy of a version (--based-on), or a plan file (text, Markdown, .docx) given lineage ids against it')
    .option('--based-on <version>', 'the version the draft revises')
    .option('--document <id>', "the document the draft will be a version of (default: the base's)")
    .option('--file <file>', 'a plan file to start from instead of a copy')
    .option('--format <format>', 'text or markdown (default: from the file name and content)')
    .option('--id <id>', 'draft id (default generated)')
    .option('--title <title>', 'working title')
    .action(async (opts: { db?: string; process?: string; json?: boolean; basedOn?: string; document?: string; file?: string; format?: string; id?: string; title?: string }) => {
      const text = opts.file ? await readPlanFile(opts.file) : undefined;
      const format = opts.file ? formatOf(opts.file, opts.format) : undefined;
      const r = await withService(opts, (ctx, pid) =>
        createDraft(ctx, pid, { ...(opts.basedOn ? { basedOn: opts.basedOn } : {}), ...(opts.document ? { document: opts.document } : {}), ...(text !== undefined ? { text } : {}), ...(format ? { format } : {}), ...(opts.id ? { id: opts.id } : {}), ...(opts.title ? { title: opts.title } : {}) }),
      );
      output(opts, r, () => [`started ${renderDraft(r.draft, r.etag).split('\n')[0]}`, `lineage: ${r.lineage.inherited} carried across, ${r.lineage.fresh} new`, ...r.warnings.map((w) => `  warning: line ${w.line}: ${w.code}: ${cut(w.message, 160)}`)].join('\n'));
    });

  cmd(draft, 'list', 'list the drafts, latest first').action(async (opts: { db?: string; process?: string; json?: boolean }) => {
    const r = await withService(opts, (ctx, pid) => listDrafts(ctx, pid));
    output(opts, r, () => (r.length ? r.map((d) => `${d.id}  ${d.document}${d.basedOn ? ` ← ${d.basedOn}` : ''}  ${d.points} points  ${d.status}${d.tabledAs ? ` as ${d.tabledAs}` : ''}  saved ${d.updatedAt}`).join('\n') : 'no drafts'));
  });

  cmd(draft, 'show', 'print a draft’s point tree with lineage ids')
    .argument('<id>', 'the draft')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean }) => {
      const r = await withService(opts, (ctx, pid) => readDraft(ctx, pid, id));
      output(opts, { ...r.entity, etag: r.etag }, () => renderDraft(r.entity, r.etag));
    });

  cmd(draft, 'edit', 'edit a draft, all edits or none: --set LINEAGE=TEXT, or --ops FILE (a JSON list of edits: set, add, delete, move, split, merge, bracket, alternatives, renumber; see the API’s DraftEdits)')
    .argument('<id>', 'the draft')
    .option('--set <lineage=text>', 'new wording of a provision (repeatable)', collect)
    .option('--ops <file>', 'JSON file of edits')
    .option('--if-match <tag>', 'only if the draft still carries this tag (from `draft show`)')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean; set?: string[]; ops?: string; ifMatch?: string }) => {
      const fromFile = opts.ops ? readJsonFile(opts.ops, 'edits') : [];
      const list = Array.isArray(fromFile) ? fromFile : (fromFile as { ops?: unknown[] }).ops ?? [];
      const ops = [...list, ...(opts.set ?? []).map(setOp)];
      if (!ops.length) throw new AccordError('usage', 'give edits with --set LINEAGE=TEXT or --ops FILE', { field: 'ops' });
      const r = await withService(opts, (ctx, pid) => editDraft(ctx, pid, id, { ops: ops as never }, opts.ifMatch));
      output(opts, r, () => `saved draft ${r.id} (tag ${r.etag}): ${r.touched.length} provision(s) changed${r.draft ? `, ${[...walkProvisions(r.draft.provisions)].length} provisions in all` : ''}`);
    });

  cmd(draft, 'fold', "take a critique's proposed wording of a point into the draft (or --bracket: both readings in brackets, with the parties holding each)")
    .argument('<id>', 'the draft')
    .requiredOption('--critique <id>', 'the submitted critique')
    .requiredOption('--provision <lineage>', 'the point')
    .option('--bracket', 'bracket the disputed words instead of accepting the amendment')
    .option('--if-match <tag>', 'only if the draft still carries this tag')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean; critique: string; provision: string; bracket?: boolean; ifMatch?: string }) => {
      const r = await withService(opts, (ctx, pid) => foldAmendment(ctx, pid, id, { critique: opts.critique, provision: opts.provision, how: opts.bracket ? 'bracket' : 'accept' }, opts.ifMatch));
      output(opts, r, () => [`saved draft ${r.id} (tag ${r.etag})`, ...r.touched.map((p) => `  ${p.num ?? p.lineage}: ${cut(p.text, 160)}`)].join('\n'));
    });

  cmd(draft, 'revise', 'each point of the draft beside the tabled text and every party’s answer to it')
    .argument('<id>', 'the draft')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean }) => {
      const r = await withService(opts, (ctx, pid) => reviseOf(ctx, pid, id));
      output(opts, r, () => renderRevise(r));
    });

  cmd(draft, 'table', 'table the draft as an immutable version, with its date, the event where it is tabled and its proponents')
    .argument('<id>', 'the draft')
    .option('--id <id>', 'version id (default <document>-v<n>)')
    .option('--label <label>', 'default v<n>')
    .option('--date <date>', "ISO date tabled (default: the event's day, else today)")
    .option('--event <id>', 'the event of the record where it is tabled')
    .option('--proponent <party...>', "parties that table it (default: the document's proponents)", collect)
    .option('--note <text>', 'a note')
    .option('--if-match <tag>', 'only if the draft still carries this tag')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean; id?: string; label?: string; date?: string; event?: string; proponent?: string[]; note?: string; ifMatch?: string }) => {
      const date = dateOption(opts.date, 'date');
      const proponents = parties(opts.proponent);
      const r = await withService(opts, (ctx, pid) =>
        tableDraft(ctx, pid, id, { ...(opts.id ? { id: opts.id } : {}), ...(opts.label ? { label: opts.label } : {}), ...(date ? { date } : {}), ...(opts.event ? { event: opts.event } : {}), ...(proponents?.length ? { proponents } : {}), ...(opts.note ? { note: opts.note } : {}) }, opts.ifMatch),
      );
      const v = r.version;
      output(opts, r, () => [`tabled draft ${r.draft} as version ${v.id} (${v.label}, ${v.date}${v.event ? `, at ${v.event}` : ''}) of ${v.document}: ${r.counts.points} points; proponents ${v.proponents.join(', ')}`, ...(r.alignment ? [`splits and merges stored as ${r.alignment}`] : [])].join('\n'));
    });

  cmd(draft, 'delete', 'discard a draft')
    .argument('<id>', 'the draft')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean }) => {
      const r = await withService(opts, (ctx, pid) => deleteDraft(ctx, pid, id));
      output(opts, r, () => `deleted draft ${id}`);
    });

  const critique = program.command('critique').description("a party's point-by-point answer to a tabled version, and what the next version did about it");
  const answersOf = (file: string | undefined) => {
    if (file === undefined) return undefined;
    const j = readJsonFile(file, 'answers');
    return (Array.isArray(j) ? j : (j as { answers?: unknown[] }).answers ?? []) as never[];
  };

  cmd(critique, 'new', 'start a critique of a tabled version for a party (confidential to it until submitted)')
    .requiredOption('--version <id>', 'the tabled version answered')
    .requiredOption('--party <id>', 'the party answering')
    .option('--answers <file>', 'JSON list of answers {provision, stance, conditions?, amendment?, note?}')
    .option('--note <text>', 'a covering note')
    .action(async (opts: { db?: string; process?: string; json?: boolean; version: string; party: string; answers?: string; note?: string }) => {
      const answers = answersOf(opts.answers);
      const r = await withService(opts, (ctx, pid) => createCritique(ctx, pid, { version: opts.version, party: opts.party, ...(answers ? { answers } : {}), ...(opts.note ? { note: opts.note } : {}) }));
      output(opts, { ...r.entity, etag: r.etag }, () => `started critique ${r.entity.id} of ${r.entity.version} for ${r.entity.party}: ${r.entity.answers.length} answer(s), not submitted`);
    });

  cmd(critique, 'list', 'list critiques')
    .option('--version <id>', 'only of this version')
    .option('--party <id>', 'only of this party')
    .action(async (opts: { db?: string; process?: string; json?: boolean; version?: string; party?: string }) => {
      const r = await withService(opts, (ctx, pid) => listCritiques(ctx, pid, { ...(opts.version ? { version: opts.version } : {}), ...(opts.party ? { party: opts.party } : {}) }));
      output(opts, r, () => (r.length ? r.map((c) => `${c.id}  ${c.party} on ${c.version}  ${c.answers.length} answer(s)  ${c.status}${c.submittedAt ? ` ${c.submittedAt}` : ''}${c.visibility === 'public' ? '  published' : ''}`).join('\n') : 'no critiques'));
    });

  cmd(critique, 'show', 'print a critique')
    .argument('<id>', 'the critique')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean }) => {
      const r = await withService(opts, (ctx, pid) => readCritique(ctx, pid, id));
      const c = r.entity;
      output(opts, { ...c, etag: r.etag }, () => [`critique ${c.id}: ${c.party} on ${c.version}, ${c.status}${c.submittedAt ? ` ${c.submittedAt}` : ''}`, ...c.answers.map((a) => `  ${a.provision}: ${a.stance}${a.conditions ? ` — conditions: ${a.conditions}` : ''}${a.amendment ? ` — proposes: “${cut(a.amendment, 140)}”` : ''}${a.note ? ` — ${a.note}` : ''}`)].join('\n'));
    });

  cmd(critique, 'save', 'replace the answers of a critique not yet submitted')
    .argument('<id>', 'the critique')
    .requiredOption('--answers <file>', 'JSON list of answers')
    .option('--if-match <tag>', 'only if the critique still carries this tag')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean; answers: string; ifMatch?: string }) => {
      const r = await withService(opts, (ctx, pid) => saveCritique(ctx, pid, id, { answers: answersOf(opts.answers)! }, opts.ifMatch));
      output(opts, { ...r.entity, etag: r.etag }, () => `saved critique ${id}: ${r.entity.answers.length} answer(s)`);
    });

  cmd(critique, 'submit', 'submit a critique to the mediator: records one position per answer, with the answer as its evidence')
    .argument('<id>', 'the critique')
    .option('--date <date>', 'submission date (default today)')
    .option('--answers <file>', 'answers to submit in place of the saved ones')
    .option('--if-match <tag>', 'only if the critique still carries this tag')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean; date?: string; answers?: string; ifMatch?: string }) => {
      const date = dateOption(opts.date, 'date');
      const answers = answersOf(opts.answers);
      const r = await withService(opts, (ctx, pid) => submitCritique(ctx, pid, id, { ...(date ? { date } : {}), ...(answers ? { answers } : {}) }, opts.ifMatch));
      output(opts, r, () => `submitted critique ${id} as of ${r.critique.submittedAt}: ${r.positions.length} position(s) recorded`);
    });

  cmd(critique, 'publish', 'make a submitted critique, its positions and evidence public')
    .argument('<id>', 'the critique')
    .action(async (id: string, opts: { db?: string; process?: string; json?: boolean }) => {
      const r = await withService(opts, (ctx, pid) => publishCritique(ctx, pid, id));
      output(opts, { ...r.entity, etag: r.etag }, () => `published critique ${id}`);
    });

  cmd(critique, 'response', 'what a version did about each answer to the version before it')
    .argument('<version>', 'the new version')
    .option('--format <format>', 'text (default), md or csv')
    .action(async (version: string, opts: { db?: string; process?: string; json?: boolean; format?: string }) => {
      const f = opts.format ?? 'text';
      if (!['text', 'md', 'csv'].includes(f)) throw new AccordError('usage', `--format must be text, md or csv, not "${f}"`, { field: 'format' });
      if (f !== 'text') {
        process.stdout.write((await withService(opts, (ctx, pid) => responseOf(ctx, pid, version, f as 'md' | 'csv'))) as string);
        return;
      }
      const r = (await withService(opts, (ctx, pid) => responseOf(ctx, pid, version))) as ResponseView;
      output(opts, r, () => renderResponse(r));
    });
}
