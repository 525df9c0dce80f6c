/**
 * Report ingestion on the three sets (issue 12): events and statements P/R/F1, on an empty store and
 * on a store holding the process's actors, and the slowest report.
 *
 * Sets: `corpus` (../shared/corpus/articles, the Russia–Ukraine process, actors from the example
 * bundle examples/russia-ukraine-2025), `world-dev` and `world-test` (the halves of
 * ../shared/corpus-world/articles in bench/eval-split.json, actors from ../shared/corpus-world/
 * processes/*.json). Matching: src/ingest/scoring.ts, the same rule as the acceptance test.
 * `npm run eval -- articles --detail` also prints each report's counts, and `--dev-details` each
 * report's misses (false positives and negatives); both for development material only (corpus and
 * world-dev), never for the test half.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../../src/ingest/extract.js';
import { type ArticleScore, type ExpectedArticle, ScoringWorld, type ScoringTruth, scoreArticle, truthFromStore } from '../../src/ingest/scoring.js';
import type { IngestResult, KnownContext } from '../../src/ingest/types.js';
import type { Party, Person } from '../../src/model/schemas.js';
import { personSlug } from '../../src/ingest/review.js';
import { readBundle } from '../../src/store/bundle.js';
import { add, type Counts, type EvalRow, zero } from './score.js';
import { CORPUS, type EvalSet, EVAL_SETS, type EvalSplit, WORLD } from './split.js';

interface ProcessFile {
  process_id: string;
  parties: { id: string; name: string; aliases?: string[] }[];
  mediators?: { id: string; name: string; aliases?: string[] }[];
  persons: { name: string; aliases?: string[]; posts?: string[]; party?: string }[];
}

interface ProcessActors {
  id: string;
  known: KnownContext;
  truth: ScoringTruth;
}

/** The process's actors as a store would hold them: parties and mediators, persons with memberships. */
function actorsOfProcessFile(p: ProcessFile): ProcessActors {
  const parties = new Map<string, Party>();
  for (const x of [...p.parties, ...(p.mediators ?? [])]) {
    const prev = parties.get(x.id);
    if (prev) prev.aliases.push(...(x.aliases ?? []).filter((a) => !prev.aliases.includes(a)));
    else parties.set(x.id, { id: x.id, name: x.name, role: p.parties.includes(x as never) ? 'party' : 'mediator', aliases: [...(x.aliases ?? [])] });
  }
  const partyId = (ref: string | undefined): string | undefined => {
    if (!ref) return undefined;
    if (parties.has(ref)) return ref;
    const byName = [...parties.values()].find((x) => x.name === ref || x.aliases.includes(ref));
    if (byName) return byName.id;
    const id = personSlug(ref);
    parties.set(id, { id, name: ref, role: 'observer', aliases: [] });
    return id;
  };
  const persons: Person[] = [];
  const used = new Set<string>();
  for (const h of p.persons) {
    let id = personSlug(h.name);
    for (let k = 2; used.has(id); k++) id = `${personSlug(h.name)}-${k}`;
    used.add(id);
    const party = partyId(h.party);
    persons.push({ id, name: h.name, aliases: [...(h.aliases ?? [])], memberships: party ? (h.posts ?? ['member']).map((post) => ({ onBehalfOf: party, post })) : [] });
  }
  const ps = [...parties.values()];
  return { id: p.process_id, known: { parties: ps, persons }, truth: truthFromStore(ps, persons) };
}

function loadWorldProcesses(): ProcessActors[] {
  const dir = WORLD + 'processes/';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => actorsOfProcessFile(JSON.parse(readFileSync(dir + f, 'utf8')) as ProcessFile));
}

/** The process a labelled report belongs to: the one whose party names its expected party labels use most. */
function processOf(exp: ExpectedArticle, procs: ProcessActors[]): ProcessActors {
  const labels = [...exp.events.flatMap((e) => e.participants.map((p) => p.party ?? '')), ...exp.statements.map((s) => s.party)]
    .flatMap((l) => l.split(';'))
    .map((l) => l.trim())
    .filter(Boolean);
  let best = procs[0]!;
  let bestHits = -1;
  for (const p of procs) {
    const names = new Set(p.known.parties.filter((x) => x.role !== 'observer').map((x) => x.name));
    const people = new Set(p.known.persons.map((x) => x.name));
    const hits = labels.filter((l) => names.has(l)).length + exp.events.flatMap((e) => e.participants).filter((x) => people.has(x.name)).length;
    if (hits > bestHits) {
      best = p;
      bestHits = hits;
    }
  }
  return best;
}

interface Item {
  stem: string;
  text: string;
  expected: ExpectedArticle;
  actors: ProcessActors;
}

function loadSet(set: EvalSet, split: EvalSplit, world: ProcessActors[], ruUa: ProcessActors): Item[] {
  if (set === 'corpus') {
    const dir = CORPUS + 'articles/';
    return readdirSync(dir)
      .filter((f) => f.endsWith('.expected.json'))
      .sort()
      .map((f) => {
        const expected = JSON.parse(readFileSync(dir + f, 'utf8')) as ExpectedArticle;
        return { stem: f.replace(/\.expected\.json$/, ''), text: readFileSync(dir + expected.article, 'utf8'), expected, actors: ruUa };
      });
  }
  const dir = WORLD + 'articles/';
  const half = set === 'world-dev' ? split.development : split.test;
  return half.articles.map((stem) => {
    const expected = JSON.parse(readFileSync(dir + stem + '.expected.json', 'utf8')) as ExpectedArticle;
    return { stem, text: readFileSync(dir + expected.article, 'utf8'), expected, actors: processOf(expected, world) };
  });
}

const brief = (o: unknown) => JSON.stringify(o);

function showEvent(e: IngestResult['events'][number]): string {
  return `${e.kind} ${e.status} ${e.start ?? '-'}${e.end ? '..' + e.end : ''} @${e.place ? (e.place.city ?? e.place.country ?? e.place.venue ?? '') : '-'} [${e.attendees.map((a) => `${a.name}${a.party ? '/' + a.party : ''}(${a.kind[0]})`).join(', ')}]`;
}

function showStatement(s: IngestResult['statements'][number], text: string): string {
  return `${s.speaker.name}(${s.speaker.kind[0]}) party=${s.parties.join(';') || '-'} cue=${s.cue ?? '-'} prov=${s.provisions.join(',') || '-'} date=${s.date ?? '-'} «${text.slice(s.span[0], s.span[1]).replace(/\s+/g, ' ').slice(0, 110)}»`;
}

/** Prints a development report's unmatched extracted items (FP) and unmatched required expected items (FN). */
function printMisses(set: EvalSet, cond: string, it: Item, r: IngestResult, s: ArticleScore): void {
  const evGot = new Set(s.eventPairs.map(([i]) => i));
  const evExp = new Set(s.eventPairs.map(([, j]) => j));
  const stGot = new Set(s.statementPairs.map(([i]) => i));
  const stExp = new Set(s.statementPairs.map(([, j]) => j));
  const lines: string[] = [];
  r.events.forEach((e, i) => evGot.has(i) || lines.push(`    FP event  ${showEvent(e)}`));
  it.expected.events.forEach((x, j) => evExp.has(j) || x.optional || lines.push(`    FN event  ${x.kind} ${x.status} ${x.date ?? '-'} @${x.place ?? '-'} ${brief(x.participants.map((p) => p.name + (p.party ? '/' + p.party : '')))}`));
  r.statements.forEach((x, i) => stGot.has(i) || lines.push(`    FP stmt   ${showStatement(x, it.text)}`));
  it.expected.statements.forEach((x, j) => stExp.has(j) || x.optional || lines.push(`    FN stmt   ${x.speaker} party=${x.party} stance=${x.stance} points=${x.point_refs.join(',') || '-'} date=${x.date ?? '-'}`));
  if (lines.length) console.log(`  ${set} · ${cond} · ${it.stem} (${r.language})\n${lines.join('\n')}`);
}

const EMPTY: KnownContext = { parties: [], persons: [] };

/** P/R/F1 of events and statements per set and store condition, plus the slowest report. */
export async function evaluateArticles(split: EvalSplit): Promise<EvalRow[]> {
  const detail = process.argv.includes('--detail');
  const misses = process.argv.includes('--dev-details');
  const world = loadWorldProcesses();
  const bundle = readBundle(fileURLToPath(new URL('../../examples/russia-ukraine-2025/', import.meta.url))).data;
  const ruUa: ProcessActors = { id: 'russia-ukraine-2025', known: { parties: bundle.parties, persons: bundle.persons }, truth: truthFromStore(bundle.parties, bundle.persons) };
  const rows: EvalRow[] = [];
  let slowest = { ms: 0, stem: '' };
  const conditions: [string, (it: Item) => KnownContext][] = [
    ['empty store', () => EMPTY],
    ['process actors', (it) => it.actors.known],
  ];
  const byTask = new Map<string, EvalRow[]>();
  for (const set of EVAL_SETS) {
    const items = loadSet(set, split, world, ruUa);
    // Warm up once so the first report does not carry the libraries' start-up.
    if (items[0]) extractReport({ text: items[0].text, published: items[0].expected.dateline_date }, EMPTY);
    for (const [cond, knownOf] of conditions) {
      let ev: Counts = zero();
      let st: Counts = zero();
      for (const it of items) {
        const known = knownOf(it);
        const t0 = performance.now();
        const r = extractReport({ text: it.text, published: it.expected.dateline_date }, known);
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { ms, stem: `${it.stem} (${cond})` };
        const s = scoreArticle(r, it.expected, new ScoringWorld(it.actors.truth), known);
        ev = add(ev, s.events);
        st = add(st, s.statements);
        if (misses && set !== 'world-test') printMisses(set, cond, it, r, s);
        if (detail && set !== 'world-test') {
          console.log(`  ${set} ${cond.padEnd(14)} ${it.stem.padEnd(44)} events tp ${s.events.tp} fp ${s.events.fp} fn ${s.events.fn}   statements tp ${s.statements.tp} fp ${s.statements.fp} fn ${s.statements.fn}`);
        }
      }
      for (const [task, counts] of [[`events · ${cond}`, ev], [`statements · ${cond}`, st]] as const) {
        const l = byTask.get(task) ?? [];
        l.push({ task, set, counts });
        byTask.set(task, l);
      }
    }
  }
  for (const l of byTask.values()) rows.push(...l);
  rows.push({ task: 'slowest report', set: '-', note: `${slowest.ms.toFixed(1)} ms: ${slowest.stem}` });
  return rows;
}
