/**
 * Plan parsing and version alignment on the three sets (issue 13): points P/R/F1, exact structures,
 * sub-point accuracy, alignment links P/R/F1 and change-kind accuracy (scoring: ./plan-score.ts).
 *
 * - `corpus`: every layout of ../shared/corpus/plan-28 against its expected.json; the counter-proposals
 *   with an expected alignment and a text of points (E3, 20-point framework) against the numbered
 *   layouts of the draft (a, b, e, f).
 * - `world-dev` / `world-test`: every layout of each plan folder of that half of
 *   ../shared/corpus-world (bench/eval-split.json), and each pair folder: every layout of the base
 *   version against every layout of the later one (a base or later version is a text in the pair
 *   folder or a plan folder, found from the expected alignment's `file` and `compared_with`).
 *
 * Each pair is aligned with the party aliases of its process, as a stored process would give them
 * (src/services/alignments.ts): for `corpus` the parties of the 2025 fixture
 * (src/ingest/fixtures/known.ts), for `corpus-world` the parties and mediators of the process file
 * that lists the pair folder among its documents (processes/*.json).
 *
 * `npm run eval -- plans --detail` also prints, for `corpus` and `world-dev` only, each file's
 * problems (identities and counts, never text). The test half is only ever printed as scores:
 * totals, and with `--by-folder` the counts of each pair folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KNOWN_PARTIES } from '../../src/ingest/fixtures/known.js';
import { alignment } from '../../src/text/align.js';
import { parsePlan } from '../../src/text/parse.js';
import { walkWithKeys } from '../../src/text/provisions.js';
import { aliasesOfParties } from '../../src/text/similarity.js';
import type { ParsedProvision } from '../../src/text/types.js';
import { pointIdentities, scoreAlignment, scorePlan, type ExpectedPlan, type ExpectedRow } from './plan-score.js';
import { add, zero, type Counts, type EvalRow } from './score.js';
import { CORPUS, WORLD, type EvalSet, type EvalSplit } from './split.js';

const detail = process.argv.includes('--detail');
/** `--by-folder`: the test half's scores per pair folder (counts only, as for the totals). */
const byFolder = process.argv.includes('--by-folder');

interface Totals {
  points: Counts;
  exact: { right: number; of: number };
  sub: { right: number; of: number };
  links: Counts;
  kinds: { right: number; of: number };
  plans: number;
  pairs: number;
  errors: string[];
}

const empty = (): Totals => ({
  points: zero(),
  exact: { right: 0, of: 0 },
  sub: { right: 0, of: 0 },
  links: zero(),
  kinds: { right: 0, of: 0 },
  plans: 0,
  pairs: 0,
  errors: [],
});

const isText = (f: string) => /\.(txt|md)$/i.test(f);
const layoutsIn = (dir: string) => readdirSync(dir).filter(isText).sort().map((f) => join(dir, f));
const parse = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return { text, tree: parsePlan(text).provisions };
};

function scorePlanFolder(dir: string, t: Totals, show: boolean, only?: (f: string) => boolean): void {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedPlan;
  for (const file of layoutsIn(dir)) {
    if (only && !only(basename(file))) continue;
    try {
      const s = scorePlan(parse(file).tree, expected, basename(file));
      t.points = add(t.points, s.points);
      t.exact.of++;
      if (s.exact) t.exact.right++;
      t.sub.right += s.sub.right;
      t.sub.of += s.sub.of;
      t.plans++;
      if (show) console.log(`  ${s.exact ? 'exact ' : 'WRONG '} ${basename(dir)}/${basename(file)}  points tp ${s.points.tp} fp ${s.points.fp} fn ${s.points.fn}${s.problems.length ? '  — ' + s.problems.slice(0, 5).join('; ') : ''}`);
    } catch (err) {
      t.exact.of++;
      t.errors.push(`${basename(dir)}/${basename(file)}: ${(err as Error).message.slice(0, 120)}`);
    }
  }
}

/** Base and later texts of a pair folder (see module doc). */
function pairFiles(dir: string, spec: { file?: string; compared_with?: string }): { base: string[]; later: string[] } {
  const here = layoutsIn(dir);
  const plansRoot = resolve(dir, '../../plans');
  const docIndex = new Map<string, string>();
  if (existsSync(plansRoot))
    for (const d of readdirSync(plansRoot)) {
      const e = join(plansRoot, d, 'expected.json');
      if (existsSync(e)) docIndex.set((JSON.parse(readFileSync(e, 'utf8')) as { document_id?: string }).document_id ?? d, join(plansRoot, d));
    }
  const resolveRef = (ref: string | undefined): string[] => {
    if (!ref) return [];
    const paths = [...ref.matchAll(/(?:\.\.?\/)[^\s;,)]+|[\w.-]+\.(?:txt|md|json)\b/g)].map((m) => m[0]);
    for (const p of paths) {
      const abs = resolve(dir, p);
      if (!existsSync(abs)) continue;
      if (statSync(abs).isDirectory()) return layoutsIn(abs);
      if (abs.endsWith('.json')) return layoutsIn(dirname(abs));
      return [abs];
    }
    const id = /^[\w.-]+/.exec(ref.trim())?.[0];
    if (id && docIndex.has(id)) return layoutsIn(docIndex.get(id)!);
    const asDir = resolve(plansRoot, ref.trim());
    if (existsSync(asDir) && statSync(asDir).isDirectory()) return layoutsIn(asDir);
    return [];
  };
  let later = resolveRef(spec.file);
  let base = resolveRef(spec.compared_with).filter((f) => !later.includes(f));
  if (!later.length) later = here.filter((f) => !base.includes(f));
  if (!base.length) base = here.filter((f) => !later.includes(f));
  return { base, later };
}

/** Point identities a version has by its folder's expected.json (null: no expected file). */
function expectedKeys(file: string): Set<string> | null {
  const e = join(dirname(file), 'expected.json');
  if (!existsSync(e)) return null;
  return new Set((JSON.parse(readFileSync(e, 'utf8')) as ExpectedPlan).points.map((p) => String(p.number)));
}

function scorePair(baseFile: string, laterFile: string, rows: ExpectedRow[], t: Totals, show: boolean, label: string, aliases: Record<string, string>): void {
  try {
    const A = parse(baseFile);
    const B = parse(laterFile);
    const result = alignment(A.tree, B.tree, { sourceA: A.text, sourceB: B.text, aliases });
    const idA = pointIdentities(walkWithKeys(A.tree as ParsedProvision[]));
    const idB = pointIdentities(walkWithKeys(B.tree as ParsedProvision[]));
    const s = scoreAlignment(result.pairs, rows, { idA, idB, keysA: expectedKeys(baseFile), keysB: expectedKeys(laterFile) });
    t.links = add(t.links, s.links);
    t.kinds.right += s.kinds.right;
    t.kinds.of += s.kinds.of;
    t.pairs++;
    if (show)
      console.log(
        `  ${label}: ${basename(baseFile)} → ${basename(laterFile)} (${result.mode})  links tp ${s.links.tp} fp ${s.links.fp} fn ${s.links.fn}, kinds ${s.kinds.right}/${s.kinds.of}` +
          (s.wrong.length ? `; wrong: ${s.wrong.join(', ')}` : '') +
          (s.missed.length ? `; missed: ${s.missed.join(', ')}` : ''),
      );
  } catch (err) {
    t.errors.push(`${label}: ${(err as Error).message.slice(0, 120)}`);
  }
}

const corpusAliases = aliasesOfParties(KNOWN_PARTIES);

interface ProcessFile {
  documents?: string[];
  parties?: { name: string; aliases?: string[] }[];
  mediators?: { name: string; aliases?: string[] }[];
}

/** Party aliases of the corpus-world process that lists `folder` among its documents ({} when none does). */
function processAliases(folder: string): Record<string, string> {
  const dir = join(WORLD, 'processes');
  if (!existsSync(dir)) return {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ProcessFile;
    if (p.documents?.includes(folder)) return aliasesOfParties([...(p.parties ?? []), ...(p.mediators ?? [])]);
  }
  return {};
}

function corpusSet(show: boolean): Totals {
  const t = empty();
  scorePlanFolder(join(CORPUS, 'plan-28'), t, show);
  const bases = ['layout-a-numbered-letters.txt', 'layout-b-arrows.txt', 'layout-e-markdown-axes.md', 'layout-f-noisy-crlf.txt'].map((f) => join(CORPUS, 'plan-28', f));
  const dir = join(CORPUS, 'counter-proposals');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.expected-alignment.json')).sort()) {
    const spec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { file: string; alignment: ExpectedRow[] };
    // A version reported without a text of points (all rows without a counter point) has nothing to align.
    if (spec.alignment.every((r) => r.counter_point === null)) continue;
    for (const b of bases) scorePair(b, join(dir, spec.file), spec.alignment, t, show, f.replace('.expected-alignment.json', ''), corpusAliases);
  }
  return t;
}

function worldSet(half: EvalSplit['development'], show: boolean): Totals {
  const t = empty();
  for (const p of half.plans) {
    const dir = join(WORLD, 'plans', p);
    if (!existsSync(join(dir, 'expected.json'))) {
      t.errors.push(`plans/${p}: no expected.json`);
      continue;
    }
    scorePlanFolder(dir, t, show);
  }
  for (const p of half.pairs) {
    const dir = join(WORLD, 'pairs', p);
    const specFile = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('expected-alignment.json')) : undefined;
    if (!specFile) {
      t.errors.push(`pairs/${p}: no expected alignment`);
      continue;
    }
    const spec = JSON.parse(readFileSync(join(dir, specFile), 'utf8')) as { file?: string; compared_with?: string; alignment: ExpectedRow[] };
    const { base, later } = pairFiles(dir, spec);
    if (!base.length || !later.length) {
      t.errors.push(`pairs/${p}: base or later text not found`);
      continue;
    }
    const before = { links: t.links, kinds: { ...t.kinds }, pairs: t.pairs };
    const aliases = processAliases(`pairs/${p}/`);
    for (const b of base) for (const l of later) scorePair(b, l, spec.alignment, t, show, p, aliases);
    if (byFolder && !show)
      console.log(
        `  pairs/${p}: ${t.pairs - before.pairs} text pairs, links tp ${t.links.tp - before.links.tp} fp ${t.links.fp - before.links.fp} fn ${t.links.fn - before.links.fn}, kinds ${t.kinds.right - before.kinds.right}/${t.kinds.of - before.kinds.of}`,
      );
  }
  return t;
}

function rowsOf(set: EvalSet, t: Totals): EvalRow[] {
  const rows: EvalRow[] = [
    { task: 'plan points', set, counts: t.points, note: `${t.plans} layouts` },
    { task: 'plan exact structure', set, ratio: t.exact },
    { task: 'plan sub-point accuracy', set, ratio: t.sub, note: 'matched points with the right sub-items' },
    { task: 'alignment links', set, counts: t.links, note: `${t.pairs} text pairs` },
    { task: 'alignment change kinds', set, ratio: t.kinds, note: 'of links found with a known kind' },
  ];
  if (t.errors.length) rows.push({ task: 'plan/alignment errors', set, note: t.errors.join(' | ') });
  return rows;
}

export async function evaluatePlans(split: EvalSplit): Promise<EvalRow[]> {
  if (detail) console.log('corpus:');
  const c = corpusSet(detail);
  if (detail) console.log('world-dev:');
  const d = worldSet(split.development, detail);
  if (byFolder) console.log('world-test:');
  const w = worldSet(split.test, false);
  const per = [rowsOf('corpus', c), rowsOf('world-dev', d), rowsOf('world-test', w)];
  // Tasks grouped, sets side by side.
  const out: EvalRow[] = [];
  for (let k = 0; k < per[0]!.length; k++) for (const rows of per) if (rows[k]) out.push(rows[k]!);
  for (const rows of per) for (const r of rows.slice(per[0]!.length)) out.push(r);
  return out;
}
