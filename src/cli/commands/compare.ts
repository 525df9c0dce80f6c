/**
 * `accord compare A B`: align two versions of a text point by point and print the pairs, as a
 * terminal redline or as JSON (`--json`, the CLI contract):
 * `{"pairs":[{"from":[…],"to":[…],"change":…,"similarity":…}]}` with keys `21`, `#4` (the 4th
 * unnumbered point) and `21.a`; merged and split pairs also carry `parts`.
 *
 * A and B are plan files (text, Markdown, .docx). Stored version ids will be resolved through
 * {@link setStoredVersionResolver} once the store offers them; until then an argument that is not an
 * existing file is reported as `not_found`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { alignment, CHANGE_KINDS, type AlignmentOverride, type AlignmentPair } from '../../text/align.js';
import { redline } from '../../text/diff.js';
import { parsePlan } from '../../text/parse.js';
import type { ParsedProvision } from '../../text/types.js';
import type { Provision } from '../../model/schemas.js';
import { output, useColor, withJson } from '../common.js';
import { formatOf, readPlanFile } from './parse.js';

/** A version to compare: its provisions and, when it came from a file, the raw text. */
export interface CompareInput {
  provisions: (ParsedProvision | Provision)[];
  source?: string;
  label: string;
}

type StoredResolver = (id: string, opts: Record<string, unknown>) => Promise<CompareInput | null>;
let storedResolver: StoredResolver | null = null;

/**
 * Hook for stored versions: `resolver(id)` returns the version's provisions, or null when the id is
 * unknown. Registered by the store layer; `compare` tries files first, then this resolver.
 */
export function setStoredVersionResolver(resolver: StoredResolver | null): void {
  storedResolver = resolver;
}

/** Read one side of the comparison: an existing file, else a stored version id. */
export async function loadCompareInput(arg: string, opts: { format?: string } & Record<string, unknown> = {}): Promise<CompareInput> {
  if (existsSync(arg)) {
    const text = await readPlanFile(arg);
    return { provisions: parsePlan(text, { format: formatOf(arg, opts.format) }).provisions, source: text, label: arg };
  }
  if (storedResolver) {
    const v = await storedResolver(arg, opts);
    if (v) return v;
  }
  throw new AccordError('not_found', `"${arg}" is neither a file nor a known version id`, { file: arg });
}

/** Read `--overrides FILE`: a JSON array of `{from, to, change}`. Throws `invalid_input` naming the entry. */
export function readOverrides(file: string): AlignmentOverride[] {
  if (!existsSync(file)) throw new AccordError('not_found', `overrides file "${file}" does not exist`, { file });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
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

/** Add `compare` to the program. */
export function register(program: Command): void {
  withJson(
    program
      .command('compare')
      .description('align two versions point by point: unchanged, amended (with a word diff), moved, merged, split, added, deleted')
      .argument('<a>', 'the earlier version: a plan file (text, Markdown, .docx)')
      .argument('<b>', 'the later version or counter-proposal: a plan file')
      .option('--format <format>', 'text or markdown for both files (default: from each file name and content)')
      .option('--overrides <file>', 'JSON array of person-confirmed pairs {from, to, change} to apply')
      .option('--alias <name=canonical...>', 'extra party aliases for matching, e.g. Kremlin=Russia')
      .option('--mode <mode>', 'auto, verbatim (any word change is an amendment) or paraphrase', 'auto')
      .option('--diff', 'with --json: include the word diff of each pair'),
  ).action(async (a: string, b: string, opts: { format?: string; overrides?: string; alias?: string[]; mode: string; diff?: boolean; json?: boolean }) => {
    if (!['auto', 'verbatim', 'paraphrase'].includes(opts.mode)) throw new AccordError('usage', `--mode must be auto, verbatim or paraphrase, not "${opts.mode}"`, { field: 'mode' });
    const A = await loadCompareInput(a, opts);
    const B = await loadCompareInput(b, opts);
    const result = alignment(A.provisions, B.provisions, {
      sourceA: A.source,
      sourceB: B.source,
      overrides: opts.overrides ? readOverrides(opts.overrides) : [],
      aliases: aliasMap(opts.alias),
      mode: opts.mode as 'auto' | 'verbatim' | 'paraphrase',
    });
    for (const o of result.staleOverrides) process.stderr.write(`accord: warning: override ${JSON.stringify(o)} names a provision not found in ${a} or ${b}; not applied\n`);
    output(opts, { pairs: result.pairs.map((p) => contractPair(p, opts.diff)) }, () => renderComparison(result.pairs, useColor()));
  });
}
