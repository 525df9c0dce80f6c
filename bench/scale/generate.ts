/**
 * A seeded generator of large synthetic processes for the scale benchmarks (issue 18): the same
 * seed and tier always give the same process. Tier 1,000 is the size the issue measures against
 * (20 parties, 30 versions of 2,000 points, 50,000 positions, 20,000 events, 5,000 queued reports);
 * tiers 10 and 100 scale every count linearly by 1/100 and 1/10 (parties grow slower: 10, 15, 20),
 * so cost per tier shows whether growth is linear.
 *
 * Every name and sentence is made of random syllables and a small neutral vocabulary: nothing in it
 * belongs to a real process. Version texts are written as Markdown and parsed with the plan parser,
 * so a generated bundle reads back exactly as an imported one would.
 *
 * Run: `npx tsx bench/scale/generate.ts [--tier 10|100|1000] [--out DIR]` (default: every tier into
 * bench/.out/, which git ignores). Library use: {@link generateProcess}, {@link ensureScaleBundle}.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../../src/analysis/random.js';
import type { Document, Event, EventStatus, Evidence, Party, Person, Position, ProcessData, Report, Source, Stance, Version } from '../../src/model/schemas.js';
import { writeBundle } from '../../src/store/bundle.js';
import { parsePlan } from '../../src/text/parse.js';
import { toProvisions } from '../../src/text/provisions.js';

/** The tiers the benchmarks measure: multiples of the bundled example. */
export const TIERS = [10, 100, 1000] as const;
export type Tier = (typeof TIERS)[number];

/** Entity counts of one tier. */
export interface TierSize {
  parties: number;
  persons: number;
  documents: number;
  versions: number;
  pointsPerVersion: number;
  sources: number;
  evidence: number;
  positions: number;
  events: number;
  reports: number;
}

/** Counts per tier: tier 1,000 as the issue gives it, the others scaled linearly (parties excepted). */
export function tierSize(tier: Tier): TierSize {
  const s = tier / 1000;
  const versions = tier === 10 ? 3 : tier === 100 ? 10 : 30;
  return {
    parties: tier === 10 ? 10 : tier === 100 ? 15 : 20,
    persons: Math.round(3000 * s),
    documents: Math.max(1, Math.round(versions / 5)),
    versions,
    pointsPerVersion: Math.round(60000 * s) / versions,
    sources: Math.round(30000 * s),
    evidence: Math.round(40000 * s),
    positions: Math.round(50000 * s),
    events: Math.round(20000 * s),
    reports: Math.round(5000 * s),
  };
}

/** Bumped whenever the generator's output changes, so cached bundles are regenerated. */
export const GENERATOR_VERSION = 1;

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sa', 'tor', 'vel', 'an', 'is', 'dru', 'bel', 'quo', 'ne', 'ta', 'gor', 'hu', 'ser', 'pia', 'zan', 'ol'];
const WORDS = (
  'the parties agree to a ceasefire along the line of contact monitored by an observer mission ' +
  'prisoners are exchanged all for all within thirty days elections are held under international supervision ' +
  'a joint commission reviews compliance every quarter and reports to the guarantors sanctions are lifted in stages ' +
  'refugees may return to their homes with full protection heavy weapons are withdrawn to agreed distances ' +
  'humanitarian corridors remain open the border is reopened for trade an amnesty covers acts committed during the conflict ' +
  'the constitution is amended to provide for decentralisation economic reconstruction is financed by a fund'
).split(' ');
const TOPICS = ['Ce', 'SsrFf', 'TjAm', 'TjPrire', 'Ele', 'NatRes', 'StBor', 'Dev', 'SsrGua', 'HrFra'];
const STANCES: Stance[] = ['accepts', 'accepts-with-conditions', 'proposes-alternative', 'rejects', 'undecided', 'no-public-position'];
const EVENT_KINDS = ['meeting', 'visit', 'phone-call', 'talks', 'statement', 'publication', 'summit'] as const;
const CITIES = ['Aster', 'Belmor', 'Corvin', 'Dalsk', 'Evrin', 'Falto', 'Gresh', 'Halbor'];

/** Days since 2020-01-01 → ISO date. */
function isoDay(days: number): string {
  return new Date(Date.UTC(2020, 0, 1) + days * 86400000).toISOString().slice(0, 10);
}
/** Span of generated dates: five years. */
const DAYS = 5 * 365;

/** Build the process of `tier` from `seed` (pure, deterministic). */
export function generateProcess(tier: Tier, seed = 18): ProcessData {
  const r = rng(seed * 7919 + tier);
  const size = tierSize(tier);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const name = (parts: number) => {
    let s = '';
    for (let i = 0; i < parts; i++) s += pick(SYLLABLES);
    return s[0]!.toUpperCase() + s.slice(1);
  };
  const sentence = (min: number, max: number) => {
    const n = min + int(max - min + 1);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(pick(WORDS));
    const s = ws.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  const parties: Party[] = [];
  for (let i = 0; i < size.parties; i++) {
    const n = name(2);
    parties.push({ id: `p${pad(i + 1, 2)}`, name: `${n} Republic`, short: n.slice(0, 4).toUpperCase(), role: i === 0 ? 'mediator' : i < 3 ? 'guarantor' : i === size.parties - 1 ? 'observer' : 'party', aliases: [`the ${n} side`] });
  }
  const persons: Person[] = [];
  for (let i = 0; i < size.persons; i++) {
    const party = parties[i % parties.length]!;
    persons.push({ id: `person-${pad(i + 1, 5)}`, name: `${name(2)} ${name(3)}`, aliases: [], memberships: [{ onBehalfOf: party.id, post: pick(['envoy', 'head of delegation', 'spokesperson', 'minister', 'adviser']) }] });
  }
  const sources: Source[] = [];
  for (let i = 0; i < size.sources; i++) {
    const day = int(DAYS);
    sources.push({ id: `src-${pad(i + 1, 6)}`, url: `https://news.example.org/${isoDay(day)}/${i + 1}`, outlet: `${name(2)} News`, publishedAt: isoDay(day) });
  }

  // Documents and versions: each document's versions keep point numbers, so lineage carries across.
  const documents: Document[] = [];
  const versions: Version[] = [];
  const perDoc = Math.ceil(size.versions / size.documents);
  const lineages: string[] = [];
  for (let d = 0; d < size.documents; d++) {
    const docId = `doc-${d + 1}`;
    documents.push({ id: docId, title: `${name(2)} framework ${d + 1}`, kind: d === 0 ? 'plan' : 'counter-proposal', proponents: [parties[d % parties.length]!.id], ...(d > 0 ? { amends: 'doc-1' } : {}) });
    for (let v = 0; v < perDoc && versions.length < size.versions; v++) {
      const lines: string[] = [];
      const axes = 10;
      let num = 0;
      for (let a = 0; a < axes; a++) {
        lines.push(`## ${'IVXLC'[Math.min(a, 4)]}${a + 1}. ${sentence(2, 4).slice(0, -1)}`, '');
        const points = size.pointsPerVersion / axes;
        for (let k = 0; k < points; k++) {
          num++;
          const x = r();
          let text = sentence(12, 30);
          if (x < 0.08) text = text.replace(/ (\w+) (\w+) /, ' [$1 $2] ');
          lines.push(`${num}. ${text}`, '');
          if (x > 0.9) {
            lines.push(`   a. ${sentence(6, 12)}`, `   b. ${sentence(6, 12)}`, '');
          }
        }
      }
      const parsed = parsePlan(lines.join('\n'), { format: 'markdown' });
      const { provisions } = toProvisions(parsed.provisions, docId);
      const id = `${docId}-v${v + 1}`;
      const date = isoDay(Math.floor(((versions.length + 1) / (size.versions + 1)) * DAYS));
      versions.push({ id, document: docId, label: `v${v + 1}`, date, proponents: [parties[d % parties.length]!.id], ...(v > 0 ? { basedOn: `${docId}-v${v}` } : {}), provisions });
      if (v === 0) for (let k = 1; k <= num; k++) lineages.push(`${docId}-${k}`);
    }
  }
  // topics on a few provisions of every version (carried in documents.yaml metadata)
  for (const v of versions) for (const ax of v.provisions) for (const p of ax.children) if (r() < 0.05) p.topics = [pick(TOPICS)];

  const events: Event[] = [];
  const statuses: EventStatus[] = ['held', 'held', 'held', 'held', 'held', 'held', 'held', 'scheduled', 'postponed', 'cancelled', 'rescheduled', 'held'];
  for (let i = 0; i < size.events; i++) {
    const day = Math.floor((i / size.events) * DAYS);
    const a = parties[int(parties.length)]!;
    const b = parties[int(parties.length)]!;
    const pa = persons[int(persons.length)]!;
    events.push({
      id: `ev-${pad(i + 1, 5)}`,
      kind: pick(EVENT_KINDS),
      status: pick(statuses),
      title: `${a.short}–${b.short} ${pick(['talks', 'meeting', 'call', 'round'])} ${i + 1}`,
      start: isoDay(day),
      ...(r() < 0.2 ? { end: isoDay(day + 1 + int(3)) } : {}),
      approximate: false,
      ...(r() < 0.6 ? { place: { city: pick(CITIES), country: `${name(2)}land` } } : {}),
      attendees: [
        { person: pa.id, party: pa.memberships[0]!.onBehalfOf },
        { person: `${name(2)} ${name(2)}`, party: b.id },
      ],
      tabled: r() < 0.05 ? [versions[int(versions.length)]!.id] : [],
      provisions: r() < 0.1 ? [pick(lineages)] : [],
      ...(r() < 0.5 ? { summary: sentence(10, 25) } : {}),
      sources: [sources[int(sources.length)]!.id],
    });
  }

  const evidence: Evidence[] = [];
  for (let i = 0; i < size.evidence; i++) {
    const pe = persons[int(persons.length)]!;
    const party = pe.memberships[0]!.onBehalfOf;
    const confidential = r() < 0.1;
    evidence.push({
      id: `evd-${pad(i + 1, 6)}`,
      speaker: pe.id,
      onBehalfOf: party,
      form: r() < 0.5 ? 'quote' : 'paraphrase',
      text: sentence(10, 30),
      saidAt: isoDay(int(DAYS)),
      attribution: pick(['on-record', 'official-document', 'anonymous-official', 'sources', 'leak', 'outlet-report'] as const),
      sources: [sources[int(sources.length)]!.id],
      ...(r() < 0.3 ? { event: events[int(events.length)]!.id } : {}),
      visibility: confidential ? { confidentialTo: party } : 'public',
    });
  }

  const positions: Position[] = [];
  for (let i = 0; i < size.positions; i++) {
    const party = parties[int(parties.length)]!;
    const confidential = r() < 0.1;
    const ev = evidence[int(evidence.length)]!;
    positions.push({
      id: `pos-${pad(i + 1, 6)}`,
      party: party.id,
      provision: pick(lineages),
      stance: pick(STANCES),
      asOf: isoDay(int(DAYS)),
      confidence: Math.round(r() * 100) / 100,
      visibility: confidential ? { confidentialTo: party.id } : 'public',
      // a confidential position may cite any evidence; a public one cites public evidence only
      evidence: confidential || ev.visibility === 'public' ? [ev.id] : [],
      ...(r() < 0.2 ? { conditions: sentence(6, 14) } : {}),
    });
  }

  const reports: Report[] = [];
  for (let i = 0; i < size.reports; i++) {
    const day = int(DAYS);
    const paras: string[] = [];
    for (let k = 0; k < 6; k++) paras.push(sentence(20, 40));
    const text = paras.join('\n\n');
    const pe = persons[int(persons.length)]!;
    reports.push({
      id: `report-${pad(i + 1, 5)}`,
      text,
      published: isoDay(day),
      outlet: `${name(2)} Daily`,
      title: sentence(4, 8).slice(0, -1),
      proposals: [
        {
          n: 1,
          type: 'event',
          span: [0, 20],
          confidence: 0.7,
          status: 'pending',
          proposed: { kind: 'meeting', status: 'held', start: isoDay(day - 1), end: null, precision: 'day', approximate: false, place: { city: pick(CITIES) }, attendees: [{ name: pe.name, person: pe.id, kind: 'known' }], medium: 'in-person', title: `meeting: ${pe.name}`, mentions: [[0, 20]] },
          edits: {},
        },
        {
          n: 2,
          type: 'statement',
          span: [21, 60],
          confidence: 0.5,
          status: 'pending',
          proposed: { speaker: { name: pe.name, person: pe.id, kind: 'known' }, party: pe.memberships[0]!.onBehalfOf, parties: [], attribution: 'on-record', form: 'paraphrase', text: text.slice(21, 60), cue: null, stance: null, provisions: [], topics: [], date: isoDay(day), dateSource: 'published' },
          edits: {},
        },
        { n: 3, type: 'person', span: [61, 70], confidence: 0.6, status: 'pending', proposed: { name: `${name(2)} ${name(3)}`, kind: 'new' }, edits: {} },
      ],
      warnings: [],
    });
  }

  return {
    process: { id: `scale-${tier}`, name: `Synthetic process ×${tier}`, description: `Generated by bench/scale/generate.ts (seed ${seed}, generator ${GENERATOR_VERSION}).`, startedAt: '2020-01-01', singleText: 'doc-1' },
    parties,
    persons,
    documents,
    versions,
    sources,
    evidence,
    positions,
    events,
    domains: [],
    alignments: [],
    reports,
  };
}

/** Folder where generated bundles are cached (ignored by git). */
export const OUT_DIR = fileURLToPath(new URL('../.out/', import.meta.url));

/**
 * The bundle folder of `tier`, generating it when missing or made by another generator version.
 * Returns its path.
 */
export function ensureScaleBundle(tier: Tier, opts: { dir?: string; log?: (m: string) => void } = {}): string {
  const dir = opts.dir ?? path.join(OUT_DIR, `scale-${tier}`);
  const stamp = path.join(dir, '.generator');
  const want = `${GENERATOR_VERSION} seed 18`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeBundle(dir, generateProcess(tier));
  writeFileSync(stamp, want);
  opts.log?.(`generated ×${tier} bundle in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const tierArg = args.indexOf('--tier');
  const outArg = args.indexOf('--out');
  const tiers = tierArg >= 0 ? [Number(args[tierArg + 1]) as Tier] : [...TIERS];
  for (const t of tiers) {
    if (!TIERS.includes(t)) throw new Error(`--tier must be one of ${TIERS.join(', ')}`);
    const dir = ensureScaleBundle(t, { dir: outArg >= 0 ? path.join(args[outArg + 1]!, `scale-${t}`) : undefined, log: console.log });
    console.log(`×${t}: ${dir} ${JSON.stringify(tierSize(t))}`);
  }
}
