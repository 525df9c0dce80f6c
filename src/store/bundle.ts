/**
 * Process bundles: a folder of YAML and Markdown files holding one process (format in
 * docs/bundle.md). {@link readBundle} validates everything and reports every problem with its file,
 * line and field; {@link writeBundle} writes a bundle that reads back to the same data.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { LineCounter, type Document as YamlDocument, isNode, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { AccordError, type ErrorDetail } from '../model/errors.js';
import { inputLimits, type InputLimits, readLimit } from '../model/limits.js';
import { readBoundedFile, yamlValue } from './bounded-read.js';
import { entityRefProblems, refIndex } from '../model/references.js';
import { fieldPath, issueMessage } from '../model/validation.js';
import {
  Alignment,
  Critique,
  Draft,
  Document,
  Event,
  Evidence,
  Id,
  IsoDate,
  Party,
  Person,
  Position,
  Process,
  type ProcessData,
  Report,
  Source,
  TextStatus,
  Version,
} from '../model/schemas.js';
import { parsePlan } from '../text/parse.js';
import { renderPlanMarkdown } from '../text/render.js';
import { type ProvisionMeta, metaOf, toProvisions } from '../text/provisions.js';

/** A non-fatal remark met while reading a bundle (e.g. a parser warning in a version's text). */
export interface BundleWarning {
  file: string;
  line?: number;
  message: string;
}

const ProvisionMetaSchema = z.object({
  lineage: Id.optional(),
  topics: z.array(z.string()).optional(),
  status: TextStatus.optional(),
  bracketProponents: z.array(z.array(Id)).optional(),
  alternativeProponents: z.record(z.string(), z.array(Id)).optional(),
});

/** A version as written in documents.yaml: metadata plus the path of its Markdown text. */
const VersionEntry = z.object({
  id: Id,
  label: z.string().min(1),
  date: IsoDate,
  proponents: z.array(Id).default([]),
  basedOn: Id.nullish(),
  note: z.string().optional(),
  text: z.string().min(1),
  provisions: z.record(z.string(), ProvisionMetaSchema).default({}),
});

/** A document as written in documents.yaml. */
const DocumentEntry = z.object({
  id: Id,
  title: z.string().min(1),
  kind: Document.shape.kind,
  proponents: z.array(Id).default([]),
  amends: Id.nullish(),
  description: z.string().optional(),
  visibility: Document.shape.visibility,
  versions: z.array(VersionEntry).default([]),
});

const LIST_FILES = {
  parties: Party,
  persons: Person,
  sources: Source,
  evidence: Evidence,
  positions: Position,
  events: Event,
  alignments: Alignment,
  drafts: Draft,
  critiques: Critique,
} as const;

/** A parsed YAML file; `doc` and `lc` (node positions) only when read by the exact parser. */
interface LoadedYaml {
  file: string;
  doc?: YamlDocument.Parsed;
  lc?: LineCounter;
  value: unknown;
}

/** 1-based line of the node at `p` in a YAML document, walking up the path until a node exists. */
function lineOf(y: LoadedYaml, p: readonly PropertyKey[]): number | undefined {
  if (!y.doc || !y.lc) return undefined;
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? y.doc.contents : y.doc.getIn(p.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return y.lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Run `fn` for each, collecting AccordErrors' details. */
class Problems {
  list: ErrorDetail[] = [];
  add(d: ErrorDetail) {
    this.list.push(d);
  }
  fromZod(y: LoadedYaml, base: PropertyKey[], err: z.ZodError) {
    for (const issue of err.issues) {
      const p = [...base, ...issue.path];
      this.add({ file: y.file, line: lineOf(y, p), field: fieldPath(p), message: issueMessage(issue) });
    }
  }
}

/**
 * Plain scalars on which js-yaml's core schema and the YAML 1.2 core schema of `yaml` disagree
 * (binary `0b1`, signed hexadecimal `+0x1F`, signed leading-dot floats `+.5`), and aliases (`*a`,
 * whose expansion only `yaml` bounds): a node starting with one of them, after an indicator or at a
 * line's start, sends the file to the exact parser. Quoted text that happens to match only costs time.
 */
const NEEDS_EXACT = /(?:^|[:\-[,{?])[ \t]*(?:\*|[+-]?0b|\+0x|[+-]\.\d)/m;

/**
 * Read one YAML file of a bundle. `fast` parses with js-yaml (core schema: several times quicker
 * than `yaml` and without a syntax tree in memory, so no line numbers); a file it cannot read, or
 * one {@link NEEDS_EXACT} matches, is read by `yaml` with positions, which is also the parser of
 * every non-fast read.
 */
function loadYaml(dir: string, name: string, problems: Problems, required: boolean, limits: InputLimits, fast: boolean): LoadedYaml | undefined {
  const full = path.join(dir, name);
  if (!existsSync(full)) {
    if (required) problems.add({ file: name, message: `missing file: a bundle needs ${name}` });
    return undefined;
  }
  const text = readBoundedFile(full, 'YAML file', readLimit(limits, 'fileBytes'), name).toString('utf8');
  if (fast && !NEEDS_EXACT.test(text)) {
    try {
      return { file: name, value: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: name }) ?? null };
    } catch {
      // the exact parser below names what is wrong, with its line
    }
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    // After one syntax error the parser's later errors mostly follow from it (one bad indent gave
    // thousands): name the first, with its column, and only count the rest.
    const first = doc.errors[0]!;
    const more = doc.errors.length - 1;
    const what = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const column = first.linePos?.[0]?.col;
    problems.add({
      file: name,
      line: first.linePos?.[0]?.line,
      message:
        `YAML syntax error${column ? ` at column ${column}` : ''}: ${what}` +
        (more ? ` (and ${more} more syntax error${more === 1 ? '' : 's'} after it, which usually follow from this one)` : ''),
    });
    return undefined;
  }
  return { file: name, doc, lc, value: yamlValue(doc, name, limits.yamlAliases) };
}

/**
 * Read and validate the bundle in `dir`. Returns the process data and non-fatal warnings.
 * Throws `invalid_input` listing every problem (file, line, field, what was expected) when
 * anything is wrong, `not_found` when `dir` is not a folder, and `too_large` when a file is larger
 * than `limits` allow (checked before it is read) or a YAML file expands too many aliases.
 * The YAML is first read by js-yaml (see {@link loadYaml}); `opts.exact` reads it with `yaml` only
 * (the reference the fast path is tested against).
 */
export function readBundle(
  dir: string,
  limits: InputLimits = inputLimits(process.env),
  opts: { exact?: boolean } = {},
): { data: ProcessData; warnings: BundleWarning[] } {
  if (opts.exact) return readBundleOnce(dir, limits, false);
  // A first pass with the fast parser; any problem at all and the bundle is read again with the
  // exact one, so what a user is told (files, lines, fields) never depends on the fast path.
  try {
    return readBundleOnce(dir, limits, true);
  } catch (e) {
    if (e instanceof AccordError && e.code === 'invalid_input') return readBundleOnce(dir, limits, false);
    throw e;
  }
}

function readBundleOnce(dir: string, limits: InputLimits, fast: boolean): { data: ProcessData; warnings: BundleWarning[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AccordError('not_found', `bundle folder "${dir}" does not exist`, { file: dir });
  }
  const problems = new Problems();
  const warnings: BundleWarning[] = [];

  const procY = loadYaml(dir, 'process.yaml', problems, true, limits, fast);
  let proc: Process | undefined;
  if (procY) {
    const r = Process.safeParse(procY.value);
    if (r.success) proc = r.data;
    else problems.fromZod(procY, [], r.error);
  }

  const lists: Record<string, unknown[]> = {};
  const yamls: Record<string, LoadedYaml> = {};
  for (const [kind, schema] of Object.entries(LIST_FILES)) {
    const y = loadYaml(dir, `${kind}.yaml`, problems, false, limits, fast);
    lists[kind] = [];
    if (!y) continue;
    yamls[kind] = y;
    const value = y.value ?? [];
    if (!Array.isArray(value)) {
      problems.add({ file: y.file, line: lineOf(y, []), message: `expected a list of ${kind} (YAML sequence)` });
      continue;
    }
    value.forEach((item, i) => {
      const r = (schema as z.ZodType).safeParse(item);
      if (r.success) lists[kind]!.push(r.data);
      else problems.fromZod(y, [i], r.error);
    });
  }

  // Documents and their versions (texts parsed from Markdown).
  const documents: Document[] = [];
  const versions: Version[] = [];
  const docsY = loadYaml(dir, 'documents.yaml', problems, false, limits, fast);
  const versionLine = new Map<string, { y: LoadedYaml; path: PropertyKey[] }>();
  if (docsY) {
    const value = docsY.value ?? [];
    if (!Array.isArray(value)) problems.add({ file: docsY.file, message: 'expected a list of documents (YAML sequence)' });
    else
      value.forEach((item, i) => {
        const r = DocumentEntry.safeParse(item);
        if (!r.success) return problems.fromZod(docsY, [i], r.error);
        const d = r.data;
        const { versions: vs, ...rest } = d;
        documents.push(Document.parse({ ...rest, amends: rest.amends ?? undefined }));
        vs.forEach((v, j) => {
          const at: PropertyKey[] = [i, 'versions', j];
          versionLine.set(v.id, { y: docsY, path: at });
          const textFile = path.join(dir, v.text);
          if (!existsSync(textFile)) {
            problems.add({ file: docsY.file, line: lineOf(docsY, [...at, 'text']), field: fieldPath([...at, 'text']), message: `missing file: text "${v.text}" not found in the bundle` });
            return;
          }
          const parsed = parsePlan(readBoundedFile(textFile, 'version text', readLimit(limits, 'textBytes'), v.text).toString('utf8'), { format: 'markdown' });
          for (const w of parsed.warnings) warnings.push({ file: v.text, line: w.line, message: `${w.code}: ${w.message}` });
          const { provisions, unusedMeta } = toProvisions(parsed.provisions, d.id, v.provisions as Record<string, ProvisionMeta>);
          for (const k of unusedMeta) {
            problems.add({ file: docsY.file, line: lineOf(docsY, [...at, 'provisions', k]), field: fieldPath([...at, 'provisions', k]), message: `no provision with key "${k}" in ${v.text}` });
          }
          const vr = Version.safeParse({
            id: v.id,
            document: d.id,
            label: v.label,
            date: v.date,
            proponents: v.proponents,
            basedOn: v.basedOn ?? undefined,
            note: v.note,
            provisions,
          });
          if (vr.success) versions.push(vr.data);
          else problems.fromZod(docsY, at, vr.error);
        });
      });
  }

  const reports = readReports(dir, problems, limits, fast);
  if (reports.yaml) yamls.reports = reports.yaml;

  // Negotiation domain: opaque here, validated by the analysis module when present.
  const domains: Record<string, unknown>[] = [];
  const domY = loadYaml(dir, 'domain.yaml', problems, false, limits, fast);
  if (domY) {
    if (!domY.value || typeof domY.value !== 'object' || Array.isArray(domY.value)) {
      problems.add({ file: domY.file, message: 'expected a negotiation domain (YAML mapping)' });
    } else {
      const v = domY.value as Record<string, unknown>;
      domains.push({ id: typeof v.id === 'string' ? v.id : 'domain', ...v });
    }
  }

  const data: ProcessData = {
    process: proc ?? { id: 'invalid', name: 'invalid' },
    parties: lists.parties as Party[],
    persons: lists.persons as Person[],
    documents,
    versions,
    sources: lists.sources as Source[],
    evidence: lists.evidence as Evidence[],
    positions: lists.positions as Position[],
    events: lists.events as Event[],
    domains,
    alignments: lists.alignments as Alignment[],
    reports: reports.list,
    ...(lists.drafts!.length ? { drafts: lists.drafts as Draft[] } : {}),
    ...(lists.critiques!.length ? { critiques: lists.critiques as Critique[] } : {}),
  };
  // References are checked only once every file reads and validates: an item dropped for a syntax or
  // shape error would otherwise bury the real cause under hundreds of "unknown …" follow-ons.
  if (problems.list.length === 0) checkReferences(data, yamls, docsY, versionLine, problems);
  if (problems.list.length) {
    const n = problems.list.length;
    throw new AccordError('invalid_input', `bundle "${dir}" has ${n} problem${n === 1 ? '' : 's'}; nothing was imported`, { file: dir }, problems.list);
  }
  return { data, warnings };
}

/** Check every cross-reference (party, person, source, evidence, version, lineage ids). */
function checkReferences(
  data: ProcessData,
  yamls: Record<string, LoadedYaml>,
  docsY: LoadedYaml | undefined,
  versionLine: Map<string, { y: LoadedYaml; path: PropertyKey[] }>,
  problems: Problems,
): void {
  const idx = refIndex(data);
  const dup = (kind: string, xs: { id: string }[]) => {
    const seen = new Set<string>();
    xs.forEach((x, i) => {
      if (seen.has(x.id)) {
        const y = yamls[kind];
        problems.add({ file: `${kind}.yaml`, line: y ? lineOf(y, [i, 'id']) : undefined, field: `[${i}].id`, message: `duplicate id "${x.id}"` });
      }
      seen.add(x.id);
    });
  };
  for (const k of ['parties', 'persons', 'sources', 'evidence', 'positions', 'events', 'alignments', 'reports', 'drafts', 'critiques'] as const) dup(k, data[k] ?? []);
  // Every list file's references, by the one set of rules (src/model/references.ts), located in its YAML.
  for (const kind of ['persons', 'evidence', 'positions', 'events', 'alignments', 'reports', 'drafts', 'critiques'] as const) {
    const y = yamls[kind];
    (data[kind] ?? []).forEach((e, i) => {
      for (const p of entityRefProblems(kind, e, idx)) {
        const full = [i, ...p.path];
        problems.add({ file: `${kind}.yaml`, line: y ? lineOf(y, full) : undefined, field: fieldPath(full), message: p.message });
      }
    });
  }
  if (docsY) {
    data.documents.forEach((d, i) => {
      for (const p of entityRefProblems('documents', d, idx)) problems.add({ file: docsY.file, line: lineOf(docsY, [i, ...p.path]), field: fieldPath([i, ...p.path]), message: p.message });
    });
    const seen = new Set<string>();
    for (const v of data.versions) {
      const at = versionLine.get(v.id);
      const where = (p: PropertyKey[]) => (at ? { line: lineOf(at.y, [...at.path, ...p]), field: fieldPath([...at.path, ...p]) } : { field: fieldPath(p) });
      if (seen.has(v.id)) problems.add({ file: docsY.file, ...where(['id']), message: `duplicate version id "${v.id}"` });
      seen.add(v.id);
      for (const p of entityRefProblems('versions', v, idx)) problems.add({ file: docsY.file, ...where(p.path), message: p.message });
    }
  }
}

/** A report as written in reports.yaml: the model's Report with its text in a file of the bundle. */
const ReportEntry = Report.omit({ text: true }).extend({ file: z.string().min(1) });

/** File of a report's text inside the bundle. */
function reportTextPath(reportId: string): string {
  return `reports/${reportId}.txt`;
}

/** Reports of the review queue: reports.yaml (optional) and each report's text file, read byte for byte. */
function readReports(dir: string, problems: Problems, limits: InputLimits, fast: boolean): { list: Report[]; yaml?: LoadedYaml } {
  const list: Report[] = [];
  const y = loadYaml(dir, 'reports.yaml', problems, false, limits, fast);
  if (!y) return { list };
  const value = y.value ?? [];
  if (!Array.isArray(value)) {
    problems.add({ file: y.file, line: lineOf(y, []), message: 'expected a list of reports (YAML sequence)' });
    return { list, yaml: y };
  }
  value.forEach((item, i) => {
    const r = ReportEntry.safeParse(item);
    if (!r.success) return problems.fromZod(y, [i], r.error);
    const { file, ...rest } = r.data;
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      problems.add({ file: y.file, line: lineOf(y, [i, 'file']), field: fieldPath([i, 'file']), message: `missing file: report text "${file}" not found in the bundle` });
      return;
    }
    const text = readBoundedFile(full, 'report text', readLimit(limits, 'textBytes'), file).toString('utf8');
    rest.proposals.forEach((p, j) => {
      if (p.span[0] > p.span[1] || p.span[1] > text.length) {
        problems.add({ file: y.file, line: lineOf(y, [i, 'proposals', j, 'span']), field: fieldPath([i, 'proposals', j, 'span']), message: `span [${p.span[0]}, ${p.span[1]}] lies outside the report text (${text.length} characters)` });
      }
    });
    list.push({ ...rest, text });
  });
  return { list, yaml: y };
}

/** Version file name inside `texts/`. */
function textPath(versionId: string): string {
  return `texts/${versionId}.md`;
}

/** YAML text of a value, with a one-line header comment. */
function yamlFile(header: string, value: unknown): string {
  return `# ${header}\n` + stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * Write `data` as a bundle into `dir` (created when missing; existing bundle files are overwritten).
 * Version texts are rendered as canonical Markdown with per-provision metadata in documents.yaml.
 */
export function writeBundle(dir: string, data: ProcessData): string[] {
  mkdirSync(path.join(dir, 'texts'), { recursive: true });
  const written: string[] = [];
  const put = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content, 'utf8');
    written.push(name);
  };
  put('process.yaml', yamlFile('Accord process', data.process));
  put('parties.yaml', yamlFile('Parties: id, name, short, role, aliases', data.parties));
  put('persons.yaml', yamlFile('Persons: id, name, aliases, memberships', data.persons));
  put('sources.yaml', yamlFile('Sources: id, url, outlet, title, publishedAt', data.sources));
  const docs = data.documents.map((d) => ({
    ...d,
    versions: data.versions
      .filter((v) => v.document === d.id)
      .map((v) => {
        const meta = metaOf(v.provisions, d.id);
        const entry: Record<string, unknown> = { id: v.id, label: v.label, date: v.date, proponents: v.proponents };
        if (v.basedOn !== undefined) entry.basedOn = v.basedOn;
        if (v.note !== undefined) entry.note = v.note;
        entry.text = textPath(v.id);
        if (Object.keys(meta).length) entry.provisions = meta;
        return entry;
      }),
  }));
  put('documents.yaml', yamlFile('Documents and their versions (texts in texts/)', docs));
  for (const v of data.versions) put(textPath(v.id), renderPlanMarkdown(v.provisions));
  put('evidence.yaml', yamlFile('Evidence: who said what, when, for whom, from which sources', data.evidence));
  put('positions.yaml', yamlFile('Positions: party x provision lineage, stance as of a date', data.positions));
  put('events.yaml', yamlFile('Events of the diplomatic record', data.events));
  if (data.alignments?.length) put('alignments.yaml', yamlFile('Alignment decisions: overrides applied whenever two versions are aligned again', data.alignments));
  if (data.domains.length) put('domain.yaml', yamlFile('Negotiation domain', data.domains[0]));
  if (data.drafts?.length) put('drafts.yaml', yamlFile("Drafts of next versions (the mediator's team's only): point trees with lineage ids", data.drafts));
  if (data.critiques?.length) put('critiques.yaml', yamlFile("Parties' critiques of tabled versions, point by point", data.critiques));
  if (data.reports?.length) {
    mkdirSync(path.join(dir, 'reports'), { recursive: true });
    const entries = data.reports.map(({ text, ...rest }) => {
      put(reportTextPath(rest.id), text);
      return { ...rest, file: reportTextPath(rest.id) };
    });
    put('reports.yaml', yamlFile('Review queue: ingested reports and their proposals (texts in reports/)', entries));
  }
  return written;
}
