/**
 * Acceptance over ../shared/corpus/articles: extract each report and compare with its .expected.json.
 *
 * Matching rule (decided before tuning, applied one-to-one, greedily by number of agreeing details):
 *
 * Events — an extracted event matches an expected one when
 *   1. the kind is the same ("phone call" = phone-call),
 *   2. the status is the same,
 *   3. the dates agree: the expected date is null (the annotator fixed none, e.g. "no date has been
 *      fixed") or the extracted [start, end] interval overlaps the expected [date, end_date],
 *   4. the attendees overlap: at least one expected participant is among the extracted attendees
 *      (same known person; or, for groups and people not in the record, the same name or a group of the
 *      same party with the same head noun — "EU leaders" ~ "European leaders"),
 *   5. the place does not contradict: when both give a place, the extracted city (or country) occurs
 *      in the expected place.
 *   Place and attendee completeness are reported separately (place agreement, attendee recall).
 *
 * Statements — an extracted statement matches an expected one when
 *   1. the speaker agrees: the same known person(s) (any overlap for joint speakers); a person not in
 *      the record by the same name; or, when the expected speaker is no single named person (officials,
 *      a joint statement, the E3), an extracted speaker that is not a known person either,
 *   2. the party agrees (any overlap for joint statements),
 *   3. the stance cue does not contradict the expected stance (table STANCE_OK: accepts ~ accept,
 *      rejects ~ reject, conditional ~ conditional, amends ~ amend, optimistic ~ anything but reject,
 *      pessimistic ~ anything but accept, not-participating ~ reject or unclear, no cue ~ anything;
 *      an expected "unclear" accepts any cue),
 *   4. the provisions do not contradict: when both list points, they share one.
 *   Exact stance agreement, provision precision/recall and date agreement are reported separately, and a
 *   strict F1 (exact stance and exact point set as well) is printed for information.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { KNOWN_PARTIES, KNOWN_PERSONS } from './fixtures/known.js';
import { buildPersonIndex, matchPersonName, partyOfForm } from './people.js';
import type { EventProposal, StanceCue, StatementProposal } from './types.js';

const DIR = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const known = { parties: KNOWN_PARTIES, persons: KNOWN_PERSONS };
const index = buildPersonIndex(KNOWN_PERSONS, KNOWN_PARTIES);

interface ExpParticipant {
  name: string;
  role?: string;
  party: string | null;
}
interface ExpEvent {
  kind: string;
  date: string | null;
  end_date: string | null;
  participants: ExpParticipant[];
  place: string | null;
  status: string;
}
interface ExpStatement {
  speaker: string;
  party: string;
  date: string | null;
  point_refs: number[];
  stance: string;
}
interface Expected {
  article: string;
  dateline_date: string;
  events: ExpEvent[];
  statements: ExpStatement[];
}

const articles = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as Expected);

const partiesOf = (s: string | null): string[] =>
  (s ?? '')
    .split(';')
    .map((x) => partyOfForm(index, x.trim()))
    .filter((x): x is string => !!x);

const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !['the', 'and', 'other', 'members'].includes(w)),
  );

/** Does extracted attendee `a` stand for expected participant `p`? */
function sameAttendee(a: EventProposal['attendees'][number], p: ExpParticipant): boolean {
  const pid = matchPersonName(index, p.name);
  if (pid) return a.person === pid;
  if (a.person) return false;
  if (a.name.toLowerCase() === p.name.toLowerCase()) return true;
  // Groups: same party and a shared content word ("delegation", "leaders", "advisers"…).
  const pp = partiesOf(p.party);
  const wa = words(a.name);
  const shared = [...words(p.name)].some((w) => wa.has(w) || wa.has(w.replace(/s$/, '')) || wa.has(w + 's'));
  return shared && (!pp.length || !a.party || pp.includes(a.party));
}

function dateAgrees(e: EventProposal, x: ExpEvent): boolean {
  if (!x.date) return true;
  if (!e.start) return false;
  const es = e.start;
  const ee = e.end ?? e.start;
  return es <= (x.end_date ?? x.date) && x.date <= ee;
}

function placeAgrees(e: EventProposal, x: ExpEvent): boolean {
  if (!e.place || !x.place) return true;
  const hay = x.place.toLowerCase();
  const city = e.place.city?.toLowerCase();
  const country = e.place.country?.toLowerCase();
  if (city) return hay.includes(city);
  if (country) return hay.includes(country);
  return true;
}

function eventMatch(e: EventProposal, x: ExpEvent): number {
  if (e.kind !== x.kind.replace(' ', '-')) return -1;
  if (e.status !== x.status) return -1;
  if (!dateAgrees(e, x)) return -1;
  const overlap = x.participants.filter((p) => e.attendees.some((a) => sameAttendee(a, p))).length;
  if (overlap === 0) return -1;
  if (!placeAgrees(e, x)) return -1;
  return overlap + (e.place && x.place ? 1 : 0);
}

/** Expected stance → the cues that do not contradict it. */
const STANCE_OK: Record<string, (StanceCue | null)[]> = {
  accept: [null, 'accepts', 'optimistic'],
  reject: [null, 'rejects', 'pessimistic', 'not-participating'],
  conditional: [null, 'conditional', 'optimistic', 'pessimistic'],
  amend: [null, 'amends', 'optimistic', 'pessimistic'],
  unclear: [null, 'accepts', 'rejects', 'conditional', 'amends', 'optimistic', 'pessimistic', 'not-participating'],
};
/** The corpus stance a cue reads as, for exact agreement. */
const CUE_AS: Record<string, string> = { accepts: 'accept', rejects: 'reject', conditional: 'conditional', amends: 'amend', optimistic: 'accept', pessimistic: 'unclear', 'not-participating': 'unclear' };

function speakerAgrees(s: StatementProposal, x: ExpStatement): boolean {
  const expIds = x.speaker
    .split(';')
    .map((n) => matchPersonName(index, n.trim()))
    .filter((v): v is string => !!v);
  const gotNames = s.speaker.name.split(';').map((n) => n.trim());
  const gotIds = gotNames.map((n) => matchPersonName(index, n)).filter((v): v is string => !!v);
  if (expIds.length) return gotIds.some((id) => expIds.includes(id));
  if (s.speaker.kind === 'new') return gotNames.some((n) => n.toLowerCase() === x.speaker.toLowerCase());
  return s.speaker.kind === 'group';
}

function statementMatch(s: StatementProposal, x: ExpStatement): number {
  if (!speakerAgrees(s, x)) return -1;
  const ep = partiesOf(x.party);
  if (!s.parties.some((p) => ep.includes(p))) return -1;
  if (!(STANCE_OK[x.stance] ?? [null]).includes(s.cue)) return -1;
  const xp = x.point_refs.map(String);
  if (xp.length && s.provisions.length && !s.provisions.some((p) => xp.includes(p))) return -1;
  let score = 1;
  if (s.cue && CUE_AS[s.cue] === x.stance) score += 2;
  if (xp.length && s.provisions.some((p) => xp.includes(p))) score += 2;
  if (!xp.length && !s.provisions.length) score += 1;
  if (x.date && s.date === x.date) score += 1;
  return score;
}

/** Greedy one-to-one assignment by descending score. */
function assign<A, B>(as: A[], bs: B[], score: (a: A, b: B) => number): [A, B][] {
  const pairs: { i: number; j: number; s: number }[] = [];
  as.forEach((a, i) => bs.forEach((b, j) => {
    const s = score(a, b);
    if (s >= 0) pairs.push({ i, j, s });
  }));
  pairs.sort((x, y) => y.s - x.s);
  const ui = new Set<number>();
  const uj = new Set<number>();
  const out: [A, B][] = [];
  for (const p of pairs) {
    if (ui.has(p.i) || uj.has(p.j)) continue;
    ui.add(p.i);
    uj.add(p.j);
    out.push([as[p.i]!, bs[p.j]!]);
  }
  return out;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const prf = (t: Tally) => {
  const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
  const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const f2 = (x: number) => x.toFixed(2);

describe('ingest acceptance over the corpus articles', () => {
  const rows: Record<string, string | number>[] = [];
  const ev: Tally = { tp: 0, fp: 0, fn: 0 };
  const st: Tally = { tp: 0, fp: 0, fn: 0 };
  const strict: Tally = { tp: 0, fp: 0, fn: 0 };
  let placeBoth = 0;
  let placeOk = 0;
  let attExp = 0;
  let attHit = 0;
  let stanceExact = 0;
  let stanceDecided = 0;
  let provTp = 0;
  let provGot = 0;
  let provExp = 0;
  let dateOk = 0;
  let dateBoth = 0;

  for (const art of articles) {
    const text = readFileSync(DIR + art.article, 'utf8');
    const r = extractReport({ text, published: art.dateline_date }, known);
    const em = assign(r.events, art.events, eventMatch);
    const sm = assign(r.statements, art.statements, statementMatch);
    const e: Tally = { tp: em.length, fp: r.events.length - em.length, fn: art.events.length - em.length };
    const s: Tally = { tp: sm.length, fp: r.statements.length - sm.length, fn: art.statements.length - sm.length };
    for (const [g, x] of em) {
      if (g.place && x.place) {
        placeBoth++;
        if (placeAgrees(g, x)) placeOk++;
      }
      attExp += x.participants.length;
      attHit += x.participants.filter((p) => g.attendees.some((a) => sameAttendee(a, p))).length;
    }
    let strictTp = 0;
    for (const [g, x] of sm) {
      if (x.stance !== 'unclear') {
        stanceDecided++;
        if (g.cue && CUE_AS[g.cue] === x.stance) stanceExact++;
      }
      const xp = x.point_refs.map(String);
      provGot += g.provisions.length;
      provExp += xp.length;
      provTp += g.provisions.filter((p) => xp.includes(p)).length;
      if (x.date) {
        dateBoth++;
        if (g.date === x.date) dateOk++;
      }
      const exactStance = x.stance === 'unclear' ? !g.cue || CUE_AS[g.cue] === 'unclear' : !!g.cue && CUE_AS[g.cue] === x.stance;
      const exactProv = xp.length === g.provisions.length && xp.every((p) => g.provisions.includes(p));
      if (exactStance && exactProv) strictTp++;
    }
    strict.tp += strictTp;
    strict.fp += r.statements.length - strictTp;
    strict.fn += art.statements.length - strictTp;
    for (const k of ['tp', 'fp', 'fn'] as const) {
      ev[k] += e[k];
      st[k] += s[k];
    }
    const pe = prf(e);
    const ps = prf(s);
    rows.push({
      article: art.article.slice(0, 3),
      'ev exp': art.events.length,
      'ev got': r.events.length,
      'ev tp': e.tp,
      'ev P': f2(pe.p),
      'ev R': f2(pe.r),
      'ev F1': f2(pe.f1),
      'st exp': art.statements.length,
      'st got': r.statements.length,
      'st tp': s.tp,
      'st P': f2(ps.p),
      'st R': f2(ps.r),
      'st F1': f2(ps.f1),
    });
  }
  const pe = prf(ev);
  const ps = prf(st);
  const pst = prf(strict);
  rows.push({
    article: 'ALL',
    'ev exp': ev.tp + ev.fn,
    'ev got': ev.tp + ev.fp,
    'ev tp': ev.tp,
    'ev P': f2(pe.p),
    'ev R': f2(pe.r),
    'ev F1': f2(pe.f1),
    'st exp': st.tp + st.fn,
    'st got': st.tp + st.fp,
    'st tp': st.tp,
    'st P': f2(ps.p),
    'st R': f2(ps.r),
    'st F1': f2(ps.f1),
  });
  console.log('\nIngest acceptance (matching rule in src/ingest/corpus.test.ts)');
  console.table(rows);
  console.log(
    [
      `events: place agreement ${placeOk}/${placeBoth}, attendee recall on matched events ${attHit}/${attExp} (${f2(attHit / Math.max(1, attExp))})`,
      `statements: exact stance ${stanceExact}/${stanceDecided} where the expected stance is decided; provisions P ${f2(provTp / Math.max(1, provGot))} R ${f2(provTp / Math.max(1, provExp))}; date ${dateOk}/${dateBoth}`,
      `statements strict (exact stance and points as well): P ${f2(pst.p)} R ${f2(pst.r)} F1 ${f2(pst.f1)}`,
    ].join('\n'),
  );

  it('finds events with F1 of at least 0.85 overall', () => {
    expect(pe.f1).toBeGreaterThanOrEqual(0.85);
  });
  it('finds statements with F1 of at least 0.8 overall', () => {
    expect(ps.f1).toBeGreaterThanOrEqual(0.8);
  });
  it('covers all seven corpus articles', () => {
    expect(articles.length).toBe(7);
  });
});
