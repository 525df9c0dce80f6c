/**
 * `accord compare A B`: align two versions of a text point by point and print the pairs, as a
 * terminal redline or as JSON (`--json`, the CLI contract):
 * `{"pairs":[{"from":[…],"to":[…],"change":…,"similarity":…}]}` with keys `21`, `#4` (the 4th
 * unnumbered point) and `21.a`; merged and split pairs also carry `parts`.
 *
 * A and B are plan files (text, Markdown, .docx) or ids of versions stored in the process chosen
 * with `--db`/`--process`. Between two stored versions the rules are src/services/alignments.ts:
 * the person-confirmed pairs kept in the process's alignment decisions are applied first, then
 * provisions sharing a stored lineage id, then similarity; `--confirm`, `--override` and `--forget`
 * change the decisions (each change is audited). Between files, only `--overrides FILE` applies.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import type { Alignment } from '../../model/schemas.js';
import { alignment, CHANGE_KINDS, type AlignmentOverride, type AlignmentPair, type AlignmentResult, type ChangeKind } from '../../text/align.js';
import { redline } from '../../text/diff.js';
import { parsePlan } from '../../text/parse.js';
import type { ParsedProvision } from '../../text/types.js';
import type { Provision } from '../../model/schemas.js';
import { alignStored, mergeOverrides } from '../../services/alignments.js';
import { chooseProcess, dbTarget, output, useColor, withJson, withService, withStore, withStoreOptions, type StoreOptions } from '../common.js';
import { readDataFile } from '../read-input.js';
import { formatOf, readPlanFile } from './parse.js';

/** A version to compare: its provisions and, when it came from a file, the raw text. */
export interface CompareInput {
  provisions: (ParsedProvision | Provision)[];
  source?: string;
  label: string;
  /** Set when the input is a stored version: its id and process. */
  versionId?: string;
  processId?: string;
}

/**
 * The version `id` of the process chosen by `--db`/`--process`, or null when there is no such
 * version. A SQLite file that does not exist is not created (null).
 */
export async function storeVersionResolver(id: string, opts: StoreOptions): Promise<CompareInput | null> {
  const target = dbTarget(opts);
  if (!/^postgres(ql)?:\/\//.test(target) && target !== ':memory:' && !existsSync(target)) return null;
  return withStore(opts, async (store) => {
    const processId = await chooseProcess(store, opts);
    const v = await store.get(processId, 'versions', id);
    return v ? { provisions: v.provisions, label: id, versionId: v.id, processId } : null;
  });
}

/** Read one side of the comparison: an existing file, else a stored version id. */
export async function loadCompareInput(arg: string, opts: { format?: string } & StoreOptions = {}): Promise<CompareInput> {
  if (existsSync(arg)) {
    const text = await readPlanFile(arg);
    return { provisions: parsePlan(text, { format: formatOf(arg, opts.format) }).provisions, source: text, label: arg };
  }
  const v = await storeVersionResolver(arg, opts);
  if (v) return v;
  throw new AccordError('not_found', `"${arg}" is neither a file nor a known version id`, { file: arg });
}

/** Parse a side of `FROM=TO`: provision keys or lineage ids joined by `+` (or `,`); empty for none. */
function side(s: string): string[] {
  return s.split(/[+,]/).map((x) => x.trim()).filter(Boolean);
}

/**
 * Parse a pair written `FROM=TO` (`5=5`, `3+4=3`, `=12` added, `9=` deleted), optionally followed by
 * `:KIND` when `withKind` (`5=6:moved`). Throws `usage` naming `option`.
 */
export function parsePairSpec(spec: string, option: string, withKind: boolean): { from: string[]; to: string[]; change?: ChangeKind } {
  const m = spec.match(withKind ? /^([^=]*)=([^:]*):(.+)$/ : /^([^=]*)=([^=]*)$/);
  const example = withKind ? '5=6:moved' : '5=6, 3+4=3, =12 or 9=';
  if (!m) throw new AccordError('usage', `--${option} expects ${withKind ? 'FROM=TO:KIND' : 'FROM=TO'} (e.g. ${example}), got "${spec}"`, { field: option });
  const from = side(m[1]!);
  const to = side(m[2]!);
  if (!from.length && !to.length) throw new AccordError('usage', `--${option} "${spec}" names no provision`, { field: option });
  if (!withKind) return { from, to };
  const change = m[3]!.trim();
  if (!(CHANGE_KINDS as readonly string[]).includes(change)) throw new AccordError('usage', `--${option}: change must be one of ${CHANGE_KINDS.join(', ')}, not "${change}"`, { field: option });
  return { from, to, change: change as ChangeKind };
}

export { mergeOverrides };

/** Read `--overrides FILE`: a JSON array of `{from, to, change}`. Throws `invalid_input` naming the entry. */
export function readOverrides(file: string): AlignmentOverride[] {
  const text = readDataFile(file, 'overrides').toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AccordError('invalid_input', `expected JSON: ${(e as Error).message}`, { file });
  }
  const list = Array.isArray(data) ? data : (data as { overrides?: unknown })?.overrides;
  if (!Array.isArray(list)) throw new AccordError('invalid_input', 'expected an array of {from, to, change}', { file });
  return list.map((o, i) => {
    const ok =
      o &&
      Array.isArray(o.from) &&
      Array.isArray(o.to) &&
      o.from.every((x: unknown) => typeof x === 'string') &&
      o.to.every((x: unknown) => typeof x === 'string') &&
      (CHANGE_KINDS as readonly string[]).includes(o.change);
    if (!ok) throw new AccordError('invalid_input', `expected {from: string[], to: string[], change: ${CHANGE_KINDS.join('|')}}`, { file, field: `[${i}]` });
    return { from: o.from, to: o.to, change: o.change };
  });
}

/** Parse `--alias Moscow=Russia` values. */
function aliasMap(values: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = v.match(/^([^=]+)=(.+)$/);
    if (!m) throw new AccordError('usage', `--alias expects NAME=CANONICAL, got "${v}"`, { field: 'alias' });
    out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** The JSON contract of one pair (plus `parts` for merged/split and `diff` with `--diff`). */
export function contractPair(p: AlignmentPair, withDiff = false): Record<string, unknown> {
  const out: Record<string, unknown> = { from: p.from, to: p.to, change: p.change, similarity: p.similarity };
  if (p.parts) out.parts = p.parts;
  if (p.overridden) out.overridden = true;
  if (withDiff && p.diff) out.diff = p.diff;
  return out;
}

/** Human rendering: one header line per pair, then the redline of changed text. */
export function renderComparison(pairs: AlignmentPair[], color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const p of pairs) {
    const head = `${p.from.join(' + ') || '—'} → ${p.to.join(' + ') || '—'}`;
    const tags = [p.change, p.moved ? 'moved' : '', p.status && p.status !== p.change ? p.status : '', p.overridden ? 'confirmed by a person' : ''].filter(Boolean).join(', ');
    lines.push(`${bold(head)}  ${tags}  ${p.similarity.toFixed(2)}`);
    if (p.parts && p.parts.length > 1) for (const part of p.parts) lines.push(`    ${part.from.join('+')} → ${part.to.join('+')}  ${part.similarity.toFixed(2)}`);
    if (p.diff && p.change !== 'unchanged' && p.change !== 'moved') lines.push(indent(redline(p.diff, color)));
  }
  const counts = CHANGE_KINDS.map((k) => [k, pairs.filter((p) => p.change === k).length] as const).filter(([, n]) => n);
  lines.push('', counts.map(([k, n]) => `${n} ${k}`).join(', '));
  return lines.join('\n');
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

/** Options of {@link runCompare} (the command's options). */
export interface CompareOptions extends StoreOptions {
  format?: string;
  /** File of overrides to apply (not stored). */
  overrides?: string;
  alias?: string[];
  mode?: string;
  diff?: boolean;
  /** `FROM=TO` pairs to confirm and store (change: `change`, else what the aligner found). */
  confirm?: string[];
  change?: string;
  /** `FROM=TO:KIND` pairs to store. */
  override?: string[];
  /** `FROM=TO` stored pairs to remove. */
  forget?: string[];
  note?: string;
}

/** What {@link runCompare} returns. */
export interface CompareRun {
  result: AlignmentResult;
  A: CompareInput;
  B: CompareInput;
  /** The stored alignment decisions applied (both sides stored), after any change made by this run. */
  decisions: Alignment | null;
  /** Whether this run changed the stored decisions. */
  changed: boolean;
}

/**
 * Align A with B as `accord compare` does: resolve both sides, apply stored and file overrides, and
 * store confirmations, overrides and removals (one audited write of the `alignments` record).
 * Throws `usage` for malformed options or when decisions are asked for between files,
 * `invalid_input` when a new override names a provision absent from A or B, `not_found` for sides.
 */
export async function runCompare(a: string, b: string, opts: CompareOptions = {}): Promise<CompareRun> {
  const mode = opts.mode ?? 'auto';
  if (!['auto', 'verbatim', 'paraphrase'].includes(mode)) throw new AccordError('usage', `--mode must be auto, verbatim or paraphrase, not "${mode}"`, { field: 'mode' });
  if (opts.change !== undefined && !(CHANGE_KINDS as readonly string[]).includes(opts.change)) {
    throw new AccordError('usage', `--change must be one of ${CHANGE_KINDS.join(', ')}, not "${opts.change}"`, { field: 'change' });
  }
  const confirms = (opts.confirm ?? []).map((c) => parsePairSpec(c, 'confirm', false));
  const explicit = (opts.override ?? []).map((c) => parsePairSpec(c, 'override', true) as AlignmentOverride);
  const forgets = (opts.forget ?? []).map((c) => parsePairSpec(c, 'forget', false));
  const deciding = confirms.length + explicit.length + forgets.length > 0;
  const A = await loadCompareInput(a, opts as Record<string, unknown>);
  const B = await loadCompareInput(b, opts as Record<string, unknown>);
  const stored = A.versionId !== undefined && B.versionId !== undefined && A.processId === B.processId;
  if (deciding && !stored) {
    throw new AccordError('usage', 'alignment decisions are stored only between two versions in the store; for files use --overrides FILE', { field: confirms.length ? 'confirm' : explicit.length ? 'override' : 'forget' });
  }
  const fileOverrides = opts.overrides ? readOverrides(opts.overrides) : [];
  const aliases = aliasMap(opts.alias);
  if (!stored) {
    const result = alignment(A.provisions, B.provisions, { sourceA: A.source, sourceB: B.source, aliases, mode: mode as 'auto' | 'verbatim' | 'paraphrase', overrides: fileOverrides });
    return { result, A, B, decisions: null, changed: false };
  }
  const decisions = deciding ? { confirm: confirms, change: opts.change as ChangeKind | undefined, override: explicit, forget: forgets, ...(opts.note ? { note: opts.note } : {}) } : undefined;
  const r = await withService({ ...opts, process: A.processId }, (ctx, pid) =>
    alignStored(ctx, pid, A.versionId!, B.versionId!, { mode: mode as 'auto' | 'verbatim' | 'paraphrase', aliases, extra: fileOverrides, ...(decisions ? { decisions } : {}) }),
  );
  return { result: r.result, A, B, decisions: r.decisions, changed: r.changed };
}

/** Add `compare` to the program. */
export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('compare')
        .description('align two versions point by point: unchanged, amended (with a word diff), moved, merged, split, added, deleted')
        .argument('<a>', 'the earlier version: a plan file (text, Markdown, .docx) or a stored version id')
        .argument('<b>', 'the later version or counter-proposal: a plan file or a stored version id')
        .option('--format <format>', 'text or markdown for both files (default: from each file name and content)')
        .option('--overrides <file>', 'JSON array of person-confirmed pairs {from, to, change} to apply (not stored)')
        .option('--alias <name=canonical...>', 'extra party aliases for matching, e.g. Kremlin=Russia')
        .option('--mode <mode>', 'auto, verbatim (any word change is an amendment) or paraphrase', 'auto')
        .option('--diff', 'with --json: include the word diff of each pair')
        .option('--confirm <from=to...>', 'stored versions: confirm a pair and store it, e.g. 5=5, 3+4=3 (merge), =12 (added), 9= (deleted)')
        .option('--change <kind>', `with --confirm: the change kind to store (${CHANGE_KINDS.join(', ')}; default: the one found)`)
        .option('--override <from=to:kind...>', 'stored versions: store a corrected pair, e.g. 5=6:moved')
        .option('--forget <from=to...>', 'stored versions: remove a stored decision')
        .option('--note <text>', 'a note kept with the decisions stored by this run'),
    ),
  ).action(async (a: string, b: string, opts: CompareOptions) => {
    const r = await runCompare(a, b, opts);
    for (const o of r.result.staleOverrides) process.stderr.write(`accord: warning: override ${JSON.stringify(o)} names a provision not found in ${a} or ${b}; not applied\n`);
    const json: Record<string, unknown> = { pairs: r.result.pairs.map((p) => contractPair(p, opts.diff)) };
    if (r.decisions) json.alignment = r.decisions;
    output(opts, json, () => {
      const text = renderComparison(r.result.pairs, useColor());
      if (!r.decisions) return text;
      const n = r.decisions.overrides.length;
      return `${text}\n${r.changed ? 'stored' : 'applied'} ${n} decision${n === 1 ? '' : 's'} by a person (${r.decisions.id})`;
    });
  });
}
