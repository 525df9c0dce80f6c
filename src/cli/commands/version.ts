/**
 * `accord version add FILE --document ID` and `accord document add --id ID --title T --kind K`:
 * bring further texts into a stored process — a new version of a document (v2 after a round), or a
 * new document that amends another (a counter-proposal) with its first version.
 *
 * A new version's lineage ids are carried across from the version it is based on (see
 * src/text/lineage.ts): `--based-on`, else the latest version of the same document dated on or before
 * it, else the latest such version of the document it amends. Versions are immutable: an existing
 * id is a `conflict`.
 */
import type { Command } from 'commander';
import { compareIsoDates, isOnOrBefore, todayIso } from '../../model/dates.js';
import { conflict, invalid, notFound } from '../../model/errors.js';
import { type Alignment, Document, DocumentKind, type ProcessData, type Version, Version as VersionSchema, walkProvisions } from '../../model/schemas.js';
import type { PutItem, ChangeContext, Store } from '../../store/store.js';
import type { AlignmentOverride, ChangeKind } from '../../text/align.js';
import { carryLineage } from '../../text/lineage.js';
import { parsePlan } from '../../text/parse.js';
import type { ParseWarning } from '../../text/types.js';
import { cut } from '../format.js';
import { chooseProcess, cliActor, dateOption, output, withJson, withStore, withStoreOptions } from '../common.js';
import { readOverrides } from './compare.js';
import { formatOf, readPlanFile } from './parse.js';

/** What to add with {@link addVersion}. */
export interface AddVersionInput {
  /** Plan file: text, Markdown or .docx. */
  file: string;
  document: string;
  /** Version id (default `<document>-v<n>`, n = the document's version count + 1, bumped until free). */
  id?: string;
  /** Default `v<n>`. */
  label?: string;
  /** ISO date tabled (default today). */
  date?: string;
  /** Version it revises; `false` for none (no lineage carried); default as in the module doc. */
  basedOn?: string | false;
  /** Parties that tabled it (default: the document's proponents). */
  proponents?: string[];
  note?: string;
  /** `text` or `markdown` (default from the file name and content). */
  format?: string;
  /** Person-confirmed pairs between the base and the new text; stored as the pair's alignment decisions. */
  overrides?: AlignmentOverride[];
}

/** What {@link addVersion} reports. */
export interface AddVersionResult {
  version: { id: string; document: string; label: string; date: string; basedOn: string | null; proponents: string[] };
  /** Points (and top-level nodes) in the new text, and all provisions. */
  counts: { points: number; provisions: number };
  /** Provisions that inherited a lineage id from the base, and those given a new one. */
  lineage: { inherited: number; fresh: number };
  /** Point pairs per change kind against the base (empty without a base). */
  changes: Partial<Record<ChangeKind, number>>;
  /** Id of the stored alignment decisions, when overrides were given. */
  alignment: string | null;
  warnings: ParseWarning[];
}

/** Id of the alignment-decisions record of an ordered pair of versions. */
export function alignmentId(from: string, to: string): string {
  return `${from}--${to}`;
}

/** The version a new version of `doc` dated `date` is based on by default (see module doc). */
export function defaultBase(data: ProcessData, doc: Document, date: string): Version | undefined {
  const latest = (documentId: string) =>
    data.versions
      .filter((v) => v.document === documentId && isOnOrBefore(v.date, date))
      .sort((a, b) => compareIsoDates(a.date, b.date))
      .at(-1);
  return latest(doc.id) ?? (doc.amends ? latest(doc.amends) : undefined);
}

function checkParties(data: ProcessData, ids: string[], field: string): void {
  const known = new Set(data.parties.map((p) => p.id));
  const bad = ids.filter((p) => !known.has(p));
  if (bad.length) throw invalid(`unknown party "${bad[0]}" (known: ${[...known].join(', ')})`, { field });
}

/**
 * Parse a plan file and store it as a new immutable version of a document of process `pid`, with
 * lineage carried from its base. Throws `not_found` (document, base version, file), `invalid_input`
 * (date, party, empty text, bad overrides), `conflict` (the version id exists).
 */
export async function addVersion(store: Store, pid: string, input: AddVersionInput, ctx: ChangeContext): Promise<AddVersionResult> {
  const data = await store.loadProcess(pid);
  const doc = data.documents.find((d) => d.id === input.document);
  if (!doc) throw notFound(`no document "${input.document}" in process "${pid}"; add it first with \`accord document add\``, { field: 'document' });
  const date = (await dateOption(input.date, 'date')) ?? todayIso();
  const own = data.versions.filter((v) => v.document === doc.id);
  let n = own.length + 1;
  let id = input.id;
  if (id === undefined) {
    while (data.versions.some((v) => v.id === `${doc.id}-v${n}`)) n++;
    id = `${doc.id}-v${n}`;
  } else if (data.versions.some((v) => v.id === id)) {
    throw conflict(`version "${id}" already exists and versions are immutable; choose another --id`, { field: 'id' });
  }
  let base: Version | undefined;
  if (typeof input.basedOn === 'string') {
    base = data.versions.find((v) => v.id === input.basedOn);
    if (!base) throw notFound(`no version "${input.basedOn}" to base the new version on`, { field: 'based-on' });
  } else if (input.basedOn !== false) base = defaultBase(data, doc, date);
  const proponents = input.proponents?.length ? input.proponents : doc.proponents;
  checkParties(data, proponents, 'proponent');
  if (input.overrides?.length && !base) throw invalid('overrides need a version to align with; give --based-on', { field: 'overrides' });

  const text = await readPlanFile(input.file);
  const parsed = parsePlan(text, { format: formatOf(input.file, input.format) });
  if (!parsed.provisions.length) throw invalid('no provisions found in the text', { file: input.file });
  const taken = new Set<string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) taken.add(p.lineage);
  const carried = carryLineage(base?.provisions ?? null, parsed.provisions, doc.id, { source: text, taken, overrides: input.overrides });
  const version = VersionSchema.parse({
    id,
    document: doc.id,
    label: input.label ?? `v${n}`,
    date,
    proponents,
    ...(base ? { basedOn: base.id } : {}),
    ...(input.note ? { note: input.note } : {}),
    provisions: carried.provisions,
  });
  // The version and its alignment decisions land together or not at all.
  let alignment: string | null = null;
  const writes: PutItem[] = [{ kind: 'versions', entity: version }];
  if (base && input.overrides?.length) {
    const record: Alignment = { id: alignmentId(base.id, version.id), from: base.id, to: version.id, overrides: input.overrides };
    writes.push({ kind: 'alignments', entity: record as PutItem['entity'] });
    alignment = record.id;
  }
  await store.putMany(pid, writes, ctx);
  const all = [...walkProvisions(version.provisions)];
  return {
    version: { id: version.id, document: doc.id, label: version.label, date, basedOn: base?.id ?? null, proponents },
    counts: { points: all.filter((p) => p.kind === 'point').length, provisions: all.length },
    lineage: { inherited: carried.inherited, fresh: carried.fresh },
    changes: carried.changes,
    alignment,
    warnings: parsed.warnings,
  };
}

/** What to add with {@link addDocument}. */
export interface AddDocumentInput {
  id: string;
  title: string;
  kind: string;
  amends?: string;
  proponents?: string[];
  description?: string;
}

/**
 * Store a new document (without versions). Throws `invalid_input` (id, kind, party), `not_found`
 * (the amended document) and `conflict` (the id exists).
 */
export async function addDocument(store: Store, pid: string, input: AddDocumentInput, ctx: ChangeContext): Promise<Document> {
  const data = await store.loadProcess(pid);
  const r = Document.safeParse({ ...input, proponents: input.proponents ?? [] });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || 'document';
    const message = field === 'kind' ? `expected one of ${DocumentKind.options.join(', ')}` : issue.message;
    throw invalid(message, { field });
  }
  const doc = r.data;
  if (data.documents.some((d) => d.id === doc.id)) throw conflict(`document "${doc.id}" already exists in process "${pid}"`, { field: 'id' });
  if (doc.amends !== undefined && !data.documents.some((d) => d.id === doc.amends)) throw notFound(`no document "${doc.amends}" to amend`, { field: 'amends' });
  checkParties(data, doc.proponents, 'proponent');
  await store.put(pid, 'documents', doc, ctx);
  return doc;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Human summary of {@link addVersion}. */
export function renderAddVersion(r: AddVersionResult, file: string): string {
  const v = r.version;
  const lines = [`added version ${v.id} (${v.label}, ${v.date}) of document ${v.document}: ${r.counts.points} points, ${r.counts.provisions} provisions`];
  if (v.basedOn) {
    const kinds = Object.entries(r.changes).map(([k, n]) => `${n} ${k}`).join(', ');
    lines.push(`based on ${v.basedOn}: ${kinds}`);
    lines.push(`lineage: ${r.lineage.inherited} provisions carried across, ${r.lineage.fresh} new`);
  } else lines.push(`no earlier version to align with: ${r.lineage.fresh} new lineage ids`);
  if (r.alignment) lines.push(`alignment decisions stored as ${r.alignment}`);
  for (const w of r.warnings) lines.push(`  warning: ${file}:${w.line}: ${w.code}: ${cut(w.message, 160)}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  const version = program.command('version').description('add versions of the texts of the process');
  withJson(
    withStoreOptions(
      version
        .command('add')
        .description('import a plan file (text, Markdown or .docx) as a new immutable version of a document; lineage ids are carried across from the version it is based on')
        .argument('<file>', 'the plan file')
        .requiredOption('--document <id>', 'the document this is a version of (see `accord plan list`)')
        .option('--id <id>', 'version id (default <document>-v<n>)')
        .option('--label <label>', 'human label, e.g. "after Geneva" (default v<n>)')
        .option('--date <date>', 'ISO date tabled or published (default today)')
        .option('--based-on <version>', 'the version it revises (default: latest earlier version of the document, or of the document it amends)')
        .option('--no-based-on', 'align with no earlier version (every provision gets a new lineage id)')
        .option('--proponent <party...>', 'parties that tabled it (default: the document\'s proponents)', collect)
        .option('--note <text>', 'a note on the source of the text')
        .option('--format <format>', 'text or markdown (default: from the file name and content)')
        .option('--overrides <file>', 'JSON array of person-confirmed pairs {from, to, change} against the base; stored with the version'),
    ),
  ).action(async (file: string, opts: { db?: string; process?: string; json?: boolean; document: string; id?: string; label?: string; date?: string; basedOn?: string | boolean; proponent?: string[]; note?: string; format?: string; overrides?: string }) => {
    const overrides = opts.overrides ? readOverrides(opts.overrides) : undefined;
    const r = await withStore(opts, async (store) =>
      addVersion(
        store,
        await chooseProcess(store, opts),
        {
          file,
          document: opts.document,
          id: opts.id,
          label: opts.label,
          date: opts.date,
          basedOn: opts.basedOn === false ? false : typeof opts.basedOn === 'string' ? opts.basedOn : undefined,
          proponents: opts.proponent?.flatMap((p) => p.split(',')).filter(Boolean),
          note: opts.note,
          format: opts.format,
          overrides,
        },
        { actor: cliActor() },
      ),
    );
    output(opts, r, () => renderAddVersion(r, file));
  });

  const document = program.command('document').description('add documents (plans, frameworks, counter-proposals) to the process');
  withJson(
    withStoreOptions(
      document
        .command('add')
        .description('add a document; then import its text with `accord version add FILE --document ID`')
        .requiredOption('--id <id>', 'document id (letters, digits, ".", "_", "-")')
        .requiredOption('--title <title>', 'title')
        .requiredOption('--kind <kind>', DocumentKind.options.join(', '))
        .option('--amends <document>', 'the document this one amends (a counter-proposal amends a plan)')
        .option('--proponent <party...>', 'parties that put it forward', collect)
        .option('--description <text>', 'a short description'),
    ),
  ).action(async (opts: { db?: string; process?: string; json?: boolean; id: string; title: string; kind: string; amends?: string; proponent?: string[]; description?: string }) => {
    const doc = await withStore(opts, async (store) =>
      addDocument(
        store,
        await chooseProcess(store, opts),
        { id: opts.id, title: opts.title, kind: opts.kind, amends: opts.amends, proponents: opts.proponent?.flatMap((p) => p.split(',')).filter(Boolean), description: opts.description },
        { actor: cliActor() },
      ),
    );
    output(opts, doc, () => `added document ${doc.id} (${doc.kind}${doc.amends ? `, amends ${doc.amends}` : ''}): ${doc.title}`);
  });
}

