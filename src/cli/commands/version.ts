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
import { AccordError, toAccordError } from '../../model/errors.js';
import { DocumentKind, type Document } from '../../model/schemas.js';
import { localContext } from '../../services/context.js';
import { type AddDocumentInput, addDocument as addDocumentService, type AddVersionResult, addVersion as addVersionService } from '../../services/versions.js';
import type { ChangeContext, Store } from '../../store/store.js';
import type { AlignmentOverride } from '../../text/align.js';
import { cut } from '../format.js';
import { dateOption, output, withJson, withService, withStoreOptions } from '../common.js';
import { readOverrides } from './compare.js';
import { formatOf, readPlanFile } from './parse.js';

export type { AddDocumentInput, AddVersionResult };
export { alignmentId, defaultBase } from '../../services/versions.js';

/** What to add with {@link addVersion}: the service's input, with the text read from a file. */
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
  /** Version it revises; `false` for none (no lineage carried); default as in the service. */
  basedOn?: string | false;
  /** Parties that tabled it (default: the document's proponents). */
  proponents?: string[];
  note?: string;
  /** `text` or `markdown` (default from the file name and content). */
  format?: string;
  /** Person-confirmed pairs between the base and the new text; stored as the pair's alignment decisions. */
  overrides?: AlignmentOverride[];
}

/** The service's field names → this command's option names, for messages. */
const OPTION_OF: Record<string, string> = { basedOn: 'based-on', proponents: 'proponent' };

/** Re-throw an AccordError with its field named as the command's option (`basedOn` → `based-on`). */
function asOptions(err: unknown): never {
  const e = toAccordError(err);
  const field = e.location.field;
  const root = field?.replace(/[[.].*$/, '');
  if (field === undefined || root === undefined || !(root in OPTION_OF)) throw e;
  throw new AccordError(e.code, e.message, { ...e.location, field: OPTION_OF[root] }, e.details);
}

/**
 * Read a plan file and add it as a new immutable version (src/services/versions.ts holds the
 * rules). Throws what the service throws, with fields named as the command's options, and
 * `not_found` for a missing file.
 */
export async function addVersion(store: Store, pid: string, input: AddVersionInput, ctx: ChangeContext): Promise<AddVersionResult> {
  const date = await dateOption(input.date, 'date');
  const text = await readPlanFile(input.file);
  const { file, format, ...rest } = input;
  return addVersionService(localContext(store, ctx.actor), pid, { ...rest, ...(date ? { date } : {}), text, format: formatOf(file, format) }, { source: file }).catch(asOptions);
}

/** Store a new document (src/services/versions.ts), with fields named as the command's options. */
export async function addDocument(store: Store, pid: string, input: AddDocumentInput, ctx: ChangeContext): Promise<Document> {
  return addDocumentService(localContext(store, ctx.actor), pid, input).catch(asOptions);
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
    const r = await withService(opts, async (ctx, pid) =>
      addVersion(
        ctx.store,
        pid,
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
        ctx,
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
    const doc = await withService(opts, (ctx, pid) =>
      addDocument(ctx.store, pid, { id: opts.id, title: opts.title, kind: opts.kind, amends: opts.amends, proponents: opts.proponent?.flatMap((p) => p.split(',')).filter(Boolean), description: opts.description }, ctx),
    );
    output(opts, doc, () => `added document ${doc.id} (${doc.kind}${doc.amends ? `, amends ${doc.amends}` : ''}): ${doc.title}`);
  });
}

